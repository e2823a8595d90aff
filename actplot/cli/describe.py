"""``actplot list`` and ``actplot info``.

For the built-ins both print from the index (``actplot._index``), which needs neither numpy
nor the activation library: ``list`` when no plugin and no module of the user's can add to
the list, ``info`` for a built-in name without parameters (built-in names cannot be taken by
a plugin).  Everything else goes through the library.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .base import Command
from .options import convention_option, format_option, lang_option
from .output import echo_rich, render
from .types import ActivationType


class Indexed:
    """What ``list`` prints, or ``info`` of one built-in at its defaults, from the index."""

    def __init__(self, name: str | None = None) -> None:
        self.name = name

    def to_json(self, lang: str = "en") -> str:
        from .. import _index

        return _index.CATALOGUE_JSON if self.name is None else _index.INFO_JSON[self.name][lang]

    def to_rich(self, lang: str = "en") -> Any:
        from .. import _index, _render

        if self.name is None:
            return _render.catalogue(_index.CATALOGUE_ROWS)
        return _render.description(_index.INFO[self.name][lang])


def _registry_in_use() -> bool:
    """Whether something (a module given with --load or -m) has registered activations."""
    return "actplot.registry" in sys.modules


class BuiltInOrSpec(ActivationType):
    """A built-in's name (any case, an alias) as :class:`Indexed`; any other spec as
    ActivationType converts it."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str) and not _registry_in_use():
            from .. import _index
            from .._names import fold

            name = _index.NAMES.get(fold(value))
            if name is not None and ":" not in value:
                return Indexed(name)
        return super().convert(value, param, ctx)


@click.command("list", cls=Command)
@convention_option
@format_option("rich", "json", help="A table for people or JSON for programs.")
def list_(fmt: str, convention: str | None) -> None:
    """List every activation: names, aliases, family, parameters and formula.

    With --convention, each name as that framework has it: its defaults (keras: leaky_relu
    slope 0.2), what it stands for (jax: gelu is the tanh form) and its name there, · where it
    has none.
    """
    from ..plugins import none_installed

    if convention is None and not _registry_in_use() and none_installed():
        render(Indexed(), fmt)
        return
    from ..describe import catalogue

    render(catalogue(convention=convention), fmt)


@click.command(cls=Command)
@convention_option
@click.argument("activation", type=BuiltInOrSpec())
@format_option("rich", "json", help="Text for people or JSON for programs.")
@lang_option
def info(activation: list, fmt: str, lang: str, convention: str | None) -> None:
    """Formula, derivative, parameters, range, kink conventions and notes for one ACTIVATION.

    Parameters may be given (info elu:alpha=2) and change the range and continuity shown.
    """
    if isinstance(activation, Indexed) and convention is None:
        result: Any = activation
    else:
        result = _describe(activation, convention)
    if fmt == "json":
        click.echo(result.to_json(lang), nl=False)
    else:
        echo_rich(result.to_rich(lang))


def _describe(activation: list | Indexed, convention: str | None) -> Any:
    from ..describe import info as describe

    if isinstance(activation, Indexed):  # a built-in's name, under a framework's convention:
        return describe(activation.name, convention=convention)  # with that framework's defaults
    if len(activation) != 1:
        raise click.UsageError("info describes one activation: give one value per parameter")
    return describe(activation[0], convention=convention)
