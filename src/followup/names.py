"""People's names, as a greeting needs them: "Hi Aisha", "Dear Dr Bello".

Names are parsed by nameparser (titles, "Last, First", suffixes, nicknames, particles,
capitals). Its import costs about 0.15 s in the browser, so a name that is plainly a
given name and a family name ("Priya Raman": two capitalised words, nothing else) is
split here without it: the tests check that nameparser splits such names the same way.

What the parser cannot know (a family name written first, a preferred name) the reader
can say in the interviewer's "How to address them" field, which the greeting then uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Titles a greeting uses, in their British form (no full stop after a contraction).
_TITLES = {"dr": "Dr", "doctor": "Dr", "prof": "Professor", "professor": "Professor",
           "mr": "Mr", "mrs": "Mrs", "ms": "Ms", "miss": "Miss", "mx": "Mx", "sir": "Sir",
           "dame": "Dame", "lord": "Lord", "lady": "Lady", "rev": "Revd", "revd": "Revd",
           "reverend": "Revd", "cllr": "Councillor", "councillor": "Councillor",
           "engr": "Engr", "eng": "Eng", "capt": "Captain", "captain": "Captain"}
# Titles that go with the given name: "Dear Sir John", not "Dear Sir Smith".
_WITH_GIVEN_NAME = frozenset({"Sir", "Dame"})
# Vietnamese names are written family name first; these are the commonest family names.
# With three words or more and one of these first, the given name is the last word.
_VIETNAMESE_FAMILY_NAMES = frozenset({
    "nguyễn", "nguyen", "trần", "tran", "lê", "phạm", "pham", "hoàng", "hoang", "huỳnh",
    "huynh", "phan", "vũ", "võ", "đặng", "dang", "bùi", "bui", "đỗ", "hồ", "ngô", "ngo",
    "dương", "duong", "lý",
})
# Words of a family name that stay in lower case: "de la Cruz", "van den Broek".
_PARTICLES = frozenset({"de", "la", "le", "du", "des", "da", "di", "dos", "das", "do", "van",
                        "von", "der", "den", "ter", "ten", "y", "e", "del", "della", "bin",
                        "ibn", "al", "el", "ap", "af", "zu", "st"})
# Two capitalised words of letters (apostrophes and hyphens inside): nothing to parse.
_PLAIN_WORD = r"[^\W\d_](?:[^\W\d_]|['\u2019-](?=[^\W\d_]))*"
_PLAIN_NAME = re.compile(rf"({_PLAIN_WORD}) ({_PLAIN_WORD})")


@dataclass(frozen=True)
class Name:
    """A person's name, split: `full` as it should be written (capitals put right, a
    "Last, First" name turned round), and its parts ("" when not given)."""

    full: str
    given: str = ""
    family: str = ""
    title: str = ""  # British form: "Dr", "Professor", "Ms"
    nickname: str = ""


def _is_plain(text: str) -> bool:
    match = _PLAIN_NAME.fullmatch(text)
    if not match:
        return False
    words = match.groups()
    capitalised = all(word[0].isupper() and word[1:] == word[1:].lower() for word in words)
    return capitalised and words[0].lower() not in _TITLES


def _title(parsed_title: str) -> str:
    """The greeting's title from what nameparser found ("Prof. Dr." -> "Professor")."""
    found = [_TITLES[word] for word in re.findall(r"[^\W\d_]+", parsed_title.lower())
             if word in _TITLES]
    if "Professor" in found:
        return "Professor"
    return found[0] if found else ""


def parse_name(text: str) -> Name:
    """Split a name as typed into its parts."""
    text = " ".join(text.split())
    if not text:
        return Name("")
    if _is_plain(text):
        given, family = text.split(" ")
        return Name(text, given, family)
    from nameparser import HumanName  # only for names that need it (see the docstring)

    parsed = HumanName(text)
    if text == text.lower() or text == text.upper():
        parsed.capitalize(force=True)
        # What nameparser leaves in lower case that is no particle: "mc grath" -> "Mc Grath".
        for part in ("first", "middle", "last", "title"):
            words = getattr(parsed, part).split()
            setattr(parsed, part, " ".join(
                word if word[:1].isupper() or word.lower() in _PARTICLES else
                word[:1].upper() + word[1:] for word in words))
    words = text.split()
    if len(words) >= 3 and words[0].lower() in _VIETNAMESE_FAMILY_NAMES:
        full = " ".join(_capitalised(word) for word in words) if text.islower() else text
        return Name(full, full.split()[-1], full.split()[0])
    return Name(str(parsed), parsed.first, parsed.last, _title(parsed.title),
                parsed.nickname)


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def greeting_name(name: Name, tone: str) -> str:
    """How a greeting names them: warm, their given (or preferred) name; formal, their
    title and family name when there is a title, else their given name. A given name
    that is only an initial ("A. Okafor") is not enough to greet: the name as written."""
    preferred = name.nickname or name.given
    if preferred and len(preferred.rstrip(".")) == 1:
        preferred = ""
    if name.title in _WITH_GIVEN_NAME and preferred:
        return f"{name.title} {preferred}"
    if name.title and name.family and (tone == "formal" or not preferred):
        return f"{name.title} {name.family}"
    return preferred or name.full
