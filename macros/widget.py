"""The widget markup: the reader's form and the live-output area, rendered at build time.

The form is made from the core's field declarations (``followup.fields``): labels, hints,
required fields, choices, kinds and initial values all come from there, and the markup
carries what the page script needs (``data-fu-field`` / ``data-fu-part`` name each
control, ``data-fu-initial`` says what to fill in when the form opens), so no script
retypes a field. Length limits are left to the core too: no ``maxlength``, because a
browser silently cuts pasted text to it, whereas the core says next to the field that
the text is too long, and the reader keeps every character they typed.

``docs/javascripts/followup/`` brings the markup to life; without JavaScript or Python
it stays a readable form with a note saying why nothing happens.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

from followup import fields, public_holidays
from followup.fields import Field, Kind

KINDS = {"drafts": "Your drafts", "calendar": "Your follow-up plan"}
# The tool pages sit side by side in tools/: the board, and the page an application opens in.
BOARD_LINK = "../board/"
EMAILS_LINK = "../emails/"
# What the start-up options must name (site_build.pyodide_dist.Dist.python_options).
PYTHON_OPTIONS = ("index_url", "lock_url")


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


def _control(field: Field, control_id: str, describedby: str | None, list_id: str | None,
             name_attr: dict[str, str]) -> str:
    """The input, textarea or select for one field."""
    common = dict(id=control_id, name=control_id, aria_describedby=describedby,
                  required=field.required, data_fu_initial=field.initial,
                  # What to fill in when the initial value cannot be worked out.
                  data_fu_fallback=(field.initial and field.default) or None, **name_attr)
    if field.kind is Kind.CHOICE:
        options = "".join(
            f"<option{_attrs(value=value, selected=value == field.default)}>{escape(label)}"
            "</option>"
            for value, label in field.choices.items()
        )
        return f"<select{_attrs(**common)}>{options}</select>"
    if field.kind is Kind.PERSON:
        # One option per interviewer row, filled in and kept up to date by the page
        # script (form.mjs); without it, the first is the only one there is.
        return (f"<select{_attrs(data_fu_people=True, **common)}>"
                '<option value="1" selected>Interviewer 1</option></select>')
    if field.kind is Kind.COUNTRY:
        # Every country the holidays library knows; empty: the time zone's (the page
        # names it in this option once Python has answered).
        options = "".join(f"<option{_attrs(value=code)}>{escape(name)}</option>"
                          for code, name in public_holidays.countries().items())
        return (f"<select{_attrs(data_fu_country=True, **common)}>"
                f'<option value="" selected>From your time zone</option>{options}</select>')
    if field.kind is Kind.REGION:
        # The chosen country's regions, from Python's answer (form.mjs fills them in).
        return (f"<select{_attrs(data_fu_regions=True, **common)}>"
                '<option value="" selected>The whole country</option></select>')
    if field.kind is Kind.LINES:
        return f"<textarea{_attrs(rows=3, **common)}></textarea>"
    if field.kind is Kind.DATE:
        # The picker offers only the years the core accepts (a typed year outside them
        # still gets the core's message).
        years = dict(min=f"{fields.EARLIEST_YEAR}-01-01", max=f"{fields.LATEST_YEAR}-12-31")
        today = (f'<button type="button" class="fu-button fu-today" data-fu-action="today"'
                 f"{_attrs(data_fu_for=control_id)}>{escape(field.today_button)}</button>"
                 if field.today_button else "")
        return f"<input{_attrs(type='date', **years, **common)}>{today}"
    if field.kind is Kind.TIME:
        return f"<input{_attrs(type='time', **common)}>"
    attrs = _attrs(type="text", autocomplete=field.autocomplete,
                   spellcheck="false" if field.kind is Kind.ZONE else None,
                   list=list_id, **common)
    return f"<input{attrs}>"


def _steps(field: Field, control_id: str, hint_id: str | None,
           name_attr: dict[str, str]) -> str:
    """A group of checkboxes, one per step: the group is the field's control."""
    boxes = "".join(
        f'<label class="fu-check"><input{_attrs(type="checkbox", value=step, name=control_id)}>'
        f" {escape(label)}</label>"
        for step, label in field.choices.items())
    hint = f'<p class="fu-hint"{_attrs(id=hint_id)}>{escape(field.hint)}</p>' if hint_id else ""
    return (
        f'<div class="fu-field fu-field--{field.kind.value}">'
        f"<fieldset{_attrs(id=control_id, aria_describedby=hint_id, data_fu_steps=True,
                           **name_attr)}>"
        f'<legend class="fu-label-text">{escape(field.label)}</legend>{hint}{boxes}</fieldset>'
        f'<p class="fu-error"{_attrs(id=f"{control_id}-error")} hidden></p>'
        f'<p class="fu-advice"{_attrs(id=f"{control_id}-advice")} hidden></p>'
        "</div>"
    )


def _field(field: Field, prefix: str, name_attr: dict[str, str]) -> str:
    """One labelled control with its hint and its (empty, hidden) error message."""
    control_id = f"{prefix}-{field.key}"
    if field.kind is Kind.STEPS:
        return _steps(field, control_id, f"{control_id}-hint" if field.hint else None,
                      name_attr)
    hint_id = f"{control_id}-hint" if field.hint else None
    marker = ' <span class="fu-required">(required)</span>' if field.required else ""
    hint = f'<p class="fu-hint"{_attrs(id=hint_id)}>{escape(field.hint)}</p>' if hint_id else ""
    # Every zone field offers the one list of zones (form.mjs fills it).
    list_id = _zone_list_id(prefix) if field.kind is Kind.ZONE else None
    control = _control(field, control_id, hint_id, list_id, name_attr)
    return (
        f'<div class="fu-field fu-field--{field.kind.value}">'
        f'<label for="{control_id}">'
        f'<span class="fu-label-text">{escape(field.label)}</span>{marker}</label>'
        f"{hint}{control}"
        f'<p class="fu-error"{_attrs(id=f"{control_id}-error")} hidden></p>'
        # Not a mistake, but worth changing (the core's advice: a note that makes a draft
        # too long, a name not given).
        f'<p class="fu-advice"{_attrs(id=f"{control_id}-advice")} hidden></p>'
        "</div>"
    )


def _zone_list_id(prefix: str) -> str:
    return f"{prefix}-timezones"


def _interviewers(prefix: str) -> str:
    """The interviewers' fieldset: its rows, and a row template the page script clones
    (it numbers the ids and names each control's field path)."""
    row = "".join(_field(field, f"{prefix}-interviewer-N", {"data_fu_part": field.key})
                  for field in fields.PER_INTERVIEWER)
    return (
        f"<fieldset class=\"fu-interviewers\"><legend>{escape(fields.PEOPLE)}</legend>"
        '<p class="fu-hint">Add everyone who interviewed you: each gets their own '
        "thank-you. Put your main contact first: the follow-ups and the call are for them.</p>"
        f"<div{_attrs(data_fu_rows=fields.INTERVIEWERS, data_fu_max_rows=fields.MAX_INTERVIEWERS)}>"
        "</div>"
        f'<p class="fu-error"{_attrs(data_fu_error_for=fields.INTERVIEWERS)} hidden></p>'
        '<button type="button" class="fu-button" data-fu-action="add-interviewer">'
        "Add an interviewer</button>"
        '<p class="fu-add-status" role="status" aria-live="polite"></p>'
        '<template data-fu-template="interviewer">'
        '<fieldset class="fu-interviewer" data-fu-row>'
        '<legend>Interviewer <span data-fu-number>1</span></legend>'
        f"{row}"
        '<button type="button" class="fu-button fu-remove" data-fu-action="remove-interviewer">'
        'Remove interviewer <span data-fu-number>1</span></button>'
        "</fieldset></template>"
        "</fieldset>"
    )


def _sections(prefix: str) -> str:
    parts = []
    for section in fields.SECTIONS:
        if section == fields.PEOPLE:
            parts.append(_interviewers(prefix))
            continue
        body = "".join(_field(field, prefix, {"data_fu_field": field.key})
                       for field in fields.in_section(section) if not field.per_interviewer)
        parts.append(f"<fieldset><legend>{escape(section)}</legend>{body}</fieldset>")
    return "".join(parts)


def render_widget(kind: str, python: Mapping[str, Any] | None, *, level: int = 2) -> str:
    """The widget for a tool page: kind is "drafts" or "calendar".

    `python` is what the page hands the Python worker when it starts (``config.extra``'s
    ``followup_python``, from site_build: the runtime's and the lock's site-relative URLs,
    and where the wheels, the standard library and the memory snapshot are); `level` is
    the heading level of the output's title (its items use the next one).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown widget {kind!r}; expected one of {', '.join(KINDS)}")
    if not python or not all(python.get(key) for key in PYTHON_OPTIONS):
        raise ValueError("the Python start-up options must give index_url and lock_url "
                         "(set by site_build's hook)")
    if not 1 <= level <= 5:
        raise ValueError("level must be between 1 and 5")
    prefix = f"fu-{kind}"
    title_id = f"{prefix}-title"
    heading = f"h{level}"
    shown = "drafts" if kind == "drafts" else "dates"
    output = (
        f'<section class="fu-output" data-fu-output="{kind}" aria-labelledby="{title_id}">'
        f'<{heading} id="{title_id}">{escape(KINDS[kind])}</{heading}>'
        '<div class="fu-problems" role="status" aria-live="polite"></div>'
        '<div class="fu-message"><p>Fill in the company, the interview date and the start time, '
        f"and your {shown} appear here.</p>"
        "<noscript><p>This part of the page needs JavaScript, which is turned off in your "
        "browser. The example below shows what it writes.</p></noscript></div>"
        f'<div class="fu-results" data-fu-heading-level="{level + 1}" hidden></div>'
        "</section>"
    )
    root = _attrs(
        class_="fu-widget",
        data_fu_widget=kind,
        data_fu_prefix=prefix,
        data_fu_boot=json.dumps(dict(python), sort_keys=True, separators=(",", ":")),
    )
    return (
        f"<div{root}>"
        # At the top, where the reader starts typing while Python loads.
        '<div class="fu-progress" role="status" aria-live="polite"></div>'
        '<form class="fu-form" novalidate aria-label="Your interview details">'
        '<p class="fu-privacy">What you type is saved in this browser, with what the tools '
        "write from it, so that you can come back to it. It is never sent anywhere.</p>"
        # Which application the form holds (widget.mjs names it); the board has them all.
        '<p class="fu-application"><span class="fu-application-name"></span> '
        f'<a href="{BOARD_LINK}">See all your applications</a></p>'
        f"{_sections(prefix)}"
        f'<datalist id="{_zone_list_id(prefix)}"></datalist>'
        '<div class="fu-forget"><button type="button" class="fu-button" data-fu-action="forget">'
        'Forget this application</button>'
        '<p class="fu-forget-status" role="status" aria-live="polite"></p></div>'
        # On a narrow screen the output is far below: a way to it, always in sight.
        f'<a class="fu-jump" href="#{title_id}" hidden></a>'
        "</form>"
        f"{output}"
        "</div>"
    )


def render_board(python: Mapping[str, Any] | None, *, level: int = 2) -> str:
    """The board of applications (tools/board/): the actions, and a list board.mjs fills.

    The status and round fields' options and the status that means no answer yet come from
    the core's declarations, as data attributes: the script retypes none of them.
    """
    if not python or not all(python.get(key) for key in PYTHON_OPTIONS):
        raise ValueError("the Python start-up options must give index_url and lock_url "
                         "(set by site_build's hook)")
    status, round_ = fields.by_path("status"), fields.by_path("round")
    options = {name: json.dumps([{"value": value, "label": label}
                                 for value, label in field.choices.items()])
               for name, field in (("statuses", status), ("rounds", round_))}
    root = _attrs(
        class_="fu-board",
        data_fu_boot=json.dumps(dict(python), sort_keys=True, separators=(",", ":")),
        data_fu_statuses=options["statuses"],
        data_fu_rounds=options["rounds"],
        data_fu_waiting=status.default,
        data_fu_emails=EMAILS_LINK,
        data_fu_heading_level=level + 1,
    )
    heading = f"h{level}"
    return (
        f"<div{root}>"
        '<div class="fu-progress" role="status" aria-live="polite"></div>'
        '<p class="fu-privacy">Your applications are kept in this browser only, and are never '
        "sent anywhere. To move them to another device, or to keep a copy, download your "
        "board file and import it there.</p>"
        '<div class="fu-board-actions">'
        f'<a class="fu-button" href="{EMAILS_LINK}" data-fu-action="new">Add an application</a>'
        '<button type="button" class="fu-button" data-fu-action="download-ics">'
        "Download every reminder (.ics)</button>"
        '<button type="button" class="fu-button" data-fu-action="export">'
        "Download your board file</button>"
        '<span class="fu-file"><label for="fu-board-import">Import a board file</label>'
        '<input type="file" id="fu-board-import" accept=".json,application/json"></span>'
        "</div>"
        '<p class="fu-board-status" role="status" aria-live="polite"></p>'
        '<div class="fu-board-problems" role="alert"></div>'
        f'<section class="fu-board-output" aria-labelledby="fu-board-title">'
        f'<{heading} id="fu-board-title">Your applications</{heading}>'
        '<p class="fu-board-empty">Nothing here yet. <a href="'
        f'{EMAILS_LINK}" data-fu-action="new">Add your first application</a> on the emails '
        "page, and it appears here as you type.</p>"
        "<noscript><p>This board needs JavaScript, which is turned off in your browser."
        "</p></noscript>"
        '<div class="fu-board-applications"></div>'
        "</section>"
        '<div class="fu-forget"><button type="button" class="fu-button" '
        'data-fu-action="forget-all">Forget everything</button></div>'
        "</div>"
    )


def widget_macro(env):
    """The `followup_widget(kind)` macro, bound to this build's Python start-up options."""

    def followup_widget(kind: str, level: int = 2) -> str:
        """Render the live widget ("drafts" or "calendar") for a tool page."""
        return render_widget(kind, env.conf["extra"].get("followup_python"), level=level)

    return followup_widget


def board_macro(env):
    """The `followup_board()` macro, bound to this build's Python start-up options."""

    def followup_board(level: int = 2) -> str:
        """Render the board of applications (tools/board/)."""
        return render_board(env.conf["extra"].get("followup_python"), level=level)

    return followup_board
