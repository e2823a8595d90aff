"""``actplot plot`` and ``actplot grad``: figures of activations and their derivatives."""

from __future__ import annotations

from pathlib import Path

import click

from .base import ACTIVATIONS, Command, figure_options, flatten
from .output import default_output, figures, output_path


@click.command(cls=Command)
@click.argument("activations", nargs=-1, required=True, type=ACTIVATIONS)
@click.option("--deriv", is_flag=True, help="Add the first derivative (a second panel).")
@figure_options("NAMES.png")
def plot(
    activations: tuple[list, ...],
    deriv: bool,
    layout: str,
    x_range: tuple[float, float],
    points: int,
    context: tuple[float, ...],
    output: Path | None,
    show: bool,
) -> None:
    """Plot ACTIVATIONS on one set of axes (or a grid), optionally with their derivatives.

    Jumps (binary_step, threshold, hardshrink) are drawn as jumps: a dot marks the value taken,
    a ring the limit not taken.
    """
    acts = flatten(activations)
    path = output_path(output, default_output([a.name for a in acts]))
    from ..plotting import plot as draw

    fig = draw(
        *acts, derivatives=(0, 1) if deriv else (0,), layout=layout, x_range=x_range,
        points=points, context=context,
    )  # fmt: skip
    figures([(fig, path)], show=show, save=output is not None or not show)


@click.command(cls=Command)
@click.argument("activations", nargs=-1, required=True, type=ACTIVATIONS)
@click.option(
    "--order", type=click.IntRange(1, 2), default=1, show_default=True, help="1 for f', 2 for f''."
)
@click.option(
    "--log",
    is_flag=True,
    help="Plot |f'| on a log scale, where vanishing gradients become visible (a gap means "
    "exactly 0).",
)
@figure_options("NAMES_grad.png")
def grad(
    activations: tuple[list, ...],
    order: int,
    log: bool,
    layout: str,
    x_range: tuple[float, float],
    points: int,
    context: tuple[float, ...],
    output: Path | None,
    show: bool,
) -> None:
    """Plot the derivatives of ACTIVATIONS: f' (or f'' with --order 2).

    \b
    Example: where sigmoid and tanh gradients vanish and ReLU's do not
      actplot grad sigmoid tanh relu --log --range -40 40
    """
    acts = flatten(activations)
    suffix = "_grad" if order == 1 else "_grad2"
    path = output_path(output, default_output([a.name for a in acts], suffix))
    from ..plotting import grad as draw

    fig = draw(
        *acts, order=order, log=log, layout=layout, x_range=x_range, points=points,
        context=context,
    )  # fmt: skip
    figures([(fig, path)], show=show, save=output is not None or not show)
