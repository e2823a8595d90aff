"""Value tables: the classic comparison, every output format, and the Python API behind them."""

import csv
import io
import json
import math

import numpy as np
import pytest

import actplot
from actplot.values import DEFAULT_NAMES, DEFAULT_X

X = [-2.0, 0.0, 2.0]


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def softmax(xs):
    e = [math.exp(v) for v in xs]
    return [v / sum(e) for v in e]


# the published formulas, evaluated with the standard library: an independent reference
EXPECTED = {
    "sigmoid": [sigmoid(v) for v in X],
    "tanh": [math.tanh(v) for v in X],
    "relu": [max(0.0, v) for v in X],
    "softmax": softmax(X),
    "softmin": softmax([-v for v in X]),
    "log_softmax": [math.log(p) for p in softmax(X)],
}

# The classic table at four significant digits, typed by hand from the values above.  Study
# notes often print softmax(-2) = softmin(2) as 0.0158: the value is 0.015876.
CLASSIC = {
    "Sigmoid": ["0.1192", "0.5000", "0.8808"],
    "Tanh": ["-0.9640", "0", "0.9640"],
    "ReLU": ["0", "0", "2.000"],
    "Softmax †": ["0.01588", "0.1173", "0.8668"],
    "Softmin †": ["0.8668", "0.1173", "0.01588"],
    "Log Softmax †": ["-4.143", "-2.143", "-0.1429"],
}


def test_the_default_is_the_classic_comparison_to_full_precision():
    t = actplot.table()
    assert t.x == tuple(DEFAULT_X) == tuple(X) and [a.name for a in t.activations] == list(
        DEFAULT_NAMES
    )
    for row in t.rows:
        np.testing.assert_allclose(row.values[0], EXPECTED[row.activation.name], rtol=4e-16, atol=0)


def test_four_significant_digits_by_default():
    assert {line.text: line.cells for line in actplot.table().lines()} == CLASSIC


def with_derivatives():
    return actplot.table(["sigmoid", "softmax"], X, derivatives=(0, 1))


def test_derivative_rows():
    sig, soft = with_derivatives().rows
    np.testing.assert_allclose(sig.values[1], [sigmoid(v) * sigmoid(-v) for v in X], rtol=4e-16)
    s = softmax(X)
    np.testing.assert_allclose(soft.values[1], [p * (1 - p) for p in s], rtol=1e-15)


def test_any_orders_in_any_combination():
    t = actplot.table("gelu", [0.0], derivatives=(0, 1, 2))
    assert [float(t.rows[0].values[k][0]) for k in (0, 1, 2)] == [0.0, 0.5, math.sqrt(2 / math.pi)]
    only = actplot.table("tanh", [0.0], derivatives=(1,))
    assert [line.text for line in only.lines()] == ["Tanh f′"]


def test_csv_is_full_precision_and_parses():
    records = list(csv.reader(io.StringIO(with_derivatives().to_csv())))
    assert records[0] == ["activation", "quantity", "-2.0", "0.0", "2.0"]
    assert [r[:2] for r in records[1:]] == [
        ["Sigmoid", "f"], ["Sigmoid", "f'"], ["Softmax", "f"], ["Softmax", "f'"],
    ]  # fmt: skip
    assert float(records[1][2]) == sigmoid(-2.0)


def test_json_has_the_documented_shape():
    data = json.loads(with_derivatives().to_json())
    assert data == with_derivatives().to_dict() and data["x"] == X
    first = data["rows"][0]
    assert first["name"] == "sigmoid" and first["params"] == {} and set(first) >= {"f", "f'"}
    assert first["f"][0] == sigmoid(-2.0)
    assert data["rows"][1]["kind"] == "vector"


def test_json_writes_non_finite_numbers_as_strings():
    data = actplot.table("relu", [math.inf, math.nan]).to_dict()  # strict JSON has no nan
    assert data["x"] == ["inf", "nan"] and data["rows"][0]["f"] == ["inf", "nan"]


def test_markdown_and_footnote_for_vector_valued_rows():
    text = with_derivatives().to_markdown()
    lines = text.splitlines()
    assert lines[0] == "| activation | -2 | 0 | 2 |"
    assert lines[2].startswith("| Sigmoid | 0.1192 |")
    assert "applied to the whole vector x = (-2, 0, 2)" in text
    assert "Jacobian's diagonal" in text
    assert actplot.table("relu", X).footnote() is None


def test_specs_and_sweeps_are_accepted():
    t = actplot.table(["elu:alpha=0.5,2", actplot.get("relu")], [-1.0])
    assert [a.label for a in t.activations] == ["ELU(alpha=0.5)", "ELU(alpha=2)", "ReLU"]
    assert float(t.rows[1].values[0][0]) == 2 * math.expm1(-1)


@pytest.mark.parametrize(
    "kwargs, message",
    [({"x": []}, "at most 10000, got 0"), ({"derivatives": (3,)}, "orders 0, 1 and 2"),
     ({"derivatives": ()}, "orders 0, 1 and 2")],
)  # fmt: skip
def test_mistakes_are_explained(kwargs, message):
    with pytest.raises(actplot.ActplotError, match=message):
        actplot.table("relu", **{"x": X, **kwargs})


def test_the_table_draws_its_points():
    fig = with_derivatives().figure(points=51)
    assert len(fig.axes) == 2
    [sigmoid_dots] = [line for line in fig.axes[0].get_lines() if line.get_marker() == "o" and
                      line.get_linestyle() == "None"]  # fmt: skip
    np.testing.assert_array_equal(sigmoid_dots.get_xdata(), X)
