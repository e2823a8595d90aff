"""The shortcuts taken for speed change nothing an element's value depends on.

Formulas evaluated block by block, with rare inputs (far tails, huge or infinite values) looked
for and mended afterwards, must give each element what it gives alone: whatever its neighbours
(a nan beside it must not hide it), and wherever a block boundary falls.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import reference as R
from mpmath import mp, mpf

import actplot
from actplot._blocks import ROWS
from actplot.library._erfc import normal_cdf, normal_cdf_pdf

ELEMENTWISE = [n for n in actplot.names() if actplot.get(n).kind == "elementwise"]

# the rare ranges of the formulas: far tails, beyond 1e100 / 1e150 / 1e300, and the specials
POINTS = np.array(
    [-np.inf, -1e308, -1e200, -1e120, -2000.0, -1000.0, -800.0, -720.0, -709.0, -40.0,
     -21.3, -1e-300, -0.0, 0.0, 5e-324, 0.5, 1.0, 30.0, 720.0, 1e120, 1e200, 1e308, np.inf]
)  # fmt: skip


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal element by element, nan where nan, and zeros of the same sign."""
    return np.array_equal(a, b, equal_nan=True) and np.array_equal(np.signbit(a), np.signbit(b))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_a_nan_beside_a_rare_element_changes_nothing(name):
    act = actplot.get(name)
    with np.errstate(all="ignore"):  # the domain of log1mexp: nan outside, no warning asked
        for order in range(3):
            alone = np.array([float(act.evaluate(v, order)) for v in POINTS.tolist()])
            beside = act.evaluate(np.concatenate([[np.nan], POINTS, [np.nan]]), order)[1:-1]
            assert _same(beside, alone), (name, order, POINTS[~np.isclose(beside, alone)])


VECTOR = [n for n in actplot.names() if actplot.get(n).kind == "vector"]


@pytest.mark.parametrize("name", VECTOR)
def test_rows_do_not_depend_on_where_the_blocks_fall(name):
    """Vector activations are evaluated on blocks of whole rows: a row gives what it gives
    alone, also at a block's edge and in the last, partial block."""
    act = actplot.get(name)
    rng = np.random.default_rng(1)
    n = 7  # rows of 7: blocks of ROWS // 7 rows, which do not divide the row count
    x = rng.standard_normal((ROWS // n * 3 + 5, n)) * 4
    x[3, 2] = np.nan
    x[ROWS // n - 1, 0] = np.inf  # the last row of the first block
    for order in range(3):
        whole = act(x) if order == 0 else act.grad(x, order)
        for i in (0, 3, ROWS // n - 1, ROWS // n, len(x) - 1):
            alone = act(x[i]) if order == 0 else act.grad(x[i], order)
            assert _same(whole[i], alone), (name, order, i)


def _normal(x: float) -> tuple[mpf, mpf]:
    with mp.workprec(200):
        t = mpf(x)
        return mp.ncdf(t), mp.npdf(t)


@pytest.mark.parametrize("x", [-38.5, -37.0, -20.0, -8.0, -2.0, -0.6, -1e-5, 0.0, 0.3, 0.7,
                               3.0, 5.7, 9.0, 40.0])  # fmt: skip
def test_normal_cdf_and_pdf_against_mpmath(x):
    """Phi to a few ulps plus what the rounding of x^2 does to exp(-x^2/2) (x^2/4 ulps, a
    quarter of the condition number); phi from the same evaluation agrees with it."""
    cdf, pdf = normal_cdf_pdf(np.array([x]))
    ref_cdf, ref_pdf = _normal(x)
    allowed = 4 + x * x / 4
    assert R.ulp_error(float(cdf[0]), ref_cdf) <= allowed
    assert R.ulp_error(float(pdf[0]), ref_pdf) <= allowed
    assert normal_cdf(np.array([x]))[0] == cdf[0]


def test_normal_cdf_limits():
    cdf, pdf = normal_cdf_pdf(np.array([-np.inf, np.inf, np.nan, -1e308, 1e308]))
    assert cdf[0] == 0.0 and cdf[1] == 1.0 and math.isnan(cdf[2])
    assert cdf[3] == 0.0 and cdf[4] == 1.0
    assert pdf[0] == 0.0 and pdf[1] == 0.0 and math.isnan(pdf[2]) and pdf[3] == pdf[4] == 0.0


@pytest.mark.parametrize("name", ["leaky_relu", "prelu", "rrelu"])
@pytest.mark.parametrize("params", [{}, {"alpha": 1.0}, {"alpha": 2.0}, {"alpha": 0.0}])
def test_a_leaky_relu_keeps_the_sign_of_zero_as_its_pieces_say(name, params):
    # x where x >= 0: -0.0 at -0.0 (PyTorch's and JAX's too), whichever formula the slope
    # takes; relu is max(x, 0), which IEEE 754-2019 makes +0.0 there
    # the documented default slopes: 0.01, 0.25 and rrelu's mean (1/8 + 1/3)/2
    slope = params.get("alpha", {"leaky_relu": 0.01, "prelu": 0.25}.get(name, (1 / 8 + 1 / 3) / 2))
    if name == "rrelu":
        params = {"lower": params["alpha"], "upper": params["alpha"]} if params else {}
    x = np.array([-0.0, 0.0, -5e-324, -1.0, 2.0, -np.inf])
    act = actplot.get(name, **params)
    left = [slope * v if slope else 0.0 for v in (-5e-324, -1.0, -np.inf)]  # a flat side is 0
    expected = np.array([-0.0, 0.0, *left[:2], 2.0, left[2]])
    assert _same(act(x), expected)
    assert _same(actplot.get("relu")(x[:2]), np.array([0.0, 0.0]))


def test_the_sign_of_a_leaky_zero_is_pytorchs():
    torch = pytest.importorskip("torch")
    x = np.array([-0.0, 0.0, -5e-324, -1.0])
    theirs = torch.nn.functional.leaky_relu(torch.from_numpy(x)).numpy()
    assert _same(actplot.get("leaky_relu")(x), theirs)


@pytest.mark.parametrize("x", [0.3, 1.0, 3.0, 40.0, 709.5, 710.0, 720.0, 740.0, 745.0])
def test_log1mexp_keeps_its_digits_where_expm1_overflows(x):
    # past x = 709.78, e^x overflows while e^-x, f' and f'' are still normal or subnormal
    act = actplot.get("log1mexp")
    with mp.workdps(60):
        X = mpf(x)
        refs = (mp.log1p(-mp.exp(-X)), 1 / mp.expm1(X), -mp.exp(-X) / (1 - mp.exp(-X)) ** 2)
    for order, (ref, allowed) in enumerate(zip(refs, (1, 1, 2), strict=True)):
        y = float(act.evaluate(np.array([x]), order)[0])
        assert R.ulp_error(y, ref) <= allowed, (order, y, ref)
