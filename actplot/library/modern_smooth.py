"""Smooth and nearly smooth rectifiers of recent models: quick GELU, GELU clipped at 10, sparse
plus, hard mish, xIELU and the square root of softplus."""

from __future__ import annotations

import math

import numpy as np

from .._blocks import kernel
from ..activation import POSITIVE, Definition, Domain, Notes, Param
from ..facts import Break, Facts, Interval
from ..registry import register
from ._math import choose, gated, indicator, mask_below, npdf, pick, relu
from .smooth import GELU_MIN, LAMBERT_W_1_E, _gelu, _gelu_d1, _swish, _swish_d2, _swish_slope

FAMILY = "smooth"
INF = math.inf

QUICK = 1.702  # CLIP's constant: sigma(1.702 x) approximates Phi(x)
# swish's minimum -W(1/e)/beta, at x = -(1 + W(1/e))/beta = -0.75115
QUICK_GELU_MIN = -LAMBERT_W_1_E / QUICK


@kernel(scratch=1, keeps_nan=True)
def _quick_gelu(x: np.ndarray, out: np.ndarray, d: np.ndarray) -> None:
    _swish.body(x, out, d, QUICK)


@kernel(scratch=2, keeps_nan=True)
def _quick_gelu_d1(x: np.ndarray, out: np.ndarray, z: np.ndarray, d: np.ndarray) -> None:
    _swish_slope.body(x, out, z, d, QUICK)


@kernel(scratch=2, keeps_nan=True)
def _quick_gelu_d2(x: np.ndarray, out: np.ndarray, e: np.ndarray, d: np.ndarray) -> None:
    _swish_d2.body(x, out, e, d, QUICK)


register(
    Definition(
        name="quick_gelu",
        label="Quick GELU",
        family=FAMILY,
        formula=r"x\,\sigma(1.702\,x)",
        derivative=r"\sigma(1.702x) + 1.702x\,\sigma(1.702x)\,\sigma(-1.702x)",
        fn=_quick_gelu,
        derivatives=(_quick_gelu_d1, _quick_gelu_d2),
        aliases=("gelu_fast_approx",),
        facts=lambda: Facts(Interval(QUICK_GELU_MIN, INF, lo_closed=True), monotonic=False),
        notes=Notes(
            summary="x sigma(1.702 x): the sigmoid approximation of GELU used by CLIP; swish "
            "with beta = 1.702.",
            good=("One exponential, no erf or tanh: the cheapest GELU look-alike.",),
            bad=(
                "Not GELU: it differs from x Phi(x) by up to 0.0203 (at x = -2.27), forty "
                "times the error of the tanh form (`actplot compare gelu quick_gelu --diff`).",
            ),
            used=("OpenAI CLIP (Hugging Face quick_gelu); mlx.nn.gelu_fast_approx.",),
            mistakes=(
                "A checkpoint trained with quick_gelu is not run correctly with gelu: the "
                "outputs differ by up to 0.02 per unit, and the error grows through the layers.",
            ),
        ),
    )
)


# x Phi(x) = 10 at x = 10 + 7.6e-23: every float64 x <= 10 is below the clip, every larger one
# above it, so 10 is where the derivative drops to 0.
GELU_10_KINK = 10.0

register(
    Definition(
        name="gelu_10",
        label="GELU clipped at 10",
        family=FAMILY,
        formula=r"\min(\max(x\,\Phi(x),\ -10),\ 10)",
        derivative=r"\Phi(x) + x\,\varphi(x)\ \mathrm{if}\ x \leq 10\ \mathrm{else}\ 0",
        fn=lambda x: np.minimum(_gelu(x), 10.0),
        derivatives=(
            lambda x: choose(x <= GELU_10_KINK, _gelu_d1(x), 0.0),
            lambda x: choose(x <= GELU_10_KINK, gated(2.0 - x * x, npdf(x)), 0.0),
        ),
        facts=lambda: Facts(
            Interval(GELU_MIN, 10.0, True, True), monotonic=False, breaks=(Break(10.0, 1),)
        ),
        convention="gelu_10'(10) = GELU'(10) = 1 + 7.6e-22 (1 in float64): in exact arithmetic x Phi(x) reaches "
        "10 only at x = 10 + 7.6e-23, between the float64 10 and the next one up.",
        notes=Notes(
            summary="The exact GELU clipped to [-10, 10] (Hugging Face gelu_10); only the "
            "upper clip acts, since GELU >= -0.17.",
            good=("Bounded above, which helps 8-bit quantisation of the activations.",),
            bad=("Dead above 10: f' = 0 for x > 10, where the clip cuts.",),
            used=("Hugging Face models configured with hidden_act gelu_10.",),
            mistakes=("The clip at -10 never acts: GELU's minimum is -0.16997 (at x = -0.75179).",),
        ),
    )
)

register(
    Definition(
        name="sparse_plus",
        label="Sparse plus",
        family=FAMILY,
        formula=r"0,\ \frac{(x + 1)^2}{4},\ x\quad (x \leq -1,\ |x| < 1,\ x \geq 1)",
        derivative=r"0,\ \frac{x + 1}{2},\ 1",
        # (x + 1)^2/4 >= x, equal at 1: the pieces as a clip and a maximum, without np.where's
        # branch per element
        fn=lambda x: np.maximum(0.25 * (np.clip(x, -1.0, 1.0) + 1.0) ** 2, x),
        derivatives=(
            lambda x: 0.5 * np.clip(x, -1.0, 1.0) + 0.5,
            lambda x: indicator((x > -1) & (x < 1), 0.5),
        ),
        facts=lambda: Facts(
            Interval(0.0, INF, lo_closed=True),
            monotonic=True,
            breaks=(Break(-1.0, 2), Break(1.0, 2)),
        ),
        convention="At x = -1 and 1 the outer pieces are taken, as in JAX: f'(-1) = 0, "
        "f'(1) = 1 (both sides agree) and f''(-1) = f''(1) = 0.",
        notes=Notes(
            summary="A C1 softplus made of pieces: 0, then (x + 1)^2/4, then x "
            "(jax.nn.sparse_plus, keras.activations).",
            good=(
                "Exactly 0 for x <= -1 and exactly x for x >= 1: sparse and no exponential.",
                "Its derivative is sparse_sigmoid, as softplus's is the sigmoid.",
            ),
            bad=("Dead for x <= -1; f'' jumps at -1 and at 1.",),
            used=("JAX and Keras 3 (keras.activations.sparse_plus).",),
            mistakes=("It is not softplus: sparse_plus(0) = 0.25, softplus(0) = log 2 = 0.6931.",),
        ),
    )
)


def _hard_mish_gate(x: np.ndarray) -> np.ndarray:
    return 0.5 * np.clip(x + 2.0, 0.0, 2.0)  # in [0, 1]: x * gate cannot overflow


def _hard_mish_d1(x: np.ndarray) -> np.ndarray:
    # 0, x + 1, 1 on the three pieces: x + 1 clipped to [-1, 1], times 0 left of -2 (a mask,
    # not np.where's branch per element); + 0.0 makes that -0.0 a 0
    y = np.clip(x + 1.0, -1.0, 1.0)
    y *= x > -2
    y += 0.0
    return y


register(
    Definition(
        name="hard_mish",
        label="Hard mish",
        family=FAMILY,
        formula=r"\frac{x}{2}\,\min(\max(0,\ x + 2),\ 2)",
        derivative=r"0,\ x + 1,\ 1\quad (x \leq -2,\ -2 < x < 0,\ x \geq 0)",
        fn=lambda x: gated(x, _hard_mish_gate(x)),
        derivatives=(
            _hard_mish_d1,
            lambda x: indicator((x > -2) & (x < 0)),
        ),
        facts=lambda: Facts(
            Interval(-0.5, INF, lo_closed=True),
            monotonic=False,
            breaks=(Break(-2.0, 1), Break(0.0, 2)),
        ),
        convention="The outer pieces own the joins: f'(-2) = 0 (the right side is -1), "
        "f'(0) = 1 and f''(-2) = f''(0) = 0.",
        notes=Notes(
            summary="A piecewise-quadratic mish (timm's hard_mish): 0 for x <= -2, x (x + 2)/2 "
            "between, x for x >= 0.",
            good=("No exponential; close to mish and equal to x for x >= 0.",),
            bad=(
                "Its derivative jumps at -2 (0 to -1): only C0.",
                "Not monotonic: minimum -0.5 at x = -1; dead for x <= -2.",
            ),
            used=("timm (act_layer hard_mish) for mobile-friendly CNNs.",),
            mistakes=(
                "It is not hardswish: hardswish is x relu6(x + 3)/6 with minimum -0.375 at "
                "x = -1.5; hard_mish has minimum -0.5 at x = -1 and a dead zone from -2.",
            ),
        ),
    )
)


# xIELU --------------------------------------------------------------------------------------
# Hugging Face's XIELUActivation (Apertus): alpha_p = softplus(p), alpha_n = beta + softplus(n),
# initialised so that alpha_p = alpha_n = 0.8, with beta = 0.5 and eps = -1e-6 fixed:
#   x > 0:  alpha_p x^2 + beta x
#   x <= 0: alpha_n (expm1(min(x, eps)) - x) + beta x
# The min(x, eps) freezes the exponential on (eps, 0]: there f is linear with slope
# beta - alpha_n, and at 0 it jumps by -alpha_n expm1(eps) (8e-7 with the defaults).


# Each piece is evaluated where it is finite (right of 0 or left of it: relu(x) and min(x, 0))
# and the left one is masked by x <= 0 (a product with 1.0 or 0.0, not np.where's branch per
# element), so that the two add to the piece that applies.


def _xielu_expm1(x: np.ndarray, left: np.ndarray, alpha_n: float, eps: float) -> None:
    """alpha_n expm1(min(x, eps)) into left: the exponential piece, finite everywhere."""
    np.clip(x, -np.inf, eps, out=left)
    np.expm1(left, out=left)
    left *= alpha_n


def _xielu_left_mask(x: np.ndarray, left: np.ndarray, m: np.ndarray) -> None:
    """left *= [x <= 0] (left is finite where x > 0)."""
    np.less_equal(x, 0.0, out=m)
    left *= m


@kernel(scratch=2, keeps_nan=True)
def _xielu(
    x: np.ndarray,
    out: np.ndarray,
    left: np.ndarray,
    m: np.ndarray,
    alpha_p: float,
    alpha_n: float,
    beta: float,
    eps: float,
) -> None:
    """x (alpha_p x + beta) for x > 0; alpha_n expm1(min(x, eps)) + (beta - alpha_n) x for
    x <= 0, the x terms gathered so that -inf gives +inf, not inf - inf."""
    _xielu_expm1(x, left, alpha_n, eps)
    np.clip(x, -np.inf, 0.0, out=m)
    m *= beta - alpha_n  # (nonzero: alpha_n > beta)
    left += m
    _xielu_left_mask(x, left, m)
    relu.body(x, out)
    np.multiply(out, alpha_p, out=m)
    m += beta
    out *= m
    out += left


def _xielu_frozen(x: np.ndarray, eps: float) -> np.ndarray | None:
    """Where eps < x <= 0 (rare: the exponential is frozen there), as a mask, or None."""
    if eps == 0.0:
        return None
    frozen = np.greater(x, eps)
    frozen &= x <= 0.0
    return frozen if frozen.any() else None


@kernel(scratch=2, keeps_nan=True)
def _xielu_d1(
    x: np.ndarray,
    out: np.ndarray,
    left: np.ndarray,
    m: np.ndarray,
    alpha_p: float,
    alpha_n: float,
    beta: float,
    eps: float,
) -> None:
    """2 alpha_p x + beta for x > 0, alpha_n expm1(x) + beta for x <= eps, beta - alpha_n
    between."""
    _xielu_expm1(x, left, alpha_n, eps)
    _xielu_left_mask(x, left, m)
    relu.body(x, out)
    out *= 2.0 * alpha_p
    out += left
    out += beta
    frozen = _xielu_frozen(x, eps)
    if frozen is not None:
        out[frozen] = beta - alpha_n


@kernel(scratch=1, keeps_nan=True)
def _xielu_d2(
    x: np.ndarray,
    out: np.ndarray,
    m: np.ndarray,
    alpha_p: float,
    alpha_n: float,
    beta: float,
    eps: float,
) -> None:
    """2 alpha_p for x > 0, alpha_n e^x for x <= eps, 0 between."""
    np.clip(x, -np.inf, eps, out=out)
    np.exp(out, out=out)
    out *= alpha_n
    np.less_equal(x, eps, out=m)
    out *= m
    np.greater(x, 0.0, out=m)
    m *= 2.0 * alpha_p
    out += m


def _xielu_check(alpha_p, alpha_n, beta, eps):
    if alpha_n <= beta:
        return (
            f"alpha_n ({alpha_n:g}) must exceed beta ({beta:g}): Hugging Face's xIELU "
            "makes alpha_n = beta + softplus(a learned value)"
        )
    return None


def _xielu_facts(alpha_p, alpha_n, beta, eps):
    # Left of eps, f = alpha_n expm1(x) + (beta - alpha_n) x is convex with its minimum where
    # expm1(x) = -beta/alpha_n; on (eps, 0] f decreases linearly to f(0) = alpha_n expm1(eps).
    at_zero = alpha_n * math.expm1(eps)
    low = at_zero
    x_min = math.log1p(-beta / alpha_n)
    if x_min < eps:
        low = min(low, -beta + (beta - alpha_n) * x_min)
    if eps < 0:
        breaks = (Break(eps, 1), Break(0.0, 0))
    else:
        breaks = () if alpha_n == 2 * alpha_p else (Break(0.0, 2),)
    return Facts(Interval(low, INF, lo_closed=True), monotonic=False, breaks=breaks)


register(
    Definition(
        name="xielu",
        label="xIELU",
        family=FAMILY,
        formula=r"\alpha_p x^2 + \beta x\ \mathrm{or}\ \alpha_n(e^{\min(x, \epsilon)} - 1 - x) + \beta x",
        derivative=r"2\alpha_p x + \beta;\ \alpha_n\,\mathrm{expm1}(x) + \beta\ (x \leq \epsilon);"
        r"\ \beta - \alpha_n",
        fn=_xielu,
        derivatives=(_xielu_d1, _xielu_d2),
        params=(
            Param("alpha_p", 0.8, "curvature for x > 0, softplus of a learned value", POSITIVE),
            Param("alpha_n", 0.8, "scale for x <= 0, beta + softplus of a learned value", POSITIVE),
            Param("beta", 0.5, "the slope at 0+, fixed", POSITIVE, sweep=(0.25, 0.5)),
            Param("eps", -1e-6, "where the exponential is frozen, fixed", Domain(hi=0.0)),
        ),
        check=_xielu_check,
        facts=_xielu_facts,
        convention="At x = eps the exponential piece is taken (f' = alpha_n expm1(eps) + beta), "
        "at x = 0 the left piece (f(0) = alpha_n expm1(eps), f'(0) = beta - alpha_n, "
        "f''(0) = 0), as the x > 0 test of the formula gives.",
        notes=Notes(
            summary="The expanded integral of ELU (Huang and Schlag 2025), as Hugging Face "
            "implements it for Apertus: quadratic for x > 0, an exponential minus a line for "
            "x <= 0; alpha_p = alpha_n = 0.8, beta = 0.5, eps = -1e-6.",
            good=(
                "Its slope rises linearly for x > 0 (2 alpha_p x + beta) like squared ReLU's, "
                "and stays non-zero for x < 0 (it tends to beta - alpha_n = -0.3).",
            ),
            bad=(
                "Not monotonic, and unbounded on both sides: f(-inf) = +inf, its minimum is "
                "-0.20575 at x = -0.98083.",
                "The min(x, eps) makes f jump at 0 by 8e-7 and f' jump at eps from 0.4999992 "
                "to -0.3: a formula artefact, invisible at plot scale.",
            ),
            used=("The Apertus language models (Swiss AI, 2025), hidden_act xielu.",),
            mistakes=(
                "alpha_n is not the learned parameter: the model learns n with alpha_n = "
                "beta + softplus(n), so alpha_n > beta always; actplot takes the effective "
                "values.",
            ),
        ),
    )
)


# sqrt(softplus) -------------------------------------------------------------------------------


# Where e^x is a normal float (x >= -708), sqrt(softplus x) and sigma(x) / (2 sqrt(softplus x))
# keep their digits as written.  Below, e^x is subnormal, then 0, while the true values are
# e^{x/2} sqrt(r) and e^{x/2} / (2 (1 + t) sqrt(r)) with r = log1p(t)/t, t = e^x < 2^-1022:
# r and 1 + t are 1 to the last digit, so they are e^{x/2} and e^{x/2}/2 (0 below -1490).
NORMAL_EXP = -708.0
# softplus(x) = log1p(e^x) rounds to x from x = 40 on (and e^x is clipped there): with t = e^x
# so clipped, softplus = max(log1p(t), x), and sigma = t / (1 + t) from the same exponential
_SOFTPLUS_X = 40.0


def _sqrt_softplus_sp(x: np.ndarray, t: np.ndarray, sp: np.ndarray) -> None:
    """t = e^x and softplus(x) = max(log1p(t), x), x clipped to [-708, 40] for t (where
    it is below, _below_normal_exp has the result)."""
    np.clip(x, NORMAL_EXP, _SOFTPLUS_X, out=t)
    np.exp(t, out=t)
    np.log1p(t, out=sp)
    if np.fmax.reduce(x) > _SOFTPLUS_X:  # rare (fmax: a nan beside them does not hide them)
        np.maximum(sp, x, out=sp)


def _below_normal_exp(x: np.ndarray, out: np.ndarray, factor: float) -> None:
    """factor e^{x/2} where x < -708 (rare)."""
    if np.fmin.reduce(x) < NORMAL_EXP:  # (fmin: a nan beside them does not hide them)
        below = x < NORMAL_EXP
        out[below] = factor * np.exp(0.5 * x[below])


@kernel(scratch=1, keeps_nan=True)
def _sqrt_softplus(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    _sqrt_softplus_sp(x, t, out)
    np.sqrt(out, out=out)
    _below_normal_exp(x, out, 1.0)


@kernel(scratch=2, keeps_nan=True)
def _sqrt_softplus_d1(x: np.ndarray, out: np.ndarray, t: np.ndarray, d: np.ndarray) -> None:
    """sigma(x) / (2 sqrt(softplus)) = t / ((1 + t) 2 sqrt(softplus))."""
    _sqrt_softplus_sp(x, t, out)
    np.sqrt(out, out=out)
    out += out
    np.add(t, 1.0, out=d)
    d *= out
    np.divide(t, d, out=out)
    _below_normal_exp(x, out, 0.5)


# e^{-|x|} is kept at or above 5e-324 (|x| clipped at 745) for f'': where x < -745 the left
# formula's r = log1p(t)/t is then 1, its limit, rather than 0/0.
_TINY_EXP = 745.0


@kernel(scratch=6, keeps_nan=True)
def _sqrt_softplus_d2(
    x: np.ndarray,
    out: np.ndarray,
    a: np.ndarray,
    e: np.ndarray,
    sp: np.ndarray,
    r: np.ndarray,
    right: np.ndarray,
    m: np.ndarray,
) -> None:
    """(2 sp sigma' - sigma^2) / (4 sp^1.5), in a = |x| and e = e^{-a} (t = e^x on the left,
    e^{-x} on the right): for x < 0 it is e^{x/2} (2r - 1) / (4 r^1.5 (1 + t)^2) with
    r = log1p(t)/t; for x >= 0, (2 sp e^{-x} - 1) / (4 sp^1.5 (1 + e^{-x})^2), whose bracket,
    which vanishes at the inflection x = 0.83, is expm1(log(2 sp) - x) without cancellation.
    Both are formed everywhere and picked bit for bit, the numerators and r or sp (as Q),
    then divided by 4Q, sqrt(Q) and (1 + e)^2 one at a time (Q^1.5 alone would overflow)."""
    np.abs(x, out=a)
    np.clip(a, 0.0, 1e300, out=a)  # log(inf) - inf would be nan
    np.clip(a, 0.0, _TINY_EXP, out=e)
    np.negative(e, out=e)
    np.exp(e, out=e)
    np.log1p(e, out=sp)
    np.divide(sp, e, out=r)
    sp += a  # softplus(x) = x + log1p(e^{-x}) on the right
    np.multiply(sp, 2.0, out=right)
    np.log(right, out=right)
    right -= a
    np.expm1(right, out=right)
    np.multiply(a, -0.5, out=out)  # e^{x/2} (2r - 1) on the left
    np.exp(out, out=out)
    np.multiply(r, 2.0, out=a)
    a -= 1.0
    out *= a
    below = mask_below(x, 0.0, m)
    pick(below, out, right, out=out)
    pick(below, r, sp, out=r)
    np.multiply(r, 4.0, out=sp)
    out /= sp
    np.sqrt(r, out=r)
    out /= r
    e += 1.0
    e *= e
    out /= e


register(
    Definition(
        name="sqrt_softplus",
        label="sqrt softplus",
        family=FAMILY,
        formula=r"\sqrt{\log(1 + e^x)}",
        derivative=r"\frac{\sigma(x)}{2\sqrt{\log(1 + e^x)}}",
        fn=_sqrt_softplus,
        derivatives=(_sqrt_softplus_d1, _sqrt_softplus_d2),
        aliases=("sqrtsoftplus",),
        facts=lambda: Facts(Interval(0.0, INF), monotonic=True),
        notes=Notes(
            summary="The square root of softplus: positive, like e^{x/2} on the left and "
            "sqrt(x) on the right.",
            good=(
                "Positive and monotonic, and grows only like sqrt(x): large router logits "
                "cannot dominate the way exp or softplus lets them.",
            ),
            bad=(
                "Its derivative vanishes like 1/(2 sqrt x) on the right, and like e^{x/2}/2 "
                "on the left.",
            ),
            used=("The expert router of DeepSeek V4 (Hugging Face sqrtsoftplus).",),
            mistakes=(
                "sqrt(log1p(exp(x))) loses its digits below x = -708, where exp(x) is "
                "subnormal (2.2e-162 at x = -745 for the true 1.7e-162), and is 0 below -745.2; "
                "the true value is about e^{x/2}, and actplot keeps it down to x = -1490.",
            ),
        ),
    )
)
