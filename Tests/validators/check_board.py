#!/usr/bin/env python3
"""Opens the served board (`streamreach serve`) in a real headless Chromium (Debian's
chromium and chromedriver, Python selenium), as a person would:
- without the token the board answers 401; a one-time login link signs the browser in;
- at 1280x800 the headline figures of the overview, a weekly report and the live page are
  on the first screen without scrolling;
- at 390x844 (a phone) no page scrolls sideways (measured in the page);
- the console has no error (a style or script refused by the policy would show there), and
  no page asks anything of another server;
- /live shows a figure the test stores within 3 s, without a reload (Server-Sent Events);
- with JavaScript off, /live still shows the latest figures and refreshes itself.
Usage: check_board.py BASE_URL SCREENSHOTS HANDSHAKE_FOLDER LOGIN_LINK LOGIN_LINK_2 EXPECTED
The test stores the new figure when HANDSHAKE_FOLDER/ready appears, and writes
HANDSHAKE_FOLDER/stored (the Unix time it stored it). Prints "ok" or the failures."""
import os
import sys
import time

from selenium.webdriver.chrome.options import Options

import headless_chromium

base, shots, hand, link, second_link, expected = sys.argv[1:7]
os.makedirs(shots, exist_ok=True)
failures = []
PAGES = ["/", "/live", "/p/hist", "/p/hist/reports", "/p/hist/week/1", "/p/hist/all"]


def browser(javascript=True):
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return headless_chromium.start(options)


def name(path):
    return path.strip("/").replace("/", "-") or "overview"


def console_errors(driver, where):
    errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    if errors:
        failures.append(f"{where}: console errors: {errors}")


driver = browser()
try:
    driver.set_window_size(1280, 800)
    driver.get(base + "/")
    if "needs its token" not in driver.find_element("tag name", "body").text:
        failures.append("without the token the board did not ask for it")
    driver.get_log("browser")  # the 401 itself is logged as a failed load; that one is expected
    driver.get(base + link)
    if driver.current_url.rstrip("/") != base.rstrip("/"):
        failures.append(f"the login link led to {driver.current_url}, not the board")

    height = driver.execute_script("return window.innerHeight")
    for path, selectors in (("/", (".glance .big", ".glance .progress", ".glance .standing")),
                            ("/p/hist/week/1", (".glance .big", ".glance .progress", ".glance .standing")),
                            ("/live", ("#live-total", "#live-platforms"))):
        driver.get(base + path)
        for selector in selectors:
            # Asked in one script, without holding the element: on /live the event stream
            # replaces the figures at any moment, and a held element would go stale.
            bottom = driver.execute_script(
                "const e = document.querySelector(arguments[0]); return e ? e.getBoundingClientRect().bottom : null", selector)
            if bottom is None:
                failures.append(f"1280x800 {path}: no {selector}")
                continue
            if bottom > height:
                failures.append(f"1280x800 {path}: {selector} ends at {bottom:.0f} px, below the first screen ({height} px)")
        driver.save_screenshot(os.path.join(shots, f"board-{name(path)}-1280.png"))
        console_errors(driver, path)

    driver.set_window_size(390, 844)
    for path in PAGES:
        driver.get(base + path)
        width, scroll = driver.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
        if scroll > width:
            failures.append(f"390 px {path}: the page is {scroll} px wide and scrolls sideways")
        loaded = driver.execute_script(
            "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).map(e => e.name)")
        outside = [url for url in loaded if not url.startswith(base)]
        if outside:
            failures.append(f"{path} asked another server: {outside}")
        driver.save_screenshot(os.path.join(shots, f"board-{name(path)}-390.png"))
        console_errors(driver, path)

    # A figure stored while the page is open shows within 3 s, without a reload.
    driver.set_window_size(1280, 800)
    driver.get(base + "/live")
    driver.execute_script("window.notReloaded = true")
    time.sleep(1)  # the event stream is open and has sent the current figures
    open(os.path.join(hand, "ready"), "w").close()
    stored_file = os.path.join(hand, "stored")
    for _ in range(200):
        if os.path.exists(stored_file) and os.path.getsize(stored_file) > 0:
            break
        time.sleep(0.05)
    stored = float(open(stored_file).read())
    shown = None

    def total():
        return driver.execute_script("const e = document.getElementById('live-total'); return e ? e.textContent : null")

    while time.time() - stored < 3:
        if total() == expected:
            shown = time.time() - stored
            break
        time.sleep(0.05)
    if shown is None:
        failures.append(f"/live did not show {expected} within 3 s of storing it "
                        f"(shows {total()})")
    elif not driver.execute_script("return window.notReloaded === true"):
        failures.append("/live reloaded instead of updating in place")
    driver.save_screenshot(os.path.join(shots, "board-live-updated-1280.png"))
    console_errors(driver, "/live (updated)")
finally:
    driver.quit()

# Without JavaScript: the latest figures, and a page that refreshes itself.
driver = browser(javascript=False)
try:
    driver.set_window_size(1280, 800)
    driver.get(base + second_link)
    driver.get(base + "/live")
    source = driver.page_source
    if f'id="live-total">{expected}<' not in source:
        failures.append(f"without JavaScript /live does not show {expected}")
    if 'http-equiv="refresh"' not in source:
        failures.append("without JavaScript /live does not refresh itself")
    driver.save_screenshot(os.path.join(shots, "board-live-no-javascript-1280.png"))
finally:
    driver.quit()

print("\n".join(failures) if failures else f"ok (shown {shown:.2f} s after storing)" if shown is not None else "ok")
sys.exit(1 if failures else 0)
