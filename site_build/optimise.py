"""Build-time speed-ups for the Pyodide packages the site ships.

site_build/pyodide_dist.py calls `optimise_packages` on its packages folder right after
`pyodide lockfile add-wheels`; it combines two steps:

- `precompile_wheels`: rewrite each pure-Python wheel so every `.py` is replaced by its
  `.pyc`, compiled *by Pyodide's own Python 3.14* (in_pyodide/bytecode.py, under Node),
  and drop what the browser never runs: the test folders wheels ship, and our own
  command line. Pyodide never writes bytecode, so without this every page load compiles
  icalendar from source (~450 ms of the widget's start-up). The host cannot do it: its
  Python is 3.13 and bytecode is version-specific.
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
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from followup._stdlib_rest import INDEX as STDLIB_REST_INDEX

from .in_node import BUILD_MODULES, PYODIDE_DIR, RUNNER, call_in_pyodide

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / ".cache" / "pyc"

# What the browser never runs, left out of the wheels: the test folders (icalendar ships
# 344 test files) and our own command line. Every first visit saves their bytes.
STRIP_PREFIXES: tuple[str, ...] = (
    "icalendar/tests/", "dateutil/test/", "tests/", "followup/cli.py", "followup/__main__.py",
)
# What the build runs inside Pyodide: any change to it is a new cache entry.
_RECIPE_FILES = (RUNNER, RUNNER.parent / "pyodide_fs.mjs", *sorted(BUILD_MODULES.glob("*.py")))


def _recipe() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in _RECIPE_FILES)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pyodide_version(pyodide_dir: Path = PYODIDE_DIR) -> str:
    """The version of the pinned Pyodide runtime (from its package.json)."""
    return json.loads((pyodide_dir / "package.json").read_text())["version"]


def _cache_key(wheel: Path, pyodide_dir: Path, strip: Sequence[str]) -> str:
    # Bytecode depends on the wheel, the exact Pyodide build and the recipe.
    recipe = "\n".join([pyodide_version(pyodide_dir), _recipe(), *strip])
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
    jobs = [{"src": f"/in/{i}.whl", "dst": f"/out/{i}.whl", "strip": list(strip)}
            for i in range(len(todo))]
    call_in_pyodide(
        "bytecode:rebuild_wheels", jobs,
        what="precompiling wheels",
        inputs=[(src, job["src"]) for (src, _), job in zip(todo, jobs, strict=True)],
        outputs=[(job["dst"], dst) for (_, dst), job in zip(todo, jobs, strict=True)],
        pyodide_dir=pyodide_dir,
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


def precompile_stdlib(
    dst: Path,
    *,
    only: Iterable[str] | None = None,
    pyodide_dir: Path = PYODIDE_DIR,
) -> Path:
    """Write Pyodide's python_stdlib.zip to `dst` with `.pyc` in place of `.py`.

    npm's Pyodide 314 ships its stdlib as source only, so every page load compiles each
    stdlib module it imports (most of the runtime's own start-up, measured in bench/).
    `only`: names inside the zip ("zoneinfo/__init__.py") to compile, which keeps the
    download close to the original size; None compiles all. Same stdlib, same
    behaviour: a sourceless module is found first by zipimport.
    """
    call_in_pyodide(
        "bytecode:precompile_stdlib", "/in/stdlib.zip", "/out/stdlib.zip",
        sorted(only) if only is not None else None,
        what="precompiling the stdlib",
        inputs=[(pyodide_dir / "python_stdlib.zip", "/in/stdlib.zip")],
        outputs=[("/out/stdlib.zip", dst)],
        pyodide_dir=pyodide_dir,
    )
    return dst


# What stdlib_used drafts: a zone with a half-hour offset, a decision date, an interviewer
# with an address and a title (names.py parses it with nameparser), notes as a list, so
# every path of drafting runs.
STDLIB_SAMPLE = {"company": "Acme", "date": "2026-12-01", "start_time": "14:00",
                 "timezone": "Asia/Kolkata", "decision_date": "2026-12-08",
                 "questions": "How big is the team?\n- who sets priorities",
                 "interviewers": [{"name": "Dr Priya Raman", "email": "priya@acme.example"}]}


def stdlib_used(lock_file: Path, *, pyodide_dir: Path = PYODIDE_DIR) -> list[str]:
    """Stdlib files (names inside python_stdlib.zip) that booting and drafting import
    (in_pyodide/stdlib_used.py), with the lock's wheels on sys.path as the worker puts
    them."""
    lock = json.loads(lock_file.read_text(encoding="utf-8"))
    wheels = sorted(lock_file.parent / entry["file_name"] for entry in lock["packages"].values())
    return call_in_pyodide("stdlib_used:stdlib_used", STDLIB_SAMPLE, what="listing the "
                           "stdlib modules in use", wheels=wheels, lock_file=lock_file,
                           pyodide_dir=pyodide_dir)


def _optimised_stdlib(
    lock_file: Path, *, cache_dir: Path, pyodide_dir: Path
) -> tuple[Path, list[str]]:
    """The cached precompiled stdlib zip and the names (inside npm's zip) it compiled."""
    recipe = "\n".join([pyodide_version(pyodide_dir), _recipe(), json.dumps(STDLIB_SAMPLE)])
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
# holds zipimport's index of the first part). The worker's finder for the rest is in
# followup/_browser.py, which names the index.


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


# Dependencies the browser never loads: the page reads the build's holiday tables
# (holiday_tables.py) instead of importing `holidays`, which takes seconds there.
NOT_IN_THE_BROWSER = frozenset({"holidays"})


def minimal_lock(lock: dict, roots: Iterable[str],
                 leave_out: frozenset[str] = NOT_IN_THE_BROWSER) -> dict:
    """A copy of `lock` listing only `roots` and their dependencies (same `info`), but
    not `leave_out`, which no entry then depends on."""
    packages = {name: {**entry, "depends": [d for d in entry.get("depends", [])
                                            if _normalise(d) not in leave_out]}
                for name, entry in lock["packages"].items() if name not in leave_out}
    keep = dependency_closure({**lock, "packages": packages}, roots)
    return {**lock, "packages": {name: packages[name] for name in keep}}


def dump_lock(lock: dict) -> str:
    """The lock as compact, stable JSON (the browser only parses it; nobody reads it)."""
    return json.dumps(lock, sort_keys=True, separators=(",", ":"))


def _normalise(name: str) -> str:
    # Lock keys follow PEP 503 normalisation (python-dateutil, not python_dateutil).
    return name.lower().replace("_", "-").replace(".", "-")
