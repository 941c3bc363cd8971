"""The guide's checklists in Chromium (docs/javascripts/checklist.js), under the real CSP.

Each test gets a fresh browser context (so empty storage); the page fixture fails a test
on any console error, page error or request to another origin.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

STORAGE_PREFIX = "after-the-interview:checklist:v1:"

# Counts the checklist's writes to localStorage, to prove one tick = one save.
COUNT_WRITES = "() => window.__tests.countWrites()"


@pytest.fixture(scope="module")
def checklists(site_dir) -> list[dict]:
    """The pages with task items, in nav order (checklists.json, written by the build)."""
    pages = json.loads((site_dir / "checklists.json").read_text("utf-8"))["pages"]
    assert len(pages) >= 2 and all(entry["items"] >= 3 for entry in pages[:2])
    return pages


class Checklist:
    """The checklist on the open page."""

    def __init__(self, page) -> None:
        self.page = page
        article = page.locator("article")
        self.boxes = article.locator(".task-list-control input[type=checkbox]")
        self.labels = article.locator("label.task-list-control")
        self.status = article.locator(".checklist-progress__status")
        self.bar = article.locator("progress.checklist-progress__bar")
        self.reset = article.get_by_role("button", name="Clear the ticks on this page")
        self.note = article.locator(".checklist-progress__note")

    def tick(self, index: int) -> None:
        """Click the item's words, as a reader would."""
        self.labels.nth(index).click()

    def expect_done(self, done: int, total: int) -> None:
        expect(self.status).to_have_text(f"{done} of {total} done")
        expect(self.bar).to_have_js_property("value", done)
        expect(self.bar).to_have_js_property("max", total)


def open_checklist(page, url: str) -> Checklist:
    page.goto(url)
    checklist = Checklist(page)
    expect(checklist.status).to_be_visible()  # checklist.js has set the page up
    return checklist


def at_page(url: str) -> re.Pattern[str]:
    """The page's URL, with any #heading that navigation.tracking adds as you scroll."""
    return re.compile(re.escape(url) + r"(#[\w-]*)?$")


def nav_link(page, title: str):
    return page.locator(".md-nav--primary").get_by_role("link", name=title, exact=True)


def test_ticking_updates_progress_and_survives_a_reload(page, served, checklists):
    entry = checklists[0]
    total = entry["items"]
    checklist = open_checklist(page, served.url(entry["url"]))
    checklist.expect_done(0, total)
    expect(checklist.boxes.first).to_be_enabled()

    checklist.tick(0)
    checklist.expect_done(1, total)
    checklist.tick(2)
    checklist.expect_done(2, total)

    page.reload()
    checklist.expect_done(2, total)
    expect(checklist.boxes.nth(0)).to_be_checked()
    expect(checklist.boxes.nth(1)).not_to_be_checked()
    expect(checklist.boxes.nth(2)).to_be_checked()
    saved = page.evaluate(
        "prefix => Object.keys(localStorage).filter(key => key.startsWith(prefix))",
        STORAGE_PREFIX,
    )
    assert saved == [f"{STORAGE_PREFIX}/"], "one namespaced, versioned key per site"


def test_ticks_survive_instant_navigation_without_doubled_listeners(page, served, checklists):
    first, second = checklists[0], checklists[1]
    checklist = open_checklist(page, served.url(first["url"]))
    checklist.tick(0)
    checklist.expect_done(1, first["items"])
    page.evaluate("() => { window.__sameDocument = true }")

    nav_link(page, second["title"]).click()
    expect(page).to_have_url(at_page(served.url(second["url"])))
    checklist.expect_done(0, second["items"])

    page.go_back()  # popstate: Material's instant navigation again
    expect(page).to_have_url(at_page(served.url(first["url"])))
    checklist.expect_done(1, first["items"])
    expect(checklist.boxes.first).to_be_checked()
    assert page.evaluate("() => window.__sameDocument === true"), "a full reload happened"

    # Set up exactly once: one panel, each item's words wrapped once.
    expect(page.locator(".checklist-progress")).to_have_count(1)
    expect(page.locator("article .checklist-item__text")).to_have_count(first["items"])

    page.evaluate(COUNT_WRITES)
    checklist.tick(1)
    checklist.expect_done(2, first["items"])
    assert page.evaluate("() => window.__checklistWrites") == 1, "one tick, one save"


def test_reset_asks_first_then_clears_the_page(page, served, checklists):
    entry = checklists[0]
    total = entry["items"]
    checklist = open_checklist(page, served.url(entry["url"]))
    checklist.tick(0)
    checklist.tick(1)
    checklist.expect_done(2, total)

    questions = []

    def dismiss(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    checklist.reset.click()
    assert questions == ["Clear all the ticks on this page?"]
    checklist.expect_done(2, total)

    page.once("dialog", lambda dialog: dialog.accept())
    checklist.reset.click()
    checklist.expect_done(0, total)
    for index in range(total):
        expect(checklist.boxes.nth(index)).not_to_be_checked()
    expect(checklist.boxes.first).to_be_focused()

    page.reload()
    checklist.expect_done(0, total)


def test_tab_and_space_tick_an_item_with_a_visible_focus_ring(page, served, checklists):
    entry = checklists[0]
    total = entry["items"]
    checklist = open_checklist(page, served.url(entry["url"]))
    ring = "box => window.__tests.checkboxRing(box)"
    assert checklist.boxes.first.evaluate(ring)["content"] == "none"

    checklist.reset.focus()
    page.keyboard.press("Tab")
    expect(checklist.boxes.first).to_be_focused()
    shown = checklist.boxes.first.evaluate(ring)
    assert shown["outline"] == "solid" and float(shown["width"].removesuffix("px")) >= 2, shown

    page.keyboard.press("Space")
    expect(checklist.boxes.first).to_be_checked()
    checklist.expect_done(1, total)

    page.keyboard.press("Tab")
    expect(checklist.boxes.nth(1)).to_be_focused()
    page.keyboard.press("Space")
    checklist.expect_done(2, total)
    page.keyboard.press("Space")
    checklist.expect_done(1, total)


def test_every_checkbox_is_named_by_its_item_text(page, served, checklists):
    for entry in checklists:
        checklist = open_checklist(page, served.url(entry["url"]))
        boxes = page.locator("article").get_by_role("checkbox")
        expect(boxes).to_have_count(entry["items"])
        for index in range(entry["items"]):
            words = checklist.labels.nth(index).inner_text().strip()
            assert len(words) > 3, entry["url"]
            expect(boxes.nth(index)).to_have_accessible_name(words)


def test_home_page_shows_progress_across_every_checklist(page, served, checklists):
    first, second = checklists[0], checklists[1]
    total = sum(entry["items"] for entry in checklists)
    open_checklist(page, served.url(first["url"])).tick(0)
    checklist = open_checklist(page, served.url(second["url"]))
    checklist.tick(0)
    checklist.tick(1)
    checklist.expect_done(2, second["items"])

    page.goto(served.url(""))
    overview = page.locator(".checklist-overview")
    status = overview.get_by_role("status")
    expect(status).to_have_text(f"You've ticked 3 of {total} items across the guide.")
    expect(overview.get_by_role("progressbar")).to_have_js_property("value", 3)
    rows = overview.locator(".checklist-overview__page")
    expect(rows).to_have_count(len(checklists))
    expect(rows.nth(0)).to_have_text(f"{first['title']}: 1 of {first['items']} done")
    expect(rows.nth(1)).to_have_text(f"{second['title']}: 2 of {second['items']} done")

    page.once("dialog", lambda dialog: dialog.accept())
    overview.get_by_role("button", name="Clear every tick in the guide").click()
    expect(status).to_have_text(f"You've ticked 0 of {total} items across the guide.")

    rows.nth(1).get_by_role("link").click()  # instant navigation from the overview
    expect(page).to_have_url(at_page(served.url(second["url"])))
    checklist.expect_done(0, second["items"])


def test_ticking_still_works_when_the_browser_refuses_storage(page, served, checklists):
    page.add_init_script(script="window.__tests.refuseStorage()")
    entry = checklists[0]
    checklist = open_checklist(page, served.url(entry["url"]))
    expect(checklist.note).to_be_hidden()

    checklist.tick(0)
    checklist.expect_done(1, entry["items"])
    expect(checklist.note).to_be_visible()
    expect(checklist.note).to_contain_text("isn't letting this site save")


def test_printing_shows_the_ticks_without_controls(page, served, checklists):
    entry = checklists[0]
    checklist = open_checklist(page, served.url(entry["url"]))
    checklist.tick(0)
    checklist.expect_done(1, entry["items"])

    page.emulate_media(media="print")
    expect(checklist.reset).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    marks = page.locator("article .task-list-indicator").evaluate_all(
        "marks => marks.map(mark => getComputedStyle(mark, '::before').content)"
    )
    assert marks[:2] == ['"\u2611"', '"\u2610"']


def test_saved_ticks_for_reworded_items_are_dropped(page, served, checklists):
    entry = checklists[0]
    checklist = open_checklist(page, served.url(entry["url"]))
    first_item = checklist.labels.nth(0).inner_text().strip()
    page.evaluate(
        "args => window.__tests.saveTicksWithARewordedItem(args)",
        [f"{STORAGE_PREFIX}/", entry["url"], first_item],
    )
    page.reload()
    checklist.expect_done(1, entry["items"])
    expect(checklist.boxes.first).to_be_checked()
    saved = page.evaluate("key => JSON.parse(localStorage.getItem(key))", f"{STORAGE_PREFIX}/")
    assert saved == {"pages": {entry["url"]: [first_item]}}


@pytest.mark.parametrize(
    "stored",
    ["not json {", '{"pages": []}', "null", '{"pages": {"PAGE": "FIRST ITEM, not a list"}}'],
)
def test_unreadable_saved_data_starts_afresh(page, served, checklists, stored):
    entry = checklists[0]
    checklist = open_checklist(page, served.url(entry["url"]))
    first_item = checklist.labels.nth(0).inner_text().strip()
    stored = stored.replace("PAGE", entry["url"]).replace("FIRST ITEM", first_item)
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)", [f"{STORAGE_PREFIX}/", stored]
    )
    page.reload()
    checklist.expect_done(0, entry["items"])
    checklist.tick(0)
    checklist.expect_done(1, entry["items"])
    page.reload()
    checklist.expect_done(1, entry["items"])
