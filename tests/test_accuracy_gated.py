"""Every gated activation f(a, b) and its five partials against the mpmath references of
tests/reference_gated.py, as tests/test_accuracy.py does for one input.

The allowance is C0 + C1 cond ulps with cond summed over both inputs.  One difference: the
error is measured relative to max(|ref|, |a| * 2.2250738585072014e-308), not to
max(|ref|, 2.2250738585072014e-308).  f = a g(b) is the value times the gate's float64 value,
and where the gate is subnormal (sigmoid(-720) = 5e-313) it carries an absolute error of
that size, which a large value a scales up: the product is as accurate as the gate's own
tail allows, and no more (actplot's elementwise gates are measured the same way).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest
import reference as R
import reference_gated as G
from mpmath import mp, mpf

import actplot

C0, C1 = 6.0, 2.0
INF = math.inf
WRT = G.WRT
NAMES = [n for n in actplot.names() if actplot.REGISTRY[n].kind == "gated"]
CASES = [(n, {}) for n in NAMES] + [(n, p) for n in NAMES for p in G.NONDEFAULT.get(n, [])]


def _id(case: tuple[str, dict[str, Any]]) -> str:
    name, params = case
    return name + (f"[{','.join(f'{k}={v}' for k, v in params.items())}]" if params else "")


def _bound(name: str, params: dict[str, Any]) -> tuple[actplot.Activation, dict[str, Any]]:
    if name not in G.GATED:
        pytest.fail(f"{name} has no reference in tests/reference_gated.py: add one")
    act = actplot.get(name, **params)
    return act, act.params


def _evaluate(act: actplot.Activation, a: Any, b: Any, wrt: str) -> np.ndarray:
    return act(a, b) if wrt == "" else act.partial(a, b, wrt)


def _error(y: float, ref: mpf, a: float) -> mpf:
    if math.isnan(y):
        return mpf("inf")
    if math.isinf(y) or math.isinf(float(ref)):
        return mpf(0) if y == float(ref) else mpf("inf")
    floor = max(mpf(R.TINY), abs(mpf(a)) * mpf(R.TINY))
    return abs(mpf(y) - ref) / max(abs(ref), floor) / mpf(R.EPS)


def test_the_gated_ones_are_the_ones_referenced():
    assert set(NAMES) == set(G.GATED)
    assert {n for n in NAMES if actplot.REGISTRY[n].params} == set(G.NONDEFAULT)
    for n in NAMES:
        assert {p.name: p.default for p in actplot.REGISTRY[n].params} == G.GATED[n].defaults


@pytest.mark.parametrize("wrt", WRT, ids=lambda w: f"d{w}" if w else "f")
@pytest.mark.parametrize("case", CASES, ids=_id)
def test_accuracy(case, wrt):
    """f and every partial on the grid of (a, b) pairs, within C0 + C1 cond ulps."""
    name, params = case
    act, full = _bound(name, params)
    pairs = G.pairs(name, full)
    a, b = (np.array(v) for v in zip(*pairs, strict=True))
    ys = _evaluate(act, a, b, wrt)
    misses = []
    for x, y in zip(pairs, ys, strict=True):
        ref = G.value(name, *x, wrt, full)
        if ref == 0:
            if y != 0:
                misses.append(f"{x}: got {y!r}, reference exactly 0")
            continue
        err = _error(float(y), ref, x[0])
        if err <= C0:  # within tolerance whatever the conditioning: skip computing it
            continue
        tol = C0 + C1 * G.cond(name, *x, wrt, full, ref)
        if err > tol:
            misses.append(f"{x}: got {y!r}, reference {mp.nstr(ref, 17)}, {mp.nstr(err, 3)} ulps")
    assert not misses, f"{len(misses)} of {len(pairs)} out of tolerance:\n" + "\n".join(misses[:8])


SPECIAL = [INF, -INF, math.nan, 1e308, -1e308, R.DBL_MAX, -R.DBL_MAX, 0.0, -0.0, 5e-324, 1.0]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_special_inputs_raise_no_warning(case):
    """Every pair of +-inf, nan, +-1e308, +-DBL_MAX, +-0, 5e-324 and 1, for f and each partial."""
    act, _ = _bound(*case)
    a, b = (v.ravel() for v in np.meshgrid(SPECIAL, SPECIAL))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for wrt in WRT:
            _evaluate(act, a, b, wrt)
            _evaluate(act, float(a[3]), float(b[5]), wrt)
        act.evaluate(np.array(SPECIAL), 1)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_nan_in_nan_out_and_broadcasting(case):
    act, _ = _bound(*case)
    for wrt in WRT:
        y = _evaluate(act, np.array([1.0, math.nan, 2.0]), np.array([0.5, 0.5, math.nan]), wrt)
        assert not np.isnan(y[0]) and np.isnan(y[1]) and np.isnan(y[2]), wrt
        grid = _evaluate(act, np.array([[-1.0], [2.0]]), np.array([0.5, -3.0, 4.0]), wrt)
        assert grid.shape == (2, 3)
        assert grid[1, 2] == _evaluate(act, 2.0, 4.0, wrt)
        assert np.shape(_evaluate(act, 2.0, 4.0, wrt)) == ()


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_limits_along_the_gate(case):
    """f(a, +-inf) and its partials, for finite a, are the limits as the gate grows: the
    reference at b = +-10^1000."""
    name, params = case
    act, full = _bound(name, params)
    for a in (-2.5, 0.0, 1.0, 3.0, 1e300):
        for b in (INF, -INF):
            for wrt in WRT:
                y, ref = float(_evaluate(act, a, b, wrt)), G.value(name, a, b, wrt, full)
                if float(ref) == 0 or math.isinf(float(ref)):
                    assert y == float(ref), (a, b, wrt, y, ref)
                else:
                    assert _error(y, ref, a) <= C0, (a, b, wrt, y, ref)


def test_an_infinite_value_is_the_limit_unless_the_gate_is_0():
    """f(+-inf, b) = +-inf times the sign of the gate where the gate is nonzero; where it is
    exactly 0 (relu's left half) the product is IEEE's inf * 0 = nan, as documented."""
    swiglu, reglu = actplot.get("swiglu"), actplot.get("reglu")
    assert swiglu(INF, 2.0) == INF and swiglu(-INF, 2.0) == -INF and swiglu(INF, -1.0) == -INF
    assert math.isnan(reglu(INF, -1.0)) and reglu(INF, 1.0) == INF
    assert actplot.get("bilinear")(0.0, INF) == 0.0  # a value of 0: 0 along the whole gate
    oai = float(G.value("swiglu_oai", INF, INF, "", {"alpha": 1.702, "limit": 7.0}))
    assert actplot.get("swiglu_oai")(INF, INF) == pytest.approx(oai, rel=4 * R.EPS)  # both clamped


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_kinks_agree_with_the_declared_breaks(case):
    """The declared facts of f along the gate at a = 1 list the reference's kinks."""
    name, params = case
    act, full = _bound(name, params)
    declared = sorted((b.x, b.order) for b in act.facts.breaks)
    assert declared == sorted((float(k), o) for k, o in G.GATED[name].kinks(**R.mp_params(full)))


# (name, params, wrt, a, b, expected): the values at kinks and clamps, exactly
LAMBDA_ALPHA = float(mpf(R.SELU_LAMBDA) * mpf(R.SELU_ALPHA))
H7 = 7.0 / (1.0 + math.exp(-1.702 * 7.0))
CONVENTIONS = [
    ("reglu", {}, "b", 2.0, 0.0, 0.0),
    ("reglu", {}, "ab", 2.0, 0.0, 0.0),
    ("reglu", {}, "a", 2.0, 0.0, 0.0),
    ("swiglu_oai", {}, "a", 7.0, 1.0, float(G.value("swiglu_oai", 7.0, 1.0, "a", {"alpha": 1.702, "limit": 7.0}))),
    ("swiglu_oai", {}, "a", -7.0, 1.0, float(G.value("swiglu_oai", -7.0, 1.0, "a", {"alpha": 1.702, "limit": 7.0}))),
    ("swiglu_oai", {}, "a", np.nextafter(7.0, 8.0), 1.0, 0.0),
    ("swiglu_oai", {}, "b", 1.0, np.nextafter(7.0, 8.0), 0.0),
    ("swiglu_oai", {}, "bb", 1.0, np.nextafter(7.0, 8.0), 0.0),
    ("swiglu_oai", {}, "", 1.0, 100.0, 2.0 * H7),
    ("swiglu_oai", {}, "", 100.0, 100.0, 8.0 * H7),
    ("swiglu_oai", {}, "", -1.0, 3.0, 0.0),
]  # fmt: skip


@pytest.mark.parametrize(("name", "params", "wrt", "a", "b", "expected"), CONVENTIONS)
def test_kink_conventions(name, params, wrt, a, b, expected):
    act, full = _bound(name, params)
    y = float(_evaluate(act, a, b, wrt))
    assert y == pytest.approx(expected, rel=4 * R.EPS, abs=0)
    assert float(G.value(name, a, b, wrt, full)) == pytest.approx(expected, rel=4 * R.EPS, abs=0)


def test_seglu_at_its_kink_takes_the_left_derivative():
    seglu = actplot.get("seglu")
    assert float(seglu.partial(2.0, 0.0, "b")) == pytest.approx(2 * LAMBDA_ALPHA, rel=2e-16)
    assert float(seglu.partial(2.0, 0.0, "bb")) == 0.0


# ------------------------------------------------------------------ the references themselves


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_reference_partials_match_numerical_differentiation(case):
    name, params = case
    _, full = _bound(name, params)
    ref, p = G.GATED[name], R.mp_params(full)
    kinks = [float(k) for k, _ in ref.kinks(**p)] + [float(k) for k in ref.value_kinks(**p)]
    points = [(a, b) for a in (-2.3, 0.4, 1.7) for b in (-4.1, -0.6, 0.35, 2.2, 9.5)]
    with mp.workdps(R.DPS):
        for a, b in points:
            if any(abs(a - k) < 0.05 or abs(b - k) < 0.05 for k in kinks):
                continue
            am, bm = mpf(a), mpf(b)
            f = lambda x, y: ref.f(x, y, **p)
            numeric = {
                "a": mp.diff(f, (am, bm), (1, 0)),
                "b": mp.diff(f, (am, bm), (0, 1)),
                "aa": mp.diff(f, (am, bm), (2, 0)),
                "ab": mp.diff(f, (am, bm), (1, 1)),
                "bb": mp.diff(f, (am, bm), (0, 2)),
            }
            for wrt, d in numeric.items():
                exact = ref.of(wrt)(am, bm, **p)
                assert abs(exact - d) <= mpf(10) ** -30 * (abs(d) + 1), (a, b, wrt)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_reference_is_stable_under_more_precision(case):
    name, params = case
    _, full = _bound(name, params)
    for a, b in G.pairs(name, full)[::7]:
        for wrt in WRT:
            x = G.value(name, a, b, wrt, full)
            y = G.value(name, a, b, wrt, full, dps=R.DPS + 60)
            tiny, huge = mpf(10) ** -400, mpf(10) ** 400
            if abs(y) < tiny or abs(y) > huge:
                assert (abs(x) < tiny) == (abs(y) < tiny)
            else:
                assert abs(x - y) <= mpf(10) ** -35 * abs(y), (a, b, wrt)
