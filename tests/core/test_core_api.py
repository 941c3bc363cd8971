"""api.run: the JSON contract, and never an exception for any JSON-shaped input."""

from __future__ import annotations

import json
import sys
from datetime import datetime

import pytest
from core_helpers import FIXED_NOW, minimal, sample
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.api import INTERNAL_ERROR, run
from followup.fields import INTERVIEWERS, TOP_LEVEL

INPUT_KEYS = [field.key for field in TOP_LEVEL] + [INTERVIEWERS]


def test_success_shape_matches_the_contract():
    outcome = run(sample(), now=FIXED_NOW)
    assert outcome["ok"] is True
    result = outcome["result"]
    assert set(result) == {"timezone", "their_timezone", "steps", "drafts", "alike", "advice",
                           "placeholders", "place", "ics", "ics_filename"}
    assert result["timezone"] == "Europe/London"
    assert [s["id"] for s in result["steps"]] == ["thank-you", "follow-up-1", "follow-up-2",
                                                  "call"]
    for step in result["steps"]:
        assert set(step) == {"id", "title", "rule", "due", "due_label", "holidays", "status",
                             "google_url", "outlook_url"}
        due = datetime.fromisoformat(step["due"])
        assert due.utcoffset() is not None
    assert result["steps"][0]["due"] == "2026-12-01T12:00:00+00:00"
    assert result["steps"][0]["due_label"] == "Tuesday 1 December 2026 at 12:00"
    for draft in result["drafts"]:
        assert set(draft) == {"step", "kind", "title", "dated", "outcome", "plan_step",
                              "to_name", "to", "subject", "headers", "body", "how_to_send"}
        assert draft["kind"] == ("call" if draft["step"] == "call" else "email")
        # The plan's drafts: no reply to an answer, each on its own step's day.
        assert draft["outcome"] is False and draft["plan_step"] == draft["step"]
        assert all(isinstance(value, str) for key, value in draft.items()
                   if key not in ("headers", "dated", "outcome"))
    assert result["placeholders"] == [
        {"field": "interviewers[0].address_as", "text": "Jane"},
        {"field": "interviewers[1].address_as", "text": "Omar"}]
    first, call = result["drafts"][0], result["drafts"][-1]
    assert first["title"] == f"Thank-you email to {first['to_name']}"
    assert first["headers"] == [["To", f"{first['to_name']} <{first['to']}>"],
                                ["Subject", first["subject"]]]
    assert call["title"] == "Phone call: talking points"
    assert [label for label, _ in call["headers"]] == ["Who", "Purpose"]
    assert result["ics"].startswith("BEGIN:VCALENDAR\r\n")
    assert result["ics_filename"] == "follow-up-fernbrook-studios-2026-12-01.ics"


def test_output_is_json_safe():
    outcome = run(sample(), now=FIXED_NOW)
    assert json.loads(json.dumps(outcome)) == outcome


def test_error_shape_matches_the_contract():
    outcome = run(minimal(interviewers=[{"name": "A"}, {"name": "Jane", "email": "jane@"}],
                          date="2026-02-30"))
    assert outcome == {"ok": False, "errors": [
        {"field": "date", "message": '"2026-02-30" is not a real date'},
        {"field": "interviewers[1].email", "message": '"jane@" is not an email address'},
    ]}
    assert json.loads(json.dumps(outcome)) == outcome


def test_without_the_calendar_file_the_rest_is_unchanged():
    full = run(sample(), now=FIXED_NOW)["result"]
    outcome = run(sample(), now=FIXED_NOW, calendar_file=False)
    assert outcome["ok"] is True
    assert outcome["result"] == {k: v for k, v in full.items() if k not in ("ics", "ics_filename")}


@pytest.mark.parametrize("slow_import", ["icalendar", "uuid"])
def test_without_the_calendar_file_its_slow_imports_are_never_made(monkeypatch, slow_import):
    # None in sys.modules makes any `import <name>` fail, wherever it happens.
    monkeypatch.setitem(sys.modules, slow_import, None)
    assert run(sample(), calendar_file=False)["ok"] is True
    # The block is real: the calendar file does need it (and run() reports the failure).
    assert run(sample())["errors"][0]["message"] == INTERNAL_ERROR


def test_same_input_same_output():
    assert run(sample(), now=FIXED_NOW) == run(sample(), now=FIXED_NOW)


def test_input_is_not_modified():
    data = sample()
    before = json.dumps(data, sort_keys=True)
    run(data)
    assert json.dumps(data, sort_keys=True) == before


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
field_values = st.one_of(json_values, st.sampled_from(
    ["2026-12-01", "10:00", "11:00", "Europe/London", "video", "badly", "formal", "", " ",
     "2026-02-30", "Jane", "jane@example.com", "x" * 3000]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(
    json_values,
    st.fixed_dictionaries({}, optional={key: field_values for key in INPUT_KEYS}),
    st.fixed_dictionaries(
        {"company": st.just("Acme"), "date": st.just("2026-12-01"),
         "start_time": st.just("10:00")},
        optional={"interviewers": st.lists(st.one_of(json_values, st.fixed_dictionaries(
            {}, optional={k: field_values for k in ("name", "role", "email", "topic")})),
            max_size=12)}),
))
def test_run_never_raises_and_always_answers_in_contract_shape(data):
    outcome = run(data)
    assert set(outcome) in ({"ok", "result"}, {"ok", "errors"})
    if outcome["ok"]:
        assert outcome["result"]["ics"].startswith("BEGIN:VCALENDAR")
    else:
        assert outcome["errors"]
        for error in outcome["errors"]:
            assert set(error) == {"field", "message"}
            assert error["message"] != INTERNAL_ERROR, data
            assert error["field"] == "" or error["field"].split("[")[0].split(".")[0] in (
                INPUT_KEYS)
    json.dumps(outcome)
