"""The prose checks (prose.py) on hand-written good and bad text, and the notes corpus
(notes_corpus.py): big enough, varied as promised, and valid input for today's core."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date

import prose
import pytest
from notes_corpus import NOTE_SETS

from followup.api import run


def email(*paragraphs: str, greeting: str = "Hi Jane,",
          closing: str = "Best wishes,\nSam Taylor\n07700 900123") -> str:
    """A draft body shaped as the core writes it: greeting, paragraphs, sign-off."""
    return "\n\n".join([greeting, *paragraphs, closing])


def draft(body: str, step: str = "thank-you", to_name: str = "Jane Smith") -> dict:
    return {"step": step, "to_name": to_name, "to": "", "subject": "Thank you", "body": body}


# --- Helpers ------------------------------------------------------------------------------


def test_split_body_sets_greeting_and_signature_aside():
    body = email("First paragraph.", "Second paragraph.", greeting="Dear Dr Grant,",
                 closing="Kind regards,\nSam Taylor\n\nsam@example.com")
    greeting, message, closing = prose.split_body(body)
    assert greeting == "Dear Dr Grant,"
    assert message == "First paragraph.\n\nSecond paragraph."
    assert closing.startswith("Kind regards,\nSam Taylor")


def test_split_body_of_talking_points_is_all_message():
    points = "- Ask for Jane.\n- Thank them again for the interview."
    assert prose.split_body(points) == ("", points, "")


def test_sentences_respect_abbreviations_initials_and_ellipses():
    text = ("Dr. Grant and J. Okafor met me at Acme Ltd. on Monday. It went ok... not sure. "
            "How big is the team? who owns the budget.")
    assert prose.sentences(text) == [
        "Dr. Grant and J. Okafor met me at Acme Ltd. on Monday.",
        "It went ok... not sure.",
        "How big is the team?",
        "who owns the budget.",
    ]


def test_sentences_of_talking_points_drop_the_dash():
    assert prose.sentences("- Ask for Jane.\n- Thank them. Then stop.") == [
        "Ask for Jane.", "Thank them.", "Then stop."]


def test_sentences_do_not_split_at_list_numbers():
    assert prose.sentences("Steps: 1. second round 2. references. Then an offer.") == [
        "Steps: 1. second round 2. references.", "Then an offer."]


# --- doubled_words ------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Thanks for the chance to talk about the Senior Engineer role role at Glasshouse.",
    "I look forward to hearing about the the next steps.",
    "The the team was great.",
])
def test_doubled_words_catches(text):
    assert prose.doubled_words(text)


@pytest.mark.parametrize("text", [
    "Thanks for the chance to talk about the Senior Engineer role at Glasshouse.",
    "I wondered what he had had in mind for the launch.",
    email("It was lovely to meet you.", greeting="Hi Sam,", closing="Best wishes,\nSam"),
])
def test_doubled_words_passes(text):
    assert prose.doubled_words(text) == []


# --- bad_punctuation ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Having thought about how the brand feels dated!, I am confident I can help.",
    "One question: how is success measured?.",
    "You mentioned the next steps:.",
    "I'd love to join Greaves Hydraulics Ltd..",
    "I enjoyed our chat,, and the tour.",
    "I enjoyed our chat , and the tour.",
    "I enjoyed our chat .",
    "Recruitment is far behind 📉.",
    "The nightly loads…. Having reflected on it, I can help.",
    "It went well.... I think.",
])
def test_bad_punctuation_catches(text):
    assert prose.bad_punctuation(text)


@pytest.mark.parametrize("text", [
    "It went well... I think so, anyway.",
    "We met at 10:30 on Friday; it went well.",
    "Thanks for the coffee :)",
    "Dr. Grant, e.g., asked about budgets.",
    "Really? Yes! The team is growing.",
    "I met the team ... and liked them.",
])
def test_bad_punctuation_passes(text):
    assert prose.bad_punctuation(text) == []


# --- list_dashes_in_prose -----------------------------------------------------------------


@pytest.mark.parametrize(("body", "step"), [
    (email("You mentioned the next steps: - final round - references."), "follow-up-1"),
    (email("Having thought about • basket size • subscriptions, I can help."), "thank-you"),
    (email("One question: 1. How big is the team? 2. Who sets priorities?"), "thank-you"),
    (email("My strengths:\n- calm under pressure"), "thank-you"),
    ("- Ask for Jane.\n- Ask your open question: - how big? - who decides?", "call"),
    ("* Ask for Jane.", "call"),
])
def test_list_dashes_in_prose_catches(body, step):
    assert prose.list_dashes_in_prose(body, step)


@pytest.mark.parametrize(("body", "step"), [
    ("- Ask for Jane (Head of Design).\n- Thank them again for the interview.", "call"),
    (email("The work \N{EN DASH} and the team \N{EN DASH} appealed to me."), "thank-you"),
    (email("I led a team of 5. It grew our 18-30 audience."), "thank-you"),
    (email("I'm following up on my interview at Crumb & Co."), "follow-up-1"),
])
def test_list_dashes_in_prose_passes(body, step):
    assert prose.list_dashes_in_prose(body, step) == []


def test_a_dash_line_in_an_email_is_not_excused_as_a_talking_point():
    body = email("Thanks again.\n- and one more thing")
    assert prose.list_dashes_in_prose(body, "thank-you")
    assert prose.list_dashes_in_prose("- and one more thing", "call") == []


# --- capitalised_note_word_mid_sentence ---------------------------------------------------

NOTES_WE_TALKED = {"company": "Harbour & Co", "date": "2027-02-09", "start_time": "16:30",
                   "interviewers": [{"name": "Li Chen",
                                     "topic": "We talked about the spring campaign"}],
                   "challenges": "The brand feels dated",
                   "fit": "I led a rebrand at Northgate"}


@pytest.mark.parametrize("text", [
    "Talking with you about We talked about the spring campaign was a highlight.",
    "I'd love to help with The brand feels dated.",
])
def test_capitalised_note_word_catches(text):
    assert prose.capitalised_note_word_mid_sentence(email(text), NOTES_WE_TALKED)


@pytest.mark.parametrize("text", [
    "Talking with you about the spring campaign was a highlight.",
    "Talking with you about we talked about the spring campaign was a highlight.",
    "We talked about the spring campaign. It was a highlight.",
    "I'm confident I can help: I led a rebrand at Northgate.",
    "You mentioned the next steps: The brand feels dated.",  # after a colon: style
])
def test_capitalised_note_word_passes(text):
    assert prose.capitalised_note_word_mid_sentence(email(text), NOTES_WE_TALKED) == []


def test_capitalised_note_word_leaves_names_and_acronyms_alone():
    notes = {"company": "The Daily Loaf", "challenges": "The Daily Loaf has a new store",
             "fit": "US retail experience",
             "interviewers": [{"name": "Will Hart", "topic": "Will Hart's plans"}]}
    body = email("I'd love to help with The Daily Loaf has a new store, with US retail "
                 "experience, and with Will Hart's plans.")
    assert prose.capitalised_note_word_mid_sentence(body, notes) == []


# --- subject_pronoun_after_preposition ----------------------------------------------------


@pytest.mark.parametrize("text", [
    "I don't think I did I wasn't clear about why I'm leaving justice on the day.",
    "I'd also like to add to my answer about I forgot to mention the budget.",
    "I was particularly interested in our discussion of We talked about the rebuild.",
    "I would be happy to expand on they want weekly releases.",
    "I do not feel I did justice to i blanked on the compliance question.",
])
def test_subject_pronoun_after_preposition_catches(text):
    assert prose.subject_pronoun_after_preposition(email(text))


@pytest.mark.parametrize("text", [
    "I'd be glad to say a little more about it.",
    "Talking with you about the rebuild was a highlight for me.",
    "I'm confident I can help: I led a team of five.",
    "You mentioned the next steps: they will call on Friday.",
    "I'd love to hear from you about the next steps.",
    "Did I mention the budget? I did.",
])
def test_subject_pronoun_after_preposition_passes(text):
    assert prose.subject_pronoun_after_preposition(email(text)) == []


# --- questions_end_with_question_mark -----------------------------------------------------


@pytest.mark.parametrize("text", [
    "One question I'm still turning over: how do they measure success.",
    "Which reporting tools does the firm use.",
    "Is there budget for training.",
    "How much does the team travel.",
    "Who would I report to.",
    "What's the roadmap for the app.",
    "How big is the team? who sets priorities? is remote ok for the admin days.",
])
def test_questions_end_with_question_mark_catches(text):
    assert prose.questions_end_with_question_mark(email(text))


@pytest.mark.parametrize("text", [
    "When we spoke, you mentioned the next steps.",
    "What they said about next steps: a second round.",
    "Do let me know if you need anything else.",
    "How is success measured in the first year?",
    "Should you need anything else, I'd be glad to help.",
    "Talking about it was a highlight for me.",
    "I wonder how big the team is.",
    "How we work matters to me.",
    "Which is why I'd love to join... eventually.",
    "When the team is ready, I'd be glad to start.",
    "What I would bring is ten years of reporting.",
])
def test_questions_end_with_question_mark_passes(text):
    assert prose.questions_end_with_question_mark(email(text)) == []


def test_the_tail_of_a_sentence_cut_by_a_note_is_not_a_question():
    text = "Talking with you about Why is locum spend so high? was a highlight for me."
    assert prose.questions_end_with_question_mark(email(text)) == []
    assert prose.lowercase_sentence_start(email(text))  # caught there instead


# --- count_words_agree --------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "One question I'm still turning over: How big is the team? Who sets priorities?",
    "I would be glad to return to one question: how big is the team? who decides.",
    "I have two questions: How big is the team?",
    "Three questions: How big is the team? Who decides?",
])
def test_count_words_agree_catches(text):
    assert prose.count_words_agree(email(text))


def test_count_words_agree_catches_a_talking_point():
    points = "- Ask for Jane.\n- Ask your open question: How big is the team? Who decides?"
    assert prose.count_words_agree(points)


@pytest.mark.parametrize("text", [
    "One question I'm still turning over: How big is the team?",
    "Two questions: How big is the team? Who sets priorities?",
    "Is there any news you can share on the timing? I'd be glad to help.",
    "I'd welcome questions about my portfolio.",
    "One question I'm still turning over: wondering about the team size.",
])
def test_count_words_agree_passes(text):
    assert prose.count_words_agree(email(text)) == []


# --- lowercase_sentence_start -------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "How is success measured? who owns the brand budget.",
    "Thanks again. talked too fast, sorry.",
    "It went well! runway??",
])
def test_lowercase_sentence_start_catches(text):
    assert prose.lowercase_sentence_start(email(text))


@pytest.mark.parametrize("text", [
    "How is success measured? Who owns the brand budget?",
    "Thanks again. iPhone apps are next.",
    "It went ok... not sure why.",
    "Quanto custa? (how much it costs).",
    "Thanks. 5 of us started on Monday.",
])
def test_lowercase_sentence_start_passes(text):
    assert prose.lowercase_sentence_start(email(text)) == []


def test_lowercase_greeting_and_signature_are_not_sentences():
    body = email("It was good to meet you.", greeting="Hi bernadette,",
                 closing="Best wishes,\nkerry-ann")
    assert prose.lowercase_sentence_start(body) == []


# --- word_count and within_budget ---------------------------------------------------------


def test_word_count_skips_greeting_and_signature():
    body = email("One two three four five.", greeting="Dear Dr Jane Whitfield-Smith,",
                 closing="Kind regards,\nSam Taylor\nSenior Analyst at Harbourline")
    assert prose.word_count(body) == 5


def words(number: int) -> str:
    return " ".join(["word"] * number) + "."


@pytest.mark.parametrize(("step", "number"), [
    ("thank-you", 200), ("follow-up-1", 120), ("follow-up-2", 120), ("call", 500),
    ("rejection", 100), ("thank-arranger", 100)])
def test_within_budget_passes_at_the_limit(step, number):
    body = words(number) if step == "call" else email(words(number))
    assert prose.within_budget(draft(body, step)) == []


@pytest.mark.parametrize(("step", "number"), [
    ("thank-you", 201), ("follow-up-1", 121), ("follow-up-2", 150), ("offer", 101),
    ("more-time", 101), ("next-round", 101), ("other-offer", 101), ("withdraw", 101),
    ("thank-arranger", 101)])
def test_within_budget_catches_over_the_limit(step, number):
    assert prose.within_budget(draft(email(words(number)), step))


def test_within_budget_does_not_count_a_long_signature():
    long_closing = "Kind regards,\n" + words(60)
    assert prose.within_budget(draft(email(words(120), closing=long_closing),
                                     "follow-up-1")) == []


# --- repeated_frame_word ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Thanks for the chance to talk about the Senior Engineer role role at Glasshouse.",
    "Thank you for meeting me to discuss the Data Analyst position role at Calder.",
    "I'd also like to add to my answer about My answer on budgeting was too vague.",
    "I'm writing about the night manager vacancy position at the hotel.",
])
def test_repeated_frame_word_catches(text):
    assert prose.repeated_frame_word(email(text))


@pytest.mark.parametrize("text", [
    "Thanks for the chance to talk about the Senior Engineer role at Glasshouse.",
    "The role appeals to me. The role's focus on data even more so.",
    "The role and the team both appeal to me.",
    "I'd like to add to my answer about budgeting.",
    "You mentioned the next steps: an online test then a final interview.",
    "You mentioned a final interview and a second interview on site.",
])
def test_repeated_frame_word_passes(text):
    assert prose.repeated_frame_word(email(text)) == []


# --- greeting_problems --------------------------------------------------------------------

PANEL = {"interviewers": [
    {"name": "Nguyễn Thị Thu Hà", "address_as": "Thu Hà"},
    {"name": "Jane Smith"},
]}


@pytest.mark.parametrize(("greeting", "to_name"), [
    ("Dear Chen, Li,", "Chen, Li"),
    ("Hi Chen,,", "Chen, Li"),
    ("Dear Helen Marsh, PhD,", "Helen Marsh, PhD"),
    ("Hi bernadette,", "mrs bernadette o'leary"),
    ("Hi Cllr,", "Cllr Margaret Eze"),
    ("Hi A.,", "A. J. Pemberton-Rowe"),
    ("Dear Dr. Olivia Grant,", "Dr. Olivia Grant"),
    ("Dear Zhou Xinyi (Cindy),", "Zhou Xinyi (Cindy)"),
    ("Hi Nguyễn,", "Nguyễn Thị Thu Hà"),
])
def test_greeting_problems_catches(greeting, to_name):
    body = email("Thank you for meeting me.", greeting=greeting)
    assert prose.greeting_problems(draft(body, to_name=to_name), PANEL)


@pytest.mark.parametrize(("greeting", "to_name"), [
    ("Dear Dr Grant,", "Dr Olivia Grant"),
    ("Hi Thu Hà,", "Nguyễn Thị Thu Hà"),
    ("Dear Jean-Marc de la Rosa,", "Jean-Marc de la Rosa"),
    ("Dear Rhys ap Gwilym,", "Rhys ap Gwilym"),
    ("Hi Jane,", "Jane Smith"),
    ("Dear Mr Okafor,", "Mr Okafor"),
    ("Hello,", ""),
    ("Dear Hiring Manager,", ""),
])
def test_greeting_problems_passes(greeting, to_name):
    body = email("Thank you for meeting me.", greeting=greeting)
    assert prose.greeting_problems(draft(body, to_name=to_name), PANEL) == []


def test_greeting_problems_skips_talking_points():
    assert prose.greeting_problems(draft("- Ask for Chen, Li.", "call", "Chen, Li"), {}) == []


# --- third_person_for_reader --------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "When we spoke, you mentioned the next steps: she'll ring me at the end of the week.",
    "When we spoke, you outlined the next steps: They said they'd decide by Friday.",
    "You explained the process: they will write to me.",
])
def test_third_person_for_reader_catches(text):
    assert prose.third_person_for_reader(email(text), "follow-up-1")


@pytest.mark.parametrize("text", [
    "You mentioned that the team will grow next year.",
    "They said so in the advert, and you confirmed it.",
    "When we spoke, you mentioned the next steps: a second round next week.",
])
def test_third_person_for_reader_passes(text):
    assert prose.third_person_for_reader(email(text), "follow-up-1") == []


def test_third_person_is_fine_in_talking_points():
    points = "- What they said about next steps: you'll hear when they'll decide."
    assert prose.third_person_for_reader(points, "call") == []


# --- emoji_in_formal_email ----------------------------------------------------------------


def test_emoji_in_formal_email():
    body = email("Patient recruitment is far behind \N{CHART WITH DOWNWARDS TREND}.")
    assert prose.emoji_in_formal_email(body, {"tone": "formal"}, "thank-you")
    assert prose.emoji_in_formal_email(body, {"tone": "warm"}, "thank-you") == []
    assert prose.emoji_in_formal_email(body, {"tone": "formal"}, "call") == []
    plain = email("Patient recruitment is far behind.")
    assert prose.emoji_in_formal_email(plain, {"tone": "formal"}, "thank-you") == []


# --- new_keys_reflected -------------------------------------------------------------------

NEW_KEYS_NOTES = {
    "clarify": "my answer on forecasting",
    "clarify_add": "I built quarterly demand forecasts for twelve depots.",
    "clarify_with": "2",
    "interviewers": [
        {"name": "Priya Raman", "said": "asked how depot managers would trust dashboards"},
        {"name": "Tom Okafor"},
    ],
}


def test_new_keys_reflected_catches():
    generic = email("Thank you for meeting me. I would welcome the chance to add to my answer "
                    "on forecasting.")
    to_priya = prose.new_keys_reflected(draft(generic, to_name="Priya Raman"), NEW_KEYS_NOTES)
    assert any("said" in problem for problem in to_priya)
    assert any("concerns Tom Okafor" in problem for problem in to_priya)
    to_tom = prose.new_keys_reflected(draft(generic, to_name="Tom Okafor"), NEW_KEYS_NOTES)
    assert any("better answer" in problem for problem in to_tom)


def test_new_keys_reflected_passes():
    to_priya = email("Thank you for meeting me. You asked how depot managers would trust the "
                     "dashboards: I'd start with the numbers they already check.")
    to_tom = email("Thank you for meeting me. On forecasting, I should have said that I built "
                   "quarterly demand forecasts for twelve depots.")
    assert prose.new_keys_reflected(draft(to_priya, to_name="Priya Raman"),
                                    NEW_KEYS_NOTES) == []
    assert prose.new_keys_reflected(draft(to_tom, to_name="Tom Okafor"), NEW_KEYS_NOTES) == []
    assert prose.new_keys_reflected(draft(to_priya, "follow-up-1", "Priya Raman"),
                                    NEW_KEYS_NOTES) == []


def test_new_keys_reflected_lets_a_person_hear_their_own_topic_in_the_points_words():
    # Found by the property test: Agnieszka's topic shares its words with a point to
    # clarify that concerns someone else; her thank-you names her topic, not the point.
    notes = {"clarify": "I blanked on the lending compliance question",
             "interviewers": [{"name": "A. J. Pemberton-Rowe"},
                              {"name": "Agnieszka Wójcik-Nowicka",
                               "topic": "lending compliance audits"}]}
    about_her_topic = email("Talking with you about lending compliance audits was a "
                            "highlight for me. One question I'm still turning over: how do "
                            "the audits start?")
    assert prose.new_keys_reflected(draft(about_her_topic, to_name="Agnieszka Wójcik-Nowicka"),
                                    notes) == []
    clarifying = email("I blanked on the compliance question about lending: I'd start with "
                       "the loan files.")
    assert prose.new_keys_reflected(draft(clarifying, to_name="Agnieszka Wójcik-Nowicka"),
                                    {**notes, "interviewers": [notes["interviewers"][0], {
                                        "name": "Agnieszka Wójcik-Nowicka"}]})


# --- shared_sentence_ratio and thank_yous_alike -------------------------------------------


def test_shared_sentence_ratio():
    a = email("Thank you for meeting me. We discussed dashboards. I'd love to join.")
    b = email("Thank you for meeting me. We discussed late deliveries. I'd love to join.",
              greeting="Hi Tom,")
    assert prose.shared_sentence_ratio(a, a) == 1.0
    assert prose.shared_sentence_ratio(a, b) == pytest.approx(2 / 3)
    assert prose.shared_sentence_ratio(a, email("Something else entirely.")) == 0.0


def test_thank_yous_alike():
    a = email("Thank you for meeting me. We discussed dashboards. I'd love to join.")
    b = email("Thank you for meeting me. We discussed late deliveries. I'd love to join.")
    c = email("It was good to hear how late deliveries are traced. Your point about depots "
              "stayed with me. I'd love to join.")
    alike = [draft(a, to_name="Priya"), draft(b, to_name="Tom")]
    assert prose.thank_yous_alike(alike)
    assert prose.thank_yous_alike([draft(a, to_name="Priya"), draft(c, to_name="Tom")]) == []
    assert prose.thank_yous_alike([draft(a, "follow-up-1"), draft(b, "follow-up-2")]) == []


def test_check_draft_runs_every_check():
    result = prose.check_draft(draft(email("Thank you.")), {})
    assert set(result) == set(prose.DRAFT_CHECKS)
    assert all(problems == [] for problems in result.values())


# --- The corpus ---------------------------------------------------------------------------

REQUIRED = {"company", "date", "start_time"}
NOTE_FIELDS = ("next_steps", "questions", "challenges", "fit", "clarify")
TITLE = re.compile(r"^(?:dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame|rev|revd|cllr|engr)\b\.?\s",
                   re.IGNORECASE)
SUFFIX = re.compile(r"(?:,?\s(?:jr|sr|ii|iii|iv|phd|md))\.?$", re.IGNORECASE)
PARTICLE = re.compile(r"\s(?:de|la|le|du|da|di|dos|van|von|der|den|ter|ap|bin|al)\s")
BULLET_LINE = re.compile(r"^(?:- |\* |• |\d{1,2}\. )", re.MULTILINE)


def people(notes: dict) -> list[dict]:
    return [person for person in notes.get("interviewers") or [] if person.get("name")]


def all_people() -> list[dict]:
    return [person for _, notes in NOTE_SETS for person in people(notes)]


def texts(notes: dict) -> list[str]:
    """Every free-text note of a set, interviewer topics included."""
    found = [notes.get(key) or "" for key in NOTE_FIELDS]
    found += [person.get("topic") or "" for person in people(notes)]
    return [text for text in found if text]


def count_sets(predicate) -> int:
    return sum(1 for _, notes in NOTE_SETS if predicate(notes))


def is_last_first(name: str) -> bool:
    return bool(re.fullmatch(r"[^,]+, [^,]+", name)) and not SUFFIX.search(name)


def is_family_first_with_address_as(person: dict) -> bool:
    """A name whose given name comes last, and address_as that uses it: "Thu Hà"."""
    words = person["name"].split()
    address = (person.get("address_as") or "").split()
    return (len(words) >= 2 and 0 < len(address) < len(words) and "," not in person["name"]
            and not TITLE.match(person["name"]) and words[-len(address):] == address)


def test_corpus_names_are_unique_kebab_case_and_there_are_enough():
    names = [name for name, _ in NOTE_SETS]
    assert len(names) >= 70
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name) for name in names)


@pytest.mark.parametrize(("name", "notes"), NOTE_SETS, ids=[name for name, _ in NOTE_SETS])
def test_corpus_entry_is_valid_for_the_core(name, notes):
    outcome = run(notes, calendar_file=False)
    assert outcome["ok"], (name, outcome.get("errors"))


def test_new_keys_are_well_formed():
    for name, notes in NOTE_SETS:
        number = notes.get("clarify_with")
        if number is not None:
            assert isinstance(number, str) and number.isdigit(), name
            assert 1 <= int(number) <= len(people(notes)), name
            assert notes.get("clarify") and notes.get("clarify_add"), name
        assert len(notes.get("clarify_add") or "") <= 500, name
        for person in people(notes):
            assert len(person.get("address_as") or "") <= 100, name
            assert len(person.get("said") or "") <= 300, name
    assert sum(1 for person in all_people() if person.get("address_as")) >= 10
    assert sum(1 for person in all_people() if person.get("said")) >= 10
    assert count_sets(lambda notes: notes.get("clarify_add")) >= 5
    assert count_sets(lambda notes: notes.get("clarify_with")) >= 5


def test_corpus_covers_every_tone_and_assessment():
    pairs = Counter((notes.get("tone") or "warm", notes.get("assessment") or "well")
                    for _, notes in NOTE_SETS)
    for tone in ("warm", "formal"):
        for assessment in ("well", "mixed", "badly"):
            assert pairs[(tone, assessment)] >= 3, (tone, assessment)
    formats = Counter(notes.get("format") or "in_person" for _, notes in NOTE_SETS)
    assert all(formats[choice] >= 3 for choice in ("in_person", "video", "phone")), formats


def test_corpus_covers_every_answer_and_whoever_arranged_it():
    """Every reply to an answer, and the thanks to whoever arranged the interview, goes
    through the prose checks (test_corpus_drafts.py) in more than one note set."""
    statuses = Counter(notes.get("status") or "waiting" for _, notes in NOTE_SETS)
    for status in ("next_round", "offer", "rejected", "withdrawn"):
        assert statuses[status] >= 1, status
    assert statuses["next_round"] + statuses["offer"] + statuses["rejected"] >= 6
    assert count_sets(lambda notes: notes.get("status") == "offer"
                      and notes.get("decide_by")) >= 2  # the request for time
    assert count_sets(lambda notes: notes.get("status") == "next_round"
                      and notes.get("next_round_at")) >= 1
    assert count_sets(lambda notes: notes.get("status") == "next_round"
                      and not notes.get("next_round_on")) >= 1
    assert count_sets(lambda notes: notes.get("other_offer_by") and (
        notes.get("status") or "waiting") in ("waiting", "replied")) >= 2
    assert count_sets(lambda notes: notes.get("arranged_by")) >= 5
    assert count_sets(lambda notes: notes.get("arranged_by_email")
                      and not notes.get("arranged_by")) >= 1
    assert count_sets(lambda notes: notes.get("language") == "en-US"
                      and (notes.get("status") or "waiting") != "waiting") >= 1


def test_corpus_interviewer_counts():
    counts = Counter(len(people(notes)) for _, notes in NOTE_SETS)
    assert all(counts[number] >= 2 for number in (0, 1, 2, 3, 5)), counts
    assert count_sets(lambda notes: set(notes) == REQUIRED) >= 2
    assert count_sets(lambda notes: set(notes) > REQUIRED and not texts(notes)
                      and not people(notes)) >= 1


def test_corpus_name_forms():
    names = [person["name"] for person in all_people()]
    assert sum(map(is_last_first, names)) >= 5
    assert sum(1 for name in names if TITLE.match(name)) >= 5
    assert sum(1 for name in names if TITLE.match(name) and name == name.lower()) >= 2
    assert sum(1 for name in names if SUFFIX.search(name)) >= 2
    assert sum(1 for name in names if PARTICLE.search(f" {name} ")) >= 3
    assert sum(1 for name in names if len(name.split()) == 1) >= 2  # mononyms
    assert sum(1 for name in names if "-" in name) >= 5
    assert sum(1 for name in names if not name.isascii()) >= 10
    assert sum(map(is_family_first_with_address_as, all_people())) >= 3


def test_corpus_typing_habits():
    def ends(mark):
        return lambda notes: any(text.rstrip().endswith(mark) and not (
            mark == "." and text.rstrip().endswith("...")) for text in texts(notes))

    assert count_sets(lambda notes: any(BULLET_LINE.search(text) for text in texts(notes))) >= 5
    assert count_sets(lambda notes: sum(
        1 for line in (notes.get("questions") or "").splitlines() if line.strip()) >= 2
        or (notes.get("questions") or "").count("?") >= 2) >= 5
    assert count_sets(lambda notes: re.search(r"\b(?:wondering|curious|i'd like to know)\b",
                                              notes.get("questions") or "", re.I)) >= 3
    for mark in ("!", "…", "...", "?"):
        assert count_sets(ends(mark)) >= 3, mark
    assert count_sets(lambda notes: any(unicodedata.category(char) == "So"
                                        for text in texts(notes) for char in text)) >= 3
    assert count_sets(lambda notes: len(texts(notes)) >= 3
                      and all(text == text.lower() for text in texts(notes))) >= 3
    assert count_sets(lambda notes: any(
        text[:1].isupper() and text.endswith(".") for text in (
            person.get("topic") or "" for person in people(notes)))) >= 5
    assert count_sets(lambda notes: (notes.get("clarify") or "")[:1].isupper()
                      and (notes.get("clarify") or "").endswith(".")) >= 5
    assert count_sets(lambda notes: 60 <= len((notes.get("fit") or "").split()) <= 90) >= 3


def test_corpus_companies_and_roles():
    companies = [notes["company"] for _, notes in NOTE_SETS]
    assert sum(1 for company in companies if company == company.upper()) >= 3
    assert sum(1 for company in companies if "&" in company) >= 3
    assert sum(1 for company in companies if not company.isascii()) >= 3
    assert sum(1 for company in companies if "Ltd." in company) >= 2
    roles = [notes.get("role") or "" for _, notes in NOTE_SETS]
    assert sum(1 for role in roles if re.search(r"\b(?:role|position|job|post|vacancy)$",
                                                role, re.I)) >= 5


def test_corpus_dates_and_zones():
    days = [(date.fromisoformat(notes["date"]), notes["start_time"]) for _, notes in NOTE_SETS]
    assert all(day.weekday() < 5 for day, _ in days)
    years = Counter(day.year for day, _ in days)
    assert years[2026] >= 10 and years[2027] >= 10 and set(years) == {2026, 2027}
    assert any(day.weekday() == 4 and start >= "17:00" for day, start in days)
    assert len({notes.get("timezone") or "" for _, notes in NOTE_SETS}) >= 10
