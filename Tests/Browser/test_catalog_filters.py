"""The catalog page's filters (catalog-filter.js) with JavaScript, and the full table without it."""
import re
import unittest
from urllib.parse import parse_qs, urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import BrowserTestCase, catalog_items, site_url

# Reads every row's filter data and visibility in one round trip.
ROWS_SCRIPT = """
return Array.from(document.querySelectorAll('[data-catalog-table] tbody tr')).map(function (row) {
  return {kind: row.dataset.kind, owner: row.dataset.owner, tags: row.dataset.tags.split(' ').filter(Boolean),
          lifecycle: row.dataset.lifecycle, text: row.textContent.toLowerCase(),
          visible: row.getClientRects().length > 0};
});
"""


class CatalogFilterTests(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.items = catalog_items()

    def open_catalog(self, query=""):
        self.driver.get(site_url("catalog/" + query))
        WebDriverWait(self.driver, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-catalog-filters]").is_displayed())

    def rows(self):
        return self.driver.execute_script(ROWS_SCRIPT)

    def visible_rows(self):
        return [row for row in self.rows() if row["visible"]]

    def counter(self):
        return int(self.driver.find_element(By.CSS_SELECTOR, "[data-catalog-count]").text)

    def select(self, name):
        return Select(self.driver.find_element(By.NAME, name))

    def search(self, text):
        field = self.driver.find_element(By.ID, "filter-q")
        field.clear()
        field.send_keys(text)

    def query(self):
        return parse_qs(urlparse(self.driver.current_url).query)

    @staticmethod
    def option_count(select, value):
        """The "(N)" count an option's label promises."""
        for option in select.options:
            if option.get_attribute("value") == value:
                return int(re.search(r"\((\d+)\)\s*$", option.text).group(1))
        raise AssertionError(f"no option {value!r}")

    def assert_counter_matches(self, expected):
        self.assertEqual(len(self.visible_rows()), expected)
        self.assertEqual(self.counter(), expected)

    def test_form_appears_with_javascript_and_every_row_shows(self):
        self.open_catalog()
        self.assertTrue(self.driver.find_element(By.CSS_SELECTOR, "[data-catalog-filters]").is_displayed())
        self.assertEqual(len(self.rows()), len(self.items))
        self.assert_counter_matches(len(self.items))

    def test_kind_filter_shows_only_that_kind(self):
        self.open_catalog()
        kind = self.select("kind")
        kind.select_by_value("api")
        visible = self.visible_rows()
        apis = [item for item in self.items if item["kind"] == "API"]
        self.assertTrue(apis)
        self.assertEqual({row["kind"] for row in visible}, {"api"})
        self.assert_counter_matches(len(apis))
        self.assertEqual(self.option_count(kind, "api"), len(apis))
        self.assertEqual(self.query().get("kind"), ["api"])

    def test_text_search_narrows_rows(self):
        self.open_catalog()
        self.search("payments")
        visible = self.visible_rows()
        self.assertTrue(0 < len(visible) < len(self.items))
        for row in visible:
            self.assertIn("payments", row["text"])
        hidden_matches = [row for row in self.rows() if not row["visible"] and "payments" in row["text"]]
        self.assertEqual(hidden_matches, [])
        self.assertEqual(self.counter(), len(visible))
        self.assertEqual(self.query().get("q"), ["payments"])

    def test_search_words_must_all_match(self):
        self.open_catalog()
        self.search("sdk kotlin")
        visible = self.visible_rows()
        self.assertTrue(visible)
        for row in visible:
            self.assertIn("sdk", row["text"])
            self.assertIn("kotlin", row["text"])

    def test_kind_and_text_combine(self):
        self.open_catalog()
        self.select("kind").select_by_value("component")
        self.search("sdk")
        expected = [row for row in self.rows() if row["kind"] == "component" and "sdk" in row["text"]]
        visible = self.visible_rows()
        self.assertTrue(expected)
        self.assertEqual(visible, expected)
        self.assertEqual(self.counter(), len(expected))
        self.assertEqual(self.query().get("kind"), ["component"])
        self.assertEqual(self.query().get("q"), ["sdk"])

    def test_tag_filter(self):
        self.open_catalog()
        tag = self.select("tag")
        value = tag.options[1].get_attribute("value")
        tag.select_by_value(value)
        visible = self.visible_rows()
        self.assertTrue(visible)
        for row in visible:
            self.assertIn(value, row["tags"])
        self.assert_counter_matches(self.option_count(tag, value))
        tagged = [item for item in self.items if value in item["metadata"].get("tags", [])]
        self.assertEqual(len(visible), len(tagged))

    def test_owner_filter(self):
        self.open_catalog()
        owner = self.select("owner")
        value = "group:default/rides-team"
        owner.select_by_value(value)
        visible = self.visible_rows()
        self.assertTrue(visible)
        self.assertEqual({row["owner"] for row in visible}, {value})
        self.assert_counter_matches(self.option_count(owner, value))

    def test_owner_and_lifecycle_combine(self):
        self.open_catalog()
        self.select("owner").select_by_value("group:default/rides-team")
        self.select("lifecycle").select_by_value("deprecated")
        expected = [row for row in self.rows() if row["owner"] == "group:default/rides-team" and row["lifecycle"] == "deprecated"]
        self.assertTrue(expected)
        self.assertEqual(self.visible_rows(), expected)
        self.assertEqual(self.counter(), len(expected))

    def test_no_match_shows_the_empty_message(self):
        self.open_catalog()
        empty = self.driver.find_element(By.CSS_SELECTOR, "[data-catalog-empty]")
        self.assertFalse(empty.is_displayed())
        self.search("zzz-matches-nothing")
        self.assert_counter_matches(0)
        self.assertTrue(empty.is_displayed())

    def test_clear_resets_every_filter(self):
        self.open_catalog()
        self.select("kind").select_by_value("component")
        self.select("lifecycle").select_by_value("production")
        self.search("rides")
        self.assertLess(len(self.visible_rows()), len(self.items))
        self.driver.find_element(By.CSS_SELECTOR, "[data-catalog-filters] button[type=reset]").click()
        WebDriverWait(self.driver, 5).until(lambda d: self.counter() == len(self.items))
        self.assert_counter_matches(len(self.items))
        self.assertEqual(self.driver.find_element(By.ID, "filter-q").get_attribute("value"), "")
        for name in ("kind", "type", "owner", "lifecycle", "tag", "namespace"):
            self.assertEqual(self.select(name).first_selected_option.get_attribute("value"), "", name)
        self.assertEqual(urlparse(self.driver.current_url).query, "")

    def test_kind_in_the_url_preselects_the_filter(self):
        self.open_catalog("?kind=group")
        self.assertEqual(self.select("kind").first_selected_option.get_attribute("value"), "group")
        groups = [item for item in self.items if item["kind"] == "Group"]
        self.assertEqual({row["kind"] for row in self.visible_rows()}, {"group"})
        self.assert_counter_matches(len(groups))

    def test_unknown_kind_in_the_url_is_ignored(self):
        self.open_catalog("?kind=spaceship")
        self.assertEqual(self.select("kind").first_selected_option.get_attribute("value"), "")
        self.assert_counter_matches(len(self.items))

    def test_q_in_the_url_filters_the_catalog(self):
        # Without JavaScript the search boxes open catalog/?q=… (test_search.py checks that).
        self.open_catalog("?q=pricing")
        self.assertEqual(self.query().get("q"), ["pricing"])
        self.assertEqual(self.driver.find_element(By.ID, "filter-q").get_attribute("value"), "pricing")
        visible = self.visible_rows()
        self.assertTrue(0 < len(visible) < len(self.items))
        for row in visible:
            self.assertIn("pricing", row["text"])
        self.assertEqual(self.counter(), len(visible))


class CatalogWithoutJavaScriptTests(BrowserTestCase):
    javascript = False

    def test_table_shows_every_entity_and_no_filter_form(self):
        self.driver.get(site_url("catalog/?kind=api&q=pricing"))
        items = catalog_items()
        rows = self.driver.find_elements(By.CSS_SELECTOR, "[data-catalog-table] tbody tr")
        self.assertEqual(len(rows), len(items))
        self.assertTrue(all(row.is_displayed() for row in rows))
        self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, "[data-catalog-filters]").is_displayed())
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "[data-catalog-count]").text, str(len(items)))

    def test_theme_toggle_stays_hidden(self):
        self.driver.get(site_url("index.html"))
        self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, "[data-theme-toggle]").is_displayed())


if __name__ == "__main__":
    unittest.main()
