"""Names as a greeting needs them (followup.names): parsed by nameparser, or plainly split."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nameparser import HumanName

from followup.names import greeting_name, parse_name

GREETINGS = [
    # (as typed, warm greeting, formal greeting)
    ("Dr Aisha Bello", "Aisha", "Dr Bello"),
    ("Dr. Olivia Grant", "Olivia", "Dr Grant"),
    ("Prof. Dr. Hans Müller", "Hans", "Professor Müller"),
    ("mrs jane o'connor", "Jane", "Mrs O'Connor"),
    ("Smith, John", "John", "John"),
    ("Walsh, Siobhán", "Siobhán", "Siobhán"),
    ("Mr Okafor", "Mr Okafor", "Mr Okafor"),
    ("Mrs. Patel", "Mrs Patel", "Mrs Patel"),
    ("Priya Patel", "Priya", "Priya"),
    ("Martin Luther King Jr.", "Martin", "Martin"),
    ("Jean-Luc de la Cruz", "Jean-Luc", "Jean-Luc"),
    ("Madonna", "Madonna", "Madonna"),
    ("A. Okafor", "A. Okafor", "A. Okafor"),  # an initial is not enough to greet
    ("Zhou Xinyi (Cindy)", "Cindy", "Cindy"),  # the preferred name in brackets
    ("Sir John Major", "Sir John", "Sir John"),
    ("Cllr Siobhán Walsh", "Siobhán", "Councillor Walsh"),
    ("Nguyễn Thị Minh Anh", "Anh", "Anh"),  # family name first
    ("JOHN SMITH", "John", "John"),
    ("Mary-Ann O'Neil", "Mary-Ann", "Mary-Ann"),
    # Chinese and Korean names, family name first: greeted in full, or title and family.
    ("Zhang Wei", "Zhang Wei", "Zhang Wei"),
    ("zhang wei", "Zhang Wei", "Zhang Wei"),
    ("Kim Min-jun", "Kim Min-jun", "Kim Min-jun"),
    ("Dr Zhang Wei", "Zhang Wei", "Dr Zhang"),
    ("Kim Evans", "Kim", "Kim"),  # "Kim" and "Lee" are English given names too
    ("Han Solo", "Han", "Han"),
    # Two given names that go together.
    ("José María García-López", "José María", "José María"),
    ("Ana Lúcia Ferreira", "Ana Lúcia", "Ana Lúcia"),
    ("John Paul Jones", "John", "John"),
    # Titles nameparser does not know, and those it does that a greeting uses.
    ("Matron Sarah O'Neill", "Sarah", "Matron O'Neill"),
    ("Sister Mary Jones", "Mary", "Sister Jones"),
]


@pytest.mark.parametrize(("typed", "warm", "formal"), GREETINGS)
def test_greetings_use_the_right_part_of_the_name(typed, warm, formal):
    name = parse_name(typed)
    assert greeting_name(name, "warm") == warm
    assert greeting_name(name, "formal") == formal


@pytest.mark.parametrize(("typed", "full"), [("Smith, John", "John Smith"),
                                             ("mrs jane o'connor", "Mrs Jane O'Connor"),
                                             ("JOHN SMITH", "John Smith"),
                                             ("Priya Raman", "Priya Raman"),
                                             ("Dr. med. Ingrid Schröder",
                                              "Dr. med. Ingrid Schröder")])
def test_the_full_name_is_written_as_a_careful_person_would(typed, full):
    assert parse_name(typed).full == full


GIVEN_NAMES = ["Priya", "Tom", "Aisha", "Olivia", "Wei", "Kwame", "Sofia", "Mateo", "Yuki",
               "Oluwaseun", "Siobhán", "Ingrid", "Rahul", "Fatima", "Chloé", "Björn", "Zoë",
               "Ahmed", "Mei", "Hamid", "Agnieszka", "Dmitri", "Lerato", "Tariq", "Niamh",
               "Mary-Ann", "Jean-Luc", "Ana", "Jo", "Sam", "Ifeoma", "Hiroshi", "Leilani"]
FAMILY_NAMES = ["Raman", "Okafor", "Bello", "Grant", "Müller", "Nakamura", "García",
                "Kowalski", "Nguyen", "Haddad", "O'Brien", "Mahlangu", "Ferraresi", "Chen",
                "Adeyemi", "Wójcik-Nowicka", "Ní-Fhloinn", "Smith", "Jones", "Patel", "Kaur",
                "Andersson", "Rossi", "Silva", "Hughes", "Ibrahim", "Santos", "Dubois"]


@given(given_name=st.sampled_from(GIVEN_NAMES), family=st.sampled_from(FAMILY_NAMES))
def test_plain_two_word_names_split_as_nameparser_splits_them(given_name, family):
    # A name of two capitalised words is split without nameparser (its import is slow in
    # the browser); for real names that gives exactly what nameparser gives. (A title
    # the greeting does not use, such as "Judge Smith", is not a real name's first word.)
    parsed = HumanName(f"{given_name} {family}")
    ours = parse_name(f"{given_name} {family}")
    if ours.greet_in_full:
        # Read as family name first ("Wei Chen"): greeted by the whole name, either way.
        assert greeting_name(ours, "warm") == f"{given_name} {family}"
        return
    assert (ours.given, ours.family, ours.title, ours.full) == (
        parsed.first, parsed.last, "", str(parsed))
