"""Debian's Chromium through chromedriver, for the page checks, with its scratch files in a
folder of its own: Chromium leaves its singleton-socket folder (org.chromium.Chromium.*) in
$TMPDIR after every session, and the test runs had left over a thousand in /tmp. The folder
given instead is removed when the script exits."""
import atexit
import os
import shutil
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

_scratch = tempfile.mkdtemp(prefix="streamreach-chromium-")
atexit.register(shutil.rmtree, _scratch, True)


def start(options):
    """A Chromium session with these options (headless, window size and the like)."""
    options.binary_location = "/usr/bin/chromium"
    service = Service("/usr/bin/chromedriver", env=dict(os.environ, TMPDIR=_scratch))
    return webdriver.Chrome(service=service, options=options)
