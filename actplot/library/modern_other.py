"""Periodic and exponential activations: Snake, SnakeBeta (audio synthesis) and e^x (Keras)."""

from __future__ import annotations

import math

import numpy as np

from ..activation import POSITIVE, Definition, Notes, Param
from ..facts import Facts, Interval
from ..registry import register

FAMILY = "other"
INF = math.inf

_NO_LIMIT = (
    "At x = +-inf f' and f'' are nan: they oscillate for ever and have no limit. Where alpha x "
    "is beyond the float64 range the phase is lost to rounding (one ulp of x spans many "
    "periods), and the phase 0 is taken."
)


def _phase(x: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """sin(alpha x), cos(alpha x), and where x is infinite; sin(inf) would warn."""
    a = alpha * x
    finite = np.isfinite(a)
    a = np.where(finite, a, 0.0)
    return np.sin(a), np.cos(a), np.isinf(x)


def _snake(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    s, _, _ = _phase(x, alpha)
    return x + s * s / beta


def _snake_d1(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    # 1 + (alpha/beta) sin(2 alpha x) = (1 - r) + r (sin + cos)^2: for r = 1 a square, exact
    # near its double zeros where 1 + sin(.) would cancel
    s, c, inf = _phase(x, alpha)
    r = alpha / beta
    return np.where(inf, np.nan, (1.0 - r) + r * (s + c) ** 2)


def _snake_d2(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    s, c, inf = _phase(x, alpha)
    return np.where(inf, np.nan, (2.0 * alpha * alpha / beta) * ((c - s) * (c + s)))


# |x| within which the measurement grid samples a period of snake finely enough (alpha up to 3
# is tested); beyond it the curve is only summarised (see Definition.resolved)
RESOLVED = 1e3

register(
    Definition(
        name="snake",
        resolved=RESOLVED,
        label="Snake",
        family=FAMILY,
        formula=r"x + \frac{\sin^2(\alpha x)}{\alpha}",
        derivative=r"1 + \sin(2\alpha x)",
        fn=lambda x, alpha: _snake(x, alpha, alpha),
        derivatives=(
            lambda x, alpha: _snake_d1(x, alpha, alpha),
            lambda x, alpha: _snake_d2(x, alpha, alpha),
        ),
        params=(Param("alpha", 1.0, "frequency, learned per channel", POSITIVE),),
        facts=lambda alpha: Facts(Interval(-INF, INF), monotonic=True),
        notes=Notes(
            summary="x + sin^2(alpha x)/alpha (Liu Ziyin et al. 2020): a line with a periodic "
            "ripple, for signals that repeat. " + _NO_LIMIT,
            good=(
                "Extrapolates periodic patterns, which ReLU and tanh networks cannot.",
                "Monotonic: f' = 1 + sin(2 alpha x) lies in [0, 2].",
            ),
            bad=(
                "Its derivative reaches 0 once per period (at alpha x = -pi/4 + k pi).",
                "Two trigonometric functions per element.",
            ),
            used=("Neural vocoders: BigVGAN, DAC and other audio codecs.",),
            mistakes=(
                "Snake is not sin(x) + x: the ripple is sin^2(alpha x)/alpha, which is never "
                "negative, so snake(x) >= x everywhere.",
            ),
        ),
    )
)

register(
    Definition(
        name="snake_beta",
        resolved=RESOLVED,
        label="SnakeBeta",
        family=FAMILY,
        formula=r"x + \frac{\sin^2(\alpha x)}{\beta}",
        derivative=r"1 + \frac{\alpha}{\beta}\,\sin(2\alpha x)",
        fn=_snake,
        derivatives=(_snake_d1, _snake_d2),
        params=(
            Param("alpha", 1.0, "frequency, learned per channel", POSITIVE),
            Param("beta", 1.0, "inverse ripple size, learned per channel", POSITIVE),
        ),
        facts=lambda alpha, beta: Facts(Interval(-INF, INF), monotonic=alpha <= beta),
        notes=Notes(
            summary="Snake with separate frequency and size, x + sin^2(alpha x)/beta (BigVGAN); "
            "snake is alpha = beta. " + _NO_LIMIT,
            good=("Frequency and ripple size are learned independently.",),
            bad=(
                "Not monotonic when alpha > beta: f' = 1 + (alpha/beta) sin(2 alpha x) goes "
                "below 0.",
            ),
            used=("BigVGAN's vocoder (with log-scale alpha and beta, initialised to 1).",),
            mistakes=(
                "BigVGAN stores log alpha and log beta when alpha_logscale is set: a stored 0 "
                "means alpha = beta = 1, not 0; and it divides by beta + 1e-9.",
            ),
        ),
    )
)

register(
    Definition(
        name="exponential",
        label="Exponential",
        family=FAMILY,
        formula=r"e^x",
        derivative=r"e^x",
        fn=np.exp,
        derivatives=(np.exp, np.exp),
        aliases=("exp",),
        facts=lambda: Facts(Interval(0.0, INF), monotonic=True),
        notes=Notes(
            summary="e^x (keras.activations.exponential): positive, and its own derivative.",
            good=("Maps any real to a positive value: rates, scales, Poisson means.",),
            bad=(
                "Overflows to inf for x > 709.78 in float64 (88.72 in float32); gradients "
                "explode as fast as the output.",
            ),
            used=("Output layers for positive quantities; Keras's exponential.",),
            mistakes=(
                "For a positive output, softplus is usually safer: it grows like x, not e^x.",
            ),
        ),
    )
)
