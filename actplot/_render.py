"""What ``list`` and ``info`` print, drawn from plain strings: the same for a definition and
for the built-ins' index (``actplot._index``), which needs neither numpy nor the activation
library.  ``list``'s table is drawn without rich (:mod:`actplot._grid`); rich is imported
for the rest when it is drawn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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
    if not before:
        return fitted
    from rich.console import Group

    from ._prose import Prose

    return Group(Prose(before), "", fitted)


def description(shown: dict[str, Any]) -> Any:
    """``info`` of one activation from its strings: ``label``, ``kind`` (family and kind),
    ``aliases`` (a line, or empty), ``summary``, ``grid`` (rows of two cells) and
    ``sections`` (headings, each with its items)."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from ._prose import Prose

    title = Text.assemble((shown["label"], "bold"), f"   {shown['kind']}")
    if shown["aliases"]:
        title.append(f"   {shown['aliases']}", style="dim")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in shown["grid"]:  # words wrap as prose (Chinese between characters)
        grid.add_row(key, value if key in FORMULAS else Prose(value))
    parts: list[Any] = [title]
    if shown["summary"]:
        parts.append(Prose(Text(shown["summary"], style="italic")))
    parts.append(Padding(grid, (1, 0)))
    for heading, items in shown["sections"]:
        parts.append(Text(heading, style="bold"))
        # each item its own paragraph, its continuation lines under its text
        parts.extend(Prose(f"• {item}", indent=2, hang=2) for item in items)
    return Group(*parts)
