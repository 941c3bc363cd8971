"""The build-time Pyodide speed-ups (site_build/optimise.py): wheels precompiled by Pyodide's
own Python, a minimal lock, the standard library precompiled and in two parts."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from followup._stdlib_rest import INDEX as STDLIB_REST_INDEX
from site_build.in_node import call_in_pyodide
from site_build.optimise import (
    PYODIDE_DIR,
    dependency_closure,
    dump_lock,
    minimal_lock,
    module_name,
    optimise_packages,
    optimise_runtime,
    precompile_stdlib,
    precompile_wheels,
    split_stdlib,
)

CHECKS = Path(__file__).resolve().parents[1] / "in_pyodide"  # site_checks.py
STOCK_LOCK = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text())

DEMO_INIT = (
    '# -*- coding: utf-8 -*-\n"""Demo."""\nGREETING = "Grüß dich 👋"\n\n\n'
    "def answer():\n    return 6 * 7\n"
)


def _record_digest(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def _make_wheel(folder: Path) -> Path:
    """A small pure wheel shaped like the real ones: a package, a data file and its tests."""
    files = {
        "demo/__init__.py": DEMO_INIT.encode(),
        "demo/sub/__init__.py": b"from demo import answer\nDOUBLE = answer() * 2\n",
        "demo/data.txt": b"kept as it is\n",
        "demo/tests/__init__.py": b"",
        "demo/tests/test_demo.py": b"def test_it():\n    assert True\n",
        "demo-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n",
        "demo-1.0.dist-info/WHEEL": (
            b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        ),
    }
    rows = [(name, _record_digest(data), str(len(data))) for name, data in files.items()]
    record = io.StringIO()
    csv.writer(record, lineterminator="\n").writerows(
        [*rows, ("demo-1.0.dist-info/RECORD", "", "")]
    )
    files["demo-1.0.dist-info/RECORD"] = record.getvalue().encode()
    wheel = folder / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return wheel


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the original wheel, the precompiled one) — compiled once for the module."""
    base = tmp_path_factory.mktemp("pyc")
    wheel = _make_wheel(base)
    (out,) = precompile_wheels([wheel], cache_dir=base / "cache", strip=("demo/tests/",))
    return wheel, out


def test_every_module_is_bytecode_and_the_tests_are_gone(compiled: tuple[Path, Path]) -> None:
    _, out = compiled
    names = set(zipfile.ZipFile(out).namelist())
    assert {"demo/__init__.pyc", "demo/sub/__init__.pyc", "demo/data.txt"} <= names
    assert not [name for name in names if name.endswith(".py")]
    assert not [name for name in names if name.startswith("demo/tests/")]
    assert out.name == "demo-1.0-py3-none-any.whl"  # loadPackage needs a valid wheel name


def test_record_lists_exactly_the_new_contents(compiled: tuple[Path, Path]) -> None:
    _, out = compiled
    archive = zipfile.ZipFile(out)
    rows = list(csv.reader(io.StringIO(archive.read("demo-1.0.dist-info/RECORD").decode())))
    assert sorted(row[0] for row in rows) == sorted(archive.namelist())
    for name, digest, size in rows:
        if name.endswith("RECORD"):
            continue
        data = archive.read(name)
        assert (digest, int(size)) == (_record_digest(data), len(data))


def test_bytecode_imports_inside_pyodide(compiled: tuple[Path, Path]) -> None:
    """Pyodide's sourceless loader accepts the .pyc only if its magic number is Pyodide's own."""
    _, out = compiled
    answers = call_in_pyodide("site_checks:demo_answers", what="importing the demo wheel",
                              module_dirs=[CHECKS], unpack=[out])
    assert answers == [42, 84, "Grüß dich 👋", "__init__.pyc"]


def test_second_build_uses_the_cache_and_gives_the_same_bytes(
    compiled: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheel, out = compiled

    def no_node(*args: object) -> None:
        raise AssertionError("a cached wheel was compiled again")

    monkeypatch.setattr("site_build.optimise._run_in_pyodide", no_node)
    (again,) = precompile_wheels([wheel], cache_dir=out.parent.parent, strip=("demo/tests/",))
    assert again == out


def test_minimal_lock_keeps_the_roots_and_their_dependencies_only() -> None:
    lock = minimal_lock(STOCK_LOCK, ["python_dateutil"])
    assert sorted(lock["packages"]) == ["python-dateutil", "six"]
    assert lock["info"] == STOCK_LOCK["info"]  # Pyodide checks the ABI version in it
    assert lock["packages"]["six"] == STOCK_LOCK["packages"]["six"]


def test_minimal_lock_is_a_fraction_of_the_stock_lock() -> None:
    small = dump_lock(minimal_lock(STOCK_LOCK, ["python-dateutil", "tzdata"]))
    assert json.loads(small)["packages"].keys() == {"python-dateutil", "six", "tzdata"}
    assert len(small) < len(json.dumps(STOCK_LOCK)) / 50


def test_closure_follows_dependencies_transitively() -> None:
    lock = {
        "info": {},
        "packages": {
            "a": {"depends": ["b"]},
            "b": {"depends": ["c"]},
            "c": {"depends": ["a"]},  # a cycle must not loop forever
            "unrelated": {"depends": []},
        },
    }
    assert dependency_closure(lock, ["a"]) == ["a", "b", "c"]


def test_a_missing_package_is_an_error_not_a_silent_gap() -> None:
    with pytest.raises(KeyError, match="nope"):
        minimal_lock(STOCK_LOCK, ["nope"])
    with pytest.raises(KeyError, match="missing"):
        dependency_closure({"packages": {"a": {"depends": ["missing"]}}}, ["a"])


def _packages_folder(tmp_path: Path) -> Path:
    """A folder shaped like the hook's: wheels and a lock naming them, plus stock entries."""
    folder = tmp_path / "packages"
    folder.mkdir()
    wheel = _make_wheel(folder)
    (folder / "stray-0.1-py3-none-any.whl").write_bytes(b"not needed")
    demo = {
        "name": "demo",
        "version": "1.0",
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
        "package_type": "package",
        "imports": ["demo"],
        "depends": [],
        "unvendored_tests": False,
    }
    lock = {**STOCK_LOCK, "packages": {**STOCK_LOCK["packages"], "demo": demo}}
    (folder / "pyodide-lock.json").write_text(json.dumps(lock, indent=2))
    return folder


def test_optimise_packages_leaves_a_lock_that_matches_the_final_files(tmp_path: Path) -> None:
    folder = _packages_folder(tmp_path)
    lock = optimise_packages(folder, ["demo"], cache_dir=tmp_path / "cache")
    written = json.loads((folder / "pyodide-lock.json").read_text())
    assert written == lock
    assert list(written["packages"]) == ["demo"]
    assert written["packages"]["demo"]["imports"] == ["demo"]  # kept from add-wheels
    wheel = folder / "demo-1.0-py3-none-any.whl"
    assert written["packages"]["demo"]["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert "demo/__init__.pyc" in zipfile.ZipFile(wheel).namelist()
    assert sorted(p.name for p in folder.iterdir()) == [wheel.name, "pyodide-lock.json"]


def test_optimise_packages_refuses_a_lock_naming_a_missing_wheel(tmp_path: Path) -> None:
    folder = _packages_folder(tmp_path)
    (folder / "demo-1.0-py3-none-any.whl").unlink()
    with pytest.raises(FileNotFoundError, match=re.escape("demo-1.0-py3-none-any.whl")):
        optimise_packages(folder, ["demo"], cache_dir=tmp_path / "cache")


def test_stdlib_precompiled_only_where_asked_and_pyodide_boots_from_it(tmp_path: Path) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    for name in ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json"]:
        (runtime / name).symlink_to(PYODIDE_DIR / name)
    precompile_stdlib(runtime / "python_stdlib.zip", only=["colorsys.py", "json/__init__.py"])
    names = set(zipfile.ZipFile(runtime / "python_stdlib.zip").namelist())
    assert {"colorsys.pyc", "json/__init__.pyc", "json/decoder.py"} <= names
    assert not {"colorsys.py", "json/__init__.py"} & names
    path, hue = call_in_pyodide("site_checks:colorsys_from_bytecode", what="booting",
                                module_dirs=[CHECKS], pyodide_dir=runtime)
    assert path.endswith("colorsys.pyc")
    assert hue == 0.0


def _draft_with(runtime: Path, lock: Path) -> tuple[dict, str]:
    """A plan drafted in `runtime` with the lock's packages installed, and where zoneinfo
    was imported from."""
    return call_in_pyodide("site_checks:draft_and_zoneinfo_file", what="drafting",
                           module_dirs=[CHECKS], load_packages=["followup"], lock_file=lock,
                           pyodide_dir=runtime)


def test_runtime_with_precompiled_stdlib_drafts_exactly_the_same(
    site_dir: Path, tmp_path: Path
) -> None:
    (lock,) = site_dir.glob("pyodide/packages-*/pyodide-lock.json")
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    for name in ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json"]:
        (runtime / name).symlink_to(PYODIDE_DIR / name)
    shutil.copyfile(PYODIDE_DIR / "python_stdlib.zip", runtime / "python_stdlib.zip")
    optimise_runtime(runtime, lock, cache_dir=tmp_path / "cache")
    names = set(zipfile.ZipFile(runtime / "python_stdlib.zip").namelist())
    assert {"zoneinfo/__init__.pyc", "json/__init__.pyc"} <= names  # drafting imports them
    assert "zoneinfo/__init__.py" not in names
    assert "tomllib/__init__.py" in names  # never imported: left as source

    fast, fast_zoneinfo = _draft_with(runtime, lock)
    plain, plain_zoneinfo = _draft_with(PYODIDE_DIR, lock)
    assert fast["ok"] is True
    assert fast == plain
    assert (fast_zoneinfo, plain_zoneinfo) == (
        "/lib/python314.zip/zoneinfo/__init__.pyc",
        "/lib/python314.zip/zoneinfo/__init__.py",
    )


def test_site_stdlib_is_npms_with_the_modules_in_use_precompiled(site_dir: Path) -> None:
    (built,) = site_dir.glob("pyodide/[0-9]*/python_stdlib.zip")
    built_names = zipfile.ZipFile(built).namelist()
    npm_names = zipfile.ZipFile(PYODIDE_DIR / "python_stdlib.zip").namelist()
    assert sorted(name.removesuffix("c") for name in built_names) == sorted(npm_names)
    assert "zoneinfo/__init__.pyc" in built_names


# ------------------------------------------------------------ the stdlib in two parts


def test_module_names_of_stdlib_entries() -> None:
    assert module_name("email/mime/text.pyc") == "email.mime.text"
    assert module_name("email/__init__.pyc") == "email"
    assert module_name("colorsys.py") == "colorsys"
    assert module_name("sysconfig/__main__.py") == "sysconfig.__main__"
    assert module_name("pyodide/py.typed") is None
    assert module_name("ctypes/macholib/fetch_macholib.bat") is None
    assert module_name("site-packages/README.txt") is None
    assert module_name("__init__.py") is None


def _zip_with(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.mkdir("email")
        for name, data in files.items():
            out.writestr(name, data)
    return path


def test_split_stdlib_puts_every_file_in_exactly_one_part(tmp_path: Path) -> None:
    files = {
        "os.pyc": b"os",
        "json/__init__.pyc": b"json",
        "email/__init__.py": b"email",
        "email/mime/text.py": b"text",
        "encodings/utf_8.pyc": b"utf-8",
        "encodings/cp1252.py": b"cp1252",
        "pyodide/py.typed": b"",
    }
    stdlib = _zip_with(tmp_path / "python_stdlib.zip", files)
    first_names = ["os.pyc", "json/__init__.pyc", "encodings/utf_8.pyc"]
    parts = split_stdlib(stdlib, first_names, tmp_path / "out")

    with zipfile.ZipFile(parts.first) as first, zipfile.ZipFile(parts.rest) as rest:
        index = json.loads(first.read(STDLIB_REST_INDEX))
        in_first = {n: first.read(n) for n in first.namelist() if n != STDLIB_REST_INDEX}
        in_rest = {n: rest.read(n) for n in rest.namelist()}
    assert set(in_first) == set(first_names)
    assert in_first | in_rest == files  # the same bytes, folder entries dropped
    assert not set(in_first) & set(in_rest)
    # A package split between the parts (encodings) lists its missing modules by full name.
    assert index == {
        "file": parts.rest.name,
        "modules": ["email", "email.mime.text", "encodings.cp1252"],
    }
    for part, stem in ((parts.first, "python_stdlib"), (parts.rest, "python_stdlib_rest")):
        digest = hashlib.sha256(part.read_bytes()).hexdigest()[:12]
        assert part.name == f"{stem}-{digest}.zip"
    assert parts.first.parent == parts.rest.parent == tmp_path / "out"


def test_split_stdlib_is_repeatable_and_refuses_unknown_names(tmp_path: Path) -> None:
    stdlib = _zip_with(tmp_path / "python_stdlib.zip", {"os.pyc": b"os", "abc.pyc": b"abc"})
    once = split_stdlib(stdlib, ["os.pyc"], tmp_path / "a")
    again = split_stdlib(stdlib, ["os.pyc"], tmp_path / "b")
    assert (once.first.name, once.rest.name) == (again.first.name, again.rest.name)
    with pytest.raises(KeyError, match=r"nowhere\.pyc"):
        split_stdlib(stdlib, ["os.pyc", "nowhere.pyc"], tmp_path / "c")


def test_site_stdlib_parts_are_the_runtimes_stdlib_split_by_what_drafting_imports(
    site_dir: Path,
) -> None:
    (whole,) = site_dir.glob("pyodide/[0-9]*/python_stdlib.zip")
    (first,) = site_dir.glob("pyodide/packages-*/python_stdlib-*.zip")
    with zipfile.ZipFile(whole) as source:
        files = {i.filename: source.read(i) for i in source.infolist() if not i.is_dir()}
    with zipfile.ZipFile(first) as part:
        index = json.loads(part.read(STDLIB_REST_INDEX))
        in_first = {n: part.read(n) for n in part.namelist() if n != STDLIB_REST_INDEX}
    with zipfile.ZipFile(first.parent / index["file"]) as part:
        in_rest = {n: part.read(n) for n in part.namelist()}
    assert in_first | in_rest == files and not set(in_first) & set(in_rest)
    # What drafting imports is in the first part, precompiled; what it never does is not.
    assert {"zoneinfo/__init__.pyc", "urllib/parse.pyc", "json/__init__.pyc"} <= set(in_first)
    assert {"email/__init__.py", "unittest/__init__.py", "encodings/cp1252.py"} <= set(in_rest)
    # Frozen modules run from the binary, so their files are never read: not in the first.
    assert {"os.py", "site.py", "codecs.py", "importlib/_bootstrap.py"} <= set(in_rest)
    assert len(first.read_bytes()) < 0.6 * len(whole.read_bytes())
