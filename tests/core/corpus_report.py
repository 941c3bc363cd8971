"""How today's core writes for the notes corpus: a report for developers, not a test.

Runs every note set in notes_corpus.NOTE_SETS (the keys the core does not accept yet
stripped) through followup.api.run in every tone x assessment, applies every check in
prose.py to every draft, and prints, per check, how many drafts fail and a few short
examples.

    .venv/bin/python tests/core/corpus_report.py            # the summary
    .venv/bin/python tests/core/corpus_report.py --examples 5
    .venv/bin/python tests/core/corpus_report.py --show bakery-all-lower:warm:badly

The checks that need the notes get the original set (new keys included, tone and
assessment as run), so `new_keys_reflected` reports how far support for them has come.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from datetime import UTC, datetime

# Run as a script, its own folder is on sys.path: prose.py and notes_corpus.py import.
import prose
from notes_corpus import NOTE_SETS

from followup.api import run

TONES = ("warm", "formal")
ASSESSMENTS = ("well", "mixed", "badly")
FIXED_NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
THANK_YOUS_ALIKE = "thank_yous_alike"


def variants() -> list[tuple[str, dict]]:
    """(label, notes) for every note set in every tone x assessment."""
    out = []
    for name, notes in NOTE_SETS:
        for tone in TONES:
            for assessment in ASSESSMENTS:
                out.append((f"{name}:{tone}:{assessment}",
                            {**notes, "tone": tone, "assessment": assessment}))
    return out


def drafts_for(notes: dict) -> list[dict]:
    outcome = run(notes, now=FIXED_NOW, calendar_file=False)
    if not outcome["ok"]:
        raise SystemExit(f"the core refused a corpus entry: {outcome['errors']}")
    return outcome["result"]["drafts"]


def collect() -> tuple[int, dict[str, list[tuple[str, str]]], dict[str, int]]:
    """(drafts checked, {check: [(where, problem), ...]}, {check: failing drafts})."""
    checked = 0
    problems: dict[str, list[tuple[str, str]]] = defaultdict(list)
    failing: dict[str, int] = defaultdict(int)
    for label, notes in variants():
        drafts = drafts_for(notes)
        for draft in drafts:
            checked += 1
            where = f"{label} {draft['step']}" + (f" to {draft['to_name']}"
                                                   if draft["to_name"] else "")
            for check, found in prose.check_draft(draft, notes).items():
                if found:
                    failing[check] += 1
                    problems[check] += [(where, problem) for problem in found]
        alike = prose.thank_yous_alike(drafts)
        if alike:
            failing[THANK_YOUS_ALIKE] += 1
            problems[THANK_YOUS_ALIKE] += [(label, problem) for problem in alike]
    return checked, problems, failing


def _short(text: str, limit: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def report(examples: int) -> None:
    checked, problems, failing = collect()
    sets = len(NOTE_SETS)
    print(f"{sets} note sets x {len(TONES)} tones x {len(ASSESSMENTS)} assessments: "
          f"{checked} drafts checked\n")
    names = [*prose.DRAFT_CHECKS, THANK_YOUS_ALIKE]
    width = max(len(name) for name in names)
    print(f"{'check':<{width}}  {'failing':>7}  {'problems':>8}  {'note sets':>9}")
    for name in names:
        found = problems.get(name, [])
        note_sets = len({where.split(":", 1)[0] for where, _ in found})
        print(f"{name:<{width}}  {failing.get(name, 0):7}  {len(found):8}  "
              f"{note_sets:4} of {sets}")
    print(f"\n(failing: drafts, or for {THANK_YOUS_ALIKE} runs of a note set with two or "
          "more thank-yous)")
    for name in names:
        found = problems.get(name, [])
        if not found:
            continue
        print(f"\n== {name}")
        # Examples from different note sets, so three examples show three problems.
        shown, seen_sets = 0, set()
        for where, problem in found:
            note_set = where.split(":", 1)[0]
            if note_set in seen_sets:
                continue
            seen_sets.add(note_set)
            print(f"  [{where}]\n    {_short(problem)}")
            shown += 1
            if shown == examples:
                break


def show(label: str) -> None:
    """Print every draft of one run, e.g. "bakery-all-lower:warm:badly"."""
    name, _, rest = label.partition(":")
    tone, _, assessment = rest.partition(":")
    notes = dict(next(notes for set_name, notes in NOTE_SETS if set_name == name))
    notes.update({key: value for key, value in (("tone", tone), ("assessment", assessment))
                  if value})
    for draft in drafts_for(notes):
        print(f"--- {draft['step']} to {draft['to_name'] or '(no name)'}\n"
              f"Subject: {draft['subject']}\n\n{draft['body']}\n")
        for check, found in prose.check_draft(draft, notes).items():
            for problem in found:
                print(f"  ! {check}: {_short(problem)}")
        print()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=3,
                        help="examples per check (default 3)")
    parser.add_argument("--show", metavar="SET[:TONE:ASSESSMENT]",
                        help="print one run's drafts with their problems instead")
    args = parser.parse_args(argv)
    if args.show:
        show(args.show)
    else:
        report(args.examples)


if __name__ == "__main__":
    main()
