"""What is known of an activation as mathematics: its range (a set of reals), where it or a
derivative jumps, and what follows (monotonicity, continuity).

These are declared in closed form by a definition, or measured by :mod:`actplot.properties`;
the test suite checks that the two agree for every built-in activation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .numbers import LABEL, format_number

SMOOTH = "Smooth everywhere: no convention needed."  # the convention of a function with no kink

Number = Callable[[float], str]


def _number(v: float) -> str:
    return format_number(v, LABEL, trim=True)


@dataclass(frozen=True)
class Interval:
    """An interval of the real line, open or closed at each end: [0, 6], (0, 1), (-inf, inf).
    A point is the closed interval [v, v]."""

    lo: float
    hi: float
    lo_closed: bool = False
    hi_closed: bool = False

    @property
    def is_point(self) -> bool:
        return self.lo == self.hi

    def format(self, number: Number = _number) -> str:
        """[lo, hi), (lo, hi) and so on, with ``number`` writing the ends; a point as {v}."""
        if self.is_point:
            return f"{{{number(self.lo)}}}"
        lo, hi = number(self.lo), number(self.hi)
        return f"{'[' if self.lo_closed else '('}{lo}, {hi}{']' if self.hi_closed else ')'}"

    def __str__(self) -> str:
        return self.format()


def point(v: float) -> Interval:
    return Interval(v, v, True, True)


@dataclass(frozen=True)
class RealSet:
    """A union of disjoint intervals and points, such as the range of a function that jumps:
    binary_step's {0, 1}, threshold's {0} ∪ (1, inf).  Built with :func:`union`, which sorts
    and merges the parts; ``lo`` and ``hi`` are the infimum and supremum, ``lo_closed`` and
    ``hi_closed`` whether they are taken."""

    parts: tuple[Interval, ...]

    @property
    def lo(self) -> float:
        return self.parts[0].lo

    @property
    def hi(self) -> float:
        return self.parts[-1].hi

    @property
    def lo_closed(self) -> bool:
        return self.parts[0].lo_closed

    @property
    def hi_closed(self) -> bool:
        return self.parts[-1].hi_closed

    def format(self, number: Number = _number) -> str:
        """Parts joined by ∪, neighbouring points in one brace: {0, 1} ∪ (2, inf)."""
        words: list[str] = []
        points: list[str] = []
        for part in self.parts:
            if part.is_point:
                points.append(number(part.lo))
                continue
            if points:
                words.append("{" + ", ".join(points) + "}")
                points = []
            words.append(part.format(number))
        if points:
            words.append("{" + ", ".join(points) + "}")
        return " ∪ ".join(words)

    def __str__(self) -> str:
        return self.format()


def union(parts: Iterable[Interval]) -> RealSet:
    """The union of intervals and points, as the fewest disjoint parts in increasing order."""
    ordered = sorted(parts, key=lambda p: (p.lo, not p.lo_closed, p.hi))
    merged: list[Interval] = []
    for p in ordered:
        if merged:
            last = merged[-1]
            overlap = p.lo < last.hi or (p.lo == last.hi and (last.hi_closed or p.lo_closed))
            if overlap:
                if p.hi > last.hi or (p.hi == last.hi and p.hi_closed):
                    last = Interval(last.lo, p.hi, last.lo_closed, p.hi_closed)
                if p.lo == last.lo and p.lo_closed:
                    last = Interval(last.lo, last.hi, True, last.hi_closed)
                merged[-1] = last
                continue
        merged.append(p)
    if not merged:
        raise ValueError("a range has at least one part")
    return RealSet(tuple(merged))


@dataclass(frozen=True)
class Break:
    """A point where the function (order 0), its derivative (1) or its second derivative (2)
    jumps."""

    x: float
    order: int

    @property
    def kind(self) -> str:
        """The break in words: "jump", "kink" (f' jumps) or "f″ jump"."""
        return ("jump", "kink", "f″ jump")[self.order]


@dataclass(frozen=True)
class Facts:
    """What is known of an activation with given parameters: its range (an Interval, or a
    RealSet when it jumps), whether it is monotonic, and where f, f' or f'' jumps.

    ``compare`` computes these properties numerically; a test checks that both agree for every
    registered activation, so a wrong declaration or a wrong formula fails.
    """

    range: RealSet
    monotonic: bool
    breaks: tuple[Break, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.range, Interval):  # one interval: the common case, written plainly
            object.__setattr__(self, "range", RealSet((self.range,)))

    @property
    def continuity(self) -> str:
        """ "C∞", "C1", "C0", or "discontinuous" (the function itself jumps).  Definitions
        give two derivatives, so C∞ means no break in f, f' or f''."""
        if not self.breaks:
            return "C∞"
        order = min(b.order for b in self.breaks)
        return "discontinuous" if order == 0 else f"C{order - 1}"


def finite_ends(s: RealSet) -> Sequence[float]:
    """The finite ends of a set's parts, each once: where a figure draws the range's bounds."""
    ends = [v for p in s.parts for v in (p.lo, p.hi) if math.isfinite(v)]
    return tuple(dict.fromkeys(ends))
