"""After their answer: the replies each answer calls for, the thanks to whoever arranged
the interview, who they go to, their dates in UK and US English, and the checks on the
answer's details."""

from __future__ import annotations

import re

import icalendar
import pytest
from core_helpers import EXAMPLES, FIXED_NOW, minimal, sample, word_count

from followup import emails, templates
from followup.api import run
from followup.cli import format_text, interview_from_toml, unknown_keys
from followup.fields import STATUSES, TOP_LEVEL

TONES = ("warm", "formal")
PLAN = ["thank-you", "thank-you", "follow-up-1", "follow-up-2", "call"]
LENA = {"arranged_by": "Lena Fischer", "arranged_by_email": "lena.fischer@fernbrook.example"}
# Every detail an answer's drafts can use, none of them before the interview (1 December).
EVERY_DETAIL = {"next_round_on": "2026-12-10", "next_round_at": "14:30",
                "decide_by": "2026-12-18", "other_offer_by": "2026-12-11"}


def result(data) -> dict:
    outcome = run(data, now=FIXED_NOW)
    assert outcome["ok"], outcome
    return outcome["result"]


def drafts(data) -> list[dict]:
    return result(data)["drafts"]


def answers(data) -> list[dict]:
    return [draft for draft in drafts(data) if draft["outcome"]]


def only(data, step) -> dict:
    (draft,) = [draft for draft in drafts(data) if draft["step"] == step]
    return draft


def message(draft) -> str:
    """The body between the greeting and the sign-off."""
    return draft["body"].split("\n\n", 1)[1].rsplit("\n\n", 1)[0]


# ---------------------------------------------------------------- which drafts


@pytest.mark.parametrize(("status", "given", "expected"), [
    ("waiting", {}, []),
    ("replied", {}, []),
    ("waiting", {"other_offer_by": "2026-12-11"}, ["other-offer"]),
    ("replied", {"other_offer_by": "2026-12-11"}, ["other-offer"]),
    ("next_round", {}, ["next-round"]),
    ("next_round", EVERY_DETAIL, ["next-round"]),
    ("offer", {}, ["offer"]),
    ("offer", {"decide_by": "2026-12-18"}, ["offer", "more-time"]),
    ("offer", EVERY_DETAIL, ["offer", "more-time"]),
    ("rejected", {}, ["rejection"]),
    ("rejected", EVERY_DETAIL, ["rejection"]),
    ("withdrawn", {}, ["withdraw"]),
    ("withdrawn", EVERY_DETAIL, ["withdraw"]),
])
def test_each_answer_gives_exactly_its_replies_after_the_plan(status, given, expected):
    steps = [draft["step"] for draft in drafts(sample(status=status, **given))]
    assert steps == PLAN + expected  # the plan's drafts first, in their usual order
    assert set(emails.ANSWER_DRAFTS) == set(STATUSES)


def test_every_reply_is_flagged_as_one_and_goes_out_with_no_step_of_the_plan():
    for status in ("next_round", "offer", "rejected", "withdrawn", "waiting"):
        for draft in drafts(sample(status=status, **EVERY_DETAIL)):
            replying = draft["step"] in emails.ANSWER_STEPS
            assert draft["outcome"] is replying
            assert draft["plan_step"] == ("" if replying else draft["step"])
            assert draft["dated"] is (draft["step"] == "thank-you")
            assert draft["kind"] == ("call" if draft["step"] == "call" else "email")


@pytest.mark.parametrize("step", [*emails.ANSWER_STEPS, emails.ARRANGER])
def test_every_new_draft_has_a_title_a_subject_a_budget_and_both_tones(step):
    assert step in templates.DRAFT_TITLES and step in emails.WORD_BUDGETS
    assert set(templates.BODIES[step]) == set(templates.SUBJECTS[step]) == set(TONES)


# ---------------------------------------------------------------- who they go to


def test_the_replies_go_to_whoever_arranged_it_else_the_first_interviewer_else_anyone():
    arranged = answers(sample(status="rejected", **LENA))[0]
    assert (arranged["to_name"], arranged["to"]) == ("Lena Fischer",
                                                      "lena.fischer@fernbrook.example")
    assert arranged["body"].startswith("Hi Lena,\n\n")
    assert arranged["title"] == "Reply to their decision: email to Lena Fischer"
    first = answers(sample(status="rejected"))[0]
    assert (first["to_name"], first["to"]) == ("Dr Jane Whitfield",
                                                "jane.whitfield@fernbrook.example")
    assert first["body"].startswith("Hi Jane,\n\n")
    nobody = answers(minimal(status="rejected", tone="formal"))[0]
    assert (nobody["to_name"], nobody["to"]) == ("", "")
    assert nobody["body"].startswith("Dear Hiring Manager,\n\n")
    assert nobody["title"] == "Reply to their decision"
    assert [label for label, _ in nobody["headers"]] == ["Subject"]


def test_an_arranger_known_by_their_address_only_is_greeted_without_a_name():
    data = sample(status="withdrawn", tone="formal", arranged_by_email="jobs@fernbrook.example")
    for draft in drafts(data):
        if draft["step"] in ("withdraw", emails.ARRANGER):
            assert draft["headers"][0] == ["To", "jobs@fernbrook.example"]
            assert draft["body"].startswith("Hello,\n\n")  # not "Dear Hiring Manager"
    advice = result(data)["advice"]
    assert {"field": "arranged_by",
            "message": "Add their name too: your emails to them greet them by it."} in advice


def test_an_arranger_who_interviewed_you_is_thanked_once_and_answered_as_themselves():
    person = {"name": "Dr Jane Whitfield", "address_as": "Jane W",
              "topic": "the booking app"}
    data = sample(status="offer", arranged_by="jane whitfield",
                  arranged_by_email="jane@fernbrook.example", interviewers=[person])
    steps = [draft["step"] for draft in drafts(data)]
    assert emails.ARRANGER not in steps  # her thank-you thanks her
    reply = only(data, "offer")
    assert (reply["to_name"], reply["to"]) == ("Dr Jane Whitfield", "jane@fernbrook.example")
    assert reply["body"].startswith("Hi Jane W,\n\n")


# ---------------------------------------------------------------- the thanks to the arranger


@pytest.mark.parametrize("tone", TONES)
def test_whoever_arranged_it_is_thanked_with_the_thank_yous(tone):
    data = sample(tone=tone, **LENA)
    everything = drafts(data)
    assert [draft["step"] for draft in everything] == [
        "thank-you", "thank-you", emails.ARRANGER, "follow-up-1", "follow-up-2", "call"]
    thanks = everything[2]
    assert thanks["title"] == "Thank-you email to Lena Fischer, who arranged it"
    assert thanks["headers"][0] == ["To", "Lena Fischer <lena.fischer@fernbrook.example>"]
    assert thanks["dated"] is True and thanks["plan_step"] == "thank-you"
    assert thanks["outcome"] is False
    assert thanks["how_to_send"] == "Send it on the same day as your thank-yous."
    assert ("Thank you for arranging my interview with Dr Jane Whitfield and Omar Haddad "
            "today.") in thanks["body"]
    assert thanks["body"].startswith("Hi Lena,\n\n" if tone == "warm" else "Dear Lena,\n\n")
    assert "Product Designer" in thanks["subject"]
    assert word_count(message(thanks)) <= emails.REPLY_MAX_WORDS


def test_the_arrangers_thanks_names_a_small_panel_only_and_whatever_the_answer():
    five = [{"name": name} for name in ("Ana Lima", "Ben Cole", "Cy Dunn", "Di Earl", "Ed Fox")]
    thanks = only(sample(interviewers=five, **LENA), emails.ARRANGER)
    assert "Ana Lima" not in thanks["body"]
    assert "arranging my interview today for the Product Designer role." in thanks["body"]
    bare = only(minimal(**LENA), emails.ARRANGER)
    assert "Thank you for arranging my interview today." in bare["body"]
    waiting = only(sample(**LENA), emails.ARRANGER)
    for status in STATUSES:  # sent on the interview's day, before any answer came
        assert only(sample(status=status, **LENA), emails.ARRANGER) == waiting


def test_the_arrangers_thanks_is_in_the_thank_you_reminder_and_nowhere_else():
    ics = result(sample(**LENA))["ics"]
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    descriptions = [str(event["DESCRIPTION"]) for event in events]
    assert "To: Lena Fischer <lena.fischer@fernbrook.example>" in descriptions[0]
    assert all("Lena" not in text for text in descriptions[1:])
    replies = result(sample(status="offer", decide_by="2026-12-18", **LENA))["ics"]
    assert "Thank you for the offer" not in replies.replace("\r\n ", "")


# ---------------------------------------------------------------- what each reply says


@pytest.mark.parametrize(("language", "day", "time", "diary"), [
    ("en-GB", "Thursday 10 December", "14:30", "diary"),
    ("en-US", "Thursday, December 10", "2:30 PM", "calendar"),
])
def test_the_next_round_is_accepted_with_its_day_and_time_in_the_readers_english(
        language, day, time, diary):
    data = sample(status="next_round", language=language, next_round_on="2026-12-10",
                  next_round_at="14:30")
    draft = only(data, "next-round")
    assert f"{day} at {time} works well for me, and it's in my {diary}." in draft["body"]
    assert "who I'll be meeting" in draft["body"]
    assert "in person, by video or by phone" in draft["body"]
    formal = only({**data, "tone": "formal"}, "next-round")["body"]
    assert f"I can confirm that {day} at {time} suits me, and I have noted it in my {diary}." \
        in formal
    assert formal.rstrip().split("\n")[-3] == ("Kind regards," if language == "en-GB"
                                               else "Sincerely,")


def test_the_next_round_without_a_day_asks_for_times_and_with_a_day_asks_the_time():
    without = only(sample(status="next_round"), "next-round")["body"]
    assert "Could you let me know a few days and times that would suit you?" in without
    assert "Thursday" not in without
    day_only = only(sample(status="next_round", next_round_on="2026-12-10"), "next-round")
    assert ("Thursday 10 December works well for me: could you let me know the time?"
            in day_only["body"])
    assert "days and times" not in day_only["body"]


@pytest.mark.parametrize("tone", TONES)
def test_a_rejection_is_thanked_feedback_asked_for_and_the_door_left_open(tone):
    body = message(only(sample(status="rejected", tone=tone), "rejection"))
    assert body.startswith("Thank you for letting me know")
    assert "feedback" in body and body.count("?") == 0  # asked for, never demanded
    assert re.search(r"keep me in mind|suitable roles", body)
    for argument in ("reconsider", "unfair", "disagree", "surprised", "mistake"):
        assert argument not in body


@pytest.mark.parametrize("tone", TONES)
def test_an_offer_is_thanked_its_receipt_confirmed_and_the_terms_asked_for(tone):
    body = message(only(sample(status="offer", tone=tone), "offer"))
    assert "offering me the Product Designer" in body
    assert re.search(r"confirm that I('ve| have) received your offer", body)
    assert "in writing" in body and "full terms" in body
    assert "accept" not in body  # the answer is the reader's to give, later


@pytest.mark.parametrize(("language", "day"), [("en-GB", "Friday 18 December"),
                                               ("en-US", "Friday, December 18")])
def test_time_to_decide_names_the_readers_day(language, day):
    draft = only(sample(status="offer", decide_by="2026-12-18", language=language), "more-time")
    assert draft["subject"] == f"The Product Designer offer \N{EN DASH} my answer by {day}"
    assert f"my answer by {day}?" in draft["body"]
    assert "Thank you for offering me the Product Designer role" in draft["body"]
    assert "in place of the thanks above" in draft["how_to_send"]


def test_an_offer_without_a_day_to_answer_by_gets_advice_not_an_error():
    advice = result(sample(status="offer"))["advice"]
    assert [item["field"] for item in advice] == ["decide_by"]
    assert "choose the day you will answer by" in advice[0]["message"]
    assert result(sample(status="offer", decide_by="2026-12-18"))["advice"] == []


@pytest.mark.parametrize(("language", "day"), [("en-GB", "Friday 11 December"),
                                               ("en-US", "Friday, December 11")])
@pytest.mark.parametrize("tone", TONES)
def test_another_offer_is_told_plainly_and_their_timeline_asked_without_pressure(
        language, day, tone):
    draft = only(sample(other_offer_by="2026-12-11", language=language, tone=tone),
                 "other-offer")
    body = message(draft)
    assert f"by {day}." in body
    assert "another employer" in body and "timeline" in body
    assert re.search(r"don't want to rush you|do not wish to hurry you", body)
    for pressure in ("urgent", "must", "need to know", "as soon as possible", "ASAP"):
        assert pressure not in body
    assert draft["how_to_send"] == ""  # a new email of your own


@pytest.mark.parametrize("tone", TONES)
def test_a_withdrawal_is_short_courteous_and_gives_no_reasons(tone):
    body = message(only(sample(status="withdrawn", tone=tone), "withdraw"))
    assert "withdraw my application" in body and body.startswith("Thank you")
    assert "because" not in body
    assert word_count(body) <= 80


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("language", ["en-GB", "en-US"])
def test_every_reply_keeps_its_tone_its_budget_and_leaves_no_trace(tone, language):
    for data in (sample(**EVERY_DETAIL, **LENA), minimal(**EVERY_DETAIL), sample(role="")):
        for status in STATUSES:
            for draft in answers({**data, "status": status, "tone": tone,
                                  "language": language}):
                body = message(draft)
                assert word_count(body) <= emails.REPLY_MAX_WORDS, draft["step"]
                for leftover in (" .", " ,", "..", "{", "}", "None", "  ", "the  role"):
                    assert leftover not in draft["body"] + draft["subject"], draft["step"]
                if tone == "formal":
                    assert not re.search(r"\w'(s|ve|d|ll|m|t|re)\b", body), body
                    assert "Hi " not in draft["body"]
                if language == "en-US":
                    assert not re.search(r"\b(diary|telephone|timescale)\b", body)


def test_warm_and_formal_replies_differ_beyond_the_greeting():
    for status, step in (("next_round", "next-round"), ("rejected", "rejection"),
                         ("offer", "offer"), ("withdrawn", "withdraw")):
        warm = message(only(sample(status=status), step))
        formal = message(only(sample(status=status, tone="formal"), step))
        shared = set(re.split(r"(?<=[.?!])\s+", warm)) & set(re.split(r"(?<=[.?!])\s+",
                                                                      formal))
        assert not shared, (step, shared)


# ---------------------------------------------------------------- the answer's details checked


@pytest.mark.parametrize(("given", "field", "message_"), [
    ({"next_round_on": "2026-11-30"}, "next_round_on",
     "The next round cannot be before this interview"),
    ({"next_round_at": "14:30"}, "next_round_on", "Add the day of the next round"),
    ({"decide_by": "2026-11-30"}, "decide_by",
     "The day you will answer by cannot be before the interview date"),
    ({"other_offer_by": "2026-11-01"}, "other_offer_by",
     "Your other offer's deadline cannot be before the interview date"),
])
def test_the_answers_days_are_checked_next_to_their_fields(given, field, message_):
    outcome = run(minimal(**given))
    assert outcome["ok"] is False
    assert outcome["errors"] == [{"field": field, "message": message_}]


def test_the_answers_days_may_fall_on_the_interview_day_and_bad_ones_are_not_dates():
    assert run(minimal(next_round_on="2026-12-01", next_round_at="16:00",
                       decide_by="2026-12-01", other_offer_by="2026-12-01"))["ok"]
    errors = run(minimal(next_round_on="10/12/2026", next_round_at="2pm"))["errors"]
    assert [error["field"] for error in errors] == ["next_round_on", "next_round_at"]
    assert "is not a date" in errors[0]["message"]  # not "Add the day" on top of it


def test_details_for_an_answer_not_chosen_are_pointed_out():
    advice = {item["field"]: item["message"]
              for item in result(sample(status="rejected", **EVERY_DETAIL))["advice"]}
    assert set(advice) == {"next_round_on", "decide_by", "other_offer_by"}
    assert advice["next_round_on"] == ('Your reply accepting the next round appears when '
                                       '"Where it stands" is "Invited to a next round".')
    assert advice["decide_by"].endswith('"Offered the job".')
    assert result(sample(status="waiting", other_offer_by="2026-12-11"))["advice"] == []


# ---------------------------------------------------------------- the command line


def test_the_command_line_prints_the_replies_under_their_own_titles():
    text = format_text(result(sample(status="offer", decide_by="2026-12-18", **LENA)))
    assert "Thank-you email to Lena Fischer, who arranged it\n" in text
    assert "After their answer" in text
    after = text.split("After their answer", 1)[1]
    assert "Thanks for the offer: email to Lena Fischer\n" in after
    assert "Asking for time to decide: email to Lena Fischer\n" in after
    assert "Phone call" not in after and "Thank-you email" not in after
    assert "After their answer" not in format_text(result(sample()))


def test_the_examples_commented_keys_work_once_uncommented():
    keys = {field.key for field in TOP_LEVEL}
    lines = []
    for line in (EXAMPLES / "interview.toml").read_text("utf-8").splitlines():
        commented = re.match(r"# (\w+) = ", line)
        lines.append(line[2:] if commented and commented[1] in keys else line)
    data = interview_from_toml("\n".join(lines))
    assert {"round", "arranged_by", "arranged_by_email", "status", "next_round_on",
            "next_round_at", "decide_by", "other_offer_by"} <= set(data)
    assert unknown_keys(data) == []  # top-level keys, not the last interviewer's
    steps = [draft["step"] for draft in drafts(data)]
    assert emails.ARRANGER in steps and "next-round" in steps
