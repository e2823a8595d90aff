"""The vectorised erfc (Cody's approximations) against mpmath over the whole float64 line."""

from __future__ import annotations

import math

import numpy as np
import pytest
import reference as R
from mpmath import mp, mpf

from actplot.library._erfc import BLOCK, MID, SMALL, ZERO, erfc

# Within C0 + C1 cond ulps, cond = |x erfc'(x) / erfc(x)| (what a 1-ulp change of x does):
# Cody's rational functions are good to about 1 ulp, exp(-y^2) with its split and the final
# products add about 2; cond is there for exp(-(y - h)(y + h)), whose argument is rounded.
C0 = 4.0
C1 = 0.25


def _points() -> np.ndarray:
    rng = np.random.default_rng(13)
    magnitudes = np.geomspace(5e-324, 1.7e308, 400)  # every binade, subnormal inputs included
    near = np.concatenate(
        [
            np.linspace(-ZERO - 1, ZERO + 1, 1201),
            rng.uniform(-6.0, 6.0, 1500),
            rng.uniform(26.0, 27.3, 300),  # subnormal results
            rng.uniform(-0.5, 0.5, 300),
        ]
    )
    edges = [v for e in (SMALL, MID, ZERO) for v in (np.nextafter(e, 0), e, np.nextafter(e, 99))]
    positive = np.concatenate([magnitudes, np.abs(near), edges])
    return np.concatenate([positive, -positive, [0.0, -0.0]])


POINTS = _points()


def _reference(x: float) -> mpf:
    # beyond 30, mpmath's series overflows; erfc(30) < 1e-392 and erfc decreases, so there
    # erfc rounds to 0 and 2 - erfc(-x) to 2
    if abs(x) > 30:
        return mpf(0) if x > 0 else mpf(2)
    with mp.workprec(200):
        return mp.erfc(mpf(x))


def _cond(x: float, ref: mpf) -> mpf:
    with mp.workprec(200):
        if ref == 0:
            return mpf(0)
        return abs(mpf(x) * 2 / mp.sqrt(mp.pi) * mp.exp(-(mpf(x) ** 2)) / ref)


def test_erfc_against_mpmath_over_the_line():
    got = erfc(POINTS)
    misses = []
    for x, y in zip(POINTS.tolist(), got.tolist(), strict=True):
        ref = _reference(x)
        if float(ref) == 0.0:  # below half the smallest subnormal: exactly 0
            if y != 0.0:
                misses.append((x, y, "want 0"))
            continue
        err = R.ulp_error(y, ref)
        if err > C0 + C1 * _cond(x, ref):
            misses.append((x, y, mp.nstr(err, 4)))
    assert not misses, misses[:10]


def test_subnormal_results_are_there():
    """The tail reaches the subnormals and ends at 0 where erfc rounds to 0, not sooner."""
    x = np.array([26.6, 27.0, 27.2])
    y = erfc(x)
    assert np.all((y > 0) & (y < np.finfo(np.float64).tiny))
    for xi, yi in zip(x.tolist(), y.tolist(), strict=True):
        assert abs(yi - float(_reference(xi))) <= 2 * 5e-324


def test_special_values():
    y = erfc(np.array([np.inf, -np.inf, np.nan, 0.0, -0.0, 1e308, -1e308, 5e-324]))
    assert y[0] == 0.0 and y[1] == 2.0 and math.isnan(y[2])
    assert y[3] == 1.0 and y[4] == 1.0 and y[5] == 0.0 and y[6] == 2.0 and y[7] == 1.0


def test_shapes_scalars_and_blocks_agree():
    """An element's value does not depend on the array it is in: its shape, its length (one
    block or several) or its position in it."""
    x = np.resize(POINTS, 2 * BLOCK + 7)
    whole = erfc(x)
    assert np.array_equal(erfc(x.reshape(-1, 1)).ravel(), whole, equal_nan=True)
    assert np.array_equal(erfc(x[::-1])[::-1], whole, equal_nan=True)
    for i in (0, 5, BLOCK, 2 * BLOCK + 6):
        y = erfc(x[i])
        assert np.shape(y) == ()
        assert y == whole[i] or (math.isnan(y) and math.isnan(whole[i]))
    assert erfc(np.array([])).shape == (0,)


@pytest.mark.parametrize("x", [-3.0, -0.2, 0.2, 1.0, 3.0, 10.0])
def test_agrees_with_the_c_library(x):
    """A second, independent implementation: the C library's erfc, via math."""
    assert abs(float(erfc(x)) - math.erfc(x)) <= 4 * math.ulp(math.erfc(x))
