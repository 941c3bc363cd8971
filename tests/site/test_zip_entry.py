"""docs/javascripts/followup/zip-entry.mjs, run under Node, against Python's own zipfile.

The worker copies time zones out of the tzdata wheel with it (python-worker.mjs), so
every file in the site's real wheel must come out byte for byte; anything the reader does
not expect must give null (the worker then leaves the zone to Python), never an error.
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READER = ROOT / "tests" / "node" / "read_zip_entries.mjs"


def read_entries(archives: dict[str, bytes], lookups: list[tuple[str, str]]) -> list[bytes | None]:
    """What readZipEntry gives for each (archive label, name)."""
    spec = {
        "archives": {label: base64.b64encode(data).decode() for label, data in archives.items()},
        "lookups": lookups,
    }
    done = subprocess.run(
        ["node", str(READER)],
        input=json.dumps(spec), capture_output=True, text=True, check=False, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return [None if text is None else base64.b64decode(text) for text in json.loads(done.stdout)]


@pytest.fixture(scope="module")
def tzdata_wheel(site_dir: Path) -> bytes:
    (wheel,) = site_dir.glob("pyodide/packages-*/tzdata-*.whl")
    return wheel.read_bytes()


def zipped(
    files: dict[str, bytes],
    *,
    method: int = zipfile.ZIP_DEFLATED,
    comment: bytes = b"",
    force_zip64: bool = False,
) -> bytes:
    """A zip of `files`; force_zip64 gives each local header a zip64 extra field."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        archive.comment = comment
        for name, data in files.items():
            with archive.open(name, "w", force_zip64=force_zip64) as entry:
                entry.write(data)
    return buffer.getvalue()


def test_every_file_of_the_real_tzdata_wheel_comes_out_byte_for_byte(tzdata_wheel: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(tzdata_wheel)) as archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        expected = [archive.read(name) for name in names]
    assert len(names) > 600  # the whole zone database, not a stub
    assert read_entries({"wheel": tzdata_wheel}, [("wheel", name) for name in names]) == expected


def test_names_the_wheel_does_not_hold_give_null(tzdata_wheel: bytes) -> None:
    names = [
        "tzdata/zoneinfo/Mars/Olympus_Mons",  # no such zone
        "tzdata/zoneinfo/Europe",  # a folder, not a file
        "tzdata/zoneinfo/europe/london",  # names are case-sensitive
        "tzdata/zoneinfo/Europe/London/",
        "tzdata/zoneinfo/../zoneinfo/Europe/London",  # no path resolution
        "",
    ]
    found = read_entries({"wheel": tzdata_wheel}, [("wheel", name) for name in names])
    assert found == [None] * len(names)


def test_stored_files_non_ascii_names_comments_and_zip64_local_headers_are_read() -> None:
    files = {"a.txt": b"plain", "dir/b\u00e9.bin": bytes(range(256)) * 4, "empty": b""}
    archives = {
        "stored": zipped(files, method=zipfile.ZIP_STORED),
        "commented": zipped(files, comment=b"PK\x05\x06 looks like an end record " * 100),
        # Local headers longer than the directory's entries: a zip64 extra field each.
        "zip64 local headers": zipped(files, force_zip64=True),
    }
    lookups = [(label, name) for label in archives for name in files]
    assert read_entries(archives, lookups) == [files[name] for _, name in lookups]


def test_damaged_or_unexpected_archives_give_null_not_an_error() -> None:
    good = zipped({"zone": b"TZif" + bytes(range(200)) * 20})
    central = good.rindex(b"PK\x01\x02")
    encrypted = bytearray(good)
    encrypted[central + 8] |= 0x1  # the "encrypted" flag in its directory entry
    other_method = bytearray(good)
    other_method[central + 10] = 12  # bzip2
    data_start = 30 + len("zone")
    garbled = bytearray(good)
    garbled[data_start : data_start + 40] = b"\xff" * 40  # not a deflate stream any more
    wrong_size = bytearray(good)
    wrong_size[central + 24] ^= 0x1  # the uncompressed size no longer matches
    archives = {
        "truncated": good[:-5],
        "no end record": good[: central],
        "not a zip": b"TZif2" + bytes(500),
        "empty": b"",
        "encrypted": bytes(encrypted),
        "other method": bytes(other_method),
        "garbled": bytes(garbled),
        "wrong size": bytes(wrong_size),
    }
    assert read_entries(archives, [(label, "zone") for label in archives]) == [None] * len(archives)
    assert read_entries({"good": good}, [("good", "zone")]) != [None]  # the same lookup, undamaged
