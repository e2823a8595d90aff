"""What ``actplot list`` and ``actplot info`` show: :func:`catalogue` of every activation, and
:func:`info` on one, each as data (``to_dict``) or a rich renderable for people.

Formulas are stored as LaTeX (matplotlib mathtext); :func:`actplot.tex.plain` writes them as
text for the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._formats import json_dumps, json_number, json_params
from .activation import Activation, Definition, Facts, format_param
from .registry import REGISTRY, Registry
from .spec import Spec, get
from .tex import plain

# list ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Catalogue:
    """Every registered activation, in registration order."""

    definitions: tuple[Definition, ...]

    def to_list(self) -> list[dict[str, Any]]:
        """Every activation as plain data (what ``actplot list --format json`` prints)."""
        return [
            {
                "name": d.name,
                "label": d.label,
                "aliases": list(d.aliases),
                "family": d.family,
                "kind": d.kind,
                "params": json_params({p.name: p.default for p in d.params}),
                "formula": d.formula,
                "derivative": d.derivative,
                "summary": d.notes.summary,
            }
            for d in self.definitions
        ]

    def to_json(self) -> str:
        return json_dumps(self.to_list())

    def to_rich(self) -> Any:
        from rich.table import Table

        table = Table(header_style="bold", show_lines=False)
        for col in ("name", "aliases", "family", "parameters", "formula"):
            table.add_column(col, no_wrap=col in ("name", "family"))
        for d in self.definitions:
            params = ", ".join(f"{p.name}={format_param(p.default)}" for p in d.params)
            kind = " (vector)" if d.kind == "vector" else ""
            table.add_row(d.name, ", ".join(d.aliases), d.family + kind, params, plain(d.formula))
        return table

    def __rich__(self) -> Any:
        return self.to_rich()


def catalogue(registry: Registry = REGISTRY) -> Catalogue:
    """Every activation of the registry: names, aliases, family, parameters and formula."""
    return Catalogue(tuple(registry.values()))


# info ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Description:
    """One activation with its parameter values: formulas, parameters, range, continuity, the
    convention at kinks, numerical caveats and notes.  The facts are the declared ones, or
    measured where the definition declares none."""

    activation: Activation
    facts: Facts
    caveats: tuple[str, ...] = ()  # where it is numerically fragile (an expression's overflows)

    def breaks_text(self) -> str:
        return "; ".join(f"{b.kind} at x = {format_param(b.x)}" for b in self.facts.breaks)

    def to_dict(self) -> dict[str, Any]:
        act, d, facts = self.activation, self.activation.definition, self.facts
        r = facts.range
        return {
            "name": act.name,
            "label": act.label,
            "family": d.family,
            "kind": d.kind,
            "aliases": list(d.aliases),
            "formula": d.formula,
            "derivative": d.derivative,
            "params": json_params(act.params),
            "defaults": json_params({p.name: p.default for p in d.params}),
            "range": [json_number(r.lo), json_number(r.hi)],
            "range_closed": [r.lo_closed, r.hi_closed],
            "monotonic": facts.monotonic,
            "continuity": facts.continuity,
            "breaks": [{"x": json_number(b.x), "order": b.order} for b in facts.breaks],
            "at_kinks": d.at_kinks,
            "caveats": list(self.caveats),
            "notes": {
                "summary": d.notes.summary,
                **{heading.lower(): list(items) for heading, items in d.notes.sections()},
            },
        }

    def to_json(self) -> str:
        return json_dumps(self.to_dict())

    def to_rich(self) -> Any:
        from rich.console import Group
        from rich.padding import Padding
        from rich.table import Table
        from rich.text import Text

        act, d, facts = self.activation, self.activation.definition, self.facts
        title = Text.assemble((act.label, "bold"), f"   {d.family}, {d.kind}")
        if d.aliases:
            title.append(f"   also: {', '.join(d.aliases)}", style="dim")

        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        grid.add_row("f(x)", plain(d.formula))
        if d.derivative:
            grid.add_row("f′(x)", plain(d.derivative))
        grid.add_row("LaTeX", d.formula)
        for p in d.params:
            value = format_param(act.params[p.name])
            grid.add_row(p.name, f"{value}   {p.doc}; default {format_param(p.default)}")
        grid.add_row("range", str(facts.range))
        grid.add_row("monotonic", "yes" if facts.monotonic else "no")
        breaks = self.breaks_text()
        grid.add_row("continuity", facts.continuity + (f" ({breaks})" if breaks else ""))
        grid.add_row("at kinks", d.at_kinks)

        parts: list[Any] = [title]
        if d.notes.summary:
            parts.append(Text(d.notes.summary, style="italic"))
        parts.append(Padding(grid, (1, 0)))
        numerics = [("Numerics", self.caveats)] if self.caveats else []
        for heading, items in [*numerics, *d.notes.sections()]:
            parts.append(Text(heading, style="bold"))
            parts.extend(Padding(Text(f"• {item}"), (0, 0, 0, 2)) for item in items)
        return Group(*parts)

    def __rich__(self) -> Any:
        return self.to_rich()


def info(spec: Spec) -> Description:
    """Formula, derivative, parameters, range, continuity, the convention at kinks and notes
    of one activation (a name, a spec such as ``"elu:alpha=2"``, or an Activation)."""
    act = spec if isinstance(spec, Activation) else get(spec)
    facts = act.facts
    if facts is None:
        from .properties import analyse

        facts = analyse(act).facts
    return Description(act, facts, act.caveats)
