"""Runs inside Pyodide (site_build/node/make_snapshot.mjs): the snapshot's check.

It drafts in time zones the snapshot's warm-up never loaded (half-hour offsets
included), in the Pyodide that made the snapshot (after taking it) and in one restored
from it: the two answers must be the same text.
"""

from __future__ import annotations

import json

from followup import _browser

ZONES = ("Asia/Kolkata", "Australia/Adelaide", "America/St_Johns", "Pacific/Auckland")


def drafts_in_new_zones() -> str:
    """The answers as JSON text, without DTSTAMP (the time of the run)."""
    answers = []
    for zone in ZONES:
        form = {"company": "Acme", "date": "2026-12-04", "start_time": "16:30",
                "timezone": zone, "interviewers": [{"name": "Ana", "email": "ana@acme.example"}]}
        reply = json.loads(_browser.answer(json.dumps(form), True))
        lines = reply["result"]["ics"].split("\r\n")
        reply["result"]["ics"] = "\r\n".join(line for line in lines
                                             if not line.startswith("DTSTAMP"))
        answers.append(reply)
    return json.dumps(answers, sort_keys=True)
