"""Where an expression is numerically fragile, and the stable form to write instead.

Two checks, whose findings ``info`` and ``compare`` print:

- :func:`patterns`: pieces written in a form known to overflow or lose digits, each with the
  function that computes the same thing stably: log(1 + exp(u)) is softplus(u), 1/(1 + exp(-u))
  is sigmoid(u), exp(u) - 1 is expm1(u), log(1 + u) is log1p(u), ...
- :func:`overflows`: f, f' and f'' evaluated as written on the grid that properties are
  measured on (the whole float64 line): where one is inf or nan, the piece that first became
  inf or nan there (from finite operands), and where, to adjacent floats.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from .._search import boundary, grid, runs, simplest
from ..numbers import PROSE, format_number
from .evaluate import Program
from .formulas import TooLong, text
from .parse import shorten
from .tree import ADD, CALL, CMP, DIV, NUM, POW, SUB, Node, neg, postorder

ORDER_NAMES = ("f", "f′", "f″")
MAX_PIECES = 2  # culprits reported per derivative order
MAX_RUNS = 3  # stretches described one by one; more are summarised


# patterns ------------------------------------------------------------------------------------


def _called(node: Node, name: str) -> Node | None:
    """u if node is name(u) (a function or an activation, not a derivative of one)."""
    if node.op == CALL and node.value[1] == 0 and node.value[0].name == name:
        return node.args[0]
    return None


def _is_one(node: Node) -> bool:
    return node.op == NUM and node.value == 1


def _one_plus(node: Node) -> Node | None:
    """u if node is 1 + u or u + 1."""
    if node.op != ADD:
        return None
    a, b = node.args
    return b if _is_one(a) else a if _is_one(b) else None


def _write(node: Node) -> str:
    try:
        return text(node)
    except TooLong:
        return "…"


def _match(node: Node) -> tuple[str, str] | None:
    """(stable form, what it replaces) if node is a fragile piece with a stable form."""
    if (inner := _called(node, "log")) is not None and (u := _one_plus(inner)) is not None:
        if (v := _called(u, "exp")) is not None:
            return f"softplus({_write(v)})", "overflows for large arguments"
        return f"log1p({_write(u)})", "loses the digits of a small argument"
    if (inner := _called(node, "log1p")) is not None and (v := _called(inner, "exp")) is not None:
        return f"softplus({_write(v)})", "overflows for large arguments"
    if (inner := _called(node, "log")) is not None and (v := _called(inner, "sigmoid")) is not None:
        return f"log_sigmoid({_write(v)})", "is -inf where sigmoid underflows"
    if node.op == DIV:
        num, den = node.args
        u = _one_plus(den)
        v = None if u is None else _called(u, "exp")
        if v is not None and _is_one(num):
            return f"sigmoid({_write(neg(v))})", "overflows to nan or loses digits in a tail"
        if v is not None and _called(num, "exp") is v:
            return f"sigmoid({_write(v)})", "is inf/inf = nan for large arguments"
        if num.op == SUB and den.op == ADD and num.args == den.args:
            u, v = (_called(a, "exp") for a in num.args)
            if u is not None and v is not None and v is neg(u):
                return f"tanh({_write(u)})", "is inf/inf = nan for large arguments"
    if node.op == SUB and _is_one(node.args[1]) and (v := _called(node.args[0], "exp")):
        return f"expm1({_write(v)})", "loses the digits of a small result"
    if node.op in (ADD, SUB) and _is_one(node.args[0]):
        other = node.args[1]
        if (v := _called(other, "erf")) is not None:
            stable = f"erfc({_write(neg(v) if node.op == ADD else v)})"
            return stable, "is 0, every digit lost, in a tail"
        if node.op == SUB and (v := _called(other, "sigmoid")) is not None:
            return f"sigmoid({_write(neg(v))})", "is 0, every digit lost, in a tail"
        square = _squared(other) if node.op == SUB else None
        if square is not None and (v := _called(square, "tanh")) is not None:
            u = _write(v)
            return f"4*sigmoid(2*{u})*sigmoid(-2*{u})", "is 0, every digit lost, in the tails"
    inner = _called(node, "sqrt")
    if inner is not None and (base := _squared(inner)) is not None:
        return f"abs({_write(base)})", "overflows for large arguments"
    return None


def _squared(node: Node) -> Node | None:
    """u if node is u**2."""
    if node.op == POW and node.args[1].op == NUM and node.args[1].value == 2:
        return node.args[0]
    return None


def patterns(tree: Node) -> list[str]:
    """A sentence for each piece of ``tree`` with a stable form, in reading order."""
    out = []
    for node in postorder(tree):
        found = _match(node)
        if found:
            stable, why = found
            out.append(f"write {stable} for {shorten(_write(node), 40)}, which {why}")
    return list(dict.fromkeys(out))


# overflow on the grid ------------------------------------------------------------------------


def _kinds(values: np.ndarray) -> str:
    kinds = [
        k
        for k, m in (
            ("inf", values == np.inf),
            ("-inf", values == -np.inf),
            ("nan", np.isnan(values)),
        )
        if np.any(m)
    ]
    return " or ".join(kinds)


def _num(v: float) -> str:
    return format_number(v, PROSE, trim=True)


def _introduced(node: Node, value: np.ndarray, args: Sequence[np.ndarray]) -> np.ndarray | None:
    """Where node's value is inf or nan although its operands are finite."""
    if not node.has_x or node.op == CMP:
        return None
    bad = ~np.isfinite(value)
    if not bad.any():
        return None
    for a in args:
        bad &= np.isfinite(a)
    return bad


def _places(x: np.ndarray, mask: np.ndarray, holds: Callable[[float], bool]) -> str:
    """Where mask holds on the grid x, in words ("for x > 709.78", "at x = 0"), each end
    refined to adjacent floats."""
    last = len(x) - 1
    stretches = runs(mask)
    if len(stretches) > MAX_RUNS:
        where = np.flatnonzero(mask)
        return (
            f"at {len(where)} of the grid's points, between x = {_num(x[where[0]])} and "
            f"{_num(x[where[-1]])}"
        )

    def edge(inside: int, outside: int, below: bool) -> str:
        """The end of a stretch: x < b or x <= b when it lies below b (x > a, x >= a above),
        whichever of the two adjacent floats at the end reads shorter."""
        ends = boundary(holds, x[inside], x[outside])
        last_in, first_out = (ends[0], ends[1]) if below else (ends[1], ends[0])
        shown = simplest(last_in, first_out)
        strict = shown != last_in
        return (
            f"{'<' if strict else '≤'} {_num(shown)}"
            if below
            else (f"{'>' if strict else '≥'} {_num(shown)}")
        )

    parts = []
    for i, j in stretches:
        if i == 0 and j == last:
            parts.append("every x")
        elif i == 0:
            parts.append(f"x {edge(j, j + 1, below=True)}")
        elif j == last:
            parts.append(f"x {edge(i, i - 1, below=False)}")
        elif i == j:
            parts.append(f"x = {_num(x[i])}")
        else:
            parts.append(f"{edge(i, i - 1, below=False)} and {edge(j, j + 1, below=True)}")
    if all(p.startswith("x = ") for p in parts):
        return "at " + " and ".join(parts)
    if len(parts) == 2 and parts[0][:4] in ("x < ", "x ≤ ") and parts[1][:4] in ("x > ", "x ≥ "):
        lo, hi = parts[0][4:], parts[1][4:]
        if lo == "-" + hi and (parts[0][2], parts[1][2]) in (("<", ">"), ("≤", "≥")):
            return f"for |x| {parts[1][2]} {hi}"
    return "for " + " and ".join(p if p.startswith("x") else f"x {p}" for p in parts)


def overflows(programs: Sequence[Program], params: Mapping[str, float]) -> list[str]:
    """For f, f' and f'' (the programs, in order): where each is inf or nan on the grid, and
    the pieces that became inf or nan there first, from finite operands."""
    x = grid()
    out = []
    for order, program in enumerate(programs):
        introduced: dict[int, tuple[Node, np.ndarray]] = {}

        def visit(node: Node, value: np.ndarray, args: Sequence[np.ndarray], seen=introduced):
            bad = _introduced(node, np.asarray(value), [np.asarray(a) for a in args])
            if bad is not None and bad.any():
                seen[id(node)] = (node, bad)

        result = program.run(x, params, visit)
        broken = ~np.isfinite(result)
        if not broken.any():
            continue
        where = _places(
            x, broken, lambda t, p=program: not np.isfinite(p.run(np.array([t]), params)[0])
        )
        line = f"{ORDER_NAMES[order]} is {_kinds(result[broken])} {where}"
        # the pieces that first went wrong, unless that is the whole: then the line says all
        culprits = [n for n, m in introduced.values() if np.any(m & broken)]
        if culprits and culprits != [program.root]:
            shown = [shorten(_write(n), 40) for n in culprits[:MAX_PIECES]]
            more = " and others" if len(culprits) > MAX_PIECES else ""
            verb = "is" if len(shown) == 1 and not more else "are"
            kinds = _kinds(
                np.concatenate(
                    [_value_at(program, params, n, x[broken]) for n in culprits[:MAX_PIECES]]
                )
            )
            line += f": {', '.join(shown)}{more} {verb} {kinds} there first"
        out.append(line)
    return out


def _broken_at(program: Program, params: Mapping[str, float]) -> Callable[[float], bool]:
    return lambda t: not np.isfinite(program.run(np.array([t]), params)[0])


def _value_at(program: Program, params: Mapping[str, float], culprit: Node, x: np.ndarray):
    """The culprit's values at x, where they are not finite."""
    values = []

    def visit(node: Node, value: np.ndarray, args: Sequence[np.ndarray]) -> None:
        if node is culprit:
            values.append(np.broadcast_to(value, x.shape))

    program.run(x, params, visit)
    v = values[0]
    return v[~np.isfinite(v)]
