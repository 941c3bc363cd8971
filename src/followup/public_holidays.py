"""Public holidays: the weekdays a plan does not count as working days.

The holidays come from the `holidays` library (the Open World Holidays Framework), in
one of two ways, with the same answers:

- a *table* per country (`build_table`): every holiday of the country and of each of its
  regions over TABLE_YEARS, as JSON. The site's build writes one per country and the
  browser fetches only the reader's (the library itself takes seconds to import there);
- the library itself, where it is installed (the command line, the build, the tests),
  for any year.

`table(country)` prefers a table file in one of TABLE_DIRS (the browser's worker writes
the reader's there), then the library. Which country: the one the reader chose, else the
one their time zone is in (tzdata's zone.tab, read where zoneinfo finds zones, so the
browser's copy of it too). With no region chosen, a day counts as a holiday when it is
one in the whole country or in most of its regions (England's Easter Monday is one in
three of the United Kingdom's four).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

TABLE_FORMAT = 1  # the tables' shape; a table of another format is not read
TABLE_YEARS = (2024, 2033)  # first and last year the site's tables hold
TABLE_DIRS: list[Path] = []  # where table files may be ("<COUNTRY>.json"), first found wins
# A table's language for holiday names, where the library has it; else the country's own.
NAMES_LANGUAGE = "en_US"

_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Holidays:
    """The public holidays of one place, as a plan needs them."""

    place: str = ""  # "England, United Kingdom"; "" when none are known
    days: Mapping[date, str] = field(default_factory=dict)  # date -> the holiday's name
    years: tuple[int, int] | None = None  # the years known; None: any year

    def name_on(self, day: date) -> str | None:
        return self.days.get(day)

    def knows(self, day: date) -> bool:
        """Whether this place's holidays are known for `day`'s year."""
        return bool(self.place) and (self.years is None
                                     or self.years[0] <= day.year <= self.years[1])


NONE = Holidays()


# ---------------------------------------------------------------- which country


def _zone_tab_text() -> str | None:
    """tzdata's zone.tab, where zoneinfo would find zones, else in the tzdata package."""
    import zoneinfo

    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.is_file():
            return path.read_text("utf-8")
    try:
        from importlib.resources import files

        return (files("tzdata.zoneinfo") / "zone.tab").read_text("utf-8")
    except (ImportError, FileNotFoundError, OSError):
        return None


_zone_table: dict[str, str] = {}  # read once found (the browser copies it in on demand)


def read_zone_table(text: str) -> None:
    """Take zone -> country from the text of a zone.tab."""
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _, key, *_ = line.split("\t")
            _zone_table[key] = code


def _zone_countries() -> Mapping[str, str]:
    if not _zone_table:
        read_zone_table(_zone_tab_text() or "")
    return _zone_table


def country_of_zone(key: str) -> str:
    """The country a time zone is in ("Europe/London" -> "GB"), or "" (e.g. "UTC")."""
    return _zone_countries().get(key, "")


# ---------------------------------------------------------------- tables


def is_country_code(value: str) -> bool:
    return bool(_COUNTRY_CODE.fullmatch(value))


@functools.cache
def _library():
    """The holidays library, or None where it is not installed (the browser)."""
    try:
        import holidays
    except ImportError:
        return None
    return holidays


def countries() -> dict[str, str]:
    """Every country the library knows: code -> English name, in name order. Needs the
    library (the build uses it for the form's list)."""
    library = _library()
    if library is None:
        return {}
    from holidays.registry import COUNTRIES

    named = {code: _spaced(class_name) for class_name, code, *_ in COUNTRIES.values()}
    return dict(sorted(named.items(), key=lambda item: item[1]))


def _spaced(class_name: str) -> str:
    """ "UnitedKingdom" -> "United Kingdom", "BosniaAndHerzegovina" -> "Bosnia and ..."."""
    words = re.findall(r"[A-Z][a-z]*|[a-z]+", class_name)
    return " ".join(word.lower() if word in ("And", "Of", "The") and index else word
                    for index, word in enumerate(words))


def knows_every_country() -> bool:
    """Whether a country without a table here has no holidays known at all (the library
    is here and does not know it), rather than a table not fetched (the browser)."""
    return _library() is not None


def build_table(country: str, first_year: int, last_year: int) -> dict | None:
    """The country's holidays and its regions' over those years, as a table (JSON-ready),
    from the library; None when the library is missing or does not know the country."""
    library = _library()
    if library is None or not is_country_code(country):
        return None
    try:
        whole = library.country_holidays(country)
    except NotImplementedError:
        return None
    language = NAMES_LANGUAGE if NAMES_LANGUAGE in (whole.supported_languages or ()) else None
    years = range(first_year, last_year + 1)
    national = library.country_holidays(country, years=years, language=language)
    aliases = getattr(whole, "subdivisions_aliases", None) or {}
    names = {}
    for name, code in aliases.items():
        names.setdefault(code, name)
    regions = {}
    for code in whole.subdivisions:
        local = library.country_holidays(country, subdiv=code, years=years, language=language)
        regions[code] = {
            "name": names.get(code, code),
            "extra": {day.isoformat(): local[day] for day in sorted(local) if day not in national},
            "not": [day.isoformat() for day in sorted(national) if day not in local],
        }
    return {
        "format": TABLE_FORMAT,
        "country": country,
        "name": countries().get(country, country),
        "years": [first_year, last_year],
        "national": {day.isoformat(): national[day] for day in sorted(national)},
        "regions": regions,
    }


def _table_file(country: str) -> dict | None:
    for folder in TABLE_DIRS:
        path = folder / f"{country}.json"
        if path.is_file():
            try:
                data = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                return None
            return data if isinstance(data, dict) and data.get("format") == TABLE_FORMAT else None
    return None


_tables: dict[tuple[str, int, int], dict] = {}  # found ones only: a file may come later


def table(country: str, first_year: int, last_year: int) -> dict | None:
    """A country's table covering those years: a table file if one is there (whatever
    years it holds), else one from the library, else None."""
    if not is_country_code(country):
        return None
    key = (country, first_year, last_year)
    if key not in _tables:
        found = _table_file(country) or build_table(country, first_year, last_year)
        if found is None:
            return None
        _tables[key] = found
    return _tables[key]


def regions(country_table: Mapping) -> dict[str, str]:
    """The table's regions: code -> name, in name order."""
    found = {code: region["name"] for code, region in country_table["regions"].items()}
    return dict(sorted(found.items(), key=lambda item: item[1]))


def holidays_in(country_table: Mapping, region: str) -> Holidays:
    """The place's holidays from its table: the country's, plus the region's own (or,
    with no region chosen, those of most regions)."""
    days = {date.fromisoformat(day): name for day, name in country_table["national"].items()}
    all_regions = country_table["regions"]
    if region:
        chosen = all_regions[region]
        days.update((date.fromisoformat(day), name) for day, name in chosen["extra"].items())
        for day in chosen["not"]:
            days.pop(date.fromisoformat(day), None)
        place = f"{chosen['name']}, {country_table['name']}"
    else:
        # No region chosen: a holiday in most regions is a day off for most readers.
        counts: dict[date, list[str]] = {}
        for data in all_regions.values():
            for day, name in data["extra"].items():
                counts.setdefault(date.fromisoformat(day), []).append(name)
        days.update((day, names[0]) for day, names in counts.items()
                    if len(names) * 2 > len(all_regions))
        place = country_table["name"]
    first, last = country_table["years"]
    return Holidays(place, MappingProxyType(days), (first, last))
