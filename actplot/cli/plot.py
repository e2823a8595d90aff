"""``actplot plot`` and ``actplot grad``: figures of activations and their derivatives."""

from __future__ import annotations

from pathlib import Path

import click

from .base import ACTIVATIONS, Command, deriv_option, figure_options, flatten
from .output import default_output, figures, output_path


@click.command(cls=Command)
@click.argument("activations", nargs=-1, required=True, type=ACTIVATIONS)
@deriv_option((0,), "The curves to draw, a panel each")
@figure_options("NAMES.png, with the parameters and orders drawn")
def plot(
    activations: tuple[list, ...],
    derivatives: tuple[int, ...],
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
    path = output_path(output, default_output(acts, derivatives))
    from ..plotting import plot as draw

    fig = draw(
        *acts, derivatives=derivatives, layout=layout, x_range=x_range, points=points,
        context=context,
    )  # fmt: skip
    figures([(fig, path)], show=show, save=output is not None or not show)


@click.command(cls=Command)
@click.argument("activations", nargs=-1, required=True, type=ACTIVATIONS)
@deriv_option((1,), "The derivatives to draw, a panel each")
@click.option(
    "--log",
    is_flag=True,
    help="Plot |f'| on a log scale, where vanishing gradients become visible (a gap means "
    "exactly 0).",
)
@figure_options("NAMES_grad.png")
def grad(
    activations: tuple[list, ...],
    derivatives: tuple[int, ...],
    log: bool,
    layout: str,
    x_range: tuple[float, float],
    points: int,
    context: tuple[float, ...],
    output: Path | None,
    show: bool,
) -> None:
    """Plot the derivatives of ACTIVATIONS: f' (or f'' with --deriv 2): plot --deriv 1.

    \b
    Example: where sigmoid and tanh gradients vanish and ReLU's do not
      actplot grad sigmoid tanh relu --log --range -40 40
    """
    acts = flatten(activations)
    path = output_path(output, default_output(acts, derivatives))
    from ..plotting import grad as draw

    fig = draw(
        *acts, derivatives=derivatives, log=log, layout=layout, x_range=x_range, points=points,
        context=context,
    )  # fmt: skip
    figures([(fig, path)], show=show, save=output is not None or not show)
