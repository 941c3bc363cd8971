"""Every note set of the corpus (notes typed as people type them), in every tone and for
every way the interview went, makes drafts a careful person could send: every prose
check of prose.py passes on every draft.

A draft may run over its word budget only when the reader's own notes make it so, and
then the answer's advice names the note to shorten.
"""

from __future__ import annotations

import prose
import pytest
from core_helpers import FIXED_NOW
from notes_corpus import NOTE_SETS

from followup.api import run

TONES = ("warm", "formal")
ASSESSMENTS = ("well", "mixed", "badly")
# Advice that says nothing about a draft's length: it excuses no draft from its budget.
NOT_ABOUT_LENGTH = {"your_name", "decide_by", "next_round_on", "other_offer_by",
                    "arranged_by"}


@pytest.mark.parametrize(("name", "notes"), NOTE_SETS, ids=[name for name, _ in NOTE_SETS])
def test_every_draft_passes_the_prose_checks(name, notes):
    problems = []
    for tone in TONES:
        for assessment in ASSESSMENTS:
            data = {**notes, "tone": tone, "assessment": assessment}
            outcome = run(data, now=FIXED_NOW, calendar_file=False)
            assert outcome["ok"], outcome["errors"]
            result = outcome["result"]
            advised = {advice["field"].rsplit(".", 1)[-1] for advice in result["advice"]}
            for draft in result["drafts"]:
                for check, found in prose.check_draft(draft, data).items():
                    if check == "within_budget" and found and advised - NOT_ABOUT_LENGTH:
                        continue  # the reader's notes are too long, and the page says so
                    problems += [f"{tone}/{assessment} {draft['step']} {draft['to_name']}: "
                                 f"{check}: {problem}" for problem in found]
            problems += [f"{tone}/{assessment}: {problem}"
                         for problem in prose.thank_yous_alike(result["drafts"])]
    assert problems == [], "\n".join(problems)
