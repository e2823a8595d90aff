"""Gated activations make their products in the fresh array a gate's kernel returns: the
caller's arrays are never written, and a broadcast value gives what the full one gives."""

import numpy as np
import pytest

import actplot
from actplot._blocks import BLOCK

GATED = [n for n in actplot.names() if actplot.get(n).kind == "gated"]
WRT = ("a", "b", "aa", "ab", "bb")


def _all(act, a, b):
    return [act(a, b)] + [act.partial(a, b, wrt) for wrt in WRT]


@pytest.mark.parametrize("name", GATED)
@pytest.mark.parametrize("size", [7, BLOCK + 5])
def test_the_inputs_are_left_alone(name, size):
    rng = np.random.default_rng(2)
    a, b = rng.standard_normal(size) * 3, rng.standard_normal(size) * 3
    a[1], b[2] = 0.0, -np.inf
    a0, b0 = a.copy(), b.copy()
    act = actplot.get(name)
    first = _all(act, a, b)
    assert np.array_equal(a, a0) and np.array_equal(b, b0, equal_nan=True)
    for y, again in zip(first, _all(act, a0, b0), strict=True):
        assert np.array_equal(y, again, equal_nan=True)


@pytest.mark.parametrize("name", GATED)
def test_a_broadcast_value_is_the_full_one(name):
    b = np.random.default_rng(3).standard_normal(BLOCK + 5) * 3
    act = actplot.get(name)
    full = np.full_like(b, 1.5)
    for y, expected in zip(_all(act, 1.5, b), _all(act, full, b), strict=True):
        assert np.array_equal(y, expected)


@pytest.mark.parametrize("name", GATED)
def test_an_element_is_what_it_is_alone_at_an_infinite_gate(name):
    # a value of 0 gives 0 however large the gate: the product made in place must not lose
    # the infinite gate that says so
    pairs = [(a, b) for a in (0.0, -0.0, 2.0, -np.inf) for b in (np.inf, -np.inf, 0.5, np.nan)]
    a = np.concatenate([[p[0] for p in pairs], np.full(BLOCK, 1.5)])
    b = np.concatenate([[p[1] for p in pairs], np.linspace(-3, 3, BLOCK)])
    act = actplot.get(name)
    together = _all(act, a, b)
    for i, (ai, bi) in enumerate(pairs):
        for y, alone in zip(together, _all(act, ai, bi), strict=True):
            assert np.array_equal(y[i], alone, equal_nan=True), (ai, bi)
            assert np.signbit(y[i]) == np.signbit(alone) or np.isnan(alone), (ai, bi)
