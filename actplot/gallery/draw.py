"""The gallery's figures: one activation annotated, a parameter sweep, and the overview grid.

This is the only gallery module that imports matplotlib; worker processes import it once
(see ``actplot._parallel.process_pool``) and the main process not at all unless it draws itself
(--jobs 1).  Each figure is drawn under matplotlib's default style, so a user's matplotlibrc
cannot make this machine's gallery differ from another's, or a worker's image from the main
process's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import matplotlib.style
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .. import plotting
from .._io import save_figure
from .._layout import PanelLayout
from ..activation import Activation, format_param
from ..numbers import format_number
from ..sampling import default_range, sample
from .marks import CONTEXT, SATURATED, Marks, measure, union

POINTS = 801  # samples per curve; kinks and jumps are added exactly (actplot.sampling.sample)
DPI = 110
TITLE_SIZE = 13
WIDTH, PANEL_HEIGHT = 9.6, 3.15  # inches: one activation's figure, and its panels' height
TITLE_PAD, BOTTOM, LEGEND_ROW = 0.5, 0.6, 0.23  # inches: around titles, x labels, legend row
COLORS = {0: "C0", 1: "C1"}  # f, f'
MARK = "C3"  # range bounds, extrema and the largest |f'|
PRIME = "′"


def save(
    kind: str,
    acts: Sequence[Activation],
    path: Path,
    param: str = "",
    convention: str | None = None,
    spans: Sequence[tuple[float, float]] = (),
) -> tuple[float, float] | None:
    """Draw the figure of ``kind`` ("activation", "sweep" or "overview") and save it; its
    title names the ``convention`` the activations follow, if any.  An activation's image
    returns the x interval it measured and drew, which the overview takes as ``spans`` (one
    per activation), and a sweep (that of the activation swept, at its defaults)."""
    with matplotlib.style.context("default"):
        if kind == "activation":
            marks = measure(acts[0])
            fig = activation_figure(acts[0], marks, convention)
        elif kind == "sweep":
            fig = sweep_figure(acts, param, convention, *spans)
        else:
            fig = overview_figure(acts, convention, spans)
        save_figure(fig, path, dpi=DPI)
    return marks.x_range if kind == "activation" else None


def under(convention: str | None) -> str:
    """What a panel's title adds for a convention: ``, as in keras`` (the figure's title, as
    wide as the figure for some, has no room for it)."""
    return f", as in {convention}" if convention else ""


# one activation --------------------------------------------------------------------------------


def activation_figure(act: Activation, marks: Marks, convention: str | None = None) -> Figure:
    """f and f' side by side, with every mark ``marks`` holds and a legend saying what each is.
    A gated activation's f and df/db are along the gate at the value held, and a third panel
    maps f over (a, b)."""
    gated = act.kind == "gated"
    fig = Figure(figsize=(WIDTH * (1.5 if gated else 1.0), 4.0), dpi=DPI)  # height: _layout's
    FigureCanvasAgg(fig)  # its renderer measures the title for _layout, then draws it
    ax_f, ax_d, *ax_map = fig.subplots(1, 3 if gated else 2)
    titles = plotting.GATED_TITLES if gated else plotting.ORDER_TITLES
    for ax, order in ((ax_f, 0), (ax_d, 1)):
        _shade(ax, marks)
        _break_lines(ax, marks, order)
        _curve(ax, act, order, marks.x_range, color=COLORS[order], lw=1.8)
        _frame(ax, titles[order] + under(convention), plotting.xlabel([act], CONTEXT))
        ax.set_xlim(*marks.x_range)  # shading reaches the frame
    _range_bounds(ax_f, marks)
    _extremes(ax_f, marks)
    _largest_grad(ax_d, marks)
    if ax_map:
        from ..maps import draw_map

        draw_map(ax_map[0], act, 0, marks.x_range)
        ax_map[0].set_title(f"f(a, b); dashed: a = {format_param(act.held)}", y=1.0)
    _layout(fig, (ax_f, ax_d), act.label, act.definition.formula)
    return fig


def _curve(ax: Axes, act: Activation, order: int, x_range: tuple[float, float], **line) -> None:
    """One curve as ``actplot plot`` draws it: split at its jumps, with their dots and rings."""
    curve = sample(act, order, x_range, POINTS, CONTEXT)
    plotting.draw_curve(ax, act, curve, order, **line)


def _shade(ax: Axes, marks: Marks) -> None:
    for lo, hi in marks.dead_zones:
        ax.axvspan(lo, hi, color="0.55", alpha=0.2, lw=0, label=f"dead zone: f{PRIME} = 0")
    for lo, hi in marks.saturated:
        label = f"saturating: |f{PRIME}| < {SATURATED:.0%} of its max"
        ax.axvspan(lo, hi, color="tab:purple", alpha=0.13, lw=0, label=label)


def _break_lines(ax: Axes, marks: Marks, order: int) -> None:
    """Dotted verticals where f jumps or kinks; on the f' panel also where f' kinks."""
    kinds = {0: "f jumps", 1: "kink", 2: f"f{PRIME} kinks (f″ jumps)"}
    for k, what in kinds.items():
        xs = [b.x for b in marks.breaks if b.order == k and k <= order + 1]
        label = f"{what} at x = {', '.join(_num(x) for x in xs)}"
        for x in xs:
            ax.axvline(x, color="0.3", ls=":", lw=1.1, zorder=1, label=label)


def _range_bounds(ax: Axes, marks: Marks) -> None:
    label = f"range {marks.range.format(_num)}"
    for y in marks.bounds:
        ax.axhline(y, color=MARK, ls="--", lw=1.0, zorder=1, label=label)


def _extremes(ax: Axes, marks: Marks) -> None:
    for e in marks.extremes:
        label = f"{e.what} {_num(e.value)} at x = {_num(e.x)}"
        ax.plot([e.x], [e.value], "o", color=MARK, ms=6, zorder=4, label=label)


def _largest_grad(ax: Axes, marks: Marks) -> None:
    if marks.grad_peaks:
        xs, ys = zip(*marks.grad_peaks, strict=True)
        where = ", ".join(_num(x) for x in xs)
        label = f"max |f{PRIME}| = {_num(marks.grad_sup)} at x = {where}"
        ax.plot(xs, ys, "D", color=MARK, ms=5, zorder=4, label=label)
    elif marks.grad_limit is not None:
        label = f"|f{PRIME}| approaches {_num(marks.grad_sup)} but never reaches it"
        ax.axhline(marks.grad_limit, color=MARK, ls="--", lw=1.0, zorder=1, label=label)


def _layout(fig: Figure, axes: Sequence[Axes], label: str, formula: str) -> None:
    """Title the figure and lay it out by hand (constrained layout would take a third of the
    time of an image): room above for the title, as tall as its formula, and below for one
    legend of both panels, each label once (a mark drawn on both panels, or at several x, is
    one entry).  The figure grows by those, so that all images have panels of one size."""
    entries: dict[str, object] = {}
    for ax in axes:
        for handle, text in zip(*ax.get_legend_handles_labels(), strict=True):
            entries.setdefault(text, handle)
    rows = math.ceil(len(entries) / 2)

    def height(title_points: float) -> float:
        return PANEL_HEIGHT + TITLE_PAD + title_points / 72 + BOTTOM + LEGEND_ROW * rows

    # The figure's height is first that of a title of one line of text, and the title is
    # measured at that size: the renderer that measures it (and parses its formula) is the
    # one that draws it, unless a taller formula (a fraction) makes the figure taller.
    fig.set_figheight(height(TITLE_SIZE * 1.25))
    title = fig.suptitle(f"{label}:  ${formula}$", fontsize=TITLE_SIZE, va="top")
    tall = title.get_window_extent(fig.canvas.get_renderer()).height * 72 / fig.dpi
    total = height(max(TITLE_SIZE * 1.25, tall))
    fig.set_figheight(total)
    top = total - PANEL_HEIGHT - BOTTOM - LEGEND_ROW * rows
    title.set_y(1 - 0.08 / total)
    fig.subplots_adjust(left=0.07, right=0.975, wspace=0.2, top=1 - top / total,
                        bottom=(BOTTOM + LEGEND_ROW * rows) / total)  # fmt: skip
    if entries:
        fig.legend(list(entries.values()), list(entries), loc="lower center", ncols=2,
                   bbox_to_anchor=(0.5, 0.1 / total), fontsize="small", frameon=False)  # fmt: skip


# a parameter sweep -----------------------------------------------------------------------------


def sweep_figure(
    acts: Sequence[Activation],
    param: str,
    convention: str | None = None,
    around: tuple[float, float] | None = None,
) -> Figure:
    """f and f' of one definition at several values of ``param``, colour-ordered by value,
    over the x interval of the activation's own image (``around``), widened to show every
    kink and jump of each curve as ``actplot plot`` does; without ``around``, over all the
    intervals each curve's own image would have (an analysis of each)."""
    d = acts[0].definition
    if around is None:
        x_range = union([span_of(a) for a in acts])
    else:
        x_range = union([around, default_range(acts, CONTEXT)])
    fig = Figure(figsize=(WIDTH, 4.4), dpi=DPI, layout=PanelLayout())
    axes = fig.subplots(1, 2)
    plotting.plot(
        *acts, derivatives=(0, 1), x_range=x_range, points=POINTS, context=CONTEXT, ax=axes
    )
    values = ", ".join(format_param(a.params[param]) for a in acts)
    for ax in axes:  # a fixed place, as _frame's (no y axis of a sweep has an offset above)
        ax.set_title(ax.get_title() + under(convention), y=1.0)
    fig.suptitle(f"{d.label}, {param} = {values}:  ${d.formula}$", fontsize=TITLE_SIZE)
    return fig


def span_of(act: Activation) -> tuple[float, float]:
    return measure(act).x_range


# every activation ------------------------------------------------------------------------------

COLUMNS = 6


def overview_figure(
    acts: Sequence[Activation],
    convention: str | None = None,
    spans: Sequence[tuple[float, float]] = (),
) -> Figure:
    """A grid of small panels, f solid and f' dashed, each over its own marked x interval:
    ``spans``, one per activation, as their own images measured them, or measured here.

    Laid out by hand: constrained layout would measure 36 axes' tick labels and double the
    time of the gallery's slowest image."""
    rows = math.ceil(len(acts) / COLUMNS)
    height = 1.95 * rows + 0.6
    fig = Figure(figsize=(2.3 * COLUMNS, height))
    fig.subplots_adjust(left=0.03, right=0.99, bottom=0.25 / height, top=1 - 0.75 / height,
                        wspace=0.3, hspace=0.5)  # fmt: skip
    axes = fig.subplots(rows, COLUMNS, squeeze=False).ravel()
    for ax in axes[len(acts) :]:
        ax.set_visible(False)
    for ax, act, x_range in zip(axes, acts, spans or map(span_of, acts), strict=False):
        _curve(ax, act, 0, x_range, color=COLORS[0], lw=1.4)
        _curve(ax, act, 1, x_range, color=COLORS[1], lw=1.1, ls="--")
        ax.set_title(act.definition.label, fontsize=9, y=1.0)
        ax.tick_params(labelsize=6.5)
        plotting.style_axes(ax, lw=0.5)
    title = f"Every activation{under(convention)}: f solid, f{PRIME} dashed"
    fig.suptitle(title, fontsize=TITLE_SIZE, y=1 - 0.12 / height)  # clear of the panels' titles
    return fig


# text ------------------------------------------------------------------------------------------


def _frame(ax: Axes, title: str, xlabel: str) -> None:
    ax.set_title(title, y=1.0)  # a fixed place: finding one measures the axis, 15% of an image
    ax.set_xlabel(xlabel)
    plotting.style_axes(ax)


def _num(v: float) -> str:
    """A number for a label: four significant digits, a true minus sign, ∞ for infinity."""
    return format_number(v, 4, trim=True, unicode=True)
