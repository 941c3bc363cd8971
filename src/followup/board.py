"""The board: every application the reader has entered, most urgent first, and the file
that moves them to another device.

An application is what the page saves for one interview (docs/javascripts/followup/
store.mjs): {"id", "details": the form as `api.run` takes it, "edits": the drafts the
reader changed, "updated": when it last changed}. Everything here is pure and returns
errors as data; nothing raises for JSON-shaped input.

The board file (`export`, `read_file`) is versioned: FILE_FORMAT names it, FILE_VERSION
is its shape, and a file of an older version is migrated when read (`_MIGRATIONS`).
What a file may hold is read from the field declarations (fields.py), never retyped.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from . import calendar, emails, fields, timeline
from .fields import INTERVIEWERS, MAX_INTERVIEWERS, PER_INTERVIEWER, TOP_LEVEL, Kind
from .interview import Interview, local_datetime, parse_interview
from .timeline import Status

FILE_FORMAT = "followup-board"
FILE_VERSION = 1
MAX_APPLICATIONS = 500
MAX_EDIT_CHARS = 20_000
MAX_PROBLEMS = 20  # listed one by one; the rest are counted
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
# Control characters other than tab and line breaks are never typed into a form.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A value may be longer than the form accepts (the form then says so next to the field,
# and the reader keeps every character), but not without bound: twice the field's limit.
_SLACK = 2
NEXT_ROUND_TITLE = "The next round"
NEXT_ROUND_DEFAULT_HOUR = 9  # a next round with a day but no time: due that morning


class Urgency(StrEnum):
    """How soon an application needs the reader, in the board's order."""

    OVERDUE = "overdue"  # its next step's day has gone by
    TODAY = "today"
    UPCOMING = "upcoming"
    INCOMPLETE = "incomplete"  # details that do not make a plan yet (a form half filled)
    SETTLED = "settled"  # nothing left to do: every step done, or the process over


_ORDER = tuple(Urgency)


# ---------------------------------------------------------------- the board's rows


def rows(applications: list[Any], today: date) -> list[dict[str, Any]]:
    """One row per application, most urgent first: overdue (oldest first), due today,
    upcoming (soonest first), to finish, then settled (latest changed first)."""
    made = [_row(application, today) for application in applications
            if isinstance(application, dict)]
    urgent = sorted((row for row in made if row["urgency"] not in _LATEST_FIRST),
                    key=lambda row: (_ORDER.index(row["urgency"]),
                                     datetime.fromisoformat(row["next"]["due"])))
    later = sorted((row for row in made if row["urgency"] in _LATEST_FIRST),
                   key=lambda row: row["updated"], reverse=True)
    later.sort(key=lambda row: _ORDER.index(row["urgency"]))  # stable: latest first within
    return urgent + later


_LATEST_FIRST = (Urgency.INCOMPLETE, Urgency.SETTLED)


def _text(details: dict, key: str) -> str:
    value = details.get(key)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _row(application: dict, today: date) -> dict[str, Any]:
    details = application.get("details")
    details = details if isinstance(details, dict) else {}
    status = details.get("status") if details.get("status") in fields.STATUSES else fields.WAITING
    round_ = details.get("round") if details.get("round") in fields.ROUNDS else "1"
    row: dict[str, Any] = {
        "id": str(application.get("id", "")),
        "company": _text(details, "company"),
        "role": _text(details, "role"),
        "round": round_,
        "round_label": fields.ROUNDS[round_],
        "status": status,
        "status_label": fields.STATUSES[status],
        "updated": str(application.get("updated") or ""),
        "next": None,
        "urgency": Urgency.INCOMPLETE,
        "problem": "",
        "answer_drafts": [],
    }
    try:
        parsed = parse_interview(details)
        if not isinstance(parsed, Interview):
            count = "One thing" if len(parsed) == 1 else f"{len(parsed)} things"
            row["problem"] = f"{count} to finish: {parsed[0].message}."
            return row
        row.update(_next(parsed, today))
        row["answer_drafts"] = [piece.draft.title for piece in emails.answer_drafts(parsed)]
    except Exception:  # a bug must not hide the other applications: say so on this one
        row["urgency"] = Urgency.INCOMPLETE
        row["problem"] = "Something went wrong with this one: open it to check its details."
    return row


def _next(interview: Interview, today: date) -> dict[str, Any]:
    """The next thing to do and how soon: the next round itself once it is arranged, else
    the plan's first step still to do."""
    language, zone = interview.language, interview.tz
    if interview.status == "next_round" and interview.next_round_on is not None:
        at = interview.next_round_at or time(NEXT_ROUND_DEFAULT_HOUR)
        due = local_datetime(interview.next_round_on, at, zone) or datetime.combine(
            interview.next_round_on, at, zone)
        title = NEXT_ROUND_TITLE
    else:
        pending = [step for step in timeline.plan(interview) if step.status == Status.TO_DO]
        if not pending:
            return {"urgency": Urgency.SETTLED}
        due, title = pending[0].due, pending[0].title
    day = due.astimezone(zone).date()
    urgency = (Urgency.OVERDUE if day < today else Urgency.TODAY if day == today
               else Urgency.UPCOMING)
    return {"urgency": urgency,
            "next": {"title": title, "due": due.isoformat(),
                     "due_label": timeline.due_label(due, language, zone)}}


def board(data: Any) -> dict[str, Any]:
    """{"applications": [...], "today": "YYYY-MM-DD"} -> {"ok", "result": {"rows"}}."""
    if not isinstance(data, dict) or not isinstance(data.get("applications"), list):
        return _error("The board needs a list of applications.")
    try:
        today = date.fromisoformat(str(data.get("today")))
    except ValueError:
        return _error("The board needs today's date, such as 2026-12-08.")
    return {"ok": True, "result": {"rows": rows(data["applications"], today)}}


def _error(message: str) -> dict[str, Any]:
    return {"ok": False, "errors": [{"field": "", "message": message}]}


# ---------------------------------------------------------------- the next round


def next_round(data: Any) -> dict[str, Any]:
    """{"details", "today"} -> {"previous", "next"}: the next round's details (what
    carries over, fields.Field.carried, and the next round number), and the previous
    round's, marked as answered with an invitation if it was still waiting."""
    details = data.get("details") if isinstance(data, dict) else None
    if not isinstance(details, dict):
        return _error("There is no application to start a next round from.")
    rounds = list(fields.ROUNDS)
    at = rounds.index(details["round"]) if details.get("round") in rounds else 0
    following = {f.key: details[f.key] for f in TOP_LEVEL if f.carried and f.key in details}
    following["round"] = rounds[min(at + 1, len(rounds) - 1)]
    previous = dict(details)
    if details.get("status") in (None, "", fields.WAITING, "replied"):
        previous["status"] = "next_round"
        previous["replied_on"] = details.get("replied_on") or str(data.get("today") or "")
    return {"ok": True, "result": {"previous": previous, "next": following}}


# ---------------------------------------------------------------- one calendar


def board_calendar(applications: Any, *, now: datetime | None = None) -> dict[str, Any]:
    """One .ics of every step still to do, in every application whose details are whole."""
    plans = []
    for application in applications if isinstance(applications, list) else []:
        details = application.get("details") if isinstance(application, dict) else None
        parsed = parse_interview(details) if isinstance(details, dict) else None
        if isinstance(parsed, Interview):
            steps = timeline.plan(parsed)
            plans.append((parsed, steps, emails.drafts_for(parsed, steps).drafts))
    ics = calendar.build_board_calendar(plans, now=now)
    return {"ok": True, "result": {"ics": ics.decode("utf-8"),
                                   "ics_filename": calendar.BOARD_FILENAME}}


# ---------------------------------------------------------------- the board file


def export(applications: list[dict], exported: str) -> dict[str, Any]:
    """The board file's content: every application, as the page keeps it."""
    return {"format": FILE_FORMAT, "version": FILE_VERSION, "exported": exported,
            "applications": [{key: application[key] for key in ("id", "details", "edits",
                                                                "updated")
                              if key in application}
                             for application in applications if isinstance(application, dict)]}


def export_board(data: Any) -> dict[str, Any]:
    """{"applications", "exported"} -> {"ok", "result": the file's content}, each
    application checked as an import would check it (so the file always reads back)."""
    if not isinstance(data, dict) or not isinstance(data.get("applications"), list):
        return _error("There is nothing to put in the file.")
    content = export(data["applications"], str(data.get("exported") or ""))
    checked = read_content(content)
    if not checked["ok"]:
        return {"ok": False, "errors": [{"field": "", "message": message}
                                        for message in checked["problems"]]}
    return {"ok": True, "result": content}


# Older file versions, each made into the next one's shape when read.
_MIGRATIONS: dict[int, Any] = {}


def read_file(text: str) -> dict[str, Any]:
    """A board file's text: {"ok": True, "applications"} or {"ok": False, "problems"}."""
    try:
        if _nesting(text) > MAX_NESTING:
            raise ValueError("nested too deeply")
        content = json.loads(text)
    except (ValueError, RecursionError):
        return _refused(["This file is not a board file: it is not JSON, or it is damaged "
                         "(cut short, perhaps). Download your board file again and import "
                         "that."])
    return read_content(content)


# A board file nests six deep; json.loads on thousands of levels exhausts the browser's
# stack (a fatal error in Pyodide, not a RecursionError), so deeper text is not parsed.
MAX_NESTING = 32
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def _nesting(text: str) -> int:
    """How deep the text's brackets go, outside its strings."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def read_file_reply(text: Any) -> dict[str, Any]:
    """read_file as api-style data: {"ok", "result": {"applications"}} or errors."""
    if not isinstance(text, str):
        return _error("There is no file to read.")
    read = read_file(text)
    if read["ok"]:
        return {"ok": True, "result": {"applications": read["applications"]}}
    return {"ok": False, "errors": [{"field": "", "message": problem}
                                    for problem in read["problems"]]}


def _refused(problems: list[str]) -> dict[str, Any]:
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS], f"And {len(problems) - MAX_PROBLEMS} more."]
    return {"ok": False, "problems": problems}


def read_content(content: Any) -> dict[str, Any]:
    """The file's parsed content, checked (and migrated from an older version)."""
    if not isinstance(content, dict) or content.get("format") != FILE_FORMAT:
        return _refused(["This file is not a board exported from this site: choose the "
                         "file that Download your board file saved."])
    version = content.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return _refused(["This board file does not say which version it is, so it cannot "
                         "be read safely."])
    if version > FILE_VERSION:
        return _refused(["This board file was made by a newer version of this site: reload "
                         "the page and try again."])
    while version < FILE_VERSION:
        content, version = _MIGRATIONS[version](content), version + 1
    applications = content.get("applications")
    if not isinstance(applications, list):
        return _refused(["This board file has no list of applications."])
    if len(applications) > MAX_APPLICATIONS:
        return _refused([f"This board file holds {len(applications)} applications; a board "
                         f"keeps at most {MAX_APPLICATIONS}."])
    problems: list[str] = []
    seen: set[str] = set()
    for number, application in enumerate(applications, 1):
        problems += _application_problems(number, application, seen)
    return _refused(problems) if problems else {"ok": True, "applications": applications}


def _application_problems(number: int, application: Any, seen: set[str]) -> list[str]:
    if not isinstance(application, dict):
        return [f"Application {number} is not an application (it should be an object with "
                "an id and its details)."]
    details = application.get("details")
    company = details.get("company") if isinstance(details, dict) else None
    name = f"Application {number}" + (f" ({' '.join(company.split())[:60]})"
                                      if isinstance(company, str) and company.strip() else "")
    problems = []
    app_id = application.get("id")
    if not isinstance(app_id, str) or not ID_PATTERN.fullmatch(app_id):
        problems.append(f"{name}: its id should be up to 64 letters, digits, - or _.")
    elif app_id in seen:
        problems.append(f"{name}: its id {app_id} is used by an earlier application too.")
    else:
        seen.add(app_id)
    if not isinstance(details, dict):
        problems.append(f"{name}: its details are missing.")
    else:
        problems += _values_problems(name, details, TOP_LEVEL, allow=(INTERVIEWERS,))
        people = details.get(INTERVIEWERS, [])
        if not isinstance(people, list) or len(people) > MAX_INTERVIEWERS:
            problems.append(f"{name}: its interviewers should be a list of at most "
                            f"{MAX_INTERVIEWERS}.")
        else:
            for row, person in enumerate(people, 1):
                who = f"{name}, interviewer {row}"
                if not isinstance(person, dict):
                    problems.append(f"{who}: should be an object of their details.")
                else:
                    problems += _values_problems(who, person, PER_INTERVIEWER)
    edits = application.get("edits", {})
    if not isinstance(edits, dict) or not all(
            isinstance(edit, dict) and all(isinstance(edit.get(key), str)
                                           and len(edit[key]) <= MAX_EDIT_CHARS
                                           for key in ("text", "from"))
            for edit in edits.values()):
        problems.append(f"{name}: its changed drafts are not in the right shape.")
    updated = application.get("updated")
    if updated is not None and not _is_datetime(updated):
        problems.append(f"{name}: its last change should be a date and time, such as "
                        "2026-12-08T09:30:00Z.")
    return problems


def _values_problems(name: str, values: dict, declared: tuple[fields.Field, ...],
                     allow: tuple[str, ...] = ()) -> list[str]:
    by_key = {field.key: field for field in declared}
    problems = []
    for key, value in values.items():
        field = by_key.get(key)
        if field is None:
            if key not in allow:
                problems.append(f"{name}: {_quoted(key)} is not a detail this site knows.")
            continue
        if field.kind is Kind.STEPS:
            if not isinstance(value, list) or not all(item in field.choices for item in value):
                problems.append(f"{name}: {field.label} should be a list of steps "
                                f"({', '.join(field.choices)}).")
        elif not isinstance(value, str):
            problems.append(f"{name}: {field.label} should be text{_example(field)}.")
        elif len(value) > file_limit(field):
            problems.append(f"{name}: {field.label} is far too long ({len(value)} "
                            "characters).")
        elif _CONTROL.search(value):
            problems.append(f"{name}: {field.label} holds characters that are never typed "
                            "(control characters).")
    return problems


def file_limit(field: fields.Field) -> int:
    """The most characters (or, for steps, items) a field's value may have in the file."""
    if field.kind is Kind.STEPS:
        return len(field.choices)
    return _SLACK * field.limit


EXAMPLES = {Kind.EMAIL: "priya@example.com", Kind.DATE: "2026-03-14", Kind.TIME: "14:30",
            Kind.ZONE: "Europe/London", Kind.PERSON: "1", Kind.COUNTRY: "GB",
            Kind.REGION: "ENG"}
# What each kind of value is, in words, for the page that documents the file.
_HOLDS = {
    Kind.TEXT: "Text on one line",
    Kind.LINES: "Text; line breaks allowed",
    Kind.EMAIL: "An email address",
    Kind.DATE: "A date, year-month-day",
    Kind.TIME: "A time on the 24-hour clock, hours:minutes",
    Kind.ZONE: "A time zone's name",
    Kind.CHOICE: "One of",
    Kind.PERSON: "An interviewer's number on your list, from 1",
    Kind.COUNTRY: "A country's two-letter code",
    Kind.REGION: "A region's code, from the country's list",
    Kind.STEPS: "A list of steps, each one of",
}


def _example(field: fields.Field) -> str:
    """" such as 2026-03-14" for the message about a value of the wrong type."""
    return f" such as {EXAMPLES[field.kind]}" if field.kind in (Kind.DATE, Kind.TIME) else ""


def file_fields() -> list[dict[str, Any]]:
    """What the file's details may hold, field by field, for the documentation:
    [{"key", "label", "holds", "example", "max"}], the interviewers' own fields as
    "interviewers[].name"."""
    described = []
    for field in (*TOP_LEVEL, *PER_INTERVIEWER):
        holds = _HOLDS[field.kind]
        if field.kind in (Kind.CHOICE, Kind.STEPS):
            holds = f"{holds} {', '.join(field.choices)}"
        if field.kind is Kind.CHOICE:
            example = field.default or next(iter(field.choices))
        elif field.kind is Kind.STEPS:
            example = json.dumps(list(field.choices)[:1])
        else:
            example = EXAMPLES.get(field.kind, "")
        described.append({"key": field.path, "label": field.label, "holds": holds,
                          "example": example, "max": file_limit(field)})
    return described


def _quoted(key: str) -> str:
    return json.dumps(key[:40], ensure_ascii=False)


def _is_datetime(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def file_schema() -> dict[str, Any]:
    """The board file as a JSON Schema (draft 2020-12), made from the declarations, for
    the page that documents the file."""
    def properties(declared: tuple[fields.Field, ...]) -> dict[str, Any]:
        found = {}
        for field in declared:
            if field.kind is Kind.STEPS:
                found[field.key] = {"type": "array", "items": {"enum": list(field.choices)},
                                    "description": field.label}
            else:
                found[field.key] = {"type": "string", "description": field.label}
                if field.choices:
                    found[field.key]["enum"] = list(field.choices)
        return found

    interviewer = {"type": "object", "additionalProperties": False,
                   "properties": properties(PER_INTERVIEWER)}
    details = {"type": "object", "additionalProperties": False,
               "properties": {**properties(TOP_LEVEL),
                              INTERVIEWERS: {"type": "array", "maxItems": MAX_INTERVIEWERS,
                                             "items": interviewer}}}
    edit = {"type": "object", "required": ["text", "from"],
            "properties": {"text": {"type": "string"}, "from": {"type": "string"}}}
    application = {"type": "object", "required": ["id", "details"],
                   "properties": {"id": {"type": "string", "pattern": ID_PATTERN.pattern},
                                  "details": details,
                                  "edits": {"type": "object", "additionalProperties": edit},
                                  "updated": {"type": "string", "format": "date-time"}}}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Interview follow-up board", "type": "object",
            "required": ["format", "version", "applications"],
            "properties": {"format": {"const": FILE_FORMAT}, "version": {"const": FILE_VERSION},
                           "exported": {"type": "string", "format": "date-time"},
                           "applications": {"type": "array", "maxItems": MAX_APPLICATIONS,
                                            "items": application}}}
