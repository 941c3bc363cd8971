"""Copies of the built site with speed levers switched off, to measure what each one pays.

    .venv/bin/python -m bench.variants            # builds them under /tmp/bench-variants
    .venv/bin/python -m bench.levers --rounds 5   # measures them, interleaved

Each variant is the built site (hard links, so cheap) with a few files replaced; the
packages folder keeps its name so the pages need no change. ``as-built`` is the site
itself; every other variant switches off one lever (``without-*``), and ``no-lever``
switches them all off at once (the starting point):

- ``without-pyc-stdlib``: npm's python_stdlib.zip (source only) instead of the one with
  the modules in use precompiled (the runtime's whole one, and the widgets' two parts);
- ``without-stdlib-split``: the widgets load the runtime's whole stdlib (3.3 MB) instead
  of its first part (1.7 MB, the modules booting and drafting import); the pages also
  lose the snapshot, which is made with the first part (measure cold visits);
- ``without-pyc-wheels``: the wheels as PyPI ships them (and ours as hatchling builds
  it), not precompiled to .pyc;
- ``without-minimal-lock``: the lock `pyodide lockfile add-wheels` makes (all 357 stock
  entries plus ours) instead of only followup and its dependencies;
- ``without-wheels-on-path``: the worker installs the packages with
  ``loadPackage("followup")`` (unpacking every file) instead of importing the wheels
  from their zips;
- ``without-tzpath``: no ``PYTHONTZPATH``, so zoneinfo asks sysconfig for Pyodide's
  default zone folders (loading its whole build configuration);
- ``without-plan-first``: the widget asks for the whole plan, calendar file included
  (so icalendar is imported), before it shows the drafts;
- ``without-early-worker``: the worker starts from document$, as the widgets do, not as
  soon as widget.mjs runs; pages do not preload python-client.mjs;
- ``without-snapshot-overlap`` (return visits; measure with ``--sw on``): the worker
  reads the whole snapshot before Pyodide starts fetching its runtime;
- ``without-sw-async-store``: the service worker stores a network response in its cache
  before handing it to the page (measure with ``--sw on``).

``bound-no-drafting`` is not a lever but a bound: once Python has started, the worker
answers at once with the plan the host's core wrote for the benchmark's sample
interview, without installing the wheels or importing anything. What is left is the
cost of the page itself next to the bare one: no change to drafting can bring the
widget below it.

``with-first-visit-snapshot`` is a lever measured and rejected: when the snapshot is not
in Cache Storage, the worker downloads it (about 7 MB gzipped) on a first visit too. On
127.0.0.1 that is quicker; over a real line the download costs more than it saves,
because Pyodide reads the whole snapshot before it compiles its runtime, so the site
leaves the snapshot to return visits. To see the difference, measure both with the
benchmark itself, over a line:
``python -m bench --site /tmp/bench-variants/with-first-visit-snapshot --sw off --network 100``.

The edits are text replacements in the built pages and scripts: if one no longer finds
its text exactly once, this stops and says so rather than measuring the wrong thing.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from followup._stdlib_rest import INDEX as STDLIB_REST_INDEX
from macros.widget import PYTHON_OPTIONS
from site_build import optimise, pyodide_dist

ROOT = Path(__file__).resolve().parent.parent
WORKER = "javascripts/followup/python-worker.mjs"
WIDGET = "javascripts/followup/widget.mjs"
SERVICE_WORKER = "javascripts/followup/offline-worker.mjs"


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


def patch(site: Path, name: str, old: str, new: str) -> None:
    """Replace `old` (which must occur exactly once) in one of the site's files."""
    file = site / name
    source = file.read_text(encoding="utf-8")
    if source.count(old) != 1:
        raise SystemExit(f"bench.variants: {name} changed shape ({old.strip()!r} not found once)")
    replace(file, source.replace(old, new))


def packages_folder(site: Path) -> Path:
    (folder,) = site.glob("pyodide/packages-*")
    return folder


# ---------------------------------------------------------------- one lever off each


def without_pyc_stdlib(site: Path, _: dict) -> None:
    npm_zip = optimise.PYODIDE_DIR / "python_stdlib.zip"
    (runtime,) = site.glob("pyodide/[0-9]*/python_stdlib.zip")
    replace(runtime, npm_zip.read_bytes())
    # npm's source files split as the build splits: the first part under the name the
    # pages give, naming its own rest beside it.
    (first,) = packages_folder(site).glob("python_stdlib-*.zip")
    with zipfile.ZipFile(first) as part:
        in_first = {
            name.removesuffix("c") if name.endswith(".pyc") else name
            for name in part.namelist()
            if name != STDLIB_REST_INDEX
        }
    with tempfile.TemporaryDirectory() as tmp:
        parts = optimise.split_stdlib(npm_zip, in_first, Path(tmp))
        replace(first, parts.first.read_bytes())
        replace(first.parent / parts.rest.name, parts.rest.read_bytes())


def without_stdlib_split(site: Path, _: dict) -> None:
    boot = re.compile(r'data-fu-boot="([^"]*)"')

    def only_the_runtime(match: re.Match) -> str:
        options = json.loads(html.unescape(match[1]))
        kept = {key: options[key] for key in (*PYTHON_OPTIONS, "wheel_dir")}
        return f'data-fu-boot="{html.escape(json.dumps(kept), quote=True)}"'

    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if boot.search(text):
            replace(page, boot.sub(only_the_runtime, text))


def without_pyc_wheels(site: Path, plain: dict) -> None:
    swap_packages(site, plain["folder"], optimise.minimal_lock(plain["lock"], ["followup"]))


def without_minimal_lock(site: Path, _: dict) -> None:
    folder = packages_folder(site)
    lock_file = folder / "pyodide-lock.json"
    ours = json.loads(lock_file.read_text())["packages"]
    stock = json.loads((optimise.PYODIDE_DIR / "pyodide-lock.json").read_text())
    stock["packages"].update(ours)  # our (precompiled) wheels, with their own hashes
    replace(lock_file, json.dumps(stock))


def without_wheels_on_path(site: Path, _: dict) -> None:
    patch(
        site,
        WORKER,
        "  installWheels(pyodide, await wheels, options.wheelDir);\n",
        "  await wheels;\n"
        '  await pyodide.loadPackage("followup", { messageCallback: () => {} });\n',
    )


def without_tzpath(site: Path, _: dict) -> None:
    patch(site, WORKER, "    env: { PYTHONTZPATH: ZONE_DIR },\n", "")


def without_plan_first(site: Path, _: dict) -> None:
    patch(site, WIDGET, "await this.python.plan(data);", "await this.python.run(data);")


def without_early_worker(site: Path, _: dict) -> None:
    patch(site, WIDGET, "if (firstWidget) pythonFor(bootOptions(firstWidget));", "")
    preload = re.compile(r'\s*<link rel="modulepreload" href="[^"]*python-client\.mjs">')
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if preload.search(text):
            replace(page, preload.sub("", text))


def without_snapshot_overlap(site: Path, _: dict) -> None:
    patch(site, WORKER, "_loadSnapshot: memory }", "_loadSnapshot: await memory }")


def without_sw_async_store(site: Path, _: dict) -> None:
    patch(site, SERVICE_WORKER, "function remember(", "async function remember(")
    patch(
        site,
        SERVICE_WORKER,
        "event.waitUntil(stored.catch(() => {}));",
        "await stored.catch(() => {});",
    )


# ---------------------------------------------------------------- bounds


def bound_no_drafting(site: Path, _: dict) -> None:
    from bench.run import sample_details
    from followup.api import run

    sample = sample_details()
    replies = {kind: run(sample, calendar_file=kind == "run") for kind in ("plan", "run")}
    if not all(reply["ok"] for reply in replies.values()):
        raise SystemExit("bench.variants: the core refused the benchmark's sample interview")
    patch(
        site,
        WORKER,
        "  const pyodide = await loadPyodide(pyodideOptions);\n",
        "  const pyodide = await loadPyodide(pyodideOptions);\n"
        f"  const replies = {json.dumps(replies)};\n"
        '  return { answer: async (_, file) => replies[file ? "run" : "plan"], python: "normal",'
        " fileWheels: async () => {} };\n",
    )


BOUNDS: dict[str, Callable[[Path, dict], None]] = {"bound-no-drafting": bound_no_drafting}


# ---------------------------------------------------------------- rejected levers


def with_first_visit_snapshot(site: Path, _: dict) -> None:
    patch(
        site,
        WORKER,
        "    return cached?.ok ? cached : null;\n",
        "    if (cached?.ok) return cached;\n"
        "    const fetched = await fetch(snapshotURL);\n"
        "    return fetched.ok ? fetched : null;\n",
    )


REJECTED: dict[str, Callable[[Path, dict], None]] = {
    "with-first-visit-snapshot": with_first_visit_snapshot,
}

# In the order "no-lever" applies them all: the wheels before the lock (it names them).
ABLATIONS: dict[str, Callable[[Path, dict], None]] = {
    "without-pyc-stdlib": without_pyc_stdlib,
    "without-stdlib-split": without_stdlib_split,
    "without-pyc-wheels": without_pyc_wheels,
    "without-minimal-lock": without_minimal_lock,
    "without-wheels-on-path": without_wheels_on_path,
    "without-tzpath": without_tzpath,
    "without-plan-first": without_plan_first,
    "without-early-worker": without_early_worker,
    "without-snapshot-overlap": without_snapshot_overlap,
    "without-sw-async-store": without_sw_async_store,
}


def plain_packages(work: Path) -> dict:
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
            str(optimise.PYODIDE_DIR / "pyodide-lock.json"),
            "--output",
            str(folder / "pyodide-lock.json"),
            "--base-path",
            str(folder),
            *(str(folder / w.name) for w in wheels),
        ],
        check=True,
        capture_output=True,
    )
    return {"folder": folder, "lock": json.loads((folder / "pyodide-lock.json").read_text())}


def swap_packages(site: Path, source: Path, lock: dict) -> None:
    """The packages folder's wheels and lock replaced (the snapshot file stays)."""
    folder = packages_folder(site)
    for old in [*folder.glob("*.whl"), folder / "pyodide-lock.json"]:
        old.unlink()
    for wheel in source.glob("*.whl"):
        shutil.copy2(wheel, folder / wheel.name)
    replace(folder / "pyodide-lock.json", json.dumps(lock))


def build(site: Path, out: Path, names: list[str] | None = None) -> list[Path]:
    """Make the variants (all, or those named) under `out`; returns their folders."""
    wanted = names or ["as-built", *ABLATIONS, "no-lever", *BOUNDS, *REJECTED]
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        plain = plain_packages(Path(tmp))
        for name in wanted:
            variant = clone(site, out / name)
            if name == "no-lever":
                for switch_off in ABLATIONS.values():
                    switch_off(variant, plain)
            elif name != "as-built":
                {**ABLATIONS, **BOUNDS, **REJECTED}[name](variant, plain)
            made.append(variant)
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
    parser = argparse.ArgumentParser(
        prog="python -m bench.variants",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-variants"))
    parser.add_argument("names", nargs="*", help="only these variants (default: all)")
    args = parser.parse_args(argv)
    for path in build(args.site, args.out, args.names):
        print(path)
    print(no_immutable_headers(args.out))


if __name__ == "__main__":
    main()
