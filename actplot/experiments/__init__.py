"""Experiments with the registry's activations doing the forward and backward passes, in numpy:
vanishing gradients through depth, and training a small classifier with each activation."""

from .datasets import BUILT_IN, Dataset, load_csv
from .plan import EXPERIMENTS, DepthSettings, Outcome, Plan, plan, run
from .runs import DepthResult, TrainResult, TrainSettings, depth, train, train_all

__all__ = [
    "BUILT_IN",
    "EXPERIMENTS",
    "Dataset",
    "DepthResult",
    "DepthSettings",
    "Outcome",
    "Plan",
    "TrainResult",
    "TrainSettings",
    "depth",
    "load_csv",
    "plan",
    "run",
    "train",
    "train_all",
]
