"""The dark-mode toggle (portal.js) and the stylesheet's colour schemes."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import BrowserTestCase, prefer_color_scheme, site_url

# Reads the page's main colours after the next two frames, once a scheme change has been painted.
COLOURS_SCRIPT = """
var done = arguments[arguments.length - 1];
requestAnimationFrame(function () { requestAnimationFrame(function () {
  var body = getComputedStyle(document.body), card = document.querySelector('.card, .kind-card');
  done([body.backgroundColor, body.color, card ? getComputedStyle(card).backgroundColor : null]);
}); });
"""


class ThemeToggleTests(BrowserTestCase):
    def setUp(self):
        prefer_color_scheme(self.driver, "light")
        self.driver.get(site_url("index.html"))
        self.driver.execute_script("localStorage.clear()")
        self.driver.refresh()

    def tearDown(self):
        self.driver.execute_script("localStorage.clear()")

    def theme(self):
        return self.driver.execute_script("return document.documentElement.getAttribute('data-theme')")

    def toggle(self):
        return self.driver.find_element(By.CSS_SELECTOR, "[data-theme-toggle]")

    def colours(self):
        return self.driver.execute_async_script(COLOURS_SCRIPT)

    def test_click_switches_to_dark_and_back(self):
        light = self.colours()
        self.assertIsNone(self.theme())
        self.assertTrue(self.toggle().is_displayed())
        self.assertEqual(self.toggle().get_attribute("aria-pressed"), "false")
        self.toggle().click()
        self.assertEqual(self.theme(), "dark")
        self.assertEqual(self.toggle().get_attribute("aria-pressed"), "true")
        self.assertNotEqual(self.colours(), light)
        self.toggle().click()
        self.assertEqual(self.theme(), "light")
        self.assertEqual(self.toggle().get_attribute("aria-pressed"), "false")
        self.assertEqual(self.colours(), light)

    def test_choice_persists_across_reload_and_pages(self):
        self.toggle().click()
        dark = self.colours()
        self.driver.refresh()
        WebDriverWait(self.driver, 5).until(lambda d: self.toggle().is_displayed())
        self.assertEqual(self.theme(), "dark")
        self.assertEqual(self.toggle().get_attribute("aria-pressed"), "true")
        self.assertEqual(self.colours(), dark)
        self.driver.get(site_url("catalog/"))
        self.assertEqual(self.theme(), "dark")
        self.toggle().click()
        self.driver.refresh()
        self.assertEqual(self.theme(), "light")

    def test_system_dark_preference_matches_the_dark_choice(self):
        self.toggle().click()
        chosen_dark = self.colours()
        self.driver.execute_script("localStorage.clear()")
        prefer_color_scheme(self.driver, "dark")
        self.driver.refresh()
        self.assertIsNone(self.theme())
        self.assertEqual(self.colours(), chosen_dark)
        self.assertEqual(self.toggle().get_attribute("aria-pressed"), "true")

    def test_light_choice_overrides_a_dark_system(self):
        light = self.colours()
        prefer_color_scheme(self.driver, "dark")
        self.driver.refresh()
        self.toggle().click()
        self.assertEqual(self.theme(), "light")
        self.assertEqual(self.colours(), light)


if __name__ == "__main__":
    unittest.main()
