"""Prefixed specs (``torch:LeakyReLU``, ``keras:leaky_relu:alpha=0.1``) and conventions
(``leaky_relu`` under ``convention="keras"``) turned into activations.

A prefixed spec is the row's actplot spec (the framework's defaults), then the parameters the
user gives over them, then the framework's derivatives at kinks.  Its label is the name as
typed, and its ``spec`` (``keras:leaky_relu;alpha=0.2``) reads back to it in a fresh process.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import replace

from ..activation import Activation, Definition, ParamValue
from ..errors import (
    ActplotError,
    ParameterError,
    UnknownActivationError,
    UnknownFrameworkNameError,
)
from ..registry import REGISTRY, Registry
from . import PREFIXES
from .conventions import check_convention, with_kinks
from .names import VERSIONS, Name, fold, lookup, names_in

# how an unprefixed spec is read: actplot.spec._parse, handed in by actplot.spec
Parse = Callable[[str, Registry], tuple[Definition, list[dict[str, ParamValue]]]]


class PendingActivationError(ActplotError):
    """A framework's name whose actplot target is not in this version."""


def _suggest(framework: str, name: str) -> list[str]:
    spelled = {n.name: n for n in names_in(framework)}
    close = difflib.get_close_matches(name, list(spelled), n=2, cutoff=0.6)
    if not close:  # case and punctuation apart: compare folded
        folded = {fold(k): k for k in spelled}
        close = [folded[c] for c in difflib.get_close_matches(fold(name), list(folded), n=2)]
    return [f"{framework}:{c}" for c in close]


def row(framework: str, name: str) -> Name:
    """The row of ``framework:name``; a one-line error with the closest names otherwise."""
    found = lookup(framework, name)
    if found is None:
        typed = f"{framework}:{name.strip()}"
        raise UnknownFrameworkNameError("name", typed, _suggest(framework, name))
    return found


def target(
    found: Name, registry: Registry, parse: Parse
) -> tuple[Definition, dict[str, ParamValue]]:
    """The canonical definition a row maps to and the framework's defaults; a one-line error
    if it is not registered, or lacks a parameter the defaults set."""
    try:
        definition, combos = parse(found.spec, registry)
    except UnknownActivationError:
        raise PendingActivationError(
            f"{found.typed} is actplot's {found.target!r}, which this version of actplot "
            "does not have yet; `actplot frameworks --all` shows what it has"
        ) from None
    except ParameterError as e:
        raise PendingActivationError(
            f"{found.typed} is {found.spec}, which this version of actplot cannot build ({e})"
        ) from None
    return definition, combos[0]


def _user_params(definition: Definition, rest: str, registry: Registry, parse: Parse) -> list[dict]:
    """The parameters given after the name: ``:alpha=0.1,0.2`` (a sweep) or, as an
    activation's spec writes them, ``;alpha=0.1;beta=2``."""
    if not rest:
        return [{}]
    if rest.startswith(";"):
        # one value each: a vector parameter's commas are its own
        combos: dict[str, ParamValue] = {}
        for part in rest[1:].split(";"):
            key, _, value = part.partition("=")
            _, [one] = parse(f"{definition.name}:{key}={value}", registry)
            combos.update(one)
        return [combos]
    return parse(f"{definition.name}:{rest[1:]}", registry)[1]


def read(framework: str, text: str, registry: Registry, parse: Parse) -> list[Activation]:
    """The activations ``framework:text`` stands for: ``NAME``, ``NAME:param=value,...`` or
    ``NAME;param=value;...``.  ``parse`` reads an unprefixed spec (actplot.spec's, which
    calls this: passed in, so that this module does not import it back)."""
    cut = min((i for i in (text.find(":"), text.find(";")) if i >= 0), default=len(text))
    name, rest = text[:cut], text[cut:]
    found = row(framework, name)
    base, defaults = target(found, registry, parse)
    definition = replace(
        with_kinks(base, framework),
        label=f"{framework}:{name.strip()}",
        source=found.typed,
        parts=(base,),
    )
    return [
        definition.bind({**defaults, **given})
        for given in _user_params(base, rest, registry, parse)
    ]


# Where a convention looks a name up, in order: Keras 3's activations first, then its ops and
# layers (one column in `actplot frameworks --all`: keras.ops.logsumexp, keras.layers.PReLU).
SEARCHED = {"keras": ("keras", "keras.ops", "keras.layers")}


def convention_row(name: str, convention: str) -> Name | None:
    """Under ``convention``, the framework's row an unprefixed name stands for: the
    framework's own name for it (jax's gelu is the tanh form), else a row whose target is the
    same activation with no parameters changed.  Under keras, keras.activations first, then
    keras.ops and keras.layers."""
    searched = SEARCHED.get(convention, (convention,))
    for framework in searched:
        found = lookup(framework, name)
        if found is not None:
            return found
    try:
        canonical = REGISTRY.resolve(name).name
    except ActplotError:
        return None
    for framework in searched:
        for n in names_in(framework):
            if n.target == canonical and ":" not in n.spec:
                return n
    return None


def read_under(
    text: str, convention: str | None, registry: Registry, parse: Parse
) -> list[Activation]:
    """An unprefixed spec under a convention: that framework's function with its defaults
    where it has one (the user's parameters over them), and its derivatives at kinks; its
    label stays actplot's (``LeakyReLU(alpha=0.2)`` under keras)."""
    convention = check_convention(convention)
    name, colon, rest = text.partition(":")
    found = convention_row(name, convention) if convention else None
    if found is None or registry is not REGISTRY:
        definition, combos = parse(text, registry)
        if convention:
            definition = with_kinks(definition, convention)
        return [definition.bind(c) for c in combos]
    acts = read(found.framework, found.name + colon + rest, registry, parse)
    base = acts[0].definition.parts[0]
    return [Activation(replace(a.definition, label=base.label), a.bound) for a in acts]


def origin(act: Activation, lang: str = "en") -> str:
    """Whose function and defaults an activation is, in words: ``keras.activations.leaky_relu
    (keras 3.15.1)``, or for actplot's own names PyTorch's (``torch.nn.LeakyReLU``); in
    English, or Chinese for ``lang`` "zh"."""
    zh = lang == "zh"
    head, _, name = act.definition.source.partition(":")
    if head in PREFIXES:
        found = lookup(head, name)
        if found is not None:
            return f"{found.call} ({VERSIONS[head]})"
    torch = [n for n in names_in("torch") if n.target == act.name and ":" not in n.spec]
    classes = [n for n in torch if n.name[:1].isupper()] or torch
    if not classes:
        if zh:
            return "actplot 自己的（PyTorch 没有这个函数）"
        return "actplot's own (PyTorch has no such function)"
    module = "torch.nn." + classes[0].name if classes[0].name[:1].isupper() else classes[0].call
    whose = "PyTorch 的" if zh else "PyTorch's"
    return f"{whose} {module} ({VERSIONS['torch']})"


__all__ = ["PendingActivationError", "origin", "read", "read_under", "row", "target"]
