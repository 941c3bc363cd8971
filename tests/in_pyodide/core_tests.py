"""Runs inside Pyodide (tests/test_core_in_pyodide.py): the core test suite, with pytest.

The tests and the examples have been copied to /work, the working folder; the wheels
(pytest, hypothesis, the core and its dependencies) unpacked into site-packages.
"""

from __future__ import annotations

import sys

import pytest


class Outcomes:
    """Collects each test's outcome (the call phase, or setup when it was skipped)."""

    def __init__(self) -> None:
        self.passed: list[str] = []
        self.failed: list[str] = []
        self.skipped: dict[str, str] = {}

    def pytest_runtest_logreport(self, report) -> None:
        if report.when == "call" and report.passed:
            self.passed.append(report.nodeid)
        elif report.failed:
            self.failed.append(report.nodeid)
        elif report.skipped:
            reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
            self.skipped[report.nodeid] = str(reason)


def run(pytest_args: list[str]) -> dict:
    """Run tests/core; what happened, test by test."""
    outcomes = Outcomes()
    code = int(pytest.main(["-p", "no:cacheprovider", "tests/core", *pytest_args],
                           plugins=[outcomes]))
    return {"exit_code": code, "platform": sys.platform, "python": sys.version.split()[0],
            "passed": outcomes.passed, "failed": outcomes.failed, "skipped": outcomes.skipped}
