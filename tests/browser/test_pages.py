"""Every page of the built site in Chromium, under the production headers (the strict CSP).

Also checks the guard machinery itself (tests/conftest.py): an inline script the CSP
blocks, a request to another origin and an axe violation are each caught, so a green run
means something.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tools.serve import SiteServer

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def _visit(page, url: str):
    """Open a page and wait until it has loaded and Material's scripts have run.

    Not "networkidle": a widget page keeps fetching while Python boots (seconds), and
    the widget tests (test_widget.py) wait for that boot and check it themselves.
    """
    response = page.goto(url, wait_until="load")
    # Material's bundle has run: it renders the search box's form into the header.
    expect(page.locator("[data-md-component=search]")).to_be_attached()
    return response


def test_every_page_loads_cleanly_under_the_csp(page, page_guard, served, site_pages):
    problems: dict[str, list[str]] = {}
    pages = [p for p in site_pages if p != "404.html"]
    assert len(pages) >= 2, f"expected the guide's pages, found {pages}"
    for path in pages:
        response = _visit(page, served.url(path))
        assert response is not None and response.status == 200, path
        csp = response.headers.get("content-security-policy", "")
        assert "script-src 'self' 'wasm-unsafe-eval'" in csp, path
        assert page.title().strip(), f"{path} has no <title>"
        expect(page.locator("main h1, article h1").first).to_be_visible()
        found = page_guard.take()
        if found:
            problems[path] = found
    assert not problems, f"pages with console errors or blocked requests: {problems}"


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_palette_follows_the_system_scheme(page, served, color_scheme):
    _visit(page, served.url(""))
    expected = "slate" if color_scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)


def test_missing_page_is_the_404_page_with_status_404(page, page_guard, served, site_dir):
    url = served.url("no-such-page/")
    page_guard.allow_failed_request(re.escape(url))
    page_guard.allow_console(r"status of 404")
    response = page.goto(url)
    assert response is not None and response.status == 404
    assert response.body() == (site_dir / "404.html").read_bytes()
    # 404.html links its assets from the site root, so it renders at any depth.
    expect(page.locator("[data-md-component=search]")).to_be_attached()


def test_instant_navigation_takes_over_internal_links(page, served, site_pages):
    """No full reload between pages: the sitemap names this server's origin (tools/serve)."""
    _visit(page, served.url(""))
    page.evaluate("window.__still_the_same_document = true")
    link = page.locator("a.md-footer__link--next")
    target = link.get_attribute("href")
    link.click()
    expect(page).not_to_have_url(served.url(""))
    expect(page.locator("[data-md-component=search]")).to_be_attached()
    assert page.evaluate("window.__still_the_same_document === true"), (
        f"following {target!r} reloaded the page: instant navigation did not take over"
    )


# ---------------------------------------------------------------- the guard itself


@pytest.fixture(scope="module")
def tampered_site(site_dir: Path, tmp_path_factory) -> Path:
    """A copy of the site's pages (without Pyodide) with deliberate faults in index.html."""
    copy = tmp_path_factory.mktemp("tampered") / "site"
    shutil.copytree(site_dir, copy, ignore=shutil.ignore_patterns("pyodide"))
    index = copy / "index.html"
    html = index.read_text(encoding="utf-8")
    faults = (
        '<script>window.__injected = "ran"</script>'
        '<a id="third-party" href="http://third-party.invalid/">elsewhere</a>'
        '<img id="no-alt" src="assets/images/favicon.png">'
    )
    index.write_text(html.replace("</body>", faults + "</body>", 1), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def tampered_server(tampered_site: Path):
    with SiteServer(tampered_site) as server:
        yield server


@pytest.fixture
def tampered_page(open_page, tampered_server):
    """A guarded page on the tampered site; each test takes the problems it provokes."""
    return open_page(tampered_server.origin)


def test_guard_catches_an_inline_script_the_csp_blocks(tampered_page, tampered_server):
    page, guard = tampered_page
    _visit(page, tampered_server.url(""))
    assert page.evaluate("window.__injected === undefined"), "the CSP let the script run"
    problems = guard.take()
    assert any("Content Security Policy" in p and "inline script" in p for p in problems), problems


def test_guard_catches_and_blocks_a_request_to_another_origin(tampered_page, tampered_server):
    page, guard = tampered_page
    _visit(page, tampered_server.url(""))
    guard.take()  # the blocked inline script, covered above
    page.locator("#third-party").click()
    expect(page).to_have_url(re.compile("third-party.invalid|chrome-error"))
    problems = guard.take()
    assert any("another origin" in p and "third-party.invalid" in p for p in problems), problems


def test_axe_check_runs_under_the_csp_and_finds_a_real_violation(
    tampered_page, tampered_server, axe_check
):
    page, guard = tampered_page
    _visit(page, tampered_server.url(""))
    violations = axe_check(page)
    guard.take()  # the blocked inline script, covered above
    image_alt = [v for v in violations if v["id"] == "image-alt"]
    assert image_alt and ["#no-alt"] in image_alt[0]["targets"], violations


def test_palette_toggle_switches_to_dark_and_the_choice_survives_a_reload(
    page, served, choose_palette
):
    _visit(page, served.url(""))
    body = page.locator("body")
    choose_palette(page, "slate")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    choose_palette(page, "default")
    expect(body).to_have_attribute("data-md-color-scheme", "default")


# Two tests, one logging a console error; tests/conftest.py keeps them out of the main run.
GUARDED_TEST = Path(__file__).resolve().parent / "guard_example" / "test_guard_example.py"


def test_a_console_error_fails_the_test_that_caused_it(site_dir):
    """The guard's verdict really fails a test: run two tests in a child pytest."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(GUARDED_TEST)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 failed, 1 passed" in done.stdout, done.stdout
    assert "FAILED" in done.stdout and "test_logs_an_error" in done.stdout
    assert "deliberate error from the test" in done.stdout
