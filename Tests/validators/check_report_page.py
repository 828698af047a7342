#!/usr/bin/env python3
"""Opens a report page in a real headless Chromium (Debian's chromium and chromedriver,
Python selenium) and measures it as a person would see it:
- at 1280x800 the headline figures (total, share of the target, standing) are on the first
  screen without scrolling;
- at 390x844 (a phone) nothing makes the page scroll sideways, and every chart text that
  is shown is at least 11 px tall as rendered;
- the page has no script, loads nothing else, and the console has no errors.
Usage: check_report_page.py PAGE.html SCREENSHOT_FOLDER. Prints "ok" or the failures."""
import os
import sys

from selenium.webdriver.chrome.options import Options

import headless_chromium

page, shots = os.path.abspath(sys.argv[1]), sys.argv[2]
os.makedirs(shots, exist_ok=True)
name = os.path.splitext(os.path.basename(page))[0]
options = Options()
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
    options.add_argument(argument)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = headless_chromium.start(options)
failures = []
try:
    driver.set_window_size(1280, 800)
    driver.get("file://" + page)
    height = driver.execute_script("return window.innerHeight")
    for selector in (".glance .big", ".glance .progress", ".glance .standing"):
        found = driver.find_elements("css selector", selector)
        if not found:
            failures.append(f"1280x800: no {selector}")
            continue
        bottom = driver.execute_script("return arguments[0].getBoundingClientRect().bottom", found[0])
        if bottom > height:
            failures.append(f"1280x800: {selector} ends at {bottom:.0f} px, below the first screen ({height} px)")
    if driver.find_elements("css selector", "script"):
        failures.append("the page has a script")
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    if resources:
        failures.append(f"the page loaded {resources}")
    driver.save_screenshot(os.path.join(shots, f"{name}-1280.png"))

    driver.set_window_size(390, 844)
    driver.get("file://" + page)
    width, scroll = driver.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
    if scroll > width:
        failures.append(f"390 px: the page is {scroll} px wide and scrolls sideways")
    sizes = driver.execute_script("""
        return Array.from(document.querySelectorAll('svg text'))
          .filter(t => t.getBoundingClientRect().width > 0)
          .map(t => [parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a, t.textContent]);""")
    if not sizes:
        failures.append("390 px: no chart text is shown")
    small = [(round(size, 1), text) for size, text in sizes if size < 11]
    if small:
        failures.append(f"390 px: chart text under 11 px: {small[:5]}")
    overflowing = driver.execute_script("""
        return Array.from(document.querySelectorAll('svg text')).filter(t => t.getBoundingClientRect().width > 0)
          .filter(t => { const s = t.ownerSVGElement.getBoundingClientRect(), r = t.getBoundingClientRect();
                         return r.left < s.left - 1 || r.right > s.right + 1; })
          .map(t => t.textContent);""")
    if overflowing:
        failures.append(f"390 px: chart text cut at the chart's edge: {overflowing[:5]}")
    driver.save_screenshot(os.path.join(shots, f"{name}-390.png"))
    errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    if errors:
        failures.append(f"console errors: {errors}")
finally:
    driver.quit()
print("\n".join(failures) if failures else "ok")
sys.exit(1 if failures else 0)
