"""Offline on repeat visits: after one visit, the guide and the tools work with no network.

Each test serves the built site on its own server so it can stop it: offline then means
no server at all (not only Playwright's offline switch), so anything the page still
shows came from the service worker's cache.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect

from conftest import PAGE_HELPERS, PYODIDE_SCRIPT, fill_interview
from tools.serve import SiteServer

MANIFEST_JSON = re.compile(r"^serve\((\{.*?\n\})\);$", re.S | re.M)
# Every URL but the version-named Python files (which must never touch the network).
NETWORK_FIRST = r"^http://127\.0\.0\.1:\d+/(?!pyodide/)"
BOOT_TIMEOUT_MS = 90_000  # Pyodide under a loaded 2-core machine


@pytest.fixture
def own_server(site_dir: Path):
    """The built site on a server of this test's own (stopped by the test to go offline)."""
    server = SiteServer(site_dir).start()
    stopped = False

    def stop() -> None:
        nonlocal stopped
        if not stopped:
            server.stop()
            stopped = True

    server.stop_now = stop
    yield server
    stop()


@pytest.fixture(scope="module")
def manifest(site_dir: Path) -> dict:
    match = MANIFEST_JSON.search((site_dir / "sw.js").read_text(encoding="utf-8"))
    assert match, "site/sw.js carries no manifest"
    return json.loads(match.group(1))


def wait_for_offline_copy(page, urls: list[str]) -> None:
    """Wait until the service worker controls the page and has every URL in its cache."""
    missing = page.evaluate(
        "args => window.__tests.waitForOfflineCopy(args)", [urls, BOOT_TIMEOUT_MS]
    )
    assert missing == [], f"the service worker never cached: {missing[:5]}"


def go_offline(page, server) -> None:
    server.stop_now()
    page.context.set_offline(True)


def test_tools_work_offline_after_one_visit(
    open_page, own_server, manifest, site_dir: Path
) -> None:
    page, guard = open_page(own_server.origin, service_workers="allow")
    page.goto(own_server.url("tools/emails/"))
    fill_interview(page)
    drafts = page.locator(".fu-results .fu-draft")
    expect(drafts.first).to_contain_text("Priya", timeout=BOOT_TIMEOUT_MS)
    # The snapshot too (fetched once the drafts show): going offline mid-download would
    # be a failed request under pyodide/.
    cached = manifest["site"] + manifest["python"] + manifest["snapshot"]
    wanted = [own_server.url(path) for path in cached]
    wait_for_offline_copy(page, wanted)

    go_offline(page, own_server)
    # Pages and unversioned files are network-first: those attempts fail (and are
    # reported) before the worker answers from its cache. Python's files are
    # cache-first, so a failure there is a real miss and still fails the test.
    guard.allow_failed_request(NETWORK_FIRST)
    page.reload()
    # Restored from the browser, drafted by Python started from the cache.
    expect(page.get_by_label("Company")).to_have_value("Harbourline Logistics")
    expect(drafts.first).to_contain_text("Priya", timeout=BOOT_TIMEOUT_MS)
    expect(drafts.first).to_contain_text("Harbourline Logistics")

    page.goto(own_server.url("tools/calendar/"))
    button = page.get_by_role("button", name=re.compile(r"Download the calendar file"))
    expect(button).to_be_visible(timeout=BOOT_TIMEOUT_MS)
    with page.expect_download() as download_info:
        button.click()
    download = download_info.value
    assert "harbourline" in download.suggested_filename  # made from the restored details
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    steps = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(steps) == 4  # thank-you, two follow-ups, the call

    # The rest of the stdlib, which the Python worker downloads with a synchronous request
    # if Python ever imports one of its modules: offline, the service worker answers it.
    (rest,) = [path for path in manifest["python"] if "/python_stdlib_rest-" in path]
    (worker,) = [worker for worker in page.workers if "python-worker" in worker.url]
    worker.evaluate(PAGE_HELPERS.read_text(encoding="utf-8"))  # no init scripts in workers
    answer = worker.evaluate(SYNC_DOWNLOAD, own_server.url(rest))
    assert answer == [200, (site_dir / rest).stat().st_size]


# Run inside the Python worker by the test (as its finder downloads the rest).
SYNC_DOWNLOAD = "url => globalThis.__tests.syncDownload(url)"


# Runs before the page's own scripts (the CSP does not apply): when the page first asked
# to register its service worker, and when its Python start was over.
WATCH_REGISTRATION = "window.__tests.watchRegistration()"


def test_a_tool_page_installs_the_offline_copy_once_python_has_answered(
    open_page, own_server, manifest
) -> None:
    # Installing fetches every page and asset: on a tool page it waits for Python, so a
    # first visit's drafts do not compete with it.
    page, _ = open_page(own_server.origin, service_workers="allow")
    page.add_init_script(WATCH_REGISTRATION)
    page.goto(own_server.url("tools/emails/"))
    fill_interview(page)
    expect(page.locator(".fu-results .fu-draft").first).to_contain_text(
        "Priya", timeout=BOOT_TIMEOUT_MS
    )
    wait_for_offline_copy(page, [own_server.url(path) for path in manifest["site"]])
    registered, settled = page.evaluate("[window.__registeredAt, window.__settledAt]")
    assert settled is not None, "the widget never said its Python had started"
    assert registered >= settled, "the service worker was registered while Python started"


def test_a_tool_page_whose_python_cannot_start_still_installs_the_offline_copy(
    open_page, own_server, manifest
) -> None:
    page, guard = open_page(own_server.origin, service_workers="allow")
    guard.allow_failed_request(r"pyodide\.mjs")
    guard.allow_console(r"Failed to load resource|net::ERR_FAILED|pyodide\.mjs|Failed to")
    page.add_init_script(WATCH_REGISTRATION)
    page.route(PYODIDE_SCRIPT, lambda route: route.abort())
    page.goto(own_server.url("tools/emails/"))
    message = page.locator(".fu-unavailable")
    expect(message).to_contain_text("could not start", timeout=BOOT_TIMEOUT_MS)
    wait_for_offline_copy(page, [own_server.url(path) for path in manifest["site"]])
    assert page.evaluate("window.__registeredAt >= window.__settledAt")


def test_guide_pages_work_offline_after_one_visit(
    open_page, own_server, manifest, site_dir: Path
) -> None:
    page, guard = open_page(own_server.origin, service_workers="allow")
    page.goto(own_server.url(""))
    wait_for_offline_copy(page, [own_server.url(path) for path in manifest["site"]])
    assert page.evaluate("() => window.__tests.cachesHoldPython()") is False, (
        "a guide page made the service worker download Python"
    )

    go_offline(page, own_server)
    guard.allow_failed_request(NETWORK_FIRST)
    # A page never opened before, reached offline: it can only come from the cache.
    page.goto(own_server.url("steps/waiting/"))
    built = (site_dir / "steps" / "waiting" / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)<", built, re.S).group(1).strip()
    expect(page.locator("article h1")).to_contain_text(heading)
