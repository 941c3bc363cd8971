"""The widget's form markup (macros/widget.py) mirrors the core's inputs exactly."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from followup import fields, public_holidays
from macros.widget import render_widget

PYTHON = {"index_url": "pyodide/314.0.7/", "lock_url": "pyodide/packages-abc/pyodide-lock.json"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    in_template: bool
    text: str = ""
    children: list[Element] = field(default_factory=list)


class _Collector(HTMLParser):
    """Every element with its attributes and text; marks those inside <template>."""

    VOID: ClassVar[frozenset[str]] = frozenset({"input", "br", "img", "hr", "meta", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        in_template = any(e.tag == "template" for e in self.open)
        element = Element(tag, dict(attrs), in_template)
        self.elements.append(element)
        if self.open:
            self.open[-1].children.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop().tag == tag:
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data


def parse(markup: str) -> list[Element]:
    collector = _Collector()
    collector.feed(markup)
    return collector.elements


def declared(control: Element) -> fields.Field:
    """The core's declaration of the field a control holds."""
    return fields.by_path(
        control.attrs.get("data-fu-field") or f"interviewers[].{control.attrs['data-fu-part']}")


def controls(elements: list[Element], *, template: bool) -> list[Element]:
    """Each field's control: an input, select or textarea, or a group of ticks (a
    fieldset, data-fu-steps) whose boxes are parts of it, not controls of their own."""
    return [
        e for e in elements
        if e.in_template == template and (
            (e.tag in ("input", "select", "textarea") and e.attrs.get("type") != "checkbox")
            or (e.tag == "fieldset" and "data-fu-steps" in e.attrs))
    ]


@pytest.fixture(scope="module", params=["drafts", "calendar"])
def elements(request) -> list[Element]:
    return parse(render_widget(request.param, PYTHON))


def test_every_core_input_has_exactly_one_control(elements):
    keys = [e.attrs.get("data-fu-field") for e in controls(elements, template=False)]
    assert keys == [field.key for section in fields.SECTIONS
                    for field in fields.in_section(section) if not field.per_interviewer]
    parts = [e.attrs.get("data-fu-part") for e in controls(elements, template=True)]
    assert parts == [field.key for field in fields.PER_INTERVIEWER]


def test_every_control_has_its_own_label_with_the_cores_wording(elements):
    labels = {e.attrs["for"]: e for e in elements if e.tag == "label" and "for" in e.attrs}
    ids = [e.attrs.get("id") for e in elements if e.attrs.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for control in controls(elements, template=False) + controls(elements, template=True):
        if control.tag == "fieldset":  # a group is named by its legend
            legend = control.children[0]
            assert legend.tag == "legend" and legend.text == declared(control).label
            boxes = [c for c in control.children if c.tag == "label"]
            assert [b.text.strip() for b in boxes] == list(declared(control).choices.values())
            continue
        label = labels[control.attrs["id"]]
        wording = next(c for c in label.children if c.attrs.get("class") == "fu-label-text")
        assert wording.text == declared(control).label


def test_no_field_cuts_what_the_reader_pastes(elements):
    # A browser cuts pasted text to maxlength without a word; the core's length check
    # says so next to the field instead, and the text stays (test_widget.py).
    checked = 0
    for control in controls(elements, template=False) + controls(elements, template=True):
        assert "maxlength" not in control.attrs, declared(control).key
        checked += 1
    assert checked >= 20


def test_date_pickers_offer_only_the_years_the_core_accepts(elements):
    dates = [c for c in controls(elements, template=False) if c.attrs.get("type") == "date"]
    assert [c.attrs["data-fu-field"] for c in dates] == [
        f.key for f in fields.TOP_LEVEL if f.kind is fields.Kind.DATE]
    assert len(dates) == 6  # the interview, the decision, their reply, three for the answer
    for control in dates:
        assert control.attrs["min"] == f"{fields.EARLIEST_YEAR}-01-01"
        assert control.attrs["max"] == f"{fields.LATEST_YEAR}-12-31"


def test_required_fields_are_the_cores(elements):
    required = {
        e.attrs["data-fu-field"]
        for e in controls(elements, template=False)
        if "required" in e.attrs
    }
    assert required == {"company", "date", "start_time"}
    # Said in words too, inside the label, not only by the attribute.
    required_labels = [e for e in elements if e.attrs.get("class") == "fu-required"]
    assert len(required_labels) == len(required)


def test_choices_and_defaults_come_from_the_core(elements):
    selects = {e.attrs["data-fu-field"]: e for e in controls(elements, template=False)
               if e.tag == "select"}
    choices = {f.key for f in fields.TOP_LEVEL if f.kind is fields.Kind.CHOICE}
    assert choices == {"format", "assessment", "tone", "language", "round", "status"}
    # A person is picked from the interviewers the reader has typed: the page fills that list.
    people = {f.key for f in fields.TOP_LEVEL if f.kind is fields.Kind.PERSON}
    assert people == {"clarify_with"}
    # A country from the holidays library's list; its regions come with Python's answer.
    countries = {f.key for f in fields.TOP_LEVEL if f.kind is fields.Kind.COUNTRY}
    regions = {f.key for f in fields.TOP_LEVEL if f.kind is fields.Kind.REGION}
    assert set(selects) == choices | people | countries | regions
    for name in people:
        assert "data-fu-people" in selects[name].attrs
    for name in countries:
        options = [(o.attrs["value"], o.text) for o in selects[name].children]
        assert options[0] == ("", "From your time zone")
        assert options[1:] == list(public_holidays.countries().items())
        assert len(options) > 200
    for name in regions:
        assert [(o.attrs["value"], o.text) for o in selects[name].children] == [
            ("", "The whole country")]
    for name in choices:
        select = selects[name]
        options = [(o.attrs["value"], o.text) for o in select.children if o.tag == "option"]
        assert options == list(fields.by_path(name).choices.items())
        chosen = [o.attrs["value"] for o in select.children if "selected" in o.attrs]
        assert chosen == [fields.by_path(name).default]


def test_initial_values_are_named_for_the_page_script(elements):
    initial = {e.attrs["data-fu-field"]: (e.attrs["data-fu-initial"],
                                          e.attrs.get("data-fu-fallback"))
               for e in controls(elements, template=False) if "data-fu-initial" in e.attrs}
    assert initial == {"date": ("today", None), "timezone": ("browser zone", "Europe/London"),
                       "language": ("browser language", "en-GB")}


def test_hints_and_fieldsets_are_wired_for_screen_readers(elements):
    ids = {e.attrs.get("id") for e in elements}
    for control in controls(elements, template=False):
        for target in (control.attrs.get("aria-describedby") or "").split():
            assert target in ids
    for fieldset in (e for e in elements if e.tag == "fieldset"):
        assert fieldset.children[0].tag == "legend" and fieldset.children[0].text.strip()
    # Each field has its (hidden) error slot, named after the control.
    for control in controls(elements, template=False):
        assert f"{control.attrs['id']}-error" in ids
    statuses = [e for e in elements if e.attrs.get("role") == "status"]
    assert {s.attrs["class"] for s in statuses} >= {"fu-progress", "fu-forget-status"}


def test_urls_and_kinds_are_checked_and_escaped():
    hostile = {"index_url": 'x/"><script>alert(1)</script>', "lock_url": "y/lock.json"}
    markup = render_widget("drafts", hostile)
    assert "<script>" not in markup
    (root,) = [e for e in parse(markup) if e.attrs.get("class") == "fu-widget"]
    assert json.loads(root.attrs["data-fu-boot"]) == hostile  # an attribute, whole
    with pytest.raises(ValueError, match="unknown widget"):
        render_widget("chart", PYTHON)
    with pytest.raises(ValueError, match="index_url and lock_url"):
        render_widget("drafts", None)
    with pytest.raises(ValueError, match="level"):
        render_widget("drafts", PYTHON, level=6)


def test_heading_level_is_the_callers():
    elements = parse(render_widget("calendar", PYTHON, level=3))
    assert [e.tag for e in elements if e.tag.startswith("h") and e.tag[1:].isdigit()] == ["h3"]
    results = next(e for e in elements if e.attrs.get("class") == "fu-results")
    assert results.attrs["data-fu-heading-level"] == "4"


@pytest.mark.parametrize("path, kind", [("tools/emails", "drafts"), ("tools/calendar", "calendar")])
def test_the_built_tool_pages_carry_a_widget_and_its_script(site_dir: Path, path, kind):
    page = site_dir / path / "index.html"
    elements = parse(page.read_text("utf-8"))
    widgets = [e for e in elements if e.attrs.get("class") == "fu-widget"]
    assert len(widgets) == 1 and widgets[0].attrs["data-fu-widget"] == kind
    record = json.loads((site_dir / "build.json").read_text(encoding="utf-8"))
    assert json.loads(widgets[0].attrs["data-fu-boot"]) == record["python"]
    scripts = [e.attrs.get("src") or "" for e in elements if e.tag == "script"
               and e.attrs.get("type") == "module"]
    (widget_script,) = [src for src in scripts if src.endswith("followup/widget.mjs")]
    assert (page.parent / widget_script).resolve().is_file()
