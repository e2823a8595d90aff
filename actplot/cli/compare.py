"""``actplot compare``: properties side by side, differences, and the numpy experiments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from .base import Command
from .options import (
    apply,
    convention_option,
    deriv_option,
    figure_options,
    format_option,
    lang_option,
)
from .output import default_output, echo_rich, figures, output_path, render
from .types import ACTIVATIONS, flatten

# Written here, not imported, so that --help needs none of the library: a test checks they
# match actplot.experiments (EXPERIMENTS, BUILT_IN, INITS).
EXPERIMENTS = ("depth", "train")
DATASETS = ("classification", "moons", "circles", "spirals")
INITS = ("glorot", "he", "torch")
DEPTH_ONLY = ("width",)
TRAIN_ONLY = ("repeats", "dataset", "data", "lr", "epochs", "hidden", "seed", "standardize", "jobs")


class HiddenType(click.ParamType):
    """Hidden layer widths as a comma list: 50,50."""

    name = "widths"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[int, ...]:
        if isinstance(value, tuple):
            return value
        try:
            widths = tuple(int(v) for v in str(value).split(","))
        except ValueError:
            self.fail(
                f"{value!r}: give whole numbers separated by commas, such as 50,50", param, ctx
            )
        if not widths or not all(1 <= w <= 4096 for w in widths) or len(widths) > 16:
            self.fail(f"{value!r}: 1 to 16 layers of 1 to 4096 units", param, ctx)
        return widths


experiment_options = apply(
    [
        click.option(
            "--experiment",
            "experiment",
            type=click.Choice(EXPERIMENTS),
            multiple=True,
            help="Run an experiment with each activation (repeatable): depth, gradients "
            "through --layers layers at initialisation; train, a small classifier trained "
            "--repeats times.",
        ),
        click.option(
            "--width",
            type=click.IntRange(1, 4096),
            default=64,
            show_default=True,
            help="depth: units per layer.",
        ),
        click.option(
            "--init",
            type=click.Choice(INITS),
            default=None,
            help="Weight initialisation.  [default: glorot for depth; torch, PyTorch's "
            "nn.Linear default, for train]",
        ),
        click.option(
            "--repeats",
            type=click.IntRange(1, 100),
            default=5,
            show_default=True,
            help="train: runs per activation, seeds SEED, SEED+1, ...",
        ),
        click.option(
            "--dataset",
            type=click.Choice(DATASETS),
            default="classification",
            show_default=True,
            help="train: a built-in data set (classification: 1000 samples, 20 features, "
            "2 classes, as scikit-learn's make_classification draws them).",
        ),
        click.option(
            "--data",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="train: a CSV file instead, numeric columns, the last one the class label; "
            "a header row is allowed.",
        ),
        click.option(
            "--lr",
            type=click.FloatRange(0, 10, min_open=True),
            default=1e-3,
            show_default=True,
            help="train: Adam's learning rate.",
        ),
        click.option(
            "--epochs",
            type=click.IntRange(1, 100_000),
            default=200,
            show_default=True,
            help="train: full-batch epochs.",
        ),
        click.option(
            "--hidden",
            type=HiddenType(),
            default="50,50",
            show_default=True,
            help="train: hidden layer widths.",
        ),
        click.option(
            "--seed",
            type=int,
            default=42,
            show_default=True,
            help="train: random seed of the data, the 80/20 split and the first run.",
        ),
        click.option(
            "--standardize",
            is_flag=True,
            help="train: rescale features to mean 0, variance 1 (raw features by default).",
        ),
        click.option(
            "--jobs",
            type=click.IntRange(1, 256),
            default=None,
            help="train: worker processes.  [default: the number of CPUs]",
        ),
    ]
)


def _check_experiment_options(ctx: click.Context, wanted: tuple[str, ...]) -> None:
    """An option of an experiment not asked for is a mistake, not silently ignored."""
    given = {
        k
        for k in (*DEPTH_ONLY, *TRAIN_ONLY, "init")
        if ctx.get_parameter_source(k) not in (ParameterSource.DEFAULT, None)
    }
    for names, experiment in ((DEPTH_ONLY, "depth"), (TRAIN_ONLY, "train")):
        stray = sorted(given & set(names))
        if stray and experiment not in wanted:
            raise click.UsageError(f"--{stray[0]} applies to --experiment {experiment}")
    if given and not wanted:
        raise click.UsageError(f"--{sorted(given)[0]} applies to --experiment depth or train")
    if {"data", "dataset"} <= given:
        raise click.UsageError("give --dataset or --data, not both")


def _paths(
    acts: list, output: Path | None, diff: bool, experiments: tuple[str, ...], force: bool
) -> dict:
    """Where each figure goes, checked before any work: the main one, and one per experiment
    named after it."""
    if diff:
        main = output_path(output, Path(f"{'_minus_'.join(a.name for a in acts)}.png"), force)
    else:
        main = output_path(output, default_output(acts, (0,), "_compare"), force)
    paths = {"main": main}
    for e in experiments:
        paths[e] = output_path(None, main.with_name(f"{main.stem}_{e}{main.suffix}"), force)
    return paths


@click.command(cls=Command)
@convention_option
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
    help="Compare each activation with the first point by point: plot A - B and A' - B', and "
    "report the largest |A - B| and where.",
)
@format_option(
    "rich",
    "json",
    "markdown",
    help="rich: tables for the terminal; json: every measured number, for programs; "
    "markdown: for notes and READMEs.",
)
@click.option(
    "--cost/--no-cost",
    default=True,
    show_default=True,
    help="Time f and f' in actplot on 2^20 inputs, relative to ReLU (about a second).",
)
@click.option(
    "--notes/--no-notes",
    default=True,
    show_default=True,
    help="Each activation's notes under the table (rich and markdown).",
)
@lang_option
@click.option("--no-plot", is_flag=True, help="Do not write the figures.")
@deriv_option((0, 1), "The panels of the figure")
@figure_options("NAMES_compare.png, with --diff A_minus_B.png")
@experiment_options
@click.pass_context
def compare(
    ctx: click.Context,
    activations: tuple[list, ...],
    fmt: str,
    notes: bool,
    lang: str,
    no_plot: bool,
    derivatives: tuple[int, ...],
    layout: str,
    x_range: tuple[float, float],
    points: int,
    output: Path | None,
    force: bool,
    show: bool,
    ylim: tuple[float, float] | None,
    size: tuple[float, float] | None,
    dpi: float,
    title: str | None,
    font_size: float | None,
    style: str,
    legend: bool,
    **measure: Any,
) -> None:
    """Measure the properties of ACTIVATIONS and print them side by side.

    Range (open or closed), monotonicity, extrema, f(0) and f'(0), zero-centred output,
    continuity and kinks, saturation (none, soft, hard) and dead zones, the largest |f'| and
    the bound (max |f'|)^L on a gradient through L layers, and the time actplot takes: each
    computed from the function, not only declared.  The figure shows f and f' overlaid (with
    --diff: A - B and A' - B'), written to NAMES_compare.png unless -o says otherwise.

    \b
    With --experiment, also in numpy with these very functions:
      depth  gradient norm of every layer at initialisation
      train  test accuracy, loss curves and dead units of a small classifier

    Each experiment draws its own figure, named after the main one:
    NAMES_compare_depth.png, NAMES_compare_train.png.
    """
    acts = flatten(activations)
    if measure["diff"] and len(acts) < 2:
        raise click.UsageError("--diff compares activations with the first: give two or more")
    _check_experiment_options(ctx, measure["experiment"])
    paths = {} if no_plot else _paths(acts, output, measure["diff"], measure["experiment"], force)
    from ..comparison import compare as measured

    # the other options are the parameters of actplot.compare, by name (a test checks)
    result = measured(*acts, **measure)
    if fmt == "json":
        render(result, "json")
    elif fmt == "markdown":
        click.echo(result.to_markdown(notes, lang), nl=False)
    else:
        echo_rich(result.to_rich(notes, lang))
    if paths:
        main = result.figure(
            derivatives=derivatives, x_range=x_range, points=points, layout=layout, ylim=ylim,
            size=size, dpi=dpi, title=title, font_size=font_size, style=style, legend=legend,
        )  # fmt: skip
        made = [(main, paths["main"])]
        made += [(draw(), paths[e]) for e, draw in result.experiment_figures().items()]
        figures(made, show=show, save=output is not None or not show, path_to_stderr=True)
