"""``actplot frameworks``: an activation across torch, jax, keras, tf, mlx, Hugging Face and
timm; ``--all``, the availability matrix; ``--check``, the frameworks installed here run."""

from __future__ import annotations

import click

from .base import Command
from .options import convention_option, format_option
from .output import render
from .types import ACTIVATIONS, flatten


@click.command(cls=Command)
@convention_option
@click.argument("activations", nargs=-1, type=ACTIVATIONS)
@click.option("--all", "all_", is_flag=True, help="The availability matrix: every activation "
              "across the frameworks, and whether actplot has it.")  # fmt: skip
@click.option(
    "--check",
    is_flag=True,
    help="Also run each framework installed here (torch, jax, tensorflow, mlx) on actplot's "
    "accuracy grid: its error in ulps (float64 and float32) and the derivatives its autodiff "
    "gives at the kinks, against the table.  One not installed is listed as such.",
)
@format_option("rich", "markdown", "json", "csv")
def frameworks(
    activations: tuple[list, ...], all_: bool, check: bool, fmt: str, convention: str | None
) -> None:
    """ACTIVATIONS as each framework has them: their names there, their defaults, the
    derivatives their autodiff returns at each kink, and the largest difference of their
    default from actplot's function (as compare --diff measures it), and where.

    \b
    Examples:
      actplot frameworks leaky_relu gelu
      actplot frameworks hf:gelu_new --format markdown
      actplot frameworks leaky_relu selu hardtanh --check
      actplot frameworks --all
    """
    if all_ and (activations or check):
        raise click.UsageError("--all is the whole matrix: give it alone, or name activations")
    if not all_ and not activations:
        raise click.UsageError("name an activation (actplot frameworks gelu), or give --all")
    if all_:
        from ..frameworks.matrix import availability

        render(availability(), fmt)
        return
    from ..frameworks.report import across

    render(across(*flatten(activations), check=check), fmt)
