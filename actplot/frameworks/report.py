"""What ``actplot frameworks`` shows: for one activation, a row per framework (its names
there, its defaults, its derivatives at the kinks, and how far its default is from actplot's
canonical function); and the availability matrix of every activation across frameworks.

The distance is :func:`actplot.properties.difference`, the measure ``compare --diff`` uses:
the largest |A - B| over the whole line, and where.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .._formats import json_dumps, json_number, markdown_table
from ..activation import Activation, format_param
from ..errors import ActplotError
from ..registry import REGISTRY
from . import PREFIXES
from .conventions import KINKS_OF, kinks
from .names import VERSIONS, Name, fold, names_in

Status = Literal["present", "absent", "pending"]


@dataclass(frozen=True)
class KinkValue:
    """f' (order 1) or f'' (2) at a kink x, as the framework returns it."""

    x: float
    order: int
    value: float
    declared: bool  # by the convention table; else actplot's own (PyTorch's)


@dataclass(frozen=True)
class Row:
    """One framework's take on one activation."""

    framework: str
    status: Status
    names: tuple[str, ...] = ()
    call: str = ""
    spec: str = ""  # actplot's spec for it, with that framework's defaults
    defaults: str = ""  # in words: what differs from actplot's canonical function
    kinks: tuple[KinkValue, ...] = ()
    largest: float | None = None  # max |framework's - canonical| over the line
    where: tuple[float, ...] = ()
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework,
            "version": VERSIONS[self.framework],
            "status": self.status,
            "names": list(self.names),
            "call": self.call,
            "spec": self.spec,
            "defaults": self.defaults,
            "kinks": [
                {
                    "x": json_number(k.x),
                    "order": k.order,
                    "value": json_number(k.value),
                    "declared": k.declared,
                }
                for k in self.kinks
            ],
            "largest_difference": None if self.largest is None else json_number(self.largest),
            "where": [json_number(x) for x in self.where],
            "note": self.note,
        }


@dataclass(frozen=True)
class Table:
    """An activation across the frameworks: a row per framework prefix."""

    activation: Activation
    rows: tuple[Row, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"activation": self.activation.name, "label": self.activation.label,
                "frameworks": [r.to_dict() for r in self.rows]}  # fmt: skip


def _num(v: float) -> str:
    from ..comparison import num

    return num(v)


def _kinks_text(row: Row, order: int) -> str:
    if row.framework.startswith("keras") and row.status == "present" and row.kinks:
        return "backend's"
    return "; ".join(f"{_num(k.x)}: {_num(k.value)}" for k in row.kinks if k.order == order)


def _diff_text(row: Row) -> str:
    if row.largest is None:
        return ""
    if row.largest == 0:
        return "0"
    from ..comparison import _where

    if row.largest == math.inf:
        return f"unbounded (x → {_where(row.where)})"
    return f"{_num(row.largest)} at {_where(row.where)}"


HEAD = ("framework", "names there", "defaults", "f′ at kinks", "f″ at kinks", "max |Δ|")


def _cells(row: Row) -> list[str]:
    names = ", ".join(row.names) if row.names else "—"
    status = {"absent": "", "pending": "(not in actplot yet)"}.get(row.status, row.defaults)
    return [row.framework, names, status, _kinks_text(row, 1), _kinks_text(row, 2), _diff_text(row)]


@dataclass(frozen=True)
class Report:
    """One :class:`Table` per activation asked for, and the live check if it was run."""

    tables: tuple[Table, ...]
    check: Any = None  # a check.Check, when asked for
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"activations": [t.to_dict() for t in self.tables]}
        if self.check is not None:
            out["check"] = self.check.to_dict()
        return out

    def to_json(self) -> str:
        return json_dumps(self.to_dict())

    def to_csv(self) -> str:
        """Every digit: a line per activation and framework."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["activation", "framework", "status", "names", "spec", "defaults",
                    "kinks", "largest_difference", "where"])  # fmt: skip
        for t in self.tables:
            for r in t.rows:
                kinks = " ".join(f"{'f' + chr(39) * k.order}({k.x!r})={k.value!r}" for k in r.kinks)
                w.writerow([t.activation.name, r.framework, r.status, " ".join(r.names), r.spec,
                            r.defaults, kinks, "" if r.largest is None else repr(r.largest),
                            " ".join(repr(x) for x in r.where)])  # fmt: skip
        if self.check is not None:
            buf.write("\n" + self.check.to_csv())
        return buf.getvalue()

    def to_markdown(self) -> str:
        lines: list[str] = []
        for t in self.tables:
            lines += [f"### {t.activation.label}", ""]
            lines += markdown_table(HEAD, [_cells(r) for r in t.rows], numeric=False)
            lines += [""] + [f"- {n}" for n in _notes(t)] + ([""] if _notes(t) else [])
        if self.check is not None:
            lines += [self.check.to_markdown()]
        return "\n".join(lines).rstrip("\n") + "\n"

    def to_rich(self) -> Any:
        """A table per activation that fits the terminal (columns split, never a number cut),
        its notes under it, then the check."""
        from rich.console import Group
        from rich.table import Table as RichTable
        from rich.text import Text

        from .._terminal import Fitted, Layout

        parts: list[Any] = []
        for t in self.tables:
            rows = [_cells(r) for r in t.rows]
            # columns empty in every row (no kinks) are left out
            keep = [j for j in range(1, len(HEAD)) if any(row[j] for row in rows)]

            def build(indices: Sequence[int], rows: list = rows, keep: list = keep) -> Any:
                out = RichTable(header_style="bold")
                out.add_column(HEAD[0], no_wrap=True)
                for j in indices:
                    out.add_column(HEAD[keep[j]], overflow="fold")
                for row in rows:
                    out.add_row(row[0], *(row[keep[j]] for j in indices))
                return out

            parts.append(Text(f"{t.activation.label}: {_sense()}", style="bold"))
            parts.append(Fitted([Layout(build, len(keep))], [Text(n) for n in _notes(t)]))
            parts.append(Text(""))
        if self.check is not None:
            parts.append(self.check.to_rich())
        return Group(*parts)

    def __rich__(self) -> Any:
        return self.to_rich()


def _sense() -> str:
    return "kinks as x: value; max |Δ| from actplot's, and where"


def _notes(t: Table) -> list[str]:
    return [f"{r.framework}: {r.note}" for r in t.rows if r.note]


# building the tables ---------------------------------------------------------------------------


def _candidates(framework: str, canonical: str, spelled: set[str]) -> list[list[Name]]:
    """The framework's rows for an activation, grouped by spec: those that map to it, and
    those spelled as its names (jax's gelu, which is actplot's gelu_tanh)."""
    groups: dict[str, list[Name]] = {}
    for n in names_in(framework):
        if n.target == canonical or fold(n.name) in spelled:
            groups.setdefault(n.spec, []).append(n)
    return list(groups.values())


def _defaults_text(canonical: Activation, act: Activation, spec: str) -> str:
    target = spec.partition(":")[0]
    changed = {k: v for k, v in act.params.items() if canonical.params.get(k, None) != v}
    words = ", ".join(f"{k}={format_param(v)}" for k, v in changed.items())
    if target != canonical.name:
        return f"is {target}" + (f"({words})" if words else "")
    return words or "same"


def _kink_values(framework: str, act: Activation) -> tuple[KinkValue, ...]:
    facts = act.facts
    if facts is None or act.kind != "elementwise":
        return ()
    declared = {
        (f.order, f.point(act.params)) for f in kinks(framework, act.name) if f.holds(act.params)
    }
    torch_like = KINKS_OF.get(framework, framework) == "torch"
    out = []
    for x in sorted({b.x for b in facts.breaks}):
        for order in (1, 2):
            known = (order, x) in declared or torch_like or order == 1
            if known:
                value = float(act.grad(x, order))
                out.append(KinkValue(x, order, value, (order, x) in declared))
    return tuple(out)


def _row(framework: str, canonical: Activation, group: list[Name]) -> Row:
    from ..properties import difference
    from .resolve import PendingActivationError

    first = group[0]
    names = tuple(n.name for n in group)
    note = next((n.note for n in group if n.note), "")
    base = Row(framework, "pending", names, first.call, first.spec, note=note)
    try:
        act = _get(first.typed)
    except PendingActivationError:
        return base
    same = first.spec == canonical.name  # the very function: nothing to measure
    largest, where = 0.0, ()
    if not same:
        d = difference(canonical, act).largest
        largest, where = d.value, d.xs
    return Row(framework, "present", names, first.call, first.spec,
               _defaults_text(canonical, act, first.spec), _kink_values(framework, act),
               largest, tuple(where), note)  # fmt: skip


def _get(typed: str) -> Activation:
    from ..spec import get

    return get(typed)


def table(spec: str | Activation) -> Table:
    """One activation across every framework prefix (see :func:`across`)."""
    from ..spec import get

    act = spec if isinstance(spec, Activation) else get(spec)
    if act.name not in REGISTRY:  # an expression: no framework has a name for it
        raise ActplotError(
            f"{act.spec!r} is an expression of your own, which no framework names: compare it "
            f"with a registered activation instead (actplot compare {act.spec!r} gelu --diff)"
        )
    canonical = REGISTRY[act.name].bind({})
    spelled = {fold(n) for n in (canonical.name, *canonical.definition.aliases)}
    rows: list[Row] = []
    for fw in PREFIXES:
        groups = _candidates(fw, canonical.name, spelled)
        rows += [_row(fw, canonical, g) for g in groups] or [Row(fw, "absent")]
    return Table(canonical, tuple(rows))


def across(*specs: str | Activation, check: bool = False) -> Report:
    """Each activation (a name, ``torch:LeakyReLU``, or an Activation) across the frameworks:
    its names there, their defaults, their derivatives at kinks, and the largest difference
    of their default from actplot's canonical function.  ``check``: also evaluate each
    installed framework (torch, jax, tensorflow, mlx) on actplot's accuracy grid
    (:func:`actplot.frameworks.check.check`).

    >>> r = across("leaky_relu")
    >>> [row.defaults for row in r.tables[0].rows if row.framework == "keras"]
    ['alpha=0.2']
    """
    if not specs:
        raise ActplotError("frameworks needs an activation, or --all for the matrix")
    tables = tuple(table(s) for s in specs)
    found = None
    if check:
        from .check import check as run

        found = run(*(t.activation.name for t in tables))
    return Report(tables, found)
