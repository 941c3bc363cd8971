"""Run by tests/browser/test_pages.py in a child pytest, never by the main run (it is in
tests/conftest.py's collect_ignore): the first test fails on purpose, the guard's verdict.
"""


def test_logs_an_error(page, served):
    page.goto(served.url(""))
    page.evaluate("console.error('deliberate error from the test')")


def test_stays_quiet(page, served):
    page.goto(served.url(""))
