"""Property tests: notes made at random from the corpus's own phrases, typed in every way
people type (a capital or none, "!" or "..." or an emoji at the end, bullets, several
lines, a question without its "?"), never give a draft a prose check fails.
"""

from __future__ import annotations

import re

import prose
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from notes_corpus import NOTE_SETS

from followup.api import run
from followup.fields import STATUSES, by_path

NOTE_KEYS = ("next_steps", "questions", "challenges", "fit", "clarify", "clarify_add")
PERSON_KEYS = ("topic", "said")


def pool(key: str, *, person: bool = False) -> list[str]:
    """Every line the corpus has for a note (bullets and all)."""
    found = set()
    for _, notes in NOTE_SETS:
        sources = notes.get("interviewers") or [] if person else [notes]
        for source in sources:
            for line in (source.get(key) or "").split("\n"):
                line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip()
                if line:
                    found.add(line)
    return sorted(found)


def typed(pieces: st.SearchStrategy[str], *, lines: bool = True) -> st.SearchStrategy[str]:
    """One to three pieces, typed as people type them (on several lines, or as a list,
    only where the form's field takes several lines)."""
    def dress(items: list[str], capital: int, ending: str, layout: str) -> str:
        shaped = []
        for item in items:
            item = item.rstrip(" .!?…")
            if capital == 1:
                item = item[:1].upper() + item[1:]
            elif capital == 2 and not item[:2].isupper():
                item = item[:1].lower() + item[1:]
            shaped.append(item + ending)
        if layout == "lines":
            return "\n".join(shaped)
        if layout == "bullets":
            return "\n".join(f"- {item}" for item in shaped)
        # On one line, people still end a sentence before starting the next.
        return " ".join(item if item.endswith((".", "!", "?", "…")) else f"{item}."
                        for item in shaped[:-1]) + (" " if len(shaped) > 1 else "") + shaped[-1]

    return st.builds(dress, st.lists(pieces, min_size=1, max_size=3),
                     st.integers(0, 2), st.sampled_from(["", ".", "!", "...", "?", " 🙂"]),
                     st.sampled_from(["one line", "lines", "bullets"] if lines else ["one line"]))


people = st.lists(
    st.builds(lambda name, topic, said: {"name": name, "topic": topic, "said": said},
              st.sampled_from(sorted({p["name"] for _, n in NOTE_SETS
                                      for p in n.get("interviewers") or [] if p.get("name")})),
              st.one_of(st.just(""), typed(st.sampled_from(pool("topic", person=True)),
                                           lines=False)),
              st.one_of(st.just(""), typed(st.sampled_from(pool("said", person=True)),
                                           lines=False))),
    max_size=3, unique_by=lambda person: person["name"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.fixed_dictionaries(
    {"company": st.sampled_from(sorted({n["company"] for _, n in NOTE_SETS})),
     "role": st.sampled_from(sorted({n.get("role") or "" for _, n in NOTE_SETS})),
     "date": st.just("2026-12-04"), "start_time": st.just("11:00"),
     "your_name": st.sampled_from(["", "Sam Taylor"]),
     "tone": st.sampled_from(["warm", "formal"]),
     "assessment": st.sampled_from(["well", "mixed", "badly"]),
     "interviewers": people},
    optional={**{key: typed(st.sampled_from(pool(key)), lines=by_path(key).multiline)
                 for key in NOTE_KEYS if pool(key)},
              # Where it stands, and whoever arranged it: the replies and thanks they add.
              "status": st.sampled_from(sorted(STATUSES)),
              "arranged_by": st.sampled_from(sorted({n["arranged_by"] for _, n in NOTE_SETS
                                                     if n.get("arranged_by")})),
              "next_round_on": st.just("2026-12-09"), "next_round_at": st.just("15:00"),
              "decide_by": st.just("2026-12-11"), "other_offer_by": st.just("2026-12-10")},
))
def test_random_notes_never_fail_a_prose_check(notes):
    if notes.get("clarify_add") and not notes.get("clarify"):
        notes["clarify"] = "my answer on budgets"
    if notes.get("next_round_at") and not notes.get("next_round_on"):
        del notes["next_round_at"]  # a time needs its day (an error, tested elsewhere)
    outcome = run(notes, calendar_file=False)
    assert outcome["ok"], outcome["errors"]
    result = outcome["result"]
    advised = {advice["field"] for advice in result["advice"]} - {
        "your_name", "decide_by", "next_round_on", "other_offer_by", "arranged_by"}
    for draft in result["drafts"]:
        for check, found in prose.check_draft(draft, notes).items():
            if check == "within_budget" and advised:
                continue
            assert found == [], (check, draft["body"])
