"""Figures of activations and their derivatives: :func:`plot` and :func:`grad`.

Built with matplotlib's object-oriented API (no pyplot state): each returns a
``matplotlib.figure.Figure``, which a notebook displays as it is, or draws into axes given.
Importing this module imports matplotlib, so only code that draws imports it.

Curves are split where the plotted function jumps (binary_step, or relu' at 0), with a dot at
the value taken there and a ring at the one-sided limit it does not take, and kinks are
sampled exactly so corners stay sharp.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .activation import Activation, Break
from .errors import ActplotError
from .numbers import LABEL, check_range, format_number
from .spec import Spec, activations

if TYPE_CHECKING:
    from .values import ValueTable

ORDER_TITLES = {0: "f(x)", 1: "f′(x)", 2: "f″(x)"}
LAYOUTS = ("overlay", "grid")
MAX_POINTS = 1_000_000  # samples per curve
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
        at, before, after = act.evaluate(
            [x0, np.nextafter(x0, -math.inf), np.nextafter(x0, math.inf)], order, context
        )
        values.append((x0, float(at)))
        sides = [v for v, shown in ((before, x0 > x_range[0]), (after, x0 < x_range[1])) if shown]
        limits.extend((x0, float(v)) for v in sides if not math.isclose(v, at))
    return Curve(x, act.evaluate(x, order, context), values, limits)


def figure_size(panels: int, layout: str) -> tuple[float, float]:
    if layout == "grid":
        cols = min(panels, 3)
        return 4.4 * cols, 3.4 * math.ceil(panels / cols)
    return 6.4 * panels, 4.6


def _colors(acts: Sequence[Activation]) -> list:
    """One definition swept over a parameter: an ordered colormap; otherwise the default cycle."""
    from matplotlib import colormaps

    if len(acts) > 1 and len({id(a.definition) for a in acts}) == 1:
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
        others = ", ".join(format_number(c, LABEL, trim=True) for c in context)
        return f"x  (vector-valued: first logit of [x, {others}])"
    return "x"


def _check(layout: str, points: int, orders: Sequence[int]) -> None:
    if layout not in LAYOUTS:
        raise ActplotError(f"layout is {' or '.join(LAYOUTS)}, got {layout!r}")
    if not 2 <= points <= MAX_POINTS:
        raise ActplotError(f"points must be 2 to {MAX_POINTS}, got {points}")
    if not orders or any(o not in ORDER_TITLES for o in orders):
        raise ActplotError(f"derivatives are orders 0, 1 and 2, got {tuple(orders)}")


def _axes(ax: Axes | Sequence[Axes] | None, panels: int, layout: str) -> list[Axes]:
    """The axes to draw in: those given (as many as there are panels), or a new figure's: a
    row of panels for an overlay, rows of three for a grid."""
    if ax is None:
        fig = Figure(figsize=figure_size(panels, layout))
        cols = min(panels, 3) if layout == "grid" else panels
        axes = list(fig.subplots(math.ceil(panels / cols), cols, squeeze=False).ravel())
        for extra in axes[panels:]:
            extra.set_visible(False)
        fig.set_layout_engine("constrained")
        return axes[:panels]
    given = [ax] if isinstance(ax, Axes) else list(ax)
    if len(given) != panels:
        raise ActplotError(f"this figure has {panels} panels; got {len(given)} axes to draw in")
    return given


def plot(
    *specs: Spec,
    derivatives: Sequence[int] = (0,),
    x_range: Sequence[float] = (-5.0, 5.0),
    points: int = 1001,
    layout: str = "overlay",
    context: Sequence[float] = (0.0,),
    log: bool = False,
    ax: Axes | Sequence[Axes] | None = None,
) -> Figure:
    """Draw activations (names, specs such as ``"elu:alpha=0.5,1,2"``, or Activation objects)
    and the derivatives of the orders in ``derivatives`` (0 is f itself).

    ``layout="overlay"``: one panel per order, every activation in each; ``"grid"``: one panel
    per activation, its orders drawn solid, dashed and dotted.  ``log`` draws |f^(k)| of the
    derivatives on a log scale (vanishing gradients).  ``context`` holds the other logits of
    the vector-valued activations fixed while x varies.  ``ax``: axes to draw into, one per
    panel, instead of a new figure.  Returns the figure.

    >>> fig = plot("swish", "gelu", derivatives=(0, 1))
    >>> len(fig.axes)
    2
    """
    acts = activations(specs)
    if not acts:
        raise ActplotError("plot needs at least one activation")
    orders = tuple(dict.fromkeys(derivatives))
    _check(layout, points, orders)
    how = _Sampling(check_range(x_range), points, tuple(float(c) for c in context))
    x_label = xlabel(acts, how.context)
    panels = len(acts) if layout == "grid" else len(orders)
    axes = _axes(ax, panels, layout)
    fig = axes[0].get_figure()
    if layout == "grid":
        for ax_, act in zip(axes, acts, strict=True):
            lines = [
                (
                    act,
                    order,
                    {"color": f"C{i}", "ls": _ORDER_STYLES[order], "label": _title(order, log)},
                )
                for i, order in enumerate(orders)
            ]
            _draw_panel(ax_, lines, how, log)
            _finish_axes(ax_, act.label, x_label, len(orders) > 1)
        if ax is None:
            fig.suptitle(" and ".join(_title(o, log) for o in orders))
    else:
        colors = _colors(acts)
        for i, (ax_, order) in enumerate(zip(axes, orders, strict=True)):
            lines = [
                (act, order, {"color": color, "label": act.label})
                for act, color in zip(acts, colors, strict=True)
            ]
            scaled = _draw_panel(ax_, lines, how, log)
            _finish_axes(ax_, _title(order, scaled), x_label, i == 0)
        if len(acts) == 1 and ax is None:
            fig.suptitle(f"{acts[0].label}:  ${acts[0].definition.formula}$")
    return fig


def grad(
    *specs: Spec,
    order: int = 1,
    log: bool = False,
    x_range: Sequence[float] = (-5.0, 5.0),
    points: int = 1001,
    layout: str = "overlay",
    context: Sequence[float] = (0.0,),
    ax: Axes | Sequence[Axes] | None = None,
) -> Figure:
    """The derivative of ``order`` (1 or 2) of activations: :func:`plot` with
    ``derivatives=(order,)``.  With ``log``, |f^(order)| on a log scale, where vanishing
    gradients become visible."""
    if order not in (1, 2):
        raise ActplotError(f"order is 1 or 2, got {order!r}")
    return plot(
        *specs, derivatives=(order,), x_range=x_range, points=points, layout=layout,
        context=context, log=log, ax=ax,
    )  # fmt: skip


def plot_differences(
    first: Activation,
    *others: Activation,
    x_range: Sequence[float] = (-5.0, 5.0),
    points: int = 1001,
    context: Sequence[float] = (0.0,),
    marks: Sequence[Sequence[Sequence[float]]] = (),
) -> Figure:
    """Each of ``others`` minus ``first``, and their derivatives, side by side, with dotted
    lines at ``marks`` (per other: where each difference is largest)."""
    lo, hi = check_range(x_range)
    fig = Figure(figsize=figure_size(2, "overlay"))
    axes = fig.subplots(1, 2, squeeze=False).ravel()
    marks = list(marks) or [((), ())] * len(others)
    labels = [f"{first.label}{{p}} − {b.label}{{p}}" for b in others]
    for ax, order in zip(axes, (0, 1), strict=True):
        prime = "′" * order
        for i, (b, where) in enumerate(zip(others, marks, strict=True)):
            breaks = (*_breaks(first, context), *_breaks(b, context))
            x, _ = sample_x(breaks, order, (lo, hi), points)
            y = first.evaluate(x, order, context) - b.evaluate(x, order, context)
            ax.plot(x, y, lw=1.8, color=f"C{i % 10}", label=labels[i].format(p=prime))
            for x0 in where[order]:
                if lo <= x0 <= hi:
                    ax.axvline(x0, color="C3" if len(others) == 1 else f"C{i % 10}", ls=":", lw=1.2)
        title = labels[0].format(p=prime) if len(others) == 1 else f"f{prime} differences"
        _finish_axes(ax, title, xlabel((first, *others), context), len(others) > 1 and not order)
    fig.set_layout_engine("constrained")
    return fig


def draw_table(values: ValueTable, points: int = 1001) -> Figure:
    """A value table's activations over the span of its points, one panel per derivative order,
    a dot at each tabulated value.  Vector-valued rows, whose values belong to one vector, are
    drawn as their dots joined by a thin line."""
    lo, hi = min(values.x), max(values.x)
    pad = max(1.0, 0.1 * (hi - lo))
    how = _Sampling((lo - pad, hi + pad), points, (0.0,))
    orders = values.derivatives
    fig = Figure(figsize=figure_size(len(orders), "overlay"))
    axes = fig.subplots(1, len(orders), squeeze=False).ravel()
    colors = _colors(values.activations)
    for i, (ax, order) in enumerate(zip(axes, orders, strict=True)):
        for row, color in zip(values.rows, colors, strict=True):
            act = row.activation
            if act.kind == "vector":
                ax.plot(
                    values.x, row.values[order], "o--", color=color, lw=0.8, ms=5, label=act.label
                )
                continue
            curve = sample(act, order, how.x_range, how.points, how.context)
            draw_curve(ax, act, curve, order, color=color, label=act.label)
            ax.plot(values.x, row.values[order], "o", color=color, ms=5, zorder=3)
        _finish_axes(ax, ORDER_TITLES[order], "x", i == 0)
    fig.set_layout_engine("constrained")
    return fig
