"""The interview, as the reader describes it: parsed and validated from a plain dict.

`parse_interview` never raises for JSON-shaped input. It returns either an
`Interview` or a list of `FieldError`s naming every problem at once, each with the
input key it belongs to (``interviewers[1].email``) and a plain-English message.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import field as dataclass_field
from dataclasses import make_dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from . import fields, public_holidays
from .fields import (
    EARLIEST_YEAR,
    INTERVIEWERS,
    LATEST_YEAR,
    MAX_INTERVIEWERS,
    PARSED_KINDS,
    PER_INTERVIEWER,
    TOP_LEVEL,
    Field,
    Kind,
)
from .public_holidays import Holidays

DEFAULT_DURATION = timedelta(hours=1)
# An end time earlier on the clock than the start is the next day's when the interview
# would then last this long at most (23:30 to 00:30); longer, it is a slip of the finger.
MAX_PAST_MIDNIGHT = timedelta(hours=6)


class FieldError(NamedTuple):
    """One problem with the input: the input key it belongs to, and what is wrong."""

    field: str
    message: str


# Kinds held parsed, not as text (None: not given).
_PARSED_TYPES = {Kind.DATE: "date", Kind.TIME: "time", Kind.PERSON: "int"}



def _attribute(field: Field) -> tuple[str, Any, Any]:
    """A dataclass attribute for a declared field: text is trimmed ("" means "not given");
    dates and times are parsed (None: not given); a choice defaults to its default; steps
    are a tuple of step ids."""
    if field.kind is Kind.STEPS:
        return field.key, "tuple[str, ...]", dataclass_field(default=())
    if field.kind in _PARSED_TYPES:
        return field.key, f"{_PARSED_TYPES[field.kind]} | None", dataclass_field(default=None)
    return field.key, str, dataclass_field(default=field.default)


class _InterviewBase:
    @property
    def tz(self) -> ZoneInfo:
        """The interview's time zone: the reader's."""
        return ZoneInfo(self.timezone)

    @property
    def their_tz(self) -> ZoneInfo:
        """The interviewers' time zone: their working hours time the emails and the call."""
        return ZoneInfo(self.their_timezone or self.timezone)


# One attribute per declared field (fields.py), so a new field needs no change here.
Interviewer = make_dataclass(
    "Interviewer",
    [*(_attribute(f) for f in PER_INTERVIEWER),
     ("row", int, dataclass_field(default=0))],  # their place in the input list, from 0
    frozen=True,
    namespace={"__doc__": "Someone who interviewed you (the per-interviewer fields)."},
)
Interview = make_dataclass(
    "Interview",
    [
        *(_attribute(f) for f in TOP_LEVEL),
        # Worked out from date, start time, end time and time zone: aware, start < end.
        ("start", datetime, dataclass_field(default=None)),
        ("end", datetime, dataclass_field(default=None)),
        (INTERVIEWERS, "tuple[Interviewer, ...]", dataclass_field(default=())),
        # The public holidays of the reader's place (country, else their zone's; region).
        ("holidays", Holidays, dataclass_field(default=public_holidays.NONE)),
    ],
    bases=(_InterviewBase,), frozen=True,
    namespace={"__doc__": "A validated interview: the top-level fields, start and end, "
                          "and the interviewers."},
)


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
    """Collects errors while pulling each declared field's value out of a plain dict."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def has_error(self, path: str) -> bool:
        return any(error.field == path for error in self.errors)

    def read(self, source: dict, field: Field, path: str) -> Any:
        """The field's value as the dataclasses hold it (see `_attribute`); records what
        is wrong with it, if anything, against `path`."""
        if field.kind is Kind.CHOICE:
            return self.choice(source, field, path)
        if field.kind is Kind.STEPS:
            return self.steps(source, field, path)
        value = self.text(source, field, path)
        if not value:
            if field.required and not self.has_error(path):
                self.error(path, f"{field.label} is required")
            return None if field.kind in _PARSED_TYPES else field.default
        parse = _PARSERS.get(field.kind)
        if parse is None:
            return value
        parsed = parse(value)
        if isinstance(parsed, Problem):
            self.error(path, parsed.message)
            return None if field.kind in _PARSED_TYPES else value
        return parsed

    def text(self, source: dict, field: Field, path: str) -> str:
        """A trimmed, cleaned string ('' when missing); records an error if unusable."""
        value = source.get(field.key)
        if value is None:
            return ""
        if field.kind is Kind.PERSON and type(value) is int:
            value = str(value)  # a number in a notes file; the form sends it as text
        if not isinstance(value, str):
            what = "an interviewer's number" if field.kind is Kind.PERSON else "text"
            self.error(path, f"{field.label} must be {what}")
            return ""
        value = _LINE_BREAKS.sub("\n", value)
        bad = _bad_character(value)
        if bad is not None:
            self.error(path, f"{field.label} contains an invisible control character "
                             f"(U+{ord(bad):04X}); please retype it")
            return ""
        if field.multiline:
            lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
            # Keep paragraph breaks, but no more than one blank line in a row.
            value = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
        else:
            value = " ".join(value.split())
        # Dates, times and zones get a clearer message from their format check.
        if len(value) > field.limit and field.kind not in PARSED_KINDS:
            self.error(path, f"{field.label} is too long: {len(value):,} characters, "
                             f"the limit is {field.limit:,}")
            return ""
        return value

    def steps(self, source: dict, field: Field, path: str) -> tuple[str, ...]:
        """Some of the field's choices (step ids), in the plan's order."""
        value = source.get(field.key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(path, f"{field.label} must be a list of steps")
            return ()
        unknown = [item for item in value if item not in field.choices]
        if unknown:
            options = ", ".join(f'"{option}"' for option in field.choices)
            self.error(path, f"{_quote(unknown[0])} is not a step; use {options}")
            return ()
        return tuple(step for step in field.choices if step in value)

    def choice(self, source: dict, field: Field, path: str) -> str:
        """One of the field's choices (its default when missing or empty)."""
        value = source.get(field.key)
        if value is None:
            return field.default
        if not isinstance(value, str):
            self.error(path, f"{field.label} must be text")
            return field.default
        value = value.strip()
        if not value:
            return field.default
        if value not in field.choices:
            options = ", ".join(f'"{option}"' for option in field.choices)
            self.error(path, f"{_quote(value)} is not a choice for {field.label.lower()}; "
                             f"use one of {options}")
            return field.default
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


class Problem(NamedTuple):
    """What is wrong with a typed value, in words for the reader."""

    message: str


def parse_date(value: str) -> date | Problem:
    """A date from "YYYY-MM-DD", or what is wrong with it."""
    if not _DATE.fullmatch(value):
        return Problem(f"{_quote(value)} is not a date; use the form YYYY-MM-DD, e.g. 2026-12-01")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return Problem(f"{_quote(value)} is not a real date")
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        return Problem(f"{_quote(value)} is out of range; use a year from {EARLIEST_YEAR} to "
                       f"{LATEST_YEAR}")
    return parsed


def parse_time(value: str) -> time | Problem:
    """A time from "HH:MM" (seconds allowed and ignored), or what is wrong with it."""
    match = _TIME.fullmatch(value)
    if not match:
        return Problem(f"{_quote(value)} is not a time; use the 24-hour form HH:MM, e.g. 14:30")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59 or (match[3] is not None and int(match[3]) > 59):
        return Problem(f"{_quote(value)} is not a real time of day")
    return time(hour, minute)


def parse_zone(value: str) -> str | Problem:
    """The zone database's name for a time zone (typed in any case), or what is wrong."""
    if load_zone(value) is not None:
        return value
    spelled = zone_key_spelled_like(value)  # the same zone in another case
    if spelled and load_zone(spelled) is not None:
        return spelled
    return Problem(f"{_quote(value)} is not a time zone we know; use a name like "
                   "Europe/London or America/New_York")


def parse_person(value: str) -> int | Problem:
    """An interviewer's number ("2": the second), or what is wrong with it."""
    if value.isdecimal() and value.isascii() and 1 <= int(value) <= MAX_INTERVIEWERS:
        return int(value)
    return Problem(f"{_quote(value)} is not one of your interviewers; choose one from the list")


def parse_country(value: str) -> str | Problem:
    """A country's two-letter code (any case), or what is wrong with it. Whether its
    holidays are known is checked with the place as a whole (`_place`)."""
    code = value.upper()
    if public_holidays.is_country_code(code):
        return code
    return Problem(f"{_quote(value)} is not a country code; choose a country from the list")


def parse_region(value: str) -> str | Problem:
    """A region's code as its country's table spells it ("ENG", "NY", "BY"), shape only."""
    if re.fullmatch(r"[A-Za-z0-9-]{1,10}", value):
        return value.upper()
    return Problem(f"{_quote(value)} is not a region; choose one from the list")


def parse_email(value: str) -> str | Problem:
    """The address, or what is wrong with it."""
    return value if is_email(value) else Problem(f"{_quote(value)} is not an email address")


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
    if len(value) > fields.by_path(f"{INTERVIEWERS}[].email").limit:
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


_PARSERS = {Kind.DATE: parse_date, Kind.TIME: parse_time, Kind.ZONE: parse_zone,
            Kind.EMAIL: parse_email, Kind.PERSON: parse_person, Kind.COUNTRY: parse_country,
            Kind.REGION: parse_region}


# --- The entry point ----------------------------------------------------------------------


def parse_interview(data: Any) -> Interview | list[FieldError]:
    """Validate a plain dict (the API's input keys) into an Interview, or list every problem."""
    if not isinstance(data, dict):
        return [FieldError("", "expected an object with the interview's fields")]
    reader = _Reader()
    values = {field.key: reader.read(data, field, field.path) for field in TOP_LEVEL}

    day, decision = values["date"], values["decision_date"]
    if day is not None and decision is not None and decision < day:
        reader.error("decision_date", "The decision date is before the interview date")
    if day is not None and values["replied_on"] is not None and values["replied_on"] < day:
        reader.error("replied_on", "They cannot have replied before the interview date")
    _answer_days(reader, values)
    holidays = _place(reader, values)
    start, end = _start_and_end(reader, values)
    people = _interviewers(reader, data.get(INTERVIEWERS))
    for field in TOP_LEVEL:
        number = values[field.key] if field.kind is Kind.PERSON else None
        if number is not None and number > max(len(people), 1):
            reader.error(field.key, f"There is no interviewer {number} on your list; choose "
                                    "one of them")

    if reader.errors:
        return reader.errors
    return Interview(**values, start=start, end=end, interviewers=people, holidays=holidays)


# The days of an answer, and what each may not come before: the interview date.
_ANSWER_DAYS = {
    "next_round_on": "The next round cannot be before this interview",
    "decide_by": "The day you will answer by cannot be before the interview date",
    "other_offer_by": "Your other offer's deadline cannot be before the interview date",
}


def _answer_days(reader: _Reader, values: dict[str, Any]) -> None:
    """The answer's days come after the interview; a time for the next round needs its
    day (the time alone says nothing the reply could confirm)."""
    day = values["date"]
    for key, message in _ANSWER_DAYS.items():
        if day is not None and values[key] is not None and values[key] < day:
            reader.error(key, message)
    if (values["next_round_at"] is not None and values["next_round_on"] is None
            and not reader.has_error("next_round_on")):
        reader.error("next_round_on", "Add the day of the next round")


def _place(reader: _Reader, values: dict[str, Any]) -> Holidays:
    """The public holidays of the reader's place: the country chosen, else the one their
    time zone is in; the region chosen, if any. Nothing known (a zone such as "UTC", or no
    holidays for a year) means weekends only."""
    country = values["country"] or public_holidays.country_of_zone(values["timezone"] or "")
    if not country or values["date"] is None or reader.has_error("country"):
        return public_holidays.NONE
    year = values["date"].year
    table = public_holidays.table(country, year, year + 1)
    if table is None:
        # Where the library runs (the command line), it knows every country it has; in the
        # browser a missing table is one that could not be fetched (offline): the plan
        # then skips weekends only, and the advice next to Country says so.
        if values["country"] and public_holidays.knows_every_country():
            reader.error("country", f"Public holidays for {_quote(country)} are not known here; "
                                    "choose another country or none")
        return public_holidays.NONE
    region = "" if reader.has_error("region") else values["region"]
    if region and region not in table["regions"]:
        reader.error("region", f"{_quote(region)} is not a region of {table['name']}; choose "
                               "one from the list")
        return public_holidays.NONE
    return public_holidays.holidays_in(table, region)


validate = parse_interview


def _start_and_end(reader: _Reader, values: dict[str, Any]) -> tuple[datetime | None, ...]:
    """The interview's aware start and end, or None where a problem was recorded."""
    day, start_at, end_at = values["date"], values["start_time"], values["end_time"]
    zone = load_zone(values["timezone"]) if not reader.has_error("timezone") else None
    if day is None or start_at is None or zone is None:
        return None, None
    start = local_datetime(day, start_at, zone)
    if start is None:
        reader.error("start_time", f"{start_at:%H:%M} does not exist on {day.isoformat()} "
                                   "in this time zone: the clocks change then")
        return None, None
    if end_at is None:
        if reader.has_error("end_time"):
            return start, None
        return start, (start.astimezone(UTC) + DEFAULT_DURATION).astimezone(zone)
    end_day = day + timedelta(days=1) if _runs_past_midnight(start_at, end_at) else day
    end = local_datetime(end_day, end_at, zone)
    if end is None:
        reader.error("end_time", f"{end_at:%H:%M} does not exist on {end_day.isoformat()} "
                                 "in this time zone: the clocks change then")
    elif end <= start:
        reader.error("end_time", "The end time must be after the start time (an "
                                 "interview that ran past midnight can last up to "
                                 f"{MAX_PAST_MIDNIGHT.seconds // 3600} hours)")
    return start, end


def _interviewers(reader: _Reader, value: Any) -> tuple[Interviewer, ...]:
    """The named interviewers; wholly empty rows (a blank form row) are ignored."""
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.error(INTERVIEWERS, "Interviewers must be a list of people")
        return ()
    people: list[Interviewer] = []
    for index, row in enumerate(value):
        path = f"{INTERVIEWERS}[{index}]"
        if row is None:
            continue
        if not isinstance(row, dict):
            reader.error(path, f"Interviewer {index + 1} must be an object with their "
                               'details, such as "name" and "email"')
            continue
        found = {field.key: reader.read(row, field, f"{path}.{field.key}")
                 for field in PER_INTERVIEWER}
        if not any(found.values()):
            continue
        if not found["name"] and not reader.has_error(f"{path}.name"):
            reader.error(f"{path}.name", "Add this interviewer's name, or remove this interviewer")
        people.append(Interviewer(**found, row=index))
    if len(people) > MAX_INTERVIEWERS:
        reader.error(INTERVIEWERS, f"You listed {len(people)} interviewers; the limit is "
                                   f"{MAX_INTERVIEWERS}")
    return tuple(people)
