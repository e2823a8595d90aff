"""Value tables: activations (and derivatives) at chosen points, rendered for people or programs.

``compute`` does the numbers; ``to_rich``, ``to_csv``, ``to_json`` and ``to_markdown`` render
them.  Vector-valued activations are applied to the whole x vector at once, as the seeds' table
does (softmax of [-2, 0, 2]), and their derivative row is the Jacobian's diagonal.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import _json, _markdown
from .activation import Activation

# the seeds' comparison: sigmoid, tanh, relu, softmax, softmin, log_softmax at [-2, 0, 2]
SEED_NAMES = ("sigmoid", "tanh", "relu", "softmax", "softmin", "log_softmax")
SEED_X = (-2.0, 0.0, 2.0)
DEFAULT_PRECISION = 4

_ORDER_LABEL = {1: "f′", 2: "f″"}


@dataclass(frozen=True)
class Row:
    activation: Activation
    values: np.ndarray
    derivative: np.ndarray | None = None
    order: int = 0  # of the derivative row, 0 when there is none

    @property
    def vector(self) -> bool:
        return self.activation.kind == "vector"


def compute(activations: Sequence[Activation], x: Sequence[float], order: int = 0) -> list[Row]:
    """One row per activation at the points x, with the derivative of ``order`` if it is 1 or 2."""
    xs = np.asarray(x, dtype=np.float64)
    return [Row(a, a(xs), a.grad(xs, order) if order else None, order) for a in activations]


def format_value(v: float, precision: int = DEFAULT_PRECISION) -> str:
    """Fixed point to ``precision`` places, unless that would show a nonzero value as zero
    (sigmoid'(40) = 4.2484e-18) or take too many digits: then scientific."""
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    v += 0.0  # -0.0 prints as 0
    fixed = f"{v:.{precision}f}"
    if (v != 0 and float(fixed) == 0) or abs(v) >= 1e9:
        return f"{v:.{precision}e}"
    return fixed


def _x_header(x: float) -> str:
    return f"{x + 0.0:.15g}"  # -2, 0.5, 1e-08: as typed, without a trailing .0


def _label(row: Row) -> str:
    return row.activation.label + (" †" if row.vector else "")


def _lines(rows: Sequence[Row], precision: int) -> list[tuple[str, list[str], bool]]:
    """(label, cells, is_derivative) for each printed line."""
    out = []
    for row in rows:
        out.append((_label(row), [format_value(v, precision) for v in row.values], False))
        if row.derivative is not None:
            label = f"  {_ORDER_LABEL[row.order]}"
            out.append((label, [format_value(v, precision) for v in row.derivative], True))
    return out


def footnote(rows: Sequence[Row], x: Sequence[float]) -> str | None:
    if not any(r.vector for r in rows):
        return None
    vec = ", ".join(_x_header(v) for v in x)
    note = f"† vector-valued: applied to the whole vector x = ({vec})"
    if any(r.derivative is not None for r in rows):
        note += "; its derivative row is the Jacobian's diagonal d y_i / d x_i"
    return note


def to_rich(rows: Sequence[Row], x: Sequence[float], precision: int = DEFAULT_PRECISION):
    """A rich renderable: the table, and its footnote (rich is imported here, not at load)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold")
    table.add_column("activation", style="bold", no_wrap=True)
    for v in x:
        table.add_column(_x_header(v), justify="right", no_wrap=True)
    for label, cells, is_derivative in _lines(rows, precision):
        table.add_row(label, *cells, style="dim" if is_derivative else None)
    note = footnote(rows, x)
    return Group(table, Text(note, style="dim")) if note else table


def to_markdown(rows: Sequence[Row], x: Sequence[float], precision: int = DEFAULT_PRECISION) -> str:
    head = ["activation", *(_x_header(v) for v in x)]
    body = [[label.strip(), *cells] for label, cells, _ in _lines(rows, precision)]
    lines = _markdown.table(head, body)
    note = footnote(rows, x)
    return "\n".join(lines + ([f"\n{note}"] if note else [])) + "\n"


def to_csv(rows: Sequence[Row], x: Sequence[float], precision: int | None = None) -> str:
    """Full precision (round-trip repr) unless a precision is asked for."""
    fmt = repr if precision is None else (lambda v: format_value(v, precision))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["activation", "quantity", *(repr(float(v)) for v in x)])
    for row in rows:
        w.writerow([row.activation.label, "f", *(fmt(float(v)) for v in row.values)])
        if row.derivative is not None:
            quantity = "f" + "'" * row.order
            w.writerow([row.activation.label, quantity, *(fmt(float(v)) for v in row.derivative)])
    return buf.getvalue()


def to_json(rows: Sequence[Row], x: Sequence[float]) -> str:
    out_rows = []
    for row in rows:
        item = {
            "name": row.activation.name,
            "label": row.activation.label,
            "params": _json.params(row.activation.params),
            "kind": row.activation.kind,
            "values": _json.numbers(row.values),
        }
        if row.derivative is not None:
            item["derivative_order"] = row.order
            item["derivative"] = _json.numbers(row.derivative)
        out_rows.append(item)
    return _json.dumps({"x": _json.numbers(x), "rows": out_rows})
