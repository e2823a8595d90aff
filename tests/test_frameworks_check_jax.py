"""The live check, run against jax itself: the convention table's jax rows are verified by
jax's own autodiff (called here directly, not through the check), and the check's jax
adapter by what jax returns.  Without jax installed these tests are skipped (CI has torch
only); a machine with jax verifies the jax conventions."""

import functools
import json

import numpy as np
import pytest
from mpmath import mp

import actplot
from actplot.frameworks.check import check
from actplot.frameworks.conventions import KINKS
from actplot.frameworks.names import names_in

jax = pytest.importorskip("jax")
jnp = pytest.importorskip("jax.numpy")

JAX_KINKS = sorted({k.activation for k in KINKS if k.framework == "jax"})
# jax's keyword for actplot's parameter, where a jax.nn function has one
KEYWORDS = {"elu": {"alpha": "alpha"}, "celu": {"alpha": "alpha"},
            "leaky_relu": {"alpha": "negative_slope"}}  # fmt: skip


def _jax_grad(call: str, x: float, order: int, **kw: float) -> float:
    """jax's own derivative of ``call`` (jax.nn.elu) at x in float64, straight from jax."""
    module, _, name = call.rpartition(".")
    fn = getattr({"jax.nn": jax.nn, "jax.numpy": jnp}[module], name)
    g = functools.partial(fn, **kw) if kw else fn
    for _ in range(order):
        g = jax.grad(g)
    with jax.enable_x64(True):
        return float(g(jnp.float64(x)))


def _rows(activation: str):
    return [n for n in names_in("jax") if n.target == activation]


@pytest.mark.parametrize("name", JAX_KINKS)
def test_the_table_says_at_every_kink_what_jax_itself_returns(name):
    rows = _rows(name)
    assert rows, f"no jax.nn function maps to {name}"
    facts = [k for k in KINKS if k.framework == "jax" and k.activation == name]
    for row in rows:
        params = dict(actplot.get(row.typed).params)
        for f in facts:
            if f.holds(params):
                got = _jax_grad(row.call, f.point(params), f.order)
                assert got == pytest.approx(f.number(params), rel=1e-15), (row.call, f)


@pytest.mark.parametrize("name", sorted(KEYWORDS))
@pytest.mark.parametrize("value", [0.5, 2.0])
def test_a_fact_for_every_parameter_value_holds_at_other_values_too(name, value):
    # elu'(0) = elu''(0) = alpha is declared for every alpha: jax at alpha 0.5 and 2 says so
    [(ours, theirs)] = KEYWORDS[name].items()
    params = {**actplot.get(f"jax:{name}").params, ours: value}
    facts = [k for k in KINKS if k.framework == "jax" and k.activation == name]
    checked = [f for f in facts if f.holds(params)]
    assert checked or all(f.given for f in facts)
    for f in checked:
        got = _jax_grad(f"jax.nn.{name}", f.point(params), f.order, **{theirs: value})
        assert got == pytest.approx(f.number(params), rel=1e-15), (f, value)


@pytest.mark.parametrize("name", JAX_KINKS)
def test_the_check_reports_at_every_kink_what_jax_returns_and_the_table_agrees(name):
    c = check(name)
    assert "jax" in c.installed
    mine = [r for r in c.results if r.framework == "jax"]
    assert mine and not any(r.error for r in mine), [r.error for r in mine]
    assert [k for r in mine for k in r.kinks if k.declared], "the table declares " + name
    for r in mine:
        for k in (k for k in r.kinks if k.dtype == "float64"):
            assert k.got == _jax_grad(r.call, k.x, k.order), (r.name, k)
        assert not r.disagreements, (r.name, r.disagreements)
        # and none is missing: where the table is silent jax gives what actplot takes
        assert all(k.agrees for k in r.kinks), (r.name, [k for k in r.kinks if not k.agrees])


def test_the_check_runs_jax_in_float64_and_leaves_its_x64_setting_as_it_was():
    before = bool(jax.config.jax_enable_x64)
    [r] = [r for r in check("elu").results if r.framework == "jax"]
    assert bool(jax.config.jax_enable_x64) == before
    assert jnp.asarray(1.0).dtype == (jnp.float64 if before else jnp.float32)
    # in float32 elu(-1.0794) would be some 1e8 float64 ulps off, not a few
    assert r.worst["float64"][0].ulps <= 4, r.worst["float64"]
    assert r.worst["float32"][0].ulps <= 4, r.worst["float32"]


def test_the_check_finds_jaxs_elu_gradient_lost_in_the_left_tail():
    # jax differentiates expm1 as expm1(x) + 1: 0 once expm1(x) rounds to -1, while
    # elu'(x) = e^x = 2.6e-17 at x = -38.2
    [r] = [r for r in check("elu").results if r.framework == "jax"]
    w = r.worst["float64"][1]
    assert w.ulps > 1e10 and w.x < -36
    assert _jax_grad("jax.nn.elu", w.x, 1) == 0.0
    exact = float(mp.exp(w.x))
    assert abs(float(actplot.get("elu").grad(w.x)) - exact) <= np.spacing(exact)


def test_jaxs_hard_sigmoid_beside_its_lower_corner_is_actplots():
    # relu6(x + 3)/6: jax has every digit at -3 + 4.4e-16, and so does actplot now
    [r] = [r for r in check("hard_sigmoid").results if r.framework == "jax"]
    assert r.worst["float64"][0].ulps <= 2, r.worst["float64"][0]


def test_the_check_says_whether_jax_flushes_subnormals_as_jax_does():
    c = check("relu")
    assert c.installed["jax"] == jax.__version__
    with jax.enable_x64(True):
        flushed64 = float(jax.nn.relu(jnp.array([5e-324, 1.0], dtype=jnp.float64))[0]) == 0.0
    flushed32 = float(jax.nn.relu(jnp.array([1e-45, 1.0], dtype=jnp.float32))[0]) == 0.0
    expected = [d for d, f in (("float64", flushed64), ("float32", flushed32)) if f]
    assert list(c.flushes.get("jax", ())) == expected
    assert json.loads(c.to_json())["flushes_subnormals"]["jax"] == expected
    if expected:
        assert "flushes subnormals" in c.to_markdown()
    # measured at normal x: relu'(5e-324), 0 to a flushing jax, is not its worst error
    [r] = [r for r in c.results if r.framework == "jax"]
    assert r.worst["float64"][1].ulps == 0 == r.worst["float64"][0].ulps, r.worst


def test_the_issues_example_prints_jaxs_kink_derivatives_as_jax_returns_them(issue_example_check):
    data, kinks = issue_example_check
    got = kinks("jax")
    assert got[("leaky_relu", 0.0, 1)] == _jax_grad("jax.nn.leaky_relu", 0.0, 1) == 1.0
    assert got[("selu", 0.0, 1)] == _jax_grad("jax.nn.selu", 0.0, 1)
    assert got[("selu", 0.0, 2)] == _jax_grad("jax.nn.selu", 0.0, 2)
    assert got[("hard_tanh", -1.0, 1)] == _jax_grad("jax.nn.hard_tanh", -1.0, 1) == 1.0
    assert got[("hard_tanh", 1.0, 1)] == _jax_grad("jax.nn.hard_tanh", 1.0, 1) == 1.0
    assert all(not x["disagreements"] for x in data["results"])


def test_every_jax_function_with_a_kink_has_its_kinks_in_the_table():
    from actplot.registry import REGISTRY

    targets = {n.target for n in names_in("jax") if n.target in REGISTRY}
    kinked = {t for t in targets if (a := REGISTRY[t].bind({})).kind == "elementwise"
              and a.facts is not None and a.facts.breaks}  # fmt: skip
    assert kinked and kinked <= set(JAX_KINKS), kinked - set(JAX_KINKS)


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp", "logmeanexp"])
@pytest.mark.parametrize("x", [-2.5, 0.0, 30.0])
def test_a_vector_function_is_checked_as_jax_computes_it_on_the_row_x_0(name, x):
    from actplot.frameworks.run import evaluate

    fn = functools.partial(getattr(jax.nn, name), axis=-1)
    with jax.enable_x64(True):
        v = jnp.array([x, 0.0], dtype=jnp.float64)
        y = fn(v)
        corner = jax.jacfwd(fn)(v)
        want = (float(y[0]), float(corner[0, 0])) if y.ndim else (float(y), float(corner[0]))
    f, d1, _ = evaluate("jax", f"jax.nn.{name}", np.array([x]), "float64", vector=True)
    assert (f[0], d1[0]) == want


def test_the_check_finds_jaxs_log_softmax_losing_the_small_tail():
    # log_softmax([x, 0])[0] = -log1p(e^-x), -6.6e-18 at 39.56: jax's x - logsumexp is 0
    [r] = [r for r in check("log_softmax").results if r.framework == "jax"]
    w = r.worst["float64"][0]
    assert w.ulps > 1e10 and w.x > 36
    exact = float(-mp.log1p(mp.exp(-w.x)))
    assert float(actplot.get("log_softmax").evaluate(w.x)) == pytest.approx(exact, rel=1e-15)
