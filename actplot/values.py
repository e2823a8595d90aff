"""Value tables: activations and their derivatives at chosen points.

:func:`table` computes a :class:`ValueTable`; its methods write it for people (rich, markdown)
or programs (csv, json, :meth:`ValueTable.to_dict`) and draw it.  Vector-valued activations
are applied to the whole x vector at once (softmax of [-2, 0, 2]), and their derivative rows
are the Jacobian's diagonal.  Gated ones (swiglu) are tabulated over the gate b = x, the value
held at a = 1 (or ``value``), their derivative rows being df/db and d2f/db2.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ._formats import json_dumps, json_numbers, json_params, markdown_table
from .activation import Activation, held_values, real_array
from .errors import ActplotError
from .numbers import DIGITS, format_number
from .spec import Spec, activations

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# The classic comparison of study notes and textbooks: these six at -2, 0 and 2.
DEFAULT_NAMES = ("sigmoid", "tanh", "relu", "softmax", "softmin", "log_softmax")
DEFAULT_X = (-2.0, 0.0, 2.0)
MAX_POINTS = 10_000  # a table of more is a pasted file, not a question

ORDER_NAMES = ("f", "f'", "f''")  # csv and json: plain ASCII
ORDER_SYMBOLS = ("f", "f′", "f″")  # rich and markdown


@dataclass(frozen=True)
class Row:
    """One activation's values at the table's points: f (order 0), f' and f'' as asked."""

    activation: Activation
    values: dict[int, np.ndarray]  # by derivative order, in the order shown

    @property
    def vector(self) -> bool:
        return self.activation.kind == "vector"

    @property
    def mark(self) -> str:
        """After the label: † vector-valued, ‡ gated (the footnote says what they mean)."""
        return {"vector": " †", "gated": " ‡"}.get(self.activation.kind, "")


@dataclass(frozen=True)
class Line:
    """One printed line of a table: ``label``'s values of order ``order``."""

    label: str
    order: int
    cells: list[str]
    first: bool  # the activation's first line: it carries the label

    @property
    def name(self) -> str:
        """The line's name in full: Sigmoid, Tanh f′."""
        return self.label if self.order == 0 else f"{self.label} {ORDER_SYMBOLS[self.order]}"

    @property
    def text(self) -> str:
        """What the line's first cell shows: the full name on the first line, the order alone
        on the lines after it (indented)."""
        return self.name if self.first else f"  {ORDER_SYMBOLS[self.order]}"


@dataclass(frozen=True)
class ValueTable:
    """A row per activation, each with the derivative orders ``derivatives`` at the points ``x``."""

    x: tuple[float, ...]
    derivatives: tuple[int, ...]
    rows: tuple[Row, ...]

    @property
    def activations(self) -> list[Activation]:
        return [r.activation for r in self.rows]

    def footnote(self) -> str | None:
        """What a vector-valued or gated row means, if there is one."""
        notes = []
        if any(r.vector for r in self.rows):
            vec = ", ".join(_x_text(v) for v in self.x)
            note = f"† vector-valued: applied to the whole vector x = ({vec})"
            if any(self.derivatives):
                note += "; its derivative rows are the Jacobian's diagonal d y_i / d x_i"
            notes.append(note)
        held = held_values(self.activations)
        if held:
            note = f"‡ gated f(a, b): over the gate b = x, the value held at a = {held}"
            if any(self.derivatives):
                note += "; its derivative rows are ∂f/∂b and ∂²f/∂b²"
            notes.append(note)
        return "\n".join(notes) or None

    # for programs -------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """{"x": [...], "rows": [{"name", "label", "params", "kind", "f", "f'", ...}]}, with
        nan and infinities as the strings "nan", "inf", "-inf"."""
        rows = []
        for row in self.rows:
            act = row.activation
            item = {"name": act.name, "label": act.label, "params": json_params(act.params),
                    "kind": act.kind}  # fmt: skip
            if act.kind == "gated":
                item["value"] = act.held  # f(value, x): x is the gate
            item.update((ORDER_NAMES[k], json_numbers(v)) for k, v in row.values.items())
            rows.append(item)
        return {"x": json_numbers(self.x), "rows": rows}

    def to_json(self) -> str:
        return json_dumps(self.to_dict())

    def to_csv(self, digits: int | None = None) -> str:
        """Every digit, unless ``digits`` asks for fewer."""
        buf = io.StringIO()
        import csv

        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["activation", "quantity", *(repr(v) for v in self.x)])
        for row in self.rows:
            for order, values in row.values.items():
                cells = (format_number(v, digits) for v in values)
                w.writerow([row.activation.label, ORDER_NAMES[order], *cells])
        return buf.getvalue()

    # for people ---------------------------------------------------------------------------

    def lines(self, digits: int = DIGITS) -> list[Line]:
        """Each printed line: an activation and one of its orders, with the cells."""
        out = []
        for row in self.rows:
            label = row.activation.label + row.mark
            for i, (order, values) in enumerate(row.values.items()):
                cells = [format_number(v, digits) for v in values]
                out.append(Line(label, order, cells, first=i == 0))
        return out

    def to_markdown(self, digits: int = DIGITS) -> str:
        head = ["activation", *(_x_text(v) for v in self.x)]
        body = [[line.text.strip(), *line.cells] for line in self.lines(digits)]
        lines = markdown_table(head, body)
        note = self.footnote()
        return "\n".join(lines + ([f"\n{note}"] if note else [])) + "\n"

    def to_rich(self, digits: int = DIGITS, transpose: bool | None = None) -> Any:
        """A rich renderable that fits the width it is printed at: activations down and points
        across, or with ``transpose`` points down and activations across; by default the way
        that needs fewer tables.  Its tables are drawn without rich (:mod:`actplot._grid`)."""
        from ._grid import Column, Grid
        from ._terminal import FittedGrid, Layout, widest_rows

        lines = self.lines(digits)
        heads = [_x_text(v) for v in self.x]
        # the rows that decide the widths, measured in place of the whole table
        widest_lines = widest_rows([[line.text, *line.cells] for line in lines])
        widest_points = widest_rows(
            [[x, *(ln.cells[i] for ln in lines)] for i, x in enumerate(heads)]
        )

        def across(indices: Sequence[int], rows: Sequence[int] = range(len(lines))) -> Grid:
            out = Grid(  # a row per activation and order
                Column("activation", style="bold"),
                *(Column(heads[j], justify="right", wrap=False) for j in indices),
            )
            for line in (lines[r] for r in rows):
                style = "" if line.first else "dim"
                out.add_row(line.text, *(line.cells[j] for j in indices), style=style)
            return out

        def down(indices: Sequence[int], rows: Sequence[int] = range(len(heads))) -> Grid:
            out = Grid(  # a row per point
                Column("x", justify="right", style="bold"),
                *(
                    Column(lines[j].name, justify="right", min_width=max(map(len, lines[j].cells)))
                    for j in indices
                ),
            )
            for i in rows:
                out.add_row(heads[i], *(lines[j].cells[i] for j in indices))
            return out

        layouts = [
            Layout(across, len(heads), lambda indices: across(indices, widest_lines)),
            Layout(down, len(lines), lambda indices: down(indices, widest_points)),
        ]
        if transpose is not None:
            layouts = layouts[1:] if transpose else layouts[:1]
        note = self.footnote()
        return FittedGrid(layouts, [(note, "dim")] if note else [])

    def __rich__(self) -> Any:
        return self.to_rich()

    def figure(self, points: int = 1001) -> Figure:
        """The tabulated activations drawn over the span of the points, one panel per
        derivative order, with a dot at each tabulated value."""
        from .plotting import draw_table

        return draw_table(self, points=points)


def _values(act: Activation, xs: np.ndarray, order: int) -> np.ndarray:
    if act.kind == "gated":
        return act.evaluate(xs, order)  # over the gate, the value held
    return act(xs) if order == 0 else act.grad(xs, order)


def _x_text(x: float) -> str:
    return format_number(x, trim=True)  # every digit, as typed: -2, 0.5, 1e-08


def table(
    specs: Spec | Iterable[Spec] = DEFAULT_NAMES,
    x: Iterable[float] = DEFAULT_X,
    derivatives: Sequence[int] = (0,),
    value: float | None = None,
    convention: str | None = None,
) -> ValueTable:
    """The values of activations (names, specs or :class:`Activation` objects) at the points
    ``x``, and of the derivatives of the orders in ``derivatives`` (0 is f itself).  Gated
    activations are taken over the gate b = x, their value a held at ``value`` (1 if None).
    ``convention``: torch, jax, keras, tf or mlx, whose defaults and derivatives at kinks the
    names follow; None is actplot's own (PyTorch's).

    >>> t = table(["sigmoid", "relu"], x=[-1, 0, 1], derivatives=(0, 1))
    >>> relu = t.rows[1]
    >>> relu.values[0].tolist(), relu.values[1].tolist()
    ([0.0, 0.0, 1.0], [0.0, 0.0, 1.0])
    """
    acts = activations(
        [specs] if isinstance(specs, (str, Activation)) else specs, value, convention
    )
    xs = real_array(list(x))
    if xs.ndim != 1 or not 1 <= xs.size <= MAX_POINTS:
        raise ActplotError(f"a table takes 1 point and at most {MAX_POINTS}, got {xs.size}")
    orders = tuple(dict.fromkeys(derivatives))
    if not orders or any(o not in (0, 1, 2) for o in orders):
        raise ActplotError(f"derivatives are orders 0, 1 and 2, got {tuple(derivatives)}")
    rows = tuple(Row(a, {k: _values(a, xs, k) for k in orders}) for a in acts)
    return ValueTable(tuple(float(v) for v in xs), orders, rows)
