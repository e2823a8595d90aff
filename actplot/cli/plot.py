"""``actplot plot`` and ``actplot grad``: figures of activations and their derivatives, and the
samples they show as csv."""

from __future__ import annotations

import atexit
import gc
from pathlib import Path
from typing import Any

import click

from .base import Command
from .options import (
    apply,
    convention_option,
    deriv_option,
    figure_options,
    format_option,
    log_options,
)
from .output import default_output, figures, output_path
from .types import ACTIVATIONS, CheckedPath, flatten


def _check_csv(path: Path | str) -> None:
    from .._io import check_writable

    check_writable(path)


export_options = apply(
    [
        click.option(
            "--csv",
            "csv_file",
            type=CheckedPath("file", _check_csv),
            default=None,
            help="Also write the samples drawn to this csv file: x, then f, f', f'' of every "
            "curve, every digit.",
        ),
        format_option(
            "image",
            "csv",
            help="image: draw the figure; csv: print the samples on stdout instead.",
        ),
    ]
)


def _draw(
    acts: list,
    fmt: str,
    csv_file: Path | None,
    output: Path | None,
    force: bool,
    show: bool,
    draw: dict[str, Any],
) -> None:
    """What plot and grad share: check where output goes, draw (actplot.plot, with ``draw``,
    the options that are its parameters by name), write or show; or print the samples."""
    from ..activation import hold
    from ..sampling import curves

    acts = hold(acts, draw["value"])  # a --value no activation takes is refused before any work

    def samples() -> Any:
        # the samples on an even grid (a figure adds points at kinks and jumps only)
        return curves(*acts, x_range=draw["x_range"], points=draw["points"],
                      context=draw["context"], value=draw["value"])  # fmt: skip

    if fmt == "csv":
        click.echo(samples().to_csv(), nl=False)
        return
    path = output_path(output, default_output(acts, draw["derivatives"]), force)
    if csv_file is not None:
        csv_file = output_path(csv_file, csv_file, force)
    from .._io import atomic_write
    from ..plotting import plot

    fig = plot(*acts, **draw)
    figures([(fig, path)], show=show, save=output is not None or not show)
    _leave_to_exit()
    if csv_file is not None:
        text = samples().to_csv().encode()
        atomic_write(csv_file, lambda f: f.write(text))
        click.echo(f"wrote {csv_file}", err=True)


def _leave_to_exit() -> None:
    """The figure is written: what is left is ending the process, whose last garbage
    collections walk every object matplotlib made (a sixth of ``actplot plot``'s time).
    Nothing there needs collecting before the process ends: freeze it, and they skip it."""
    atexit.unregister(gc.freeze)  # once, however many figures an in-process caller makes
    atexit.register(gc.freeze)


@click.command(cls=Command)
@convention_option
@click.argument("activations", nargs=-1, required=True, type=ACTIVATIONS)
@deriv_option((0,), "The curves to draw, a panel each")
@log_options
@figure_options("NAMES.png, with the parameters and orders drawn")
@export_options
def plot(
    activations: tuple[list, ...],
    fmt: str,
    csv_file: Path | None,
    output: Path | None,
    force: bool,
    show: bool,
    **draw: Any,
) -> None:
    """Plot ACTIVATIONS on one set of axes (or a grid), with their derivatives as asked.

    Jumps (binary_step, threshold, hardshrink) are drawn as jumps: a dot marks the value taken,
    a ring the limit not taken.  The other options are those of actplot.plot, by name.
    """
    _draw(flatten(activations), fmt, csv_file, output, force, show, draw)


@click.command(cls=Command)
@convention_option
@click.argument("activations", nargs=-1, required=True, type=ACTIVATIONS)
@deriv_option((1,), "The derivatives to draw, a panel each")
@log_options
@figure_options("NAMES_grad.png")
@export_options
def grad(
    activations: tuple[list, ...],
    fmt: str,
    csv_file: Path | None,
    output: Path | None,
    force: bool,
    show: bool,
    **draw: Any,
) -> None:
    """Plot the derivatives of ACTIVATIONS: f' (or f'' with --deriv 2): plot --deriv 1.

    Of a gated activation (swiglu) it draws ∂f/∂b, along the gate at the value --value (1);
    ∂f/∂a is actplot.get("swiglu").partial(a, b, wrt="a") in Python.

    \b
    Example: where sigmoid and tanh gradients vanish and ReLU's do not
      actplot grad sigmoid tanh relu --log --range -40 40
    """
    acts = flatten(activations)
    _draw(acts, fmt, csv_file, output, force, show, draw)
    gated = [a.name for a in acts if a.kind == "gated"]
    if gated and fmt != "csv":
        click.echo(
            f"{', '.join(dict.fromkeys(gated))}: ∂f/∂b drawn; ∂f/∂a is "
            f'actplot.get("{gated[0]}").partial(a, b, wrt="a") in Python',
            err=True,
        )
