"""Framework names (torch:LeakyReLU, keras:leaky_relu, ...) and --convention: each means that
framework's function with its defaults, and its derivatives at kinks."""

import json
import math

import numpy as np
import pytest
from click.testing import CliRunner

import actplot
from actplot.cli import cli
from actplot.errors import ActplotError, UnknownActivationError
from actplot.frameworks import CONVENTIONS, PREFIXES
from actplot.frameworks.names import NAMES, fold, lookup
from actplot.registry import REGISTRY, portable
from actplot.spec import parse_spec


def registered(name: str) -> bool:
    return name in REGISTRY


def test_every_prefix_has_names_and_no_folded_name_is_ambiguous():
    assert {n.framework for n in NAMES} == set(PREFIXES)
    seen: dict = {}
    for n in NAMES:
        key = (n.framework, fold(n.name))
        assert seen.setdefault(key, n.spec) == n.spec, n


@pytest.mark.parametrize("row", NAMES, ids=lambda n: n.typed)
def test_every_row_resolves_to_its_target_or_is_pending(row):
    target = row.target
    if not registered(target):
        with pytest.raises(ActplotError, match=r"does not have yet|cannot build"):
            actplot.get(row.typed)
        return
    try:
        act = actplot.get(row.typed)
    except ActplotError as e:  # a parameter the target does not have yet (hard_sigmoid's slope)
        assert "cannot build" in str(e)
        pytest.skip(str(e))
    assert act.name == REGISTRY.resolve(target).name
    assert act.label.startswith(row.typed)


@pytest.mark.parametrize(
    "spec, x, value",
    [
        ("keras:leaky_relu", -1.0, -0.2),  # keras.activations: 0.2
        ("keras.layers:LeakyReLU", -1.0, -0.3),  # the layer: 0.3
        ("tf:leaky_relu", -1.0, -0.2),
        ("torch:LeakyReLU", -1.0, -0.01),
        ("torch:leaky_relu", -1.0, -0.01),
        ("jax:leaky_relu", -1.0, -0.01),
        ("mlx:LeakyReLU", -1.0, -0.01),
        ("keras.layers:PReLU", -1.0, 0.0),  # starts as ReLU
        ("flax:PReLU", -1.0, -0.01),
        ("keras:hard_sigmoid", 1.0, 1 / 6 + 0.5),  # Keras 3: x/6 + 1/2
    ],
)
def test_a_prefixed_name_has_that_frameworks_defaults(spec, x, value):
    assert float(actplot.get(spec)(x)) == pytest.approx(value, rel=1e-15)


def test_under_keras_a_name_keras_activations_lacks_is_found_in_keras_ops_and_layers():
    # Keras 3 has no keras.activations.prelu or logsumexp; keras.layers.PReLU starts with
    # alpha_initializer="zeros" (a ReLU), keras.ops.logsumexp is log sum exp
    from actplot.frameworks.resolve import origin
    from actplot.spec import parse_spec

    [prelu] = parse_spec("prelu", convention="keras")
    assert float(prelu(-1.0)) == 0.0 and float(actplot.get("prelu")(-1.0)) == -0.25
    assert origin(prelu).startswith("keras.layers.PReLU (")
    [lse] = parse_spec("logsumexp", convention="keras")
    assert origin(lse).startswith("keras.ops.logsumexp (")
    [leaky] = parse_spec("leaky_relu", convention="keras")  # keras.activations comes first
    assert float(leaky(-1.0)) == pytest.approx(-0.2, rel=1e-15)


def test_gelu_is_exact_in_torch_and_keras_activations_and_the_tanh_form_in_jax_and_keras_ops():
    # 0.5 x (1 + erf(x / sqrt 2)) at 1, and 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3)))
    exact = 0.5 * (1 + math.erf(1 / math.sqrt(2)))
    tanh_form = 0.5 * (1 + math.tanh(math.sqrt(2 / math.pi) * 1.044715))
    for spec in ("torch:gelu", "torch:GELU", "keras:gelu", "tf:gelu", "mlx:gelu", "hf:gelu"):
        assert float(actplot.get(spec)(1.0)) == pytest.approx(exact, rel=1e-15), spec
    for spec in ("jax:gelu", "flax:gelu", "keras.ops:gelu", "hf:gelu_new", "mlx:gelu_approx"):
        assert float(actplot.get(spec)(1.0)) == pytest.approx(tanh_form, rel=1e-15), spec


def test_names_match_as_the_framework_spells_them_and_ignoring_case_and_punctuation():
    assert lookup("torch", "LeakyReLU").spec == lookup("torch", "leakyrelu").spec == "leaky_relu"
    assert actplot.get("TORCH:leaky-relu")(-1.0) == -0.01


def test_user_parameters_go_over_the_frameworks_defaults_and_sweep():
    acts = actplot.sweep("keras:leaky_relu:alpha=0.1,0.3")
    assert [float(a(-1.0)) for a in acts] == [-0.1, -0.3]
    assert actplot.get("keras:leaky_relu", alpha=0.5)(-2.0) == -1.0


def test_a_prefixed_spec_reads_back_to_the_same_activation_and_is_portable():
    for spec in ("keras:leaky_relu", "jax:leaky_relu:alpha=0.1", "torch:Hardtanh"):
        act = actplot.get(spec)
        again = actplot.get(act.spec)
        assert again.label == act.label and again.params == act.params
        x = np.array([-2.0, 0.0, 0.5, 1.0])
        assert np.array_equal(again.grad(x), act.grad(x))
        assert portable(act.definition)


def test_an_unknown_prefix_or_name_is_one_line_with_a_close_match():
    with pytest.raises(UnknownActivationError, match=r"torch:leaky_relu"):
        actplot.get("torch:leakyrelu7")
    with pytest.raises(UnknownActivationError, match=r"prefix 'torhc'.*'torch:relu'"):
        actplot.get("torhc:relu")
    r = CliRunner().invoke(cli, ["table", "kears:gelu"])
    assert r.exit_code == 2 and "keras:gelu" in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1


def test_kink_derivatives_follow_the_prefix():
    assert float(actplot.get("torch:leaky_relu").grad(0.0)) == 0.01
    assert float(actplot.get("jax:leaky_relu").grad(0.0)) == 1.0
    assert float(actplot.get("mlx:leaky_relu").grad(0.0)) == 1.0
    lam = 1.0507009873554804934193349852946
    assert float(actplot.get("tf:selu").grad(0.0)) == pytest.approx(lam, rel=1e-15)
    assert float(actplot.get("jax:hard_tanh").grad(1.0)) == 1.0
    assert float(actplot.get("torch:Hardtanh").grad(1.0)) == 0.0
    # away from the kink nothing changes
    x = np.array([-2.0, -1e-300, 1e-300, 3.0])
    assert np.array_equal(actplot.get("jax:leaky_relu").grad(x), actplot.get("leaky_relu").grad(x))


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_a_convention_sets_defaults_and_kinks_of_unprefixed_names(convention):
    slope = {"torch": 0.01, "jax": 0.01, "mlx": 0.01, "keras": 0.2, "tf": 0.2}[convention]
    kink = {"torch": slope, "jax": 1.0, "mlx": 1.0, "keras": slope, "tf": slope}[convention]
    [act] = parse_spec("leaky_relu", convention=convention)
    assert float(act(-1.0)) == -slope and float(act.grad(0.0)) == kink
    t = actplot.table(["leaky_relu"], x=[-1, 0], derivatives=(0, 1), convention=convention)
    assert t.rows[0].values[0].tolist() == [-slope, 0.0]


def test_the_convention_option_on_every_command():
    run = lambda *a: CliRunner().invoke(cli, list(a))
    r = run("table", "gelu", "leaky_relu", "--x", "1", "0", "--deriv", "0,1", "--convention",
            "jax", "--format", "json")  # fmt: skip
    rows = json.loads(r.output)["rows"]
    assert rows[0]["f"][0] == pytest.approx(
        0.5 * (1 + math.tanh(math.sqrt(2 / math.pi) * 1.044715))
    )
    assert rows[1]["f'"][1] == 1.0
    r = run("info", "selu", "--convention", "tf", "--format", "json")
    assert "jax" not in r.output and "tensorflow 2.21.0" in json.loads(r.output)["at_kinks"]
    assert run("table", "relu", "--convention", "pytorch").exit_code == 2


def test_info_says_whose_defaults_an_unprefixed_name_has():
    d = actplot.info("leaky_relu").to_dict()
    assert d["defaults_as"].startswith("PyTorch's torch.nn.LeakyReLU")
    assert (
        actplot.info("keras:leaky_relu")
        .to_dict()["defaults_as"]
        .startswith("keras.activations.leaky_relu")
    )


def test_the_issues_example_table():
    r = CliRunner().invoke(cli, ["table", "keras:leaky_relu", "jax:gelu", "--x", "-1", "1",
                                 "--format", "json"])  # fmt: skip
    rows = {
        row["label"].partition("(")[0].strip(): row["f"] for row in json.loads(r.output)["rows"]
    }
    assert rows["keras:leaky_relu"][0] == -0.2
    assert rows["jax:gelu"][1] == pytest.approx(0.8411919906082767, abs=2.3e-16)  # 1 ulp


def test_keras2_hard_sigmoid_is_02x_plus_half_once_it_has_a_slope():
    if "slope" not in {p.name for p in REGISTRY["hard_sigmoid"].params}:
        with pytest.raises(ActplotError, match="cannot build"):
            actplot.get("keras2:hard_sigmoid")
        pytest.skip("hard_sigmoid has no slope parameter in this build")
    f = actplot.get("keras2:hard_sigmoid")
    assert [float(f(-1.0)), float(f(1.0))] == [pytest.approx(0.3), pytest.approx(0.7)]


def test_compare_diff_measures_each_against_the_first():
    c = actplot.compare("gelu", "gelu_tanh", "swish:beta=1.702", cost=False, diff=True)
    gaps = c.to_dict()["diff"]
    assert [g["b"] for g in gaps] == ["GELU (tanh)", "Swish(beta=1.702)"]
    assert gaps[0]["largest"]["value"] == pytest.approx(4.7324e-4, rel=1e-4)
    assert gaps[1]["largest"]["value"] == pytest.approx(2.03e-2, rel=1e-2)  # quick GELU


def test_a_difference_that_grows_without_bound_is_unbounded_not_a_far_point():
    c = actplot.compare("leaky_relu", "keras:leaky_relu", cost=False, diff=True)
    largest = c.differences[0].largest
    assert largest.value == math.inf and largest.xs == (-math.inf,) and not largest.attained


def test_framework_prefixes_and_their_names_complete():
    from test_names import completions

    assert "torch:" in completions(["plot"], "to") and "keras.layers:" in completions(
        ["plot"], "ke"
    )
    assert completions(["plot"], "torch:Leak") == ["torch:leaky_relu", "torch:LeakyReLU"]
    assert "jax:gelu" in completions(["table"], "jax:ge")
