"""The board of applications (followup.board): its order, its next steps, the next round,
one calendar, and the board file read back, refused when damaged or foreign."""

from __future__ import annotations

import json
from datetime import date, datetime

import icalendar
import pytest
from core_helpers import FIXED_NOW

from followup import _browser, board, fields, timeline
from followup.interview import parse_interview

ACME = {"company": "Acme Robotics", "role": "Data analyst", "date": "2026-11-26",
        "start_time": "10:00", "timezone": "Europe/London", "country": "GB",
        "done": ["thank-you"], "interviewers": [{"name": "Priya Raman"}]}
GLOBEX = {"company": "Globex", "date": "2026-11-19", "start_time": "14:00",
          "timezone": "Europe/London", "interviewers": [{"name": "Tom Okafor"}]}
INITECH = {"company": "Initech", "date": "2026-11-20", "start_time": "09:30",
           "status": "rejected", "replied_on": "2026-11-27", "interviewers": [{"name": "Sam Lee"}]}
LATER = {"company": "Hooli", "date": "2026-12-07", "start_time": "15:00",
         "timezone": "Europe/London", "interviewers": [{"name": "Gavin Belson"}]}
HALF = {"company": "Half typed"}


def application(app_id, details, updated="2026-12-01T10:00:00Z"):
    return {"id": app_id, "details": details, "updated": updated}


def acme_follow_up_day() -> date:
    plan = timeline.plan(parse_interview(ACME))
    return next(step.due.date() for step in plan if step.id == "follow-up-1")


def test_the_board_puts_the_most_urgent_first():
    today = acme_follow_up_day()
    rows = board.rows([application("settled", INITECH), application("half", HALF),
                       application("later", LATER), application("acme", ACME),
                       application("globex", GLOBEX)], today)
    assert [(row["id"], row["urgency"]) for row in rows] == [
        ("globex", "overdue"), ("acme", "today"), ("later", "upcoming"),
        ("half", "incomplete"), ("settled", "settled")]
    acme = rows[1]
    assert acme["next"]["title"] == timeline.STEP_TITLES["follow-up-1"]
    assert acme["next"]["due_label"].startswith(f"{today:%A} {today.day} {today:%B}")
    assert (acme["status_label"], acme["round_label"]) == ("Waiting to hear", "First interview")
    assert rows[3]["problem"] == "2 things to finish: Interview date is required."
    # A rejection ends the round: nothing left to chase, even the thank-you never sent,
    # and the reply to their decision is ready.
    assert rows[4]["next"] is None and rows[4]["answer_drafts"]


def test_overdue_oldest_first_and_settled_latest_changed_first():
    today = date(2026, 12, 20)
    rows = board.rows([application("a", ACME), application("g", GLOBEX),
                       application("old", INITECH, "2026-11-01T00:00:00Z"),
                       application("new", {**INITECH, "company": "Initech 2"},
                                   "2026-12-10T00:00:00Z")], today)
    assert [row["id"] for row in rows] == ["g", "a", "new", "old"]


def test_the_next_round_arranged_is_the_next_step():
    invited = {**ACME, "status": "next_round", "replied_on": "2026-12-01",
               "next_round_on": "2026-12-09", "next_round_at": "11:00"}
    [row] = board.rows([application("acme", invited)], date(2026, 12, 9))
    assert row["urgency"] == "today"
    assert row["next"]["title"] == board.NEXT_ROUND_TITLE
    assert row["next"]["due"] == "2026-12-09T11:00:00+00:00"
    # Invited, with the day still to agree: this round is over, nothing to chase.
    [not_yet] = board.rows([application("acme", {**invited, "next_round_on": "",
                                                 "next_round_at": ""})], date(2026, 12, 9))
    assert not_yet["urgency"] == "settled"
    # A time without its day is the form's mistake, said on the card.
    [mistake] = board.rows([application("acme", {**invited, "next_round_on": ""})],
                           date(2026, 12, 9))
    assert mistake["urgency"] == "incomplete" and mistake["problem"]


def test_one_bad_application_never_hides_the_others():
    rows = board.rows([application("acme", ACME), "not an application",
                       {"id": "x", "details": ["a", "list"]}, application("g", GLOBEX)],
                      acme_follow_up_day())
    assert [row["id"] for row in rows] == ["g", "acme", "x"]
    assert rows[2]["urgency"] == "incomplete"


def test_the_board_request_needs_a_date_and_a_list():
    assert board.board({"applications": [], "today": "2026-12-08"}) == {
        "ok": True, "result": {"rows": []}}
    assert not board.board({"applications": [], "today": "8 December"})["ok"]
    assert not board.board({"applications": "all", "today": "2026-12-08"})["ok"]


def test_the_next_round_keeps_who_and_where_and_starts_the_interview_blank():
    details = {**ACME, "tone": "formal", "your_name": "Sam Taylor", "signature": "07700 900123",
               "arranged_by": "Jo Recruiter", "clarify": "my answer on forecasting",
               "questions": "How big is the team?"}
    reply = board.next_round({"details": details, "today": "2026-12-03"})["result"]
    following = reply["next"]
    assert following == {key: details[key] for key in (
        "company", "role", "timezone", "country", "tone", "your_name", "signature",
        "arranged_by")} | {"round": "2"}
    assert {f.key for f in fields.TOP_LEVEL if f.carried} >= set(following) - {"round"}
    assert reply["previous"]["status"] == "next_round"
    assert reply["previous"]["replied_on"] == "2026-12-03"
    # A round already answered keeps its answer; the last round stays the last.
    done = board.next_round({"details": {**details, "status": "offer", "round": "5"},
                             "today": "2026-12-03"})["result"]
    assert done["previous"]["status"] == "offer" and done["next"]["round"] == "5"


def test_one_calendar_of_every_pending_step_keeps_each_applications_uids():
    apps = [application("acme", ACME), application("g", GLOBEX),
            application("i", INITECH), application("half", HALF)]
    reply = board.board_calendar(apps, now=FIXED_NOW)["result"]
    events = icalendar.Calendar.from_ical(reply["ics"]).walk("VEVENT")
    companies = sorted(str(event["SUMMARY"]).rsplit("(", 1)[1].rstrip(")") for event in events)
    assert companies == ["Acme Robotics"] * 3 + ["Globex"] * 4
    assert all(event.get("STATUS") is None for event in events)
    own = icalendar.Calendar.from_ical(_browser.json.loads(
        _browser.answer(json.dumps(GLOBEX), True))["result"]["ics"]).walk("VEVENT")
    assert {str(e["UID"]) for e in own} <= {str(e["UID"]) for e in events}
    assert reply["ics_filename"].endswith(".ics")


# ---------------------------------------------------------------- the file


def exported(apps):
    return board.export_board({"applications": apps, "exported": "2026-12-08T09:00:00Z"})


def test_the_file_reads_back_as_it_was_written():
    apps = [application("acme", ACME), {**application("g", GLOBEX), "edits": {
        "thank-you:Tom Okafor": {"text": "Dear Tom, <b>thanks</b> 🙂\r\nBest", "from": "x"}}}]
    content = exported(apps)["result"]
    assert (content["format"], content["version"]) == (board.FILE_FORMAT, board.FILE_VERSION)
    read = board.read_file(json.dumps(content))
    assert read == {"ok": True, "applications": apps}
    # HTML, emoji and CR/LF in the reader's words are data, kept as they are.
    assert read["applications"][1]["edits"]["thank-you:Tom Okafor"]["text"].startswith(
        "Dear Tom, <b>")


def problems_of(text: str) -> list[str]:
    read = board.read_file(text)
    assert read["ok"] is False
    return read["problems"]


def board_file(applications, version=1) -> str:
    return json.dumps({"format": board.FILE_FORMAT, "version": version,
                       "applications": applications})


@pytest.mark.parametrize(("text", "says"), [
    ('{"format": "followup-board", "version": 1, "applications": [', "damaged"),
    (json.dumps({"name": "left-pad", "version": "1.3.0"}), "not a board exported"),
    ("[1, 2, 3]", "not a board exported"),
    (board_file([], version=2), "newer version"),
    (board_file([], version="1"), "which version"),
    (json.dumps({"format": board.FILE_FORMAT, "version": 1}), "no list of applications"),
    (board_file([{"id": "x"}] * (board.MAX_APPLICATIONS + 1)), "at most 500"),
    ("9" * 5000, "not JSON"),
    ("[" * 100_000, "damaged"),
], ids=["cut short", "package.json", "a list", "newer", "no version", "no applications",
        "too many", "a huge number", "deeply nested"])
def test_a_file_that_is_not_a_board_is_refused_with_one_message(text, says):
    [problem] = problems_of(text)
    assert says in problem


@pytest.mark.parametrize(("app", "says"), [
    ("not an object", "Application 1 is not an application"),
    ({"id": "../etc", "details": {}}, "Application 1: its id should be"),
    ({"id": "a", "details": {"company": ["Acme"]}}, "Company should be text"),
    ({"id": "a", "details": {"date": 20261208}}, "Interview date should be text such as"),
    ({"id": "a", "details": {"company": "Acme", "salary": "lots"}},
     'Application 1 (Acme): "salary" is not a detail this site knows.'),
    ({"id": "a", "details": {"company": "A" * 5000}}, "Company is far too long (5000"),
    ({"id": "a", "details": {"company": "Acme\x00"}}, "control characters"),
    ({"id": "a", "details": {"done": ["thank-you", "party"]}}, "Steps you have done should"),
    ({"id": "a", "details": {"interviewers": [{"name": "P", "shoe_size": "9"}]}},
     'interviewer 1: "shoe_size" is not a detail'),
    ({"id": "a", "details": {"interviewers": [{}] * 11}}, "a list of at most 10"),
    ({"id": "a", "details": {}, "edits": {"k": {"text": 1}}}, "changed drafts"),
    ({"id": "a", "details": {}, "updated": "yesterday"}, "a date and time"),
])
def test_each_problem_in_an_application_is_named(app, says):
    problems = problems_of(board_file([app]))
    assert any(says in problem for problem in problems), problems


def test_duplicate_ids_and_many_problems_are_listed_then_counted():
    problems = problems_of(board_file([{"id": "a", "details": {}}, {"id": "a", "details": {}}]))
    assert problems == ["Application 2: its id a is used by an earlier application too."]
    many = problems_of(board_file([{"id": f"a{n}", "details": {"x": "y"}} for n in range(30)]))
    assert len(many) == board.MAX_PROBLEMS + 1 and many[-1] == "And 10 more."


def test_a_half_filled_form_is_not_a_problem():
    assert board.read_file(board_file([{"id": "a", "details": {"company": ""}}]))["ok"]


def test_the_schema_names_every_declared_field():
    schema = board.file_schema()
    details = schema["properties"]["applications"]["items"]["properties"]["details"]
    assert set(details["properties"]) == {f.key for f in fields.TOP_LEVEL} | {"interviewers"}
    assert details["properties"]["status"]["enum"] == list(fields.STATUSES)


def test_the_browser_calls_answer_json_text_and_never_raise():
    reply = json.loads(_browser.board(json.dumps({"applications": [application("a", ACME)],
                                                  "today": "2026-12-03"})))
    assert reply["ok"] and reply["result"]["rows"][0]["id"] == "a"
    assert json.loads(_browser.read_board_file(json.dumps("{")))["ok"] is False
    assert json.loads(_browser.board(json.dumps(None)))["ok"] is False
    assert json.loads(_browser.next_round(json.dumps({"details": None})))["ok"] is False
    assert json.loads(_browser.export_board(json.dumps({"applications": [
        {"id": "bad id!", "details": {}}], "exported": ""})))["ok"] is False


def test_dates_in_rows_follow_the_readers_english():
    us = {**ACME, "language": "en-US", "timezone": "America/New_York", "country": "US"}
    [row] = board.rows([application("a", us)], date(2026, 12, 1))
    assert "," in row["next"]["due_label"].split(" at ")[0]  # "Thursday, December 3"
    assert datetime.fromisoformat(row["next"]["due"]).utcoffset().total_seconds() == -5 * 3600
