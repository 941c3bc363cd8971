"""The calendar: parsed back with icalendar; links; stable UIDs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from core_helpers import FIXED_NOW, check_ics_shape, minimal, sample

from followup import calendar, emails, timeline
from followup.api import run
from followup.interview import parse_interview


def result_of(data, now=FIXED_NOW) -> dict:
    outcome = run(data, now=now)
    assert outcome["ok"], outcome
    return outcome["result"]


def parsed(data, now=FIXED_NOW) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(result_of(data, now)["ics"])


def test_calendar_header():
    cal = parsed(sample())
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"] == calendar.PRODID
    assert cal["METHOD"] == "PUBLISH"
    assert cal["X-WR-CALNAME"] == "Interview follow-up: Fernbrook Studios"
    assert cal["NAME"] == "Interview follow-up: Fernbrook Studios"


def test_one_event_per_step_with_a_display_alarm():
    data = sample()
    interview = parse_interview(data)
    steps = timeline.plan(interview)
    events = parsed(data).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        calendar.event_summary(step, interview) for step in steps]
    for event, step in zip(events, steps, strict=True):
        assert event.start == step.due
        assert event.end == step.due + timedelta(minutes=timeline.STEP_DURATION_MINUTES)
        assert event["DTSTAMP"].dt == FIXED_NOW
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        assert alarms[0]["ACTION"] == "DISPLAY"
        assert alarms[0]["TRIGGER"].dt == timedelta(minutes=-timeline.REMINDER_MINUTES_BEFORE)


def test_dtstart_has_tzid_and_a_matching_vtimezone():
    result = result_of(sample())
    assert "DTSTART;TZID=Europe/London:20261201T120000\r\n" in result["ics"]
    cal = icalendar.Calendar.from_ical(result["ics"])
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert cal.get_missing_tzids() == set()


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
                                  "Europe/Berlin", "America/Argentina/Buenos_Aires"])
def test_every_zone_gets_its_vtimezone(zone):
    cal = parsed(minimal(timezone=zone))
    assert cal.get_missing_tzids() == set()
    event = cal.walk("VEVENT")[1]
    assert event.start.tzinfo is not None
    assert event.start.hour == timeline.MORNING_SEND_HOUR


def test_vtimezone_covers_a_dst_change_inside_the_plan():
    # Plan from late October into November crosses the UK change back to GMT.
    cal = parsed(minimal(date="2026-10-20"))
    vtimezone = cal.walk("VTIMEZONE")[0]
    kinds = {sub.name for sub in vtimezone.subcomponents}
    assert kinds == {"STANDARD", "DAYLIGHT"}
    events = cal.walk("VEVENT")
    assert events[0].start.utcoffset() == timedelta(hours=1)
    assert events[-1].start.utcoffset() == timedelta(0)
    assert events[-1].start.hour == timeline.CALL_HOUR


def test_descriptions_carry_the_drafts():
    data = sample()
    interview = parse_interview(data)
    steps = timeline.plan(interview)
    drafts = emails.drafts_for(interview, steps).drafts
    events = parsed(data).walk("VEVENT")
    for event, step in zip(events, steps, strict=True):
        mine = [d for d in drafts if d.plan_step == step.id]
        assert str(event["DESCRIPTION"]) == calendar.event_description(step, mine, interview)
        for draft in mine:
            assert draft.body in str(event["DESCRIPTION"])
    thank_you = str(events[0]["DESCRIPTION"])
    assert "To: Dr Jane Whitfield <jane.whitfield@fernbrook.example>" in thank_you
    assert "To: Omar Haddad\n" in thank_you
    call = str(events[-1]["DESCRIPTION"])
    assert "Who: Dr Jane Whitfield <jane.whitfield@fernbrook.example>\nPurpose: " in call
    assert "To: " not in call and "Subject: " not in call


def test_uids_are_stable_for_the_same_interview():
    first = [e["UID"] for e in parsed(sample(), now=FIXED_NOW).walk("VEVENT")]
    later = [e["UID"] for e in parsed(sample(tone="formal", fit="Other notes", company="FERNBROOK "
                                             "STUDIOS"), now=FIXED_NOW + timedelta(days=2)
                                      ).walk("VEVENT")]
    assert first == later
    assert len(set(first)) == 4
    moved = [e["UID"] for e in parsed(sample(start_time="10:30")).walk("VEVENT")]
    assert not set(moved) & set(first)
    other_company = [e["UID"] for e in parsed(sample(company="Other Ltd")).walk("VEVENT")]
    assert not set(other_company) & set(first)


def test_dtstamp_defaults_to_now():
    before = datetime.now(UTC).replace(microsecond=0)
    stamp = icalendar.Calendar.from_ical(run(sample())["result"]["ics"]).walk("VEVENT")[0][
        "DTSTAMP"].dt
    assert before <= stamp <= datetime.now(UTC)


def test_ics_lines_are_crlf_folded_and_known():
    check_ics_shape(result_of(sample())["ics"])


def test_user_text_cannot_add_lines_or_properties():
    hostile = "Acme\r\nBEGIN:VEVENT\r\nSUMMARY:pwned\nEND:VCALENDAR;x=y,z\\"
    data = sample(company=hostile, fit=hostile, interviewers=[{"name": hostile, "topic": hostile}])
    ics = result_of(data)["ics"]
    check_ics_shape(ics)
    cal = icalendar.Calendar.from_ical(ics)
    assert len(cal.walk("VEVENT")) == 4
    assert "SUMMARY:pwned" not in ics.split("\r\n")
    assert str(cal.walk("VEVENT")[0]["SUMMARY"]).startswith(
        "Send a thank-you email to each interviewer (Acme BEGIN:VEVENT SUMMARY:pwned")


def google_query(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == calendar.GOOGLE_URL
    return {key: values[0] for key, values in parse_qs(parts.query, strict_parsing=True).items()}


def outlook_query(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == calendar.OUTLOOK_URL
    return {key: values[0] for key, values in parse_qs(parts.query, strict_parsing=True).items()}


def test_google_links_use_utc_and_encode_everything():
    result = result_of(sample(timezone="America/New_York", company="A&B Co; #1 = best?"))
    step = result["steps"][0]  # thank-you: Tuesday 12:00 in New York = 17:00 UTC
    query = google_query(step["google_url"])
    assert query["action"] == "TEMPLATE"
    assert query["dates"] == "20261201T170000Z/20261201T173000Z"
    assert query["text"] == "Send a thank-you email to each interviewer (A&B Co; #1 = best?)"
    assert query["details"].startswith(step["rule"])
    assert " " not in step["google_url"] and "#" not in step["google_url"]


def test_outlook_links():
    result = result_of(sample())
    step = result["steps"][1]
    query = outlook_query(step["outlook_url"])
    assert query["subject"] == "Send a first follow-up email (Fernbrook Studios)"
    assert query["startdt"] == "2026-12-08T09:00:00Z"
    assert query["enddt"] == "2026-12-08T09:30:00Z"
    assert "Hi Jane," in query["body"]


def test_links_stay_short_even_with_long_notes():
    people = [{"name": f"Person {i}", "topic": "t" * 300} for i in range(10)]
    result = result_of(sample(interviewers=people, fit="f" * 2000, challenges="c" * 2000,
                              questions="q" * 2000))
    for step in result["steps"]:
        for key in ("google_url", "outlook_url"):
            assert len(step[key]) < 8000
        details = google_query(step["google_url"])["details"]
        assert len(details) <= calendar.LINK_DETAILS_MAX_CHARS
    assert google_query(result["steps"][0]["google_url"])["details"].endswith(
        calendar.LINK_DETAILS_NOTE)


@pytest.mark.parametrize(("company", "expected"), [
    ("Fernbrook Studios", "follow-up-fernbrook-studios-2026-12-01.ics"),
    ("Société Générale", "follow-up-societe-generale-2026-12-01.ics"),
    ("شركة", "follow-up-interview-2026-12-01.ics"),
    ("../../etc/passwd", "follow-up-etc-passwd-2026-12-01.ics"),
])
def test_ics_filename(company, expected):
    assert result_of(minimal(company=company))["ics_filename"] == expected


def test_ics_in_other_zones_matches_the_plan():
    cal = parsed(minimal(timezone="Asia/Tokyo", date="2026-12-04", start_time="19:00"))
    thank_you = cal.walk("VEVENT")[0]
    assert thank_you.start == datetime(2026, 12, 7, 9, tzinfo=ZoneInfo("Asia/Tokyo"))
