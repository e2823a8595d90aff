"""Rectified activations of recent models and frameworks: squared ReLU, StarReLU, CReLU."""

from __future__ import annotations

import math

import numpy as np

from .._blocks import kernel
from ..activation import POSITIVE, Definition, Notes, Param
from ..facts import Break, Facts, Interval
from ..registry import register
from ._math import indicator, relu, zero

FAMILY = "rectified"
INF = math.inf

# MetaFormer's StarReLU constants (Yu et al. 2022): the scale and bias that give relu(x)^2 of a
# standard normal x zero mean and unit variance: s = 1/sqrt(1.25) = 2/sqrt(5), b = -1/sqrt(5).
STAR_SCALE = 0.8944271909999159
STAR_BIAS = -0.4472135954999579

_F2_AT_0 = "f''(0) = 0: the left value, as autograd gives for relu(x)**2 in PyTorch, JAX and TF."


@kernel(keeps_nan=True)
def _relu2(x: np.ndarray, out: np.ndarray) -> None:
    relu.body(x, out)
    np.multiply(out, out, out=out)


@kernel(keeps_nan=True)
def _relu2_d1(x: np.ndarray, out: np.ndarray) -> None:
    relu.body(x, out)
    out *= 2.0


@kernel(keeps_nan=True)
def _star_relu(x: np.ndarray, out: np.ndarray, scale: float, bias: float) -> None:
    """s relu(x)^2 + b."""
    _relu2.body(x, out)
    out *= scale
    out += bias


@kernel(keeps_nan=True)
def _star_relu_d1(x: np.ndarray, out: np.ndarray, scale: float, bias: float) -> None:
    """(2 s) relu(x)."""
    relu.body(x, out)
    out *= 2.0 * scale


register(
    Definition(
        name="relu2",
        label="ReLU²",
        family=FAMILY,
        formula=r"\max(0,\ x)^2",
        derivative=r"2\,\max(0,\ x)",
        fn=_relu2,
        derivatives=(_relu2_d1, lambda x: indicator(x > 0, 2.0)),
        aliases=("squared_relu", "relu_squared"),
        facts=lambda: Facts(
            Interval(0.0, INF, lo_closed=True), monotonic=True, breaks=(Break(0.0, 2),)
        ),
        convention=_F2_AT_0,
        notes=Notes(
            summary="Squared ReLU, max(0, x)^2 (Primer, So et al. 2021): C1, with f'' jumping "
            "from 0 to 2 at the origin.",
            good=(
                "No exponential, and its derivative 2 relu(x) is continuous: no kink at 0.",
                "Sparse like ReLU: exactly 0 for x <= 0.",
            ),
            bad=(
                "Grows like x^2: large inputs give large outputs and gradients (f'(10) = 20).",
                "Dead for x <= 0, as ReLU is.",
            ),
            used=(
                "Primer's Transformer feed-forward layers; NVIDIA Nemotron (hidden_act relu2); "
                "mlx.nn.relu2.",
            ),
            mistakes=(
                "relu(x)^2 is not 'ReLU with a kink at 0': f'(0) = 0 from both sides; it is f'' "
                "that jumps, so it is C1 (`actplot info relu2`).",
            ),
        ),
    )
)


def _star_facts(scale: float, bias: float) -> Facts:
    return Facts(Interval(bias, INF, lo_closed=True), monotonic=True, breaks=(Break(0.0, 2),))


register(
    Definition(
        name="star_relu",
        label="StarReLU",
        family=FAMILY,
        formula=r"s\,\max(0,\ x)^2 + b",
        derivative=r"2s\,\max(0,\ x)",
        fn=_star_relu,
        derivatives=(
            _star_relu_d1,
            lambda x, scale, bias: indicator(x > 0, 2.0 * scale),
        ),
        params=(
            Param("scale", STAR_SCALE, "s, learned; 2/sqrt(5) in MetaFormer", POSITIVE),
            Param("bias", STAR_BIAS, "b, learned; -1/sqrt(5) in MetaFormer", sweep=(-0.5, 0.0)),
        ),
        facts=_star_facts,
        convention=_F2_AT_0,
        notes=Notes(
            summary="s relu(x)^2 + b with a learned scale and bias (MetaFormer, Yu et al. 2022); "
            "defaults s = 2/sqrt(5) = 0.8944, b = -1/sqrt(5) = -0.4472.",
            good=(
                "The defaults make the output of a standard normal input zero-mean with unit "
                "variance: E relu(Z)^2 = 1/2 and E relu(Z)^4 = 3/2.",
                "As cheap as squared ReLU, with one multiply-add more.",
            ),
            bad=(
                "Unbounded growth like x^2, as squared ReLU.",
                "Its value for x <= 0 is the constant b: dead there, as ReLU.",
            ),
            used=("MetaFormer models (CAFormer, ConvFormer) in timm.",),
            mistakes=(
                "timm's StarReLU starts from scale 1 and bias 0 (both learned), not the paper's "
                "0.8944 and -0.4472: `star_relu:scale=1,bias=0` is timm's initial function.",
            ),
        ),
    )
)

register(
    Definition(
        name="crelu",
        label="CReLU (first half)",
        family=FAMILY,
        formula=r"[\max(0,\ x),\ \max(0,\ -x)]",
        derivative=r"1\ \mathrm{if}\ x > 0\ \mathrm{else}\ 0",
        fn=relu,
        derivatives=(lambda x: indicator(x > 0), zero),
        facts=lambda: Facts(
            Interval(0.0, INF, lo_closed=True), monotonic=True, breaks=(Break(0.0, 1),)
        ),
        convention="crelu'(0) = 0 in each half, as relu'(0) = 0.",
        notes=Notes(
            summary="Concatenated ReLU (Shang et al. 2016; tf.nn.crelu): concat(relu(x), "
            "relu(-x)) along an axis, doubling its length. actplot computes the first half, "
            "relu(x); the second half is the same function of -x.",
            good=(
                "Keeps the information of negative inputs that ReLU drops: each input gives "
                "one non-zero output unless it is 0.",
            ),
            bad=(
                "Twice the outputs, so the next layer has twice the weights.",
                "Each half is a ReLU, with its dead side and its kink.",
            ),
            used=("Early CNN layers, whose filters learn pairs of opposite phase.",),
            mistakes=(
                "CReLU is not an elementwise function of the same shape: tf.nn.crelu of shape "
                "(n, d) is (n, 2d). An entry of the first half is relu(x), of the second "
                "relu(-x), which is what `actplot plot crelu` and the mirror image show.",
            ),
        ),
    )
)
