"""Where output goes: rich consoles for the terminal (tables of plain text drawn without
rich), figures to files or a window.

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
    """A rich console for stdout (or stderr).  A COLUMNS that is not a positive number is
    ignored, as the terminal's own width is then the better guess.  No markup and no emoji
    codes: crelu's formula ``[max(0, x), max(0, -x)]`` is text, not a style tag (rich would
    print nothing for it), and a ``:x:`` in an expression or a file name is not a cross (and
    rich's table of codes is not loaded, a few milliseconds of every command that prints)."""
    from rich.console import Console

    columns = os.environ.get("COLUMNS", "")
    width = None if not columns or (columns.isdigit() and int(columns) > 0) else _terminal_width()
    return Console(stderr=stderr, highlight=False, markup=False, emoji=False, width=width)


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def echo_rich(renderable: Any) -> None:
    """Print a rich renderable on stdout.  Lines are not cropped to the width: a table that
    cannot be narrowed without cutting a number is printed wider, for the terminal to wrap.
    What actplot draws itself (:class:`actplot._grid.Drawing`: tables of plain text, ``info``)
    is printed without rich, as rich would print it."""
    from .._grid import Drawing

    if not isinstance(renderable, Drawing):
        console().print(renderable, crop=False)
        return
    from .._grid import ansi, box_for, plain

    stream = sys.stdout
    lines = renderable.lines(terminal_width(), box_for(getattr(stream, "encoding", None)))
    styled = _styled(stream)
    click.echo(ansi(lines) if styled else plain(lines), nl=False, color=styled)


def terminal_width() -> int:
    """The width rich's console takes: COLUMNS if it is a positive number, else the size of
    the terminal on stdin, stdout or stderr (the first that has one), else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if columns:
        return _terminal_width()
    if _dumb() and _terminal(sys.stdout):
        return 80
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (OSError, ValueError):
            continue
    return 80


def _styled(stream: Any) -> bool:
    """Whether bold and dim go out as ANSI codes: as rich decides, on a terminal that is not
    a dumb one."""
    return _terminal(stream) and not _dumb()


def _dumb() -> bool:
    return os.environ.get("TERM", "").lower() in ("dumb", "unknown")


def _terminal(stream: Any) -> bool:
    """Whether stream is a terminal, or TTY_COMPATIBLE=1 or FORCE_COLOR says to take it
    for one (TTY_COMPATIBLE=0 or an empty FORCE_COLOR for not), as rich reads them."""
    environ = os.environ
    if environ.get("TTY_COMPATIBLE", "") in ("0", "1"):
        return environ["TTY_COMPATIBLE"] == "1"
    if environ.get("FORCE_COLOR") is not None:
        return environ["FORCE_COLOR"] != ""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def render(result: Any, fmt: str) -> None:
    """Print a library result in the format asked for: ``rich`` through a console, any other
    through the result's ``to_<fmt>()``."""
    if fmt == "rich":
        echo_rich(result.to_rich())
    else:
        click.echo(getattr(result, f"to_{fmt}")(), nl=False)


def default_output(acts: Sequence[Any], orders: Sequence[int] = (0,), suffix: str = "") -> Path:
    """NAMES.png here, naming what is drawn, so that one command does not overwrite another's
    picture: each activation with the parameters it sets off their defaults
    (``elu_alpha-0.5-1-2``; ``m`` writes a minus), the derivative orders drawn beyond f
    (``_d1``, or ``_grad`` without f), then ``suffix``.  Five activations and more are
    counted, and a name too long for a file system is shortened with a digest."""
    parts: list[str] = []
    by_name: dict[str, list[Any]] = {}
    for act in acts:
        by_name.setdefault(act.name, []).append(act)
    for name, group in by_name.items():
        part = name
        for p in group[0].definition.params:
            values = list(dict.fromkeys(a.params[p.name] for a in group))
            if values != [p.default]:
                part += f"_{p.name}-" + "-".join(_file_word(v) for v in values)
        held = list(dict.fromkeys(a.held for a in group if a.kind == "gated"))
        if held and held != [1.0]:  # a gated one's value a, when not the default 1
            part += "_value-" + "-".join(_file_word(v) for v in held)
        parts.append(part)
    if len(parts) > 4:
        parts = [*parts[:3], f"and_{len(parts) - 3}_more"]
    stem = "_".join(parts) + _orders_suffix(orders) + suffix
    if len(stem) > 120:
        import hashlib

        digest = hashlib.sha1(stem.encode()).hexdigest()[:8]
        stem = f"{stem[:100]}-{digest}"
    return Path(f"{stem}.png")


def _file_word(value: Any) -> str:
    """A parameter value as part of a file name: 0.5, m2 for -2, 1over6 for 1/6, 0_1 for a
    vector (0, 1)."""
    from ..activation import format_param

    word = format_param(value).strip("()").replace(", ", "_").replace("/", "over")
    return word.replace("-", "m")


def _orders_suffix(orders: Sequence[int]) -> str:
    others = "-".join(str(o) for o in orders if o)
    if 0 not in orders:
        return "_grad" if others == "1" else f"_grad{others}"
    return f"_d{others}" if others else ""


def output_path(output: Path | None, default: Path, force: bool = False) -> Path:
    """Where a file goes, checked now, before any work: the folder must be writable, and an
    existing file is replaced only if actplot wrote it (a re-run) or ``force`` says so."""
    from .._io import check_writable, written_by_actplot

    path = output or default
    check_writable(path)  # an ActplotError: a usage error of the command
    if path.exists() and not force and not written_by_actplot(path):
        raise click.UsageError(
            f"{path} exists and was not written by actplot; give --force to replace it, or "
            "another file with -o"
        )
    return path


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
