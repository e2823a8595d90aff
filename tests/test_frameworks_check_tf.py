"""The live check, run against tensorflow itself: the convention table's tf rows are verified
by tensorflow's own GradientTape (called here directly, not through the check).  Without
tensorflow installed these tests are skipped (CI has torch only)."""

import json

import pytest
from mpmath import mp

import actplot
from actplot.frameworks.check import check
from actplot.frameworks.conventions import KINKS
from actplot.frameworks.names import names_in

tf = pytest.importorskip("tensorflow")

TF_KINKS = sorted({k.activation for k in KINKS if k.framework == "tf"})


def _tf_grads(call: str, x: float, dtype=None) -> tuple[float, float, float | None]:
    """tensorflow's own f, f' and f'' of ``call`` (tf.nn.elu) at x, straight from tf."""
    fn = getattr(tf.nn, call.rpartition(".")[2])
    t = tf.Variable([x, 1.0], dtype=dtype or tf.float64)  # an array, as the check's grid
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = fn(t)[..., :2]
        g = inner.gradient(y, t)
    try:
        g2 = outer.gradient(g, t)
    except LookupError:
        return float(y[0]), float(g[0]), None
    return float(y[0]), float(g[0]), 0.0 if g2 is None else float(g2[0])


@pytest.mark.parametrize("name", TF_KINKS)
def test_the_table_says_at_every_kink_what_tensorflow_itself_returns(name):
    rows = [n for n in names_in("tf") if n.target == name]
    assert rows, f"no tf.nn function maps to {name}"
    for row in rows:
        params = dict(actplot.get(row.typed).params)
        for f in (k for k in KINKS if k.framework == "tf" and k.activation == name):
            if f.holds(params):
                got = _tf_grads(row.call, f.point(params))[f.order]
                assert got == pytest.approx(f.number(params), rel=1e-6), (row.call, f)


@pytest.mark.parametrize("name", TF_KINKS)
def test_the_check_reports_at_every_kink_what_tensorflow_returns_and_the_table_agrees(name):
    c = check(name)
    mine = [r for r in c.results if r.framework == "tensorflow"]
    assert mine and not any(r.error for r in mine), [r.error for r in mine]
    for r in mine:
        for k in (k for k in r.kinks if k.dtype == "float64"):
            assert k.got == _tf_grads(r.call, k.x)[k.order], (r.name, k)
        assert not r.disagreements and all(k.agrees for k in r.kinks), r.name


def test_the_check_finds_tensorflows_elu_cancelling_near_zero():
    # tf.nn.elu computes exp(x) - 1: at x = -1e-8 float32 gives 0 for -1e-8 (mpmath expm1)
    x = -1e-8
    assert _tf_grads("tf.nn.elu", x, tf.float32)[0] == 0.0
    assert float(actplot.get("elu")(x)) == pytest.approx(float(mp.expm1(x)), rel=1e-15)
    [r] = [r for r in check("elu").results if r.framework == "tensorflow"]
    assert r.worst["float32"][0].ulps > 1e6 and r.worst["float64"][0].ulps > 1e6


def test_crelus_first_half_is_checked_and_softsigns_refused_second_derivative_said():
    c = check("crelu", "softsign")
    [crelu] = [r for r in c.results if r.framework == "tensorflow" and r.name == "crelu"]
    assert not crelu.error  # [relu(x), relu(-x)]: twice the grid, of which relu(x) is checked
    assert crelu.worst["float32"][0].ulps == 0 == crelu.worst["float32"][1].ulps
    [soft] = [r for r in c.results if r.framework == "tensorflow" and r.name == "softsign"]
    assert _tf_grads("tf.nn.softsign", 0.5)[2] is None  # tf has no gradient of SoftsignGrad
    assert not soft.error and 2 not in soft.worst["float64"]
    assert any(k.got is None for k in soft.kinks if k.order == 2)


def test_the_check_says_whether_tensorflow_flushes_subnormals_as_it_does():
    c = check("relu")
    assert c.installed["tensorflow"] == tf.__version__  # also from tensorflow-cpu's wheel
    expected = [d for d, tiny in (("float64", 5e-324), ("float32", 1e-45))
                if _tf_grads("tf.nn.relu", tiny, getattr(tf, d))[0] == 0.0]  # fmt: skip
    assert list(c.flushes.get("tensorflow", ())) == expected
    assert json.loads(c.to_json())["flushes_subnormals"]["tensorflow"] == expected
