"""Build-time speed-ups for the Pyodide packages the site ships.

The Pyodide hook (`macros/pyodide_dist.py`) calls `optimise_packages` on its packages
folder right after `pyodide lockfile add-wheels`; it combines two steps:

- `precompile_wheels`: rewrite each pure-Python wheel so every `.py` is replaced by its
  `.pyc`, compiled *by Pyodide's own Python 3.14* (under Node, from node_modules/pyodide),
  and drop the test folders wheels ship. Pyodide never writes bytecode, so without this
  every page load compiles icalendar from source (~450 ms of the widget's start-up).
  The host cannot do it: its Python is 3.13 and bytecode is version-specific.
  The lock's sha256 must be the final file's, so the lock is rewritten afterwards.
- `minimal_lock`: keep only the packages the widget loads (and what they depend on) out
  of the 357-entry stock lock, so the browser fetches and parses a few hundred bytes
  instead of 119 KB.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
CACHE_DIR = ROOT / ".cache" / "pyc"

# Folders inside wheels that the browser never imports; stripping them saves bytes on
# every first visit (icalendar ships 344 test files).
STRIP_PREFIXES: tuple[str, ...] = ("icalendar/tests/", "dateutil/test/", "tests/")

# Runs inside Pyodide, before each recipe below: copy one zip entry, compiled to an
# unchecked-hash .pyc (there is no source next to it to check against) when asked.
_PYC_PY = r"""
import importlib.util, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc


def write_entry(dst, info, data, compile_source):
    name = info.filename
    if compile_source:
        code = compile(data, name, "exec", dont_inherit=True)
        data = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
        name += "c"
    out = zipfile.ZipInfo(name, date_time=info.date_time)
    out.external_attr = info.external_attr
    out.compress_type = zipfile.ZIP_DEFLATED
    dst.writestr(out, data, compresslevel=9)
    return name, data
"""

# Runs inside Pyodide. One function per wheel: rebuild it with .pyc instead of .py and a
# RECORD that matches the new contents.
_REBUILD_PY = _PYC_PY + r"""
import base64, csv, hashlib, io, json


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def rebuild(src_path: str, dst_path: str, strip: list[str]) -> None:
    with zipfile.ZipFile(src_path) as src, zipfile.ZipFile(dst_path, "w") as dst:
        record_name = next(n for n in src.namelist() if n.endswith(".dist-info/RECORD"))
        rows = []
        for info in src.infolist():
            name = info.filename
            if info.is_dir() or name == record_name or name.startswith(tuple(strip)):
                continue
            name, data = write_entry(dst, info, src.read(info), name.endswith(".py"))
            rows.append((name, _digest(data), str(len(data))))
        rows.append((record_name, "", ""))
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        record = zipfile.ZipInfo(record_name, date_time=(2020, 2, 2, 0, 0, 0))
        record.compress_type = zipfile.ZIP_DEFLATED
        dst.writestr(record, buffer.getvalue(), compresslevel=9)


for job in json.loads(ARGS):
    rebuild(job["src"], job["dst"], job["strip"])
"""

# Boots the pinned Pyodide under Node, copies host files in, runs Python code with
# `ARGS` (a JSON string) set, copies files out. Everything arrives in one JSON spec file
# so nothing needs shell quoting.
_NODE_RUNNER = r"""
import fs from "node:fs";
import { pathToFileURL } from "node:url";
const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const { loadPyodide } = await import(pathToFileURL(spec.pyodide_mjs).href);
const py = await loadPyodide();
py.FS.mkdirTree("/in");
py.FS.mkdirTree("/out");
for (const [host, inside] of spec.inputs) py.FS.writeFile(inside, fs.readFileSync(host));
py.globals.set("ARGS", JSON.stringify(spec.args));
py.runPython(spec.code);
for (const [inside, host] of spec.outputs) fs.writeFileSync(host, py.FS.readFile(inside));
"""


def _run_node_job(
    code: str,
    args: object,
    inputs: Sequence[tuple[Path, str]],
    outputs: Sequence[tuple[str, Path]],
    pyodide_dir: Path,
    what: str,
) -> None:
    """Run `code` in the pinned Pyodide under Node, with host files copied in and out."""
    with tempfile.TemporaryDirectory(prefix="in-pyodide-") as tmp:
        script = Path(tmp) / "run.mjs"
        script.write_text(_NODE_RUNNER)
        spec = Path(tmp) / "spec.json"
        spec.write_text(
            json.dumps(
                {
                    "pyodide_mjs": str((pyodide_dir / "pyodide.mjs").resolve()),
                    "code": code,
                    "args": args,
                    "inputs": [[str(host.resolve()), inside] for host, inside in inputs],
                    "outputs": [[inside, str(host.resolve())] for inside, host in outputs],
                }
            )
        )
        done = subprocess.run(
            ["node", str(script), str(spec)], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{what} in Pyodide failed:\n{done.stderr[-4000:]}")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pyodide_version(pyodide_dir: Path = PYODIDE_DIR) -> str:
    """The version of the pinned Pyodide runtime (from its package.json)."""
    return json.loads((pyodide_dir / "package.json").read_text())["version"]


def _cache_key(wheel: Path, pyodide_dir: Path, strip: Sequence[str]) -> str:
    # Bytecode depends on the wheel, the exact Pyodide build and this module's recipe.
    recipe = "\n".join([pyodide_version(pyodide_dir), _REBUILD_PY, _NODE_RUNNER, *strip])
    return _sha256(wheel.read_bytes() + recipe.encode())[:24]


def precompile_wheels(
    wheels: Sequence[Path],
    *,
    cache_dir: Path = CACHE_DIR,
    pyodide_dir: Path = PYODIDE_DIR,
    strip: Sequence[str] = STRIP_PREFIXES,
) -> list[Path]:
    """Precompiled copies of `wheels` (same file names), `.pyc` for Pyodide instead of `.py`.

    The copies live in `cache_dir/<input hash>/`, so a rebuild of the site does not boot
    Node again; each appears there complete or not at all (several builds may share the
    tree). Returns their paths in the order of `wheels`.
    """
    outputs = [cache_dir / _cache_key(w, pyodide_dir, strip) / w.name for w in wheels]
    todo = [(w, out) for w, out in zip(wheels, outputs, strict=True) if not out.is_file()]
    if todo:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".build-") as tmp:
            staged = [(w, Path(tmp) / f"{i}-{w.name}") for i, (w, _) in enumerate(todo)]
            _run_in_pyodide(staged, pyodide_dir, strip)
            for (_, final), (_, built) in zip(todo, staged, strict=True):
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(built, final)
    return outputs


def _run_in_pyodide(
    todo: Sequence[tuple[Path, Path]], pyodide_dir: Path, strip: Sequence[str]
) -> None:
    jobs = [
        {"src": f"/in/{i}.whl", "dst": f"/out/{i}.whl", "strip": list(strip)}
        for i in range(len(todo))
    ]
    _run_node_job(
        _REBUILD_PY,
        jobs,
        inputs=[(src, job["src"]) for (src, _), job in zip(todo, jobs, strict=True)],
        outputs=[(job["dst"], dst) for (_, dst), job in zip(todo, jobs, strict=True)],
        pyodide_dir=pyodide_dir,
        what="precompiling wheels",
    )


def optimise_packages(
    folder: Path,
    roots: Iterable[str],
    *,
    lock_name: str = "pyodide-lock.json",
    cache_dir: Path = CACHE_DIR,
    pyodide_dir: Path = PYODIDE_DIR,
) -> dict:
    """Shrink a packages folder (wheels + the lock `pyodide lockfile add-wheels` wrote) in place.

    The lock keeps only `roots` and their dependencies; every wheel it names is replaced by
    its precompiled copy and its sha256 updated (Pyodide checks it), so the lock describes
    the final files. Run it on the lock add-wheels wrote from the *original* wheels: that
    command finds a wheel's import names from its `.py` files. Returns the new lock.
    """
    lock = minimal_lock(json.loads((folder / lock_name).read_text()), roots)
    entries = list(lock["packages"].values())
    wheels = [folder / entry["file_name"] for entry in entries]
    missing = [wheel.name for wheel in wheels if not wheel.is_file()]
    if missing:
        raise FileNotFoundError(f"the lock names wheels missing from {folder}: {missing}")
    compiled = precompile_wheels(wheels, cache_dir=cache_dir, pyodide_dir=pyodide_dir)
    for entry, wheel, source in zip(entries, wheels, compiled, strict=True):
        shutil.copyfile(source, wheel)
        entry["sha256"] = _sha256(wheel.read_bytes())
    kept = {entry["file_name"] for entry in lock["packages"].values()}
    for stray in folder.glob("*.whl"):
        if stray.name not in kept:
            stray.unlink()
    (folder / lock_name).write_text(dump_lock(lock))
    return lock


# Runs inside Pyodide: the same compilation for the runtime's python_stdlib.zip, which
# npm's Pyodide 314 ships as source only, so every page load compiles each stdlib
# module it imports (most of the runtime's own start-up, measured in bench/). `ARGS`
# limits it to the modules a page really imports (a list of names inside the zip), which
# keeps the download close to the original size; the rest stay source.
_STDLIB_PY = _PYC_PY + r"""
import json

only = set(json.loads(ARGS)) if ARGS != "null" else None
with zipfile.ZipFile("/in/stdlib.zip") as src, zipfile.ZipFile("/out/stdlib.zip", "w") as dst:
    for info in src.infolist():
        name = info.filename
        wanted = name.endswith(".py") and (only is None or name in only)
        write_entry(dst, info, src.read(info), wanted)
"""


def precompile_stdlib(
    dst: Path,
    *,
    only: Iterable[str] | None = None,
    pyodide_dir: Path = PYODIDE_DIR,
) -> Path:
    """Write Pyodide's python_stdlib.zip to `dst` with `.pyc` in place of `.py`.

    `only`: names inside the zip ("zoneinfo/__init__.py") to compile; None compiles all.
    Same stdlib, same behaviour: a sourceless module is found first by zipimport.
    """
    _run_node_job(
        _STDLIB_PY,
        sorted(only) if only is not None else None,
        inputs=[(pyodide_dir / "python_stdlib.zip", "/in/stdlib.zip")],
        outputs=[("/out/stdlib.zip", dst)],
        pyodide_dir=pyodide_dir,
        what="precompiling the stdlib",
    )
    return dst


# Boots Pyodide with the site's lock, puts its wheels on sys.path as the widget's worker
# does (zipimport), drafts as the widget does (the plan, then the calendar file, and an
# invalid interview, so every path imports what it needs) and lists the stdlib files
# that were imported: what precompile_stdlib should compile.
_USED_STDLIB_NODE = r"""
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
const [pyodideMjs, lock, out] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(pyodideMjs).href);
const py = await loadPyodide({ lockFileURL: lock });
py.FS.mkdirTree("/lib/wheels");
const { packages } = JSON.parse(fs.readFileSync(lock, "utf8"));
for (const { file_name: name } of Object.values(packages)) {
  py.FS.writeFile(`/lib/wheels/${name}`, fs.readFileSync(path.join(path.dirname(lock), name)));
}
py.runPython(`
import os, sys
sys.path.extend(sorted(f"/lib/wheels/{name}" for name in os.listdir("/lib/wheels")))
import followup.api
sample = {"company": "Acme", "date": "2026-12-01", "start_time": "14:00",
          "timezone": "Asia/Kolkata", "decision_date": "2026-12-08",
          "interviewers": [{"name": "Priya", "email": "priya@acme.example"}]}
followup.api.run(sample, calendar_file=False)
followup.api.run(sample)
followup.api.run({**sample, "interviewers": [{"email": "not an email"}]}, calendar_file=False)
`);
// Frozen modules (os, site, codecs, importlib's own...) have a __file__ in the zip but
// are run from the binary: their files there are never read, so they do not count.
const files = py.runPython(`
import sys
prefix = "/lib/python314.zip/"
sorted({m.__file__[len(prefix):] for m in list(sys.modules.values())
        if (getattr(m, "__file__", None) or "").startswith(prefix)
        and getattr(m.__spec__, "origin", None) != "frozen"})
`).toJs();
fs.writeFileSync(out, JSON.stringify(files));
"""


def stdlib_used(lock_file: Path, *, pyodide_dir: Path = PYODIDE_DIR) -> list[str]:
    """Stdlib files (names inside python_stdlib.zip) that booting and drafting import
    (frozen modules aside: their files are never read)."""
    with tempfile.TemporaryDirectory(prefix="stdlib-used-") as tmp:
        script = Path(tmp) / "used.mjs"
        script.write_text(_USED_STDLIB_NODE)
        out = Path(tmp) / "used.json"
        done = subprocess.run(
            ["node", str(script), str(pyodide_dir / "pyodide.mjs"), str(lock_file), str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"listing the stdlib modules in use failed:\n{done.stderr[-4000:]}")
        return json.loads(out.read_text())


def _optimised_stdlib(
    lock_file: Path, *, cache_dir: Path, pyodide_dir: Path
) -> tuple[Path, list[str]]:
    """The cached precompiled stdlib zip and the names (inside npm's zip) it compiled."""
    recipe = "\n".join([pyodide_version(pyodide_dir), _STDLIB_PY, _NODE_RUNNER, _USED_STDLIB_NODE])
    key = _sha256(lock_file.read_bytes() + recipe.encode())[:24]
    folder = cache_dir / "stdlib" / key
    cached, used_list = folder / "python_stdlib.zip", folder / "used.json"
    if not (cached.is_file() and used_list.is_file()):
        folder.mkdir(parents=True, exist_ok=True)
        staged = _staged(cached)
        used = stdlib_used(lock_file, pyodide_dir=pyodide_dir)
        precompile_stdlib(staged, only=used, pyodide_dir=pyodide_dir)
        os.replace(staged, cached)
        _put(used_list, json.dumps(used).encode())
    return cached, json.loads(used_list.read_text())


def _staged(target: Path) -> Path:
    """Where to write `target` before moving it into place (see _put)."""
    return target.with_name(f".{os.getpid()}-{target.name}")


def _put(target: Path, data: bytes) -> None:
    """Write a cache file whole or not at all: several builds may share the tree."""
    staged = _staged(target)
    staged.write_bytes(data)
    os.replace(staged, target)


def optimise_runtime(
    runtime_dir: Path,
    lock_file: Path,
    *,
    cache_dir: Path = CACHE_DIR,
    pyodide_dir: Path = PYODIDE_DIR,
) -> Path:
    """Replace `runtime_dir`/python_stdlib.zip with one whose modules in use are .pyc.

    Same stdlib, same behaviour; the modules a widget imports load without compiling.
    Cached by the Pyodide version, the lock (which hashes every wheel) and this recipe.
    A site with an older copy under the same URL still works: it is the same stdlib.
    """
    cached, _ = _optimised_stdlib(lock_file, cache_dir=cache_dir, pyodide_dir=pyodide_dir)
    target = runtime_dir / "python_stdlib.zip"
    target.unlink(missing_ok=True)
    shutil.copyfile(cached, target)
    return target


# The widgets' stdlib comes in two parts. The first holds what booting and drafting
# import (`stdlib_used`, about half the bytes) and is what loadPyodide fetches; the
# rest is fetched by the worker only if Python ever imports one of its modules. The
# first part names the rest and lists its modules in STDLIB_REST_INDEX (JSON:
# {"file": <the rest's file name, beside the first>, "modules": [dotted names]}).
# Both are named by their content: unlike the runtime's folder, a cached copy under
# the same name is always the same bytes, which the memory snapshot relies on (it
# holds zipimport's index of the first part).
STDLIB_REST_INDEX = "_followup_stdlib_rest.json"


@dataclass(frozen=True)
class StdlibParts:
    """The widgets' stdlib: the part loadPyodide fetches, and the rest."""

    first: Path  # python_stdlib-<sha256 prefix>.zip
    rest: Path  # python_stdlib_rest-<sha256 prefix>.zip


def module_name(entry: str) -> str | None:
    """The module a stdlib zip entry holds ("email/mime/text.pyc" -> "email.mime.text")."""
    stem, dot, extension = entry.rpartition(".")
    if not dot or extension not in ("py", "pyc") or not stem:
        return None
    parts = stem.split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) if parts and all(part.isidentifier() for part in parts) else None


def _content_named(data: bytes, stem: str) -> str:
    return f"{stem}-{_sha256(data)[:12]}.zip"


def _zip_of(entries: Sequence[tuple[zipfile.ZipInfo, bytes]], extra: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info, data in entries:
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.external_attr = info.external_attr
            copy.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(copy, data, compresslevel=9)
        for name, data in extra.items():
            extra_info = zipfile.ZipInfo(name, date_time=(2020, 2, 2, 0, 0, 0))
            extra_info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(extra_info, data, compresslevel=9)
    return buffer.getvalue()


def split_stdlib(stdlib: Path, first_entries: Iterable[str], out_dir: Path) -> StdlibParts:
    """Write `stdlib` to `out_dir` as two content-named zips: `first_entries` and the rest.

    `first_entries` are names inside `stdlib`; each must be there. Every other file goes
    to the rest (folder entries are dropped: zipimport does not need them). The first
    also gets STDLIB_REST_INDEX.
    """
    wanted = set(first_entries)
    with zipfile.ZipFile(stdlib) as source:
        infos = [info for info in source.infolist() if not info.is_dir()]
        missing = wanted - {info.filename for info in infos}
        if missing:
            raise KeyError(f"not in {stdlib.name}: {sorted(missing)}")
        first = [(info, source.read(info)) for info in infos if info.filename in wanted]
        rest = [(info, source.read(info)) for info in infos if info.filename not in wanted]
    rest_bytes = _zip_of(rest, {})
    rest_name = _content_named(rest_bytes, "python_stdlib_rest")
    modules = sorted({name for info, _ in rest if (name := module_name(info.filename))})
    index = json.dumps({"file": rest_name, "modules": modules}, separators=(",", ":"))
    first_bytes = _zip_of(first, {STDLIB_REST_INDEX: index.encode()})
    out_dir.mkdir(parents=True, exist_ok=True)
    parts = StdlibParts(out_dir / _content_named(first_bytes, "python_stdlib"), out_dir / rest_name)
    _put(parts.rest, rest_bytes)
    _put(parts.first, first_bytes)
    return parts


def stdlib_parts(
    lock_file: Path, *, cache_dir: Path = CACHE_DIR, pyodide_dir: Path = PYODIDE_DIR
) -> StdlibParts:
    """The widgets' two stdlib zips (split_stdlib of the precompiled stdlib), cached."""
    cached, used = _optimised_stdlib(lock_file, cache_dir=cache_dir, pyodide_dir=pyodide_dir)
    with zipfile.ZipFile(cached) as stdlib:
        names = set(stdlib.namelist())
    # stdlib_used names npm's source files; the precompiled zip holds their .pyc.
    first = {f"{name}c" if f"{name}c" in names else name for name in used}
    # Keyed by this file too: any change to how it splits makes a new pair.
    folder = cached.parent / f"split-{_sha256(Path(__file__).read_bytes())[:12]}"
    record = folder / "parts.json"
    if not record.is_file():
        # The parts are named by their content, so a concurrent build writes the same
        # files; the record, written last, says both are complete.
        parts = split_stdlib(cached, first, folder)
        _put(record, json.dumps({"first": parts.first.name, "rest": parts.rest.name}).encode())
    made = json.loads(record.read_text())
    return StdlibParts(folder / made["first"], folder / made["rest"])


def dependency_closure(lock: dict, roots: Iterable[str]) -> list[str]:
    """Names of `roots` and everything they depend on in `lock`, sorted."""
    packages = lock["packages"]
    seen: set[str] = set()
    pending = [_normalise(name) for name in roots]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        if name not in packages:
            raise KeyError(f"package {name!r} is not in the lock file")
        seen.add(name)
        pending.extend(_normalise(dep) for dep in packages[name]["depends"])
    return sorted(seen)


def minimal_lock(lock: dict, roots: Iterable[str]) -> dict:
    """A copy of `lock` listing only `roots` and their dependencies (same `info`)."""
    keep = dependency_closure(lock, roots)
    return {**lock, "packages": {name: lock["packages"][name] for name in keep}}


def dump_lock(lock: dict) -> str:
    """The lock as compact, stable JSON (the browser only parses it; nobody reads it)."""
    return json.dumps(lock, sort_keys=True, separators=(",", ":"))


def _normalise(name: str) -> str:
    # Lock keys follow PEP 503 normalisation (python-dateutil, not python_dateutil).
    return name.lower().replace("_", "-").replace(".", "-")
