"""Smooth rectifiers: softplus, the self-gated x * gate(x) family (swish, GELU, mish), squareplus."""

from __future__ import annotations

import math

import numpy as np

from .._blocks import kernel
from ..activation import POSITIVE, Definition, Notes, Param
from ..facts import Break, Facts, Interval
from ..registry import register
from ._erfc import normal_cdf, normal_cdf_pdf
from ._math import dsigmoid, gated, indicator, npdf, relu, sigmoid, softplus

FAMILY = "smooth"
INF = math.inf
_MAX = np.finfo(np.float64).max

# Minima of the non-monotonic ones, to 20 digits, from mpmath at 50 digits (swish's is
# closed-form: -W(1/e) at x = -(1 + W(1/e)), W being Lambert's function).
LAMBERT_W_1_E = 0.27846454276107379511
GELU_MIN = -0.16997120747990366169  # at x = -0.75179152469356445746
GELU_TANH_MIN = -0.17004075057125405064  # at x = -0.75246142207101625849
MISH_MIN = -0.30884341301725040663  # at x = -1.1924312145154952121


def _smooth_bounded_below(minimum: float) -> Facts:
    return Facts(Interval(minimum, INF, lo_closed=True), monotonic=False)


@kernel(scratch=1, keeps_nan=True)
def _softplus(x: np.ndarray, out: np.ndarray, e: np.ndarray, beta: float) -> None:
    """max(x, 0) + log1p(exp(-beta |x|)) / beta."""
    if beta == 1.0:
        softplus.body(x, out, e)
        return
    np.abs(x, out=e)
    e *= -beta
    np.exp(e, out=e)
    np.log1p(e, out=e)
    e /= beta
    relu.body(x, out)
    out += e


register(
    Definition(
        name="softplus",
        label="Softplus",
        family=FAMILY,
        formula=r"\frac{1}{\beta}\,\log(1 + e^{\beta x})",
        derivative=r"\sigma(\beta x)",
        fn=_softplus,
        derivatives=(
            lambda x, beta: sigmoid(beta * x),
            lambda x, beta: beta * dsigmoid(beta * x),
        ),
        params=(
            Param(
                "beta",
                1.0,
                "sharpness: larger beta is closer to ReLU",
                POSITIVE,
                sweep=(0.5, 1.0, 2.0, 5.0),
            ),
        ),
        facts=lambda beta: Facts(Interval(0.0, INF), monotonic=True),
        notes=Notes(
            summary="A smooth ReLU: log(1 + e^{beta x}) / beta, whose derivative is the sigmoid.",
            good=(
                "Smooth and strictly positive: parametrises positive quantities (variances, rates).",
                "No dead zone: f' = sigma(beta x) > 0.",
            ),
            bad=(
                "Never exactly 0, so no sparsity; not zero-centred.",
                "Soft saturation on the left; costs an exp and a log.",
            ),
            used=("Positive outputs of probabilistic models; a smooth ReLU in theory papers.",),
            mistakes=(
                "np.log(1 + np.exp(x)) overflows to inf for x > 709, and loses every digit "
                "for x < -37 (1 + e^x rounds to 1); actplot computes max(x, 0) + log1p(e^{-|x|}).",
                "PyTorch's Softplus returns x itself once beta x > 20 (its threshold), off by "
                "2.06e-9 (1.03e-10 relative) at x = 20; actplot keeps the exact formula.",
            ),
        ),
    )
)


def _times_beta(x: np.ndarray, beta: float, z: np.ndarray) -> np.ndarray:
    """beta x (into z, or x itself for beta = 1), with infinities (rare) clipped to +-MAX
    there: the gate's derivatives are 0, and their product with it is taken as its limit, 0."""
    if beta != 1.0:
        x = np.multiply(x, beta, out=z)
    # (fmax, fmin: a nan beside an infinity does not hide it)
    if np.isinf(np.fmax.reduce(x)) or np.isinf(np.fmin.reduce(x)):
        return np.clip(x, -_MAX, _MAX, out=z)
    return x


@kernel(scratch=1, keeps_nan=True)
def _swish(x: np.ndarray, out: np.ndarray, d: np.ndarray, beta: float) -> None:
    """x sigmoid(beta x), the operations of x * sigmoid(b x) as typed (tests/test_expressions.py:
    bit for bit); at -inf the product is -inf * 0, the limit -0.0."""
    if beta == 1.0:
        sigmoid.body(x, out, d)
    else:  # sigmoid's body reads its input only in its first step: it may be out
        np.multiply(x, beta, out=out)
        sigmoid.body(out, out, d)
    if np.fmin.reduce(x) == -np.inf:  # rare
        x = np.clip(x, -_MAX, np.inf, out=d)
    out *= x


@kernel(scratch=3, keeps_nan=True)
def _swish_d1(
    x: np.ndarray, out: np.ndarray, z: np.ndarray, t: np.ndarray, d: np.ndarray, beta: float
) -> None:
    """sigma(bx) + bx sigma'(bx): the operations of x * sigmoid(x) differentiated, which an
    expression of it reproduces bit for bit (tests/test_expressions.py), so two exponentials
    where one would do (quick_gelu's derivative)."""
    z = _times_beta(x, beta, z)
    sigmoid.body(z, out, d)
    dsigmoid.body(z, t, d)
    t *= z
    out += t


# From z = beta x = 50 on, swish's f' = 1 + (z - 1) e^{-z} rounds to 1: z is clipped there.
_SWISH_ONE = 50.0


def _swish_slope_range(beta: float, top: float = math.inf) -> tuple[float, float]:
    """Where x is clipped for _swish_slope (and below top): beta x within [-MAX, 50]."""
    return -_MAX / max(beta, 1.0), min(top, _SWISH_ONE / beta)


def _swish_slope_of(z: np.ndarray, out: np.ndarray, d: np.ndarray) -> None:
    """_swish_slope of z = beta x in [-MAX, 50], into out (z is overwritten)."""
    np.exp(z, out=out)
    np.add(out, 1.0, out=d)
    z += d
    z *= out
    np.multiply(d, d, out=out)
    np.divide(z, out, out=out)


@kernel(scratch=2, keeps_nan=True)
def _swish_slope(x: np.ndarray, out: np.ndarray, z: np.ndarray, d: np.ndarray, beta: float) -> None:
    """swish's f' = sigma(z) + z sigma'(z), z = beta x, from one exponential, for those that
    need not match x*sigmoid(x) bit for bit (quick_gelu, the SwiGLUs): with t = e^z and
    D = 1 + t, sigma = t / D and sigma' = t / D^2, so f' = t (D + z) / D^2.  z is kept within
    [-MAX, 50]: at -inf the product is 0, and t^2 cannot overflow."""
    np.clip(x, *_swish_slope_range(beta), out=z)
    z *= beta
    _swish_slope_of(z, out, d)


@kernel(scratch=2, keeps_nan=True)
def _swish_d2(x: np.ndarray, out: np.ndarray, e: np.ndarray, d: np.ndarray, beta: float) -> None:
    """(x sigma(bx))'' = b sigma'(z) (2 - z tanh(z/2)), z = bx, from one exponential: with
    a = |z|, e = e^{-a} and D = 1 + e, sigma'(z) = e / D^2 and z tanh(z/2) = a (1 - e) / D, so
    it is b e ((2 - a) + (2 + a) e) / D^3, which cancels only at the bracket's zero."""
    np.abs(_times_beta(x, beta, out), out=out)
    np.negative(out, out=e)
    np.exp(e, out=e)
    np.add(out, 2.0, out=d)
    d *= e
    np.subtract(2.0, out, out=out)
    out += d
    out *= e
    np.add(e, 1.0, out=d)
    np.multiply(d, d, out=e)
    e *= d
    out /= e
    if beta != 1.0:
        out *= beta


register(
    Definition(
        name="swish",
        label="Swish",
        family=FAMILY,
        formula=r"x\,\sigma(\beta x)",
        derivative=r"\sigma(\beta x) + \beta x\,\sigma(\beta x)\,\sigma(-\beta x)",
        fn=_swish,
        derivatives=(_swish_d1, _swish_d2),
        params=(
            Param(
                "beta",
                1.0,
                "gate sharpness: beta = 1 is SiLU, beta -> inf is ReLU",
                POSITIVE,
                sweep=(0.5, 1.0, 2.0, 10.0),
            ),
        ),
        aliases=("silu",),
        facts=lambda beta: _smooth_bounded_below(-LAMBERT_W_1_E / beta),
        notes=Notes(
            summary="x gated by sigma(beta x) (Ramachandran et al. 2017); beta = 1 is SiLU "
            "(Elfwing et al. 2017).",
            good=(
                "Smooth, with a small negative dip: gradients flow for negative inputs.",
                "Matched or beat ReLU in deep image and translation models in the Swish paper.",
            ),
            bad=(
                "Not monotonic: minimum -0.27846/beta at x = -1.27846/beta.",
                "An exponential per element; not zero-centred.",
            ),
            used=(
                "EfficientNet, MobileNet v3 (as hardswish), YOLO v5+, LLaMA's SwiGLU feed-forward.",
            ),
            mistakes=(
                "Swish's derivative is not always positive: it is negative for x < -1.27846 "
                "(beta = 1), where the curve dips to its minimum -0.27846 (`actplot compare swish`).",
                "'Better than ReLU' is an empirical result on some large models, not a rule; swish "
                "was found by a search over formulas, not by design.",
            ),
        ),
    )
)


@kernel(scratch=1, keeps_nan=True)
def _hardswish(x: np.ndarray, out: np.ndarray, xc: np.ndarray) -> None:
    """x relu6(x + 3)/6, as x * (clip(x + 3, 0, 6)/6) computes it; at -inf the product is
    -inf * 0, the limit -0.0."""
    np.add(x, 3.0, out=out)
    np.clip(out, 0.0, 6.0, out=out)
    out /= 6.0
    if np.fmin.reduce(x) == -np.inf:  # rare
        x = np.clip(x, -_MAX, np.inf, out=xc)
    out *= x


def _hardswish_d1(x: np.ndarray) -> np.ndarray:
    # 0, (2x + 3)/6, 1 on the three pieces, as masks times values: np.where's branch per
    # element costs several passes when the sign is random (the middle value of the clipped x
    # is finite, so the masks leave exact zeros)
    y = 2.0 * np.clip(x, -3.0, 3.0) + 3.0
    y /= 6.0
    y *= (x > -3) & (x < 3)
    y += x >= 3  # +0.0 on the left, not -0.5 * 0
    return y


register(
    Definition(
        name="hardswish",
        label="Hardswish",
        family=FAMILY,
        formula=r"x\,\frac{\min(\max(0,\ x + 3),\ 6)}{6}",
        derivative=r"0\ (x \leq -3),\ \ \frac{2x + 3}{6}\ (-3 < x < 3),\ \ 1\ (x \geq 3)",
        fn=_hardswish,
        derivatives=(_hardswish_d1, lambda x: indicator((x > -3) & (x < 3), 1 / 3)),
        aliases=("hard_silu",),
        facts=lambda: Facts(
            Interval(-0.375, INF, lo_closed=True),
            monotonic=False,
            breaks=(Break(-3.0, 1), Break(3.0, 1)),
        ),
        convention="hardswish'(-3) = 0 and hardswish'(3) = 1 (the outer pieces), as in PyTorch; "
        "the second derivative is 1/3 strictly inside (-3, 3) and 0 elsewhere.",
        notes=Notes(
            summary="A piecewise-quadratic swish without exponentials (MobileNet v3).",
            good=("Cheap on mobile hardware; close to swish.",),
            bad=(
                "Its derivative jumps at -3 (0 to -1/2) and at 3 (3/2 to 1): only C0.",
                "Not monotonic: minimum -0.375 at x = -1.5; dead zone for x <= -3.",
            ),
            used=("MobileNet v3 and other mobile architectures.",),
        ),
    )
)


def _gelu(x: np.ndarray) -> np.ndarray:
    return gated(x, normal_cdf(x))


def _gelu_d1(x: np.ndarray) -> np.ndarray:
    # Phi and phi from one evaluation: they share exp(-x^2/2)
    cdf, pdf = normal_cdf_pdf(x)
    d = gated(x, pdf)
    d += cdf
    return d


register(
    Definition(
        name="gelu",
        label="GELU",
        family=FAMILY,
        formula=r"x\,\Phi(x) = \frac{x}{2}\,\mathrm{erfc}(-x/\sqrt{2})",
        derivative=r"\Phi(x) + x\,\varphi(x)",
        fn=_gelu,
        derivatives=(
            _gelu_d1,
            lambda x: gated(2.0 - x * x, npdf(x)),
        ),
        facts=lambda: _smooth_bounded_below(GELU_MIN),
        notes=Notes(
            summary="x weighted by the standard normal CDF Phi(x) (Hendrycks and Gimpel 2016): "
            "an expected, stochastic-gated ReLU.",
            good=("Smooth, with a small negative dip; the standard choice in Transformers.",),
            bad=(
                "Not monotonic: minimum -0.16997 at x = -0.75179.",
                "erf is costly; many frameworks offer the tanh approximation (gelu_tanh).",
                "Gradients still vanish on the far left: GELU'(-9) = -9.1e-18.",
            ),
            used=("BERT, RoBERTa, GPT-2, ViT and most Transformers.",),
            mistakes=(
                "Phi computed as (1 + erf(x/sqrt 2))/2 is exactly 0 (GELU = -0.0) below "
                "x = -8.37; actplot uses erfc(-x/sqrt 2)/2.",
                "0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))) is not GELU but its tanh "
                "approximation (gelu_tanh), off by up to 4.7324e-4 at x = +-2.6989 "
                "(`actplot compare gelu gelu_tanh --diff`).",
                "GELU avoids vanishing gradients only on the right; on the left its derivative "
                "decays like x phi(x) (`actplot grad gelu --log --range -40 40`).",
            ),
        ),
    )
)

_C = math.sqrt(2.0 / math.pi)
_K = 0.044715
# left of 2u = -708, e^{-2u} would overflow and e^{2u} is subnormal: there f is x sigma(2u)
FAR = -708.0


# Where f' is 1 (x >= 10) or 0 (x <= -30) to the last digit, and from 10 on f is x: x is
# clipped there for u, so that e^{2u} cannot overflow on the right, nor u meet an infinite x
_GELU_TANH_ONE, _GELU_TANH_ZERO = 10.0, -30.0


@kernel(scratch=2, keeps_nan=True)
def _gelu_tanh(x: np.ndarray, out: np.ndarray, xc: np.ndarray, z: np.ndarray) -> None:
    """x sigma(2u) as x / (1 + e^{-2u}): one exp and a few passes, where sigma and the inf * 0
    mend take twice that; left of 2u = -708 (rare), where e^{-2u} would overflow and e^{2u}
    is subnormal, it is x sigma(2u)."""
    np.clip(x, _GELU_TANH_ZERO, _GELU_TANH_ONE, out=xc)
    np.multiply(xc, xc, out=z)  # -2u = -2 sqrt(2/pi) x (1 + 0.044715 x^2)
    z *= _K
    z += 1.0
    z *= xc
    z *= -2.0 * _C
    far = None
    if not np.fmax.reduce(z) <= -FAR:  # (fmax: a nan beside them does not hide them)
        far = z > -FAR
        left = gated(x[far], sigmoid(-z[far]))
        np.clip(z, -INF, -FAR, out=z)
    np.exp(z, out=out)
    out += 1.0
    np.divide(x, out, out=out)
    if far is not None:
        out[far] = left


@kernel(scratch=3, keeps_nan=True)
def _gelu_tanh_d1(
    x: np.ndarray, out: np.ndarray, xc: np.ndarray, dz: np.ndarray, d: np.ndarray
) -> None:
    """sigma(z) + x z' sigma'(z), z = 2u, from one exponential: with t = e^z and D = 1 + t,
    sigma = t / D and sigma' = t / D^2, so f' = t (D + x z') / D^2, where
    z = x (2C + 2CK x^2) and z' = 2C + 6CK x^2."""
    np.clip(x, _GELU_TANH_ZERO, _GELU_TANH_ONE, out=xc)
    np.multiply(xc, xc, out=d)
    np.multiply(d, 6.0 * _C * _K, out=dz)
    dz += 2.0 * _C
    d *= 2.0 * _C * _K
    d += 2.0 * _C
    d *= xc
    np.exp(d, out=out)
    np.add(out, 1.0, out=d)
    dz *= xc
    dz += d
    dz *= out
    d *= d
    np.divide(dz, d, out=out)
    out += 0.0  # far left, t (D + x z') is -0.0: the limit is taken as 0


# Beyond |x| = 50, sigma'(2u) is exactly 0: x is clipped there (no inf - inf in the bracket);
# beyond |2u| = 600 (|x| > 21), e^{-2|u|} nears the subnormals, whose lost digits a bracket
# of ~1e5 would make visible: there (rare) it is carried scaled by 2^64, as
# (e^{-|u|} 2^32)^2 (no rounded exponent), and the product scaled back exactly.
_GELU_TANH_FLAT, _GELU_TANH_FAR = 50.0, 300.0


@kernel(scratch=4, keeps_nan=True)
def _gelu_tanh_d2(
    x: np.ndarray, out: np.ndarray, a: np.ndarray, x2: np.ndarray, e: np.ndarray, d: np.ndarray
) -> None:
    """(x g)'' with g = sigma(2u): 2 sigma'(2u) (2u' + x u'' - 2 x u'^2 tanh u), even in x, so
    in a = |x|, from one exponential: with e = e^{-2|u|} and D = 1 + e, sigma'(2u) = e / D^2
    and tanh|u| = (1 - e) / D (whose 1 - e cancels only where its term is small), so it is
    e (B D - 4 a u'^2 (1 - e)) / D^3 with B = 4C + 24CK x^2 (= 2 (2u' + x u''))."""
    np.abs(x, out=a)
    np.clip(a, 0.0, _GELU_TANH_FLAT, out=a)
    np.multiply(a, a, out=x2)
    np.multiply(x2, _K, out=e)  # -2|u| = -2C a (1 + K x^2)
    e += 1.0
    e *= a
    e *= -2.0 * _C
    far = not np.fmin.reduce(e) >= -2.0 * _GELU_TANH_FAR  # (fmin: a nan hides nothing)
    if far:
        minus_u = 0.5 * e
    np.exp(e, out=e)
    np.add(e, 1.0, out=d)
    np.multiply(x2, 3.0 * _C * _K, out=out)  # u' = C + 3CK x^2, and a u'^2 (1 - e) into a
    out += _C
    a *= out
    a *= out
    np.subtract(1.0, e, out=out)
    a *= out
    a *= 4.0
    x2 *= 24.0 * _C * _K  # B D - 4 a u'^2 (1 - e) into x2
    x2 += 4.0 * _C
    if far:
        bracket_far = x2 - a  # D = 1 - e = 1 there
    x2 *= d
    x2 -= a
    x2 *= e
    np.multiply(d, d, out=out)
    out *= d
    np.divide(x2, out, out=out)
    if far:
        where = minus_u < -_GELU_TANH_FAR
        scaled = np.exp(minus_u[where]) * 2.0**32
        out[where] = np.ldexp(bracket_far[where] * (scaled * scaled), -64)


register(
    Definition(
        name="gelu_tanh",
        label="GELU (tanh)",
        family=FAMILY,
        formula=r"\frac{x}{2}\,(1 + \tanh(\sqrt{2/\pi}\,(x + 0.044715\,x^3)))",
        derivative=r"\sigma(2u) + 2x\,u'\,\sigma(2u)\,\sigma(-2u),\ \ u = \sqrt{2/\pi}\,(x + 0.044715\,x^3)",
        fn=_gelu_tanh,
        derivatives=(_gelu_tanh_d1, _gelu_tanh_d2),
        facts=lambda: _smooth_bounded_below(GELU_TANH_MIN),
        notes=Notes(
            summary="The tanh approximation of GELU, within 4.7324e-4 of it everywhere.",
            good=("No erf: faster where erf is slow.",),
            bad=("An approximation: differs from GELU by up to 4.7324e-4 (x = +-2.6989).",),
            used=("GPT-2 and BERT's original code; jax.nn.gelu's default (approximate=True).",),
            mistakes=(
                "1 + tanh(u) cancels for u << 0 (0 for u < -19); actplot computes x sigma(2u), "
                "the same function, which keeps its digits.",
            ),
        ),
    )
)


# tanh(softplus(x)) in t = e^x: (1 + t)^2 = e^{2 softplus(x)}, so with M = t (t/2 + 1) =
# ((1 + t)^2 - 1)/2 and H = M + 1, g = M / H and g' = sigma(x) (1 - g^2) = t (1 + t) / H^2.
# Sums of positive terms: nothing cancels, and in the left tail g = g' = t to the last bit.
# From x = 40 on g rounds to 1 and x g' is below an ulp of it, so x is clipped there for g
# and f'; only g' itself (for f'') needs its far right tail, 4 e^{-2x}, put in where it is met.
_MISH_ONE = 40.0


def _mish_g(xc: np.ndarray, t: np.ndarray, g: np.ndarray, h: np.ndarray) -> None:
    """From xc = min(x, 40): t = e^x, g = M / H, and H in h."""
    np.exp(xc, out=t)
    np.multiply(t, 0.5, out=g)
    g += 1.0
    g *= t
    np.add(g, 1.0, out=h)
    g /= h


def _mish_dg(t: np.ndarray, h: np.ndarray, one_plus_t: np.ndarray) -> None:
    """g' = (t / H^2) (1 + t) into h, from _mish_g's t and H; 1 + t is left in one_plus_t,
    which may be t."""
    h *= h
    np.divide(t, h, out=h)
    np.add(t, 1.0, out=one_plus_t)
    h *= one_plus_t


def _mish_far(x: np.ndarray, dg: np.ndarray) -> None:
    """g' where x > 40 (rare): 4 e^{-2x} to the last digit (the rest is below e^{-x})."""
    if not np.fmax.reduce(x) <= _MISH_ONE:  # (fmax: a nan beside them does not hide them)
        far = x > _MISH_ONE
        dg[far] = 4.0 * np.exp(-2.0 * np.minimum(x[far], 1e4))


@kernel(scratch=2, keeps_nan=True)
def _mish(x: np.ndarray, out: np.ndarray, t: np.ndarray, h: np.ndarray) -> None:
    np.clip(x, -np.inf, _MISH_ONE, out=t)
    _mish_g(t, t, out, h)
    if np.fmin.reduce(x) == -np.inf:  # rare: there x g = -inf * 0, whose limit is -0.0
        x = np.clip(x, -_MAX, np.inf, out=h)
    out *= x


@kernel(scratch=3, keeps_nan=True)
def _mish_d1(x: np.ndarray, out: np.ndarray, xc: np.ndarray, t: np.ndarray, h: np.ndarray) -> None:
    """g + x g', with x clipped to [-MAX, 40] (at -inf, x g' would be -inf * 0)."""
    np.clip(x, -_MAX, _MISH_ONE, out=xc)
    _mish_g(xc, t, out, h)
    _mish_dg(t, h, t)
    h *= xc
    out += h


@kernel(scratch=1, outputs=4, keeps_nan=True)
def _mish_gate(
    x: np.ndarray, s: np.ndarray, r: np.ndarray, g: np.ndarray, dg: np.ndarray, t: np.ndarray
) -> None:
    """s = sigma(x), r = sigma(-x), g = tanh(softplus(x)) and g' (g'' needs s and r too), as
    mish's f and f' compute g and g' (expressions rely on it: x*tanh(softplus(x)) is mish to
    the last bit)."""
    np.clip(x, -np.inf, _MISH_ONE, out=t)
    _mish_g(t, t, g, dg)
    _mish_dg(t, dg, r)
    np.divide(1.0, r, out=r)
    np.multiply(t, r, out=s)
    _mish_far(x, dg)


def _mish_gate_d2_into(
    s: np.ndarray, r: np.ndarray, dg: np.ndarray, out: np.ndarray, q: np.ndarray
) -> None:
    """g'' = (sigma (1 - g^2))' = g' (r - 2 g s), with g = s (1 + r) / (1 + r^2) (1 - r^2 is
    s (1 + r), without cancellation), into out."""
    np.multiply(r, r, out=q)
    q += 1.0
    np.add(r, 1.0, out=out)
    out *= s
    out *= s
    out += out
    out /= q
    np.subtract(r, out, out=out)
    out *= dg


def _mish_gate_d2(s: np.ndarray, r: np.ndarray, dg: np.ndarray) -> np.ndarray:
    """g'' from _mish_gate's s, r and g' (expressions use it for tanh(softplus(u)))."""
    out, q = np.empty(np.shape(dg)), np.empty(np.shape(dg))
    _mish_gate_d2_into(s, r, dg, out, q)
    return out[()]


@kernel(scratch=6, keeps_nan=True)
def _mish_d2(
    x: np.ndarray,
    out: np.ndarray,
    s: np.ndarray,
    r: np.ndarray,
    g: np.ndarray,
    dg: np.ndarray,
    t: np.ndarray,
    q: np.ndarray,
) -> None:
    """2 g' + x g'', with x clipped to +-MAX (at +-inf, g'' is 0)."""
    _mish_gate.body(x, s, r, g, dg, t)
    _mish_gate_d2_into(s, r, dg, g, q)
    np.clip(x, -_MAX, _MAX, out=out)
    out *= g
    dg += dg
    out += dg


register(
    Definition(
        name="mish",
        label="Mish",
        family=FAMILY,
        formula=r"x\,\tanh(\log(1 + e^{x}))",
        derivative=r"g + x\,\sigma(x)\,(1 - g^2),\ \ g = \tanh(\log(1 + e^{x}))",
        fn=_mish,
        derivatives=(_mish_d1, _mish_d2),
        facts=lambda: _smooth_bounded_below(MISH_MIN),
        notes=Notes(
            summary="x gated by tanh(softplus(x)) (Misra 2019): a self-gated smooth rectifier "
            "like swish.",
            good=("Smooth, non-monotonic dip, unbounded above; strong results in YOLO v4.",),
            bad=(
                "Not monotonic: minimum -0.30884 at x = -1.19243.",
                "Costlier than swish (exp, log and tanh).",
            ),
            used=("YOLO v4 backbones and some image classifiers.",),
            mistakes=(
                "Mish is not an 'attention-enhanced' activation: it involves no attention; it is "
                "a self-gated activation like swish.",
            ),
        ),
    )
)


# In halves, y = |x|/2 and k = sqrt(x^2 + b)/2 = sqrt(y^2 + b/4), so that nothing overflows:
# y^2 is formed from y clipped at 1e150, and beyond (rare) k is np.hypot's (exact, but not
# vectorised: a hundred times slower).
_SQUARE_SAFE = 1e150


def _half_root(x: np.ndarray, y: np.ndarray, k: np.ndarray, b: float) -> np.ndarray | None:
    """y = |x|/2 and k = sqrt(x^2 + b)/2, into y and k; where y > 1e150 (rare), as a mask, or
    None."""
    np.abs(x, out=y)
    y *= 0.5
    np.clip(y, 0.0, _SQUARE_SAFE, out=k)
    k *= k
    k += 0.25 * b
    np.sqrt(k, out=k)
    if np.fmax.reduce(y) <= _SQUARE_SAFE:  # (fmax: a nan beside them does not hide them)
        return None
    far = y > _SQUARE_SAFE
    k[far] = np.hypot(y[far], 0.5 * math.sqrt(b))
    return far


def _squareplus_into(
    x: np.ndarray, out: np.ndarray, q: np.ndarray, k: np.ndarray, b: float
) -> np.ndarray | None:
    """f into out, and k into k (and _half_root's far mask).  With q = y + k,
    f(-|x|) = (b/4) / q (x + sqrt(x^2 + b) cancels for x < 0, this does not), and
    f(x) - f(-x) = x: so f = max(x, 0) + (b/4) / q, a sum of positive terms, without a
    branch to pick."""
    far = _half_root(x, q, k, b)
    q += k
    np.divide(0.25 * b, q, out=q)
    relu.body(x, out)
    out += q
    return far


@kernel(scratch=2, keeps_nan=True)
def _squareplus(x: np.ndarray, out: np.ndarray, q: np.ndarray, k: np.ndarray, b: float) -> None:
    _squareplus_into(x, out, q, k, b)


@kernel(scratch=2, keeps_nan=True)
def _squareplus_d1(x: np.ndarray, out: np.ndarray, q: np.ndarray, k: np.ndarray, b: float) -> None:
    """(1 + x / sqrt(x^2 + b))/2 = f / (2k), which for x < 0 is b / (8 q k) without
    cancellation; at +inf, inf/inf, it is its limit 1 (2 before halving)."""
    far = _squareplus_into(x, out, q, k, b)
    if far is None:
        out /= k
    else:  # rare
        with np.errstate(invalid="ignore"):
            out /= k
        out[x == np.inf] = 2.0
    out *= 0.5


@kernel(scratch=1, keeps_nan=True)
def _squareplus_d2(x: np.ndarray, out: np.ndarray, k: np.ndarray, b: float) -> None:
    """b / (2 h^3) with h = sqrt(x^2 + b) = 2k, as (r^2 / k) / 4 with r = sqrt(b)/h <= 1: no
    factor overflows."""
    _half_root(x, out, k, b)
    np.divide(0.5 * math.sqrt(b), k, out=out)
    out *= out
    out /= k
    out *= 0.25


register(
    Definition(
        name="squareplus",
        label="Squareplus",
        family=FAMILY,
        formula=r"\frac{x + \sqrt{x^2 + b}}{2}",
        derivative=r"\frac{1}{2}\,(1 + \frac{x}{\sqrt{x^2 + b}})",
        fn=_squareplus,
        derivatives=(_squareplus_d1, _squareplus_d2),
        params=(
            Param(
                "b",
                4.0,
                "curvature at the origin: f(0) = sqrt(b)/2",
                POSITIVE,
                sweep=(0.25, 1.0, 4.0, 16.0),
            ),
        ),
        facts=lambda b: Facts(Interval(0.0, INF), monotonic=True),
        notes=Notes(
            summary="A softplus-like smooth ReLU built from a square root (Barron 2021).",
            good=("Only arithmetic and a square root: faster than softplus on most hardware.",),
            bad=("Approaches 0 only like b/(4|x|) on the left: a long soft tail.",),
            used=("Research models where softplus is a bottleneck.",),
        ),
    )
)
