"""Shared fixtures: the built site, the server with the production headers, Chromium.

- ``site_dir``: the built ``site/`` (built with ``mkdocs build --strict`` when missing or
  older than its sources); ``site_pages``: every HTML page in it, as site paths.
- ``served``: ``tools.serve`` serving it on 127.0.0.1:<free port> with the netlify.toml
  headers (so the production CSP); ``served.url("about/")``, ``served.origin``.
- ``browser``: one Chromium per session (Debian's /usr/bin/chromium).
- ``page``: a fresh context and page per test, guarded: the test FAILS on any console
  error or warning, uncaught page error, failed request (not counting ones the page
  cancels itself by navigating on), HTTP error status, or request to another origin
  (which is also aborted, so nothing leaves the machine). A test that
  provokes one on purpose says so first: ``page_guard.allow_console(r"regex")``,
  ``page_guard.allow_failed_request(r"regex on the URL")``. ``module_page`` is the same,
  shared by a module's tests (to boot Pyodide once); problems are charged to the test
  during which they happened.
- ``color_scheme``: "light" (default) or "dark", the system preference the context
  emulates; parametrize it (``@pytest.mark.parametrize("color_scheme", ["light", "dark"])``).
  ``choose_palette(page, "slate")`` flips Material's own toggle instead.
- ``axe_check(page)``: axe-core (node_modules) run in the page; returns the violations.
  It is evaluated through Playwright (DevTools protocol), which the page's CSP does not
  govern, so the CSP stays as strict as in production.
- Every guarded page gets tests/browser/page_helpers.js (``window.__tests``), injected
  the same way before the page's own scripts: the programs the tests run in a page live
  there, and a test calls one in a line, e.g.
  ``page.evaluate("url => window.__tests.cacheFetched(url)", url)``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools import chromium
from tools.serve import SiteServer

ROOT = Path(__file__).resolve().parent.parent

SITE_DIR = ROOT / "site"
# What the built site is made from: newer than site/index.html means rebuild.
SITE_SOURCES = (
    "docs",
    "macros",
    "overrides",
    "snippets",
    "src",
    "site_build",
    "examples",
    "mkdocs.yml",
    "requirements/pyodide.txt",
    "node_modules/pyodide/package.json",
)
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The tests' own programs for the pages (window.__tests), injected into every guarded page.
PAGE_HELPERS = ROOT / "tests" / "browser" / "page_helpers.js"
# How Chromium reports a request the page itself cancelled (not a failure of the site).
CANCELLED = "net::ERR_ABORTED"
# URLs that never leave the page: inline data and in-memory blobs (the .ics download).
LOCAL_SCHEMES = ("data:", "blob:", "about:")

# A test module that test_pages.py runs in a child pytest, to see the guard fail a test
# (one of its tests fails on purpose): never part of the main run.
collect_ignore = ["browser/guard_example"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/browser/ drives Chromium: mark it so `-m "not browser"` works."""
    browser_tests = ROOT / "tests" / "browser"
    for item in items:
        if item.path.is_relative_to(browser_tests):
            item.add_marker(pytest.mark.browser)


# ---------------------------------------------------------------- the built site


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in SITE_SOURCES:
        path = ROOT / name
        paths = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for p in paths:
            if "__pycache__" not in p.parts:
                newest = max(newest, p.stat().st_mtime)
    return newest


def build_site() -> None:
    """mkdocs build --strict, as `make build` does; a failed build fails the session."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stdout}{done.stderr}", pytrace=False)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site, rebuilt first when it is missing or older than its sources."""
    index = SITE_DIR / "index.html"
    if not index.is_file() or index.stat().st_mtime < _newest_source_mtime():
        build_site()
    return SITE_DIR


def page_paths(site: Path) -> list[str]:
    """Site paths of every HTML page: "" for the home page, "about/", ..., "404.html"."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative.startswith("pyodide/"):
            continue
        if html.name == "index.html":
            relative = relative.removesuffix("index.html")
        paths.append(relative)
    return paths


@pytest.fixture(scope="session")
def site_pages(site_dir: Path) -> list[str]:
    """Every built page as a site path (see page_paths)."""
    return page_paths(site_dir)


@pytest.fixture(scope="session")
def served(site_dir: Path) -> Iterator[SiteServer]:
    """The built site on 127.0.0.1:<free port>, with the headers from netlify.toml."""
    with SiteServer(site_dir) as server:
        yield server


# ---------------------------------------------------------------- Chromium


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium.EXECUTABLE, args=list(chromium.ARGS), headless=True
        )
        yield launched
        launched.close()


@dataclass
class PageGuard:
    """Collects what should never happen on a page; the test fails if anything is left."""

    origin: str
    problems: list[str] = field(default_factory=list)
    allowed_console: list[re.Pattern[str]] = field(default_factory=list)
    allowed_failures: list[re.Pattern[str]] = field(default_factory=list)
    page: object | None = None

    def allow_console(self, pattern: str) -> None:
        """Expect console errors/warnings whose text matches this regex (this test only)."""
        self.allowed_console.append(re.compile(pattern))

    def allow_failed_request(self, pattern: str) -> None:
        """Expect failed requests/HTTP errors whose URL matches this regex (this test only)."""
        self.allowed_failures.append(re.compile(pattern))

    def reset_allowances(self) -> None:
        self.allowed_console.clear()
        self.allowed_failures.clear()

    def _allowed(self, patterns: list[re.Pattern[str]], text: str) -> bool:
        return any(p.search(text) for p in patterns)

    def is_foreign(self, url: str) -> bool:
        if url.startswith(LOCAL_SCHEMES):
            return False
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" != self.origin

    def watch(self, page) -> None:
        """Report this page's console errors and uncaught errors too (a second tab, say;
        the context's requests are already watched)."""
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)

    # Playwright event handlers
    def on_console(self, message) -> None:
        if message.type in ("error", "warning"):
            text = message.text
            location = message.location.get("url", "") if message.location else ""
            # Playwright's own notice when the context blocks the site's service worker
            # (service_workers="block"): the test setup speaking, not the page.
            if text.startswith("Service Worker registration blocked by Playwright"):
                return
            if not self._allowed(self.allowed_console, text):
                self.problems.append(f"console {message.type}: {text} ({location})")

    def on_page_error(self, error) -> None:
        self.problems.append(f"uncaught error in the page: {error}")

    def on_request_failed(self, request) -> None:
        if self.is_foreign(request.url):
            return  # already reported as a third-party request (we aborted it)
        if request.failure == CANCELLED:
            return  # the page let go of it: navigated on (a wasm mid-download), AbortController
        if not self._allowed(self.allowed_failures, request.url):
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def on_response(self, response) -> None:
        if response.status >= 400 and not self._allowed(self.allowed_failures, response.url):
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def on_route(self, route) -> None:
        url = route.request.url
        if self.is_foreign(url):
            self.problems.append(f"request to another origin (aborted): {url}")
            route.abort("blockedbyclient")
        else:
            route.fallback()

    def flush(self) -> None:
        """Let Playwright deliver pending events (they arrive while we talk to it)."""
        page = self.page
        if page is None or page.is_closed():
            return
        for attempt in range(2):  # a page mid-navigation drops the first call
            try:
                page.evaluate("0")
                return
            except Exception as error:
                if attempt:  # a page that stays silent (crashed, hung) is worth a look
                    self.problems.append(f"page did not answer at the end of the test: {error}")
                else:
                    page.wait_for_load_state()

    def take(self) -> list[str]:
        """The problems so far, clearing them (a test asserting on the guard itself)."""
        self.flush()
        found, self.problems = self.problems, []
        return found


_ACTIVE_GUARDS: list[PageGuard] = []


def open_guarded_page(
    browser, origin: str, color_scheme: str = "light", service_workers: str = "block",
    locale: str = "en-GB", timezone_id: str = "Europe/London",
):
    """A new context + page whose every problem lands in the returned PageGuard.

    Service workers are blocked unless asked for ("allow"): requests a service worker
    answers bypass context.route, so route-based tests would not see them
    (tests/browser/test_offline.py asks for them). The browser is a British reader's
    unless asked otherwise: its language and zone give the form's initial values."""
    guard = PageGuard(origin)
    context = browser.new_context(
        color_scheme=color_scheme, accept_downloads=True, service_workers=service_workers,
        locale=locale, timezone_id=timezone_id,
    )
    context.route("**/*", guard.on_route)
    context.add_init_script(path=PAGE_HELPERS)
    page = context.new_page()
    guard.page = page
    guard.watch(page)
    context.on("requestfailed", guard.on_request_failed)
    context.on("response", guard.on_response)
    _ACTIVE_GUARDS.append(guard)
    return context, page, guard


def _close_guarded(context, guard: PageGuard) -> None:
    _ACTIVE_GUARDS.remove(guard)
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """After each test body: fail it if any open guarded page saw a problem during it."""
    problems = []
    try:
        result = yield
    finally:
        # Always collected, so a failing test's leftovers are not charged to the next one.
        for guard in list(_ACTIVE_GUARDS):
            problems += guard.take()
            guard.reset_allowances()
    if problems:
        pytest.fail("the page reported problems:\n  " + "\n  ".join(problems), pytrace=False)
    return result


@pytest.fixture
def color_scheme() -> str:
    """The system colour scheme the browser context emulates; parametrize to change."""
    return "light"


@pytest.fixture
def page_guard(browser, served, color_scheme):
    """The guard of this test's page (call its allow_* methods before provoking errors)."""
    context, _, guard = open_guarded_page(browser, served.origin, color_scheme)
    yield guard
    _close_guarded(context, guard)


@pytest.fixture
def page(page_guard: PageGuard):
    """A fresh, guarded Chromium page (own context) for one test."""
    return page_guard.page


@pytest.fixture(scope="module")
def module_page(browser, served):
    """A guarded page shared by a module's tests (e.g. to boot Pyodide once)."""
    context, page, guard = open_guarded_page(browser, served.origin)
    yield page
    _close_guarded(context, guard)


@pytest.fixture
def module_page_guard(module_page) -> PageGuard:
    """The guard of module_page, for its allow_* methods (reset after each test)."""
    return next(g for g in _ACTIVE_GUARDS if g.page is module_page)


@pytest.fixture
def open_page(browser):
    """``open_page(origin, color_scheme="light", service_workers="block", **reader) ->
    (page, guard)``: a guarded page on any server (e.g. a tools.serve of a tampered copy of
    the site), as any reader (``locale=``, ``timezone_id=``); closed after the test."""
    opened = []

    def open_(origin: str, color_scheme: str = "light", service_workers: str = "block",
              **reader):
        context, page, guard = open_guarded_page(browser, origin, color_scheme,
                                                 service_workers, **reader)
        opened.append((context, guard))
        return page, guard

    yield open_
    for context, guard in opened:
        _close_guarded(context, guard)


# ---------------------------------------------------------------- helpers for tests


@pytest.fixture(scope="session")
def choose_palette():
    """``choose_palette(page, "slate")``: flip Material's palette toggle to a scheme."""
    return click_palette_to


def click_palette_to(page, scheme: str) -> None:
    """Click Material's palette toggle until the page shows `scheme` ("default"/"slate")."""
    body = page.locator("body")
    for _ in range(4):  # the palette has at most three states
        if body.get_attribute("data-md-color-scheme") == scheme:
            return
        page.locator("form[data-md-component=palette] label:visible").first.click()
    raise AssertionError(f"the palette toggle never reached {scheme!r}")


def run_axe(page, options: dict | None = None) -> list[dict]:
    """axe-core's violations on the current page (id, impact, help, targets)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate(
        "options => axe.run(document, options)",
        options or {"resultTypes": ["violations"]},
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]],
            "summary": [node.get("failureSummary", "") for node in v["nodes"]][:3],
        }
        for v in results["violations"]
    ]


@pytest.fixture(scope="session")
def axe_check():
    """``axe_check(page) -> list of violations`` (empty when axe finds nothing)."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `make setup` (npm ci)", pytrace=False)
    return run_axe


# The runtime's entry script, which the widget's worker imports first: holding it back
# or refusing it keeps Python from starting (page.route).
PYODIDE_SCRIPT = re.compile(r"/pyodide/[^/]+/pyodide\.mjs$")


def fill_interview(page) -> None:
    """Fill a tool page's form with the fewest fields that give drafts: company, date,
    start time, one interviewer."""
    page.get_by_label("Company").fill("Harbourline Logistics")
    page.get_by_label("Interview date").fill("2026-12-01")
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("Interviewer's name").first.fill("Priya Raman")


def format_violations(violations: list[dict]) -> str:
    """Readable assertion message for axe violations."""
    return json.dumps(violations, indent=2)
