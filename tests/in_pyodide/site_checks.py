"""Runs inside Pyodide, for the site's tests (tests/site/): small checks of what the
build ships, called through site_build.in_node."""

from __future__ import annotations

import datetime
import zoneinfo


def zones_and_calendar() -> dict:
    """With the site's packages installed: a zone from tzdata and an icalendar event."""
    import dateutil  # noqa: F401 (installed with icalendar)
    import icalendar
    import tzdata  # noqa: F401

    import followup  # noqa: F401

    paris = zoneinfo.ZoneInfo("Europe/Paris")
    summer = datetime.datetime(2026, 7, 1, 12, tzinfo=paris)
    event = icalendar.Event()
    event.add("dtstart", summer)
    return {"offset": summer.utcoffset().total_seconds() / 3600,
            "ical": event.to_ical().decode()}


def demo_answers() -> list:
    """The test wheel's package (tests/site/test_optimise.py), imported from bytecode."""
    import demo
    import demo.sub

    return [demo.answer(), demo.sub.DOUBLE, demo.GREETING, demo.__file__.rsplit("/", 1)[1]]


def drafts_in_a_zone_the_snapshot_never_loaded() -> bool:
    """Whether the core drafts in a zone the snapshot's warm-up never loaded."""
    import followup.api

    return followup.api.run({"company": "Acme", "date": "2026-12-04", "start_time": "09:00",
                             "timezone": "Asia/Kathmandu"})["ok"]


def colorsys_from_bytecode() -> list:
    """Where colorsys was imported from, and one of its answers."""
    import colorsys

    return [colorsys.__file__, round(colorsys.rgb_to_hsv(1, 0, 0)[0], 3)]


def draft_and_zoneinfo_file() -> list:
    """A plan in a half-hour zone (its DTSTAMP, the time of the run, left out), and the
    file zoneinfo was imported from."""
    import re
    import sys

    import followup.api

    result = followup.api.run({"company": "Acme", "date": "2026-12-01", "start_time": "14:00",
                               "timezone": "Asia/Kolkata", "interviewers": [{"name": "Priya"}]})
    result["result"]["ics"] = re.sub(r"DTSTAMP:\S+", "", result["result"]["ics"])
    return [result, sys.modules["zoneinfo"].__file__]
