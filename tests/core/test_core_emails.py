"""Drafts: one thank-you per interviewer, tone and self-assessment, no empty traces."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from core_helpers import FIXED_NOW, minimal, sample, word_count
from prose import shared_sentence_ratio

from followup import english
from followup.api import run
from followup.english import short_date_label

TONES = ("warm", "formal")
ASSESSMENTS = ("well", "mixed", "badly")


def drafts(data) -> list[dict]:
    outcome = run(data, now=FIXED_NOW)
    assert outcome["ok"], outcome
    return outcome["result"]["drafts"]


def thank_yous(data) -> list[dict]:
    return [draft for draft in drafts(data) if draft["step"] == "thank-you"]


def test_one_thank_you_per_interviewer_with_their_topic():
    notes = thank_yous(sample())
    assert [(d["to_name"], d["to"]) for d in notes] == [
        ("Dr Jane Whitfield", "jane.whitfield@fernbrook.example"), ("Omar Haddad", "")]
    assert notes[0]["body"].startswith("Hi Jane,\n\n")
    assert notes[1]["body"].startswith("Hi Omar,\n\n")
    assert "the redesign of the booking app" in notes[0]["body"]
    assert "the redesign of the booking app" not in notes[1]["body"]
    assert "how designers and engineers share prototypes" in notes[1]["body"]
    for note in notes:  # your fit for the challenges, in every note
        assert ("simplifying a booking flow that customers find confusing, I'm confident I can "
                "help: I cut the checkout steps in half at my last job and sales went up."
                ) in note["body"]


def test_generic_thank_you_when_no_interviewers():
    notes = thank_yous(minimal())
    assert len(notes) == 1
    assert notes[0]["to_name"] == notes[0]["to"] == ""
    assert notes[0]["body"].startswith("Hello,\n\n")
    formal = thank_yous(minimal(tone="formal"))
    assert formal[0]["body"].startswith("Dear Hiring Manager,\n\n")


def test_draft_order_and_steps():
    steps = [d["step"] for d in drafts(sample())]
    assert steps == ["thank-you", "thank-you", "follow-up-1", "follow-up-2", "call"]


def test_follow_ups_and_call_go_to_the_first_interviewer():
    for draft in drafts(sample())[2:]:
        assert draft["to_name"] == "Dr Jane Whitfield"
        assert draft["to"] == "jane.whitfield@fernbrook.example"


def test_subjects_are_specific():
    by_step = {d["step"]: d["subject"] for d in drafts(sample())}
    assert by_step["thank-you"] == (
        "Thank you \N{EN DASH} Product Designer interview at Fernbrook Studios")
    # The follow-ups reply in the thank-you's thread.
    assert by_step["follow-up-1"] == by_step["follow-up-2"] == f"Re: {by_step['thank-you']}"
    assert by_step["call"] == "Call Fernbrook Studios about the Product Designer role"
    assert thank_yous(minimal())[0]["subject"] == (
        "Thank you \N{EN DASH} interview at Fernbrook Studios")


def test_tones_change_greeting_wording_and_sign_off():
    warm = thank_yous(sample(tone="warm"))[0]["body"]
    formal = thank_yous(sample(tone="formal"))[0]["body"]
    assert warm.startswith("Hi Jane,") and formal.startswith("Dear Dr Whitfield,")
    assert "\n\nBest wishes,\nAlex Morgan\n07700 900456" in warm
    assert "\n\nKind regards,\nAlex Morgan\n07700 900456" in formal
    assert "I'm" in warm and "I'm" not in formal  # formal avoids contractions


@pytest.mark.parametrize("tone", TONES)
def test_assessments_change_the_wording(tone):
    bodies = {a: thank_yous(sample(tone=tone, assessment=a))[0]["body"] for a in ASSESSMENTS}
    assert len(set(bodies.values())) == 3


@pytest.mark.parametrize("tone", TONES)
def test_badly_mentions_the_clarify_point_once_and_briefly(tone):
    # "my answer about budgets": the frame says "answer" itself, so the note's subject,
    # "budgets", is what it names; and only to the person it concerns (the first here).
    first, second = thank_yous(sample(tone=tone, assessment="badly",
                                      clarify="my answer about budgets"))
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", first["body"]) if "budgets" in s]
    assert len(sentences) == 1
    assert word_count(sentences[0]) <= 30
    assert "justice to budgets" in sentences[0] or "did budgets justice" in sentences[0]
    assert "answer about budgets" not in first["body"]
    assert "budgets" not in second["body"]
    for draft in drafts(sample(tone=tone, assessment="badly", clarify="budgets"))[2:4]:
        assert "budgets" not in draft["body"]  # the follow-ups move on


@pytest.mark.parametrize("tone", TONES)
def test_the_better_answer_is_said_to_the_person_it_concerns(tone):
    data = sample(tone=tone, assessment="mixed", clarify="My answer on budgeting was vague.",
                  clarify_add="I ran a £2m budget at Acme and cut overspend by a fifth.",
                  clarify_with="2")
    first, second = thank_yous(data)
    assert "budget" not in first["body"]
    assert "my answer on budgeting: I ran a £2m budget at Acme and cut overspend by a " \
           "fifth." in second["body"]
    without = thank_yous(sample(tone=tone, assessment="mixed", clarify="budgeting"))[0]["body"]
    assert "budgeting" in without and "add to my answer on budgeting" in without


@pytest.mark.parametrize("tone", TONES)
def test_badly_without_a_clarify_point_adds_nothing_about_it(tone):
    body = thank_yous(sample(tone=tone, assessment="badly"))[0]["body"]
    assert "justice" not in body
    well = thank_yous(sample(tone=tone, assessment="well"))[0]["body"]
    assert abs(word_count(body) - word_count(well)) <= 8  # never dwells


PLACEHOLDER_LEFTOVERS = [" .", " ,", "..", ",.", "  ", "()", "{", "}", ": .", "about .",
                         "with .", "None", " \n", "\n\n\n"]


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("assessment", ASSESSMENTS)
@pytest.mark.parametrize("data", [minimal(), sample(), sample(role="", interviewers=[]),
                                  minimal(interviewers=[{"name": "Sue"}]),
                                  minimal(your_name="Kim", decision_date="2026-12-09")],
                         ids=["minimal", "full", "no-role", "name-only", "name-date"])
def test_empty_optionals_leave_no_trace(data, tone, assessment):
    for draft in drafts(dict(data, tone=tone, assessment=assessment)):
        for text in (draft["subject"], draft["body"]):
            for leftover in PLACEHOLDER_LEFTOVERS:
                assert leftover not in text, (leftover, text)
        assert not draft["body"].endswith(",") or draft["body"].endswith(
            english.SIGN_OFFS[english.UK][tone])


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("assessment", ASSESSMENTS)
@pytest.mark.parametrize("data", [minimal(), sample(), sample(clarify="my example about the "
                                                                       "agency project")],
                         ids=["minimal", "full", "full-clarify"])
def test_emails_stay_between_80_and_200_words(data, tone, assessment):
    for draft in drafts(dict(data, tone=tone, assessment=assessment)):
        if draft["step"] != "call":
            assert 80 <= word_count(draft["body"]) <= 200, (draft["step"], draft["body"])


# The reader's notes as one made-up word each: a phrase without them is the drafts' own.
ONE_WORD_NOTES = {"company": "Qorvex", "role": "Zubbler", "your_name": "Ynna",
                  "challenges": "quillwort", "fit": "vorpal", "questions": "Wimble?",
                  "clarify": "brillig", "next_steps": "Jabberwock.",
                  "decision_date": "2026-12-08",
                  "interviewers": [{"name": "Priya Raman", "topic": "xenolith"}]}
OPTIONAL_NOTES = ("role", "challenges", "fit", "questions", "clarify", "next_steps",
                  "decision_date", "interviewers")
READERS_WORDS = frozenset(re.findall(r"[a-z]+", " ".join(
    [note for note in ONE_WORD_NOTES.values() if isinstance(note, str)]
    + [*ONE_WORD_NOTES["interviewers"][0].values()]).lower()))


PRAISE_STEMS = ("enjoy", "keen", "conversation", "pleasure", "delight", "appreciat")


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("assessment", ASSESSMENTS)
@pytest.mark.parametrize("left_out", [(), *((note,) for note in OPTIONAL_NOTES), OPTIONAL_NOTES],
                         ids=lambda left_out: "-".join(left_out) or "every-note")
def test_no_draft_says_the_same_three_words_twice(tone, assessment, left_out):
    data = minimal(**ONE_WORD_NOTES, tone=tone, assessment=assessment)
    for note in left_out:
        del data[note]
    for draft in drafts(data):
        words = re.findall(r"[a-z']+", draft["body"].lower())
        phrases = Counter(zip(words, words[1:], words[2:], strict=False))
        repeated = [" ".join(phrase) for phrase, times in phrases.items()
                    if times > 1 and not READERS_WORDS.intersection(phrase)]
        assert not repeated, (draft["step"], repeated, draft["body"])
        # Nor leans twice on one word of warmth ("enjoyed ... enjoyed", "keener ... keen").
        for stem in PRAISE_STEMS:
            uses = [word for word in words if word.startswith(stem)]
            assert len(uses) <= 1, (draft["step"], uses, draft["body"])


def test_call_is_talking_points():
    call = drafts(sample(decision_date="2026-12-09"))[-1]
    lines = call["body"].split("\n")
    assert all(line.startswith("- ") for line in lines)
    assert "- Ask for Dr Jane Whitfield (Design Director)." in lines
    assert any("Wednesday 9 December" in line for line in lines)
    assert "- Ask your question: how do you test new ideas with customers?" in lines


def test_when_is_relative_to_the_send_day():
    today = thank_yous(sample(date="2026-12-01", start_time="10:00", end_time="11:00"))[0]
    assert "meeting me today and" in today["body"]
    yesterday = thank_yous(sample(date="2026-12-01", start_time="19:00", end_time="20:00"))[0]
    assert "meeting me yesterday and" in yesterday["body"]
    friday = thank_yous(sample(date="2026-12-04", start_time="18:00", end_time="19:00"))[0]
    assert "meeting me on Friday and" in friday["body"]


@pytest.mark.parametrize(("day", "when"), [("2026-12-01", "yesterday"),  # Tuesday night
                                           ("2026-12-04", "on Friday")])  # sent on Monday
def test_an_interview_past_midnight_is_named_by_the_day_it_started(day, when):
    data = sample(date=day, start_time="23:30", end_time="00:45")
    assert f"meeting me {when} and" in thank_yous(data)[0]["body"]
    follow_up = next(d for d in drafts(data) if d["step"] == "follow-up-1")
    assert short_date_label(date.fromisoformat(day)) in follow_up["body"]


@pytest.mark.parametrize(("fmt", "phrase"), [("in_person", "meeting me"),
                                             ("video", "the video call"),
                                             ("phone", "the phone call")])
def test_format_changes_the_opening(fmt, phrase):
    assert f"Thank you for {phrase} today" in thank_yous(sample(format=fmt))[0]["body"]


def test_trailing_punctuation_in_notes_is_not_doubled():
    body = thank_yous(sample(interviewers=[{"name": "Ann", "topic": "pricing."}],
                             fit="I ran pricing at Acme.", questions="What next"))[0]["body"]
    assert "about pricing was a highlight" in body  # inside a sentence: its full stop goes
    assert "Acme.." not in body
    assert "turning over: what next?" in body  # a question, typed without its "?"


@pytest.mark.parametrize(("question", "asked"), [
    ("Will we use Python? 😀", "will we use Python?"),
    ("Is it hybrid 🏠", "is it hybrid?"),
    ("Who leads it 👍🏽", "who leads it?"),
])
def test_a_question_ending_in_an_emoji_ends_in_its_question_mark(question, asked):
    body = thank_yous(sample(questions=question))[0]["body"]
    assert f"still turning over: {asked}\n" in body or f"still turning over: {asked} " in body


def test_braces_in_user_text_are_kept_literally_and_never_expanded():
    body = thank_yous(minimal(company="{role} {0} {company!r}", role="Chef"))[0]["body"]
    assert "at {role} {0} {company!r}." in body


def test_signature_defaults_to_your_name_and_a_missing_name_is_asked_for():
    body = thank_yous(minimal(your_name="Kim Lee"))[0]["body"]
    assert body.endswith("Best wishes,\nKim Lee")
    outcome = run(minimal(), now=FIXED_NOW)["result"]
    assert outcome["drafts"][0]["body"].endswith("Best wishes,\n[Your name]")
    assert {"field": "your_name", "message": 'Add your name: your emails end with '
            '"[Your name]" until you do.'} in outcome["advice"]
    assert not [a for a in run(minimal(your_name="Kim"))["result"]["advice"]
                if a["field"] == "your_name"]


@pytest.mark.parametrize(("signature", "signed"), [
    # Contact details only: your name goes above them.
    ("07700 900123\nsam@example.com", "Sam Taylor\n07700 900123\nsam@example.com"),
    ("sam.taylor@example.com", "Sam Taylor\nsam.taylor@example.com"),
    # A signature that starts with your name, in any form, is used as it is.
    ("Sam Taylor\n07700 900123", "Sam Taylor\n07700 900123"),
    ("S. Taylor, MSc\n07700 900123", "S. Taylor, MSc\n07700 900123"),
    ("sam", "sam"),
])
def test_your_name_signs_above_a_signature_that_lacks_it(signature, signed):
    body = thank_yous(minimal(your_name="Sam Taylor", signature=signature))[0]["body"]
    assert body.endswith(f"Best wishes,\n{signed}")


def test_thank_yous_alike_but_for_the_greeting_are_named():
    # Each thank-you takes its own wording of each sentence, so alike ones are rare: with
    # ten people and nothing of their own, the tenth's wordings come round to the first's.
    people = [{"name": f"Person {number}"} for number in range(1, 11)]
    outcome = run(minimal(interviewers=people), now=FIXED_NOW)["result"]
    assert outcome["alike"] == ["Person 1", "Person 10"]
    bodies = [d["body"].partition("\n")[2] for d in outcome["drafts"] if d["step"] == "thank-you"]
    assert bodies[0] == bodies[9] and len(set(bodies)) == 9
    people[9]["topic"] = "late deliveries"
    assert run(minimal(interviewers=people), now=FIXED_NOW)["result"]["alike"] == []


def test_two_people_with_their_own_topics_share_at_most_half_their_sentences():
    data = sample(interviewers=[
        {"name": "Priya Raman", "topic": "live dashboards", "said": "asked about my SQL"},
        {"name": "Tom Okafor", "topic": "late deliveries"}], questions="How big is the team?\n"
                                                                      "Who sets priorities?")
    first, second = thank_yous(data)
    ratio = shared_sentence_ratio(first["body"], second["body"])
    assert ratio <= 0.5, ratio
    assert "how big is the team?" in first["body"] and "who sets priorities?" in second["body"]
    assert "SQL" in first["body"] and "SQL" not in second["body"]


def test_only_the_thank_yous_are_dated_to_their_day():
    dated = {draft["step"]: draft["dated"] for draft in drafts(sample())}
    assert dated == {"thank-you": True, "follow-up-1": False, "follow-up-2": False,
                     "call": False}


@pytest.mark.parametrize(("tone", "greeting"), [("warm", "Hi Minh Anh,"),
                                                ("formal", "Dear Minh Anh,")])
def test_how_to_address_them_is_the_greeting_when_given(tone, greeting):
    person = {"name": "Nguyễn Thị Minh Anh", "address_as": "  Minh Anh "}
    (draft,) = thank_yous(minimal(tone=tone, interviewers=[person]))
    assert draft["body"].splitlines()[0] == greeting
    assert draft["to_name"] == "Nguyễn Thị Minh Anh"  # the name as written, for the To line
