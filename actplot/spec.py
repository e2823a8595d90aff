"""Activations as written on the command line: ``NAME`` or ``NAME:param=value[,param=value]``.

A comma list of values for a scalar parameter sweeps it: ``elu:alpha=0.5,1,2`` is three
curves, and two swept parameters give every combination.  For a vector parameter the comma
list is its one value: ``maxout:slopes=0,1,intercepts=0,0`` is ReLU.

:func:`get` gives the one activation a spec names, :func:`sweep` every activation of a sweep,
and :func:`activations` what the library's functions take: specs or activations, mixed.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Callable, Iterable
from typing import Any

from .activation import Activation, Definition, ParamValue, hold
from .errors import (
    ActplotError,
    ParameterError,
    UnknownActivationError,
    UnknownFrameworkNameError,
)
from .frameworks import PREFIXES
from .numbers import parse_number
from .registry import REGISTRY, Registry

MAX_CURVES = 64  # per call: a sweep past this is a typo, not a plot

Spec = str | Activation  # what the library's functions accept for an activation

# A prefix before the name says how the rest is read: PREFIX:REST goes to the reader
# registered for PREFIX, which returns the activations REST stands for.  A reader may be
# given as "module:function", imported the first time a spec with its prefix is read, so
# that knowing a prefix costs nothing at start-up.
Reader = Callable[[str, Registry], list[Activation]]
_PREFIXES: dict[str, Reader | str] = {}


def register_prefix(prefix: str, read: Reader | str) -> None:
    """Read specs that start with ``prefix:`` with ``read(rest, registry)``; ``read`` may be
    the reader itself or its place, ``"package.module:function"``."""
    _PREFIXES[prefix.lower()] = read


def _reader(text: str) -> Reader | None:
    head, colon, _ = text.partition(":")
    key = head.strip().lower()
    read = _PREFIXES.get(key) if colon else None
    if isinstance(read, str):
        module, _, name = read.partition(":")
        read = _PREFIXES[key] = getattr(importlib.import_module(module), name)
    return read


register_prefix("expr", "actplot.expressions:read")  # expressions: expr:x*tanh(softplus(x))


def _framework_reader(prefix: str) -> Reader:
    def read(rest: str, registry: Registry) -> list[Activation]:
        from .frameworks.resolve import read as read_framework

        return read_framework(prefix, rest, registry, _parse)

    return read


for _prefix in PREFIXES:  # torch:LeakyReLU, keras:leaky_relu: that framework's defaults
    register_prefix(_prefix, _framework_reader(_prefix))


def parse_spec(
    text: str, registry: Registry = REGISTRY, convention: str | None = None
) -> list[Activation]:
    """The activations one command-line spec stands for (more than one when it sweeps).

    ``convention`` (torch, jax, keras, tf, mlx): an unprefixed name means that framework's
    function, with its defaults and its derivatives at kinks; a prefixed one (``jax:gelu``)
    keeps its own framework's.  None is actplot's own (PyTorch's).
    """
    read = _reader(text)
    if read is not None:
        return read(text.partition(":")[2], registry)
    if convention is not None:
        from .frameworks.resolve import read_under

        return read_under(text, convention, registry, _parse)
    definition, combos = _parse(text, registry)
    return [definition.bind(c) for c in combos]


def named(name: str, registry: Registry = REGISTRY, convention: str | None = None) -> Activation:
    """The registered activation ``name`` at its defaults.  Under ``convention``, what the
    name stands for in that framework (jax's gelu is the tanh form), with its defaults and its
    derivatives at kinks; actplot's own, with the framework's kinks, where the framework has
    no such function or has one this version cannot build."""
    if convention is None:
        return registry.resolve(name).bind({})
    try:
        return parse_spec(name, registry, convention=convention)[0]
    except ActplotError:
        from .frameworks.conventions import check_convention, with_kinks

        return with_kinks(registry.resolve(name), check_convention(convention) or "").bind({})


def _parse(text: str, registry: Registry) -> tuple[Definition, list[dict[str, ParamValue]]]:
    """The definition a spec names, and the parameter values it gives, one dict per
    combination of swept values."""
    name, _, rest = text.partition(":")
    try:
        definition = registry.resolve(name)
    except UnknownActivationError:
        _unknown_prefix(name, rest)
        raise
    if not rest.strip():
        return definition, [{}]

    raw: dict[str, list[str]] = {}
    current = None
    for token in rest.split(","):
        key, eq, value = token.partition("=")
        if eq:
            current = key.strip()
            if current in raw:
                raise ParameterError(f"{definition.name}: {current} is given twice in {text!r}")
            raw[current] = [value]
        elif current is None:
            raise ParameterError(
                f"{definition.name}: expected param=value after ':', got {token!r} "
                f"(for example {definition.name}:{_example(definition.params)})"
            )
        else:
            raw[current].append(token)

    choices = []
    for key, values in raw.items():
        param = definition.param(key)
        if any(not v.strip() for v in values):
            raise ParameterError(f"{definition.name}: {key} needs a value in {text!r}")
        try:
            numbers = [parse_number(v) for v in values]
        except ValueError as e:
            raise ParameterError(f"{definition.name}: {key}: {e}") from None
        if param.is_vector:
            choices.append([(key, tuple(numbers))])
        else:
            choices.append([(key, n) for n in dict.fromkeys(numbers)])  # drop repeats

    combos = list(itertools.product(*choices))
    if len(combos) > MAX_CURVES:
        raise ParameterError(
            f"{text!r} sweeps {len(combos)} combinations; at most {MAX_CURVES} are drawn"
        )
    return definition, [dict(c) for c in combos]


def _unknown_prefix(head: str, rest: str) -> None:
    """``torhc:relu``: a mistyped framework prefix, not a mistyped activation with
    parameters (which would have ``=`` after the colon)."""
    if not rest.strip() or "=" in rest:
        return
    import difflib

    known = [*PREFIXES, "expr"]
    close = difflib.get_close_matches(head.strip().lower(), known, n=2, cutoff=0.5)
    raise UnknownFrameworkNameError(
        "framework prefix", head.strip(), [f"{c}:{rest.strip()}" for c in close]
    )


def _example(params: tuple) -> str:
    if not params:
        return "(it has no parameters)"
    p = params[0]
    return f"{p.name}=1" if not p.is_vector else f"{p.name}=0,1"


def get(spec: str, /, **params: Any) -> Activation:
    """The activation a name, alias or spec stands for, with ``params`` bound.

    >>> float(get("elu", alpha=0.5)(-1.0))
    -0.3160602794142788
    >>> get("swish:beta=2").label
    'Swish(beta=2)'

    A spec that sweeps (``elu:alpha=0.5,1,2``) names several: :func:`sweep` gives them.
    """
    if _reader(spec) is not None:  # prefixed: the reader's defaults, then the keywords
        found = parse_spec(spec)
        combos: list[dict[str, ParamValue]] = [dict(a.params) for a in found]
        definition, given = found[0].definition, {}
    else:
        definition, combos = _parse(spec, REGISTRY)
        given = combos[0]
    if len(combos) > 1:
        raise ParameterError(
            f"{spec!r} sweeps {len(combos)} activations; actplot.sweep({spec!r}) gives them all"
        )
    twice = sorted(set(given) & set(params))
    if twice:
        raise ParameterError(f"{definition.name}: {twice[0]} is given in {spec!r} and as a keyword")
    return definition.bind({**combos[0], **params})


def sweep(spec: str) -> list[Activation]:
    """Every activation a spec stands for: ``sweep("elu:alpha=0.5,1,2")`` gives three."""
    return parse_spec(spec)


def activations(
    specs: Iterable[Spec], value: float | None = None, convention: str | None = None
) -> list[Activation]:
    """Specs (sweeps expanded) and activations, in order: what ``plot``, ``table`` and
    ``compare`` take.  At most MAX_CURVES in all.  ``value``: the value a to hold the gated
    ones at (see :func:`actplot.activation.hold`).  ``convention``: as in :func:`parse_spec`;
    an Activation given as such gets that framework's derivatives at kinks."""
    out: list[Activation] = []
    for s in specs:
        if isinstance(s, Activation):
            if convention is not None:
                from .frameworks.conventions import apply, check_convention

                s = apply(s, check_convention(convention))
            out.append(s)
        elif isinstance(s, str):
            out.extend(parse_spec(s, convention=convention))
        else:
            raise TypeError(f"an activation is a name or spec such as 'elu:alpha=2', got {s!r}")
    if len(out) > MAX_CURVES:
        raise ParameterError(f"{len(out)} curves asked for; at most {MAX_CURVES} at once")
    return hold(out, value)
