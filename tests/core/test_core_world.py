"""The plan in the reader's world: public holidays of their place, the interviewers' time
zone, UK or US English, and steps marked done or no longer needed (the employer replied).

The holidays are checked against the `holidays` library itself, not against our tables:
the tables are the library's answers written down, and a test here says they agree.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays as holidays_library
import icalendar
import pytest
from core_helpers import FIXED_NOW, minimal, sample

from followup import english, public_holidays, timeline
from followup.api import run
from followup.interview import Interview, parse_interview
from followup.timeline import (
    CALL_AFTER_WORKING_DAYS,
    CALL_HOUR,
    FOLLOW_UP_AFTER_WORKING_DAYS,
    MORNING_SEND_HOUR,
    SECOND_FOLLOW_UP_AFTER_WORKING_DAYS,
    SEND_WINDOW_END_HOUR,
    SEND_WINDOW_START_HOUR,
    WAIT_AFTER_THANK_YOU_WORKING_DAYS,
    Status,
)

# (country, region, a zone in it): places with regional holidays, and one without.
PLACES = [
    ("GB", "ENG", "Europe/London"),
    ("GB", "SCT", "Europe/London"),
    ("US", "NY", "America/New_York"),
    ("DE", "BY", "Europe/Berlin"),
    ("FR", "", "Europe/Paris"),
    ("IN", "", "Asia/Kolkata"),
]


def interview(**changes) -> Interview:
    parsed = parse_interview(minimal(**changes))
    assert isinstance(parsed, Interview), parsed
    return parsed


def weekdays(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        if day.weekday() < 5:
            yield day
        day += timedelta(days=1)


def working_days_between(first: date, last: date, days_off) -> int:
    """Working days after `first`, up to and including `last`."""
    count, day = 0, first
    while day < last:
        day += timedelta(days=1)
        count += day.weekday() < 5 and day not in days_off
    return count


# ---------------------------------------------------------------- public holidays


@pytest.mark.parametrize(("country", "region", "zone"), PLACES)
def test_no_step_of_a_whole_year_falls_on_a_weekend_or_a_public_holiday(country, region, zone):
    days_off = holidays_library.country_holidays(country, subdiv=region or None,
                                                  years=range(2026, 2028))
    for day in weekdays(2026):
        plan = timeline.plan(interview(date=day.isoformat(), start_time="10:00",
                                       timezone=zone, country=country, region=region))
        dues = {step.id: step.due for step in plan}
        for step in plan:
            assert step.due.weekday() < 5, (day, step.id)
            assert step.due.date() not in days_off, (day, step.id, days_off.get(step.due.date()))
        # The rules' gaps still hold, counted in working days of that place.
        days = {step: due.date() for step, due in dues.items()}
        assert working_days_between(day, days["follow-up-1"], days_off) >= (
            FOLLOW_UP_AFTER_WORKING_DAYS)
        assert working_days_between(days["thank-you"], days["follow-up-1"], days_off) >= (
            WAIT_AFTER_THANK_YOU_WORKING_DAYS)
        assert working_days_between(days["follow-up-1"], days["follow-up-2"], days_off) == (
            SECOND_FOLLOW_UP_AFTER_WORKING_DAYS)
        assert working_days_between(days["follow-up-2"], days["call"], days_off) == (
            CALL_AFTER_WORKING_DAYS)


def test_the_christmas_interview_skips_the_bank_holidays_and_says_so():
    # Friday 18 December 2026 in London: weekends only would give Friday 25 December and
    # Friday 1 January.
    plan = timeline.plan(interview(date="2026-12-18", start_time="10:00", country="GB",
                                   region="ENG"))
    first, second = plan[1], plan[2]
    assert first.due.date() == date(2026, 12, 29)
    assert [name for _, name in first.skipped] == ["Christmas Day", "Boxing Day (observed)"]
    assert timeline.holidays_note(first) == (
        "Public holidays skipped: Christmas Day, Friday 25 December; Boxing Day (observed), "
        "Monday 28 December.")
    assert second.due.date() == date(2027, 1, 6)
    assert timeline.holidays_note(second) == (
        "Public holiday skipped: New Year's Day, Friday 1 January.")


def test_without_a_region_a_holiday_of_most_regions_is_skipped():
    # Easter Monday is a bank holiday in three of the United Kingdom's four nations.
    easter_monday = date(2026, 4, 6)
    uk = public_holidays.table("GB", 2026, 2027)
    assert easter_monday not in {date.fromisoformat(d) for d in uk["national"]}
    assert public_holidays.holidays_in(uk, "").name_on(easter_monday) == "Easter Monday"
    assert public_holidays.holidays_in(uk, "SCT").name_on(easter_monday) is None
    # St Andrew's Day is Scotland's alone: not skipped for the country as a whole.
    assert public_holidays.holidays_in(uk, "").name_on(date(2026, 11, 30)) is None
    assert public_holidays.holidays_in(uk, "SCT").name_on(date(2026, 11, 30))


@pytest.mark.parametrize(("zone", "country"), [
    ("Europe/London", "GB"), ("America/New_York", "US"), ("Asia/Kolkata", "IN"),
    ("Australia/Adelaide", "AU"), ("UTC", ""), ("Etc/GMT+5", "")])
def test_the_country_comes_from_the_time_zone_unless_chosen(zone, country):
    assert public_holidays.country_of_zone(zone) == country
    result = run(minimal(timezone=zone), calendar_file=False)["result"]
    assert result["place"]["country"] == country
    assert result["place"]["from_zone"] is True
    chosen = run(minimal(timezone=zone, country="fr"), calendar_file=False)["result"]["place"]
    assert (chosen["country"], chosen["country_name"], chosen["from_zone"]) == (
        "FR", "France", False)


def test_the_regions_to_choose_from_come_with_the_answer():
    place = run(minimal(country="US"), calendar_file=False)["result"]["place"]
    names = {region["code"]: region["name"] for region in place["regions"]}
    assert names["NY"] == "New York" and names["CA"] == "California"
    assert [region["name"] for region in place["regions"]] == sorted(names.values())
    assert place["used"] == "United States"
    chosen = run(minimal(country="US", region="ny"), calendar_file=False)["result"]["place"]
    assert chosen["used"] == "New York, United States"


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"country": "XX"}, "country",
     'Public holidays for "XX" are not known here; choose another country or none'),
    ({"country": "Britain"}, "country",
     '"Britain" is not a country code; choose a country from the list'),
    ({"country": "GB", "region": "NY"}, "region",
     '"NY" is not a region of United Kingdom; choose one from the list'),
    ({"region": "<b>x</b>"}, "region", '"<b>x</b>" is not a region; choose one from the list'),
])
def test_a_place_that_is_not_known_is_said_next_to_its_field(changes, field, message):
    outcome = run(minimal(**changes))
    assert not outcome["ok"]
    assert {error["field"]: error["message"] for error in outcome["errors"]}[field] == message


def test_no_known_holidays_is_said_next_to_country():
    advice = run(minimal(timezone="UTC"), calendar_file=False)["result"]["advice"]
    assert {"field": "country", "message": "Your plan skips weekends but not public holidays: "
            "choose your country for its holidays to be skipped too."} in advice
    known = run(minimal(country="GB"), calendar_file=False)["result"]["advice"]
    assert not [item for item in known if item["field"] == "country"]


def test_a_table_not_fetched_in_the_browser_means_weekends_only_and_says_so(monkeypatch):
    # The browser offline: no library, no table file for the country chosen.
    monkeypatch.setattr(public_holidays, "_library", lambda: None)
    monkeypatch.setattr(public_holidays, "_tables", {})
    monkeypatch.setattr(public_holidays, "TABLE_DIRS", [])
    outcome = run(minimal(country="GB", region="ENG", date="2026-12-18"), calendar_file=False)
    assert outcome["ok"], outcome
    result = outcome["result"]
    assert result["place"]["used"] == ""
    assert [item["message"] for item in result["advice"] if item["field"] == "country"] == [
        "The public holidays of the country you chose could not be loaded just now, so your "
        "plan skips weekends only: check its dates against your calendar, or come back "
        "online and change any detail to try again."]
    # Christmas Day is then a working day like any Friday.
    assert "2026-12-25" in {step["due"][:10] for step in result["steps"]}


def test_a_table_file_is_used_where_the_library_is_missing(tmp_path, monkeypatch):
    # The browser's way: the build's table for the country, the library absent.
    table = public_holidays.build_table("GB", *public_holidays.TABLE_YEARS)
    (tmp_path / "GB.json").write_text(__import__("json").dumps(table), "utf-8")
    monkeypatch.setattr(public_holidays, "_library", lambda: None)
    monkeypatch.setattr(public_holidays, "_tables", {})
    monkeypatch.setattr(public_holidays, "TABLE_DIRS", [tmp_path])
    plan = timeline.plan(interview(date="2026-12-18", start_time="10:00", country="GB",
                                   region="ENG"))
    assert plan[1].due.date() == date(2026, 12, 29)
    # A country with no file, the library absent: weekends only, and said.
    other = run(minimal(country="FR"), calendar_file=False)["result"]
    assert other["place"]["used"] == "" and any(
        item["field"] == "country" for item in other["advice"])
    # Years past the table's: the plan says it could not check them.
    late = public_holidays.TABLE_YEARS[1] + 1
    advice = run(minimal(country="GB", date=f"{late}-03-02"), calendar_file=False)
    assert any(item["field"] == "country" and str(late) in item["message"]
               for item in advice["result"]["advice"])


@pytest.mark.parametrize("country", ["GB", "US", "DE", "JP", "BR", "IN"])
def test_a_table_holds_what_the_library_says(country):
    first, last = public_holidays.TABLE_YEARS
    table = public_holidays.build_table(country, first, last)
    years = range(first, last + 1)
    assert public_holidays.holidays_in(table, "").days.keys() >= holidays_library.country_holidays(
        country, years=years).keys()
    for region in list(table["regions"])[:5]:
        library = holidays_library.country_holidays(country, subdiv=region, years=years)
        assert set(public_holidays.holidays_in(table, region).days) == set(library), region


# ---------------------------------------------------------------- the other side's zone


@pytest.mark.parametrize(("yours", "theirs"), [
    ("Europe/London", "America/New_York"),
    ("Asia/Kolkata", "Europe/London"),  # a half-hour offset
    ("America/Los_Angeles", "Australia/Adelaide"),  # half an hour, and the other hemisphere
    ("Australia/Sydney", "Europe/Berlin"),
])
@pytest.mark.parametrize("day", ["2026-03-02", "2026-03-27", "2026-10-23", "2026-10-30",
                                 "2026-11-02", "2026-06-15"])
def test_every_email_and_call_is_inside_their_working_hours(yours, theirs, day):
    # Around the clock changes: the two zones change on different dates.
    for start in ("07:30", "10:00", "16:45", "21:00"):
        plan = timeline.plan(interview(date=day, start_time=start, timezone=yours,
                                       their_timezone=theirs))
        for step in plan:
            local = step.due.astimezone(ZoneInfo(theirs))
            assert local.weekday() < 5, (day, start, step.id)
            if step.id == "call":
                assert (local.hour, local.minute) == (CALL_HOUR, 0)
            else:
                assert SEND_WINDOW_START_HOUR <= local.hour < SEND_WINDOW_END_HOUR, (
                    day, start, step.id, local)


def test_due_times_are_shown_in_both_zones():
    parsed = interview(date="2026-12-01", start_time="10:00", their_timezone="America/New_York")
    first = timeline.plan(parsed)[1]
    assert timeline.due_label(first.due, english.UK, parsed.tz) == (
        f"{english.date_label(first.due.date())} at 09:00 in New York (14:00 for you)")
    far = interview(date="2026-12-01", start_time="10:00", timezone="Europe/London",
                    their_timezone="Australia/Sydney")
    call = timeline.plan(far)[3]
    label = timeline.due_label(call.due, english.UK, far.tz)
    the_day_before = call.due.date() - timedelta(days=1)
    assert label.endswith(f"at 10:00 in Sydney (23:00 on "
                          f"{english.short_date_label(the_day_before)} for you)")
    same = interview(date="2026-12-01", start_time="10:00")
    assert " for you" not in timeline.due_label(timeline.plan(same)[1].due, english.UK, same.tz)


def test_the_calendar_keeps_your_zone_and_the_links_agree():
    data = minimal(date="2026-12-01", start_time="10:00", their_timezone="America/New_York")
    result = run(data, now=FIXED_NOW)["result"]
    events = icalendar.Calendar.from_ical(result["ics"]).walk("VEVENT")
    first = events[1].DTSTART
    assert str(first.tzinfo) == "Europe/London" and (first.hour, first.minute) == (14, 0)
    google = result["steps"][1]["google_url"]
    assert f"dates={first.astimezone(ZoneInfo('UTC')):%Y%m%dT%H%M%SZ}" in google


# ---------------------------------------------------------------- UK or US English


def test_a_us_reader_gets_us_english():
    data = sample(language="en-US", tone="formal", decision_date="2026-12-08")
    result = run(data, now=FIXED_NOW)["result"]
    thanks = result["drafts"][0]["body"]
    assert thanks.startswith("Dear Dr. Whitfield,")
    assert thanks.splitlines()[-3] == "Sincerely,"
    follow_up = next(d for d in result["drafts"] if d["step"] == "follow-up-1")["body"]
    assert "Tuesday, December 8" in follow_up
    assert result["steps"][0]["due_label"].endswith(("AM", "PM"))
    uk = run(sample(tone="formal", decision_date="2026-12-08"), now=FIXED_NOW)["result"]
    assert uk["drafts"][0]["body"].startswith("Dear Dr Whitfield,")
    assert "Tuesday 8 December" in next(d for d in uk["drafts"]
                                        if d["step"] == "follow-up-1")["body"]


@pytest.mark.parametrize(("uk", "us"), [
    ("I valued your candour about the team", "I valued your candor about the team"),
    ("what it is working towards", "what it is working toward"),
    ("only a rough timescale", "only a rough timeline"),
    ("Do let me know if", "Please let me know if"),
])
def test_the_templates_us_wording_is_data(uk, us):
    assert english.wording(uk, english.US) == us
    assert english.wording(uk, english.UK) == uk


def test_us_wording_never_touches_the_readers_own_notes():
    notes = "towards a candour-first culture, with a rough timescale"
    result = run(minimal(language="en-US", challenges=notes), calendar_file=False)["result"]
    assert notes in result["drafts"][0]["body"]


@pytest.mark.parametrize(("moment", "uk", "us"), [
    (datetime(2026, 4, 14, 13, 0), "Tuesday 14 April 2026 at 13:00",
     "Tuesday, April 14, 2026 at 1:00 PM"),
    (datetime(2026, 4, 14, 0, 5), "Tuesday 14 April 2026 at 00:05",
     "Tuesday, April 14, 2026 at 12:05 AM"),
    (datetime(2026, 4, 14, 12, 0), "Tuesday 14 April 2026 at 12:00",
     "Tuesday, April 14, 2026 at 12:00 PM"),
])
def test_dates_and_times_as_each_english_writes_them(moment, uk, us):
    assert timeline.due_label(moment, english.UK) == uk
    assert timeline.due_label(moment, english.US) == us


# ---------------------------------------------------------------- they replied, steps done


def test_steps_after_a_reply_are_no_longer_needed_and_done_ones_are_done():
    plan = timeline.plan(interview(date="2026-12-01", start_time="10:00",
                                   replied_on="2026-12-07", done=["thank-you"]))
    statuses = {step.id: step.status for step in plan}
    assert statuses == {"thank-you": Status.DONE, "follow-up-1": Status.NOT_NEEDED,
                        "follow-up-2": Status.NOT_NEEDED, "call": Status.NOT_NEEDED}
    assert run(minimal(replied_on="2026-11-30"))["errors"] == [
        {"field": "replied_on", "message": "They cannot have replied before the interview date"}]
    assert run(minimal(done=["thank-you", "lunch"]))["errors"][0]["field"] == "done"
    assert run(minimal(done="thank-you"))["errors"][0] == {
        "field": "done", "message": "Steps you have done must be a list of steps"}


def test_a_reply_cancels_the_later_reminders_in_a_new_calendar_file():
    before = run(minimal(date="2026-12-01", start_time="10:00"), now=FIXED_NOW)["result"]["ics"]
    after = run(minimal(date="2026-12-01", start_time="10:00", replied_on="2026-12-07"),
                now=FIXED_NOW)["result"]["ics"]
    old = {e["UID"]: e for e in icalendar.Calendar.from_ical(before).walk("VEVENT")}
    new = {e["UID"]: e for e in icalendar.Calendar.from_ical(after).walk("VEVENT")}
    assert old.keys() == new.keys()  # the same events, to be updated in place
    cancelled = [uid for uid, event in new.items() if event.get("STATUS") == "CANCELLED"]
    assert len(cancelled) == 3
    for uid in cancelled:
        assert int(new[uid]["SEQUENCE"]) > int(old[uid].get("SEQUENCE", 0))
        assert not new[uid].walk("VALARM")  # no reminder for what is no longer needed
    kept = next(uid for uid in new if uid not in cancelled)
    assert new[kept].get("STATUS") is None and new[kept].walk("VALARM")
    assert int(new[kept]["SEQUENCE"]) == int(old[kept]["SEQUENCE"])


def test_the_new_fields_reach_the_answer_from_a_form_as_saved():
    result = run(minimal(country="GB", region="ENG", their_timezone="America/New_York",
                         language="en-US", replied_on="2026-12-07", done=["thank-you"]),
                 calendar_file=False)["result"]
    assert result["their_timezone"] == "America/New_York"
    assert [step["status"] for step in result["steps"]] == [
        "done", "not needed", "not needed", "not needed"]
    assert result["place"]["used"] == "England, United Kingdom"
    assert MORNING_SEND_HOUR == 9 and "9:00 AM in New York" in result["steps"][1]["due_label"]
