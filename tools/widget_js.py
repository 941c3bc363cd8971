"""Constants of the widgets' script (docs/javascripts/widget.js), read rather than retyped.

The benchmark and the tests need a few of its values (the storage key, the debounce);
reading them from the script means a change there cannot leave a stale copy here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

WIDGET_JS = Path(__file__).resolve().parent.parent / "docs" / "javascripts" / "widget.js"


def constant(name: str) -> str | int:
    """The value of widget.js's `const NAME = "text"` or `const NAME = 123`."""
    match = re.search(rf"const {name} = (\"[^\"]+\"|\d+)", WIDGET_JS.read_text(encoding="utf-8"))
    if not match:
        raise LookupError(f"{WIDGET_JS} no longer defines {name}")
    return json.loads(match.group(1))
