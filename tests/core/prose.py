"""Prose checks for the drafts the core writes: what a hiring manager would notice.

Every check is a plain function returning a list of human-readable problems (empty when
the text is fine). Most take a draft's body; a few need the draft dict
({"step", "to_name", "to", "subject", "body"}, see followup.emails.Draft.as_dict) or the
note set the draft came from (the core's input dict, see tests/core/notes_corpus.py).

Checks that read sentences look only at the message itself: the greeting line ("Hi Jane,")
and the sign-off with the signature below it ("Kind regards,\\nSam Taylor\\n07700 ...") are
set aside by `message_text`, since the signature is the reader's own and the greeting has
a check of its own (`greeting_problems`). The call step has neither: its body is talking
points, one "- " line each.

`check_draft(draft, notes)` runs every per-draft check and returns {check name: problems};
`thank_yous_alike(drafts)` compares the thank-yous of one note set with each other.

These are heuristics, kept simple on purpose: each docstring says what the check catches,
what it lets through, and why a reader would notice. Plain module, no project imports
(the core tests also run in Pyodide, where only tests/core is copied).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

# --- Helpers ------------------------------------------------------------------------------

WORD = re.compile(r"[^\W_][\w'\u2019-]*")
_GREETING = re.compile(r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b.*,$",
                       re.IGNORECASE)
_SIGN_OFF_WORDS = ("regards", "wishes", "sincerely", "faithfully", "thanks", "cheers", "best")
# Words ending in "." that do not end a sentence ("Dr. Grant", "e.g. this", "Ltd. and").
ABBREVIATIONS = frozenset({
    "dr", "mr", "mrs", "ms", "mx", "prof", "st", "jr", "sr", "rev", "revd", "engr", "cllr",
    "e.g", "i.e", "etc", "vs", "approx", "ltd", "inc", "co", "no", "dept", "fr", "capt",
})
_SENTENCE_END = re.compile(
    r"(?P<mark>\.{3}|…|[.!?]+)[\"'\u2019\u201d)\]]*(?=\s+(?P<next>\S))")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")


def _is_sign_off(line: str) -> bool:
    line = line.strip()
    words = line.split()
    return (line.endswith(",") and 0 < len(words) <= 4
            and any(word in line.lower() for word in _SIGN_OFF_WORDS))


def split_body(body: str) -> tuple[str, str, str]:
    """(greeting line, message, closing): the closing is the last sign-off line ("Kind
    regards,") that follows a blank line, and everything after it (the signature)."""
    lines = body.split("\n")
    start = 0
    greeting = ""
    if lines and _GREETING.match(lines[0].strip()):
        greeting, start = lines[0].strip(), 1
    end = len(lines)
    for index in range(len(lines) - 1, start - 1, -1):
        if _is_sign_off(lines[index]) and (index == 0 or not lines[index - 1].strip()):
            end = index
            break
    return greeting, "\n".join(lines[start:end]).strip("\n"), "\n".join(lines[end:])


def message_text(body: str) -> str:
    """The body without its greeting line and its sign-off and signature."""
    return split_body(body)[1]


def greeting_line(body: str) -> str:
    """The greeting ("Dear Dr Grant,"), or '' when the body has none (the call step)."""
    return split_body(body)[0]


def sentences(text: str) -> list[str]:
    """The sentences of `text`, in order.

    Lines are split first (paragraphs, talking points; a talking point's leading "- " is
    not part of its sentence), then each line after ".", "!" or "?" followed by a space.
    Not after an abbreviation ("Dr.", "e.g.", "Ltd."), an initial ("J.") or a list number
    ("2. short case study"; so "a team of 5. I led" stays one sentence), and not after
    an ellipsis ("..." or "…") unless the next word starts with a capital: "it went ok...
    not sure" is one sentence. "How big is the team? who owns it." is two, the second
    starting in lower case (which `lowercase_sentence_start` reports).
    """
    found: list[str] = []
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if line.startswith("- "):
            line = line[2:].strip()
        start = 0
        for match in _SENTENCE_END.finditer(line):
            mark, following = match["mark"], match["next"]
            if mark in ("...", "…") and not following[:1].isupper():
                continue
            if mark == ".":
                before = line[start:match.start()].split()
                token = before[-1].lower() if before else ""
                if (token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())
                        or (len(token) <= 2 and token.isdigit())):
                    continue
            found.append(line[start:match.end()].strip())
            start = match.end()
        rest = line[start:].strip()
        if rest:
            found.append(rest)
    return found


def _snippet(text: str, start: int, end: int, width: int = 30) -> str:
    """The match with a little context, on one line: '…the Senior Engineer role role at…'."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    piece = " ".join(text[left:right].split())
    return ("…" if left else "") + piece + ("…" if right < len(text) else "")


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _normalise(sentence: str) -> str:
    return " ".join(sentence.casefold().split())


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) == "So"


# --- Sentence-level checks ----------------------------------------------------------------

_DOUBLED = re.compile(r"(?<![\w'\u2019-])([^\W\d_]+)[ \t]+(\1)(?![\w'\u2019-])", re.IGNORECASE)
_DOUBLES_ALLOWED = frozenset({"had"})  # "what he had had in mind" is English


def doubled_words(text: str) -> list[str]:
    """The same word twice in a row: "the the", "role role" (case ignored, one line).

    Catches a template word meeting the same word at the edge of a note ("the {role}
    role" with the role typed as "Senior Engineer role"). A hiring manager reads a doubled
    word as a sign nobody read the email before sending it. "had had" is allowed.
    """
    message = message_text(text)
    return [f'doubled word "{m[1]} {m[2]}": {_snippet(message, m.start(), m.end())}'
            for m in _DOUBLED.finditer(message) if m[1].lower() not in _DOUBLES_ALLOWED]


_BAD_PUNCTUATION: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r",,"), "two commas"),
    (re.compile(r"[,;:][.,;:!?]"), "punctuation straight after a comma, colon or semicolon"),
    (re.compile(r"[!?][.,;:]"), "a full stop, comma or colon straight after ! or ?"),
    (re.compile(r"…[.,;:]"), "a full stop, comma or colon straight after an ellipsis"),
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "two full stops"),
    (re.compile(r"\.{4,}"), "four or more full stops"),
    (re.compile(r"(?<=\S)[ \t]+[,.;:!?](?!\.\.)(?![-)(DP])"), "a space before punctuation"),
)


def bad_punctuation(text: str) -> list[str]:
    """Punctuation that a careful writer never types: ",,", ",." and ":.", "!." "?." "!,"
    "?,", "…,", exactly two full stops (".." but not "..."), four or more, and a space
    before , . ; : ! or ? (but " ..." is a spaced ellipsis and ":)" a smiley).

    These appear where a note that ends in its own punctuation ("...engaging!") is
    dropped into a template sentence that goes on (", I am confident"). A hiring manager
    sees them at once: they look like a mail merge or like carelessness.
    """
    message = message_text(text)
    problems = []
    for pattern, what in _BAD_PUNCTUATION:
        for match in pattern.finditer(message):
            problems.append(f"{what}: {_snippet(message, match.start(), match.end())}")
    for index, char in enumerate(message[:-1]):
        # One full stop; "..." after an emoji is an ellipsis, which a person may type.
        if (_is_emoji(char) and message[index + 1] == "."
                and message[index + 1:index + 4] != "..."):
            problems.append(f"a full stop after an emoji: {_snippet(message, index, index + 2)}")
    return problems


_INLINE_MARKER = re.compile(r"(?<=\S)[ \t]+[-*•][ \t]+(?=\S)")
_NUMBERED_RUN = re.compile(r"(?:^|\s)1[.)]\s+\S.*?\s2[.)]\s+\S")


def list_dashes_in_prose(body: str, step: str = "") -> list[str]:
    """List markers inside email prose: " - ", " * " or " • " between words, a line that
    starts with one, or a numbered run ("1. ... 2. ...") inside a sentence.

    A pasted bullet list ("- final round\\n- references") becomes "- final round -
    references" once the core joins its lines into a sentence. The call step's talking
    points are "- " lines by design: with step="call" a leading "- " is fine, but a marker
    inside a point is not. A spaced en dash is good prose and is not flagged; a spaced
    hyphen (" - ") reads as a pasted list item or a typewriter dash either way.
    """
    message = message_text(body)
    problems = []
    for line in message.split("\n"):
        text = line.strip()
        if step == "call" and text.startswith("- "):
            text = text[2:]
        if _BULLET.match(text):
            problems.append(f"a list line in an email: {_snippet(text, 0, len(text), 0)}")
            text = _BULLET.sub("", text, count=1)
        for match in _INLINE_MARKER.finditer(text):
            problems.append(f"list marker {match.group().strip()!r} inside a sentence: "
                            f"{_snippet(text, match.start(), match.end())}")
        match = _NUMBERED_RUN.search(text)
        if match:
            problems.append(f"numbered list inside a sentence: "
                            f"{_snippet(text, match.start(), match.end())}")
    return problems


# Words that are lower case in the middle of an English sentence: pronouns, articles,
# prepositions, conjunctions, and the verbs and adverbs notes often start with. A note
# whose first word is one of these was capitalised only because it started the note.
COMMON_WORDS = frozenset({
    "we", "they", "he", "she", "it", "you", "my", "our", "their", "his", "her", "its",
    "your", "me", "us", "them", "the", "a", "an", "this", "that", "these", "those", "there",
    "some", "any", "no", "each", "every", "both", "all", "about", "and", "but", "or", "so",
    "if", "when", "how", "what", "why", "where", "who", "which", "with", "on", "in", "at",
    "for", "to", "of", "from", "by", "as", "not", "after", "before", "because", "talked",
    "discussed", "spoke", "asked", "said", "told", "mentioned", "explained", "went", "was",
    "were", "is", "are", "had", "have", "did", "do", "does", "got", "need", "needs", "want",
    "wants", "felt", "think", "thought", "forgot", "really", "very", "just", "also", "lots",
    "mostly", "probably", "maybe", "basically", "honestly", "apparently", "mainly",
    "nobody", "everyone", "everybody", "can", "could", "will", "would", "should", "too",
    "ran", "built", "led", "managed", "cut", "reduced", "grew", "worked", "set", "moved",
    "rebuilt", "redesigned", "designed", "introduced", "spent", "took", "get", "getting",
    "made", "make", "making", "more", "most", "less", "much", "many", "far", "five", "ten",
    "three", "two", "four", "one", "wondering", "curious", "whether",
})
# Note fields whose words a template may put mid-sentence.
NOTE_FIELDS = ("next_steps", "questions", "challenges", "fit", "clarify", "clarify_add")
INTERVIEWER_NOTE_FIELDS = ("topic", "said")


def _note_texts(notes: dict) -> list[str]:
    texts = [notes.get(key) or "" for key in NOTE_FIELDS]
    for person in notes.get("interviewers") or []:
        if isinstance(person, dict):
            texts += [person.get(key) or "" for key in INTERVIEWER_NOTE_FIELDS]
    return [text for text in texts if isinstance(text, str) and text.strip()]


def _proper_text(notes: dict) -> str:
    """Company, role and names: where capitals are there for a reason."""
    parts = [notes.get("company") or "", notes.get("role") or "", notes.get("your_name") or ""]
    for person in notes.get("interviewers") or []:
        if isinstance(person, dict):
            parts += [person.get("name") or "", person.get("address_as") or ""]
    return " ".join(part for part in parts if isinstance(part, str))


def capitalised_note_word_mid_sentence(body: str, notes: dict) -> list[str]:
    """A note's capitalised first word left capitalised in the middle of a sentence:
    "our discussion of We talked about...", "help with The brand feels dated".

    The rule, kept simple so it never flags a name: take each note's first word (after
    any bullet); flag it only when (1) it starts with a capital, (2) it is a common word
    that is lower case mid-sentence (COMMON_WORDS: pronouns, articles, prepositions, the
    verbs notes start with; never "I", which `subject_pronoun_after_preposition` covers;
    never a word in capitals such as "US" or a note typed in capitals, "THE SCRAP RATE"),
    (3) the body has it, followed by the note's second word, straight after a lower-case
    word (only spaces between; after a colon a capital is a matter of style, not
    flagged), and (4) those two words do not appear in the company, the role or a name
    ("The Daily Loaf" stays capitalised).

    A hiring manager reading "I was particularly interested in our discussion of We
    discussed the spring campaign" sees a form letter with the blanks filled in.
    """
    message = message_text(body)
    proper = _proper_text(notes)
    problems = []
    seen: set[str] = set()
    for note in _note_texts(notes):
        text = _BULLET.sub("", " ".join(note.split()), count=1)
        words = list(WORD.finditer(text))
        if not words:
            continue
        first = words[0].group()
        if (first == "I" or not first[0].isupper() or first.lower() not in COMMON_WORDS
                or (len(first) > 1 and first.isupper())):
            continue
        phrase = text[words[0].start():words[1].end()] if len(words) > 1 else first
        if re.sub(r"['\u2019]s\b", "", phrase) in proper or phrase in seen:
            continue
        pattern = re.compile(r"(?<![\w'\u2019-])([\w'\u2019-]+)[ \t]+" + re.escape(phrase)
                             + r"(?![\w'\u2019-])")
        for match in pattern.finditer(message):
            if match[1][0].islower():
                seen.add(phrase)
                problems.append(f'note word "{first}" capitalised mid-sentence: '
                                f"{_snippet(message, match.start(), match.end())}")
    return problems


_PRONOUN_AFTER_PREPOSITION = re.compile(
    r"\b(?:about|on|of|with|to|from|into|regarding|for)\s+(?:i|we|they|he|she)\b"
    r"|\bI did (?:i|we|they|he|she)\b", re.IGNORECASE)


def subject_pronoun_after_preposition(body: str) -> list[str]:
    """A whole sentence from the notes dropped where the template expects a noun phrase:
    "add to my answer about I wasn't clear about...", "our discussion of We talked
    about...", "I don't think I did I wasn't clear ... justice", "expand on they want...".

    English puts "me", "us", "them" after a preposition, never "I", "we", "they", "he" or
    "she" (and "it" is left alone: "more about it" is fine). So a subject pronoun right
    after about/on/of/with/to/from/into/regarding/for, or "I did I", is a clause pasted
    into a slot. The capitalisation check cannot see it when the note starts with "I". A
    hiring manager reads the sentence twice and still cannot parse it.
    """
    message = message_text(body)
    return [f"a sentence where a noun belongs: {_snippet(message, m.start(), m.end())}"
            for m in _PRONOUN_AFTER_PREPOSITION.finditer(message)]


QUESTION_WORDS = frozenset({"what", "how", "when", "where", "why", "which"})
WHO_WORDS = frozenset({"who", "whom", "whose"})
AUXILIARIES = frozenset({"do", "does", "did", "is", "are", "was", "were", "can", "could",
                         "will", "would", "should", "shall", "has", "have", "had", "may",
                         "might", "must"})
_SUBJECT_PRONOUNS = frozenset({"i", "you", "we", "they", "he", "she", "it", "there"})
_CONTRACTED_QUESTIONS = frozenset({"what's", "how's", "where's", "when's", "why's", "who's",
                                   "who'd", "what'd", "how'd"})
_NOT_QUESTION_OPENINGS = ("which is why", "which was why", "which means", "what's more",
                          "what is more")
_HOW_ADVERBS = frozenset({"much", "many", "long", "often", "soon", "big", "far", "quickly"})
# "Do let me know", "Do get in touch": an auxiliary that starts a request, not a question;
# "was a highlight for me": an auxiliary then an article is the tail of a sentence that a
# note's "?" cut in two ("...about Why is it so high? was a highlight for me.").
_NOT_A_QUESTION_AFTER_AUX = frozenset({"let", "get", "feel", "come", "keep", "take", "not",
                                       "so", "note", "bear", "a", "an"})


def looks_like_question(sentence: str) -> bool:
    """True when a sentence is worded as a question, whatever its final mark.

    - "who/whose/whom ..." or "what's/how's/where's ..." (as a sentence start, that is a
      question);
    - "what/how/when/where/why/which" followed at once by an auxiliary ("How is ...",
      "When does ...") or "how much/many/long/big ...", or followed within three words by
      an auxiliary with no subject pronoun before it and no comma in the sentence ("Which
      reporting tools does ...", "What tools do ..."); so "When we spoke, you ...", "What
      they said ...", "What I would bring is ..." and "When the team is ready, I ..." are
      statements, and so are "Which is why ..." and "What's more ...";
    - an auxiliary ("is", "do", "can", "will", ...) followed by anything but a request
      word ("Do let me know") or an article ("was a highlight": the tail of a sentence
      cut in two), and not "Should/Had/Were you ..., ..." (a condition).
    """
    words = [word.casefold().replace("\u2019", "'") for word in _words(sentence)[:4]]
    if not words:
        return False
    first, rest = words[0], words[1:]
    if first in WHO_WORDS or first in _CONTRACTED_QUESTIONS:
        return True
    if " ".join(words).startswith(_NOT_QUESTION_OPENINGS):
        return False
    if first in QUESTION_WORDS and rest:
        if rest[0] in AUXILIARIES or (first == "how" and rest[0] in _HOW_ADVERBS):
            return True
        if "," in sentence:  # "When the team is ready, I'll start": a clause, not a question
            return False
        for word in rest:
            if word in _SUBJECT_PRONOUNS:
                return False
            if word in AUXILIARIES:
                return True
        return False
    if first in AUXILIARIES and rest:
        if rest[0] in _NOT_A_QUESTION_AFTER_AUX:
            return False
        return not (first in ("should", "had", "were") and "," in sentence)
    return False


def _clauses(sentence: str) -> list[str]:
    """The sentence, and the part after its last ": " when it has one ("Ask your open
    question: how big is the team.")."""
    parts = [sentence]
    if ": " in sentence:
        parts.append(sentence.rsplit(": ", 1)[1])
    return parts


def questions_end_with_question_mark(body: str) -> list[str]:
    """A question that ends with a full stop: "how do they measure success." or
    "Which reporting tools does the firm use." (see `looks_like_question`).

    Notes are typed without "?" ("who would i report to"), and the core adds a full stop
    to end the sentence. The part after a colon is checked too, since templates
    introduce the reader's question with one. A hiring manager reads a question with a
    full stop as a slip, or as flat and passive-aggressive. An ellipsis is left alone.
    """
    problems = []
    for sentence in sentences(message_text(body)):
        if not sentence.endswith(".") or sentence.endswith(("...", "…")):
            continue
        for clause in _clauses(sentence):
            if looks_like_question(clause):
                problems.append(f'question ending in ".": {clause}')
                break
    return problems


_NUMBERS = {"one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "both": 2, "three": 3,
            "four": 4, "five": 5}
_QUESTION_NOUN = re.compile(r"\bquestions?\b", re.IGNORECASE)


def _count_questions(text: str) -> int:
    return sum(1 for sentence in sentences(text)
               if sentence.rstrip().endswith("?") or looks_like_question(sentence))


def count_words_agree(body: str) -> list[str]:
    """A count that disagrees with the list after it: "One question I'm still turning
    over: How is success measured? who owns the brand budget." (one, then two), or "two
    questions: How big is the team?" (two, then one).

    Looks at each "question"/"questions" followed, on the same line, by a colon; counts
    the questions after the colon (sentences ending in "?" or worded as questions); the
    number expected is 1 for the singular noun, else the number word up to three words
    before it ("two", "both", "three"...), else "more than one". A hiring manager notices
    an email that cannot count its own questions.
    """
    problems = []
    for line in message_text(body).split("\n"):
        for match in _QUESTION_NOUN.finditer(line):
            colon = line.find(":", match.end())
            if colon < 0:
                continue
            found = _count_questions(line[colon + 1:])
            if not found:
                continue
            before = [word.lower() for word in _words(line[:match.start()])[-3:]]
            number = next((_NUMBERS[word] for word in reversed(before) if word in _NUMBERS),
                          None)
            singular = match.group().lower() == "question"
            expected = 1 if singular else number
            if expected is not None and found != expected:
                problems.append(f"says {expected} question{'s' if expected > 1 else ''}, "
                                f"lists {found}: {_snippet(line, match.start(), len(line))}")
            elif expected is None and found == 1:
                problems.append(f'says "questions", lists one: '
                                f"{_snippet(line, match.start(), len(line))}")
    return problems


def lowercase_sentence_start(body: str) -> list[str]:
    """A sentence that starts with a lower-case word: "...in the first 90 days? who owns
    the brand budget." The second question of a note typed in lower case becomes a
    sentence of its own in the email. Words with a capital inside ("iPhone", "eBay"),
    sentences starting with a digit and asides in brackets are left alone. A hiring
    manager sees notes pasted in, not an email written for them.
    """
    problems = []
    for sentence in sentences(message_text(body)):
        words = _words(sentence)
        if not words:
            continue
        first = words[0]
        if sentence.startswith(("(", "[")):
            continue
        if first[0].islower() and first == first.lower():
            problems.append(f"sentence starts in lower case: {sentence}")
    return problems


# --- Length, repetition -------------------------------------------------------------------

# A reply to the employer's answer, or the thanks to whoever arranged the interview, says
# one thing: shorter than a follow-up.
REPLY_BUDGET = 100
BUDGETS = {"thank-you": 200, "follow-up-1": 120, "follow-up-2": 120,
           **dict.fromkeys(("thank-arranger", "next-round", "rejection", "offer", "more-time",
                            "other-offer", "withdraw"), REPLY_BUDGET)}


def word_count(body: str) -> int:
    """Words in the body, without its greeting line and sign-off and signature."""
    return len(_words(message_text(body)))


def within_budget(draft: dict) -> list[str]:
    """A thank-you over 200 words, a follow-up over 120, a reply to their answer (or the
    thanks to whoever arranged it) over 100 (greeting, sign-off and signature not counted;
    the call's talking points have no budget).

    The advice is "short and sweet": roughly 100-200 words for a thank-you, less for a
    chaser. Long pasted notes can double an email; a hiring manager skims a long one and
    remembers only that it was long.
    """
    budget = BUDGETS.get(draft.get("step", ""))
    if budget is None:
        return []
    words = word_count(draft["body"])
    return [f"{draft['step']} is {words} words, over {budget}"] if words > budget else []


FRAME_WORDS = frozenset({"role", "position", "post", "job", "vacancy", "answer", "question",
                         "interview", "opportunity", "application", "team"})
_SAME_KIND = frozenset({"role", "position", "post", "job", "vacancy"})
_COORDINATED = frozenset({"and", "or", "then", "but", "nor"})


def repeated_frame_word(body: str) -> list[str]:
    """A framing noun said twice in a breath: "role role", "the Data Analyst position
    role", "add to my answer on My answer on budgeting", "the Deputy Head of Science post
    position".

    Within one sentence, flags a frame word (role, position, post, job, vacancy, answer,
    question, interview, opportunity, application, team) repeated with at most two words
    between, and two role-like nouns side by side ("position role"). It happens when the
    reader types the noun the template also supplies. A hiring manager notices at once.
    Two items joined ("a final interview and a second interview", "a test then an
    interview") are ordinary English, not a frame said twice: not flagged.
    """
    problems = []
    for sentence in sentences(message_text(body)):
        tokens = [token.casefold() for token in _words(sentence)]
        for index, token in enumerate(tokens):
            if token not in FRAME_WORDS:
                continue
            window = tokens[index + 1:index + 4]
            if token in window and not _COORDINATED & set(window[:window.index(token)]):
                gap = window.index(token)
                phrase = " ".join(tokens[index:index + gap + 2])
                problems.append(f'"{phrase}" in: {sentence}')
            elif (window and token in _SAME_KIND and window[0] in _SAME_KIND):
                problems.append(f'"{token} {window[0]}" in: {sentence}')
    return problems


# --- Who it is written to -------------------------------------------------------------------

TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame",
                    "lord", "lady", "rev", "revd", "engr", "cllr", "councillor", "fr", "capt",
                    "hon", "rabbi", "imam", "pastor", "sheikh", "m", "mme", "herr", "frau",
                    "pak", "bu"})
# Lower-case words that belong in names ("Jean-Marc de la Rosa", "Rhys ap Gwilym").
NAME_PARTICLES = frozenset({"de", "la", "le", "du", "des", "da", "di", "dos", "das", "do",
                            "van", "von", "der", "den", "ter", "ten", "ap", "bin", "binti",
                            "bint", "al", "el", "ibn", "y", "e", "zu", "af", "mc", "mac", "ní",
                            "nic", "ó", "ua"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq"})


def _name_words(name: str) -> list[str]:
    """A name's words, in any order or case: "Chen, Li" and "Li Chen" match."""
    return sorted(word.casefold() for word in re.findall(r"[^\W\d_]+", name or ""))


def _person(draft: dict, notes: dict) -> dict | None:
    """The interviewer a draft is written to, from its to_name (which the core may have
    written more carefully than the notes: "Li Chen" for "Chen, Li")."""
    wanted = _name_words(draft.get("to_name") or "")
    if not wanted:
        return None
    for person in notes.get("interviewers") or []:
        if isinstance(person, dict) and _name_words(person.get("name") or "") == wanted:
            return person
    return None


def greeting_problems(draft: dict, notes: dict) -> list[str]:
    """A greeting a person would not write.

    - A comma inside the name: "Dear Chen, Li," (a "Last, First" name from a list) or
      "Dear Helen Marsh, PhD," reads as a list or a database export.
    - A name in lower case: "Hi mrs,", "Dear ms niamh mc grath," (particles such as "de",
      "van", "ap" excepted).
    - A title or an initial alone as the name ("Hi Cllr,", "Hi Engr.,", "Hi A.,"), or a
      title followed by a full name in a formal greeting ("Dear Dr. Olivia Grant,": one
      writes "Dear Dr Grant").
    - Brackets in it: "Dear Zhou Xinyi (Cindy),".
    - The note set says how to address this person (`address_as`) and the greeting does
      not use it: "Hi Nguyễn," for someone who goes by "Thu Hà".

    The greeting is the first thing the reader sees; getting their name wrong is the
    mistake hiring managers mention most.
    """
    greeting = greeting_line(draft.get("body", ""))
    if not greeting:
        return []
    opener, _, rest = greeting.partition(" ")
    name = rest[:-1].strip() if rest.endswith(",") else rest.strip()
    problems = []
    words = name.split()
    bare = [word.strip(".").casefold() for word in words]
    if "," in name:
        problems.append(f"comma inside the name: {greeting}")
    lower = [word for word in words if word[:1].islower()
             and word.casefold() not in NAME_PARTICLES]
    if lower:
        problems.append(f"name in lower case ({' '.join(lower)}): {greeting}")
    if len(bare) == 1 and bare[0] in TITLES:
        problems.append(f"a title alone, no name: {greeting}")
    elif len(bare) == 1 and len(bare[0]) == 1:
        problems.append(f"an initial, not a name: {greeting}")
    elif (opener.casefold() == "dear" and bare and bare[0] in TITLES
          and len([w for w in bare[1:] if w not in TITLES and w not in _SUFFIXES
                   and w not in NAME_PARTICLES]) >= 2):
        problems.append(f"title and full name, like a mail merge: {greeting}")
    if "(" in name or ")" in name:
        problems.append(f"brackets in the name: {greeting}")
    person = _person(draft, notes)
    address_as = " ".join(((person or {}).get("address_as") or "").split())
    if address_as and address_as.casefold() not in greeting.casefold():
        problems.append(f'does not use "{address_as}": {greeting}')
    return problems


_THIRD_PERSON = re.compile(
    r"\b(?:they|he|she)(?:\s+(?:said|told|mentioned|asked|will|would|want|wants|seemed|"
    r"think|thinks|hope|hopes|hoped)\b|['\u2019](?:ll|d)\b)", re.IGNORECASE)


def third_person_for_reader(body: str, step: str = "") -> list[str]:
    """An email that says "you" and then "they said"/"he'll"/"she would" about the same
    person in one sentence: "When we spoke, you mentioned the next steps: They said
    they'd decide by Friday."

    Notes are written about the interviewer ("she'll ring me"); the email is written to
    them. Pasted as they are, the interviewer reads about themselves in the third person.
    Emails only (the call's talking points are notes to yourself).
    """
    if step == "call":
        return []
    problems = []
    for sentence in sentences(message_text(body)):
        for match in _THIRD_PERSON.finditer(sentence):
            if re.search(r"\byou\b", sentence[:match.start()], re.IGNORECASE):
                problems.append(f'"{match.group()}" after "you": {sentence}')
                break
    return problems


def emoji_in_formal_email(body: str, notes: dict, step: str = "") -> list[str]:
    """An emoji in a formal email (from the notes: "...behind 📉"). In a warm note an emoji
    may be the writer's choice; in a formal one it jars. The call's talking points are
    for the reader only and are not checked.
    """
    if step == "call" or (notes.get("tone") or "warm") != "formal":
        return []
    message = message_text(body)
    return [f"emoji {char} in a formal email: {_snippet(message, index, index + 1)}"
            for index, char in enumerate(message) if _is_emoji(char)]


# --- The new optional keys ------------------------------------------------------------------


def _key_words(text: str) -> set[str]:
    """Distinctive words of a note: five letters or more, not common words."""
    return {word.casefold() for word in _words(text)
            if len(word) >= 5 and word.casefold() not in COMMON_WORDS}


def _mentions(body: str, note: str, share: float = 0.6, *, besides: str = "") -> bool:
    """True when at least `share` of the note's distinctive words are in the body (a note
    with none, "the gap in my CV", is looked for by all its words). Words of `besides`
    (what else the body is known to say) do not count."""
    wanted = _key_words(note) or {word.casefold() for word in _words(note)}
    if not wanted:
        return True
    have = {word.casefold() for word in _words(body)} - {
        word.casefold() for word in _words(besides)}
    return len(wanted & have) >= share * len(wanted)


def new_keys_reflected(draft: dict, notes: dict) -> list[str]:
    """Whether a thank-you uses the notes' new optional keys (core support is coming):

    - `said` ("asked how I'd handle a missed deadline"): that interviewer's thank-you
      mentions it (60% or more of its distinctive words, five letters or longer, appear);
    - `clarify_add` (the better answer): the thank-you to the `clarify_with` interviewer
      (the first when no one is named) carries it;
    - with `clarify_with`, the other interviewers' thank-yous leave the clarification out
      (the words of `clarify` and `clarify_add` are not both there).

    A thank-you that picks up what this person asked is what makes it personal; an
    apology for an answer sent to someone who never heard it is odd. Expected to fail on
    a core that ignores these keys: the report shows how far along support is.
    """
    if draft.get("step") != "thank-you":
        return []
    body = message_text(draft.get("body", ""))
    problems = []
    person = _person(draft, notes)
    said = (person or {}).get("said") or ""
    # This person's own topic and remark are theirs to read: words the point to clarify
    # shares with them ("lending compliance") are no sign the clarification is there.
    own = " ".join(((person or {}).get(key) or "") for key in INTERVIEWER_NOTE_FIELDS)
    if said and not _mentions(body, said):
        problems.append(f'does not pick up what {draft["to_name"]} said: "{said}"')
    add = notes.get("clarify_add") or ""
    if add:
        people = [p for p in notes.get("interviewers") or [] if isinstance(p, dict)
                  and (p.get("name") or "").strip()]
        target = people[0] if people else None
        number = (notes.get("clarify_with") or "").strip()
        if number.isdigit() and 1 <= int(number) <= len(people):
            target = people[int(number) - 1]
        if target is None or person is target:
            if not _mentions(body, add):
                problems.append(f'leaves out the better answer: "{add}"')
        elif _mentions(body, add, share=0.75, besides=own) or (
                notes.get("clarify") and _mentions(body, notes["clarify"], share=0.75,
                                                   besides=own)):
            problems.append(f"clarifies to {draft['to_name']}, though the point concerns "
                            f"{target.get('name')}")
    elif target_is_elsewhere(draft, notes) and notes.get("clarify") and _mentions(
            body, notes["clarify"], share=0.75, besides=own):
        problems.append(f"clarifies to {draft['to_name']}, though the point concerns someone "
                        "else")
    return problems


def target_is_elsewhere(draft: dict, notes: dict) -> bool:
    """Whether the point to clarify concerns another interviewer than this draft's."""
    people = [p for p in notes.get("interviewers") or [] if isinstance(p, dict)
              and (p.get("name") or "").strip()]
    number = (notes.get("clarify_with") or "").strip()
    index = int(number) - 1 if number.isdigit() else 0
    person = _person(draft, notes)
    return person is not None and 0 <= index < len(people) and people[index] is not person


# --- Across drafts --------------------------------------------------------------------------


def shared_sentence_ratio(body_a: str, body_b: str) -> float:
    """The share of sentences two bodies have in common, greeting and sign-off aside:
    2 x (sentences in both) / (sentences in a + sentences in b), compared without case or
    spacing differences. 0.0 for nothing in common, 1.0 for the same text."""
    a = {_normalise(sentence) for sentence in sentences(message_text(body_a))}
    b = {_normalise(sentence) for sentence in sentences(message_text(body_b))}
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


SHARED_LIMIT = 0.5


def thank_yous_alike(drafts: Iterable[dict], limit: float = SHARED_LIMIT) -> list[str]:
    """Pairs of thank-yous (one note set, different interviewers) sharing more than
    `limit` of their sentences.

    The advice is one note to each interviewer, each about what you talked about with
    them. Interviewers compare notes: two emails that differ by one sentence read as a
    template sent twice.
    """
    notes = [draft for draft in drafts if draft.get("step") == "thank-you"]
    problems = []
    for index, first in enumerate(notes):
        for second in notes[index + 1:]:
            ratio = shared_sentence_ratio(first["body"], second["body"])
            if ratio > limit:
                problems.append(f"thank-yous to {first['to_name'] or 'the panel'} and "
                                f"{second['to_name'] or 'the panel'} share {ratio:.0%} of "
                                "their sentences")
    return problems


# --- Running them all -----------------------------------------------------------------------

DraftCheck = Callable[[dict, dict], list[str]]

DRAFT_CHECKS: dict[str, DraftCheck] = {
    "doubled_words": lambda draft, notes: doubled_words(draft["body"]),
    "bad_punctuation": lambda draft, notes: bad_punctuation(draft["body"]),
    "list_dashes_in_prose": lambda draft, notes: list_dashes_in_prose(
        draft["body"], draft["step"]),
    "capitalised_note_word_mid_sentence": lambda draft, notes:
        capitalised_note_word_mid_sentence(draft["body"], notes),
    "subject_pronoun_after_preposition": lambda draft, notes:
        subject_pronoun_after_preposition(draft["body"]),
    "questions_end_with_question_mark": lambda draft, notes:
        questions_end_with_question_mark(draft["body"]),
    "count_words_agree": lambda draft, notes: count_words_agree(draft["body"]),
    "lowercase_sentence_start": lambda draft, notes: lowercase_sentence_start(draft["body"]),
    "within_budget": lambda draft, notes: within_budget(draft),
    "repeated_frame_word": lambda draft, notes: repeated_frame_word(draft["body"]),
    "greeting_problems": greeting_problems,
    "third_person_for_reader": lambda draft, notes: third_person_for_reader(
        draft["body"], draft["step"]),
    "emoji_in_formal_email": lambda draft, notes: emoji_in_formal_email(
        draft["body"], notes, draft["step"]),
    "new_keys_reflected": new_keys_reflected,
}


def check_draft(draft: dict, notes: dict) -> dict[str, list[str]]:
    """Every per-draft check: {check name: problems} (a check with none maps to [])."""
    return {name: check(draft, notes) for name, check in DRAFT_CHECKS.items()}
