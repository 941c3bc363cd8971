"""The core test suite, run again inside real Pyodide (the npm runtime) under Node.

Proves the browser gets the same answers: the same tests/core modules, the same pinned
wheels the site ships (requirements/pyodide.txt) and the followup wheel built from this
tree. Only tests that need to start a process are skipped there (WebAssembly has none).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from site_build.in_node import run_in_pyodide

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "pyodide-core-tests" / "wheels"
REQUIREMENTS = [ROOT / "requirements" / "pyodide.txt",
                ROOT / "tests" / "core" / "pyodide-test-requirements.txt"]
SKIP_REASON = "WebAssembly has no subprocesses"


def pyodide_platform() -> tuple[str, str]:
    """(platform tag, Python version) of the npm Pyodide, from its lock file."""
    info = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text())[
        "info"]
    return f"pyemscripten_{info['abi_version']}_{info['arch']}", ".".join(
        info["python"].split(".")[:2])


def download_pinned_wheels(target: Path) -> None:
    """Exactly the pinned wheels (hash-checked) into `target`, from the cache when possible."""
    platform, python = pyodide_platform()
    base = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--only-binary=:all:", "--require-hashes", "--platform", platform,
            "--python-version", python, "--implementation", "cp",
            "--abi", f"cp{python.replace('.', '')}"]
    for requirements in REQUIREMENTS:
        offline = [*base, "--no-index", "--find-links", str(CACHE), "-d", str(target),
                   "-r", str(requirements)]
        if subprocess.run(offline, capture_output=True, check=False).returncode != 0:
            CACHE.mkdir(parents=True, exist_ok=True)
            subprocess.run([*base, "-d", str(CACHE), "-r", str(requirements)], check=True)
            subprocess.run(offline, check=True)


def collected_on_cpython() -> set[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "tests/core"], cwd=ROOT, capture_output=True, text=True, check=True)
    return {line.strip() for line in done.stdout.splitlines() if "::" in line}


def test_core_suite_passes_inside_pyodide(tmp_path):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(wheels), str(ROOT)], check=True)
    download_pinned_wheels(wheels)
    # Exactly our wheel and the pinned ones: nothing else slipped in, nothing is missing.
    pinned = {re.match(r"[A-Za-z0-9_.-]+", line)[0].replace("-", "_").lower()
              for requirements in REQUIREMENTS
              for line in requirements.read_text("utf-8").splitlines()
              if re.match(r"[A-Za-z0-9_.-]+==", line)}
    assert {"icalendar", "nameparser", "pytest", "tzdata"} <= pinned
    assert sorted(p.name.split("-")[0].lower() for p in wheels.glob("*.whl")) == sorted(
        {"followup"} | pinned)

    done = run_in_pyodide(
        "core_tests:run", ["-q"], what="the core tests",
        module_dirs=[ROOT / "tests" / "in_pyodide"], unpack=sorted(wheels.glob("*.whl")),
        trees=[(ROOT / "tests" / "core", "/work/tests/core"),
               (ROOT / "examples", "/work/examples")],
        cwd="/work")
    result = done.value

    assert result["platform"] == "emscripten"
    assert result["python"].startswith("3.14")
    assert result["failed"] == [], done.output[-5000:]
    assert result["exit_code"] == 0
    expected = collected_on_cpython()
    assert set(result["passed"]) | set(result["skipped"]) == expected
    # The only tests not run there are the ones that start a process, for that reason.
    for nodeid, reason in result["skipped"].items():
        assert nodeid.startswith("tests/core/test_core_cli.py::"), nodeid
        assert SKIP_REASON in reason, (nodeid, reason)
    assert 0 < len(result["skipped"]) <= 10  # a handful, never a mass skip
