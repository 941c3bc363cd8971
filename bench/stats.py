"""Small statistics and the printed table (no third-party packages)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty sample."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(values: Sequence[float]) -> dict:
    """Median, min, max, p95 and n of a sample (empty sample: n = 0 and no numbers)."""
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "p95": percentile(values, 95),
    }


def fmt_ms(s: dict) -> str:
    """'2761 ms (2650-2890)' from a summary."""
    if not s.get("n"):
        return "n/a"
    return f"{s['median']:.0f} ms ({s['min']:.0f}-{s['max']:.0f})"


def fmt_ratio(s: dict) -> str:
    """'1.15x (1.07-1.40)' from a summary of ratios."""
    return f"{s['median']:.2f}x ({s['min']:.2f}-{s['max']:.2f})"


def fmt_bytes(n: float) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.2f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n:.0f} B"


def table(rows: list[tuple[str, ...]]) -> str:
    """A plain text table: first row is the header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)
