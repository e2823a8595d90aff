"""The public API: lookup by name or alias, parameters, errors, registration from outside."""

import dataclasses
import math

import numpy as np
import pytest

import actplot
from actplot import Definition, Facts, Interval, Notes, Param, ParameterError, RegistrationError

ISSUE_NAMES = {
    "rectified": "relu relu6 leaky_relu prelu rrelu elu selu celu threshold hardtanh maxout "
    "binary_step identity relu2 star_relu crelu",
    "sigmoidal": "sigmoid scaled_sigmoid hard_sigmoid tanh softsign log_sigmoid arctan "
    "sparse_sigmoid laplace dyt",
    "smooth": "softplus swish hardswish gelu gelu_tanh mish squareplus quick_gelu gelu_10 "
    "sparse_plus hard_mish xielu sqrt_softplus",
    "shrinkage": "softshrink hardshrink tanhshrink",
    "other": "gaussian snake snake_beta exponential log1mexp",
    "vector": "softmax softmin log_softmax sparsemax entmax15 logsumexp logmeanexp standardize",
    "gated": "glu bilinear reglu geglu swiglu seglu swiglu_oai",  # issue 11
}
# parameter names and defaults the project's first issue asks for
ISSUE_DEFAULTS = {
    "leaky_relu": {"alpha": 0.01},
    "prelu": {"alpha": 0.25},
    "rrelu": {"lower": 1 / 8, "upper": 1 / 3},
    "elu": {"alpha": 1.0},
    "celu": {"alpha": 1.0},
    "hardtanh": {"min_val": -1.0, "max_val": 1.0},
    "softplus": {"beta": 1.0},
    "swish": {"beta": 1.0},
    "squareplus": {"b": 4.0},
    "softshrink": {"lambd": 0.5},
    "hardshrink": {"lambd": 0.5},
    "hard_sigmoid": {"slope": 1 / 6},
    "binary_step": {"threshold": 0.0},
    "star_relu": {"scale": 0.8944271909999159, "bias": -0.4472135954999579},
    "xielu": {"alpha_p": 0.8, "alpha_n": 0.8, "beta": 0.5, "eps": -1e-6},
    "laplace": {"mu": 0.707107, "sigma": 0.282095},
    "dyt": {"alpha": 0.5, "gamma": 1.0, "beta": 0.0},
    "snake": {"alpha": 1.0},
}


def test_every_activation_the_issue_lists_is_registered_in_its_family():
    for family, names in ISSUE_NAMES.items():
        for name in names.split():
            assert actplot.REGISTRY[name].family == family, name
    assert len(actplot.names()) == sum(len(n.split()) for n in ISSUE_NAMES.values())


@pytest.mark.parametrize("name, defaults", ISSUE_DEFAULTS.items())
def test_parameter_names_and_defaults(name, defaults):
    assert actplot.get(name).params == pytest.approx(defaults)


@pytest.mark.parametrize(
    "alias, canonical, params",
    [("linear", "identity", {}), ("logistic", "sigmoid", {}), ("silu", "swish", {"beta": 1.0}),
     ("hard_silu", "hardswish", {}), ("step", "binary_step", {"threshold": 0.0}),
     ("softmax2d", "softmax", {}), ("squared_relu", "relu2", {}), ("gelu_fast_approx", "quick_gelu", {}), ("SiLU", "swish", {"beta": 1.0}), ("leaky-relu", "leaky_relu", {"alpha": 0.01})],
)  # fmt: skip
def test_aliases_resolve_to_the_same_activation(alias, canonical, params):
    f = actplot.get(alias)
    assert f.name == canonical and f.params == params


def test_get_binds_parameters_and_labels_them():
    f = actplot.get("elu", alpha=0.5)
    assert f.label == "ELU(alpha=0.5)"
    assert f(-1.0) == pytest.approx(0.5 * math.expm1(-1.0), rel=1e-15)
    assert actplot.get("sigmoid").label == "Sigmoid"


def test_arrays_in_arrays_out_float64_any_shape():
    f = actplot.get("tanh")
    x = np.linspace(-3, 3, 12).reshape(3, 4)
    for y in (f(x), f.grad(x), f.grad(x, order=2)):
        assert y.shape == (3, 4) and y.dtype == np.float64
    assert f(x.tolist()).shape == (3, 4)
    assert np.ndim(f(0.5)) == 0
    assert f(np.float32(0.5)) == pytest.approx(math.tanh(0.5), rel=1e-15)  # computed in float64


def test_complex_input_is_refused():
    with pytest.raises(TypeError):
        actplot.get("relu")(1 + 2j)


def test_vector_valued_apply_over_the_last_axis():
    f = actplot.get("softmax")
    x = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    y = f(x)
    assert y.shape == (2, 3)
    np.testing.assert_allclose(y.sum(axis=-1), 1.0, rtol=1e-15)
    e = np.exp([1.0, 2.0, 3.0])
    np.testing.assert_allclose(y[0], e / e.sum(), rtol=1e-15)
    np.testing.assert_allclose(y[1], 1 / 3, rtol=1e-15)
    jac = f.jacobian(x)
    assert jac.shape == (2, 3, 3)
    np.testing.assert_allclose(np.diagonal(jac, axis1=-2, axis2=-1), f.grad(x), rtol=1e-15)


def test_a_vector_activation_needs_at_least_one_logit():
    for call in (actplot.get("softmax"), actplot.get("log_softmax").jacobian):
        with pytest.raises(ValueError, match="at least one logit"):
            call(np.zeros((3, 0)))


def test_only_built_ins_are_portable_to_a_fresh_process():
    relu = actplot.REGISTRY["relu"]
    assert actplot.registry.portable(relu)
    impostor = dataclasses.replace(relu, label="Not ReLU")  # same name, another definition
    assert not actplot.registry.portable(impostor)
    actplot.register(_cube())
    try:
        assert not actplot.registry.portable(actplot.REGISTRY["cube_test"])
    finally:
        actplot.REGISTRY._forget("cube_test")


def test_unknown_name_suggests_the_closest():
    with pytest.raises(KeyError, match="did you mean 'relu2' or 'relu6'") as err:
        actplot.get("relu7")
    assert isinstance(err.value, actplot.UnknownActivationError)
    assert isinstance(err.value, ValueError)  # also an ActplotError, a ValueError


@pytest.mark.parametrize(
    "name, params, message",
    [("elu", {"beta": 1}, "has no parameter 'beta'"), ("elu", {"alpha": -1}, "must be > 0"),
     ("elu", {"alpha": "x"}, "must be a number"), ("elu", {"alpha": math.inf}, "finite"),
     ("rrelu", {"lower": 0.5, "upper": 0.1}, "must not exceed"),
     ("hardtanh", {"min_val": 1, "max_val": 1}, "must be below"),
     ("maxout", {"slopes": (0, 1), "intercepts": (0,)}, "as many intercepts")],
)  # fmt: skip
def test_bad_parameters_raise_a_clear_error(name, params, message):
    with pytest.raises(ParameterError, match=message):
        actplot.get(name, **params)


def test_grad_order_is_checked():
    tanh = actplot.get("tanh")
    with pytest.raises(ValueError, match=r"order must be 1\.\.2"):
        tanh.grad(1.0, order=3)
    for order in (1.0, "1", True):
        with pytest.raises(TypeError, match="order must be an integer"):
            tanh.grad(1.0, order=order)
    assert tanh.grad(1.0, order=np.int64(1)) == pytest.approx(1 / np.cosh(1.0) ** 2, rel=1e-15)


def _cube(name="cube_test"):
    return Definition(
        name=name,
        label="Cube",
        family="other",
        formula=r"c\,x^3",
        derivative=r"3c\,x^2",
        fn=lambda x, c: c * x**3,
        derivatives=(lambda x, c: 3 * c * x**2, lambda x, c: 6 * c * x),
        params=(Param("c", 1.0, "scale"),),
        facts=lambda c: Facts(Interval(-math.inf, math.inf), monotonic=c >= 0),
        convention="Smooth.",
        notes=Notes("x cubed."),
    )


def test_definitions_from_outside_the_package_can_be_registered():
    registry = actplot.Registry()
    registry.register(_cube())
    f = registry.resolve("cube_test").bind({"c": 2.0})
    assert f(3.0) == 54.0 and f.grad(3.0) == 54.0 and f.grad(3.0, 2) == 36.0


def test_registering_into_the_default_registry_reaches_the_command_line(run):
    actplot.register(_cube("cube_cli_test"))
    try:
        result = run("table", "cube_cli_test:c=2", "--x", "3", "--format", "csv")
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[1].split(",")[-1] == "54.0"
    finally:
        actplot.REGISTRY._forget("cube_cli_test")


def test_built_ins_cannot_be_overwritten_and_names_cannot_clash():
    with pytest.raises(RegistrationError, match="already"):
        actplot.register(_cube("relu"))
    with pytest.raises(RegistrationError, match="built in"):
        actplot.register(_cube("relu"), replace=True)
    registry = actplot.Registry()
    registry.register(_cube())
    with pytest.raises(RegistrationError, match="already"):
        registry.register(_cube())
    registry.register(_cube(), replace=True)  # not protected: replacing is allowed on request


def test_incomplete_definitions_are_refused():
    with pytest.raises(RegistrationError, match="snake_case"):
        _cube("Cube Test")
    with pytest.raises(RegistrationError, match="derivatives"):
        Definition(**{**_cube().__dict__, "derivatives": (lambda x, c: x,)})
    with pytest.raises(ParameterError, match="must be > 0"):
        Definition(**{**_cube().__dict__, "params": (Param("c", -1.0, "", actplot.POSITIVE),)})


def test_every_formula_is_valid_mathtext():
    from matplotlib.mathtext import MathTextParser

    parser = MathTextParser("path")
    for d in actplot.REGISTRY.values():
        for tex in (d.formula, d.derivative):
            parser.parse(f"${tex}$")  # raises ValueError on invalid mathtext


def test_every_built_in_has_notes_and_a_convention_where_it_has_kinks():
    for d in actplot.REGISTRY.values():
        assert d.notes.summary and d.notes.good and d.notes.bad and d.notes.used, d.name
        kinked = bool(d.bind({}).facts.breaks)
        assert (d.convention is not None) == kinked, d.name
        assert d.at_kinks == (d.convention or "Smooth everywhere: no convention needed.")
