"""Measured properties: they must agree with what the registry declares, for every activation,
and with values computed independently (mpmath, the published formulas)."""

import dataclasses
import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actplot
from actplot import Break, Definition, Facts, Interval, Notes
from actplot.properties import analyse, difference

# Parameter values other than the defaults, chosen to change the shape: a slope of 0 or below
# 0, alpha = 1 versus not (C1 versus C0), a threshold whose value jumps down, and so on.
VARIANTS = {
    "leaky_relu": [{"alpha": 0.0}, {"alpha": -0.5}, {"alpha": 1.0}, {"alpha": 2.0}],
    "prelu": [{"alpha": 0.5}],
    "rrelu": [{"lower": 0.0, "upper": 0.0}, {"lower": 0.2, "upper": 0.2}],
    "elu": [{"alpha": 0.5}, {"alpha": 2.0}],
    "celu": [{"alpha": 3.0}],
    "threshold": [
        {"threshold": 1.0, "value": 5.0},
        {"threshold": -1.0, "value": -1.0},
        {"threshold": 0.5, "value": -2.0},
        # small jumps on a sloped piece, and thresholds between two grid points
        {"threshold": 1.0, "value": 1.001},
        {"threshold": 0.02, "value": 0.0},
        {"threshold": 0.3, "value": 0.26},
    ],
    "hardtanh": [{"min_val": -100.0, "max_val": 100.0}, {"min_val": 0.0, "max_val": 0.5}],
    "maxout": [
        {"slopes": (0.0, 1.0), "intercepts": (0.0, 0.0)},
        {"slopes": (1.0,), "intercepts": (2.0,)},
        {"slopes": (-1.0, 1.0), "intercepts": (0.0, 0.0)},
        {"slopes": (0.0, 0.0), "intercepts": (1.0, -1.0)},
        {"slopes": (0.5, 1.0, 2.0), "intercepts": (0.0, -0.5, -2.0)},
    ],
    "softplus": [{"beta": 0.1}, {"beta": 20.0}],
    "swish": [{"beta": 0.25}, {"beta": 3.0}],
    "squareplus": [{"b": 0.01}, {"b": 100.0}],
    "softshrink": [{"lambd": 0.0}, {"lambd": 2.0}],
    "hardshrink": [{"lambd": 0.0}, {"lambd": 2.0}, {"lambd": 0.02}, {"lambd": 0.005}],
    "swiglu_oai": [{"alpha": 1.0, "limit": 3.0}, {"alpha": 4.0, "limit": 0.5}],
    "binary_step": [{"threshold": 0.5}, {"threshold": -2.0}],
    "hard_sigmoid": [{"slope": 0.2}, {"slope": 0.5}],
    "star_relu": [{"scale": 1.0, "bias": 0.0}, {"scale": 2.0, "bias": 1.5}],
    "laplace": [{"mu": 0.0, "sigma": 1.0}, {"mu": -1.5, "sigma": 3.0}],
    "dyt": [{"alpha": 2.0, "gamma": -1.5, "beta": 0.25}],
    # eps = 0: only f'' jumps
    "xielu": [{"eps": 0.0}, {"alpha_p": 2.0, "alpha_n": 1.5, "beta": 0.25, "eps": -0.01}],
    "snake": [{"alpha": 0.5}, {"alpha": 3.0}],
    "snake_beta": [{"alpha": 0.5, "beta": 2.0}, {"alpha": 2.0, "beta": 0.5}],
    "standardize": [{"epsilon": 1.0}, {"epsilon": 1e-12}],
}
CASES = [(d.name, {}) for d in actplot.REGISTRY.values()] + [
    (name, params) for name, variants in VARIANTS.items() for params in variants
]


def test_every_parameterised_activation_has_variants():
    with_params = {d.name for d in actplot.REGISTRY.values() if d.params}
    assert with_params == set(VARIANTS)


def close(a, b):
    return a == b or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)


@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}{p or ''}" for n, p in CASES])
def test_measured_facts_agree_with_the_declared_ones(name, params):
    _assert_agree(actplot.get(name, **params))


def _assert_agree(act):
    declared, measured = act.facts, analyse(act).facts
    d, m = declared.range, measured.range
    assert len(d.parts) == len(m.parts), (d, m)  # the gaps of a function that jumps
    for dpart, mpart in zip(d.parts, m.parts, strict=True):
        assert close(dpart.lo, mpart.lo) and close(dpart.hi, mpart.hi), (d, m)
        assert (dpart.lo_closed, dpart.hi_closed) == (mpart.lo_closed, mpart.hi_closed), (d, m)
    assert declared.monotonic == measured.monotonic
    assert declared.continuity == measured.continuity
    assert [b.order for b in declared.breaks] == [b.order for b in measured.breaks]
    assert all(close(a.x, b.x) for a, b in zip(declared.breaks, measured.breaks, strict=True))


# ELU (alpha = 1) is C1 with a break in f'' at 0, increasing, onto (-1, inf); each of these
# declarations gets one thing wrong, and the comparison must notice (the true one agrees:
# test_measured_facts_agree_with_the_declared_ones)
WRONG_ELU = [
    Facts(Interval(-1.0, math.inf), monotonic=True, breaks=(Break(0.0, 1),)),  # a kink, not C1
    Facts(Interval(-1.0, math.inf), monotonic=True, breaks=(Break(0.5, 2),)),  # misplaced
    Facts(Interval(-1.0, math.inf, lo_closed=True), monotonic=True, breaks=(Break(0.0, 2),)),
    Facts(Interval(-2.0, math.inf), monotonic=True, breaks=(Break(0.0, 2),)),
    Facts(Interval(-1.0, math.inf), monotonic=False, breaks=(Break(0.0, 2),)),
    Facts(Interval(-1.0, math.inf), monotonic=True, breaks=()),  # smooth
]


@pytest.mark.parametrize("wrong", WRONG_ELU)
def test_a_wrong_declaration_is_caught(wrong):
    elu = actplot.REGISTRY["elu"]
    act = dataclasses.replace(elu, facts=lambda **params: wrong).bind({})
    with pytest.raises(AssertionError):
        _assert_agree(act)


# the seeds' property claims, against independent references ------------------------------------

mp.mp.dps = 40


def mp_minimum(f, guess):
    x = mp.findroot(lambda t: mp.diff(f, t), guess)
    return float(x), float(f(x))


def sigma(t):
    return 1 / (1 + mp.exp(-t))


@pytest.mark.parametrize(
    "name, reference, guess",
    [("swish", lambda t: t * sigma(t), -1.3),
     ("mish", lambda t: t * mp.tanh(mp.log1p(mp.exp(t))), -1.2),
     ("gelu", lambda t: t * mp.ncdf(t), -0.75),
     ("hardswish", lambda t: t * min(max(t + 3, 0), 6) / 6, None)],
)  # fmt: skip
def test_minima_of_the_non_monotonic_ones(name, reference, guess):
    props = analyse(actplot.get(name))
    assert not props.facts.monotonic and props.maximum is None
    x, value = (-1.5, -0.375) if guess is None else mp_minimum(reference, guess)
    assert props.minimum.xs == (pytest.approx(x, rel=1e-12),)
    assert props.minimum.value == pytest.approx(value, rel=1e-14)
    assert props.facts.range.lo == props.minimum.value and props.facts.range.lo_closed


def test_the_seeds_silu_minimum_near_minus_1_278():
    props = analyse(actplot.get("silu"))
    w = float(mp.lambertw(1 / mp.e).real)  # SiLU's minimum is -W(1/e) at -(1 + W(1/e))
    assert props.minimum.value == pytest.approx(-w, rel=1e-15)
    assert f"{props.minimum.xs[0]:.4g}" == "-1.278"


def test_sigmoid_gradient_is_at_most_a_quarter_and_vanishes_through_depth():
    props = analyse(actplot.get("sigmoid"))
    assert props.max_abs_grad.value == 0.25 and props.max_abs_grad.xs == (0.0,)
    assert props.depth_bound(10) == 0.25**10
    assert f"{props.depth_bound(10):.2g}" == "9.5e-07"
    assert props.saturation == ("soft", "soft") and not props.dead_zones


@pytest.mark.parametrize(
    "name, left, right, dead",
    [("relu", "hard", "none", [(-math.inf, 0.0)]), ("leaky_relu", "none", "none", []),
     ("elu", "soft", "none", []), ("hardtanh", "hard", "hard", [(-math.inf, -1.0), (1.0, math.inf)]),
     ("relu6", "hard", "hard", [(-math.inf, 0.0), (6.0, math.inf)]), ("gelu", "soft", "none", []),
     ("softsign", "soft", "soft", []), ("tanhshrink", "none", "none", []),
     ("softshrink", "none", "none", [(-0.5, 0.5)]), ("gaussian", "soft", "soft", []),
     ("binary_step", "hard", "hard", [(-math.inf, math.inf)]), ("squareplus", "soft", "none", []),
     ("hardswish", "hard", "none", [(-math.inf, -3.0)])],
)  # fmt: skip
def test_saturation_and_dead_zones(name, left, right, dead):
    props = analyse(actplot.get(name))
    assert props.saturation == (left, right)
    assert [(z.lo, z.hi) for z in props.dead_zones] == dead


def test_zero_centred_and_mean_output():
    means = {
        n: analyse(actplot.get(n)) for n in ("tanh", "selu", "softsign", "sigmoid", "relu", "elu")
    }
    assert [n for n, p in means.items() if p.zero_centred] == [
        "tanh",
        "selu",
        "softsign",
    ]  # SELU by design
    assert means["relu"].mean_output == pytest.approx(
        1 / math.sqrt(2 * math.pi), rel=1e-10
    )  # E max(0, Z)
    assert means["sigmoid"].mean_output == pytest.approx(0.5, rel=1e-10)  # Simpson, h = 1e-3
    elu_mean = float(
        mp.quad(lambda t: (t if t > 0 else mp.expm1(t)) * mp.npdf(t), [-mp.inf, 0, mp.inf])
    )
    assert means["elu"].mean_output == pytest.approx(elu_mean, rel=1e-10)


@pytest.mark.parametrize("name, expected", [("tanh", True), ("elu", True), ("celu", True), ("arctan", True),
                                            ("relu", False), ("swish", False), ("selu", False), ("leaky_relu", False)])  # fmt: skip
def test_identity_near_the_origin(name, expected):
    assert analyse(actplot.get(name)).identity_near_origin is expected


def test_the_largest_gradient_where_it_is_not_a_single_point():
    relu = analyse(actplot.get("relu")).max_abs_grad
    assert relu.value == 1 and relu.intervals == (Interval(0.0, math.inf, False, False),)
    hardswish = analyse(actplot.get("hardswish")).max_abs_grad  # 3/2 just left of 3, where f' = 1
    assert hardswish.value == pytest.approx(1.5, rel=1e-15) and not hardswish.attained
    tanhshrink = analyse(actplot.get("tanhshrink")).max_abs_grad  # tanh^2 -> 1, never reached
    assert (
        tanhshrink.value == 1 and tanhshrink.xs == (-math.inf, math.inf) and not tanhshrink.attained
    )
    gelu = analyse(actplot.get("gelu")).max_abs_grad  # GELU'' = phi (2 - x^2): peak at sqrt 2
    assert gelu.xs == (pytest.approx(math.sqrt(2), rel=1e-14),)
    assert gelu.value == pytest.approx(
        float(mp.ncdf(mp.sqrt(2)) + mp.sqrt(2) * mp.npdf(mp.sqrt(2))), rel=1e-15
    )


def test_gelu_against_its_tanh_approximation():
    gap = difference(actplot.get("gelu"), actplot.get("gelu_tanh"))

    def d(t):
        return t * mp.ncdf(t) - t * sigma(2 * mp.sqrt(2 / mp.pi) * (t + mp.mpf("0.044715") * t**3))

    x, value = mp_minimum(d, 2.7)
    assert gap.largest.value == pytest.approx(abs(value), rel=1e-12)
    assert gap.largest.xs == (pytest.approx(-x, rel=1e-10), pytest.approx(x, rel=1e-10))
    assert f"{gap.largest.value:.5g}" == "0.00047324"


def test_differences_that_grow_or_vanish():
    assert difference(actplot.get("relu"), actplot.get("leaky_relu")).largest.value == math.inf
    same = difference(actplot.get("swish"), actplot.get("silu"))
    assert same.largest.value == 0 and same.largest.intervals == (Interval(-math.inf, math.inf),)


def test_a_definition_without_declared_facts_gets_its_properties_measured():
    bent = Definition(
        name="bent_identity", label="Bent identity", family="other",
        formula=r"\frac{\sqrt{x^2 + 1} - 1}{2} + x", derivative=r"\frac{x}{2\sqrt{x^2+1}} + 1",
        fn=lambda x: (np.hypot(x, 1) - 1) / 2 + x,
        derivatives=(lambda x: x / (2 * np.hypot(x, 1)) + 1, lambda x: 0.5 / np.hypot(x, 1) ** 3),
        convention="Smooth.", notes=Notes("A bent line."),
    )  # fmt: skip
    props = analyse(bent.bind({}))
    assert props.facts.monotonic and props.facts.continuity == "C∞"
    assert props.facts.range.lo == -math.inf and props.facts.range.hi == math.inf
    assert props.saturation == ("none", "none") and props.max_abs_grad.value == pytest.approx(1.5)


def test_curves_reaching_the_float64_maximum_raise_no_warning():
    cube = Definition(
        name="big_cube", label="Big cube", family="other", formula=r"c\,x^3", derivative=r"3c\,x^2",
        fn=lambda x: 1e200 * x**3, derivatives=(lambda x: 3e200 * x**2, lambda x: 6e200 * x),
        convention="Smooth.", notes=Notes("x cubed, large."),
    )  # fmt: skip
    props = analyse(cube.bind({}))  # would raise under filterwarnings = error
    assert props.facts.monotonic and props.facts.continuity == "C∞"


# Parameters at a scale a measurement can resolve: breaks closer together than 1e-300 (two
# jumps of hardshrink with lambd = 1e-313) are one point to any sampling of the line.
finite = st.floats(-3, 3).filter(lambda v: v == 0 or abs(v) >= 1e-6)
small = st.just(0.0) | st.floats(1e-6, 0.05)


@settings(max_examples=40, deadline=None)
@given(st.one_of(
    st.builds(lambda t, v: ("threshold", {"threshold": t, "value": v}), finite, finite),
    st.builds(lambda t, d: ("threshold", {"threshold": t, "value": t + d}), finite, st.floats(-0.01, 0.01).filter(lambda d: d == 0 or abs(d) > 1e-9)),
    st.builds(lambda lam: ("hardshrink", {"lambd": lam}), small),
    st.builds(lambda lam: ("softshrink", {"lambd": lam}), small),
    st.builds(lambda a: ("leaky_relu", {"alpha": a}), finite),
))  # fmt: skip
def test_measured_facts_agree_for_random_parameters(case):
    name, params = case
    _assert_agree(actplot.get(name, **params))
