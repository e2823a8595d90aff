"""Markdown tables, as ``table``, ``compare`` and the experiments write them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def table(head: Sequence[str], rows: Iterable[Sequence[str]], numeric: bool = True) -> list[str]:
    """The lines of a table; ``numeric`` right-aligns every column after the first.  A | in a
    cell (|f′|, |dL/dW|) is escaped, or it would split the cell."""

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    rule = "|---" + ("|---:" if numeric else "|---") * (len(head) - 1) + "|"
    return [line(head), rule, *(line(row) for row in rows)]
