"""The experiments' results as tables (rich, markdown) and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import _json, _markdown
from ..activation import Activation
from .runs import DepthResult, TrainResult


def _sci(v: float) -> str:
    return f"{v:.3g}" if 1e-3 <= abs(v) < 1e4 else f"{v:.2e}"


def depth_rows(acts: Sequence[Activation], results: Sequence[DepthResult]) -> list[list[str]]:
    return [
        [a.label, _sci(r.grad_norms[0]), _sci(r.grad_norms[-1]), _sci(r.ratio)]
        for a, r in zip(acts, results, strict=True)
    ]


DEPTH_HEAD = ["activation", "|dL/dW| layer 1", "|dL/dW| layer L", "ratio first / last"]
TRAIN_HEAD = ["activation", "test accuracy", "final loss", "dead units", "seconds"]


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


def rich_table(title: str, head: Sequence[str], rows: Sequence[Sequence[str]]):
    from rich.table import Table

    table = Table(title=title, title_justify="left", header_style="bold")
    for i, h in enumerate(head):
        table.add_column(h, justify="left" if i == 0 else "right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return table


def markdown_table(title: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    return "\n".join([f"**{title}**", "", *_markdown.table(head, rows)]) + "\n"


def depth_json(acts: Sequence[Activation], results: Sequence[DepthResult]) -> dict[str, Any]:
    return {
        a.spec: {"grad_norms": _json.numbers(r.grad_norms), "ratio": _json.number(r.ratio)}
        for a, r in zip(acts, results, strict=True)
    }


def train_json(acts: Sequence[Activation], results: Sequence[TrainResult]) -> dict[str, Any]:
    return {
        a.spec: {
            "test_accuracy": {
                "mean": _json.number(r.accuracy_mean),
                "std": _json.number(r.accuracy_std),
                "runs": _json.numbers(r.accuracies),
            },
            "final_loss": _json.number(r.final_loss),
            "dead_fraction": _json.number(r.dead_fraction),
            "loss_curve": _json.numbers(r.loss_curve),
            "seconds": r.seconds,
        }
        for a, r in zip(acts, results, strict=True)
    }
