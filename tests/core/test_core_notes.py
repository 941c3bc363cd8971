"""notes.py on its own: a note as typed, shaped for the sentence that quotes it.

The corpus tests read whole drafts; these pin each shape to examples, so a change to a
word list shows exactly what it changes.
"""

from __future__ import annotations

import pytest

from followup import notes
from followup.notes import Note


@pytest.mark.parametrize(("typed", "expected"), [
    ("the data pipeline", ["the data pipeline"]),
    ("- dashboards\n- forecasting\n* hiring", ["dashboards", "forecasting", "hiring"]),
    ("• dashboards • forecasting", ["dashboards", "forecasting"]),
    ("1. dashboards\n2) forecasting", ["dashboards", "forecasting"]),
    # A list typed one item a line, without bullets, stays a list.
    ("dashboards\nforecasting\nhiring", ["dashboards", "forecasting", "hiring"]),
    ("Great team. They ship weekly!", ["Great team.", "They ship weekly!"]),
    ("Met Dr. Grant and J. Smith.", ["Met Dr. Grant and J. Smith."]),
    ("dunno\nn/a\nthe roadmap", ["the roadmap"]),
    # A line wrapped by hand (or pasted from a narrow window) is one sentence again.
    ("I have built monthly demand forecasts in Python for two years, and checked\neach one "
     "against the deliveries", ["I have built monthly demand forecasts in Python for two "
                                "years, and checked each one against the deliveries"]),
    ("- rebuilding the reports so that the\n  managers trust them\n- hiring",
     ["rebuilding the reports so that the managers trust them", "hiring"]),
    # Questions are one a line, with or without "?".
    ("Do testers sit in the product squads or in a central team\nis the team remote",
     ["Do testers sit in the product squads or in a central team", "is the team remote"]),
    # A short line ending in a word that can end a phrase, then one in lower case: a list.
    ("the roadmap\nhiring plans", ["the roadmap", "hiring plans"]),
])
def test_items_are_lines_bullets_and_sentences(typed, expected):
    assert notes.items(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("they asked about my notice period", "you asked about my notice period"),
    ("asked how I'd scale their data platform", "you asked how I'd scale your data platform"),
    ("their plans for live dashboards", "your plans for live dashboards"),
    ("she said her team is growing", "you said your team is growing"),
    ("asked her about the rota", "I asked you about the rota"),
    ("told them I could start in March", "I told you I could start in March"),
    ("does she lead the team", "do you lead the team"),
    ("he was keen on testing", "you were keen on testing"),
    # "Their" after things named before it is theirs, not the person's.
    ("how late deliveries are traced back to their cause",
     "how late deliveries are traced back to their cause"),
    ("the depots and their managers", "the depots and their managers"),
    ("clients want dashboards, they said", "clients want dashboards, you said"),
    # The reader's own words stay theirs.
    ("I asked about my first month", "I asked about my first month"),
])
def test_to_you_speaks_to_the_person_the_note_is_about(typed, expected):
    assert notes.to_you(typed) == expected


@pytest.mark.parametrize(("typed", "spec", "expected"), [
    ("We talked about the rebuild.", "phrase", "the rebuild"),
    ("The team is growing fast.", "phrase", ""),  # a sentence: no phrase, the template's next
    ("The rebuild!", "clause", "the rebuild"),
    ("Seasonal forecasts", "clause", "Seasonal forecasts"),  # not known as common: kept
    ("London office", "clause", "London office"),
    ("a second round next week", "sentence", "A second round next week."),
    ("great chat 🔥", "sentence", "Great chat 🔥"),
    ("great chat 🔥!", "sentence,formal", "Great chat."),
    ("- dashboards\n- forecasting\n- hiring", "clause", "dashboards, forecasting and hiring"),
    ("- dashboards\n- forecasting", "sentence", "Dashboards. Forecasting."),
    ("led a rebrand", "clause,i", "I led a rebrand"),
    ("ten years in retail", "clause,i", "I bring ten years in retail"),
])
def test_a_note_takes_the_shape_its_sentence_asks_for(typed, spec, expected):
    assert format(Note(typed), spec) == expected


def test_an_unknown_shape_is_a_template_bug():
    with pytest.raises(ValueError, match="no shape"):
        format(Note("x"), "paragraph")


@pytest.mark.parametrize(("typed", "expected"), [
    ("How big is the team? who sets priorities", [
        notes.Question(text="How big is the team?"),
        notes.Question(text="Who sets priorities?")]),
    ("- how do you measure success\n- the team's plans", [
        notes.Question(text="How do you measure success?"),
        notes.Question(topic="the team's plans")]),
    ("wondering about the on-call rota", [notes.Question(topic="the on-call rota")]),
    ("not sure whether the role is hybrid", [notes.Question(topic="whether the role is hybrid")]),
    ("???\nn/a", []),
])
def test_questions_each_end_in_a_question_mark_or_become_a_topic(typed, expected):
    assert notes.questions(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("my answer on forecasting was weak", notes.Clarification(topic="forecasting")),
    ("I rambled about stakeholder management",
     notes.Clarification(topic="stakeholder management")),
    ("forgot to mention that I led a team of five",
     notes.Clarification(forgotten="I led a team of five")),
    ("Salary expectations - I fumbled it", notes.Clarification(topic="salary expectations")),
    ("", notes.Clarification()),
])
def test_a_point_to_clarify_gives_its_subject_or_the_point(typed, expected):
    assert notes.clarification(typed) == expected


@pytest.mark.parametrize(("typed", "shouting"), [
    ("HOW DOES THE TEAM SHARE ITS REPORTS?", True),
    ("How does the NHS share its reports?", False),
    ("SQL, AWS", False),  # acronyms, not shouting
])
def test_a_note_in_capitals_is_noticed(typed, shouting):
    assert notes.in_capitals(typed) is shouting


@pytest.mark.parametrize(("typed", "expected"), [
    ("Sam said my tests were clean", "they said my tests were clean"),
    ("Sam's team ships weekly", "their team ships weekly"),
    ("Dr Bello asked about audits", "they asked about audits"),
    ("Will the team grow?", "Will the team grow?"),  # a question, not Will
    ("Samuel said hello", "Samuel said hello"),  # another name that starts the same
])
def test_a_note_that_opens_with_their_name_speaks_of_them(typed, expected):
    assert notes.name_as_they(typed, ["Sam Lee", "Sam", "Lee", "Dr Bello", "Will"]) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("i think i'd fit", "I think I'd fit"),
    ("i.e. the data team", "i.e. the data team"),
    ("worked w/ the CTO", "worked with the CTO"),
    ("latte art + oat milk", "latte art and oat milk"),
    ("open source stuff!!", "open source stuff!"),
    ("i panicked lol", "I panicked"),
    ("free on saturdays and in june", "free on Saturdays and in June"),
    ("we may march on", "we may march on"),
])
def test_shorthand_reads_as_a_letter_says_it(typed, expected):
    assert notes.items(typed) == [expected]


@pytest.mark.parametrize(("typed", "expected"), [
    ("Integrated three acquisitions onto SAP", "I integrated three acquisitions onto SAP"),
    ("led a rebrand", "I led a rebrand"),
    ("ten years in retail", "I bring ten years in retail"),
    ("Tissue viability link nurse for 3 years", "Tissue viability link nurse for 3 years"),
    ("fluent in Polish", "I'm fluent in Polish"),
    ("I rebuilt the reports", "I rebuilt the reports"),
])
def test_what_the_reader_did_gets_its_I(typed, expected):
    assert notes.with_subject(typed) == expected


@pytest.mark.parametrize(("typed", "phrase"), [
    ("the data pipeline, dashboards and alerts", "the data pipeline, dashboards and alerts"),
    ("two more interviews, then a call", "two more interviews, then a call"),
    ("Family liaison, lots of complaints about communication", ""),
    ("the year 9 lesson I taught, you said the starter was good", ""),
    ("getting KS4 numbers up - only 20 kids took it", ""),
])
def test_two_thoughts_joined_by_a_comma_are_no_phrase(typed, phrase):
    assert notes.as_phrase(typed) == phrase


@pytest.mark.parametrize(("typed", "topic"), [
    ("rambled on the safeguarding question", "safeguarding"),
    ("I didn't explain my experience with ventilated patients properly, I was nervous and "
     "talked too fast", "my experience with ventilated patients"),
    ("wasn't clear about budgets", "budgets"),
])
def test_how_it_felt_is_left_out_of_the_point_to_clarify(typed, topic):
    assert notes.clarification(typed) == notes.Clarification(topic=topic)


def test_her_before_a_preposition_is_the_person():
    assert notes.to_you("a disagreement with her over a forecast") == (
        "a disagreement with you over a forecast")


@pytest.mark.parametrize(("typed", "kept"), [
    ("why I wanted to leave my last job... I panicked", "why I wanted to leave my last job"),
    ("the rota… not sure", "the rota… not sure"),  # too little before it: kept whole
    ("Asked about migrations... Asked me to sketch a watchdog timer on the whiteboard",
     "Asked about migrations... Asked me to sketch a watchdog timer on the whiteboard"),
    ("asked about audits", "asked about audits"),
])
def test_an_aside_after_an_ellipsis_is_the_readers_to_keep(typed, kept):
    assert notes.without_aside(typed) == kept
