"""Every input the reader gives, declared once.

Each `Field` says what a value is (its kind, length limit, whether it is required, its
choices) and how the form shows it (label, hint, autocomplete, initial value). Everything
else reads these declarations:

- `followup.interview` validates input against them and builds `Interview` and
  `Interviewer` from them (one attribute per field);
- `macros/widget.py` renders the tool pages' form from them;
- the page script learns the field names and initial values from the form's markup;
- `followup.emails` offers every text field to the templates under its key.

To add a field, declare it here and use its key in a template (templates.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class Kind(StrEnum):
    """What a value is, and so how it is checked and which control the form uses."""

    TEXT = "text"  # one line (a pasted line break becomes a space)
    LINES = "lines"  # several lines allowed: notes, a signature
    EMAIL = "email"  # one line, checked as an address
    DATE = "date"  # YYYY-MM-DD
    TIME = "time"  # HH:MM, 24-hour
    ZONE = "zone"  # an IANA time zone name
    CHOICE = "choice"  # one of `choices`
    PERSON = "person"  # one of the interviewers, by number ("1" is the first)
    COUNTRY = "country"  # a country, by its two-letter code ("GB"), for its public holidays
    REGION = "region"  # one of the country's regions, by its code ("ENG"), from its table
    STEPS = "steps"  # some of the plan's steps, by id (a list)


# Kinds whose values are parsed: a wrong value of any length gets a "not a date" message,
# not "too long".
PARSED_KINDS = frozenset({Kind.DATE, Kind.TIME, Kind.ZONE, Kind.COUNTRY, Kind.REGION})


class Initial(StrEnum):
    """An initial value the page works out when the reader opens the form."""

    TODAY = "today"  # the reader's date
    BROWSER_ZONE = "browser zone"  # the browser's time zone, else the field's default
    BROWSER_LANGUAGE = "browser language"  # the browser's language if a choice, else default


@dataclass(frozen=True)
class Field:
    """One input: a top-level key ("company") or a key of each interviewer ("name")."""

    key: str
    label: str
    section: str
    kind: Kind = Kind.TEXT
    limit: int = 100  # characters, after trimming
    required: bool = False
    hint: str = ""
    choices: Mapping[str, str] = field(default_factory=dict)  # value -> label, in order
    default: str = ""  # the value when left empty (a choice's preselected option)
    initial: Initial | None = None
    autocomplete: str = "off"
    per_interviewer: bool = False
    today_button: str = ""  # a date field's button that puts today in it, so labelled
    # Kept when the reader starts the next round with the same employer (board.next_round):
    # who they are and where, and how they sign off; the interview itself starts blank.
    carried: bool = False

    @property
    def path(self) -> str:
        """How errors and limits name it: "company", "interviewers[].name"."""
        return f"{INTERVIEWERS}[].{self.key}" if self.per_interviewer else self.key

    @property
    def multiline(self) -> bool:
        return self.kind is Kind.LINES


INTERVIEWERS = "interviewers"  # the input key of the list of people
MAX_INTERVIEWERS = 10
DEFAULT_TIMEZONE = "Europe/London"
# Dates outside this range are almost certainly typing mistakes, and keeping them in
# range keeps the working-day arithmetic far from datetime's limits.
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100

# The plan's steps, in order: their ids (the plan, the page and the saved details use
# them) and how "Steps done" names each.
STEPS: Mapping[str, str] = MappingProxyType({
    "thank-you": "The thank-you", "follow-up-1": "The first follow-up",
    "follow-up-2": "The second follow-up", "call": "The phone call"})

# Where an application stands, as the reader tells the page (and the board shows it).
# Any answer ends the wait: the steps not yet done are no longer needed (from the day of
# the reply, when it is given), and the drafts for that answer appear.
WAITING = "waiting"
STATUSES: Mapping[str, str] = MappingProxyType({
    WAITING: "Waiting to hear", "replied": "They replied", "next_round": "Invited to a next round",
    "offer": "Offered the job", "rejected": "Not offered the job", "withdrawn": "You withdrew"})
# Answers that close this round (an invitation to the next one, an offer, a no, or you
# withdrew): every step not yet done is no longer needed, whatever its day.
CLOSING: frozenset[str] = frozenset({"next_round", "offer", "rejected", "withdrawn"})
# Which interview with them this was: each round has its own plan and thank-yous.
ROUNDS: Mapping[str, str] = MappingProxyType({
    "1": "First interview", "2": "Second round", "3": "Third round", "4": "Fourth round",
    "5": "Fifth round or later"})

# The form's sections, in order; the interviewers' rows have a section of their own.
INTERVIEW = "The interview"
PEOPLE = "Who interviewed you"
NOTES = "Your notes"
HOW_IT_WENT = "How it went"
SIGNING_OFF = "Signing off"
YOUR_WORLD = "Where you are"
SINCE = "Since the interview"
ANSWER = "Their answer"
SECTIONS = (INTERVIEW, PEOPLE, NOTES, HOW_IT_WENT, SIGNING_OFF, YOUR_WORLD, SINCE, ANSWER)

# Limits: short enough that an email stays an email, long enough for real notes.
FIELDS: tuple[Field, ...] = (
    # -- the interview
    Field("company", "Company", INTERVIEW, required=True, autocomplete="organization",
          carried=True),
    Field("role", "Role", INTERVIEW, hint="The job you interviewed for.", carried=True),
    Field("round", "Round", INTERVIEW, Kind.CHOICE, default="1", choices=ROUNDS,
          hint="Which interview with them this was: each round has its own plan."),
    Field("date", "Interview date", INTERVIEW, Kind.DATE, limit=10, required=True,
          initial=Initial.TODAY),
    Field("start_time", "Start time", INTERVIEW, Kind.TIME, limit=8, required=True),
    Field("end_time", "End time", INTERVIEW, Kind.TIME, limit=8,
          hint="Leave it empty if it lasted about an hour."),
    Field("timezone", "Time zone", INTERVIEW, Kind.ZONE, limit=64, default=DEFAULT_TIMEZONE,
          initial=Initial.BROWSER_ZONE,
          hint="Where you are, as a place name such as Europe/London or America/New_York.",
          carried=True),
    Field("their_timezone", "Their time zone", INTERVIEW, Kind.ZONE, limit=64,
          hint="Optional: where the interviewers are, if not in your time zone, such as "
               "America/New_York. Emails and the call are then timed for their working day.",
          carried=True),
    Field("format", "Format", INTERVIEW, Kind.CHOICE, default="in_person",
          choices={"in_person": "In person", "video": "Video call", "phone": "Phone call"},
          carried=True),
    Field("arranged_by", "Who arranged it", INTERVIEW,
          hint="Optional: the recruiter or coordinator who set up the interview. They get "
               "a short thank-you too.", carried=True),
    Field("arranged_by_email", "Their email", INTERVIEW, Kind.EMAIL, limit=254,
          hint="Optional: the email of the person who arranged it.", carried=True),
    # -- who interviewed you (each row)
    Field("name", "Interviewer's name", PEOPLE, per_interviewer=True),
    Field("address_as", "How to address them", PEOPLE, per_interviewer=True,
          hint='Optional: how your greeting names them, if not as shown here, such as "Dr '
               'Bello" or "Minh Anh".'),
    Field("role", "Interviewer's role", PEOPLE, per_interviewer=True),
    Field("email", "Interviewer's email", PEOPLE, Kind.EMAIL, limit=254, per_interviewer=True,
          hint="Optional: it fills in the To line."),
    Field("topic", "Topic you discussed", PEOPLE, limit=300, per_interviewer=True,
          hint='One thing you talked about with them, such as "the plan for live '
               'dashboards".'),
    Field("said", "Something they said or asked", PEOPLE, limit=300, per_interviewer=True,
          hint='Optional, as you remember it, such as "asked how I would handle a missed '
               'deadline".'),
    # -- your notes
    Field("next_steps", "Next steps", NOTES, Kind.LINES, limit=500,
          hint='What they said happens next, as you noted it, such as "a second round with '
               'the team next week".'),
    Field("decision_date", "Decision date", NOTES, Kind.DATE, limit=10,
          hint="If they said when they would decide."),
    Field("questions", "Ideas and questions", NOTES, Kind.LINES, limit=2000,
          hint='Questions you still have, one a line, such as "How does the team share its '
               'reports?" Each interviewer\'s thank-you asks a different one.'),
    Field("challenges", "Challenges in the job", NOTES, Kind.LINES, limit=2000,
          hint='The challenges you see in the job, as you noted them, such as "the depot '
               'managers do not trust the delivery reports".'),
    Field("fit", "Why you are up to them", NOTES, Kind.LINES, limit=2000,
          hint='Why you in particular are up to them, such as "I rebuilt the sales reports '
               'at my last job". With several, each thank-you takes one.'),
    # -- how it went
    Field("assessment", "How it went", HOW_IT_WENT, Kind.CHOICE, default="well",
          hint="Be honest with yourself: it changes the thank-you.",
          choices={"well": "It went well", "mixed": "It was mixed", "badly": "It went badly"}),
    Field("clarify", "Point to clarify", HOW_IT_WENT, limit=300,
          hint='Something you would put better now, if anything, such as "my answer on '
               'forecasting".'),
    Field("clarify_add", "What you would add", HOW_IT_WENT, Kind.LINES, limit=600,
          hint="Optional: the answer you meant to give, in a sentence or two. The "
               "thank-you then says it; without it, the thank-you offers to."),
    Field("clarify_with", "Who it concerns", HOW_IT_WENT, Kind.PERSON,
          hint="The interviewer who asked about it: only their thank-you mentions it."),
    # -- signing off
    Field("tone", "Tone", SIGNING_OFF, Kind.CHOICE, default="warm",
          choices={"warm": "Warm", "formal": "Formal"}, carried=True),
    Field("your_name", "Your name", SIGNING_OFF, autocomplete="name", carried=True),
    Field("signature", "Signature", SIGNING_OFF, Kind.LINES, limit=500,
          hint="What goes under your name in each email, such as a phone number.", carried=True),
    # -- where you are
    Field("country", "Country", YOUR_WORLD, Kind.COUNTRY, limit=2,
          hint="Its public holidays are not working days in your plan.", carried=True),
    Field("region", "Region", YOUR_WORLD, Kind.REGION, limit=10,
          hint="Some public holidays are only kept in part of a country: choose yours.",
          carried=True),
    Field("language", "Language of your emails", YOUR_WORLD, Kind.CHOICE, default="en-GB",
          initial=Initial.BROWSER_LANGUAGE,
          choices={"en-GB": "English (UK)", "en-US": "English (US)"},
          hint="Spelling, dates and times as your readers write them.", carried=True),
    # -- since the interview
    Field("status", "Where it stands", SINCE, Kind.CHOICE, default=WAITING, choices=STATUSES,
          hint="When they answer, say how: the reminders left are no longer needed, and the "
               "drafts for that answer appear."),
    Field("replied_on", "They replied on", SINCE, Kind.DATE, limit=10,
          today_button="They replied today",
          hint="If the employer has answered: the steps after that day are no longer needed, "
               "and a new calendar file cancels their reminders."),
    Field("done", "Steps you have done", SINCE, Kind.STEPS, choices=STEPS,
          hint="Tick each one as you do it: its draft is folded away."),
    # -- their answer: what the drafts for it need
    Field("next_round_on", "Next round on", ANSWER, Kind.DATE, limit=10,
          hint="If they invited you to another round: the day they offered."),
    Field("next_round_at", "Next round at", ANSWER, Kind.TIME, limit=8),
    Field("decide_by", "Time to decide until", ANSWER, Kind.DATE, limit=10,
          hint="If they offered you the job and you need time: the day you will answer by."),
    Field("other_offer_by", "Your other offer's deadline", ANSWER, Kind.DATE, limit=10,
          hint="If another employer has offered you a job and wants an answer by a date."),
)

TOP_LEVEL: tuple[Field, ...] = tuple(f for f in FIELDS if not f.per_interviewer)
PER_INTERVIEWER: tuple[Field, ...] = tuple(f for f in FIELDS if f.per_interviewer)
BY_PATH: Mapping[str, Field] = MappingProxyType({f.path: f for f in FIELDS})


def by_path(path: str) -> Field:
    """The field an error or a limit names: "company", "interviewers[].name"."""
    return BY_PATH[path]


def in_section(section: str) -> tuple[Field, ...]:
    """The fields of one section of the form, in order."""
    return tuple(f for f in FIELDS if f.section == section)
