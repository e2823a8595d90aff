"""The command class every command uses, and the options every command takes (a plugin file
or module to load, read before anything else).  The parameter types are in ``types``, the
options several commands share in ``options``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..errors import ActplotError


def _is_points(token: str) -> bool:
    from ..numbers import parse_points

    try:
        parse_points(token)
    except ValueError:
        return False
    return True


def _is_orders(token: str) -> bool:
    """Digits and commas: orders (3 too, which ORDERS then refuses), not an activation name."""
    return bool(token) and all(t.isdigit() for t in token.split(","))


# Options every command takes, each made anew for each command (eager ones, such as a plugin
# to load, act before the other parameters are read).
COMMON_OPTIONS: list[Callable[[], click.Option]] = []


def _load(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> None:
    """Import each file or module now, before the activations are read."""
    from ..errors import PluginError
    from ..plugins import load

    kind = "file" if param.name == "load" else "module"
    for target in values:
        try:
            load(target, kind)
        except PluginError as e:
            raise click.BadParameter(str(e), ctx, param) from None


def _load_file_option() -> click.Option:
    return click.Option(
        ["--load"],
        metavar="FILE.py",
        multiple=True,
        is_eager=True,
        expose_value=False,
        callback=_load,
        help="Import a Python file first: the activations it registers (actplot.register) "
        "can then be named here.  Repeatable.",
    )


def _load_module_option() -> click.Option:
    return click.Option(
        ["-m", "--module"],
        metavar="MODULE",
        multiple=True,
        is_eager=True,
        expose_value=False,
        callback=_load,
        help="Import a module first (from this folder or the installed packages), as "
        "--load does a file.  Repeatable.",
    )


COMMON_OPTIONS += [_load_file_option, _load_module_option]


class Command(click.Command):
    """A command some of whose options take several values after one flag, and that takes the
    COMMON_OPTIONS too.

    click options take a fixed number of values, and read ``-2`` as an option.  Here
    ``--x -2 0 2`` becomes ``--x=-2 --x=0 --x=2`` before click parses, and ``--deriv`` takes
    optional orders (``--deriv`` alone is ``--deriv=0,1``, f and f').  An option that takes one
    value may be given once: a second one is a mistake, not a silent override.  A library
    error raised while the command runs becomes a usage error of this command.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params += [make() for make in COMMON_OPTIONS]

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        out: list[str] = []
        rest = list(args)
        while rest:
            arg = rest.pop(0)
            if arg == "--":
                out += [arg, *rest]
                break
            if arg == "--x":
                values = []
                while rest and _is_points(rest[0]):
                    values.append(rest.pop(0))
                out += [f"--x={v}" for v in values] or [arg]
            elif arg == "--deriv" and self._takes("derivatives"):
                out.append(f"--deriv={rest.pop(0) if rest and _is_orders(rest[0]) else '0,1'}")
            else:
                out.append(arg)
        self._refuse_repeats(ctx, out)
        return super().parse_args(ctx, out)

    def _refuse_repeats(self, ctx: click.Context, args: list[str]) -> None:
        once = {
            o: p
            for p in self.params
            if isinstance(p, click.Option) and not (p.multiple or p.is_flag or p.count)
            for o in p.opts
        }
        seen: set[str] = set()
        for arg in args[: args.index("--")] if "--" in args else args:
            spelling = arg.split("=", 1)[0] if arg.startswith("--") else arg[:2]
            param = once.get(spelling)
            if param is None:
                continue
            if param.name in seen:
                ctx.fail(f"{param.opts[-1]} is given twice; give it once")
            seen.add(param.name or "")

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ActplotError as e:  # a library check the command line did not catch first
            raise click.UsageError(str(e), ctx) from None

    def _takes(self, name: str) -> bool:
        return any(p.name == name for p in self.params)
