"""The reader's notes, taken as they are typed and shaped for the sentence that quotes them.

People write notes as fragments or as sentences, with or without a capital, with "!",
"..." or an emoji at the end, as bullet lists or on several lines. A template asks for
the shape its sentence needs, with a format spec (templates.py):

- ``{fit}``: inline: one line, trailing punctuation dropped (a company, a role, a name);
- ``{topic:phrase}``: a noun phrase that can follow "about": the note with its lead-in
  dropped ("we talked about the rebuild" -> "the rebuild") and its first letter in lower
  case unless it starts a name. Empty when the note is a sentence of its own, so the
  template's next option applies (one that reads with a sentence);
- ``{challenges:clause}``: words that can follow a colon or "that": the note with its
  first letter in lower case (unless a name or "I") and no end punctuation;
- ``{next_steps:sentence}``: a sentence of its own: a capital, and a full stop unless it
  ends in "?", "!" or an emoji;
- ``,you`` after a shape (``{said:sentence,you}``) speaks to the reader's correspondent:
  "they asked" becomes "you asked", "their team" becomes "your team";
- ``,formal`` drops emoji and turns "!" into a full stop.

`items()` splits a list note into its items and `questions()` turns the questions note
into questions, each ending in "?". Everything here is heuristics over English word lists,
kept small and tested on a corpus of notes typed as people type them (tests/core/).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


def _word_set(text: str) -> frozenset[str]:
    """The words of a list written as text, one or more a line."""
    return frozenset(text.split())


# A list marker at the start of a line: "- ", "* ", "• ", "1. ", "2) ".
_BULLET = re.compile(r"^\s*(?:[-*•‣▪\u2013\u2014]|\d{1,2}[.)])\s+")
# Bullets pasted onto one line: "- a - b", "• a • b".
_INLINE_BULLET = re.compile(r"\s+[-*•‣▪]\s+(?=\S)")
# Words that open a note about what was discussed, dropped to leave the topic itself.
_LEAD_INS = re.compile(
    r"^(?:(?:we|they|i)\s+(?:had\s+(?:a\s+)?(?:good\s+|great\s+|long\s+)?"
    r"(?:chat|conversation|talk|discussion)\s+(?:about|on)|talked\s+(?:a\s+lot\s+)?about|"
    r"discussed|spoke\s+about|chatted\s+about|covered|got\s+into|went\s+over|"
    r"touched\s+on)|talked\s+(?:a\s+lot\s+)?about|discussed|discussion\s+(?:of|about|on)|"
    r"chatted\s+about|spoke\s+about|covered|(?:a\s+)?conversation\s+about|"
    r"(?:mostly|lots|a\s+lot)\s+(?:about|on)|about|re|topic|wondering\s+(?:about|whether|if)|"
    r"curious\s+(?:about|whether|if)|i'?d\s+like\s+to\s+know|want\s+to\s+know)"
    r"\s*:?\s+", re.IGNORECASE)
# First words that are lower case mid-sentence: a note starting with one was capitalised
# only because it started the note.
_COMMON_FIRST_WORDS = _word_set("""
a an the this that these those there their our your my his her its we they you he she it
me us them some any no each every both all about and but or so if when how what why
where who whom whose which whether with on in at for to of from by as not after before
because more most less much many several few lots plenty one two three four five six
seven eight nine ten also just really very mostly mainly probably maybe honestly
basically apparently still even only quite rather pretty definitely clearly too never
always often sometimes
usually lack lacking low high slow fast poor big small new old better bigger more hard
easy tight limited huge little is are was
were be been being am has have had do does did can could will would should may might
must need needs want wants feel feels felt think thought said told asked mentioned
explained described showed gave took made got went came seemed looked sounded wanted
talked discussed spoke covered forgot led built rebuilt ran managed grew cut reduced
moved launched designed redesigned introduced spent set worked helped hired trained
started created delivered shipped doubled tripled halved improved increased raised saved
won salary pay budget budgets budgeting experience leadership management team teams
stakeholder stakeholders strategy process processes design data customer customers
client clients product products project projects marketing sales hiring onboarding
reporting reports growth revenue pricing roadmap culture training testing security
performance quality delivery operations finance research analysis analytics
communication collaboration timeline timelines deadline deadlines scope question
questions answer answers example examples plan plans role remote hybrid notice
expectations compensation benefits brand campaign campaigns content community hours
travel relocation start progression career mentoring coaching tooling automation
migration infrastructure support service services staff people users user feedback
metrics targets goals priorities challenges challenge funding costs cost margins supply
suppliers stock inventory logistics depot depots
final first second third next last another other initial further formal informal quick
short long great good lovely nice full half weekly monthly daily lone
family families staff patient patients student students pupil pupils children kids parents
shift shifts weekend weekends queue ward wards unit units school schools class classes
lesson lessons teacher teachers nurse nurses doctor doctors manager managers board panel
interview interviews reference references round rounds call calls meeting meetings visit
test tests task tasks exercise presentation case study offer contract
""")
# Past forms that start a note with its subject left out ("led a rebrand at Northgate").
_PAST_VERBS = _word_set("""
led built rebuilt ran managed grew cut reduced moved launched designed redesigned
introduced spent set worked helped hired trained started created delivered shipped
doubled tripled halved improved increased raised saved won took made took set wrote
rewrote migrated automated scaled founded co-founded owned oversaw mentored coached
organised organized negotiated sold closed opened turned brought drove shaped
implemented
""")
# How people note their own slips, with the "I" left out: "talked too fast".
_OWN_SLIPS = frozenset({"talked", "rushed", "rambled", "waffled", "blanked", "froze",
                        "forgot", "panicked", "stumbled", "fumbled", "undersold", "oversold",
                        "misunderstood", "misread", "got", "went", "said", "didn't", "couldn't",
                        "wasn't"})
# "fluent in", "experienced with", "comfortable with": how an adjective about the reader
# starts a note, where "I'm" is missing.
_ADJECTIVE_PREPOSITIONS = frozenset({"in", "with", "at", "about", "to", "on"})
_ADJECTIVE_ENDINGS = ("ent", "ive", "ous", "ful", "able", "ible", "ate", "ed", "iar", "ong",
                      "ood", "een")
# Words whose presence makes a note a sentence rather than a noun phrase.
_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "it", "there", "i'm", "we're",
                       "you're", "they're", "he's", "she's", "it's", "there's", "i've",
                       "we've", "they've", "i'd", "we'd", "they'd", "i'll", "we'll",
                       "they'll"})
_FINITE = frozenset({"is", "are", "was", "were", "has", "have", "had", "does", "do", "did",
                     "will", "would", "can", "could", "should", "must", "isn't", "aren't",
                     "wasn't", "weren't", "hasn't", "haven't", "hadn't", "doesn't",
                     "don't", "didn't", "won't", "wouldn't", "can't", "couldn't",
                     "shouldn't", "feels", "felt", "seems", "seemed", "looks", "needs",
                     "lacks", "keeps", "takes", "gets", "makes", "goes", "went", "came",
                     "comes", "wants", "hopes", "hoped", "said", "says", "told", "asked"})
# Words a noun phrase may start with even when a finite verb follows ("how late deliveries
# are traced" is a phrase: "about how late deliveries are traced").
_PHRASE_OPENERS = frozenset({"how", "what", "why", "when", "where", "who", "whether",
                             "which", "whose"})
# Places and names that end in "-ing" keep their capital.
_ING_NAMES = frozenset({"reading", "ealing", "beijing", "kettering", "worthing", "epping",
                        "tring", "woking", "dorking", "barking", "sterling", "banking"})
_QUESTION_STARTS = frozenset({"what", "how", "when", "where", "why", "which", "who", "whom",
                              "whose", "do", "does", "did", "is", "are", "was", "were", "can",
                              "could", "will", "would", "should", "shall", "has", "have",
                              "may", "might", "am", "isn't", "aren't", "don't", "doesn't",
                              "what's", "how's", "where's", "who's", "when's", "why's"})
# A note phrased as a wish to know, rather than as a question.
_WONDERING = re.compile(r"^(?:i'?m\s+)?(?:still\s+)?(?:wondering|curious|unsure|not\s+sure)"
                        r"\s+(?:about|whether|if|how|what|why|when|who)\b", re.IGNORECASE)
# Speaking to the correspondent: their words for them, as "you".
_TO_YOU = {"they": "you", "them": "you", "their": "your", "theirs": "yours",
           "themselves": "yourselves", "themself": "yourself", "they're": "you're",
           "they've": "you've", "they'd": "you'd", "they'll": "you'll", "he": "you",
           "she": "you", "him": "you", "his": "your", "he's": "you've", "she's": "you've",
           "he'd": "you'd", "she'd": "you'd", "he'll": "you'll", "she'll": "you'll",
           "himself": "yourself", "herself": "yourself"}
# After "he" or "she" turned into "you", the verb agrees.
_AGREE = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
          "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't", "says": "say",
          "wants": "want", "thinks": "think", "seems": "seem", "likes": "like",
          "needs": "need", "hopes": "hope", "plans": "plan", "expects": "expect",
          "leads": "lead", "runs": "run", "manages": "manage", "knows": "know"}
_WORD = re.compile(r"[\w'\u2019-]+")
_END_PUNCTUATION = " \t,;:.!?…"


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") or char in "\u200d\ufe0f\ufe0e"


def _without_emoji(text: str) -> str:
    spaced = " ".join("".join(" " if _is_emoji(char) else char for char in text).split())
    return re.sub(r"\s+([.,;:!?…])", r"\1", spaced)


def _ends_with_emoji(text: str) -> bool:
    stripped = text.rstrip("\u200d\ufe0e\ufe0f")
    while stripped and unicodedata.category(stripped[-1]) == "Sk":
        stripped = stripped[:-1]
    return bool(stripped) and unicodedata.category(stripped[-1]) == "So"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return [word.lower().replace("\u2019", "'") for word in _WORD.findall(text)]


# A note that says nothing ("dunno", "n/a", "tbc") or opens by saying so ("not sure, ").
_FILLER = re.compile(r"^(?:dunno|idk|no\s+idea|not\s+sure|unsure|n/?a|tbc|tbd|none|nothing|"
                     r"\?+|-+)(?:[\s,.;:!?-]+|$)", re.IGNORECASE)


# Words a line cannot end on when the sentence ends there: the line was wrapped.
_CARRIED_ON = _word_set("""
a an the and or but to of with for in on at by from that so as into about than my our your
their his her its this these those is are was were be will would can could who which
""")
# A line this long, with no end punctuation, followed by one in lower case: wrapped.
_WRAPPED_LINE = 50


def _lines(text: str) -> list[str]:
    """The note's lines, with any line that carries on the one before (text wrapped by
    hand, or pasted from a narrow window) joined back to it. A list typed one item a
    line ("dashboards", "hiring") stays a list: short, and nothing to carry on."""
    lines: list[str] = []
    for line in text.split("\n"):
        previous = lines[-1].rstrip() if lines else ""
        last_word = _words(previous)[-1:] if previous else []
        # Questions are one a line, with or without "?": a line that opens like one
        # ("is the team remote") starts afresh, as does the line after one.
        questions = {(_words(previous) or [""])[0], (_words(line) or [""])[0]} & _QUESTION_STARTS
        carries_on = (previous and not _BULLET.match(line) and line.strip()[:1].islower()
                      and previous[-1] not in ".!?…:;," and not questions
                      and (len(previous) >= _WRAPPED_LINE or set(last_word) & _CARRIED_ON))
        if carries_on:
            lines[-1] = f"{previous} {line.strip()}"
        else:
            lines.append(line)
    return lines


# Shorthand from a notebook, put as a letter says it. "&" stays: it is in names ("Bean &
# Leaf"). Names of days and months get their capitals ("may" and "march" are words too).
_SHORTHAND = (
    (re.compile(r"\bi\b(?=$|[\s,;:!?'\u2019]|\.(?!\w))"), "I"),  # "i think", "i'd"; not "i.e."
    (re.compile(r"(?i)\bw/\s*(?=\w)"), "with "),
    (re.compile(r"(?i)\bw/o\s+(?=\w)"), "without "),
    (re.compile(r"\s\+\s"), " and "),
    (re.compile(r"([!?])[!?]+"), r"\1"),  # "stuff!!", "really?!"
    (re.compile(r"[\s,.;:]*\b(?:lol|lmao|haha+|hehe)\b[\s.!]*$", re.IGNORECASE), ""),
    (re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|"
                r"february|april|june|july|september|october|november|december)(s?)\b"),
     lambda match: match[1].capitalize() + match[2]),
)


def _tidy(text: str) -> str:
    for pattern, replacement in _SHORTHAND:
        text = pattern.sub(replacement, text)
    return text.strip()


def items(text: str) -> list[str]:
    """The items of a list note, in order: lines and bullets, markers dropped, and
    anything that says nothing ("dunno", "n/a") left out. A note of one line with no
    bullets is one item."""
    found = []
    for raw in _lines(text):
        line = _BULLET.sub("", raw).strip()
        if not line:
            continue
        # Bullets pasted onto one line ("• a • b", "a - b - c"); one " - " alone is a dash.
        bulleted = bool(_BULLET.match(raw)) or len(_INLINE_BULLET.findall(line)) > 1
        parts = _INLINE_BULLET.split(line) if bulleted else [line]
        for part in parts:
            for sentence in _sentences(_BULLET.sub("", part).strip()):
                sentence = _tidy(_FILLER.sub("", sentence, count=1))
                if any(char.isalnum() for char in sentence):
                    found.append(sentence)
    return found


# Words before a full stop that does not end a sentence: "Dr. Grant", "e.g. this".
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "st", "jr", "sr", "rev",
                            "revd", "cllr", "engr", "e.g", "i.e", "etc", "vs", "approx",
                            "ltd", "inc", "co", "no", "dept", "pvt", "k.k", "plc", "corp"})


def _sentences(text: str) -> list[str]:
    """A line's sentences: split after ".", "!" or "?" and a space, but not after an
    abbreviation or an initial ("Dr. Grant", "J. Smith"), nor inside "...": "it went ok...
    not sure" is one."""
    parts, start = [], 0
    for match in re.finditer(r"(?<!\.)[.!?](?!\.)\s+(?=\S)|(?:\.\.\.|…)\s+(?=[A-Z])", text):
        before = text[start:match.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        initial = len(last) == 1 and last.isalpha()
        if match.group()[0] == "." and (last in _ABBREVIATIONS or initial):
            continue
        parts.append(text[start:match.end()].rstrip())
        start = match.end()
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def in_capitals(text: str) -> bool:
    """A note typed in capitals throughout ("20 YEARS ON MAZAK MACHINES"): the email would
    shout it, and only the reader knows which words are names."""
    letters = [char for char in text if char.isalpha()]
    return len(text.split()) > 1 and len(letters) > 6 and all(char.isupper() for char in letters)


def _lower_first(text: str) -> str:
    """The first letter in lower case when the first word is an ordinary word that was
    capitalised only because it started the note ("The rebuild", "Making reports")."""
    words = _WORD.findall(text)
    if not words:
        return text
    first = words[0]
    plain = first.lower().replace("\u2019", "'")
    if first[:1].islower() or (first.isupper() and len(first) > 1) or first == "I":
        return text
    if first[1:] != first[1:].lower():  # "iPhone", "McKinsey", "O'Connor": a name
        return text
    ordinary = plain in _COMMON_FIRST_WORDS or plain.split("'")[0] in _QUESTION_STARTS or (
        plain.endswith("ing") and len(plain) > 5 and plain not in _ING_NAMES)
    if not ordinary or plain.startswith("i'"):
        return text
    index = text.index(first)
    return text[:index] + first[0].lower() + text[index + 1:]


def _upper_first(text: str) -> str:
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1:]
    return text


def _strip_end(text: str) -> str:
    """Trailing punctuation, ellipses, emoji and spaces gone: what sits inside a sentence
    ends where the sentence goes on ("...engaging!" before ", I am confident")."""
    while text and (text[-1] in " \t,;:.!?…" or _is_emoji(text[-1])):
        text = text[:-1]
    return text


# Words that open a clause inside a phrase: a verb after one ("the campaign and how it
# went") belongs to that clause, not to the note.
_SUBORDINATORS = _PHRASE_OPENERS | {"that", "if", "because", "while", "as", "so", "since"}


def is_sentence(text: str) -> bool:
    """True when a note reads as a sentence (a subject and a verb) rather than a phrase:
    "We talked about the rebuild", "The brand feels dated", "I led a team of five"; but
    not "the spring campaign and how it went over budget"."""
    words = _words(text)
    if not words:
        return False
    if words[0] in _SUBJECTS or words[0].split("'")[0] in _SUBJECTS:
        return True
    if words[0] in _PAST_VERBS or words[0] in _OWN_SLIPS:  # "rushed my answer", subject left out
        return True
    if words[0] in _PHRASE_OPENERS:
        return False
    for word in words[1:8]:
        if word in _SUBORDINATORS:
            break
        if word in _FINITE:
            return True
    # A clause further on, after "..." or a comma: "a pairing exercise... they said soon",
    # "the lesson I taught, you said the starter was good".
    if any(first in _SUBJECTS and (second in _FINITE or second in _PAST_VERBS)
           for first, second in itertools.pairwise(words[1:]) if first not in ("it", "you")):
        return True
    return any(_words(part)[:1] and _words(part)[0] in _SUBJECTS and len(_words(part)) > 1
               and (_words(part)[1] in _FINITE or _words(part)[1] in _PAST_VERBS)
               for part in re.split(r",\s+|\s+[-\u2013\u2014]\s+", text)[1:])


# What a correspondent did, noted without its subject: "asked how I'd handle a deadline".
_THEIR_ACTS = frozenset({"asked", "said", "mentioned", "told", "explained", "showed",
                         "described", "suggested", "wanted", "wondered", "pointed", "talked",
                         "warned", "stressed", "emphasised", "emphasized", "gave", "shared",
                         "walked", "introduced", "offered", "challenged", "pushed", "liked"})


_VERB_BEFORE_HE_OR_SHE = re.compile(
    r"\b(does|is|has|was|doesn't|isn't|hasn't|wasn't)\s+(he|she|He|She)\b", re.IGNORECASE)


def _agree_case(verb: str) -> str:
    agreed = _AGREE[verb.lower()]
    return agreed[0].upper() + agreed[1:] if verb[0].isupper() else agreed


# "Her" is "you" before these ("asked her about", "told her that"), "your" before a noun.
_AFTER_HER_AS_OBJECT = _word_set("""
about and but or so if when how what why where who whom whether which that with on in at
for to of from by as into than the a an this these those my our some any again too later
back up out directly yesterday today first over after during around through since until
before behind like against across via
""")
# "They" may be the person (a singular they) or things named before it ("late deliveries
# ... their cause"): after a plural, it is left as it is.
_THEY = frozenset({"they", "them", "their", "theirs", "themselves", "themself", "they're",
                   "they've", "they'd", "they'll"})
# Words ending in "s" that are not plurals.
_NOT_PLURAL = _word_set("""
was has does is this his its us yes always perhaps process across plus thus news bus
analysis basis crisis status campus bonus focus series species less unless whereas
towards afterwards sometimes business success access address progress class glass
""")


def _looks_plural(word: str) -> bool:
    return (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))
            and word not in _NOT_PLURAL and word not in _TO_YOU)


def to_you(text: str) -> str:
    """The note as said to the person it is about: "they" -> "you", "their" -> "your",
    "she was" -> "you were", and "asked about X" -> "you asked about X". Only pronouns
    change (and a missing "you" is added); everything else stays as typed."""
    first = _words(text)[:2]
    if first and first[0] in _THEIR_ACTS:
        # "asked her about the rota": the reader asked them; "asked about my notice": they did.
        asker = "I" if first[1:] in (["her"], ["him"], ["them"]) else "you"
        text = f"{asker} {text[0].lower()}{text[1:]}"
    # A question's verb comes first: "does she lead" -> "do you lead".
    text = _VERB_BEFORE_HE_OR_SHE.sub(
        lambda match: f"{_agree_case(match[1])} {'You' if match[2][0].isupper() else 'you'}",
        text)
    words = list(_WORD.finditer(text))
    out, last = [], 0
    converted_subject = False
    plural_before = False  # "deliveries ... their cause": that "their" is not the person's
    for index, match in enumerate(words):
        word = match.group()
        plain = word.lower().replace("\u2019", "'")
        replacement = None
        following = words[index + 1].group().lower() if index + 1 < len(words) else ""
        if plain in _THEY and plural_before and following not in _THEIR_ACTS:
            pass  # "they said" is the person, whatever came before
        elif plain in _TO_YOU:
            replacement = _TO_YOU[plain]
            converted_subject = plain in ("he", "she", "they")
        elif plain == "her":
            following = words[index + 1].group().lower() if index + 1 < len(words) else ""
            between = text[match.end():words[index + 1].start()] if index + 1 < len(
                words) else ""
            object_use = (not following or "," in between or "." in between
                          or following in _AFTER_HER_AS_OBJECT)
            replacement = "you" if object_use else "your"
            converted_subject = False
        elif converted_subject and plain in _AGREE:
            replacement = _AGREE[plain]
            converted_subject = False
        else:
            converted_subject = False
            plural_before = plural_before or _looks_plural(plain)
        if replacement is not None:
            if word[0].isupper():
                replacement = replacement[0].upper() + replacement[1:]
            out.append(text[last:match.start()] + replacement)
            last = match.end()
    out.append(text[last:])
    return "".join(out)


# A comma inside a phrase that is a list ("dashboards, alerts and reports") or goes on in
# order ("two more interviews, then a call"); any other joins two thoughts.
_LISTED = re.compile(r",[^,]*\b(?:and|or|then|plus|followed\s+by)\b[^,]*$", re.IGNORECASE)


# "asked why I left ... I panicked": after an ellipsis, a few words to oneself.
_ASIDE = re.compile(r"\s*(?:\.{3}|…)\s+(?P<aside>\S.*)$", re.DOTALL)
_ASIDE_WORDS = 5  # longer, it is more of the note ("... Asked me to sketch a timer")


def without_aside(text: str) -> str:
    """A note on one person up to an ellipsis that trails into a short aside ("... I
    panicked"): the aside is the reader's to keep. A note that is all aside, or goes on
    at length after its ellipsis, stays as it is."""
    match = _ASIDE.search(text)
    if not match or len(_words(match["aside"])) > _ASIDE_WORDS:
        return text
    kept = text[:match.start()]
    return kept if len(_words(kept)) >= 3 else text


def name_as_they(text: str, names: Iterable[str]) -> str:
    """A note about the person the email is for that opens with their name ("Sam said my
    tests were clean"), with "they" in its place, for ",you" to make "you"."""
    for name in sorted((name for name in names if name), key=len, reverse=True):
        # As written (a capital), and before a verb or as "Sam's": "Will the team grow?"
        # is a question, not Will.
        match = re.match(rf"{re.escape(name)}(?P<own>['\u2019]s)?\s+(?=[^\W\d_])", text)
        if not match:
            continue
        rest = text[match.end():]
        verb = _words(rest)[:1]
        if match["own"]:
            return f"their {rest}"
        if verb and (verb[0] in _THEIR_ACTS or verb[0] in _FINITE or verb[0] in _AGREE
                     or verb[0].endswith("ed")):
            return f"they {rest}"
    return text


def as_phrase(text: str) -> str:
    """The note as a noun phrase, or "" when it is a sentence of its own, or two thoughts
    joined by a comma ("family liaison, lots of complaints"), which "about ..." would run
    into the rest of its sentence."""
    text = _strip_end(_one_line(text))
    stripped = _LEAD_INS.sub("", text, count=1).strip() if _LEAD_INS.match(text) else text
    if not stripped or is_sentence(stripped):
        return ""
    if re.search(r",\s|\s[-\u2013\u2014]\s", stripped) and not _LISTED.search(stripped):
        return ""
    return _lower_first(stripped)


def as_clause(text: str) -> str:
    """The note as words that can follow a colon or "that": no capital (unless a name or
    "I"), no end punctuation, one line; a lead-in such as "we talked about" stays."""
    return _lower_first(_strip_end(_one_line(text)))


def as_sentence(text: str) -> str:
    """The note as a sentence of its own: a capital, and a full stop unless it ends in
    "?", "!", an ellipsis or an emoji."""
    text = _one_line(text).rstrip(" \t,;:")
    if text.endswith(".") and _ends_with_emoji(text[:-1]):
        text = text[:-1]  # "a good way 🔥." reads as a slip
    if not text:
        return ""
    text = _upper_first(text)
    if text[-1] not in ".?!…" and not _ends_with_emoji(text):
        text += "."
    return text


def with_subject(text: str) -> str:
    """What the reader did, with its "I": a note that starts with a past verb and no
    subject ("led a rebrand") gets "I", and a noun phrase ("ten years in retail") "I
    bring"; a sentence stays as it is."""
    words = _words(text)
    if not words:
        return text
    lowered = text[0].lower() + text[1:] if words[0] not in ("i",) else text
    if words[0] in _PAST_VERBS or words[0] in _OWN_SLIPS:
        return f"I {lowered}"
    if len(words) > 1 and words[1] in _ADJECTIVE_PREPOSITIONS and words[0].endswith(
            _ADJECTIVE_ENDINGS):
        return f"I'm {lowered}"  # "fluent in Polish", "comfortable with ambiguity"
    if words[0].endswith("ed") and len(words[0]) > 4 and len(words) > 1:
        return f"I {lowered}"  # a past verb the list lacks: "Integrated three acquisitions"
    if is_sentence(text) or words[0] in _PHRASE_OPENERS:
        return text
    if text[:1].isupper() and _lower_first(text) == text:
        # A capital that may be a name's or a job's ("Tissue viability nurse for three
        # years"): "I bring" would not fit it, and after the colon it reads as it is.
        return text
    return f"I bring {_lower_first(text)}"


_SHAPES = {"": lambda text: _strip_end(_one_line(text)), "phrase": as_phrase,
           "clause": as_clause, "sentence": as_sentence}


def and_list(parts: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


class Note(str):
    """The reader's words, trimmed; a template's format spec picks the shape (see the
    module's docstring): "{fit}", "{topic:phrase}", "{said:sentence,you}". A list (lines
    or bullets) is shaped item by item: "a, b and c" inside a sentence, "A. B." on its own;
    a phrase only if every item is one."""

    def __format__(self, spec: str) -> str:
        shape, *modifiers = spec.split(",") if spec else [""]
        if shape not in _SHAPES or set(modifiers) - {"you", "formal", "i"}:
            raise ValueError(f"a note has no shape {spec!r}")
        parts = []
        for index, item in enumerate(items(str(self)) or [""]):
            if "formal" in modifiers:
                item = _without_emoji(item).replace("!", ".")
            if "you" in modifiers:
                item = to_you(item)
            if "i" in modifiers and index == 0:
                item = with_subject(item)
            parts.append(_SHAPES[shape](item))
        if not all(parts):
            return ""
        if shape == "sentence" or len(parts) == 1:
            return " ".join(parts)
        return and_list([parts[0], *(_lower_first(part) for part in parts[1:])])


# ---------------------------------------------------------------- questions


@dataclass(frozen=True)
class Question:
    """One of the reader's open questions: `text` is a question ending in "?", or, when
    the note was not phrased as one ("the team's plans"), `topic` is what to ask about."""

    text: str = ""
    topic: str = ""


def _as_question(item: str) -> Question:
    item = _without_emoji(_one_line(item))
    body = item.rstrip(" \t,;:.!?…")
    if not any(char.isalnum() for char in body):
        return Question()
    wondering = _WONDERING.match(body)
    if wondering:
        rest = body[wondering.end():].strip()
        keyword = wondering.group().split()[-1].lower()
        if keyword in ("about",):
            return Question(topic=_lower_first(rest))
        return Question(topic=_lower_first(f"{keyword} {rest}" if keyword not in (
            "whether", "if") else f"whether {rest}"))
    first = _words(body)[:1]
    if item.rstrip().endswith("?") or (first and first[0] in _QUESTION_STARTS):
        return Question(text=_upper_first(body) + "?")
    return Question(topic=as_phrase(body) or _lower_first(body))


def questions(text: str) -> list[Question]:
    """The questions in a note: one per line or bullet, and several on one line when each
    ends in "?" ("How big is the team? who sets priorities"). Each question ends in "?";
    a wish to know ("wondering about the team size") becomes a topic to ask about."""
    found = []
    for item in items(text):
        # Several on one line: "How big is the team? who leads it" or "...team. Who leads it"
        parts = re.split(r"(?<=\?)\s+|(?<=[.!])\s+(?=\S)", item)
        found += [question for part in parts if (question := _as_question(part)).text
                  or question.topic]
    return found


# ---------------------------------------------------------------- the point to clarify

# How people note an answer they would put better; each gives the answer's subject.
_CLARIFY_TOPIC = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    r"^(?:my\s+)?(?:answer|reply|response)\s+(?:on|about|to|re|regarding|for)\s+(?P<topic>.+?)"
    r"(?:\s+(?:was|wasn't|felt|came\s+out|could\s+have|should\s+have|needed|lacked|went)\b.*)?$",
    r"^(?:i\s+)?(?:wasn't|was\s+not|wasn\u2019t)\s+(?:very\s+|really\s+|that\s+)?clear\s+"
    r"(?:about|on)\s+(?P<topic>.+)$",
    r"^(?:i\s+)?(?:didn't|did\s+not|didn\u2019t)\s+(?:really\s+)?(?:explain|cover|answer|describe)"
    r"\s+(?P<topic>.+?)(?:\s+(?:well|properly|clearly|enough|fully|very\s+well))?$",
    r"^(?:i\s+)?(?:rambled|waffled|stumbled|struggled|fumbled)\s+(?:on|about|over|with|through)\s+"
    r"(?P<topic>.+)$",
    r"^(?:the\s+)?question\s+(?:on|about)\s+(?P<topic>.+)$",
))
# How people note a point they forgot to make; each gives the point itself.
_FORGOT = re.compile(
    r"^(?:i\s+)?(?:forgot|didn't\s+get|did\s+not\s+get|didn\u2019t\s+get|never\s+got|meant)\s+to\s+"
    r"(?:mention|say|tell\s+them|talk\s+about|bring\s+up)\s+(?:that\s+)?(?P<point>.+)$",
    re.IGNORECASE)


# "the safeguarding question" is about safeguarding: "my answer on safeguarding".
_QUESTION_WORD = re.compile(r"\s+(?:question|one|bit|part)$", re.IGNORECASE)


def _subject_of(topic: str) -> str:
    """ "the safeguarding question" -> "safeguarding"; anything else as it is."""
    if not _QUESTION_WORD.search(topic):
        return topic
    return re.sub(r"^the\s+", "", _QUESTION_WORD.sub("", topic), flags=re.IGNORECASE)


@dataclass(frozen=True)
class Clarification:
    """What a point to clarify is about (`topic`, a phrase: "budgeting"); or, when the
    note is the point itself, that point, as a clause: `forgotten` ("I forgot to mention
    that I led a team of five") or `correction` ("I said I'd never used it, but I have")."""

    topic: str = ""
    forgotten: str = ""
    correction: str = ""


# After "I" and its verb: where the subject of a poor answer starts ("I undersold my
# editorial work", "I couldn't remember the capacity of my last project").
_DETERMINERS = frozenset({"my", "the", "a", "an", "our", "this", "that", "those", "these",
                          "their", "his", "her", "its", "some"})
_TOPIC_PREPOSITIONS = frozenset({"about", "on", "over", "with", "regarding", "in", "during",
                                 "around"})


def _topic_of_a_sentence(text: str) -> str:
    """The subject of "I ..." sentences: the object of its verb when that is a noun
    phrase, else what follows its last "about", "on", "in"...; "" when neither is."""
    words = text.split()
    if not words or words[0].lower().replace("\u2019", "'").split("'")[0] != "i":
        return ""
    for index, word in enumerate(words[1:6], start=1):
        if word.lower() in _DETERMINERS:
            return as_phrase(" ".join(words[index:]))
    for index in range(len(words) - 1, 0, -1):
        if words[index].lower() in _TOPIC_PREPOSITIONS and index + 1 < len(words):
            return as_phrase(" ".join(words[index + 1:]))
    return ""


def clarification(text: str) -> Clarification:
    """The subject of an answer the reader would put better, as a phrase that fits "my
    answer on ..." without saying "answer" twice."""
    text = _strip_end(" ".join(items(text))).replace("\u2019", "'")
    if not text:
        return Clarification()
    sentences = [part for part in re.split(r"(?<=[.!?])\s+", text) if part]
    if len(sentences) > 1:
        # "nerves. talked too fast": the part that says what went wrong, or what about;
        # a bare word beside a sentence ("nerves") is a note to self, not the subject.
        found = [(part, clarification(part)) for part in sentences]
        sentence_topic = next((one for part, one in found if one.topic and is_sentence(part)),
                              None)
        return sentence_topic or next((one for _, one in found if one.forgotten or
                                       one.correction), None) or found[0][1]
    # "Salary expectations - I fumbled it": the subject, then a verdict on it.
    parts = re.split(r"\s+[-\u2013\u2014:]\s+", text, maxsplit=1)
    if len(parts) == 2 and is_sentence(parts[1]) and (topic := as_phrase(parts[0])):
        return Clarification(topic=topic)
    forgot = _FORGOT.match(text)
    if forgot:
        return Clarification(forgotten=as_clause(forgot["point"]))
    # "I didn't explain X properly, I was nervous": what it was about comes first; how
    # it felt is the reader's to keep.
    for part in dict.fromkeys((text, re.split(r",\s+|\s+(?:because|as|since|so)\s+", text)[0])):
        for pattern in _CLARIFY_TOPIC:
            match = pattern.match(part)
            if match and (topic := as_phrase(_subject_of(match["topic"]))):
                return Clarification(topic=topic)
    topic = as_phrase(text) or _topic_of_a_sentence(text)
    if topic:
        return Clarification(topic=topic)
    return Clarification(correction=as_clause(text))
