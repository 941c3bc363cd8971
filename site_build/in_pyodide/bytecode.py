"""Runs inside Pyodide (site_build/in_node.py): zips rewritten with each module compiled.

Pyodide never writes bytecode, so a module it imports from source is compiled on every
page load. Compiled here by Pyodide's own Python (bytecode is version-specific), each
`.py` becomes an unchecked-hash `.pyc` (there is no source beside it to check against),
which zipimport finds first: the same modules, imported without compiling.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib.util
import io
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc


def write_entry(dst: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes,
                compile_source: bool) -> tuple[str, bytes]:
    """Copy one zip entry to `dst`, compiled to .pyc when asked; its new name and bytes."""
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


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(
        b"=").decode()


def rebuild_wheel(src_path: str, dst_path: str, strip: list[str]) -> None:
    """The wheel with .pyc instead of .py, without the entries under `strip`, and a RECORD
    that lists exactly the new contents."""
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


def rebuild_wheels(jobs: list[dict]) -> int:
    """rebuild_wheel for each {"src", "dst", "strip"}; how many were rebuilt."""
    for job in jobs:
        rebuild_wheel(job["src"], job["dst"], job["strip"])
    return len(jobs)


def precompile_stdlib(src_path: str, dst_path: str, only: list[str] | None) -> int:
    """The standard library's zip with the `.py` entries named in `only` (all, if None)
    compiled; how many were."""
    wanted = set(only) if only is not None else None
    compiled = 0
    with zipfile.ZipFile(src_path) as src, zipfile.ZipFile(dst_path, "w") as dst:
        for info in src.infolist():
            name = info.filename
            compile_it = name.endswith(".py") and (wanted is None or name in wanted)
            write_entry(dst, info, src.read(info), compile_it)
            compiled += compile_it
    return compiled
