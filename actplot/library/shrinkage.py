"""Shrinkage: functions that pull small inputs to (or towards) zero."""

from __future__ import annotations

import math

import numpy as np

from .._blocks import kernel
from ..activation import NONNEGATIVE, Definition, Notes, Param
from ..facts import Break, Facts, Interval, point, union
from ..registry import register
from ._math import dsigmoid, indicator, mask_above, pick, zero

FAMILY = "shrinkage"
INF = math.inf

_LAMBD = Param(
    "lambd", 0.5, "half-width of the zero band [-lambd, lambd]", NONNEGATIVE, sweep=(0.25, 0.5, 1.0)
)


def _outside(x: np.ndarray, lambd: float) -> np.ndarray:
    """1 where |x| > lambd, else 0: the derivative of both shrinks (0 at +-lambd, as PyTorch)."""
    return indicator(np.abs(x) > lambd)


@kernel(keeps_nan=True)
def _softshrink(x: np.ndarray, out: np.ndarray, lambd: float) -> None:
    # x - lambd, x + lambd or 0, exactly: x less x clipped to the band (x - x is +0.0)
    np.clip(x, -lambd, lambd, out=out)
    np.subtract(x, out, out=out)


@kernel(scratch=1)
def _hardshrink(x: np.ndarray, out: np.ndarray, m: np.ndarray, lambd: float) -> None:
    """x where |x| > lambd, else 0, picked bit for bit (no np.where: see mask_above)."""
    np.abs(x, out=out)
    pick(mask_above(out, lambd, m), x, 0.0, out=out)


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
        fn=_softshrink,
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
        fn=_hardshrink,
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


@kernel(scratch=4, keeps_nan=True)
def _x_minus_tanh(
    x: np.ndarray, out: np.ndarray, a: np.ndarray, xs: np.ndarray, x2: np.ndarray, t: np.ndarray
) -> None:
    """x - tanh(x).  Near 0 the difference cancels, so there it is x^3 / (T + x^2) with
    T = 3 + x^2/(5 + x^2/(7 + ...)), Lambert's continued fraction, a sum of positives,
    computed for those elements only (the fraction costs twenty passes)."""
    np.tanh(x, out=out)
    np.subtract(x, out, out=out)
    near = np.flatnonzero(np.less(np.abs(x, out=a), 1.0))
    if near.size:
        xs, x2, t = xs[: near.size], x2[: near.size], t[: near.size]
        np.take(x, near, out=xs)
        np.multiply(xs, xs, out=x2)
        t.fill(2.0 * _CF_DEPTH + 1.0)
        for k in range(_CF_DEPTH - 1, 0, -1):
            np.divide(x2, t, out=t)  # t = (2k + 1) + x^2 / t
            t += 2.0 * k + 1.0
        t += x2
        np.multiply(xs, x2, out=x2)
        np.divide(x2, t, out=t)  # x x^2 / (t + x^2)
        out[near] = t


@kernel(keeps_nan=True)
def _tanh_squared(x: np.ndarray, out: np.ndarray) -> None:
    np.tanh(x, out=out)
    np.multiply(out, out, out=out)


@kernel(scratch=2, keeps_nan=True)
def _tanhshrink_d2(x: np.ndarray, out: np.ndarray, d: np.ndarray, work: np.ndarray) -> None:
    """2 tanh(x) sech^2(x) = 8 tanh(x) sigmoid'(2x)."""
    np.multiply(x, 2.0, out=out)
    dsigmoid.body(out, d, work)
    np.tanh(x, out=out)
    np.multiply(out, 8.0, out=out)
    out *= d


register(
    Definition(
        name="tanhshrink",
        label="Tanhshrink",
        family=FAMILY,
        formula=r"x - \tanh(x)",
        derivative=r"\tanh^2(x)",
        fn=_x_minus_tanh,
        derivatives=(_tanh_squared, _tanhshrink_d2),
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
