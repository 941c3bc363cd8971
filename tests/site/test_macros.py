"""Unit tests of macros/guide.py: what the guide's macros render, before MkDocs is involved."""

from __future__ import annotations

import html
import json
import re
import types
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from followup import api, timeline
from followup.emails import ANSWER_STEPS, ARRANGER, Draft
from macros import guide

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "interview.toml"

# The Markdown extensions the site uses that could act on a macro's output.
SITE_EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
]
EXTENSION_CONFIGS = {
    "pymdownx.tabbed": {"alternate_style": True},
    "pymdownx.tasklist": {"custom_checkbox": True},
}

HOSTILE = (
    "<script>alert(1)</script> *not bold* _not em_ `not code` [not](a-link) "
    '{: .not-attr } \\escaped & "quoted" \'single\' <b onclick="x()">tag</b> 🙂'
)


def to_html(text: str) -> str:
    """Markdown -> HTML with the site's extensions."""
    return markdown.markdown(text, extensions=SITE_EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


class _Collector(HTMLParser):
    """The tags and the visible text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def collect(fragment: str) -> _Collector:
    collector = _Collector()
    collector.feed(fragment)
    return collector


def hostile_draft(step: str = "thank-you", **changes: str) -> dict:
    """A draft as the core gives it, with text that must stay text."""
    fields = {"step": step, "to_name": "Jo <Admin>", "to": "jo@example.com",
              "subject": f"Re: {HOSTILE}", "body": f"Hello,\n\n{HOSTILE}\nsecond line\n\nBye"}
    return Draft(**{**fields, **changes}).as_dict()


@pytest.fixture(scope="module")
def sample() -> dict:
    return guide.load_example(SAMPLE)


# ---------------------------------------------------------------- escaping


@pytest.mark.parametrize(
    "wrap",
    [
        pytest.param(lambda block: block, id="top level"),
        pytest.param(lambda block: f'=== "Warm"\n\n    {block}\n', id="inside a content tab"),
        pytest.param(lambda block: f'!!! example "An example"\n\n    {block}\n', id="admonition"),
    ],
)
def test_email_block_shows_hostile_text_literally_wherever_it_is_placed(wrap):
    block = guide.email_block(hostile_draft())
    assert "\n" not in block, "the block must be one line to survive indentation"

    rendered = to_html(wrap(block))
    found = collect(rendered)

    assert "script" not in found.tags
    assert "b" not in found.tags
    for markup in ("em", "strong", "code", "a"):
        assert markup not in found.tags, f"Markdown turned the text into <{markup}>"
    assert "onclick" not in rendered.replace("onclick=&quot;", "")  # only as escaped text
    text = "".join(found.text)
    assert HOSTILE in text  # every character shown as typed
    assert "Jo <Admin> <jo@example.com>" in text
    assert "Subject:" in text and "To:" in text


def test_email_block_keeps_paragraphs_and_line_breaks():
    block = guide.email_block(hostile_draft())
    paragraphs = re.findall(r'<span class="email-example__para">(.*?)</span>', block)
    assert len(paragraphs) == 3
    assert paragraphs[1].endswith("<br>second line")


def test_call_draft_is_shown_as_talking_points_without_email_headers():
    draft = hostile_draft("call", subject="Points for your call", body="- one\n- two")
    text = "".join(collect(guide.email_block(draft)).text)
    assert "To:" not in text and "Subject:" not in text
    assert "Who: Jo <Admin> <jo@example.com>" in text
    assert "Purpose: Points for your call" in text
    assert "- one" in text and "- two" in text


# ---------------------------------------------------------------- the sample's drafts


def test_example_draft_renders_the_first_draft_of_the_step(sample):
    result = guide.plan_from(api.run, sample)
    first_thank_you = next(d for d in result["drafts"] if d["step"] == "thank-you")

    text = html.unescape("".join(collect(guide.example_draft(result, "thank-you")).text))

    assert first_thank_you["subject"] in text
    assert first_thank_you["to"] in text
    for line in first_thank_you["body"].splitlines():
        assert line in text


@pytest.mark.parametrize("override", [{"tone": "formal"}, {"assessment": "badly"}])
def test_example_draft_overrides_change_the_text(sample, override):
    plain = guide.example_draft(guide.plan_from(api.run, sample), "thank-you")
    changed = guide.example_draft(guide.plan_from(api.run, sample, **override), "thank-you")
    assert changed != plain


@pytest.mark.parametrize("step", [*ANSWER_STEPS, ARRANGER])
def test_example_details_give_the_sample_a_draft_for_every_reply(sample, step):
    details = guide.example_details(sample, step)
    result = guide.plan_from(api.run, sample, **details)
    assert result["advice"] == []  # the details fit the answer: nothing left to add
    block = guide.example_draft(result, step)
    (draft,) = [d for d in result["drafts"] if d["step"] == step]
    text = html.unescape("".join(collect(block).text))
    assert draft["subject"] in text and draft["body"].splitlines()[0] in text
    assert f'data-step="{step}"' in block


def test_example_details_leave_the_plans_own_steps_alone(sample):
    for step in timeline.STEP_IDS:
        assert guide.example_details(sample, step) == {}
    assert guide.example_details(sample, "rejection") == {"status": "rejected"}
    invited = guide.example_details(sample, "next-round")
    assert invited["status"] == "next_round" and invited["next_round_at"]
    assert invited["next_round_on"] > sample["date"]  # days after the interview


def test_timing_constants_leave_out_private_names():
    module = types.SimpleNamespace(PUBLIC_DAYS=3, _PRIVATE_ROW=-1, FLAG=True, name="x")
    assert guide.timing_constants(module) == {"public_days": 3}


@pytest.mark.parametrize("tone", ["warm", "formal"])
def test_sample_next_steps_carry_on_the_drafts_sentence(sample, tone):
    # The guide shows these emails to every reader as the model, and the form's hint asks
    # for words that fit after "the next steps:". So the sample's own note must carry
    # the template's sentence on, not start a new one about the interviewer in the
    # reader's voice ("you mentioned the next steps: They are seeing...").
    result = guide.plan_from(api.run, sample, tone=tone)
    note = sample["next_steps"]
    bodies = [draft["body"] for draft in result["drafts"]]
    assert any(f"next steps: {note}" in body for body in bodies), "no draft uses the note"
    assert note[0].islower()
    assert note.split()[0].lower() not in {"they", "he", "she"}


def test_every_step_has_an_example_draft(sample):
    result = guide.plan_from(api.run, sample)
    for rule in timeline.describe_rules():
        assert f'data-step="{rule["step"]}"' in guide.example_draft(result, rule["step"])


def test_an_unknown_step_fails_the_build(sample):
    with pytest.raises(guide.ExampleError, match="no draft for step 'thankyou'"):
        guide.example_draft(guide.plan_from(api.run, sample), "thankyou")


def test_an_invalid_override_fails_the_build_naming_the_field(sample):
    with pytest.raises(guide.ExampleError, match="date"):
        guide.plan_from(api.run, sample, date="the first of December")


def test_toml_dates_and_times_become_api_strings(tmp_path):
    toml = tmp_path / "interview.toml"
    toml.write_text('company = "A"\ndate = 2026-12-01\nstart_time = 14:30:00\n', "utf-8")
    assert guide.load_example(toml) == {"company": "A", "date": "2026-12-01", "start_time": "14:30"}


# ---------------------------------------------------------------- timing rules


def test_timing_holds_every_int_constant_of_the_timeline_lower_cased():
    timing = guide.timing_constants(timeline)
    assert timing["thank_you_within_hours"] == timeline.THANK_YOU_WITHIN_HOURS
    expected = {
        name.lower()
        for name, value in vars(timeline).items()
        if name.isupper() and type(value) is int
    }
    assert set(timing) == expected


def test_timing_skips_booleans_and_other_names():
    module = types.ModuleType("fake")
    module.HOURS = 3
    module.ENABLED = True
    module.WEEKEND = (5, 6)
    module.lower_case = 4
    assert guide.timing_constants(module) == {"hours": 3}


def test_rules_table_quotes_every_rule_in_order():
    rules = timeline.describe_rules()
    table = guide.rules_table(rules)
    rows = re.findall(r"<tr data-step=\"([^\"]+)\"><td>(.*?)</td><td>(.*?)</td></tr>", table)
    assert [(step, html.unescape(title), html.unescape(rule)) for step, title, rule in rows] == [
        (rule["step"], rule["title"], rule["rule"]) for rule in rules
    ]
    assert str(timeline.THANK_YOU_WITHIN_HOURS) in table


def test_rules_table_escapes_its_text():
    table = guide.rules_table([{"step": "x", "title": "<i>T</i>", "rule": "a < b & *c*"}])
    assert "<i>" not in table
    assert "a &lt; b &amp; &#42;c&#42;" in table


def test_timeline_diagram_is_an_ordered_list_starting_at_the_interview():
    rules = timeline.describe_rules()
    diagram = guide.timeline_diagram(rules)
    assert diagram.startswith('<ol class="timeline"')
    items = re.findall(r"<li class=\"timeline__item[^\"]*\"", diagram)
    assert len(items) == len(rules) + 1
    assert "The interview" in diagram
    for rule in rules:
        assert guide.escape_text(rule["rule"]) in diagram


def test_example_timeline_shows_each_due_date(sample):
    result = guide.plan_from(api.run, sample)
    rendered = guide.example_timeline(result)
    for step in result["steps"]:
        assert f'<time datetime="{step["due"]}">' in rendered
        assert guide.escape_text(step["due_label"]) in rendered


# ---------------------------------------------------------------- checklists


PAGE_WITH_TASKS = to_html(
    "# Page\n\n- [ ] one\n- [x] two\n    - [ ] nested\n\n- plain item\n\n"
    '<input type="checkbox" aria-label="not a task item">\n'
)


def test_count_task_items_counts_task_checkboxes_only():
    assert guide.count_task_items(PAGE_WITH_TASKS) == 3
    assert guide.count_task_items("<p>No tasks</p>") == 0


def test_write_checklist_index_lists_pages_with_items_in_nav_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text(PAGE_WITH_TASKS, "utf-8")
    (tmp_path / "index.html").write_text("<p>home</p>", "utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(to_html("- [ ] only"), "utf-8")

    written = guide.write_checklist_index(tmp_path, [("", "Home"), ("b/", "Bee"), ("a/", "Ay")])

    assert written == tmp_path / guide.CHECKLIST_INDEX_NAME
    assert json.loads(written.read_text("utf-8")) == {
        "version": guide.CHECKLIST_INDEX_VERSION,
        "pages": [
            {"url": "b/", "title": "Bee", "items": 3},
            {"url": "a/", "title": "Ay", "items": 1},
        ],
    }


def test_checklist_overview_points_at_the_index():
    overview = guide.checklist_overview()
    assert f'data-checklist-overview="{guide.CHECKLIST_INDEX_NAME}"' in overview
    assert "\n" not in overview


def test_404_wording_is_rendered_from_markdown():
    rendered = guide.render_markdown_fragment("# Lost\n\n[Home](/)")
    assert "<h1>Lost</h1>" in rendered
    assert '<a href="/">Home</a>' in rendered


# ---------------------------------------------------------------- the board file


class FakeEnv:
    """Just enough of mkdocs-macros' env for define_env: its macros, by name."""

    def __init__(self) -> None:
        self.project_dir = str(ROOT)
        self.variables: dict = {}
        self.conf = {"extra": {}}
        self.macros: dict = {}

    def macro(self, function, name=None):
        self.macros[name or function.__name__] = function
        return function


@pytest.fixture(scope="module")
def macros_env():
    from macros import main

    env = FakeEnv()
    main.define_env(env)
    return env


def test_board_file_fields_lists_every_declared_field_in_a_table():
    from followup import board

    table = guide.board_file_fields(board.file_fields())
    assert table.startswith("<table data-board-fields><caption>") and "\n" not in table
    keys = [html.unescape(key) for key in re.findall(r'<tr data-key="([^"]+)">', table)]
    assert keys == [field["key"] for field in board.file_fields()]
    assert "interviewers[].name" in keys
    date_row = re.search(r'<tr data-key="date">(.*?)</tr>', table)[1]
    assert html.unescape(date_row) == ("<td><code>date</code></td><td>Interview date</td>"
                                       "<td>A date, year-month-day, such as <code>2026-03-14"
                                       "</code></td><td>20 characters</td>")
    assert "<td>4 steps</td>" in table  # the steps you have done


def test_board_file_fields_escape_their_text():
    table = guide.board_file_fields([{"key": "a_b", "label": "<i>L</i>", "holds": "*x*",
                                      "example": "<b>", "max": 1000}])
    assert "<i>" not in table and "<b>" not in table
    assert "a&#95;b" in table and "&#42;x&#42;" in table and "1,000 characters" in table


def test_the_board_macros_render_from_the_core(macros_env):
    from followup import board

    assert macros_env.variables["board_file"]["format"] == board.FILE_FORMAT
    assert macros_env.variables["board_file"]["version"] == board.FILE_VERSION
    assert macros_env.macros["board_file_fields"]() == guide.board_file_fields(
        board.file_fields())
    example = macros_env.macros["board_file_example"]()
    assert example.startswith('<pre class="fu-json" tabindex="0">') and example.endswith("</pre>")
    exported = json.loads(html.unescape(re.sub(r"</?pre[^>]*>", "", example)))
    read = board.read_file(json.dumps(exported))
    assert read["ok"], read
    assert [app["details"]["company"] for app in read["applications"]] == ["Acme Robotics"]
    schema = macros_env.macros["board_file_schema"]()
    assert json.loads(html.unescape(re.sub(r"</?pre[^>]*>", "", schema))) == (
        board.file_schema())


def test_a_broken_example_board_fails_the_build(tmp_path):
    path = tmp_path / "board.toml"
    path.write_text('[[interview]]\ncompany = "A"\ncolour = "red"\n', "utf-8")
    with pytest.raises(guide.ExampleError, match="colour: not a field"):
        guide.load_example_board(path)
