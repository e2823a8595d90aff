"""Figures of the experiments (imports matplotlib: only code that draws imports this).

They take actplot's light look: the colour-blind-safe palette, and a dash pattern per
activation, so that curves that coincide (ReLU and leaky ReLU's losses) both stay visible."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from .. import styles
from ..activation import Activation
from ..numbers import format_number
from .runs import DepthResult, TrainResult


def draw_depth(
    acts: Sequence[Activation], results: Sequence[DepthResult], init: str, width: int
) -> Figure:
    """Gradient norm of each layer's weights at initialisation, on a log scale (Glorot and
    Bengio 2010): a line falling towards layer 1 is a vanishing gradient."""
    with styles.applied("light"):
        return _draw_depth(acts, results, init, width)


def _draw_depth(
    acts: Sequence[Activation], results: Sequence[DepthResult], init: str, width: int
) -> Figure:
    fig = Figure(figsize=(7.5, 4.8), dpi=150)
    ax = fig.subplots()
    colors = styles.colors()
    for i, (act, r) in enumerate(zip(acts, results, strict=True)):
        layers = np.arange(1, len(r.grad_norms) + 1)
        ratio = format_number(r.ratio, 2, trim=True)
        ax.plot(layers, r.grad_norms, marker="o", ms=4, ls=_dash(i), color=colors[i % len(colors)],
                label=f"{act.label}  (first/last {ratio})")  # fmt: skip
    ax.set_yscale("log")
    ax.set_xlabel("layer (1 = nearest the input)")
    ax.set_ylabel("‖∂L/∂W‖ at initialisation")
    ax.set_title(f"Gradients through {len(results[0].grad_norms)} layers of {width} ({init} init)")
    ax.set_xticks(np.arange(1, len(results[0].grad_norms) + 1))
    ax.grid(True, which="both", alpha=0.25)
    ax.legend(fontsize="small")
    fig.set_layout_engine("constrained")
    return fig


def draw_training(
    acts: Sequence[Activation], results: Sequence[TrainResult], dataset: str
) -> Figure:
    """Training loss per epoch (mean over the runs, shaded between the extremes) and test
    accuracy as bars with standard-deviation error bars."""
    with styles.applied("light"):
        return _draw_training(acts, results, dataset)


def _dash(i: int) -> str:
    return styles.DASHES[i % len(styles.DASHES)]


def _draw_training(
    acts: Sequence[Activation], results: Sequence[TrainResult], dataset: str
) -> Figure:
    fig = Figure(figsize=(12.0, 4.8), dpi=150)
    colors = styles.colors()
    color = lambda i: colors[i % len(colors)]
    curves, bars = fig.subplots(1, 2, width_ratios=(3, 2))
    labels = [a.label for a in acts]
    for i, (label, r) in enumerate(zip(labels, results, strict=True)):
        runs = np.array([run.loss_curve for run in r.runs])
        epochs = np.arange(1, runs.shape[1] + 1)
        curves.plot(epochs, runs.mean(axis=0), color=color(i), ls=_dash(i), label=label)
        curves.fill_between(
            epochs, runs.min(axis=0), runs.max(axis=0), color=color(i), alpha=0.15, lw=0
        )
    curves.set_xlabel("epoch")
    curves.set_ylabel("training loss (cross-entropy)")
    curves.set_title(f"Training on {dataset} ({len(results[0].runs)} runs each)")
    curves.grid(True, alpha=0.25)
    curves.legend(fontsize="small")

    means = [r.accuracy_mean for r in results]
    positions = np.arange(len(results))
    bars.bar(
        positions,
        means,
        yerr=[r.accuracy_std for r in results],
        capsize=4,
        color=[color(i) for i in positions],
        alpha=0.8,
    )
    for x, r in zip(positions, results, strict=True):  # above the error bar
        top = r.accuracy_mean + r.accuracy_std
        bars.text(
            x, top + 0.01, f"{r.accuracy_mean:.3f}", ha="center", va="bottom", fontsize="small"
        )
    bars.set_xticks(positions, labels, rotation=30, ha="right", fontsize="small")
    bars.set_ylim(0, 1.05)
    bars.set_ylabel("test accuracy (mean ± std)")
    bars.set_title("Test accuracy")
    bars.grid(True, axis="y", alpha=0.25)
    fig.set_layout_engine("constrained")
    return fig
