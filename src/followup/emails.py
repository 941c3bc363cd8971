"""The drafts: a subject and body for every step, filled in from templates.py."""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from . import templates
from .fields import PER_INTERVIEWER, TOP_LEVEL, Kind
from .interview import Interview, Interviewer
from .timeline import Step, day_name, short_date_label

# Titles people put before a first name; a warm greeting skips them ("Hi Jane", not "Hi Dr").
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir",
                         "dame", "lord", "lady", "rev", "revd"})
# An address in a signature's first line ("sam@example.com") does not name its writer.
_EMAIL_LIKE = re.compile(r"\S+@\S+")


@dataclass(frozen=True)
class Draft:
    """One email (or, for the call, talking points) for one step."""

    step: str
    to_name: str
    to: str
    subject: str
    body: str

    @property
    def kind(self) -> str:
        """ "email", or "call" for the phone call's talking points."""
        return "call" if self.step == "call" else "email"

    @property
    def dated(self) -> bool:
        """Whether its words ("today", "yesterday") assume it goes out on its step's day."""
        return self.step == "thank-you"

    @property
    def title(self) -> str:
        """What the draft is, as a heading: "Thank-you email to Priya Raman"."""
        wording = templates.DRAFT_TITLES[self.step]
        return _render(wording, {"to_name": self.to_name}, "") or self.step

    @property
    def headers(self) -> list[tuple[str, str]]:
        """The lines above the body, labelled as everywhere the draft is shown:
        [("To", "Priya Raman <priya@example.com>"), ("Subject", "...")]."""
        labels = templates.HEADER_LABELS[self.kind]
        recipient = f"{self.to_name} <{self.to}>".strip() if self.to else self.to_name
        lines = [(labels["to"], recipient), (labels["subject"], self.subject)]
        return [(label, value) for label, value in lines if value]

    def as_dict(self) -> dict[str, object]:
        return {"step": self.step, "kind": self.kind, "title": self.title, "dated": self.dated,
                "to_name": self.to_name, "to": self.to, "subject": self.subject,
                "headers": [list(header) for header in self.headers], "body": self.body}


def first_name(full_name: str) -> str:
    """The given name for a warm greeting: "Dr Jane Smith" -> "Jane".

    A title with one name is a title and a surname, and stays so: "Mr Okafor".
    """
    words = full_name.split()
    given = words
    while len(given) > 1 and given[0].rstrip(".").lower() in _HONORIFICS:
        given = given[1:]
    if len(given) == 1 and len(words) > 1:
        return " ".join(words)
    return given[0] if given else ""


class Note(str):
    """The reader's own words, shaped by the template that quotes them: "{fit}" sits inside
    a sentence (one line, no trailing full stop or comma); "{questions:sentence}" ends one
    (it keeps, or gains, its own full stop)."""

    def __format__(self, shape: str) -> str:
        if shape == "sentence":
            text = " ".join(self.split()).rstrip(" ,;:")
            if text and text[-1] not in ".?!…" and not _ends_with_a_symbol(text):
                text += "."
            return text
        if shape:
            raise ValueError(f"a note has no shape {shape!r}")
        return " ".join(self.split()).rstrip(" .,;:")


def _ends_with_a_symbol(text: str) -> bool:
    """True for "... Python? 😀" or "❤️": a full stop after an emoji looks like a slip."""
    last = text.rstrip("\u200d\ufe0e\ufe0f")  # joiners and emoji/text selectors
    while last and unicodedata.category(last[-1]) == "Sk":  # skin tones, for instance
        last = last[:-1]
    return bool(last) and unicodedata.category(last[-1]) == "So"


def _signed(your_name: str, signature: str) -> str:
    """Your name, then the signature, unless its first line already names you."""
    if not (your_name and signature):
        return signature or your_name
    first_line = _EMAIL_LIKE.sub(" ", signature.partition("\n")[0])
    if _words(first_line) & _words(your_name):  # "Sam Taylor", "S. Taylor", "Dr Taylor"
        return signature
    return f"{your_name}\n{signature}"


def _words(text: str) -> set[str]:
    return {word.casefold() for word in re.findall(r"[^\W\d_]+", text)}


def _slots(template: str) -> set[tuple[str, str]]:
    """Each {name} or {name:shape} a template fills in, as (name, shape)."""
    return {(name, shape or "") for _, name, shape, _ in string.Formatter().parse(template)
            if name}


def _given(context: dict[str, object], name: str, shape: str) -> bool:
    """Whether a template's {name} or {person.key} has words to put in, in that shape."""
    first, *attributes = name.split(".")
    value = context.get(first)
    for attribute in attributes:
        value = getattr(value, attribute, None)
    return bool(value) and bool(format(value, shape))


def _render(sentence: templates.Sentence, context: dict[str, object], assessment: str) -> str:
    """The sentence filled in, or '' when it needs a field that is empty."""
    if isinstance(sentence, dict):
        sentence = sentence[assessment]
    options = (sentence,) if isinstance(sentence, str) else sentence
    for option in options:
        if all(_given(context, name, shape) for name, shape in _slots(option)):
            return option.format_map(context)
    return ""


def _render_body(body: templates.Body, context: dict[str, str], assessment: str) -> str:
    paragraphs = []
    for paragraph in body:
        sentences = [_render(sentence, context, assessment) for sentence in paragraph]
        text = " ".join(sentence for sentence in sentences if sentence)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _when(interview_day: date, send_day: date) -> str:
    """ "today", "yesterday" or "on Friday", seen from the day the note is sent."""
    gap = (send_day - interview_day).days
    if gap <= 0:
        return templates.WHEN_SAME_DAY
    if gap == 1:
        return templates.WHEN_NEXT_DAY
    return templates.WHEN_EARLIER.format(day=day_name(interview_day))


# The declared fields whose words a template may quote (fields.py): every kind of text.
_QUOTABLE = (Kind.TEXT, Kind.LINES, Kind.EMAIL)


def _context(interview: Interview, person: Interviewer | None) -> dict[str, object]:
    """What a template may name: every text field by its key ("{company}"), the person
    the draft is for ("{person.topic}", "{person.first_name}"), and a few phrases worked
    out here (interview_day, decision_date, format_phrase)."""
    context: dict[str, object] = {
        field.key: Note(getattr(interview, field.key)) for field in TOP_LEVEL
        if field.kind in _QUOTABLE
    }
    context["interview_day"] = short_date_label(interview.start.date())
    context["decision_date"] = (short_date_label(interview.decision_date)
                                if interview.decision_date else "")
    context["format_phrase"] = templates.FORMAT_PHRASE[interview.tone][interview.format]
    if person is not None:
        context["person"] = SimpleNamespace(
            **{field.key: Note(getattr(person, field.key)) for field in PER_INTERVIEWER
               if field.kind in _QUOTABLE},
            first_name=first_name(person.name),
        )
    return context


def _compose(step: str, interview: Interview, person: Interviewer | None,
             context: dict[str, str]) -> Draft:
    tone = interview.tone
    subject = _render(templates.SUBJECTS[step][tone], context, interview.assessment)
    greeting = _render(templates.GREETING[tone], context, interview.assessment)
    middle = _render_body(templates.BODIES[step][tone], context, interview.assessment)
    closing = "\n".join(filter(None, [templates.SIGN_OFF[tone],
                                      _signed(interview.your_name, interview.signature)]))
    return Draft(
        step=step,
        to_name=person.name if person else "",
        to=person.email if person else "",
        subject=subject,
        body=f"{greeting}\n\n{middle}\n\n{closing}",
    )


def thank_you_drafts(interview: Interview, send: Step) -> list[Draft]:
    """One thank-you per named interviewer (their own topic), or one generic note."""
    people: list[Interviewer | None] = list(interview.interviewers) or [None]
    drafts = []
    for person in people:
        context = _context(interview, person)
        # The day it started, as the follow-ups name it: "on Friday" for a Friday call
        # that ran past midnight, not "on Saturday".
        context["when"] = _when(interview.start.date(), send.due.date())
        drafts.append(_compose("thank-you", interview, person, context))
    return drafts


def call_points(interview: Interview) -> Draft:
    """Talking points for the phone call, one "- " line each."""
    person = interview.interviewers[0] if interview.interviewers else None
    context = _context(interview, person)
    lines = [_render(point, context, interview.assessment) for point in templates.CALL_POINTS]
    subject = _render(templates.SUBJECTS["call"][interview.tone], context, interview.assessment)
    return Draft(
        step="call",
        to_name=person.name if person else "",
        to=person.email if person else "",
        subject=subject,
        body="\n".join(f"- {line}" for line in lines if line),
    )


def alike_thank_yous(drafts: list[Draft]) -> list[str]:
    """The names on thank-yous whose words, after the greeting, another one shares: the
    guide warns that interviewers compare notes."""
    by_words: dict[str, list[str]] = {}
    for draft in drafts:
        if draft.step == "thank-you" and draft.to_name:
            words = draft.body.partition("\n")[2]  # all but "Hi Priya,"
            by_words.setdefault(words, []).append(draft.to_name)
    return [name for names in by_words.values() if len(names) > 1 for name in names]


def drafts_for(interview: Interview, steps: tuple[Step, ...]) -> list[Draft]:
    """Every draft, in step order: thank-yous, follow-up 1 and 2, then the call.

    The follow-ups and the call go to the first interviewer listed: usually the person
    who will tell you the decision.
    """
    by_id = {step.id: step for step in steps}
    drafts = thank_you_drafts(interview, by_id["thank-you"])
    person = interview.interviewers[0] if interview.interviewers else None
    for step in ("follow-up-1", "follow-up-2"):
        drafts.append(_compose(step, interview, person, _context(interview, person)))
    drafts.append(call_points(interview))
    return drafts
