"""UK and US English: what differs in the drafts, as data. One set of templates
(templates.py, written in UK English) serves both; for a US reader the words below are
swapped in the templates' own wording (never in the reader's notes), and dates, times,
sign-offs and titles take the US form.
"""

from __future__ import annotations

import re
from datetime import date, datetime

UK = "en-GB"
US = "en-US"
LANGUAGES = (UK, US)

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")

# The templates' UK wording -> the US one, whole words or phrases.
US_WORDING: dict[str, str] = {
    "candour": "candor",
    "towards": "toward",
    "timescale": "timeline",
    "Do let me know": "Please let me know",
    "Many thanks for": "Thank you so much for",
    "telephone": "phone",
    "diary": "calendar",
}
_US_PATTERN = re.compile("|".join(rf"\b{re.escape(uk)}\b" for uk in US_WORDING))

SIGN_OFFS: dict[str, dict[str, str]] = {
    UK: {"warm": "Best wishes,", "formal": "Kind regards,"},
    US: {"warm": "Best,", "formal": "Sincerely,"},
}
# Titles as a US letter writes them: with a full stop after a contraction.
US_TITLES: dict[str, str] = {"Dr": "Dr.", "Mr": "Mr.", "Mrs": "Mrs.", "Ms": "Ms.", "Mx": "Mx.",
                             "Revd": "Rev.", "Engr": "Engr."}


def wording(template: str, language: str) -> str:
    """A template's wording in the reader's English."""
    if language != US:
        return template
    return _US_PATTERN.sub(lambda match: US_WORDING[match[0]], template)


def title(british: str, language: str) -> str:
    return US_TITLES.get(british, british) if language == US else british


def day_name(day: date) -> str:
    """ "Tuesday" (English names, whatever the machine's locale)."""
    return _DAY_NAMES[day.weekday()]


def date_label(day: date, language: str = UK) -> str:
    """ "Tuesday 1 December 2026"; US: "Tuesday, December 1, 2026"."""
    if language == US:
        return f"{short_date_label(day, language)}, {day.year}"
    return f"{short_date_label(day, language)} {day.year}"


def short_date_label(day: date, language: str = UK) -> str:
    """ "Tuesday 1 December"; US: "Tuesday, December 1" (for prose: the year is clear)."""
    month = _MONTH_NAMES[day.month - 1]
    if language == US:
        return f"{day_name(day)}, {month} {day.day}"
    return f"{day_name(day)} {day.day} {month}"


def time_label(moment: datetime, language: str = UK) -> str:
    """ "14:00"; US: "2:00 PM"."""
    if language == US:
        hour = moment.hour % 12 or 12
        return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"
    return f"{moment:%H:%M}"
