"""Call a Python function of ours inside the pinned Pyodide, under Node.

Some build steps must run in Pyodide's own Python (3.14): bytecode is version-specific,
and the memory snapshot and the list of modules drafting imports come from the very
runtime the site serves. `call_in_pyodide` boots a Pyodide runtime with
node/run_in_pyodide.mjs, copies our modules in, calls one function and returns what it
returned (JSON). The functions are ordinary modules in site_build/in_pyodide/ (or a
test's own folder), never code inside strings. Nothing may use the network.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
RUNNER = Path(__file__).resolve().parent / "node" / "run_in_pyodide.mjs"
BUILD_MODULES = Path(__file__).resolve().parent / "in_pyodide"


class PyodideCallFailed(RuntimeError):
    """The call failed inside Pyodide (its traceback is in the message)."""


@dataclass(frozen=True)
class PyodideRun:
    """What a call returned, and the packages Pyodide says it loaded (name -> channel)."""

    value: Any
    loaded: dict[str, str]
    output: str  # what Python printed


def run_in_pyodide(
    call: str,
    *args: Any,
    what: str,
    module_dirs: Sequence[Path] = (BUILD_MODULES,),
    wheels: Sequence[Path] = (),
    unpack: Sequence[Path] = (),
    load_packages: Sequence[str] = (),
    trees: Sequence[tuple[Path, str]] = (),
    inputs: Sequence[tuple[Path, str]] = (),
    outputs: Sequence[tuple[str, Path]] = (),
    before: Sequence[str] = (),
    cwd: str | None = None,
    lock_file: Path | None = None,
    stdlib: Path | None = None,
    snapshot: Path | None = None,
    pyodide_dir: Path = PYODIDE_DIR,
    timeout: float = 600,
) -> PyodideRun:
    """Call "module:function" with `args` (JSON-ready) inside Pyodide.

    Pyodide starts from `pyodide_dir` (with `lock_file`, `stdlib` as its standard
    library, from the gzipped memory `snapshot` if given); `before` names functions to
    call first, with no arguments; `load_packages` are installed from the lock;
    `module_dirs` are copied in and put on sys.path; `wheels` are put on sys.path as
    they are (zipimport); `unpack` wheels are unpacked into site-packages; `trees` are
    host folders and `inputs` host files copied in (to the path given) before the call,
    `outputs` files copied out after it; `cwd` is the working folder. `what` names the
    step in the error message.
    """
    with tempfile.TemporaryDirectory(prefix="in-pyodide-") as tmp:
        spec_file, result_file = Path(tmp) / "spec.json", Path(tmp) / "result.json"
        spec = {
            "pyodide_dir": _path(pyodide_dir),
            "lock_file": _path(lock_file) if lock_file else None,
            "stdlib": _path(stdlib) if stdlib else None,
            "snapshot": _path(snapshot) if snapshot else None,
            "before": list(before),
            "load_packages": list(load_packages),
            "module_dirs": [_path(folder) for folder in module_dirs],
            "wheels": [_path(wheel) for wheel in wheels],
            "unpack": [_path(wheel) for wheel in unpack],
            "trees": [[_path(host), inside] for host, inside in trees],
            "inputs": [[_path(host), inside] for host, inside in inputs],
            "outputs": [[inside, _path(host)] for inside, host in outputs],
            "cwd": cwd,
            "call": call,
            "args": list(args),
            "result": str(result_file),
        }
        spec_file.write_text(json.dumps(spec), encoding="utf-8")
        done = subprocess.run(["node", str(RUNNER), str(spec_file)], capture_output=True,
                              text=True, check=False, timeout=timeout)
        if done.returncode != 0 or not result_file.is_file():
            raise PyodideCallFailed(f"{what} in Pyodide failed:\n{done.stderr[-4000:]}")
        result = json.loads(result_file.read_text(encoding="utf-8"))
        return PyodideRun(result["value"], result["loaded"], done.stderr)


def call_in_pyodide(call: str, *args: Any, what: str, **options: Any) -> Any:
    """What run_in_pyodide's call returned (the same arguments)."""
    return run_in_pyodide(call, *args, what=what, **options).value


def _path(path: Path) -> str:
    return str(Path(path).resolve())
