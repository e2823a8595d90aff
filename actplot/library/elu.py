"""Exponential linear units: ELU and its scaled (SELU) and continuously differentiable (CELU)
variants.  Rectifiers whose negative side saturates smoothly at -alpha instead of at 0."""

from __future__ import annotations

import math

import numpy as np

from .._blocks import kernel
from ..activation import POSITIVE, Definition, Notes, Param
from ..facts import Break, Facts, Interval
from ..registry import register
from ._math import mask_above, mask_below, pick, relu

FAMILY = "rectified"
INF = math.inf

_ALPHA = Param(
    "alpha", 1.0, "the value -alpha is approached as x -> -inf", POSITIVE, sweep=(0.5, 1.0, 2.0)
)


@kernel(scratch=1, keeps_nan=True)
def _elu(
    x: np.ndarray, out: np.ndarray, left: np.ndarray, alpha: float, scale: float = 1.0
) -> None:
    """scale max(x, 0) + alpha expm1(min(x, 0)): expm1 of the clipped input, no overflow, no
    cancellation near 0; one term is exactly 0.  (selu's alpha is its lambda alpha.)"""
    np.clip(x, -np.inf, 0.0, out=left)  # as min(x, 0) but -0.0 for -0.0: expm1 keeps it
    np.expm1(left, out=left)
    left *= alpha
    relu.body(x, out)  # +0.0 for -0.0, so the sum is +0.0 there
    if scale != 1.0:
        out *= scale
    out += left


def _elu_left(x: np.ndarray, out: np.ndarray, alpha: float) -> np.ndarray:
    """alpha * exp(min(x, 0)) into out: f' on the left branch, and f'' too."""
    np.clip(x, -np.inf, 0.0, out=out)
    np.exp(out, out=out)
    out *= alpha
    return out


@kernel(scratch=2)
def _elu_d1(
    x: np.ndarray,
    out: np.ndarray,
    left: np.ndarray,
    m: np.ndarray,
    alpha: float,
    scale: float = 1.0,
) -> None:
    """scale where x > 0, alpha e^x elsewhere (the left derivative at 0)."""
    pick(mask_above(x, 0.0, m), scale, _elu_left(x, left, alpha), out=out)


@kernel(scratch=1)
def _elu_d2(x: np.ndarray, out: np.ndarray, m: np.ndarray, alpha: float) -> None:
    """alpha e^x where x < 0, 0 elsewhere (the right value at 0)."""
    pick(mask_below(x, 0.0, m), _elu_left(x, out, alpha), 0.0, out=out)


def _elu_facts(lower: float, c1: bool) -> Facts:
    """Range (lower, inf); f' jumps at 0 unless its one-sided values agree (``c1``), and f''
    always does."""
    return Facts(Interval(lower, INF), monotonic=True, breaks=(Break(0.0, 2 if c1 else 1),))


register(
    Definition(
        name="elu",
        label="ELU",
        family=FAMILY,
        formula=r"\max(0,\ x) + \min(0,\ \alpha\,(e^{x} - 1))",
        derivative=r"1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha e^{x}",
        fn=_elu,
        derivatives=(_elu_d1, _elu_d2),
        params=(_ALPHA,),
        facts=lambda alpha: _elu_facts(-alpha, alpha == 1),
        convention="elu'(0) = alpha (the left derivative) and elu''(0) = 0 (the right one), as "
        "PyTorch's autograd gives.",
        notes=Notes(
            summary="Identity for x > 0, alpha (e^x - 1) for x <= 0 (Clevert et al. 2015).",
            good=(
                "Negative outputs pull the mean activation towards 0, which speeds learning.",
                "No dead zone: f' = alpha e^x > 0 for every finite x.",
                "Saturates smoothly to -alpha, so strongly negative inputs all look alike "
                "(robust to noise).",
            ),
            bad=(
                "An exponential per element: costlier than ReLU.",
                "Soft saturation on the left: f' = alpha e^x is tiny for very negative x.",
                "For alpha != 1 the derivative jumps at 0 (from alpha to 1): only C0.",
            ),
            used=("Deep MLPs and CNNs where a smoother ReLU helps.",),
            mistakes=(
                "np.where(x > 0, x, 0.1*(exp(x) - 1)) is ELU with alpha = 0.1, not the usual ELU, "
                "whose default is alpha = 1 (`actplot plot elu:alpha=0.1,1`).",
                "ELU is not smooth: it is C1 only for alpha = 1, and never C2 (f'' jumps from "
                "alpha to 0 at 0; `actplot info elu:alpha=2`).",
                "alpha (e^x - 1) loses every digit for tiny x (e^x - 1 cancels); actplot uses expm1.",
            ),
        ),
    )
)

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
SELU_SCALE_ALPHA = 1.7580993408473768599402175208123  # their product, rounded once


@kernel(scratch=1, keeps_nan=True)
def _selu(x: np.ndarray, out: np.ndarray, left: np.ndarray) -> None:
    _elu.body(x, out, left, alpha=SELU_SCALE_ALPHA, scale=SELU_SCALE)


@kernel(scratch=2)
def _selu_d1(x: np.ndarray, out: np.ndarray, left: np.ndarray, m: np.ndarray) -> None:
    _elu_d1.body(x, out, left, m, alpha=SELU_SCALE_ALPHA, scale=SELU_SCALE)


@kernel(scratch=1)
def _selu_d2(x: np.ndarray, out: np.ndarray, m: np.ndarray) -> None:
    _elu_d2.body(x, out, m, alpha=SELU_SCALE_ALPHA)


register(
    Definition(
        name="selu",
        label="SELU",
        family=FAMILY,
        formula=r"\lambda\,(\max(0,\ x) + \min(0,\ \alpha\,(e^{x} - 1)))",
        derivative=r"\lambda\ \mathrm{if}\ x > 0\ \mathrm{else}\ \lambda\alpha e^{x}",
        fn=_selu,
        derivatives=(_selu_d1, _selu_d2),
        facts=lambda: _elu_facts(-SELU_SCALE_ALPHA, False),
        convention="selu'(0) = lambda alpha = 1.7581 (the left derivative) and selu''(0) = 0 (the "
        "right one), as PyTorch's autograd gives.",
        notes=Notes(
            summary="ELU scaled by lambda = 1.0507 with alpha = 1.6733 (Klambauer et al. 2017), "
            "constants chosen so activations keep mean 0 and variance 1 through depth.",
            good=("Self-normalising: deep MLPs train without batch normalisation.",),
            bad=(
                "Needs LeCun-normal initialisation and alpha-dropout to keep that property.",
                "The derivative jumps at 0 (from 1.7581 to 1.0507): only C0.",
            ),
            used=("Deep fully connected networks (self-normalising networks).",),
        ),
    )
)


def _celu_left(x: np.ndarray, out: np.ndarray, alpha: float) -> np.ndarray:
    """exp(min(x, 0) / alpha) into out: celu' on the left branch."""
    np.clip(x, -np.inf, 0.0, out=out)
    out /= alpha
    return np.exp(out, out=out)


@kernel(scratch=1, keeps_nan=True)
def _celu(x: np.ndarray, out: np.ndarray, left: np.ndarray, alpha: float) -> None:
    """max(x, 0) + alpha expm1(min(x, 0) / alpha), as elu."""
    np.clip(x, -np.inf, 0.0, out=left)
    left /= alpha
    np.expm1(left, out=left)
    left *= alpha
    relu.body(x, out)
    out += left


@kernel(scratch=2)
def _celu_d1(x: np.ndarray, out: np.ndarray, left: np.ndarray, m: np.ndarray, alpha: float) -> None:
    pick(mask_above(x, 0.0, m), 1.0, _celu_left(x, left, alpha), out=out)


@kernel(scratch=1)
def _celu_d2(x: np.ndarray, out: np.ndarray, m: np.ndarray, alpha: float) -> None:
    # e^{x/alpha}/alpha on the left; on the right it is 0, and 1/alpha there may be inf (a tiny
    # alpha), so the branch is picked bit by bit rather than by multiplying with a 0
    left = _celu_left(x, out, alpha)
    left /= alpha
    pick(mask_below(x, 0.0, m), left, 0.0, out=out)


register(
    Definition(
        name="celu",
        label="CELU",
        family=FAMILY,
        formula=r"\max(0,\ x) + \min(0,\ \alpha\,(e^{x/\alpha} - 1))",
        derivative=r"1\ \mathrm{if}\ x > 0\ \mathrm{else}\ e^{x/\alpha}",
        fn=_celu,
        derivatives=(_celu_d1, _celu_d2),
        params=(_ALPHA,),
        facts=lambda alpha: _elu_facts(-alpha, True),
        convention="celu'(0) = 1 (both sides agree); celu''(0) = 0 (the right value; the left "
        "one is 1/alpha), as PyTorch's autograd gives.",
        notes=Notes(
            summary="ELU reparametrised so its derivative is continuous for every alpha (Barron 2017).",
            good=("C1 for every alpha, unlike ELU.",),
            bad=("An exponential per element, like ELU.",),
            used=("A drop-in ELU where alpha is tuned.",),
        ),
    )
)
