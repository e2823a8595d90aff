"""Formulas as terminal text: what `actplot list` and `info` print in place of LaTeX."""

import pytest

import actplot
from actplot.tex import plain


@pytest.mark.parametrize(
    "tex, text",
    [(r"\frac{1}{1 + e^{-x}}", "1/(1 + e^(-x))"),
     # a quotient times a factor is bracketed: 1/β log(...) would read as 1/(β log(...))
     (r"\frac{1}{\beta}\log(1 + e^{\beta x})", "(1/β) log(1 + e^(βx))"),
     (r"\frac{x}{2}\,\mathrm{erfc}(-x/\sqrt{2})", "(x/2) erfc(-x/√2)"),
     (r"\frac{1}{6}\ \mathrm{if}\ x > 0", "1/6 if x > 0"),
     (r"2\tanh(x/2)", "2 tanh(x/2)"),
     (r"\frac{e^{x_i}}{\sum_j e^{x_j}}", "e^(x_i)/(Σ_j e^(x_j))"),
     (r"\frac{\partial s_i}{\partial x_j}", "∂s_i/∂x_j"),
     (r"\frac{1}{(1 + |x|)^2}", "1/(1 + |x|)^2"),
     (r"\log \sigma(x)", "log σ(x)")],
)  # fmt: skip
def test_plain_text_keeps_the_meaning(tex, text):
    assert plain(tex) == text


def _balanced(text):
    depth = 0
    for c in text:
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("definition", actplot.REGISTRY.values(), ids=lambda d: d.name)
def test_every_formula_renders_without_tex_left_over(definition):
    for tex in (definition.formula, definition.derivative):
        text = plain(tex)
        assert not set(text) & set("\\{}") and _balanced(text), text
