"""Command line: `python -m followup INTERVIEW.toml [--ics FILE] [--json]`.

Prints the plan and every draft. Problems with the file or its contents are reported as
plain messages on stderr with a non-zero exit status, never a traceback.
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
    parser.add_argument("interview", help="TOML file with your notes, e.g. examples/interview.toml")
    parser.add_argument("--ics", metavar="FILE", help="also write the plan as a calendar file")
    parser.add_argument("--json", action="store_true",
                        help="print the result as JSON instead of text")
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


def _load(path: str) -> dict[str, Any]:
    return interview_from_toml(Path(path).read_text("utf-8"))


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

    unknown = unknown_keys(data)
    if unknown:
        print(f"followup: {args.interview}: {len(unknown)} unknown key"
              f"{'' if len(unknown) == 1 else 's'}:", file=sys.stderr)
        for line in unknown:
            print(f"  {line}", file=sys.stderr)
        return EXIT_USAGE

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
