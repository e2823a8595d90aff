"""Property tests: mathematical identities between activations, and derivatives against
central differences, on inputs drawn by hypothesis.

Each identity is checked with the tolerance its own float64 evaluation needs: both sides are
computed in float64 from results that are each within a few ulps (test_accuracy.py), so the
allowance is a few ulps of the largest quantity the identity adds or subtracts.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import reference as R
from hypothesis import given, settings
from hypothesis import strategies as st

import actplot

EPS, TINY = R.EPS, R.TINY
SETTINGS = settings(max_examples=40, deadline=None)

reals = st.floats(-1e308, 1e308, allow_nan=False)  # the whole range, subnormals included
moderate = st.floats(-750.0, 750.0, allow_nan=False)


def f(name: str, **params):
    return actplot.get(name, **params)


def ulps(a, b) -> np.ndarray:
    """|a - b| in ulps of b (subnormals against the smallest normal), elementwise."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.abs(a - b) / np.maximum(np.abs(b), TINY) / EPS


# ----------------------------------------------------------------------- sigmoid family


@SETTINGS
@given(reals)
def test_sigmoid_is_symmetric(x):
    """sigma(x) + sigma(-x) = 1: each term within ~1 ulp of a value <= 1, plus the sum's
    rounding: 4 ulps of 1 (absolute)."""
    s = f("sigmoid")
    assert abs(s(x) + s(-x) - 1.0) <= 4 * EPS


# f(x) - f(-x) = x: softplus, log sigma (log e^x), and the self-gated x g(x) whose gate has
# g(x) + g(-x) = 1: x sigma(x), x Phi(x), and hardswish (relu6(x + 3) + relu6(3 - x) = 6)
MIRRORED = ["softplus", "log_sigmoid", "silu", "gelu", "hardswish"]


@pytest.mark.parametrize("name", MIRRORED)
@SETTINGS
@given(reals)
def test_minus_its_mirror_is_x(name, x):
    """A few ulps of the larger term, or half the smallest subnormal each (gelu(5e-324) =
    2.5e-324 rounds)."""
    g = f(name)
    a, b = g(x), g(-x)
    assert abs((a - b) - x) <= 4 * EPS * (abs(a) + abs(b)) + 5e-324


@SETTINGS
@given(reals)
def test_tanh_is_a_rescaled_sigmoid(x):
    """tanh(x) = 2 sigma(2x) - 1: 2 sigma(2x) is within ~2 ulps of 2, so 6 ulps of 1 absolute.
    (2x overflows to inf beyond 8.99e307, where both sides are +-1.)"""
    with np.errstate(over="ignore"):
        two_x = np.float64(2.0) * x
    assert abs(f("tanh")(x) - (2 * f("sigmoid")(two_x) - 1)) <= 6 * EPS


@SETTINGS
@given(reals)
def test_scaled_sigmoid_is_four_sigmoid_minus_two(x):
    """4 sigma(x) - 2 = 2 tanh(x/2): 4 sigma is within ~4 ulps of 4: 16 ulps of 1 absolute."""
    assert abs(f("scaled_sigmoid")(x) - (4 * f("sigmoid")(x) - 2)) <= 16 * EPS


@SETTINGS
@given(reals)
def test_tanhshrink_is_x_minus_tanh(x):
    """x - tanh(x), computed from tanh in float64: a few ulps of the larger of x and tanh x (the
    library itself must do better near 0, which test_accuracy checks)."""
    assert abs(f("tanhshrink")(x) - (x - np.tanh(x))) <= 4 * EPS * max(abs(x), 1e-300)


@SETTINGS
@given(moderate.filter(lambda x: x == 0 or abs(x) >= 1e-300), st.floats(0.1, 10.0))
def test_celu_is_a_rescaled_elu(x, alpha):
    """celu(x; alpha) = alpha elu(x / alpha; 1): x / alpha and the product round once each.
    (Not for subnormal x, where x / alpha keeps only a few bits.)"""
    assert ulps(f("celu", alpha=alpha)(x), alpha * f("elu")(x / alpha)) <= 4


# ------------------------------------------------------------------------- vector family

# logits on a grid of 2^-10 up to 2^20, shifts integers up to 2^20: x + c is exact
logits = st.lists(st.integers(-(2**20), 2**20), min_size=1, max_size=8).map(
    lambda ks: np.array(ks, dtype=float) / 1024
)
shifts = st.integers(-(2**20), 2**20).map(float)
vectors = st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=1, max_size=8).map(np.array)


@SETTINGS
@given(logits, shifts)
def test_softmax_is_shift_invariant(x, c):
    """softmax(x + c) = softmax(x): the shifted logits are exact, so only the evaluation's own
    few ulps differ."""
    sm = f("softmax")
    assert ulps(sm(x + c), sm(x)).max() <= 4


@SETTINGS
@given(vectors)
def test_softmax_sums_to_one(x):
    """Components within ~2 ulps each, summed: n + 2 ulps of 1."""
    s = f("softmax")(x)
    assert (s >= 0).all()
    assert abs(math.fsum(s) - 1.0) <= (len(x) + 2) * EPS


@SETTINGS
@given(vectors)
def test_log_softmax_is_x_minus_logsumexp(x):
    """y_i = x_i - logsumexp(x), with logsumexp = m + log1p(sum_{j != argmax} e^(x_j - m))
    in float64: each side is off by a few ulps of the magnitudes it subtracts."""
    m = x.max()
    k = int(x.argmax())
    rest = math.fsum(math.exp(v - m) for j, v in enumerate(x) if j != k)
    lse = m + math.log1p(rest)
    y = f("log_softmax")(x)
    expected = x - lse
    allowed = 4 * EPS * (np.abs(x) + abs(lse) + np.abs(expected)) + TINY
    assert (np.abs(y - expected) <= allowed).all()


@SETTINGS
@given(st.floats(-700.0, 700.0, allow_nan=False))
def test_two_logit_softmin_is_sigmoid_of_minus_x(x):
    """softmin([x, 0])_0 = e^-x / (e^-x + 1) = sigma(-x)."""
    assert ulps(f("softmin")(np.array([x, 0.0]))[0], f("sigmoid")(-x)) <= 4


@SETTINGS
@given(vectors)
def test_exp_log_softmax_is_softmax(x):
    """e^y has the relative error of y's absolute error (a few ulps of |y| <= 2e4)."""
    y = f("log_softmax")(x)
    s = f("softmax")(x)
    allowed = 4 + 8 * np.abs(y)
    keep = s > 1e-300  # below that, e^y and softmax are both (sub)normal noise
    assert (ulps(np.exp(y[keep]), s[keep]) <= allowed[keep]).all()


@SETTINGS
@given(st.floats(-700.0, 700.0, allow_nan=False))
def test_two_logit_softmax_is_sigmoid(x):
    """softmax([x, 0])_0 = sigma(x), and its diagonal derivatives are sigma's."""
    sm = f("softmax")
    v = np.array([x, 0.0])
    s = f("sigmoid")
    assert ulps(sm(v)[0], s(x)) <= 4
    assert ulps(sm.grad(v)[0], s.grad(x)) <= 4
    assert ulps(sm.grad(v, 2)[0], s.grad(x, 2)) <= 8 + 4 * abs(x)


# ------------------------------------------------ derivatives against central differences


def _cases():
    for name in actplot.names():
        if actplot.REGISTRY[name].kind != "elementwise":
            continue
        yield name, {}
        for params in R.NONDEFAULT.get(name, []):
            yield name, params


CASES = list(_cases())
IDS = [name + (str(p) if p else "") for name, p in CASES]
points = st.lists(st.floats(-30.0, 30.0, allow_nan=False), min_size=1, max_size=16)


def _central(g, x: np.ndarray, h: np.ndarray) -> np.ndarray:
    return (g(x + h) - g(x - h)) / (2 * h)


def _smooth(act: actplot.Activation, xs: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """The points, and their steps h, at least 4h away from every break (facts.breaks)."""
    x = np.array(xs)
    h = 1e-5 * np.maximum(1.0, np.abs(x))
    if math.isfinite(act.definition.resolved):  # periodic: g''' grows as the frequency cubed
        h = h / 10
    # log1mexp' is unbounded at its domain's end 0: keep 1/2 away, where f''' is moderate
    domain = act.definition.domain
    ends = np.minimum(np.abs(x - domain.lo), np.abs(x - domain.hi))
    inside = ~domain.outside(x) & (ends > 0.5)
    x, h = x[inside], h[inside]
    breaks = np.array([b.x for b in act.facts.breaks])
    if breaks.size:
        far = (np.abs(x[:, None] - breaks[None, :]) > 4 * h[:, None]).all(axis=1)
        x, h = x[far], h[far]
    return x, h


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
@SETTINGS
@given(xs=points)
def test_derivatives_match_central_differences(name, params, xs):
    """(g(x + h) - g(x - h)) / 2h for g = f and g = f', h = 1e-5 max(1, |x|): truncation
    h^2 g'''/6 and rounding ~eps |g| / h are both below 1e-8 at these magnitudes, so 1e-7
    (relative to 1 + |derivative| + |g|/max(1, |x|)) separates a wrong formula from noise."""
    act = actplot.get(name, **params)
    x, h = _smooth(act, xs)
    for order, g in ((1, act), (2, lambda t: act.grad(t, 1))):
        numeric = _central(g, x, h)
        exact = act.grad(x, order)
        scale = 1 + np.abs(exact) + np.abs(g(x)) / np.maximum(1.0, np.abs(x))
        bad = np.abs(numeric - exact) > 1e-7 * scale
        assert not bad.any(), (order, x[bad], exact[bad], numeric[bad])
