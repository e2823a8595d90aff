"""Evaluating a tree with numpy: each node once, in order, freeing what is no longer needed.

IEEE arithmetic throughout, with every floating-point warning silenced: an expression warns
about nothing for any input, and gives what its formula gives (inf, nan) where its formula
overflows or is undefined.  ``fragile`` reports those places.

Conditions evaluate to 1.0 where they hold, 0.0 where they do not and nan where they compare a
nan, so that ``where(c, a, b)`` is nan there too, as the other operations are.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from .tree import CALL, CMP, CONST, MAX, MIN, NEG, NUM, PARAM, WHERE, Node, X, postorder

Visit = Callable[[Node, np.ndarray, Sequence[np.ndarray]], None]

_BINARY = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "**": np.power}
_RELATIONS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
_CONSTANTS = {"pi": math.pi, "e": math.e}


def apply(node: Node, args: Sequence[Any], params: Mapping[str, float]) -> Any:
    """The value of one node from the values of its arguments (x itself is given, not
    computed).  Call under np.errstate(all="ignore")."""
    op = node.op
    if op == NUM:
        return np.float64(node.value)
    if op == CONST:
        return np.float64(_CONSTANTS[node.value])
    if op == PARAM:
        return np.float64(params[node.value])
    if op in _BINARY:
        return _BINARY[op](args[0], args[1])
    if op == NEG:
        return np.negative(args[0])
    if op == CALL:
        function, order = node.value
        return function.evaluate[order](np.asarray(args[0], dtype=np.float64))
    if op == MAX:
        return np.maximum(args[0], args[1])
    if op == MIN:
        return np.minimum(args[0], args[1])
    if op == CMP:
        return _condition(node.value, args)
    if op == WHERE:
        cond, a, b = args
        return np.where(np.isnan(cond), np.nan, np.where(cond > 0.5, a, b))
    raise AssertionError(f"cannot evaluate {op}")


def _condition(relations: Sequence[str], operands: Sequence[Any]) -> Any:
    """A chained comparison a < b < c as 1.0 / 0.0, nan where it compares a nan."""
    out: Any = None
    for relation, a, b in zip(relations, operands, operands[1:], strict=False):
        holds = np.where(np.isnan(a) | np.isnan(b), np.nan, _RELATIONS[relation](a, b) * 1.0)
        out = holds if out is None else np.minimum(out, holds)  # minimum keeps a nan
    return out


class Program:
    """A tree ready to evaluate: ``program(x, **params)`` is its value, shaped as x."""

    def __init__(self, root: Node) -> None:
        self.root = root
        self.nodes = postorder(root)
        index = {id(n): i for i, n in enumerate(self.nodes)}
        self.args = [tuple(index[id(a)] for a in n.args) for n in self.nodes]
        last_use = list(range(len(self.nodes)))
        for i, args in enumerate(self.args):
            for j in args:
                last_use[j] = i
        # after node i, the values nothing later needs (the root is kept)
        self.free: list[list[int]] = [[] for _ in self.nodes]
        for j, i in enumerate(last_use):
            if j != len(self.nodes) - 1 and i != j:
                self.free[i].append(j)

    def __call__(self, x: np.ndarray, **params: float) -> np.ndarray:
        return self.run(np.asarray(x, dtype=np.float64), params)

    def run(
        self, x: np.ndarray, params: Mapping[str, float], visit: Visit | None = None
    ) -> np.ndarray:
        """The value at x; ``visit(node, value, argument values)`` sees every node's."""
        values: list[Any] = [None] * len(self.nodes)
        with np.errstate(all="ignore"):
            for i, node in enumerate(self.nodes):
                args = [values[j] for j in self.args[i]]
                values[i] = x if node.op == X else apply(node, args, params)
                if visit is not None:
                    visit(node, values[i], args)
                for j in self.free[i]:
                    values[j] = None
        y = np.asarray(values[-1], dtype=np.float64)
        if y.shape != x.shape:  # a constant, or a constant derivative: one value per x
            y = np.broadcast_to(y, x.shape)
        return y.copy() if y.base is not None or y is x else y
