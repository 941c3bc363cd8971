"""Rendering helpers behind the guide's macros (macros/main.py only registers them).

Everything here turns plain data from `followup` into HTML for the Markdown pages.

Why every fragment is a single line of HTML: the pages place macros inside content
tabs and admonitions (indented Markdown). Python-Markdown only keeps block-level raw
HTML at the top level of a document; indented, it wraps the HTML in a paragraph and
runs inline Markdown over the text between tags. So the email blocks are built from
phrasing elements only (valid inside <p>) and every character Markdown could act on
is written as an entity. Block fragments (the timelines, the rules table, the
checklist overview) must be used at the top level of a page; the build test fails
if one ends up inside a paragraph.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

from followup.cli import applications_from, interview_from_toml, unknown_keys
from followup.emails import ANSWER_DRAFTS, ARRANGER

#: The generated file that lists every checklist page; docs/javascripts/checklist.js
#: reads it (relative to the site root) to show overall progress.
CHECKLIST_INDEX_NAME = "checklists.json"
CHECKLIST_INDEX_VERSION = 1

# Characters Python-Markdown (with this site's extensions) could turn into markup
# inside a paragraph: emphasis, code, links, attribute lists, escapes.
_MARKDOWN_ACTIVE = {
    "*": "&#42;",
    "_": "&#95;",
    "`": "&#96;",
    "[": "&#91;",
    "]": "&#93;",
    "\\": "&#92;",
    "{": "&#123;",
    "}": "&#125;",
    "!": "&#33;",
    "~": "&#126;",
    "^": "&#94;",
}


class ExampleError(ValueError):
    """The sample interview could not be turned into a plan (fails the build)."""


def escape_text(text: str) -> str:
    """Escape text for HTML that will also pass through inline Markdown unchanged."""
    escaped = html.escape(text, quote=True)
    return "".join(_MARKDOWN_ACTIVE.get(char, char) for char in escaped)


def timing_constants(module: ModuleType) -> dict[str, int]:
    """Every public UPPER_CASE int constant of `module`, keyed by its lower-case name."""
    return {
        name.lower(): value
        for name, value in vars(module).items()
        if name.isupper() and not name.startswith("_")
        and isinstance(value, int) and not isinstance(value, bool)
    }


# --------------------------------------------------------------------------- example data


def load_example(path: Path) -> dict[str, Any]:
    """The sample interview (examples/interview.toml) as API input, read as the CLI reads it."""
    return interview_from_toml(path.read_text("utf-8"))


# What the sample interview needs for the drafts beyond its plan (the same details as the
# comments in examples/interview.toml): whoever arranged it, and an answer's days, counted
# from the interview.
EXAMPLE_ARRANGER = {"arranged_by": "Hannah Lewis",
                    "arranged_by_email": "hannah.lewis@harbourline.example"}
EXAMPLE_ANSWER_DAYS = {"next_round": {"next_round_on": 14}, "offer": {"decide_by": 17},
                       "waiting": {"other_offer_by": 10}}
EXAMPLE_NEXT_ROUND_AT = "10:30"


def example_details(data: Mapping[str, Any], step: str) -> dict[str, Any]:
    """The details the sample interview needs to have a draft for `step`: for a reply to
    an answer, the first answer that calls for it (followup.emails.ANSWER_DRAFTS) and the
    days after the interview that answer uses; for the thanks to whoever arranged it, an
    arranger; for the plan's own steps, nothing."""
    if step == ARRANGER:
        return dict(EXAMPLE_ARRANGER)
    status = next((status for status, steps in ANSWER_DRAFTS.items() if step in steps), None)
    if status is None:
        return {}
    interview_day = date.fromisoformat(str(data["date"]))
    details: dict[str, Any] = {"status": status}
    for key, after in EXAMPLE_ANSWER_DAYS.get(status, {}).items():
        details[key] = (interview_day + timedelta(days=after)).isoformat()
    if "next_round_on" in details:
        details["next_round_at"] = EXAMPLE_NEXT_ROUND_AT
    return details


def plan_from(run: Any, data: Mapping[str, Any], **overrides: Any) -> dict[str, Any]:
    """Run the core API (`run`) on `data` with `overrides`; raise ExampleError if invalid."""
    response = run({**data, **overrides})
    if not response.get("ok"):
        problems = "; ".join(
            f"{error.get('field')}: {error.get('message')}" for error in response.get("errors", [])
        )
        raise ExampleError(f"the sample interview is invalid with {overrides!r}: {problems}")
    return response["result"]


# --------------------------------------------------------------------------- email blocks


def _body_html(body: str) -> str:
    """Paragraphs (blank-line separated) as block spans, single line breaks as <br>."""
    paragraphs = [part for part in body.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return "".join(
        '<span class="email-example__para">'
        + "<br>".join(escape_text(line) for line in paragraph.strip("\n").split("\n"))
        + "</span>"
        for paragraph in paragraphs
    )


def email_block(draft: Mapping[str, Any]) -> str:
    """One draft as a readable email or call: its header lines (labelled by the core, as
    everywhere else) and body, all escaped, on one line."""
    label = "Example talking points" if draft.get("kind") == "call" else "Example email"
    headers = "".join(
        f'<span class="email-example__header"><span class="email-example__key">'
        f"{escape_text(key)}:</span> {escape_text(value)}</span>"
        for key, value in draft["headers"]
    )
    return (
        f'<span class="email-example" role="group" aria-label="{label}" '
        f'data-step="{escape_text(draft["step"])}">'
        f"{headers}"
        f'<span class="email-example__body">{_body_html(draft["body"])}</span>'
        "</span>"
    )


def example_draft(result: Mapping[str, Any], step: str) -> str:
    """The first draft for `step` in a plan (a reply to an answer too, when the plan's
    details call for it: `example_details`), as an email block."""
    for draft in result["drafts"]:
        if draft["step"] == step:
            return email_block(draft)
    known = sorted({draft["step"] for draft in result["drafts"]})
    raise ExampleError(f"no draft for step {step!r}; the plan has {known}")


# --------------------------------------------------------------------------- timelines


def rules_table(rules: Iterable[Mapping[str, str]]) -> str:
    """The timing rules (followup.timeline.describe_rules()) as an HTML table.

    No class attribute: Material styles (and wraps for scrolling) only `table:not([class])`.
    """
    rows = "".join(
        f'<tr data-step="{escape_text(rule["step"])}"><td>{escape_text(rule["title"])}</td>'
        f"<td>{escape_text(rule['rule'])}</td></tr>"
        for rule in rules
    )
    return (
        "<table data-rules-table><caption>When each step is due</caption>"
        '<thead><tr><th scope="col">Step</th><th scope="col">When</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def timeline_diagram(rules: Iterable[Mapping[str, str]]) -> str:
    """The generic follow-up timeline: the interview, then each rule, as a drawn list."""
    items = [
        '<li class="timeline__item timeline__item--start">'
        '<span class="timeline__title">The interview</span>'
        '<span class="timeline__when">Day one: make notes and ask about next steps</span></li>'
    ]
    items += [
        f'<li class="timeline__item" data-step="{escape_text(rule["step"])}">'
        f'<span class="timeline__title">{escape_text(rule["title"])}</span>'
        f'<span class="timeline__when">{escape_text(rule["rule"])}</span></li>'
        for rule in rules
    ]
    return (
        '<ol class="timeline" aria-label="The follow-up timeline, step by step">'
        + "".join(items)
        + "</ol>"
    )


def example_timeline(result: Mapping[str, Any]) -> str:
    """The sample interview's plan: each step with its due date, as a drawn list."""
    items = "".join(
        f'<li class="timeline__item" data-step="{escape_text(step["id"])}">'
        f'<span class="timeline__title">{escape_text(step["title"])}</span>'
        f'<span class="timeline__when"><time datetime="{escape_text(step["due"])}">'
        f"{escape_text(step['due_label'])}</time></span>"
        f'<span class="timeline__rule">{escape_text(step["rule"])}</span></li>'
        for step in result["steps"]
    )
    return (
        '<ol class="timeline timeline--example" aria-label="The sample plan, with dates">'
        f"{items}</ol>"
    )


# --------------------------------------------------------------------------- checklists


def checklist_overview() -> str:
    """The home page's progress placeholder; checklist.js fills it from checklists.json."""
    return (
        f'<div class="checklist-overview" data-checklist-overview="{CHECKLIST_INDEX_NAME}">'
        '<p class="checklist-overview__fallback">Each step ends with a checklist. Tick the '
        "items as you go and your progress across the whole guide shows here. Ticking needs "
        "JavaScript, which seems to be off or still loading.</p></div>"
    )


@dataclass(frozen=True)
class ChecklistPage:
    """A built page with task items: its site-relative URL, title and item count."""

    url: str
    title: str
    items: int


class _TaskItemCounter(HTMLParser):
    """Counts the task-list checkboxes Material/pymdownx render in a page's content."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self._in_task_control = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "label" and "task-list-control" in classes:
            self._in_task_control += 1
        elif tag == "input" and self._in_task_control and dict(attrs).get("type") == "checkbox":
            self.count += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._in_task_control:
            self._in_task_control -= 1


def count_task_items(page_html: str) -> int:
    """How many task-list checkboxes a built page holds."""
    counter = _TaskItemCounter()
    counter.feed(page_html)
    return counter.count


def checklist_index(pages: Iterable[ChecklistPage]) -> dict[str, Any]:
    """The JSON document checklist.js reads: pages with task items, in nav order."""
    return {
        "version": CHECKLIST_INDEX_VERSION,
        "pages": [
            {"url": page.url, "title": page.title, "items": page.items}
            for page in pages
            if page.items
        ],
    }


def write_checklist_index(site_dir: Path, nav_pages: Iterable[tuple[str, str]]) -> Path:
    """Count task items in each built page (url, title) and write checklists.json."""
    pages = []
    for url, title in nav_pages:
        built = site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url
        pages.append(ChecklistPage(url, title, count_task_items(built.read_text("utf-8"))))
    target = site_dir / CHECKLIST_INDEX_NAME
    target.write_text(json.dumps(checklist_index(pages), ensure_ascii=False, indent=1), "utf-8")
    return target


# --------------------------------------------------------------------------- the board file


def load_example_board(path: Path) -> list[dict[str, Any]]:
    """The sample board (examples/board.toml) as the page keeps it: its applications."""
    applications = applications_from(interview_from_toml(path.read_text("utf-8"))) or []
    problems = [line for application in applications
                for line in unknown_keys(application["details"])]
    if problems:
        raise ExampleError(f"{path.name}: {'; '.join(problems)}")
    return applications


def board_file_fields(fields: Iterable[Mapping[str, Any]]) -> str:
    """What an application's details may hold (followup.board.file_fields()), as a table:
    the key, what it is on the form, what it holds (with an example) and its longest."""
    def longest(field: Mapping[str, Any]) -> str:
        noun = "step" if field["holds"].startswith("A list") else "character"
        return f"{field['max']:,} {noun}s"

    def holds(field: Mapping[str, Any]) -> str:
        example = field["example"]
        such_as = f", such as <code>{escape_text(example)}</code>" if example else ""
        return f"{escape_text(field['holds'])}{such_as}"

    rows = "".join(
        f'<tr data-key="{escape_text(field["key"])}"><td><code>{escape_text(field["key"])}'
        f"</code></td><td>{escape_text(field['label'])}</td><td>{holds(field)}</td>"
        f"<td>{escape_text(longest(field))}</td></tr>"
        for field in fields
    )
    return (
        "<table data-board-fields><caption>What each application's details hold</caption>"
        '<thead><tr><th scope="col">Key</th><th scope="col">On the form</th>'
        '<th scope="col">What it holds</th><th scope="col">At most</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def json_block(data: Any) -> str:
    """Data as JSON in a plain, scrollable, keyboard-reachable block. Not a highlighted
    code block: the theme gives each of those an unnamed navigation landmark (two on one
    page are indistinguishable) and its dark palette's number colour is below 4.5:1."""
    text = html.escape(json.dumps(data, indent=2, ensure_ascii=False), quote=False)
    return f'<pre class="fu-json" tabindex="0">{text}</pre>'



# --------------------------------------------------------------------------- 404


def render_markdown_fragment(text: str) -> str:
    """A small Markdown fragment (the 404 wording in snippets/) as HTML."""
    import markdown  # MkDocs' own dependency; imported here as only the 404 needs it

    return markdown.markdown(text, extensions=["attr_list"], output_format="html")
