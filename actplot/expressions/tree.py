"""The symbolic tree of an expression: its nodes, constructors that simplify, and the exact
derivative.

Nodes are interned: two nodes built from the same operation on the same children are the same
object.  So a tree is a DAG in which a repeated piece (the quotient q in the derivative of
a/b, which reuses q) is stored and evaluated once, and equality is identity, which no depth of
nesting can make slow.

Every walk over a tree here is iterative (:func:`postorder`), so a derivative's depth, which
grows with each differentiation, never meets Python's recursion limit.

The plain constructor :func:`make` keeps what it is given: the tree of an expression as the user
wrote it is built with it, so that it is shown and evaluated as written.  The simplifying ones
(:func:`add`, :func:`mul`, ...) drop the 0 and 1 terms a derivative is full of and fold sums
and products of numbers where the result is exact; :func:`derivative` builds with them.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .functions import Function

# operations
NUM = "num"  # value: the float
CONST = "const"  # value: "pi" or "e"
X = "x"
PARAM = "param"  # value: the parameter's name
NEG = "neg"
ADD, SUB, MUL, DIV, POW = "+", "-", "*", "/", "**"
CALL = "call"  # value: (Function, order of its derivative); one argument
MAX, MIN = "max", "min"
WHERE = "where"  # args: condition, value where it holds, value elsewhere
CMP = "cmp"  # value: the operators of a chained comparison, args: the operands

CONDITION_OPS = {"<", "<=", ">", ">=", "==", "!="}


class Node:
    """One operation on its argument nodes.  Build nodes with :func:`make` (or the simplifying
    constructors), never directly: interning is what makes equal trees the same object."""

    __slots__ = ("__weakref__", "args", "has_x", "op", "value")

    op: str
    args: tuple[Node, ...]
    value: Any
    has_x: bool  # whether it depends on x (a constant part does not)

    def __repr__(self) -> str:  # formulas.text writes the whole tree
        value = "" if self.value is None else f" {self.value!r}"
        return f"<Node {self.op}{value}, {len(self.args)} args>"

    @property
    def is_condition(self) -> bool:
        return self.op == CMP


_INTERNED: weakref.WeakValueDictionary[tuple, Node] = weakref.WeakValueDictionary()


def _key(op: str, args: tuple[Node, ...], value: Any) -> tuple:
    # -0.0 and 0.0 are equal as floats but not as numbers to compute with; nan is not even
    # equal to itself.  Their text tells them apart.
    v = repr(value) if op == NUM else value
    if op == CALL:
        v = (id(value[0]), value[1])  # a Function is one object per name and registry
    return (op, v, tuple(id(a) for a in args))


def make(op: str, args: tuple[Node, ...] = (), value: Any = None) -> Node:
    """The node for ``op`` on ``args``, as given (no simplification).

    Interned by the identity of the children: a live node keeps its children alive, so their
    ids cannot be reused while its entry exists."""
    key = _key(op, args, value)
    node = _INTERNED.get(key)
    if node is None:
        node = Node()
        node.op, node.args, node.value = op, args, value
        if op == CALL:
            node.value = (value[0], value[1])
        node.has_x = op == X or any(a.has_x for a in args)
        _INTERNED[key] = node
    return node


def num(v: float) -> Node:
    return make(NUM, (), float(v))


ZERO, ONE, TWO = num(0.0), num(1.0), num(2.0)
VARIABLE = make(X)


def call(function: Function, arg: Node, order: int = 0) -> Node:
    return make(CALL, (arg,), (function, order))


def postorder(root: Node) -> list[Node]:
    """Every distinct node of the DAG under ``root``, children before parents."""
    out: list[Node] = []
    seen: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            out.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        stack.extend((a, False) for a in reversed(node.args) if id(a) not in seen)
    return out


def size(root: Node) -> int:
    """The number of distinct nodes: what evaluation costs."""
    return len(postorder(root))


def rebuild(root: Node, rewrite: Callable[[Node, tuple[Node, ...]], Node | None]) -> Node:
    """The tree with each node, bottom up, replaced by ``rewrite(node, new_args)`` where that
    is not None, and otherwise rebuilt on its new arguments."""
    new: dict[int, Node] = {}
    for node in postorder(root):
        args = tuple(new[id(a)] for a in node.args)
        replaced = rewrite(node, args)
        if replaced is None:
            replaced = node if args == node.args else make(node.op, args, node.value)
        new[id(node)] = replaced
    return new[id(root)]


def nodes(root: Node) -> Iterator[Node]:
    return iter(postorder(root))


# simplifying constructors ----------------------------------------------------------------------


def _is(node: Node, v: float) -> bool:
    return node.op == NUM and node.value == v


def _exact(a: float, b: float, op: Callable[[Any, Any], Any]) -> Node | None:
    """a op b as a number, if the float result is exact (3 - 1, 2 * 0.5; not 1.702 - 1)."""
    result = op(a, b)
    if math.isfinite(result) and Fraction(result) == op(Fraction(a), Fraction(b)):
        return num(result)
    return None


def neg(a: Node) -> Node:
    if a.op == NEG:
        return a.args[0]
    if a.op == NUM:
        return num(-a.value) if a.value != 0 else ZERO
    return make(NEG, (a,))


def add(a: Node, b: Node) -> Node:
    if _is(a, 0):
        return b
    if _is(b, 0):
        return a
    if a.op == NUM and b.op == NUM and (folded := _exact(a.value, b.value, _plus)):
        return folded
    if a is b:
        return mul(TWO, a)  # a + a is 2a, exactly
    if b.op == NEG:
        return sub(a, b.args[0])
    if b.op == ADD and b.args[0] is a:  # a + (a + c): like terms, (2a) + c
        return add(mul(TWO, a), b.args[1])
    return make(ADD, (a, b))


def sub(a: Node, b: Node) -> Node:
    if _is(b, 0):
        return a
    if _is(a, 0):
        return neg(b)
    if a.op == NUM and b.op == NUM and (folded := _exact(a.value, b.value, _minus)):
        return folded
    if b.op == NEG:
        return add(a, b.args[0])
    return make(SUB, (a, b))


def mul(a: Node, b: Node) -> Node:
    # 0 * anything is 0 here, inf and nan included: a derivative's zero terms are exact zeros
    if _is(a, 0) or _is(b, 0):
        return ZERO
    if _is(a, 1):
        return b
    if _is(b, 1):
        return a
    if _is(a, -1):
        return neg(b)
    if _is(b, -1):
        return neg(a)
    if a.op == NUM and b.op == NUM and (folded := _exact(a.value, b.value, _times)):
        return folded
    if a.op == NEG:
        return neg(mul(a.args[0], b))
    if b.op == NEG:
        return neg(mul(a, b.args[0]))
    if b.op == NUM and a.op != NUM:
        a, b = b, a  # the number first, as one writes 2x (a product commutes exactly)
    return make(MUL, (a, b))


def div(a: Node, b: Node) -> Node:
    if _is(a, 0):
        return ZERO
    if _is(b, 1):
        return a
    if a.op == NEG:
        return neg(div(a.args[0], b))
    return make(DIV, (a, b))


def power(a: Node, b: Node) -> Node:
    if _is(b, 1):
        return a
    if _is(b, 0):
        return ONE
    return make(POW, (a, b))


def where(cond: Node, a: Node, b: Node) -> Node:
    return a if a is b else make(WHERE, (cond, a, b))


def compare(op: str, a: Node, b: Node) -> Node:
    return make(CMP, (a, b), (op,))


def _plus(a, b):
    return a + b


def _minus(a, b):
    return a - b


def _times(a, b):
    return a * b


# the derivative --------------------------------------------------------------------------------


def derivative(root: Node, log: Function) -> Node:
    """d root / dx, exact: the chain rule over the tree, simplified as it is built.

    ``log`` is the logarithm, which the derivative of a power with x in its exponent needs.
    """
    d: dict[int, Node] = {}
    for node in postorder(root):
        if node.op == CMP:
            continue  # a condition: only where's first argument, never differentiated
        if not node.has_x:
            d[id(node)] = ZERO
            continue
        da = [d.get(id(a)) for a in node.args]
        d[id(node)] = _rule(node, da, log)
    return d[id(root)]


def _rule(node: Node, da: list[Node | None], log: Function) -> Node:
    op, args = node.op, node.args
    if op == X:
        return ONE
    if op == NEG:
        return neg(da[0])  # type: ignore[arg-type]
    if op in (ADD, SUB):
        return (add if op == ADD else sub)(da[0], da[1])  # type: ignore[arg-type]
    if op == MUL:
        return add(mul(da[0], args[1]), mul(args[0], da[1]))  # type: ignore[arg-type]
    if op == DIV:
        # (a/b)' = (a' - q b') / b with q = a/b itself: no b^2 to overflow
        a_, b_ = da
        if b_ is ZERO:
            return div(a_, args[1])  # type: ignore[arg-type]
        return div(sub(a_, mul(node, b_)), args[1])  # type: ignore[arg-type]
    if op == POW:
        base, exponent = args
        db, de = da
        if not exponent.has_x:  # (u^c)' = c u^(c - 1) u'
            return mul(mul(exponent, power(base, sub(exponent, ONE))), db)  # type: ignore[arg-type]
        log_base = ONE if base.op == CONST and base.value == "e" else call(log, base)
        if not base.has_x:  # (c^v)' = c^v log(c) v'
            return mul(mul(node, log_base), de)  # type: ignore[arg-type]
        # (u^v)' = u^v (v' log u + v u'/u)
        return mul(node, add(mul(de, log_base), div(mul(exponent, db), base)))  # type: ignore[arg-type]
    if op == CALL:
        function, order = node.value
        return mul(function.derivative(args[0], order), da[0])  # type: ignore[arg-type]
    if op in (MAX, MIN):
        # at a tie, the second argument's derivative: maximum(x, 0) has relu's relu'(0) = 0
        cond = compare(">" if op == MAX else "<", args[0], args[1])
        return where(cond, da[0], da[1])  # type: ignore[arg-type]
    if op == WHERE:
        return where(args[0], da[1], da[2])  # type: ignore[arg-type]
    raise AssertionError(f"no derivative rule for {op}")  # every operation has one above
