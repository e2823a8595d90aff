"""Independent mpmath references for the gated activations f(a, b) (value a, gate b).

The GLU family is a * g(b) for a gate g (Shazeer 2020, "GLU Variants Improve Transformer"):
its references are that product of the value and the gate's own mpmath reference in
tests/reference.py, with the partials of the product rule.  GPT-OSS's clamped SwiGLU is
written out from its published definition (openai/gpt-oss, ``swiglu``: the gate clamped above
at ``limit`` and multiplied by sigma(alpha * gate), the value clamped to [-limit, limit], plus
1), with PyTorch's clamp convention at the bounds (the gradient passes where x == bound).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import reference as R
from mpmath import mp, mpf

Fn = Callable[..., Any]
WRT = ("", "a", "b", "aa", "ab", "bb")  # "" is f itself


@dataclass(frozen=True)
class Gated:
    """f(a, b) and its partials, as functions of two mpf with the parameters as keyword mpf.
    ``kinks(**params)`` lists the (b, order) where f along the gate, or a derivative in b,
    jumps (when the value is not 0); ``value_kinks`` the values a where df/da jumps."""

    f: Fn
    a: Fn
    b: Fn
    aa: Fn
    ab: Fn
    bb: Fn
    defaults: dict[str, Any] = field(default_factory=dict)
    kinks: Callable[..., list[tuple[Fraction, int]]] = lambda **p: []
    value_kinks: Callable[..., list[Fraction]] = lambda **p: []
    kind: str = "gated"

    def of(self, wrt: str) -> Fn:
        return self.f if wrt == "" else getattr(self, wrt)


def _product(gate: str, **gate_params: float) -> Gated:
    g = R.ELEMENTWISE[gate]
    gp = {k: mpf(v) for k, v in gate_params.items()}
    return Gated(
        f=lambda a, b: a * g.f(b, **gp),
        a=lambda a, b: g.f(b, **gp),
        b=lambda a, b: a * g.d1(b, **gp),
        aa=lambda a, b: mpf(0),
        ab=lambda a, b: g.d1(b, **gp),
        bb=lambda a, b: a * g.d2(b, **gp),
        kinks=lambda: g.kinks(**gp),
    )


def _clip(a, limit):
    return min(max(a, -limit), limit)


def _h(t, alpha, k: int):
    """h(t) = t sigma(alpha t) (k = 0) and its derivatives h', h'' (k = 1, 2)."""
    u = alpha * t
    if k == 0:
        return t * R._sig(u)
    if k == 1:
        return R._sig(u) + u * R._sig_prime(u)
    return alpha * R._sig_prime(u) * (2 - u * mp.tanh(u / 2))


def _oai(k: int, wrt_a: bool) -> Fn:
    def fn(a, b, alpha, limit):
        c = (1 if -limit <= a <= limit else 0) if wrt_a else _clip(a, limit) + 1
        inside = 1 if (k == 0 or b <= limit) else 0
        return c * _h(min(b, limit), alpha, k) * inside

    return fn


GATED: dict[str, Gated] = {
    "glu": _product("sigmoid"),
    "bilinear": _product("identity"),
    "reglu": _product("relu"),
    "geglu": _product("gelu"),
    "swiglu": _product("swish", beta=1.0),
    "seglu": _product("selu"),
    "swiglu_oai": Gated(
        f=_oai(0, False),
        a=_oai(0, True),
        b=_oai(1, False),
        aa=lambda a, b, alpha, limit: mpf(0),
        ab=_oai(1, True),
        bb=_oai(2, False),
        defaults={"alpha": 1.702, "limit": 7.0},  # gpt-oss swiglu_alpha, swiglu_limit
        kinks=lambda alpha, limit: [(R._fraction(limit), 1)],
        value_kinks=lambda alpha, limit: [R._fraction(-limit), R._fraction(limit)],
    ),
}

NONDEFAULT: dict[str, list[dict[str, Any]]] = {
    "swiglu_oai": [{"alpha": 1.0, "limit": 3.0}, {"alpha": 4.0, "limit": 0.5}],
}


# ------------------------------------------------------------------------------- the grids

VALUES = [0.0, 5e-324, 1e-300, 1e-8, 0.5, 1.0, 2.5, 10.0, 1e5, 1e100, 1e300]


def pairs(name: str, params: dict[str, Any]) -> list[tuple[float, float]]:
    """(a, b) pairs: values of both signs (and either side of a clamp on the value) against
    a gate grid of fixed magnitudes, the neighbourhood of every kink and a fixed-seed sample."""
    ref = GATED[name]
    p = R.mp_params(params)
    values = [s * v for v in VALUES for s in (1.0, -1.0)]
    for k in ref.value_kinks(**p):
        values += R.near(float(k))[:3]
    gates = [s * m for m in R.MAGNITUDES[::2] for s in (1.0, -1.0)]
    for k, _ in ref.kinks(**p):
        gates += R.near(float(k))
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    gates += rng.uniform(-40.0, 40.0, 12).tolist()
    out = {(a, b) for a in values for b in sorted(set(gates))}
    out |= {(float(a), float(b)) for a, b in rng.uniform(-20.0, 20.0, (60, 2))}
    return sorted(out)


def value(name: str, a: float, b: float, wrt: str, params: dict[str, Any], dps: int = R.DPS):
    """f (wrt "") or a partial at the floats (a, b); +-inf stand in as +-10^1000."""
    fn = GATED[name].of(wrt)
    with mp.workdps(dps):
        return +fn(R.as_mpf(a), R.as_mpf(b), **R.mp_params(params))


def cond(name: str, a: float, b: float, wrt: str, params: dict[str, Any], y=None):
    """sum over the inputs of |x dg/dx / g| for g = f or the partial, by the smaller one-sided
    relative difference in each input (at a kink: the side the convention takes)."""
    if y is None:
        y = value(name, a, b, wrt, params)
    if y == 0:
        return mpf(0)
    fn = GATED[name].of(wrt)
    p = R.mp_params(params)
    total = mpf(0)
    with mp.workdps(R.DPS + R.STEP):
        h = mpf(10) ** -R.STEP
        am, bm = R.as_mpf(a), R.as_mpf(b)
        g0 = fn(am, bm, **p)
        for which, x in ((0, a), (1, b)):
            if x == 0 or math.isinf(x):
                continue
            moved = [
                fn(*[(am, bm)[i] * (1 + s * h) if i == which else (am, bm)[i] for i in (0, 1)], **p)
                for s in (1, -1)
            ]
            total += min(abs(m - g0) for m in moved) / (h * abs(g0))
    return +total
