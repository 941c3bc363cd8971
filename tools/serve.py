"""Serve the built site on 127.0.0.1 with the production headers from netlify.toml.

    python -m tools.serve site --port 8000

The headers come from netlify.toml's ``[[headers]]`` tables, matched the way Netlify
matches them (its headers-parser: ``*`` and ``:placeholder`` path parts, case-insensitive,
optional trailing slash; every matching rule applies, in file order, and a later rule's
value replaces an earlier one's for the same header). So the Content-Security-Policy the
browser tests run under is the one Netlify sends.

Like Netlify, a folder serves its ``index.html`` (``/x`` redirects to ``/x/``) and a
missing file gets ``404.html`` with status 404.

``sitemap.xml`` is served with the server's own origin in each ``<loc>``, as a deploy at
``site_url`` would have: Material's instant navigation only takes over links it finds in
the sitemap, and the test server runs on a free port, not on site_url's.

For tests: ``with SiteServer(site_dir) as server: server.url("about/")``.
"""

from __future__ import annotations

import argparse
import contextlib
import mimetypes
import re
import sys
import threading
import tomllib
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
NETLIFY_TOML = REPO_ROOT / "netlify.toml"

# What Netlify sends for these (Python's mimetypes table varies by machine).
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".wasm": "application/wasm",
    ".ics": "text/calendar; charset=utf-8",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".gz": "application/gzip",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
}


@dataclass(frozen=True)
class HeaderRule:
    """One ``[[headers]]`` table: a path pattern and the headers it sets."""

    for_path: str
    pattern: re.Pattern[str]
    values: dict[str, str]


def for_regexp(for_path: str) -> re.Pattern[str]:
    """Netlify's ``for`` pattern as a regular expression (headers-parser getForRegExp)."""
    parts = [part.rstrip() for part in for_path.split("/")]
    regex_parts = []
    for part in filter(None, parts):
        if part.startswith(":"):
            regex_parts.append("([^/]+)")
        elif part == "*":
            regex_parts.append("?(.*)")  # the whole part is optional: /a/* matches /a
        elif "*" in part:
            regex_parts.append(part.replace("*", "(.*)"))  # Netlify does not escape these
        else:
            regex_parts.append(re.escape(part))
    return re.compile(f"^/{'/'.join(regex_parts)}/?$", re.IGNORECASE)


def _normalise_value(value: str | list[str]) -> str:
    # As Netlify does: trim, and tidy the space around commas; lists join with ", ".
    if isinstance(value, list):
        return ", ".join(item.strip() for item in value)
    return re.sub(r"\s*,\s*", ", ", value.strip())


def load_rules(netlify_toml: Path = NETLIFY_TOML) -> list[HeaderRule]:
    """The ``[[headers]]`` rules of a netlify.toml, in file order."""
    config = tomllib.loads(netlify_toml.read_text(encoding="utf-8"))
    rules = []
    for table in config.get("headers", []):
        for_path = table["for"].strip()
        values = {key.strip(): _normalise_value(v) for key, v in table.get("values", {}).items()}
        rules.append(HeaderRule(for_path, for_regexp(for_path), values))
    return rules


def headers_for(path: str, rules: list[HeaderRule]) -> dict[str, str]:
    """The custom headers Netlify sends for a request path (later rules win per header)."""
    merged: dict[str, tuple[str, str]] = {}  # lower-case name -> (name as written, value)
    for rule in rules:
        if rule.pattern.match(path):
            for name, value in rule.values.items():
                merged[name.lower()] = (name, value)
    return dict(merged.values())


def content_type(path: Path) -> str:
    """The Content-Type for a file, by its suffix."""
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class _Handler(BaseHTTPRequestHandler):
    server: _SiteHTTPServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def _resolve(self, url_path: str) -> Path | None:
        """The file a URL path names inside the site, or None (never outside it)."""
        root = self.server.site_dir
        candidate = (root / url_path.lstrip("/")).resolve()
        if candidate != root and root not in candidate.parents:
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def _respond(self, send_body: bool) -> None:
        url_path = unquote(urlsplit(self.path).path) or "/"
        file = self._resolve(url_path)
        status = HTTPStatus.OK
        extra: dict[str, str] = {}
        if (
            file is not None
            and file.name == "index.html"
            and not url_path.endswith(("/", "index.html"))
        ):
            # Netlify's pretty URLs: a folder without its slash redirects to it.
            status, file = HTTPStatus.MOVED_PERMANENTLY, None
            extra["Location"] = url_path + "/"
        if file is None and status is HTTPStatus.OK:
            status = HTTPStatus.NOT_FOUND
            not_found = self.server.site_dir / "404.html"
            file = not_found if not_found.is_file() else None

        body = file.read_bytes() if file is not None else b""
        if file is not None and file.name == "sitemap.xml" and file.parent == self.server.site_dir:
            body = self._sitemap_for_this_origin(body)

        headers = {
            "Content-Type": content_type(file) if file else "text/plain; charset=utf-8",
            **extra,
        }
        # netlify.toml's headers replace the defaults of the same name (Content-Type too),
        # never add a second copy: a doubled Content-Type is no valid type at all.
        custom = headers_for(url_path, self.server.rules)
        lowered = {name.lower() for name in custom}
        headers = {k: v for k, v in headers.items() if k.lower() not in lowered} | custom
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            # The browser may let go mid-download (it navigated on): nothing to report.
            with contextlib.suppress(ConnectionError):
                self.wfile.write(body)

    def _sitemap_for_this_origin(self, body: bytes) -> bytes:
        host, port = self.server.server_address[:2]
        origin = f"http://{host}:{port}/"
        return re.sub(rb"<loc>[a-z]+://[^/<]+/", b"<loc>" + origin.encode(), body)


class _SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, site_dir: Path, rules: list[HeaderRule], verbose: bool):
        self.site_dir = site_dir.resolve()
        self.rules = rules
        self.verbose = verbose
        super().__init__(address, _Handler)

    def handle_error(self, request, client_address) -> None:
        # A browser dropping a connection is normal; anything else is worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """The site served in a background thread on 127.0.0.1 (port 0 picks a free one)."""

    def __init__(
        self,
        site_dir: Path,
        port: int = 0,
        netlify_toml: Path = NETLIFY_TOML,
        verbose: bool = False,
    ) -> None:
        self._httpd = _SiteHTTPServer(
            ("127.0.0.1", port), Path(site_dir), load_rules(netlify_toml), verbose
        )
        self._thread: threading.Thread | None = None

    @property
    def origin(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str = "") -> str:
        """Absolute URL of a site-relative path ("", "about/", "/steps/x/")."""
        return f"{self.origin}/{path.lstrip('/')}"

    def start(self) -> SiteServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    """Command line: serve a built site until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, nargs="?", default=REPO_ROOT / "site")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--netlify-toml", type=Path, default=NETLIFY_TOML)
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir} has no index.html: build the site first (make build)")
    try:
        server = SiteServer(args.site_dir, args.port, args.netlify_toml, verbose=True)
    except OSError as error:
        parser.error(f"cannot listen on 127.0.0.1:{args.port} ({error.strerror}); try --port")
    print(f"Serving {args.site_dir} on {server.url()} with the headers from {args.netlify_toml}")
    print("Press Ctrl+C to stop.")
    try:
        server._httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server._httpd.server_close()


if __name__ == "__main__":
    main()
