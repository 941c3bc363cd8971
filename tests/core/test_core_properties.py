"""Property tests: arbitrary text in every field gives field errors or a sound calendar.

Sound means: it parses back with icalendar to the same events and summaries, it has CRLF
line endings, no line over 75 octets, no bare CR or LF, and no line that user text turned
into a new property or component.
"""

from __future__ import annotations

import icalendar
from core_helpers import FIXED_NOW, check_ics_shape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from followup import calendar, timeline
from followup.api import run
from followup.fields import PER_INTERVIEWER, by_path
from followup.interview import Interview, parse_interview

TEXT_FIELDS = ["your_name", "company", "role", "next_steps", "questions", "challenges", "fit",
               "clarify", "signature"]
INTERVIEWER_FIELDS = [field.key for field in PER_INTERVIEWER]

# Pieces that break naive calendar writers, and scripts that break naive text handling.
NASTY = ["\r\n", "\r", "\n", ";", ",", "\\", ":", "\\n", "BEGIN:VEVENT", "END:VCALENDAR",
         "\r\nATTACH:http://x", "\tX-INJECT:1", "😀", "👩🏽‍💻", "שלום עולם", "مرحبا بك",
         "\u202e", "\u2028", "\u0085", "\ufeff", "{role}", "%s", "é", "ß", "\t"]
CONTROL = ["\x00", "\x1b", "\x7f", "\x0b"]  # refused by validation

printable = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12)
pieces = st.one_of(st.sampled_from(NASTY), printable)
# Mostly text that validation accepts; now and then a control character or a long value,
# so both outcomes (errors, calendar) are exercised.
nasty_text = st.lists(pieces, max_size=8).map("".join)
with_control = st.tuples(nasty_text, st.sampled_from(CONTROL)).map("".join)
# Very long values, built by repetition (generating 10 000 random characters is slow).
long_text = st.tuples(st.sampled_from([*NASTY, "a", "ab c"]), st.integers(1000, 10_000)).map(
    lambda pair: (pair[0] * pair[1])[: pair[1]])
# one_of() would pick each branch equally often; weight them instead (about 1 in 30 each).
any_text = st.integers(0, 59).flatmap(
    lambda n: with_control if n == 1 else long_text if n == 2 else nasty_text)
emails = st.sampled_from(["", "jane@example.com", "o'neil+x@mail.example.co.uk"]) | any_text

interviewer = st.fixed_dictionaries({"name": any_text, "role": any_text, "email": emails,
                                     "topic": any_text})

interview_data = st.fixed_dictionaries(
    {"company": any_text, "date": st.sampled_from(["2026-12-01", "2027-03-26", "2026-10-23"]),
     "start_time": st.sampled_from(["09:00", "17:45", "23:00"])},
    optional={
        **{key: any_text for key in TEXT_FIELDS if key != "company"},
        "interviewers": st.lists(interviewer, max_size=3),
        "timezone": st.sampled_from(["Europe/London", "America/New_York", "Asia/Kolkata"]),
        "tone": st.sampled_from(["warm", "formal"]),
        "assessment": st.sampled_from(["well", "mixed", "badly"]),
        "format": st.sampled_from(["in_person", "video", "phone"]),
    },
)

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow,
                                                    HealthCheck.data_too_large])


def assert_sound_calendar(data: dict, ics: str) -> None:
    interview = parse_interview(data)
    assert isinstance(interview, Interview)
    steps = timeline.plan(interview)
    check_ics_shape(ics)
    cal = icalendar.Calendar.from_ical(ics)
    events = cal.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [
        calendar.event_summary(step, interview) for step in steps]
    assert ics.count("\r\nBEGIN:VEVENT\r\n") == len(steps)
    assert ics.count("\r\nBEGIN:VALARM\r\n") == len(steps)
    assert cal.get_missing_tzids() == set()


@PROPERTY_SETTINGS
@given(data=interview_data)
def test_arbitrary_text_gives_errors_or_a_sound_calendar(data):
    outcome = run(data, now=FIXED_NOW)
    event("valid" if outcome["ok"] else "field errors")
    if outcome["ok"]:
        assert_sound_calendar(data, outcome["result"]["ics"])
    else:
        for error in outcome["errors"]:
            field = error["field"]
            assert field in TEXT_FIELDS or field.startswith("interviewers["), error
            assert error["message"]


# Text that validation must accept: printable (line breaks allowed), within the limits.
clean_text = st.text(
    st.characters(exclude_categories=("Cc", "Cs"), include_characters="\r\n\t;,\\:"),
    max_size=60,
)


@PROPERTY_SETTINGS
@given(data=st.fixed_dictionaries(
    {"company": clean_text.filter(str.strip), "date": st.just("2026-12-04"),
     "start_time": st.just("16:30")},
    optional={**{key: clean_text for key in TEXT_FIELDS if key != "company"},
              "interviewers": st.lists(st.fixed_dictionaries(
                  {"name": clean_text.filter(str.strip), "role": clean_text,
                   "topic": clean_text}), max_size=3)},
))
def test_clean_text_within_limits_always_gives_a_sound_calendar(data):
    outcome = run(data, now=FIXED_NOW)
    assert outcome["ok"], outcome
    assert_sound_calendar(data, outcome["result"]["ics"])
    if "{" not in repr(data) and "}" not in repr(data):  # no placeholder survives
        for draft in outcome["result"]["drafts"]:
            assert "{" not in draft["subject"] + draft["body"]
            assert "}" not in draft["subject"] + draft["body"]
    events = icalendar.Calendar.from_ical(outcome["result"]["ics"]).walk("VEVENT")
    assert len(events) == 4


@PROPERTY_SETTINGS
@given(key=st.sampled_from(TEXT_FIELDS), piece=st.sampled_from(["a", "😀", "ab ", "ש"]))
def test_over_long_fields_are_named_in_the_errors(key, piece):
    limit = by_path(key).limit
    value = (piece * (limit + 10))[: limit + 10]
    data = {"company": "Acme", "date": "2026-12-01", "start_time": "10:00", key: value}
    outcome = run(data)
    if len(" ".join(value.split())) > limit:
        assert [error["field"] for error in outcome["errors"]] == [key]
    else:
        assert outcome["ok"]
