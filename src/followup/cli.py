"""Command line: `python -m followup INTERVIEW.toml [--ics FILE] [--json]`.

Prints the plan and every draft. A file of several interviews (`[[interview]]` tables in
TOML, as examples/board.toml, or a board file downloaded from the site, .json) prints the
board instead: every application, most urgent first (`--today` to count from another day).
Problems with the file or its contents are reported as plain messages on stderr with a
non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

from . import board
from .api import run
from .fields import INTERVIEWERS, PER_INTERVIEWER, TOP_LEVEL

EXIT_INVALID = 1  # the interview has problems (or the calendar could not be written)
EXIT_USAGE = 2  # bad arguments, unreadable file, bad TOML or an unknown key (argparse too)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m followup",
        description="Turn your interview notes (a TOML file) into a follow-up plan, "
                    "email drafts and a reminder calendar.",
    )
    parser.add_argument("interview",
                        help="TOML file with your notes, e.g. examples/interview.toml; or "
                             "several interviews: examples/board.toml, or a board file "
                             "(.json) from the site")
    parser.add_argument("--ics", metavar="FILE", help="also write the plan as a calendar file")
    parser.add_argument("--json", action="store_true",
                        help="print the result as JSON instead of text")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=dt.date.fromisoformat,
                        help="for a board: the day to count from (default: today)")
    return parser


def _plain(value: Any) -> Any:
    """TOML dates and times (written without quotes) as the strings the core expects."""
    if isinstance(value, dt.datetime):
        return value  # ambiguous (date and time in one): let validation say so
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def interview_from_toml(text: str) -> dict[str, Any]:
    """An interview file's TOML text as the core's input (raises TOMLDecodeError)."""
    return _plain(tomllib.loads(text))


def unknown_keys(data: dict[str, Any]) -> list[str]:
    """A line for each key the core does not know, with the nearest one it does:
    "decison_date: not a field; did you mean decision_date?". A misspelt key would
    otherwise be left out of the drafts without a word."""
    problems = []
    known = [field.key for field in TOP_LEVEL] + [INTERVIEWERS]
    for key in data:
        problems += _unknown(key, key, known)
    people = data.get(INTERVIEWERS)
    for index, person in enumerate(people if isinstance(people, list) else []):
        for key in person if isinstance(person, dict) else []:
            problems += _unknown(key, f"{INTERVIEWERS}[{index}].{key}",
                                 [field.key for field in PER_INTERVIEWER])
    return problems


def _unknown(key: str, path: str, known: list[str]) -> list[str]:
    if key in known:
        return []
    near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"; did you mean {near[0]}?" if near else f"; the fields are: {', '.join(known)}"
    return [f"{path}: not a field{hint}"]


class NotABoard(ValueError):
    """A .json file that is not a board file: what is wrong with it, a line each."""


def _load(path: str) -> dict[str, Any]:
    """The file's interview, or a board ({BOARD_KEY: [...]}) for a board file (.json)."""
    text = Path(path).read_text("utf-8")
    if Path(path).suffix.lower() != ".json":
        return interview_from_toml(text)
    read = board.read_file(text)
    if not read["ok"]:
        raise NotABoard("\n".join(read["problems"]))
    return {BOARD_KEY: [{"id": application["id"], **application["details"]}
                        for application in read["applications"]]}


def format_text(result: dict[str, Any]) -> str:
    """The plan and every draft as readable text."""
    lines = [f"Your follow-up plan (times in {result['timezone']})", ""]
    for number, step in enumerate(result["steps"], start=1):
        status = {"done": " (done)", "not needed": " (no longer needed: they replied)"}
        lines += [f"{number}. {step['title']}{status.get(step['status'], '')}",
                  f"   When: {step['due_label']}", f"   Rule: {step['rule']}"]
        if step["holidays"]:
            lines += [f"   {step['holidays']}"]
        lines += [""]
    if result["advice"] or result["alike"]:
        # What the page shows next to the fields: here, by the key to change in the file.
        lines += ["Worth a look before you send:"]
        lines += [f"  {item['field']}: {item['message']}" for item in result["advice"]]
        if result["alike"]:
            lines += [f"  interviewers: your thank-yous to {' and '.join(result['alike'])} "
                      "are the same apart from the greeting; give each a topic of their own"]
        lines += [""]
    # Each draft under its own title (templates.DRAFT_TITLES, as the page shows it); the
    # replies to their answer after a heading of their own.
    answers = [draft for draft in result["drafts"] if draft["outcome"]]
    for draft in result["drafts"]:
        if answers and draft is answers[0]:
            lines += ["#" * 72, "After their answer", "#" * 72, ""]
        lines += ["=" * 72, draft["title"], "=" * 72]
        if draft["how_to_send"]:
            lines += [draft["how_to_send"], ""]
        lines += [f"{label}: {value}" for label, value in draft["headers"]]
        lines += ["", draft["body"], ""]
    return "\n".join(lines)


BOARD_KEY = "interview"  # a TOML file of several interviews: [[interview]] tables
URGENCY_MARKS = {"overdue": "!! overdue", "today": "!  today", "upcoming": "   next",
                 "incomplete": "?  to finish", "settled": "   settled"}


def applications_from(data: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The interviews of a board TOML as the board's applications, or None for a file of
    one interview. Each may give its own `id`; otherwise its place names it."""
    interviews = data.get(BOARD_KEY)
    if not isinstance(interviews, list):
        return None
    applications = []
    for number, interview in enumerate(interviews, 1):
        details = dict(interview) if isinstance(interview, dict) else {}
        app_id = str(details.pop("id", f"interview-{number}"))
        applications.append({"id": app_id, "details": details})
    return applications


def format_board(rows: list[dict[str, Any]]) -> str:
    """The board as text: a block per application, most urgent first."""
    lines = [f"Your applications ({len(rows)}), most urgent first", ""]
    for row in rows:
        name = ", ".join(part for part in (row["company"] or "(no company yet)", row["role"])
                         if part)
        lines += [f"{URGENCY_MARKS[row['urgency']]}  {name} ({row['round_label']}): "
                  f"{row['status_label']}"]
        if row["next"]:
            lines += [f"      Next: {row['next']['title']}, {row['next']['due_label']}"]
        if row["problem"]:
            lines += [f"      {row['problem']}"]
        if row["answer_drafts"]:
            lines += [f"      Ready to send: {'; '.join(row['answer_drafts'])}"]
        lines += [""]
    return "\n".join(lines)


def _unknown_keys_said(args: argparse.Namespace, lines: list[str]) -> int:
    print(f"followup: {args.interview}: {len(lines)} unknown key"
          f"{'' if len(lines) == 1 else 's'}:", file=sys.stderr)
    for line in lines:
        print(f"  {line}", file=sys.stderr)
    return EXIT_USAGE


def _board_main(args: argparse.Namespace, applications: list[dict[str, Any]]) -> int:
    problems = [f"{BOARD_KEY}[{number}].{line}"
                for number, application in enumerate(applications)
                for line in unknown_keys(application["details"])]
    if problems:
        return _unknown_keys_said(args, problems)
    today = args.today or dt.date.today()
    rows = board.rows(applications, today)
    if args.ics:
        ics = board.board_calendar(applications)["result"]["ics"]
        try:
            Path(args.ics).write_bytes(ics.encode("utf-8"))
        except OSError as error:
            print(f"followup: cannot write {args.ics} ({error.strerror})", file=sys.stderr)
            return EXIT_INVALID
    if args.json:
        print(json.dumps({"ok": True, "result": {"rows": rows}}, ensure_ascii=False, indent=2))
    else:
        print(format_board(rows))
        if args.ics:
            print(f"Calendar written to {args.ics}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader closed the pipe early (`| head`): stop quietly, as Unix tools do.
        # Point stdout at devnull so the interpreter's final flush cannot fail too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_USAGE


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    try:
        data = _load(args.interview)
    except FileNotFoundError:
        print(f"followup: {args.interview}: no such file", file=sys.stderr)
        return EXIT_USAGE
    except IsADirectoryError:
        print(f"followup: {args.interview}: is a folder, not a TOML file", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"followup: {args.interview}: cannot read it ({error.strerror})", file=sys.stderr)
        return EXIT_USAGE
    except UnicodeDecodeError:
        print(f"followup: {args.interview}: is not UTF-8 text", file=sys.stderr)
        return EXIT_USAGE
    except tomllib.TOMLDecodeError as error:
        print(f"followup: {args.interview}: is not valid TOML: {error}", file=sys.stderr)
        return EXIT_USAGE
    except NotABoard as error:
        print(f"followup: {args.interview}: is not a board file:", file=sys.stderr)
        for line in str(error).splitlines():
            print(f"  {line}", file=sys.stderr)
        return EXIT_USAGE

    applications = applications_from(data)
    if applications is not None:
        return _board_main(args, applications)

    unknown = unknown_keys(data)
    if unknown:
        return _unknown_keys_said(args, unknown)

    outcome = run(data)
    if not outcome["ok"]:
        if args.json:
            print(json.dumps(outcome, ensure_ascii=False, indent=2))
        errors = outcome["errors"]
        print(f"followup: {args.interview}: {len(errors)} problem"
              f"{'' if len(errors) == 1 else 's'} to fix:", file=sys.stderr)
        for error in errors:
            where = f"{error['field']}: " if error["field"] else ""
            print(f"  {where}{error['message']}", file=sys.stderr)
        return EXIT_INVALID

    result = outcome["result"]
    if args.ics:
        try:
            Path(args.ics).write_bytes(result["ics"].encode("utf-8"))
        except OSError as error:
            print(f"followup: cannot write {args.ics} ({error.strerror})", file=sys.stderr)
            return EXIT_INVALID
    if args.json:
        print(json.dumps(outcome, ensure_ascii=False, indent=2))
    else:
        print(format_text(result))
        if args.ics:
            print(f"Calendar written to {args.ics}")
    return 0
