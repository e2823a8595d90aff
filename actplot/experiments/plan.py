"""Which experiments to run with which settings, checked and with the data loaded before any
work starts; then running them.  What ``compare(..., experiment=...)`` does."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .._parallel import default_jobs
from ..activation import Activation
from ..errors import ActplotError
from .datasets import BUILT_IN, Dataset, load_csv
from .mlp import INITS
from .runs import (
    DepthResult,
    TrainResult,
    TrainSettings,
    check_depth_size,
    check_elementwise,
    check_train_size,
    depth,
    train_all,
    whole,
)

EXPERIMENTS = ("depth", "train")


@dataclass(frozen=True)
class DepthSettings:
    """The depth experiment: ``layers`` dense layers of ``width`` units at initialisation."""

    layers: int = 10
    width: int = 64
    init: str = "glorot"

    def __post_init__(self) -> None:
        whole("layers", self.layers, 1, 10_000)
        whole("width", self.width, 1, 4096)
        if self.init not in INITS:
            raise ActplotError(f"no initialisation {self.init!r}; choose from {', '.join(INITS)}")


@dataclass(frozen=True)
class Plan:
    depth: DepthSettings | None
    train: TrainSettings | None
    dataset: Dataset | None  # loaded, for train
    jobs: int


@dataclass(frozen=True)
class Outcome:
    """What the experiments of a plan gave, one result per activation."""

    acts: Sequence[Activation]
    plan: Plan
    depth: list[DepthResult] = field(default_factory=list)
    train: list[TrainResult] = field(default_factory=list)


def plan(
    acts: Sequence[Activation],
    experiment: str | Iterable[str],
    *,
    layers: int = 10,
    width: int = 64,
    init: str | None = None,
    repeats: int = 5,
    dataset: str = "classification",
    data: str | Path | None = None,
    lr: float = 1e-3,
    epochs: int = 200,
    hidden: Sequence[int] = (50, 50),
    seed: int = 42,
    standardize: bool = False,
    jobs: int | None = None,
) -> Plan:
    """Check the settings of the experiments asked for ("depth", "train" or both) against the
    activations, and load the training data (``data``, a CSV file, or else the built-in
    ``dataset``).  Every mistake is an ActplotError, raised before anything runs."""
    wanted = {experiment} if isinstance(experiment, str) else set(experiment)
    unknown = sorted(wanted - set(EXPERIMENTS))
    if unknown:
        raise ActplotError(f"no experiment {unknown[0]!r}; choose from {', '.join(EXPERIMENTS)}")
    if init is not None and init not in INITS:
        raise ActplotError(f"no initialisation {init!r}; choose from {', '.join(INITS)}")
    for act in acts:
        check_elementwise(act)

    depth_settings = None
    if "depth" in wanted:
        depth_settings = DepthSettings(layers, width, init or "glorot")
        check_depth_size(layers, width)
    settings, loaded = None, None
    if "train" in wanted:
        settings = TrainSettings(
            hidden=tuple(hidden),
            lr=lr,
            epochs=epochs,
            repeats=repeats,
            seed=seed,
            init=init or "torch",
            standardize=standardize,
        )
        if data is not None:
            loaded = load_csv(Path(data))
        elif dataset in BUILT_IN:
            loaded = BUILT_IN[dataset](seed)
        else:
            raise ActplotError(f"no data set {dataset!r}; choose from {', '.join(BUILT_IN)}")
        check_train_size(loaded, settings)
    return Plan(depth_settings, settings, loaded, jobs or default_jobs())


def run(p: Plan, acts: Sequence[Activation]) -> Outcome:
    """Run the plan's experiments with each activation."""
    depths, trained = [], []
    if p.depth is not None:
        d = p.depth
        depths = [depth(a, layers=d.layers, width=d.width, init=d.init) for a in acts]
    if p.train is not None:
        assert p.dataset is not None
        trained = train_all(acts, p.dataset, p.train, jobs=p.jobs)
    return Outcome(acts, p, depths, trained)
