"""The Python memory snapshot the build makes for return visits (site_build/snapshot.py).

The built site must carry one snapshot, made from the very runtime and wheels it serves
(a snapshot only loads into the Pyodide build that made it), and restoring it under Node
must draft exactly what a normal start (loadPackage) drafts, in time zones the warm-up
never touched. The browser side is tests/browser/test_snapshot.py.
"""

from __future__ import annotations

import gzip
import json
import re
import struct
from pathlib import Path

import pytest

from site_build import pyodide_dist
from site_build import snapshot as pyodide_snapshot
from site_build.in_node import call_in_pyodide
from site_build.snapshot import build_snapshot, snapshot_inputs, snapshot_key, snapshot_name

ROOT = Path(__file__).resolve().parents[2]
# Pyodide 314's snapshot header: a magic number, then (at byte 16) the build id as eight
# 32-bit words; pyodide.mjs carries the build id it accepts (read from pyodide.asm.mjs).
SNAPSHOT_MAGIC = 1886286592
BUILD_ID = re.compile(r'BUILD_ID:"([0-9a-f]{64})"')


@pytest.fixture(scope="module")
def packages_dir(site_dir: Path) -> Path:
    folders = sorted((site_dir / "pyodide").glob("packages-*"))
    assert len(folders) == 1, folders
    return folders[0]


@pytest.fixture(scope="module")
def runtime_dir(site_dir: Path, packages_dir: Path, tmp_path_factory) -> Path:
    """The runtime as the widgets load it: the site's runtime folder, with the first part
    of the stdlib (packages-*/python_stdlib-*.zip) in place of the whole one."""
    folders = [p for p in (site_dir / "pyodide").iterdir() if p.is_dir() and p.name[0].isdigit()]
    assert len(folders) == 1, folders
    (first,) = packages_dir.glob("python_stdlib-*.zip")
    runtime = tmp_path_factory.mktemp("widget-runtime")
    for name, source in pyodide_dist.widget_runtime(folders[0], first).items():
        (runtime / name).symlink_to(source)
    return runtime


@pytest.fixture(scope="module")
def snapshot_file(site_dir: Path) -> Path:
    record = json.loads((site_dir / "build.json").read_text(encoding="utf-8"))
    return site_dir / record["python"]["snapshot_url"]


def test_the_snapshot_is_made_from_the_files_the_site_serves(
    runtime_dir: Path, packages_dir: Path, snapshot_file: Path
) -> None:
    sample = pyodide_snapshot.sample_interview()
    key = snapshot_key(snapshot_inputs(runtime_dir, packages_dir, sample))
    assert snapshot_file.name == snapshot_name(key)
    # The only snapshot the site serves.
    assert list(packages_dir.glob("*.snapshot.gz")) == [snapshot_file]


def test_its_header_names_this_pyodide_build(runtime_dir: Path, snapshot_file: Path) -> None:
    compressed = snapshot_file.read_bytes()
    raw = gzip.decompress(compressed)
    assert len(compressed) < len(raw) / 2  # gzip -9: about 31 MB to 8 MB
    magic, *_ = struct.unpack_from("<I", raw, 0)
    assert magic == SNAPSHOT_MAGIC
    words = struct.unpack_from("<8I", raw, 16)
    build_id = "".join(f"{word:08x}" for word in words)
    accepted = BUILD_ID.search((runtime_dir / "pyodide.mjs").read_text(encoding="utf-8"))
    assert accepted, "pyodide.mjs no longer names its BUILD_ID"
    assert build_id == accepted.group(1)


def test_a_second_build_reuses_it_without_running_node(
    runtime_dir: Path, packages_dir: Path, snapshot_file: Path
) -> None:
    # Same inputs as the site's build, so the cache answers; a Node run would fail.
    again = build_snapshot(runtime_dir, packages_dir, node="false")
    assert again.name == snapshot_file.name
    assert again.path.read_bytes() == snapshot_file.read_bytes()
    assert again.stats["gzip_bytes"] == snapshot_file.stat().st_size


def test_every_input_is_part_of_the_key(runtime_dir: Path, packages_dir: Path) -> None:
    sample = pyodide_snapshot.sample_interview()
    inputs = snapshot_inputs(runtime_dir, packages_dir, sample)
    lock = json.loads((packages_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    wheels = {f"packages/{entry['file_name']}" for entry in lock["packages"].values()}
    runtime = {f"runtime/{name}" for name in pyodide_snapshot.RUNTIME_FILES}
    assert set(inputs) == runtime | wheels | {"packages/pyodide-lock.json", "sample", "recipe"}
    other_sample = snapshot_inputs(runtime_dir, packages_dir, {**sample, "company": "Other"})
    assert snapshot_key(other_sample) != snapshot_key(inputs)


def test_a_failed_run_stops_the_build_with_its_output(
    runtime_dir: Path, packages_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(RuntimeError, match="making the Python snapshot failed"):
        build_snapshot(runtime_dir, packages_dir, cache_dir=tmp_path, node="false")
    assert not any(tmp_path.rglob("*.snapshot.gz")), "a failed run left a snapshot behind"


# Under Node, from the built site: (1) a normal start (the whole stdlib),
# loadPackage("followup"), drafts; (2) the snapshot restored with the widgets' first part
# of the stdlib, as the worker does, the files written back, the same drafts; (3) the
# snapshot restored WITHOUT writing the files back: a zone the warm-up never loaded is
# unknown, which is why the worker restores the files first.
CHECK = "snapshot_check:drafts_in_new_zones"  # site_build/in_pyodide/snapshot_check.py
SITE_CHECKS = Path(__file__).resolve().parents[1] / "in_pyodide"


def test_restored_it_drafts_exactly_what_a_normal_start_drafts(
    site_dir: Path, packages_dir: Path, snapshot_file: Path
) -> None:
    (site_runtime,) = (site_dir / "pyodide").glob("[0-9]*")
    (first,) = packages_dir.glob("python_stdlib-*.zip")
    lock = packages_dir / "pyodide-lock.json"
    common = {"lock_file": lock, "pyodide_dir": site_runtime}
    normal = call_in_pyodide(CHECK, what="a normal start", load_packages=["followup"], **common)
    restored = call_in_pyodide(CHECK, what="a restore", snapshot=snapshot_file, stdlib=first,
                               before=["followup._browser:restore_files"], **common)
    unseen = call_in_pyodide("site_checks:drafts_in_a_zone_the_snapshot_never_loaded",
                             what="a restore without the files", snapshot=snapshot_file,
                             stdlib=first, module_dirs=[SITE_CHECKS], **common)
    drafts = json.loads(normal)
    assert [d["ok"] for d in drafts] == [True] * 4
    assert "TZID:Asia/Kolkata" in drafts[0]["result"]["ics"]  # a half-hour offset
    assert restored == normal
    # Without the files written back, a zone never loaded before the snapshot is unknown.
    assert unseen is False
