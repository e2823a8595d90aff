"""What ``list`` and ``info`` print, drawn from plain strings: the same for a definition and
for the built-ins' index (``actplot._index``), which needs neither numpy nor the activation
library.  Both are drawn without rich (:mod:`actplot._grid`), as rich would draw them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._grid import Drawing, Line, wrap_runs

CATALOGUE_HEAD = ("aliases", "family", "parameters", "formula")
FORMULAS = {"f(x)", "f′(x)", "LaTeX", "f(a, b)", "∂f/∂a", "∂f/∂b"}  # info's rows that fold


def catalogue(
    rows: Sequence[Sequence[str]], head: Sequence[str] = CATALOGUE_HEAD, before: str = ""
) -> Any:
    """The table of ``list``: (name, aliases, family, parameters, formula) per row, or the
    columns ``head`` after the name, split over several tables if the terminal is too narrow;
    ``before``, a paragraph above them (the convention in force)."""
    from ._grid import Column, Grid
    from ._terminal import FittedGrid, Layout, widest_rows

    def table(indices: Sequence[int], of: Sequence[Sequence[str]] = rows) -> Grid:
        out = Grid(Column("name", wrap=False), *(Column(head[j]) for j in indices))
        for row in of:
            out.add_row(row[0], *(row[j + 1] for j in indices))
        return out

    widest = [rows[i] for i in widest_rows(rows)]
    fitted = FittedGrid([Layout(table, len(head), lambda indices: table(indices, widest))])
    return Above(before, fitted) if before else fitted


class Above(Drawing):
    """A paragraph, a blank line, then a drawing."""

    def __init__(self, text: str, below: Drawing) -> None:
        self.text = text
        self.below = below

    def lines(self, width: int, box: str = "unicode") -> list[Line]:
        return [*prose(self.text, width), [], *self.below.lines(width, box)]


def description(shown: dict[str, Any]) -> Drawing:
    """``info`` of one activation from its strings: ``label``, ``kind`` (family and kind),
    ``aliases`` (a line, or empty), ``summary``, ``grid`` (rows of two cells) and
    ``sections`` (headings, each with its items)."""
    return Description(shown)


class Description(Drawing):
    """What :func:`description` draws: a title line, the summary, the grid of formulas and
    facts (keys in bold, values wrapped beside them), then each section's items."""

    def __init__(self, shown: dict[str, Any]) -> None:
        self.shown = shown

    def lines(self, width: int, box: str = "unicode") -> list[Line]:
        shown = self.shown
        title = [(shown["label"], "bold"), (f"   {shown['kind']}", "")]
        if shown["aliases"]:
            title.append((f"   {shown['aliases']}", "dim"))
        out = wrap_runs(title, width)
        if shown["summary"]:
            out += prose(shown["summary"], width, style="italic")
        out += [[], *_grid_lines(shown["grid"], width), []]
        for heading, items in shown["sections"]:
            out += wrap_runs([(heading, "bold")], width)
            for item in items:  # each its own paragraph, its continuation lines under its text
                out += prose(f"• {item}", width, indent=2, hang=2)
        return out


def prose(text: str, width: int, indent: int = 0, hang: int = 0, style: str = "") -> list[Line]:
    """A paragraph wrapped as :class:`actplot._prose.Prose` wraps it."""
    from ._prose import wrap

    spans = wrap(text, width - indent, hang) if text else [(0, 0)]
    return [
        [(" " * (indent + (hang if n else 0)), ""), (text[a:b], style)]
        for n, (a, b) in enumerate(spans)
    ]


def _grid_lines(rows: Sequence[tuple[str, str]], width: int) -> list[Line]:
    """The two columns of info's facts: each key, two spaces, then its value wrapped in the
    room left (as prose, or folded where it is a formula), as rich's Table.grid lays them."""
    from ._grid import cell_len, collapse_widths, ratio_reduce, words_len, wrap
    from ._prose import cells
    from ._prose import wrap as prose_wrap

    if not rows:
        return []

    def value_width(key: str, value: str) -> tuple[int, int]:
        if key in FORMULAS:
            return words_len(value)
        longest = max((sum(map(cells, value[a:b])) for a, b in prose_wrap(value, 1)), default=0)
        return longest, sum(map(cells, value))

    keys = max(cell_len(k) for k, _ in rows) + 2  # the key column and its two spaces
    values = max(value_width(k, v)[1] for k, v in rows)
    widths = [keys, values]
    if sum(widths) > width:
        widths = collapse_widths(widths, [False, True], width)
        if sum(widths) > width:
            widths = ratio_reduce(sum(widths) - width, [1, 1], widths, widths)
        widths = [min(keys, widths[0]), min(values, widths[1])]
    key_w, value_w = widths
    out: list[Line] = []
    for key, value in rows:
        left = [line + "  " for line in wrap(key, max(key_w - 2, 0), "left", wrap=False)]
        if key in FORMULAS:
            right = wrap(value, value_w, "left")
        else:
            right = [value[a:b] for a, b in prose_wrap(value, value_w)] if value else [""]
        for i in range(max(len(left), len(right))):
            k = left[i] if i < len(left) else " " * key_w
            out.append([(k[:key_w], "bold"), (right[i] if i < len(right) else "", "")])
    return out
