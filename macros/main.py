"""Macros for the guide. This module only registers them; the core computes, guide.py renders.

Available in every page (mkdocs-macros, `include_dir: snippets`):
- `timing`: every UPPER_CASE int constant of followup.timeline, lower-cased
  (e.g. `{{ timing.thank_you_within_hours }}`), and `drafting` likewise for
  followup.emails (`{{ drafting.thank_you_max_words }}`); the core's phrasing of them:
  `count(n, noun)`, `working_days(n)`, `clock(hour)`, `duration(minutes)`;
- `rules_table()`, `timeline_diagram()`: the timing rules from the core;
- `example_draft(step, **overrides)`, `example_timeline()`: the sample interview
  (examples/interview.toml) run through followup.api.run at build time; a reply to an
  answer ("rejection", "more-time", ...) or the thanks to whoever arranged it
  ("thank-arranger") gets the details it needs (guide.example_details);
- `checklist_overview()`: the home page's progress panel (filled by checklist.js);
- `board_file`: the board file's format name, version and limits (followup.board);
  `board_file_fields()`: what an application's details hold, field by field;
  `board_file_example()`: the sample board (examples/board.toml) exported, its first
  application; `board_file_schema()`: the file's JSON Schema.
"""

from pathlib import Path

from followup import api, board, emails, timeline
from macros import guide, widget


def define_env(env):
    """Register the guide's variables and macros with mkdocs-macros."""
    sample = guide.load_example(Path(env.project_dir) / "examples" / "interview.toml")
    env.variables["timing"] = guide.timing_constants(timeline)
    env.variables["drafting"] = guide.timing_constants(emails)
    env.variables["board_file"] = {
        "format": board.FILE_FORMAT, "version": board.FILE_VERSION,
        "max_applications": board.MAX_APPLICATIONS, "max_edit_chars": board.MAX_EDIT_CHARS}
    # The core's own wording for those numbers, so prose and rules table agree:
    # {{ working_days(timing.call_after_working_days) }} -> "three working days".
    for phrase in (timeline.count, timeline.working_days, timeline.clock, timeline.duration):
        env.macro(phrase)
    # The 404 page is a theme template (overrides/404.html), outside Markdown.
    not_found = Path(env.project_dir) / "snippets" / "404-text.md"
    env.conf["extra"]["not_found_html"] = guide.render_markdown_fragment(
        not_found.read_text("utf-8")
    )

    env.macro(widget.widget_macro(env), "followup_widget")  # the live form (macros/widget.py)
    env.macro(widget.board_macro(env), "followup_board")  # every application, on one page

    @env.macro
    def rules_table():
        """The timing rules, quoted from the core's constants."""
        return guide.rules_table(timeline.describe_rules())

    @env.macro
    def timeline_diagram():
        """The home page's drawn timeline of the whole follow-up."""
        return guide.timeline_diagram(timeline.describe_rules())

    @env.macro
    def example_draft(step, **overrides):
        """The sample interview's first draft for `step`, e.g. example_draft("call") or
        example_draft("rejection", tone="formal")."""
        details = {**guide.example_details(sample, step), **overrides}
        return guide.example_draft(guide.plan_from(api.run, sample, **details), step)

    @env.macro
    def example_timeline(**overrides):
        """The sample interview's steps with their due dates."""
        return guide.example_timeline(guide.plan_from(api.run, sample, **overrides))

    @env.macro
    def checklist_overview():
        """Overall checklist progress for the home page."""
        return guide.checklist_overview()

    @env.macro
    def board_file_fields():
        """The board file's details, field by field, from the declarations."""
        return guide.board_file_fields(board.file_fields())

    @env.macro
    def board_file_example():
        """The sample board's first application, exported as the site exports it."""
        first = guide.load_example_board(Path(env.project_dir) / "examples" / "board.toml")[0]
        first = {**first, "edits": {}, "updated": "2026-12-08T17:45:00+00:00"}
        return guide.json_block(board.export([first], "2026-12-08T18:00:00+00:00"))

    @env.macro
    def board_file_schema():
        """The board file's JSON Schema, generated from the declarations."""
        return guide.json_block(board.file_schema())


def on_post_build(env):
    """Write checklists.json: every nav page with task items, counted in the built HTML."""
    pages = [(page.url, page.title) for page in env.variables["navigation"].pages]
    guide.write_checklist_index(Path(env.conf["site_dir"]), pages)
