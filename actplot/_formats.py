"""The text formats results are written in besides the terminal's: strict JSON and markdown."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def json_number(v: float) -> float | str:
    """A float, or for values JSON has no literal for, the strings "nan", "inf" and "-inf"."""
    v = float(v)
    if math.isfinite(v):
        return v
    return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")


def json_numbers(vs: Iterable[float]) -> list[float | str]:
    return [json_number(v) for v in vs]


def json_params(bound: Mapping[str, float | tuple[float, ...]]) -> dict[str, float | list[float]]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in bound.items()}


def json_dumps(data: Any) -> str:
    """Indented, UTF-8, newline-terminated.  ``allow_nan=False``: a bare NaN is not JSON, so
    one that slipped past :func:`json_number` fails here rather than in the reader's parser."""
    import json  # here: most commands print no JSON

    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def markdown_table(
    head: Sequence[str], rows: Iterable[Sequence[str]], numeric: bool = True
) -> list[str]:
    """The lines of a table; ``numeric`` right-aligns every column after the first.  A | in a
    cell (|f′|, |dL/dW|) is escaped, or it would split the cell."""

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    rule = "|---" + ("|---:" if numeric else "|---") * (len(head) - 1) + "|"
    return [line(head), rule, *(line(row) for row in rows)]
