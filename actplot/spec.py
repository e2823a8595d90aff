"""Activations as written on the command line: ``NAME`` or ``NAME:param=value[,param=value]``.

A comma list of values for a scalar parameter sweeps it: ``elu:alpha=0.5,1,2`` is three
curves, and two swept parameters give every combination.  For a vector parameter the comma
list is its one value: ``maxout:slopes=0,1,intercepts=0,0`` is ReLU.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from .activation import Activation
from .errors import ParameterError
from .registry import REGISTRY, Registry

MAX_CURVES = 64  # per spec: a sweep past this is a typo, not a plot


def parse_number(text: str) -> float:
    """A float, or a fraction such as 1/8 (rrelu's default lower slope)."""
    t = text.strip()
    try:
        return float(t)
    except ValueError:
        pass
    try:
        return float(Fraction(t))
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{text!r} is not a number") from None


def parse_spec(text: str, registry: Registry = REGISTRY) -> list[Activation]:
    """The activations one command-line spec stands for (more than one when it sweeps)."""
    name, _, rest = text.partition(":")
    definition = registry.resolve(name)
    if not rest.strip():
        return [definition.bind({})]

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
    return [definition.bind(dict(c)) for c in combos]


def _example(params: tuple) -> str:
    if not params:
        return "(it has no parameters)"
    p = params[0]
    return f"{p.name}=1" if not p.is_vector else f"{p.name}=0,1"
