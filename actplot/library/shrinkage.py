"""Shrinkage: functions that pull small inputs to (or towards) zero."""

from __future__ import annotations

import math

import numpy as np

from ..activation import NONNEGATIVE, Definition, Notes, Param
from ..facts import Break, Facts, Interval, point, union
from ..registry import register
from ._math import dsigmoid, indicator, zero

FAMILY = "shrinkage"
INF = math.inf

_LAMBD = Param(
    "lambd", 0.5, "half-width of the zero band [-lambd, lambd]", NONNEGATIVE, sweep=(0.25, 0.5, 1.0)
)


def _outside(x: np.ndarray, lambd: float) -> np.ndarray:
    """1 where |x| > lambd, else 0: the derivative of both shrinks (0 at +-lambd, as PyTorch)."""
    return indicator(np.abs(x) > lambd)


def _shrink_facts(lambd: float, order: int) -> Facts:
    """Softshrink (``order`` 1) is continuous onto the line; hardshrink (0) jumps at
    +-lambd, over the gaps [-lambd, 0) and (0, lambd], so its range is three parts."""
    if lambd == 0:
        return Facts(Interval(-INF, INF), monotonic=True)
    taken = (
        Interval(-INF, INF)
        if order
        else union([Interval(-INF, -lambd), point(0.0), Interval(lambd, INF)])
    )
    return Facts(taken, monotonic=True, breaks=(Break(-lambd, order), Break(lambd, order)))


register(
    Definition(
        name="softshrink",
        label="Softshrink",
        family=FAMILY,
        formula=r"\mathrm{sign}(x)\,\max(|x| - \lambda,\ 0)",
        derivative=r"1\ \mathrm{if}\ |x| > \lambda\ \mathrm{else}\ 0",
        # x - lambd, x + lambd or 0, exactly: x less x clipped to the band
        fn=lambda x, lambd: np.subtract(x, np.clip(x, -lambd, lambd)) + 0.0,
        derivatives=(_outside, zero),
        params=(_LAMBD,),
        facts=lambda lambd: _shrink_facts(lambd, 1),
        convention="softshrink'(+-lambd) = 0: the derivative is 1 only strictly outside "
        "[-lambd, lambd], as in PyTorch.",
        notes=Notes(
            summary="Soft thresholding: moves every input lambd towards 0 and zeroes the band "
            "[-lambd, lambd].",
            good=("The proximal operator of the L1 norm: produces exact zeros (sparsity).",),
            bad=("Dead zone [-lambd, lambd]: no gradient there.",),
            used=("Sparse coding (ISTA, LISTA), wavelet denoising.",),
        ),
    )
)

register(
    Definition(
        name="hardshrink",
        label="Hardshrink",
        family=FAMILY,
        formula=r"x\ \mathrm{if}\ |x| > \lambda\ \mathrm{else}\ 0",
        derivative=r"1\ \mathrm{if}\ |x| > \lambda\ \mathrm{else}\ 0",
        fn=lambda x, lambd: np.where(np.abs(x) > lambd, x, 0.0),
        derivatives=(_outside, zero),
        params=(_LAMBD,),
        facts=lambda lambd: _shrink_facts(lambd, 0),
        convention="hardshrink'(+-lambd) = 0 (the value there is 0, on the flat piece), as in "
        "PyTorch; the jumps have no derivative, so 0 is taken.",
        notes=Notes(
            summary="Hard thresholding: keeps inputs with |x| > lambd unchanged, zeroes the rest.",
            good=("Keeps large values exactly: no shrinkage bias.",),
            bad=("Jumps at +-lambd; dead zone in between.",),
            used=("Sparse approximation (iterative hard thresholding), denoising.",),
        ),
    )
)

_CF_DEPTH = 10  # enough for 2-ulp accuracy of the continued fraction for |x| < 1


def _x_minus_tanh(x: np.ndarray) -> np.ndarray:
    """x - tanh(x).  Near 0 the difference cancels, so there it is x^3 / (T + x^2) with
    T = 3 + x^2/(5 + x^2/(7 + ...)), Lambert's continued fraction, a sum of positives,
    computed for those elements only (the fraction costs twenty passes)."""
    x = np.asarray(x)
    out = np.asarray(x - np.tanh(x))
    near = np.flatnonzero(np.abs(x) < 1)
    if near.size:
        xs = x.ravel()[near]
        x2 = xs * xs
        t = np.full_like(xs, 2.0 * _CF_DEPTH + 1.0)
        for k in range(_CF_DEPTH - 1, 0, -1):
            t = (2.0 * k + 1.0) + x2 / t
        out.ravel()[near] = xs * x2 / (t + x2)  # out is a new array: ravel is a view
    return out


register(
    Definition(
        name="tanhshrink",
        label="Tanhshrink",
        family=FAMILY,
        formula=r"x - \tanh(x)",
        derivative=r"\tanh^2(x)",
        fn=_x_minus_tanh,
        derivatives=(
            lambda x: np.tanh(x) ** 2,
            lambda x: 8.0 * np.tanh(x) * dsigmoid(2.0 * x),  # 2 tanh(x) sech^2(x)
        ),
        facts=lambda: Facts(Interval(-INF, INF), monotonic=True),
        notes=Notes(
            summary="x minus tanh x: flat near 0 (like x^3/3), parallel to x - 1 far out.",
            good=("Smooth shrinkage: small inputs are damped, large ones pass shifted.",),
            bad=("f'(0) = 0 and f' ~ x^2 near 0: small signals get almost no gradient.",),
            used=("Rare; some sparse-coding and denoising networks.",),
            mistakes=(
                "x - tanh(x) written directly cancels near 0 (8 ulps lost at x = 0.5, every "
                "digit below 1e-8); actplot uses a continued fraction there.",
            ),
        ),
    )
)
