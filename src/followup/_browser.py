"""The Python side of the tool pages' worker (docs/javascripts/followup/python-worker.mjs).

The worker puts the wheels on sys.path, imports this module and calls it; only strings
and lists of strings cross between JavaScript and Python (JSON text in, JSON text out),
so the page never holds a Python object and no conversion rules apply.

- `answer(request, calendar_file)`: the core's answer to a form (followup.api.run).
- `board`, `next_round`, `read_board_file`, `export_board`, `board_calendar`: the board
  page's requests (followup.board), JSON text in and out.
- `zones_named(request)`: the time zones a form names (and tzdata's zone.tab when the
  country is left to the zone), which the worker copies out of the tzdata wheel before
  it asks (finding a zone inside the zipped wheel goes through importlib.resources,
  which indexes all of its files each time).
- `holiday_table_wanted(request)`: the country whose holiday table the worker fetches
  into HOLIDAY_TABLES (public_holidays reads it there) before it asks.
- `prepare_snapshot(sample, wheels)` and `restore_files()`: the build's memory snapshot
  (site_build/snapshot.py) holds Python's memory but no files, so the wheels' bytes are
  kept here and written back after a restore.

Nothing here is imported by the core, and nothing here runs on a reader's machine
outside the browser; it is tested on CPython like the rest.
"""

from __future__ import annotations

import json
import os
import sys
import zipimport
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import board as board_module
from . import fields, public_holidays
from .api import INTERNAL_ERROR, run
from .interview import is_zone_key

HOLIDAY_TABLES = "/holidays"  # the worker writes <COUNTRY>.json here
ZONE_TABLE = "zone.tab"  # tzdata's zone -> country table, beside the zones
public_holidays.TABLE_DIRS[:] = [Path(HOLIDAY_TABLES)]


def answer(request: str, calendar_file: bool) -> str:
    """followup.api.run on a form's JSON text; its reply as JSON text."""
    return json.dumps(run(json.loads(request), calendar_file=calendar_file))


def _guarded(function: Callable[[Any], dict]) -> Callable[[str], str]:
    """A board request: JSON text in, the reply as JSON text out; a bug is said, not raised."""
    def call(request: str) -> str:
        try:
            reply = function(json.loads(request))
        except Exception:
            reply = {"ok": False, "errors": [{"field": "", "message": INTERNAL_ERROR}]}
        return json.dumps(reply)

    call.__doc__ = f"{function.__module__}.{function.__name__} on JSON text."
    return call


# The board page's requests (python-worker.mjs's BOARD_CALLS names these).
board = _guarded(board_module.board)
next_round = _guarded(board_module.next_round)
read_board_file = _guarded(board_module.read_file_reply)  # the request is the file's text
export_board = _guarded(board_module.export_board)
board_calendar = _guarded(board_module.board_calendar)


def zones_named(request: str) -> list[str]:
    """The zone keys a form's JSON text names that could be zones (an empty zone field
    stands for its default), so the worker can copy them out of the tzdata wheel."""
    try:
        data = json.loads(request)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    named = []
    for field in fields.TOP_LEVEL:
        if field.kind is fields.Kind.ZONE:
            value = data.get(field.key)
            key = value.strip() if isinstance(value, str) and value.strip() else field.default
            if is_zone_key(key):
                named.append(key)
    if not _text(data, "country"):
        named.append(ZONE_TABLE)
    return named


def holiday_table_wanted(request: str) -> str:
    """The country whose public holidays a form needs: the one it names, else the one
    its time zone is in (read from zone.tab, which the worker has copied); "" if none."""
    try:
        data = json.loads(request)
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    country = _text(data, "country").upper()
    if not country:
        zone = _text(data, "timezone") or fields.by_path("timezone").default
        country = public_holidays.country_of_zone(zone)
    return country if public_holidays.is_country_code(country) else ""


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


# ---------------------------------------------------------------- the memory snapshot

_PLACE_FIELDS = {field.key for field in fields.TOP_LEVEL
                 if field.kind in (fields.Kind.COUNTRY, fields.Kind.REGION)}
_kept_files: dict[str, bytes] = {}  # path in Pyodide's file system -> bytes, in the snapshot


def prepare_snapshot(sample: str, wheels: Sequence[str]) -> None:
    """Ready Python for its snapshot: keep the wheels' bytes (on sys.path already) in
    memory, and draft once, the sample interview (JSON text) and a mistake, so that
    everything drafting imports is imported (not what the calendar file needs)."""
    for path in wheels:
        with open(path, "rb") as file:
            _kept_files[path] = file.read()
    # tzdata's zone.tab, read with zipimport (already in use for the wheels): reading it
    # through importlib.resources would import zipfile and more, and grow the memory past
    # the 30 MiB a snapshot can be restored into (pyodide#6254).
    tzdata = next(path for path in wheels if os.path.basename(path).startswith("tzdata-"))
    zone_table = zipimport.zipimporter(tzdata).get_data(f"{tzdata}/tzdata/zoneinfo/zone.tab")
    public_holidays.read_zone_table(zone_table.decode("utf-8"))
    # No country or region: their holiday tables come later, from the worker (drafting
    # then skips weekends only, with the same imports).
    data = {key: value for key, value in json.loads(sample).items()
            if key not in _PLACE_FIELDS}
    # A name with a title too, which names.py parses with nameparser (a plain "Given
    # Family" name does not need it): so that the snapshot holds it imported.
    titled = {**data, "interviewers": [{"name": "Dr Ada Lovelace-Byron"}]}
    # Drafts only: importing icalendar (and python-dateutil 2.9 and six) too would grow
    # the memory past those 30 MiB. The calendar file imports them when first asked.
    replies = [json.loads(answer(json.dumps(data), False)),
               json.loads(answer(json.dumps(titled), False)),
               json.loads(answer(json.dumps({**data, "date": "x"}), False))]
    if not replies[0]["ok"] or not replies[1]["ok"] or replies[2]["ok"]:
        raise RuntimeError(f"drafting the sample did not go as expected: {replies}")


def restore_files() -> None:
    """After a restore: write the kept files back, and give `random` fresh entropy (every
    visitor restores the same memory)."""
    for path, data in _kept_files.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(data)
    if "random" in sys.modules:
        sys.modules["random"].seed()
