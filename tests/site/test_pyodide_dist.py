"""The site's own Pyodide: the runtime, the wheels and a lock that resolves them locally.

Static checks on the built site/pyodide/ folder, the hook's own rules, and one real load
under Node: loadPyodide + loadPackage("followup") from the built site with the network
switched off (a missing wheel does not make loadPackage throw, so the test collects
errorCallback messages and checks loadedPackages).
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from macros import pyodide_dist
from mkdocs.exceptions import PluginError

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
            continue  # partly precompiled: tests/site/test_pyodide_optimise.py checks it
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
    assert set(pins) == {"icalendar", "python-dateutil", "tzdata"}
    for name, version in pins.items():
        assert lock["packages"][name]["version"] == version, name
    project = (ROOT / "pyproject.toml").read_text()
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


def test_on_config_publishes_the_urls_for_the_macros():
    config = SimpleNamespace(extra={})  # the one MkDocsConfig attribute the hook uses
    assert pyodide_dist.on_config(config) is config
    dist = pyodide_dist.prepare(ROOT)
    assert config.extra["pyodide"] == {
        "index_url": dist.index_url,
        "lock_url": dist.lock_url,
        "snapshot_url": dist.snapshot_url,
        "snapshot_bytes": dist.snapshot.stat().st_size,
        "stdlib_url": dist.stdlib_url,
    }


def test_a_dirty_build_keeps_one_snapshot_and_one_stdlib_per_packages_folder(tmp_path):
    # mkdocs build --dirty leaves site/ as it was: files an older build made under the
    # same packages folder must not linger (the offline copy would cache them all).
    config = SimpleNamespace(extra={}, site_dir=str(tmp_path))
    pyodide_dist.on_config(config)
    dist = pyodide_dist.prepare(ROOT)
    packages = tmp_path / "pyodide" / dist.packages_name
    packages.mkdir(parents=True)
    stale = ["python-0123456789abcdef.snapshot.gz", "python_stdlib-0123456789ab.zip",
             "python_stdlib_rest-0123456789ab.zip"]
    for name in stale:
        (packages / name).write_bytes(b"older")
    pyodide_dist.on_post_build(config)
    kept = sorted(p.name for p in packages.iterdir() if not p.name.endswith((".whl", ".json")))
    assert kept == sorted([dist.snapshot.name, dist.stdlib.name, dist.stdlib_rest.name])


def test_widget_markup_points_at_the_built_folders(site_dir, pyodide_version, packages_dir):
    # The contract with the widget markup: data-pyodide-* are site-relative URLs.
    pages = [p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")]
    indexes = {v for page in pages for v in re.findall(r'data-pyodide-index="([^"]*)"', page)}
    locks = {v for page in pages for v in re.findall(r'data-pyodide-lock="([^"]*)"', page)}
    assert indexes == {f"pyodide/{pyodide_version}/"}
    assert locks == {f"pyodide/{packages_dir.name}/pyodide-lock.json"}
    stdlibs = {v for page in pages for v in re.findall(r'data-pyodide-stdlib="([^"]*)"', page)}
    (first,) = packages_dir.glob("python_stdlib-*.zip")
    assert stdlibs == {f"pyodide/{packages_dir.name}/{first.name}"}


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


NODE_CHECK = r"""
const [indexPath, lockPath] = process.argv.slice(1);
// No network: Pyodide under Node falls back to its CDN for a wheel it cannot find on
// disk; make that fail loudly instead of quietly downloading.
globalThis.fetch = async (url) => { throw new Error(`network request: ${url}`); };
const { loadPyodide } = await import(indexPath + "pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: indexPath, lockFileURL: lockPath });
const errors = [];
await pyodide.loadPackage("followup", {
  messageCallback: () => {},
  errorCallback: (message) => errors.push(message),
});
const result = pyodide.runPython(`
import json, zoneinfo, datetime
import followup, icalendar, dateutil, tzdata
paris = zoneinfo.ZoneInfo("Europe/Paris")
summer = datetime.datetime(2026, 7, 1, 12, tzinfo=paris)
event = icalendar.Event()
event.add("dtstart", summer)
json.dumps({"offset": summer.utcoffset().total_seconds() / 3600,
            "ical": event.to_ical().decode()})
`);
console.log(JSON.stringify({ errors, loaded: pyodide.loadedPackages, result: JSON.parse(result) }));
"""


def test_followup_loads_in_pyodide_from_the_built_site(site_dir, pyodide_version, packages_dir):
    index = f"{site_dir / 'pyodide' / pyodide_version}/"
    done = subprocess.run(
        ["node", "--input-type=module", "-e", NODE_CHECK, "--", index,
         str(packages_dir / "pyodide-lock.json")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["errors"] == []
    assert set(report["loaded"]) >= OUR_PACKAGES
    # Installed from the site's own lock (the default channel), not from anywhere else.
    assert {report["loaded"][name] for name in OUR_PACKAGES} == {"default channel"}
    assert report["result"]["offset"] == 2.0  # CEST: zoneinfo found tzdata's zone files
    assert "DTSTART;TZID=Europe/Paris:20260701T120000" in report["result"]["ical"]
