"""Timeline: when each step is due (weekends, late evenings, Fridays, DST, decision dates)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from core_helpers import minimal
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import timeline
from followup.interview import parse_interview
from followup.timeline import (
    AFTER_DECISION_DATE_WORKING_DAYS,
    CALL_AFTER_WORKING_DAYS,
    CALL_HOUR,
    FOLLOW_UP_AFTER_WORKING_DAYS,
    MORNING_SEND_HOUR,
    SECOND_FOLLOW_UP_AFTER_WORKING_DAYS,
    SEND_WINDOW_END_HOUR,
    SEND_WINDOW_START_HOUR,
    THANK_YOU_WITHIN_HOURS,
    WAIT_AFTER_THANK_YOU_WORKING_DAYS,
    add_working_days,
    at_local,
    describe_rules,
    due_label,
    plan,
    thank_you_time,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def steps_for(**changes) -> dict[str, datetime]:
    interview = parse_interview(minimal(**changes))
    return {step.id: step.due for step in plan(interview)}


def test_the_team_agreed_values():
    assert THANK_YOU_WITHIN_HOURS == 24
    assert (FOLLOW_UP_AFTER_WORKING_DAYS, AFTER_DECISION_DATE_WORKING_DAYS,
            SECOND_FOLLOW_UP_AFTER_WORKING_DAYS, CALL_AFTER_WORKING_DAYS) == (5, 2, 5, 3)
    assert (SEND_WINDOW_START_HOUR, SEND_WINDOW_END_HOUR, MORNING_SEND_HOUR) == (8, 18, 9)


@pytest.mark.parametrize(("start", "days", "expected"), [
    (date(2026, 12, 1), 1, date(2026, 12, 2)),   # Tue -> Wed
    (date(2026, 12, 4), 1, date(2026, 12, 7)),   # Fri -> Mon
    (date(2026, 12, 5), 1, date(2026, 12, 7)),   # Sat -> Mon
    (date(2026, 12, 6), 0, date(2026, 12, 6)),   # no days: unchanged
    (date(2026, 12, 1), 5, date(2026, 12, 8)),   # a working week
    (date(2026, 12, 3), 10, date(2026, 12, 17)),
])
def test_add_working_days_skips_weekends(start, days, expected):
    assert add_working_days(start, days) == expected


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 12, 1), -1)


@pytest.mark.parametrize(("day", "start", "end", "expected"), [
    # Tuesday morning: an hour after it ends, the same day.
    ("2026-12-01", "10:00", "11:00", datetime(2026, 12, 1, 12, 0)),
    # Ends 16:59: ready 17:59, still inside the window.
    ("2026-12-01", "16:00", "16:59", datetime(2026, 12, 1, 17, 59)),
    # Ends 17:00: ready at 18:00, when the window closes -> next morning.
    ("2026-12-01", "16:00", "17:00", datetime(2026, 12, 2, 9, 0)),
    # Late-evening interview: next working morning.
    ("2026-12-01", "19:00", "20:00", datetime(2026, 12, 2, 9, 0)),
    # Ends 23:30 on Thursday: ready 00:30 Friday, before the window -> Friday 09:00.
    ("2026-12-03", "22:30", "23:30", datetime(2026, 12, 4, 9, 0)),
    # Thursday 23:00 to 00:30 on Friday: ready 01:30 Friday -> Friday 09:00.
    ("2026-12-03", "23:00", "00:30", datetime(2026, 12, 4, 9, 0)),
    # Friday 23:30 to 00:30 on Saturday: not at the weekend -> Monday 09:00.
    ("2026-12-04", "23:30", "00:30", datetime(2026, 12, 7, 9, 0)),
    # Very early interview: the morning send time that day.
    ("2026-12-01", "06:00", "06:30", datetime(2026, 12, 1, 9, 0)),
    # Friday afternoon: the same afternoon.
    ("2026-12-04", "14:00", "15:00", datetime(2026, 12, 4, 16, 0)),
    # Friday evening: not at the weekend -> Monday 09:00 (the documented exception to 24 h).
    ("2026-12-04", "18:00", "19:00", datetime(2026, 12, 7, 9, 0)),
    # Saturday and Sunday interviews: Monday morning.
    ("2026-12-05", "10:00", "11:00", datetime(2026, 12, 7, 9, 0)),
    ("2026-12-06", "10:00", "11:00", datetime(2026, 12, 7, 9, 0)),
])
def test_thank_you_send_time(day, start, end, expected):
    due = steps_for(date=day, start_time=start, end_time=end)["thank-you"]
    assert due == expected.replace(tzinfo=LONDON)


@settings(max_examples=150, deadline=None)
@given(
    day=st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31)),
    minute_of_day=st.integers(min_value=0, max_value=24 * 60 - 2),
    length=st.integers(min_value=1, max_value=180),
    zone=st.sampled_from(["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Tokyo",
                          "UTC"]),
)
def test_thank_you_is_in_working_hours_and_prompt(day, minute_of_day, length, zone):
    tz = ZoneInfo(zone)
    end_minute = min(minute_of_day + length, 24 * 60 - 1)
    start = datetime.combine(day, datetime.min.time(), tz) + timedelta(minutes=minute_of_day)
    end = datetime.combine(day, datetime.min.time(), tz) + timedelta(minutes=end_minute)
    due = thank_you_time(end)
    assert due.weekday() < 5
    assert SEND_WINDOW_START_HOUR <= due.hour < SEND_WINDOW_END_HOUR
    assert due >= end
    hours_after = (due.astimezone(ZoneInfo("UTC")) - end.astimezone(ZoneInfo("UTC")))
    if end.weekday() < 4:  # Monday to Thursday: always within the 24 hours
        assert hours_after <= timedelta(hours=THANK_YOU_WITHIN_HOURS), (start, end, due)
    else:  # Friday evening and weekends: by Monday morning at the latest
        assert due.weekday() == 0 or due.date() == end.date()


def test_follow_ups_without_a_decision_date():
    due = steps_for(date="2026-12-01", start_time="10:00")  # Tuesday
    assert due["follow-up-1"] == datetime(2026, 12, 8, MORNING_SEND_HOUR, tzinfo=LONDON)
    assert due["follow-up-2"] == datetime(2026, 12, 15, MORNING_SEND_HOUR, tzinfo=LONDON)
    assert due["call"] == datetime(2026, 12, 18, CALL_HOUR, tzinfo=LONDON)


def test_follow_ups_after_a_decision_date():
    due = steps_for(date="2026-12-01", start_time="10:00", decision_date="2026-12-09")  # Wed
    assert due["follow-up-1"] == datetime(2026, 12, 11, MORNING_SEND_HOUR, tzinfo=LONDON)  # Fri
    assert due["follow-up-2"] == datetime(2026, 12, 18, MORNING_SEND_HOUR, tzinfo=LONDON)
    assert due["call"] == datetime(2026, 12, 23, CALL_HOUR, tzinfo=LONDON)


def test_decision_on_a_friday_means_following_up_on_tuesday():
    due = steps_for(date="2026-12-01", start_time="10:00", decision_date="2026-12-04")
    assert due["follow-up-1"].date() == date(2026, 12, 8)


def test_a_decision_date_at_the_interview_still_leaves_a_few_days_after_the_thank_you():
    # Friday 16:00 to 17:00, "we decide tonight": the thank-you goes on Monday, and
    # following up on Tuesday would chase it the next day.
    due = steps_for(date="2026-12-04", start_time="16:00", end_time="17:00",
                    decision_date="2026-12-04")
    assert due["thank-you"] == datetime(2026, 12, 7, MORNING_SEND_HOUR, tzinfo=LONDON)
    after_thanks = add_working_days(date(2026, 12, 7), WAIT_AFTER_THANK_YOU_WORKING_DAYS)
    assert due["follow-up-1"] == datetime.combine(after_thanks, time(MORNING_SEND_HOUR), LONDON)
    assert after_thanks > add_working_days(date(2026, 12, 4), AFTER_DECISION_DATE_WORKING_DAYS)


def test_steps_are_in_order_and_never_at_weekends():
    for day in ("2026-12-04", "2026-12-05", "2026-12-06", "2026-12-07"):
        due = list(steps_for(date=day, start_time="18:30", end_time="19:30").values())
        assert due == sorted(due)
        assert all(moment.weekday() < 5 for moment in due)


def test_rule_text_follows_the_decision_date():
    with_date = {s.id: s.rule for s in plan(parse_interview(minimal(decision_date="2026-12-09")))}
    without = {s.id: s.rule for s in plan(parse_interview(minimal()))}
    assert "two working days after the decision date" in with_date["follow-up-1"]
    assert "at least three working days after your thank-you" in with_date["follow-up-1"]
    assert "five working days after the interview" in without["follow-up-1"]


def test_wall_clock_times_survive_a_dst_change_in_london():
    # Friday 23 October 2026; UK clocks go back on Sunday 25 October.
    due = steps_for(date="2026-10-23", start_time="10:00")
    assert due["thank-you"].utcoffset() == timedelta(hours=1)  # BST
    assert due["follow-up-1"] == datetime(2026, 10, 30, 9, tzinfo=LONDON)
    assert due["follow-up-1"].utcoffset() == timedelta(0)  # GMT, still 09:00 local
    assert due["follow-up-1"].isoformat() == "2026-10-30T09:00:00+00:00"


def test_wall_clock_times_survive_a_dst_change_in_new_york():
    # Friday 5 March 2027; US clocks go forward on Sunday 14 March.
    due = steps_for(date="2027-03-05", start_time="15:00", timezone="America/New_York")
    assert due["thank-you"] == datetime(2027, 3, 5, 17, tzinfo=NEW_YORK)
    assert due["follow-up-2"] == datetime(2027, 3, 19, 9, tzinfo=NEW_YORK)
    assert due["follow-up-2"].isoformat() == "2027-03-19T09:00:00-04:00"
    assert due["thank-you"].isoformat() == "2027-03-05T17:00:00-05:00"


def test_a_send_hour_inside_a_dst_gap_moves_to_the_first_real_time():
    moment = at_local(date(2027, 3, 14), 2, NEW_YORK)  # 02:00 does not exist that day
    assert moment.isoformat() == "2027-03-14T03:00:00-04:00"


def test_default_end_is_an_hour_after_start_even_across_dst():
    interview = parse_interview(minimal(date="2026-10-25", start_time="00:30"))
    assert (interview.end.astimezone(ZoneInfo("UTC"))
            - interview.start.astimezone(ZoneInfo("UTC"))) == timedelta(hours=1)


def test_due_label():
    assert due_label(datetime(2026, 12, 1, 17, 0, tzinfo=LONDON)) == (
        "Tuesday 1 December 2026 at 17:00")


def test_describe_rules_quotes_the_constants():
    rules = describe_rules()
    assert [rule["step"] for rule in rules] == ["thank-you", "follow-up-1", "follow-up-2", "call"]
    assert all(set(rule) == {"step", "title", "rule"} for rule in rules)
    text = {rule["step"]: rule["rule"] for rule in rules}
    assert text["thank-you"].startswith("Within 24 hours of the interview")
    assert "between 08:00 and 18:00, Monday to Friday" in text["thank-you"]
    # What the send times do: an interview ending after 17:00 waits for the next morning.
    assert "one hour after it ends, if that is between 08:00 and 18:00" in text["thank-you"]
    assert text["thank-you"].endswith("first thing (09:00) that day or on the next working day")
    assert "two working days after the decision date" in text["follow-up-1"]
    assert "five working days after the interview" in text["follow-up-1"]
    assert "five working days after the first follow-up" in text["follow-up-2"]
    assert "three working days after the second follow-up" in text["call"]


def test_describe_rules_changes_with_the_constants(monkeypatch):
    monkeypatch.setattr(timeline, "FOLLOW_UP_AFTER_WORKING_DAYS", 7)
    monkeypatch.setattr(timeline, "THANK_YOU_WITHIN_HOURS", 48)
    text = {rule["step"]: rule["rule"] for rule in describe_rules()}
    assert "seven working days after the interview" in text["follow-up-1"]
    assert text["thank-you"].startswith("Within 48 hours")


def test_wording_helpers_phrase_numbers_as_the_guide_quotes_them():
    assert timeline.working_days(1) == "one working day"
    assert timeline.working_days(5) == "five working days"
    assert timeline.clock(9) == "09:00"
    assert timeline.duration(30) == "30 minutes"
    assert timeline.duration(60) == "one hour"
    assert timeline.duration(2880) == "two days"
