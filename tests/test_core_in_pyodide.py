"""The core test suite, run again inside real Pyodide (the npm runtime) under Node.

Proves the browser gets the same answers: the same tests/core modules, the same pinned
wheels the site ships (requirements/pyodide.txt) and the followup wheel built from this
tree. Only tests that need to start a process are skipped there (WebAssembly has none).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "pyodide-core-tests" / "wheels"
REQUIREMENTS = [ROOT / "requirements" / "pyodide.txt",
                ROOT / "tests" / "core" / "pyodide-test-requirements.txt"]
RUNNER = ROOT / "tests" / "core" / "run_in_pyodide.mjs"
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
    assert sorted(p.name.split("-")[0] for p in wheels.glob("*.whl")) == [
        "followup", "hypothesis", "icalendar", "iniconfig", "packaging", "pluggy", "pygments",
        "pytest", "python_dateutil", "sortedcontainers", "tzdata"]

    node = shutil.which("node")
    assert node, "Node.js is needed to run Pyodide (see README)"
    done = subprocess.run(
        [node, str(RUNNER), "--wheels", str(wheels), "--tests", str(ROOT / "tests" / "core"),
         "--examples", str(ROOT / "examples"), "-q"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    result_lines = [line for line in done.stdout.splitlines()
                    if line.startswith("PYODIDE_RESULT ")]
    assert result_lines, f"no result from Pyodide:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    result = json.loads(result_lines[-1].removeprefix("PYODIDE_RESULT "))

    assert result["platform"] == "emscripten"
    assert result["python"].startswith("3.14")
    assert result["failed"] == [], done.stdout[-5000:]
    assert result["exit_code"] == 0 == done.returncode
    expected = collected_on_cpython()
    assert set(result["passed"]) | set(result["skipped"]) == expected
    # The only tests not run there are the ones that start a process, for that reason.
    for nodeid, reason in result["skipped"].items():
        assert nodeid.startswith("tests/core/test_core_cli.py::"), nodeid
        assert SKIP_REASON in reason, (nodeid, reason)
    assert 0 < len(result["skipped"]) <= 10  # a handful, never a mass skip
