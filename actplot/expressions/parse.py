"""Reading an expression: text to tree, through Python's ``ast`` and a whitelist.

The text is parsed by :func:`ast.parse` (which builds a syntax tree and runs nothing), and the
syntax tree is walked: only the node types of the language are accepted, and everything else
is refused with a message naming the piece.  The language:

- numbers, ``x``, the constants ``pi`` and ``e``, and named parameters;
- ``+ - * / **``, unary ``-`` and ``+``, parentheses;
- comparisons (``< <= > >= == !=``, chained as in ``-1 < x < 1``), only as the condition of
  ``where(condition, a, b)``;
- calls of the whitelisted functions (``functions.NAMES``) and of every registered elementwise
  activation, by position only.

Sizes are bounded before anything is built: the text's length, its nesting depth, its number
of pieces, and every part without x must be a finite float64 (``9**9**9**9`` is refused, not
computed).  Nothing here runs the text: no eval, exec or compile.
"""

from __future__ import annotations

import ast
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from ..activation import Definition
from ..errors import ExpressionError, UnknownActivationError
from ..registry import Registry
from . import functions as fn
from .evaluate import apply
from .tree import CMP, CONST, MAX, MIN, PARAM, VARIABLE, WHERE, Node, call, make, num

MAX_LENGTH = 1000  # characters
MAX_BRACKETS = 40  # brackets inside brackets
MAX_DEPTH = 100  # operations inside operations (a sum of 60 terms is 60 deep)
MAX_PIECES = 400  # numbers, names, operations and calls

_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_RELATIONS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_ALLOWED = (
    ast.Expression,
    ast.Expr,
    ast.Module,
    ast.BinOp,
    ast.UnaryOp,
    ast.Compare,
    ast.Call,
    ast.Name,
    ast.Constant,
    ast.Load,
    ast.USub,
    ast.UAdd,
    *_OPERATORS,
    *_RELATIONS,
)

# what a refused piece is, in words, and a way to say it in the language where there is one
_REFUSED: dict[type, tuple[str, str]] = {
    ast.Attribute: ("attribute access is", ""),
    ast.Subscript: ("subscripts are", ""),
    ast.Slice: ("slices are", ""),
    ast.Lambda: ("lambdas are", ""),
    ast.ListComp: ("comprehensions are", ""),
    ast.SetComp: ("comprehensions are", ""),
    ast.DictComp: ("comprehensions are", ""),
    ast.GeneratorExp: ("comprehensions are", ""),
    ast.keyword: ("keyword arguments are", "activations keep their default parameters"),
    ast.Starred: ("starred arguments are", ""),
    ast.NamedExpr: ("assignments are", ""),
    ast.BoolOp: ("'and' and 'or' are", "a chained comparison such as -1 < x < 1 is allowed"),
    ast.IfExp: ("'if ... else' is", "write where(condition, a, b)"),
    ast.List: ("lists are", ""),
    ast.Tuple: ("tuples are", ""),
    ast.Set: ("sets are", ""),
    ast.Dict: ("dicts are", ""),
    ast.JoinedStr: ("f-strings are", ""),
    ast.FormattedValue: ("f-strings are", ""),
    ast.Await: ("await is", ""),
    ast.Yield: ("yield is", ""),
    ast.YieldFrom: ("yield is", ""),
    ast.FloorDiv: ("the operator // is", ""),
    ast.Mod: ("the operator % is", ""),
    ast.MatMult: ("the operator @ is", ""),
    ast.BitAnd: ("the operator & is", "a chained comparison such as -1 < x < 1 is allowed"),
    ast.BitOr: ("the operator | is", ""),
    ast.BitXor: ("the operator ^ is", "a power is written **"),
    ast.LShift: ("the operator << is", ""),
    ast.RShift: ("the operator >> is", ""),
    ast.Invert: ("the operator ~ is", ""),
    ast.Not: ("'not' is", ""),
    ast.Is: ("'is' is", ""),
    ast.IsNot: ("'is not' is", ""),
    ast.In: ("'in' is", ""),
    ast.NotIn: ("'not in' is", ""),
}


@dataclass(frozen=True)
class Parsed:
    """An expression as the user wrote it: its tree, the parameters it uses (in the order they
    first appear) and the registered activations it calls."""

    tree: Node
    params: tuple[str, ...]
    activations: tuple[Definition, ...]


def shorten(text: str, n: int = 60) -> str:
    """Text for a message: one line, at most n characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def parse(text: str, params: Collection[str], registry: Registry) -> Parsed:
    """The tree of ``text``, whose names other than x, pi and e must be among ``params`` or
    be functions.  Raises ExpressionError naming the first piece it refuses."""
    return _Reader(text, frozenset(params), registry).read()


class _Reader:
    def __init__(self, text: str, params: frozenset[str], registry: Registry) -> None:
        self.text, self.params, self.registry = text, params, registry
        self.used: dict[str, None] = {}  # parameters, in order of appearance
        self.functions: dict[str, fn.Function] = {}  # by canonical name: one object each
        self.segments: dict[int, str] = {}  # node id -> its text, for messages

    def fail(self, message: str) -> ExpressionError:
        return ExpressionError(f"expr {shorten(self.text)!r}: {message}")

    def piece(self, node: ast.AST) -> str:
        segment = ast.get_source_segment(self.text, node) or type(node).__name__
        return shorten(segment, 40)

    # the whole -------------------------------------------------------------------------------

    def read(self) -> Parsed:
        expression = self._syntax()
        self._whitelist(expression)
        tree = self._convert(expression)
        if tree.op == CMP:
            raise self.fail(_condition_alone(self.piece(expression)))
        self._check_constants(tree)
        activations = tuple(f.definition for f in self.functions.values() if f.definition)
        return Parsed(tree, tuple(self.used), activations)

    def _syntax(self) -> ast.expr:
        text = self.text
        if len(text) > MAX_LENGTH:
            raise self.fail(f"longer than {MAX_LENGTH} characters ({len(text)})")
        if not text.strip():
            raise self.fail("empty; write one such as x*sigmoid(x)")
        depth = deepest = 0
        for c in text:
            depth += (c in "([{") - (c in ")]}")
            deepest = max(deepest, depth)
        if deepest > MAX_BRACKETS:
            raise self.fail(f"brackets nested {deepest} deep; at most {MAX_BRACKETS}")
        try:
            module = ast.parse(text.strip(), mode="exec")
        except SyntaxError as e:
            where = f" at character {e.offset}" if e.offset else ""
            raise self.fail(f"cannot be read: {e.msg}{where}") from None
        except (ValueError, MemoryError, RecursionError):  # null bytes; a parser stack overflow
            raise self.fail("cannot be read as an expression") from None
        if len(module.body) != 1 or not isinstance(module.body[0], ast.Expr):
            first = module.body[0] if module.body else module
            kind = "assignments" if isinstance(first, ast.Assign | ast.AugAssign) else "statements"
            raise self.fail(f"{kind} are not allowed ({self.piece(first)!r}); write one expression")
        return module.body[0].value

    def _whitelist(self, expression: ast.expr) -> None:
        """Refuse the first piece outside the language, in reading order; bound the size."""
        refused: list[tuple[tuple[int, int], str]] = []
        pieces = 0
        stack: list[tuple[ast.AST, int, ast.AST]] = [(expression, 1, expression)]
        while stack:
            node, depth, parent = stack.pop()
            if depth > MAX_DEPTH:
                raise self.fail(f"nested {depth}+ operations deep; at most {MAX_DEPTH}")
            if isinstance(node, ast.expr):
                pieces += 1
            # an operator has no place in the text of its own: its operation's is shown
            shown = node if hasattr(node, "col_offset") else parent
            problem = self._problem(node, shown)
            if problem:  # by place, and at one place the outermost (seen first) first
                at = (shown.lineno, shown.col_offset, len(refused))  # type: ignore[attr-defined]
                refused.append((at, problem))
            stack.extend((child, depth + 1, node) for child in ast.iter_child_nodes(node))
        if refused:
            raise self.fail(min(refused)[1])
        if pieces > MAX_PIECES:
            raise self.fail(f"{pieces} pieces (numbers, names, operations); at most {MAX_PIECES}")

    def _problem(self, node: ast.AST, shown: ast.AST) -> str | None:
        if isinstance(node, ast.Constant):
            return _constant_problem(node.value, self.piece(node))
        if isinstance(node, ast.Name) and "__" in node.id:
            return f"names with '__' are not allowed ({node.id!r})"
        if isinstance(node, ast.Call) and not isinstance(node.func, ast.Name):
            return f"only functions named in the language can be called ({self.piece(node)!r})"
        if isinstance(node, _ALLOWED):
            return None
        what, hint = _REFUSED.get(type(node), (f"{type(node).__name__} syntax is", ""))
        return f"{what} not allowed ({self.piece(shown)!r})" + (f"; {hint}" if hint else "")

    # syntax tree -> tree ---------------------------------------------------------------------

    def _convert(self, node: ast.expr) -> Node:
        out = self._node(node)
        self.segments.setdefault(id(out), self.piece(node))
        return out

    def _node(self, node: ast.expr) -> Node:
        if isinstance(node, ast.Constant):
            return num(node.value)  # checked to be a finite int or float by the whitelist
        if isinstance(node, ast.Name):
            return self._name(node.id)
        if isinstance(node, ast.UnaryOp):
            operand = self._value(node.operand)
            return operand if isinstance(node.op, ast.UAdd) else make("neg", (operand,))
        if isinstance(node, ast.BinOp):
            op = _OPERATORS[type(node.op)]
            return make(op, (self._value(node.left), self._value(node.right)))
        if isinstance(node, ast.Compare):
            operands = (self._value(node.left), *(self._value(c) for c in node.comparators))
            return make(CMP, operands, tuple(_RELATIONS[type(o)] for o in node.ops))
        if isinstance(node, ast.Call):
            return self._call(node)
        raise AssertionError(type(node))  # the whitelist let nothing else through

    def _value(self, node: ast.expr) -> Node:
        """An operand that must be a number, not a condition."""
        out = self._convert(node)
        if out.op == CMP:
            raise self.fail(_condition_alone(self.piece(node)))
        return out

    def _name(self, name: str) -> Node:
        if name == "x":
            return VARIABLE
        if name in ("pi", "e"):
            return make(CONST, (), name)
        if name in self.params:
            self.used.setdefault(name)
            return make(PARAM, (), name)
        if name in fn.NAMES or self._activation(name, quiet=True) is not None:
            raise self.fail(f"{name!r} is a function: call it, as in {name}(x)")
        hint = "; did you mean x?" if name.lower() == "x" else ""
        raise self.fail(
            f"unknown name {name!r}{hint} (the variable is x; a parameter needs a value, as in "
            f"expr:{name}*x;{name}=1)"
        )

    def _call(self, node: ast.Call) -> Node:
        name = node.func.id  # type: ignore[attr-defined]  (the whitelist checked it is a Name)
        if name in ("x", "pi", "e") or name in self.params:
            raise self.fail(f"{name!r} is not a function ({self.piece(node)!r})")
        arity = fn.SPECIAL.get(name, 1)
        if len(node.args) != arity:
            s = "" if arity == 1 else "s"
            raise self.fail(
                f"{name} takes {arity} argument{s}, got {len(node.args)} ({self.piece(node)!r})"
            )
        if name == "where":
            cond = self._convert(node.args[0])
            if cond.op != CMP:
                raise self.fail(
                    "where's first argument must be a comparison such as x > 0, got "
                    f"{self.piece(node.args[0])!r}"
                )
            return make(WHERE, (cond, self._value(node.args[1]), self._value(node.args[2])))
        args = [self._value(a) for a in node.args]
        if name in ("maximum", "minimum"):
            return make(MAX if name == "maximum" else MIN, tuple(args))
        if name in fn.MATH:
            return call(fn.MATH[name], args[0])
        function = self._activation(name)
        assert function is not None
        return call(function, args[0])

    def _activation(self, name: str, quiet: bool = False) -> fn.Function | None:
        """The registered elementwise activation ``name`` as a function (names resolve as
        everywhere: aliases, any case and punctuation)."""
        try:
            definition = self.registry.resolve(name)
        except UnknownActivationError as e:
            if quiet:
                return None
            near = [n for n in fn.NAMES if _close(name, n)] + e.suggestions
            hint = f"; did you mean {' or '.join(repr(s) for s in near[:3])}?" if near else ""
            raise self.fail(
                f"unknown function {name!r}{hint} (functions: {', '.join(fn.NAMES)}, and every "
                "elementwise activation of `actplot list`)"
            ) from None
        if definition.kind != "elementwise":
            if quiet:
                return None
            what = (
                "gated, a function of two inputs f(a, b)"
                if definition.kind == "gated"
                else "vector-valued"
            )
            raise self.fail(
                f"{definition.name} is {what}; an expression calls elementwise activations only"
            )
        function = self.functions.get(definition.name)
        if function is None:
            function = self.functions[definition.name] = fn.activation(definition)
        return function

    # constants -------------------------------------------------------------------------------

    def _check_constants(self, tree: Node) -> None:
        """Every part without x or parameters is a finite float64: 9**9**9**9, 1/0 or log(-1)
        are refused here, naming the innermost part that is not."""
        from .tree import postorder

        values: dict[int, object] = {}
        for node in postorder(tree):
            if node.has_x or node.op == PARAM or any(id(a) not in values for a in node.args):
                continue
            if node.op == CMP:
                continue
            with np.errstate(all="ignore"):
                v = float(apply(node, [values[id(a)] for a in node.args], {}))
            if not np.isfinite(v):
                what = self.segments.get(id(node)) or "a constant part"
                raise self.fail(
                    f"{what!r} is {v} in float64; every constant part must be a finite number"
                )
            values[id(node)] = v


def _constant_problem(value: object, shown: str) -> str | None:
    if isinstance(value, bool) or value is None or value is Ellipsis:
        return f"{shown!r} is not a number"
    if isinstance(value, str | bytes):
        return f"strings are not allowed ({shown!r})"
    if isinstance(value, complex):
        return f"complex numbers are not allowed ({shown!r})"
    try:
        v = float(value)  # type: ignore[arg-type]
    except OverflowError:
        return f"{shown!r} is beyond the float64 range (about ±1.8e308)"
    if not np.isfinite(v):
        return f"{shown!r} is beyond the float64 range (about ±1.8e308)"
    return None


def _condition_alone(shown: str) -> str:
    return (
        f"{shown!r} is a condition; use it as where's first argument, as in where(x > 0, x, 0.1*x)"
    )


def _close(a: str, b: str) -> bool:
    import difflib

    return difflib.SequenceMatcher(None, a.lower(), b).ratio() >= 0.75
