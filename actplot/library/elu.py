"""Exponential linear units: ELU and its scaled (SELU) and continuously differentiable (CELU)
variants.  Rectifiers whose negative side saturates smoothly at -alpha instead of at 0."""

from __future__ import annotations

import math

import numpy as np

from ..activation import POSITIVE, Definition, Notes, Param
from ..facts import Break, Facts, Interval
from ..registry import register
from ._math import choose

FAMILY = "rectified"
INF = math.inf

_ALPHA = Param(
    "alpha", 1.0, "the value -alpha is approached as x -> -inf", POSITIVE, sweep=(0.5, 1.0, 2.0)
)


def _elu(x: np.ndarray, alpha: float) -> np.ndarray:
    # expm1 of the clipped input: no overflow, no cancellation near 0; one term is exactly 0
    return np.maximum(x, 0.0) + alpha * np.expm1(np.minimum(x, 0.0))


def _elu_left(x: np.ndarray, alpha: float) -> np.ndarray:
    """alpha * exp(x) on the left branch: f' there, and f'' too."""
    return alpha * np.exp(np.minimum(x, 0.0))


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
        derivatives=(
            lambda x, alpha: choose(x > 0, 1.0, _elu_left(x, alpha)),
            lambda x, alpha: choose(x < 0, _elu_left(x, alpha), 0.0),
        ),
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

register(
    Definition(
        name="selu",
        label="SELU",
        family=FAMILY,
        formula=r"\lambda\,(\max(0,\ x) + \min(0,\ \alpha\,(e^{x} - 1)))",
        derivative=r"\lambda\ \mathrm{if}\ x > 0\ \mathrm{else}\ \lambda\alpha e^{x}",
        fn=lambda x: (
            SELU_SCALE * np.maximum(x, 0.0) + SELU_SCALE_ALPHA * np.expm1(np.minimum(x, 0.0))
        ),
        derivatives=(
            lambda x: choose(x > 0, SELU_SCALE, _elu_left(x, SELU_SCALE_ALPHA)),
            lambda x: choose(x < 0, _elu_left(x, SELU_SCALE_ALPHA), 0.0),
        ),
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


def _celu_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    # e^{x/alpha}/alpha on the left; on the right it is 0, and 1/alpha there may be inf (a tiny
    # alpha), so the branch is chosen with where rather than by multiplying with a 0
    return np.where(x < 0, np.exp(np.minimum(x, 0.0) / alpha) / alpha, 0.0)


register(
    Definition(
        name="celu",
        label="CELU",
        family=FAMILY,
        formula=r"\max(0,\ x) + \min(0,\ \alpha\,(e^{x/\alpha} - 1))",
        derivative=r"1\ \mathrm{if}\ x > 0\ \mathrm{else}\ e^{x/\alpha}",
        fn=lambda x, alpha: np.maximum(x, 0.0) + alpha * np.expm1(np.minimum(x, 0.0) / alpha),
        derivatives=(
            lambda x, alpha: choose(x > 0, 1.0, np.exp(np.minimum(x, 0.0) / alpha)),
            _celu_d2,
        ),
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
