"""Figures of activations and their derivatives.

Built with matplotlib's object-oriented API (no pyplot state); importing this module imports
matplotlib, so only code that draws imports it.  Curves are split where the plotted function
jumps (binary_step, or relu' at 0), with a dot at the value taken there and a ring at the
one-sided limit it does not take, and kinks are sampled exactly so corners stay sharp.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .activation import Activation, Break

ORDER_TITLES = {0: "f(x)", 1: "f′(x)", 2: "f″(x)"}
_ORDER_STYLES = {0: "-", 1: "--", 2: ":"}


@dataclass(frozen=True)
class Curve:
    """A sampled curve: nan in x and y separates its continuous pieces."""

    x: np.ndarray
    y: np.ndarray
    values: list[tuple[float, float]] = field(default_factory=list)  # (x, f(x)) at each jump
    limits: list[tuple[float, float]] = field(default_factory=list)  # one-sided limits not taken


def _breaks(act: Activation, context: Sequence[float]) -> tuple[Break, ...]:
    """Where f, f' or f'' jumps: as declared, or measured for a definition that declares no
    facts (a plugin's), so that its jumps are drawn as jumps too."""
    facts = act.facts
    return facts.breaks if facts is not None else _measured_breaks(act, tuple(context))


@functools.lru_cache(maxsize=64)
def _measured_breaks(act: Activation, context: tuple[float, ...]) -> tuple[Break, ...]:
    from .properties import analyse

    return analyse(act, context).facts.breaks


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
    x, jumps = sample_x(_breaks(act, context), order, x_range, points)
    values, limits = [], []
    for x0 in jumps:
        at, before, after = act.curve(
            [x0, np.nextafter(x0, -math.inf), np.nextafter(x0, math.inf)], order, context
        )
        values.append((x0, float(at)))
        sides = [v for v, shown in ((before, x0 > x_range[0]), (after, x0 < x_range[1])) if shown]
        limits.extend((x0, float(v)) for v in sides if not math.isclose(v, at))
    return Curve(x, act.curve(x, order, context), values, limits)


def figure_size(panels: int, layout: str) -> tuple[float, float]:
    if layout == "grid":
        cols = min(panels, 3)
        return 4.4 * cols, 3.4 * math.ceil(panels / cols)
    return 6.4 * panels, 4.6


def _colors(acts: Sequence[Activation]) -> list:
    """One definition swept over a parameter: an ordered colormap; otherwise the default cycle."""
    from matplotlib import colormaps

    if len(acts) > 1 and len({a.name for a in acts}) == 1:
        return list(colormaps["viridis"](np.linspace(0.05, 0.85, len(acts))))
    return [f"C{i % 10}" for i in range(len(acts))]


@dataclass(frozen=True)
class _Sampling:
    x_range: tuple[float, float]
    points: int
    context: Sequence[float]


def _nonzero(curve: Curve) -> bool:
    """Whether a log scale would have anything of |curve| to draw."""
    marked = (v for _, v in (*curve.values, *curve.limits))
    return bool(np.any(np.abs(curve.y) > 0)) or any(v != 0 for v in marked)


def draw_curve(
    ax: Axes, act: Activation, curve: Curve, order: int, log: bool = False, **line
) -> bool:
    """One sampled curve of ``act`` with its jump markers: a dot at the value taken, a ring at
    the limit not taken (and, for rrelu's f, its random band); with ``log``, |curve| without
    its zeros.  Returns whether zeros were left out."""
    absolute = np.abs if log else (lambda v: v)
    y = absolute(curve.y)
    hidden = bool(log and np.any(y == 0))
    if log:
        y = np.where(y > 0, y, np.nan)
    (handle,) = ax.plot(curve.x, y, **{"lw": 1.8, **line})
    color = handle.get_color()
    for points, face in ((curve.values, color), (curve.limits, "white")):
        shown = [(x, absolute(v)) for x, v in points if not log or v != 0]
        if shown:
            ax.plot(*zip(*shown, strict=True), "o", mfc=face, mec=color, ms=4.5, zorder=3)
    if order == 0 and act.definition.band is not None:
        xs = curve.x[np.isfinite(curve.x)]
        ax.fill_between(xs, *act.band(xs), color=color, alpha=0.15, lw=0)
    return hidden


def _draw_panel(
    ax: Axes, lines: Sequence[tuple[Activation, int, dict]], how: _Sampling, log: bool
) -> bool:
    """Sample and draw ``lines`` (activation, order, line style) on one set of axes.

    ``log`` asks for the derivatives as |f^(k)| on a log scale; the panel gets one only if some
    derivative is nonzero in the range, and says so in a corner note where zeros are missing.
    Returns whether the panel is on a log scale."""
    curves = [sample(act, order, how.x_range, how.points, how.context) for act, order, _ in lines]
    logged = [log and order > 0 for _, order, _ in lines]
    scaled = any(lg and _nonzero(c) for lg, c in zip(logged, curves, strict=True))
    hidden = [
        draw_curve(ax, act, curve, order, lg and scaled, **line)
        for (act, order, line), curve, lg in zip(lines, curves, logged, strict=True)
    ]
    if scaled:
        ax.set_yscale("log")
    note = ""
    if scaled and any(hidden):
        note = "a gap is exactly 0 (not drawable on a log scale)"
    elif any(logged) and not scaled:
        note = "exactly 0 throughout: nothing to show on a log scale"
    if note:
        ax.text(
            0.99,
            0.01,
            note,
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize="x-small",
            color="0.4",
        )
    return scaled


def style_axes(ax: Axes, lw: float = 0.6) -> None:
    """The look of every panel: thin lines through 0, a faint grid, no top or right spine."""
    ax.axhline(0, color="0.6", lw=lw, zorder=0)
    ax.axvline(0, color="0.6", lw=lw, zorder=0)
    ax.grid(True, alpha=0.25)
    ax.spines[["top", "right"]].set_visible(False)


def _finish_axes(ax: Axes, title: str, x_label: str, legend: bool) -> None:
    ax.set_title(title)
    ax.set_xlabel(x_label)
    style_axes(ax)
    if legend:
        ax.legend(fontsize="small", loc="best")


def _title(order: int, log: bool) -> str:
    name = ORDER_TITLES[order]
    return f"|{name}|  (log scale)" if log and order else name


def xlabel(acts: Sequence[Activation], context: Sequence[float]) -> str:
    if any(a.kind == "vector" for a in acts):
        others = ", ".join(f"{c:g}" for c in context)
        return f"x  (vector-valued: first logit of [x, {others}])"
    return "x"


def draw(
    fig: Figure,
    acts: Sequence[Activation],
    orders: Sequence[int],
    *,
    layout: str = "overlay",
    x_range: tuple[float, float] = (-5.0, 5.0),
    points: int = 1001,
    context: Sequence[float] = (0.0,),
    log: bool = False,
) -> Figure:
    """Draw activations into ``fig``.

    ``overlay``: one panel per order (f, f', f''), every activation in each.
    ``grid``: one panel per activation, its orders drawn solid, dashed and dotted.
    ``log`` plots |f^(k)| on a log scale for the derivative orders (vanishing gradients).
    """
    how = _Sampling(x_range, points, tuple(context))
    x_label = xlabel(acts, context)
    if layout == "grid":
        cols = min(len(acts), 3)
        axes = fig.subplots(math.ceil(len(acts) / cols), cols, squeeze=False).ravel()
        for ax in axes[len(acts) :]:
            ax.set_visible(False)
        for ax, act in zip(axes, acts, strict=False):
            lines = [
                (
                    act,
                    order,
                    {"color": f"C{i}", "ls": _ORDER_STYLES[order], "label": _title(order, log)},
                )
                for i, order in enumerate(orders)
            ]
            _draw_panel(ax, lines, how, log)
            _finish_axes(ax, act.label, x_label, len(orders) > 1)
        fig.suptitle(" and ".join(_title(o, log) for o in orders))
    else:
        axes = fig.subplots(1, len(orders), squeeze=False).ravel()
        colors = _colors(acts)
        for i, (ax, order) in enumerate(zip(axes, orders, strict=True)):
            lines = [
                (act, order, {"color": color, "label": act.label})
                for act, color in zip(acts, colors, strict=True)
            ]
            scaled = _draw_panel(ax, lines, how, log)
            _finish_axes(ax, _title(order, scaled), x_label, i == 0)
        if len(acts) == 1:
            fig.suptitle(f"{acts[0].label}:  ${acts[0].definition.formula}$")
    fig.set_layout_engine("constrained")
    return fig


def draw_difference(
    fig: Figure,
    a: Activation,
    b: Activation,
    *,
    x_range: tuple[float, float] = (-5.0, 5.0),
    points: int = 1001,
    context: Sequence[float] = (0.0,),
    marks: Sequence[Sequence[float]] = ((), ()),
) -> Figure:
    """A - B and A' - B' side by side, with dotted lines at ``marks`` (where each is largest)."""
    breaks = (*_breaks(a, context), *_breaks(b, context))
    axes = fig.subplots(1, 2, squeeze=False).ravel()
    for ax, order, where in zip(axes, (0, 1), marks, strict=True):
        x, _ = sample_x(breaks, order, x_range, points)
        ax.plot(x, a.curve(x, order, context) - b.curve(x, order, context), lw=1.8)
        for x0 in where:
            if x_range[0] <= x0 <= x_range[1]:
                ax.axvline(x0, color="C3", ls=":", lw=1.2)
        prime = "′" * order
        _finish_axes(ax, f"{a.label}{prime} − {b.label}{prime}", xlabel((a, b), context), False)
    fig.set_layout_engine("constrained")
    return fig
