"""The MkDocs hooks (mkdocs.yml ``hooks:``): they only call the rest of site_build.

- on_config: pack Pyodide and the wheels (cached), and publish the tool pages' Python
  start-up options as ``config.extra.followup_python`` for the widget macro;
- on_post_build, after everything else: copy Python into the site, write the service
  worker (sw.js) and build.json, the one record of this build's names that the tests
  and the benchmark read.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from site_build import holiday_tables, offline, pyodide_dist

BUILD_JSON = "build.json"  # never cached offline (offline.EXCLUDED)

_dist: pyodide_dist.Dist | None = None
_tables: holiday_tables.Tables | None = None


def python_options() -> dict[str, str]:
    """What a tool page hands its Python worker: Pyodide's files, and the holiday tables."""
    return {**_dist.python_options(), "holidays_url": _tables.url}


@event_priority(100)  # before mkdocs-macros reads config.extra
def on_config(config):
    global _dist, _tables
    _dist = pyodide_dist.prepare(pyodide_dist.REPO_ROOT)
    _tables = holiday_tables.prepare(pyodide_dist.REPO_ROOT / ".cache")
    config.extra["followup_python"] = python_options()
    return config


@event_priority(-100)  # after mkdocs-macros has written checklists.json
def on_post_build(config) -> None:
    if _dist is None:  # on_config always runs first; this guards direct misuse
        raise PluginError("site_build: on_post_build ran before on_config")
    site_dir = Path(config.site_dir)
    pyodide_dist.publish(_dist, site_dir)
    holiday_tables.publish(_tables, site_dir)
    manifest = offline.write_service_worker(site_dir, _dist.widget_files(), [_dist.snapshot_url])
    record = {
        "python": python_options(),
        "python_files": _dist.widget_files(),
        "stdlib_rest_url": f"pyodide/{_dist.packages_name}/{_dist.stdlib_rest.name}",
        "offline": {"worker": offline.SW_NAME, "version": manifest.version},
    }
    (site_dir / BUILD_JSON).write_text(json.dumps(record, indent=1), encoding="utf-8")
