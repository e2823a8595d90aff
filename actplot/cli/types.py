"""The command line's parameter types: each turns text into library values and reports a
mistake as click's usage error (one line, exit code 2).  Nothing here imports numpy or the
activation library at load time: ``actplot --help`` needs neither."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import ActplotError

MAX_NUMBERS = 10_000  # in --x, --context: more is a pasted file, not a question

CONVENTION_KEY = "actplot.convention"


def convention_of(ctx: click.Context | None) -> str | None:
    """The --convention given to this command, if any."""
    return None if ctx is None else ctx.meta.get(CONVENTION_KEY)


class ActivationType(click.ParamType):
    """``NAME``, ``NAME:param=value[,value...]`` or ``expr:EXPRESSION``, converted to a list
    of activations."""

    name = "activation"

    def convert(self, value: Any, param: Any, ctx: Any) -> list:
        if isinstance(value, list):
            return value
        from ..spec import parse_spec

        try:
            return parse_spec(value, convention=convention_of(ctx))
        except ActplotError as e:
            self.fail(str(e), param, ctx)

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[Any]:
        """Names and aliases (plugins' and loaded modules' too) starting with what is typed,
        in any case; after NAME:, its parameters; the expr: and framework prefixes, and after
        a framework's prefix, its names."""
        from click.shell_completion import CompletionItem

        from ..frameworks import PREFIXES
        from ..registry import REGISTRY

        head, colon, _ = incomplete.partition(":")
        if colon and head.lower() in PREFIXES:  # torch:Le -> torch:LeakyReLU
            from ..frameworks.names import names_in

            offers = [f"{head}:{n.name}" for n in names_in(head.lower())]
            return [CompletionItem(o) for o in offers if o.lower().startswith(incomplete.lower())]
        if colon:
            if head.lower() == "expr":
                return []
            try:
                definition = REGISTRY.resolve(head)
            except ActplotError:
                return []
            offers = [f"{head}:{p.name}=" for p in definition.params]
            return [CompletionItem(o, type="nospace") for o in offers if o.startswith(incomplete)]
        typed = incomplete.lower()
        known = sorted({*REGISTRY, *REGISTRY.aliases()})
        items = [CompletionItem(n) for n in known if n.startswith(typed)]
        if "expr:".startswith(typed) and typed:
            items.append(CompletionItem("expr:", type="nospace"))
        if typed:
            items += [
                CompletionItem(f"{p}:", type="nospace") for p in PREFIXES if p.startswith(typed)
            ]
        return items


class NumberListType(click.ParamType):
    """A comma list of numbers: ``0`` or ``1,-2.5``; at most MAX_NUMBERS of them."""

    name = "numbers"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[float, ...]:
        if isinstance(value, tuple):
            return value
        from ..numbers import parse_number

        items = str(value).split(",")
        if len(items) > MAX_NUMBERS:
            self.fail(f"{len(items)} numbers; at most {MAX_NUMBERS}", param, ctx)
        try:
            return tuple(parse_number(v) for v in items)
        except ValueError as e:
            self.fail(f"{e}; give numbers separated by commas", param, ctx)


class CheckedPath(click.ParamType):
    """A path to write to, checked by ``check`` before any work is done (an output image,
    the gallery's folder): a mistake is a usage error, not a failure half-way."""

    def __init__(self, name: str, check: Callable[[Path | str], None]) -> None:
        self.name = name
        self.check = check

    def convert(self, value: Any, param: Any, ctx: Any) -> Path:
        typed = os.path.expanduser(str(value))
        path = Path(typed)
        try:
            self.check(typed)  # as typed: "x.png/" names a folder, Path("x.png/") does not
        except ActplotError as e:
            self.fail(str(e), param, ctx)
        return path


def check_image(path: Path | str) -> None:
    """An image file: .png, .svg or .pdf, in a folder that exists and is writable."""
    from .._io import check_writable, output_format

    check_writable(path)
    output_format(Path(path))


class PointsType(click.ParamType):
    """Points as numbers and ranges: ``-2,0,2``, ``-5:5:11`` (11 points), mixed."""

    name = "points"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[float, ...]:
        if isinstance(value, tuple):
            return value
        from ..numbers import parse_points

        try:
            return tuple(parse_points(str(value)))
        except ValueError as e:
            self.fail(
                f"{e}; give numbers, or ranges such as -5:5:11, separated by commas", param, ctx
            )


class OrdersType(click.ParamType):
    """Derivative orders as a comma list: 0 is f, 1 f', 2 f''."""

    name = "orders"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[int, ...]:
        if isinstance(value, tuple):
            return value
        items = str(value).split(",")
        if not all(v.strip() in ("0", "1", "2") for v in items):
            self.fail(f"{value!r}: orders are 0 (f), 1 (f') and 2 (f''), as in 0,1,2", param, ctx)
        return tuple(int(v) for v in items)


ACTIVATIONS = ActivationType()
NUMBERS = NumberListType()
POINTS = PointsType()
ORDERS = OrdersType()
IMAGE = CheckedPath("file", check_image)


def flatten(groups: Sequence[list]) -> list:
    """The activations of every spec given, in order."""
    from ..spec import activations

    try:
        return activations(a for group in groups for a in group)
    except ActplotError as e:
        raise click.UsageError(str(e)) from None
