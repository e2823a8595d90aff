"""Activations written on the command line: NAME or NAME:param=value, sweeps and vectors."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actplot import ActplotError, ParameterError, UnknownActivationError
from actplot.spec import MAX_CURVES, parse_spec


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


@pytest.mark.parametrize(
    "text",
    [
        "elu",
        "elu:alpha=0.5",
        "rrelu:lower=0.1",
        "maxout:slopes=0.0,1.0,intercepts=0.0,0.0",
        "threshold:value=-0.25",
    ],
)
def test_an_activation_spec_reads_back_to_it(text):
    (act,) = parse_spec(text)
    assert parse_spec(act.spec) == [act]


def test_a_spec_names_only_the_parameters_off_their_defaults():
    assert parse_spec("elu:alpha=1")[0].spec == "elu"
    assert parse_spec("rrelu:lower=0.1")[0].spec == "rrelu:lower=0.1"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("eluswih_:=,.-0123456789e+/ xaβ"), max_size=30)
    | st.text(max_size=20)
)
def test_any_text_is_an_activation_or_a_clear_error(text):
    try:
        acts = parse_spec(text)
    except ActplotError as e:
        assert str(e) and "\n" not in str(e)
    else:
        assert 1 <= len(acts) <= MAX_CURVES


def test_a_registered_prefix_reads_the_rest_of_the_spec(monkeypatch):
    from actplot import spec

    seen = []

    def read(rest, registry):
        seen.append(rest)
        return parse_spec(rest.replace("Exponential", "elu"), registry)

    monkeypatch.setitem(spec._PREFIXES, "mine", read)
    assert labels("mine:Exponential:alpha=2") == ["ELU(alpha=2)"] and seen == [
        "Exponential:alpha=2"
    ]
    assert spec.get("MINE:Exponential", alpha=3).params == {"alpha": 3.0}
    assert labels("elu:alpha=2") == ["ELU(alpha=2)"]  # a name is not a prefix
