"""axe-core on the main page types, in the light and the dark scheme.

Violations of impact serious or critical fail the test; the others are printed as a report.
"""
import sys
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium_axe_python import Axe

from browser_support import BrowserTestCase, prefer_color_scheme, site_url

PAGES = {
    "home": "index.html",
    "catalog": "catalog/",
    "component": "catalog/default/component/rides-service/",
    "api": "catalog/default/api/rides-api/",
    "group": "catalog/default/group/rides-team/",
    "health": "health/",
    "docs index": "docs/",
    "docs page (tabs, admonitions, table, code)": "docs/default/component/rides-service/getting-started/",
    "docs page (runbook)": "docs/default/component/rides-service/runbook/",
    "search page (results and facets)": "search/?q=kafka&kind=component",
    "plugin page (Tech Radar: SVG and tables)": "plugins/tech-radar/radar/",
    "entity with a plugin card": "catalog/default/resource/rides-db/",
}
BLOCKING = {"serious", "critical"}


def describe(violation):
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
    more = len(violation["nodes"]) - 3
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} ({targets}{f' and {more} more' if more > 0 else ''})"


class AccessibilityTests(BrowserTestCase):
    def check(self, scheme):
        prefer_color_scheme(self.driver, scheme)
        for name, path in PAGES.items():
            with self.subTest(page=name, scheme=scheme):
                self.driver.get(site_url(path))
                if path.startswith("search/"):
                    # Results and facets are drawn once the index has loaded.
                    WebDriverWait(self.driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-search-results] > li"))
                axe = Axe(self.driver)
                axe.inject()
                results = axe.run(options={"resultTypes": ["violations"]})
                blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
                for violation in results["violations"]:
                    if violation["impact"] not in BLOCKING:
                        print(f"axe note, {name} ({scheme}): {describe(violation)}", file=sys.stderr)
                self.assertEqual([describe(v) for v in blocking], [], f"{name} in {scheme}")

    def test_light_scheme(self):
        self.check("light")

    def test_dark_scheme(self):
        self.check("dark")


if __name__ == "__main__":
    unittest.main()
