"""The public-holiday tables the tool pages read: one JSON file per country
(followup.public_holidays.build_table, from the `holidays` library) over
public_holidays.TABLE_YEARS. The browser fetches only the reader's country's file
(a few kilobytes compressed) instead of importing the library, which takes seconds there.

Cached under .cache/holiday-tables/<key>/, the key a hash of what the tables are made
from (the library's version, the years, the table code); published to
site/holidays/<key>/, a content-named folder the headers may cache for ever.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from followup import public_holidays

FOLDER = "holidays"  # in the site


@dataclass(frozen=True)
class Tables:
    path: Path  # the cached folder of <COUNTRY>.json files
    key: str

    @property
    def url(self) -> str:
        """Site-relative, ending in "/": where the page fetches <COUNTRY>.json from."""
        return f"{FOLDER}/{self.key}/"


def _key() -> str:
    import holidays

    digest = hashlib.sha256()
    digest.update(f"{holidays.__version__}|{public_holidays.TABLE_YEARS}|"
                  f"{public_holidays.TABLE_FORMAT}".encode())
    digest.update(Path(public_holidays.__file__).read_bytes())
    return digest.hexdigest()[:16]


def prepare(cache: Path) -> Tables:
    """The tables for every country the library knows, built once per key."""
    key = _key()
    target = cache / "holiday-tables" / key
    if target.is_dir():
        return Tables(target, key)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".build-"))
    first, last = public_holidays.TABLE_YEARS
    for country in public_holidays.countries():
        table = public_holidays.build_table(country, first, last)
        if table is not None:
            (staging / f"{country}.json").write_text(
                json.dumps(table, ensure_ascii=False, separators=(",", ":")), "utf-8")
    staging.rename(target)
    return Tables(target, key)


def publish(tables: Tables, site_dir: Path) -> None:
    target = site_dir / FOLDER / tables.key
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(tables.path, target)
