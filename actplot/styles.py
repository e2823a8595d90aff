"""The looks of actplot's figures: ``light`` (the default), ``dark`` and ``paper``, or any
matplotlib style by name.

Each look starts from matplotlib's defaults, so a user's matplotlibrc cannot make one
machine's figures differ from another's.  The built-in looks cycle through the Okabe-Ito
palette, which stays distinct for colour-blind readers, and curves also cycle through dash
patterns, so two curves that coincide both stay visible.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from .errors import ActplotError

# Okabe and Ito (2008), "Color Universal Design": distinguishable with every common colour
# deficiency; black (light) or white (dark) stands in for the yellow, too pale on white.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9")
DASHES = ("-", "--", ":", "-.")  # curve after curve
ORDER_DASHES = {0: "-", 1: "--", 2: ":"}  # f, f', f'' of one activation in one panel

_CYCLE = "axes.prop_cycle"
STYLES: dict[str, dict[str, Any]] = {
    "light": {"axes.grid": False},
    "dark": {
        "figure.facecolor": "#1c1c1e",
        "axes.facecolor": "#1c1c1e",
        "savefig.facecolor": "#1c1c1e",
        "axes.edgecolor": "#b0b0b0",
        "axes.labelcolor": "#e6e6e6",
        "text.color": "#e6e6e6",
        "xtick.color": "#b0b0b0",
        "ytick.color": "#b0b0b0",
        "grid.color": "#8a8a8a",
        "legend.facecolor": "#2a2a2c",
        "legend.edgecolor": "#555555",
    },
    "paper": {
        "font.family": "serif",
        "font.size": 8.0,
        "axes.titlesize": 9.0,
        "axes.labelsize": 8.0,
        "legend.fontsize": 7.0,
        "xtick.labelsize": 7.0,
        "ytick.labelsize": 7.0,
        "lines.linewidth": 1.2,
        "axes.linewidth": 0.6,
    },
}
SIZE_SCALE = {"paper": 0.55}  # a paper's column is narrower than a screen


# on a dark background the lighter of the colours lead, and white stands in for black
OKABE_ITO_DARK = ("#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#D55E00", "#f2f2f2")


def palette(style: str) -> tuple[str, ...]:
    return OKABE_ITO_DARK if style == "dark" else (*OKABE_ITO, "#000000")


def check(style: str) -> str:
    """A style actplot knows, or a clear error naming the choices."""
    if style in STYLES:
        return style
    import matplotlib.style  # reads matplotlib's style files: only for a style of its own

    if style in matplotlib.style.available:
        return style
    others = ", ".join(sorted(matplotlib.style.available)[:6])
    raise ActplotError(
        f"no style {style!r}; choose light, dark or paper, or a matplotlib style ({others}, ...)"
    )


@contextlib.contextmanager
def applied(style: str, font_size: float | None = None) -> Iterator[None]:
    """matplotlib's defaults with ``style`` on top (and ``font_size``), while figures are
    made and drawn."""
    import matplotlib
    from cycler import cycler

    check(style)
    if font_size is not None and not 1 <= font_size <= 100:
        raise ActplotError(f"font size must be 1 to 100 points, got {font_size:g}")
    size = {} if font_size is None else {"font.size": font_size}
    if style not in STYLES:
        import matplotlib.style

        with matplotlib.style.context(["default", style, size]):
            yield
        return
    # what matplotlib.style.context(["default", look]) does, without importing
    # matplotlib.style, whose import reads every style file matplotlib has
    look = {**STYLES[style], _CYCLE: cycler(color=palette(style)), **size}
    with matplotlib.rc_context():
        with matplotlib._api.suppress_matplotlib_deprecation_warning():
            default = matplotlib.rcParamsDefault
            matplotlib.rcParams.update({k: default[k] for k in default if k not in _NOT_STYLE})
        matplotlib.rcParams.update(look)
        yield


# the settings matplotlib.style.use leaves alone (its _STYLE_BLACKLIST): not about looks
_NOT_STYLE = frozenset({
    "interactive", "backend", "webagg.port", "webagg.address", "webagg.port_retries",
    "webagg.open_in_browser", "backend_fallback", "toolbar", "timezone",
    "figure.max_open_warning", "figure.raise_window", "savefig.directory", "tk.window_focus",
    "docstring.hardcopy", "date.epoch",
})  # fmt: skip


def colors() -> list[str]:
    """The colour cycle of the style being applied."""
    import matplotlib

    return list(matplotlib.rcParams[_CYCLE].by_key().get("color", ["C0"]))
