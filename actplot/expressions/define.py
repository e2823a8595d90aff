"""An expression as an activation: the spec syntax ``expr:[NAME=]BODY[;param=value...]``, and
the :class:`Definition` built from it.

- ``NAME=`` names it for legends, tables and file names (``expr:gate=x*sigmoid(b*x)``);
  without it the expression is its own label and ``expr`` its name.
- ``;param=value`` gives a parameter its value, the first value of a comma list being its
  default and the list a sweep (``;b=1,1.702,2`` is three curves); fractions are allowed.

The definition evaluates the expression as written, except that compositions a built-in
computes as one stable piece are computed so (``functions.FUSED``), and its derivatives are
exact: the tree differentiated symbolically (``tree.derivative``), twice.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..activation import Activation, Definition, Notes, Param, format_param
from ..errors import ExpressionError, ParameterError, UnknownActivationError
from ..numbers import parse_number
from ..registry import REGISTRY, Registry
from . import fragile
from .evaluate import Program
from .formulas import TooLong, latex, text
from .functions import LOG, NAMES, fuse
from .parse import parse, shorten
from .tree import CALL, CMP, MAX, MIN, PARAM, WHERE, Node, derivative, postorder, rebuild, size

PREFIX = "expr"
DEFAULT_NAME = "expr"
FAMILY = "expression"
MAX_PARAMS = 8
MAX_CURVES = 64  # as spec.MAX_CURVES: a sweep past this is a typo
MAX_SIZE = 20_000  # distinct pieces of the second derivative

_NAMED = re.compile(r"\s*([A-Za-z][A-Za-z0-9_]*)\s*=(?!=)")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class Written:
    """A spec's parts: the name as typed (or None), the expression, and each parameter's
    values in the order given."""

    name: str | None
    body: str
    values: dict[str, list[float]]


def split(text: str) -> Written:
    """``[NAME=]BODY[;param=value[,value...]]...`` into its parts (the expression unparsed)."""
    head, *chunks = text.split(";")
    name = None
    named = _NAMED.match(head)
    if named:
        name, head = named.group(1), head[named.end() :]
    values: dict[str, list[float]] = {}
    current = None
    for token in (t for chunk in chunks for t in chunk.split(",")):
        key, eq, value = token.partition("=")
        if not eq:
            value = token  # another value of the parameter before it: a sweep
        if eq:
            current = key.strip()
            if not _WORD.match(current):
                raise ExpressionError(
                    f"expr: {current!r} is not a parameter name (a letter, then "
                    "letters, digits or _)"
                )
            if current in values:
                raise ExpressionError(f"expr: {current} is given twice")
            values[current] = []
        elif current is None:
            if not token.strip():
                continue  # a trailing ';'
            raise ExpressionError(
                f"expr: expected param=value after ';', got {token.strip()!r} "
                "(for example expr:x*sigmoid(b*x);b=1.702)"
            )
        if not value.strip():
            raise ExpressionError(f"expr: {current} needs a value")
        try:
            values[current].append(parse_number(value))
        except ValueError as e:
            raise ExpressionError(f"expr: {current}: {e}") from None
    return Written(name, head.strip(), values)


def read(rest: str, registry: Registry = REGISTRY) -> list[Activation]:
    """The activations the spec ``expr:REST`` stands for (several when it sweeps): the reader
    registered for the prefix ``expr``."""
    written = split(rest)
    return _activations(written, written.values, registry)


def expr(text: str, /, **params: float) -> Activation:
    """The activation an expression stands for, as after ``expr:`` on the command line, with
    parameter values given in the text (``"x*sigmoid(b*x);b=1.702"``) or as keywords.

    >>> f = expr("x*sigmoid(b*x)", b=1.702)
    >>> f.label, float(f(1.0))
    ('x*sigmoid(b*x) (b=1.702)', 0.8457957659328212)
    """
    written = split(text)
    twice = sorted(set(written.values) & set(params))
    if twice:
        raise ParameterError(f"expr: {twice[0]} is given in the text and as a keyword")
    values = {**written.values, **{k: [v] for k, v in params.items()}}
    acts = _activations(written, values, REGISTRY)
    if len(acts) > 1:
        raise ParameterError(
            f"{text!r} sweeps {len(acts)} activations; actplot.sweep('expr:...') gives them all"
        )
    return acts[0]


def _activations(
    written: Written, values: Mapping[str, list], registry: Registry
) -> list[Activation]:
    if len(values) > MAX_PARAMS:
        raise ExpressionError(f"expr: {len(values)} parameters; at most {MAX_PARAMS}")
    choices = [[(k, v) for v in dict.fromkeys(vs)] for k, vs in values.items()]  # drop repeats
    combos = list(itertools.product(*choices))
    if len(combos) > MAX_CURVES:
        raise ParameterError(f"expr: sweeps {len(combos)} combinations; at most {MAX_CURVES}")
    defaults = {k: vs[0] for k, vs in values.items()}
    definition = build(written.body, written.name, defaults, registry)
    return [definition.bind(dict(c)) for c in combos]


def _check_name(name: str, registry: Registry) -> str:
    canonical = name.lower()
    if name in ("x", "pi", "e") or name in NAMES:
        raise ExpressionError(f"expr: {name!r} cannot name an expression; choose another name")
    try:
        taken = registry.resolve(canonical)
    except UnknownActivationError:
        return canonical
    raise ExpressionError(
        f"expr: {name!r} is the name of the activation {taken.name!r}; choose another name"
    )


def _check_params(names: Mapping[str, float], registry: Registry) -> None:
    for p in names:
        if p in ("x", "pi", "e") or p in NAMES or "__" in p:
            raise ExpressionError(f"expr: {p!r} cannot name a parameter; choose another name")
        try:
            registry.resolve(p)
        except UnknownActivationError:
            continue
        raise ExpressionError(
            f"expr: {p!r} is an activation's name; choose another for the parameter"
        )


def build(
    body: str,
    name: str | None = None,
    defaults: Mapping[str, float] | None = None,
    registry: Registry = REGISTRY,
) -> Definition:
    """The Definition of the expression ``body`` with parameters at ``defaults``, named
    ``name`` (or ``expr``, with the expression as its label)."""
    defaults = dict(defaults or {})
    canonical = _check_name(name, registry) if name else DEFAULT_NAME
    _check_params(defaults, registry)
    parsed = parse(body, defaults, registry)
    unused = [p for p in defaults if p not in parsed.params]
    if unused:
        raise ExpressionError(f"expr {shorten(body)!r}: {unused[0]} is given a value but not used")

    tree = parsed.tree
    computed = rebuild(tree, fuse)  # what is evaluated: stable pieces fused
    d1 = derivative(computed, LOG)
    d2 = derivative(d1, LOG)
    pieces = size(d2)
    if pieces > MAX_SIZE:
        raise ExpressionError(
            f"expr {shorten(body)!r}: its second derivative has {pieces} pieces; at most {MAX_SIZE}"
        )
    programs = (Program(computed), Program(d1), Program(d2))
    label = name or " ".join(body.split())
    order = [p for p in defaults]  # the parameters in the order the spec gives them
    return Definition(
        name=canonical,
        label=label,
        family=FAMILY,
        formula=latex(tree),
        derivative=_shown(derivative(tree, LOG)),  # as written, not fused: the mathematics
        fn=programs[0],
        derivatives=programs[1:],
        params=tuple(Param(p, defaults[p], "a parameter of the expression") for p in order),
        convention=_convention(tree),
        notes=Notes(
            summary=f"The expression {shorten(body, 200)}, with exact derivatives "
            "by symbolic differentiation."
        ),
        source=f"{PREFIX}:" + (f"{name}=" if name else "") + body.strip(),
        parts=parsed.activations,
        check=_parameter_check(programs[0]) if defaults else None,
        caveats=lambda **params: (
            *fragile.overflows(programs, params),
            *fragile.patterns(tree),
        ),
    )


def _shown(tree: Node) -> str:
    try:
        return latex(tree)
    except TooLong:
        return ""  # too long to be worth reading: info leaves it out


def _convention(tree: Node) -> str | None:
    """What the expression takes at its kinks and jumps, if it can have any."""
    ops = {n.op for n in postorder(tree)}
    called = [n.value[0] for n in postorder(tree) if n.op == CALL]
    said = []
    if WHERE in ops:
        said.append(
            "Where its condition c holds, where(c, a, b) takes a and a's derivatives "
            "(at a boundary, as c says: x > 0 does not hold at 0)."
        )
    if MAX in ops or MIN in ops:
        said.append(
            "At a tie, maximum and minimum take their second argument's derivative: "
            "maximum(x, 0) has relu's 0 at 0."
        )
    if any(f.name == "abs" for f in called):
        said.append("The derivative of abs at 0 is 0.")
    kinked = sorted({f.name for f in called if not f.smooth and f.definition is not None})
    if kinked:
        said.append(
            f"Each activation takes its own convention ({', '.join(kinked)}: `actplot info NAME`)."
        )
    return " ".join(said) or None


def _parameter_check(program: Program):
    """Definition.check: a problem with parameter values that make a part without x inf or
    nan (b**1000 with b = 10)."""
    with_params: set[int] = set()
    for node in program.nodes:
        if node.op == PARAM or any(id(a) in with_params for a in node.args):
            with_params.add(id(node))

    def check(**params: float) -> str | None:
        bad: list[Node] = []

        def visit(node: Node, value, args) -> None:
            constant = not node.has_x and id(node) in with_params and node.op != CMP
            # the first to go wrong: it is inf or nan, its operands are not
            first = all(np.all(np.isfinite(a)) for a in args)
            if constant and first and not np.all(np.isfinite(value)):
                bad.append(node)

        program.run(np.zeros(1), params, visit)
        if not bad:
            return None
        values = ", ".join(f"{k} = {format_param(v)}" for k, v in params.items())
        try:
            piece = repr(shorten(text(bad[0]), 40))
        except TooLong:
            piece = "a part without x"
        return f"{values} makes {piece} inf or nan; give other values"

    return check
