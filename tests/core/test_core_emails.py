"""Drafts: one thank-you per interviewer, tone and self-assessment, no empty traces."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from core_helpers import FIXED_NOW, minimal, sample, word_count

from followup import templates
from followup.api import run
from followup.emails import first_name
from followup.timeline import short_date_label

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
    assert by_step["follow-up-1"].startswith("Following up")
    assert "Product Designer" in by_step["follow-up-2"]
    assert by_step["call"] == "Call Fernbrook Studios about the Product Designer role"
    assert thank_yous(minimal())[0]["subject"] == (
        "Thank you \N{EN DASH} interview at Fernbrook Studios")


def test_tones_change_greeting_wording_and_sign_off():
    warm = thank_yous(sample(tone="warm"))[0]["body"]
    formal = thank_yous(sample(tone="formal"))[0]["body"]
    assert warm.startswith("Hi Jane,") and formal.startswith("Dear Dr Jane Whitfield,")
    assert "\n\nBest wishes,\nAlex Morgan\n07700 900456" in warm
    assert "\n\nKind regards,\nAlex Morgan\n07700 900456" in formal
    assert "I'm" in warm and "I'm" not in formal  # formal avoids contractions


@pytest.mark.parametrize("tone", TONES)
def test_assessments_change_the_wording(tone):
    bodies = {a: thank_yous(sample(tone=tone, assessment=a))[0]["body"] for a in ASSESSMENTS}
    assert len(set(bodies.values())) == 3


@pytest.mark.parametrize("tone", TONES)
def test_badly_mentions_the_clarify_point_once_and_briefly(tone):
    point = "my answer about budgets"
    for note in thank_yous(sample(tone=tone, assessment="badly", clarify=point)):
        sentences = [s for s in re.split(r"(?<=[.?!])\s+", note["body"]) if point in s]
        assert len(sentences) == 1
        assert word_count(sentences[0]) <= 30
        assert sentences[0] == templates.CLARIFY[tone]["badly"].format(clarify=point)
    for draft in drafts(sample(tone=tone, assessment="badly", clarify=point))[2:4]:
        assert point not in draft["body"]  # the follow-ups move on


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
            templates.SIGN_OFF[tone])


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
    assert any("How do you test new ideas with customers?" in line for line in lines)


def test_when_is_relative_to_the_send_day():
    today = thank_yous(sample(date="2026-12-01", start_time="10:00", end_time="11:00"))[0]
    assert "meeting me today," in today["body"]
    yesterday = thank_yous(sample(date="2026-12-01", start_time="19:00", end_time="20:00"))[0]
    assert "meeting me yesterday," in yesterday["body"]
    friday = thank_yous(sample(date="2026-12-04", start_time="18:00", end_time="19:00"))[0]
    assert "meeting me on Friday," in friday["body"]


@pytest.mark.parametrize(("day", "when"), [("2026-12-01", "yesterday"),  # Tuesday night
                                           ("2026-12-04", "on Friday")])  # sent on Monday
def test_an_interview_past_midnight_is_named_by_the_day_it_started(day, when):
    data = sample(date=day, start_time="23:30", end_time="00:45")
    assert f"meeting me {when}," in thank_yous(data)[0]["body"]
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
    assert "What next." in body


@pytest.mark.parametrize("question", ["Will we use Python? 😀", "Is it hybrid 🏠", "Team lunch ❤️",
                                      "Who leads it 👍🏽"])
def test_a_question_ending_in_an_emoji_gets_no_full_stop_after_it(question):
    body = thank_yous(sample(questions=question))[0]["body"]
    assert question in body and f"{question}." not in body


def test_braces_in_user_text_are_kept_literally_and_never_expanded():
    body = thank_yous(minimal(company="{role} {0} {company!r}", role="Chef"))[0]["body"]
    assert "at {role} {0} {company!r}." in body


@pytest.mark.parametrize(("name", "expected"), [("Dr Jane Smith", "Jane"), ("Jane", "Jane"),
                                                ("Prof. Ada Lovelace", "Ada"), ("Dr", "Dr"),
                                                ("Mary-Ann O'Neil", "Mary-Ann"),
                                                ("Mr Okafor", "Mr Okafor"),
                                                ("Mrs. Patel", "Mrs. Patel")])
def test_first_name(name, expected):
    assert first_name(name) == expected


def test_signature_defaults_to_your_name_and_can_be_absent():
    body = thank_yous(minimal(your_name="Kim Lee"))[0]["body"]
    assert body.endswith("Best wishes,\nKim Lee")
    assert thank_yous(minimal())[0]["body"].endswith("Best wishes,")


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
    people = [{"name": "Priya Raman"}, {"name": "Tom Okafor"}, {"name": "Ana Silva",
                                                                "topic": "the depot dashboards"}]
    outcome = run(minimal(interviewers=people), now=FIXED_NOW)["result"]
    assert outcome["alike"] == ["Priya Raman", "Tom Okafor"]  # Ana's has her own topic
    people[1]["topic"] = "late deliveries"
    assert run(minimal(interviewers=people), now=FIXED_NOW)["result"]["alike"] == []


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
