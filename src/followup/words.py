"""Small pieces of English the core's messages and drafts share."""

from __future__ import annotations

from collections.abc import Sequence


def and_list(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c": a list as a sentence says it."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
