"""The built site: a strict build, links and anchors, titles, descriptions, quoted numbers.

Builds its own copy (`mkdocs build --strict -d <tmp>`) with a known site_url, so these
checks never read a stale site/ and absolute links to the site can be recognised.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from followup import api, emails, timeline
from followup.fields import by_path
from macros import guide

ROOT = Path(__file__).resolve().parents[2]
SITE_NAME = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)[1]
SITE_URL = "https://guide.test/"  # the build's site_url in this module (via SITE_URL)
STEP_PAGES = 8  # one page per step of the follow-up and one for their answer, each
#                ending in a checklist


@dataclass
class ParsedPage:
    """What the checks need from one built HTML page."""

    ids: set[str] = field(default_factory=set)
    references: list[tuple[str, str]] = field(default_factory=list)  # (tag, url)
    title: str = ""
    description: str | None = None
    rules_rows: list[tuple[str, str, str]] = field(default_factory=list)
    timeline_steps: list[tuple[str, str]] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._in_title = False
        self._row: list[str] | None = None  # cells of a rules-table row being read
        self._row_step = ""
        self._cell: list[str] | None = None
        self._timeline_item: str | None = None
        self._timeline_when: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key) and (key == "id" or tag == "a"):
                self.page.ids.add(attributes[key])
        for key in ("href", "src"):
            if attributes.get(key) is not None and tag in ("a", "link", "script", "img"):
                self.page.references.append((tag, attributes[key]))
        if tag == "title":
            self._in_title = True
        if tag == "meta" and attributes.get("name") == "description":
            self.page.description = attributes.get("content") or ""
        if tag == "tr" and attributes.get("data-step") and self._row is None:
            self._row, self._row_step = [], attributes["data-step"]
        if tag == "td" and self._row is not None:
            self._cell = []
        classes = (attributes.get("class") or "").split()
        if tag == "li" and "timeline__item" in classes:
            self._timeline_item = attributes.get("data-step", "start")
        if tag == "span" and "timeline__when" in classes and self._timeline_item:
            self._timeline_when = []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "td" and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.page.rules_rows.append((self._row_step, *self._row))
            self._row = None
        if tag == "span" and self._timeline_when is not None and self._timeline_item:
            self.page.timeline_steps.append((self._timeline_item, "".join(self._timeline_when)))
            self._timeline_when = None
        if tag == "li":
            self._timeline_item = None

    def handle_data(self, data):
        if self._in_title:
            self.page.title += data
        if self._cell is not None:
            self._cell.append(data)
        if self._timeline_when is not None:
            self._timeline_when.append(data)


def parse(path: Path) -> ParsedPage:
    parser = _PageParser()
    parser.feed(path.read_text("utf-8"))
    return parser.page


@dataclass(frozen=True)
class Build:
    site: Path
    pages: dict[str, ParsedPage]  # URL path ("/steps/waiting/", "/404.html") -> page

    def html(self, url_path: str) -> str:
        return file_for(self.site, url_path).read_text("utf-8")


def file_for(site: Path, url_path: str) -> Path:
    """The file a URL path on the site names (folders serve their index.html)."""
    target = site / unquote(url_path).lstrip("/")
    return target / "index.html" if url_path.endswith("/") or target.is_dir() else target


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Build:
    """`mkdocs build --strict` into a temporary folder; a failed build fails the tests."""
    site = tmp_path_factory.mktemp("site")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    environment.pop("URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}{done.stderr}"
    pages = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith("pyodide/"):
            continue
        url_path = "/" + relative.removesuffix("index.html")
        pages[url_path] = parse(path)
    return Build(site, pages)


def test_strict_build_makes_every_page(build):
    assert "/" in build.pages
    assert "/404.html" in build.pages
    assert len([p for p in build.pages if p.startswith("/steps/")]) == STEP_PAGES
    assert {"/about/", "/tools/emails/", "/tools/calendar/"} <= set(build.pages)


def test_every_internal_link_and_anchor_resolves(build):
    broken = []
    for url_path, page in build.pages.items():
        base = urljoin(SITE_URL, url_path.lstrip("/"))
        for tag, reference in page.references:
            if reference.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            target = urljoin(base, reference)
            if not target.startswith(SITE_URL):
                continue  # another site: ordinary links out are allowed (tested elsewhere)
            parts = urlsplit(target)
            file = file_for(build.site, parts.path)
            if not file.is_file():
                broken.append(f"{url_path}: <{tag}> {reference} -> missing {parts.path}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and file.suffix == ".html":
                target_page = build.pages.get(parts.path) or parse(file)
                if fragment not in target_page.ids:
                    broken.append(f"{url_path}: {reference} -> no #{fragment} in {parts.path}")
    assert not broken, "\n".join(broken)


def test_every_page_has_a_title_and_its_own_description(build):
    titles, descriptions = {}, {}
    for url_path, page in build.pages.items():
        title = page.title.strip()
        assert title, f"{url_path} has no <title>"
        assert page.description, f"{url_path} has no meta description"
        assert title == SITE_NAME or title.endswith(f" - {SITE_NAME}"), f"{url_path}: {title!r}"
        titles.setdefault(title, []).append(url_path)
        if url_path != "/404.html":  # the 404 page uses the site's description
            descriptions.setdefault(page.description, []).append(url_path)
    assert all(len(paths) == 1 for paths in titles.values()), titles
    assert all(len(paths) == 1 for paths in descriptions.values()), descriptions


def test_the_404_page_says_so_and_links_home(build):
    not_found = build.html("/404.html")
    page = build.pages["/404.html"]
    assert "Page not found" in page.title
    assert "isn&#x27;t here" in not_found or "isn't here" in not_found
    assert ("a", "/") in page.references


# ---------------------------------------------------------------- the numbers the guide quotes


def _pages_with_rules_table(build):
    return {url: page.rules_rows for url, page in build.pages.items() if page.rules_rows}


def test_the_rules_table_shows_the_cores_rules(build):
    tables = _pages_with_rules_table(build)
    assert tables, "no page shows the rules table"
    expected = [(r["step"], r["title"], r["rule"]) for r in timeline.describe_rules()]
    for url_path, rows in tables.items():
        assert rows == expected, url_path


def test_the_rules_table_numbers_equal_the_constants(build):
    rows = {step: rule for step, _, rule in next(iter(_pages_with_rules_table(build).values()))}
    count = timeline.count
    assert f"Within {timeline.THANK_YOU_WITHIN_HOURS} hours" in rows["thank-you"]
    assert count(timeline.AFTER_DECISION_DATE_WORKING_DAYS, "working day") in rows["follow-up-1"]
    assert count(timeline.FOLLOW_UP_AFTER_WORKING_DAYS, "working day") in rows["follow-up-1"]
    assert count(timeline.SECOND_FOLLOW_UP_AFTER_WORKING_DAYS, "working day") in rows["follow-up-2"]
    assert count(timeline.CALL_AFTER_WORKING_DAYS, "working day") in rows["call"]


def test_the_home_timeline_shows_the_cores_rules(build):
    shown = dict(build.pages["/"].timeline_steps)
    assert "start" in shown
    for rule in timeline.describe_rules():
        assert shown[rule["step"]] == rule["rule"]


def test_the_thank_you_deadline_in_the_prose_is_the_constant(build):
    text = html.unescape(re.sub(r"<[^>]+>", "", build.html("/steps/thank-you-email/")))
    assert f"{timeline.THANK_YOU_WITHIN_HOURS} hours of the interview" in text


JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def timing_phrases() -> dict[str, str]:
    """How each timing constant's value would read if typed into a page -> the constant."""
    phrases = {}
    for name, value in guide.timing_constants(emails).items():
        phrases[f"{value} words"] = f"drafting.{name}"
    for name, value in guide.timing_constants(timeline).items():
        if name.endswith("_hours"):
            forms = [f"{value} hour", timeline.count(value, "hour")]
        elif name.endswith("_working_days"):
            forms = [f"{value} working day", timeline.count(value, "working day")]
        elif name.endswith("_hour"):
            twelve_hour = f"{value}am" if value < 12 else f"{value - 12 or 12}pm"
            forms = [f"{value:02d}:00", f"{value}:00", twelve_hour]
        elif "minutes" in name:
            forms = [f"{value} minute", timeline.count(value, "minute")]
        else:
            continue
        phrases.update({form.lower(): f"timing.{name}" for form in forms})
    return phrases


def test_no_page_retypes_a_timing_number():
    phrases = timing_phrases()
    assert "24 hour" in phrases  # the thank-you deadline, as the advice gives it
    sources = [*ROOT.glob("docs/**/*.md"), *ROOT.glob("snippets/*.md")]
    assert len(sources) > STEP_PAGES
    retyped = []
    for source in sources:
        text = " ".join(JINJA.sub("", source.read_text("utf-8")).lower().split())
        retyped += [
            f"{source.relative_to(ROOT)}: {phrase!r} is {name}"
            for phrase, name in phrases.items()
            if re.search(rf"(?<![\w:]){re.escape(phrase)}(?![\w:])", text)
            or re.search(rf"(?<![\w:]){re.escape(phrase)}s\b", text)
        ]
    assert not retyped, "quote these with {{ <name> }}:\n" + "\n".join(retyped)


# ---------------------------------------------------------------- macros in the built pages


def test_block_macros_sit_at_the_top_level_of_their_page(build):
    # Python-Markdown wraps indented raw HTML in <p>: a block macro placed inside a tab or
    # an admonition would come out as <p><ol ...> and render broken.
    misplaced = [
        f"{url}: {m.group(0)}"
        for url in build.pages
        for m in re.finditer(r"<p>\s*<(ol|div|table)\b[^>]*>", build.html(url))
    ]
    assert not misplaced, "\n".join(misplaced)


def test_example_emails_are_rendered_at_build_time(build):
    page = build.html("/steps/what-to-write/")
    assert page.count('class="email-example"') >= 2
    assert "Subject:" in page


def test_checklist_index_counts_every_step_page(build):
    index = json.loads((build.site / guide.CHECKLIST_INDEX_NAME).read_text("utf-8"))
    assert index["version"] == guide.CHECKLIST_INDEX_VERSION
    urls = [entry["url"] for entry in index["pages"]]
    assert len([url for url in urls if url.startswith("steps/")]) == STEP_PAGES
    for entry in index["pages"]:
        items = build.html("/" + entry["url"]).count('class="task-list-item"')
        assert entry["items"] == items > 0, entry
        assert build.pages["/" + entry["url"]].title.startswith(entry["title"])


# ---------------------------------------------------------------- the guide and the tools agree


def page_text(build, url: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", build.html(url))).split())


def test_the_guides_length_for_a_thank_you_is_the_drafts_budget(build):
    text = page_text(build, "/steps/what-to-write/")
    assert (f"{emails.THANK_YOU_MIN_WORDS} to {emails.THANK_YOU_MAX_WORDS} words" in text)
    assert emails.WORD_BUDGETS["thank-you"] == emails.THANK_YOU_MAX_WORDS
    follow_up = page_text(build, "/steps/second-email/")
    assert f"around {emails.FOLLOW_UP_MAX_WORDS} words at most" in follow_up
    assert emails.WORD_BUDGETS["follow-up-1"] == emails.FOLLOW_UP_MAX_WORDS


def test_the_guide_says_to_reply_in_the_thread_and_the_follow_ups_do(build):
    text = page_text(build, "/steps/second-email/")
    assert "as a reply to the thank-you you sent them" in text and "one thread" in text
    result = api.run(guide.load_example(ROOT / "examples" / "interview.toml"))["result"]
    thank_you = next(d for d in result["drafts"] if d["step"] == "thank-you")
    for draft in (d for d in result["drafts"] if d["step"].startswith("follow-up")):
        assert draft["subject"] == f"Re: {thank_you['subject']}"
        assert "reply to your thank-you" in draft["how_to_send"]


def test_the_answer_page_shows_the_replies_the_tool_drafts_and_names_its_fields(build):
    page = build.html("/steps/after-the-answer/")
    for step in ("thank-arranger", "next-round", "rejection", "offer", "more-time"):
        assert f'data-step="{step}"' in page, step
    text = page_text(build, "/steps/after-the-answer/")
    for key in ("status", "arranged_by", "round"):  # as the form labels them
        assert f" {by_path(key).label} " in text, key
    assert f"within {timeline.THANK_YOU_WITHIN_HOURS} hours" in text
    assert emails.ANSWER_DRAFTS["offer"] == ("offer", "more-time")


def test_the_guide_says_to_give_the_better_answer_and_the_thank_you_does(build):
    text = page_text(build, "/steps/what-to-write/")
    assert "one to give the answer you meant to give" in text
    sample = guide.load_example(ROOT / "examples" / "interview.toml")
    better = "I built the forecast the depots use today, and cut its error by a third."
    result = api.run({**sample, "assessment": "badly", "clarify": "my forecasting answer",
                      "clarify_add": better})["result"]
    first = next(d for d in result["drafts"] if d["step"] == "thank-you")
    clarifying = [s for s in re.split(r"(?<=[.?!])\s+", first["body"]) if "forecast" in s]
    assert len(clarifying) == 1 and better[:-1] in clarifying[0]  # one sentence, said
