"""The site's own Pyodide (site_build/pyodide_dist.py): the runtime, the wheels and a lock
that resolves them locally.

Static checks on the built site/pyodide/ folder, the build's own rules, and one real load
under Node: loadPyodide + loadPackage("followup") from the built site with the network
switched off (a missing wheel does not make loadPackage throw: the runner collects
errorCallback messages, and the test checks the packages Pyodide says it loaded).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from site_build import holiday_tables, hooks, optimise, pyodide_dist
from site_build.in_node import run_in_pyodide

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "node_modules" / "pyodide"
OUR_PACKAGES = {"followup", "icalendar", "python-dateutil", "tzdata"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def pyodide_version() -> str:
    return json.loads((RUNTIME / "package.json").read_text())["version"]


@pytest.fixture(scope="module")
def packages_dir(site_dir: Path) -> Path:
    folders = sorted((site_dir / "pyodide").glob("packages-*"))
    assert len(folders) == 1, f"expected one packages-<hash> folder, found {folders}"
    return folders[0]


@pytest.fixture(scope="module")
def lock(packages_dir: Path) -> dict:
    return json.loads((packages_dir / "pyodide-lock.json").read_text())


def test_runtime_is_an_exact_copy_in_a_version_named_folder(site_dir, pyodide_version):
    folder = site_dir / "pyodide" / pyodide_version
    for name in pyodide_dist.RUNTIME_FILES:
        assert (folder / name).is_file(), f"{name} missing from {folder}"
        if name == "python_stdlib.zip":
            continue  # partly precompiled: tests/site/test_optimise.py checks it
        assert _sha256(folder / name) == _sha256(RUNTIME / name), name
    # Only the one version: an old runtime left behind would be dead weight.
    versions = [p.name for p in (site_dir / "pyodide").iterdir() if not p.name.startswith("pack")]
    assert versions == [pyodide_version]


def test_packages_folder_is_named_by_the_hash_of_its_lock(packages_dir):
    # The lock records every wheel's sha256, so its hash names the folder's whole content.
    expected = _sha256(packages_dir / "pyodide-lock.json")[: pyodide_dist.HASH_LENGTH]
    assert packages_dir.name == f"packages-{expected}"


def test_lock_resolves_followup_and_its_dependencies_to_local_files(lock, packages_dir):
    packages = lock["packages"]
    closure, pending = set(), ["followup"]
    while pending:
        name = pending.pop()
        if name not in closure:
            assert name in packages, f"{name} is not in the lock"
            closure.add(name)
            pending += packages[name]["depends"]
    assert closure >= OUR_PACKAGES
    for name in closure:
        entry = packages[name]
        # A bare file name: resolved against the lock's own folder (packageBaseUrl).
        assert "/" not in entry["file_name"] and ":" not in entry["file_name"], entry
        wheel = packages_dir / entry["file_name"]
        assert wheel.is_file(), f"{name}: {wheel.name} is missing"
        assert _sha256(wheel) == entry["sha256"], f"{name}: sha256 differs from the lock"


def test_lock_pins_the_versions_of_requirements_pyodide_txt(lock):
    text = (ROOT / "requirements" / "pyodide.txt").read_text()
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, flags=re.MULTILINE))
    project = (ROOT / "pyproject.toml").read_text()
    # Every runtime dependency of the package is pinned for Pyodide, and so is every
    # dependency of those (six, for python-dateutil). The site's lock holds them all but
    # what the browser never loads (holidays: the page reads the build's tables).
    dependencies = tomllib.loads(project)["project"]["dependencies"]
    direct = {re.match(r"[A-Za-z0-9_.-]+", spec).group(0) for spec in dependencies}
    assert direct <= set(pins)
    assert direct >= optimise.NOT_IN_THE_BROWSER
    in_the_lock = set(lock["packages"]) - {"followup"}
    assert in_the_lock == set(pins) - optimise.NOT_IN_THE_BROWSER
    assert not any(optimise.NOT_IN_THE_BROWSER & set(entry.get("depends", []))
                   for entry in lock["packages"].values())
    for name in in_the_lock:
        assert lock["packages"][name]["version"] == pins[name], name
    version = re.search(r'^version = "([^"]+)"', project, flags=re.MULTILINE).group(1)
    assert lock["packages"]["followup"]["version"] == version


def test_lock_matches_the_runtime(lock):
    stock = json.loads((RUNTIME / "pyodide-lock.json").read_text())
    assert lock["info"] == stock["info"]  # same Python, ABI and platform as the runtime


def test_hook_publishes_the_urls_of_the_built_folders(site_dir, pyodide_version, packages_dir):
    dist = pyodide_dist.prepare(ROOT)  # cached: same inputs, same folders
    assert dist.index_url == f"pyodide/{pyodide_version}/"
    assert dist.lock_url == f"pyodide/{packages_dir.name}/pyodide-lock.json"
    assert (site_dir / dist.index_url / "pyodide.mjs").is_file()
    assert (site_dir / dist.lock_url).is_file()


def test_on_config_publishes_the_start_up_options_for_the_macros():
    config = SimpleNamespace(extra={})  # the one MkDocsConfig attribute the hook uses
    assert hooks.on_config(config) is config
    dist = pyodide_dist.prepare(ROOT)
    assert config.extra["followup_python"] == {
        "index_url": dist.index_url,
        "lock_url": dist.lock_url,
        "snapshot_url": dist.snapshot_url,
        "stdlib_url": dist.stdlib_url,
        "wheel_dir": "/lib/followup-wheels",
        "holidays_url": holiday_tables.prepare(ROOT / ".cache").url,
    }


def test_a_dirty_build_keeps_only_this_builds_python_files(tmp_path):
    # mkdocs build --dirty leaves site/ as it was: files an older build made must not
    # linger (the offline copy would cache them all).
    config = SimpleNamespace(extra={}, site_dir=str(tmp_path))
    hooks.on_config(config)
    dist = pyodide_dist.prepare(ROOT)
    packages = tmp_path / "pyodide" / dist.packages_name
    packages.mkdir(parents=True)
    stale = ["python-0123456789abcdef.snapshot.gz", "python_stdlib-0123456789ab.zip",
             "python_stdlib_rest-0123456789ab.zip"]
    for name in stale:
        (packages / name).write_bytes(b"older")
    (tmp_path / "pyodide" / "packages-0123456789ab").mkdir()
    (tmp_path / "pyodide" / "packages-0123456789ab" / "old.whl").write_bytes(b"older")
    hooks.on_post_build(config)
    kept = sorted(p.name for p in packages.iterdir() if not p.name.endswith((".whl", ".json")))
    assert kept == sorted([dist.snapshot.name, dist.stdlib.name, dist.stdlib_rest.name])
    assert sorted(p.name for p in (tmp_path / "pyodide").iterdir()) == sorted(
        [dist.pyodide_version, dist.packages_name])
    record = json.loads((tmp_path / "build.json").read_text())
    assert record["python"] == hooks.python_options()
    assert record["python"]["holidays_url"].startswith(holiday_tables.FOLDER)


def test_widget_markup_carries_the_start_up_options(site_dir):
    record = json.loads((site_dir / "build.json").read_text())
    pages = [p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")]
    found = {html.unescape(v) for page in pages
             for v in re.findall(r"data-fu-boot=\"([^\"]*)\"", page)}
    assert len(found) == 1
    assert json.loads(found.pop()) == record["python"]
    for key in ("index_url", "lock_url", "stdlib_url", "snapshot_url"):
        assert (site_dir / record["python"][key]).exists(), key


def test_hook_stops_the_build_without_the_npm_runtime(tmp_path):
    with pytest.raises(PluginError, match="make setup"):
        pyodide_dist.pyodide_version(tmp_path / "node_modules" / "pyodide")


def test_requirement_pins_are_read_with_their_hashes(tmp_path):
    requirements = tmp_path / "pyodide.txt"
    requirements.write_text(
        "# comment\nFoo_Bar==1.0 \\\n    --hash=sha256:" + "a" * 64 + " \\\n"
        "    --hash=sha256:" + "b" * 64 + "\nbaz==2  # trailing comment\n"
    )
    assert pyodide_dist.pinned_requirements(requirements) == {
        "foo-bar": {"a" * 64, "b" * 64},
        "baz": set(),
    }


def test_followup_loads_in_pyodide_from_the_built_site(site_dir, pyodide_version, packages_dir):
    report = run_in_pyodide(
        "site_checks:zones_and_calendar", what="loading followup from the site",
        module_dirs=[ROOT / "tests" / "in_pyodide"], load_packages=["followup"],
        lock_file=packages_dir / "pyodide-lock.json",
        pyodide_dir=site_dir / "pyodide" / pyodide_version)
    assert set(report.loaded) >= OUR_PACKAGES
    # Installed from the site's own lock (the default channel), not from anywhere else.
    assert {report.loaded[name] for name in OUR_PACKAGES} == {"default channel"}
    assert report.value["offset"] == 2.0  # CEST: zoneinfo found tzdata's zone files
    assert "DTSTART;TZID=Europe/Paris:20260701T120000" in report.value["ical"]
