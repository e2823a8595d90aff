"""Gated activations f(a, b) as a user meets them: the Python API, and the commands that show
them along the gate with the value held (plot, table, compare, grad, info)."""

import json
import math

import numpy as np
import pytest
from mpmath import mp, mpf

import actplot
from actplot.properties import analyse


def _swiglu_at_value_1(b: float) -> float:
    """b sigma(b), from its definition in mpmath (the reference: f(1, b) of SwiGLU)."""
    with mp.workdps(50):
        return float(mpf(b) / (1 + mp.exp(-mpf(b))))


# the Python API --------------------------------------------------------------------------------


def test_two_arrays_in_broadcast_and_partials_by_name():
    g = actplot.get("swiglu")
    a, b = np.array([[2.0], [-1.0]]), np.array([-1.0, 0.0, 3.0])
    assert g(a, b).shape == (2, 3)
    assert g(2.0, 3.0) == 2.0 * g(1.0, 3.0)
    assert g.partial(2.0, 3.0, wrt="a") == g(1.0, 3.0)  # df/da = swish(b)
    assert g.partial(2.0, 3.0, wrt="ab") == g.partial(1.0, 3.0, wrt="b")
    assert g.partial(2.0, 3.0, wrt="ba") == g.partial(2.0, 3.0, wrt="ab")
    assert g.partial(5.0, 3.0, wrt="aa") == 0.0


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: actplot.get("swiglu")(1.0), "two inputs"),
        (lambda: actplot.get("swiglu").grad(1.0), "partial"),
        (lambda: actplot.get("relu").partial(1.0, 2.0), "one input"),
        (lambda: actplot.get("relu")(1.0, 2.0), "one input"),
    ],
)
def test_one_input_and_two_are_not_confused(call, error):
    with pytest.raises(TypeError, match=error):
        call()


def test_wrt_and_held_values_are_checked():
    g = actplot.get("glu")
    with pytest.raises(ValueError, match="wrt is one of a, b, aa, ab, bb"):
        g.partial(1.0, 1.0, wrt="c")
    with pytest.raises(actplot.ActplotError, match="finite"):
        g.holding(math.inf)
    with pytest.raises(actplot.ActplotError, match="gated activations"):
        actplot.get("relu").holding(2.0)
    assert "holding(2)" in repr(g.holding(2.0))


def test_the_1d_view_is_f_along_the_gate_at_the_value_held():
    g = actplot.get("geglu")
    b = np.linspace(-4.0, 4.0, 9)
    np.testing.assert_array_equal(g.evaluate(b), g(1.0, b))
    np.testing.assert_array_equal(g.holding(-2.0).evaluate(b, 1), g.partial(-2.0, b, "b"))
    np.testing.assert_array_equal(g.holding(-2.0).evaluate(b, 2), g.partial(-2.0, b, "bb"))


@pytest.mark.parametrize("held", [-2.0, 0.0, 0.5, 8.0])
@pytest.mark.parametrize(
    "name", ["glu", "bilinear", "reglu", "geglu", "swiglu", "seglu", "swiglu_oai"]
)
def test_declared_facts_agree_with_the_measured_ones_at_other_values(name, held):
    act = actplot.get(name).holding(held)
    declared, measured = act.facts, analyse(act).facts
    assert declared.monotonic == measured.monotonic
    assert declared.continuity == measured.continuity
    assert [(b.x, b.order) for b in declared.breaks] == [(b.x, b.order) for b in measured.breaks]
    assert len(declared.range.parts) == len(measured.range.parts)
    for d, m in zip(declared.range.parts, measured.range.parts, strict=True):
        assert d.lo == pytest.approx(m.lo, rel=1e-12, abs=1e-15)
        assert d.hi == pytest.approx(m.hi, rel=1e-12, abs=1e-15)
        assert (d.lo_closed, d.hi_closed) == (m.lo_closed, m.hi_closed)


def test_swiglu_oai_clamps_gate_above_and_value_both_ways_then_adds_1():
    oai = actplot.get("swiglu_oai")
    quick = lambda t: t / (1.0 + math.exp(-1.702 * t))
    assert oai(0.0, 2.0) == pytest.approx(quick(2.0), rel=1e-15)  # (0 + 1) times the gate
    assert oai(100.0, 2.0) == pytest.approx(8.0 * quick(2.0), rel=1e-15)  # value clamped to 7
    assert oai(-100.0, 2.0) == pytest.approx(-6.0 * quick(2.0), rel=1e-15)
    assert oai(1.0, 100.0) == pytest.approx(2.0 * quick(7.0), rel=1e-15)  # gate clamped to 7
    assert oai(1.0, -100.0) == pytest.approx(2.0 * quick(-100.0), rel=1e-15)  # not below


# the command line ------------------------------------------------------------------------------


def test_table_gives_swiglu_at_value_1_and_says_so(run):
    data = json.loads(run("table", "swiglu", "--x", -1, 0, 1, "--format", "json").output)
    row = data["rows"][0]
    assert row["f"] == [-0.2689414213699951, 0.0, 0.7310585786300049]
    assert row["f"] == [_swiglu_at_value_1(b) for b in (-1.0, 0.0, 1.0)]
    assert row["kind"] == "gated" and row["value"] == 1.0
    out = run("table", "swiglu", "--x", -1, 0, 1).output
    assert "SwiGLU ‡" in out and "the value held at a = 1" in out


def test_table_value_holds_another_value(run):
    data = json.loads(run("table", "swiglu", "--x", 1, "--value", 2, "--format", "json").output)
    assert data["rows"][0]["f"] == [2.0 * 0.7310585786300049]
    assert "a = 2" in run("table", "swiglu", "relu", "--x", 1, "--value", 2).output


@pytest.mark.parametrize("command", ["plot", "grad", "table", "compare"])
def test_a_value_without_a_gated_activation_is_a_usage_error(run, command):
    extra = {"compare": ["--no-plot"], "table": ["--x=1"]}.get(command, [])
    result = run(command, "relu", "--value", 2, *extra)
    assert result.exit_code == 2
    assert "--value" in result.stderr and "relu takes one input" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 3


def test_plot_draws_the_gate_curve_and_mixes_with_one_input_activations(run, tmp_path):
    assert run("plot", "swiglu").exit_code == 0
    assert (tmp_path / "swiglu.png").exists()
    assert run("plot", "swiglu", "relu").exit_code == 0
    assert (tmp_path / "swiglu_relu.png").exists()
    assert run("plot", "swiglu", "--value", -2).exit_code == 0
    assert (tmp_path / "swiglu_value-m2.png").exists()


def test_a_grid_maps_a_gated_activation_over_value_and_gate():
    fig = actplot.plot("swiglu", "relu", layout="grid")
    gated, relu, colorbar = fig.axes
    assert (gated.get_xlabel(), gated.get_ylabel()) == ("gate b", "value a")
    assert gated.collections and "SwiGLU" in gated.get_title()
    assert relu.get_xlabel() == "x" and not relu.collections
    assert colorbar.get_label() == "<colorbar>"
    fig = actplot.plot("swiglu", "geglu")
    assert fig.axes[0].get_xlabel() == "gate b  (value a = 1)"


def test_curves_and_csv_of_a_gated_activation_are_along_the_gate():
    c = actplot.curves("swiglu", x_range=(-1, 1), points=3, value=3.0)
    np.testing.assert_array_equal(
        c.values[0][0], actplot.get("swiglu")(3.0, np.array([-1.0, 0, 1]))
    )


def test_compare_measures_the_gates_at_value_1_and_says_so(run):
    out = run("compare", "swiglu", "geglu", "reglu", "--no-plot", "--no-cost").output
    assert "SwiGLU, GeGLU, ReGLU: gated f(a, b)" in out and "held at a = 1" in out
    data = json.loads(run("compare", "swiglu", "relu", "--no-plot", "--no-cost", "--format",
                          "json").output)  # fmt: skip
    swiglu, relu = data["activations"]
    assert swiglu["value"] == 1.0 and "value" not in relu
    assert swiglu["properties"]["minimum"]["value"] == pytest.approx(-0.27846454276107379)


def test_grad_draws_df_db_and_says_how_df_da_is_reached(run):
    result = run("grad", "swiglu")
    assert result.exit_code == 0
    assert "∂f/∂b" in result.stderr and 'partial(a, b, wrt="a")' in result.stderr
    fig = actplot.grad("swiglu")
    assert fig.axes[0].get_title() == "∂f/∂b"


def test_info_shows_f_of_two_inputs_and_both_partials(run):
    out = run("info", "swiglu").output
    assert "f(a, b)" in out and "∂f/∂a" in out and "∂f/∂b" in out
    data = json.loads(run("info", "swiglu_oai", "--format", "json").output)
    assert data["kind"] == "gated" and data["derivative_value"] and data["value"] == 1.0


@pytest.mark.parametrize(
    "args, words",
    [
        (["plot", "expr:x*swiglu(x)"], "swiglu is gated"),
        (["compare", "swiglu", "relu", "--experiment", "depth", "--no-plot"], "swiglu is gated"),
    ],
)
def test_expressions_and_experiments_refuse_gated_activations(run, args, words):
    result = run(*args)
    assert result.exit_code == 2 and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_two_inputs_are_checked_as_one_is_and_masks_combine():
    g = actplot.get("glu")
    with pytest.raises(TypeError, match="real numbers"):
        g("1", 2.0)
    with pytest.raises(TypeError, match="real numbers"):
        g(1.0, [None, 2.0])
    a = np.ma.masked_array([1.0, 2.0, 3.0], mask=[True, False, False])
    b = np.ma.masked_array([0.0, 0.0, 1.0], mask=[False, False, True])
    y = g.partial(a, b, "b")
    assert isinstance(y, np.ma.MaskedArray) and y.mask.tolist() == [True, False, True]
    assert y[1] == 2.0 * 0.25
