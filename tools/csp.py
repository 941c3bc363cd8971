"""The inline scripts of the built site against the Content-Security-Policy in netlify.toml.

    python -m tools.csp site --check   # fail, listing every inline script the CSP blocks
    python -m tools.csp site --write   # put the site's hashes into netlify.toml

The policy allows scripts from the site itself and, for Material's few small inline
scripts, exactly those scripts by their sha256 hashes (never 'unsafe-inline'). A theme
upgrade or a new page layout changes them; ``--check`` (run by the tests) says so, and
``--write`` rewrites the hash lines of netlify.toml's script-src in place, leaving the
rest of the file, comments included, as it was.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
import tomllib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NETLIFY_TOML = REPO_ROOT / "netlify.toml"

# <script type> values a browser executes; anything else (application/json, ...) is data.
EXECUTABLE_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/ecmascript",
}

URL_ATTRIBUTES = {"href", "src", "action", "formaction"}

# The hash lines inside the Content-Security-Policy value, one per line, e.g.
#     'sha256-abc...=' \
HASH_LINE = re.compile(r"^(?P<indent>[ \t]*)'sha256-[A-Za-z0-9+/=]+'[ \t]*\\[ \t]*$")
SCRIPT_SRC_LINE = re.compile(r"^[ \t]*script-src\b.*\\[ \t]*$")


@dataclass(frozen=True)
class InlineCode:
    """Inline code found in a page: a <script> body, or a handler no hash can allow."""

    page: str
    kind: str  # "script", or "attribute" (onclick=..., javascript: URLs)
    source: str

    @property
    def hash_source(self) -> str:
        """The CSP source expression that allows this script."""
        digest = hashlib.sha256(self.source.encode("utf-8")).digest()
        return f"'sha256-{base64.b64encode(digest).decode()}'"


class _InlineScriptParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            handler = name.startswith("on")
            js_url = name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                "javascript:"
            )
            if handler or js_url:
                self.found.append(("attribute", f"{tag} {name}={value!r}"))
        if tag == "script":
            script_type = (attributes.get("type") or "").strip().lower()
            executable = script_type in EXECUTABLE_TYPES and "src" not in attributes
            self._script = [] if executable else None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.found.append(("script", "".join(self._script)))
            self._script = None


def inline_code(html: str, page: str = "") -> list[InlineCode]:
    """Every executable inline script (and inline handler) in one HTML document."""
    parser = _InlineScriptParser()
    parser.feed(html)
    parser.close()
    return [InlineCode(page, kind, source) for kind, source in parser.found]


def site_inline_code(site_dir: Path) -> list[InlineCode]:
    """Inline code of every HTML page of a built site."""
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        relative = page.relative_to(site_dir).as_posix()
        found += inline_code(page.read_text(encoding="utf-8"), relative)
    return found


def csp_directives(policy: str) -> dict[str, list[str]]:
    """A policy string as {directive: [source, ...]}."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens:
            directives.setdefault(tokens[0].lower(), tokens[1:])
    return directives


def site_policy(netlify_toml: Path = NETLIFY_TOML, path: str = "/index.html") -> str:
    """The Content-Security-Policy netlify.toml sends for a page."""
    from tools.serve import headers_for, load_rules

    headers = {k.lower(): v for k, v in headers_for(path, load_rules(netlify_toml)).items()}
    if "content-security-policy" not in headers:
        raise SystemExit(f"{netlify_toml} sends no Content-Security-Policy for {path}")
    return headers["content-security-policy"]


def blocked(found: list[InlineCode], policy: str) -> list[InlineCode]:
    """The inline code this policy does not let run."""
    script_src = csp_directives(policy).get("script-src")
    if script_src is None:
        script_src = csp_directives(policy).get("default-src", [])
    allowed = set(script_src)
    return [code for code in found if code.kind != "script" or code.hash_source not in allowed]


def write_hashes(netlify_toml: Path, hashes: list[str]) -> str:
    """netlify.toml's text with the script-src hash lines replaced by ``hashes``."""
    lines = netlify_toml.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if SCRIPT_SRC_LINE.match(line)]
    if len(starts) != 1:
        raise SystemExit(
            f"{netlify_toml}: expected one `script-src ... \\` line inside the "
            f"Content-Security-Policy, found {len(starts)}"
        )
    first = starts[0] + 1
    end = first
    while end < len(lines) and HASH_LINE.match(lines[end]):
        end += 1
    indent = HASH_LINE.match(lines[first]).group("indent") if end > first else "        "
    new = [f"{indent}{h} \\\n" for h in hashes]
    return "".join(lines[:first] + new + lines[end:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, nargs="?", default=REPO_ROOT / "site")
    parser.add_argument("--netlify-toml", type=Path, default=NETLIFY_TOML)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--check", action="store_true", help="fail on any blocked inline script")
    action.add_argument("--write", action="store_true", help="update the hashes in netlify.toml")
    args = parser.parse_args(argv)

    found = site_inline_code(args.site_dir)
    if not found:
        print(f"{args.site_dir}: no HTML pages with inline scripts found", file=sys.stderr)
    if args.write:
        handlers = [code for code in found if code.kind != "script"]
        for code in handlers:
            print(f"{code.page}: inline {code.source} cannot be allowed by a hash; remove it")
        hashes = sorted({code.hash_source for code in found if code.kind == "script"})
        text = write_hashes(args.netlify_toml, hashes)
        tomllib.loads(text)  # never write a file Netlify could not read
        args.netlify_toml.write_text(text, encoding="utf-8")
        print(f"{args.netlify_toml}: script-src allows {len(hashes)} inline script hashes")
        return 1 if handlers else 0

    bad = blocked(found, site_policy(args.netlify_toml))
    for code in bad:
        what = code.hash_source if code.kind == "script" else "(an inline handler)"
        print(f"{code.page}: blocked inline {code.kind} {what}: {code.source[:120]!r}")
    if bad:
        print(f"{len(bad)} inline scripts are blocked; run `python -m tools.csp site --write`")
        return 1
    print(f"all {len(found)} inline scripts in {args.site_dir} are allowed by the CSP")
    return 0


if __name__ == "__main__":
    sys.exit(main())
