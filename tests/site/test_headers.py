"""netlify.toml: build settings and headers; tools.serve sends them as Netlify does."""

from __future__ import annotations

import http.client
import json
import re
import tomllib
from pathlib import Path

import pytest

from tools import csp
from tools.serve import SiteServer, for_regexp, headers_for, load_rules

ROOT = Path(__file__).resolve().parents[2]
NETLIFY_TOML = ROOT / "netlify.toml"
PYODIDE_VERSION = json.loads((ROOT / "node_modules/pyodide/package.json").read_text())["version"]
IMMUTABLE = "public, max-age=31536000, immutable"
# Paths whose name changes whenever their content does: the only ones cached forever.
CONTENT_NAMED = re.compile(
    rf"^/pyodide/{re.escape(PYODIDE_VERSION)}/[^/]+$"
    r"|^/pyodide/packages-[0-9a-f]{12}/[^/]+$"
    r"|^/assets/(javascripts|stylesheets)/(workers/)?[a-z]+\.[0-9a-f]{8}\.min\.(js|css)$"
)


@pytest.fixture(scope="module")
def config() -> dict:
    return tomllib.loads(NETLIFY_TOML.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rules():
    return load_rules(NETLIFY_TOML)


@pytest.fixture(scope="module")
def site_files(site_dir: Path) -> list[str]:
    return sorted(
        "/" + p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()
    )


def _policy(rules, path: str = "/") -> dict[str, list[str]]:
    return csp.csp_directives(headers_for(path, rules)["Content-Security-Policy"])


# ---------------------------------------------------------------- build settings


def test_build_runs_the_one_build_command_and_publishes_site(config):
    assert config["build"]["command"] == "make build"
    assert config["build"]["publish"] == "site"
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^build:.*\n\t.*mkdocs build --strict", makefile, flags=re.MULTILINE)


def test_tool_versions_are_pinned(config):
    environment = config["build"]["environment"]
    assert re.fullmatch(r"3\.1[2-9](\.\d+)?", environment["PYTHON_VERSION"])  # pyodide-build
    engines = json.loads((ROOT / "package.json").read_text())["engines"]["node"]
    minimum = int(re.search(r"\d+", engines).group())
    assert re.fullmatch(r"\d+(\.\d+)*", environment["NODE_VERSION"])
    assert int(environment["NODE_VERSION"].split(".")[0]) >= minimum


# ---------------------------------------------------------------- the policy


def test_csp_is_a_strict_allow_list(rules):
    policy = _policy(rules)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(s.startswith("'sha256-") for s in policy["script-src"][2:]), policy["script-src"]
    assert policy["worker-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["style-src"] == ["'self'"]
    assert policy["font-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    everything = " ".join(" ".join(v) for v in policy.values())
    for loose in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:"):
        assert loose not in everything.split(), loose


def test_every_page_gets_the_policy_and_the_security_headers(rules, site_files):
    pages = [f for f in site_files if f.endswith(".html")]
    expected = headers_for("/", rules)
    for page in pages:
        headers = headers_for(page, rules)
        assert headers["Content-Security-Policy"] == expected["Content-Security-Policy"], page
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "camera=()" in headers["Permissions-Policy"]


def test_every_inline_script_of_the_built_site_is_allowed(rules, site_dir):
    found = csp.site_inline_code(site_dir)
    assert any(code.kind == "script" for code in found), "Material always has inline scripts"
    blocked = csp.blocked(found, headers_for("/", rules)["Content-Security-Policy"])
    assert not blocked, (
        "inline code the CSP blocks (run `python -m tools.csp site --write`):\n"
        + "\n".join(f"{c.page}: {c.hash_source} {c.source[:80]!r}" for c in blocked)
    )


def test_csp_allows_no_inline_script_the_site_does_not_have(rules, site_dir):
    needed = {c.hash_source for c in csp.site_inline_code(site_dir) if c.kind == "script"}
    allowed = set(_policy(rules)["script-src"][2:])
    assert allowed == needed, "stale hashes: run `python -m tools.csp site --write`"


def test_csp_check_reports_a_script_it_does_not_know(tmp_path, site_dir):
    page = tmp_path / "index.html"
    page.write_text("<p>x</p><script>alert(1)</script><script type=application/json>{}</script>")
    found = csp.inline_code(page.read_text(), "index.html")
    assert [c.source for c in found] == ["alert(1)"]  # the JSON block is data, not script
    assert csp.main([str(tmp_path), "--check"]) == 1
    assert csp.main([str(site_dir), "--check"]) == 0


def test_csp_write_updates_only_the_hash_lines(tmp_path, site_dir):
    copy = tmp_path / "netlify.toml"
    original = NETLIFY_TOML.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    first_hash = next(i for i, line in enumerate(lines) if csp.HASH_LINE.match(line))
    lines[first_hash] = "        'sha256-c3RhbGU=' \\\n"
    copy.write_text("".join(lines), encoding="utf-8")
    assert csp.main([str(site_dir), "--check", "--netlify-toml", str(copy)]) == 1
    assert csp.main([str(site_dir), "--write", "--netlify-toml", str(copy)]) == 0
    assert copy.read_text(encoding="utf-8") == original  # comments and all, as committed


# ---------------------------------------------------------------- types and caching


def test_wasm_is_served_as_application_wasm(rules, site_files):
    wasm = [f for f in site_files if f.endswith(".wasm")]
    assert f"/pyodide/{PYODIDE_VERSION}/pyodide.asm.wasm" in wasm
    for path in wasm:
        assert headers_for(path, rules)["Content-Type"] == "application/wasm"


def test_module_scripts_are_served_as_javascript(rules, site_files):
    for path in (f for f in site_files if f.endswith(".mjs")):
        assert headers_for(path, rules)["Content-Type"].startswith("text/javascript")


def test_only_content_named_paths_are_cached_forever(rules, site_files):
    immutable = [f for f in site_files if "immutable" in headers_for(f, rules)["Cache-Control"]]
    wrongly = [f for f in immutable if not CONTENT_NAMED.match(f)]
    assert not wrongly, f"cached forever but not content- or version-named: {wrongly}"
    for path in site_files:
        cache = headers_for(path, rules)["Cache-Control"]
        assert cache in (IMMUTABLE, "public, max-age=0, must-revalidate"), (path, cache)


def test_the_big_files_are_cached_forever(rules, site_files):
    # The immutable rules are not dead: they match the runtime, the wheels and Material.
    must = [
        f"/pyodide/{PYODIDE_VERSION}/pyodide.asm.wasm",
        f"/pyodide/{PYODIDE_VERSION}/python_stdlib.zip",
        f"/pyodide/{PYODIDE_VERSION}/pyodide.mjs",
    ]
    must += [f for f in site_files if f.startswith("/pyodide/packages-")]
    must += [f for f in site_files if re.search(r"/(bundle|search|main|palette)\.\w+\.min\.", f)]
    must = [f for f in must if not f.endswith(".map")]
    assert len(must) >= 10, must
    for path in must:
        assert headers_for(path, rules)["Cache-Control"] == IMMUTABLE, path
    assert headers_for("/", rules)["Cache-Control"] == "public, max-age=0, must-revalidate"


# ---------------------------------------------------------------- Netlify's matching


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("/*", "/", True),
        ("/*", "/steps/waiting/", True),
        ("/*.wasm", "/pyodide/1/pyodide.asm.wasm", True),
        ("/*.wasm", "/pyodide/1/pyodide.asm.wasm.map", False),
        ("/pyodide/packages-*/*", "/pyodide/packages-0123abcd4567/x.whl", True),
        ("/pyodide/packages-*/*", "/pyodide/314.0.7/x.whl", False),
        ("/pyodide/314.0.7/*", "/pyodide/314.0.7", True),  # a standalone * may be empty
        ("/pyodide/314.0.7/*", "/PYODIDE/314.0.7/A.js", True),  # case-insensitive
        ("/about", "/about/", True),  # optional trailing slash
        ("/:page/x", "/a/x", True),
        ("/:page/x", "/a/b/x", False),  # a placeholder stops at "/"
    ],
)
def test_for_patterns_match_as_on_netlify(pattern, path, matches):
    assert bool(for_regexp(pattern).match(path)) is matches


def test_later_rules_replace_earlier_values_of_the_same_header(tmp_path):
    toml = tmp_path / "netlify.toml"
    toml.write_text(
        '[[headers]]\nfor = "/*"\n[headers.values]\nCache-Control = "a"\nX-One = "1"\n'
        '[[headers]]\nfor = "/x/*"\n[headers.values]\ncache-control = """\n  b,\n  c"""\n'
    )
    rules = load_rules(toml)
    assert headers_for("/x/y", rules) == {"X-One": "1", "cache-control": "b, c"}
    assert headers_for("/y", rules) == {"Cache-Control": "a", "X-One": "1"}


# ---------------------------------------------------------------- tools.serve on the wire


@pytest.fixture(scope="module")
def wire(site_dir: Path):
    with SiteServer(site_dir) as server:
        host, port = server.origin.removeprefix("http://").split(":")

        def request(path: str, method: str = "GET") -> http.client.HTTPResponse:
            connection = http.client.HTTPConnection(host, int(port), timeout=30)
            connection.request(method, path)
            response = connection.getresponse()
            response.body = response.read()
            connection.close()
            return response

        request.origin = server.origin
        yield request


def test_server_sends_the_netlify_headers(wire, rules, site_files):
    paths = ["/", f"/pyodide/{PYODIDE_VERSION}/pyodide.asm.wasm"]
    paths += [
        f for f in site_files if re.search(r"bundle\.\w+\.min\.js$|\.mjs$|packages-.*whl$", f)
    ]
    for path in paths:
        response = wire(path, "HEAD")
        assert response.status == 200, path
        for name, value in headers_for(path, rules).items():
            assert response.headers.get_all(name) == [value], (path, name)


def test_server_sends_the_right_types(wire):
    assert wire("/", "HEAD").headers["Content-Type"] == "text/html; charset=utf-8"
    wasm = wire(f"/pyodide/{PYODIDE_VERSION}/pyodide.asm.wasm", "HEAD")
    assert wasm.headers.get_all("Content-Type") == ["application/wasm"]
    lock = wire(f"/pyodide/{PYODIDE_VERSION}/pyodide-lock.json", "HEAD")
    assert lock.headers["Content-Type"] == "application/json"


def test_server_answers_missing_pages_with_404_html(wire, site_dir):
    response = wire("/no/such/page/")
    assert response.status == 404
    assert response.body == (site_dir / "404.html").read_bytes()
    assert "Content-Security-Policy" in response.headers


def test_server_redirects_folders_to_their_slash_and_stays_inside_the_site(wire):
    response = wire("/about", "HEAD")
    assert response.status == 301 and response.headers["Location"] == "/about/"
    assert wire("/../netlify.toml").status == 404
    assert wire("/%2e%2e/netlify.toml").status == 404


def test_server_rewrites_the_sitemap_to_its_own_origin(wire):
    sitemap = wire("/sitemap.xml").body.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(loc.startswith(wire.origin + "/") for loc in locations)
