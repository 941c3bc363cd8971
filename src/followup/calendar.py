"""The plan as an RFC 5545 calendar (built with icalendar), plus "add to calendar" links.

icalendar and uuid are imported inside the functions that need them: they are slow to
import in the browser (icalendar by far), and the timeline, drafts and links do not need
them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

from .emails import Draft
from .interview import Interview
from .timeline import REMINDER_MINUTES_BEFORE, Status, Step, due_label

PRODID = "-//followup//Interview follow-up plan//EN"
# A step no longer needed (the employer replied) is sent again as cancelled, with a higher
# SEQUENCE, so that calendar apps update the event they already hold (RFC 5545 3.8.7.4).
SEQUENCE = {Status.TO_DO: 0, Status.DONE: 0, Status.NOT_NEEDED: 1}
# Stable UIDs: the same interview (company, date, start) and step always give the same UID,
# so importing an updated calendar replaces the events instead of duplicating them.
UID_NAMESPACE_URL = "https://followup.invalid/interview-plan"
# Add-event links carry a shortened description: browsers and the calendar services cap
# URL length (a few thousand characters), and the full drafts are in the .ics file.
LINK_DETAILS_MAX_CHARS = 1200
LINK_DETAILS_NOTE = "(Shortened: the full drafts are in the calendar file.)"
DRAFT_SEPARATOR = "\n\n" + "-" * 20 + "\n\n"

GOOGLE_URL = "https://calendar.google.com/calendar/render"
OUTLOOK_URL = "https://outlook.live.com/calendar/0/action/compose"


def calendar_name(interview: Interview) -> str:
    """The calendar's display name."""
    return f"Interview follow-up: {interview.company}"


def event_summary(step: Step, interview: Interview) -> str:
    """The event title for a step, e.g. "Send a first follow-up email (Acme)"."""
    return f"{step.title} ({interview.company})"


def event_uid(interview: Interview, step_id: str) -> str:
    """A UID that depends only on the interview's identity and the step."""
    key = "|".join((interview.company.casefold(), interview.start.date().isoformat(),
                    interview.start.strftime("%H:%M"), step_id))
    return f"{_uuid5(key)}@followup"


def _uuid5(name: str) -> str:
    """A name-based UUID in the plan's own namespace (the same name, the same UUID)."""
    import uuid

    return str(uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, UID_NAMESPACE_URL), name))


def event_description(step: Step, drafts: Sequence[Draft], interview: Interview) -> str:
    """What the event says: the rule, then each draft ready to copy (the step's own, and
    any that goes out the same day: the thanks to whoever arranged the interview)."""
    due = due_label(step.due, interview.language, interview.tz)
    parts = [f"{step.rule}.\nDue: {due}"]
    if step.status == Status.NOT_NEEDED:
        parts[0] = f"No longer needed: they replied.\n\n{parts[0]}"
    for draft in drafts:
        header = "\n".join(f"{label}: {value}" for label, value in draft.headers)
        parts.append(f"{header}\n\n{draft.body}")
    return DRAFT_SEPARATOR.join(parts)


def filename(interview: Interview) -> str:
    """ "follow-up-acme-ltd-2026-12-01.ics" (ASCII only, safe in any file system)."""
    # Accented letters lose their accents ("Société" -> "societe"); other scripts drop out.
    ascii_name = unicodedata.normalize("NFKD", interview.company).encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.decode().lower()).strip("-")[:40].strip("-")
    return f"follow-up-{slug or 'interview'}-{interview.start.date().isoformat()}.ics"


def build_calendar(interview: Interview, steps: Sequence[Step], drafts: Sequence[Draft],
                   now: datetime | None = None) -> bytes:
    """The whole VCALENDAR (CRLF line endings, folded at 75 octets) as UTF-8 bytes.

    `now` is the DTSTAMP (default: the current time); pass it for repeatable output.
    """
    return _calendar(calendar_name(interview), event_uid(interview, "calendar"),
                     [(interview, steps, drafts)], now)


Plan = tuple[Interview, Sequence[Step], Sequence[Draft]]
BOARD_CALENDAR_NAME = "Interview follow-ups"
BOARD_FILENAME = "interview-follow-ups.ics"


def build_board_calendar(plans: Sequence[Plan], now: datetime | None = None) -> bytes:
    """One VCALENDAR of the steps still to do in every application (the board's file).
    Each event keeps the UID its own application's file gives it, so importing either
    updates the same event."""
    pending = [(interview, [step for step in steps if step.status == Status.TO_DO], drafts)
               for interview, steps, drafts in plans]
    return _calendar(BOARD_CALENDAR_NAME, "board", [plan for plan in pending if plan[1]], now)


def _calendar(name: str, uid_name: str, plans: Sequence[Plan], now: datetime | None) -> bytes:
    from icalendar import Alarm, Calendar, Event

    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", name=name,
                            uid=_uuid5(uid_name))
    for interview, steps, drafts in plans:
        for step in steps:
            step_drafts = [draft for draft in drafts if draft.plan_step == step.id]
            # In the reader's zone: the reminders are theirs, whatever the interviewers' zone.
            event = Event.new(
                uid=event_uid(interview, step.id),
                stamp=stamp,
                start=step.due.astimezone(interview.tz),
                end=step.ends.astimezone(interview.tz),
                summary=event_summary(step, interview),
                description=event_description(step, step_drafts, interview),
                sequence=SEQUENCE[step.status],
            )
            if step.status == Status.NOT_NEEDED:
                event.status = "CANCELLED"
            else:
                event.add_component(Alarm.new_display(
                    description=event_summary(step, interview),
                    trigger=timedelta(minutes=-REMINDER_MINUTES_BEFORE),
                ))
            calendar.add_component(event)
    if plans:
        # VTIMEZONE for the plans' span only: the full history of a zone is long and unused.
        first = min(interview.start.date() for interview, _, _ in plans) - timedelta(days=1)
        last = max(step.ends for _, steps, _ in plans for step in steps).date() + timedelta(days=1)
        calendar.add_missing_timezones(first_date=first, last_date=max(last, first))
    return calendar.to_ical()


def _shorten(text: str) -> str:
    if len(text) <= LINK_DETAILS_MAX_CHARS:
        return text
    cut = text[: LINK_DETAILS_MAX_CHARS - len(LINK_DETAILS_NOTE) - 2].rstrip()
    return f"{cut}…\n{LINK_DETAILS_NOTE}"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def google_url(summary: str, details: str, start: datetime, end: datetime) -> str:
    """A Google Calendar "add event" link (times in UTC, so no time-zone guessing)."""
    dates = f"{_utc(start):%Y%m%dT%H%M%SZ}/{_utc(end):%Y%m%dT%H%M%SZ}"
    query = urlencode({"action": "TEMPLATE", "text": summary, "dates": dates,
                       "details": _shorten(details)}, safe="/", quote_via=quote)
    return f"{GOOGLE_URL}?{query}"


def outlook_url(summary: str, details: str, start: datetime, end: datetime) -> str:
    """An Outlook.com "add event" (compose) deeplink, times in UTC."""
    query = urlencode({"subject": summary, "body": _shorten(details),
                       "startdt": f"{_utc(start):%Y-%m-%dT%H:%M:%SZ}",
                       "enddt": f"{_utc(end):%Y-%m-%dT%H:%M:%SZ}"}, quote_via=quote)
    return f"{OUTLOOK_URL}?{query}"


def links(step: Step, interview: Interview, drafts: Sequence[Draft]) -> dict[str, str]:
    """{"google_url", "outlook_url"} for one step."""
    summary = event_summary(step, interview)
    details = event_description(step, [draft for draft in drafts
                                       if draft.plan_step == step.id], interview)
    return {"google_url": google_url(summary, details, step.due, step.ends),
            "outlook_url": outlook_url(summary, details, step.due, step.ends)}

