"""What ``actplot list`` and ``actplot info`` show: :func:`catalogue` of every activation, and
:func:`info` on one, each as data (``to_dict``) or a rich renderable for people.

Formulas are stored as LaTeX (matplotlib mathtext); :func:`actplot.tex.plain` writes them as
text for the terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import _render as render
from ._formats import json_dumps, json_number, json_params
from .activation import REAL, Activation, Definition, format_param
from .errors import ActplotError
from .facts import Facts
from .frameworks import PREFIXES
from .frameworks.conventions import check_convention, meaning
from .frameworks.names import VERSIONS, Name, lookup
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
    """Every registered activation, in registration order; under a ``convention``, each as
    that framework has it (``meanings``: what its name stands for there, at its defaults)."""

    definitions: tuple[Definition, ...]
    convention: str | None = None
    meanings: tuple[Meaning, ...] = ()

    def to_list(self) -> list[dict[str, Any]]:
        """Every activation as plain data (what ``actplot list --format json`` prints); under
        a convention with the framework's defaults, its name there and whose defaults."""
        if self.convention is not None:
            return [m.to_dict(self.convention) for m in self.meanings]
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

    def rows(self) -> list[tuple[str, ...]]:
        """(name, aliases, family, parameters, formula) as ``list`` shows them; under a
        convention, the framework's name for each after the name."""
        if self.convention is not None:
            return [m.row(self.convention) for m in self.meanings]
        return [_row(d, d, {p.name: p.default for p in d.params}) for d in self.definitions]

    def to_rich(self) -> Any:
        """A table that fits the terminal: its columns after the names split over several
        tables if need be; under a convention, a line above saying which."""
        if self.convention is None:
            return render.catalogue(self.rows())
        return render.catalogue(
            self.rows(), head=(self.convention, *render.CATALOGUE_HEAD),
            before=_under_text(self.convention),
        )  # fmt: skip

    def __rich__(self) -> Any:
        return self.to_rich()


@dataclass(frozen=True)
class Meaning:
    """A registered name under a convention: the activation it stands for there, with the
    framework's defaults and derivatives at kinks, and the framework's row it was read from
    (None where the framework has no such function: actplot's own, PyTorch's defaults)."""

    definition: Definition  # the registered one, whose name is typed
    activation: Activation
    found: Name | None

    def framework_name(self, convention: str) -> str:
        """The framework's name as ``list`` shows it: ``leaky_relu``; ``ops.logsumexp`` from
        keras.ops under keras; ``gelu (is gelu_tanh)`` where it is another of actplot's; ``·``
        where it has none (as in ``actplot frameworks --all``)."""
        f = self.found
        if f is None:
            return ABSENT
        shown = (
            f.name
            if f.framework == convention
            else f"{f.framework[len(convention) + 1 :]}.{f.name}"
        )
        if self.activation.name != self.definition.name:
            shown += f" (is {self.activation.name})"
        return shown

    def row(self, convention: str) -> tuple[str, ...]:
        name, *rest = _row(self.definition, self.activation.definition, self.activation.params)
        return (name, self.framework_name(convention), *rest)

    def to_dict(self, convention: str) -> dict[str, Any]:
        act, d, f = self.activation, self.activation.definition, self.found
        return {
            "name": self.definition.name,
            "label": d.label,
            "aliases": list(self.definition.aliases),
            "family": d.family,
            "kind": d.kind,
            "params": json_params(act.params),
            "formula": d.formula,
            "derivative": d.derivative,
            "summary": d.notes.summary,
            "convention": convention,
            "is": act.name,  # the activation the name stands for there (jax's gelu: gelu_tanh)
            "framework_name": None if f is None else f.typed,  # a prefixed spec: jax:gelu
            "call": None if f is None else f.call,
            "defaults_as": origin(act),
            "at_kinks": d.at_kinks,
        }


ABSENT = "·"


def _row(typed: Definition, d: Definition, params: Mapping[str, Any]) -> tuple[str, ...]:
    """The cells of ``typed``'s name and aliases, and of ``d`` at ``params``: the same
    definition, or under a convention what the name stands for there at its defaults."""
    return (
        typed.name,
        ", ".join(typed.aliases),
        d.family + (f" ({d.kind})" if d.kind not in ("elementwise", d.family) else ""),
        ", ".join(f"{p.name}={format_param(params[p.name])}" for p in d.params),
        plain(d.formula),
    )


def _under_text(convention: str) -> str:
    return (
        f"Under --convention {convention} ({VERSIONS[convention]}): {meaning(convention)}; the "
        f"{convention} column is its name there, {ABSENT} where {convention} has none "
        "(actplot's own function, with PyTorch's defaults)."
    )


def catalogue(registry: Registry = REGISTRY, convention: str | None = None) -> Catalogue:
    """Every activation of the registry: names, aliases, family, parameters and formula.
    ``convention`` (torch, jax, keras, tf or mlx): each name as that framework has it, its
    defaults (keras' leaky_relu slope 0.2) and what it stands for (jax's gelu is the tanh
    form), and its name there; None is actplot's own (PyTorch's defaults)."""
    definitions = tuple(registry.values())
    convention = check_convention(convention)
    if convention is None:
        return Catalogue(definitions)
    return Catalogue(
        definitions, convention, tuple(_meaning(d, convention, registry) for d in definitions)
    )


def _meaning(d: Definition, convention: str, registry: Registry) -> Meaning:
    from .spec import named

    act = named(d.name, registry, convention)
    head, _, name = act.definition.source.partition(":")
    return Meaning(d, act, lookup(head, name) if head in PREFIXES else None)


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
        # a framework's name (keras:leaky_relu) has that framework's defaults: actplot's own,
        # where they differ, are named as such
        framework = d.source.partition(":")[0] in PREFIXES
        for p in d.params:
            value = format_param(act.params[p.name])
            doc = parameter_doc(d, p.name, lang)
            whose = (
                "actplot's default" if framework and act.params[p.name] != p.default else "default"
            )
            default = f"{w(whose)} {format_param(p.default)}"
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
