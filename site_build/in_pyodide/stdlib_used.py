"""Runs inside Pyodide (site_build/in_node.py), with the site's wheels on sys.path as the
widget's worker puts them: which standard-library files booting and drafting import.

It drafts as the widgets do, through the worker's own module (followup._browser): a plan,
the same with its calendar file, and a form with mistakes, so every path imports what it
needs. Frozen modules (os, site, codecs, importlib's own...) have a __file__ in the zip
but run from the binary: their files there are never read, so they do not count.
"""

from __future__ import annotations

import json
import sys


def stdlib_used(sample: dict) -> list[str]:
    """Names inside the stdlib zip ("zoneinfo/__init__.py") of the modules imported."""
    from followup import (
        _browser,
        _stdlib_rest,  # noqa: F401 (the worker imports it first)
    )

    request = json.dumps(sample)
    _browser.answer(request, False)
    _browser.answer(request, True)
    _browser.answer(json.dumps({**sample, "interviewers": [{"email": "not an email"}]}), False)
    prefix = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip/"
    return sorted({module.__file__[len(prefix):] for module in list(sys.modules.values())
                   if (getattr(module, "__file__", None) or "").startswith(prefix)
                   and getattr(module.__spec__, "origin", None) != "frozen"})
