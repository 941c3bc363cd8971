"""The service worker the build writes (site_build/offline.py): what it caches, its version."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from site_build.offline import SW_MODULE, build_manifest, file_for, render_service_worker, url_for

MANIFEST_JSON = re.compile(r"^serve\((\{.*?\n\})\);$", re.S | re.M)


def manifest_in(sw_source: str) -> dict:
    """The manifest object written into a service worker's source."""
    match = MANIFEST_JSON.search(sw_source)
    assert match, "sw.js does not call serve({...})"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def build(site_dir: Path) -> dict:
    return json.loads((site_dir / "build.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def service_worker(site_dir: Path) -> str:
    sw = site_dir / "sw.js"
    assert sw.is_file(), "the build wrote no sw.js at the site root (site_build/hooks.py)"
    return sw.read_text(encoding="utf-8")


def test_every_cached_url_is_a_built_file(site_dir: Path, service_worker: str) -> None:
    manifest = manifest_in(service_worker)
    urls = manifest["site"] + manifest["python"]
    assert len(urls) == len(set(urls))
    missing = [url for url in urls if not (site_dir / file_for(url)).is_file()]
    assert missing == []


def test_every_page_is_cached_with_the_url_readers_use(
    site_dir: Path, service_worker: str, site_pages: list[str]
) -> None:
    cached = set(manifest_in(service_worker)["site"])
    # site_pages gives "" for the home page; the worker caches it as "./".
    wanted = {page or "./" for page in site_pages if not page.startswith("bench/")}
    assert wanted - cached == set()
    assert "sw.js" not in cached


def test_python_is_listed_apart_and_is_what_the_widget_loads(
    site_dir: Path, service_worker: str, build: dict
) -> None:
    manifest = manifest_in(service_worker)
    python = manifest["python"]
    assert not [url for url in manifest["site"] if url.startswith("pyodide/")]
    runtime = {url.rsplit("/", 1)[1] for url in python if "/packages-" not in url}
    # The runtime's whole stdlib is the bare page's: the widgets load it in two parts.
    assert runtime == {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"}
    stdlib = {url.rsplit("/", 1)[1] for url in python if "/python_stdlib" in url}
    assert {name.split("-")[0] for name in stdlib} == {"python_stdlib", "python_stdlib_rest"}
    (lock_url,) = [url for url in python if url.endswith("/pyodide-lock.json")]
    assert "/packages-" in lock_url  # the widgets' small lock, not the stock one
    lock = json.loads((site_dir / lock_url).read_text())
    folder = lock_url.rsplit("/", 1)[0]
    wheels = {f"{folder}/{entry['file_name']}" for entry in lock["packages"].values()}
    assert wheels <= set(python)
    assert sorted(python) == sorted(build["python_files"])


def test_version_is_the_hash_of_what_is_cached(
    site_dir: Path, service_worker: str, build: dict
) -> None:
    """The version written into sw.js is that of the site as built (nothing changed after)."""
    manifest = manifest_in(service_worker)
    rebuilt = build_manifest(site_dir, build["python_files"], manifest["snapshot"])
    assert manifest["version"] == rebuilt.version == build["offline"]["version"]


def test_the_worker_imports_its_module_and_caches_the_snapshot_apart(
    site_dir: Path, service_worker: str, build: dict
) -> None:
    assert f'import {{ serve }} from "./{SW_MODULE}";' in service_worker
    assert (site_dir / SW_MODULE).is_file()
    manifest = manifest_in(service_worker)
    assert manifest["snapshot"] == [build["python"]["snapshot_url"]]
    assert (site_dir / build["python"]["snapshot_url"]).is_file()
    assert build["python"]["snapshot_url"] not in manifest["python"] + manifest["site"]


def test_service_worker_is_valid_javascript(site_dir: Path, tmp_path: Path) -> None:
    # node --check reads .js as a classic script: check it as the module it is.
    module = tmp_path / "sw.mjs"
    shutil.copy(site_dir / "sw.js", module)
    done = subprocess.run(["node", "--check", str(module)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr


def _small_site(root: Path) -> Path:
    files = {
        "index.html": "<h1>Home</h1>",
        "steps/waiting/index.html": "<h1>Waiting</h1>",
        "404.html": "<h1>Not found</h1>",
        "assets/javascripts/bundle.0123abcd.min.js": "/* material */",
        "javascripts/widget.js": "// widget",
        "pyodide/314.0.7/pyodide.asm.wasm": "wasm",
        "pyodide/314.0.7/pyodide-lock.json": "{}",
        "pyodide/314.0.7/python_stdlib.zip": "zip",
        "pyodide/packages-abc/pyodide-lock.json": "{}",
        "pyodide/packages-abc/python_stdlib-0123456789ab.zip": "zip",
        "pyodide/packages-abc/demo-1.0-py3-none-any.whl": "wheel",
        "assets/javascripts/bundle.0123abcd.min.js.map": "{}",
        "sitemap.xml.gz": "gz",
        "bench/index.html": "<h1>Bench</h1>",
        "sw.js": "// an older worker",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


PYTHON = ("pyodide/314.0.7/pyodide.asm.wasm", "pyodide/packages-abc/pyodide-lock.json",
          "pyodide/packages-abc/python_stdlib-0123456789ab.zip",
          "pyodide/packages-abc/demo-1.0-py3-none-any.whl")


def test_manifest_splits_and_excludes(tmp_path: Path) -> None:
    manifest = build_manifest(_small_site(tmp_path), PYTHON)
    assert manifest.site == (
        "404.html",
        "assets/javascripts/bundle.0123abcd.min.js",
        "./",
        "javascripts/widget.js",
        "steps/waiting/",
    )
    assert manifest.python == (
        "pyodide/314.0.7/pyodide.asm.wasm",
        "pyodide/packages-abc/demo-1.0-py3-none-any.whl",
        "pyodide/packages-abc/pyodide-lock.json",
        "pyodide/packages-abc/python_stdlib-0123456789ab.zip",
    )


def test_any_change_to_a_cached_file_is_a_new_version(tmp_path: Path) -> None:
    site = _small_site(tmp_path / "site")
    before = build_manifest(site, PYTHON).version
    (site / "steps/waiting/index.html").write_text("<h1>Waiting, reworded</h1>")
    edited = build_manifest(site, PYTHON).version
    (site / "pyodide/packages-abc/demo-1.0-py3-none-any.whl").write_text("a new wheel")
    new_wheel = build_manifest(site, PYTHON).version
    shutil.move(site / "steps/waiting", site / "steps/later")
    renamed = build_manifest(site, PYTHON).version
    new_snapshot = build_manifest(site, PYTHON, ["pyodide/packages-abc/python-1.snapshot.gz"])
    assert len({before, edited, new_wheel, renamed, new_snapshot.version}) == 5


def test_files_the_worker_skips_do_not_change_the_version(tmp_path: Path) -> None:
    site = _small_site(tmp_path / "site")
    before = build_manifest(site, PYTHON).version
    (site / "sw.js").write_text("// the worker itself, rewritten on every build")
    (site / "sitemap.xml.gz").write_text("regenerated")
    (site / "pyodide/314.0.7/python_stdlib.zip").write_text("the bare page's, rebuilt")
    assert build_manifest(site, PYTHON).version == before


def test_urls_and_files_round_trip() -> None:
    from pathlib import PurePosixPath

    for name in ["index.html", "about/index.html", "404.html", "pyodide/314.0.7/pyodide.mjs"]:
        assert file_for(url_for(PurePosixPath(name))) == name


def test_rendered_worker_carries_the_manifest(tmp_path: Path) -> None:
    manifest = build_manifest(_small_site(tmp_path), PYTHON)
    source = render_service_worker(manifest)
    assert manifest_in(source) == json.loads(json.dumps(manifest.as_dict()))
