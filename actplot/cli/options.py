"""Options several commands share: formats, derivative orders, the held value of gated
activations, the figure's look, the framework convention and the language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

from ..errors import ActplotError
from .types import CONVENTION_KEY, IMAGE, NUMBERS, ORDERS


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
