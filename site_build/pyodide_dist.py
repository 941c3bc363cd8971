"""Pack the Pyodide runtime and the project's wheels into the site (site_build/hooks.py).

The browser loads Python from the site's own folder, never from a CDN:

- ``site/pyodide/<pyodide version>/``: the runtime files from ``node_modules/pyodide``
  (version-named, so they may be cached forever);
- ``site/pyodide/packages-<hash>/``: the ``followup`` wheel, its pinned dependency
  wheels (``requirements/pyodide.txt``) and a ``pyodide-lock.json`` naming them
  (content-named: the hash is taken from the lock, which records every wheel's sha256);
  also ``python-<key>.snapshot.gz``, a memory snapshot of Python with the core imported,
  for return visits (``snapshot.py``; named by a hash of its inputs), and the widgets'
  standard library in two content-named parts: the modules booting and drafting import,
  which loadPyodide fetches (``stdLibURL``), and the rest, which the worker fetches only
  if Python imports one of them (``optimise.py``).

Wheel file names in the lock are relative to the lock's own folder (as Pyodide's
``loadPackage`` reads them, and as the widget's worker fetches them itself: it puts the
wheels on ``sys.path`` rather than unpacking them), so the lock and the wheels sit side
by side and the runtime folder stays an untouched copy. Pass both URLs to loadPyodide as
absolute URLs: in a browser, a root-relative lockFileURL ("/pyodide/...") makes every
package fail with "Failed to construct 'URL': Invalid base URL" (measured in Chromium).

Everything slow is cached under ``.cache/`` keyed by its inputs, so a rebuild costs a
few file copies. Only ``pip download`` (PyPI) touches the network, and only once.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import optimise, snapshot

# The files loadPyodide fetches from indexURL (pyodide.mjs imports pyodide.asm.mjs, which
# fetches the wasm and the stdlib). The stock lock is copied too, as the documented default.
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
# Source maps are optional: copied when present so browser dev tools find them.
RUNTIME_OPTIONAL_FILES = ("pyodide.mjs.map",)

# The widgets load the stdlib in two parts from the packages folder instead (Dist.stdlib):
# this full one is what bare Pyodide loads (the benchmark's floor).
STDLIB_NAME = "python_stdlib.zip"
PACKAGE_NAME = "followup"
LOCK_NAME = "pyodide-lock.json"
HASH_LENGTH = 12
STALE_CACHE_SECONDS = 3600
REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Dist:
    """What the hook prepared in on_config and copies in on_post_build."""

    pyodide_version: str
    runtime_dir: Path  # node_modules/pyodide
    packages_dir: Path  # cached folder with the lock and every wheel
    packages_name: str  # "packages-<hash>"
    snapshot: Path  # cached python-<key>.snapshot.gz (snapshot.py)
    snapshot_runtime: dict[str, str]  # runtime file name -> sha256 it was made from
    stdlib: Path  # cached python_stdlib-<hash>.zip: what the widgets' Python imports
    stdlib_rest: Path  # cached python_stdlib_rest-<hash>.zip: the rest, fetched if ever needed

    @property
    def index_url(self) -> str:
        return f"pyodide/{self.pyodide_version}/"

    def in_packages(self, file: Path | str) -> str:
        """The site-relative URL of a file in the packages folder."""
        return f"pyodide/{self.packages_name}/{Path(file).name}"

    @property
    def lock_url(self) -> str:
        return self.in_packages(LOCK_NAME)

    @property
    def snapshot_url(self) -> str:
        return self.in_packages(self.snapshot)

    @property
    def stdlib_url(self) -> str:
        return self.in_packages(self.stdlib)

    def python_options(self) -> dict[str, str]:
        """What a tool page hands the Python worker when it starts, site-relative: where
        the runtime, the lock (its wheels beside it), the first part of the standard
        library and the memory snapshot are, and where the wheels go inside Pyodide."""
        return {
            "index_url": self.index_url,
            "lock_url": self.lock_url,
            "stdlib_url": self.stdlib_url,
            "snapshot_url": self.snapshot_url,
            "wheel_dir": snapshot.WHEEL_DIR,
        }

    def package_files(self) -> list[Path]:
        """What the packages folder holds: the lock and its wheels, the two parts of the
        standard library and the snapshot (cached files, to copy)."""
        return [*sorted(self.packages_dir.iterdir()), self.stdlib, self.stdlib_rest,
                self.snapshot]

    def widget_files(self) -> list[str]:
        """The files a tool page's Python may load, site-relative: not the runtime's whole
        standard library and stock lock (only the benchmark's bare page loads them), nor
        the snapshot (cached apart, for return visits)."""
        runtime = [f"{self.index_url}{name}" for name in RUNTIME_FILES
                   if name not in (STDLIB_NAME, LOCK_NAME)]
        packages = [self.in_packages(file) for file in self.package_files()
                    if file != self.snapshot]
        return [*runtime, *packages]

    def published(self) -> list[str]:
        """Every file this build publishes under pyodide/, site-relative."""
        return [*(f"{self.index_url}{name}" for name in self.runtime_files()),
                *(self.in_packages(file) for file in self.package_files())]

    def runtime_files(self) -> list[str]:
        return [*RUNTIME_FILES,
                *(f for f in RUNTIME_OPTIONAL_FILES if (self.runtime_dir / f).is_file())]


_dist: Dist | None = None


# ---------------------------------------------------------------- small helpers


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _run(cmd: list[str], what: str, cwd: Path) -> None:
    """Run a build step; on failure stop the build with its output."""
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise PluginError(
            f"pyodide_dist: {what} failed ({' '.join(cmd)}):\n{proc.stdout}{proc.stderr}"
        )


def _publish_dir(source: Path, target: Path) -> None:
    """Move a freshly built folder into place; a concurrent build may have won the race."""
    try:
        source.rename(target)
    except OSError:
        if not target.is_dir():
            raise
        shutil.rmtree(source, ignore_errors=True)
    _prune_siblings(target)


def _prune_siblings(keep: Path) -> None:
    """Drop cache entries for older inputs. Only old ones: a build running in parallel
    (several people build in one tree) may still be about to copy from a recent one."""
    cutoff = time.time() - STALE_CACHE_SECONDS
    for entry in keep.parent.iterdir():
        if entry != keep and entry.is_dir() and entry.stat().st_mtime < cutoff:
            shutil.rmtree(entry, ignore_errors=True)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# ---------------------------------------------------------------- the inputs


def pyodide_version(runtime_dir: Path) -> str:
    """The npm package's version, which names the runtime folder."""
    package_json = runtime_dir / "package.json"
    missing = [f for f in RUNTIME_FILES if not (runtime_dir / f).is_file()]
    if not package_json.is_file() or missing:
        raise PluginError(
            f"pyodide_dist: the Pyodide runtime is missing from {runtime_dir} "
            f"({', '.join(missing) or 'package.json'}); run `make setup` (npm ci) first."
        )
    return json.loads(package_json.read_text(encoding="utf-8"))["version"]


def pinned_requirements(requirements: Path) -> dict[str, set[str]]:
    """Canonical name -> allowed sha256 sums, from a pip --require-hashes file."""
    text = requirements.read_text(encoding="utf-8").replace("\\\n", " ")
    pins: dict[str, set[str]] = {}
    for line in text.splitlines():
        line = re.sub(r"(^|\s)#.*", "", line)  # comments, whole-line or trailing
        match = re.match(r"\s*([A-Za-z0-9_.\-]+)==\S+", line)
        if not match:
            continue
        pins[_canonical(match.group(1))] = set(re.findall(r"--hash=sha256:([0-9a-f]{64})", line))
    return pins


def _wheel_project(wheel: Path) -> str:
    return _canonical(wheel.name.split("-", 1)[0])


def _cached_pinned_wheels(wheel_dir: Path, pins: dict[str, set[str]]) -> list[Path] | None:
    """The cached wheel for every pin, verified by hash; None when any is missing."""
    found: dict[str, Path] = {}
    for wheel in sorted(wheel_dir.glob("*.whl")):
        project = _wheel_project(wheel)
        if project in pins and project not in found and sha256_file(wheel) in pins[project]:
            found[project] = wheel
    if set(found) != set(pins):
        return None
    return [found[p] for p in sorted(found)]


def pinned_wheels(root: Path, cache: Path) -> list[Path]:
    """The pinned dependency wheels, downloaded once (hash-checked by pip) and reused."""
    requirements = root / "requirements" / "pyodide.txt"
    pins = pinned_requirements(requirements)
    wheel_dir = cache / "wheels"
    wheel_dir.mkdir(parents=True, exist_ok=True)
    wheels = _cached_pinned_wheels(wheel_dir, pins)
    if wheels is None:
        # Anything in the cache that does not match a pinned hash is stale: drop it so
        # pip fetches the right file instead of trusting a name.
        for wheel in wheel_dir.glob("*.whl"):
            if sha256_file(wheel) not in pins.get(_wheel_project(wheel), set()):
                wheel.unlink()
        _run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--require-hashes",
                "--no-deps",
                "--only-binary=:all:",
                "-r",
                str(requirements),
                "-d",
                str(wheel_dir),
            ],
            "downloading the pinned wheels (requirements/pyodide.txt)",
            root,
        )
        wheels = _cached_pinned_wheels(wheel_dir, pins)
        if wheels is None:
            raise PluginError(
                f"pyodide_dist: after pip download, {wheel_dir} still lacks a wheel matching "
                "a pinned hash for every line of requirements/pyodide.txt"
            )
    return wheels


def _source_key(root: Path) -> str:
    """Hash of everything the followup wheel is built from: its metadata and its modules
    (not the README, or a compiled file lying about)."""
    digest = hashlib.sha256()
    files = [root / "pyproject.toml",
             *sorted((root / "src" / PACKAGE_NAME).rglob("*.py"))]
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def followup_wheel(root: Path, cache: Path) -> Path:
    """The project's own wheel, rebuilt only when its sources change."""
    target = cache / "followup-wheel" / _source_key(root)
    wheels = sorted(target.glob(f"{PACKAGE_NAME}-*.whl")) if target.is_dir() else []
    if wheels:
        return wheels[0]
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".build-"))
    # Hatchling builds reproducibly (fixed timestamps), so the same sources give the same
    # bytes and the packages folder keeps its hash across rebuilds.
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(staging),
            str(root),
        ],
        "building the followup wheel",
        root,
    )
    _publish_dir(staging, target)
    return sorted(target.glob(f"{PACKAGE_NAME}-*.whl"))[0]


def _pyodide_cli() -> str:
    """The `pyodide` command from the same environment as this MkDocs."""
    candidate = Path(sys.executable).parent / "pyodide"
    if candidate.is_file():
        return str(candidate)
    found = shutil.which("pyodide")
    if not found:
        raise PluginError("pyodide_dist: the `pyodide` command (pyodide-build) is not installed")
    return found


def packages_dir(root: Path, cache: Path, runtime_dir: Path, wheels: list[Path]) -> Path:
    """A cached folder with the wheels and a lock naming them, keyed by its inputs."""
    base_lock = runtime_dir / LOCK_NAME
    digest = hashlib.sha256(base_lock.read_bytes())
    for wheel in wheels:
        digest.update(f"{wheel.name}:{sha256_file(wheel)}".encode())
    digest.update(Path(optimise.__file__).read_bytes())
    target = cache / "pyodide-packages" / digest.hexdigest()[:16]
    if (target / LOCK_NAME).is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".build-"))
    for wheel in wheels:
        shutil.copy2(wheel, staging / wheel.name)
    # pyodide-build's own command, which works offline (checked with `unshare -n`): it
    # reads each wheel's metadata, resolves its dependencies against the stock lock and the
    # other new wheels (failing on anything missing), and replaces the stock entries of the
    # same name (Pyodide's own python-dateutil and tzdata) with ours. --base-path makes
    # every file_name a bare file name, relative to the lock's folder.
    _run(
        [
            _pyodide_cli(),
            "lockfile",
            "add-wheels",
            "--input",
            str(base_lock),
            "--output",
            str(staging / LOCK_NAME),
            "--base-path",
            str(staging),
            *(str(staging / w.name) for w in wheels),
        ],
        "pyodide lockfile add-wheels",
        root,
    )
    # Then shrink it (optimise.py): a lock of only followup and its dependencies, and
    # wheels precompiled to .pyc by Pyodide's own Python.
    try:
        optimise.optimise_packages(staging, [PACKAGE_NAME])
    except Exception as error:
        raise PluginError(f"pyodide_dist: optimising the packages failed: {error}") from error
    _publish_dir(staging, target)
    return target


def prepare(root: Path) -> Dist:
    """Build or reuse everything the site's /pyodide/ folder needs."""
    runtime_dir = root / "node_modules" / "pyodide"
    version = pyodide_version(runtime_dir)
    cache = root / ".cache"
    wheels = [followup_wheel(root, cache), *pinned_wheels(root, cache)]
    folder = packages_dir(root, cache, runtime_dir, wheels)
    content_hash = sha256_file(folder / LOCK_NAME)[:HASH_LENGTH]
    try:
        stdlib = optimise.stdlib_parts(folder / LOCK_NAME)
    except Exception as error:
        raise PluginError(f"pyodide_dist: splitting the stdlib failed: {error}") from error
    made = python_snapshot(runtime_dir, folder, stdlib.first)
    made_from = {
        name.removeprefix("runtime/"): digest
        for name, digest in made.inputs.items()
        if name.startswith("runtime/")
    }
    return Dist(
        version,
        runtime_dir,
        folder,
        f"packages-{content_hash}",
        made.path,
        made_from,
        stdlib.first,
        stdlib.rest,
    )


def widget_runtime(runtime_dir: Path, stdlib: Path) -> dict[str, Path]:
    """The runtime files as the widgets load them: `runtime_dir`'s, with `stdlib` (the
    first part of the stdlib) as python_stdlib.zip."""
    return {name: stdlib if name == STDLIB_NAME else runtime_dir / name for name in RUNTIME_FILES}


def python_snapshot(runtime_dir: Path, folder: Path, stdlib: Path):
    """Python's memory snapshot (snapshot.py), cached by its inputs.

    A snapshot loads only into the runtime that made it, so it is made from the runtime
    exactly as the widgets load it: npm's files, with `stdlib` (the first part of the
    precompiled stdlib) as python_stdlib.zip. on_post_build checks that the site
    serves those very bytes.
    """
    with tempfile.TemporaryDirectory(prefix="pyodide-runtime-") as staging:
        runtime = Path(staging)
        for name, source in widget_runtime(runtime_dir, stdlib).items():
            (runtime / name).symlink_to(source.resolve())
        try:
            return snapshot.build_snapshot(runtime, folder)
        except Exception as error:
            raise PluginError(f"pyodide_dist: making the snapshot failed: {error}") from error


def _copy_tree_files(files: list[Path], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for source in files:
        shutil.copy2(source, target / source.name)


# ---------------------------------------------------------------- into the site


def publish(dist: Dist, site_dir: Path) -> None:
    """Copy the runtime and the packages folder into the built site."""
    site = site_dir / "pyodide"
    _copy_tree_files([dist.runtime_dir / name for name in dist.runtime_files()],
                     site / dist.pyodide_version)
    packages = site / dist.packages_name
    _copy_tree_files(dist.package_files(), packages)
    # npm's Pyodide ships its stdlib as source, compiled on every page load: the whole one
    # the bare page loads gets the widgets' modules precompiled too, as in their first
    # part (optimise.py; cached).
    try:
        optimise.optimise_runtime(site / dist.pyodide_version, packages / LOCK_NAME)
    except Exception as error:
        raise PluginError(f"pyodide_dist: precompiling the stdlib failed: {error}") from error
    # The snapshot loads only into the runtime that made it: it must be these very files.
    files = widget_runtime(site / dist.pyodide_version, packages / dist.stdlib.name)
    served = {name: sha256_file(files[name]) for name in dist.snapshot_runtime}
    if served != dist.snapshot_runtime:
        raise PluginError(
            "pyodide_dist: the Python snapshot was made from other runtime files than the "
            f"site serves: {sorted(n for n in served if served[n] != dist.snapshot_runtime[n])}"
        )
    # A build with --dirty keeps what an earlier one wrote: leave only this build's files.
    published = set(dist.published())
    for stale in site.rglob("*"):
        relative = stale.relative_to(site_dir).as_posix()
        if stale.is_file() and relative not in published:
            stale.unlink()
    for folder in site.iterdir():
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
