"""axe-core on every page of the built site, in the light and the dark scheme.

Runs after the page scripts have set the page up (checklists made interactive, the home
page's progress filled in), so what is checked is what a reader meets.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from conftest import format_violations

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}  # system preference -> Material's scheme
# A tool page's widget starts Python (Pyodide) on load; wait for it before checking, so
# axe sees the working tool and leaving the page does not cut a download short.
WIDGET_BOOT_TIMEOUT = 90_000  # ms: a cold Pyodide start on a busy 2-core machine


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_axe_finds_nothing_on_any_page(page, served, site_dir, site_pages, axe_check, color_scheme):
    checklist_pages = {
        entry["url"]
        for entry in json.loads((site_dir / "checklists.json").read_text("utf-8"))["pages"]
    }
    assert len(site_pages) > len(checklist_pages) > 0
    found = {}
    for path in site_pages:
        # Let each page finish what it fetches (a page may start Python), so leaving it
        # never cuts a download short.
        page.goto(served.url(path), wait_until="networkidle")
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", SCHEMES[color_scheme]
        )
        expect(page.locator("[data-md-component=search]")).to_be_attached()
        if path in checklist_pages:
            expect(page.locator(".checklist-progress__status")).to_be_visible()
        if page.locator("[data-checklist-overview]").count():
            expect(page.locator(".checklist-overview__status")).to_be_visible()
        for board in page.locator(".fu-board").all():
            expect(board.locator(".fu-progress")).to_be_hidden(timeout=WIDGET_BOOT_TIMEOUT)
        for widget in page.locator(".fu-widget").all():
            expect(widget.locator(".fu-progress")).to_be_hidden(timeout=WIDGET_BOOT_TIMEOUT)
            expect(widget.locator(".fu-unavailable")).to_have_count(0)
        violations = axe_check(page)
        if violations:
            found[path or "/"] = violations
    assert not found, f"axe-core violations ({color_scheme}):\n{format_violations(found)}"


def test_keyboard_focus_on_content_tabs_is_ringed(page, served):
    # Material's tabs are hidden radio buttons: without a ring of our own, the focused
    # tab only changed colour, not a visible focus indicator.
    page.goto(served.url("steps/what-to-write/"))
    tabs = page.locator(".tabbed-set").first
    tabs.locator("> input").first.focus()
    page.keyboard.press("ArrowRight")  # the keyboard moves to the next tab
    assert tabs.locator("> input").nth(1).evaluate("e => e.matches(':focus-visible')")
    ring = tabs.locator("> .tabbed-labels").evaluate(
        "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert ring[0] == "solid" and float(ring[1].removesuffix("px")) >= 2, ring
    page.mouse.click(5, 5)  # a click elsewhere takes the focus, and the ring, away
    ring = tabs.locator("> .tabbed-labels").evaluate("e => getComputedStyle(e).outlineStyle")
    assert ring == "none"


# The contrast of a checklist box's ::before, as drawn over the page (page_helpers.js).
CONTRAST_OF_BOX = "box => window.__tests.contrastOfBox(box)"


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_checklist_boxes_show_their_state_at_3_to_1(page, served, color_scheme):
    # WCAG 1.4.11: a control's state must stand out from the page. Material's unticked
    # box is a 7% grey disc (1.1:1 on white), its ticked one #00e676 (1.6:1).
    page.goto(served.url("steps/straight-after/"))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[color_scheme])
    item = page.locator("article label.task-list-control").first
    box = item.locator(".task-list-indicator")
    checkbox = item.locator("[type=checkbox]")
    expect(checkbox).not_to_be_checked()
    unticked = box.evaluate(CONTRAST_OF_BOX)
    item.click()  # the item's words, as a reader ticks it
    expect(checkbox).to_be_checked()
    ticked = box.evaluate(CONTRAST_OF_BOX)
    assert unticked >= 3 and ticked >= 3, (unticked, ticked)
    # Printed, the boxes are characters, not the screen's drawings.
    page.emulate_media(media="print")
    printed = box.evaluate("b => getComputedStyle(b, '::before').content")
    assert printed == '"\u2611"', printed  # a ticked ballot box
    page.emulate_media(media="screen")
    item.click()
