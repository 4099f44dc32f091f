"""Runs every browser test and prints one summary line: `browser: N passed, N failed, N skipped`.

A test with failing subtests counts once, as failed. Exits 1 on any failure, or when no test ran.
"""
import os
import sys
import unittest


class CountingResult(unittest.TextTestResult):
    """Records one outcome per test id: failed wins over skipped, which wins over passed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = {}

    def record(self, test, outcome):
        rank = {"passed": 0, "skipped": 1, "failed": 2}
        previous = self.outcomes.get(test.id())
        if previous is None or rank[outcome] > rank[previous]:
            self.outcomes[test.id()] = outcome

    def addSuccess(self, test):
        super().addSuccess(test)
        self.record(test, "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.record(test, "failed")

    def addError(self, test, err):
        super().addError(test, err)
        self.record(test, "failed")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.record(test, "failed")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.record(test, "skipped")

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        self.record(test, "failed" if err is not None else "passed")


here = os.path.dirname(os.path.abspath(__file__))
suite = unittest.defaultTestLoader.discover(here, pattern="test_*.py", top_level_dir=here)
result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout, resultclass=CountingResult).run(suite)
counts = {outcome: list(result.outcomes.values()).count(outcome) for outcome in ("passed", "failed", "skipped")}
print(f"browser: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
sys.exit(0 if result.wasSuccessful() and counts["passed"] > 0 else 1)
