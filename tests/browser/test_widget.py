"""The live widgets on the tool pages, in Chromium, under the production CSP.

Python boots once for the module: the tests share `module_page` and run in file order
(a reader's session: fill in, read the drafts, make mistakes, come back, forget). Each
test still states what it needs at its start, so a failure points at one behaviour.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from conftest import PYODIDE_SCRIPT, fill_interview
from followup._stdlib_rest import INDEX as STDLIB_REST_INDEX
from followup.fields import FIELDS, MAX_INTERVIEWERS, Kind
from site_build.optimise import split_stdlib
from tools.serve import SiteServer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

EMAILS = "tools/emails/"
CALENDAR = "tools/calendar/"
# What the tools keep in localStorage, under the names store.mjs exports (KEYS).
STORE_MODULE = "/javascripts/followup/store.mjs"
# The widgets' module, as the page imports it (its exports: DEBOUNCE_MS).
WIDGET_MODULE = "/javascripts/followup/widget.mjs"
BOOT_TIMEOUT = 90_000  # ms: a cold Pyodide start on a busy 2-core machine
REDRAFT_TIMEOUT = 15_000
# The calendar page's download button, before and after a reply cancels some steps.
DOWNLOAD_BUTTON = re.compile(r"Download the (updated )?calendar file")
# Either way Python may start here: from its memory snapshot (the test server is quick),
# or normally (the machine is busy, or the snapshot was not worth it).
PYTHON_STARTED = re.compile(r"^(snapshot|normal)$")

EMAIL_FIELDS = {field.key for field in FIELDS if field.kind is Kind.EMAIL}

# Each payload sets window.__pwned if it ever runs as script or markup.
PAYLOADS = (
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=1</script>",
    '"><svg onload="window.__pwned=1">',
    "Line one\r\nX-INJECTED:1\r\nBEGIN:VEVENT",
)


def payload(index: int) -> str:
    return PAYLOADS[index % len(PAYLOADS)]


# ---------------------------------------------------------------- helpers


NAV_TITLES = {EMAILS: "Write your emails", CALENDAR: "Your reminder calendar"}


def at(path: str) -> re.Pattern[str]:
    """A URL of this page (navigation.tracking may add the current section's #anchor)."""
    return re.compile(f"/{re.escape(path)}(#[^/]*)?$")


def go(page, path: str) -> None:
    """Open a tool page by its navigation link: instant navigation keeps Python running."""
    if urlsplit(page.url).path.endswith(f"/{path}"):
        return
    page.locator(f'a.md-nav__link[href$="{path}"]', has_text=NAV_TITLES[path]).first.click()
    expect(page).to_have_url(at(path))


def widget(page):
    return page.locator(".fu-widget")


def stored(page, what: str) -> str | None:
    """What the tools keep under store.mjs's KEYS[what] ("application", "drafts", "edits")
    for the application this tab has open."""
    return page.evaluate("args => window.__tests.stored(...args)", [STORE_MODULE, what])


def store_key(page, what: str) -> str:
    """The localStorage key of KEYS[what] for the application this tab has open."""
    return page.evaluate("args => window.__tests.storeKey(...args)", [STORE_MODULE, what])


def stored_under(page, key: str) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", key)


def put_stored(page, what: str, value: str) -> None:
    page.evaluate("args => window.__tests.putStored(...args)", [STORE_MODULE, what, value])


def interviewer(page, number: int):
    return widget(page).get_by_role("group", name=f"Interviewer {number}", exact=True)


def wait_until_ready(page) -> None:
    """The progress indicator has gone and no failure is shown."""
    expect(widget(page).locator(".fu-progress")).to_be_hidden(timeout=BOOT_TIMEOUT)
    expect(widget(page).locator(".fu-unavailable")).to_have_count(0)


def thank_yous(page):
    return widget(page).locator('.fu-draft[data-fu-step="thank-you"]')


def fill_basics(page, company: str = "Acme Robotics") -> None:
    form = widget(page)
    form.get_by_label("Company", exact=False).first.fill(company)
    form.get_by_label("Role", exact=True).fill("Data analyst")
    form.get_by_label("Interview date").fill("2026-11-26")  # a Thursday
    form.get_by_label("Start time").fill("10:00")
    form.get_by_label("End time").fill("11:00")
    form.get_by_label("Time zone", exact=True).fill("Europe/London")


def error_for(page, control):
    """The error element the control points at with aria-describedby, asserting it does."""
    described = control.get_attribute("aria-describedby") or ""
    error_ids = [i for i in described.split() if i.endswith("-error")]
    assert error_ids, f"no error referenced by aria-describedby={described!r}"
    return page.locator(f"#{error_ids[0]}")


def download_ics(page) -> tuple[str, bytes]:
    # The session's first file imports icalendar in Pyodide: slow on a busy machine.
    with page.expect_download(timeout=BOOT_TIMEOUT) as info:
        widget(page).get_by_role("button", name=DOWNLOAD_BUTTON).click()
    download = info.value
    path = download.path()
    return download.suggested_filename, open(path, "rb").read()


def widget_violations(page, axe_check) -> list[dict]:
    """axe-core's violations inside the widget (the theme's own are the site tests' job)."""
    axe_check(page)  # injects axe-core (through DevTools, so the CSP stays strict)
    return page.evaluate("() => window.__tests.widgetViolations()")


def no_markup_ran(page) -> None:
    assert page.evaluate("window.__pwned === undefined"), "a payload ran as script"
    for selector in ("img", "script", "svg", "iframe"):
        # Material's own icons are outside the widget; inside it, nothing of the sort.
        assert widget(page).locator(selector).count() == 0, selector


def payload_is_quoted_as_text(page, control, payload: str, quoted: str, valid: str) -> None:
    """A payload in a field that must be valid: the error next to it quotes `quoted` as
    text, nothing runs, and a valid value clears the error."""
    control.fill(payload)
    expect(control).to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    expect(error_for(page, control)).to_contain_text(quoted)
    no_markup_ran(page)
    control.fill(valid)
    expect(control).not_to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)


# ---------------------------------------------------------------- the reader's session


def test_python_starts_by_itself_and_says_how_far_it_got(module_page, served, axe_check):
    page = module_page
    page.goto(served.url(EMAILS))
    progress = widget(page).locator(".fu-progress")
    assert progress.get_attribute("role") == "status"
    assert progress.get_attribute("aria-live") == "polite"
    # No click needed: the worker starts with the page and names its stage.
    stages = re.compile(r"downloading|starting Python|loading the packages")
    expect(progress).to_contain_text(stages)
    violations = widget_violations(page, axe_check) + axe_check(page)
    assert violations == [], f"before Python was ready: {violations}"
    wait_until_ready(page)
    assert progress.text_content() == ""


def header(draft, label: str):
    """The value of a draft's header line ("To", "Subject", "Who", "Purpose")."""
    return draft.locator(f'.fu-headers dt:text-is("{label}") + dd')


def test_two_interviewers_get_two_personal_thank_yous(module_page):
    page = module_page
    fill_basics(page)
    first = interviewer(page, 1)
    first.get_by_label("Interviewer's name").fill("Priya Shah")
    first.get_by_label("Interviewer's email").fill("priya.shah@acme.example")
    first.get_by_label("Topic you discussed").fill("the data pipeline 🚀 at Zoë's team")
    widget(page).get_by_role("button", name="Add an interviewer").click()
    second = interviewer(page, 2)
    expect(second.get_by_label("Interviewer's name")).to_be_focused()
    second.get_by_label("Interviewer's name").fill("Tom Okafor")
    second.get_by_label("Topic you discussed").fill("team rituals")

    drafts = thank_yous(page)
    expect(drafts).to_have_count(2, timeout=REDRAFT_TIMEOUT)
    expect(drafts.nth(0).get_by_role("heading")).to_contain_text("Priya Shah")
    expect(drafts.nth(1).get_by_role("heading")).to_contain_text("Tom Okafor")
    expect(drafts.nth(0).locator(".fu-body")).to_contain_text("Priya")
    expect(drafts.nth(1).locator(".fu-body")).to_contain_text("Tom")
    assert drafts.nth(0).locator(".fu-body").text_content() != drafts.nth(1).locator(
        ".fu-body"
    ).text_content()
    # Then the follow-ups and the call: a subject line for an email, a purpose for the call.
    for step in ("follow-up-1", "follow-up-2", "call"):
        expect(widget(page).locator(f'.fu-draft[data-fu-step="{step}"]')).to_have_count(1)
    for draft in widget(page).locator(".fu-draft").all():
        label = "Purpose" if draft.get_attribute("data-fu-step") == "call" else "Subject"
        expect(draft.locator(".fu-headers dt").last).to_have_text(label)
        expect(header(draft, label)).not_to_be_empty()


def test_thank_yous_alike_but_for_the_greeting_are_pointed_out(module_page):
    # The guide warns that interviewers compare notes. Without a topic each, two thank-yous
    # still take different wordings; only when the wordings come round again (the tenth
    # person with nothing of their own) do two match, and the page says so.
    page = module_page
    alike = widget(page).locator(".fu-alike")
    expect(thank_yous(page)).to_have_count(2, timeout=REDRAFT_TIMEOUT)
    expect(alike).to_have_count(0)
    topics = [interviewer(page, n).get_by_label("Topic you discussed") for n in (1, 2)]
    kept = [topic.input_value() for topic in topics]
    for topic in topics:
        topic.fill("")
    bodies = thank_yous(page).locator(".fu-body")
    expect(bodies.nth(0)).not_to_contain_text(kept[0], timeout=REDRAFT_TIMEOUT)
    expect(bodies.nth(1)).not_to_contain_text(kept[1], timeout=REDRAFT_TIMEOUT)
    after_greeting = [body.partition("\n")[2] for body in bodies.all_text_contents()]
    assert after_greeting[0] != after_greeting[1]
    expect(alike).to_have_count(0)
    add = widget(page).get_by_role("button", name="Add an interviewer")
    for number in range(3, MAX_INTERVIEWERS + 1):
        add.click()
        interviewer(page, number).get_by_label("Interviewer's name").fill(f"Person {number}")
    expect(alike).to_have_text(re.compile(
        rf"^Your thank-yous to Priya Shah and Person {MAX_INTERVIEWERS} are the same apart"
        r" from the greeting\."), timeout=REDRAFT_TIMEOUT)
    assert alike.evaluate("note => note.nextElementSibling.matches('.fu-draft')")
    for number in range(MAX_INTERVIEWERS, 2, -1):
        interviewer(page, number).get_by_role("button", name=f"Remove interviewer {number}").click()
    expect(alike).to_have_count(0, timeout=REDRAFT_TIMEOUT)
    for topic, text in zip(topics, kept, strict=True):
        topic.fill(text)
    expect(bodies.nth(0)).to_contain_text(kept[0], timeout=REDRAFT_TIMEOUT)


def test_changing_the_tone_changes_the_drafts(module_page):
    page = module_page
    body = thank_yous(page).nth(0).locator(".fu-body")
    warm = body.text_content()
    widget(page).get_by_label("Tone").select_option(label="Formal")
    expect(body).not_to_have_text(warm, timeout=REDRAFT_TIMEOUT)
    widget(page).get_by_label("Tone").select_option(label="Warm")
    expect(body).to_have_text(warm, timeout=REDRAFT_TIMEOUT)


def test_interviewer_rows_are_added_and_removed_by_keyboard(module_page):
    page = module_page
    add = widget(page).get_by_role("button", name="Add an interviewer")
    add.focus()
    page.keyboard.press("Enter")
    third = interviewer(page, 3)
    expect(third.get_by_label("Interviewer's name")).to_be_focused()
    page.keyboard.type("Sam Lee")
    expect(thank_yous(page)).to_have_count(3, timeout=REDRAFT_TIMEOUT)
    third.get_by_role("button", name="Remove interviewer 3").focus()
    page.keyboard.press("Enter")
    expect(interviewer(page, 3)).to_have_count(0)
    # The keyboard stays in the list: on the row before the one removed.
    expect(interviewer(page, 2).get_by_role("button", name="Remove interviewer 2")).to_be_focused()
    expect(thank_yous(page)).to_have_count(2, timeout=REDRAFT_TIMEOUT)
    expect(thank_yous(page).nth(1).get_by_role("heading")).to_contain_text("Tom Okafor")


def test_the_interviewer_limit_is_said_where_the_keyboard_is(module_page):
    page = module_page
    people = widget(page).locator(".fu-interviewers")
    add = people.get_by_role("button", name="Add an interviewer")
    status = people.locator('[role="status"]')  # empty, so out of the tree until it speaks
    rows = people.locator("[data-fu-row]")
    start = rows.count()
    for _ in range(MAX_INTERVIEWERS - start):
        add.focus()
        page.keyboard.press("Enter")
    expect(rows).to_have_count(MAX_INTERVIEWERS)
    expect(status).to_be_empty()
    add.focus()
    page.keyboard.press("Enter")
    # A live region next to the button, which keeps the keyboard: read out, not just shown.
    expect(people.get_by_role("status")).to_have_text(
        f"You can add up to {MAX_INTERVIEWERS} interviewers.")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(add).to_be_focused()
    expect(rows).to_have_count(MAX_INTERVIEWERS)
    for number in range(MAX_INTERVIEWERS, start, -1):
        interviewer(page, number).get_by_role("button", name=f"Remove interviewer {number}").click()
    expect(rows).to_have_count(start)
    expect(status).to_be_empty()
    expect(thank_yous(page)).to_have_count(start, timeout=REDRAFT_TIMEOUT)


def test_the_mailto_link_carries_the_draft(module_page):
    page = module_page
    draft = thank_yous(page).nth(0)
    href = draft.get_by_role("link", name="Open in your email app").get_attribute("href")
    assert href.startswith("mailto:")
    assert "%0D%0A" in href and "\n" not in href and " " not in href
    parts = urlsplit(href)
    query = parse_qs(parts.query, keep_blank_values=True)
    assert unquote(parts.path) == "priya.shah@acme.example"
    assert query["subject"] == [header(draft, "Subject").text_content()]
    shown_body = draft.locator(".fu-body").text_content()
    assert "🚀" in shown_body, "the topic (with an emoji) should be in the thank-you"
    assert query["body"] == [shown_body.replace("\n", "\r\n")]


def test_copy_puts_the_draft_on_the_clipboard(module_page, served):
    page = module_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.origin)
    draft = thank_yous(page).nth(1)
    draft.get_by_role("button", name="Copy the email").click()
    expect(draft.locator(".fu-copied")).to_have_text(re.compile("Copied"))
    assert draft.locator(".fu-copied").get_attribute("role") == "status"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == draft.locator(".fu-body").text_content()

    # Without the clipboard API (older browsers, a refused permission) the fallback copies
    # from a selected, off-screen text area, and the keyboard stays on the button.
    page.evaluate(
        "() => { navigator.clipboard.writeText = () => Promise.reject(new Error('refused')); }"
    )
    first = thank_yous(page).nth(0)
    button = first.get_by_role("button", name="Copy the subject")
    button.click()
    expect(first.locator(".fu-copied")).to_have_text("Subject copied.")
    expect(button).to_be_focused()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == header(first, "Subject").text_content()
    assert page.locator("textarea.fu-offscreen").count() == 0


def test_mistakes_are_explained_next_to_their_fields_and_cleared_when_fixed(module_page):
    page = module_page
    form = widget(page)
    email = interviewer(page, 1).get_by_label("Interviewer's email")
    end = form.get_by_label("End time")
    zone = form.get_by_label("Time zone", exact=True)
    email.fill("priya@")
    end.fill("09:30")  # before the 10:00 start

    expect(email).to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    expect(end).to_have_attribute("aria-invalid", "true")  # all at once
    expect(error_for(page, email)).to_contain_text('"priya@" is not an email address')
    expect(error_for(page, end)).to_contain_text("after the start time")
    expect(form.locator(".fu-problems")).to_contain_text("2 things need fixing")
    # Away from the field, the list names the row the email is in.
    expect(form.locator(".fu-problems li", has_text="priya@")).to_have_text(
        'Interviewer 1: "priya@" is not an email address')
    # Nothing the reader typed is lost.
    assert email.input_value() == "priya@" and end.input_value() == "09:30"

    end.fill("11:00")
    zone.fill("Mars/Olympus_Mons")
    expect(zone).to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    expect(error_for(page, zone)).to_contain_text("is not a time zone we know")
    expect(end).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{end.get_attribute('id')}-error")).to_be_hidden()

    email.fill("priya.shah@acme.example")
    # Only the case is wrong: the zone is known, and what was typed stays as typed.
    zone.fill("europe/london")
    expect(zone).not_to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    expect(email).not_to_have_attribute("aria-invalid", "true")
    expect(form.locator(".fu-error:visible")).to_have_count(0)
    expect(form.locator(".fu-problems")).to_be_empty()
    assert "-error" not in (email.get_attribute("aria-describedby") or "")
    assert zone.input_value() == "europe/london"
    zone.fill("Europe/London")


def test_text_pasted_past_a_limit_is_kept_and_the_limit_explained(module_page):
    # The form sets no maxlength, which would cut a paste short without a word: the
    # core's length check explains it next to the field, and every character stays.
    page = module_page
    form = widget(page)
    fields = [
        (form.get_by_label("Company", exact=False).first, "Acme Robotics", 100),
        (form.get_by_label("Ideas and questions"), "", 2000),
    ]
    for control, _, limit in fields:
        pasted = "Acme Robotics " + "x" * limit
        control.click()
        control.press("Control+A")
        page.keyboard.insert_text(pasted)  # as a paste arrives
        assert control.input_value() == pasted
        expect(control).to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
        expect(error_for(page, control)).to_contain_text(
            f"is too long: {len(pasted):,} characters, the limit is {limit:,}")
    page.reload()
    for control, kept, limit in fields:
        expect(control).to_have_value("Acme Robotics " + "x" * limit)  # saved whole
        control.fill(kept)
    for control, *_ in fields:
        expect(control).not_to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    expect(thank_yous(page)).to_have_count(2, timeout=REDRAFT_TIMEOUT)


def test_a_half_typed_date_or_time_is_said_to_be_unfinished(module_page):
    # The browser gives a half-typed date ("12/08/yyyy") the value "", so the drafts
    # would quietly leave the decision date out: the field says what is missing instead.
    page = module_page
    form = widget(page)
    wait_until_ready(page)
    decision = form.get_by_label("Decision date")
    questions = form.get_by_label("Ideas and questions")
    expect(thank_yous(page)).to_have_count(2, timeout=REDRAFT_TIMEOUT)
    decision.focus()
    page.keyboard.type("1208")  # month and day; the year still reads "yyyy"
    assert decision.evaluate("control => control.validity.badInput")
    questions.focus()
    expect(decision).to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    expect(error_for(page, decision)).to_have_text(
        "Decision date is not complete: fill in the day, the month and the year")
    expect(form.locator(".fu-problems")).to_contain_text("from before your last change")

    decision.focus()
    page.keyboard.type("12082026")
    expect(decision).to_have_value("2026-12-08")
    expect(decision).not_to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    follow_up = form.locator('.fu-draft[data-fu-step="follow-up-1"] .fu-body')
    expect(follow_up).to_contain_text("Tuesday 8 December")

    # A half-cleared start time: not "Start time is required", since something is typed.
    start = form.get_by_label("Start time")
    start.focus()
    page.keyboard.press("Backspace")  # the hours go; the minutes stay
    questions.focus()
    expect(start).to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    expect(error_for(page, start)).to_have_text(
        "Start time is not complete: fill in the hours and the minutes")
    start.fill("10:00")
    decision.fill("")
    for control in (start, decision):
        expect(control).not_to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    expect(form.locator(".fu-problems")).to_be_hidden()


def test_date_and_time_fields_keep_their_focus_ring_on_their_picker_button(module_page):
    # The keyboard passes through a date field's parts, then its calendar button, which
    # lives inside the field: the widget's ring must stay all the way through.
    page = module_page
    for label in ("Decision date", "Start time"):
        control = widget(page).get_by_label(label)
        control.focus()
        stops = 0
        while control.evaluate("c => document.activeElement === c"):
            ring = control.evaluate(
                "c => { const s = getComputedStyle(c); return [s.outlineStyle, s.outlineWidth]; }"
            )
            assert ring[0] == "solid" and float(ring[1].removesuffix("px")) >= 2, (label, stops)
            page.keyboard.press("Tab")
            stops += 1
            assert stops < 6, f"the keyboard never left {label}"
        assert stops >= 2, f"{label}: no picker button was reached"


def test_details_survive_a_reload_and_instant_navigation(module_page, served):
    page = module_page
    page.reload()
    form = widget(page)
    # Restored from storage at once, before Python is even ready.
    expect(form.get_by_label("Company", exact=False).first).to_have_value("Acme Robotics")
    expect(interviewer(page, 2).get_by_label("Interviewer's name")).to_have_value("Tom Okafor")
    wait_until_ready(page)
    expect(thank_yous(page)).to_have_count(2, timeout=REDRAFT_TIMEOUT)

    # Instant navigation keeps the page (and Python) alive: a marker on window survives.
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="About").first.click()
    expect(page).to_have_url(at("about/"))
    page.locator(".md-nav__link", has_text="Write your emails").first.click()
    expect(page).to_have_url(at(EMAILS))
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    expect(widget(page).get_by_label("Company", exact=False).first).to_have_value("Acme Robotics")
    expect(interviewer(page, 1).get_by_label("Interviewer's name")).to_have_value("Priya Shah")
    expect(thank_yous(page)).to_have_count(2, timeout=REDRAFT_TIMEOUT)


def test_the_calendar_page_uses_the_same_details_and_its_ics_matches(module_page):
    page = module_page
    page.locator(".md-nav__link", has_text="Your reminder calendar").first.click()
    expect(page).to_have_url(at(CALENDAR))
    assert page.evaluate("window.__sameDocument === true")
    form = widget(page)
    expect(form.get_by_label("Company", exact=False).first).to_have_value("Acme Robotics")
    steps = form.locator(".fu-timeline > li")
    expect(steps).to_have_count(4, timeout=REDRAFT_TIMEOUT)
    shown = [
        (item.get_attribute("data-fu-step"), item.locator("time").get_attribute("datetime"))
        for item in steps.all()
    ]
    for item in steps.all():
        google = item.get_by_role("link", name=re.compile("Google Calendar"))
        outlook = item.get_by_role("link", name=re.compile("Outlook.com"))
        for link, host in ((google, "calendar.google.com"), (outlook, "outlook.live.com")):
            assert urlsplit(link.get_attribute("href")).netloc == host
            assert link.get_attribute("target") == "_blank"
            assert "noopener" in link.get_attribute("rel")
    expect(form.locator(".fu-note")).to_contain_text("Google Calendar ignores the reminders")

    name, data = download_ics(page)
    assert name == "follow-up-acme-robotics-2026-11-26.ics"
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(shown) == 4
    for event, (_step, due) in zip(events, shown, strict=True):
        assert event.decoded("DTSTART").isoformat() == due
        assert list(event.walk("VALARM")), f"no reminder on {event['SUMMARY']}"
    # The dates are the reader's: after Thursday's interview, in order, London time.
    dues = [datetime.fromisoformat(due) for _, due in shown]
    interview_end = datetime(2026, 11, 26, 11, 0, tzinfo=ZoneInfo("Europe/London"))
    assert interview_end < dues[0] < dues[1] < dues[2] < dues[3]
    assert all(due.utcoffset() == timedelta(0) for due in dues)  # GMT in winter


def test_script_and_html_in_every_field_stay_text(module_page, served):
    page = module_page
    go(page, EMAILS)
    fill_basics(page)
    form = widget(page)
    # Fields that surely show up in the first thank-you get a known payload each.
    chosen = {
        "company": PAYLOADS[1],
        "interviewers[0].name": PAYLOADS[0],
        "interviewers[0].topic": PAYLOADS[2],
        "your_name": PAYLOADS[3],
    }
    text_fields = form.locator('input[type="text"][data-fu-field], textarea[data-fu-field]')
    filled = 0
    for index, control in enumerate(text_fields.all()):
        field = control.get_attribute("data-fu-field")
        if control.get_attribute("list") or field.split(".")[-1] in EMAIL_FIELDS:
            continue  # zones (with their list) and emails: checked below, must be valid
        control.fill(chosen.get(field, f"{payload(index)} {field}"))
        filled += 1
    assert filled >= 12
    drafts = form.locator(".fu-draft")
    first = drafts.first
    expect(first.locator(".fu-body")).to_contain_text(PAYLOADS[1], timeout=REDRAFT_TIMEOUT)
    # A name typed all in lower case is given capitals ("<Img Src=X ..."), still as text.
    expect(first.get_by_role("heading")).to_contain_text(
        re.compile(re.escape(PAYLOADS[0]), re.IGNORECASE))
    # One-line fields turn a pasted line break into a space: no line of its own.
    expect(first.locator(".fu-body")).to_contain_text("Line one X-INJECTED:1 BEGIN:VEVENT")
    no_markup_ran(page)
    mailto = drafts.first.get_by_role("link", name="Open in your email app").get_attribute("href")
    assert "<" not in mailto and '"' not in mailto

    # An email or time-zone payload comes back in the error message, as text.
    email = interviewer(page, 1).get_by_label("Interviewer's email")
    payload_is_quoted_as_text(page, email, PAYLOADS[0], "<img src=x", "priya.shah@acme.example")
    zone = form.get_by_label("Time zone", exact=True)
    payload_is_quoted_as_text(page, zone, PAYLOADS[2], '"><svg onload=', "Europe/London")

    go(page, CALENDAR)
    expect(widget(page).locator(".fu-timeline > li")).to_have_count(4, timeout=REDRAFT_TIMEOUT)
    no_markup_ran(page)
    _, data = download_ics(page)
    calendar = icalendar.Calendar.from_ical(data)
    assert len(list(calendar.walk("VEVENT"))) == 4
    lines = data.decode("utf-8").split("\r\n")
    assert not any(line.startswith("X-INJECTED") for line in lines)
    assert all("\n" not in line and "\r" not in line for line in lines)


def test_axe_finds_nothing_once_drafts_are_shown(module_page, axe_check, choose_palette):
    page = module_page
    for path in (CALENDAR, EMAILS):
        go(page, path)
        wait_until_ready(page)
        expect(widget(page).locator(".fu-results")).to_be_visible(timeout=REDRAFT_TIMEOUT)
        violations = widget_violations(page, axe_check)
        assert violations == [], f"{path}: {violations}"
    assert axe_check(page) == [], "the page around the widget"
    choose_palette(page, "slate")
    assert widget_violations(page, axe_check) + axe_check(page) == [], "dark scheme"
    choose_palette(page, "default")
    # With a mistake on show, too.
    zone = widget(page).get_by_label("Time zone", exact=True)
    zone.fill("Nowhere/Atall")
    expect(zone).to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    assert widget_violations(page, axe_check) == []
    zone.fill("Europe/London")
    expect(zone).not_to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)


def test_forget_my_details_clears_the_form_and_the_storage(module_page):
    page = module_page
    assert stored(page, "application") is not None
    assert stored(page, "drafts") is not None
    form = widget(page)
    company = form.get_by_label("Company", exact=False).first
    kept = company.input_value()
    asked = []

    def answer(dialog, accept):
        asked.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    # There is no undo, so it asks first; "Cancel" keeps everything.
    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    form.get_by_role("button", name="Forget this application").click()
    assert asked and asked[0].startswith("Forget this application, its details and its drafts?")
    expect(company).to_have_value(kept)
    keys = [store_key(page, what) for what in ("application", "drafts")]
    assert all(stored_under(page, key) is not None for key in keys)
    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    form.get_by_role("button", name="Forget this application").click()
    assert len(asked) == 2
    status = form.locator(".fu-forget-status")
    expect(status).to_contain_text("no longer saved")
    assert status.get_attribute("role") == "status"
    assert [stored_under(page, key) for key in keys] == [None, None]
    # What is typed next is a new application, not the forgotten one brought back.
    assert store_key(page, "application") != keys[0]
    expect(form.get_by_label("Company", exact=False).first).to_have_value("")
    expect(interviewer(page, 1).get_by_label("Interviewer's name")).to_have_value("")
    expect(interviewer(page, 2)).to_have_count(0)
    expect(form.locator(".fu-results")).to_be_hidden()
    # Back to the defaults: today's date, the browser's time zone.
    browser_zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    today = page.evaluate("() => window.__tests.today()")
    expect(form.get_by_label("Time zone", exact=True)).to_have_value(browser_zone)
    expect(form.get_by_label("Interview date")).to_have_value(today)
    page.reload()
    expect(widget(page).get_by_label("Company", exact=False).first).to_have_value("")


def test_company_and_start_time_are_enough_for_a_plan(module_page):
    page = module_page
    wait_until_ready(page)
    form = widget(page)
    form.get_by_label("Company", exact=False).first.fill("Brightwater")
    zone = form.get_by_label("Time zone", exact=True)
    browser_zone = zone.input_value()
    zone.fill("Mars/Olympus")
    form.get_by_label("Start time").fill("14:00")
    # Nothing drafted yet and one mistake: the problem is listed, and the "fill in the
    # company…" hint (already done) gives way to it.
    expect(form.locator(".fu-problems")).to_contain_text("Mars/Olympus", timeout=REDRAFT_TIMEOUT)
    expect(form.locator(".fu-message")).to_be_hidden()
    zone.fill(browser_zone)
    drafts = form.locator(".fu-draft")
    expect(drafts).to_have_count(4, timeout=REDRAFT_TIMEOUT)  # one general thank-you
    expect(thank_yous(page)).to_have_count(1)
    expect(form.locator(".fu-error:visible")).to_have_count(0)
    go(page, CALENDAR)
    expect(widget(page).locator(".fu-timeline > li")).to_have_count(4, timeout=REDRAFT_TIMEOUT)


# ---------------------------------------------------------------- return visits: saved drafts

# Counts the widget's "Python has answered" events (its first drafts from Python).
COUNT_ANSWERS = "window.__tests.countAnswers()"

# Resolves once the widget's Python has answered (at once if it already has).
WAIT_FOR_AN_ANSWER = "timeout => window.__tests.waitForAnAnswer(timeout)"


class PythonGate:
    """Holds back the worker's download of pyodide.mjs: until it opens, Python cannot start."""

    def __init__(self, page) -> None:
        self.opened = False
        self.held: list = []
        page.route(PYODIDE_SCRIPT, self._route)

    def _route(self, route) -> None:
        if self.opened:
            route.fallback()
        else:
            self.held.append(route)

    def close(self) -> None:
        self.opened = False

    def open(self) -> None:
        self.opened = True
        for route in self.held:
            # One asked for by a page since reloaded fails: nobody is waiting for it.
            with contextlib.suppress(PlaywrightError):
                route.fallback()
        self.held.clear()


def draft_for_priya(page) -> None:
    """A first visit: fill in the form and wait for Python's drafts."""
    fill_basics(page)
    interviewer(page, 1).get_by_label("Interviewer's name").fill("Priya Shah")
    expect(thank_yous(page).first.get_by_role("heading")).to_contain_text(
        "Priya Shah", timeout=BOOT_TIMEOUT
    )


def test_steps_whose_time_has_passed_say_what_to_do_now(page, served):
    # Drafting never looks at the clock (saved drafts rely on that); the page does, and
    # a step whose time has gone by says so instead of "Send it on" a day in the past.
    now = datetime(2026, 12, 10, 12, 0, tzinfo=ZoneInfo("UTC"))
    page.clock.install(time=now)
    page.goto(served.url(EMAILS))
    fill_interview(page)  # an interview on Tuesday 1 December 2026
    expect(widget(page).locator(".fu-draft")).to_have_count(4, timeout=BOOT_TIMEOUT)
    past = []
    for card in widget(page).locator(".fu-draft").all():
        step = card.get_attribute("data-fu-step")
        when = card.locator(".fu-when")
        due = datetime.fromisoformat(when.locator("time").get_attribute("datetime"))
        past.append(due < now)
        if due < now:
            expect(when).to_have_class(re.compile(r"\bfu-overdue\b"))
            expect(when).to_contain_text(
                "This call was due on" if step == "call" else "This was due on")
            expect(when).to_contain_text("as soon as you can" if step != "call" else "when you can")
        else:
            expect(when).to_have_text(re.compile(r"^(Send it|Call) on "))
        if step == "thank-you":
            expect(when).to_contain_text('check that words such as "today" still fit')
    assert any(past) and not all(past), past  # both kinds are checked

    go(page, CALENDAR)
    steps = widget(page).locator(".fu-timeline > li")
    expect(steps).to_have_count(4, timeout=REDRAFT_TIMEOUT)
    for item, was_past in zip(steps.all(), past, strict=True):
        passed = item.locator(".fu-when", has_text="This date has passed")
        expect(passed).to_have_count(1 if was_past else 0)


def test_a_return_visit_shows_the_last_drafts_before_python_starts(page, served, axe_check):
    page.add_init_script(COUNT_ANSWERS)
    page.goto(served.url(EMAILS))
    draft_for_priya(page)
    gate = PythonGate(page)

    page.reload()
    results = widget(page).locator(".fu-results")
    expect(thank_yous(page).first.get_by_role("heading")).to_contain_text("Priya Shah")
    expect(widget(page)).to_have_attribute("data-fu-saved-drafts", "")
    expect(widget(page).locator(".fu-progress")).to_contain_text("Your drafts from last time")
    assert widget(page).get_attribute("data-fu-python") is None, "Python was held back"
    assert page.evaluate("window.__answered") == 0
    assert widget_violations(page, axe_check) == [], "saved drafts, Python starting"
    shown = results.inner_text()
    page.evaluate("document.querySelector('.fu-results .fu-draft').__fromLastTime = true")

    gate.open()
    page.evaluate(WAIT_FOR_AN_ANSWER, BOOT_TIMEOUT)
    assert page.evaluate("window.__answered") == 1
    expect(widget(page)).to_have_attribute("data-fu-python", PYTHON_STARTED)
    # Python's own drafts were the same: the page kept what it showed, element for element.
    assert page.evaluate("document.querySelector('.fu-results .fu-draft').__fromLastTime")
    assert results.inner_text() == shown
    expect(widget(page).locator(".fu-progress")).to_be_empty()

    # Changed before Python has started: the saved drafts no longer apply and go, and
    # Python's drafts of the new details take their place.
    gate.close()
    page.reload()
    expect(results).to_be_visible()
    widget(page).get_by_label("Company", exact=False).first.fill("Northwind Studios")
    expect(results).to_be_hidden()
    gate.open()
    expect(thank_yous(page).first.locator(".fu-body")).to_contain_text(
        "Northwind Studios", timeout=BOOT_TIMEOUT
    )

    # The calendar page shows the same saved plan; its file waits for Python's first answer.
    gate.close()
    page.goto(served.url(CALENDAR))
    expect(widget(page).locator(".fu-timeline > li")).to_have_count(4)
    expect(widget(page).locator(".fu-progress")).to_contain_text("Your dates from last time")
    assert widget(page).get_attribute("data-fu-python") is None
    status = widget(page).locator(".fu-download .fu-copied")
    with page.expect_download(timeout=BOOT_TIMEOUT) as info:
        widget(page).get_by_role("button", name=DOWNLOAD_BUTTON).click()
        expect(status).to_contain_text("Python is still starting")
        gate.open()
    calendar = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 4
    assert "Northwind Studios" in str(calendar.walk("VEVENT")[0]["DESCRIPTION"])
    expect(status).to_contain_text("Downloaded")


def test_saved_drafts_show_only_for_the_same_details_and_the_same_build(page, served):
    page.goto(served.url(EMAILS))
    draft_for_priya(page)
    good = stored(page, "drafts")
    details = stored(page, "application")
    saved = json.loads(good)
    boot = json.loads(widget(page).get_attribute("data-fu-boot"))
    assert saved["build"] == f"{served.url(boot['index_url'])} {served.url(boot['lock_url'])}"
    gate = PythonGate(page)
    changed = {
        "another build": json.dumps({**saved, "build": "pyodide/0.0.1/ pyodide/packages-0/x.json"}),
        "other details": json.dumps({**saved, "data": {**saved["data"], "company": "Elsewhere"}}),
        "a damaged draft": json.dumps({**saved, "result": {**saved["result"], "drafts": [None]}}),
        "no drafts at all": json.dumps({**saved, "result": "<img src=x onerror=alert(1)>"}),
        "not JSON": "{" + good[:40],
    }
    for why, entry in changed.items():
        put_stored(page, "drafts", entry)
        put_stored(page, "application", details)
        page.reload()
        expect(widget(page).get_by_label("Company", exact=False).first).to_have_value(
            "Acme Robotics"
        )
        expect(widget(page).locator(".fu-results"), why).to_be_hidden()
        expect(widget(page).locator(".fu-message"), why).to_be_visible()
        assert widget(page).get_attribute("data-fu-saved-drafts") is None, why
        expect(widget(page).locator(".fu-progress"), why).to_contain_text("Getting ready")
    # And the genuine entry is shown, as a control.
    put_stored(page, "drafts", good)
    page.reload()
    expect(widget(page)).to_have_attribute("data-fu-saved-drafts", "")
    gate.open()
    expect(widget(page)).to_have_attribute("data-fu-python", PYTHON_STARTED, timeout=BOOT_TIMEOUT)


# ---------------------------------------------------------------- redrafting

# Runs before the page's own scripts: every drafting request the page sends its worker.
COUNT_REQUESTS = "window.__tests.countRequests()"


def test_two_tabs_keep_each_others_edits(page, page_guard, served):
    # The emails in one tab, the calendar in another: an edit in either must not be
    # written over by the other tab's next edit, made from its older copy of the form.
    page.goto(served.url(EMAILS))
    draft_for_priya(page)
    other = page.context.new_page()
    page_guard.watch(other)
    other.goto(served.url(CALENDAR))
    company = widget(other).get_by_label("Company", exact=False).first
    expect(company).to_have_value("Acme Robotics")

    widget(page).get_by_label("Role", exact=True).fill("Lead analyst")
    expect(widget(other).get_by_label("Role", exact=True)).to_have_value("Lead analyst")
    company.fill("Northwind Studios")
    expect(widget(page).get_by_label("Company", exact=False).first).to_have_value(
        "Northwind Studios"
    )
    # The emails tab redrafts for the details it took up (its Python is running).
    expect(thank_yous(page).first.locator(".fu-body")).to_contain_text(
        "Northwind Studios", timeout=REDRAFT_TIMEOUT
    )
    widget(page).get_by_label("End time").fill("11:30")
    saved = json.loads(stored(page, "application"))["details"]
    assert (saved["company"], saved["role"], saved["end_time"]) == (
        "Northwind Studios", "Lead analyst", "11:30"
    )
    expect(widget(other).get_by_label("End time")).to_have_value("11:30")
    expect(interviewer(other, 1).get_by_label("Interviewer's name")).to_have_value("Priya Shah")

    # Forgetting in one tab empties the form in the other as well.
    other.once("dialog", lambda dialog: dialog.accept())
    widget(other).get_by_role("button", name="Forget this application").click()
    expect(widget(page).get_by_label("Company", exact=False).first).to_have_value("")
    expect(thank_yous(page)).to_have_count(0)
    expect(widget(page).locator(".fu-forget-status")).to_contain_text("forgotten in another tab")
    expect(widget(other).locator(".fu-forget-status")).to_contain_text("no longer saved")
    # Typed again, each tab starts an application of its own: neither writes over the other.
    widget(page).get_by_label("Company", exact=False).first.fill("Acme Robotics")
    widget(other).get_by_label("Company", exact=False).first.fill("Globex")
    expect(widget(page).locator(".fu-application-name")).to_contain_text("Acme Robotics")
    expect(widget(other).locator(".fu-application-name")).to_contain_text("Globex")
    expect(widget(page).get_by_label("Company", exact=False).first).to_have_value("Acme Robotics")
    expect(widget(other).locator(".fu-forget-status")).to_be_empty()
    other.close()


def test_leaving_a_field_asks_python_again_only_after_a_real_change(page, served):
    # Leaving a text field fires "change" after the "input" events that have already
    # asked for these details: that must not draft them (or make an .ics) once more.
    page.add_init_script(COUNT_REQUESTS)
    page.clock.install()  # time flows; run_for() fires a pending debounce at once
    page.goto(served.url(EMAILS))
    debounce_ms = page.evaluate("async (url) => (await import(url)).DEBOUNCE_MS", WIDGET_MODULE)
    draft_for_priya(page)
    company = widget(page).get_by_label("Company", exact=False).first
    company.fill("Northwind Studios")
    expect(thank_yous(page).first.locator(".fu-body")).to_contain_text(
        "Northwind Studios", timeout=REDRAFT_TIMEOUT
    )
    asked = page.evaluate("window.__asked.length")

    company.press("Tab")  # "change" fires as the field loses focus
    page.clock.run_for(debounce_ms * 2)
    assert page.evaluate("window.__asked.length") == asked, "the same details were asked again"

    # A real change still drafts, exactly once.
    company.fill("Northwind Studios Ltd")
    company.press("Tab")
    page.clock.run_for(debounce_ms * 2)
    expect(thank_yous(page).first.locator(".fu-body")).to_contain_text(
        "Northwind Studios Ltd", timeout=REDRAFT_TIMEOUT
    )
    assert page.evaluate("window.__asked.length") == asked + 1

    # After "Forget this application", the same details typed again are asked for again.
    forget = widget(page).get_by_role("button", name="Forget this application")
    page.on("dialog", lambda dialog: dialog.accept())
    for attempt in (1, 2):
        forget.click()
        company.fill("Solo Ltd")
        page.clock.run_for(debounce_ms * 2)
        assert page.evaluate("window.__asked.length") == asked + 1 + attempt, attempt


# ---------------------------------------------------------------- when Python cannot start


@pytest.mark.parametrize(
    "blocked",
    ["pyodide.mjs", "pyodide.asm.wasm", "python_stdlib-", "followup-"],
    ids=["runtime-script", "webassembly", "standard-library", "followup-wheel"],
)
def test_blocked_python_files_give_a_clear_message_and_no_error(page, page_guard, served, blocked):
    # The browser itself logs the refused downloads; the widget must log nothing worse
    # than a warning and throw nothing (the guard fails the test on any page error).
    page_guard.allow_failed_request(re.escape(blocked))
    page_guard.allow_console(r"Failed to load resource|net::ERR_FAILED")
    page_guard.allow_console(r"wasm instantiation failed|WebAssembly|followup|Failed to")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.route(re.compile(r"/pyodide/.*" + re.escape(blocked)), lambda route: route.abort())
    page.goto(served.url(EMAILS))
    message = widget(page).locator(".fu-unavailable")
    expect(message).to_contain_text("could not start", timeout=BOOT_TIMEOUT)
    # The status line at the top, where the reader types, says so too.
    expect(widget(page).locator(".fu-progress")).to_contain_text("could not start")
    # The static example further down still reads as before.
    expect(page.get_by_role("heading", name="An example")).to_be_visible()
    expect(page.locator(".tabbed-set").first).to_contain_text("Subject")
    # The form still keeps what the reader types.
    widget(page).get_by_label("Company", exact=False).first.fill("Kept Ltd")
    assert "Kept Ltd" in (stored(page, "application") or "")
    # Console errors come from the browser's own network log only, never from our code.
    assert all(text.startswith("Failed to load resource") for text in errors), errors


def test_a_wheel_that_does_not_match_the_lock_is_refused(page, page_guard, served, site_dir):
    # The worker fetches each wheel with the lock's sha256 as its integrity: other bytes
    # under the right name (a broken mirror, a tampered file) never reach Python, even
    # when they make a perfectly importable wheel, as here.
    (real,) = site_dir.glob("pyodide/packages-*/followup-*.whl")
    tampered = io.BytesIO(real.read_bytes())
    with zipfile.ZipFile(tampered, "a") as wheel:
        wheel.writestr("followup/tampered.py", "print('not what the site published')\n")
    page_guard.allow_console(r"integrity|digest|Failed to")
    page.route(
        re.compile(r"/pyodide/packages-[^/]+/followup-[^/]+\.whl$"),
        lambda route: route.fulfill(status=200, body=tampered.getvalue(),
                                    content_type="application/octet-stream"),
    )
    page.goto(served.url(EMAILS))
    message = widget(page).locator(".fu-unavailable")
    expect(message).to_contain_text("could not start", timeout=BOOT_TIMEOUT)
    expect(message).to_contain_text("followup-")
    expect(widget(page).locator(".fu-draft")).to_have_count(0)


FILE_WHEELS = re.compile(r"/pyodide/packages-[^/]+/(icalendar|python_dateutil)-[^/]+\.whl$")


def test_drafts_never_wait_for_the_calendar_files_packages(page, page_guard, served):
    # icalendar and python-dateutil (~0.55 MB) are only for the .ics: the worker fetches
    # them the first time a file is asked for. Refused here, drafts and dates still come,
    # Download says so next to itself, and it works once they can be downloaded.
    page_guard.allow_failed_request(FILE_WHEELS.pattern)
    page_guard.allow_console(r"Failed to load resource|net::ERR_FAILED")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.route(FILE_WHEELS, lambda route: route.abort())
    page.goto(served.url(EMAILS))
    fill_interview(page)
    expect(thank_yous(page)).to_have_count(1, timeout=BOOT_TIMEOUT)
    assert not [url for url in requested if FILE_WHEELS.search(url)], "the emails page asked"

    go(page, CALENDAR)
    expect(widget(page).locator(".fu-timeline > li")).to_have_count(4, timeout=REDRAFT_TIMEOUT)
    download = widget(page).get_by_role("button", name=re.compile(r"Download the calendar file"))
    status = widget(page).locator(".fu-download .fu-copied")
    download.click()
    expect(status).to_contain_text("could not be made just now", timeout=REDRAFT_TIMEOUT)
    assert [url for url in requested if FILE_WHEELS.search(url)], "the file's packages never asked"
    expect(widget(page).locator(".fu-timeline > li")).to_have_count(4)

    page.unroute(FILE_WHEELS)
    name, data = download_ics(page)
    assert name == "follow-up-harbourline-logistics-2026-12-01.ics"
    assert len(list(icalendar.Calendar.from_ical(data).walk("VEVENT"))) == 4


# The standard library comes in two parts (site_build/optimise.py): loadPyodide
# fetches the first; the worker fetches the rest only if Python imports one of its modules.
STDLIB_FIRST = re.compile(r"/pyodide/packages-[^/]+/python_stdlib-[0-9a-f]{12}\.zip$")
STDLIB_REST = re.compile(r"/pyodide/packages-[^/]+/python_stdlib_rest-[0-9a-f]{12}\.zip$")
ZIP = "application/zip"


def test_a_visit_downloads_only_the_first_part_of_the_standard_library(page, served):
    # Both pages, a mistake and the calendar file: everything drafting imports is in the
    # first part, so the rest (and the runtime's whole stdlib) is never downloaded.
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(served.url(EMAILS))
    fill_interview(page)
    expect(thank_yous(page)).to_have_count(1, timeout=BOOT_TIMEOUT)
    email = interviewer(page, 1).get_by_label("Interviewer's email")
    email.fill("priya@")
    expect(email).to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    expect(error_for(page, email)).to_contain_text("is not an email address")
    email.fill("priya.shah@acme.example")
    expect(email).not_to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    go(page, CALENDAR)
    _, data = download_ics(page)
    assert len(list(icalendar.Calendar.from_ical(data).walk("VEVENT"))) == 4
    stdlib = [path for path in requested if "python_stdlib" in path]
    assert len(stdlib) == 1 and STDLIB_FIRST.search(stdlib[0]), stdlib


def _stdlib_parts_without(site_dir: Path, moved: set[str], out: Path) -> tuple[bytes, bytes]:
    """The site's two stdlib parts with `moved` (entries of the first) in the rest instead,
    split by the build's own split_stdlib from the runtime's whole zip."""
    (whole,) = site_dir.glob("pyodide/[0-9]*/python_stdlib.zip")
    (first,) = site_dir.glob("pyodide/packages-*/python_stdlib-*.zip")
    with zipfile.ZipFile(first) as part:
        in_first = set(part.namelist()) - {STDLIB_REST_INDEX}
    assert moved <= in_first
    parts = split_stdlib(whole, in_first - moved, out)
    return parts.first.read_bytes(), parts.rest.read_bytes()


def test_a_module_only_the_rest_holds_is_fetched_when_imported(
    page, page_guard, served, site_dir, tmp_path
):
    # The calendar links import urllib.parse (and it ipaddress). Served here with both
    # moved to the rest, the first draft needs the rest: the worker fetches it, once.
    first, rest = _stdlib_parts_without(site_dir, {"urllib/parse.pyc", "ipaddress.pyc"}, tmp_path)
    rest_requests: list[str] = []
    page.route(STDLIB_FIRST, lambda route: route.fulfill(body=first, content_type=ZIP))

    def serve_rest(route):
        rest_requests.append(route.request.url)
        route.fulfill(body=rest, content_type=ZIP)

    page.route(STDLIB_REST, serve_rest)
    page.goto(served.url(CALENDAR))
    fill_interview(page)
    links = widget(page).get_by_role("link", name=re.compile("Add to Google Calendar"))
    expect(links).to_have_count(4, timeout=BOOT_TIMEOUT)
    assert len(rest_requests) == 1
    _, data = download_ics(page)  # icalendar's own imports come after the rest arrived
    assert len(list(icalendar.Calendar.from_ical(data).walk("VEVENT"))) == 4
    assert len(rest_requests) == 1


def test_a_rest_that_cannot_be_downloaded_is_explained(
    page, page_guard, served, site_dir, tmp_path
):
    first, _ = _stdlib_parts_without(site_dir, {"urllib/parse.pyc", "ipaddress.pyc"}, tmp_path)
    page_guard.allow_failed_request(STDLIB_REST.pattern)
    page_guard.allow_console(r"Failed to load resource|net::ERR_FAILED|NetworkError")
    page.route(STDLIB_FIRST, lambda route: route.fulfill(body=first, content_type=ZIP))
    page.route(STDLIB_REST, lambda route: route.abort())
    page.goto(served.url(EMAILS))
    expect(widget(page).locator(".fu-unavailable")).to_contain_text(
        re.compile(r"Part of Python \(python_stdlib_rest-\w+\.zip\) could not be downloaded "
                   r"\(no connection\): check your connection, then reload the page\."),
        timeout=BOOT_TIMEOUT,
    )


def test_guide_pages_without_a_widget_start_no_python(page, served):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    # The widget script starts its worker while the page loads, so by network idle any
    # Python download would have begun.
    page.goto(served.url("steps/waiting/"), wait_until="networkidle")
    expect(page.locator("article h1")).to_be_visible()
    assert page.evaluate("document.querySelector('script[src$=\"widget.mjs\"]') !== null")
    assert widget(page).count() == 0
    assert not [url for url in requested if "/pyodide/" in url or "python-worker" in url]
    assert not [w.url for w in page.workers if "python-worker" in w.url]


@pytest.fixture(scope="module")
def server_without_wasm(site_dir, tmp_path_factory):
    """The site under a policy that refuses WebAssembly (as a locked-down browser might)."""
    toml = (ROOT / "netlify.toml").read_text(encoding="utf-8")
    assert "'wasm-unsafe-eval'" in toml
    tampered = tmp_path_factory.mktemp("no-wasm") / "netlify.toml"
    tampered.write_text(toml.replace("'wasm-unsafe-eval'", ""), encoding="utf-8")
    with SiteServer(site_dir, netlify_toml=tampered) as server:
        yield server


def test_webassembly_refused_by_the_policy_gives_the_message(open_page, server_without_wasm):
    page, guard = open_page(server_without_wasm.origin)
    # Chromium reports the refusal itself (a CSP violation), and Pyodide warns about it.
    guard.allow_console(r"WebAssembly|wasm|Content Security Policy")
    page.goto(server_without_wasm.url(EMAILS))
    expect(widget(page).locator(".fu-unavailable")).to_contain_text(
        "WebAssembly could not start", timeout=BOOT_TIMEOUT
    )
    expect(widget(page).locator(".fu-progress")).to_contain_text("could not start")


def test_how_to_address_them_goes_from_the_form_to_the_greeting_and_is_saved(page, served):
    # A field declared in fields.py and named by a template reaches the form, the
    # validation and the saved details with nothing else to change.
    page.goto(served.url(EMAILS))
    fill_interview(page)
    first = interviewer(page, 1)
    first.get_by_label("Interviewer's name").fill("Nguyễn Thị Minh Anh")
    address = first.get_by_label("How to address them")
    address.fill("Minh Anh")
    expect(thank_yous(page).first.locator(".fu-body")).to_contain_text(
        "Hi Minh Anh,", timeout=BOOT_TIMEOUT)

    address.fill("M" * 101)  # over the declared limit: said next to the field, kept
    expect(address).to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    expect(error_for(page, address)).to_contain_text("How to address them is too long")
    expect(address).to_have_value("M" * 101)

    address.fill("Ms Minh Anh")
    expect(thank_yous(page).first.locator(".fu-body")).to_contain_text(
        "Hi Ms Minh Anh,", timeout=REDRAFT_TIMEOUT)
    saved = json.loads(stored(page, "application"))
    assert saved["details"]["interviewers"][0]["address_as"] == "Ms Minh Anh"
    page.reload()
    expect(interviewer(page, 1).get_by_label("How to address them")).to_have_value("Ms Minh Anh")


# ---------------------------------------------------------------- the reader's own version


def test_a_draft_changed_by_hand_is_kept_sent_and_can_be_undone(page, served):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.origin)
    page.goto(served.url(EMAILS))
    fill_interview(page)
    card = thank_yous(page).first
    box = card.get_by_label("The email (you can change it here)")
    expect(box).to_contain_text("Priya", timeout=BOOT_TIMEOUT)
    written = box.input_value()
    mine = written + "\n\nP.S. The mock-up I mentioned is attached."
    box.fill(mine)
    # Kept at once, with the way back, and used by every way of sending it.
    expect(card.locator(".fu-edited")).to_contain_text("This is your version")
    card.get_by_role("button", name="Copy the email").click()
    expect(card.locator(".fu-copied")).to_have_text(re.compile("Copied"))
    assert page.evaluate("navigator.clipboard.readText()") == mine
    href = card.get_by_role("link", name="Open in your email app").get_attribute("href")
    assert parse_qs(urlsplit(href).query)["body"] == [mine.replace("\n", "\r\n")]

    page.reload()
    card = thank_yous(page).first
    box = card.get_by_label("The email (you can change it here)")
    expect(box).to_have_value(mine, timeout=BOOT_TIMEOUT)
    wait_until_ready(page)
    expect(box).to_have_value(mine)
    card.get_by_role("button", name="Undo my changes").click()
    expect(box).to_have_value(written)
    expect(box).to_be_focused()
    expect(card.locator(".fu-edited")).to_have_count(0)
    assert json.loads(stored(page, "edits")) == {}


def test_new_notes_after_an_edit_offer_the_new_draft_beside_it(page, served):
    page.goto(served.url(EMAILS))
    fill_interview(page)
    card = thank_yous(page).first
    box = card.get_by_label("The email (you can change it here)")
    expect(box).to_contain_text("Priya", timeout=BOOT_TIMEOUT)
    mine = box.input_value().replace("Priya", "Priya (my version)", 1)
    box.fill(mine)
    interviewer(page, 1).get_by_label("Topic you discussed").fill("the routing model")
    note = card.locator(".fu-edited")
    expect(note).to_contain_text("Your notes have changed", timeout=REDRAFT_TIMEOUT)
    expect(box).to_have_value(mine)  # nothing the reader wrote is dropped
    note.get_by_text("See the new draft").click()
    expect(note.locator(".fu-draft-text")).to_contain_text("routing model")
    note.get_by_role("button", name="Use the new draft instead").click()
    expect(box).to_contain_text("routing model")
    expect(box).not_to_contain_text("my version")
    expect(card.locator(".fu-edited")).to_have_count(0)


# ---------------------------------------------------------------- notes, people, advice


def test_a_point_to_clarify_goes_to_the_interviewer_it_concerns(page, served):
    page.goto(served.url(EMAILS))
    fill_interview(page)
    widget(page).get_by_role("button", name="Add an interviewer").click()
    interviewer(page, 2).get_by_label("Interviewer's name").fill("Tom Okafor")
    interviewer(page, 1).get_by_label("Something they said or asked").fill(
        "asked how I would handle a missed deadline")
    form = widget(page)
    form.get_by_label("Point to clarify").fill("my answer on forecasting")
    form.get_by_label("What you would add").fill(
        "I would start from last year's seasonal pattern.")
    who = form.get_by_label("Who it concerns")
    # One option per interviewer, named as typed, kept up to date as rows change.
    expect(who.locator("option")).to_have_text(
        ["Priya Raman (interviewer 1)", "Tom Okafor (interviewer 2)"])
    who.select_option(label="Tom Okafor (interviewer 2)")
    drafts = thank_yous(page)
    expect(drafts).to_have_count(2, timeout=BOOT_TIMEOUT)
    expect(drafts.nth(1).locator(".fu-body")).to_contain_text(
        "seasonal pattern", timeout=REDRAFT_TIMEOUT)
    expect(drafts.nth(0).locator(".fu-body")).not_to_contain_text("forecasting")
    expect(drafts.nth(0).locator(".fu-body")).to_contain_text("missed deadline")

    interviewer(page, 2).get_by_label("Interviewer's name").fill("Tomás Okafor")
    expect(who.locator("option:checked")).to_have_text("Tomás Okafor (interviewer 2)")
    interviewer(page, 1).get_by_role("button", name="Remove interviewer 1").click()
    # Still the same person, now the only row.
    expect(who.locator("option")).to_have_text(["Tomás Okafor (interviewer 1)"])
    expect(thank_yous(page).first.locator(".fu-body")).to_contain_text(
        "seasonal pattern", timeout=REDRAFT_TIMEOUT)
    page.reload()
    expect(widget(page).get_by_label("Who it concerns").locator("option:checked")).to_have_text(
        "Tomás Okafor (interviewer 1)")


def test_advice_sits_next_to_its_field_and_its_link_goes_there(page, served):
    page.goto(served.url(EMAILS))
    fill_interview(page)
    form = widget(page)
    your_name = form.get_by_label("Your name")
    advice = form.locator(".fu-advice-list")
    expect(advice).to_contain_text("Add your name", timeout=BOOT_TIMEOUT)
    expect(thank_yous(page).first.locator(".fu-body")).to_contain_text("[Your name]")
    # Next to the field, and read with it.
    slot = page.locator(f"#{your_name.get_attribute('id')}-advice")
    expect(slot).to_be_visible()
    expect(slot).to_contain_text("Add your name")
    expect(your_name).to_have_attribute("aria-describedby", re.compile(r"-advice\b"))
    advice.get_by_role("link", name=re.compile("Add your name")).click()
    expect(your_name).to_be_focused()

    questions = form.get_by_label("Ideas and questions")
    questions.fill("HOW DOES THE TEAM SHARE ITS REPORTS?")
    expect(advice).to_contain_text("typed in capitals", timeout=REDRAFT_TIMEOUT)
    your_name.fill("Sam Taylor")
    expect(slot).to_be_hidden(timeout=REDRAFT_TIMEOUT)
    expect(your_name).not_to_have_attribute("aria-describedby", re.compile(r"-advice\b"))
    expect(thank_yous(page).first.locator(".fu-body")).to_contain_text("Sam Taylor")
    questions.fill("How does the team share its reports?")
    expect(advice).to_have_count(0, timeout=REDRAFT_TIMEOUT)


def test_how_to_address_them_shows_the_greeting_the_drafts_use(page, served):
    page.goto(served.url(EMAILS))
    fill_interview(page)
    name = interviewer(page, 1).get_by_label("Interviewer's name")
    address = interviewer(page, 1).get_by_label("How to address them")
    expect(address).to_have_attribute("placeholder", "Priya", timeout=BOOT_TIMEOUT)
    widget(page).get_by_label("Tone").select_option(label="Formal")
    name.fill("Dr Ama Bello")
    expect(address).to_have_attribute("placeholder", "Dr Bello", timeout=REDRAFT_TIMEOUT)
    expect(thank_yous(page).first.locator(".fu-body")).to_contain_text("Dear Dr Bello,")


# ---------------------------------------------------------------- layout


def test_a_narrow_screen_keeps_a_link_to_the_drafts_in_sight(page, served):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(served.url(EMAILS))
    fill_interview(page)
    jump = widget(page).locator(".fu-jump")
    drafts = widget(page).locator(".fu-draft")
    expect(drafts.first).to_be_attached(timeout=BOOT_TIMEOUT)
    expect(jump).to_have_text(f"Your drafts: {drafts.count()} ready")
    widget(page).get_by_label("Company").focus()  # at the top of the form
    expect(jump).to_be_in_viewport()
    widget(page).get_by_label("Time zone", exact=True).fill("Mars/Olympus_Mons")
    expect(jump).to_have_text("Your drafts: one thing to fix first", timeout=REDRAFT_TIMEOUT)
    widget(page).get_by_label("Time zone", exact=True).fill("Europe/London")
    expect(jump).to_contain_text("ready", timeout=REDRAFT_TIMEOUT)
    jump.click()
    expect(widget(page).locator(".fu-results").locator("xpath=..").get_by_role(
        "heading", name="Your drafts")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize(("width", "side_by_side"), [(1600, True), (1000, False)])
def test_a_wide_screen_shows_the_drafts_beside_the_form(page, served, width, side_by_side):
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(served.url(EMAILS))
    fill_interview(page)
    expect(thank_yous(page)).to_have_count(1, timeout=BOOT_TIMEOUT)
    form = widget(page).locator(".fu-form").bounding_box()
    results = widget(page).locator(".fu-results").bounding_box()
    if side_by_side:
        assert results["x"] >= form["x"] + form["width"]
        assert results["y"] < form["y"] + form["height"]
        expect(widget(page).locator(".fu-jump")).to_be_hidden()
    else:
        assert results["y"] >= form["y"] + form["height"]
        expect(widget(page).locator(".fu-jump")).to_be_visible()


@pytest.mark.parametrize("width", [360, 1600])
def test_axe_finds_nothing_with_advice_and_an_edited_draft(page, served, axe_check,
                                                           choose_palette, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(served.url(EMAILS))
    fill_interview(page)  # no name of yours: advice next to the field and above the drafts
    box = thank_yous(page).first.locator("textarea.fu-body")
    expect(box).to_contain_text("Priya", timeout=BOOT_TIMEOUT)
    box.fill(box.input_value() + "\nP.S. Thank you again.")
    interviewer(page, 1).get_by_label("Topic you discussed").fill("the routing model")
    expect(thank_yous(page).first.locator(".fu-new-draft")).to_have_count(
        1, timeout=REDRAFT_TIMEOUT)
    thank_yous(page).first.get_by_text("See the new draft").click()
    expect(widget(page).locator(".fu-advice-list")).to_be_visible()
    # A step done and steps no longer needed: statuses, toggles and folded drafts too.
    widget(page).get_by_label("The thank-you").check()
    widget(page).get_by_label("They replied on").fill("2026-12-07")
    expect(widget(page).locator('.fu-draft[data-fu-step="call"] .fu-status')).to_be_visible(
        timeout=REDRAFT_TIMEOUT)
    expect(thank_yous(page).first.locator(".fu-status")).to_have_text("Done.")
    for scheme in ("default", "slate"):
        choose_palette(page, scheme)
        violations = widget_violations(page, axe_check) + axe_check(page)
        assert violations == [], f"{scheme}: {violations}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width


# ---------------------------------------------------------------- the reader's world


def test_public_holidays_of_the_readers_place_are_skipped_and_said(page, served):
    page.goto(served.url(EMAILS))
    fill_interview(page)
    form = widget(page)
    form.get_by_label("Interview date").fill("2026-12-18")  # a week before Christmas
    country, region = form.get_by_label("Country"), form.get_by_label("Region")
    # From the browser's zone (Europe/London), named once Python has answered.
    expect(country.locator("option").first).to_have_text(
        "From your time zone (United Kingdom)", timeout=BOOT_TIMEOUT)
    expect(region.locator("option")).to_contain_text(["The whole country", "England"])
    first = widget(page).locator('.fu-draft[data-fu-step="follow-up-1"]')
    expect(first.locator(".fu-holidays")).to_contain_text("Christmas Day, Friday 25 December")
    expect(first.locator(".fu-when")).to_contain_text("Tuesday 29 December")
    region.select_option(label="Scotland")
    expect(first.locator(".fu-when")).to_contain_text("Tuesday 29 December",
                                                      timeout=REDRAFT_TIMEOUT)
    page.reload()  # the region is kept before its country's list comes back
    region = widget(page).get_by_label("Region")
    expect(region).to_have_value("SCT")
    expect(region.locator("option")).to_contain_text(["England", "Scotland"],
                                                     timeout=BOOT_TIMEOUT)
    expect(region).to_have_value("SCT")
    # Another country: its own regions, and the region chosen for the last one let go.
    widget(page).get_by_label("Country").select_option(label="United States")
    expect(region).to_have_value("")
    expect(region.locator("option")).to_contain_text(["The whole country", "New York"],
                                                     timeout=REDRAFT_TIMEOUT)
    expect(region.locator("option")).not_to_contain_text(["Scotland"])
    region.select_option(label="New York")
    expect(first.locator(".fu-when")).to_be_visible(timeout=REDRAFT_TIMEOUT)
    expect(widget(page).locator(".fu-problems")).to_be_empty()


def test_their_time_zone_times_the_emails_for_their_working_day(page, served):
    page.goto(served.url(EMAILS))
    fill_interview(page)
    widget(page).get_by_label("Their time zone").fill("America/New_York")
    first = widget(page).locator('.fu-draft[data-fu-step="follow-up-1"]')
    expect(first.locator(".fu-when")).to_contain_text(
        re.compile(r"at 09:00 in New York \(14:00 for you\)"), timeout=BOOT_TIMEOUT)
    theirs = widget(page).get_by_label("Their time zone")
    theirs.fill("Mars/Olympus")
    expect(theirs).to_have_attribute("aria-invalid", "true", timeout=REDRAFT_TIMEOUT)
    expect(error_for(page, theirs)).to_contain_text('"Mars/Olympus" is not a time zone we know')
    expect(theirs).to_have_value("Mars/Olympus")


def test_a_us_reader_gets_us_english_and_us_holidays(open_page, served):
    page, _ = open_page(served.origin, locale="en-US", timezone_id="America/New_York")
    page.goto(served.url(EMAILS))
    language = widget(page).get_by_label("Language of your emails")
    expect(language).to_have_value("en-US")
    fill_interview(page)
    widget(page).get_by_label("Tone").select_option(label="Formal")
    body = thank_yous(page).first.locator(".fu-body")
    expect(body).to_contain_text("Sincerely,", timeout=BOOT_TIMEOUT)
    expect(widget(page).get_by_label("Country").locator("option").first).to_have_text(
        "From your time zone (United States)")
    expect(thank_yous(page).first.locator(".fu-when time")).to_have_text(re.compile(r"(AM|PM)$"))
    language.select_option(label="English (UK)")
    expect(body).to_contain_text("Kind regards,", timeout=REDRAFT_TIMEOUT)


def test_they_replied_folds_the_later_steps_and_cancels_their_reminders(page, served):
    page.goto(served.url(CALENDAR))
    fill_interview(page)  # Tuesday 1 December 2026
    steps = widget(page).locator(".fu-timeline > li")
    expect(steps).to_have_count(4, timeout=BOOT_TIMEOUT)
    _, before = download_ics(page)
    widget(page).get_by_label("They replied on").fill("2026-12-07")
    expect(steps.nth(1).locator(".fu-status")).to_have_text(
        "No longer needed: they replied.", timeout=REDRAFT_TIMEOUT)
    expect(steps.nth(0).locator(".fu-status")).to_have_count(0)
    expect(steps.nth(1).get_by_role("link")).to_have_count(0)
    _, after = download_ics(page)
    old = {e["UID"]: e for e in icalendar.Calendar.from_ical(before).walk("VEVENT")}
    new = {e["UID"]: e for e in icalendar.Calendar.from_ical(after).walk("VEVENT")}
    assert old.keys() == new.keys()
    cancelled = [uid for uid, event in new.items() if event.get("STATUS") == "CANCELLED"]
    assert len(cancelled) == 3
    assert all(int(new[uid]["SEQUENCE"]) > int(old[uid]["SEQUENCE"]) for uid in cancelled)

    # The emails page: the same details, those drafts folded away.
    go(page, EMAILS)
    later = widget(page).locator('.fu-draft[data-fu-step="follow-up-2"]')
    expect(later.locator(".fu-status")).to_have_text("No longer needed: they replied.",
                                                     timeout=REDRAFT_TIMEOUT)
    expect(later.locator("textarea.fu-body")).to_be_hidden()
    later.get_by_text("Show the email").click()
    expect(later.locator("textarea.fu-body")).to_be_visible()
    # "They replied today" puts today in the field, as the reader's clock has it.
    widget(page).get_by_role("button", name="They replied today").click()
    expect(widget(page).get_by_label("They replied on")).to_have_value(
        page.evaluate("() => window.__tests.today()"))


def test_the_done_toggle_ticks_the_step_and_keeps_the_keyboard(page, served):
    page.goto(served.url(EMAILS))
    fill_interview(page)
    card = thank_yous(page).first
    toggle = card.get_by_role("button", name="Done")
    expect(toggle).to_have_attribute("aria-pressed", "false", timeout=BOOT_TIMEOUT)
    toggle.focus()
    page.keyboard.press("Enter")
    card = thank_yous(page).first
    expect(card.locator(".fu-status")).to_have_text("Done.", timeout=REDRAFT_TIMEOUT)
    toggle = card.get_by_role("button", name="Done")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(toggle).to_be_focused()
    expect(card.locator("textarea.fu-body")).to_be_hidden()
    expect(widget(page).get_by_label("The thank-you")).to_be_checked()
    page.reload()
    expect(widget(page).get_by_label("The thank-you")).to_be_checked()
    expect(thank_yous(page).first.locator(".fu-status")).to_have_text("Done.",
                                                                      timeout=BOOT_TIMEOUT)
