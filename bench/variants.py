"""Copies of the built site with one speed lever switched off or on, to measure each lever.

    .venv/bin/python -m bench.variants            # builds them under /tmp/bench-variants
    .venv/bin/python -m bench --sw off --site /tmp/bench-variants/<name> --label <name>

Each variant is the built site (hard links, so cheap) with a few files replaced; the
packages folder keeps its name so the pages need no change:

- ``v0-stock-lock``: the lock `pyodide lockfile add-wheels` makes (all 357 stock entries
  plus ours) and the wheels as PyPI ships them: no lever at all;
- ``v1-minimal-lock``: only followup and its dependencies in the lock; plain wheels;
- ``v2-pyc-wheels``: minimal lock, wheels precompiled to .pyc (what the build does);
- ``v3-stdlib-pyc``: plus the stdlib modules a page imports precompiled;
- ``v4-stdlib-pyc-parallel``: and the packages loaded by loadPyodide({packages}), so
  their download overlaps the runtime's start;
- ``v5-stdlib-pyc-prefetch``: the site as built: instead of that, the worker fetches the
  lock and wheels first thing, so they download while the runtime starts.

The worker edits are text replacements of docs/javascripts/followup-worker.mjs's loadPyodide
call: if it changes shape, this says so rather than measuring the wrong thing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros import pyodide_dist, pyodide_optimise  # noqa: E402

WORKER = "javascripts/followup-worker.mjs"
LOAD_CALL = "    lockFileURL: lockFile,\n"
# The worker fetches the lock and wheels first thing (the prefetch lever, as built);
# variants measuring the other levers take the call out again.
PREFETCH_CALL = "bytes || prefetchPackages(lockFile, wheelFiles)"


def clone(site: Path, target: Path) -> Path:
    """A hard-linked copy of the site (replace files with `replace`, never edit in place)."""
    if target.exists():
        shutil.rmtree(target)
    subprocess.run(["cp", "-al", str(site), str(target)], check=True)
    return target


def replace(path: Path, data: bytes | str) -> None:
    """Write a file in a clone without touching the original it is linked to."""
    path.unlink(missing_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def original_stdlib(site: Path) -> Path:
    """Put npm's python_stdlib.zip (source only) back, whatever the build did to it."""
    (runtime,) = site.glob("pyodide/[0-9]*/python_stdlib.zip")
    original = pyodide_optimise.PYODIDE_DIR / "python_stdlib.zip"
    if runtime.read_bytes() != original.read_bytes():
        replace(runtime, original.read_bytes())
    return site


def packages_folder(site: Path) -> Path:
    (folder,) = site.glob("pyodide/packages-*")
    return folder


def plain_packages(work: Path) -> Path:
    """The wheels as PyPI ships them (and ours as built), with add-wheels' full lock."""
    cache = ROOT / ".cache"
    wheels = [pyodide_dist.followup_wheel(ROOT, cache), *pyodide_dist.pinned_wheels(ROOT, cache)]
    folder = work / "plain"
    folder.mkdir()
    for wheel in wheels:
        shutil.copy2(wheel, folder / wheel.name)
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pyodide"),
            "lockfile",
            "add-wheels",
            "--input",
            str(pyodide_optimise.PYODIDE_DIR / "pyodide-lock.json"),
            "--output",
            str(folder / "pyodide-lock.json"),
            "--base-path",
            str(folder),
            *(str(folder / w.name) for w in wheels),
        ],
        check=True,
        capture_output=True,
    )
    return folder


def swap_packages(site: Path, source: Path, lock: dict) -> None:
    folder = packages_folder(site)
    for old in folder.iterdir():
        old.unlink()
    for wheel in source.glob("*.whl"):
        shutil.copy2(wheel, folder / wheel.name)
    replace(folder / "pyodide-lock.json", json.dumps(lock))


def without_prefetch(site: Path) -> Path:
    """The worker as it was before the prefetch lever (the call taken out)."""
    patch_worker(site, PREFETCH_CALL, "bytes")
    return site


def patch_worker(site: Path, old: str, new: str) -> None:
    worker = site / WORKER
    source = worker.read_text(encoding="utf-8")
    if source.count(old) != 1:
        raise SystemExit(f"bench.variants: {WORKER} changed shape ({old.strip()!r} not found once)")
    replace(worker, source.replace(old, new))


def build(site: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain = plain_packages(work)
        full_lock = json.loads((plain / "pyodide-lock.json").read_text())

        v0 = without_prefetch(original_stdlib(clone(site, out / "v0-stock-lock")))
        swap_packages(v0, plain, full_lock)
        made.append(v0)

        v1 = without_prefetch(original_stdlib(clone(site, out / "v1-minimal-lock")))
        swap_packages(v1, plain, pyodide_optimise.minimal_lock(full_lock, ["followup"]))
        made.append(v1)

        # A snapshot (site/ may be rebuilt meanwhile), with the source-only stdlib.
        v2 = without_prefetch(original_stdlib(clone(site, out / "v2-pyc-wheels")))
        made.append(v2)

        v3 = clone(v2, out / "v3-stdlib-pyc")
        (runtime,) = v3.glob("pyodide/[0-9]*/")
        lock = packages_folder(v3) / "pyodide-lock.json"
        pyodide_optimise.optimise_runtime(runtime, lock)  # unlinks before writing
        made.append(v3)
        as_built = clone(site, out / "v5-stdlib-pyc-prefetch")  # everything the build does

        v4 = clone(v3, out / "v4-stdlib-pyc-parallel")
        patch_worker(v4, LOAD_CALL, LOAD_CALL + '    packages: ["followup"],\n')
        made.append(v4)

        made.append(as_built)
    return made


def no_immutable_headers(out: Path) -> Path:
    """netlify.toml with every "cache forever" rule turned into "revalidate every time"."""
    text = (ROOT / "netlify.toml").read_text(encoding="utf-8")
    target = out / "netlify-no-immutable.toml"
    target.write_text(
        text.replace("public, max-age=31536000, immutable", "public, max-age=0, must-revalidate")
    )
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.variants", description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-variants"))
    args = parser.parse_args(argv)
    for path in build(args.site, args.out):
        print(path)
    print(no_immutable_headers(args.out))


if __name__ == "__main__":
    main()
