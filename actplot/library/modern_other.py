"""Periodic, exponential and logarithmic activations: Snake, SnakeBeta (audio synthesis), e^x
(Keras) and log(1 - e^-x) (JAX)."""

from __future__ import annotations

import math

import numpy as np

from .._blocks import kernel
from ..activation import NONNEGATIVE, POSITIVE, Definition, Notes, Param
from ..facts import Facts, Interval
from ..registry import register
from ._math import mask_above, pick

FAMILY = "other"
INF = math.inf

_NO_LIMIT = (
    "At x = +-inf f' and f'' are nan: they oscillate for ever and have no limit. Where alpha x "
    "is beyond the float64 range the phase is lost to rounding (one ulp of x spans many "
    "periods), and the phase 0 is taken."
)


# numpy's sin and cos are scalar loops here (~20 times exp each) where its tan is vectorised
# (~1.5 times exp), so everything is written in T = tan(alpha x): sin^2 = T^2/(1 + T^2),
# 1 + sin 2a = (1 + T)^2/(1 + T^2), cos 2a = (1 - T)(1 + T)/(1 + T^2).  Near the zeros of the
# last two, 1 + T and 1 - T are exact (T is near -1 or 1), so they keep the digits that
# 1 + sin 2a or cos^2 - sin^2 would cancel.


def _tan(x: np.ndarray, alpha: float) -> np.ndarray:
    """tan(alpha x), clipped to +-1e150 so that T^2 cannot overflow (beyond, every formula is
    at its limit to the last digit); nan where alpha x is +-inf."""
    with np.errstate(invalid="ignore"):  # tan(+-inf)
        t = np.tan(alpha * x)
    return np.clip(t, -1e150, 1e150)


def _mend(y: np.ndarray, x: np.ndarray, phase_overflowed: float) -> np.ndarray:
    """Where y is nan but x is not, alpha x overflowed, far beyond where the curve is resolved:
    there the phase is taken as 0, which gives ``phase_overflowed``.  At x = +-inf f' and f''
    oscillate for ever: nan stays."""
    if y.size and np.isnan(np.min(y)):
        y = np.where(np.isnan(y) & np.isfinite(x), phase_overflowed, y)
    return y


def _snake(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    t = _tan(x, alpha)
    t *= t
    y = t / (1.0 + t)  # sin^2(alpha x)
    y /= beta
    y += x
    if y.size and np.isnan(np.min(y)):  # rare: alpha x = +-inf; f is x there to the last digit
        y = np.where(np.isnan(y), x, y)
    return y


def _snake_d1(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    # 1 + (alpha/beta) sin(2 alpha x) = (1 - r) + r (1 + T)^2/(1 + T^2): for r = 1 exact near
    # its double zeros
    t = _tan(x, alpha)
    y = 1.0 + t
    y *= y
    t *= t
    t += 1.0
    y /= t
    r = alpha / beta
    y *= r
    y += 1.0 - r
    return _mend(y, x, 1.0)


def _snake_d2(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    # (2 alpha^2/beta) cos(2 alpha x)
    k = 2.0 * alpha * alpha / beta
    t = _tan(x, alpha)
    y = (1.0 - t) * (1.0 + t)
    t *= t
    t += 1.0
    y /= t
    y *= k
    return _mend(y, x, k)


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


LN2 = math.log(2.0)


# Beyond this expm1 overflows, where e^-x is still a normal number or a subnormal one; and
# there 1/(e^x - 1) = e^-x/(1 - e^-x) is e^-x to the last digit (1 - e^-x rounds to 1 from
# x = 37 on), as is e^x/(e^x - 1)^2.
_EXPM1_MAX = 709.0


def _far(x: np.ndarray, out: np.ndarray, sign: float) -> None:
    """sign e^-x where x > _EXPM1_MAX (rare): f' and -f'' there."""
    if np.fmax.reduce(x, initial=0.0) > _EXPM1_MAX:  # (fmax: a nan does not hide them)
        far = x > _EXPM1_MAX
        out[far] = sign * np.exp(-x[far])


@kernel(scratch=2, keeps_nan=True)
def _log1mexp(x: np.ndarray, out: np.ndarray, v: np.ndarray, mask: np.ndarray) -> None:
    # Maechler (2012): 1 - e^-x cancels for small x, where -expm1(-x) keeps every digit; for
    # large x it is 1 - (tiny), where log1p of -e^-x keeps them.  ln 2 is where both are good.
    # The first as log(expm1(x)) - x (x >= 0, the domain: -expm1(-x) = e^-x expm1(x)); both
    # are computed and the right one picked bit for bit: the inputs of a layer fall on both
    # sides.
    np.expm1(x, out=v)
    np.negative(x, out=out)
    np.exp(out, out=out)
    np.negative(out, out=out)
    # x = 0 (and near 0 for log1p): log(0) = -inf; x = inf: inf - inf in the first, not taken
    with np.errstate(divide="ignore", invalid="ignore"):
        np.log(v, out=v)
        v -= x
        np.log1p(out, out=out)
    pick(mask_above(x, LN2, mask), out, v, out)


@kernel(keeps_nan=True)
def _log1mexp_d1(x: np.ndarray, out: np.ndarray) -> None:
    np.abs(x, out=out)  # at -0.0 too: +inf
    np.expm1(out, out=out)
    with np.errstate(divide="ignore"):  # x = 0: +inf, the limit
        np.divide(1.0, out, out=out)
    _far(x, out, 1.0)


@kernel(keeps_nan=True)
def _log1mexp_d2(x: np.ndarray, out: np.ndarray) -> None:
    # -e^x / (e^x - 1)^2 = -1 / (4 sinh^2(x/2)): no difference to cancel, and no e^x to
    # overflow until 4 sinh^2(x/2) does, beyond _EXPM1_MAX
    np.multiply(x, 0.5, out=out)
    np.sinh(out, out=out)
    np.square(out, out=out)
    out *= -4.0
    with np.errstate(divide="ignore"):
        np.divide(1.0, out, out=out)
    _far(x, out, -1.0)


register(
    Definition(
        name="log1mexp",
        label="Log1mExp",
        family=FAMILY,
        formula=r"\log(1 - e^{-x})",
        derivative=r"\frac{1}{e^x - 1}",
        fn=_log1mexp,
        derivatives=(_log1mexp_d1, _log1mexp_d2),
        domain=NONNEGATIVE,
        facts=lambda: Facts(Interval(-INF, 0.0), monotonic=True),
        notes=Notes(
            summary="log(1 - e^-x) for x >= 0 (jax.nn.log1mexp): the log of 1 - p from "
            "x = -log p. Defined for x >= 0 only: nan below 0, -inf at 0.",
            good=(
                "Turns a log-probability into the log of its complement without leaving "
                "log space: log(1 - p) = log1mexp(-log p).",
                "Increasing and concave; f' = 1/(e^x - 1) decays like e^-x.",
            ),
            bad=(
                "Not an activation for hidden layers: undefined for negative inputs, and "
                "f' = 1/(e^x - 1) is unbounded near 0 (about 1/x).",
            ),
            used=(
                "Survival and censoring likelihoods, log-space probability code, diffusion "
                "noise schedules; jax.nn.log1mexp.",
            ),
            mistakes=(
                "np.log(1 - np.exp(-x)) loses every digit for small x: at x = 1e-17, "
                "e^-x rounds to 1 and the result is -inf instead of -39.14. "
                "np.log1p(-np.exp(-x)) has the same flaw; np.log(-np.expm1(-x)) has the "
                "opposite one, for large x. The stable form takes the first below ln 2 and "
                "the second above (Maechler 2012).",
            ),
        ),
    )
)
