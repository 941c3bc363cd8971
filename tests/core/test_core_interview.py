"""Validation: every problem at once, as (field path, plain-English message)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from core_helpers import minimal, sample

from followup.fields import MAX_INTERVIEWERS, by_path
from followup.interview import (
    MAX_PAST_MIDNIGHT,
    FieldError,
    Interview,
    is_email,
    is_zone_key,
    load_zone,
    parse_interview,
)


def errors_of(data) -> dict[str, str]:
    result = parse_interview(data)
    assert isinstance(result, list), f"expected errors, got {result!r}"
    assert all(isinstance(error, FieldError) for error in result)
    return {error.field: error.message for error in result}


def test_full_sample_parses_into_frozen_dataclasses():
    interview = parse_interview(sample())
    assert isinstance(interview, Interview)
    assert interview.start == datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/London"))
    assert interview.end.hour == 11
    assert [person.name for person in interview.interviewers] == ["Dr Jane Whitfield",
                                                                  "Omar Haddad"]
    with pytest.raises(AttributeError):
        interview.company = "Other"  # frozen


def test_only_company_date_and_start_are_required():
    interview = parse_interview(minimal())
    assert isinstance(interview, Interview)
    assert interview.timezone == "Europe/London"
    assert (interview.format, interview.assessment, interview.tone) == ("in_person", "well",
                                                                        "warm")
    assert interview.end - interview.start == (interview.end - interview.start).__class__(hours=1)
    assert interview.interviewers == ()
    assert interview.decision_date is None


def test_missing_required_fields_are_all_reported():
    errors = errors_of({})
    assert errors == {
        "company": "Company is required",
        "date": "Interview date is required",
        "start_time": "Start time is required",
    }


def test_whitespace_only_counts_as_missing():
    assert "company" in errors_of(minimal(company="  \n\t "))


def test_every_problem_at_once_with_paths():
    data = sample(
        date="2026-02-30",
        start_time="25:00",
        timezone="Mars/Olympus",
        tone="chatty",
        interviewers=[{"name": "Ann"}, {"name": "Jane", "email": "jane@"}],
    )
    errors = errors_of(data)
    assert set(errors) == {"date", "start_time", "timezone", "tone", "interviewers[1].email"}
    assert errors["interviewers[1].email"] == '"jane@" is not an email address'
    assert errors["date"] == '"2026-02-30" is not a real date'
    assert errors["start_time"] == '"25:00" is not a real time of day'
    assert errors["timezone"].startswith('"Mars/Olympus" is not a time zone we know')
    assert '"warm"' in errors["tone"] and '"formal"' in errors["tone"]


@pytest.mark.parametrize("value", ["01/12/2026", "2026-1-1", "tomorrow", "2026-12-01T10:00"])
def test_malformed_dates(value):
    assert "is not a date; use the form YYYY-MM-DD" in errors_of(minimal(date=value))["date"]


def test_dates_out_of_range():
    assert "out of range" in errors_of(minimal(date="1899-12-01"))["date"]


@pytest.mark.parametrize("value", ["10", "10.30", "ten", "10:5", "-1:00"])
def test_malformed_times(value):
    assert "use the 24-hour form HH:MM" in errors_of(minimal(start_time=value))["start_time"]


def test_seconds_are_accepted_and_ignored():
    interview = parse_interview(minimal(start_time="09:30:15"))
    assert interview.start.strftime("%H:%M:%S") == "09:30:00"


END_BEFORE_START = ("The end time must be after the start time (an interview that ran past "
                    "midnight can last up to 6 hours)")


def test_end_before_or_equal_to_start():
    assert errors_of(minimal(end_time="09:00")) == {
        "end_time": END_BEFORE_START}
    assert "end_time" in errors_of(minimal(end_time="10:00"))


def test_an_interview_can_run_past_midnight():
    # A late call with another time zone: 23:30 to 00:45 ends the next morning.
    interview = parse_interview(minimal(date="2026-12-03", start_time="23:30", end_time="00:45"))
    assert interview.end == datetime(2026, 12, 4, 0, 45, tzinfo=ZoneInfo("Europe/London"))
    assert interview.end - interview.start == timedelta(minutes=75)


def test_the_longest_interview_past_midnight_is_the_limit():
    start = datetime(2026, 12, 3, 20, 0)
    latest = (start + MAX_PAST_MIDNIGHT).strftime("%H:%M")
    one_minute_more = (start + MAX_PAST_MIDNIGHT + timedelta(minutes=1)).strftime("%H:%M")
    assert isinstance(parse_interview(minimal(start_time="20:00", end_time=latest)), Interview)
    assert "end_time" in errors_of(minimal(start_time="20:00", end_time=one_minute_more))


@pytest.mark.parametrize(("start", "end"), [("17:00", "16:00"), ("10:00", "09:59")])
def test_an_end_just_before_the_start_is_taken_as_a_slip(start, end):
    # Read as the next morning, each would last almost a day.
    assert errors_of(minimal(start_time=start, end_time=end)) == {
        "end_time": END_BEFORE_START}


def test_an_end_after_midnight_in_a_dst_gap_names_the_next_day():
    # 29 March 2026: UK clocks jump from 01:00 to 02:00, so 01:30 that night never happens.
    errors = errors_of(minimal(date="2026-03-28", start_time="23:30", end_time="01:30"))
    assert errors["end_time"].startswith("01:30 does not exist on 2026-03-29")


def test_start_time_in_a_dst_gap_is_an_error():
    # 29 March 2026: UK clocks jump from 01:00 to 02:00.
    errors = errors_of(minimal(date="2026-03-29", start_time="01:30"))
    assert "the clocks change" in errors["start_time"]


@pytest.mark.parametrize("key", ["../etc/passwd", "/etc/localtime", "localtime", "Europe/../..",
                                 "Europe", "", " ", "posixrules",
                                 "Factory", "a" * 300, "Europe//London", "."])
def test_path_like_and_unknown_zones_never_load(key):
    assert load_zone(key) is None
    if key not in ("Europe", "a" * 300):  # zone-shaped names, but no zone
        assert not is_zone_key(key)
    if key.strip():  # blank means "use the default zone"
        assert "timezone" in errors_of(minimal(timezone=key))


@pytest.mark.parametrize("key", ["Europe/London", "America/New_York", "Asia/Kolkata", "UTC",
                                 "America/Argentina/Buenos_Aires", "Etc/GMT+5"])
def test_real_zones_load(key):
    assert is_zone_key(key)
    assert load_zone(key) is not None
    assert parse_interview(minimal(timezone=key)).timezone == key


@pytest.mark.parametrize(("typed", "zone"), [("europe/london", "Europe/London"),
                                             ("AMERICA/NEW YORK", "America/New_York"),
                                             ("  asia/kolkata ", "Asia/Kolkata")])
def test_a_zone_in_another_case_is_taken_as_the_database_spells_it(typed, zone):
    assert parse_interview(minimal(timezone=typed)).timezone == zone


def test_empty_timezone_means_the_default():
    assert parse_interview(minimal(timezone="")).timezone == "Europe/London"


@pytest.mark.parametrize("address", ["jane@example.com", "j.o'neil+jobs@mail.example.co.uk",
                                     "x@xn--p1ai.xn--p1ai", "priya@例え.jp",
                                     "kontakt@bücher.example", "info@उदाहरण.भारत"])
def test_good_emails(address):
    assert is_email(address)


@pytest.mark.parametrize("address", ["jane@", "@example.com", "jane example.com", "jane@example",
                                     "jane@@example.com", "<jane@example.com>",
                                     "jane@example.com\nBcc: x@y.com", "jane@exa mple.com",
                                     "jane@.example.com", "jane.@example.com", "priya@例え",
                                     "priya@例え。jp", "priya@例え.jp\u2028", "priya@例 え.jp",
                                     "priya@-例え.jp", "prïya@example.com", "jane@example.😀"])
def test_bad_emails(address):
    assert not is_email(address)


def test_wrong_json_types_are_errors_not_exceptions():
    errors = errors_of({"company": 42, "date": ["2026-12-01"], "start_time": None,
                        "interviewers": "Jane", "tone": 1, "fit": {"a": 1}})
    assert errors["company"] == "Company must be text"
    assert errors["date"] == "Interview date must be text"
    assert errors["start_time"] == "Start time is required"
    assert errors["interviewers"] == "Interviewers must be a list of people"
    assert errors["tone"] == "Tone must be text"
    assert errors["fit"] == "Why you are up to them must be text"


def test_interviewer_rows_that_are_not_objects():
    errors = errors_of(minimal(interviewers=["Jane", {"name": 5}]))
    assert errors == {
        "interviewers[0]": 'Interviewer 1 must be an object with their details, such as '
                           '"name" and "email"',
        "interviewers[1].name": "Interviewer's name must be text",
    }


def test_blank_interviewer_rows_are_ignored_but_half_filled_ones_need_a_name():
    interview = parse_interview(minimal(interviewers=[{}, {"name": " ", "email": ""}, None]))
    assert interview.interviewers == ()
    errors = errors_of(minimal(interviewers=[{"name": "Ann"}, {"topic": "budgets"}]))
    assert errors == {
        "interviewers[1].name": "Add this interviewer's name, or remove this interviewer"}


def test_too_many_interviewers():
    people = [{"name": f"Person {i}"} for i in range(MAX_INTERVIEWERS + 1)]
    assert errors_of(minimal(interviewers=people)) == {
        "interviewers": f"You listed {MAX_INTERVIEWERS + 1} interviewers; the limit is "
                        f"{MAX_INTERVIEWERS}"}
    assert isinstance(parse_interview(minimal(interviewers=people[:-1])), Interview)


@pytest.mark.parametrize("key", ["your_name", "company", "role", "next_steps", "questions",
                                 "challenges", "fit", "clarify", "signature"])
def test_every_text_field_has_a_length_limit(key):
    limit = by_path(key).limit
    assert isinstance(parse_interview(minimal(**{key: "x" * limit})), Interview)
    message = errors_of(minimal(**{key: "x" * (limit + 1)}))[key]
    assert message.endswith(f"is too long: {limit + 1:,} characters, the limit is {limit:,}")


def test_interviewer_field_limits():
    row = {"name": "n" * (by_path("interviewers[].name").limit + 1),
           "topic": "t" * (by_path("interviewers[].topic").limit + 1)}
    assert set(errors_of(minimal(interviewers=[row]))) == {"interviewers[0].name",
                                                           "interviewers[0].topic"}


def test_control_characters_are_rejected_line_breaks_normalised():
    errors = errors_of(minimal(role="Designer\x00", fit="ok\x1b[31m"))
    assert errors["role"] == ("Role contains an invisible control character (U+0000); "
                              "please retype it")
    assert "U+001B" in errors["fit"]
    interview = parse_interview(minimal(role="Product\r\nDesigner",
                                        fit="one\r\ntwo\rthree\u2028four",
                                        signature="A\n\n\n\nB"))
    assert interview.role == "Product Designer"  # one-line field: breaks become spaces
    assert interview.fit == "one\ntwo\nthree\nfour"  # multi-line field: breaks become \n
    assert interview.signature == "A\n\nB"


def test_lone_surrogates_are_rejected():
    assert "company" in errors_of(minimal(company="Acme \ud800"))


def test_decision_date_must_be_real_and_not_before_the_interview():
    assert errors_of(minimal(decision_date="2026-11-30")) == {
        "decision_date": "The decision date is before the interview date"}
    assert "is not a real date" in errors_of(minimal(decision_date="2026-13-01"))["decision_date"]
    assert parse_interview(minimal(decision_date="2026-12-04")).decision_date == date(2026, 12, 4)


def test_long_values_are_shortened_in_messages():
    message = errors_of(minimal(tone="x" * 500))["tone"]
    assert len(message) < 120 and "…" in message


def test_choices_have_display_labels_for_the_form():
    assert by_path("format").choices == {"in_person": "In person", "video": "Video call",
                              "phone": "Phone call"}
    assert list(by_path("assessment").choices) == ["well", "mixed", "badly"]
    assert list(by_path("tone").choices) == ["warm", "formal"]
    assert all(isinstance(label, str) and label for label in by_path("tone").choices.values())


def test_not_a_dict():
    assert parse_interview(["company"]) == [
        FieldError("", "expected an object with the interview's fields")]


def test_how_to_address_them_is_checked_like_every_interviewer_field():
    limit = by_path("interviewers[].address_as").limit
    row = {"name": "Aisha Bello", "address_as": "Dr Bello"}
    assert parse_interview(minimal(interviewers=[row])).interviewers[0].address_as == "Dr Bello"
    long_row = {**row, "address_as": "x" * (limit + 1)}
    assert errors_of(minimal(interviewers=[long_row])) == {
        "interviewers[0].address_as": f"How to address them is too long: {limit + 1:,} "
                                      f"characters, the limit is {limit:,}"}


# --- Who a point to clarify concerns (an interviewer's number) ----------------------------


@pytest.mark.parametrize("given", ["2", 2, " 2 "])
def test_who_it_concerns_is_an_interviewers_number(given):
    # The form sends the number as text; a notes file may give it as a number.
    people = [{"name": "Priya Raman"}, {"name": "Tom Okafor"}]
    interview = parse_interview(minimal(interviewers=people, clarify="my answer on forecasting",
                                        clarify_with=given))
    assert interview.clarify_with == 2


@pytest.mark.parametrize(("given", "message"), [
    ("3", "There is no interviewer 3 on your list; choose one of them"),
    ("0", '"0" is not one of your interviewers; choose one from the list'),
    ("two", '"two" is not one of your interviewers; choose one from the list'),
    (str(MAX_INTERVIEWERS + 1), f'"{MAX_INTERVIEWERS + 1}" is not one of your interviewers; '
                                "choose one from the list"),
    (True, "Who it concerns must be an interviewer's number"),
    (2.0, "Who it concerns must be an interviewer's number"),
])
def test_who_it_concerns_names_someone_on_the_list(given, message):
    people = [{"name": "Priya Raman"}, {"name": "Tom Okafor"}]
    assert errors_of(minimal(interviewers=people, clarify_with=given))["clarify_with"] == message
