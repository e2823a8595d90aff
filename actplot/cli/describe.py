"""``actplot list`` and ``actplot info``."""

from __future__ import annotations

import click

from .base import ACTIVATIONS, Command, convention_option, format_option, lang_option
from .output import echo_rich, render


@click.command("list", cls=Command)
@format_option("rich", "json", help="A table for people or JSON for programs.")
def list_(fmt: str) -> None:
    """List every activation: names, aliases, family, parameters and formula."""
    from ..describe import catalogue

    render(catalogue(), fmt)


@click.command(cls=Command)
@convention_option
@click.argument("activation", type=ACTIVATIONS)
@format_option("rich", "json", help="Text for people or JSON for programs.")
@lang_option
def info(activation: list, fmt: str, lang: str, convention: str | None) -> None:
    """Formula, derivative, parameters, range, kink conventions and notes for one ACTIVATION.

    Parameters may be given (info elu:alpha=2) and change the range and continuity shown.
    """
    from ..describe import info as describe

    if len(activation) != 1:
        raise click.UsageError("info describes one activation: give one value per parameter")
    result = describe(activation[0], convention=convention)
    if fmt == "json":
        click.echo(result.to_json(lang), nl=False)
    else:
        echo_rich(result.to_rich(lang))
