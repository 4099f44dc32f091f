"""Script injection: every page of the hostile organisation (Tests/PortalSiteTests/Fixtures/
hostile-org, whose payloads call `__pwned('ID')` or `alert('ID')`) loads in headless Chromium with
a recorder installed before any page script, and with the pages' Content-Security-Policy bypassed,
so that the markup itself is what keeps the payloads from running. Nothing may be recorded, and no
element of the live page may carry an event-handler attribute (the theme adds none). Search for
the payloads' words and opening the results, and switching content tabs, must run nothing either.

Scripts/browser-test.sh builds the fixture and sets PORTAL_HOSTILE_SITE_URL and
PORTAL_HOSTILE_SITE_DIR; without them the tests are skipped.
"""
import os
import unittest
from urllib.parse import quote

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import chrome

# Runs before any script of every document (frames included): records each payload call.
RECORDER = """
(function () {
  var calls = [];
  function record(kind) {
    return function (value) { calls.push(kind + '(' + String(value) + ') at ' + location.href); return kind === 'confirm' ? false : null; };
  }
  var target = window.top === window ? window : window.top;
  try { if (!target.__pwnedCalls) target.__pwnedCalls = []; calls = target.__pwnedCalls; } catch (error) { window.__pwnedCalls = calls; }
  window.__pwned = record('__pwned');
  window.alert = record('alert');
  window.confirm = record('confirm');
  window.prompt = record('prompt');
  window.print = record('print');
})();
"""

# Every attribute named on* in the document and its open shadow roots.
HANDLER_SCAN = """
var found = [];
(function scan(root) {
  root.querySelectorAll('*').forEach(function (element) {
    for (var i = 0; i < element.attributes.length; i++) {
      var name = element.attributes[i].name;
      if (/^on/i.test(name)) found.push('<' + element.localName + ' ' + name + '="' + element.attributes[i].value + '">');
      if (/^(href|src|action|formaction|xlink:href|data)$/i.test(name) &&
          /^\\s*(javascript|vbscript|data:text\\/html)/i.test(element.attributes[i].value.replace(/[\\u0000-\\u0020]/g, ''))) {
        found.push('<' + element.localName + ' ' + name + '="' + element.attributes[i].value + '">');
      }
    }
    if (element.shadowRoot) scan(element.shadowRoot);
  });
})(document);
return found;
"""

# Words from the fixture's payloads and texts that search must show as text.
SEARCH_WORDS = ["__pwned", "onerror", "script", "zqxmarker", "zqxscript", "hostile", "svg", "img", "javascript", "mallory"]


def hostile_dir():
    folder = os.environ.get("PORTAL_HOSTILE_SITE_DIR")
    if not folder or not os.environ.get("PORTAL_HOSTILE_SITE_URL"):
        raise unittest.SkipTest("PORTAL_HOSTILE_SITE_URL is not set: run Scripts/browser-test.sh")
    return folder


def hostile_url(path=""):
    hostile_dir()
    return os.environ["PORTAL_HOSTILE_SITE_URL"].rstrip("/") + "/" + path


def site_pages():
    """Every HTML file of the built hostile site, as paths relative to its root."""
    root = hostile_dir()
    pages = []
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(".html") or name.endswith(".svg"):
                pages.append(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/"))
    return sorted(pages)


class InjectionTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        hostile_dir()
        cls.driver = chrome(check_site=False)
        cls.driver.set_page_load_timeout(15)
        cls.driver.execute_cdp_cmd("Page.enable", {})
        cls.driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
        cls.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def calls(self):
        """The payload calls recorded since the last call (or page load), closing any dialog left open."""
        try:
            return self.driver.execute_script(
                "return window.__pwnedCalls ? window.__pwnedCalls.splice(0) : ['(no recorder on ' + location.href + ')'];")
        except Exception as error:  # an alert the recorder missed
            try:
                alert = self.driver.switch_to.alert
                text = alert.text
                alert.accept()
                return [f"native dialog {text!r}"]
            except Exception:
                return [f"page did not answer: {error}"]

    def load(self, path):
        self.driver.get(hostile_url(path))
        self.driver.execute_script("return document.readyState")

    def test_every_page_runs_no_payload_and_has_no_handler(self):
        pages = site_pages()
        self.assertGreater(len(pages), 15)
        problems = []
        for path in pages:
            self.load(path)
            for call in self.calls():
                problems.append(f"{path}: ran {call}")
            if path.endswith(".html"):
                for handler in self.driver.execute_script(HANDLER_SCAN):
                    problems.append(f"{path}: {handler}")
                # Content tabs: select each one.
                for tab in self.driver.find_elements(By.CSS_SELECTOR, "[role=tab], .tabbed-set > label, details > summary"):
                    try:
                        tab.click()
                    except Exception:
                        pass
                for call in self.calls():
                    problems.append(f"{path} (after clicking tabs): ran {call}")
        self.assertFalse(problems, "\n" + "\n".join(problems))

    def test_search_shows_payloads_as_text(self):
        problems = []
        for word in SEARCH_WORDS:
            self.load("search/?q=" + quote(word))
            links = [link.get_attribute("href") for link in self.driver.find_elements(By.CSS_SELECTOR, "[data-search-results] a")]
            problems += [f"search page for {word!r}: ran {call}" for call in self.calls()]
            problems += [f"search page for {word!r}: {handler}" for handler in self.driver.execute_script(HANDLER_SCAN)]
            # The header box's instant results.
            box = self.driver.find_element(By.CSS_SELECTOR, ".site-header input[name=q]")
            box.clear()
            box.send_keys(word)
            self.driver.execute_script("return new Promise(function (done) { setTimeout(done, 250); });")
            problems += [f"instant results for {word!r}: ran {call}" for call in self.calls()]
            problems += [f"instant results for {word!r}: {handler}" for handler in self.driver.execute_script(HANDLER_SCAN)]
            box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
            problems += [f"instant result for {word!r}: ran {call}" for call in self.calls()]
            for link in links[:4]:
                if link and link.startswith(hostile_url("")):
                    self.driver.get(link)
                    problems += [f"result {link} for {word!r}: ran {call}" for call in self.calls()]
        self.assertFalse(problems, "\n" + "\n".join(problems))

    def test_query_strings_are_shown_as_text(self):
        """The search page and the catalog filter echo `q` (and the catalog its facets) from the URL."""
        payload = quote("\"><img src=x onerror=__pwned('q1')><svg onload=__pwned('q2')>")
        problems = []
        for path in [f"search/?q={payload}", f"search/?q=x&kind={payload}", f"catalog/?q={payload}",
                     f"catalog/?kind={payload}&owner={payload}&tag={payload}", f"search/#{payload}"]:
            self.load(path)
            problems += [f"{path}: ran {call}" for call in self.calls()]
            problems += [f"{path}: {handler}" for handler in self.driver.execute_script(HANDLER_SCAN)]
        self.assertFalse(problems, "\n" + "\n".join(problems))


if __name__ == "__main__":
    unittest.main()
