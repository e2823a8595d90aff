"""Every activation, f' and f'' against independent mpmath references (tests/reference.py).

Error metric, in ulps of the result:

    err = |y - ref| / max(|ref|, 2.2250738585072014e-308) / 2^-52

(a subnormal result is measured against the smallest normal).  The allowance is

    tol = C0 + C1 * cond,   cond = |x g'(x) / g(x)|

for the quantity g under test (f, f' or f''), computed from the references: cond ulps is what
a 1-ulp change of x alone does to g, so no float64 algorithm can promise much better near a
zero of g or in an exponential tail.  Where the reference is exactly 0 (relu(-1), f'' of a
piecewise-linear function) the result must be exactly 0, and where it is beyond the float64
range the result must be the matching infinity.

C0 = 6: a correctly rounded result is within 0.5 ulp, and each libm call or product in a
closed-form derivative adds up to ~1.  The longest formulas, mish'' = sech^2(sp) sigma(x)
(2 + x (sigma(-x) - 2 tanh(sp) sigma(x))) and gelu_tanh'', combine six such factors around a
bracket that cancels mildly (a factor ~3 at x ~ 2.2, where cond is only ~0.6): measured on a
dense scan, they need 5.0 ulps there; everything else needs <= 2.7 where cond <= 1/2.

C1 = 2: f and its derivatives are sums of terms (gelu' = Phi(x) + x phi(x)); near a zero of
the sum each term's rounding is amplified by sum|terms| / |sum|, the condition number of the
sum, which is a small multiple of cond: the worst measured is mish' near its root x = -1.19
(75 ulps with cond 46.5, i.e. 1.55 cond).  Intermediate roundings of beta*x, x/alpha, x*x or
the cubic of gelu_tanh are relative perturbations of the argument, which cond covers with a
factor of 1.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import reference as R
import reference_gated as G
from mpmath import mp, mpf

import actplot

C0 = 6.0
C1 = 2.0
DBL_MAX = R.DBL_MAX
INF = math.inf
ORDERS = (0, 1, 2)
ORDER_NAMES = ("f", "f'", "f''")


# ------------------------------------------------------------------------------- the cases


def _cases() -> list[tuple[str, dict[str, Any]]]:
    """Every registered activation at its defaults, then the non-default parameter sets."""
    out: list[tuple[str, dict[str, Any]]] = []
    for name in actplot.names():
        out.append((name, {}))
        out.extend((name, p) for p in R.NONDEFAULT.get(name, []))
    return out


def _case_id(case: tuple[str, dict[str, Any]]) -> str:
    name, params = case
    inner = ",".join(f"{k}={v}" for k, v in params.items())
    return f"{name}[{inner}]" if inner else name


# the gated ones, f(a, b), have tests of their own: tests/test_accuracy_gated.py
CASES = [c for c in _cases() if actplot.REGISTRY[c[0]].kind != "gated"]
REFERENCES = {**R.REFERENCES, **G.GATED}
ELEMENTWISE_CASES = [c for c in CASES if actplot.REGISTRY[c[0]].kind == "elementwise"]
VECTOR_NAMES = [n for n in actplot.names() if actplot.REGISTRY[n].kind == "vector"]
VECTOR_CASES = [c for c in CASES if actplot.REGISTRY[c[0]].kind == "vector"]


def _bound(name: str, params: dict[str, Any]) -> tuple[actplot.Activation, dict[str, Any]]:
    """The activation, and all its parameter values (defaults included) for the reference."""
    if name not in R.REFERENCES:
        pytest.fail(f"{name} has no reference in tests/reference.py: add one")
    act = actplot.get(name, **params)
    return act, act.params


def _evaluate(act: actplot.Activation, x: Any, order: int) -> np.ndarray:
    return act(x) if order == 0 else act.grad(x, order)


# ---------------------------------------------------------------------------- the checking


@dataclass
class Miss:
    x: Any
    y: float
    ref: mpf
    err: mpf
    tol: mpf

    def __str__(self) -> str:
        return (
            f"x={self.x!r}: got {self.y!r}, reference {mp.nstr(self.ref, 17)}, "
            f"{mp.nstr(self.err, 4)} ulps > allowed {mp.nstr(self.tol, 4)}"
        )


def check(x: Any, y: float, ref: mpf, cond: mpf) -> Miss | None:
    """None if y is within tolerance of ref; else the details."""
    tol = C0 + C1 * cond
    if mp.isnan(ref):  # outside the domain (log1mexp of x < 0): nan, as log(-1) is
        return None if math.isnan(y) else Miss(x, y, ref, mpf("inf"), mpf(0))
    if ref == 0:
        return None if y == 0 else Miss(x, y, ref, mpf("inf"), mpf(0))
    err = R.ulp_error(y, ref)
    return None if err <= tol else Miss(x, y, ref, err, tol)


def report(what: str, misses: list[Miss]) -> str:
    worst = sorted(misses, key=lambda m: -m.err)[:8]
    return f"{what}: {len(misses)} points out of tolerance, worst:\n  " + "\n  ".join(
        map(str, worst)
    )


# Points added to a case's grid where an inaccuracy once showed, so it stays fixed:
# gelu_tanh'' multiplied an already subnormal sigma'(2u) by a bracket of ~1e5 for |x| in
# 21.2..21.55 (x = 21.25: 8709 ulps; x = -21.52 gave -0.0 for -3.83e-319).
EXTRA_POINTS: dict[str, tuple[float, ...]] = {
    "gelu_tanh": (-21.52, -21.46, -21.3, 21.25, 21.31, 21.4, 21.5),
}


def _reference_table(name: str, params: dict[str, Any], order: int, xs: np.ndarray):
    refs = [R.value(name, float(x), order, params) for x in xs]
    conds = [R.cond(name, float(x), order, params, r) for x, r in zip(xs, refs, strict=True)]
    return refs, conds


def _accuracy_misses(name, params, order) -> list[Miss]:
    """Points of the case's grid out of tolerance."""
    act, full = _bound(name, params)
    xs = np.union1d(R.grid(name, full), EXTRA_POINTS.get(name, ()))
    ys = _evaluate(act, xs, order)
    refs, conds = _reference_table(name, full, order, xs)
    misses = []
    for x, y, ref, c in zip(xs, ys, refs, conds, strict=True):
        miss = check(float(x), float(y), ref, c)
        if miss:
            misses.append(miss)
    return misses


# -------------------------------------------------------------------------------- coverage


@pytest.mark.parametrize("name", actplot.names())
def test_every_activation_has_a_reference(name):
    assert name in REFERENCES, f"add a reference for {name} to tests/reference.py"
    assert REFERENCES[name].kind == actplot.REGISTRY[name].kind


@pytest.mark.parametrize("name", [n for n in actplot.names() if actplot.REGISTRY[n].params])
def test_parametrised_activations_are_tested_off_their_defaults(name):
    nondefault = {**R.NONDEFAULT, **G.NONDEFAULT}
    assert nondefault.get(name), f"add non-default parameters for {name} to NONDEFAULT"


@pytest.mark.parametrize("name", actplot.names())
def test_defaults_are_the_published_ones(name):
    """The defaults PyTorch and the papers use (and actplot's own choices for threshold and
    maxout), as recorded in the reference."""
    defaults = {p.name: p.default for p in actplot.REGISTRY[name].params}
    assert defaults == REFERENCES[name].defaults


@pytest.mark.parametrize("case", ELEMENTWISE_CASES, ids=_case_id)
def test_kinks_agree_with_the_declared_breaks(case):
    """actplot's facts (which the tests use to avoid kinks) list the same kinks and jumps as
    the reference: positions exactly, with the order of the first derivative that jumps."""
    name, params = case
    act, full = _bound(name, params)
    declared = sorted((b.x, b.order) for b in act.facts.breaks)
    expected = sorted((float(k), order) for k, order in R.kinks(name, full))
    assert declared == expected


# -------------------------------------------------------------------------------- accuracy


def _accuracy_params():
    for case in ELEMENTWISE_CASES:
        for order in ORDERS:
            yield pytest.param(*case, order, id=f"{_case_id(case)}-{ORDER_NAMES[order]}")


@pytest.mark.parametrize(("name", "params", "order"), list(_accuracy_params()))
def test_accuracy(name, params, order):
    """f, f' and f'' over the whole float64 range, within C0 + C1 cond ulps."""
    misses = _accuracy_misses(name, params, order)
    assert not misses, report(f"{name}{params or ''} {ORDER_NAMES[order]}", misses)


# -------------------------------------------------------------- special inputs and limits


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_special_inputs_raise_no_warning(case):
    """+-inf, nan, +-1e308 and +-DBL_MAX: no RuntimeWarning (whatever the pytest config)."""
    name, params = case
    act, _ = _bound(name, params)
    special = [INF, -INF, math.nan, 1e308, -1e308, DBL_MAX, -DBL_MAX, 0.0, -0.0, 5e-324]
    inputs = [np.array(special), np.array([INF, -INF]), np.array([1e308, 1e308, 1e308])]
    inputs += [np.full(3, v) for v in special] + special
    if act.kind == "vector":
        inputs.append(np.array([special, [1e308, -1e308, 0, 1, 2, 3, -DBL_MAX, DBL_MAX, 4, 5]]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for x in inputs:
            for order in ORDERS:
                _evaluate(act, x, order)
            act.jacobian(x)


@pytest.mark.parametrize("case", ELEMENTWISE_CASES, ids=_case_id)
def test_nan_in_nan_out(case):
    name, params = case
    act, _ = _bound(name, params)
    x = np.array([1.0, math.nan, -1.0])
    outside = act.definition.domain.outside(x)  # log1mexp(-1) is nan: no real value
    for order in ORDERS:
        assert np.isnan(_evaluate(act, math.nan, order)), ORDER_NAMES[order]
        y = _evaluate(act, x, order)
        assert np.isnan(y[1]) and (np.isnan(y[[0, 2]]) == outside[[0, 2]]).all()


@pytest.mark.parametrize("case", ELEMENTWISE_CASES, ids=_case_id)
def test_scalars_give_what_arrays_give(case):
    """A float, a numpy scalar and a 0-d array give the array's element, for every order."""
    name, params = case
    act, _ = _bound(name, params)
    xs = np.array([-40.0, -1.5, 0.0, 2.0, 21.3, 1e308])
    for order in ORDERS:
        whole = _evaluate(act, xs, order)
        for i, x in enumerate(xs):
            for scalar in (float(x), np.float64(x), np.array(x)):
                y = _evaluate(act, scalar, order)
                assert np.shape(y) == (), (order, scalar)
                assert np.array_equal(y, whole[i], equal_nan=True), (order, scalar)


def _limit_params():
    for case in ELEMENTWISE_CASES:
        for order in ORDERS:
            for x in (INF, -INF):
                yield pytest.param(
                    *case, order, x, id=f"{_case_id(case)}-{ORDER_NAMES[order]}-at{x:+}"
                )


@pytest.mark.parametrize(("name", "params", "order", "x"), list(_limit_params()))
def test_limits_at_infinity(name, params, order, x):
    """f(+-inf), f'(+-inf), f''(+-inf) are the limits (the reference far beyond float64)."""
    act, full = _bound(name, params)
    y = float(_evaluate(act, x, order))
    limit = R.value(name, x, order, full)
    expected = float(limit)
    if math.isnan(expected):  # no limit: snake's derivatives oscillate for ever
        assert math.isnan(y), f"{ORDER_NAMES[order]}({x}) = {y}, but there is no limit"
    elif expected == 0 or math.isinf(expected):
        assert y == expected, f"{ORDER_NAMES[order]}({x}) = {y}, limit {expected}"
    else:
        assert R.ulp_error(y, limit) <= C0, f"{ORDER_NAMES[order]}({x}) = {y}, limit {limit}"


# --------------------------------------------------------------------- kink conventions

with mp.workdps(R.DPS):
    LAMBDA_ALPHA = float(mpf(R.SELU_LAMBDA) * mpf(R.SELU_ALPHA))
# the product of the float64 constants is 1 ulp below the rounded product: PyTorch's value
LAMBDA_ALPHA_FLOATS = {LAMBDA_ALPHA, float(R.SELU_LAMBDA) * float(R.SELU_ALPHA)}

# (name, params, order, x, expected): the values actplot documents at kinks and jumps, exactly.
# They are PyTorch autograd's (checked against PyTorch 2.13, double backward for f'').
MAXOUT_RELU = {"slopes": (0.0, 1.0), "intercepts": (0.0, 0.0)}

CONVENTIONS = [
    ("relu", {}, 1, 0.0, 0.0),
    ("relu", {}, 1, -0.0, 0.0),
    ("leaky_relu", {}, 1, 0.0, 0.01),
    ("leaky_relu", {"alpha": 0.2}, 1, 0.0, 0.2),
    ("prelu", {}, 1, 0.0, 0.25),
    ("prelu", {"alpha": 0.1}, 1, 0.0, 0.1),
    ("rrelu", {}, 1, 0.0, (0.125 + 1 / 3) / 2),
    ("rrelu", {"lower": 0.01, "upper": 0.6}, 1, 0.0, (0.01 + 0.6) / 2),
    ("rrelu", {}, 0, -3.0, -3.0 * ((0.125 + 1 / 3) / 2)),  # the mean slope
    ("relu6", {}, 1, 0.0, 0.0),
    ("relu6", {}, 1, 6.0, 0.0),
    ("hardtanh", {}, 1, -1.0, 0.0),
    ("hardtanh", {}, 1, 1.0, 0.0),
    ("hardtanh", {"min_val": -2.5, "max_val": 0.75}, 1, -2.5, 0.0),
    ("hardtanh", {"min_val": -2.5, "max_val": 0.75}, 1, 0.75, 0.0),
    ("hard_sigmoid", {}, 1, -3.0, 0.0),
    ("hard_sigmoid", {}, 1, 3.0, 0.0),
    ("hard_sigmoid", {}, 0, 0.0, 0.5),
    ("hardswish", {}, 1, -3.0, 0.0),
    ("hardswish", {}, 1, 3.0, 1.0),
    ("hardswish", {}, 2, -3.0, 0.0),
    ("hardswish", {}, 2, 3.0, 0.0),
    ("hardswish", {}, 2, np.nextafter(-3.0, 0.0), 1 / 3),
    ("hardswish", {}, 2, np.nextafter(3.0, 0.0), 1 / 3),
    ("hardswish", {}, 2, 0.0, 1 / 3),
    ("softshrink", {}, 1, 0.5, 0.0),
    ("softshrink", {}, 1, -0.5, 0.0),
    ("softshrink", {"lambd": 1.5}, 1, 1.5, 0.0),
    ("hardshrink", {}, 1, 0.5, 0.0),
    ("hardshrink", {}, 1, -0.5, 0.0),
    ("hardshrink", {}, 0, 0.5, 0.0),
    ("hardshrink", {}, 0, -0.5, 0.0),
    ("elu", {}, 1, 0.0, 1.0),
    ("elu", {}, 2, 0.0, 0.0),
    ("elu", {"alpha": 0.5}, 1, 0.0, 0.5),
    ("elu", {"alpha": 0.5}, 2, 0.0, 0.0),
    ("elu", {"alpha": 2.5}, 1, 0.0, 2.5),
    ("elu", {"alpha": 2.5}, 2, 0.0, 0.0),
    ("celu", {}, 1, 0.0, 1.0),
    ("celu", {}, 2, 0.0, 0.0),
    ("celu", {"alpha": 0.3}, 1, 0.0, 1.0),
    ("celu", {"alpha": 0.3}, 2, 0.0, 0.0),
    ("celu", {"alpha": 3.0}, 2, 0.0, 0.0),
    ("threshold", {}, 0, 1.0, 0.0),
    ("threshold", {}, 1, 1.0, 0.0),
    ("threshold", {"threshold": -0.5, "value": 2.5}, 0, -0.5, 2.5),
    ("threshold", {"threshold": -0.5, "value": 2.5}, 1, -0.5, 0.0),
    ("threshold", {"threshold": -0.5, "value": 2.5}, 0, -0.49999999999999994, -0.49999999999999994),
    ("binary_step", {}, 0, 0.0, 1.0),
    ("binary_step", {}, 0, -0.0, 1.0),
    ("binary_step", {}, 0, -5e-324, 0.0),
    ("binary_step", {}, 1, 0.0, 0.0),
    ("binary_step", {}, 2, 0.0, 0.0),
    ("softsign", {}, 2, 0.0, 0.0),
    # maxout: the slope of the first listed piece attaining the maximum
    ("maxout", {}, 1, -1.0, -0.5),  # -0.5x - 1 and 0.5x meet
    ("maxout", {}, 1, 2.0, 0.5),  # 0.5x and 2x - 3 meet
    ("maxout", MAXOUT_RELU, 1, 0.0, 0.0),
    ("maxout", {"slopes": (1.0, 0.0), "intercepts": (0.0, 0.0)}, 1, 0.0, 1.0),
    # pieces 0.25x and 0.25x - 1 are parallel; -x + 0.625 meets 0.25x at 0.5
    ("maxout", R.NONDEFAULT["maxout"][1], 1, 0.5, -1.0),
    # the activations of recent models and frameworks
    ("binary_step", {"threshold": 0.5}, 0, 0.5, 1.0),  # mlx.nn.step: x >= threshold
    ("binary_step", {"threshold": 0.5}, 0, 0.49999999999999994, 0.0),
    ("hard_sigmoid", {"slope": 0.2}, 0, -1.0, 0.3),  # Keras 2's 0.2x + 0.5
    ("hard_sigmoid", {"slope": 0.2}, 0, 1.0, 0.7),
    ("hard_sigmoid", {"slope": 0.2}, 1, 2.5, 0.0),
    ("hard_sigmoid", {"slope": 0.2}, 1, -2.5, 0.0),
    ("hard_sigmoid", {"slope": 0.2}, 1, np.nextafter(2.5, 0.0), 0.2),
    ("relu2", {}, 1, 0.0, 0.0),
    ("relu2", {}, 2, 0.0, 0.0),
    ("star_relu", {}, 2, 0.0, 0.0),
    ("star_relu", {}, 0, 0.0, -0.4472135954999579),
    ("crelu", {}, 1, 0.0, 0.0),
    ("sparse_sigmoid", {}, 1, -1.0, 0.0),
    ("sparse_sigmoid", {}, 1, 1.0, 0.0),
    ("sparse_plus", {}, 1, -1.0, 0.0),
    ("sparse_plus", {}, 1, 1.0, 1.0),
    ("sparse_plus", {}, 2, -1.0, 0.0),
    ("sparse_plus", {}, 2, 1.0, 0.0),
    ("sparse_plus", {}, 0, 0.0, 0.25),
    ("hard_mish", {}, 1, -2.0, 0.0),
    ("hard_mish", {}, 1, 0.0, 1.0),
    ("hard_mish", {}, 2, -2.0, 0.0),
    ("hard_mish", {}, 2, 0.0, 0.0),
    ("hard_mish", {}, 0, -1.0, -0.5),
    ("gelu_10", {}, 1, 10.0, 1.0),  # x Phi(x) reaches 10 only beyond the float 10
    ("gelu_10", {}, 1, np.nextafter(10.0, 11.0), 0.0),
    ("gelu_10", {}, 0, 10.0, 10.0),
    ("xielu", {}, 1, 0.0, 0.5 - 0.8),  # the left piece at 0 (0.5 - 0.8 is exact)
    ("xielu", {}, 2, 0.0, 0.0),
    ("xielu", {}, 2, -0.5e-6, 0.0),  # the frozen exponential between eps and 0
]


@pytest.mark.parametrize(
    ("name", "params", "order", "x", "expected"),
    CONVENTIONS,
    ids=[f"{c[0]}{c[1] or ''}-{ORDER_NAMES[c[2]]}({c[3]})" for c in CONVENTIONS],
)
def test_kink_conventions(name, params, order, x, expected):
    act, full = _bound(name, params)
    y = float(_evaluate(act, x, order))
    assert y == expected
    assert float(R.value(name, x, order, full)) == expected  # the reference agrees


@pytest.mark.parametrize("x", [np.nextafter(-3.0, 0.0), -3.0 + 2.0**-40, -2.999, -1.6])
def test_hard_sigmoid_keeps_its_digits_beside_the_lower_corner(x):
    # relu6(x + 3)/6, as PyTorch documents it and jax.nn.hard_sigmoid computes it: s x + 1/2
    # cancels there (1.1e-16 at -3 + 4.4e-16, for 7.4e-17)
    exact = float((Fraction(float(x)) + 3) / 6)
    y = float(actplot.get("hard_sigmoid")(np.float64(x)))
    assert abs(y - exact) <= np.spacing(exact), (y, exact)


@pytest.mark.parametrize("x", [0.0, -0.0])
def test_selu_kink_convention(x):
    """selu'(0) = lambda alpha: the rounded product, or the product of the rounded constants
    (1 ulp less), which is what PyTorch computes; selu''(0) = 0, as PyTorch's double backward."""
    act = actplot.get("selu")
    assert float(act.grad(x)) in LAMBDA_ALPHA_FLOATS
    assert float(act.grad(x, 2)) == 0.0


KINKED_CASES = [
    (n, p)
    for n, p in ELEMENTWISE_CASES
    if n in R.ELEMENTWISE and R.kinks(n, actplot.get(n, **p).params)  # no reference: see above
]


@pytest.mark.parametrize("case", KINKED_CASES, ids=_case_id)
def test_second_derivative_at_kinks(case):
    """f'' at and around every kink matches the reference: 0 for piecewise-linear functions,
    and at the kink of ELU, CELU, SELU and softsign."""
    name, params = case
    act, full = _bound(name, params)
    for k, _ in R.kinks(name, full):
        for x in R.near(float(k)):
            miss = check(x, float(act.grad(x, 2)), R.value(name, x, 2, full), mpf(0))
            assert miss is None, str(miss)


# --------------------------------------------------------------------------- vector-valued


def _vector_misses(name: str, params: dict[str, Any], kind: str) -> list[Miss]:
    act, full = _bound(name, params)
    misses = []
    for vec in R.vectors(name):
        x = np.array(vec)
        v = R.vector_values(name, vec, params=full)
        if kind == "jacobian":
            ys = act.jacobian(x).ravel()
            refs = [c for row in v.jac for c in row]
            conds = [c for row in v.cond_jac for c in row]
        else:
            order = ORDER_NAMES.index(kind)
            ys = np.atleast_1d(_evaluate(act, x, order))
            refs, conds = (v.f, v.d1, v.d2)[order], (v.cond_f, v.cond_d1, v.cond_d2)[order]
        for y, ref, c in zip(ys, refs, conds, strict=True):
            miss = check(vec, float(y), ref, c)
            if miss:
                misses.append(miss)
    return misses


VECTOR_KINDS = ("f", "f'", "f''", "jacobian")


@pytest.mark.parametrize("kind", VECTOR_KINDS)
@pytest.mark.parametrize("case", VECTOR_CASES, ids=_case_id)
def test_vector_accuracy(case, kind):
    """Component i within C0 + C1 cond_i, cond_i = sum_j |x_j dg_i/dx_j| / |g_i|."""
    name, params = case
    misses = _vector_misses(name, params, kind)
    assert not misses, report(f"{name}{params or ''} {kind}", misses)


@pytest.mark.parametrize("name", VECTOR_NAMES)
def test_vector_rows_are_independent(name):
    """A batch is evaluated row by row over the last axis; a nan poisons only its own row."""
    act = actplot.get(name)
    rows = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 40.0], [math.nan, 0.0, 1.0]])
    for order in ORDERS:
        batch = _evaluate(act, rows, order)
        assert batch.shape == rows.shape
        for r in range(2):
            np.testing.assert_array_equal(batch[r], _evaluate(act, rows[r], order))
        assert np.isnan(batch[2]).all()
    jac = act.jacobian(rows)
    assert jac.shape == (3, 3, 3)
    np.testing.assert_array_equal(jac[0], act.jacobian(rows[0]))
    np.testing.assert_array_equal(np.diagonal(jac[:2], axis1=-2, axis2=-1), act.grad(rows[:2]))


# ------------------------------------------------------------ the references themselves


def _smooth_points(name: str, params: dict[str, Any]) -> list[float]:
    """Moderate points at least 0.05 away from any kink, inside the domain."""
    pts = [-7.3, -2.2, -0.61, -0.013, 0.37, 1.9, 4.4, 12.5]
    kinks = [float(k) for k, _ in R.kinks(name, params)]
    inside = ~actplot.REGISTRY[name].domain.outside(np.array(pts))
    return [
        x for x, i in zip(pts, inside, strict=True) if i and all(abs(x - k) > 0.05 for k in kinks)
    ]


def _close(a: mpf, b: mpf, scale: mpf) -> bool:
    return abs(a - b) <= mpf(10) ** -30 * (abs(b) + scale)


@pytest.mark.parametrize("case", ELEMENTWISE_CASES, ids=_case_id)
def test_reference_derivatives_match_numerical_differentiation(case):
    """The reference f' and f'' are the derivatives of the reference f (mpmath's mp.diff,
    finite differences at raised precision): so the formulas for f', f'' cannot drift from f."""
    name, params = case
    _, full = _bound(name, params)
    ref = R.ELEMENTWISE[name]
    p = R.mp_params(full)
    with mp.workdps(R.DPS):
        for x in _smooth_points(name, full):
            xm = mpf(x)
            scale = abs(ref.f(xm, **p)) + abs(ref.d1(xm, **p)) + mpf(10) ** -40
            d1 = mp.diff(lambda t: ref.f(t, **p), xm)
            d2 = mp.diff(lambda t: ref.f(t, **p), xm, 2)
            assert _close(ref.d1(xm, **p), d1, scale), f"f'({x})"
            assert _close(ref.d2(xm, **p), d2, scale), f"f''({x})"


@pytest.mark.parametrize("name", VECTOR_NAMES)
def test_vector_reference_matches_numerical_differentiation(name):
    ref = R.VECTOR[name]
    p = R.mp_params(ref.defaults)
    with mp.workdps(R.DPS):
        for vec in ([0.3, -1.2, 2.5], [4.0, 4.5], [-3.0, 0.0, 1.0, 7.0]):
            x = [mpf(v) for v in vec]
            jac, d1, d2 = ref.jac(x, **p), ref.d1(x, **p), ref.d2(x, **p)
            for i in range(len(x)):

                def component(t, i=i, j=None, x=x):
                    moved = list(x)
                    moved[i if j is None else j] = t
                    return ref.f(moved, **p)[i]

                for j in range(len(x)):
                    numeric = mp.diff(lambda t, i=i, j=j: component(t, i, j), x[j])
                    assert _close(jac[i][j], numeric, mpf(1)), f"J[{i}][{j}] at {vec}"
                assert _close(d1[i], mp.diff(component, x[i]), mpf(1)), f"d1[{i}] at {vec}"
                assert _close(d2[i], mp.diff(component, x[i], 2), mpf(1)), f"d2[{i}] at {vec}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_reference_is_stable_under_more_precision(case):
    """Evaluated with 60 more digits, the references agree to 35 digits on the whole grid: no
    formula loses more digits to cancellation than the working precision has to spare."""
    name, params = case
    _, full = _bound(name, params)
    if R.REFERENCES[name].kind == "vector":
        for vec in R.vectors(name):
            a = R.vector_values(name, vec, params=full)
            b = R.vector_values(name, vec, dps=R.DPS + 60, params=full)
            for u, w in zip(a.f + a.d1 + a.d2, b.f + b.d1 + b.d2, strict=True):
                assert _stable(u, w), vec
        return
    for x in R.grid(name, full):
        for order in ORDERS:
            a = R.value(name, float(x), order, full)
            b = R.value(name, float(x), order, full, dps=R.DPS + 60)
            assert _stable(a, b), (float(x), ORDER_NAMES[order], a, b)


def _stable(a: mpf, b: mpf) -> bool:
    """a agrees with the more precise b to 35 digits, or both are equally far outside the
    float64 range (where the references promise no more: see tests/reference.py)."""
    tiny, huge = mpf(10) ** -400, mpf(10) ** 400
    if mp.isnan(b):  # outside the domain
        return bool(mp.isnan(a))
    if abs(b) < tiny or abs(b) > huge:
        return (abs(a) < tiny) == (abs(b) < tiny) and (a > 0) == (b > 0)
    return abs(a - b) <= mpf(10) ** -35 * abs(b)
