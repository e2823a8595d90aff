"""An expression's tree written out: as LaTeX (matplotlib mathtext, what a Definition's formula
is, shown by ``info`` and in figures) and as text in the expression language itself (what
messages quote).

Both walk the tree bottom up without recursion, each node giving its text and its precedence,
from which its parent decides on brackets.
"""

from __future__ import annotations

import math

from ..numbers import format_number
from .tree import (
    ADD,
    CALL,
    CMP,
    CONST,
    DIV,
    MAX,
    MIN,
    MUL,
    NEG,
    NUM,
    PARAM,
    POW,
    SUB,
    WHERE,
    Node,
    postorder,
)

# precedences: higher binds tighter
ATOM, FRAC, POWER, UNARY, PRODUCT, SUM, RELATION, PIECEWISE = 100, 95, 90, 80, 70, 60, 50, 40
MAX_CHARS = 4000  # a longer formula is not worth showing (a second derivative can be huge)

# parameters with these names are written as the letter (tex.plain knows each); not sigma,
# which stands for the sigmoid
GREEK = {"alpha", "beta", "gamma", "delta", "theta", "kappa", "mu", "tau", "omega"}
_TEX_RELATIONS = {"<": "<", "<=": r"\leq", ">": ">", ">=": r"\geq", "==": "=", "!=": r"\neq"}
_OPERATOR_PRECEDENCE = {ADD: SUM, SUB: SUM, MUL: PRODUCT, DIV: PRODUCT, POW: POWER}


class TooLong(Exception):
    """A formula past MAX_CHARS."""


def number_text(v: float) -> str:
    """A number as the expression language writes it: every digit, 2 not 2.0."""
    return format_number(v, None, trim=True)


def _number_tex(v: float) -> str:
    text = number_text(v)
    mantissa, e, exponent = text.partition("e")
    if not e:
        return text
    power = f"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else rf"{mantissa} \cdot {power}"


def _param_tex(name: str) -> str:
    if name in GREEK:
        return "\\" + name
    if len(name) == 1:
        return name
    return r"\mathrm{" + name.replace("_", r"\_") + "}"


def latex(root: Node) -> str:
    """The tree as mathtext: ``x\\,\\tanh(\\mathrm{softplus}(x))``.  Raises TooLong past
    MAX_CHARS."""
    return _write(root, tex=True)


def text(root: Node) -> str:
    """The tree in the expression language: ``x*tanh(softplus(x))`` (derivatives of the
    activations it calls are written with primes, softplus'(x), which the language itself
    does not have).  Raises TooLong past MAX_CHARS."""
    return _write(root, tex=False)


def _write(root: Node, tex: bool) -> str:
    done: dict[int, tuple[str, int]] = {}
    for node in postorder(root):
        s, prec = _node(node, [done[id(a)] for a in node.args], tex, node is root)
        if len(s) > MAX_CHARS:
            raise TooLong
        done[id(node)] = (s, prec)
    return done[id(root)][0]


def _wrap(part: tuple[str, int], above: int) -> str:
    s, prec = part
    if prec >= above:
        return s
    return f"({s})"


def _node(node: Node, parts: list[tuple[str, int]], tex: bool, root: bool) -> tuple[str, int]:
    op = node.op
    if op == NUM:
        v = node.value
        body = (_number_tex if tex else number_text)(abs(v))
        return (f"-{body}", UNARY) if math.copysign(1.0, v) < 0 else (body, ATOM)
    if op == CONST:
        return ("\\pi" if tex and node.value == "pi" else node.value), ATOM
    if op == "x":
        return "x", ATOM
    if op == PARAM:
        return (_param_tex(node.value) if tex else node.value), ATOM
    if op == NEG:
        return "-" + _wrap(parts[0], UNARY + 1), UNARY
    if op in _OPERATOR_PRECEDENCE:
        return _binary(op, parts, tex)
    if op == CALL:
        function, order = node.value
        write = function.latex if tex else function.text
        arg = parts[0][0]
        exponential = tex and function.name in ("exp", "gauss") and order == 0
        return write(arg, order), POWER if exponential else ATOM
    if op in (MAX, MIN):
        a, b = parts[0][0], parts[1][0]
        if tex:
            return rf"\{op}({a},\ {b})", ATOM
        return f"{op}imum({a}, {b})", ATOM
    if op == CMP:
        pieces = [_wrap(parts[0], RELATION + 1)]
        for relation, part in zip(node.value, parts[1:], strict=True):
            symbol = _TEX_RELATIONS[relation] if tex else relation
            pieces += [symbol, _wrap(part, RELATION + 1)]
        return " ".join(pieces), RELATION
    if op == WHERE:
        cond, a, b = (p[0] for p in parts)
        if tex and root:  # written as the pieces it has, as the built-in formulas are
            return rf"{a}\ ({cond}),\ \ {b}\ (\mathrm{{otherwise}})", PIECEWISE
        if tex:
            return rf"\mathrm{{where}}({cond},\ {a},\ {b})", ATOM
        return f"where({cond}, {a}, {b})", ATOM
    raise AssertionError(f"cannot write {op}")


def _binary(op: str, parts: list[tuple[str, int]], tex: bool) -> tuple[str, int]:
    prec = _OPERATOR_PRECEDENCE[op]
    left, right = parts
    if op == POW:
        # the base must be an atom (a fraction as a base is bracketed too); the exponent is a
        # group of its own in LaTeX, and binds from the right in the language
        base = _wrap(left, ATOM if tex else POWER + 1)
        if tex:
            return f"{base}^{{{right[0]}}}", POWER
        return f"{base}**{_wrap(right, POWER)}", POWER
    if tex and op == DIV:
        return rf"\frac{{{left[0]}}}{{{right[0]}}}", FRAC
    if tex:
        # as mathematics: a + (b + c) and a (b c) need no brackets, a - (b - c) does
        lhs = _wrap(left, prec)
        rhs = _wrap(right, prec + (op == SUB))
        if op == MUL:
            starts_number = rhs[:1].isdigit() or rhs.startswith(("-", r"\frac"))
            return lhs + (r" \cdot " if starts_number else r"\,") + rhs, prec
        return f"{lhs} {op} {rhs}", prec
    # as written: the right operand in brackets unless it binds tighter (x - (a + b))
    lhs, rhs = _wrap(left, prec), _wrap(right, prec + 1)
    spaced = f" {op} " if op in (ADD, SUB) else op
    return lhs + spaced + rhs, prec
