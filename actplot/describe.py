"""What ``actplot list`` and ``actplot info`` show: :func:`catalogue` of every activation, and
:func:`info` on one, each as data (``to_dict``) or a rich renderable for people.

Formulas are stored as LaTeX (matplotlib mathtext); :func:`actplot.tex.plain` writes them as
text for the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import _render as render
from ._formats import json_dumps, json_number, json_params
from .activation import REAL, Activation, Definition, format_param
from .errors import ActplotError
from .facts import Facts
from .frameworks.resolve import origin
from .i18n import aside, breaks_text, parameter_doc, word
from .i18n import check as check_lang
from .i18n import convention as convention_in
from .i18n import notes as notes_in
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

    def rows(self) -> list[tuple[str, str, str, str, str]]:
        """(name, aliases, family, parameters, formula) as ``list`` shows them."""
        return [
            (
                d.name,
                ", ".join(d.aliases),
                d.family + (f" ({d.kind})" if d.kind not in ("elementwise", d.family) else ""),
                ", ".join(f"{p.name}={format_param(p.default)}" for p in d.params),
                plain(d.formula),
            )
            for d in self.definitions
        ]

    def to_rich(self) -> Any:
        """A table that fits the terminal: its columns after the names split over several
        tables if need be."""
        return render.catalogue(self.rows())

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
        return breaks_text(((b.kind, format_param(b.x)) for b in self.facts.breaks), lang)

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
            **_gated_json(act),
            "params": json_params(act.params),
            "defaults": json_params({p.name: p.default for p in d.params}),
            **range_json(r),
            "domain": [json_number(d.domain.lo), json_number(d.domain.hi)],
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

    def shown(self, lang: str = "en") -> dict[str, Any]:
        """What ``info`` shows, as plain strings in ``lang`` (see :func:`render.description`)."""
        act, d, facts = self.activation, self.activation.definition, self.facts
        n = notes_in(d, check_lang(lang))
        w = lambda text: word(text, lang)
        if d.kind == "gated" and d.partials is not None:  # two inputs: both partials
            grid = [("f(a, b)", plain(d.formula)), ("∂f/∂a", plain(d.partials.formula)),
                    ("∂f/∂b", plain(d.derivative))]  # fmt: skip
        else:
            grid = [("f(x)", plain(d.formula))]
            if d.derivative:
                grid.append(("f′(x)", plain(d.derivative)))
        grid.append(("LaTeX", d.formula))
        for p in d.params:
            value = format_param(act.params[p.name])
            doc = parameter_doc(d, p.name, lang)
            default = f"{w('default')} {format_param(p.default)}"
            grid.append((p.name, f"{value}   {doc}{'; ' if lang == 'en' else '；'}{default}"))
        if d.kind == "gated":  # what the facts below are of: plot, table and compare show it so
            held = format_param(act.held)
            grid.append(("", f"{w('a: the value, b: the gate; below, f along b at a =')} {held}"))
        breaks = self.breaks_text(lang)
        if d.domain != REAL:
            grid.append((w("domain"), f"x {d.domain}{aside(w('nan outside'), lang)}"))
        grid += [
            (w("range"), str(facts.range)),
            (w("monotonic"), w("yes" if facts.monotonic else "no")),
            (w("continuity"), w(facts.continuity) + aside(breaks, lang)),
            (w("at kinks"), convention_in(d, lang)),
            (w("defaults"), f"{w('as')} {origin(act, lang)}"),
        ]
        numerics = [("Numerics", self.caveats)] if self.caveats else []
        return {
            "label": act.label,
            "kind": f"{d.family}, {d.kind}" if d.family != d.kind else d.kind,
            "aliases": f"{w('also')}: {', '.join(d.aliases)}" if d.aliases else "",
            "summary": n.summary,
            "grid": grid,
            "sections": [(w(h), list(items)) for h, items in [*numerics, *n.sections()]],
        }

    def to_rich(self, lang: str = "en") -> Any:
        """Formulas, parameters and facts, then the notes, in ``lang``."""
        return render.description(self.shown(lang))

    def __rich__(self) -> Any:
        return self.to_rich()


def _gated_json(act: Activation) -> dict[str, Any]:
    """A gated activation's df/da formula, and the value at which its facts are taken."""
    p = act.definition.partials
    if act.kind != "gated" or p is None:
        return {}
    return {"derivative_value": p.formula, "value": act.held}


def info(spec: Spec, convention: str | None = None) -> Description:
    """Formula, derivative, parameters, range, continuity, the convention at kinks and notes
    of one activation (a name, a spec such as ``"elu:alpha=2"``, or an Activation), and
    whose defaults it has.  ``convention``: torch, jax, keras, tf or mlx, whose defaults and
    derivatives at kinks the name follows; None is actplot's own (PyTorch's)."""
    from .spec import activations

    if isinstance(spec, Activation) or convention is not None:
        found = activations([spec], convention=convention)
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
