"""People's names, as a greeting needs them: "Hi Aisha", "Dear Dr Bello".

Names are parsed by nameparser (titles, "Last, First", suffixes, nicknames, particles,
capitals). Its import costs about 0.15 s in the browser, so a name that is plainly a
given name and a family name ("Priya Raman": two capitalised words, nothing else) is
split here without it: the tests check that nameparser splits such names the same way.

What the parser cannot know (a family name written first, a preferred name) the reader
can say in the interviewer's "How to address them" field, which the greeting then uses.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Titles a greeting uses, in their British form (no full stop after a contraction).
_TITLES = {"dr": "Dr", "doctor": "Dr", "prof": "Professor", "professor": "Professor",
           "mr": "Mr", "mrs": "Mrs", "ms": "Ms", "miss": "Miss", "mx": "Mx", "sir": "Sir",
           "dame": "Dame", "lord": "Lord", "lady": "Lady", "rev": "Revd", "revd": "Revd",
           "reverend": "Revd", "cllr": "Councillor", "councillor": "Councillor",
           "engr": "Engr", "eng": "Eng", "capt": "Captain", "captain": "Captain",
           "matron": "Matron", "sister": "Sister", "father": "Father", "rabbi": "Rabbi",
           "imam": "Imam", "pastor": "Pastor"}
# Titles that go with the given name: "Dear Sir John", not "Dear Sir Smith".
_WITH_GIVEN_NAME = frozenset({"Sir", "Dame"})
# Vietnamese names are written family name first; these are the commonest family names.
# With three words or more and one of these first, the given name is the last word.
_VIETNAMESE_FAMILY_NAMES = frozenset({
    "nguyễn", "nguyen", "trần", "tran", "lê", "phạm", "pham", "hoàng", "hoang", "huỳnh",
    "huynh", "phan", "vũ", "võ", "đặng", "dang", "bùi", "bui", "đỗ", "hồ", "ngô", "ngo",
    "dương", "duong", "lý",
})
# Chinese and Korean names are written family name first too ("Zhang Wei", "Kim Min-jun").
# Two words, one of these first, then a given name that reads as pinyin or is hyphenated
# ("Min-jun"): greeted by the whole name, the form that is right whatever the person
# prefers. "Kim" and "Lee" are English given names too ("Kim Evans", "Lee Child"), so a
# given name after them must be hyphenated.
_EAST_ASIAN_FAMILY_NAMES = frozenset({
    "zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun",
    "ma", "zhu", "hu", "guo", "he", "lin", "luo", "gao", "zheng", "liang", "xie", "song",
    "tang", "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan",
    "yuan", "cai", "jiang", "du", "ye", "cheng", "wei", "su", "lu", "ding", "ren", "shen",
    "yao", "jin", "zhong", "kim", "lee", "park", "choi", "jung", "jeong", "kang", "cho",
    "yoon", "jang", "lim", "oh", "seo", "shin", "kwon", "hwang", "ahn",
})
_ENGLISH_GIVEN_TOO = frozenset({"kim", "lee", "han", "jin"})
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|"
    r"uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|er|a|o|e|i|u|v))+", re.IGNORECASE)
# The second of two given names that go together ("José María", "Ana Lúcia", "Mary
# Anne"): greeted with both.
_SECOND_GIVEN_NAMES = frozenset({
    "maría", "maria", "josé", "jose", "luis", "luisa", "lúcia", "lucia", "ángel", "antonio",
    "manuel", "carlos", "carmen", "teresa", "isabel", "fernanda", "eduarda", "paula",
    "clara", "jesús", "pilar", "elena", "marie", "anne", "ann", "jane", "louise",
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
    greet_in_full: bool = False  # family name first, as in Chinese and Korean


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
    east_asian = _east_asian(text)
    if east_asian:
        return east_asian
    if _is_plain(text):
        given, family = text.split(" ")
        return Name(text, given, family)
    from nameparser import HumanName  # only for names that need it (see the docstring)

    parsed = HumanName(text, constants=_nameparser_constants())
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
    given = parsed.first
    second = parsed.middle.split()[:1]
    if second and second[0].lower() in _SECOND_GIVEN_NAMES:
        given = f"{given} {second[0]}"
    return Name(str(parsed), given, parsed.last, _title(parsed.title), parsed.nickname)


@functools.cache
def _nameparser_constants():
    """nameparser's word lists, with every title the greeting knows among its titles
    ("Matron" is not in its own)."""
    from nameparser.config import Constants
    from nameparser.config.titles import TITLES

    return Constants(titles=set(TITLES) | set(_TITLES))


def _east_asian(text: str) -> Name | None:
    """A Chinese or Korean name written family name first, with or without a title."""
    words = text.split()
    title = ""
    if len(words) == 3 and words[0].lower().rstrip(".") in _TITLES:
        title = _TITLES[words[0].lower().rstrip(".")]
        words = words[1:]
    if len(words) != 2:
        return None
    family, given = words
    if family.lower() not in _EAST_ASIAN_FAMILY_NAMES:
        return None
    hyphenated = "-" in given.strip("-")
    pinyin = bool(_PINYIN.fullmatch(given.replace("-", "")))
    if not (hyphenated or (pinyin and family.lower() not in _ENGLISH_GIVEN_TOO)):
        return None
    if text == text.lower() or text == text.upper():
        family, given = _capitalised(family), "-".join(
            _capitalised(part) for part in given.split("-"))
    full = f"{family} {given}"
    return Name(f"{title} {full}" if title else full, given, family, title,
                greet_in_full=True)


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
    if name.greet_in_full:
        return f"{name.family} {name.given}"
    return preferred or name.full
