"""What an activation is: its definition (registered once) and a bound instance (what users call).

A :class:`Definition` holds every fact about one activation in one place: names, label,
formulas, the function and its first two derivatives, parameters with defaults and domains,
what is known in closed form (:class:`Facts`) and notes for people.  Binding parameter values
to it gives an :class:`Activation`, a callable on numpy arrays::

    f = actplot.get("elu", alpha=0.5)
    f(x), f.grad(x), f.grad(x, order=2)

A gated activation (the GLU family) is a function f(a, b) of a value a and a gate b::

    g = actplot.get("swiglu")
    g(a, b), g.partial(a, b, wrt="a"), g.partial(a, b, wrt="ab")
"""

from __future__ import annotations

import functools
import math
import numbers
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from ._blocks import blockwise, kernel, rowwise
from .errors import ActplotError, ParameterError, RegistrationError
from .facts import SMOOTH, Facts
from .numbers import LABEL, format_number

Kind = Literal["elementwise", "vector", "gated"]
ParamValue = float | tuple[float, ...]
ArrayFn = Callable[..., np.ndarray]

_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
MAX_ORDER = 2  # derivatives every definition provides in closed form
# the partial derivatives of a gated f(a, b): in the value a, the gate b, or both
WRT = ("a", "b", "aa", "ab", "bb")


def format_param(value: ParamValue) -> str:
    """A parameter value as labels show it: 0.5, 1.702, 1/6 (a simple fraction whose six
    digits would not be the value), or (0, 1) for a vector parameter."""
    if isinstance(value, tuple):
        return "(" + ", ".join(format_param(v) for v in value) + ")"
    text = format_number(value, LABEL, trim=True)
    if math.isfinite(value) and float(text.replace("−", "-")) != value:
        simple = Fraction(value).limit_denominator(12)
        if simple.denominator > 1 and float(simple) == value:
            return f"{simple.numerator}/{simple.denominator}"
    return text


@dataclass(frozen=True)
class Domain:
    """The values a parameter may take: an interval, open or closed at each end."""

    lo: float = -math.inf
    hi: float = math.inf
    lo_open: bool = False
    hi_open: bool = False

    def __contains__(self, v: float) -> bool:
        above = v > self.lo if self.lo_open else v >= self.lo
        below = v < self.hi if self.hi_open else v <= self.hi
        return math.isfinite(v) and above and below

    def __str__(self) -> str:
        parts = []
        if self.lo > -math.inf:
            parts.append(f"{'>' if self.lo_open else '>='} {format_param(self.lo)}")
        if self.hi < math.inf:
            parts.append(f"{'<' if self.hi_open else '<='} {format_param(self.hi)}")
        return " and ".join(parts) or "finite"

    def outside(self, x: np.ndarray) -> np.ndarray:
        """Where the elements of x lie outside (nan is not outside: it stays nan anyway)."""
        below = x <= self.lo if self.lo_open else x < self.lo
        above = x >= self.hi if self.hi_open else x > self.hi
        return below | above

    def ends(self) -> tuple[float, float]:
        """The least and the greatest float inside: the bounds, or their neighbours where
        the interval is open."""
        lo = math.nextafter(self.lo, math.inf) if self.lo_open else self.lo
        hi = math.nextafter(self.hi, -math.inf) if self.hi_open else self.hi
        return lo, hi

    def holds(self, x: np.ndarray) -> bool:
        """Whether every element of x is inside, from its extremes (a cheap reduction each):
        not if one is nan, which makes them nan and their comparisons false."""
        if not x.size:
            return True
        lo, hi = self.ends()
        if hi == math.inf:
            return bool(np.min(x) >= lo)
        if lo == -math.inf:
            return bool(np.max(x) <= hi)
        return bool(np.min(x) >= lo and np.max(x) <= hi)

    def outside_bits(self, x: np.ndarray, out: np.ndarray, work: np.ndarray) -> np.ndarray:
        """Where x is outside or nan, as the int64 view of ``out``: every bit set there and
        none elsewhere, for ``library._math.pick``; ``work`` is scratch, x's length."""
        lo, hi = self.ends()
        inside = np.greater_equal(x, lo, out=work.view(np.bool_)[: x.size])  # nan: False
        if hi < math.inf:
            np.logical_and(inside, np.less_equal(x, hi, out=out.view(np.bool_)[: x.size]), inside)
        bits = out.view(np.int64)
        np.copyto(bits, inside)  # 1 inside, 0 outside: then 0 and -1, every bit
        bits -= 1
        return bits

    def inside(self) -> float:
        """A point well inside, to stand in for the points outside while a formula runs."""
        if math.isinf(self.lo):
            return 0.0 if math.isinf(self.hi) else self.hi - 1.0
        return self.lo + 1.0 if math.isinf(self.hi) else (self.lo + self.hi) / 2


REAL = Domain()
POSITIVE = Domain(lo=0.0, lo_open=True)
NONNEGATIVE = Domain(lo=0.0)


@dataclass(frozen=True)
class Param:
    """A parameter of an activation: its name, default, meaning and domain.

    A tuple default makes a vector parameter (maxout's slopes), given on the command line as
    a comma list.
    """

    name: str
    default: ParamValue
    doc: str = ""
    domain: Domain = REAL
    sweep: tuple[float, ...] = ()  # values worth showing side by side (the gallery's sweeps)

    @property
    def is_vector(self) -> bool:
        return isinstance(self.default, tuple)

    def sweep_values(self) -> tuple[float, ...]:
        """The declared sweep, or the default scaled by 1/4 ... 4 (kept inside the domain)."""
        if self.is_vector:
            return ()
        if self.sweep:
            return self.sweep
        base = self.default if self.default != 0 else 1.0
        scaled = (base * k for k in (0.25, 0.5, 1.0, 2.0, 4.0))
        return tuple(v for v in scaled if v in self.domain) or (self.default,)

    def coerce(self, owner: str, value: Any) -> ParamValue:
        """Check a value against the domain and return it as float (or tuple of floats)."""
        if self.is_vector:
            items = value if isinstance(value, (tuple, list, np.ndarray)) else (value,)
            return tuple(self._scalar(owner, v) for v in items)
        return self._scalar(owner, value)

    def _scalar(self, owner: str, value: Any) -> float:
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise ParameterError(f"{owner}: {self.name} must be a number, got {value!r}") from None
        except OverflowError:  # an int such as 10**400
            raise ParameterError(
                f"{owner}: {self.name} must be a finite number, and this one is beyond the "
                "float64 range (about ±1.8e308)"
            ) from None
        if not math.isfinite(v):
            raise ParameterError(f"{owner}: {self.name} must be a finite number, got {v}")
        if v not in self.domain:
            raise ParameterError(
                f"{owner}: {self.name} must be {self.domain}, got {format_param(v)}"
            )
        return v


@dataclass(frozen=True)
class Notes:
    """What a person should know: a one-line summary, strengths, weaknesses, where it is used,
    and the common mistakes made about it (each with the correct statement)."""

    summary: str = ""
    good: tuple[str, ...] = ()
    bad: tuple[str, ...] = ()
    used: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()

    def sections(self) -> list[tuple[str, tuple[str, ...]]]:
        """(heading, items) for each non-empty section, in reading order."""
        named = [
            ("Good at", self.good),
            ("Bad at", self.bad),
            ("Used in", self.used),
            ("Common mistakes", self.mistakes),
        ]
        return [(heading, items) for heading, items in named if items]


@dataclass(frozen=True)
class Partials:
    """The derivatives of a gated activation f(a, b) in its value a, each as
    ``fn(a, b, **params)``: df/da, d2f/da2 and the mixed d2f/da db, exact; ``formula`` is
    df/da as LaTeX.  (Those in the gate b are the definition's ``derivatives``.)"""

    a: ArrayFn
    aa: ArrayFn
    ab: ArrayFn
    formula: str = ""


@dataclass(frozen=True)
class Definition:
    """Everything about one activation.

    Four fields are required; every other one has a default that works:

    - ``name``: the canonical name, snake_case (``soft_clip``); names are also matched
      ignoring case and punctuation (``SoftClip``, ``soft-clip``).
    - ``formula``: f(x) as LaTeX that matplotlib's mathtext can draw (``x\\,\\sigma(x)``);
      ``info`` and ``list`` show it as text too.
    - ``fn``: f, as ``fn(x, **params)`` on a float64 array (any shape) returning one of the
      same shape.  Write it stably; it may overflow to inf where the true value does, and the
      caller silences that warning.
    - ``derivatives``: ``(f', f'')``, the same way, exact (closed form, never a finite
      difference).

    - ``label``: as in a legend or a table (``SoftClip``); the name if empty.
    - ``family``: a heading for ``list`` and the gallery: one of actplot.FAMILIES or a family
      of your own; "other" by default.
    - ``derivative``: f' as LaTeX, shown by ``info``; nothing is shown if empty.
    - ``convention``: in words, the value taken at kinks and jumps (relu'(0) = 0) and why;
      None for a smooth function.
    - ``notes``: :class:`Notes` for people (summary, good, bad, used, mistakes); empty.
    - ``params``: the :class:`Param` s, each with its default and domain; none.
    - ``aliases``: other names for it; none.
    - ``kind``: "elementwise", or "vector" for a function of a whole vector over the last
      axis (softmax), which then needs ``jacobian``, or "gated" for a function f(a, b) of a
      value a and a gate b, elementwise (the GLU family): then ``fn`` and ``derivatives``
      take ``(a, b, **params)``, ``derivatives`` are df/db and d2f/db2 (what a plot over the
      gate shows), ``derivative`` is df/db as LaTeX, ``partials`` the derivatives in a, and
      ``facts`` takes the value a first: ``facts(a, **params)``, of f as a function of b.
    - ``facts``: ``facts(**params)`` -> :class:`Facts`, the range, monotonicity and breaks in
      closed form, which a test checks against the measured ones; None, and they are
      measured (:mod:`actplot.properties`).
    - ``jacobian``: vector-valued only, the full Jacobian matrix over the last axis.
    - ``partials``: gated only, :class:`Partials`: df/da, d2f/da2 and d2f/da db.
    - ``band``: for a randomised activation (rrelu), ``band(x, **params)`` -> the two curves
      bounding the values it can take, drawn as a shaded band.
    - ``check``: ``check(**params)`` -> a problem in words, or None: a constraint between
      parameters that their domains cannot say (rrelu's lower <= upper).
    - ``domain``: elementwise only, the inputs x where f is real (log1mexp: x >= 0); outside
      it f, f' and f'' are nan, as log(-1) is, and ``fn`` never sees those points.
    - ``source``: for a definition not registered under its name (a parsed expression), the
      spec text that builds it again (``expr:x*sigmoid(b*x)``); an activation's spec is then
      that text with its parameter values after it (``;b=1.702``).
    - ``parts``: the registered definitions it is made of (an expression's activations): a
      worker process can rebuild it from ``source`` if they are all built in.
    - ``caveats``: ``caveats(**params)`` -> sentences on where it is numerically fragile
      (an expression's overflows, and the stable forms to write instead), printed by
      ``info`` and ``compare``; None if there is nothing to say.
    """

    name: str
    formula: str  # LaTeX, valid matplotlib mathtext
    fn: ArrayFn
    derivatives: tuple[ArrayFn, ...]  # (f', f'')
    label: str = ""  # as in a legend; the name if empty
    family: str = "other"
    derivative: str = ""  # LaTeX of f', shown by `info`
    convention: str | None = None  # the value taken at kinks and jumps, and why; None: smooth
    notes: Notes = Notes()
    params: tuple[Param, ...] = ()
    aliases: tuple[str, ...] = ()
    kind: Kind = "elementwise"
    facts: Callable[..., Facts] | None = None  # closed-form properties, from the parameters
    jacobian: ArrayFn | None = None  # vector-valued only: the full matrix over the last axis
    partials: Partials | None = None  # gated only: the derivatives in the value a
    band: Callable[..., tuple[np.ndarray, np.ndarray]] | None = None  # a randomised range
    check: Callable[..., str | None] | None = None  # a constraint between parameters
    source: str = ""  # the spec that builds it again, if it is not registered by name
    parts: tuple[Definition, ...] = ()  # registered definitions it is made of
    caveats: Callable[..., tuple[str, ...]] | None = None  # numerical fragility, in words
    domain: Domain = REAL  # elementwise only: the real x where f is defined
    # Beyond |x| = resolved a periodic curve turns faster than the measurement grid samples
    # it, and any sampling would take its f'' for jumps: breaks are looked for inside only.
    resolved: float = math.inf

    @property
    def at_kinks(self) -> str:
        """The kink convention in words (a smooth function needs none)."""
        return self.convention or SMOOTH

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.name)  # frozen: set once, here
        for n in (self.name, *self.aliases):
            if not _NAME.match(n):
                raise RegistrationError(f"{n!r} is not a valid activation name (use snake_case)")
        if len(self.derivatives) < MAX_ORDER:
            raise RegistrationError(f"{self.name}: needs its first {MAX_ORDER} derivatives")
        names = [p.name for p in self.params]
        if len(set(names)) != len(names):
            raise RegistrationError(f"{self.name}: parameter names repeat: {names}")
        if self.kind == "vector" and self.jacobian is None:
            raise RegistrationError(f"{self.name}: a vector-valued activation needs a jacobian")
        if self.domain != REAL and self.kind != "elementwise":
            raise RegistrationError(f"{self.name}: only an elementwise activation has a domain")
        if (self.kind == "gated") != (self.partials is not None):
            raise RegistrationError(
                f"{self.name}: a gated activation needs partials, and only a gated one has them"
            )
        for p in self.params:
            p.coerce(self.name, p.default)  # the defaults must lie in their domains
        self.bind({})  # and satisfy the constraints between parameters

    def param(self, name: str) -> Param:
        """The parameter called ``name``; a clear error if there is none."""
        for p in self.params:
            if p.name == name:
                return p
        have = ", ".join(p.name for p in self.params) or "no parameters"
        raise ParameterError(f"{self.name} has no parameter {name!r} (it has {have})")

    def bind(self, values: Mapping[str, Any]) -> Activation:
        """Return the activation with these parameter values (defaults for the rest)."""
        for k in values:
            self.param(k)
        bound = tuple(
            (p.name, p.coerce(self.name, values[p.name]) if p.name in values else p.default)
            for p in self.params
        )
        if self.check is not None:
            problem = self.check(**dict(bound))
            if problem:
                raise ParameterError(f"{self.name}: {problem}")
        return Activation(self, bound)


_REAL_KINDS = "iuf"  # numpy dtype kinds that hold real numbers: signed, unsigned, floating


def real_array(x: Any) -> np.ndarray:
    """``x`` as a float64 array: real numbers only.  Integers and float16/32 are converted
    (exactly, but for integers beyond 2**53); a list may mix them with Python numbers such as
    Fraction.  Anything else is a TypeError that names it: None (also inside a list), strings,
    booleans, datetimes, complex numbers, objects.  Masked arrays are handled by the caller.

    Used for the points of tables and plots too, so every entry point refuses the same things."""
    a = np.asarray(x)
    kind = a.dtype.kind
    if kind in _REAL_KINDS:
        return a.astype(np.float64, copy=False)
    if kind == "O":  # Python objects: only real numbers (int, Fraction, numpy scalars) pass
        wrong = [v for v in a.flat if not _is_real(v)][:1]
        if wrong:
            name = "None" if wrong[0] is None else type(wrong[0]).__name__
            raise TypeError(f"activations take real numbers, got {name}")
        try:
            return a.astype(np.float64)
        except OverflowError:
            raise ValueError(
                "an input is an integer beyond the float64 range (about ±1.8e308)"
            ) from None
    what = {
        "b": "booleans (x.astype(float) makes them 0 and 1)",
        "c": "complex values",
        "M": "datetimes",
        "m": "time differences",
        "U": "strings",
        "S": "bytes",
        "V": "structured values",
    }.get(kind, f"dtype {a.dtype}")
    raise TypeError(f"activations take real numbers, got {what}")


def _is_real(v: object) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))


@dataclass(frozen=True)
class Activation:
    """An activation with its parameter values bound: call it on arrays.

    Elementwise activations act on every element; vector-valued ones (softmax, ...) act over
    the last axis, where ``grad`` gives the Jacobian's diagonal and ``jacobian`` the matrix.
    Gated ones (swiglu, ...) take two arrays, ``f(a, b)``, and have ``partial`` derivatives;
    as a function of one real x (``evaluate``: plots, tables, properties) they are f(held, x),
    the gate varying with the value held at ``held`` (1 unless :meth:`holding` says).
    """

    definition: Definition
    bound: tuple[tuple[str, ParamValue], ...] = field(default=())
    held: float = 1.0  # gated only: the value a of f(a, b) while the gate b varies

    @property
    def name(self) -> str:
        return self.definition.name

    @property
    def kind(self) -> Kind:
        return self.definition.kind

    @property
    def params(self) -> dict[str, ParamValue]:
        return dict(self.bound)

    @property
    def label(self) -> str:
        """Human-readable, as in a legend: ``ELU(alpha=0.5)``, ``Sigmoid``."""
        label = self.definition.label
        if not self.bound:
            return label
        inner = ", ".join(f"{k}={format_param(v)}" for k, v in self.bound)
        # a space before the parameters where the label ends in its own bracket, or where the
        # first word would be too long to fit a narrow table's label column (20 characters)
        first = f"{label}({inner.split(' ')[0]}"
        return f"{label}{' ' if label.endswith(')') or len(first) > 20 else ''}({inner})"

    @property
    def spec(self) -> str:
        """The command-line form, exact, naming only parameters off their defaults: ``elu``,
        ``elu:alpha=0.5``; for a definition with a ``source`` (an expression), that text
        with every parameter's value: ``expr:x*sigmoid(b*x);b=1.702``.
        ``actplot.spec.parse_spec`` reads it back to this activation (a gated one's held
        value is not part of it: the command line gives it as ``--value``)."""
        exact = lambda v: ",".join(map(repr, v)) if isinstance(v, tuple) else repr(v)
        if self.definition.source:
            return self.definition.source + "".join(f";{k}={exact(v)}" for k, v in self.bound)
        defaults = {p.name: p.default for p in self.definition.params}
        changed = [(k, v) for k, v in self.bound if v != defaults[k]]
        if not changed:
            return self.name
        return f"{self.name}:" + ",".join(f"{k}={exact(v)}" for k, v in changed)

    @property
    def facts(self) -> Facts | None:
        """Closed-form properties for these parameter values, where the definition knows them
        (of a gated activation: as a function of the gate, at the value held)."""
        found = self.definition.facts
        if found is None:
            return None
        return found(self.held, **self.params) if self.kind == "gated" else found(**self.params)

    @property
    def caveats(self) -> tuple[str, ...]:
        """Where these values make it numerically fragile, in words (see Definition)."""
        found = self.definition.caveats
        return () if found is None else tuple(found(**self.params))

    def __repr__(self) -> str:
        held = f".holding({format_param(self.held)})" if self.held != 1.0 else ""
        if self.definition.source:
            return f"actplot.get({self.spec!r}){held}"
        args = "".join(f", {k}={format_param(v)}" for k, v in self.bound)
        return f"actplot.get({self.name!r}{args}){held}"

    def holding(self, value: float) -> Activation:
        """This gated activation with its value a held at ``value``: what ``evaluate``, and so
        plots, tables and comparisons, then show as a function of the gate b."""
        if self.kind != "gated":
            raise ActplotError(
                f"{self.name} takes one input; a value to hold is for gated activations "
                "(glu, swiglu, ...)"
            )
        v = Param("value", 1.0).coerce(self.name, value)
        return Activation(self.definition, self.bound, float(v))

    def __call__(self, x: Any, b: Any = None) -> np.ndarray:
        """f(x), float64; a gated activation takes two arrays, f(a, b), value and gate,
        broadcast together."""
        if self.kind == "gated" or b is not None:
            return self._evaluate_gated(self.definition.fn, x, b)
        return self._evaluate(self.definition.fn, x)

    def grad(self, x: Any, order: int = 1) -> np.ndarray:
        """The derivative of order 1 or 2: elementwise, or d^k y_i / dx_i^k if vector-valued.
        A gated activation has partial derivatives instead: :meth:`partial`."""
        if self.kind == "gated":
            raise TypeError(
                f"{self.name} is gated, f(a, b): its derivatives are partial, "
                f"f.partial(a, b, wrt='b') (or wrt 'a', 'aa', 'ab', 'bb')"
            )
        highest = len(self.definition.derivatives)
        if isinstance(order, bool) or not isinstance(order, numbers.Integral):
            raise TypeError(f"order must be an integer 1..{highest}, got {order!r}")
        if order not in range(1, highest + 1):
            raise ValueError(f"order must be 1..{highest}, got {order}")
        return self._evaluate(self.definition.derivatives[order - 1], x)

    def partial(self, a: Any, b: Any, wrt: str = "b") -> np.ndarray:
        """A partial derivative of a gated f(a, b): ``wrt`` "a" (df/da), "b" (df/db), "aa",
        "ab" (the mixed d2f/da db) or "bb"; a and b broadcast together."""
        if self.kind != "gated":
            raise TypeError(f"{self.name} takes one input: its derivatives are f.grad(x, order)")
        d, p = self.definition.derivatives, self.definition.partials
        assert p is not None  # a gated definition has them (checked when it is made)
        fns = {"a": p.a, "b": d[0], "aa": p.aa, "ab": p.ab, "ba": p.ab, "bb": d[1]}
        if wrt not in fns:
            raise ValueError(f"wrt is one of {', '.join(WRT)}, got {wrt!r}")
        return self._evaluate_gated(fns[wrt], a, b)

    def jacobian(self, x: Any) -> np.ndarray:
        """The Jacobian over the last axis: shape x.shape + (n,) for n = x.shape[-1].  A scalar
        x counts as a vector of one element: its Jacobian has shape (1, 1)."""
        if self.definition.jacobian is None:
            g = np.asarray(self.grad(x))
            eye = np.eye(np.shape(g)[-1] if np.ndim(g) else 1, dtype=bool)
            # off the diagonal exactly 0, also where f' is infinite (relu2'(inf)): inf * 0 is nan
            return np.where(eye, g[..., None], 0.0)
        return self._evaluate(self.definition.jacobian, x)

    def band(self, x: Any) -> tuple[np.ndarray, np.ndarray] | None:
        """For randomised activations (rrelu), the curves bounding the values it can take."""
        if self.definition.band is None:
            return None
        xs = real_array(x)
        with np.errstate(over="ignore"):
            return self.definition.band(xs, **self.params)

    def evaluate(self, x: Any, order: int = 0, context: Sequence[float] = (0.0,)) -> np.ndarray:
        """f (order 0) or its derivative as a function of one real x: what plots and tables
        show, and what properties are measured on.

        Vector-valued activations see x as the first logit, the others fixed at ``context``:
        softmax with the default context [x, 0] is the sigmoid.  Gated ones see x as the gate
        b, the value a held at ``held``: f(held, x) and its derivatives in b.
        """
        if self.kind == "gated":
            fn = self.definition.fn if order == 0 else self.definition.derivatives[order - 1]
            return self._evaluate_gated(fn, self.held, x)
        xs = real_array(x)
        if self.kind == "vector":
            rows = np.broadcast_to(np.asarray(context, dtype=np.float64), (*xs.shape, len(context)))
            xs = np.concatenate([xs[..., None], rows], axis=-1)
        y = self(xs) if order == 0 else self.grad(xs, order)
        return y[..., 0] if self.kind == "vector" else y

    def _evaluate(self, fn: ArrayFn, x: Any) -> np.ndarray:
        if _masked(x):
            return self._evaluate_masked(fn, x)
        xs = real_array(x)
        if self.kind == "vector" and xs.ndim == 0:
            xs = xs[None]
        if self.kind == "vector" and xs.shape[-1] == 0:
            raise ValueError(f"{self.name} takes at least one logit, got an empty last axis")
        # Overflow to inf is the correctly rounded result when the true value exceeds the
        # float64 range (selu(1.75e308)); every other floating-point warning is a bug.
        domain = self.definition.domain
        if domain != REAL:
            fn = _within(fn, domain)
        with np.errstate(over="ignore"):
            if self.kind == "elementwise":
                y = blockwise(fn, xs, self.params)
            else:
                y = rowwise(fn, xs, self.params)
        # nan in, nan out, whatever the formula (np.where picks a branch for nan).  The minimum
        # is a cheap test for a nan anywhere: it propagates nan and, unlike a sum, cannot
        # overflow or meet inf - inf.  A kernel has seen to it already, block by block.
        checked = getattr(fn, "blocked", False)
        if self.kind == "elementwise" and not checked and xs.size and np.isnan(np.min(xs)):
            y = np.where(np.isnan(xs), np.nan, y)
        return y[()] if y.ndim == 0 else y

    def _evaluate_masked(self, fn: ArrayFn, x: np.ma.MaskedArray) -> np.ndarray:
        """A masked array keeps its mask: f of the unmasked elements, masked where x is.
        Vector-valued activations mix the elements of a row, so a masked logit has no one
        meaning there (leave it out, or fill it with -inf for softmax): refused."""
        if self.kind != "elementwise":
            raise TypeError(
                f"{self.name} mixes the elements of a row, so a masked one is ambiguous; "
                "pass x.filled(value) with the value you mean"
            )
        mask = np.ma.getmaskarray(x)
        y = self._evaluate(fn, np.ma.getdata(x))
        return np.ma.masked_array(y, mask=mask)

    def _evaluate_gated(self, fn: ArrayFn, a: Any, b: Any) -> np.ndarray:
        if self.kind != "gated":
            raise TypeError(f"{self.name} takes one input, f(x); two are for gated activations")
        if b is None:
            raise TypeError(
                f"{self.name} is gated: it takes two inputs, f(a, b), the value a and the gate b"
            )
        if _masked(a) or _masked(b):
            # elementwise in each pair: masked where either input is
            mask = np.ma.getmaskarray(a) | np.ma.getmaskarray(b)
            y = self._evaluate_gated(fn, np.ma.getdata(a), np.ma.getdata(b))
            return np.ma.masked_array(y, mask=mask)
        a, b = np.broadcast_arrays(real_array(a), real_array(b))
        with np.errstate(over="ignore"):  # as in _evaluate: overflow is the rounded result
            y = blockwise(fn, a, self.params, b)  # elementwise in each pair (a, b)
        nan = [v for v in (a, b) if v.size and np.isnan(np.min(v))]
        if nan:
            y = np.where(np.isnan(a) | np.isnan(b), np.nan, y)
        return y[()] if y.ndim == 0 else y


@functools.cache
def _within(fn: ArrayFn, domain: Domain) -> ArrayFn:
    """``fn`` restricted to the domain, as a kernel: nan at the points outside, where fn sees
    ``domain.inside()`` instead (not the domain's end: a formula's singular points there,
    log(0), take numpy's slow paths).  A block with nothing outside (the common case, found
    from its extremes) is fn's alone; in one with points outside, they are swapped bit for
    bit, not by np.where, which would cost several times fn's arithmetic when they are
    scattered (the inputs of a layer, half of them negative)."""
    from .library._math import pick  # only domains need it

    stand_in = domain.inside()
    inner = getattr(fn, "scratch", 0)  # a kernel's body runs on buffers lent with ours

    def run(x: np.ndarray, out: np.ndarray, buffers: Sequence[np.ndarray], params: Any) -> None:
        if hasattr(fn, "body"):
            fn.body(x, out, *buffers, **params)
        else:
            out[...] = fn(x, **params)

    # nan in, nan out: a block that holds one is not inside, and nan counts as outside
    @kernel(scratch=3 + inner, keeps_nan=True)
    def restricted(x: np.ndarray, out: np.ndarray, *buffers: np.ndarray, **params: Any) -> None:
        if domain.holds(x):
            run(x, out, buffers[3:], params)
            return
        moved, y, mask = buffers[:3]
        bits = domain.outside_bits(x, mask, moved)
        pick(bits, stand_in, x, moved)
        run(moved, y, buffers[3:], params)
        # y - 0.0 is y, bit for bit (-0.0 too), and y - nan is nan
        pick(bits, np.nan, 0.0, moved)
        np.subtract(y, moved, out=out)

    return restricted


def _masked(x: Any) -> bool:
    """Whether x is a masked array, without importing numpy.ma (over 10 ms: a tenth of a
    command's time) when it is not loaded: no masked array exists until it is."""
    ma = sys.modules.get("numpy.ma")
    return ma is not None and isinstance(x, ma.MaskedArray)


def hold(acts: Sequence[Activation], value: float | None) -> list[Activation]:
    """The gated activations among ``acts`` with their value held at ``value`` (None: as they
    are); a value given where none is gated is a mistake, said as such."""
    if value is None:
        return list(acts)
    if not any(a.kind == "gated" for a in acts):
        names = list(dict.fromkeys(a.name for a in acts))
        takes = "takes" if len(names) == 1 else "take"
        raise ActplotError(
            f"a value to hold (--value) is for gated activations such as swiglu; "
            f"{', '.join(names)} {takes} one input: drop it"
        )
    return [a.holding(value) if a.kind == "gated" else a for a in acts]


def held_values(acts: Sequence[Activation]) -> str:
    """The values held by the gated ones among ``acts``, in words ("1", "1 or 2"); "" if
    none is gated: what a 1-D view of them (plot, table, compare) says it shows."""
    return " or ".join(dict.fromkeys(format_param(a.held) for a in acts if a.kind == "gated"))
