"""What ``actplot list`` and ``actplot info`` show: :func:`catalogue` of every activation, and
:func:`info` on one, each as data (``to_dict``) or a rich renderable for people.

Formulas are stored as LaTeX (matplotlib mathtext); :func:`actplot.tex.plain` writes them as
text for the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ._formats import json_dumps, json_number, json_params
from .activation import Activation, Definition, format_param
from .errors import ActplotError
from .facts import Facts
from .frameworks.resolve import origin
from .i18n import check as check_lang
from .i18n import notes as notes_in
from .i18n import word
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
        """A table that fits the terminal: its columns after the names split over several
        tables if need be."""
        from rich.table import Table

        from ._terminal import Fitted, Layout

        head = ("aliases", "family", "parameters", "formula")
        rows = [
            (
                d.name,
                ", ".join(d.aliases),
                d.family + (" (vector)" if d.kind == "vector" else ""),
                ", ".join(f"{p.name}={format_param(p.default)}" for p in d.params),
                plain(d.formula),
            )
            for d in self.definitions
        ]

        def table(indices: Sequence[int]) -> Any:
            out = Table(header_style="bold", show_lines=False)
            out.add_column("name", no_wrap=True)
            for j in indices:
                out.add_column(head[j], overflow="fold")
            for row in rows:
                out.add_row(row[0], *(row[j + 1] for j in indices))
            return out

        return Fitted([Layout(table, len(head))])

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

    def breaks_text(self, lang: str = "en") -> str:
        at = word("at x =", lang)
        return "; ".join(
            f"{word(b.kind, lang)} {at} {format_param(b.x)}" for b in self.facts.breaks
        )

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """Every fact as data; the notes in ``lang``, their sections by English name."""
        act, d, facts = self.activation, self.activation.definition, self.facts
        n = notes_in(d, check_lang(lang))
        from .comparison import range_json

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
            **range_json(r),
            "monotonic": facts.monotonic,
            "continuity": facts.continuity,
            "breaks": [{"x": json_number(b.x), "order": b.order} for b in facts.breaks],
            "at_kinks": d.at_kinks,
            "defaults_as": origin(act),
            "caveats": list(self.caveats),
            "notes": {
                "summary": n.summary,
                **{heading.lower(): list(items) for heading, items in n.sections()},
            },
        }

    def to_json(self, lang: str = "en") -> str:
        return json_dumps(self.to_dict(lang))

    def to_rich(self, lang: str = "en") -> Any:
        """Formulas, parameters and facts, then the notes, in ``lang``."""
        from rich.console import Group
        from rich.padding import Padding
        from rich.table import Table
        from rich.text import Text

        act, d, facts = self.activation, self.activation.definition, self.facts
        n = notes_in(d, check_lang(lang))
        w = lambda text: word(text, lang)
        title = Text.assemble((act.label, "bold"), f"   {d.family}, {d.kind}")
        if d.aliases:
            title.append(f"   {w('also')}: {', '.join(d.aliases)}", style="dim")

        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row("f(x)", plain(d.formula))
        if d.derivative:
            grid.add_row("f′(x)", plain(d.derivative))
        grid.add_row("LaTeX", d.formula)
        for p in d.params:
            value = format_param(act.params[p.name])
            grid.add_row(p.name, f"{value}   {p.doc}; default {format_param(p.default)}")
        grid.add_row(w("range"), str(facts.range))
        grid.add_row(w("monotonic"), w("yes" if facts.monotonic else "no"))
        breaks = self.breaks_text(lang)
        grid.add_row(w("continuity"), facts.continuity + (f" ({breaks})" if breaks else ""))
        grid.add_row(w("at kinks"), d.at_kinks)
        grid.add_row(w("defaults"), f"{w('as')} {origin(act)}")

        parts: list[Any] = [title]
        if n.summary:
            parts.append(Text(n.summary, style="italic"))
        parts.append(Padding(grid, (1, 0)))
        numerics = [("Numerics", self.caveats)] if self.caveats else []
        for heading, items in [*numerics, *n.sections()]:
            parts.append(Text(w(heading), style="bold"))
            parts.extend(Padding(Text(f"• {item}"), (0, 0, 0, 2)) for item in items)
        return Group(*parts)

    def __rich__(self) -> Any:
        return self.to_rich()


def info(spec: Spec, convention: str | None = None) -> Description:
    """Formula, derivative, parameters, range, continuity, the convention at kinks and notes
    of one activation (a name, a spec such as ``"elu:alpha=2"``, or an Activation), and
    whose defaults it has.  ``convention``: torch, jax, keras, tf or mlx, whose defaults and
    derivatives at kinks the name follows; None is actplot's own (PyTorch's)."""
    from .spec import activations

    if isinstance(spec, Activation) or convention is not None:
        found = activations([spec], convention)
        if len(found) != 1:
            raise ActplotError(f"{spec!r} sweeps {len(found)} activations; info takes one")
        act = found[0]
    else:
        act = get(spec)
    facts = act.facts
    if facts is None:
        from .properties import analyse

        facts = analyse(act).facts
    return Description(act, facts, act.caveats)
