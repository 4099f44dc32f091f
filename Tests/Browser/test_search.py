"""Full-text search (search.js) on the example organisation: the tokeniser against the shared
word vectors, the header box's instant results and keyboard, the search page's facets and URL,
the forms without JavaScript, and the same search from file://."""
import json
import os
import re
import sys
import unittest
from urllib.parse import parse_qs, urljoin, urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from selenium_axe_python import Axe

from browser_support import BrowserTestCase, chrome, site_dir, site_url

VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "PortalSearchTests", "Fixtures", "words.json")
RIDES_SERVICE = "catalog/default/component/rides-service/"
OUTBOX_LAG = "docs/default/component/rides-service/runbook/#outbox-lag"

# Reads a combobox's options in one round trip.
OPTIONS_SCRIPT = """
var list = document.getElementById(arguments[0].getAttribute('aria-controls'));
return Array.from(list.querySelectorAll('[role=option]')).map(function (option) {
  var chip = option.querySelector('.search-chip'), title = option.querySelector('.search-result-title');
  return {id: option.id, href: option.getAttribute('data-href'), selected: option.getAttribute('aria-selected'),
          label: chip ? chip.textContent : null, title: title ? title.textContent : option.textContent,
          marks: Array.from(option.querySelectorAll('mark')).map(function (m) { return m.textContent; })};
});
"""

# Reads the search page's results, status and facets in one round trip.
PAGE_SCRIPT = """
return {
  status: document.querySelector('[data-search-status]').textContent,
  results: Array.from(document.querySelectorAll('[data-search-results] > li')).map(function (li) {
    var link = li.querySelector('a');
    return {label: li.querySelector('.search-chip').textContent, title: link.textContent, href: link.getAttribute('href')};
  }),
  facets: Array.from(document.querySelectorAll('[data-search-facets] input[type=checkbox]')).map(function (box) {
    return {field: box.name, value: box.value, checked: box.checked, shown: box.getClientRects().length > 0,
            count: Number(box.parentElement.querySelector('.count').textContent.replace(/,/g, ''))};
  }),
  more: !document.querySelector('[data-search-more]').hidden
};
"""


def site_path(href, base):
    """`href` (relative to the page at `base`) as a URL relative to the site root."""
    root = urlparse(site_url("")).path
    joined = urlparse(urljoin(base, href))
    return joined.path[len(root):] + ("?" + joined.query if joined.query else "") + ("#" + joined.fragment if joined.fragment else "")


class TokeniserTests(BrowserTestCase):
    def test_terms_match_the_shared_vectors(self):
        with open(VECTORS, encoding="utf-8") as file:
            vectors = json.load(file)
        self.assertGreaterEqual(len(vectors), 20)
        self.driver.get(site_url("index.html"))
        WebDriverWait(self.driver, 5).until(lambda d: d.execute_script("return !!window.portalSearch"))
        found = self.driver.execute_script(
            "return arguments[0].map(function (v) { return window.portalSearch.terms(v.text); })", vectors)
        for vector, terms in zip(vectors, found):
            with self.subTest(text=vector["text"]):
                self.assertEqual(terms, vector["terms"])

    def test_words_keep_joined_words_whole(self):
        self.driver.get(site_url("index.html"))
        WebDriverWait(self.driver, 5).until(lambda d: d.execute_script("return !!window.portalSearch"))
        words = self.driver.execute_script("return window.portalSearch.words('paymentService retries')")
        self.assertEqual(words, [{"whole": "paymentservice", "parts": ["payment", "servic"]}, {"whole": None, "parts": ["retry"]}])


class HeaderSearchTests(BrowserTestCase):
    """The header box: results as you type, keyboard, and the links it opens."""

    def open(self, path="docs/default/component/rides-service/getting-started/"):
        self.driver.get(site_url(path))
        WebDriverWait(self.driver, 5).until(lambda d: d.find_element(By.ID, "site-search-q").get_attribute("role") == "combobox")
        return self.driver.find_element(By.ID, "site-search-q")

    def type(self, box, text):
        """Types `text` into `box` and waits for its results (the last option names the query)."""
        box.clear()
        box.send_keys(text)
        expected = "All results for “" + text.strip() + "”"
        WebDriverWait(self.driver, 5).until(lambda d: (self.options(box) or [{}])[-1].get("title") == expected)
        return self.options(box)[:-1]

    def options(self, box):
        return self.driver.execute_script(OPTIONS_SCRIPT, box)

    def path(self, option):
        return site_path(option["href"], self.driver.current_url)

    def test_an_entity_name_typed_exactly_comes_first(self):
        box = self.open()
        options = self.type(box, "rides-service")
        self.assertEqual(self.path(options[0]), RIDES_SERVICE)
        self.assertEqual(options[0]["label"], "Component")
        self.assertEqual(options[0]["title"], "Rides Service")
        self.assertEqual(box.get_attribute("aria-expanded"), "true")
        self.assertLessEqual(len(options), 8)

    def test_a_docs_heading_finds_its_section_anchor(self):
        box = self.open("catalog/")
        options = self.type(box, "outbox lag")
        self.assertEqual(self.path(options[0]), OUTBOX_LAG)
        self.assertEqual(options[0]["label"], "Docs")
        self.assertEqual(options[0]["title"], "Outbox lag")
        self.assertEqual(options[0]["marks"][:2], ["Outbox", "lag"])

    def test_the_last_word_matches_as_a_prefix(self):
        box = self.open()
        options = self.type(box, "outb")
        self.assertTrue(options)
        self.assertIn("outbox", " ".join(option["title"] for option in options).lower())
        self.assertTrue(any(mark.lower().startswith("outb") for option in options for mark in option["marks"]))
        # Ending the query with a space ends the prefix: "outb" alone is no word.
        box.send_keys(" ")
        expected = "All results for “outb”"
        WebDriverWait(self.driver, 5).until(lambda d: len(self.options(box)) == 1 and self.options(box)[0]["title"] == expected)
        self.assertIn("No results", self.driver.find_element(By.CSS_SELECTOR, ".site-search .search-popup-note").text)

    def test_a_typo_finds_the_word(self):
        box = self.open()
        options = self.type(box, "runbok")
        self.assertTrue(options)
        self.assertEqual(options[0]["title"], "Runbook")
        self.assertIn("/runbook/", self.path(options[0]))

    def test_arrow_keys_and_enter_open_the_result(self):
        box = self.open()
        options = self.type(box, "rides-service")
        self.assertIsNone(box.get_attribute("aria-activedescendant"))
        box.send_keys(Keys.ARROW_DOWN)
        box.send_keys(Keys.ARROW_DOWN)
        box.send_keys(Keys.ARROW_UP)
        self.assertEqual(box.get_attribute("aria-activedescendant"), options[0]["id"])
        self.assertEqual(self.options(box)[0]["selected"], "true")
        self.assertEqual(self.options(box)[1]["selected"], "false")
        self.assertEqual(self.driver.switch_to.active_element, box)
        box.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 5).until(lambda d: urlparse(d.current_url).path.endswith("/" + RIDES_SERVICE))

    def test_enter_without_a_chosen_result_opens_the_search_page(self):
        box = self.open()
        self.type(box, "kafka")
        box.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 5).until(lambda d: urlparse(d.current_url).path.endswith("/search/"))
        self.assertEqual(parse_qs(urlparse(self.driver.current_url).query).get("q"), ["kafka"])

    def test_the_last_row_links_to_every_result(self):
        box = self.open()
        self.type(box, "kafka")
        last = self.options(box)[-1]
        self.assertEqual(self.path(last), "search/?q=kafka")

    def test_escape_closes_then_clears(self):
        box = self.open()
        self.type(box, "kafka")
        popup = self.driver.find_element(By.CSS_SELECTOR, ".site-search .search-popup")
        self.assertTrue(popup.is_displayed())
        box.send_keys(Keys.ESCAPE)
        self.assertFalse(popup.is_displayed())
        self.assertEqual(box.get_attribute("aria-expanded"), "false")
        self.assertEqual(box.get_attribute("value"), "kafka")
        box.send_keys(Keys.ESCAPE)
        self.assertEqual(box.get_attribute("value"), "")

    def test_slash_focuses_the_search_box_outside_fields(self):
        self.driver.get(site_url("catalog/"))
        WebDriverWait(self.driver, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-catalog-filters]").is_displayed())
        self.driver.find_element(By.TAG_NAME, "h1").click()
        self.driver.switch_to.active_element.send_keys("/")
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("id"), "site-search-q")
        self.assertEqual(self.driver.find_element(By.ID, "site-search-q").get_attribute("value"), "")
        # In a field, / is typed as usual.
        field = self.driver.find_element(By.ID, "filter-q")
        field.click()
        field.send_keys("a/b")
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("id"), "filter-q")
        self.assertEqual(field.get_attribute("value"), "a/b")

    def test_the_home_page_hero_box_searches_too(self):
        self.driver.get(site_url("index.html"))
        box = self.driver.find_element(By.ID, "home-search")
        WebDriverWait(self.driver, 5).until(lambda d: box.get_attribute("role") == "combobox")
        options = self.type(box, "pricing engine")
        self.assertEqual(options[0]["title"], "Pricing Engine")
        self.assertEqual(options[0]["label"], "Component")
        self.assertNotEqual(box.get_attribute("aria-controls"), self.driver.find_element(By.ID, "site-search-q").get_attribute("aria-controls"))

    def test_queries_are_fast_once_loaded_and_report_their_cost(self):
        box = self.open()
        # Every query once, so all the files they need are loaded ("outbox la" may need more than
        # "outbox lag": its prefix reaches other terms); then the same queries again load nothing.
        for query in ("kafka", "outbox lag", "outbox la", "outbox lag"):
            self.type(box, query)
        loaded = self.driver.execute_script("return window.portalSearch.bytesLoaded")
        self.type(box, "outbox la")
        self.type(box, "outbox lag")
        timing = self.driver.execute_script("return window.portalSearch.lastQueryMs")
        self.assertGreater(loaded, 0)
        self.assertEqual(self.driver.execute_script("return window.portalSearch.bytesLoaded"), loaded, "cached files are not loaded again")
        self.assertLess(timing, 50)
        print(f"search timing: 'outbox lag' cached {timing:.1f} ms, {loaded} bytes loaded", file=sys.stderr)

    def test_open_dropdown_has_no_serious_accessibility_violation(self):
        box = self.open()
        self.type(box, "outbox")
        box.send_keys(Keys.ARROW_DOWN)
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run(options={"resultTypes": ["violations"]})
        blocking = [f"{v['id']}: {v['help']}" for v in results["violations"] if v["impact"] in ("serious", "critical")]
        self.assertEqual(blocking, [])


class SearchPageTests(BrowserTestCase):
    """search/?q=…: every match, facets that combine with counts, and the URL kept in sync."""

    def open(self, query):
        self.driver.get(site_url("search/" + query))
        WebDriverWait(self.driver, 5).until(lambda d: "result" in self.state()["status"])
        return self.state()

    def state(self):
        return self.driver.execute_script(PAGE_SCRIPT)

    def query(self):
        return parse_qs(urlparse(self.driver.current_url).query)

    def facet(self, state, field, value):
        return next(f for f in state["facets"] if f["field"] == field and f["value"] == value)

    def click(self, field, value, until):
        self.driver.find_element(By.CSS_SELECTOR, f"[data-search-facets] input[name='{field}'][value='{value}']").click()
        WebDriverWait(self.driver, 5).until(lambda d: until(self.state()))
        return self.state()

    @staticmethod
    def total(state):
        return int(state["status"].split(" ")[0].replace(",", ""))

    def test_the_query_and_kind_in_the_url_filter_the_results(self):
        state = self.open("?q=kafka&kind=component")
        self.assertEqual(self.driver.find_element(By.ID, "search-page-q").get_attribute("value"), "kafka")
        component = self.facet(state, "kind", "component")
        self.assertTrue(component["checked"])
        self.assertTrue(state["results"])
        self.assertEqual(self.total(state), component["count"])
        self.assertEqual(len(state["results"]), min(20, component["count"]))
        for result in state["results"]:
            path = site_path(result["href"], self.driver.current_url)
            # Entities of that kind, and docs sections of such entities.
            self.assertTrue(path.startswith("catalog/default/component/") or path.startswith("docs/default/component/"), path)
        # Other kinds keep their counts (disjunctive facets), so they can be added.
        api = self.facet(state, "kind", "api")
        self.assertGreater(api["count"], 0)
        self.assertTrue(api["shown"])
        self.assertIn("kafka", self.driver.find_element(By.CSS_SELECTOR, "[data-search-results] mark").text.lower())

    def test_clicking_facets_combines_them_and_updates_the_url(self):
        state = self.open("?q=kafka&kind=component")
        components = self.facet(state, "kind", "component")["count"]
        apis = self.facet(state, "kind", "api")["count"]
        state = self.click("kind", "api", lambda s: self.total(s) == components + apis)
        self.assertEqual(sorted(self.query()["kind"]), ["api", "component"])
        self.assertEqual(self.query()["q"], ["kafka"])
        docs = self.facet(state, "show", "docs")["count"]
        self.assertGreater(docs, 0)
        state = self.click("show", "docs", lambda s: self.total(s) == docs)
        self.assertEqual(self.query()["show"], ["docs"])
        self.assertEqual({result["label"] for result in state["results"]}, {"Docs"})
        state = self.click("kind", "api", lambda s: "kind" in self.query() and self.query()["kind"] == ["component"])
        self.assertEqual(self.total(state), self.facet(state, "kind", "component")["count"])

    def test_show_more_adds_the_next_page(self):
        state = self.open("?q=service")
        total = self.total(state)
        self.assertGreater(total, 20)
        self.assertEqual(len(state["results"]), 20)
        self.assertTrue(state["more"])
        self.driver.find_element(By.CSS_SELECTOR, "[data-search-more]").click()
        WebDriverWait(self.driver, 5).until(lambda d: len(self.state()["results"]) == min(40, total))
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("href"), self.driver.find_elements(By.CSS_SELECTOR, "[data-search-results] > li a")[20].get_attribute("href"))

    def test_typing_in_the_page_box_updates_results_and_url(self):
        self.open("?q=kafka")
        box = self.driver.find_element(By.ID, "search-page-q")
        box.clear()
        box.send_keys("outbox lag")
        WebDriverWait(self.driver, 5).until(lambda d: self.query().get("q") == ["outbox lag"] and "outbox lag" in self.state()["status"])
        first = self.state()["results"][0]
        self.assertEqual(site_path(first["href"], self.driver.current_url), OUTBOX_LAG)

    def test_a_word_nothing_has_falls_back_to_the_most_words(self):
        state = self.open("?q=kafka%20zzzqqq")
        self.assertIn("1 of 2", state["status"])
        self.assertTrue(state["results"])


class NarrowScreenTests(BrowserTestCase):
    """375 px wide: the header box gets its own row, nothing overflows, the dropdown fits."""

    def setUp(self):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 375, "height": 740, "deviceScaleFactor": 1, "mobile": True})

    def tearDown(self):
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def assert_no_horizontal_overflow(self):
        width, inner = self.driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        self.assertLessEqual(width, inner)

    def test_header_box_and_dropdown_fit(self):
        for path in ("index.html", RIDES_SERVICE, "docs/default/component/rides-service/runbook/"):
            with self.subTest(page=path):
                self.driver.get(site_url(path))
                box = self.driver.find_element(By.ID, "site-search-q")
                WebDriverWait(self.driver, 5).until(lambda d: box.get_attribute("role") == "combobox")
                self.assert_no_horizontal_overflow()
                brand = self.driver.find_element(By.CSS_SELECTOR, ".site-brand").rect
                self.assertGreaterEqual(box.rect["y"], brand["y"] + brand["height"] - 1, "the box sits under the brand")
                self.assertGreater(box.rect["width"], 300)
                box.send_keys("kafka")
                popup = self.driver.find_element(By.CSS_SELECTOR, ".site-search .search-popup")
                WebDriverWait(self.driver, 5).until(lambda d: popup.is_displayed())
                rect = popup.rect
                self.assertGreaterEqual(rect["x"], 0)
                self.assertLessEqual(rect["x"] + rect["width"], 375)
                self.assert_no_horizontal_overflow()

    def test_search_page_folds_its_filters(self):
        self.driver.get(site_url("search/?q=kafka"))
        WebDriverWait(self.driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-search-results] > li"))
        self.assert_no_horizontal_overflow()
        toggle = self.driver.find_element(By.CSS_SELECTOR, "[data-search-facets-toggle]")
        body = self.driver.find_element(By.CSS_SELECTOR, "[data-search-facets]")
        self.assertTrue(toggle.is_displayed())
        self.assertFalse(body.is_displayed())
        toggle.click()
        self.assertEqual(toggle.get_attribute("aria-expanded"), "true")
        self.assertTrue(body.is_displayed())
        self.assertEqual(toggle.text, "Hide filters")


class SearchWithoutJavaScriptTests(BrowserTestCase):
    javascript = False

    def test_the_header_box_opens_the_catalog(self):
        self.driver.get(site_url("docs/"))
        box = self.driver.find_element(By.ID, "site-search-q")
        box.send_keys("pricing", Keys.ENTER)
        WebDriverWait(self.driver, 5).until(lambda d: urlparse(d.current_url).path.endswith("/catalog/"))
        self.assertEqual(parse_qs(urlparse(self.driver.current_url).query).get("q"), ["pricing"])

    def test_the_search_page_says_it_needs_javascript(self):
        self.driver.get(site_url("search/?q=kafka"))
        self.assertIn("needs JavaScript", self.driver.find_element(By.TAG_NAME, "main").text)
        link = self.driver.find_element(By.CSS_SELECTOR, ".search-noscript a")
        self.assertTrue(urlparse(link.get_attribute("href")).path.endswith("/catalog/"))
        self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, ".search-layout").is_displayed())


class SearchFromFileTests(unittest.TestCase):
    """The built site opened from disk: index files come from their .js twins."""

    @classmethod
    def setUpClass(cls):
        cls.driver = chrome()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def test_the_header_box_finds_results_and_opens_index_html(self):
        self.driver.get("file://" + os.path.realpath(site_dir()) + "/index.html")
        box = self.driver.find_element(By.ID, "site-search-q")
        WebDriverWait(self.driver, 5).until(lambda d: box.get_attribute("role") == "combobox")
        box.send_keys("outbox lag")
        WebDriverWait(self.driver, 5).until(lambda d: len(d.execute_script(OPTIONS_SCRIPT, box)) > 1)
        options = self.driver.execute_script(OPTIONS_SCRIPT, box)
        self.assertEqual(options[0]["href"], "./" + OUTBOX_LAG.replace("/#", "/index.html#"))
        self.assertEqual(options[-1]["href"], "./search/index.html?q=outbox+lag")
        self.assertGreater(self.driver.execute_script("return window.portalSearch.bytesLoaded"), 0)
        box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
        WebDriverWait(self.driver, 5).until(lambda d: d.current_url.endswith("/runbook/index.html#outbox-lag"))

    def test_enter_opens_the_search_page_file(self):
        self.driver.get("file://" + os.path.realpath(site_dir()) + "/catalog/index.html")
        box = self.driver.find_element(By.ID, "site-search-q")
        WebDriverWait(self.driver, 5).until(lambda d: box.get_attribute("role") == "combobox")
        box.send_keys("kafka", Keys.ENTER)
        WebDriverWait(self.driver, 5).until(lambda d: urlparse(d.current_url).path.endswith("/search/index.html"))
        self.assertEqual(parse_qs(urlparse(self.driver.current_url).query).get("q"), ["kafka"])
        WebDriverWait(self.driver, 5).until(lambda d: "result" in d.find_element(By.CSS_SELECTOR, "[data-search-status]").text)

    def test_results_from_many_chunks_come_from_their_shared_scripts(self):
        # `service` matches about 75 of the 200 documents: their metadata chunks (8 documents
        # each) are spread over several docs/group-<g>.js scripts, 8 chunks to a script; the
        # term shards come from terms/group-<g>.js the same way.
        self.driver.get("file://" + os.path.realpath(site_dir()) + "/search/index.html?q=service")
        WebDriverWait(self.driver, 5).until(lambda d: len(d.execute_script(PAGE_SCRIPT)["results"]) == 20)
        self.driver.find_element(By.CSS_SELECTOR, "[data-search-more]").click()
        WebDriverWait(self.driver, 5).until(lambda d: len(d.execute_script(PAGE_SCRIPT)["results"]) == 40)
        state = self.driver.execute_script(PAGE_SCRIPT)
        self.assertTrue(all(result["title"] and result["href"] for result in state["results"]), state["results"])
        self.assertEqual(len({result["href"] for result in state["results"]}), 40)
        scripts = self.driver.execute_script("return window.portalSearch.twinScripts()")
        groups = [script for script in scripts if script.startswith("docs/group-")]
        self.assertGreater(len(groups), 1, scripts)
        self.assertFalse([script for script in scripts if re.fullmatch(r"(docs|terms|sets)/\d+", script)], scripts)
        self.assertTrue([script for script in scripts if script.startswith("terms/group-")], scripts)

    def test_the_search_page_works(self):
        self.driver.get("file://" + os.path.realpath(site_dir()) + "/search/index.html?q=kafka&kind=api&show=entities")
        WebDriverWait(self.driver, 5).until(lambda d: "result" in d.find_element(By.CSS_SELECTOR, "[data-search-status]").text)
        links = [a.get_attribute("href") for a in self.driver.find_elements(By.CSS_SELECTOR, "[data-search-results] a")]
        self.assertTrue(links)
        for link in links:
            self.assertTrue(link.startswith("file://") and "/catalog/default/api/" in link and link.endswith("/index.html"), link)


if __name__ == "__main__":
    unittest.main()
