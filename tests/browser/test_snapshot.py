"""Return visits start Python from the build's memory snapshot, in Chromium, under the CSP.

- Same answers: the widget's own worker (python-worker.mjs) started from the snapshot
  and started normally drafts the same emails and the same .ics (apart from DTSTAMP,
  the time of drafting) for the same interviews, in several time zones: half-hour and
  45-minute offsets, and zones the snapshot never loaded. And the zones the worker
  copies out of the tzdata wheel give what the same core on this machine gives from the
  tzdata package.
- Fallbacks: a corrupt cached copy or one made by another Pyodide build ("Snapshot
  build id mismatch") means the normal start, drafts shown, nothing in the console.
- The real round trip: a first visit starts normally and never asks for the snapshot,
  the service worker fetches it only after Python is ready, and the reload starts from
  it; a snapshot missing from the server changes nothing.

The first two groups put the snapshot in Cache Storage themselves, as the service
worker would, and drive the worker directly from a page without a widget: two Python
starts give every comparison.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import shutil
import zoneinfo
from pathlib import Path

import icalendar
import pytest
import tzdata
from playwright.sync_api import expect

import followup.api
from conftest import fill_interview
from followup.cli import interview_from_toml
from tools.serve import SiteServer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EMAILS = "tools/emails/"
NO_WIDGET = "about/"
BOOT_TIMEOUT = 90_000  # ms: a cold Pyodide start on a busy 2-core machine
# The sample interview's zone (the one the snapshot's warm-up drafted in), then zones it
# never loaded: +05:30, +10:30/+09:30 (Adelaide), -03:30, +13:45 (Chatham), and a
# southern-hemisphere summer.
ZONES = (
    "Europe/London",
    "Asia/Kolkata",
    "Australia/Adelaide",
    "America/St_Johns",
    "Pacific/Chatham",
    "America/Sao_Paulo",
)

# Runs in the page: a fresh followup-worker.mjs, "init", then for each input one request
# of each type in `types` ("run": the whole plan; "plan": the same without the .ics).
# (The programs are in page_helpers.js, which tests/conftest.py injects into the page.)
DRIVE_WORKER = "args => window.__tests.driveWorker(args)"

# Runs in the page: put bytes (base64) in Cache Storage under the snapshot's URL.
CACHE_BYTES = "args => window.__tests.cacheBytes(args)"

# Runs in the page: fetch the snapshot and cache it, as the service worker does.
CACHE_FETCHED = "url => window.__tests.cacheFetched(url)"


# ---------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def urls(site_dir: Path) -> dict[str, str]:
    """The tool pages' Python start-up options (site_build; build.json), site-relative."""
    options = json.loads((site_dir / "build.json").read_text(encoding="utf-8"))["python"]
    assert (site_dir / options["snapshot_url"]).is_file()
    return options


def init_payload(served, urls: dict[str, str], *, snapshot: bool) -> dict[str, str]:
    """What a tool page hands the worker (python-client.mjs bootOptions), as URLs here."""
    return {"indexURL": served.url(urls["index_url"]), "lockURL": served.url(urls["lock_url"]),
            "stdlibURL": served.url(urls["stdlib_url"]), "wheelDir": urls["wheel_dir"],
            "holidaysURL": served.url(urls["holidays_url"]),
            "snapshotURL": served.url(urls["snapshot_url"]) if snapshot else None}


def interviews() -> list[dict]:
    """The sample interview (two interviewers, every note) in each zone, plus mistakes."""
    sample = interview_from_toml((ROOT / "examples" / "interview.toml").read_text("utf-8"))
    inputs = [{**sample, "timezone": zone} for zone in ZONES]
    # Lord Howe moves its clocks by 30 minutes, on 4 April 2027: between the interview
    # and the follow-ups.
    inputs.append(
        {
            **sample,
            "tone": "formal",
            "date": "2027-03-30",
            "start_time": "08:15",
            "decision_date": "2027-04-06",
            "timezone": "Australia/Lord_Howe",
        }
    )
    inputs.append(
        {
            **sample,
            "timezone": "Mars/Olympus",
            "date": "2026-02-30",
            "interviewers": [{"name": "Jo", "email": "jo@"}],
        }
    )
    return inputs


def drive(page, served, init: dict, inputs: list[dict], types=("run",)) -> dict:
    return page.evaluate(
        DRIVE_WORKER,
        {
            "workerURL": served.url("javascripts/followup/python-worker.mjs"),
            "init": init,
            "inputs": inputs,
            "types": list(types),
        },
    )


def without_dtstamp(ics: str) -> str:
    return "\r\n".join(line for line in ics.split("\r\n") if not line.startswith("DTSTAMP"))


def comparable(reply: dict) -> dict:
    if not reply["ok"]:
        return reply
    result = reply["result"]
    assert "\r\nDTSTAMP:" in result["ics"]
    return {**reply, "result": {**result, "ics": without_dtstamp(result["ics"])}}


def snapshot_bytes(site_dir: Path, urls: dict[str, str]) -> bytes:
    return (site_dir / urls["snapshot_url"]).read_bytes()


def cache_bytes(page, url: str, data: bytes) -> None:
    page.evaluate(CACHE_BYTES, {"url": url, "data": base64.b64encode(data).decode()})


def widget(page):
    return page.locator(".fu-widget")


def draft_a_sample(page, url: str) -> None:
    """Open a tool page, fill in the fewest fields and wait for the drafts."""
    page.goto(url)
    fill_interview(page)
    expect_drafts(page)


def expect_drafts(page) -> None:
    expect(page.locator(".fu-results .fu-draft").first).to_contain_text(
        "Priya", timeout=BOOT_TIMEOUT
    )


# ---------------------------------------------------------------- same answers


def test_the_snapshot_drafts_exactly_what_a_normal_start_drafts(page, served, urls) -> None:
    page.goto(served.url(NO_WIDGET))
    page.evaluate(CACHE_FETCHED, served.url(urls["snapshot_url"]))
    inputs = interviews()

    restored = drive(page, served, init_payload(served, urls, snapshot=True), inputs)
    normal = drive(page, served, init_payload(served, urls, snapshot=False), inputs)

    assert restored["ready"]["result"] == {"ready": True, "python": "snapshot"}
    assert normal["ready"]["result"] == {"ready": True, "python": "normal"}
    assert [reply["ok"] for reply in normal["replies"]] == [True] * (len(inputs) - 1) + [False]
    pairs = zip(inputs, restored["replies"], normal["replies"], strict=True)
    for given, by_snapshot, by_normal in pairs:
        assert comparable(by_snapshot) == comparable(by_normal), given["timezone"]
    for given, reply in zip(inputs[:-1], restored["replies"][:-1], strict=True):
        calendar = icalendar.Calendar.from_ical(reply["result"]["ics"])
        assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {given["timezone"]}
        assert len(calendar.walk("VEVENT")) == 4
    # The mistakes come back as field errors, not as a crash, on both paths.
    fields = {error["field"] for error in restored["replies"][-1]["errors"]}
    assert {"timezone", "date", "interviewers[0].email"} <= fields


def test_a_plan_is_the_whole_plan_without_the_calendar_file(page, served, urls) -> None:
    # What the widgets show comes from "plan" (no icalendar import); the Download
    # button's file from "run". Both must agree on everything else, mistakes included.
    page.goto(served.url(NO_WIDGET))
    inputs = interviews()
    replies = drive(page, served, init_payload(served, urls, snapshot=False), inputs,
                    types=("plan", "run"))["replies"]
    for given, plan, whole in zip(inputs, replies[0::2], replies[1::2], strict=True):
        if not whole["ok"]:
            assert plan["errors"] == whole["errors"], given["timezone"]
            continue
        assert plan["ok"] is True
        assert "ics" not in plan["result"] and "ics_filename" not in plan["result"]
        rest = {k: v for k, v in whole["result"].items() if k not in ("ics", "ics_filename")}
        assert plan["result"] == rest, given["timezone"]


@pytest.fixture
def tzdata_package_only():
    """The host's zoneinfo reading the tzdata package alone (never the system's files)."""
    zoneinfo.reset_tzpath(to=[])
    zoneinfo.ZoneInfo.clear_cache()
    yield
    zoneinfo.reset_tzpath()
    zoneinfo.ZoneInfo.clear_cache()


# The worker's reader of the tzdata wheel (docs/javascripts/followup/zip-entry.mjs).
ZIP_READER = re.compile(r"/javascripts/followup/zip-entry\.mjs$")


@pytest.mark.parametrize("zip_reader", ["served", "refused"])
def test_the_zones_the_worker_copies_out_draft_what_the_tzdata_package_drafts(
    page, page_guard, served, urls, site_dir, tzdata_package_only, zip_reader
) -> None:
    # The worker copies each request's zone out of the tzdata wheel to where zoneinfo
    # looks first. The same core on this machine, reading the same tzdata release as a
    # package, must agree to the letter, and names that are not zones (paths, data files,
    # folders, the wheel's own modules) must stay mistakes. When the worker's zip reader
    # cannot be downloaded, zoneinfo reads the wheel as a package itself: slower, the
    # same answers.
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    if zip_reader == "refused":
        page_guard.allow_failed_request(ZIP_READER.pattern)
        page_guard.allow_console(r"Failed to (load resource|fetch dynamically imported module)")
        page.route(ZIP_READER, lambda route: route.abort())
    (wheel,) = (site_dir / urls["lock_url"]).parent.glob("tzdata-*.whl")
    assert wheel.name.startswith(f"tzdata-{tzdata.__version__}-"), "re-pin tzdata to compare"
    sample = interviews()[0]
    not_zones = ["../../../lib/python3.14/os.py", "zone.tab", "Europe", "tzdata.zi",
                 "Europe/__init__.pyc", "/usr/share/zoneinfo/UTC", "Europe/London\x00"]
    inputs = [*interviews()[:-1], *({**sample, "timezone": key} for key in not_zones)]
    page.goto(served.url(NO_WIDGET))
    replies = drive(page, served, init_payload(served, urls, snapshot=False), inputs,
                    types=("plan",))["replies"]
    for given, reply in zip(inputs, replies, strict=True):
        expected = followup.api.run(given, calendar_file=False)
        answer = {key: value for key, value in reply.items() if key != "id"}
        assert answer == expected, given["timezone"]
    assert [reply["ok"] for reply in replies[-len(not_zones):]] == [False] * len(not_zones)
    assert len([url for url in requested if ZIP_READER.search(url)]) == 1


# ---------------------------------------------------------------- fallbacks


def mismatched_build(snapshot: bytes) -> bytes:
    """The snapshot as if made by another Pyodide build: its build id (bytes 16-48) changed."""
    raw = bytearray(gzip.decompress(snapshot))
    raw[16:48] = bytes(32)
    return gzip.compress(bytes(raw), compresslevel=1)


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        pytest.param(lambda good: b"not a snapshot " * 4096, "unreadable snapshot", id="garbage"),
        pytest.param(lambda good: good[: len(good) // 2], "unreadable snapshot", id="truncated"),
        pytest.param(mismatched_build, "Snapshot build id mismatch", id="other-build"),
    ],
)
def test_a_bad_snapshot_falls_back_to_the_normal_start(
    page, served, urls, site_dir, damage, problem
) -> None:
    page.goto(served.url(NO_WIDGET))
    cache_bytes(page, served.url(urls["snapshot_url"]), damage(snapshot_bytes(site_dir, urls)))

    draft_a_sample(page, served.url(EMAILS))
    expect(widget(page)).to_have_attribute("data-fu-python", "normal")
    expect(widget(page)).to_have_attribute("data-fu-snapshot-problem", re.compile(problem))
    expect(widget(page).locator(".fu-unavailable")).to_have_count(0)


# ---------------------------------------------------------------- the round trip

# Runs before the page's own scripts (Playwright injects it; the CSP does not apply):
# note when the widget says how its Python started (it is ready) and what the service
# worker answers.
WATCH_PAGE = "window.__tests.watchPage()"


def service_worker_says(page, wanted: str) -> list[str]:
    """Wait until the service worker has answered `wanted` (or a failure of the same kind)."""
    kind = wanted.split("-", 1)[0]
    return page.evaluate(
        "args => window.__tests.waitForServiceWorkerMessage(args)", [kind, BOOT_TIMEOUT]
    )


def test_the_next_visit_starts_from_the_snapshot_fetched_after_ready(
    open_page, served, urls
) -> None:
    page, _ = open_page(served.origin, service_workers="allow")
    snapshot_url = served.url(urls["snapshot_url"])
    fetched = []
    page.context.on("request", lambda r: fetched.append(r) if r.url == snapshot_url else None)
    page.add_init_script(WATCH_PAGE)

    draft_a_sample(page, served.url(EMAILS))
    expect(widget(page)).to_have_attribute("data-fu-python", "normal")
    assert service_worker_says(page, "snapshot-cached") == ["snapshot-cached"]
    ready_at = page.evaluate("window.__pythonReadyAt")
    assert fetched, "the snapshot was never requested"
    assert all(request.timing["startTime"] >= ready_at for request in fetched), (
        "the snapshot was requested before the widget's Python was ready"
    )

    page.reload()
    expect_drafts(page)  # the details come back from the browser, drafted by the snapshot
    expect(widget(page)).to_have_attribute("data-fu-python", "snapshot")
    assert widget(page).get_attribute("data-fu-snapshot-problem") is None


def test_a_snapshot_missing_from_the_server_changes_nothing(
    open_page, site_dir: Path, urls, tmp_path: Path
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy, ignore=shutil.ignore_patterns("*.snapshot.gz"))
    with SiteServer(copy) as server:
        page, guard = open_page(server.origin, service_workers="allow")
        guard.allow_failed_request(re.escape(urls["snapshot_url"]) + "$")  # the 404 itself
        page.add_init_script(WATCH_PAGE)
        draft_a_sample(page, server.url(EMAILS))
        expect(widget(page)).to_have_attribute("data-fu-python", "normal")
        assert service_worker_says(page, "snapshot-cached") == ["snapshot-not-cached"]
        # Python itself is still kept for offline use.
        assert service_worker_says(page, "python-cached") == ["python-cached"]
