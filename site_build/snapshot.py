"""Build step: a memory snapshot of Python with the core imported, for return visits.

Booting Pyodide, installing the wheels and importing the core takes seconds; restoring
a snapshot of the wasm heap taken just after all that takes a fraction of it. The heap
must stay within the 30 MiB a restore can hold (pyodide#6254: a larger one fails with
"offset is out of bounds"), so the snapshot holds the drafting imported, not icalendar,
which the calendar file imports when first asked.
site_build/pyodide_dist.py calls `build_snapshot` with the runtime folder and the
packages folder the site serves; the widget's worker restores the result with
`loadPyodide({_loadSnapshot})` when the service worker has it cached, and boots normally
otherwise (see docs/javascripts/followup/python-worker.mjs).

How it is made (node/make_snapshot.mjs, under Node, with the pinned Pyodide):

- the snapshot only loads into the exact Pyodide build that made it ("Snapshot build id
  mismatch"), so it is made from the same runtime files the site serves, and its name
  carries a hash of every input;
- the snapshot holds memory, not files: installed packages would be gone after a restore
  (zoneinfo then fails to find any zone it had not loaded yet). So the wheels are kept
  as bytes inside Python (followup._browser.prepare_snapshot), imported straight from
  the zip files (zipimport), and followup._browser.restore_files writes those files
  back; the worker calls it first thing after the restore, before any time-zone lookup;
- `loadPackage()` is not used: it leaves JS objects in Pyodide's tables that a
  snapshot cannot hold ("Unexpected hiwire entry");
- one warm-up run of the drafting (the sample interview, and an invalid one) imports
  everything drafting needs;
- gzip -9 (about 31 MB to 7.5 MB); the browser inflates it with DecompressionStream, so it
  works whatever compression the host applies.

Making it takes ~10-20 s (boot, warm-up, compress, a restore-and-compare check), so it is
cached under ``.cache/pyodide-snapshot/<key>/``, keyed by everything it is made from.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from followup.cli import interview_from_toml

ROOT = Path(__file__).resolve().parent.parent
NODE_SCRIPT = Path(__file__).resolve().parent / "node" / "make_snapshot.mjs"
RECIPE = (NODE_SCRIPT, NODE_SCRIPT.parent / "pyodide_fs.mjs",
          Path(__file__).resolve().parent / "in_pyodide" / "snapshot_check.py")
CHECK_DIR = Path(__file__).resolve().parent / "in_pyodide"
CACHE_DIR = ROOT / ".cache" / "pyodide-snapshot"
SAMPLE_INTERVIEW = ROOT / "examples" / "interview.toml"
LOCK_NAME = "pyodide-lock.json"
# What the snapshot is made from, in the runtime folder (pyodide.mjs loads the others).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
KEY_LENGTH = 16
# Where the worker keeps the wheels in Pyodide's file system: the snapshot holds these
# paths on sys.path, so the worker's normal start uses the same folder (the start-up
# options name it: pyodide_dist.python_options).
WHEEL_DIR = "/lib/followup-wheels"
LOG = logging.getLogger("mkdocs.hooks.pyodide_snapshot")


@dataclass(frozen=True)
class Snapshot:
    """A made (or cached) snapshot and what it was made from."""

    path: Path  # .cache/pyodide-snapshot/<key>/python-<key>.snapshot.gz
    key: str
    inputs: dict[str, str]  # input name -> sha256, as recorded when it was made
    stats: dict[str, int]  # timings and sizes from the run that made it

    @property
    def name(self) -> str:
        return self.path.name


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def runtime_hashes(runtime_dir: Path) -> dict[str, str]:
    """sha256 of each runtime file a snapshot depends on."""
    return {name: _sha256((runtime_dir / name).read_bytes()) for name in RUNTIME_FILES}


def lock_wheels(packages_dir: Path) -> list[Path]:
    """The wheels the packages folder's lock names (what `loadPackage` would install)."""
    lock = json.loads((packages_dir / LOCK_NAME).read_text(encoding="utf-8"))
    return sorted(packages_dir / entry["file_name"] for entry in lock["packages"].values())


def sample_interview(path: Path = SAMPLE_INTERVIEW) -> dict:
    """The warm-up input: the guide's sample interview, read as the command line reads it
    (a date written without quotes is a date)."""
    return interview_from_toml(path.read_text(encoding="utf-8"))


def snapshot_inputs(runtime_dir: Path, packages_dir: Path, sample: dict) -> dict[str, str]:
    """Everything a snapshot is made from, hashed: its cache key is a hash of these."""
    inputs = {f"runtime/{name}": digest for name, digest in runtime_hashes(runtime_dir).items()}
    inputs[f"packages/{LOCK_NAME}"] = _sha256((packages_dir / LOCK_NAME).read_bytes())
    for wheel in lock_wheels(packages_dir):
        inputs[f"packages/{wheel.name}"] = _sha256(wheel.read_bytes())
    inputs["sample"] = _sha256(json.dumps(sample, sort_keys=True).encode())
    recipe = "\0".join(path.read_text(encoding="utf-8") for path in RECIPE)
    inputs["recipe"] = _sha256(f"{recipe}\0{WHEEL_DIR}".encode())
    return inputs


def snapshot_key(inputs: dict[str, str]) -> str:
    """The cache key and name part of a snapshot made from these inputs."""
    return _sha256(json.dumps(inputs, sort_keys=True).encode())[:KEY_LENGTH]


def build_snapshot(
    runtime_dir: Path,
    packages_dir: Path,
    *,
    sample: dict | None = None,
    cache_dir: Path = CACHE_DIR,
    node: str = "node",
) -> Snapshot:
    """The snapshot for this runtime folder and packages folder, made once per inputs.

    `runtime_dir` must hold the runtime files exactly as the site serves them;
    `packages_dir` the lock and the wheels it names. Raises RuntimeError when making
    or checking the snapshot fails.
    """
    sample = sample_interview() if sample is None else sample
    inputs = snapshot_inputs(runtime_dir, packages_dir, sample)
    key = snapshot_key(inputs)
    folder = cache_dir / key
    target = folder / snapshot_name(key)
    record = folder / "inputs.json"
    if target.is_file() and record.is_file():
        made = json.loads(record.read_text(encoding="utf-8"))
        return Snapshot(target, key, made["inputs"], made["stats"])

    cache_dir.mkdir(parents=True, exist_ok=True)
    # Built aside and renamed into place: several builds may share the tree.
    staging = Path(tempfile.mkdtemp(dir=cache_dir, prefix=".build-"))
    try:
        stats = _make(runtime_dir, packages_dir, sample, staging / target.name, node)
        (staging / record.name).write_text(
            json.dumps({"inputs": inputs, "stats": stats}, indent=1, sort_keys=True),
            encoding="utf-8",
        )
        try:
            os.rename(staging, folder)
        except OSError:
            if not target.is_file():  # not a concurrent build that won the race
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _prune(cache_dir, keep=folder)
    LOG.info(
        "pyodide_snapshot: made %s in %.1f s (%.1f MB raw, %.1f MB gzip -9)",
        target.name,
        stats["total_ms"] / 1000,
        stats["raw_bytes"] / 1e6,
        stats["gzip_bytes"] / 1e6,
    )
    return Snapshot(target, key, inputs, stats)


def _make(runtime_dir: Path, packages_dir: Path, sample: dict, output: Path, node: str) -> dict:
    """Run make_snapshot.mjs; returns its measurements plus the total wall time."""
    spec = {
        "runtime_dir": str(runtime_dir.resolve()),
        "lock_file": str((packages_dir / LOCK_NAME).resolve()),
        "wheels": [str(wheel.resolve()) for wheel in lock_wheels(packages_dir)],
        "wheel_dir": WHEEL_DIR,
        "sample": sample,
        "check_dir": str(CHECK_DIR),
        "output": str(output.resolve()),
    }
    spec_file = output.parent / "spec.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [node, str(NODE_SCRIPT), str(spec_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    spec_file.unlink()
    if done.returncode != 0 or not output.is_file():
        raise RuntimeError(
            f"making the Python snapshot failed ({node} {NODE_SCRIPT.name}):\n"
            f"{done.stdout[-2000:]}{done.stderr[-4000:]}"
        )
    stats = json.loads(done.stdout.strip().splitlines()[-1])
    stats["total_ms"] = round((time.monotonic() - started) * 1000)
    return stats


def _prune(cache_dir: Path, keep: Path, max_age_seconds: float = 3600) -> None:
    """Drop snapshots of older inputs (31 MB each, raw), once an hour old: a build
    running in parallel may still be about to copy a recent one."""
    cutoff = time.time() - max_age_seconds
    for entry in cache_dir.iterdir():
        if entry != keep and entry.is_dir() and entry.stat().st_mtime < cutoff:
            shutil.rmtree(entry, ignore_errors=True)


def snapshot_name(key: str) -> str:
    """The published file name of the snapshot with this key."""
    return f"python-{key}.snapshot.gz"
