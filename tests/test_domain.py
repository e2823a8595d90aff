"""An activation defined on part of the real line: nan outside, its formula never seeing a
point there, whatever mix of points inside, outside and nan a block holds."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot
from actplot._blocks import BLOCK, kernel
from actplot.activation import Definition, Domain

SEEN: list[tuple[float, float]] = []  # the extremes of what the formula was given


def _recorded(x: np.ndarray) -> np.ndarray:
    if x.size:
        SEEN.append((float(np.min(x)), float(np.max(x))))
    return np.sqrt(x + 1.0) * (2.0 - x)


@kernel(scratch=1)
def _recorded_kernel(x: np.ndarray, out: np.ndarray, work: np.ndarray) -> None:
    if x.size:
        SEEN.append((float(np.min(x)), float(np.max(x))))
    np.add(x, 1.0, out=work)
    np.sqrt(work, out=work)
    np.subtract(2.0, x, out=out)
    out *= work


# open at -1, where sqrt(x + 1) would be 0, closed at 2
DOMAIN = Domain(lo=-1.0, hi=2.0, lo_open=True)


def _activation(fn) -> actplot.Activation:
    return Definition(
        name="half_open", formula="x", fn=fn, derivatives=(fn, fn), domain=DOMAIN
    ).bind({})


def _expected(x: np.ndarray) -> np.ndarray:
    inside = (x > -1.0) & (x <= 2.0)
    with np.errstate(invalid="ignore"):
        return np.where(inside, np.sqrt(x + 1.0) * (2.0 - x), np.nan)


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return np.array_equal(a, b, equal_nan=True) and np.array_equal(np.signbit(a), np.signbit(b))


@pytest.mark.parametrize("fn", [_recorded, _recorded_kernel], ids=["function", "kernel"])
@pytest.mark.parametrize("mix", ["inside", "scattered", "rare", "nan"])
def test_outside_is_nan_and_the_formula_sees_only_points_inside(fn, mix):
    rng = np.random.default_rng(7)
    x = rng.uniform(-0.999, 2.0, 3 * BLOCK + 11)  # blocks whole and partial
    if mix == "scattered":
        x = rng.uniform(-3.0, 4.0, x.size)
    elif mix == "rare":
        x[[5, BLOCK - 1, BLOCK, 2 * BLOCK + 3]] = [-1.0, 2.0 + 1e-15, -np.inf, np.inf]
    elif mix == "nan":
        x[[0, BLOCK + 1, x.size - 1]] = [np.nan, -5.0, np.nan]
    x[7] = -0.0
    SEEN.clear()
    y = _activation(fn)(x)
    assert _same(y, _expected(x))
    assert not np.signbit(y[np.isnan(y)]).any()  # nan as np.nan is
    assert all(lo > -1.0 and hi <= 2.0 for lo, hi in SEEN if not math.isnan(lo))


@pytest.mark.parametrize("fn", [_recorded, _recorded_kernel], ids=["function", "kernel"])
def test_scalars_masked_arrays_and_empty_arrays(fn):
    act = _activation(fn)
    for v in (-1.0, -0.5, 2.0, 2.5, math.nan, math.inf):
        y = act(v)
        assert np.ndim(y) == 0 and _same(np.array(y), _expected(np.array(v)))
    masked = np.ma.masked_array([0.5, -4.0, 1.0, np.nan], mask=[False, False, True, False])
    y = act(masked)
    assert list(np.ma.getmaskarray(y)) == [False, False, True, False]
    assert _same(np.ma.getdata(y)[[0, 1, 3]], _expected(np.array([0.5, -4.0, np.nan])))
    assert act(np.zeros((0, 3))).shape == (0, 3)


def test_log1mexp_over_blocks_is_what_each_point_gives_alone():
    act = actplot.get("log1mexp")
    rng = np.random.default_rng(3)
    x = rng.standard_normal(2 * BLOCK + 5) * 3
    x[:6] = [0.0, -0.0, np.nan, 5e-324, 709.5, 745.0]
    for order in range(3):
        whole = act(x) if order == 0 else act.grad(x, order)
        alone = np.array(
            [float(act(v) if order == 0 else act.grad(v, order)) for v in x[::997].tolist()]
        )
        assert _same(whole[::997], alone), order
        assert _same(np.isnan(whole), np.isnan(x) | (x < 0))
