"""Heat maps of gated activations: f(a, b) (or a derivative in b) over the value a and the
gate b, with contour lines, a diverging colour map centred at 0 and a colour bar.

What a curve cannot show of a function of two inputs: ``plot --layout grid`` and the gallery
draw it for every gated activation.  Importing this module imports matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import CenteredNorm

from .activation import Activation

MAP_POINTS = 241  # per axis: smooth contours, and a kink along b = 0 or b = 7 stays sharp
VALUE_SPAN = 3.0  # the value axis shows a in [-3, 3], widened to the value held
TITLES = {0: "f(a, b)", 1: "∂f/∂b", 2: "∂²f/∂b²"}
CMAP = "RdBu_r"  # diverging: blue below 0, red above, white at 0


def value_range(act: Activation) -> tuple[float, float]:
    """The interval of values a a map shows: [-3, 3], or wider to include the value held and
    a clamp on the value (swiglu_oai's limit)."""
    clamp = act.params.get("limit", 0.0)
    reach = max(VALUE_SPAN, abs(act.held) * 1.25, 1.3 * float(clamp))  # type: ignore[arg-type]
    return -reach, reach


def grid_values(
    act: Activation, order: int, b_range: Sequence[float], points: int = MAP_POINTS
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """b, a and f (order 0) or d^k f / db^k on a points x points grid, a down the rows."""
    b = np.linspace(*b_range, points)
    a = np.linspace(*value_range(act), points)
    wrt = ("", "b", "bb")[order]
    z = act(a[:, None], b[None, :]) if order == 0 else act.partial(a[:, None], b[None, :], wrt)
    return b, a, np.asarray(z)


def draw_map(
    ax: Axes, act: Activation, order: int, b_range: Sequence[float], colorbar: bool = True
) -> None:
    """The heat map of ``act`` over (b, a), gate across and value up, with labelled contours,
    a dashed line where the value is held (the curve the other panels draw) and a colour bar."""
    b, a, z = grid_values(act, order, b_range)
    finite = z[np.isfinite(z)]
    half = float(np.max(np.abs(finite))) if finite.size else 0.0
    norm = CenteredNorm(vcenter=0.0, halfrange=half if half > 0 else 1.0)
    mesh = ax.pcolormesh(b, a, z, cmap=CMAP, norm=norm, shading="auto", rasterized=True)
    if half > 0 and np.ptp(finite) > 0:
        lines = ax.contour(b, a, z, levels=9, colors="k", linewidths=0.6, alpha=0.7)
        ax.clabel(lines, fontsize="x-small", fmt="%.3g")
    ax.axhline(act.held, color="0.2", ls="--", lw=1.0)
    ax.set_xlabel("gate b")
    ax.set_ylabel("value a")
    ax.set_title(f"{act.label}: {TITLES[order]}")
    if colorbar:
        ax.get_figure().colorbar(mesh, ax=ax, shrink=0.9)
