"""The public-holiday tables the build publishes for the tool pages."""

from __future__ import annotations

import json
from datetime import date

from followup import public_holidays
from site_build import holiday_tables


def test_every_country_has_its_table_and_the_page_knows_where(site_dir):
    tables = site_dir / holiday_tables.FOLDER
    published = [folder for folder in tables.iterdir() if folder.is_dir()]
    assert len(published) == 1  # this build's, content-named
    countries = public_holidays.countries()
    assert {path.stem for path in published[0].glob("*.json")} == set(countries)
    record = json.loads((site_dir / "build.json").read_text("utf-8"))
    assert record["python"]["holidays_url"] == f"{holiday_tables.FOLDER}/{published[0].name}/"
    page = (site_dir / "tools" / "emails" / "index.html").read_text("utf-8")
    assert f'"holidays_url":"{holiday_tables.FOLDER}/{published[0].name}/"' in page.replace(
        "&#34;", '"').replace("&quot;", '"')


def test_a_table_is_small_and_reads_as_the_core_reads_it(site_dir):
    folder = next((site_dir / holiday_tables.FOLDER).iterdir())
    uk = json.loads((folder / "GB.json").read_text("utf-8"))
    assert uk["format"] == public_holidays.TABLE_FORMAT
    assert uk["years"] == list(public_holidays.TABLE_YEARS)
    assert public_holidays.holidays_in(uk, "ENG").name_on(date(2026, 12, 25)) == "Christmas Day"
    sizes = sorted(path.stat().st_size for path in folder.glob("*.json"))
    assert sizes[-1] < 100_000  # the largest country's, before compression
