"""The live check written out: for the terminal (rich), markdown and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .._formats import markdown_table
from .names import VERSIONS
from .run import DTYPES, RUNNABLE

if TYPE_CHECKING:  # check.py imports this module to write its results
    from .check import Check, Result

PRIMES = {0: "f", 1: "f′", 2: "f″"}


def _num(v: float) -> str:
    from ..comparison import num

    return num(v)


def _ulps(r: Result, dtype: str, order: int) -> str:
    w = r.worst.get(dtype, {}).get(order)
    if w is None:
        return "refused" if dtype in r.worst else ""
    if w.ulps == 0:
        return "0"
    return f"{_num(w.ulps)} at {_num(w.x)}"


def _kinks(r: Result, order: int) -> str:
    seen = [k for k in r.kinks if k.dtype == "float64" and k.order == order]
    return "; ".join(
        f"{_num(k.x)}: {'refused' if k.got is None else _num(k.got)}{'' if k.agrees else ' ≠'}"
        for k in seen
    )


HEAD = ("name there", *(f"{PRIMES[o]} ulps {d[5:]}" for d in DTYPES for o in (0, 1, 2)),
        "f′ at kinks", "f″ at kinks")  # fmt: skip


def _cells(r: Result) -> list[str]:
    if r.error:
        return [r.name, r.error, *[""] * (len(HEAD) - 2)]
    ulps = [_ulps(r, d, o) for d in DTYPES for o in (0, 1, 2)]
    return [r.name, *ulps, _kinks(r, 1), _kinks(r, 2)]


def _header(c: Check, module: str) -> str:
    read = VERSIONS[RUNNABLE[module][0]]
    head = f"{module} {c.installed[module]} installed (the table was read from {read})"
    flushed = c.flushes.get(module, ())
    if flushed:
        below = ", ".join(f"{_num(float(np.finfo(d).tiny))} in {d}" for d in flushed)
        head += (f"; here it flushes subnormals (below {below}) to 0, so its errors are "
                 "measured at normal x (and where f is subnormal, they are that)")  # fmt: skip
    return head


def _problems(c: Check) -> list[str]:
    out = []
    for r in c.results:
        for k in r.disagreements:
            prime = "'" * k.order
            out.append(f"{r.framework} {r.name}{prime}({_num(k.x)}) in {k.dtype} is "
                       f"{_num(k.got)}; the table says {_num(k.expected)}")  # fmt: skip
    return out


def _summary(c: Check) -> list[str]:
    lines = [f"not installed: {', '.join(c.missing)}"] if c.missing else []
    problems = _problems(c)
    declared = sum(k.declared for r in c.results for k in r.kinks if k.got is not None)
    if problems:
        lines += ["disagreements with the convention table:", *(f"  {p}" for p in problems)]
    elif c.results:
        lines.append(f"every kink value the table declares ({declared}) agrees ("
                     "≠ marks an undeclared one that differs from actplot's)")  # fmt: skip
    return lines


def rich_renderable(c: Check) -> Any:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from .._terminal import Fitted, Layout

    parts: list[Any] = [Text("Live check: ulps against actplot's exact values", style="bold")]
    for module in c.installed:
        results = [r for r in c.results if r.framework == module]
        rows = [_cells(r) for r in results]
        parts.append(Text(_header(c, module)))
        if not rows:
            parts.append(Text("  has none of these"))
            continue

        def build(indices: Sequence[int], rows: list = rows) -> Any:
            out = Table(header_style="bold")
            out.add_column(HEAD[0], no_wrap=True)
            for j in indices:
                out.add_column(HEAD[j + 1], overflow="fold")
            for row in rows:
                out.add_row(row[0], *(row[j + 1] for j in indices))
            return out

        parts.append(Fitted([Layout(build, len(HEAD) - 1)]))
    parts += [Text(line) for line in _summary(c)]
    return Group(*parts)


def markdown_text(c: Check) -> str:
    lines = ["### Live check", ""]
    for module in c.installed:
        lines += [_header(c, module), ""]
        rows = [_cells(r) for r in c.results if r.framework == module]
        lines += [*markdown_table(HEAD, rows, numeric=False), ""] if rows else []
    lines += [f"- {line.strip()}" for line in _summary(c)]
    return "\n".join(lines) + "\n"


def csv_text(c: Check) -> str:
    """Every digit: a line per framework function, dtype and order; then the kinks."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["framework", "version", "activation", "name", "dtype", "order", "ulps", "x",
                "error"])  # fmt: skip
    for m in c.missing:
        w.writerow([m, "not installed", "", "", "", "", "", "", ""])
    for r in c.results:
        if r.error:
            w.writerow([r.framework, c.installed[r.framework], r.activation, r.name, "", "", "",
                        "", r.error])  # fmt: skip
        for dtype, by in r.worst.items():
            for order, worst in by.items():
                w.writerow([r.framework, c.installed[r.framework], r.activation, r.name, dtype,
                            order, repr(worst.ulps), repr(worst.x), ""])  # fmt: skip
    w.writerow([])
    w.writerow(["framework", "name", "x", "order", "dtype", "got", "expected", "declared",
                "agrees"])  # fmt: skip
    for r in c.results:
        for k in r.kinks:
            w.writerow([r.framework, r.name, repr(k.x), k.order, k.dtype,
                        "" if k.got is None else repr(k.got), repr(k.expected), k.declared,
                        k.agrees])  # fmt: skip
    return buf.getvalue()
