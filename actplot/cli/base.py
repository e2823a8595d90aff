"""What every command shares: the command class, the parameter types and the common options.

Parameter types turn text into library values and report a mistake as click's usage error
(one line, exit code 2).  Nothing here imports numpy or the activation library at load time:
``actplot --help`` needs neither.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import ActplotError
from .main import CONTEXT_SETTINGS  # noqa: F401  (the commands' settings, shared with the group)

MAX_NUMBERS = 10_000  # in --x, --context: more is a pasted file, not a question


# parameter types -------------------------------------------------------------------------------


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


# the command class -----------------------------------------------------------------------------


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


# common options --------------------------------------------------------------------------------


def apply(options: Sequence[Callable[[Callable], Callable]]) -> Callable[[Callable], Callable]:
    """Decorate a command with several options, in the order listed."""

    def decorate(f: Callable) -> Callable:
        for option in reversed(options):
            f = option(f)
        return f

    return decorate


def format_option(*choices: str, help: str | None = None) -> Callable[[Callable], Callable]:
    """``--format`` with these choices, the first the default; its value goes to ``fmt``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


def deriv_option(default: tuple[int, ...], what: str) -> Callable[[Callable], Callable]:
    """``-d/--deriv ORDERS``, the same in every command: which of f (0), f' (1) and f'' (2) to
    show, repeatable (``-d 0 -d 2``); a bare ``--deriv`` is f and f'."""

    def merge(ctx: click.Context, param: click.Parameter, value: Any) -> tuple[int, ...]:
        orders = sorted({o for group in value for o in group})
        return tuple(orders) or default

    shown = ",".join(map(str, default))
    return click.option(
        "-d",
        "--deriv",
        "derivatives",
        type=ORDERS,
        multiple=True,
        callback=merge,
        metavar="ORDERS",
        help=f"{what}: 0 is f, 1 f', 2 f'' (0,1,2 for all three; --deriv alone is 0,1).  "
        f"[default: {shown}]",
    )


def value_option(f: Callable) -> Callable:
    """``--value A``: the value a of gated activations (swiglu), held while the gate varies."""
    return click.option(
        "--value",
        type=float,
        default=None,
        metavar="A",
        help="For gated activations f(a, b) (glu, swiglu, ...): the value a, held fixed while "
        "the gate b varies along x.  [default: 1]",
    )(f)


def figure_options(default_output: str) -> Callable[[Callable], Callable]:
    """The figure options of plot, grad and compare; ``default_output`` is what -o defaults to."""
    return apply(
        [
            click.option(
                "--layout",
                type=click.Choice(["overlay", "grid"]),
                default="overlay",
                show_default=True,
                help="All curves on one set of axes, or one panel each.",
            ),
            click.option(
                "--range",
                "x_range",
                nargs=2,
                type=float,
                default=None,
                metavar="XMIN XMAX",
                callback=_check_range,
                help="The x interval.  [default: -5 5, widened to show every kink and jump]",
            ),
            click.option(
                "--points",
                type=click.IntRange(2, 1_000_000),
                default=1001,
                show_default=True,
                help="Samples per curve (kinks and jumps are added exactly).",
            ),
            click.option(
                "--context",
                type=NUMBERS,
                default="0",
                show_default=True,
                metavar="V[,V...]",
                help="For softmax, softmin and log_softmax: the other logits, held fixed while "
                "x varies (with 0, softmax is the sigmoid).",
            ),
            value_option,
            click.option(
                "-o",
                "--output",
                type=IMAGE,
                default=None,
                help=f"Image to write: .png, .svg or .pdf.  [default: {default_output} here]",
            ),
            click.option(
                "--force",
                is_flag=True,
                help="Write over a file that actplot did not write (without it, that is refused; "
                "a picture actplot wrote is replaced).",
            ),
            click.option(
                "--show",
                is_flag=True,
                help="Open a window (where a display exists) instead of writing a file, unless "
                "-o is given too.",
            ),
            click.option(
                "--ylim",
                nargs=2,
                type=float,
                default=None,
                metavar="LO HI",
                callback=_check_range,
                help="The y interval of every panel.  [default: what the curves need]",
            ),
            click.option(
                "--size",
                nargs=2,
                type=click.FloatRange(0.5, 100),
                default=None,
                metavar="W H",
                help="Width and height in inches.  [default: 6.4 x 4.6 per panel, less for paper]",
            ),
            click.option(
                "--dpi",
                type=click.FloatRange(10, 2000),
                default=150,
                show_default=True,
                help="Dots per inch of a .png.",
            ),
            click.option(
                "--title", default=None, help="The figure's title.  [default: its formula]"
            ),
            click.option(
                "--font-size",
                type=click.FloatRange(1, 100),
                default=None,
                help="Font size in points.  [default: the style's]",
            ),
            click.option(
                "--style",
                default="light",
                show_default=True,
                help="light, dark or paper (serif, a column wide), or a matplotlib style name.",
            ),
            click.option(
                "--legend/--no-legend",
                default=True,
                show_default=True,
                help="A legend below the panels (where there is more than one curve).",
            ),
        ]
    )


CONVENTION_KEY = "actplot.convention"


def convention_of(ctx: click.Context | None) -> str | None:
    """The --convention given to this command, if any."""
    return None if ctx is None else ctx.meta.get(CONVENTION_KEY)


def convention_option(f: Callable) -> Callable:
    """``--convention torch|jax|keras|tf|mlx``: names mean that framework's functions, with its
    defaults and its derivatives at kinks.  Eager, so that the activations, read after it,
    are read under it."""
    from ..frameworks import CONVENTIONS

    def keep(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        ctx.meta[CONVENTION_KEY] = value
        return value

    return click.option(
        "--convention",
        type=click.Choice(CONVENTIONS),
        default=None,
        is_eager=True,
        callback=keep,
        help="Names mean this framework's functions: its defaults (keras: leaky_relu slope "
        "0.2; jax: gelu is the tanh form) and its derivatives at kinks (jax: leaky_relu'(0) "
        "= 1).  [default: actplot's own, PyTorch's]",
    )(f)


def lang_option(f: Callable) -> Callable:
    """``--lang en|zh``: the language of notes and headings; by default the locale's (LC_ALL,
    LC_MESSAGES, LANG), Chinese where it is zh_*, else English."""

    def pick(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
        from ..i18n import default_language

        return value or default_language()

    return click.option(
        "--lang",
        type=click.Choice(["en", "zh"]),
        default=None,
        callback=pick,
        help="Notes and headings in English or Chinese.  [default: the locale's]",
    )(f)


log_options = apply(
    [
        click.option(
            "--log",
            is_flag=True,
            help="Derivatives as |f'| on a log scale, where vanishing gradients become visible; "
            "where a curve falls below the floor or is exactly 0 is marked and said.",
        ),
        click.option(
            "--floor",
            type=click.FloatRange(0, min_open=True),
            default=None,
            help="With --log, the lowest value shown.  [default: 20 decades below the largest]",
        ),
    ]
)


def _check_range(
    ctx: click.Context, param: click.Parameter, value: Any
) -> tuple[float, float] | None:
    if value is None:
        return None
    from ..numbers import check_range

    try:
        return check_range(value)
    except ActplotError as e:
        raise click.BadParameter(str(e), ctx, param) from None
