"""Shared test data and checks for the core tests (plain module: these tests also run in
Pyodide, where only tests/core is copied, so nothing here may depend on tests/conftest.py)."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FIXED_NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)

# A full interview, as the browser form would send it.
SAMPLE: dict = {
    "your_name": "Alex Morgan",
    "company": "Fernbrook Studios",
    "role": "Product Designer",
    "date": "2026-12-01",  # a Tuesday
    "start_time": "10:00",
    "end_time": "11:00",
    "timezone": "Europe/London",
    "format": "in_person",
    "interviewers": [
        {"name": "Dr Jane Whitfield", "role": "Design Director",
         "email": "jane.whitfield@fernbrook.example", "topic": "the redesign of the booking app"},
        {"name": "Omar Haddad", "role": "Lead Engineer", "email": "",
         "topic": "how designers and engineers share prototypes"},
    ],
    "next_steps": "They will invite two people back for a second round.",
    "decision_date": "",
    "questions": "How do you test new ideas with customers?",
    "challenges": "simplifying a booking flow that customers find confusing",
    "fit": "I cut the checkout steps in half at my last job and sales went up",
    "assessment": "well",
    "clarify": "",
    "tone": "warm",
    "signature": "Alex Morgan\n07700 900456",
}

MINIMAL: dict = {"company": "Fernbrook Studios", "date": "2026-12-01", "start_time": "10:00"}


def sample(**changes) -> dict:
    """A deep copy of SAMPLE with some keys changed."""
    data = copy.deepcopy(SAMPLE)
    data.update(changes)
    return data


def minimal(**changes) -> dict:
    data = copy.deepcopy(MINIMAL)
    data.update(changes)
    return data


def word_count(text: str) -> int:
    return len(re.findall(r"[\w'\u2019-]+", text))


# Every property name our calendar may contain, and every component.
ALLOWED_PROPERTIES = frozenset({
    "BEGIN", "END", "VERSION", "PRODID", "METHOD", "NAME", "X-WR-CALNAME", "UID", "TZID",
    "COMMENT", "DTSTART", "TZNAME", "TZOFFSETFROM", "TZOFFSETTO", "RDATE", "RRULE",
    "SUMMARY", "DTEND", "DTSTAMP", "DESCRIPTION", "ACTION", "TRIGGER", "X-LIC-LOCATION",
    "SEQUENCE", "STATUS",  # a step no longer needed is sent again, cancelled
})
ALLOWED_COMPONENTS = frozenset({"VCALENDAR", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VEVENT",
                                "VALARM"})


def unfolded_lines(ics: str) -> list[str]:
    """The content lines of an .ics text, with RFC 5545 folding undone."""
    lines: list[str] = []
    for line in ics.split("\r\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        else:
            lines.append(line)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def check_ics_shape(ics: str) -> None:
    """CRLF only, no line over 75 octets, and only the properties and components we write."""
    assert ics.endswith("\r\n")
    physical = ics.split("\r\n")[:-1]
    for line in physical:
        assert "\r" not in line and "\n" not in line, f"bare CR or LF in {line!r}"
        assert len(line.encode("utf-8")) <= 75, f"line over 75 octets: {line!r}"
    for line in unfolded_lines(ics):
        name = re.split(r"[;:]", line, maxsplit=1)[0]
        assert name in ALLOWED_PROPERTIES, f"unexpected property {name!r} in {line[:80]!r}"
        if name in ("BEGIN", "END"):
            assert line.split(":", 1)[1] in ALLOWED_COMPONENTS, line
