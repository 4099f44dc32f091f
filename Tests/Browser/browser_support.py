"""Shared set-up for the browser tests: where the built site is served, and Chromium drivers.

Scripts/browser-test.sh builds the example site, serves it and sets PORTAL_SITE_URL and
PORTAL_SITE_DIR; without them every test is skipped.
"""
import json
import os
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

# Selenium must not try to download a browser or driver: use Debian's.
os.environ.setdefault("SE_OFFLINE", "true")

CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")


def site_url(path=""):
    """The served site's URL for `path` (relative to the site root)."""
    base = os.environ.get("PORTAL_SITE_URL")
    if not base:
        raise unittest.SkipTest("PORTAL_SITE_URL is not set: run Scripts/browser-test.sh")
    return base.rstrip("/") + "/" + path


def site_dir():
    """The folder the site was built into."""
    folder = os.environ.get("PORTAL_SITE_DIR")
    if not folder:
        raise unittest.SkipTest("PORTAL_SITE_DIR is not set: run Scripts/browser-test.sh")
    return folder


def catalog_items():
    """The entities of the built site's catalog.json."""
    with open(os.path.join(site_dir(), "catalog.json"), encoding="utf-8") as file:
        return json.load(file)["items"]


def chrome(javascript=True, width=1280, height=900, check_site=True):
    """A headless Chromium driver; with `javascript=False`, pages run no script. Skips when the
    example site is not served, unless `check_site` is False."""
    if check_site:
        site_url()  # skip early when there is no site
    options = Options()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--disable-gpu")
    options.add_argument(f"--window-size={width},{height}")
    options.binary_location = CHROMIUM
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.implicitly_wait(0)
    return driver


def prefer_color_scheme(driver, scheme):
    """Emulates the system colour-scheme preference (`light` or `dark`), with reduced motion
    so that colours read right after a change are final rather than mid-transition."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
        {"name": "prefers-color-scheme", "value": scheme},
        {"name": "prefers-reduced-motion", "value": "reduce"},
    ]})


class BrowserTestCase(unittest.TestCase):
    """Tests that share one Chromium driver, `self.driver`; `javascript = False` turns scripts off."""

    javascript = True

    @classmethod
    def setUpClass(cls):
        cls.driver = chrome(javascript=cls.javascript)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
