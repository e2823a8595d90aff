"""The ``actplot`` command line: thin commands that parse, call the library and render.

Every mistake of the user's is a click usage error: one line on stderr, exit code 2, no
traceback and no file written.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__, _json
from . import _cli_experiments as experiments
from ._io import check_writable, output_format
from .activation import Activation
from .errors import ActplotError
from .registry import REGISTRY
from .spec import MAX_CURVES, parse_number, parse_spec
from .table import DEFAULT_PRECISION, SEED_NAMES, SEED_X

MAX_POINTS = 1_000_000
MAX_ABS_X = 1e300  # beyond this a linspace over the range would overflow
MAX_NUMBERS = 10_000  # in --x, --context: more is a pasted file, not a question
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# parameter types -------------------------------------------------------------------------------


class ActivationType(click.ParamType):
    """``NAME`` or ``NAME:param=value[,value...]``, converted to a list of activations."""

    name = "activation"

    def convert(self, value: Any, param: Any, ctx: Any) -> list[Activation]:
        if isinstance(value, list):
            return value
        try:
            return parse_spec(value)
        except ActplotError as e:
            self.fail(str(e), param, ctx)

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        known = [*REGISTRY, *REGISTRY.aliases()]
        return [CompletionItem(n) for n in sorted(known) if n.startswith(incomplete)]


class NumberListType(click.ParamType):
    """A comma list of numbers: ``0`` or ``1,-2.5``; at most MAX_NUMBERS of them."""

    name = "numbers"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[float, ...]:
        if isinstance(value, tuple):
            return value
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

    def __init__(self, name: str, check: Callable[[Path], None]) -> None:
        self.name = name
        self.check = check

    def convert(self, value: Any, param: Any, ctx: Any) -> Path:
        path = Path(value).expanduser()
        try:
            self.check(path)
        except ActplotError as e:
            self.fail(str(e), param, ctx)
        return path


def _check_image(path: Path) -> None:
    """An image file: .png, .svg or .pdf, in a folder that exists and is writable."""
    check_writable(path)
    output_format(path)


def _check_gallery_folder(path: Path) -> None:
    from .gallery import check_folder

    check_folder(path)


ACTIVATIONS = ActivationType()
NUMBERS = NumberListType()


def _flatten(groups: Sequence[list[Activation]]) -> list[Activation]:
    acts = [a for group in groups for a in group]
    if len(acts) > MAX_CURVES:
        raise click.UsageError(f"{len(acts)} curves asked for; at most {MAX_CURVES} at once")
    return acts


def _is_numbers(token: str) -> bool:
    try:
        [parse_number(t) for t in token.split(",")]
    except ValueError:
        return False
    return True


class Command(click.Command):
    """A command some of whose options take several values after one flag.

    click options take a fixed number of values, and read ``-2`` as an option.  Here
    ``--x -2 0 2`` becomes ``--x=-2 --x=0 --x=2`` before click parses, and ``--deriv`` takes
    an optional order (``--deriv`` alone is ``--deriv=1``).  A library error raised while the
    command runs becomes a usage error of this command.
    """

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
                while rest and _is_numbers(rest[0]):
                    values.append(rest.pop(0))
                out += [f"--x={v}" for v in values] or [arg]
            elif arg == "--deriv" and self._deriv_takes_order():
                # take an integer after it as the order (click checks its range), else 1
                order = rest.pop(0) if rest and rest[0].lstrip("-").isdigit() else "1"
                out.append(f"--deriv={order}")
            else:
                out.append(arg)
        return super().parse_args(ctx, out)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ActplotError as e:  # a library check the command line did not catch first
            raise click.UsageError(str(e), ctx) from None

    def _deriv_takes_order(self) -> bool:
        return any(p.name == "deriv" and not getattr(p, "is_flag", False) for p in self.params)


class Group(click.Group):
    """Prints each usage error as one line (its commands turn library errors into them)."""

    command_class = Command

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "see 'actplot --help'"
            ctx.fail(f"no such command '{name}'; {hint}")
        return super().resolve_command(ctx, args)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as e:  # bare `actplot`: the help, not an error
            e.show()
            sys.exit(e.exit_code)
        except click.UsageError as e:
            where = e.ctx.command_path if e.ctx else "actplot"
            click.echo(f"{where}: error: {e.format_message()}", err=True)
            sys.exit(e.exit_code)
        except click.ClickException as e:
            e.show()
            sys.exit(e.exit_code)
        except click.Abort:  # Ctrl-C
            click.echo("\nactplot: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


@click.group("actplot", cls=Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="actplot")
def cli() -> None:
    """See, check and compare neural-network activation functions.

    An ACTIVATION is NAME or NAME:param=value[,param=value]; a comma list of values sweeps a
    parameter: elu:alpha=0.5,1,2 is three curves.  `actplot list` shows every name.

    \b
    Examples:
      actplot plot swish gelu              curves of SiLU and GELU, to swish_gelu.png
      actplot plot elu:alpha=0.5,1,2 --deriv
      actplot grad sigmoid tanh relu --log --range -20 20
      actplot table --x -2 0 2             the seed notes' comparison table
      actplot info gelu
      actplot compare gelu gelu_tanh --diff
      actplot compare sigmoid relu --experiment depth --experiment train
      actplot gallery                      every activation, drawn into gallery/
    """


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


# list, info ------------------------------------------------------------------------------------


@cli.command("list")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["rich", "json"]),
    default="rich",
    show_default=True,
    help="A table for people or JSON for programs.",
)
def list_(fmt: str) -> None:
    """List every activation: names, aliases, family, parameters and formula."""
    from .describe import catalogue_json, catalogue_table

    if fmt == "json":
        click.echo(catalogue_json(), nl=False)
    else:
        _console().print(catalogue_table())


@cli.command()
@click.argument("activation", type=ACTIVATIONS)
def info(activation: list[Activation]) -> None:
    """Formula, derivative, parameters, range, kink conventions and notes for one ACTIVATION.

    Parameters may be given (info elu:alpha=2) and change the range and continuity shown.
    """
    from .describe import info as describe

    if len(activation) != 1:
        raise click.UsageError("info describes one activation: give one value per parameter")
    _console().print(describe(activation[0]))


# plot, grad ------------------------------------------------------------------------------------


def _plot_options(default_output: str) -> Callable[[Callable], Callable]:
    """The figure options of plot, grad and compare; ``default_output`` is what -o defaults to."""
    options = [
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
            default=(-5.0, 5.0),
            show_default=True,
            metavar="XMIN XMAX",
            help="The x interval.",
        ),
        click.option(
            "--points",
            type=click.IntRange(2, MAX_POINTS),
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
            help="For softmax, softmin and log_softmax: the other logits, held fixed while x "
            "varies (with 0, softmax is the sigmoid).",
        ),
        click.option(
            "-o",
            "--output",
            type=CheckedPath("file", _check_image),
            default=None,
            help=f"Image to write: .png, .svg or .pdf.  [default: {default_output} here]",
        ),
        click.option(
            "--show",
            is_flag=True,
            help="Open a window (where a display exists) instead of "
            "writing a file, unless -o is given too.",
        ),
    ]

    def decorate(f: Callable) -> Callable:
        for option in reversed(options):
            f = option(f)
        return f

    return decorate


def _check_range(x_range: tuple[float, float]) -> tuple[float, float]:
    lo, hi = x_range
    if not (abs(lo) <= MAX_ABS_X and abs(hi) <= MAX_ABS_X):
        raise click.BadParameter(
            f"{lo:g} {hi:g}: both ends must be finite and within ±1e300", param_hint="--range"
        )
    if lo >= hi:
        raise click.BadParameter(
            f"{lo:g} {hi:g} is empty or reversed: give XMIN < XMAX", param_hint="--range"
        )
    return lo, hi


def _default_output(acts: Sequence[Activation], suffix: str = "") -> Path:
    names = list(dict.fromkeys(a.name for a in acts))
    if len(names) > 4:
        names = [*names[:3], f"and_{len(names) - 3}_more"]
    stem = "_".join(names)
    return Path(f"{stem}{suffix}.png")


def _has_display() -> bool:
    return sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def _output_path(output: Path | None, default: Path) -> Path:
    """Where a figure goes; the default (NAMES.png here) is checked now, before any work."""
    if output is None:
        check_writable(default)
    return output or default


def _curves_figure(
    acts: Sequence[Activation], orders: Sequence[int], **options: Any
) -> tuple[Callable[[Any], Any], tuple[float, float]]:
    """plotting.draw's figure, and its size: a panel per order, or with --layout grid, per
    activation."""
    from . import plotting

    panels = len(acts) if options["layout"] == "grid" else len(orders)
    return (
        lambda fig: plotting.draw(fig, acts, orders, **options),
        plotting.figure_size(panels, options["layout"]),
    )


def _figure(
    draw: Callable[[Any], Any],
    size: tuple[float, float],
    *,
    path: Path,
    show: bool,
    save: bool,
    path_to_stderr: bool = False,
) -> None:
    """Make a figure, let ``draw`` fill it, then save it to ``path`` and/or show it.

    The path is printed (on stderr when stdout carries a table).  matplotlib is imported here,
    only when something is drawn.
    """
    if show and not _has_display():
        click.echo("actplot: no display here; writing a file instead of --show", err=True)
        show, save = False, True
    if show:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=size)
    else:
        from matplotlib.figure import Figure

        fig = Figure(figsize=size)
    draw(fig)
    if save:
        from ._io import save_figure

        save_figure(fig, path)
        click.echo(f"wrote {path}" if path_to_stderr else str(path), err=path_to_stderr)
    if show:
        plt.show()


def _plot(
    acts: list[Activation],
    orders: tuple[int, ...],
    *,
    output: Path | None,
    show: bool,
    suffix: str = "",
    path_to_stderr: bool = False,
    **options: Any,
) -> None:
    """Draw activations (plotting.draw) for plot and grad."""
    options["x_range"] = _check_range(options["x_range"])
    path = _output_path(output, _default_output(acts, suffix))
    _figure(
        *_curves_figure(acts, orders, **options),
        path=path,
        show=show,
        save=output is not None or not show,
        path_to_stderr=path_to_stderr,
    )


@cli.command()
@click.argument("activations", nargs=-1, required=True, type=ACTIVATIONS)
@click.option("--deriv", is_flag=True, help="Add the first derivative (a second panel).")
@_plot_options("NAMES.png")
def plot(
    activations: tuple[list[Activation], ...],
    deriv: bool,
    output: Path | None,
    show: bool,
    **options: Any,
) -> None:
    """Plot ACTIVATIONS on one set of axes (or a grid), optionally with their derivatives.

    Jumps (binary_step, threshold, hardshrink) are drawn as jumps: a dot marks the value taken,
    a ring the limit not taken.
    """
    orders = (0, 1) if deriv else (0,)
    _plot(_flatten(activations), orders, output=output, show=show, **options)


@cli.command()
@click.argument("activations", nargs=-1, required=True, type=ACTIVATIONS)
@click.option(
    "--order", type=click.IntRange(1, 2), default=1, show_default=True, help="1 for f', 2 for f''."
)
@click.option(
    "--log",
    is_flag=True,
    help="Plot |f'| on a log scale, where vanishing "
    "gradients become visible (a gap means exactly 0).",
)
@_plot_options("NAMES_grad.png")
def grad(
    activations: tuple[list[Activation], ...],
    order: int,
    log: bool,
    output: Path | None,
    show: bool,
    **options: Any,
) -> None:
    """Plot the derivatives of ACTIVATIONS: f' (or f'' with --order 2).

    \b
    Example: where sigmoid and tanh gradients vanish and ReLU's do not
      actplot grad sigmoid tanh relu --log --range -40 40
    """
    suffix = "_grad" if order == 1 else "_grad2"
    _plot(
        _flatten(activations), (order,), output=output, show=show, suffix=suffix, log=log, **options
    )


# compare ---------------------------------------------------------------------------------------


@cli.command()
@click.argument("activations", nargs=-1, required=True, type=ACTIVATIONS)
@click.option(
    "--layers",
    type=click.IntRange(1, 10_000),
    default=10,
    show_default=True,
    help="Depth L for the vanishing-gradient bound (max |f'|)^L.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Compare two activations point by point: plot A - B and A' - B', and report the "
    "largest |A - B| and where.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["rich", "json", "markdown"]),
    default="rich",
    show_default=True,
    help="rich: tables for the terminal; json: every measured number, for programs; "
    "markdown: for notes and READMEs.",
)
@click.option(
    "--cost/--no-cost",
    default=True,
    show_default=True,
    help="Time f and f' on 2^20 inputs, relative to ReLU (about a second).",
)
@click.option(
    "--notes/--no-notes",
    default=True,
    show_default=True,
    help="Each activation's notes under the table (rich and markdown).",
)
@click.option("--no-plot", is_flag=True, help="Do not write the figures.")
@_plot_options("NAMES_compare.png, with --diff A_minus_B.png")
@experiments.experiment_options
@click.pass_context
def compare(
    ctx: click.Context,
    activations: tuple[list[Activation], ...],
    layers: int,
    diff: bool,
    fmt: str,
    cost: bool,
    notes: bool,
    no_plot: bool,
    output: Path | None,
    show: bool,
    **params: Any,
) -> None:
    """Measure the properties of ACTIVATIONS and print them side by side.

    Range (open or closed), monotonicity, extrema, f(0) and f'(0), zero-centred output,
    continuity and kinks, saturation (none, soft, hard) and dead zones, the largest |f'| and
    the bound (max |f'|)^L on a gradient through L layers, and relative cost: each computed
    from the function, not only declared.  The figure shows f and f' overlaid (with --diff:
    A - B and A' - B'), written to NAMES_compare.png unless -o says otherwise.

    \b
    With --experiment, also in numpy with these very functions:
      depth  gradient norm of every layer at initialisation
      train  test accuracy, loss curves and dead units of a small classifier

    Each experiment draws its own figure, named after the main one:
    NAMES_compare_depth.png, NAMES_compare_train.png.
    """
    acts = _flatten(activations)
    if diff and len(acts) != 2:
        raise click.UsageError(f"--diff compares exactly two activations, got {len(acts)}")
    plan = experiments.plan(ctx, acts, {**params, "layers": layers})
    options = {k: params[k] for k in ("layout", "x_range", "points", "context")}
    options["x_range"] = _check_range(options["x_range"])
    main_path = (
        Path(f"{'_minus_'.join(a.name for a in acts)}.png")
        if diff
        else _default_output(acts, "_compare")
    )
    main_path = _output_path(output, main_path)
    extra_paths = (
        {
            s: _output_path(None, main_path.with_name(main_path.stem + s + main_path.suffix))
            for s in ("_depth", "_train")
        }
        if plan and not no_plot
        else {}
    )

    from . import comparison
    from .properties import analyse, difference, relative_cost

    context = options["context"]
    costs = relative_cost(acts) if cost else [None] * len(acts)
    items = [
        comparison.Compared(a, analyse(a, context), c) for a, c in zip(acts, costs, strict=True)
    ]
    gap = difference(*acts, context) if diff else None
    outcome = experiments.run(plan, acts) if plan else None

    if fmt == "json":
        data = {
            **comparison.to_dict(items, layers, gap),
            **(experiments.json_parts(outcome) if outcome else {}),
        }
        click.echo(_json.dumps(data), nl=False)
    elif fmt == "markdown":
        text = comparison.to_markdown(items, layers, notes, gap)
        click.echo(text + (experiments.markdown(outcome) if outcome else ""), nl=False)
    else:
        from rich.console import Group

        extra = experiments.renderables(outcome) if outcome else []
        _console().print(Group(comparison.to_rich(items, layers, notes, gap), *extra))
    if no_plot:
        return

    from . import plotting

    save = output is not None or not show
    if gap is None:
        draw, size = _curves_figure(acts, (0, 1), **options)
    else:
        marks = (gap.largest.xs, gap.largest_derivative.xs)
        draw = lambda fig: plotting.draw_difference(
            fig,
            *acts,
            x_range=options["x_range"],
            points=options["points"],
            context=context,
            marks=marks,
        )
        size = plotting.figure_size(2, "overlay")
    _figure(draw, size, path=main_path, show=show, save=save, path_to_stderr=True)
    for suffix, figure_size, draw_experiment in experiments.figures(outcome) if outcome else ():
        _figure(
            draw_experiment,
            figure_size,
            path=extra_paths[suffix],
            show=show,
            save=save,
            path_to_stderr=True,
        )


# gallery ---------------------------------------------------------------------------------------


class _GalleryProgress:
    """A rich progress bar on stderr while the images are drawn."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self.bar = Progress(
            "drawing the gallery",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=_console(stderr=True),
            transient=True,
        )
        self.task = self.bar.add_task("images", total=None)

    def __call__(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)


@cli.command()
@click.option(
    "-o",
    "--output",
    "folder",
    type=CheckedPath("folder", _check_gallery_folder),
    default="gallery",
    show_default=True,
    help="The folder to write (created if missing).  Files an earlier run wrote and this one "
    "does not are deleted; files it did not write are left alone.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["png", "svg"]),
    default="png",
    show_default=True,
    help="Image format.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes drawing at once; 1 draws without starting any.  [default: the number of CPUs]",
)
def gallery(folder: Path, fmt: str, jobs: int | None) -> None:
    """Regenerate the gallery: an image of every activation, a sweep of each parameterised one,
    an overview, and an index (README.md and index.html) grouped by family.

    Each image shows f and f' with what matters marked: range bounds, kinks and jumps, the
    extrema of non-monotonic ones, dead zones and saturating tails.  The same command gives
    the same bytes on the same installation.
    """
    from . import gallery as galleries

    if sys.stderr.isatty():
        progress = _GalleryProgress()
        with progress.bar:
            result = galleries.generate(folder, fmt, jobs, progress=progress)  # type: ignore[arg-type]
    else:
        result = galleries.generate(folder, fmt, jobs)  # type: ignore[arg-type]
    removed = f"; removed {len(result.removed)} stale files" if result.removed else ""
    click.echo(
        f"gallery: {result.images} images and the index in {folder}/ "
        f"({result.seconds:.1f} s{removed})",
        err=True,
    )


# table -----------------------------------------------------------------------------------------


@cli.command()
@click.argument("activations", nargs=-1, type=ACTIVATIONS)
@click.option(
    "--x",
    "xs",
    multiple=True,
    type=NUMBERS,
    metavar="X [X ...]",
    help="Points, separated by spaces or commas.  [default: -2 0 2]",
)
@click.option("--all", "all_", is_flag=True, help="Every registered activation.")
@click.option(
    "--deriv",
    type=click.IntRange(1, 2),
    default=None,
    metavar="[1|2]",
    help="Add derivative rows: --deriv for f', --deriv 2 for f''.",
)
@click.option(
    "--precision",
    type=click.IntRange(0, 17),
    default=None,
    help=f"Decimals shown.  [default: {DEFAULT_PRECISION}; csv, json: all]",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["rich", "csv", "json", "markdown"]),
    default="rich",
    show_default=True,
)
def table(
    activations: tuple[list[Activation], ...],
    xs: tuple[tuple[float, ...], ...],
    all_: bool,
    deriv: int | None,
    precision: int | None,
    fmt: str,
) -> None:
    """Print the values of ACTIVATIONS at the points --x.

    With no ACTIVATIONS: the seed notes' comparison (sigmoid, tanh, relu, softmax, softmin,
    log_softmax), so `actplot table --x -2 0 2` reproduces their table.  Vector-valued
    activations (softmax, ...) are applied to the whole --x vector.
    """
    from . import table as tables

    if all_ and activations:
        raise click.UsageError("give activation names or --all, not both")
    if all_:
        acts = [d.bind({}) for d in REGISTRY.values()]
    elif activations:
        acts = [a for group in activations for a in group]
    else:
        acts = [REGISTRY.resolve(n).bind({}) for n in SEED_NAMES]
    x = [v for group in xs for v in group] or list(SEED_X)
    if len(x) > MAX_NUMBERS:
        raise click.BadParameter(f"{len(x)} points; at most {MAX_NUMBERS}", param_hint="--x")

    rows = tables.compute(acts, x, deriv or 0)
    shown = DEFAULT_PRECISION if precision is None else precision
    if fmt == "json":
        click.echo(tables.to_json(rows, x), nl=False)
    elif fmt == "csv":
        click.echo(tables.to_csv(rows, x, precision), nl=False)
    elif fmt == "markdown":
        click.echo(tables.to_markdown(rows, x, shown), nl=False)
    else:
        _console().print(tables.to_rich(rows, x, shown))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="actplot")


if __name__ == "__main__":  # pragma: no cover
    main()
