"""The standard library's second part, for the tool pages' worker (python-worker.mjs).

site_build/optimise.py splits Pyodide's standard library in two: what booting and
drafting import, which Pyodide loads at start, and the rest, which this finder fetches
the first time Python imports one of its modules. The worker installs it before it
imports the core; it imports nothing of the core itself.
"""

from __future__ import annotations

import json
import sys
import zipimport
from collections.abc import Callable
from typing import Any

# The index that the first part of the standard library carries: the second part's file
# name (beside the first) and the modules in it. site_build/optimise.py writes it.
INDEX = "_followup_stdlib_rest.json"
# Where the second part goes once fetched (Pyodide's file system, never the host's).
ARCHIVE = "/lib/followup-stdlib-rest.zip"

Download = Callable[[str], bytes]


class StdlibRest:
    """A finder, last on sys.meta_path, for the modules of the standard library's second
    part: it fetches that part the first time one of them is imported (synchronously, as
    an import must be: a worker may), then imports from it. A name the index does not list
    (Python tries "winreg" and "_uuid", for instance) fetches nothing."""

    def __init__(self, first_zip: str, first_url: str, download: Download,
                 archive: str = ARCHIVE) -> None:
        index = json.loads(zipimport.zipimporter(first_zip).get_data(INDEX))
        self.url = f"{first_url.rsplit('/', 1)[0]}/{index['file']}"
        self.modules = frozenset(index["modules"])
        self.download = download
        self.archive = archive
        self.fetched = False

    def find_spec(self, name: str, path: Any = None, target: Any = None):
        if name not in self.modules:
            return None
        if not self.fetched:
            data = self.download(self.url)
            with open(self.archive, "wb") as file:
                file.write(data)
            self.fetched = True
        package = name.rpartition(".")[0]
        where = "/".join([self.archive, *package.split(".")]) if package else self.archive
        return zipimport.zipimporter(where).find_spec(name, target)


def _download_in_a_worker(url: str) -> bytes:
    """The file's bytes by a synchronous request (allowed in a worker), or ImportError."""
    from js import XMLHttpRequest  # Pyodide's bridge to the worker's JavaScript

    request = XMLHttpRequest.new()
    try:
        request.open("GET", url, False)
        request.responseType = "arraybuffer"
        request.send()
        status = request.status
    except Exception:  # a network error: offline, say (the browser's own text is long)
        status = "no connection"
    if status != 200:
        reason = status if isinstance(status, str) else f"HTTP {status}"
        raise ImportError(f"Part of Python ({url.rsplit('/', 1)[1]}) could not be downloaded "
                          f"({reason}): check your connection, then reload the page.")
    return request.response.to_bytes()


def install(first_url: str, download: Download = _download_in_a_worker) -> StdlibRest:
    """Put the finder for the standard library's second part on sys.meta_path, reading its
    index from the first part, which Pyodide mounts as pythonXY.zip on sys.path whatever
    its URL (loadPyodide's stdLibURL)."""
    mounted = f"python{sys.version_info[0]}{sys.version_info[1]}.zip"
    first_zip = next(path for path in sys.path if path.rsplit("/", 1)[-1] == mounted)
    finder = StdlibRest(first_zip, first_url, download)
    sys.meta_path.append(finder)
    return finder
