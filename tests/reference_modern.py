"""mpmath references for the activations of recent models and frameworks (relu2, xIELU, Snake,
sparsemax, entmax15, logsumexp, ...), written from the papers and the frameworks' published
formulas, not from actplot's code.  tests/reference.py merges them into its tables; the
conventions and the error metric are the ones described there.

At kinks the value actplot documents is taken (tests/test_accuracy.py lists them).  The
oscillating derivatives of Snake have no limit at +-inf: their references there are nan.
"""

from __future__ import annotations

import functools
from fractions import Fraction

from mpmath import mp, mpf
from reference import HUGE, ONE, ZERO, Elementwise, Vector, _fraction, _piecewise_linear

# Constants the definitions own, as published
QUICK_GELU = "1.702"  # CLIP's sigma(1.702 x)
LAPLACE_MU, LAPLACE_SIGMA = 0.707107, 0.282095  # Hugging Face's LaplaceActivation (MEGA)


def _sig(z):
    return 1 / (1 + mp.exp(-z))


def _dsig(z):
    e = mp.exp(-abs(z))
    return e / (1 + e) ** 2


def _sp(z):
    return max(z, 0) + mp.log1p(mp.exp(-abs(z)))


def _ncdf(u):
    """Phi(u) without cancellation; beyond |u| = 1e10 (where mpmath's erfc gives up) from the
    first terms of the asymptotic series of the Mills ratio."""
    if abs(u) > 1e10:
        tail = mp.exp(-u * u / 2) / (mp.sqrt(2 * mp.pi) * abs(u)) * (1 - 1 / (u * u))
        return tail if u < 0 else 1 - tail
    return mp.erfc(-u / mp.sqrt(2)) / 2


def _npdf(u):
    return mp.exp(-u * u / 2) / mp.sqrt(2 * mp.pi)


def _relu(x):
    return max(x, mpf(0))


def _step(x, at):
    return mpf(1) if x > at else mpf(0)


# --- xIELU, as Hugging Face's XIELUActivation with its effective (softplus-ed) parameters
def _xielu(x, alpha_p, alpha_n, beta, eps):
    if x > 0:
        return alpha_p * x * x + beta * x
    return (mp.expm1(min(x, eps)) - x) * alpha_n + beta * x


def _xielu_d1(x, alpha_p, alpha_n, beta, eps):
    if x > 0:
        return 2 * alpha_p * x + beta
    return alpha_n * mp.expm1(x) + beta if x <= eps else beta - alpha_n


def _xielu_d2(x, alpha_p, alpha_n, beta, eps):
    if x > 0:
        return 2 * alpha_p
    return alpha_n * mp.exp(x) if x <= eps else mpf(0)


def _xielu_kinks(alpha_p, alpha_n, beta, eps):
    if eps < 0:
        return [(_fraction(eps), 1), (Fraction(0), 0)]
    return [] if alpha_n == 2 * alpha_p else [(Fraction(0), 2)]


# --- GELU clipped at 10 (Hugging Face ClippedGELUActivation(-10, 10))
def _gelu_10_kink():
    """The root of x Phi(x) = 10: 10 + 7.6e-23, at the working precision (and at least 50
    digits, so that it is never confused with 10)."""
    return _gelu_10_root(max(mp.dps, 50))


@functools.lru_cache(maxsize=8)
def _gelu_10_root(dps: int):
    with mp.workdps(dps):
        return mp.findroot(lambda t: t * _ncdf(t) - 10, mpf(10))


def _exact(x) -> Fraction:
    with mp.workdps(60):
        return _fraction(x)


def _gelu_10(x):
    return min(x * _ncdf(x), mpf(10))


def _gelu_10_d1(x):
    return _ncdf(x) + x * _npdf(x) if x < _gelu_10_kink() else mpf(0)


def _gelu_10_d2(x):
    return (2 - x * x) * _npdf(x) if x < _gelu_10_kink() else mpf(0)


# --- sqrt(softplus): f' = sigma / (2 sqrt sp), f'' = (2 sp sigma' - sigma^2) / (4 sp^1.5)
def _sqsp_d2(x):
    sp = _sp(x)
    return (2 * sp * _dsig(x) - _sig(x) ** 2) / (4 * sp * mp.sqrt(sp))


# --- Snake (Liu Ziyin et al. 2020) and SnakeBeta (BigVGAN)
def _far(x) -> bool:
    return abs(x) >= mpf(HUGE)


def _snake_beta(x, alpha, beta):
    return x if _far(x) else x + mp.sin(alpha * x) ** 2 / beta


def _snake_beta_d1(x, alpha, beta):
    return mp.nan if _far(x) else 1 + alpha / beta * mp.sin(2 * alpha * x)


def _snake_beta_d2(x, alpha, beta):
    return mp.nan if _far(x) else 2 * alpha * alpha / beta * mp.cos(2 * alpha * x)


def _laplace_u(x, mu, sigma):
    return (x - mu) / sigma


def _outside(x, lo=0):
    """nan where x is below the domain's end lo, else None (so that `or` goes on)."""
    return mp.nan if x < lo else None


def _sqrt5():
    with mp.workdps(40):
        return mp.sqrt(5)


ELEMENTWISE: dict[str, Elementwise] = {
    # max(0, x)^2; f''(0) = 0, the left value
    "relu2": Elementwise(
        lambda x: _relu(x) ** 2,
        lambda x: 2 * _relu(x),
        lambda x: 2 * _step(x, 0),
        {},
        lambda: [(Fraction(0), 2)],
    ),
    # MetaFormer's StarReLU: s relu(x)^2 + b, s = 2/sqrt 5, b = -1/sqrt 5
    "star_relu": Elementwise(
        lambda x, scale, bias: scale * _relu(x) ** 2 + bias,
        lambda x, scale, bias: 2 * scale * _relu(x),
        lambda x, scale, bias: 2 * scale * _step(x, 0),
        {"scale": float(2 / _sqrt5()), "bias": float(-1 / _sqrt5())},
        lambda scale, bias: [(Fraction(0), 2)],
    ),
    # the first half of concat(relu(x), relu(-x))
    "crelu": _piecewise_linear(
        lambda x: _relu(x), lambda x: _step(x, 0), lambda: [(Fraction(0), 1)]
    ),
    # jax.nn.sparse_sigmoid: (1/2) clip(x + 1, 0, 2); 1/2 strictly inside
    "sparse_sigmoid": _piecewise_linear(
        lambda x: min(max(x + 1, 0), 2) / 2,
        lambda x: mpf(1) / 2 if -1 < x < 1 else mpf(0),
        lambda: [(Fraction(-1), 1), (Fraction(1), 1)],
    ),
    "laplace": Elementwise(
        lambda x, mu, sigma: _ncdf(_laplace_u(x, mu, sigma)),
        lambda x, mu, sigma: _npdf(_laplace_u(x, mu, sigma)) / sigma,
        lambda x, mu, sigma: -_laplace_u(x, mu, sigma) * _npdf(_laplace_u(x, mu, sigma)) / sigma**2,
        {"mu": LAPLACE_MU, "sigma": LAPLACE_SIGMA},
    ),
    # Dynamic Tanh (Zhu et al. 2025): gamma tanh(alpha x) + beta
    "dyt": Elementwise(
        lambda x, alpha, gamma, beta: gamma * mp.tanh(alpha * x) + beta,
        lambda x, alpha, gamma, beta: gamma * alpha * mp.sech(alpha * x) ** 2,
        lambda x, alpha, gamma, beta: (
            -2 * gamma * alpha**2 * mp.tanh(alpha * x) * mp.sech(alpha * x) ** 2
        ),
        {"alpha": 0.5, "gamma": 1.0, "beta": 0.0},
    ),
    "quick_gelu": Elementwise(
        lambda x: x * _sig(mpf(QUICK_GELU) * x),
        lambda x: _sig(mpf(QUICK_GELU) * x) + mpf(QUICK_GELU) * x * _dsig(mpf(QUICK_GELU) * x),
        lambda x: (
            mpf(QUICK_GELU)
            * _dsig(mpf(QUICK_GELU) * x)
            * (2 - mpf(QUICK_GELU) * x * mp.tanh(mpf(QUICK_GELU) * x / 2))
        ),
    ),
    "gelu_10": Elementwise(
        _gelu_10, _gelu_10_d1, _gelu_10_d2, {}, lambda: [(_exact(_gelu_10_root(60)), 1)]
    ),
    # jax.nn.sparse_plus; the outer pieces at -1 and 1
    "sparse_plus": Elementwise(
        lambda x: mpf(0) if x <= -1 else (x if x >= 1 else (x + 1) ** 2 / 4),
        lambda x: mpf(0) if x <= -1 else (mpf(1) if x >= 1 else (x + 1) / 2),
        lambda x: mpf(1) / 2 if -1 < x < 1 else mpf(0),
        {},
        lambda: [(Fraction(-1), 2), (Fraction(1), 2)],
    ),
    # timm's hard_mish: x/2 clip(x + 2, 0, 2); the outer pieces at -2 and 0
    "hard_mish": Elementwise(
        lambda x: x * min(max(x + 2, 0), 2) / 2,
        lambda x: mpf(0) if x <= -2 else (mpf(1) if x >= 0 else x + 1),
        lambda x: mpf(1) if -2 < x < 0 else mpf(0),
        {},
        lambda: [(Fraction(-2), 1), (Fraction(0), 2)],
    ),
    "xielu": Elementwise(
        _xielu,
        _xielu_d1,
        _xielu_d2,
        {"alpha_p": 0.8, "alpha_n": 0.8, "beta": 0.5, "eps": -1e-6},
        _xielu_kinks,
    ),
    "sqrt_softplus": Elementwise(
        lambda x: mp.sqrt(_sp(x)),
        lambda x: _sig(x) / (2 * mp.sqrt(_sp(x))),
        _sqsp_d2,
    ),
    "snake": Elementwise(
        lambda x, alpha: _snake_beta(x, alpha, alpha),
        lambda x, alpha: _snake_beta_d1(x, alpha, alpha),
        lambda x, alpha: _snake_beta_d2(x, alpha, alpha),
        {"alpha": 1.0},
    ),
    "snake_beta": Elementwise(
        _snake_beta, _snake_beta_d1, _snake_beta_d2, {"alpha": 1.0, "beta": 1.0}
    ),
    "exponential": Elementwise(mp.exp, mp.exp, mp.exp),
    # defined for x >= 0 only: nan below (the reference of a point outside the domain)
    "log1mexp": Elementwise(
        # log(1 - e^-x) as written would need x / ln 10 more digits for large x
        lambda x: _outside(x) or (mp.log(-mp.expm1(-x)) if x < 1 else mp.log1p(-mp.exp(-x))),
        lambda x: _outside(x) or (mp.inf if x == 0 else 1 / mp.expm1(x)),
        lambda x: _outside(x) or (-mp.inf if x == 0 else -mp.exp(-x) / mp.expm1(-x) ** 2),
    ),
}


# ------------------------------------------------------------------ vector-valued (last axis)


def _sparsemax(xs):
    """The projection onto the simplex: the largest k with 1 + k z_(k) > sum of the k largest
    (Martins and Astudillo 2016, eq. 2), tau from them."""
    top = max(xs)
    xs = [x - top for x in xs]  # shift invariant; 1 + k z cannot vanish next to a huge z
    zs = sorted(xs, reverse=True)
    k = max(i for i in range(1, len(zs) + 1) if 1 + i * zs[i - 1] > mp.fsum(zs[:i]))
    tau = (mp.fsum(zs[:k]) - 1) / k
    return [max(x - tau, 0) for x in xs]


def _sparsemax_jac(xs):
    s = [1 if p > 0 else 0 for p in _sparsemax(xs)]
    size = sum(s)
    n = len(xs)
    return [[mpf(s[i] * (i == j)) - mpf(s[i] * s[j]) / size for j in range(n)] for i in range(n)]


def _entmax_roots(xs):
    """u_i = max(x_i/2 - tau, 0) with sum u_i^2 = 1: tau bracketed in [max - 1, max] and
    bisected until the support is clear, then solved on the support in closed form.  Once for
    each vector and precision: f, both derivatives and the Jacobian all start from it."""
    return list(_entmax_roots_at(tuple(xs), mp.prec))


@functools.cache
def _entmax_roots_at(xs, prec):
    top = max(xs)
    z = [(x - top) / 2 for x in xs]  # the maximum is 0, so tau lies in [-1, 0]
    mass = lambda t: mp.fsum(max(v - t, 0) ** 2 for v in z)
    lo, hi = mpf(-1), mpf(0)  # mass(lo) >= 1 >= mass(hi)
    for _ in range(200):
        if not any(lo < v <= hi for v in z):
            break  # no z_i is left between the brackets: the support is {z_i > hi} for good
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if mass(mid) >= 1 else (lo, mid)
    support = [v for v in z if v > hi]
    k, s1, s2 = len(support), mp.fsum(support), mp.fsum(v * v for v in support)
    tau = (s1 - mp.sqrt(s1 * s1 - k * (s2 - 1))) / k
    return tuple(max(v - tau, 0) for v in z)


def _entmax_d1(xs):
    u = _entmax_roots(xs)
    total = mp.fsum(u)
    return [ui - ui * ui / total for ui in u]


def _entmax_d2(xs):
    # p_i = u_i^2; on the support du_i/dx_i = (1 - u_i/U)/2 and dU/dx_i = (1 - |S| u_i/U)/2
    u = _entmax_roots(xs)
    total, size = mp.fsum(u), sum(1 for v in u if v > 0)
    out = []
    for ui in u:
        if ui == 0:
            out.append(mpf(0))
            continue
        dui = (1 - ui / total) / 2
        dtotal = (1 - size * ui / total) / 2
        out.append(dui - (2 * ui * dui * total - ui * ui * dtotal) / total**2)
    return out


def _entmax_jac(xs):
    u = _entmax_roots(xs)
    total = mp.fsum(u)
    n = len(xs)
    return [[u[i] * (i == j) - u[i] * u[j] / total for j in range(n)] for i in range(n)]


def _softmax(xs):
    m = max(xs)
    e = [mp.exp(x - m) for x in xs]
    total = mp.fsum(e)
    return [v / total for v in e], [mp.fsum(e[:i] + e[i + 1 :]) / total for i in range(len(e))]


def _lse(xs):
    m = max(xs)
    return m + mp.log(mp.fsum(mp.exp(x - m) for x in xs))


def _lme(xs):
    # log mean e^x can be far smaller than the logits ([1e-300, -1e-300, 0] gives 3.3e-601,
    # their variance over 2): enough digits for the cancellation of max and log-mean.  A term
    # e^(x - m) below 10^-(digits + 10) cannot change a sum >= 1 at those digits: it is left
    # out, which spares mpmath's exp of a huge whole number (1e308 - -1e308), seconds at this
    # precision.
    with mp.workdps(mp.dps + 700):
        m = max(xs)
        below = -(mp.dps + 10) * mp.ln10
        y = m + mp.log(mp.fsum(mp.exp(x - m) for x in xs if x - m > below) / len(xs))
    return +y


def _standardize(xs, epsilon):
    """y = (x - mean)/s, d^2 y_i/dx_i^2 and the Jacobian, as written (jax.nn.standardize with
    a two-pass variance): s = sqrt(var + epsilon), J_ij = (delta_ij - 1/n)/s - d_i d_j/(n s^3).
    Two infinite entries have no limit (it depends on how fast each grows): nan."""
    n = len(xs)
    if sum(1 for x in xs if abs(x) >= mpf(HUGE)) > 1:
        return [mp.nan] * n, [mp.nan] * n, [[mp.nan] * n for _ in xs]
    # J cancels to O(epsilon / var): enough digits for that, whatever the magnitudes
    top = max(abs(x) for x in xs)
    extra = 20 + (int(2 * mp.log10(top / mp.sqrt(epsilon))) if top > 1 else 0)
    with mp.workdps(mp.dps + extra):
        mean = mp.fsum(xs) / n
        d = [x - mean for x in xs]
        s = mp.sqrt(mp.fsum(v * v for v in d) / n + epsilon)
        y = [v / s for v in d]
        jac = [[((i == j) - mpf(1) / n) / s - d[i] * d[j] / (n * s**3) for j in range(n)]
               for i in range(n)]  # fmt: skip
        d2 = [3 * v / (n * s**3) * (v * v / (n * s * s) - (1 - mpf(1) / n)) for v in d]
    return [+v for v in y], [+v for v in d2], [[+v for v in row] for row in jac]


def _reduction(value) -> Vector:
    """A reduction repeated at every position: its gradient, softmax, is each Jacobian row."""
    return Vector(
        lambda xs: [value(xs)] * len(xs),
        lambda xs: _softmax(xs)[0],
        lambda xs: [s * r for s, r in zip(*_softmax(xs), strict=True)],
        lambda xs: [list(_softmax(xs)[0]) for _ in xs],
    )


VECTOR: dict[str, Vector] = {
    "sparsemax": Vector(
        _sparsemax,
        lambda xs: [row[i] for i, row in enumerate(_sparsemax_jac(xs))],
        lambda xs: [mpf(0)] * len(xs),
        _sparsemax_jac,
    ),
    "entmax15": Vector(
        lambda xs: [u * u for u in _entmax_roots(xs)], _entmax_d1, _entmax_d2, _entmax_jac
    ),
    "logsumexp": _reduction(_lse),
    "logmeanexp": _reduction(_lme),
    "standardize": Vector(
        lambda xs, epsilon: _standardize(xs, epsilon)[0],
        lambda xs, epsilon: [row[i] for i, row in enumerate(_standardize(xs, epsilon)[2])],
        lambda xs, epsilon: _standardize(xs, epsilon)[1],
        lambda xs, epsilon: _standardize(xs, epsilon)[2],
        {"epsilon": 1e-5},
    ),
}

NONDEFAULT = {
    "star_relu": [{"scale": 1.0, "bias": 0.0}],  # timm's initial values
    "laplace": [{"mu": 0.0, "sigma": 1.0}, {"mu": -1.5, "sigma": 3.0}],
    "dyt": [{"alpha": 2.0, "gamma": -1.5, "beta": 0.25}],
    "xielu": [{"eps": 0.0}, {"alpha_p": 2.0, "alpha_n": 1.5, "beta": 0.25, "eps": -0.01}],
    "snake": [{"alpha": 0.5}, {"alpha": 3.0}],
    "snake_beta": [{"alpha": 0.5, "beta": 2.0}, {"alpha": 2.0, "beta": 0.5}],
    "hard_sigmoid": [{"slope": 0.2}, {"slope": 0.5}],  # Keras 2's, and (x + 1)/2
    "binary_step": [{"threshold": 0.5}, {"threshold": -2.0}],
    "standardize": [{"epsilon": 0.5}, {"epsilon": 1e-12}],
}

__all__ = ["ELEMENTWISE", "NONDEFAULT", "ONE", "VECTOR", "ZERO"]
