"""When each follow-up step is due. Every rule is a named constant, defined once here.

Emails and the call are timed in the interviewers' working hours (their time zone, which
is the reader's unless they say otherwise), on local wall-clock times (zoneinfo), so a
"09:00" stays at 09:00 across a daylight-saving change. Working days skip weekends and
the public holidays of the reader's place (public_holidays.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from . import english
from .fields import CLOSING, STEPS, WAITING
from .interview import Interview, local_datetime
from .public_holidays import NONE, Holidays

# --- The rules (the guide quotes these numbers; change them here only) -------------------

THANK_YOU_WITHIN_HOURS = 24  # send the thank-you within a day of the interview
FOLLOW_UP_AFTER_WORKING_DAYS = 5  # first follow-up when they gave no decision date
AFTER_DECISION_DATE_WORKING_DAYS = 2  # first follow-up after a decision date passes
WAIT_AFTER_THANK_YOU_WORKING_DAYS = 3  # "give them a few days": never chase a fresh thank-you
SECOND_FOLLOW_UP_AFTER_WORKING_DAYS = 5  # about a week after the first follow-up
CALL_AFTER_WORKING_DAYS = 3  # a polite call when the second email gets no reply
SEND_WINDOW_START_HOUR = 8  # emails sent before 08:00 look like night work
SEND_WINDOW_END_HOUR = 18  # ... and after 18:00 they wait in the inbox overnight anyway
MORNING_SEND_HOUR = 9  # a next-working-day morning is near the top of the inbox
CALL_HOUR = 10  # late enough that people have settled in, early enough to call back today
THANK_YOU_WRITING_HOURS = 1  # time to write a considered note after the interview ends
REMINDER_MINUTES_BEFORE = 30  # calendar alarm before each step
STEP_DURATION_MINUTES = 30  # each step's calendar slot: time to send an email or make a call

WEEKEND = (5, 6)  # date.weekday(): Saturday, Sunday

STEP_IDS = tuple(STEPS)

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve")


def count(number: int, noun: str) -> str:
    """ "two working days", "one hour", "24 hours": small numbers in words, as prose does."""
    word = _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)
    return f"{word} {noun}" if number == 1 else f"{word} {noun}s"


def clock(hour: int) -> str:
    """An hour of the day on the 24-hour clock: 9 -> "09:00"."""
    return f"{hour:02d}:00"


def working_days(number: int) -> str:
    """ "one working day", "five working days"."""
    return count(number, "working day")


def duration(minutes: int) -> str:
    """A lead time in its largest whole unit: 30 -> "30 minutes", 60 -> "one hour"."""
    for unit_minutes, unit in ((1440, "day"), (60, "hour")):
        if minutes and minutes % unit_minutes == 0:
            return count(minutes // unit_minutes, unit)
    return count(minutes, "minute")


STEP_TITLES: dict[str, str] = {
    "thank-you": "Send a thank-you email to each interviewer",
    "follow-up-1": "Send a first follow-up email",
    "follow-up-2": "Send a second, short follow-up email",
    "call": "Make a polite phone call",
}


def send_window_text() -> str:
    """The send window in words, e.g. "between 08:00 and 18:00, Monday to Friday"."""
    return (f"between {clock(SEND_WINDOW_START_HOUR)} and {clock(SEND_WINDOW_END_HOUR)}, "
            "Monday to Friday")


def rule_text(step: str, decision_date_given: bool | None = None) -> str:
    """The human rule for a step. For follow-up-1, None describes both cases."""
    if step == "thank-you":
        return (f"Within {THANK_YOU_WITHIN_HOURS} hours of the interview: "
                f"{count(THANK_YOU_WRITING_HOURS, 'hour')} after it ends, if that is "
                f"{send_window_text()}; if not, first thing ({clock(MORNING_SEND_HOUR)}) "
                "that day or on the next working day")
    if step == "follow-up-1":
        after_decision = (f"{working_days(AFTER_DECISION_DATE_WORKING_DAYS)} after "
                          "the decision date they gave you, and at least "
                          f"{working_days(WAIT_AFTER_THANK_YOU_WORKING_DAYS)} after your "
                          "thank-you")
        no_decision = (f"{working_days(FOLLOW_UP_AFTER_WORKING_DAYS)} after the "
                       "interview")
        if decision_date_given is True:
            return f"No reply yet: {after_decision}"
        if decision_date_given is False:
            return f"No reply yet and no decision date given: {no_decision}"
        return (f"No reply yet: {after_decision}, or, if they gave no date, "
                f"{no_decision}")
    if step == "follow-up-2":
        return (f"Still no reply: {working_days(SECOND_FOLLOW_UP_AFTER_WORKING_DAYS)} "
                "after the first follow-up")
    if step == "call":
        return (f"Still nothing: {working_days(CALL_AFTER_WORKING_DAYS)} after the "
                "second follow-up, to show continued interest, not to demand an answer")
    raise ValueError(f"unknown step {step!r}")


def describe_rules() -> list[dict[str, str]]:
    """The timing rules for the guide: [{"step", "title", "rule"}] in order."""
    return [{"step": step, "title": STEP_TITLES[step], "rule": rule_text(step)}
            for step in STEP_IDS]


# --- Working days and send times ---------------------------------------------------------


def is_working_day(day: date, holidays: Holidays = NONE) -> bool:
    """Monday to Friday, and not a public holiday of the reader's place."""
    return day.weekday() not in WEEKEND and holidays.name_on(day) is None


def add_working_days(day: date, days: int, holidays: Holidays = NONE) -> date:
    """The date `days` working days after `day` (`day` itself not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    while days:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            days -= 1
    return day


def next_working_day(day: date, holidays: Holidays = NONE) -> date:
    """The first working day after `day`."""
    return add_working_days(day, 1, holidays)


def at_local(day: date, hour: int, zone: ZoneInfo) -> datetime:
    """`hour`:00 local time on `day`; if the clocks skip that hour, the first time after."""
    exact = local_datetime(day, time(hour), zone)
    if exact is not None:
        return exact
    # In a DST gap: zoneinfo reads the wall time with the old offset; converting through
    # UTC lands on the first real instant after the gap.
    return datetime.combine(day, time(hour), zone).astimezone(UTC).astimezone(zone)


def thank_you_time(interview_end: datetime, zone: ZoneInfo | None = None,
                   holidays: Holidays = NONE) -> datetime:
    """When to send the thank-you: soon after the interview, but never at night, at the
    weekend or on a public holiday, in `zone` (the interviewers'; default: the end's).

    The rule: THANK_YOU_WRITING_HOURS after the interview ends, if that is still inside
    the send window of a working day. Before the window opens (a very early interview),
    MORNING_SEND_HOUR that day. Otherwise (ending within THANK_YOU_WRITING_HOURS of the
    window closing, later, or at the weekend) MORNING_SEND_HOUR on the next working day.
    That is within THANK_YOU_WITHIN_HOURS on Monday to Thursday; after a Friday-evening
    interview the weekend rule wins and the note goes on Monday morning, which the
    recipient reads as promptly as a Saturday email and with more attention.
    """
    zone = zone or interview_end.tzinfo
    assert isinstance(zone, ZoneInfo)
    ready = (interview_end.astimezone(UTC)
             + timedelta(hours=THANK_YOU_WRITING_HOURS)).astimezone(zone)
    window_opens = at_local(ready.date(), SEND_WINDOW_START_HOUR, zone)
    window_closes = at_local(ready.date(), SEND_WINDOW_END_HOUR, zone)
    if is_working_day(ready.date(), holidays):
        if window_opens <= ready < window_closes:
            return ready
        if ready < window_opens:
            return at_local(ready.date(), MORNING_SEND_HOUR, zone)
    return at_local(next_working_day(ready.date(), holidays), MORNING_SEND_HOUR, zone)


class Status:
    """Where a step stands, as the reader has told the page."""

    TO_DO = "to do"
    DONE = "done"  # the reader has done it
    NOT_NEEDED = "not needed"  # due after the employer answered


@dataclass(frozen=True)
class Step:
    """One step of the plan: what to do and when (aware, in the interviewers' zone)."""

    id: str
    title: str
    rule: str
    due: datetime
    # Weekday public holidays the step was moved past, since the step before it.
    skipped: tuple[tuple[date, str], ...] = ()
    status: str = Status.TO_DO

    @property
    def ends(self) -> datetime:
        """The end of the step's calendar slot."""
        return self.due + timedelta(minutes=STEP_DURATION_MINUTES)


def plan(interview: Interview) -> tuple[Step, ...]:
    """The four steps for this interview, in order."""
    zone, holidays = interview.their_tz, interview.holidays
    thank_you = thank_you_time(interview.end, zone, holidays)
    if interview.decision_date is not None:
        first_day = add_working_days(interview.decision_date, AFTER_DECISION_DATE_WORKING_DAYS,
                                     holidays)
    else:
        first_day = add_working_days(interview.start.date(), FOLLOW_UP_AFTER_WORKING_DAYS,
                                     holidays)
    # A decision date on or just after the interview must not have you chasing the day
    # after your thank-you (without one, five working days always leave room).
    first_day = max(first_day, add_working_days(thank_you.date(),
                                                WAIT_AFTER_THANK_YOU_WORKING_DAYS, holidays))
    first = at_local(first_day, MORNING_SEND_HOUR, zone)
    second = at_local(add_working_days(first_day, SECOND_FOLLOW_UP_AFTER_WORKING_DAYS,
                                       holidays), MORNING_SEND_HOUR, zone)
    call_day = add_working_days(second.date(), CALL_AFTER_WORKING_DAYS, holidays)
    call = at_local(call_day, CALL_HOUR, zone)
    given = interview.decision_date is not None
    dues = {"thank-you": thank_you, "follow-up-1": first, "follow-up-2": second, "call": call}
    steps, since = [], interview.start.astimezone(zone).date()
    for step in STEP_IDS:
        due = dues[step]
        skipped = tuple((day, name) for day, name in sorted(holidays.days.items())
                        if since < day < due.date() and day.weekday() not in WEEKEND)
        steps.append(Step(id=step, title=STEP_TITLES[step], rule=rule_text(step, given),
                          due=due, skipped=skipped, status=_status(step, due, interview)))
        since = due.date()
    return tuple(steps)


def _status(step: str, due: datetime, interview: Interview) -> str:
    if step in interview.done:
        return Status.DONE
    if interview.status in CLOSING:
        return Status.NOT_NEEDED
    if interview.replied_on is not None and due.date() > interview.replied_on:
        return Status.NOT_NEEDED
    if interview.replied_on is None and interview.status != WAITING:
        return Status.NOT_NEEDED  # an answer, on a day not given: nothing left to chase
    return Status.TO_DO


def holidays_note(step: Step, language: str = english.UK) -> str:
    """ "Public holiday skipped: Christmas Day, Friday 25 December." or ""."""
    if not step.skipped:
        return ""
    days = [f"{name}, {english.short_date_label(day, language)}" for day, name in step.skipped]
    what = "Public holiday" if len(days) == 1 else "Public holidays"
    return f"{what} skipped: {'; '.join(days)}."


# --- Labels -------------------------------------------------------------------------------

date_label = english.date_label
short_date_label = english.short_date_label
day_name = english.day_name


def due_label(moment: datetime, language: str = english.UK, yours: ZoneInfo | None = None
              ) -> str:
    """ "Tuesday 1 December 2026 at 17:00"; when the interviewers are in another zone than
    yours, where, and when that is for you: "... at 09:00 in New York (14:00 for you)"."""
    label = f"{date_label(moment.date(), language)} at {english.time_label(moment, language)}"
    zone = moment.tzinfo
    if yours is None or not isinstance(zone, ZoneInfo) or zone.key == yours.key:
        return label
    mine = moment.astimezone(yours)
    for_you = english.time_label(mine, language)
    if mine.date() != moment.date():
        for_you = f"{for_you} on {short_date_label(mine.date(), language)}"
    return f"{label} in {place_name(zone.key)} ({for_you} for you)"


def place_name(zone_key: str) -> str:
    """ "America/New_York" -> "New York", "America/Argentina/Buenos_Aires" -> "Buenos Aires"."""
    return zone_key.rsplit("/", 1)[-1].replace("_", " ")
