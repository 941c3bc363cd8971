"""The built site references no other origin, except ordinary <a href> links.

Static, over every built file: HTML attributes that make the browser fetch something
(src, srcset, href on <link>, poster, data, action, ...), url() and @import in CSS
(stylesheets, <style> blocks, style attributes), and URL literals in JavaScript. The
browser tests (tests/browser/) check the same at run time: a request to another origin
fails them.

Vendored JavaScript (Material's bundle, Pyodide's loader) names a few URLs it only uses
in situations this site is not in; each is listed below with the condition, and the test
checks the condition, so a new URL or a change of configuration fails here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Attributes whose URL the browser fetches (or submits to) on its own.
FETCHING_ATTRIBUTES = {"src", "srcset", "href", "poster", "data", "action", "formaction",
                       "xlink:href", "background", "manifest", "ping", "imagesrcset"}  # fmt: skip
# Plain links: the reader chooses to follow them; fetching nothing by themselves.
LINK_TAGS = {"a", "area"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
JS_URL = re.compile(r"""(["'`])((?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^"'`\s]*)\1""")
# XML namespaces are identifiers, not requests (document.createElementNS).
NAMESPACES = ("http://www.w3.org/",)

# Material's bundle: URLs it fetches only when this site does what it does not.
MATERIAL_CONDITIONAL = {
    # Only when a page has a mermaid diagram (checked: none has).
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "mermaid",
    # Only for browsers without ResizeObserver (any browser that runs Pyodide has it).
    "https://unpkg.com/resize-observer-polyfill": "resize-observer",
    # Only with repo_url set (the header's repository facts; checked: not set).
    "https://api.github.com/repos/${e}/${t}": "repository",
    "https://api.github.com/users/${e}": "repository",
}
# Pyodide's loader: the default package CDN, used only under Node for a wheel missing on
# disk; in a browser, wheels come from packageBaseUrl (the lock's folder) only.
PYODIDE_CONDITIONAL = re.compile(r"^https://cdn\.jsdelivr\.net/pyodide/v\$\{\w+\}/full/$")


def is_foreign(url: str, own_origin: str) -> bool:
    """Whether a URL as written in a page points to another origin."""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if parts.scheme in ("", "data", "blob", "mailto", "tel", "javascript"):
        return False  # relative, inline, or not a fetch (javascript: is the CSP's job)
    return f"{parts.scheme}://{parts.netloc}" != own_origin


def _srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


class _UrlCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (where, url)
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name == "style":
                self.urls += [(f"<{tag} style>", u) for u in css_urls(value)]
            elif name in FETCHING_ATTRIBUTES and not (name == "href" and tag in LINK_TAGS):
                urls = _srcset_urls(value) if name.endswith("srcset") else [value]
                self.urls += [(f"<{tag} {name}>", u) for u in urls]
        attributes = dict(attrs)
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            target = re.search(r"url=(.+)", attributes.get("content") or "", re.I)
            if target:
                self.urls.append(("<meta refresh>", target.group(1)))

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += [("<style>", u) for u in css_urls(data)]

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False


def css_urls(css: str) -> list[str]:
    """Every url(...) and @import target in a piece of CSS."""
    return [m.group(2) or m.group(4) for m in CSS_URL.finditer(css)]


def js_urls(js: str) -> list[str]:
    """Absolute URL string literals in JavaScript (namespaces left out)."""
    return [m.group(2) for m in JS_URL.finditer(js) if not m.group(2).startswith(NAMESPACES)]


@pytest.fixture(scope="module")
def own_origin(site_dir: Path) -> str:
    """The site's own origin (site_url), as the sitemap states it."""
    location = re.search(r"<loc>([^<]+)</loc>", (site_dir / "sitemap.xml").read_text())
    parts = urlsplit(location.group(1))
    return f"{parts.scheme}://{parts.netloc}"


def _files(site_dir: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*") if p.suffix in suffixes and p.is_file())


def test_pages_fetch_nothing_from_another_origin(site_dir, own_origin):
    foreign = []
    pages = _files(site_dir, ".html")
    assert pages
    for page in pages:
        collector = _UrlCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        foreign += [
            f"{page.relative_to(site_dir)}: {where} {url}"
            for where, url in collector.urls
            if is_foreign(url, own_origin)
        ]
    assert not foreign, "\n".join(foreign)


def test_stylesheets_fetch_nothing_from_another_origin(site_dir, own_origin):
    sheets = _files(site_dir, ".css")
    assert any("main." in s.name for s in sheets)
    foreign = [
        f"{sheet.relative_to(site_dir)}: {url}"
        for sheet in sheets
        for url in css_urls(sheet.read_text(encoding="utf-8"))
        if is_foreign(url, own_origin)
    ]
    assert not foreign, "\n".join(foreign)


def test_our_scripts_name_no_other_origin(site_dir):
    # Ours: everything outside Material's assets/ and the Pyodide runtime.
    ours = [
        s
        for s in _files(site_dir, ".js", ".mjs")
        if s.relative_to(site_dir).parts[0] not in ("assets", "pyodide")
    ]
    assert ours, "expected the guide's own scripts (docs/javascripts/)"
    found = [f"{s.relative_to(site_dir)}: {u}" for s in ours for u in js_urls(s.read_text())]
    assert not found, "\n".join(found)


def test_material_names_only_urls_it_will_not_use_here(site_dir):
    scripts = _files(site_dir / "assets" / "javascripts", ".js")
    found = {url for s in scripts for url in js_urls(s.read_text(encoding="utf-8"))}
    unexplained = found - set(MATERIAL_CONDITIONAL)
    assert not unexplained, f"new third-party URLs in Material's scripts: {unexplained}"
    pages = "".join(p.read_text(encoding="utf-8") for p in _files(site_dir, ".html"))
    assert 'class="mermaid"' not in pages, "a mermaid diagram makes Material load unpkg.com"
    assert 'data-md-component="source"' not in pages, "repo_url makes Material call GitHub"


def test_pyodide_names_only_its_node_only_cdn(site_dir):
    scripts = _files(site_dir / "pyodide", ".mjs", ".js")
    assert scripts
    found = {url for s in scripts for url in js_urls(s.read_text(encoding="utf-8"))}
    assert all(PYODIDE_CONDITIONAL.match(url) for url in found), found


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<script src="https://cdn.example/x.js"></script>', ["https://cdn.example/x.js"]),
        ('<link rel="stylesheet" href="//fonts.example/css">', ["//fonts.example/css"]),
        ('<img srcset="a.png 1x, https://i.example/b.png 2x">', ["https://i.example/b.png"]),
        ("<div style=\"background: url('https://i.example/c.png')\">", ["https://i.example/c.png"]),
        ("<style>@import 'https://f.example/d.css';</style>", ["https://f.example/d.css"]),
        ('<a href="https://elsewhere.example/">a link</a>', []),
        ('<img src="assets/x.png"><img src="data:image/png;base64,AA==">', []),
    ],
)
def test_the_checker_tells_foreign_from_local(html, expected):
    collector = _UrlCollector()
    collector.feed(html)
    urls = [u for _, u in collector.urls if is_foreign(u, "http://127.0.0.1:8000")]
    assert urls == expected
