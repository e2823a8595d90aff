"""What a gallery image marks on an activation, all measured by :func:`properties.analyse`.

Nothing here is written per activation: the x interval, range bounds, kinks and jumps, extrema,
dead zones, saturated tails and the largest |f'| come from the measured properties, so an
activation added to the registry is annotated like the built-in ones.  No matplotlib here.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .._search import runs
from ..activation import Activation
from ..facts import Break, RealSet, finite_ends
from ..properties import Extremum, Properties, analyse
from ..sampling import span

CONTEXT = (0.0,)  # vector-valued activations: the first logit against one other fixed at 0
SATURATED = 0.05  # a tail is shaded where |f'| is below this share of its largest value
_SAMPLES = 2001  # to find where a saturated tail begins (shading needs no finer edge)


@dataclass(frozen=True)
class Extreme:
    what: str  # "minimum" or "maximum"
    x: float
    value: float


@dataclass(frozen=True)
class Marks:
    """Everything an image annotates, in plot coordinates."""

    x_range: tuple[float, float]
    range: RealSet  # of f, as measured
    breaks: tuple[Break, ...]  # jumps and kinks of f, f' (and f'') inside x_range
    extremes: tuple[Extreme, ...]  # of non-monotonic activations, at finite x
    dead_zones: tuple[tuple[float, float], ...]  # f' = 0 on these, clipped to x_range
    saturated: tuple[tuple[float, float], ...]  # tails where 0 < |f'| < SATURATED * max |f'|
    grad_sup: float  # max |f'| (or its supremum when only approached)
    grad_peaks: tuple[tuple[float, float], ...]  # (x, f'(x)) where |f'| is largest, if taken
    grad_limit: float | None  # the signed value |f'| approaches without taking it

    @property
    def bounds(self) -> tuple[float, ...]:
        """The range's finite ends: dashed lines."""
        return tuple(finite_ends(self.range))


@functools.cache
def measure(act: Activation) -> Marks:
    """Analyse ``act`` and lay its properties out for one image (once per process: the sweeps
    and the overview need the activations' x intervals again)."""
    props = analyse(act, CONTEXT)
    x_range = span(_marked_xs(props))
    lo, hi = x_range
    x = np.linspace(*x_range, _SAMPLES)
    d1 = act.evaluate(x, 1, CONTEXT)
    grad_peaks, grad_limit = _grad_peak(act, props.max_abs_grad, x_range, d1)
    return Marks(
        x_range=x_range,
        range=props.facts.range,
        breaks=tuple(b for b in props.facts.breaks if lo < b.x < hi),
        extremes=_extremes(props, x_range),
        dead_zones=_clip([(z.lo, z.hi) for z in props.dead_zones], x_range),
        saturated=_saturated(props, x, d1),
        grad_sup=props.max_abs_grad.value,
        grad_peaks=grad_peaks,
        grad_limit=grad_limit,
    )


def union(ranges: Sequence[tuple[float, float]]) -> tuple[float, float]:
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


def _marked_xs(props: Properties) -> list[float]:
    xs = [b.x for b in props.facts.breaks]
    xs += [x for e in (props.minimum, props.maximum) if e is not None for x in e.xs]
    xs += [end for z in props.dead_zones for end in (z.lo, z.hi)]
    xs += list(props.max_abs_grad.xs)
    return xs


def _extremes(props: Properties, x_range: tuple[float, float]) -> tuple[Extreme, ...]:
    found = (("minimum", props.minimum), ("maximum", props.maximum))
    return tuple(
        Extreme(what, x, e.value)
        for what, e in found
        if e is not None and e.attained
        for x in e.xs
        if x_range[0] <= x <= x_range[1]
    )


def _clip(
    intervals: Iterable[tuple[float, float]], x_range: tuple[float, float]
) -> tuple[tuple[float, float], ...]:
    lo, hi = x_range
    return tuple((max(a, lo), min(b, hi)) for a, b in intervals if a < hi and b > lo)


def _saturated(props: Properties, x: np.ndarray, d1: np.ndarray) -> tuple[tuple[float, float], ...]:
    """On each side that saturates softly (f' tends to 0 without reaching it), the stretch from
    the edge of the plot inwards where |f'| is already below SATURATED of its largest value.
    Only stretches touching an edge count: a small |f'| in the middle (the Gaussian's top) is
    not saturation."""
    top = props.max_abs_grad.value
    if not (math.isfinite(top) and top > 0):
        return ()
    small = np.abs(d1) < SATURATED * top
    tails = []
    for i, j in runs(small):
        left, right = i == 0 and props.saturation[0] == "soft", j == x.size - 1
        if left or (right and props.saturation[1] == "soft"):
            tails.append((float(x[i]), float(x[j])))
    return tuple(tails)


def _grad_peak(
    act: Activation, sup: Extremum, x_range: tuple[float, float], d1: np.ndarray
) -> tuple[tuple[tuple[float, float], ...], float | None]:
    """Where |f'| is largest, when that is a point or a few (a constant stretch needs no mark),
    else the value it only approaches (at infinity, or beside a jump), with its sign."""
    peaks = tuple(x for x in sup.xs if x_range[0] <= x <= x_range[1])
    if sup.attained and peaks and not sup.intervals:
        values = act.evaluate(np.array(peaks), 1, CONTEXT)
        return tuple(zip(peaks, map(float, values), strict=True)), None
    if sup.attained or not math.isfinite(sup.value):
        return (), None
    # The sign is that of f' where it comes nearest the supremum on the drawn stretch.
    sign = math.copysign(1.0, float(d1[np.nanargmax(np.abs(d1))]))
    return (), sign * sup.value
