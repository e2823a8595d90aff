"""Activations written on the command line: NAME or NAME:param=value, sweeps and vectors."""

import pytest

from actplot import ParameterError, UnknownActivationError
from actplot.spec import MAX_CURVES, parse_number, parse_spec


def labels(text):
    return [a.label for a in parse_spec(text)]


def test_a_bare_name_uses_the_defaults():
    assert labels("elu") == ["ELU(alpha=1)"]


def test_a_comma_list_sweeps_a_parameter():
    assert labels("elu:alpha=0.5,1,2") == ["ELU(alpha=0.5)", "ELU(alpha=1)", "ELU(alpha=2)"]


def test_two_swept_parameters_give_every_combination():
    got = [a.params for a in parse_spec("hardtanh:min_val=-2,-1,max_val=1,2")]
    assert got == [{"min_val": -2, "max_val": 1}, {"min_val": -2, "max_val": 2},
                   {"min_val": -1, "max_val": 1}, {"min_val": -1, "max_val": 2}]  # fmt: skip


def test_a_vector_parameter_takes_the_whole_list():
    (f,) = parse_spec("maxout:slopes=0,1,intercepts=0,0")
    assert f.params == {"slopes": (0.0, 1.0), "intercepts": (0.0, 0.0)}
    assert [f(-2.0), f(3.0)] == [0.0, 3.0]  # that is ReLU


def test_fractions_and_repeats():
    assert parse_spec("rrelu:lower=1/10")[0].params["lower"] == 0.1
    assert labels("leaky_relu:alpha=0.1,0.1") == ["LeakyReLU(alpha=0.1)"]
    assert parse_number(" -2.5 ") == -2.5
    with pytest.raises(ValueError):
        parse_number("1/0")


@pytest.mark.parametrize(
    "text, message",
    [("elu:beta=1", "no parameter 'beta'"), ("elu:alpha=x", "'x' is not a number"),
     ("elu:alpha=", "needs a value"), ("elu:2", "expected param=value"),
     ("elu:alpha=1,alpha=2", "given twice"), ("elu:alpha=-1", "must be > 0"),
     ("leaky_relu:alpha=" + ",".join(str(i) for i in range(MAX_CURVES + 1)), "at most")],
)  # fmt: skip
def test_mistakes_are_explained(text, message):
    with pytest.raises(ParameterError, match=message):
        parse_spec(text)


def test_unknown_names():
    with pytest.raises(UnknownActivationError, match="'sigmoid'"):
        parse_spec("sigmod")
