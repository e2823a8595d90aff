"""A layout engine for actplot's figures: a grid of panels, a title above, legends around.

:class:`PanelLayout` does what matplotlib's constrained layout does for such figures, with
the same paddings, at draw time as constrained layout does (so that a title, labels or a
legend added after the figure was made get room too), at a fraction of its cost: it measures
each panel's decorations (tick labels, axis labels, title) once, where constrained layout
solves a grid of constraints twice over, which was the largest part of ``actplot plot``'s
drawing time.  The panels share one size, as in a figure made with ``subplots``.

What it does not know (colour bars, axes placed by hand, subfigures, ``supxlabel``), it
leaves to constrained layout, which then lays the whole figure out.  Importing this module
imports matplotlib.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine, LayoutEngine

_ROUNDS = 3  # at most; a second only when the new panel size moved a tick, a third never seen


class PanelLayout(LayoutEngine):
    """Margins that fit every panel's decorations, the figure's title (``suptitle``) and its
    ``outside`` legends, with constrained layout's paddings (``figure.constrained_layout.*``
    at the time the engine is made)."""

    _adjust_compatible = True  # it sets the figure's subplot parameters, as tight layout does
    _colorbar_gridspec = False  # colour bars as constrained layout makes them: it lays them out

    def __init__(self) -> None:
        super().__init__()
        self._constrained = ConstrainedLayoutEngine()  # what it hands the rest to
        self._params = self._constrained.get()  # h_pad, w_pad (inches), hspace, wspace

    def set(self, **kwargs: float) -> None:
        self._constrained.set(**kwargs)
        self._params = self._constrained.get()

    def execute(self, fig: Figure) -> None:
        panels = [ax for ax in fig.axes if ax.get_visible() and ax.get_in_layout()]
        grid = _grid(fig, panels)
        if grid is None:
            self._constrained.execute(fig)
            return
        renderer = fig._get_renderer()  # as matplotlib's own engines get it
        for _ in range(_ROUNDS):
            # Tick labels are chosen for the panel's size: if the new size chose other
            # ticks, their labels may be wider, and the layout is measured again.
            ticks = [_ticks(ax) for ax in panels]
            fig.subplots_adjust(**self._margins(fig, grid, panels, renderer))
            if [_ticks(ax) for ax in panels] == ticks:
                break

    def _margins(self, fig: Figure, grid: tuple[int, int], panels: list, renderer) -> dict:
        """The subplot parameters that leave room for every decoration, in pixels as measured,
        returned as fractions of the figure."""
        rows, cols = grid
        width, height = fig.bbox.width, fig.bbox.height
        dpi = fig.dpi
        w_pad, h_pad = self._params["w_pad"] * dpi, self._params["h_pad"] * dpi
        # between two panels each gets its padding, or its share of w/hspace if larger
        w_gap = max(w_pad, self._params["wspace"] * width / cols)
        h_gap = max(h_pad, self._params["hspace"] * height / rows)
        left, right = [0.0] * cols, [0.0] * cols
        top, bottom = [0.0] * rows, [0.0] * rows
        for ax in panels:
            spec = ax.get_subplotspec()
            box, decorated = ax.bbox, ax.get_tightbbox(renderer, for_layout_only=True)
            c0, c1 = spec.colspan.start, spec.colspan.stop - 1
            r0, r1 = spec.rowspan.start, spec.rowspan.stop - 1
            left[c0] = max(left[c0], box.x0 - decorated.x0)
            right[c1] = max(right[c1], decorated.x1 - box.x1)
            top[r0] = max(top[r0], decorated.y1 - box.y1)
            bottom[r1] = max(bottom[r1], box.y0 - decorated.y0)
        edges = _figure_margins(fig, renderer, w_pad, h_pad)
        x0 = edges["left"] + w_pad + left[0]
        x1 = width - edges["right"] - w_pad - right[-1]
        y0 = edges["bottom"] + h_pad + bottom[-1]
        y1 = height - edges["top"] - h_pad - top[0]
        # one gap between all columns (and rows): the widest that any neighbours need
        across = max((right[c] + left[c + 1] for c in range(cols - 1)), default=0.0) + 2 * w_gap
        down = max((bottom[r] + top[r + 1] for r in range(rows - 1)), default=0.0) + 2 * h_gap
        panel_w = (x1 - x0 - across * (cols - 1)) / cols
        panel_h = (y1 - y0 - down * (rows - 1)) / rows
        if panel_w <= 0 or panel_h <= 0:  # decorations larger than the figure: do no harm
            return {}
        return {"left": x0 / width, "right": x1 / width, "bottom": y0 / height,
                "top": y1 / height, "wspace": across / panel_w,
                "hspace": down / panel_h}  # fmt: skip


def _grid(fig: Figure, panels: list) -> tuple[int, int] | None:
    """(rows, columns) of the one grid every panel is a cell of, or None for a figure this
    engine does not lay out."""
    if fig.subfigs or fig._supxlabel is not None or fig._supylabel is not None or not panels:
        return None
    specs = [ax.get_subplotspec() for ax in panels]
    if any(s is None for s in specs) or any(ax._colorbars for ax in panels):
        return None
    grids = {s.get_gridspec() for s in specs}
    if len(grids) != 1:
        return None
    return grids.pop().get_geometry()


def _figure_margins(fig: Figure, renderer, w_pad: float, h_pad: float) -> dict[str, float]:
    """Pixels at each edge of the figure taken by its ``outside`` legends and its title, each
    with a padding either side as constrained layout reserves them; the title goes below a
    legend above the panels (constrained layout draws one over the other)."""
    edges = dict.fromkeys(("left", "right", "bottom", "top"), 0.0)
    for legend in fig.legends:
        side = {"lower": "bottom", "upper": "top"}.get(legend._outside_loc, legend._outside_loc)
        if side in edges and legend._bbox_to_anchor is None and legend.get_visible():
            box = legend.get_tightbbox(renderer)
            pad = h_pad if side in ("bottom", "top") else w_pad
            edges[side] += (box.height if side in ("bottom", "top") else box.width) + 2 * pad
    title = fig._suptitle
    if title is not None and title.get_visible() and title.get_in_layout():
        if getattr(title, "_autopos", False):  # where constrained layout puts it, or lower
            title.set_y(1 - (edges["top"] + h_pad) / fig.bbox.height)
        edges["top"] += title.get_window_extent(renderer).height + 2 * h_pad
    return edges


def _ticks(ax) -> tuple:
    return tuple(ax.xaxis.get_majorticklocs()), tuple(ax.yaxis.get_majorticklocs())
