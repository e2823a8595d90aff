"""Independent high-precision references for every actplot activation, in mpmath.

Written from the published definitions (and, at kinks and jumps, the conventions actplot
documents, which tests/test_accuracy.py lists explicitly), not from actplot's code.  Each elementwise activation has f, f' and f'' as functions of one mpf x;
each vector-valued one (over the last axis) has f, the Jacobian diagonal d y_i/dx_i, its second
derivative d^2 y_i/dx_i^2 and the full Jacobian, as functions of a list of mpf.

mpmath has an unbounded exponent range but finite precision, so every formula is written in a
form without catastrophic cancellation: sigma(x) sigma(-x) rather than sigma (1 - sigma),
log1p/expm1, b / (sqrt(x^2 + b) - x) for a left tail, ...  Where a cancellation is intrinsic to
the definition (x - tanh x near 0), ``extra`` asks for the digits it loses.  The tests check
that these references agree with numerical differentiation and with themselves at a much higher
precision, which is what makes them trustworthy.

Parameters are passed as the float64 values the user gives (exact in mpmath); the constants a
definition owns (SELU's alpha and lambda, GELU-tanh's sqrt(2/pi) and 0.044715) are the exact
published ones.  Infinite inputs are evaluated at a huge finite stand-in (10^1000, far beyond
float64), which gives the limits once rounded to float64.

Values far outside the float64 range (below 1e-400 or above 1e400, such as gaussian(1e308)) are
only guaranteed to be that far out: their exponent, e.g. -x^2 = -1e616, carries a rounding error
of its size times 10^-DPS.  A float64 comparison needs no more.
"""

from __future__ import annotations

import functools
import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
from mpmath import mp, mpf

DPS = 50  # working decimal digits: float64 needs 17, the rest is margin
STEP = 25  # the condition numbers use relative steps of 10^-STEP
HUGE = "1e1000"  # stands in for an infinite input

# Klambauer et al. 2017, eq. (14): the self-normalising constants, to 32 digits
SELU_ALPHA = "1.6732632423543772848170429916717"
SELU_LAMBDA = "1.0507009873554804934193349852946"
GELU_TANH_K = "0.044715"  # Hendrycks and Gimpel 2016, the cubic coefficient (a decimal)

Params = dict[str, Any]
Fn = Callable[..., Any]


# --------------------------------------------------------------------------------- helpers


def as_mpf(x: float) -> mpf:
    """A float64 as an exact mpf; +-inf become +-10^1000, where every limit is reached."""
    if math.isinf(x):
        return mpf(HUGE) if x > 0 else -mpf(HUGE)
    return mpf(x)


def mp_params(params: Params) -> Params:
    """Parameter values (floats or tuples of floats) as exact mpf."""
    return {
        k: tuple(mpf(float(v)) for v in val) if isinstance(val, tuple) else mpf(float(val))
        for k, val in params.items()
    }


def _sig(z):
    """The logistic sigma(z) = 1/(1 + e^-z): no cancellation for any z in mpmath."""
    return 1 / (1 + mp.exp(-z))


def _sig_prime(z):
    """sigma(z) sigma(-z) = e^-|z| / (1 + e^-|z|)^2, exact at any magnitude."""
    e = mp.exp(-abs(z))
    return e / (1 + e) ** 2


def _softplus(z):
    """log(1 + e^z) = max(z, 0) + log1p(e^-|z|)."""
    return max(z, 0) + mp.log1p(mp.exp(-abs(z)))


def _mills(u):
    """The Mills ratio (1 - Phi(u)) / phi(u) for u > 1e10, where mpmath's erfc gives up: the
    asymptotic series (1/u) sum_k (-1)^k (2k-1)!! / u^(2k), whose terms shrink by < 1e-19 each
    (five terms leave a relative error < 1e-90)."""
    s, term = mpf(0), mpf(1)
    for k in range(5):
        s += term
        term *= -(2 * k + 1) / (u * u)
    return s / u


def _Phi(x):
    """The standard normal CDF, with no cancellation in either tail.  Beyond |x| = 1e10 it is
    written as phi(x) times the Mills ratio, so that sums with x phi(x) share one exponential."""
    if x < -1e10:
        return _phi(x) * _mills(-x)
    if x > 1e10:
        return 1 - _phi(x) * _mills(x)
    return mp.erfc(-x / mp.sqrt(2)) / 2


def _phi(x):
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def _fraction(x) -> Fraction:
    """An mpf (or float) as an exact rational."""
    m = mpf(x)
    man, exp = m.man_exp  # of |x|
    q = Fraction(man) * Fraction(2) ** exp
    return -q if m < 0 else q


# --------------------------------------------------------------------------- definitions


@dataclass(frozen=True)
class Elementwise:
    """f, f', f'' at one point x (mpf), with the parameters as keyword mpf.

    ``kinks(**params)`` lists the (x, order) where the function (order 0), f' (1) or f'' (2)
    jumps, as exact rationals; ``extra(x, order)`` is how many decimal digits an intrinsic
    cancellation costs at x.
    """

    f: Fn
    d1: Fn
    d2: Fn
    defaults: Params = field(default_factory=dict)
    kinks: Callable[..., list[tuple[Fraction, int]]] = lambda **p: []
    extra: Callable[[Any, int], int] = lambda x, order: 0
    kind: str = "elementwise"

    def order(self, k: int) -> Fn:
        return (self.f, self.d1, self.d2)[k]


@dataclass(frozen=True)
class Vector:
    """Vector-valued over a list of mpf: f, the Jacobian diagonal, its derivative along the
    diagonal, and the full Jacobian (a list of rows)."""

    f: Fn
    d1: Fn
    d2: Fn
    jac: Fn
    defaults: Params = field(default_factory=dict)
    kind: str = "vector"

    def order(self, k: int) -> Fn:
        return (self.f, self.d1, self.d2)[k]


ZERO = lambda x, **p: mpf(0)
ONE = lambda x, **p: mpf(1)


def _piecewise_linear(f: Fn, d1: Fn, kinks, defaults: Params | None = None) -> Elementwise:
    return Elementwise(f, d1, ZERO, defaults or {}, kinks)


def _maxout_pieces(x, slopes, intercepts) -> tuple[mpf, int]:
    """The maximum of w_k x + b_k (computed exactly, then rounded), and the first k
    attaining it."""
    xs = _fraction(x)
    values = [_fraction(w) * xs + _fraction(b) for w, b in zip(slopes, intercepts, strict=True)]
    top = max(values)
    return mpf(top.numerator) / top.denominator, values.index(top)


def _maxout_kinks(slopes, intercepts) -> list[tuple[Fraction, int]]:
    """Where the maximising piece of a maxout changes: intersections of two pieces with
    different slopes that both attain the maximum there."""
    ws = [_fraction(w) for w in slopes]
    bs = [_fraction(b) for b in intercepts]
    out = set()
    for i in range(len(ws)):
        for j in range(i + 1, len(ws)):
            if ws[i] == ws[j]:
                continue
            x = (bs[j] - bs[i]) / (ws[i] - ws[j])
            vals = [w * x + b for w, b in zip(ws, bs, strict=True)]
            top = max(vals)
            if vals[i] == top == vals[j]:
                out.add(x)
    return [(x, 1) for x in sorted(out)]


def _tanhshrink_extra(x, order: int) -> int:
    """x - tanh x ~ x^3/3 loses log10(3/x^2) digits for small |x|."""
    if order != 0 or x == 0 or abs(x) >= 1:
        return 0
    return int(-2 * mp.log10(abs(x))) + 2


def _elu_kinks(alpha) -> list[tuple[Fraction, int]]:
    # f' jumps from alpha to 1 unless alpha = 1; f'' always jumps (alpha to 0)
    return [(Fraction(0), 2 if alpha == 1 else 1)]


# ELU family (Clevert et al. 2015; SELU: Klambauer et al. 2017; CELU: Barron 2017).  At 0, as
# PyTorch's autograd: f' takes the left (exponential) branch, f'' the right one (0).
def _elu(x, alpha):
    return x if x > 0 else alpha * mp.expm1(x)


def _elu_d1(x, alpha):
    return mpf(1) if x > 0 else alpha * mp.exp(x)


def _elu_d2(x, alpha):
    return mpf(0) if x >= 0 else alpha * mp.exp(x)


def _selu_consts():
    return mpf(SELU_ALPHA), mpf(SELU_LAMBDA)


def _selu(x):
    a, lam = _selu_consts()
    return lam * _elu(x, a)


def _selu_d1(x):
    a, lam = _selu_consts()
    return lam * _elu_d1(x, a)


def _selu_d2(x):
    a, lam = _selu_consts()
    return lam * _elu_d2(x, a)


# GELU, tanh form: f = x (1 + tanh u)/2 = x sigma(2u), u = c (x + k x^3), c = sqrt(2/pi)
def _gelu_tanh_u(x):
    c, k = mp.sqrt(2 / mp.pi), mpf(GELU_TANH_K)
    return c * (x + k * x**3), c * (1 + 3 * k * x**2), 6 * c * k * x  # u, u', u''


def _gelu_tanh(x):
    u, _, _ = _gelu_tanh_u(x)
    return x * _sig(2 * u)


def _gelu_tanh_d1(x):
    u, du, _ = _gelu_tanh_u(x)
    return _sig(2 * u) + 2 * x * du * _sig_prime(2 * u)


def _gelu_tanh_d2(x):
    # S = sigma(2u): S' = 2u' S(1-S), S'' = 2u'' S(1-S) + 4u'^2 S(1-S)(1-2S), 1-2S = -tanh u
    u, du, ddu = _gelu_tanh_u(x)
    s1 = _sig_prime(2 * u)
    return s1 * (4 * du + x * (2 * ddu - 4 * du**2 * mp.tanh(u)))


# Mish (Misra 2019): f = x g, g = tanh(softplus x), g' = sech^2(sp) sigma(x)
def _mish(x):
    return x * mp.tanh(_softplus(x))


def _mish_d1(x):
    sp = _softplus(x)
    return mp.tanh(sp) + x * _sig(x) * mp.sech(sp) ** 2


def _mish_d2(x):
    # f'' = 2g' + x g'',  g'' = sech^2(sp) (sigma(x) sigma(-x) - 2 tanh(sp) sigma(x)^2)
    sp = _softplus(x)
    return mp.sech(sp) ** 2 * _sig(x) * (2 + x * (_sig(-x) - 2 * mp.tanh(sp) * _sig(x)))


# Swish (Ramachandran et al. 2017): f = x sigma(z), z = beta x
def _swish_d2(x, beta):
    z = beta * x
    return beta * _sig_prime(z) * (2 - z * mp.tanh(z / 2))


# Squareplus (Barron 2021): f = (x + r)/2, r = sqrt(x^2 + b); the left tail without cancellation
def _squareplus(x, b):
    r = mp.sqrt(x * x + b)
    return (x + r) / 2 if x >= 0 else b / (2 * (r - x))


def _squareplus_d1(x, b):
    r = mp.sqrt(x * x + b)
    return (1 + x / r) / 2 if x >= 0 else b / (2 * r * (r - x))


def _squareplus_d2(x, b):
    return b / (2 * mp.sqrt(x * x + b) ** 3)


def _hard_sigmoid_corner(slope) -> Fraction:
    """Where clip(s x + 1/2, 0, 1) saturates, 1/(2s), as the float64 nearest it: for a
    slope that is not a power of 2 (1/6 is 0.16666666666666666) the exact corner lies between
    two floats, and the nearer one counts as the corner."""
    return Fraction(float(1 / (2 * _fraction(slope))))


def _hard_sigmoid_d1(x, slope):
    corner = _hard_sigmoid_corner(slope)
    return slope if -corner < _fraction(x) < corner else mpf(0)


ELEMENTWISE: dict[str, Elementwise] = {
    # --- rectified, piecewise linear: f'' = 0 everywhere, f' takes PyTorch's side at kinks
    "relu": _piecewise_linear(
        lambda x: max(x, 0),
        lambda x: mpf(1) if x > 0 else mpf(0),
        lambda: [(Fraction(0), 1)],
    ),
    "relu6": _piecewise_linear(
        lambda x: min(max(x, 0), 6),
        lambda x: mpf(1) if 0 < x < 6 else mpf(0),
        lambda: [(Fraction(0), 1), (Fraction(6), 1)],
    ),
    "leaky_relu": _piecewise_linear(
        lambda x, alpha: x if x > 0 else alpha * x,
        lambda x, alpha: mpf(1) if x > 0 else alpha,
        lambda alpha: [(Fraction(0), 1)],
        {"alpha": 0.01},  # torch.nn.LeakyReLU negative_slope
    ),
    "prelu": _piecewise_linear(
        lambda x, alpha: x if x > 0 else alpha * x,
        lambda x, alpha: mpf(1) if x > 0 else alpha,
        lambda alpha: [(Fraction(0), 1)],
        {"alpha": 0.25},  # torch.nn.PReLU init
    ),
    # evaluation mode: the mean slope (lower + upper)/2 (torch.nn.RReLU defaults 1/8, 1/3)
    "rrelu": _piecewise_linear(
        lambda x, lower, upper: x if x > 0 else (lower + upper) / 2 * x,
        lambda x, lower, upper: mpf(1) if x > 0 else (lower + upper) / 2,
        lambda lower, upper: [(Fraction(0), 1)],
        {"lower": 0.125, "upper": 1 / 3},
    ),
    # torch.nn.Threshold: x if x > t else v
    "threshold": _piecewise_linear(
        lambda x, threshold, value: x if x > threshold else value,
        lambda x, threshold, value: mpf(1) if x > threshold else mpf(0),
        lambda threshold, value: [(_fraction(threshold), 0 if value != threshold else 1)],
        {"threshold": 1.0, "value": 0.0},
    ),
    "hardtanh": _piecewise_linear(
        lambda x, min_val, max_val: min(max(x, min_val), max_val),
        lambda x, min_val, max_val: mpf(1) if min_val < x < max_val else mpf(0),
        lambda min_val, max_val: [(_fraction(min_val), 1), (_fraction(max_val), 1)],
        {"min_val": -1.0, "max_val": 1.0},
    ),
    "maxout": _piecewise_linear(
        lambda x, slopes, intercepts: _maxout_pieces(x, slopes, intercepts)[0],
        lambda x, slopes, intercepts: slopes[_maxout_pieces(x, slopes, intercepts)[1]],
        _maxout_kinks,
        {"slopes": (-0.5, 0.5, 2.0), "intercepts": (-1.0, 0.0, -3.0)},
    ),
    # Heaviside with H(theta) = 1 (mlx.nn.step); the derivative (a Dirac delta) is taken as 0
    "binary_step": _piecewise_linear(
        lambda x, threshold: mpf(1) if x >= threshold else mpf(0),
        ZERO,
        lambda threshold: [(_fraction(threshold), 0)],
        {"threshold": 0.0},
    ),
    "identity": _piecewise_linear(lambda x: x, ONE, lambda: []),
    # hard_sigmoid = clip(s x + 1/2, 0, 1), s = 1/6 (relu6(x + 3)/6) as in PyTorch
    "hard_sigmoid": _piecewise_linear(
        lambda x, slope: min(max(slope * x + mpf(1) / 2, 0), 1),
        _hard_sigmoid_d1,
        lambda slope: [(-_hard_sigmoid_corner(slope), 1), (_hard_sigmoid_corner(slope), 1)],
        {"slope": 1 / 6},
    ),
    "softshrink": _piecewise_linear(
        lambda x, lambd: x - lambd if x > lambd else (x + lambd if x < -lambd else mpf(0)),
        lambda x, lambd: mpf(1) if abs(x) > lambd else mpf(0),
        lambda lambd: [(-_fraction(lambd), 1), (_fraction(lambd), 1)],
        {"lambd": 0.5},
    ),
    "hardshrink": _piecewise_linear(
        lambda x, lambd: x if abs(x) > lambd else mpf(0),
        lambda x, lambd: mpf(1) if abs(x) > lambd else mpf(0),
        lambda lambd: [(-_fraction(lambd), 0), (_fraction(lambd), 0)],
        {"lambd": 0.5},
    ),
    # --- exponential-linear
    "elu": Elementwise(_elu, _elu_d1, _elu_d2, {"alpha": 1.0}, _elu_kinks),
    "selu": Elementwise(_selu, _selu_d1, _selu_d2, {}, lambda: [(Fraction(0), 1)]),
    "celu": Elementwise(
        lambda x, alpha: x if x > 0 else alpha * mp.expm1(x / alpha),
        lambda x, alpha: mpf(1) if x > 0 else mp.exp(x / alpha),
        lambda x, alpha: mpf(0) if x >= 0 else mp.exp(x / alpha) / alpha,
        {"alpha": 1.0},
        lambda alpha: [(Fraction(0), 2)],
    ),
    # --- sigmoidal
    "sigmoid": Elementwise(_sig, _sig_prime, lambda x: -_sig_prime(x) * mp.tanh(x / 2)),
    # 4 sigma(x) - 2 = 2 tanh(x/2); f' = 4 sigma sigma(-x) = sech^2(x/2)
    "scaled_sigmoid": Elementwise(
        lambda x: 2 * mp.tanh(x / 2),
        lambda x: 4 * _sig_prime(x),
        lambda x: -4 * _sig_prime(x) * mp.tanh(x / 2),
    ),
    "tanh": Elementwise(
        mp.tanh,
        lambda x: mp.sech(x) ** 2,
        lambda x: -2 * mp.tanh(x) * mp.sech(x) ** 2,
    ),
    # softsign''(0) = 0: the mean of the one-sided values (autograd's sign(0) = 0)
    "softsign": Elementwise(
        lambda x: x / (1 + abs(x)),
        lambda x: 1 / (1 + abs(x)) ** 2,
        lambda x: -2 * mp.sign(x) / (1 + abs(x)) ** 3,
        {},
        lambda: [(Fraction(0), 2)],
    ),
    "log_sigmoid": Elementwise(
        lambda x: -_softplus(-x),
        lambda x: _sig(-x),
        lambda x: -_sig_prime(x),
    ),
    "arctan": Elementwise(
        mp.atan,
        lambda x: 1 / (1 + x * x),
        lambda x: -2 * x / (1 + x * x) ** 2,
    ),
    # --- smooth rectifiers
    "softplus": Elementwise(
        lambda x, beta: _softplus(beta * x) / beta,
        lambda x, beta: _sig(beta * x),
        lambda x, beta: beta * _sig_prime(beta * x),
        {"beta": 1.0},
    ),
    "swish": Elementwise(
        lambda x, beta: x * _sig(beta * x),
        lambda x, beta: _sig(beta * x) + beta * x * _sig_prime(beta * x),
        _swish_d2,
        {"beta": 1.0},
    ),
    # x relu6(x + 3)/6: the outer pieces own the kinks (f'(-3) = 0, f'(3) = 1)
    "hardswish": Elementwise(
        lambda x: x * min(max(x + 3, 0), 6) / 6,
        lambda x: mpf(0) if x <= -3 else (mpf(1) if x >= 3 else (2 * x + 3) / 6),
        lambda x: mpf(1) / 3 if -3 < x < 3 else mpf(0),
        {},
        lambda: [(Fraction(-3), 1), (Fraction(3), 1)],
    ),
    # x Phi(x), the exact normal CDF
    "gelu": Elementwise(
        lambda x: x * _Phi(x),
        lambda x: _phi(x) * (_mills(-x) + x) if x < -1e10 else _Phi(x) + x * _phi(x),
        lambda x: _phi(x) * (2 - x * x),
    ),
    "gelu_tanh": Elementwise(_gelu_tanh, _gelu_tanh_d1, _gelu_tanh_d2),
    "mish": Elementwise(_mish, _mish_d1, _mish_d2),
    "squareplus": Elementwise(_squareplus, _squareplus_d1, _squareplus_d2, {"b": 4.0}),
    # --- shrinkage and others
    "tanhshrink": Elementwise(
        lambda x: x - mp.tanh(x),
        lambda x: mp.tanh(x) ** 2,
        lambda x: 2 * mp.tanh(x) * mp.sech(x) ** 2,
        {},
        extra=_tanhshrink_extra,
    ),
    "gaussian": Elementwise(
        lambda x: mp.exp(-x * x),
        lambda x: -2 * x * mp.exp(-x * x),
        lambda x: (4 * x * x - 2) * mp.exp(-x * x),
    ),
}


# ------------------------------------------------------------------- vector-valued (last axis)


def _softmax(xs: Sequence) -> list:
    """s_i = e^(x_i - m) / sum_j e^(x_j - m), and 1 - s_i = sum_{j != i} e^(x_j - m) / sum: both
    without cancellation."""
    m = max(xs)
    e = [mp.exp(x - m) for x in xs]
    total = mp.fsum(e)
    s = [ei / total for ei in e]
    rest = [mp.fsum(e[:i] + e[i + 1 :]) / total for i in range(len(xs))]
    return [s, rest]


def _softmax_f(xs):
    return _softmax(xs)[0]


def _softmax_d1(xs):
    s, rest = _softmax(xs)
    return [si * ri for si, ri in zip(s, rest, strict=True)]


def _softmax_d2(xs):
    # d^2 s_i / dx_i^2 = s_i (1 - s_i)(1 - 2 s_i), 1 - 2 s_i = (1 - s_i) - s_i
    s, rest = _softmax(xs)
    return [si * ri * (ri - si) for si, ri in zip(s, rest, strict=True)]


def _softmax_jac(xs):
    s, rest = _softmax(xs)
    n = len(xs)
    return [[s[i] * rest[i] if i == j else -s[i] * s[j] for j in range(n)] for i in range(n)]


def _neg(xs):
    return [-x for x in xs]


def _log_softmax_f(xs):
    # y_i = -log sum_j e^(x_j - x_i) = -log1p(sum_{j != i} e^(x_j - x_i))
    out = []
    for i, xi in enumerate(xs):
        out.append(-mp.log1p(mp.fsum(mp.exp(x - xi) for j, x in enumerate(xs) if j != i)))
    return out


def _log_softmax_jac(xs):
    s, rest = _softmax(xs)
    n = len(xs)
    return [[rest[i] if i == j else -s[j] for j in range(n)] for i in range(n)]


VECTOR: dict[str, Vector] = {
    "softmax": Vector(_softmax_f, _softmax_d1, _softmax_d2, _softmax_jac),
    # softmin(x) = softmax(-x): the diagonal derivative changes sign, the second does not
    "softmin": Vector(
        lambda xs: _softmax_f(_neg(xs)),
        lambda xs: [-d for d in _softmax_d1(_neg(xs))],
        lambda xs: _softmax_d2(_neg(xs)),
        lambda xs: [[-v for v in row] for row in _softmax_jac(_neg(xs))],
    ),
    "log_softmax": Vector(
        _log_softmax_f,
        lambda xs: _softmax(xs)[1],  # 1 - s_i
        lambda xs: [-d for d in _softmax_d1(xs)],  # -s_i (1 - s_i)
        _log_softmax_jac,
    ),
}

# the activations of recent models and frameworks, in a module of their own
from reference_modern import ELEMENTWISE as _MODERN  # noqa: E402
from reference_modern import NONDEFAULT as _MODERN_NONDEFAULT  # noqa: E402
from reference_modern import VECTOR as _MODERN_VECTOR  # noqa: E402

ELEMENTWISE.update(_MODERN)
VECTOR.update(_MODERN_VECTOR)

REFERENCES: dict[str, Elementwise | Vector] = {**ELEMENTWISE, **VECTOR}

# Non-default parameter sets the tests also use (every parametrised activation has some).
# They avoid degenerate cases (a kink that vanishes, a zero band) that change the kink list.
NONDEFAULT: dict[str, list[Params]] = {
    "leaky_relu": [{"alpha": 0.2}, {"alpha": -0.3}],
    "prelu": [{"alpha": 0.1}],
    "rrelu": [{"lower": 0.01, "upper": 0.6}],
    "threshold": [{"threshold": -0.5, "value": 2.5}, {"threshold": 0.0, "value": -1.0}],
    "hardtanh": [{"min_val": -2.5, "max_val": 0.75}],
    "maxout": [
        {"slopes": (0.0, 1.0), "intercepts": (0.0, 0.0)},  # ReLU
        {"slopes": (-1.0, 0.25, 3.0, 0.25), "intercepts": (0.625, 0.0, -6.0, -1.0)},
    ],
    "elu": [{"alpha": 0.5}, {"alpha": 2.5}],
    "celu": [{"alpha": 0.3}, {"alpha": 3.0}],
    "softplus": [{"beta": 2.0}, {"beta": 0.3}],
    "swish": [{"beta": 1.702}, {"beta": 0.25}],
    "squareplus": [{"b": 0.5}, {"b": 100.0}],
    "softshrink": [{"lambd": 1.5}],
    "hardshrink": [{"lambd": 0.1}],
    **_MODERN_NONDEFAULT,
}


# ------------------------------------------------------- grids (tests and the benchmark)

DBL_MAX = 1.7976931348623157e308
INF = math.inf

MAGNITUDES = [0.0, 5e-324, 1e-300, 1e-8, 1e-3, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0]
MAGNITUDES += [4.0, 5.0, 7.5, 10.0, 15.0, 20.0, 30.0, 40.0, 100.0, 700.0, 750.0, 1e5, 1e10]
MAGNITUDES += [1e100, 1e308, DBL_MAX]


def near(k: float) -> list[float]:
    """k and points just around it: 1 and 2 ulps, 1e-8 and 1e-3 (relative) either side."""
    up, down = np.nextafter(k, INF), np.nextafter(k, -INF)
    s = max(1.0, abs(k))
    return [k, up, down, np.nextafter(up, INF), np.nextafter(down, -INF)] + [
        k + d * s for d in (1e-8, -1e-8, 1e-3, -1e-3)
    ]


def grid(name: str, params: Params) -> np.ndarray:
    """~200 points: fixed magnitudes of both signs, the neighbourhood of every kink, and a
    fixed-seed sample (uniform in [-40, 40] and log-uniform over the whole float64 range)."""
    pts = [s * m for m in MAGNITUDES for s in (1.0, -1.0)]
    for k, _ in kinks(name, params):
        pts += near(float(k))
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    pts += rng.uniform(-40.0, 40.0, 80).tolist()
    pts += (rng.choice([-1.0, 1.0], 60) * 10.0 ** rng.uniform(-300, 308, 60)).tolist()
    return np.unique(np.array(pts, dtype=np.float64))


def vectors(name: str) -> list[list[float]]:
    """Vectors with equal, close, far apart (up to +-DBL_MAX), tiny and infinite entries, and a
    fixed-seed sample.  At most one +inf per vector (two +inf logits have no limit); for
    softmin, whose dominant logit is the smallest, every vector is negated."""
    fixed = [
        [0.0], [5.0], [-1e308], [1.0, 2.0], [0.0, 0.0, 0.0], [3.0, 3.0, 3.0], [40.0, 0.0],
        [-40.0, 0.0], [700.0, 0.0, -700.0], [1e5, 0.0, -3.0], [1e308, -1e308],
        [DBL_MAX, DBL_MAX], [DBL_MAX, -DBL_MAX, 0.0], [1e308, 0.999e308], [1e-300, -1e-300, 0.0],
        [10.0, -30.0], [36.0, 0.0, -1.0], [1000.0, 999.0, 0.0], [0.25, 0.5, 0.75, 1.0],
        [INF, 0.0, 1.0], [-INF, 0.0, 1.0], [-INF, -INF, 2.0, 1.0], [INF, -INF, 3.0],
        [-INF, 5.0], [INF], [-1e5, 1e5, 2e5, 2e5], [1e-8, 0.0], [0.3, 0.3000001, -2.0],
    ]  # fmt: skip
    rng = np.random.default_rng(zlib.crc32(b"vectors"))
    for scale in (1.0, 10.0, 100.0, 1e4):
        for n in (2, 3, 5, 8):
            fixed += (scale * rng.standard_normal((2, n))).tolist()
    for n in (2, 3, 4, 6):
        fixed.append((rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-300, 308, n)).tolist())
    return [[-v for v in vec] for vec in fixed] if name == "softmin" else fixed


# ----------------------------------------------------------------------------- evaluation


def kinks(name: str, params: Params) -> list[tuple[Fraction, int]]:
    """(x, order) of every jump of f (order 0), f' (1) or f'' (2)."""
    ref = ELEMENTWISE[name]
    return ref.kinks(**mp_params(params))


def value(name: str, x: float, order: int, params: Params, dps: int = DPS) -> mpf:
    """f (order 0), f' or f'' of an elementwise activation at the float x."""
    ref = ELEMENTWISE[name]
    xm = as_mpf(x)
    with mp.workdps(dps + ref.extra(xm, order)):
        return +ref.order(order)(xm, **mp_params(params))


def cond(name: str, x: float, order: int, params: Params, y: mpf | None = None) -> mpf:
    """The relative condition number |x g'(x) / g(x)| of g = f, f' or f'' at x.

    g' is a one-sided relative difference at high precision, the smaller of the two sides: at a
    kink or jump that is the side the convention takes, elsewhere both agree to ~1e-25.
    """
    if y is None:
        y = value(name, x, order, params)
    if y == 0 or x == 0 or math.isinf(x):
        return mpf(0)
    ref = ELEMENTWISE[name]
    xm = as_mpf(x)
    g = ref.order(order)
    p = mp_params(params)
    with mp.workdps(DPS + STEP + ref.extra(xm, order)):
        h = mpf(10) ** -STEP
        g0 = g(xm, **p)
        up = abs(g(xm * (1 + h), **p) - g0)
        down = abs(g0 - g(xm * (1 - h), **p))
        return +(min(up, down) / (h * abs(g0)))


@dataclass
class VectorValues:
    """A vector activation's references at one vector, each with its condition number
    sum_j |x_j dg/dx_j| / |g| (by relative perturbation of each finite x_j)."""

    f: list
    d1: list
    d2: list
    jac: list  # rows
    cond_f: list
    cond_d1: list
    cond_d2: list
    cond_jac: list


def vector_values(
    name: str, xs: Sequence[float], dps: int = DPS, params: Params | None = None
) -> VectorValues:
    """Everything at once (f, both derivatives, the Jacobian and their condition numbers),
    computed once per vector, precision and parameters: the tests of f, f', f'' and the
    Jacobian share it."""
    key = tuple(sorted((params or {}).items()))
    return _vector_values(name, tuple(float(v) for v in xs), dps, key)


@functools.cache
def _vector_values(
    name: str, xs: tuple[float, ...], dps: int, params: tuple[tuple[str, Any], ...]
) -> VectorValues:
    ref = VECTOR[name]
    x = [as_mpf(v) for v in xs]
    n = len(x)
    p = mp_params(dict(params))

    def everything(v):
        return (
            ref.f(v, **p),
            ref.d1(v, **p),
            ref.d2(v, **p),
            [c for r in ref.jac(v, **p) for c in r],
        )

    with mp.workdps(dps + STEP):
        base = everything(x)
        conds = [[mpf(0)] * len(part) for part in base]
        h = mpf(10) ** -STEP
        for j in range(n):
            if x[j] == 0 or math.isinf(xs[j]):
                continue  # an infinite x_j has no effect on the finite outputs
            moved = list(x)
            moved[j] = x[j] * (1 + h)
            for part, c, b in zip(everything(moved), conds, base, strict=True):
                for k in range(len(c)):
                    if b[k] != 0:
                        c[k] += abs(part[k] - b[k]) / (h * abs(b[k]))
    with mp.workdps(dps):
        f, d1, d2, jac = ([+v for v in part] for part in base)
        cf, c1, c2, cj = ([+v for v in c] for c in conds)
    return VectorValues(
        f,
        d1,
        d2,
        [jac[i * n : (i + 1) * n] for i in range(n)],
        cf,
        c1,
        c2,
        [cj[i * n : (i + 1) * n] for i in range(n)],
    )


# --------------------------------------------------------------------------- error metric

EPS = 2.0**-52
TINY = 2.2250738585072014e-308  # the smallest normal float64


def ulp_error(y: float, ref: mpf) -> mpf:
    """|y - ref| / max(|ref|, TINY) / 2^-52: relative error in units of 2^-52 (subnormal results
    measured against the smallest normal).  inf if y is nan, or infinite where ref is not (and
    0 where both are the same infinity: the float64 rounding of a reference beyond the range)."""
    if math.isnan(y):
        return mpf("inf")
    if math.isinf(y) or math.isinf(float(ref)):
        return mpf(0) if y == float(ref) else mpf("inf")
    return abs(mpf(y) - ref) / max(abs(ref), mpf(TINY)) / mpf(EPS)
