"""``actplot compare --experiment depth|train``: the options, their checks, and the runs.

Kept apart from cli.py so that command stays readable; the experiments themselves live in
:mod:`actplot.experiments` and know nothing of the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from ._parallel import default_jobs
from .activation import Activation
from .experiments import BUILT_IN
from .experiments.mlp import INITS

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


def experiment_options(f: Callable) -> Callable:
    options = [
        click.option(
            "--experiment",
            "experiments",
            type=click.Choice(["depth", "train"]),
            multiple=True,
            help="Run an experiment with each activation (repeatable): "
            "depth, gradients through --layers layers at initialisation; train, a "
            "small classifier trained --repeats times.",
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
            "nn.Linear default as in the seeds, for train]",
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
            type=click.Choice(list(BUILT_IN)),
            default="classification",
            show_default=True,
            help="train: a built-in data set (classification is "
            "like the seeds': 1000 samples, 20 features, 2 classes).",
        ),
        click.option(
            "--data",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="train: a CSV file instead, numeric columns, the last one the class "
            "label; a header row is allowed.",
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
            help="train: seed of the data, the 80/20 split and the first run.",
        ),
        click.option(
            "--standardize",
            is_flag=True,
            help="train: rescale features to mean 0, variance 1 (the seeds do not).",
        ),
        click.option(
            "--jobs",
            type=click.IntRange(1, 256),
            default=None,
            help="train: worker processes.  [default: the number of CPUs]",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@dataclass
class Plan:
    depth: bool
    train: bool
    layers: int
    width: int
    depth_init: str
    settings: Any  # experiments.TrainSettings
    dataset: Any  # experiments.Dataset, loaded before anything runs
    jobs: int


@dataclass
class Outcome:
    acts: Sequence[Activation]
    plan: Plan
    depth: list = field(default_factory=list)
    train: list = field(default_factory=list)


def plan(ctx: click.Context, acts: Sequence[Activation], params: dict[str, Any]) -> Plan | None:
    """Check the experiment options together, load the data, and say what to run."""
    wanted = set(params["experiments"])
    given = {
        k
        for k in (*DEPTH_ONLY, *TRAIN_ONLY, "init")
        if ctx.get_parameter_source(k) not in (ParameterSource.DEFAULT, None)
    }
    for names, experiment in ((DEPTH_ONLY, "depth"), (TRAIN_ONLY, "train")):
        stray = sorted(given & set(names))
        if stray and experiment not in wanted:
            raise click.UsageError(f"--{stray[0]} applies to --experiment {experiment}")
    if not wanted:
        if given:
            raise click.UsageError(f"--{sorted(given)[0]} applies to --experiment depth or train")
        return None
    if "data" in given and "dataset" in given:
        raise click.UsageError("give --dataset or --data, not both")
    from .experiments import TrainSettings, load_csv
    from .experiments.runs import check_depth_size, check_elementwise, check_train_size

    for act in acts:
        check_elementwise(act)

    if "depth" in wanted:
        check_depth_size(params["layers"], params["width"])
    settings = TrainSettings(
        hidden=params["hidden"],
        lr=params["lr"],
        epochs=params["epochs"],
        repeats=params["repeats"],
        seed=params["seed"],
        init=params["init"] or "torch",
        standardize=params["standardize"],
    )
    dataset = None
    if "train" in wanted:
        dataset = (
            load_csv(params["data"])
            if params["data"]
            else BUILT_IN[params["dataset"]](params["seed"])
        )
        check_train_size(dataset, settings)
    return Plan(
        "depth" in wanted,
        "train" in wanted,
        params["layers"],
        params["width"],
        params["init"] or "glorot",
        settings,
        dataset,
        params["jobs"] or default_jobs(),
    )


def run(p: Plan, acts: Sequence[Activation]) -> Outcome:
    from .experiments import depth, train_all

    out = Outcome(acts, p)
    if p.depth:
        out.depth = [depth(a, layers=p.layers, width=p.width, init=p.depth_init) for a in acts]
    if p.train:
        out.train = train_all(acts, p.dataset, p.settings, jobs=p.jobs)
    return out


def _runs(repeats: int, seed: int) -> str:
    return (
        f"1 run (seed {seed})"
        if repeats == 1
        else f"{repeats} runs (seeds {seed}-{seed + repeats - 1})"
    )


def describe_training(p: Plan) -> str:
    s, d = p.settings, p.dataset
    classes = d.n_classes
    return (
        f"{d.name}: {d.x.shape[0]} samples, {d.x.shape[1]} features, {classes} classes, 80/20 "
        f"split; hidden {','.join(map(str, s.hidden))}; Adam lr {s.lr:g}; {s.epochs} full-batch "
        f"epochs; {_runs(s.repeats, s.seed)}; {s.init} init; "
        f"{'standardised' if s.standardize else 'raw'} features"
    )


def renderables(out: Outcome) -> list[Any]:
    from rich.text import Text

    from .experiments import report

    parts: list[Any] = []
    if out.depth:
        title = (
            f"Gradients through {out.plan.layers} layers of {out.plan.width} at initialisation "
            f"({out.plan.depth_init})"
        )
        parts.append(
            report.rich_table(title, report.DEPTH_HEAD, report.depth_rows(out.acts, out.depth))
        )
    if out.train:
        parts.append(
            report.rich_table("Training", report.TRAIN_HEAD, report.train_rows(out.acts, out.train))
        )
        parts.append(Text(describe_training(out.plan), style="dim"))
    return parts


def markdown(out: Outcome) -> str:
    from .experiments import report

    text = ""
    if out.depth:
        text += "\n" + report.markdown_table(
            "Gradients through depth", report.DEPTH_HEAD, report.depth_rows(out.acts, out.depth)
        )
    if out.train:
        text += "\n" + report.markdown_table(
            "Training", report.TRAIN_HEAD, report.train_rows(out.acts, out.train)
        )
        text += f"\n{describe_training(out.plan)}\n"
    return text


def json_parts(out: Outcome) -> dict[str, Any]:
    from .experiments import report

    parts: dict[str, Any] = {}
    if out.depth:
        parts["depth"] = report.depth_json(out.acts, out.depth)
    if out.train:
        parts["train"] = report.train_json(out.acts, out.train)
        parts["train_settings"] = describe_training(out.plan)
    return parts


def figures(out: Outcome) -> list[tuple[str, tuple[float, float], Callable[[Any], Any]]]:
    """(file suffix, size, draw) for each figure to write."""
    from .experiments import figures as draw

    found = []
    if out.depth:
        found.append(
            (
                "_depth",
                (7.5, 4.8),
                lambda fig: draw.draw_depth(
                    fig, out.acts, out.depth, out.plan.depth_init, out.plan.width
                ),
            )
        )
    if out.train:
        found.append(
            (
                "_train",
                (12.0, 4.8),
                lambda fig: draw.draw_training(fig, out.acts, out.train, out.plan.dataset.name),
            )
        )
    return found
