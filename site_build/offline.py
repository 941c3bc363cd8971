"""The service worker that keeps the site working offline (site/sw.js).

Run after every other step of the build (site_build/hooks.py): it lists the built files
the reader may need offline and writes sw.js, which imports the service worker's module
(docs/javascripts/followup/offline-worker.mjs) and hands it that list. The list is split
in three: ``site`` (pages and assets, cached when the worker installs), ``python`` (the
files the tool pages' Python loads, cached only once a page with a widget asks, so guide
pages never fetch Python) and ``snapshot`` (Python's memory snapshot, site_build/
snapshot.py: fetched only after a widget's Python is ready and the page is idle, for the
next visit). Which files are Python's comes from the build (pyodide_dist.Dist), not from
a pattern. The cache is named after a hash of every listed file's path and bytes, so any
change in any of them is a new cache and old ones are dropped.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SW_NAME = "sw.js"
SW_MODULE = "javascripts/followup/offline-worker.mjs"

# Never offline: the worker itself and build.json (the build's record, written after it);
# source maps and the gzipped sitemap (nobody fetches
# them offline); the benchmark's page; lunr's language packs (the search is English
# only, so Material's search worker never loads them); and any Python file the tool
# pages do not load (only the benchmark's bare page loads the runtime's whole standard
# library and its stock lock).
EXCLUDED = (
    re.compile(r"^(sw\.js|build\.json)$"),
    re.compile(r"\.(map|gz)$"),
    re.compile(r"^bench/"),
    re.compile(r"^assets/javascripts/lunr/"),
)
PYODIDE_FOLDER = "pyodide/"
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

    def as_dict(self) -> dict:
        return {"version": self.version, "site": self.site, "python": self.python,
                "snapshot": self.snapshot, "immutable": IMMUTABLE}


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


def build_manifest(site_dir: Path, python: Collection[str] = (),
                   snapshot: Collection[str] = ()) -> Manifest:
    """List the built site's files for the worker and hash them into a version.

    `python`: the site-relative files the tool pages' Python loads; `snapshot`: Python's
    memory snapshot. Nothing else under pyodide/ is cached.
    """
    site: list[str] = []
    python_files: list[str] = []
    digest = hashlib.sha256()
    for name in sorted(snapshot):
        # Named by a hash of what it is made from: the name stands for the bytes.
        digest.update(name.encode() + b"\0")
    for file in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = file.relative_to(site_dir).as_posix()
        if relative in snapshot or any(pattern.search(relative) for pattern in EXCLUDED):
            continue
        if relative.startswith(PYODIDE_FOLDER):
            if relative not in python:
                continue
            python_files.append(relative)
        else:
            site.append(url_for(PurePosixPath(relative)))
        digest.update(url_for(PurePosixPath(relative)).encode() + b"\0"
                      + hashlib.sha256(file.read_bytes()).digest())
    return Manifest(digest.hexdigest()[:16], tuple(site), tuple(python_files),
                    tuple(sorted(snapshot)))


def render_service_worker(manifest: Manifest) -> str:
    """sw.js: the service worker's module, started with this build's manifest."""
    return (
        "// Written by site_build/offline.py for this build: do not edit.\n"
        f'import {{ serve }} from "./{SW_MODULE}";\n'
        f"serve({json.dumps(manifest.as_dict(), indent=1)});\n"
    )


def write_service_worker(site_dir: Path, python: Collection[str],
                         snapshot: Collection[str]) -> Manifest:
    """Write site/sw.js for the files this build produced; returns its manifest."""
    manifest = build_manifest(site_dir, python, snapshot)
    (site_dir / SW_NAME).write_text(render_service_worker(manifest), encoding="utf-8")
    return manifest
