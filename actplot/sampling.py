"""Curves: activations sampled for drawing, and what a figure shows as data.

A curve is split where the sampled function jumps (binary_step, or relu' at 0), with the value
taken at the jump and the one-sided limit not taken kept apart, and kinks are sampled exactly
so corners stay sharp.  :func:`curves` gives the samples of a figure as data
(``actplot plot --csv``); :func:`default_range` the x interval that shows an activation's
features.  No matplotlib here.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._formats import json_dumps, json_numbers, json_params
from .activation import Activation
from .errors import ActplotError
from .facts import Break
from .numbers import check_range
from .spec import Spec, activations

ORDER_NAMES = ("f", "f'", "f''")
MAX_POINTS = 1_000_000  # samples per curve
HALF_WIDTH = 5.0  # a default range shows at least [-5, 5] ...
MARGIN = 1.0  # ... and at least this much around every kink and jump
REACH = 50.0  # features farther out than this are not worth squeezing the curve for


@dataclass(frozen=True)
class Curve:
    """A sampled curve: nan in x and y separates its continuous pieces."""

    x: np.ndarray
    y: np.ndarray
    values: list[tuple[float, float]] = field(default_factory=list)  # (x, f(x)) at each jump
    limits: list[tuple[float, float]] = field(default_factory=list)  # one-sided limits not taken


def breaks(act: Activation, context: Sequence[float] = (0.0,)) -> tuple[Break, ...]:
    """Where f, f' or f'' jumps: as declared, or measured for a definition that declares no
    facts (a plugin's), so that its jumps are drawn as jumps too."""
    facts = act.facts
    return facts.breaks if facts is not None else _measured_breaks(act, tuple(context))


@functools.lru_cache(maxsize=64)
def _measured_breaks(act: Activation, context: tuple[float, ...]) -> tuple[Break, ...]:
    from .properties import analyse

    return analyse(act, context).facts.breaks


def span(xs: Iterable[float]) -> tuple[float, float]:
    """The x interval to draw: [-5, 5] widened to whole numbers around the points to show."""
    near = [x for x in xs if math.isfinite(x) and abs(x) <= REACH]
    lo = min([-HALF_WIDTH, *(x - MARGIN for x in near)])
    hi = max([HALF_WIDTH, *(x + MARGIN for x in near)])
    return float(math.floor(lo)), float(math.ceil(hi))


def default_range(
    acts: Sequence[Activation], context: Sequence[float] = (0.0,)
) -> tuple[float, float]:
    """The x interval that shows every kink and jump of these activations (ReLU6's cap at 6,
    a threshold's jump), as the gallery does: [-5, 5] unless a feature lies beyond."""
    return span(b.x for act in acts for b in breaks(act, context))


def sample_x(
    breaks: Sequence[Break], order: int, x_range: tuple[float, float], points: int
) -> tuple[np.ndarray, list[float]]:
    """Points to draw f^(order) at: a linspace with the kinks added exactly, and a nan between
    the two sides of each jump.  Returns them and the jumps (an end of the range included: the
    curve then starts beside it, and the dot at the value shows what f is there)."""
    lo, hi = x_range
    inside = [b for b in breaks if lo <= b.x <= hi]
    jumps = sorted({b.x for b in inside if b.order <= order})
    xs = np.union1d(np.linspace(lo, hi, points), [b.x for b in inside if b.order == order + 1])
    pieces = []
    for a, b in itertools.pairwise(sorted({lo, *jumps, hi})):
        left = np.nextafter(a, math.inf) if a in jumps else a
        right = np.nextafter(b, -math.inf) if b in jumps else b
        pieces.append(np.concatenate([[left], xs[(xs > a) & (xs < b)], [right], [np.nan]]))
    return np.concatenate(pieces)[:-1], jumps


def sample(
    act: Activation,
    order: int,
    x_range: tuple[float, float],
    points: int,
    context: Sequence[float] = (0.0,),
) -> Curve:
    """Sample the derivative of ``order`` (0: the function) over ``x_range``."""
    x, jumps = sample_x(breaks(act, context), order, x_range, points)
    values, limits = [], []
    for x0 in jumps:
        at, before, after = act.evaluate(
            [x0, np.nextafter(x0, -math.inf), np.nextafter(x0, math.inf)], order, context
        )
        values.append((x0, float(at)))
        sides = [v for v, shown in ((before, x0 > x_range[0]), (after, x0 < x_range[1])) if shown]
        limits.extend((x0, float(v)) for v in sides if not math.isclose(v, at))
    return Curve(x, act.evaluate(x, order, context), values, limits)


def check_orders(orders: Sequence[int]) -> tuple[int, ...]:
    """Derivative orders as given, each once, or a clear error."""
    out = tuple(dict.fromkeys(orders))
    if not out or any(isinstance(o, bool) or o not in (0, 1, 2) for o in out):
        raise ActplotError(f"derivatives are orders 0, 1 and 2, got {tuple(orders)}")
    return out


def check_points(points: int) -> int:
    if isinstance(points, bool) or not isinstance(points, int) or not 2 <= points <= MAX_POINTS:
        raise ActplotError(f"points must be a whole number from 2 to {MAX_POINTS}, got {points!r}")
    return points


# the data of a figure --------------------------------------------------------------------------


@dataclass(frozen=True)
class Curves:
    """Activations sampled on one grid over ``x_range``: for each, f and the derivatives of
    ``derivatives`` at every x (what a figure of them shows, for replotting elsewhere)."""

    x: np.ndarray
    derivatives: tuple[int, ...]
    activations: tuple[Activation, ...]
    values: tuple[dict[int, np.ndarray], ...]  # per activation, by order

    def to_csv(self) -> str:
        """One row per activation and x: activation, x, then f, f', f'' as asked, every digit."""
        import csv

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["activation", "x", *(ORDER_NAMES[k] for k in self.derivatives)])
        for act, by_order in zip(self.activations, self.values, strict=True):
            for i, x in enumerate(self.x):
                w.writerow(
                    [
                        act.label,
                        repr(float(x)),
                        *(repr(float(by_order[k][i])) for k in self.derivatives),
                    ]
                )
        return buf.getvalue()

    def to_dict(self) -> dict[str, Any]:
        return {
            "x": json_numbers(self.x),
            "curves": [
                {
                    "name": a.name,
                    "label": a.label,
                    "params": json_params(a.params),
                    **{ORDER_NAMES[k]: json_numbers(v[k]) for k in self.derivatives},
                }
                for a, v in zip(self.activations, self.values, strict=True)
            ],
        }

    def to_json(self) -> str:
        return json_dumps(self.to_dict())


def curves(
    *specs: Spec,
    derivatives: Sequence[int] = (0, 1, 2),
    x_range: Sequence[float] | None = None,
    points: int = 1001,
    context: Sequence[float] = (0.0,),
    value: float | None = None,
) -> Curves:
    """The values a figure of these activations shows, on ``points`` evenly spaced x over
    ``x_range`` (by default the range :func:`default_range` picks), with the kinks and jumps
    inside it added as points of their own.  ``context`` and ``value`` are those of
    :func:`actplot.plot`."""
    acts = activations(specs, value)
    if not acts:
        raise ActplotError("curves needs at least one activation")
    orders, ctx = check_orders(derivatives), tuple(float(c) for c in context)
    lo, hi = check_range(x_range) if x_range is not None else default_range(acts, ctx)
    kinks = [b.x for a in acts for b in breaks(a, ctx) if lo <= b.x <= hi]
    x = np.union1d(np.linspace(lo, hi, check_points(points)), kinks)
    values = tuple({k: a.evaluate(x, k, ctx) for k in orders} for a in acts)
    return Curves(x, orders, tuple(acts), values)
