"""The functions an expression may call, each with its numpy implementation, its derivative as
a tree, and how it is written.

Two kinds:

- the mathematical functions of the whitelist (exp, log, sqrt, ...), whose derivatives are
  trees of other functions (log' = 1/u), so that ``info`` can show them as formulas;
- every registered elementwise activation, called with its default parameters and evaluated
  by its own stable implementation; its derivatives are its registered ones (f' and f''),
  so ``gelu(x)`` keeps every digit ``gelu`` has.

A few internal functions stand for pieces the derivatives need in a stable form (sign, the
Gaussian e^(-u^2)) or for a composition of stable pieces that a built-in computes as one
(:data:`FUSED`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..activation import Activation, Definition
from ..library._erfc import erfc as _erfc
from ..library._math import exp_neg_square
from .tree import ONE, TWO, ZERO, Node, call, div, make, mul, neg, num, power

Evaluate = Callable[[np.ndarray], np.ndarray]

# what a call's argument looks like when written: its LaTeX, or its text
Writer = Callable[[str, int], str]


@dataclass(eq=False)
class Function:
    """A function of one argument: its evaluations by derivative order (the mathematical ones
    have order 0 only) and its derivative as a tree.

    ``derivative(u, order)`` is d/du of the order-th derivative at the node u.  ``latex`` and
    ``text`` write f^(order)(argument) given the argument already written.  ``smooth``:
    whether it has no kink or jump (abs has one), for the kink convention an expression states.
    """

    name: str
    evaluate: tuple[Evaluate, ...]
    derivative: Callable[[Node, int], Node]
    latex: Writer
    text: Writer
    smooth: bool = True
    definition: Definition | None = None  # the activation it is, if it is one


def _erf(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    flat = np.fromiter(map(math.erf, x.ravel().tolist()), np.float64, x.size)
    return flat.reshape(x.shape)


def _prime(order: int) -> str:
    return "'" * order


def _named(tex_name: str, text_name: str | None = None) -> tuple[Writer, Writer]:
    """Writers of a call f(u) as \\name(u) and name(u), with primes for its derivatives."""
    plain = text_name or tex_name.lstrip("\\")
    return (
        lambda arg, order: f"{tex_name}{_prime(order)}({arg})",
        lambda arg, order: f"{plain}{_prime(order)}({arg})",
    )


def _mathrm(name: str) -> tuple[Writer, Writer]:
    escaped = name.replace("_", r"\_")
    return (
        lambda arg, order: rf"\mathrm{{{escaped}}}{_prime(order)}({arg})",
        lambda arg, order: f"{name}{_prime(order)}({arg})",
    )


def _math(
    name: str,
    evaluate: Evaluate,
    derivative: Callable[[Node], Node],
    writers: tuple[Writer, Writer],
    smooth: bool = True,
) -> Function:
    return Function(name, (evaluate,), lambda u, order: derivative(u), *writers, smooth=smooth)


# internal pieces: not callable from an expression, written as the mathematics they are
SIGN = _math("sign", np.sign, lambda u: ZERO, _mathrm("sign"), smooth=False)
GAUSS = Function(
    "gauss",
    (lambda u: exp_neg_square(u),),  # e^(-u^2) with u^2 carried exactly
    lambda u, order: mul(mul(num(-2.0), u), call(GAUSS, u)),
    lambda arg, order: f"e^{{-({arg})^2}}" if len(arg) > 1 else f"e^{{-{arg}^2}}",
    lambda arg, order: f"exp(-({arg})**2)" if len(arg) > 1 else f"exp(-{arg}**2)",
)

# the mathematical functions of the whitelist ------------------------------------------------
EXP = _math(
    "exp",
    np.exp,
    lambda u: call(EXP, u),
    (lambda arg, order: f"e^{{{arg}}}", lambda arg, order: f"exp({arg})"),
)
EXPM1 = _math("expm1", np.expm1, lambda u: call(EXP, u), _mathrm("expm1"))
LOG = _math("log", np.log, lambda u: div(ONE, u), _named(r"\log"))
LOG1P = _math("log1p", np.log1p, lambda u: div(ONE, make("+", (ONE, u))), _mathrm("log1p"))
SQRT = _math(
    "sqrt",
    np.sqrt,
    lambda u: div(ONE, mul(TWO, call(SQRT, u))),
    (lambda arg, order: rf"\sqrt{{{arg}}}", lambda arg, order: f"sqrt({arg})"),
)
ABS = _math(
    "abs",
    np.abs,
    lambda u: call(SIGN, u),  # abs'(0) = sign(0) = 0
    (lambda arg, order: f"|{arg}|", lambda arg, order: f"abs({arg})"),
    smooth=False,
)
SIN = _math("sin", np.sin, lambda u: call(COS, u), _named(r"\sin"))
COS = _math("cos", np.cos, lambda u: neg(call(SIN, u)), _named(r"\cos"))
TAN = _math("tan", np.tan, lambda u: div(ONE, power(call(COS, u), TWO)), _named(r"\tan"))
# erf' = (2/sqrt(pi)) e^(-u^2), its constant written as such
_TWO_OVER_ROOT_PI = div(TWO, call(SQRT, make("const", (), "pi")))
ERF = _math("erf", _erf, lambda u: mul(_TWO_OVER_ROOT_PI, call(GAUSS, u)), _mathrm("erf"))
ERFC = _math("erfc", _erfc, lambda u: neg(mul(_TWO_OVER_ROOT_PI, call(GAUSS, u))), _mathrm("erfc"))

MATH: dict[str, Function] = {
    f.name: f for f in (EXP, EXPM1, LOG, LOG1P, SQRT, ABS, SIN, COS, TAN, ERF, ERFC)
}
# functions of two or three arguments, which are nodes of their own
SPECIAL = {"maximum": 2, "minimum": 2, "where": 3}
# the whitelist's tanh and arctan are the registered activations of those names
FROM_REGISTRY = ("tanh", "arctan")
NAMES = (*MATH, "tanh", "arctan", *SPECIAL)


# registered activations --------------------------------------------------------------------

_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh", "arctan": r"\arctan"}


def activation(definition: Definition) -> Function:
    """A registered elementwise activation as a function of an expression: its own fn, f'
    and f'', at its default parameters, through :class:`Activation` (which keeps nan in, nan
    out and raises no warning)."""
    act = Activation(definition, tuple((p.name, p.default) for p in definition.params))
    name = definition.name
    tex = _named(_TEX[name], name) if name in _TEX else _mathrm(name)

    def derivative(u: Node, order: int) -> Node:
        if order >= 2:  # expressions are differentiated twice, from order 0: never reached
            raise AssertionError(f"{name} has no registered derivative of order {order + 1}")
        return call(function, u, order + 1)

    function = Function(
        name,
        (act, lambda u: act.grad(u, 1), lambda u: act.grad(u, 2)),
        derivative,
        *tex,
        smooth=not _kinked(act),
        definition=definition,
    )
    return function


def _kinked(act: Activation) -> bool:
    """Whether a definition declares (or, declaring nothing, states a convention for) a kink."""
    facts = act.facts
    if facts is not None:
        return bool(facts.breaks)
    return act.definition.convention is not None


# compositions evaluated as one stable piece --------------------------------------------------


def _mish_pieces() -> tuple[Evaluate, Evaluate, Evaluate]:
    # mish's own gate, so that x*tanh(softplus(x)) is mish to the last bit, derivatives too
    from ..library.smooth import _mish_gate, _mish_gate_d2

    def d2(u: np.ndarray) -> np.ndarray:
        s, r, _, dg = _mish_gate(u)
        return _mish_gate_d2(s, r, dg)

    return (lambda u: _mish_gate(u)[2], lambda u: _mish_gate(u)[3], d2)


def _fused_derivative(u: Node, order: int) -> Node:
    return call(TANH_SOFTPLUS, u, order + 1)


TANH_SOFTPLUS = Function(
    "tanh_softplus",
    _mish_pieces(),
    _fused_derivative,
    lambda arg, order: rf"\tanh(\mathrm{{softplus}}({arg})){_prime(order)}",
    lambda arg, order: f"tanh(softplus({arg})){_prime(order)}",
)

# (outer, inner) registered activations -> the function computing outer(inner(u)) in one piece
FUSED: dict[tuple[str, str], Function] = {("tanh", "softplus"): TANH_SOFTPLUS}


def fuse(node: Node, args: Sequence[Node]) -> Node | None:
    """A call of an activation on a call of another, replaced by their fused piece where
    there is one (tree.rebuild's rewrite); None elsewhere."""
    if node.op != "call" or args[0].op != "call":
        return None
    (outer, k), (inner, j) = node.value, args[0].value
    if k or j or outer.definition is None or inner.definition is None:
        return None
    fused = FUSED.get((outer.definition.name, inner.definition.name))
    return None if fused is None else call(fused, args[0].args[0])


__all__ = ["FUSED", "MATH", "NAMES", "SPECIAL", "Function", "activation", "fuse", "num"]
