"""Expressions: typed on the command line, differentiated exactly, refused when outside the
language, and told where they are numerically fragile."""

import ast
import json
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mpmath import mp, mpf
from reference import ELEMENTWISE, mp_params

import actplot
from actplot import ExpressionError, ParameterError
from actplot._search import grid
from actplot.registry import portable
from actplot.spec import parse_spec

SPECIAL = np.array([-np.inf, -1e308, -1e300, -750.0, -40.0, -1.0, -5e-324, -0.0, 0.0, 5e-324,
                    1e-300, 0.5, 1.0, 40.0, 750.0, 1e300, 1e308, np.inf, np.nan])  # fmt: skip
WIDE = np.concatenate([grid()[::7], SPECIAL[np.isfinite(SPECIAL)]])


def orders(act, x):
    return [act.evaluate(x, k) for k in range(3)]


def csv_cells(result):
    assert result.exit_code == 0, result.output
    return [line.split(",")[2:] for line in result.output.splitlines()[1:]]


# what the "done" asks for ------------------------------------------------------------


def test_mish_typed_as_an_expression_is_mish_to_the_last_digit(run):
    for order in ("1", "2"):
        result = run("table", "expr:x*tanh(softplus(x))", "mish", "--x", "-3", "-1", "0", "0.7",
                     "2.5", "--deriv", f"0,{order}", "--format", "csv")  # fmt: skip
        typed_f, typed_d, mish_f, mish_d = csv_cells(result)
        assert typed_f == mish_f and typed_d == mish_d
    shown = run("table", "expr:x*tanh(softplus(x))", "mish", "--x", "-3", "-1", "0", "0.7", "2.5",
                "--deriv", "--digits", "17").output.splitlines()  # fmt: skip
    rows = [line.split("│")[2:] for line in shown if "│" in line]
    assert rows[0] == rows[2] and rows[1] == rows[3]  # f and f' rows, every digit shown
    typed, mish = actplot.get("expr:x*tanh(softplus(x))"), actplot.get("mish")
    for a, b in zip(orders(typed, WIDE), orders(mish, WIDE), strict=True):
        np.testing.assert_array_equal(a, b)


def test_a_registered_activation_inside_keeps_every_bit():
    for name in ("gelu", "gelu_tanh", "softplus", "hardswish", "relu", "tanhshrink", "squareplus"):
        typed, built_in = actplot.get(f"expr:{name}(x)"), actplot.get(name)
        for a, b in zip(orders(typed, SPECIAL), orders(built_in, SPECIAL), strict=True):
            np.testing.assert_array_equal(a, b, err_msg=name)
    swish, typed = actplot.get("swish"), actplot.get("expr:x*sigmoid(x)")
    for k in range(2):  # the same operations as swish's own f and f'
        np.testing.assert_array_equal(typed.evaluate(WIDE, k), swish.evaluate(WIDE, k))
    swish, typed = actplot.get("swish:beta=1.702"), actplot.expr("x*sigmoid(b*x)", b=1.702)
    np.testing.assert_array_equal(typed(WIDE), swish(WIDE))
    # f' as x (b sigma'(bx)), where swish has (bx) sigma'(bx): an ulp or two apart
    np.testing.assert_allclose(typed.grad(WIDE), swish.grad(WIDE), rtol=2e-15, atol=0)


def _sigma(x):
    return 1 / (1 + mp.exp(-x))


@pytest.mark.parametrize("x", [-7.5, -2.0, -0.3, -1e-9, 1e-9, 0.4, 3.0, 12.0])
def test_the_derivative_of_a_where_is_that_of_the_branch_taken(x):
    f = actplot.get("expr:where(x > 0, x, 0.1*x) + sigmoid(x)**2")
    mp.dps = 40
    s, t = _sigma(mpf(x)), _sigma(-mpf(x))
    slope = 1 if x > 0 else mpf("0.1")
    d1 = slope + 2 * s * s * t  # 1 + 2 σ(x)² σ(−x) on the right, 0.1 + ... on the left
    d2 = 2 * (s * t) ** 2 + 2 * s * s * t * (t - s)  # (σ²)'' = 2σ'² + 2σσ''
    assert f.grad(x) == pytest.approx(float(d1), rel=4e-16)
    assert f.grad(x, 2) == pytest.approx(float(d2), rel=1e-14, abs=1e-300)
    assert f.grad(0.0) == 0.1 + 2 * 0.25 * 0.5  # x > 0 does not hold at 0: the left branch
    assert "continuity" in actplot.info(f).to_dict() and actplot.info(f).facts.breaks[0].x == 0


# the language: parameters, names, sweeps, the API ------------------------------------------


def test_parameters_sweep_like_any_other():
    acts = parse_spec("expr:x*sigmoid(b*x);b=1,1.702,2")
    assert [a.params for a in acts] == [{"b": 1.0}, {"b": 1.702}, {"b": 2.0}]
    assert [a.label for a in acts][1] == "x*sigmoid(b*x) (b=1.702)"
    two = parse_spec("expr:a*x + c;a=1,2;c=0,1/2")
    assert len(two) == 4 and two[-1](2.0) == 4.5  # every combination; a fraction
    assert actplot.sweep("expr:x*sigmoid(b*x);b=1,2")[1](1.0) == pytest.approx(
        1 / (1 + math.exp(-2))
    )


def test_a_named_expression_names_its_legend_table_and_file(run):
    (act,) = parse_spec("expr:Gate=x*sigmoid(b*x);b=1.702")
    assert (act.name, act.label) == ("gate", "Gate(b=1.702)")
    assert run("plot", "expr:Gate=x*sigmoid(b*x);b=1.702").output.strip() == "gate.png"
    assert run("plot", "expr:x*sigmoid(x)").output.strip() == "expr.png"


def test_the_python_api():
    f = actplot.expr("x*sigmoid(b*x)", b=1.702)
    assert isinstance(f, actplot.Activation) and f.params == {"b": 1.702}
    assert actplot.get("expr:x*sigmoid(b*x);b=1", b=2).params == {"b": 2.0}
    assert actplot.get("EXPR:x**2")(3.0) == 9.0 and actplot.get("expr:x**2").grad(3.0, 2) == 2.0
    assert float(actplot.expr("SiLU(x) - LeakyReLU(x)")(2.0)) == pytest.approx(
        2 / (1 + math.exp(-2)) - 2
    )
    with pytest.raises(ExpressionError, match="b needs a value"):
        actplot.expr("x*sigmoid(b*x);b=")
    with pytest.raises(ExpressionError, match=r"unknown name 'b'.*expr:b\*x;b=1"):
        actplot.expr("x*sigmoid(b*x)")
    with pytest.raises(ExpressionError, match="c is given a value but not used"):
        actplot.expr("x;c=1")
    with pytest.raises(ParameterError, match="given in the text and as a keyword"):
        actplot.expr("b*x;b=1", b=2)
    with pytest.raises(ParameterError, match="sweeps 2"):
        actplot.expr("b*x;b=1,2")
    with pytest.raises(ExpressionError, match="'Mish' is the name of the activation 'mish'"):
        actplot.expr("Mish=x*tanh(softplus(x))")
    with pytest.raises(ParameterError, match="b = 10 makes 'b\\*\\*1000' inf or nan"):
        actplot.expr("b**1000*x;b=10")


def test_an_expression_spec_reads_back_and_is_portable():
    act = actplot.get("expr:gate=x*sigmoid(b*x)-relu(x);b=1", b=1.5)
    again = actplot.get(act.spec)
    assert act.spec == "expr:gate=x*sigmoid(b*x)-relu(x);b=1.5" and again.label == act.label
    np.testing.assert_array_equal(orders(again, WIDE), orders(act, WIDE))
    assert portable(act.definition)  # a worker rebuilds it from its spec: built-ins only


def test_an_expression_trains_in_workers_exactly_as_the_built_in_it_equals(monkeypatch):
    from actplot.experiments import runs

    def here(*args):  # a portable activation is trained by the workers, never in this process
        raise AssertionError("trained in the main process")

    monkeypatch.setattr(runs, "train_seeds", here)
    c = actplot.compare("expr:x*sigmoid(x)", "swish", cost=False, experiment="train", epochs=3,
                        repeats=2, jobs=2, hidden=(8,))  # fmt: skip
    typed, swish = c.experiments.train
    assert typed.accuracies.tolist() == swish.accuracies.tolist()
    assert typed.final_loss == swish.final_loss
    depth = actplot.compare("expr:x*sigmoid(x)", "swish", cost=False, experiment="depth")
    assert depth.to_dict()["depth"]["expr:x*sigmoid(x)"] == depth.to_dict()["depth"]["swish"]


# properties, formulas, fragility -----------------------------------------------------------


def test_compare_measures_an_expression_like_a_built_in():
    c = actplot.compare("expr:maximum(x, 0)", "expr:abs(x)", "expr:2*tanh(x/2)", cost=False)
    ramp, vee, squashed = (item.properties for item in c.items)
    assert ramp.facts.range.lo == 0 and ramp.facts.range.lo_closed and ramp.saturation[0] == "hard"
    assert [(b.x, b.order) for b in ramp.facts.breaks] == [(0.0, 1)] and ramp.dead_zones
    assert not vee.facts.monotonic and vee.facts.breaks[0].x == 0 and vee.df0 == 0  # abs'(0) = 0
    assert (squashed.facts.range.lo, squashed.facts.range.hi) == (-2, 2)
    assert squashed.saturation == ("soft", "soft") and squashed.facts.continuity == "C∞"


def test_info_prints_the_formula_and_its_derivative_as_formulas(run):
    out = run("info", "expr:x*tanh(softplus(x))").output
    assert "x tanh(softplus(x))" in out
    assert "tanh(softplus(x)) + x tanh'(softplus(x)) softplus'(x)" in out
    assert "expression" in out and "C∞" in out
    d = actplot.info("expr:where(x > 0, x, 0.1*x)").to_dict()
    assert d["derivative"] == r"1\ (x > 0),\ \ 0.1\ (\mathrm{otherwise})"
    assert "x > 0 does not hold at 0" in d["at_kinks"] and d["continuity"] == "C0"


def test_formulas_are_valid_mathtext():
    from matplotlib.mathtext import MathTextParser

    parser = MathTextParser("path")
    for text in ("x*tanh(softplus(x))", "where(-1 < x <= 1, x**2/2, abs(x) - 1/2)",
                 "erf(x/sqrt(2))*exp(-x**2)", "maximum(x, 0.01*x) + minimum(0, expm1(x))",
                 "log1p(x**2)**1.5 - 1e-5*x + pi*e", "leaky_relu(x)*log_sigmoid(-x)/(1 + x**2)",
                 "sin(beta*x)/beta + gamma*cos(x) - tan(x/4);beta=2;gamma=0.5"):  # fmt: skip
        d = actplot.get(f"expr:{text}").definition
        for tex in (d.formula, d.derivative):
            parser.parse(f"${tex}$")


def test_a_fragile_expression_is_told_and_its_stable_form_suggested(run):
    caveats = actplot.get("expr:log(1 + exp(x))").caveats
    assert caveats[0] == "f is inf for x > 709.78: exp(x) is inf there first"
    assert "write softplus(x) for log(1 + exp(x)), which overflows for large arguments" in caveats
    assert not actplot.get("expr:softplus(x)").caveats
    info = run("info", "expr:log(1 + exp(x))").output
    assert "Numerics" in info and "write softplus(x)" in info
    compared = run("compare", "expr:log(1 + exp(x))", "softplus", "--no-cost", "--no-plot").output
    assert "log(1 + exp(x)): write softplus(x) for log(1 + exp(x))" in compared
    data = json.loads(run("compare", "expr:1/(1 + exp(-x))", "--no-cost", "--no-plot",
                          "--format", "json").output)  # fmt: skip
    told = data["activations"][0]["caveats"]
    assert "f′ is nan for x < -709.78: exp(-x) is inf there first" in told
    assert (
        "write sigmoid(x) for 1/(1 + exp(-x)), which overflows to nan or loses digits in a tail"
        in told
    )


@pytest.mark.parametrize(
    "text, stable",
    [("exp(x) - 1", "expm1(x)"), ("log(1 + x**2)", "log1p(x**2)"), ("1 + erf(x)", "erfc(-x)"),
     ("1 - erf(x/2)", "erfc(x/2)"), ("1 - sigmoid(x)", "sigmoid(-x)"), ("exp(x)/(1 + exp(x))", "sigmoid(x)"),
     ("log(sigmoid(x))", "log_sigmoid(x)"), ("log1p(exp(2*x))", "softplus(2*x)"),
     ("(exp(x) - exp(-x))/(exp(x) + exp(-x))", "tanh(x)"), ("sqrt(x**2)", "abs(x)"),
     ("1 - tanh(x)**2", "4*sigmoid(2*x)*sigmoid(-2*x)")],
)  # fmt: skip
def test_each_fragile_pattern_has_its_stable_form(text, stable):
    assert any(f"write {stable} for" in c for c in actplot.get(f"expr:{text}").caveats)


def test_no_warning_and_nan_in_nan_out_for_any_input():
    # pytest turns a RuntimeWarning into an error
    for text in ("log(1 + exp(x))", "1/x", "x/x", "sqrt(x)", "log(x)**2", "x**x", "tan(x)",
                 "exp(exp(x))", "where(x > 1, log(x - 1), 0)", "erfc(x)*exp(x**2)",
                 "maximum(x, exp(-x)) - minimum(0, 1/x)", "x*sigmoid(x)", "2**x - x**-3"):  # fmt: skip
        f = actplot.get(f"expr:{text}")
        for y in orders(f, SPECIAL):
            assert y.shape == SPECIAL.shape and np.isnan(y[-1]), text


# what is refused ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [("x.real", "attribute access is not allowed ('x.real')"), ("x[0]", "subscripts are not allowed"),
     ("lambda: x", "lambdas are not allowed"), ("[x for x in (1, 2)]", "comprehensions are not allowed"),
     ("exp(x=1)", "keyword arguments are not allowed ('x=1')"), ("y*x", "unknown name 'y'"),
     ("sigmod(x)", "unknown function 'sigmod'; did you mean 'sigmoid'?"), ("'x'", "strings are not allowed"),
     ("(y := x)", "assignments are not allowed"), ("import os", "statements are not allowed ('import os')"),
     ("__import__('os')", "names with '__' are not allowed ('__import__')"),
     ("x.__class__", "attribute access is not allowed"), ("9**9**9**9", "'9**9**9' is inf in float64"),
     ("x if x > 0 else 0", "write where(condition, a, b)"), ("x > 0 and x < 1", "'and' and 'or' are not allowed"),
     ("x // 2", "the operator // is not allowed ('x // 2')"), ("x ^ 2", "a power is written **"),
     ("softmax(x)", "softmax is vector-valued"), ("where(x, 1, 0)", "must be a comparison such as x > 0"),
     ("(x > 0)*x", "'x > 0' is a condition"), ("exp(x, 2)", "exp takes 1 argument, got 2"),
     ("1j*x", "complex numbers are not allowed"), ("None", "'None' is not a number"),
     ("1/0", "'1/0' is inf in float64"), ("log(-1)*x", "'log(-1)' is nan in float64"),
     ("1e999*x", "'1e999' is beyond the float64 range"), ("exp", "'exp' is a function"),
     ("x(2)", "'x' is not a function"), ("", "empty"), ("x +", "cannot be read"),
     ("(" * 10_000 + "x" + ")" * 10_000, "longer than 1000 characters"),
     ("(" * 41 + "x" + ")" * 41, "brackets nested 41 deep; at most 40"),
     ("-" * 101 + "x", "nested 101+ operations deep"), ("+".join(["x"] * 102), "nested 101+"),
     ("+".join(["x*x*x"] * 90), "539 pieces"),
     ("x;a=1;b=2;c=3;d=4;f=5;g=6;h=7;k=8;m=9", "9 parameters; at most 8"),
     ("x*b*c;b=1,2,3,4,5,6,7,8,9;c=1,2,3,4,5,6,7,8", "sweeps 72 combinations")],
)  # fmt: skip
def test_refused_with_one_line_naming_the_piece(text, message):
    with pytest.raises(actplot.ActplotError) as refused:
        actplot.get(f"expr:{text}")
    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_a_second_derivative_too_large_is_refused(monkeypatch):
    from actplot.expressions import define

    monkeypatch.setattr(define, "MAX_SIZE", 50)
    actplot.get("expr:" + "*".join(f"sin({k}*x)" for k in range(1, 4)))
    with pytest.raises(ExpressionError, match=r"its second derivative has \d+ pieces; at most 50"):
        actplot.get("expr:" + "*".join(f"sin({k}*x)" for k in range(1, 9)))


# fuzzing: random valid expressions against mpmath, random invalid ones against the CLI --------

UNARY = ("exp", "sin", "cos", "tanh", "arctan", "erf", "erfc", "expm1", "sigmoid", "softplus",
         "gelu", "gelu_tanh", "swish", "mish", "log_sigmoid", "gaussian", "squareplus",
         "tanhshrink")  # fmt: skip
POSITIVE = ("log(1 + ({})**2)", "sqrt(1 + ({})**2)", "log1p(({})**2)", "(1 + ({})**2)**-1.5")
NUMBERS = st.sampled_from(["0.5", "1.5", "2", "3", "0.25", "pi", "e", "b"])


def _expressions(depth: int) -> st.SearchStrategy[str]:
    leaf = st.just("x") | NUMBERS
    if depth == 0:
        return leaf
    inner = _expressions(depth - 1)
    return st.one_of(
        leaf,
        st.tuples(st.sampled_from(UNARY), inner).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(st.sampled_from(POSITIVE), inner).map(lambda t: t[0].format(t[1])),
        st.tuples(inner, st.sampled_from("+-*"), inner).map(lambda t: f"({t[0]}) {t[1]} ({t[2]})"),
        st.tuples(inner, inner).map(lambda t: f"({t[0]}) / (2 + ({t[1]})**2)"),
        st.tuples(inner, st.sampled_from(["2", "3"])).map(lambda t: f"({t[0]})**{t[1]}"),
        inner.map(lambda t: f"-({t})"),
    )


EXPRESSIONS = _expressions(3)
_MP = {"exp": mp.exp, "sin": mp.sin, "cos": mp.cos, "erf": mp.erf, "erfc": mp.erfc,
       "expm1": mp.expm1, "log": mp.log, "sqrt": mp.sqrt, "log1p": mp.log1p}  # fmt: skip
_MP_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
           ast.Div: lambda a, b: a / b, ast.Pow: lambda a, b: a**b}  # fmt: skip


def mp_function(text: str, b: float):
    """The expression as an mpmath function of x, read from its text independently of actplot:
    the activations by the references of tests/reference.py."""
    tree = ast.parse(text, mode="eval").body

    def value(node, x):
        if isinstance(node, ast.Constant):
            return mpf(float(node.value))
        if isinstance(node, ast.Name):
            return {"x": x, "pi": mpf(math.pi), "e": mpf(math.e), "b": mpf(b)}[node.id]
        if isinstance(node, ast.UnaryOp):
            return -value(node.operand, x)
        if isinstance(node, ast.BinOp):
            return _MP_OPS[type(node.op)](value(node.left, x), value(node.right, x))
        name, u = node.func.id, value(node.args[0], x)
        if name in _MP:
            return _MP[name](u)
        ref = ELEMENTWISE[name]
        return ref.f(u, **mp_params(ref.defaults))

    return lambda x: value(tree, x)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRESSIONS, st.floats(-2.5, 2.5), st.sampled_from([0.5, 1.702]))
def test_symbolic_derivatives_agree_with_mpmath_numerical_differentiation(text, x0, b):
    try:
        f = actplot.get(f"expr:{text}" + (f";b={b}" if "b" in text else ""))
    except actplot.ExpressionError as e:  # exp(exp(exp(2))): a constant beyond float64
        assume("every constant part must be a finite number" not in str(e))
        raise
    F = mp_function(text, b)
    with mp.workdps(40):
        want = [F(mpf(x0)), mp.diff(F, mpf(x0), 1), mp.diff(F, mpf(x0), 2)]
    assume(all(isinstance(w, mpf) and abs(w) < 1e12 for w in want))
    for order, w in enumerate(want):
        got = float(f.evaluate(x0, order))
        # float64 evaluation of a random formula: rounding of its terms, not of the result
        assert abs(got - float(w)) <= 1e-9 * (1 + abs(float(w))), (text, x0, order, got, w)


FORBIDDEN = ["x.real", "x[0]", "lambda: x", "[x for x in (1, 2)]", "exp(x=1)", "y", "foo(x)",
             "'text'", "__import__('os')", "x if x else 1", "x and 1", "x // 2", "x % 2", "x @ x",
             "~x", "not x", "1j", "None", "(x := 1)", "{x}", "(x, 1)", "x is x", "x in x",
             "print(x)", "open('f')", "9**9**9**9", "1/0", "softmax(x)", "where(x, 1, 2)",
             "(x > 0)", "exp(x, x)", "*x", "f'{x}'", "await x", "(yield x)", "os.system('ls')",
             "(" * 60 + "x" + ")" * 60, "eval('1')", "x.__class__.__bases__", "globals()"]  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    EXPRESSIONS,
    st.sampled_from(FORBIDDEN),
    st.sampled_from(
        [
            "{v} + {bad}",
            "{bad} * ({v})",
            "sin({bad}) - {v}",
            "where(x > 0, {bad}, {v})",
            "{bad}",
            "({v})**({bad})",
        ]
    ),
)
def test_invalid_expressions_are_usage_errors_without_traceback(run, valid, bad, shape):
    result = run("table", "expr:" + shape.format(v=valid, bad=bad).replace("b", "2"), "--x", "1")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("x()+-*/<>=,.;:e12 abcsinwhr_'[]"), max_size=40)
       | st.text(max_size=30))  # fmt: skip
def test_any_text_after_expr_is_an_activation_or_a_clear_error(text):
    try:
        acts = parse_spec("expr:" + text)
    except actplot.ActplotError as e:
        assert str(e) and "\n" not in str(e)
    else:
        for act in acts:
            orders(act, SPECIAL)


def test_an_expression_registered_by_name_is_drawn_here_not_by_a_worker(tmp_path, monkeypatch):
    len(actplot.REGISTRY)  # loaded before it is copied, so that the copy is the whole of it
    for attr in ("_by_name", "_aliases", "_folded"):
        monkeypatch.setattr(actplot.REGISTRY, attr, dict(getattr(actplot.REGISTRY, attr)))
    definition = actplot.get("expr:squashed=2*tanh(x/2)").definition
    actplot.register(definition)
    assert not portable(definition)  # a fresh process knows no activation of that name
    from actplot.gallery import generate

    generate(tmp_path, names=["squashed"], jobs=2)
    assert (tmp_path / "squashed.png").stat().st_size > 0
