"""When each follow-up step is due. Every rule is a named constant, defined once here.

All times are local wall-clock times in the interview's time zone (zoneinfo), so a
"09:00" reminder stays at 09:00 across a daylight-saving change. Weekends are skipped;
public holidays are not known (they differ by country and region).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .interview import Interview, local_datetime

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

STEP_IDS = ("thank-you", "follow-up-1", "follow-up-2", "call")

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


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


def is_working_day(day: date) -> bool:
    """Monday to Friday (public holidays are not known)."""
    return day.weekday() not in WEEKEND


def add_working_days(day: date, days: int) -> date:
    """The date `days` working days after `day` (weekends skipped; `day` itself not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    while days:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def next_working_day(day: date) -> date:
    """The first working day after `day`."""
    return add_working_days(day, 1)


def at_local(day: date, hour: int, zone: ZoneInfo) -> datetime:
    """`hour`:00 local time on `day`; if the clocks skip that hour, the first time after."""
    exact = local_datetime(day, time(hour), zone)
    if exact is not None:
        return exact
    # In a DST gap: zoneinfo reads the wall time with the old offset; converting through
    # UTC lands on the first real instant after the gap.
    return datetime.combine(day, time(hour), zone).astimezone(UTC).astimezone(zone)


def thank_you_time(interview_end: datetime) -> datetime:
    """When to send the thank-you: soon after the interview, but never at night or a weekend.

    The rule: THANK_YOU_WRITING_HOURS after the interview ends, if that is still inside
    the send window of a working day. Before the window opens (a very early interview),
    MORNING_SEND_HOUR that day. Otherwise (ending within THANK_YOU_WRITING_HOURS of the
    window closing, later, or at the weekend) MORNING_SEND_HOUR on the next working day.
    That is within THANK_YOU_WITHIN_HOURS on Monday to Thursday; after a Friday-evening
    interview the weekend rule wins and the note goes on Monday morning, which the
    recipient reads as promptly as a Saturday email and with more attention.
    """
    zone = interview_end.tzinfo
    assert isinstance(zone, ZoneInfo)
    ready = (interview_end.astimezone(UTC)
             + timedelta(hours=THANK_YOU_WRITING_HOURS)).astimezone(zone)
    window_opens = at_local(ready.date(), SEND_WINDOW_START_HOUR, zone)
    window_closes = at_local(ready.date(), SEND_WINDOW_END_HOUR, zone)
    if is_working_day(ready.date()):
        if window_opens <= ready < window_closes:
            return ready
        if ready < window_opens:
            return at_local(ready.date(), MORNING_SEND_HOUR, zone)
    return at_local(next_working_day(ready.date()), MORNING_SEND_HOUR, zone)


@dataclass(frozen=True)
class Step:
    """One step of the plan: what to do and when (aware local date-time)."""

    id: str
    title: str
    rule: str
    due: datetime

    @property
    def ends(self) -> datetime:
        """The end of the step's calendar slot."""
        return self.due + timedelta(minutes=STEP_DURATION_MINUTES)


def plan(interview: Interview) -> tuple[Step, ...]:
    """The four steps for this interview, in order."""
    zone = interview.tz
    thank_you = thank_you_time(interview.end)
    if interview.decision_date is not None:
        first_day = add_working_days(interview.decision_date, AFTER_DECISION_DATE_WORKING_DAYS)
    else:
        first_day = add_working_days(interview.start.date(), FOLLOW_UP_AFTER_WORKING_DAYS)
    # A decision date on or just after the interview must not have you chasing the day
    # after your thank-you (without one, five working days always leave room).
    first_day = max(first_day,
                    add_working_days(thank_you.date(), WAIT_AFTER_THANK_YOU_WORKING_DAYS))
    first = at_local(first_day, MORNING_SEND_HOUR, zone)
    second = at_local(add_working_days(first_day, SECOND_FOLLOW_UP_AFTER_WORKING_DAYS),
                      MORNING_SEND_HOUR, zone)
    call_day = add_working_days(second.date(), CALL_AFTER_WORKING_DAYS)
    call = at_local(call_day, CALL_HOUR, zone)
    given = interview.decision_date is not None
    dues = {"thank-you": thank_you, "follow-up-1": first, "follow-up-2": second, "call": call}
    return tuple(
        Step(id=step, title=STEP_TITLES[step], rule=rule_text(step, given), due=dues[step])
        for step in STEP_IDS
    )


def date_label(day: date) -> str:
    """ "Tuesday 1 December 2026" (English names, whatever the machine's locale)."""
    return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def short_date_label(day: date) -> str:
    """ "Tuesday 1 December" (for prose, where the year is obvious)."""
    return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]}"


def due_label(moment: datetime) -> str:
    """ "Tuesday 1 December 2026 at 17:00"."""
    return f"{date_label(moment.date())} at {moment:%H:%M}"


def day_name(day: date) -> str:
    """ "Tuesday"."""
    return _DAY_NAMES[day.weekday()]
