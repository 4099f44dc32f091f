"""Docs pages (docs.js): content tabs become an accessible tab list, code gets a Copy button,
and without JavaScript every tab still shows under its label."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import BrowserTestCase, site_url

PAGE = "docs/default/component/rides-service/getting-started/"


def visible_panels(driver, tab_set):
    return [panel.get_attribute("data-tab-label") for panel in tab_set.find_elements(By.CSS_SELECTOR, ".tabbed-block")
            if panel.is_displayed()]


class DocsWithJavaScriptTests(BrowserTestCase):
    def setUp(self):
        self.driver.get(site_url(PAGE))
        self.tab_set = self.driver.find_element(By.CSS_SELECTOR, ".docs-content .tabbed-set")
        self.tabs = self.tab_set.find_elements(By.CSS_SELECTOR, "[role=tab]")

    def test_tabs_show_one_panel_and_switch_on_click(self):
        labels = [tab.text for tab in self.tabs]
        self.assertEqual(labels, ["make", "docker compose", "Manual"])
        self.assertEqual(visible_panels(self.driver, self.tab_set), ["make"])
        self.assertEqual(self.tabs[0].get_attribute("aria-selected"), "true")
        self.tabs[1].click()
        self.assertEqual(visible_panels(self.driver, self.tab_set), ["docker compose"])
        self.assertEqual(self.tabs[1].get_attribute("aria-selected"), "true")
        self.assertEqual(self.tabs[0].get_attribute("aria-selected"), "false")
        panel = self.driver.find_element(By.ID, self.tabs[1].get_attribute("aria-controls"))
        self.assertEqual(panel.get_attribute("role"), "tabpanel")

    def test_arrow_keys_move_between_tabs(self):
        self.tabs[0].click()
        self.tabs[0].send_keys(Keys.ARROW_RIGHT)
        self.assertEqual(self.driver.switch_to.active_element.text, "docker compose")
        self.assertEqual(visible_panels(self.driver, self.tab_set), ["docker compose"])
        self.driver.switch_to.active_element.send_keys(Keys.END)
        self.assertEqual(visible_panels(self.driver, self.tab_set), ["Manual"])
        self.driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
        self.assertEqual(visible_panels(self.driver, self.tab_set), ["make"])

    def test_code_blocks_get_a_copy_button(self):
        blocks = self.driver.find_elements(By.CSS_SELECTOR, ".docs-content .code-block")
        self.assertGreater(len(blocks), 2)
        for block in blocks:
            self.assertEqual(len(block.find_elements(By.CSS_SELECTOR, "button.copy-button")), 1)

    def test_headings_have_permalinks_and_the_toc_points_at_them(self):
        toc = [link.get_attribute("href").split("#")[1] for link in self.driver.find_elements(By.CSS_SELECTOR, ".docs-toc a")]
        self.assertIn("prerequisites", toc)
        for fragment in toc:
            heading = self.driver.find_element(By.ID, fragment)
            self.assertEqual(heading.find_element(By.CSS_SELECTOR, "a.headerlink").get_attribute("href").split("#")[1], fragment)


class DocsWithoutJavaScriptTests(BrowserTestCase):
    javascript = False

    def test_every_tab_shows_under_its_label(self):
        self.driver.get(site_url(PAGE))
        tab_set = self.driver.find_element(By.CSS_SELECTOR, ".docs-content .tabbed-set")
        self.assertEqual(visible_panels(self.driver, tab_set), ["make", "docker compose", "Manual"])
        labels = [label.text for label in tab_set.find_elements(By.CSS_SELECTOR, ".tabbed-label")]
        self.assertEqual(labels, ["make", "docker compose", "Manual"])
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "button.copy-button"), [])


if __name__ == "__main__":
    unittest.main()
