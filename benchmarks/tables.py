"""Aligned text tables for the benchmarks' terminal output (shared by quality.py and throughput.py)."""

from __future__ import annotations

from collections.abc import Sequence


def render(head: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> str:
    """An aligned text table: the first ``left`` columns flush left, the others right."""
    everything = [head, *rows]
    widths = [max(len(r[i]) for r in everything) for i in range(len(head))]
    lines = []
    for n, row in enumerate(everything):
        cells = [c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(head: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> str:
    """The same table in Markdown: the first ``left`` columns aligned left, the others right."""
    rule = ["---" if i < left else "--:" for i in range(len(head))]
    return "\n".join("| " + " | ".join(row) + " |" for row in (head, rule, *rows))
