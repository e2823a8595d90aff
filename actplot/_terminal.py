"""Tables for the terminal, laid out when they are printed to fit the width they get.

A number is never cut: when the columns do not fit, they are split over several tables that
each repeat the first column (the row labels), and where a table can be read both ways
(activations down and points across, or the other way round) the way that needs fewer tables
is taken.  Text cells wrap at spaces; a word longer than its column folds onto the next line
rather than end in an ellipsis.  Only when a single column does not fit beside the labels is a
table printed wider than the terminal (which then wraps the lines, digits intact).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ._grid import Drawing

NARROWEST = 40  # columns: a table is never laid out narrower
Build = Callable[[Sequence[int]], Any]  # column indices -> a table of the labels and those


@dataclass(frozen=True)
class Layout:
    """One way to lay a table out: ``build(indices)`` makes a table (a rich Table for
    :class:`Fitted`, an :class:`~actplot._grid.Grid` for :class:`FittedGrid`) with the label
    column and the data columns ``indices`` (0 .. ``columns`` - 1).  ``sample``, if given, makes the
    same table from only the rows that decide its columns' widths (:func:`widest_rows`): it is
    measured instead, which gives the same figures for a fraction of the work."""

    build: Build
    columns: int
    sample: Build | None = None


def widest_rows(rows: Sequence[Sequence[str]]) -> list[int]:
    """The rows that decide a table of plain-text cells' widths: in each column, the first
    with the widest cell, and the first with the widest word (a column is measured at least
    as wide as its widest word and at most as wide as its widest cell)."""
    from ._grid import cell_len

    keep: set[int] = set()
    for j in range(max((len(r) for r in rows), default=0)):
        cells = [(cell_len(r[j]), max(map(cell_len, r[j].split()), default=0)) for r in rows]
        for part in (0, 1):
            keep.add(max(range(len(rows)), key=lambda i: cells[i][part]))
    return sorted(keep)


class Fitted:
    """Renders, at print time, the layout that needs the fewest tables to fit the width (the
    first one of those that tie), its tables one after the other, then ``after``."""

    def __init__(self, layouts: Sequence[Layout], after: Iterable[Any] = ()) -> None:
        self.layouts = list(layouts)
        self.after = list(after)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        # cells are plain text: a formula such as [max(0, x), max(0, -x)] is not rich markup,
        # whatever the console printing it was made with
        options = options.update(markup=False, highlight=False)
        # measured unclipped (rich clips a measurement to the width, and would squeeze a
        # number below its digits); below 40 columns, where a number would no longer fit
        # beside its label, the table is laid out for 40 and the terminal wraps it
        laid_out = options.update_width(1 << 16)

        def measure(table: Any) -> tuple[int, int]:
            m = Measurement.get(console, laid_out, table)
            return m.minimum, m.maximum

        width = max(options.max_width, NARROWEST)
        plans = [_Plan(lay, measure) for lay in self.layouts]
        best = min(plans, key=lambda plan: len(plan.groups(width)))  # min keeps the first tie
        for i, indices in enumerate(best.groups(width)):
            if i:
                yield ""
            table = best.table(indices, width)
            needed = best.minimum(indices)
            # wider than the terminal rather than cut: the console does not crop it
            wide = needed > options.max_width
            yield from console.render(
                table, options.update_width(max(needed, width)) if wide else options
            )
        yield from self.after


class FittedGrid(Drawing):
    """:class:`Fitted` for tables of plain text (:class:`~actplot._grid.Grid`), laid out and
    drawn without rich: :meth:`lines` for a width; ``after``, lines of (text, style) below."""

    def __init__(self, layouts: Sequence[Layout], after: Sequence[tuple[str, str]] = ()) -> None:
        self.layouts = list(layouts)
        self.after = list(after)

    def lines(self, width: int, box: str = "unicode") -> list[Any]:
        """The tables (and what comes after) for a terminal ``width`` cells wide, as lines
        of styled runs (see :mod:`actplot._grid`)."""
        from ._grid import wrap

        wide = max(width, NARROWEST)
        plans = [_Plan(lay, lambda grid: grid.measure()) for lay in self.layouts]
        best = min(plans, key=lambda plan: len(plan.groups(wide)))  # min keeps the first tie
        out: list[Any] = []
        for i, indices in enumerate(best.groups(wide)):
            if i:
                out.append([])
            needed = best.minimum(indices)  # wider than the terminal rather than cut
            drawn_at = width if needed <= width else max(needed, wide)
            out += best.table(indices, wide).lines(drawn_at, box)
        for text, style in self.after:
            out += [[(line, style)] for line in wrap(text, width)]
        return out


class _Plan:
    """A layout's columns measured: what each adds to a table at least and at most."""

    def __init__(self, layout: Layout, measure: Callable[[Any], tuple[int, int]]) -> None:
        self.layout = layout
        build = layout.sample or layout.build
        self.base = measure(build([]))
        self.extra = []
        for j in range(layout.columns):
            lo, hi = measure(build([j]))
            self.extra.append((lo - self.base[0], hi - self.base[1]))

    def minimum(self, indices: Sequence[int]) -> int:
        """The narrowest the table of these columns can be without cutting a word."""
        return self.base[0] + sum(self.extra[j][0] for j in indices)

    def groups(self, width: int) -> list[list[int]]:
        """The data columns in as few consecutive groups as fit ``width`` beside the labels,
        as even in size as they can be."""
        return _groups([lo for lo, _ in self.extra], width - self.base[0])

    def table(self, indices: Sequence[int], width: int) -> Any:
        """The table of these columns, each given at least the width its longest word needs
        (rich alone would squeeze some below it), the room left shared out towards what each
        would take in full."""
        table = self.layout.build(indices)
        parts = [self.base, *(self.extra[j] for j in indices)]
        lows = [lo for lo, _ in parts]
        wants = [max(0, hi - lo) for lo, hi in parts]
        room = max(0, width - sum(lows))
        if room >= sum(wants):
            return table  # it fits in full: rich lays it out as it is
        shares = [lo + room * w // max(sum(wants), 1) for lo, w in zip(lows, wants, strict=True)]
        # a column's part is its content, padding (2) and one border; the first has two
        content = [shares[0] - 4, *(share - 3 for share in shares[1:])]
        for column, w in zip(table.columns, content, strict=True):
            column.width = max(w, 1)
        return table


def _groups(extra: Sequence[int], room: int) -> list[list[int]]:
    n = len(extra)
    if n == 0:
        return [[]]
    for k in range(1, n + 1):
        size = math.ceil(n / k)
        groups = [list(range(i, min(i + size, n))) for i in range(0, n, size)]
        if all(sum(extra[j] for j in g) <= room for g in groups):
            return groups
    return [[j] for j in range(n)]  # one column each, wider than the room where it must be
