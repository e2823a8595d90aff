"""``actplot table``: values of activations and their derivatives at chosen points."""

from __future__ import annotations

import click

from .base import Command
from .options import convention_option, deriv_option, format_option, value_option
from .output import echo_rich
from .types import ACTIVATIONS, POINTS, flatten

DEFAULT_DIGITS = 4  # numbers.DIGITS, written here so --help needs no import of the library


@click.command(cls=Command)
@convention_option
@click.argument("activations", nargs=-1, type=ACTIVATIONS)
@click.option(
    "--x",
    "xs",
    multiple=True,
    type=POINTS,
    metavar="X [X ...]",
    help="Points, separated by spaces or commas; LO:HI:N is N points from LO to HI.  "
    "[default: -2 0 2]",
)
@click.option("--all", "all_", is_flag=True, help="Every registered activation.")
@deriv_option((0,), "The rows of each activation")
@click.option(
    "--digits",
    type=click.IntRange(1, 17),
    default=None,
    help=f"Significant digits shown.  [default: {DEFAULT_DIGITS}; csv, json: all]",
)
@click.option(
    "--transpose/--no-transpose",
    default=None,
    help="Points down and activations across, or the other way round.  [default: the way "
    "that fits the terminal in fewer tables]",
)
@value_option
@format_option("rich", "csv", "json", "markdown")
def table(
    activations: tuple[list, ...],
    xs: tuple[tuple[float, ...], ...],
    all_: bool,
    derivatives: tuple[int, ...],
    digits: int | None,
    transpose: bool | None,
    value: float | None,
    fmt: str,
    convention: str | None,
) -> None:
    """Print the values of ACTIVATIONS at the points --x.

    With no ACTIVATIONS: the classic comparison of sigmoid, tanh, relu, softmax, softmin and
    log_softmax, so `actplot table` prints their values at -2, 0 and 2.  Vector-valued
    activations (softmax, ...) are applied to the whole --x vector; gated ones (swiglu, ...)
    are taken over the gate b = x, the value a held at --value (1).
    """
    from ..registry import names
    from ..values import DEFAULT_NAMES, DEFAULT_X
    from ..values import table as tabulate

    if all_ and activations:
        raise click.UsageError("give activation names or --all, not both")
    specs = names() if all_ else (flatten(activations) or DEFAULT_NAMES)
    x = [v for group in xs for v in group] or DEFAULT_X
    result = tabulate(specs, x, derivatives=derivatives, value=value, convention=convention)
    shown = digits or DEFAULT_DIGITS
    if fmt == "csv":
        click.echo(result.to_csv(digits), nl=False)
    elif fmt == "json":
        click.echo(result.to_json(), nl=False)
    elif fmt == "markdown":
        click.echo(result.to_markdown(shown), nl=False)
    else:
        echo_rich(result.to_rich(shown, transpose))
