"""One JSON-in, JSON-out entry point, for the browser worker and the site's macros."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from . import calendar, emails, public_holidays, timeline
from .fields import INTERVIEWERS
from .interview import Interview, parse_interview
from .timeline import Status

# Shown if a bug slips through: run() must never raise into the page.
INTERNAL_ERROR = ("Something went wrong while writing your plan. Nothing was sent anywhere; "
                  "please check your notes and try again.")


def run(data: Any, *, now: datetime | None = None, calendar_file: bool = True) -> dict[str, Any]:
    """Validate `data` (the interview as a plain dict) and build the whole plan.

    Returns {"ok": True, "result": {...}} or {"ok": False, "errors": [{"field", "message"}]}.
    Never raises for JSON-shaped input. `now` fixes the calendar's DTSTAMP (tests, examples).
    With `calendar_file=False` the result has no "ics"/"ics_filename" and icalendar, the
    slowest import in the browser, is not imported: the drafts can show without it.
    """
    try:
        parsed = parse_interview(data)
        if not isinstance(parsed, Interview):
            return {"ok": False,
                    "errors": [{"field": e.field, "message": e.message} for e in parsed]}
        return {"ok": True,
                "result": build_result(parsed, now=now, calendar_file=calendar_file)}
    except Exception:  # a bug, not bad input: say so plainly rather than crash the worker
        return {"ok": False, "errors": [{"field": "", "message": INTERNAL_ERROR}]}


def build_result(
    interview: Interview, *, now: datetime | None = None, calendar_file: bool = True
) -> dict[str, Any]:
    """The success payload for a valid interview (may raise on a bug; run() guards it)."""
    steps = timeline.plan(interview)
    written = emails.drafts_for(interview, steps)
    drafts = written.drafts
    language = interview.language
    result = {
        "timezone": interview.timezone,
        "their_timezone": interview.their_tz.key,
        "steps": [
            {
                "id": step.id,
                "title": step.title,
                "rule": step.rule,
                "due": step.due.isoformat(),
                "due_label": timeline.due_label(step.due, language, interview.tz),
                "holidays": timeline.holidays_note(step, language),
                "status": step.status,
                **calendar.links(step, interview, drafts),
            }
            for step in steps
        ],
        "place": _place(interview),
        "drafts": [draft.as_dict() for draft in drafts],
        "alike": emails.alike_thank_yous(drafts),
        # Worth changing, not mistakes: shown next to their fields (a note that makes a
        # draft too long, a name not given).
        "advice": [{"field": item.field, "message": item.message}
                   for item in [*written.advice, *_holiday_advice(interview, steps)]],
        # What the form shows in an empty field: how each greeting names its person, in
        # their "How to address them" (so the reader sees what the drafts will say).
        "placeholders": [{"field": f"{INTERVIEWERS}[{person.row}].address_as",
                          "text": emails.greeting_for(person, interview)}
                         for person in interview.interviewers],
    }
    if calendar_file:
        ics = calendar.build_calendar(interview, steps, drafts, now=now)
        result["ics"] = ics.decode("utf-8")
        result["ics_filename"] = calendar.filename(interview)
    return result


def _place(interview: Interview) -> dict[str, Any]:
    """Whose public holidays the plan skips, for the form: the country (chosen, or the
    time zone's), its regions to choose from, and what the plan used."""
    country = interview.country or public_holidays.country_of_zone(interview.timezone)
    year = interview.start.year
    table = public_holidays.table(country, year, year + 1) if country else None
    return {
        "country": country,
        "country_name": table["name"] if table else "",
        "from_zone": not interview.country,
        "regions": [{"code": code, "name": name}
                    for code, name in (public_holidays.regions(table) if table else {}).items()],
        "used": interview.holidays.place,
    }


def _holiday_advice(interview: Interview, steps: tuple[timeline.Step, ...]) -> list:
    """A word next to Country when the plan could not check its public holidays."""
    holidays = interview.holidays
    unknown = [step for step in steps
               if step.status != Status.NOT_NEEDED and not holidays.knows(step.due.date())]
    if not unknown:
        return []
    if not holidays.place and interview.country:
        message = ("The public holidays of the country you chose could not be loaded just "
                   "now, so your plan skips weekends only: check its dates against your "
                   "calendar, or come back online and change any detail to try again.")
    elif not holidays.place:
        message = ("Your plan skips weekends but not public holidays: choose your country "
                   "for its holidays to be skipped too.")
    else:
        years = sorted({step.due.year for step in unknown})
        message = (f"Public holidays in {holidays.place} are not known here for "
                   f"{' or '.join(map(str, years))}: check the dates against your calendar.")
    return [emails.Advice("country", message)]
