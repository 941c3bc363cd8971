"""The interview, as the reader describes it: parsed and validated from a plain dict.

`parse_interview` never raises for JSON-shaped input. It returns either an
`Interview` or a list of `FieldError`s naming every problem at once, each with the
input key it belongs to (``interviewers[1].email``) and a plain-English message.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

# --- Field metadata (the site's form mirrors these) -------------------------------------

DEFAULT_TIMEZONE = "Europe/London"
DEFAULT_DURATION = timedelta(hours=1)
# An end time earlier on the clock than the start is the next day's when the interview
# would then last this long at most (23:30 to 00:30); longer, it is a slip of the finger.
MAX_PAST_MIDNIGHT = timedelta(hours=6)

FORMAT_CHOICES: dict[str, str] = {
    "in_person": "In person",
    "video": "Video call",
    "phone": "Phone call",
}
ASSESSMENT_CHOICES: dict[str, str] = {
    "well": "It went well",
    "mixed": "It was mixed",
    "badly": "It went badly",
}
TONE_CHOICES: dict[str, str] = {
    "warm": "Warm",
    "formal": "Formal",
}
# Choice fields, their allowed values (with display labels) and their defaults.
CHOICES: dict[str, dict[str, str]] = {
    "format": FORMAT_CHOICES,
    "assessment": ASSESSMENT_CHOICES,
    "tone": TONE_CHOICES,
}
CHOICE_DEFAULTS: dict[str, str] = {"format": "in_person", "assessment": "well", "tone": "warm"}

MAX_INTERVIEWERS = 10
INTERVIEWER_FIELDS = ("name", "role", "email", "topic")

# Maximum length (in characters) of every text field. Interviewer fields are listed
# as "interviewers[].<field>". Short enough that an email stays an email, long enough
# for real notes.
FIELD_LIMITS: dict[str, int] = {
    "your_name": 100,
    "company": 100,
    "role": 100,
    "date": 10,
    "start_time": 8,
    "end_time": 8,
    "timezone": 64,
    "next_steps": 500,
    "decision_date": 10,
    "questions": 2000,
    "challenges": 2000,
    "fit": 2000,
    "clarify": 300,
    "signature": 500,
    "interviewers[].name": 100,
    "interviewers[].role": 100,
    "interviewers[].email": 254,
    "interviewers[].topic": 300,
}
REQUIRED_FIELDS = ("company", "date", "start_time")

# Fields that may hold several lines; every other text field is one line (a pasted
# newline there becomes a space).
MULTILINE_FIELDS = frozenset({"next_steps", "questions", "challenges", "fit", "signature"})
# Fields whose format is checked (a wrong value of any length gets a "not a date" message).
FORMAT_CHECKED_FIELDS = frozenset({"date", "start_time", "end_time", "timezone", "decision_date"})

# Dates outside this range are almost certainly typing mistakes, and keeping them in
# range keeps the working-day arithmetic far from datetime's limits.
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100

FIELD_LABELS: dict[str, str] = {
    "your_name": "Your name",
    "company": "Company",
    "role": "Role",
    "date": "Interview date",
    "start_time": "Start time",
    "end_time": "End time",
    "timezone": "Time zone",
    "format": "Format",
    "next_steps": "Next steps",
    "decision_date": "Decision date",
    "questions": "Ideas and questions",
    "challenges": "Challenges in the job",
    "fit": "Why you are up to them",
    "assessment": "How it went",
    "clarify": "Point to clarify",
    "tone": "Tone",
    "signature": "Signature",
    "interviewers[].name": "Interviewer's name",
    "interviewers[].role": "Interviewer's role",
    "interviewers[].email": "Interviewer's email",
    "interviewers[].topic": "Topic you discussed",
}


class FieldError(NamedTuple):
    """One problem with the input: the input key it belongs to, and what is wrong."""

    field: str
    message: str


@dataclass(frozen=True)
class Interviewer:
    """Someone who interviewed you. Only the name is needed for a personal thank-you."""

    name: str
    role: str = ""
    email: str = ""
    topic: str = ""


@dataclass(frozen=True)
class Interview:
    """A validated interview. Text fields are trimmed; empty means "not given"."""

    company: str
    start: datetime  # aware, in `timezone`
    end: datetime  # aware, in `timezone`, after start
    timezone: str
    your_name: str = ""
    role: str = ""
    format: str = "in_person"
    interviewers: tuple[Interviewer, ...] = ()
    next_steps: str = ""
    decision_date: date | None = None
    questions: str = ""
    challenges: str = ""
    fit: str = ""
    assessment: str = "well"
    clarify: str = ""
    tone: str = "warm"
    signature: str = ""

    @property
    def tz(self) -> ZoneInfo:
        """The interview's time zone."""
        return ZoneInfo(self.timezone)


# --- Text clean-up ----------------------------------------------------------------------

# Line breaks other than "\n" that would otherwise survive into the output: CRLF and CR
# from Windows/old Mac pastes, NEL, and the Unicode line and paragraph separators.
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_SPACES = re.compile(r"[ \t]+")


def _bad_character(text: str) -> str | None:
    """The first character we refuse (control or unpaired surrogate), if any."""
    for char in text:
        if char in "\n\t":
            continue
        if unicodedata.category(char) in ("Cc", "Cs"):
            return char
    return None


def _quote(value: str, limit: int = 40) -> str:
    """The reader's value, quoted and shortened for an error message."""
    value = " ".join(value.split())
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return f'"{value}"'


class _Reader:
    """Collects errors while pulling typed values out of a plain dict."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def text(self, source: dict, key: str, path: str, limit_key: str) -> str:
        """A trimmed, cleaned string ('' when missing); records an error if unusable."""
        label = FIELD_LABELS[limit_key]
        value = source.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.error(path, f"{label} must be text")
            return ""
        value = _LINE_BREAKS.sub("\n", value)
        bad = _bad_character(value)
        if bad is not None:
            self.error(path, f"{label} contains an invisible control character "
                             f"(U+{ord(bad):04X}); please retype it")
            return ""
        if limit_key in MULTILINE_FIELDS:
            lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
            # Keep paragraph breaks, but no more than one blank line in a row.
            value = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
        else:
            value = " ".join(value.split())
        limit = FIELD_LIMITS[limit_key]
        # Dates, times and zones get a clearer message from their format check.
        if len(value) > limit and limit_key not in FORMAT_CHECKED_FIELDS:
            self.error(path, f"{label} is too long: {len(value):,} characters, "
                             f"the limit is {limit:,}")
            return ""
        return value

    def choice(self, source: dict, key: str) -> str:
        """One of CHOICES[key] (the default when missing or empty)."""
        value = source.get(key)
        if value is None:
            return CHOICE_DEFAULTS[key]
        if not isinstance(value, str):
            self.error(key, f"{FIELD_LABELS[key]} must be text")
            return CHOICE_DEFAULTS[key]
        value = value.strip()
        if not value:
            return CHOICE_DEFAULTS[key]
        allowed = CHOICES[key]
        if value not in allowed:
            options = ", ".join(f'"{option}"' for option in allowed)
            self.error(key, f"{_quote(value)} is not a choice for {FIELD_LABELS[key].lower()}; "
                            f"use one of {options}")
            return CHOICE_DEFAULTS[key]
        return value


# --- Parsing dates, times, zones, emails --------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
# IANA keys: "Area/Location[/Sub]" made of letters, digits, "_", "-" and "+". No dots, so
# no "../" path tricks, and no leading "/".
_ZONE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}")
# Files in the zone database that are not zones (or depend on this machine).
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory", "posix", "right", "leapseconds",
                        "tzdata.zi", "zone.tab", "zone1970.tab", "iso3166.tab", "leap-seconds"})
# Pragmatic, not RFC 5322: something@domain.tld, no spaces, no quotes or angle brackets.
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]"
)


def parse_date(value: str) -> date | str:
    """A date from "YYYY-MM-DD", or the message saying what is wrong with it."""
    if not _DATE.fullmatch(value):
        return f"{_quote(value)} is not a date; use the form YYYY-MM-DD, e.g. 2026-12-01"
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return f"{_quote(value)} is not a real date"
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        return f"{_quote(value)} is out of range; use a year from {EARLIEST_YEAR} to {LATEST_YEAR}"
    return parsed


def parse_time(value: str) -> time | str:
    """A time from "HH:MM" (seconds allowed and ignored), or what is wrong with it."""
    match = _TIME.fullmatch(value)
    if not match:
        return f"{_quote(value)} is not a time; use the 24-hour form HH:MM, e.g. 14:30"
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59 or (match[3] is not None and int(match[3]) > 59):
        return f"{_quote(value)} is not a real time of day"
    return time(hour, minute)


def is_zone_key(key: str) -> bool:
    """True when key is shaped like an IANA zone name: no path tricks, not a data file."""
    return (bool(_ZONE_KEY.fullmatch(key))
            and key not in _NOT_ZONES and key.split("/")[0] not in _NOT_ZONES)


def load_zone(key: str) -> ZoneInfo | None:
    """The IANA time zone with this exact key, or None (never reads outside the database)."""
    if not is_zone_key(key):
        return None
    try:
        return ZoneInfo(key)
    except Exception:  # ZoneInfoNotFoundError, a directory, an unreadable file: all "unknown"
        return None


def zone_key_spelled_like(text: str) -> str | None:
    """The zone database's name for text typed in another case or with spaces
    ("europe/london", "America/New York"), or None."""
    wanted = "_".join(text.split()).casefold()
    return next((name for name in _zone_names() if name.casefold() == wanted), None)


@functools.cache
def _zone_names() -> tuple[str, ...]:
    """Every zone the tzdata package lists: read once, the first time a zone is mistyped
    (the page asks again at each pause while a reader types one)."""
    try:
        from importlib.resources import files  # not needed at start-up

        return tuple(files("tzdata").joinpath("zones").read_text("utf-8").split())
    except Exception:  # no tzdata package, or no list in it: nothing to match
        return ()


def is_email(value: str) -> bool:
    """True when value looks like a deliverable address (local@domain.tld).

    The domain may be internationalised (priya@例え.jp): its letters, marks and digits
    count as ASCII ones do. The part before the @ stays ASCII, as most mail systems want.
    """
    if len(value) > FIELD_LIMITS["interviewers[].email"]:
        return False
    local, at, domain = value.rpartition("@")
    return bool(_EMAIL.fullmatch(local + at + _ascii_shape(domain)))


def _ascii_shape(domain: str) -> str:
    """The domain with each non-ASCII letter, mark or digit as "a", anything else as "?"."""
    return "".join(char if char.isascii()
                   else "a" if unicodedata.category(char)[0] in "LMN" else "?"
                   for char in domain)


def _runs_past_midnight(start: time, end: time) -> bool:
    """An end earlier on the clock than the start, close enough to be the next morning."""
    today = datetime.combine(date.min, start)
    tomorrow = datetime.combine(date.min + timedelta(days=1), end)
    return end < start and tomorrow - today <= MAX_PAST_MIDNIGHT


def local_datetime(day: date, at: time, zone: ZoneInfo) -> datetime | None:
    """The aware local date-time, or None if the clocks skip that time (a DST gap)."""
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone)
    round_trip = aware.astimezone(UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != naive:
        return None
    return aware


# --- The entry point ----------------------------------------------------------------------


def parse_interview(data: Any) -> Interview | list[FieldError]:
    """Validate a plain dict (the API's input keys) into an Interview, or list every problem."""
    if not isinstance(data, dict):
        return [FieldError("", "expected an object with the interview's fields")]
    reader = _Reader()
    text = {
        key: reader.text(data, key, key, key)
        for key in ("your_name", "company", "role", "next_steps", "questions", "challenges",
                    "fit", "clarify", "signature", "date", "start_time", "end_time",
                    "timezone", "decision_date")
    }
    choices = {key: reader.choice(data, key) for key in CHOICES}

    for key in REQUIRED_FIELDS:
        if not text[key] and not any(error.field == key for error in reader.errors):
            reader.error(key, f"{FIELD_LABELS[key]} is required")

    zone_key = text["timezone"] or DEFAULT_TIMEZONE
    zone = load_zone(zone_key)
    if zone is None and (spelled := zone_key_spelled_like(zone_key)):
        zone_key, zone = spelled, load_zone(spelled)  # the same zone in another case
    if zone is None and not any(error.field == "timezone" for error in reader.errors):
        reader.error("timezone", f"{_quote(zone_key)} is not a time zone we know; "
                                 "use a name like Europe/London or America/New_York")

    day = _checked(reader, "date", text["date"], parse_date)
    start_at = _checked(reader, "start_time", text["start_time"], parse_time)
    end_at = _checked(reader, "end_time", text["end_time"], parse_time)
    decision = _checked(reader, "decision_date", text["decision_date"], parse_date)
    if isinstance(day, date) and isinstance(decision, date) and decision < day:
        reader.error("decision_date", "The decision date is before the interview date")

    start = end = None
    if isinstance(day, date) and isinstance(start_at, time) and zone is not None:
        start = local_datetime(day, start_at, zone)
        if start is None:
            reader.error("start_time", f"{start_at:%H:%M} does not exist on {day.isoformat()} "
                                       "in this time zone: the clocks change then")
    if start is not None and isinstance(end_at, time):
        end_day = day + timedelta(days=1) if _runs_past_midnight(start_at, end_at) else day
        end = local_datetime(end_day, end_at, zone)
        if end is None:
            reader.error("end_time", f"{end_at:%H:%M} does not exist on {end_day.isoformat()} "
                                     "in this time zone: the clocks change then")
        elif end <= start:
            reader.error("end_time", "The end time must be after the start time (an "
                                     "interview that ran past midnight can last up to "
                                     f"{MAX_PAST_MIDNIGHT.seconds // 3600} hours)")
    elif start is not None and not text["end_time"]:
        end = (start.astimezone(UTC) + DEFAULT_DURATION).astimezone(zone)

    interviewers = _interviewers(reader, data.get("interviewers"))

    if reader.errors:
        return reader.errors
    assert start is not None and end is not None
    return Interview(
        company=text["company"],
        start=start,
        end=end,
        timezone=zone_key,
        your_name=text["your_name"],
        role=text["role"],
        format=choices["format"],
        interviewers=interviewers,
        next_steps=text["next_steps"],
        decision_date=decision,
        questions=text["questions"],
        challenges=text["challenges"],
        fit=text["fit"],
        assessment=choices["assessment"],
        clarify=text["clarify"],
        tone=choices["tone"],
        signature=text["signature"],
    )


validate = parse_interview


def _checked(reader: _Reader, key: str, value: str, parse):
    """Parse an optional value; '' gives None, a problem is recorded against `key`."""
    if not value:
        return None
    parsed = parse(value)
    if isinstance(parsed, str):
        reader.error(key, parsed)
        return None
    return parsed


def _interviewers(reader: _Reader, value: Any) -> tuple[Interviewer, ...]:
    """The named interviewers; wholly empty rows (a blank form row) are ignored."""
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.error("interviewers", "Interviewers must be a list of people")
        return ()
    people: list[Interviewer] = []
    for index, row in enumerate(value):
        path = f"interviewers[{index}]"
        if row is None:
            continue
        if not isinstance(row, dict):
            reader.error(path, f"Interviewer {index + 1} must be an object with name, role, "
                               "email and topic")
            continue
        fields = {
            key: reader.text(row, key, f"{path}.{key}", f"interviewers[].{key}")
            for key in INTERVIEWER_FIELDS
        }
        if not any(fields.values()):
            continue
        if not fields["name"] and not any(e.field == f"{path}.name" for e in reader.errors):
            reader.error(f"{path}.name", "Add this interviewer's name, or remove this interviewer")
        if fields["email"] and not is_email(fields["email"]):
            reader.error(f"{path}.email", f"{_quote(fields['email'])} is not an email address")
        people.append(Interviewer(**fields))
    if len(people) > MAX_INTERVIEWERS:
        reader.error("interviewers", f"You listed {len(people)} interviewers; the limit is "
                                     f"{MAX_INTERVIEWERS}")
    return tuple(people)
