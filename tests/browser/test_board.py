"""The board of applications (tools/board/), in Chromium, under the production CSP.

A reader with several interviews in flight: what to send today, the answer that comes
back, moving everything to another device in one file, and the board kept safe from
damaged files, from an older version's storage and from a second tab.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from conftest import format_violations
from followup import timeline
from followup.interview import parse_interview

pytestmark = pytest.mark.browser

BOARD = "tools/board/"
EMAILS = "tools/emails/"
STORE_MODULE = "/javascripts/followup/store.mjs"
BOOT_TIMEOUT = 90_000  # ms: a cold Pyodide start on a busy 2-core machine
LONDON = ZoneInfo("Europe/London")

# Three applications in three states. Acme's thank-you is done, so its next step is its
# first follow-up; "today" is set to that day (see today_for_the_board).
ACME = {"company": "Acme Robotics", "role": "Data analyst", "date": "2026-11-26",
        "start_time": "10:00", "timezone": "Europe/London", "country": "GB", "region": "ENG",
        "done": ["thank-you"], "interviewers": [{"name": "Priya Raman"}]}
# Nothing done since an interview a week before Acme's: its thank-you is overdue.
GLOBEX = {"company": "Globex", "role": "Analyst", "date": "2026-11-19", "start_time": "14:00",
          "timezone": "Europe/London", "country": "GB",
          "interviewers": [{"name": "Tom Okafor"}]}
# They said no: nothing left to chase.
INITECH = {"company": "Initech", "role": "Reporting lead", "date": "2026-11-20",
           "start_time": "09:30", "timezone": "Europe/London", "country": "GB",
           "status": "rejected", "replied_on": "2026-11-27",
           "interviewers": [{"name": "Sam Lee"}]}
APPLICATIONS = [{"id": "acme", "details": ACME}, {"id": "globex", "details": GLOBEX},
                {"id": "initech", "details": INITECH}]


def today_for_the_board() -> date:
    """The day Acme's first follow-up is due, by the core's own rules."""
    steps = timeline.plan(parse_interview(ACME))
    first = next(step for step in steps if step.id == "follow-up-1")
    return first.due.astimezone(LONDON).date()


def board(page):
    return page.locator(".fu-board")


def cards(page):
    return board(page).locator(".fu-application-card")


def seed(page, applications=APPLICATIONS) -> None:
    page.evaluate("args => window.__tests.seedApplications(...args)", [STORE_MODULE, applications])


def saved(page) -> list[dict]:
    return page.evaluate("m => window.__tests.savedApplications(m)", STORE_MODULE)


def tool_storage(page) -> dict:
    return page.evaluate("() => window.__tests.toolStorage()")


def open_board(page, served, *, seeded=APPLICATIONS) -> None:
    """The board, with `seeded` saved first (on a page of the site: its storage)."""
    page.goto(served.url(BOARD))
    if seeded:
        seed(page, seeded)
        page.reload()
    wait_for_rows(page)


def wait_for_rows(page) -> None:
    """Python's rows are on the page (the saved applications show before, unordered)."""
    expect(board(page)).to_have_attribute("data-fu-board-ready", "", timeout=BOOT_TIMEOUT)
    expect(board(page).locator(".fu-progress")).to_be_hidden()


def fix_today(page, day: date) -> None:
    page.clock.set_fixed_time(datetime(day.year, day.month, day.day, 9, 30, tzinfo=LONDON))


def test_a_reader_with_three_interviews_sees_what_to_send_today(page, served):
    today = today_for_the_board()
    fix_today(page, today)
    open_board(page, served)

    # Most urgent first: the overdue thank-you, then today's follow-up; the closed one last.
    expect(cards(page)).to_have_count(3)
    titles = cards(page).locator("h3")
    expect(titles).to_have_text(["Globex, Analyst", "Acme Robotics, Data analyst",
                                 "Initech, Reporting lead"])
    expect(cards(page).nth(0)).to_have_attribute("data-fu-urgency", "overdue")
    expect(cards(page).nth(0).locator(".fu-urgency")).to_have_text("Overdue")
    expect(cards(page).nth(1)).to_have_attribute("data-fu-urgency", "today")
    expect(cards(page).nth(1).locator(".fu-urgency")).to_have_text("Due today")
    expect(cards(page).nth(1).locator(".fu-application-next")).to_contain_text(
        "Next: Send a first follow-up email")
    expect(cards(page).nth(2)).to_have_attribute("data-fu-urgency", "settled")
    expect(cards(page).nth(2).locator(".fu-application-facts")).to_contain_text(
        "Not offered the job")

    # Acme answers with an invitation: saved at once, with today as the day of the reply,
    # and the reminders left are no longer needed, so Acme has nothing due.
    acme = cards(page).nth(1)
    acme.get_by_label("Where it stands").select_option(label="Invited to a next round")
    expect(board(page).locator(".fu-board-status")).to_have_text(
        "Saved: Invited to a next round.")
    expect(board(page).locator('[data-fu-application="acme"]')).to_have_attribute(
        "data-fu-urgency", "settled")
    stored = {item["id"]: item["details"] for item in saved(page)}
    assert stored["acme"]["status"] == "next_round"
    assert stored["acme"]["replied_on"] == today.isoformat()
    assert stored["globex"] == GLOBEX  # the others untouched
    # The answer's drafts are one click away, on the emails page, with Acme open there.
    link = board(page).locator('[data-fu-application="acme"] .fu-application-answer a')
    link.click()
    expect(page).to_have_url(served.url(EMAILS))
    company = page.locator(".fu-widget").get_by_label("Company", exact=False).first
    expect(company).to_have_value("Acme Robotics")
    # There, the reply to the invitation comes after the plan's drafts, under its note.
    expect(page.locator(".fu-answer-note")).to_be_visible(timeout=BOOT_TIMEOUT)
    reply = page.locator('.fu-draft[data-fu-step="next-round"]')
    expect(reply).to_have_count(1)
    expect(reply.locator(".fu-body")).to_contain_text("Priya")


def test_a_new_application_starts_blank_and_joins_the_board(page, served):
    open_board(page, served, seeded=None)
    expect(board(page).locator(".fu-board-empty")).to_be_visible()
    board(page).get_by_role("link", name="Add your first application").click()
    expect(page).to_have_url(served.url(EMAILS))
    form = page.locator(".fu-widget")
    expect(form.locator(".fu-application-name")).to_have_text(
        "You are working on a new application.")
    form.get_by_label("Company", exact=False).first.fill("Umbrella Health")
    form.get_by_label("Interview date").fill("2026-12-01")
    form.get_by_label("Start time").fill("14:00")
    expect(form.locator(".fu-application-name")).to_have_text(
        "You are working on: Umbrella Health.")
    form.get_by_role("link", name="See all your applications").click()
    expect(page).to_have_url(served.url(BOARD))
    wait_for_rows(page)
    expect(cards(page)).to_have_count(1)
    expect(cards(page).first.locator("h3")).to_have_text("Umbrella Health")
    expect(cards(page).first.locator(".fu-application-next")).to_contain_text("Next: ")


def test_export_then_import_into_a_fresh_profile_gives_the_same_board(
        page, served, open_page, tmp_path):
    fix_today(page, today_for_the_board())
    open_board(page, served)
    shown = cards(page).locator("h3").all_text_contents()
    with page.expect_download() as info:
        board(page).get_by_role("button", name="Download your board file").click()
    download = info.value
    assert download.suggested_filename.startswith("interview-board-")
    file = tmp_path / download.suggested_filename
    download.save_as(file)
    content = json.loads(file.read_text("utf-8"))
    assert (content["format"], content["version"]) == ("followup-board", 1)
    assert sorted(item["id"] for item in content["applications"]) == ["acme", "globex", "initech"]

    fresh, _ = open_page(served.origin)  # another device: an empty profile
    fix_today(fresh, today_for_the_board())
    open_board(fresh, served, seeded=None)
    expect(cards(fresh)).to_have_count(0)
    fresh.locator(".fu-board").get_by_label("Import a board file").set_input_files(file)
    expect(board(fresh).locator(".fu-board-status")).to_contain_text("Imported 3 applications")
    expect(cards(fresh).locator("h3")).to_have_text(shown)
    assert saved(fresh) == saved(page)

    # Again, on a board that has them: nothing is replaced without a yes.
    asked = []
    fresh.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    before = tool_storage(fresh)
    board(fresh).get_by_label("Import a board file").set_input_files(file)
    expect(board(fresh).locator(".fu-board-status")).to_have_text("Nothing was imported.")
    assert asked and "3 applications on this board will be replaced" in asked[0]
    assert tool_storage(fresh) == before


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("damaged.json", '{"format": "followup-board", "version": 1, "applications": [',
     "not"),
    ("package.json", json.dumps({"name": "left-pad", "version": "1.3.0"}), "board"),
    ("newer.json", json.dumps({"format": "followup-board", "version": 99, "applications": []}),
     "newer version"),
    ("wrong.json", json.dumps({"format": "followup-board", "version": 1, "applications": [
        {"id": "x", "details": {"company": ["<img src=x onerror=alert(1)>"]}}]}),
     "Application 1"),
])
def test_a_damaged_or_foreign_file_is_refused_and_changes_nothing(
        page, served, tmp_path, name, content, problem):
    open_board(page, served)
    before = tool_storage(page)
    path = tmp_path / name
    path.write_text(content, "utf-8")
    board(page).get_by_label("Import a board file").set_input_files(path)
    problems = board(page).locator(".fu-board-problems")
    expect(problems).to_contain_text("This file was not imported, and your board is as it was")
    expect(problems.locator("li").first).to_contain_text(problem)
    assert tool_storage(page) == before
    expect(cards(page)).to_have_count(3)


def test_what_an_earlier_version_saved_is_on_the_board(page, served):
    # Version 1 kept one interview under followup:details:v1, its drafts and edits beside it.
    page.goto(served.url("about/"))
    legacy = {"company": "Hooli", "date": "2026-11-30", "start_time": "11:00",
              "interviewers": [{"name": "Gavin Belson"}]}
    edits = {"thank-you:Gavin Belson": {"text": "My own words", "from": "The draft"}}
    for what, value in (("details", {"data": legacy}), ("edits", edits)):
        page.evaluate("args => window.__tests.putStored(...args)",
                      [STORE_MODULE, what, json.dumps(value), True])
    page.goto(served.url(BOARD))
    wait_for_rows(page)
    expect(cards(page)).to_have_count(1)
    expect(cards(page).first.locator("h3")).to_have_text("Hooli")
    storage = tool_storage(page)
    assert not [key for key in storage if key.endswith(":v1")]
    [application] = saved(page)
    assert application["details"] == legacy
    assert json.loads(storage[f"followup:edits:v2:{application['id']}"]) == edits
    # Opened, it is the form it was.
    cards(page).first.get_by_role("link", name="Open").click()
    expect(page.locator(".fu-widget").get_by_label("Company", exact=False).first).to_have_value(
        "Hooli")


def test_two_tabs_on_two_applications_never_write_over_each_other(page, served, open_page):
    open_board(page, served)
    other = page.context.new_page()
    other.goto(served.url(BOARD))
    wait_for_rows(other)
    # One tab opens Acme, the other Globex, from the same board.
    board(page).locator('[data-fu-application="acme"]').get_by_role("link", name="Open").click()
    board(other).locator('[data-fu-application="globex"]').get_by_role(
        "link", name="Open").click()
    for tab, company in ((page, "Acme Robotics"), (other, "Globex")):
        expect(tab.locator(".fu-widget").get_by_label("Company", exact=False).first
               ).to_have_value(company)
    page.locator(".fu-widget").get_by_label("Role", exact=True).fill("Senior analyst")
    other.locator(".fu-widget").get_by_label("Role", exact=True).fill("Lead analyst")
    expect(other.locator(".fu-widget").get_by_label("Role", exact=True)).to_have_value(
        "Lead analyst")
    stored = {item["id"]: item["details"] for item in saved(page)}
    assert (stored["acme"]["role"], stored["globex"]["role"]) == ("Senior analyst", "Lead analyst")
    # The board in either tab lists both, as saved.
    other.goto(served.url(BOARD))
    wait_for_rows(other)
    expect(cards(other).locator("h3")).to_contain_text(["Acme Robotics, Senior analyst"])
    other.close()


def test_delete_asks_first_then_removes_one_application_only(page, served):
    open_board(page, served)
    globex = board(page).locator('[data-fu-application="globex"]')
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    globex.get_by_role("button", name="Delete").click()
    assert asked == ["Delete Globex, Analyst, with its details and drafts? This cannot be undone."]
    expect(cards(page)).to_have_count(3)
    page.once("dialog", lambda dialog: dialog.accept())
    globex.get_by_role("button", name="Delete").click()
    expect(board(page).locator(".fu-board-status")).to_have_text("Deleted Globex, Analyst.")
    expect(cards(page)).to_have_count(2)
    assert [item["id"] for item in saved(page)] == ["acme", "initech"]
    assert not [key for key in tool_storage(page) if key.endswith(":globex")]


def test_forget_everything_asks_first_then_clears_every_application(page, served):
    open_board(page, served)
    page.once("dialog", lambda dialog: dialog.dismiss())
    board(page).get_by_role("button", name="Forget everything").click()
    expect(cards(page)).to_have_count(3)
    page.once("dialog", lambda dialog: dialog.accept())
    board(page).get_by_role("button", name="Forget everything").click()
    expect(board(page).locator(".fu-board-status")).to_contain_text("nothing from these tools")
    expect(cards(page)).to_have_count(0)
    assert tool_storage(page) == {}


def test_every_reminder_in_one_calendar_file(page, served, tmp_path):
    import icalendar

    fix_today(page, today_for_the_board())
    open_board(page, served)
    with page.expect_download() as info:
        board(page).get_by_role("button", name="Download every reminder (.ics)").click()
    calendar = icalendar.Calendar.from_ical(info.value.path().read_bytes())
    events = calendar.walk("VEVENT")
    summaries = {str(event["SUMMARY"]) for event in events}
    # Steps still to do only: Acme's thank-you is done, Initech's process is over.
    assert any("(Globex)" in summary for summary in summaries)
    assert any("(Acme Robotics)" in summary for summary in summaries)
    assert not any("(Initech)" in summary for summary in summaries)
    assert len(events) == 4 + 3  # Globex's four steps, Acme's three after its thank-you


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_board_passes_axe_and_works_from_the_keyboard(page, served, axe_check, color_scheme):
    fix_today(page, today_for_the_board())
    open_board(page, served)
    violations = axe_check(page)
    assert not violations, format_violations(violations)
    # Keyboard alone: to Acme's status, changed with the arrow keys, saved.
    select = board(page).locator('[data-fu-application="acme"] select')
    select.focus()
    assert select.evaluate("e => e.matches(':focus-visible')")
    page.keyboard.press("ArrowDown")
    expect(board(page).locator(".fu-board-status")).to_contain_text("Saved: They replied.")
    # Python's new rows are in (the card says so), with the keyboard where it was.
    expect(board(page).locator('[data-fu-application="acme"] .fu-application-facts')
           ).to_contain_text("They replied")
    # The focus comes back to that select in the new list.
    expect(board(page).locator('[data-fu-application="acme"] select')).to_be_focused()
    page.keyboard.press("Shift+Tab")  # back through the card: its links and buttons
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(board(page).locator('[data-fu-application="acme"]').get_by_role(
        "link", name="Open")).to_be_focused()
