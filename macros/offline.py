"""MkDocs hook: write the service worker (site/sw.js) that keeps the site working offline.

Runs after every other ``on_post_build`` (the Pyodide hook copies the runtime and the
wheels into the site there), lists the built files the reader may need offline, and
fills them into ``macros/offline_sw.js``. The list is split in three: ``site`` (pages and
assets, cached when the worker installs), ``python`` (the Pyodide runtime, lock and
wheels, cached only once a page with a widget asks, so guide pages never fetch Python)
and ``snapshot`` (Python's memory snapshot, macros/pyodide_snapshot.py: fetched only
after a widget's Python is ready and the page is idle, for the next visit).
The cache is named after a hash of every listed file's path and bytes, so any change in
any of them is a new cache and old ones are dropped.

Registered in mkdocs.yml ``hooks:``; the page side is docs/javascripts/sw-register.js.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mkdocs.plugins import event_priority

SW_TEMPLATE = Path(__file__).resolve().parent / "offline_sw.js"
SW_NAME = "sw.js"
MANIFEST_PLACEHOLDER = (
    '/*__MANIFEST__*/ { version: "dev", site: [], python: [], snapshot: [], immutable: [] }'
)

# Never offline: the worker itself; source maps and the gzipped sitemap (nobody fetches
# them offline); the benchmark's page; lunr's language packs (the search is English
# only, so Material's search worker never loads them); the stock Pyodide lock and the
# whole standard library (the widgets load their own small lock, and the stdlib in two
# parts, from packages-<hash>/; only the benchmark's bare page loads these).
EXCLUDED = (
    re.compile(r"^sw\.js$"),
    re.compile(r"\.(map|gz)$"),
    re.compile(r"^bench/"),
    re.compile(r"^assets/javascripts/lunr/"),
    re.compile(r"^pyodide/(?!packages-)[^/]+/(pyodide-lock\.json|python_stdlib\.zip)$"),
)
# The Python runtime and packages: cached only where a widget runs.
PYTHON = re.compile(r"^pyodide/")
# Python's memory snapshot for return visits (a .gz, so EXCLUDED would drop it):
# megabytes, fetched in the background once a visit's own Python is ready.
SNAPSHOT = re.compile(r"^pyodide/packages-[^/]+/[^/]+\.snapshot\.gz$")
# Names that change whenever the bytes do, so a cached copy is always right. Material's
# bundles carry an 8-hex-digit hash; the runtime folder is version-named; the packages
# folder is content-hashed. JavaScript regular expressions, matched in the worker too.
IMMUTABLE = (
    r"^pyodide/",
    r"^assets/(javascripts|stylesheets)/.*\.[0-9a-f]{8,}\.min\.(js|css)$",
)


@dataclass(frozen=True)
class Manifest:
    """What the service worker caches, as site-relative URLs, and the cache's version."""

    version: str
    site: tuple[str, ...]
    python: tuple[str, ...]
    snapshot: tuple[str, ...] = ()

    def as_json(self) -> str:
        return json.dumps(
            {
                "version": self.version,
                "site": self.site,
                "python": self.python,
                "snapshot": self.snapshot,
                "immutable": IMMUTABLE,
            },
            indent=1,
        )


def url_for(path: PurePosixPath) -> str:
    """The URL a reader requests for a built file: folders for index pages ("steps/x/")."""
    text = path.as_posix()
    if path.name == "index.html":
        return text[: -len("index.html")] or "./"
    return text


def file_for(url: str) -> str:
    """The built file behind a manifest URL (the inverse of url_for)."""
    if url == "./":
        return "index.html"
    return f"{url}index.html" if url.endswith("/") else url


def build_manifest(site_dir: Path) -> Manifest:
    """List the built site's files for the worker and hash them into a version."""
    site: list[str] = []
    python: list[str] = []
    snapshot: list[str] = []
    digest = hashlib.sha256()
    for file in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = PurePosixPath(file.relative_to(site_dir).as_posix())
        if SNAPSHOT.match(relative.as_posix()):
            # Named by a hash of what it is made from: the name stands for the bytes.
            snapshot.append(relative.as_posix())
            digest.update(relative.as_posix().encode() + b"\0")
            continue
        if any(pattern.search(relative.as_posix()) for pattern in EXCLUDED):
            continue
        url = url_for(relative)
        (python if PYTHON.match(url) else site).append(url)
        digest.update(url.encode() + b"\0" + hashlib.sha256(file.read_bytes()).digest())
    return Manifest(digest.hexdigest()[:16], tuple(site), tuple(python), tuple(snapshot))


def render_service_worker(manifest: Manifest, template: Path = SW_TEMPLATE) -> str:
    """The service worker's source with the manifest filled in."""
    source = template.read_text(encoding="utf-8")
    if MANIFEST_PLACEHOLDER not in source:
        raise ValueError(f"{template} lost its manifest placeholder")
    return source.replace(MANIFEST_PLACEHOLDER, manifest.as_json())


@event_priority(-100)  # after the Pyodide hook has copied the runtime into the site
def on_post_build(config) -> None:
    """Write site/sw.js for the files this build produced."""
    site_dir = Path(config.site_dir)
    manifest = build_manifest(site_dir)
    (site_dir / SW_NAME).write_text(render_service_worker(manifest), encoding="utf-8")
