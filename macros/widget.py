"""The widget markup: the reader's form and the live-output area, rendered at build time.

The form mirrors the core's inputs (``followup.interview``): its labels, required
fields and choices come from there, so the form cannot drift from what the core
accepts. Length limits are left to the core too: no ``maxlength``, because a browser
silently cuts pasted text to it, whereas the core says next to the field that the text
is too long, and the reader keeps every character they typed.

``docs/javascripts/widget.js`` brings the markup to life; without JavaScript or Python
it stays a readable form with a note saying why nothing happens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from followup import interview

KINDS = {"drafts": "Your drafts", "calendar": "Your follow-up plan"}


@dataclass(frozen=True)
class Field:
    """How one core input is shown: its control and an optional hint."""

    name: str
    control: str  # "text" | "date" | "time" | "textarea" | "select" | "timezone"
    hint: str = ""
    autocomplete: str = "off"


@dataclass(frozen=True)
class Section:
    """A fieldset: a legend and its fields."""

    legend: str
    fields: tuple[Field, ...]


SECTIONS = (
    Section("The interview", (
        Field("company", "text", autocomplete="organization"),
        Field("role", "text", hint="The job you interviewed for."),
        Field("date", "date"),
        Field("start_time", "time"),
        Field("end_time", "time", hint="Leave it empty if it lasted about an hour."),
        Field("timezone", "timezone",
              hint="Where you are, as a place name such as Europe/London or America/New_York."),
        Field("format", "select"),
    )),
    Section("Your notes", (
        Field("next_steps", "textarea",
              hint='What they said happens next, in words that fit after "the next steps:", '
                   'such as "a second round with the team".'),
        Field("decision_date", "date", hint="If they said when they would decide."),
        Field("questions", "textarea",
              hint='A question you still have, as you would ask it, such as "How does the '
                   'team share its reports?"'),
        Field("challenges", "textarea",
              hint='The challenges you see in the job, in words that fit after "I\'d love '
                   'to help with", such as "making the delivery reports trusted".'),
        Field("fit", "textarea",
              hint='Why you in particular are up to them, as you would say it, such as "I '
                   'rebuilt the sales reports at my last job".'),
    )),
    Section("How it went", (
        Field("assessment", "select", hint="Be honest with yourself: it changes the thank-you."),
        Field("clarify", "text",
              hint='Something you would put better now, if anything, in a few words such '
                   'as "my experience with forecasting".'),
    )),
    Section("Signing off", (
        Field("tone", "select"),
        Field("your_name", "text", autocomplete="name"),
        Field("signature", "textarea",
              hint="What goes under your name in each email, such as a phone number."),
    )),
)

INTERVIEWER_FIELDS = (
    Field("name", "text"),
    Field("role", "text"),
    Field("email", "text", hint="Optional: it fills in the To line."),
    Field("topic", "text",
          hint='One thing you talked about with them, such as "the plan for live dashboards".'),
)


def _attrs(**values: str | int | bool | None) -> str:
    """HTML attributes, escaped; False/None are left out, True is a bare attribute."""
    parts = []
    for key, value in values.items():
        name = key.rstrip("_").replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            parts.append(name)
        else:
            parts.append(f'{name}="{escape(str(value), quote=True)}"')
    return (" " + " ".join(parts)) if parts else ""


def _is_required(field: Field, limit_key: str) -> bool:
    """Required by the core (interviewer fields never are)."""
    return limit_key == field.name and field.name in interview.REQUIRED_FIELDS


def _control(field: Field, control_id: str, limit_key: str, data_attr: dict[str, str],
             describedby: str | None, list_id: str | None) -> str:
    """The input, textarea or select for one field."""
    common = dict(id=control_id, name=control_id, aria_describedby=describedby,
                  required=_is_required(field, limit_key), **data_attr)
    if field.control == "select":
        default = interview.CHOICE_DEFAULTS[field.name]
        options = "".join(
            f"<option{_attrs(value=value, selected=value == default)}>{escape(label)}</option>"
            for value, label in interview.CHOICES[field.name].items()
        )
        return f"<select{_attrs(**common)}>{options}</select>"
    if field.control == "textarea":
        return f"<textarea{_attrs(rows=3, **common)}></textarea>"
    if field.control == "date":
        # The picker offers only the years the core accepts (a typed year outside them
        # still gets the core's message).
        years = dict(min=f"{interview.EARLIEST_YEAR}-01-01", max=f"{interview.LATEST_YEAR}-12-31")
        return f"<input{_attrs(type='date', **years, **common)}>"
    if field.control == "time":
        return f"<input{_attrs(type='time', **common)}>"
    attrs = _attrs(type="text", autocomplete=field.autocomplete,
                   spellcheck="false" if field.control == "timezone" else None,
                   list=list_id, **common)
    return f"<input{attrs}>"


def _field(field: Field, prefix: str, label: str, limit_key: str, data_attr: dict[str, str]) -> str:
    """One labelled control with its hint and its (empty, hidden) error message."""
    control_id = f"{prefix}-{field.name}"
    hint_id = f"{control_id}-hint" if field.hint else None
    required = _is_required(field, limit_key)
    marker = ' <span class="fu-required">(required)</span>' if required else ""
    hint = f'<p class="fu-hint"{_attrs(id=hint_id)}>{escape(field.hint)}</p>' if hint_id else ""
    list_id = f"{prefix}-timezones" if field.control == "timezone" else None
    control = _control(field, control_id, limit_key, data_attr, hint_id, list_id)
    datalist = f'<datalist id="{list_id}"></datalist>' if list_id else ""
    return (
        f'<div class="fu-field fu-field--{field.control}">'
        f'<label for="{control_id}">'
        f'<span class="fu-label-text">{escape(label)}</span>{marker}</label>'
        f"{hint}{control}{datalist}"
        f'<p class="fu-error"{_attrs(id=f"{control_id}-error")} hidden></p>'
        "</div>"
    )


def _interviewer_template(prefix: str) -> str:
    """A row for one interviewer, cloned by the page script (it numbers the ids)."""
    fields = "".join(
        _field(field, f"{prefix}-interviewer-N",
               interview.FIELD_LABELS[f"interviewers[].{field.name}"],
               f"interviewers[].{field.name}", {"data_fu_part": field.name})
        for field in INTERVIEWER_FIELDS
    )
    return (
        '<template data-fu-template="interviewer">'
        '<fieldset class="fu-interviewer" data-fu-row>'
        '<legend>Interviewer <span data-fu-number>1</span></legend>'
        f"{fields}"
        '<button type="button" class="fu-button fu-remove" data-fu-action="remove-interviewer">'
        'Remove interviewer <span data-fu-number>1</span></button>'
        "</fieldset></template>"
    )


def render_widget(kind: str, pyodide: Mapping[str, str | int] | None, *, level: int = 2) -> str:
    """The widget for a tool page: kind is "drafts" or "calendar".

    `pyodide` is ``config.extra.pyodide`` ({"index_url", "lock_url"}, and optionally
    "snapshot_url": Python's memory snapshot for return visits and quick connections,
    "snapshot_bytes": its size, and "stdlib_url": the first part of the standard
    library, which names the rest; URLs site-relative);
    `level` is the heading level of the output's title (its items use the next one).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown widget {kind!r}; expected one of {', '.join(KINDS)}")
    if not pyodide or not pyodide.get("index_url") or not pyodide.get("lock_url"):
        raise ValueError("config.extra.pyodide must give index_url and lock_url "
                         "(set by the macros/pyodide_dist.py hook)")
    if not 1 <= level <= 5:
        raise ValueError("level must be between 1 and 5")
    prefix = f"fu-{kind}"
    sections = []
    for section in SECTIONS:
        fields = "".join(
            _field(field, prefix, interview.FIELD_LABELS[field.name], field.name,
                   {"data_fu_field": field.name})
            for field in section.fields
        )
        sections.append(f"<fieldset><legend>{escape(section.legend)}</legend>{fields}</fieldset>")
        if section.legend == "The interview":
            sections.append(
                '<fieldset class="fu-interviewers"><legend>Who interviewed you</legend>'
                '<p class="fu-hint">Add everyone who interviewed you: each gets their own '
                "thank-you. Put your main contact first: the follow-ups and the call are "
                "for them.</p>"
                '<div data-fu-rows></div>'
                '<p class="fu-error" data-fu-error-for="interviewers" hidden></p>'
                '<button type="button" class="fu-button" data-fu-action="add-interviewer">'
                "Add an interviewer</button>"
                '<p class="fu-add-status" role="status" aria-live="polite"></p>'
                f"{_interviewer_template(prefix)}"
                "</fieldset>"
            )
    title_id = f"{prefix}-title"
    heading = f"h{level}"
    output = (
        f'<section class="fu-output" data-fu-output="{kind}" aria-labelledby="{title_id}">'
        f'<{heading} id="{title_id}">{escape(KINDS[kind])}</{heading}>'
        '<div class="fu-problems" role="status" aria-live="polite"></div>'
        '<div class="fu-message"><p>Fill in the company, the interview date and the start time, '
        "and your " + ("drafts" if kind == "drafts" else "dates") + " appear here.</p>"
        "<noscript><p>This part of the page needs JavaScript, which is turned off in your "
        "browser. The example below shows what it writes.</p></noscript></div>"
        f'<div class="fu-results" data-fu-heading-level="{level + 1}" hidden></div>'
        "</section>"
    )
    root = _attrs(
        class_="fu-widget",
        data_fu_widget=kind,
        data_fu_prefix=prefix,
        data_pyodide_index=pyodide["index_url"],
        data_pyodide_lock=pyodide["lock_url"],
        data_pyodide_snapshot=pyodide.get("snapshot_url"),
        data_pyodide_snapshot_bytes=pyodide.get("snapshot_bytes"),
        data_pyodide_stdlib=pyodide.get("stdlib_url"),
        data_fu_default_timezone=interview.DEFAULT_TIMEZONE,
        data_fu_required=" ".join(interview.REQUIRED_FIELDS),
        data_fu_max_interviewers=interview.MAX_INTERVIEWERS,
    )
    return (
        f"<div{root}>"
        # At the top, where the reader starts typing while Python loads.
        '<div class="fu-progress" role="status" aria-live="polite"></div>'
        f'<form class="fu-form" novalidate aria-label="Your interview details">'
        '<p class="fu-privacy">What you type is saved in this browser, with what the tools '
        "write from it, so that you can come back to it. It is never sent anywhere.</p>"
        f"{''.join(sections)}"
        '<div class="fu-forget"><button type="button" class="fu-button" data-fu-action="forget">'
        'Forget my details</button>'
        '<p class="fu-forget-status" role="status" aria-live="polite"></p></div>'
        "</form>"
        f"{output}"
        "</div>"
    )


def widget_macro(env):
    """The `followup_widget(kind)` macro, bound to this build's Pyodide URLs."""

    def followup_widget(kind: str, level: int = 2) -> str:
        """Render the live widget ("drafts" or "calendar") for a tool page."""
        return render_widget(kind, env.conf["extra"].get("pyodide"), level=level)

    return followup_widget
