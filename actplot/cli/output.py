"""Where output goes: rich consoles for the terminal, figures to files or a window.

Data goes to stdout and everything else (paths written, warnings) to stderr, so that
``actplot table --format csv > t.csv`` stays clean.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def render(result: Any, fmt: str) -> None:
    """Print a library result in the format asked for: ``rich`` through a console, any other
    through the result's ``to_<fmt>()``."""
    if fmt == "rich":
        console().print(result.to_rich())
    else:
        click.echo(getattr(result, f"to_{fmt}")(), nl=False)


def default_output(names: Sequence[str], suffix: str = "") -> Path:
    """NAMES.png here: the activations' names joined, the fifth and later ones counted."""
    names = list(dict.fromkeys(names))
    if len(names) > 4:
        names = [*names[:3], f"and_{len(names) - 3}_more"]
    return Path(f"{'_'.join(names)}{suffix}.png")


def output_path(output: Path | None, default: Path) -> Path:
    """Where a figure goes; the default (NAMES.png here) is checked now, before any work."""
    if output is None:
        from .._io import check_writable

        check_writable(default)  # an ActplotError: a usage error of the command
    return output or default


def _has_display() -> bool:
    return sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def figures(
    made: Sequence[tuple[Any, Path]], *, show: bool, save: bool, path_to_stderr: bool = False
) -> None:
    """Save each (figure, path) and/or show them all in windows.  ``show`` without a display
    writes the files instead.  The paths are printed (on stderr when stdout carries a table)."""
    if show and not _has_display():
        click.echo("actplot: no display here; writing a file instead of --show", err=True)
        show, save = False, True
    if save:
        from .._io import save_figure

        for fig, path in made:
            save_figure(fig, path)
            click.echo(f"wrote {path}" if path_to_stderr else str(path), err=path_to_stderr)
    if show:
        import matplotlib.pyplot as plt

        for fig, _ in made:
            _adopt(plt, fig)
        plt.show()


def _adopt(plt: Any, fig: Any) -> None:
    """Give a figure made with the object API a window of pyplot's."""
    try:
        plt.figure(fig)  # matplotlib >= 3.11 adopts a figure it did not make
    except ValueError:  # older: hand it to the backend as pyplot itself does
        from matplotlib import _pylab_helpers

        manager = plt._get_backend_mod().new_figure_manager_given_figure(id(fig), fig)
        _pylab_helpers.Gcf._set_new_active_manager(manager)
