"""The experiments' results as tables (rich, markdown), JSON and figures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .._formats import json_number, json_numbers, markdown_table
from ..activation import Activation
from ..numbers import format_number
from .plan import Outcome, Plan
from .runs import DepthResult, TrainResult

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DEPTH_HEAD = ["activation", "|dL/dW| layer 1", "|dL/dW| layer L", "ratio first / last"]
TRAIN_HEAD = ["activation", "test accuracy", "final loss", "dead units", "seconds"]


def _num(v: float) -> str:
    return format_number(v, 3, trim=True)


def depth_rows(acts: Sequence[Activation], results: Sequence[DepthResult]) -> list[list[str]]:
    return [
        [a.label, _num(r.grad_norms[0]), _num(r.grad_norms[-1]), _num(r.ratio)]
        for a, r in zip(acts, results, strict=True)
    ]


def train_rows(acts: Sequence[Activation], results: Sequence[TrainResult]) -> list[list[str]]:
    return [
        [
            a.label,
            f"{r.accuracy_mean:.4f}"
            + (f" ± {r.accuracy_std:.4f}" if len(r.runs) > 1 else "  (1 run)"),
            f"{r.final_loss:.4f}",
            f"{100 * r.dead_fraction:.1f}%",
            f"{r.seconds:.2f}",
        ]
        for a, r in zip(acts, results, strict=True)
    ]


def _runs(repeats: int, seed: int) -> str:
    if repeats == 1:
        return f"1 run (seed {seed})"
    return f"{repeats} runs (seeds {seed}-{seed + repeats - 1})"


def describe_training(p: Plan) -> str:
    """The training settings in one line."""
    s, d = p.train, p.dataset
    assert s is not None and d is not None
    lr = format_number(s.lr, 6, trim=True)
    return (
        f"{d.name}: {d.x.shape[0]} samples, {d.x.shape[1]} features, {d.n_classes} classes, "
        f"80/20 split; hidden {','.join(map(str, s.hidden))}; Adam lr {lr}; "
        f"{s.epochs} full-batch epochs; {_runs(s.repeats, s.seed)}; {s.init} init; "
        f"{'standardised' if s.standardize else 'raw'} features"
    )


def _depth_title(out: Outcome) -> str:
    d = out.plan.depth
    assert d is not None
    return f"Gradients through {d.layers} layers of {d.width} at initialisation ({d.init})"


def _rich_table(title: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> Any:
    """A table that fits the terminal: its number columns split over several if need be."""
    from rich.table import Table

    from .._terminal import Fitted, Layout

    def table(indices: Sequence[int]) -> Any:
        out = Table(title=title, title_justify="default", header_style="bold")  # not padded
        out.add_column(head[0], overflow="fold")
        for j in indices:  # a long header wraps; the numbers never do
            width = max(len(row[j + 1]) for row in rows)
            out.add_column(head[j + 1], justify="right", overflow="fold", min_width=width)
        for row in rows:
            out.add_row(row[0], *(row[j + 1] for j in indices))
        return out

    return Fitted([Layout(table, len(head) - 1)])


def renderables(out: Outcome) -> list[Any]:
    """rich tables of the results, and the training settings."""
    from rich.text import Text

    parts: list[Any] = []
    if out.depth:
        parts.append(_rich_table(_depth_title(out), DEPTH_HEAD, depth_rows(out.acts, out.depth)))
    if out.train:
        parts.append(_rich_table("Training", TRAIN_HEAD, train_rows(out.acts, out.train)))
        parts.append(Text(describe_training(out.plan), style="dim"))
    return parts


def _markdown_table(title: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    return "\n".join([f"**{title}**", "", *markdown_table(head, rows)]) + "\n"


def markdown(out: Outcome) -> str:
    text = ""
    if out.depth:
        rows = depth_rows(out.acts, out.depth)
        text += "\n" + _markdown_table("Gradients through depth", DEPTH_HEAD, rows)
    if out.train:
        text += "\n" + _markdown_table("Training", TRAIN_HEAD, train_rows(out.acts, out.train))
        text += f"\n{describe_training(out.plan)}\n"
    return text


def to_dict(out: Outcome) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    if out.depth:
        parts["depth"] = {
            a.spec: {"grad_norms": json_numbers(r.grad_norms), "ratio": json_number(r.ratio)}
            for a, r in zip(out.acts, out.depth, strict=True)
        }
    if out.train:
        parts["train"] = {
            a.spec: {
                "test_accuracy": {
                    "mean": json_number(r.accuracy_mean),
                    "std": json_number(r.accuracy_std),
                    "runs": json_numbers(r.accuracies),
                },
                "final_loss": json_number(r.final_loss),
                "dead_fraction": json_number(r.dead_fraction),
                "loss_curve": json_numbers(r.loss_curve),
                "seconds": r.seconds,
            }
            for a, r in zip(out.acts, out.train, strict=True)
        }
        parts["train_settings"] = describe_training(out.plan)
    return parts


def figures(out: Outcome) -> dict[str, Callable[[], Figure]]:
    """{"depth": make the figure, "train": ...}, for the experiments that ran."""
    from . import figures as draw

    found: dict[str, Callable[[], Figure]] = {}
    if out.depth:
        d = out.plan.depth
        assert d is not None
        found["depth"] = lambda: draw.draw_depth(out.acts, out.depth, d.init, d.width)
    if out.train:
        assert out.plan.dataset is not None
        name = out.plan.dataset.name
        found["train"] = lambda: draw.draw_training(out.acts, out.train, name)
    return found
