"""Figures of activations and their derivatives: :func:`plot` and :func:`grad`.

Built with matplotlib's object-oriented API (no pyplot state): each returns a
``matplotlib.figure.Figure``, which a notebook displays as it is, or draws into axes given.
Importing this module imports matplotlib, so only code that draws imports it.

Every figure is drawn in one of the looks of :mod:`actplot.styles`; curves differ in colour
and dash, the legend sits below the panels where it cannot cover a curve, and what a curve
does that the eye could miss is said in its legend entry: that it coincides with another
here, or, on a log scale, where it falls below the floor (and so vanishes) or is exactly 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from . import styles
from ._layout import PanelLayout
from ._search import runs
from .activation import Activation, held_values
from .errors import ActplotError
from .numbers import LABEL, check_range, format_number
from .sampling import Curve, breaks, check_orders, check_points, default_range, sample, sample_x
from .spec import Spec, activations

if TYPE_CHECKING:
    from .values import ValueTable

ORDER_TITLES = {0: "f(x)", 1: "f′(x)", 2: "f″(x)"}
GATED_TITLES = {0: "f(a, b)", 1: "∂f/∂b", 2: "∂²f/∂b²"}  # every curve gated: x is the gate
PRIMES = {0: "f", 1: "f′", 2: "f″"}
LAYOUTS = ("overlay", "grid")
DECADES = 20  # a log scale shows this many decades below the largest value, by default
DPI = 150


def figure_size(panels: int, layout: str) -> tuple[float, float]:
    if layout == "grid":
        cols = min(panels, 3)
        return 4.4 * cols, 3.4 * math.ceil(panels / cols)
    return 6.4 * panels, 4.6


@dataclass(frozen=True)
class _Sampling:
    x_range: tuple[float, float]
    points: int
    context: tuple[float, ...]


@dataclass
class _Line:
    """One curve of a panel: what to draw, how, and what its legend entry says."""

    act: Activation
    order: int
    style: dict
    label: str
    notes: list[str]


def _nonzero(curve: Curve) -> bool:
    """Whether a log scale would have anything of |curve| to draw."""
    marked = (v for _, v in (*curve.values, *curve.limits))
    return bool(np.any(np.abs(curve.y) > 0)) or any(v != 0 for v in marked)


def draw_curve(
    ax: Axes, act: Activation, curve: Curve, order: int, log: bool = False, **line
) -> None:
    """One sampled curve of ``act`` with its jump markers: a dot at the value taken, a ring at
    the limit not taken (and, for rrelu's f, its random band); with ``log``, |curve| without
    its zeros."""
    absolute = np.abs if log else (lambda v: v)
    y = absolute(curve.y)
    if log:
        y = np.where(y > 0, y, np.nan)
    (handle,) = ax.plot(curve.x, y, **{"lw": 1.8, **line})
    color = handle.get_color()
    face = ax.get_facecolor()
    for points, fill in ((curve.values, color), (curve.limits, face)):
        shown = [(x, absolute(v)) for x, v in points if not log or v != 0]
        if shown:
            ax.plot(*zip(*shown, strict=True), "o", mfc=fill, mec=color, ms=4.5, zorder=3)
    if order == 0 and act.definition.band is not None:
        xs = curve.x[np.isfinite(curve.x)]
        ax.fill_between(xs, *act.band(xs), color=color, alpha=0.15, lw=0)


def _where(x: np.ndarray, mask: np.ndarray, x_range: tuple[float, float]) -> str:
    """Where ``mask`` holds on the samples ``x``, in words: x < -9.6, |x| > 23.4, throughout."""
    lo, hi = x_range
    # an end a few ulps from 0 is the 0 of a jump, sampled on both sides
    snap = lambda v: 0.0 if abs(v) < 1e-9 * (hi - lo) else v
    num = lambda v: format_number(snap(v), 3, trim=True, unicode=True)
    spans = [(x[i], x[j]) for i, j in runs(mask)]
    if len(spans) == 1 and spans[0] == (lo, hi):
        return "throughout"
    if (
        len(spans) == 2
        and spans[0][0] == lo
        and spans[1][1] == hi
        and math.isclose(-spans[0][1], spans[1][0], rel_tol=0.02)
    ):
        return f"|x| > {num(spans[1][0])}"
    words = []
    for a, b in spans:
        words.append(
            f"x < {num(b)}"
            if a == lo
            else f"x > {num(a)}"
            if b == hi
            else f"{num(a)} < x < {num(b)}"
        )
    return ", ".join(words)


def _floor_notes(
    ax: Axes, lines: Sequence[_Line], curves: Sequence[Curve], how: _Sampling, floor: float | None
) -> None:
    """A log panel: its lower limit (``floor``, or the largest value less 20 decades), a
    marker on it where each curve goes below, and in each legend entry where it does."""
    top = max(float(np.nanmax(np.abs(c.y), initial=0.0)) for c in curves)
    if not 0 < top < math.inf:
        return
    bottom = floor if floor is not None else top * 10.0**-DECADES
    ax.set_ylim(bottom, top * 3.0)
    lo, hi = how.x_range
    tiny = format_number(bottom, 2, trim=True, unicode=True)
    for line, curve in zip(lines, curves, strict=True):
        finite = np.isfinite(curve.x)
        x, y = curve.x[finite], np.abs(curve.y[finite])
        below = y < bottom
        # exactly 0 on a stretch it reached from above the floor: flat (relu' for x < 0);
        # where it decayed through the floor first, it only underflowed: below the floor
        flat = np.zeros_like(below)
        for i, j in runs(y == 0):
            beside = [y[k] for k in (i - 1, j + 1) if 0 <= k < len(y)]
            if not beside or any(v >= bottom for v in beside):
                flat[i : j + 1] = True
        for mask, word in ((flat, "= 0"), (below & ~flat, f"< {tiny}")):
            if not mask.any():
                continue
            line.notes.append(f"{PRIMES[line.order]} {word} for {_where(x, mask, how.x_range)}")
            edges = [v for i, j in runs(mask) for v in (x[i], x[j]) if lo < v < hi]
            ax.plot(edges, [bottom] * len(edges), "v", color=line.style["color"], ms=6,
                    clip_on=False, zorder=4)  # fmt: skip


def _same_as(lines: Sequence[_Line], how: _Sampling) -> None:
    """Note in a legend entry that a curve coincides with an earlier one over the range."""
    x = np.linspace(*how.x_range, min(how.points, 2001))
    ys = [ln.act.evaluate(x, ln.order, how.context) for ln in lines]
    for j, later in enumerate(lines):
        for i in range(j):
            a, b = ys[i], ys[j]
            # the size of the finite values: log1mexp(0) = -inf would make any curve "close"
            scale = max(float(np.max(np.abs(a), initial=0.0, where=np.isfinite(a))), 1e-300)
            if np.allclose(a, b, rtol=1e-9, atol=1e-12 * scale, equal_nan=True):
                later.notes.append(f"{PRIMES[later.order]} same as {lines[i].act.label} here")
                break


def _draw_panel(ax: Axes, lines: Sequence[_Line], how: _Sampling, log: bool,
                floor: float | None) -> bool:  # fmt: skip
    """Sample and draw ``lines`` on one set of axes.  ``log`` draws the derivatives as
    |f^(k)| on a log scale, if one of them is nonzero in the range.  Returns whether the
    panel is on a log scale."""
    curves = [sample(ln.act, ln.order, how.x_range, how.points, how.context) for ln in lines]
    scaled = log and any(ln.order > 0 and _nonzero(c) for ln, c in zip(lines, curves, strict=True))
    for ln, curve in zip(lines, curves, strict=True):
        draw_curve(ax, ln.act, curve, ln.order, scaled and ln.order > 0, **ln.style)
    if scaled:
        ax.set_yscale("log")
        logged = [(ln, c) for ln, c in zip(lines, curves, strict=True) if ln.order]
        _floor_notes(ax, [ln for ln, _ in logged], [c for _, c in logged], how, floor)
    elif log and any(ln.order for ln in lines):
        for ln in lines:
            ln.notes.append(f"{PRIMES[ln.order]} = 0 throughout")
    _same_as(lines, how)
    return scaled


def style_axes(ax: Axes, lw: float = 0.6) -> None:
    """The look of every panel: thin lines through 0, a faint grid, no top or right spine."""
    ax.axhline(0, color="0.6", lw=lw, zorder=0)
    ax.axvline(0, color="0.6", lw=lw, zorder=0)
    ax.grid(True, alpha=0.25)
    ax.spines[["top", "right"]].set_visible(False)


def _title(order: int, log: bool, gated: bool = False) -> str:
    name = (GATED_TITLES if gated else ORDER_TITLES)[order]
    return f"|{name}|  (log scale)" if log and order else name


def xlabel(acts: Sequence[Activation], context: Sequence[float]) -> str:
    """What x is: the input, or for vector-valued and gated activations what is held."""
    notes = []
    if any(a.kind == "vector" for a in acts):
        others = ", ".join(format_number(c, LABEL, trim=True) for c in context)
        notes.append(f"vector-valued: first logit of [x, {others}]")
    held = held_values(acts)
    if held and all(a.kind == "gated" for a in acts):
        return f"gate b  (value a = {held})"
    if held:
        notes.append(f"gated f(a, b): x is the gate b, value a = {held}")
    return f"x  ({'; '.join(notes)})" if notes else "x"


def _axes(ax: Axes | Sequence[Axes] | None, panels: int, layout: str,
          size: Sequence[float] | None, dpi: float, style: str,
          maps: bool = False) -> list[Axes]:  # fmt: skip
    """The axes to draw in: those given (as many as there are panels), or a new figure's: a
    row of panels for an overlay, rows of three for a grid.  A new figure is laid out when it
    is drawn, by :class:`actplot._layout.PanelLayout`, or with heat ``maps`` (and their colour
    bars) by constrained layout."""
    if ax is None:
        if size is None:
            scale = styles.SIZE_SCALE.get(style, 1.0)
            size = tuple(scale * v for v in figure_size(panels, layout))
        elif not (len(size) == 2 and all(0.5 <= v <= 100 for v in size)):
            raise ActplotError(
                f"size is width and height in inches, each 0.5 to 100, got {tuple(size)}"
            )
        if not 10 <= dpi <= 2000:
            raise ActplotError(f"dpi must be 10 to 2000, got {dpi:g}")
        fig = Figure(figsize=tuple(size), dpi=dpi, layout="constrained" if maps else PanelLayout())
        cols = min(panels, 3) if layout == "grid" else panels
        axes = list(fig.subplots(math.ceil(panels / cols), cols, squeeze=False).ravel())
        for extra in axes[panels:]:
            extra.set_visible(False)
        return axes[:panels]
    given = [ax] if isinstance(ax, Axes) else list(ax)
    if len(given) != panels:
        raise ActplotError(f"this figure has {panels} panels; got {len(given)} axes to draw in")
    return given


def _legend(fig: Figure, axes: Sequence[Axes], lines: Sequence[_Line], own_figure: bool) -> None:
    """One legend for the figure, below its panels (or in the first of the axes given), an
    entry per label with what its notes say."""
    handles, texts = [], []
    for ln in lines:
        handle = next((h for ax in axes for h in ax.get_lines() if h.get_label() == ln.label), None)
        if handle is None:
            continue
        notes = list(dict.fromkeys(ln.notes))
        handles.append(handle)
        texts.append(ln.label if not notes else f"{ln.label}  ({'; '.join(notes)})")
    if not handles:
        return
    if own_figure:
        # as many columns as the figure's width holds at the longest entry's length
        chars = fig.get_figwidth() * 72 / (0.6 * _font_points())
        ncols = max(1, min(len(texts), int(chars // (max(map(len, texts)) + 6))))
        fig.legend(handles, texts, loc="outside lower center", ncols=ncols, frameon=False,
                   fontsize="small")  # fmt: skip
    else:
        axes[0].legend(handles, texts, loc="best", fontsize="small")


def _font_points() -> float:
    """The size of the legend's (small) font, in points, in the style being applied."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(size="small").get_size_in_points()


def plot(
    *specs: Spec,
    derivatives: Sequence[int] = (0,),
    x_range: Sequence[float] | None = None,
    points: int = 1001,
    layout: str = "overlay",
    context: Sequence[float] = (0.0,),
    value: float | None = None,
    log: bool = False,
    floor: float | None = None,
    ylim: Sequence[float] | None = None,
    size: Sequence[float] | None = None,
    dpi: float = DPI,
    title: str | None = None,
    font_size: float | None = None,
    style: str = "light",
    legend: bool = True,
    ax: Axes | Sequence[Axes] | None = None,
    convention: str | None = None,
) -> Figure:
    """Draw activations (names, specs such as ``"elu:alpha=0.5,1,2"``, or Activation objects)
    and the derivatives of the orders in ``derivatives`` (0 is f itself).

    ``layout="overlay"``: one panel per order, every activation in each; ``"grid"``: one panel
    per activation, its orders drawn solid, dashed and dotted.  ``x_range``: by default
    [-5, 5], widened to show every kink and jump.  ``log`` draws |f^(k)| of the derivatives on
    a log scale (vanishing gradients), down to ``floor`` (by default 20 decades below the
    largest value).  ``context`` holds the other logits of the vector-valued activations fixed
    while x varies; ``value`` holds the value a of the gated ones (glu, swiglu, ...; 1 by
    default) while x is their gate b, and in a grid a gated activation's panel is a heat map
    over (a, b) of f (of the lowest order in ``derivatives``: df/db for 1).  ``ylim``,
    ``size`` (inches), ``dpi``, ``title``, ``font_size``, ``style`` (light, dark, paper or a
    matplotlib style) and ``legend`` fit the figure to a slide or a
    paper.  ``ax``: axes to draw into, one per panel, instead of a new figure.
    ``convention``: torch, jax, keras, tf or mlx, whose defaults and derivatives at kinks the
    names follow (see :func:`actplot.spec.parse_spec`); None is actplot's own (PyTorch's).

    >>> fig = plot("swish", "gelu", derivatives=(0, 1))
    >>> len(fig.axes)
    2
    """
    acts = activations(specs, value, convention)
    if not acts:
        raise ActplotError("plot needs at least one activation")
    orders = check_orders(derivatives)
    if layout not in LAYOUTS:
        raise ActplotError(f"layout is {' or '.join(LAYOUTS)}, got {layout!r}")
    ctx = tuple(float(c) for c in context)
    span = check_range(x_range) if x_range is not None else default_range(acts, ctx)
    how = _Sampling(span, check_points(points), ctx)
    if floor is not None and not (0 < floor < math.inf):
        raise ActplotError(f"floor must be a positive number, got {floor:g}")
    limits = check_range(ylim) if ylim is not None else None
    with styles.applied(styles.check(style), font_size):
        panels = len(acts) if layout == "grid" else len(orders)
        maps = layout == "grid" and any(a.kind == "gated" for a in acts)
        axes = _axes(ax, panels, layout, size, dpi, style, maps)
        fig = axes[0].get_figure()
        colors, drawn = _sweep_colors(acts) or styles.colors(), []
        x_label = xlabel(acts, ctx)
        all_gated = all(a.kind == "gated" for a in acts)
        for p, ax_ in enumerate(axes):
            if layout == "grid" and acts[p].kind == "gated":  # two inputs: a map over (a, b)
                from .maps import draw_map

                draw_map(ax_, acts[p], orders[0], how.x_range)
                continue
            if layout == "grid":
                act = acts[p]
                x_label = xlabel([act], ctx)
                lines = [_grid_line(act, k, colors[0]) for k in orders]
            else:
                lines = [_overlay_line(a, orders[p], i, colors) for i, a in enumerate(acts)]
            scaled = _draw_panel(ax_, lines, how, log, floor)
            if layout == "grid":  # a panel's notes are its activation's: said under its name
                notes = [n for ln in lines for n in ln.notes]
                ax_.set_title("\n".join([act.label, *dict.fromkeys(notes)]))
                for ln in lines:
                    ln.notes.clear()
            else:
                ax_.set_title(_title(orders[p], scaled, all_gated))
            ax_.set_xlabel(x_label)
            ax_.set_xlim(*how.x_range)
            if limits is not None:
                ax_.set_ylim(*limits)
            style_axes(ax_)
            drawn += lines
        several = len(orders) > 1 if layout == "grid" else len(acts) > 1
        if legend and (several or any(ln.notes for ln in drawn)):
            _legend(fig, axes, _merged(drawn), ax is None)
        if title is not None:
            fig.suptitle(title)
        elif len(acts) == 1 and layout == "overlay" and ax is None:
            fig.suptitle(f"{acts[0].label}:  ${acts[0].definition.formula}$")
    return fig


def _sweep_colors(acts: Sequence[Activation]) -> list | None:
    """One definition swept over a parameter: colours in the order of the sweep."""
    if len(acts) < 2 or len({id(a.definition) for a in acts}) > 1:
        return None
    from matplotlib import colormaps

    return list(colormaps["viridis"](np.linspace(0.05, 0.85, len(acts))))


def _grid_line(act: Activation, order: int, color: str) -> _Line:
    """A curve of a grid's panel: one activation, its orders told apart by dashes."""
    style = {"color": color, "ls": styles.ORDER_DASHES[order], "label": PRIMES[order]}
    return _Line(act, order, style, PRIMES[order], [])


def _overlay_line(act: Activation, order: int, i: int, colors: Sequence[str]) -> _Line:
    """The i-th curve of an overlay's panel: its own colour and dash."""
    dash = styles.DASHES[i % len(styles.DASHES)]
    style = {"color": colors[i % len(colors)], "ls": dash, "label": act.label}
    return _Line(act, order, style, act.label, [])


def _merged(lines: Sequence[_Line]) -> list[_Line]:
    """The lines of every panel, one per label, with the notes of all its panels."""
    out: dict[str, _Line] = {}
    for ln in lines:
        if ln.label in out:
            out[ln.label].notes += ln.notes
        else:
            out[ln.label] = _Line(ln.act, ln.order, ln.style, ln.label, list(ln.notes))
    return list(out.values())


def grad(
    *specs: Spec,
    derivatives: Sequence[int] = (1,),
    log: bool = False,
    x_range: Sequence[float] | None = None,
    points: int = 1001,
    layout: str = "overlay",
    context: Sequence[float] = (0.0,),
    value: float | None = None,
    floor: float | None = None,
    ylim: Sequence[float] | None = None,
    size: Sequence[float] | None = None,
    dpi: float = DPI,
    title: str | None = None,
    font_size: float | None = None,
    style: str = "light",
    legend: bool = True,
    ax: Axes | Sequence[Axes] | None = None,
    convention: str | None = None,
) -> Figure:
    """The derivatives of activations: :func:`plot` with f' (``derivatives=(1,)``), or f''
    or both.  With ``log``, |f'| on a log scale, where vanishing gradients become visible.
    Of a gated activation, ∂f/∂b at the value held (``value``, 1 by default); its ∂f/∂a is
    ``actplot.get(name).partial(a, b, wrt="a")``."""
    return plot(
        *specs, derivatives=derivatives, x_range=x_range, points=points, layout=layout,
        context=context, value=value, log=log, floor=floor, ylim=ylim, size=size, dpi=dpi,
        title=title, font_size=font_size, style=style, legend=legend, ax=ax,
        convention=convention,
    )  # fmt: skip


def plot_differences(
    first: Activation,
    *others: Activation,
    x_range: Sequence[float] | None = None,
    points: int = 1001,
    context: Sequence[float] = (0.0,),
    marks: Sequence[Sequence[Sequence[float]]] = (),
    ylim: Sequence[float] | None = None,
    size: Sequence[float] | None = None,
    dpi: float = DPI,
    title: str | None = None,
    font_size: float | None = None,
    style: str = "light",
) -> Figure:
    """Each of ``others`` minus ``first``, and their derivatives, side by side, with dotted
    lines at ``marks`` (per other: where each difference is largest).  The other parameters
    are those of :func:`plot`."""
    ctx = tuple(float(c) for c in context)
    lo, hi = check_range(x_range) if x_range is not None else default_range((first, *others), ctx)
    limits = check_range(ylim) if ylim is not None else None
    with styles.applied(styles.check(style), font_size):
        axes = _axes(None, 2, "overlay", size, dpi, style)
        fig = axes[0].get_figure()
        colors = styles.colors()
        marks = list(marks) or [((), ())] * len(others)
        labels = [f"{first.label}{{p}} − {b.label}{{p}}" for b in others]
        for ax, order in zip(axes, (0, 1), strict=True):
            prime = "′" * order
            for i, (b, where) in enumerate(zip(others, marks, strict=True)):
                x, _ = sample_x((*breaks(first, ctx), *breaks(b, ctx)), order, (lo, hi), points)
                y = first.evaluate(x, order, ctx) - b.evaluate(x, order, ctx)
                color = colors[i % len(colors)]
                ax.plot(x, y, lw=1.8, color=color, ls=styles.DASHES[i % len(styles.DASHES)],
                        label=labels[i].format(p=prime))  # fmt: skip
                for x0 in where[order]:
                    if lo <= x0 <= hi:
                        ax.axvline(
                            x0, color=colors[3] if len(others) == 1 else color, ls=":", lw=1.2
                        )
            panel_title = labels[0].format(p=prime) if len(others) == 1 else f"f{prime} differences"
            ax.set_title(panel_title)
            ax.set_xlabel(xlabel((first, *others), ctx))
            if limits is not None:
                ax.set_ylim(*limits)
            style_axes(ax)
            if len(others) > 1 and not order:
                ax.legend(fontsize="small", loc="best")
        if title is not None:
            fig.suptitle(title)
    return fig


def draw_table(values: ValueTable, points: int = 1001, style: str = "light") -> Figure:
    """A value table's activations over the span of its points, one panel per derivative order,
    a dot at each tabulated value.  Vector-valued rows, whose values belong to one vector, are
    drawn as their dots joined by a thin line."""
    lo, hi = min(values.x), max(values.x)
    pad = max(1.0, 0.1 * (hi - lo))
    how = _Sampling((lo - pad, hi + pad), points, (0.0,))
    orders = values.derivatives
    with styles.applied(styles.check(style)):
        fig = Figure(figsize=figure_size(len(orders), "overlay"), dpi=DPI, layout=PanelLayout())
        axes = fig.subplots(1, len(orders), squeeze=False).ravel()
        colors = styles.colors()
        for i, (ax, order) in enumerate(zip(axes, orders, strict=True)):
            for j, row in enumerate(values.rows):
                act, color = row.activation, colors[j % len(colors)]
                if act.kind == "vector":
                    line = {"color": color, "lw": 0.8, "ms": 5, "label": act.label}
                    ax.plot(values.x, row.values[order], "o--", **line)
                    continue
                curve = sample(act, order, how.x_range, how.points, how.context)
                draw_curve(ax, act, curve, order, color=color, label=act.label)
                ax.plot(values.x, row.values[order], "o", color=color, ms=5, zorder=3)
            ax.set_title(ORDER_TITLES[order])
            ax.set_xlabel("x")
            style_axes(ax)
            if i == 0:
                ax.legend(fontsize="small", loc="best")
    return fig
