"""The drafts: a subject and body for every step, filled in from templates.py.

Each thank-you is written for its person: their topic and what they said, their share
of the questions and the challenges, the point to clarify if it concerns them, and the
next wording of every sentence that varies (templates.Vary), so that no two read alike.
Every draft keeps within its word budget (WORD_BUDGETS): sentences it can do without
(templates.Spare) go first; if the reader's own notes still push it over, the draft is
left as it is and `advice` names the note to shorten.

Beyond the plan: a short thanks to whoever arranged the interview (sent with the
thank-yous), and, once the employer has answered ("Where it stands"), the reply that
answer calls for (ANSWER_DRAFTS), from the same details.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field, replace
from datetime import date
from types import SimpleNamespace

from . import english, notes, templates
from .fields import PER_INTERVIEWER, STATUSES, TOP_LEVEL, WAITING, Kind, by_path
from .interview import Interview, Interviewer
from .names import greeting_name, parse_name
from .notes import Note
from .timeline import Step, day_name

# Words the message of a draft may run to (its greeting, sign-off and signature aside):
# the guide's 100 to 200 words for a thank-you, and shorter still for a follow-up.
THANK_YOU_MIN_WORDS = 100
THANK_YOU_MAX_WORDS = 200
FOLLOW_UP_MAX_WORDS = 120
# A reply to their answer, or the thanks to whoever arranged the interview, says one
# thing: shorter than a follow-up.
REPLY_MAX_WORDS = 100
ARRANGER = "thank-arranger"  # the thanks to the person who arranged the interview
# The replies each answer calls for ("Where it stands", fields.STATUSES), in order. Asking
# for time needs the day you will answer by; the note about another offer, its deadline,
# and is only for while you wait (waiting, or they replied without an answer yet).
ANSWER_DRAFTS: dict[str, tuple[str, ...]] = {
    WAITING: ("other-offer",), "replied": ("other-offer",), "next_round": ("next-round",),
    "offer": ("offer", "more-time"), "rejected": ("rejection",), "withdrawn": ("withdraw",)}
ANSWER_STEPS = tuple(dict.fromkeys(step for steps in ANSWER_DRAFTS.values() for step in steps))
# What each answer draft needs besides the status: the field that must be given.
_NEEDS = {"other-offer": "other_offer_by", "more-time": "decide_by"}
WORD_BUDGETS = {"thank-you": THANK_YOU_MAX_WORDS, "follow-up-1": FOLLOW_UP_MAX_WORDS,
                "follow-up-2": FOLLOW_UP_MAX_WORDS, ARRANGER: REPLY_MAX_WORDS,
                **dict.fromkeys(ANSWER_STEPS, REPLY_MAX_WORDS)}
# An address in a signature's first line ("sam@example.com") does not name its writer.
_EMAIL_LIKE = re.compile(r"\S+@\S+")
# The declared fields whose words a template may quote (fields.py): every kind of text.
_QUOTABLE = (Kind.TEXT, Kind.LINES, Kind.EMAIL)
# The notes a draft's length can be blamed on, in the order a reader would shorten them.
# The reader's notes on one interviewer (the rest of a row says who they are).
_NOTES_ON_THEM = ("topic", "said")
_LONG_NOTES = ("fit", "challenges", "clarify_add", "next_steps", "questions", "topic",
               "said", "clarify")

# Up to this many interviewers are named in the thanks to whoever arranged it.
_PANEL_NAMED = 3
# The row of someone who is on no row of the interviewers' list (whoever arranged the
# interview): never the person a point to clarify concerns, never a row advice names.
_NO_ROW = -1


@dataclass(frozen=True)
class Draft:
    """One email (or, for the call, talking points) for one step."""

    step: str
    to_name: str
    to: str
    subject: str
    body: str
    how_to_send: str = ""  # a word on sending it (a follow-up: in the thank-you's thread)

    @property
    def kind(self) -> str:
        """ "email", or "call" for the phone call's talking points."""
        return "call" if self.step == "call" else "email"

    @property
    def dated(self) -> bool:
        """Whether its words ("today", "yesterday") assume it goes out on its step's day."""
        return self.step in ("thank-you", ARRANGER)

    @property
    def outcome(self) -> bool:
        """Whether it replies to the employer's answer (not a step of the plan)."""
        return self.step in ANSWER_STEPS

    @property
    def plan_step(self) -> str:
        """The plan's step whose day (and calendar event) it goes out with: its own, the
        thank-you's for the thanks to whoever arranged the interview, none for a reply to
        their answer (it goes when the answer comes)."""
        if self.step == ARRANGER:
            return "thank-you"
        return "" if self.outcome else self.step

    @property
    def title(self) -> str:
        """What the draft is, as a heading: "Thank-you email to Priya Raman"."""
        return _render(templates.DRAFT_TITLES[self.step], {"to_name": self.to_name},
                       Choice()).text or self.step

    @property
    def headers(self) -> list[tuple[str, str]]:
        """The lines above the body, labelled as everywhere the draft is shown:
        [("To", "Priya Raman <priya@example.com>"), ("Subject", "...")]."""
        labels = templates.HEADER_LABELS[self.kind]
        recipient = f"{self.to_name} <{self.to}>" if self.to and self.to_name else (
            self.to or self.to_name)
        lines = [(labels["to"], recipient), (labels["subject"], self.subject)]
        return [(label, value) for label, value in lines if value]

    def as_dict(self) -> dict[str, object]:
        return {"step": self.step, "kind": self.kind, "title": self.title, "dated": self.dated,
                "outcome": self.outcome, "plan_step": self.plan_step,
                "to_name": self.to_name, "to": self.to, "subject": self.subject,
                "headers": [list(header) for header in self.headers], "body": self.body,
                "how_to_send": self.how_to_send}


@dataclass(frozen=True)
class Advice:
    """A word for the reader next to a field: not a mistake, but worth changing."""

    field: str
    message: str


# ---------------------------------------------------------------- rendering


@dataclass
class Choice:
    """How one draft picks among its wordings: by how it went, by the person's place in
    the list (templates.Vary), and whether it keeps its spare sentences."""

    assessment: str = "well"
    turn: int = 0
    spare: bool = True
    varied: int = 0  # the Vary sentences met so far in this draft
    language: str = english.UK  # the templates' wording is swapped for a US reader's

    def wording(self, count: int) -> int:
        """Which of `count` wordings this draft takes for its next varied sentence: the
        person's turn, shifted a little more in each sentence once the turns come round
        again, so that the fourth of five interviewers does not get the first's letter."""
        index = (self.turn + self.varied * (self.turn // count)) % count
        self.varied += 1
        return index


@dataclass
class Rendered:
    text: str
    used: set[str] = field(default_factory=set)  # the slots it filled


def _slots(template: str) -> set[tuple[str, str]]:
    """Each {name} or {name:shape} a template fills in, as (name, shape)."""
    return {(name, shape or "") for _, name, shape, _ in string.Formatter().parse(template)
            if name}


def _value(context: dict[str, object], name: str) -> object:
    first, *attributes = name.split(".")
    value = context.get(first)
    for attribute in attributes:
        value = getattr(value, attribute, None)
    return value


def _given(context: dict[str, object], name: str, shape: str) -> bool:
    """Whether a template's {name} or {person.key} has words to put in, in that shape."""
    value = _value(context, name)
    return bool(value) and bool(format(value, shape))


def _render(sentence: templates.Sentence, context: dict[str, object], choice: Choice
            ) -> Rendered:
    """The sentence filled in, or '' when it needs a slot that is empty."""
    if isinstance(sentence, templates.Spare):
        if not choice.spare:
            return Rendered("")
        sentence = sentence.sentence
    if isinstance(sentence, dict):
        sentence = sentence[choice.assessment]
    if isinstance(sentence, templates.Vary):
        return _render(sentence[choice.wording(len(sentence))], context, choice)
    options = (sentence,) if isinstance(sentence, str) else sentence
    for option in options:
        if isinstance(option, (templates.Vary, dict, templates.Spare)):
            rendered = _render(option, context, choice)
            if rendered.text:
                return rendered
            continue
        slots = _slots(option)
        if all(_given(context, name, shape) for name, shape in slots):
            # A value that ends in an abbreviation's full stop ("Jr.", "Ltd.") ends the
            # sentence too: one stop, as a careful writer leaves it.
            wording = english.wording(option, choice.language)
            text = _ABBREVIATION_THEN_STOP.sub(".", wording.format_map(context))
            return Rendered(text, {name for name, _ in slots})
    return Rendered("")


_ABBREVIATION_THEN_STOP = re.compile(r"(?<=\w)\.\.(?!\.)")


def _render_body(body: templates.Body, context: dict[str, object], choice: Choice
                 ) -> Rendered:
    paragraphs, used = [], set()
    for paragraph in body:
        sentences = [_render(sentence, context, choice) for sentence in paragraph]
        text = " ".join(sentence.text for sentence in sentences if sentence.text)
        if text:
            paragraphs.append(text)
        for sentence in sentences:
            used |= sentence.used
    return Rendered("\n\n".join(paragraphs), used)


def word_count(text: str) -> int:
    return len(re.findall(r"[\w'\u2019-]+", text))


# ---------------------------------------------------------------- what a draft may say


def _when(interview_day: date, send_day: date) -> str:
    """ "today", "yesterday" or "on Friday", seen from the day the note is sent."""
    gap = (send_day - interview_day).days
    if gap <= 0:
        return templates.WHEN_SAME_DAY
    if gap == 1:
        return templates.WHEN_NEXT_DAY
    return templates.WHEN_EARLIER.format(day=day_name(interview_day))


def _role(role: str) -> str:
    """The role as the templates' "the {role} role" needs it: "the Senior Engineer role"
    and "Senior Engineer position" typed in full lose the words the frame adds."""
    role = " ".join(role.split()).rstrip(" .,;:")
    role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.IGNORECASE)
    return re.sub(r"\s+(?:role|position|post|job|vacancy)$", "", role, flags=re.IGNORECASE)


def _company(company: str) -> str:
    """The company as a name: typed in capitals or all in lower case ("ACME LTD", "crumb
    & co bakery"), each word gets its capital; short words in capitals ("IBM") stay."""
    if company != company.upper() and company != company.lower():
        return company
    small = {"and", "of", "the", "for", "&", "de", "la", "du", "van", "von"}
    suffixes = {"ltd": "Ltd", "inc": "Inc", "co": "Co", "corp": "Corp", "gmbh": "GmbH",
                "plc": "plc", "llc": "LLC", "llp": "LLP"}
    words = []
    for index, word in enumerate(company.split()):
        bare = word.strip(".,").lower()
        if index and bare in suffixes:
            words.append(word.lower().replace(bare, suffixes[bare]))
        elif company == company.upper() and len(bare) <= 3 and word.isalpha():
            words.append(word)  # an acronym: IBM, BBC
        elif index and word.lower() in small:
            words.append(word.lower())
        else:
            words.append(word[:1].upper() + word[1:].lower())
    return " ".join(words)


def _share(items: list, turn: int, *, repeat: bool) -> object:
    """This person's share of a list: the item at their turn; past the end, the list
    again from the start (`repeat`) or nothing (so no two people get the same one)."""
    if not items:
        return None
    if turn < len(items):
        return items[turn]
    return items[turn % len(items)] if repeat else None


def _context(interview: Interview, person: Interviewer | None, turn: int) -> dict[str, object]:
    """What a template may name (templates.py's docstring)."""
    context: dict[str, object] = {
        f.key: Note(getattr(interview, f.key)) for f in TOP_LEVEL if f.kind in _QUOTABLE
    }
    context["role"] = Note(_role(interview.role))
    context["company"] = Note(_company(interview.company))
    language = interview.language
    context["interview_day"] = english.short_date_label(interview.start.date(), language)
    context["decision_date"] = (english.short_date_label(interview.decision_date, language)
                                if interview.decision_date else "")
    if interview.decision_date and re.search(r"\bdecid|\bdecision", interview.next_steps,
                                              re.IGNORECASE):
        # "They said they'd decide by Friday": the decision date says it, with the date.
        context["next_steps"] = Note("")
    for key in ("next_round_on", "decide_by", "other_offer_by"):  # the answer's days
        day = getattr(interview, key)
        context[key] = english.short_date_label(day, language) if day else ""
    context["next_round_at"] = (english.time_label(interview.next_round_at, language)
                                if interview.next_round_at else "")
    names = [parse_name(person.name).full for person in interview.interviewers]
    context["panel"] = notes.and_list(names) if 0 < len(names) <= _PANEL_NAMED else ""
    context["format_phrase"] = templates.FORMAT_PHRASE[interview.tone][interview.format]
    context["meet"] = templates.MEET[interview.format]
    context["challenge"] = Note(_share(notes.items(interview.challenges), turn, repeat=True)
                                or "")
    context["fit"] = Note(_share(notes.items(interview.fit), turn, repeat=True) or "")
    question = _share(notes.questions(interview.questions), turn, repeat=False)
    if question is not None:
        # Asked of the person the email is for: "are they moving" -> "are you moving".
        context["question"] = (notes.as_clause(notes.to_you(question.text)) + "?"
                               if question.text else "")
        context["ask_about"] = notes.to_you(question.topic)
    if person is not None:
        name = parse_name(person.name)
        # Notes about them that open with their name ("Sam said ...") speak of them as
        # "they", which ",you" then makes "you".
        called = (name.full, name.given, name.family, person.address_as,
                  f"{name.title} {name.family}" if name.title else "")
        context["person"] = SimpleNamespace(
            **({f.key: Note(getattr(person, f.key)) for f in PER_INTERVIEWER
                if f.kind in _QUOTABLE}
               | {key: Note(notes.name_as_they(notes.without_aside(getattr(person, key)),
                                               called))
                  for key in _NOTES_ON_THEM}),
            greeting=greeting_for(person, interview),
        )
        context["person"].name = name.full  # as it should be written, never split as a note
    concerned = (interview.clarify_with or 1) - 1
    if interview.clarify and (person is None or person.row == _row_of(interview, concerned)):
        clarification = notes.clarification(interview.clarify)
        formal = ",formal" if interview.tone == "formal" else ""
        context["clarify_topic"] = clarification.topic
        context["forgotten"] = clarification.forgotten
        context["correction"] = format(Note(clarification.correction), f"clause,i{formal}")
        add = Note(interview.clarify_add)
        context["clarify_add"] = format(add, f"clause{formal}")
        context["clarify_add_sentence"] = format(add, f"sentence{formal}")
    return context


def greeting_for(person: Interviewer, interview: Interview) -> str:
    """How the greeting names them when "How to address them" is empty."""
    greeting = greeting_name(parse_name(person.name), interview.tone)
    title, _, rest = greeting.partition(" ")
    return f"{english.title(title, interview.language)} {rest}" if rest else greeting


def _row_of(interview: Interview, index: int) -> int | None:
    people = interview.interviewers
    return people[index].row if 0 <= index < len(people) else None


def _signed(your_name: str, signature: str) -> str:
    """Your name, then the signature, unless its first line already names you; a
    placeholder in place of a name not given."""
    name = your_name or templates.NAME_PLACEHOLDER
    if not signature:
        return name
    first_line = _EMAIL_LIKE.sub(" ", signature.partition("\n")[0])
    if _words(first_line) & _words(name):  # "Sam Taylor", "S. Taylor", "Dr Taylor"
        return signature
    return f"{name}\n{signature}"


def _words(text: str) -> set[str]:
    return {word.casefold() for word in re.findall(r"[^\W\d_]+", text)}


# ---------------------------------------------------------------- the drafts


@dataclass
class Composed:
    draft: Draft
    advice: list[Advice] = field(default_factory=list)


def _compose(step: str, interview: Interview, person: Interviewer | None, turn: int, *,
             subject: str = "", send_day: date | None = None) -> Composed:
    tone = interview.tone
    context = _context(interview, person, turn)
    if send_day is not None:
        # The day it started, as the follow-ups name it: "on Friday" for a Friday call
        # that ran past midnight, not "on Saturday".
        context["when"] = _when(interview.start.date(), send_day)
    choice = Choice(interview.assessment, turn, language=interview.language)
    body = templates.BODIES[step][tone]
    middle = _render_body(body, context, choice)
    budget = WORD_BUDGETS.get(step)
    advice = []
    if budget and word_count(middle.text) > budget:
        choice = Choice(interview.assessment, turn, spare=False, language=interview.language)
        middle = _render_body(body, context, choice)
        if word_count(middle.text) > budget:
            advice.append(_too_long(step, person, word_count(middle.text), budget, middle.used))
    greetings = (templates.ARRANGER_GREETING if person is not None and person.row == _NO_ROW
                 else templates.GREETING)
    greeting = _render(greetings[tone], context, Choice()).text
    closing = "\n".join([english.SIGN_OFFS[interview.language][tone],
                         _signed(interview.your_name, interview.signature)])
    subject = subject or _render(templates.SUBJECTS[step][tone], context, choice).text
    draft = Draft(step=step, to_name=parse_name(person.name).full if person else "",
                  to=person.email if person else "", subject=subject,
                  body=f"{greeting}\n\n{middle.text}\n\n{closing}")
    return Composed(draft, advice)


def _too_long(step: str, person: Interviewer | None, words: int, budget: int,
              used: set[str]) -> Advice:
    """Which note to shorten: the first of the long notes this draft quotes."""
    quoted = {name.split(".")[-1] for name in used} | (
        {"challenges"} if "challenge" in used else set()) | (
        {"questions"} if "question" in used or "ask_about" in used else set()) | (
        {"clarify"} if {"clarify_topic", "forgotten", "correction"} & used else set()) | (
        {"clarify_add"} if {"clarify_add", "clarify_add_sentence"} & used else set())
    note = next((key for key in _LONG_NOTES if key in quoted), "fit")
    to = f" to {person.name}" if person and person.name else ""
    what = {"thank-you": "thank-you", "follow-up-1": "follow-up",
            "follow-up-2": "follow-up"}.get(step, "email")
    path = (f"interviewers[{person.row}].{note}"
            if person and person.row != _NO_ROW and note in _NOTES_ON_THEM else note)
    label = by_path(f"interviewers[].{note}" if note in _NOTES_ON_THEM else note).label
    return Advice(path, f"{label} makes your {what}{to} {words} words long, where "
                        f"{budget} is plenty: shorten it to a sentence or two.")


def _shouting(interview: Interview) -> list[Advice]:
    """Advice for each note typed in capitals: the drafts keep what the reader typed."""
    found = []
    for field_ in TOP_LEVEL:
        if field_.kind is Kind.LINES and field_.key != "signature" and notes.in_capitals(
                getattr(interview, field_.key)):
            found.append(Advice(field_.key, _CAPITALS))
    for person in interview.interviewers:
        for field_ in PER_INTERVIEWER:
            if field_.key in _NOTES_ON_THEM and notes.in_capitals(getattr(person, field_.key)):
                found.append(Advice(f"interviewers[{person.row}].{field_.key}", _CAPITALS))
    return found


_CAPITALS = ("This is typed in capitals, and your emails quote it as it is: retype it in "
             "ordinary letters, with capitals only for names.")


def thank_you_drafts(interview: Interview, send: Step) -> list[Composed]:
    """One thank-you per named interviewer, each their own, or one generic note."""
    people: list[Interviewer | None] = list(interview.interviewers) or [None]
    return [_compose("thank-you", interview, person, turn, send_day=send.due.date())
            for turn, person in enumerate(people)]


def call_points(interview: Interview) -> Draft:
    """Talking points for the phone call, one "- " line each (a question each)."""
    person = interview.interviewers[0] if interview.interviewers else None
    context = _context(interview, person, 0)
    choice = Choice(interview.assessment, language=interview.language)
    lines = []
    for point in templates.CALL_POINTS:
        options = point if isinstance(point, tuple) else (point,)
        if any("{each_" in option for option in options):
            for question in notes.questions(interview.questions):
                each = {**context, "each_question": notes.as_clause(question.text) + "?"
                        if question.text else "", "each_topic": question.topic}
                lines.append(_render(point, each, choice).text)
            continue
        lines.append(_render(point, context, choice).text)
    subject = _render(templates.SUBJECTS["call"][interview.tone], context, choice).text
    return Draft(step="call", to_name=parse_name(person.name).full if person else "",
                 to=person.email if person else "", subject=subject,
                 body="\n".join(f"- {line}" for line in lines if line))


def alike_thank_yous(drafts: list[Draft]) -> list[str]:
    """The names on thank-yous whose words, after the greeting, another one shares: the
    guide warns that interviewers compare notes."""
    by_words: dict[str, list[str]] = {}
    for draft in drafts:
        if draft.step == "thank-you" and draft.to_name:
            words = draft.body.partition("\n")[2]  # all but "Hi Priya,"
            by_words.setdefault(words, []).append(draft.to_name)
    return [name for names in by_words.values() if len(names) > 1 for name in names]


@dataclass
class Drafts:
    drafts: list[Draft]
    advice: list[Advice]


def drafts_for(interview: Interview, steps: tuple[Step, ...]) -> Drafts:
    """Every draft, in step order: thank-yous (and the thanks to whoever arranged the
    interview), follow-up 1 and 2, the call, then the replies the employer's answer calls
    for, with the advice the reader's details call for.

    The follow-ups and the call go to the first interviewer listed: usually the person
    who will tell you the decision. The follow-ups reply to the thank-you they had.
    """
    by_id = {step.id: step for step in steps}
    composed = thank_you_drafts(interview, by_id["thank-you"])
    arranger, interviewed_you = arranger_of(interview)
    if arranger is not None and not interviewed_you:  # else their thank-you thanks them
        thanks = _compose(ARRANGER, interview, arranger, 0,
                          send_day=by_id["thank-you"].due.date())
        thanks.draft = replace(thanks.draft, how_to_send=templates.WITH_THE_THANK_YOUS)
        composed.append(thanks)
    person = interview.interviewers[0] if interview.interviewers else None
    first_thanks = composed[0].draft
    reply = f"{templates.REPLY_PREFIX}{first_thanks.subject}"
    how_to_send = _render(templates.IN_THE_THREAD, {"to_name": first_thanks.to_name},
                          Choice()).text
    for step in ("follow-up-1", "follow-up-2"):
        follow_up = _compose(step, interview, person, 0, subject=reply)
        follow_up.draft = replace(follow_up.draft, how_to_send=how_to_send)
        composed.append(follow_up)
    answers = answer_drafts(interview)
    advice = [item for piece in [*composed, *answers] for item in piece.advice]
    advice += _shouting(interview)
    if not interview.your_name:
        advice.append(Advice("your_name", f'Add your name: your emails end with '
                                          f'"{templates.NAME_PLACEHOLDER}" until you do.'))
    advice += _answer_advice(interview)
    unique = {item.field: item for item in reversed(advice)}  # the first for each field
    return Drafts([piece.draft for piece in composed] + [call_points(interview)]
                  + [piece.draft for piece in answers],
                  list(reversed(unique.values())))


# ---------------------------------------------------------------- after their answer


def arranger_of(interview: Interview) -> tuple[Interviewer | None, bool]:
    """Whoever arranged the interview, as someone to write to (None: not given), and
    whether they interviewed you too: then they are that interviewer, with the email
    either field gives, and their thank-you already thanks them."""
    if not (interview.arranged_by or interview.arranged_by_email):
        return None, False
    wanted = _name_key(interview.arranged_by)
    for person in interview.interviewers:
        if wanted and _name_key(person.name) == wanted:
            return replace(person, email=person.email or interview.arranged_by_email), True
    return Interviewer(name=interview.arranged_by, email=interview.arranged_by_email,
                       row=_NO_ROW), False


def _name_key(name: str) -> tuple[str, str]:
    """A name as two names compare: "Dr Jane Whitfield" and "jane whitfield" are one."""
    parsed = parse_name(name)
    if not parsed.given and not parsed.family:
        return (parsed.full.casefold(), "") if parsed.full else ("", "")
    return parsed.given.casefold(), parsed.family.casefold()


def answer_recipient(interview: Interview) -> Interviewer | None:
    """Who the replies to their answer go to: whoever arranged the interview (recruiters
    and coordinators usually deliver the answer), else the first interviewer."""
    arranger, _ = arranger_of(interview)
    if arranger is not None:
        return arranger
    return interview.interviewers[0] if interview.interviewers else None


def answer_drafts(interview: Interview) -> list[Composed]:
    """The replies the answer in "Where it stands" calls for (ANSWER_DRAFTS), each only
    when the detail it needs is given (`_NEEDS`)."""
    person = answer_recipient(interview)
    context = {"to_name": parse_name(person.name).full if person else ""}
    composed = []
    for step in ANSWER_DRAFTS[interview.status]:
        needed = _NEEDS.get(step)
        if needed and getattr(interview, needed) is None:
            continue
        piece = _compose(step, interview, person, 0)
        how = _HOW_TO_SEND.get(step)
        if how is not None:
            piece.draft = replace(piece.draft, how_to_send=_render(how, context, Choice()).text)
        composed.append(piece)
    return composed


# How each reply to their answer is sent: in their thread when it answers their email.
_HOW_TO_SEND = {"next-round": templates.IN_THEIR_THREAD, "rejection": templates.IN_THEIR_THREAD,
                "offer": templates.IN_THEIR_THREAD, "more-time": templates.IN_PLACE_OF_THANKS}


def _answer_advice(interview: Interview) -> list[Advice]:
    """A word where an answer's detail is missing, or given for an answer not chosen."""
    status, found = interview.status, []

    def chosen(wanted: str) -> str:
        return f'"{by_path("status").label}" is "{STATUSES[wanted]}"'

    if status == "offer" and interview.decide_by is None:
        found.append(Advice("decide_by", "If you need time to decide, choose the day you "
                                         "will answer by (a few working days is usual): a "
                                         "draft asking for that time then appears."))
    if interview.next_round_on is not None and status != "next_round":
        found.append(Advice("next_round_on", "Your reply accepting the next round appears "
                                             f"when {chosen('next_round')}."))
    if interview.decide_by is not None and status != "offer":
        found.append(Advice("decide_by", "Your request for time to decide appears when "
                                         f"{chosen('offer')}."))
    if interview.other_offer_by is not None and "other-offer" not in ANSWER_DRAFTS[status]:
        found.append(Advice("other_offer_by", "The note about your other offer is for while "
                                              "you wait to hear, so it is not drafted now "
                                              "that they have answered."))
    if interview.arranged_by_email and not interview.arranged_by:
        found.append(Advice("arranged_by", "Add their name too: your emails to them greet "
                                           "them by it."))
    return found
