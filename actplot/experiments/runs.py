"""The two experiments of ``actplot compare --experiment``.

depth: a deep MLP at initialisation; how large each layer's weight gradient is, first to last
(the figure of Glorot and Bengio 2010).  train: a small classifier trained with each
activation; test accuracy over several seeds, the loss curve, and how many units died.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .._parallel import process_pool
from ..activation import Activation
from ..errors import ActplotError
from ..registry import portable
from .datasets import Dataset, Split, split
from .mlp import INITS, Adam, Ensemble, check_size, cross_entropy

_SEEDS_PER_TASK = 2


def check_elementwise(act: Activation) -> None:
    if act.kind != "elementwise":
        what = "gated, a function of two inputs f(a, b)" if act.kind == "gated" else "vector-valued"
        raise ActplotError(
            f"{act.name} is {what}; the experiments take elementwise activations (a network of "
            "them has one input per unit)"
        )


@dataclass(frozen=True)
class DepthResult:
    grad_norms: np.ndarray  # Frobenius norm of dLoss/dW for each layer, first to last

    @property
    def ratio(self) -> float:
        """First layer's gradient norm over the last's: far below 1 means vanishing.  When no
        gradient reaches the last layer (every unit dead) the ratio is inf, or nan if none
        reaches the first either."""
        first, last = float(self.grad_norms[0]), float(self.grad_norms[-1])
        if last == 0:
            return math.nan if first == 0 else math.inf
        return first / last


DEPTH_BATCH = 256


def check_depth_size(layers: int, width: int, batch: int = DEPTH_BATCH) -> None:
    """check_size for the network depth() would build."""
    check_size([width] * (layers + 1), batch, 1, adam=False)


def depth(
    act: Activation,
    layers: int = 10,
    width: int = 64,
    init: str = "glorot",
    batch: int = DEPTH_BATCH,
    seed: int = 0,
) -> DepthResult:
    """Backpropagate a random output gradient through ``layers`` dense layers of ``width``
    units, each followed by ``act``, at initialisation.  The same seed gives every activation
    the same weights, inputs and output gradient."""
    check_elementwise(act)
    check_depth_size(layers, width, batch)
    net = Ensemble([width] * (layers + 1), act, init, [seed], last_linear=False)
    rng = np.random.default_rng([seed, 1])  # inputs and output gradient: another stream
    x = rng.standard_normal((batch, width))
    upstream = rng.standard_normal((1, batch, width)) / batch
    net.backward(net.forward(x), upstream)
    return DepthResult(np.array([np.linalg.norm(g.w[0]) for g in net.grads]))


@dataclass(frozen=True)
class Run:
    loss_curve: np.ndarray  # training loss before each update
    test_accuracy: float
    dead_fraction: float  # hidden units that output 0 for every training input
    seconds: float


@dataclass(frozen=True)
class TrainResult:
    runs: tuple[Run, ...]

    @property
    def accuracies(self) -> np.ndarray:
        return np.array([r.test_accuracy for r in self.runs])

    @property
    def accuracy_mean(self) -> float:
        return float(self.accuracies.mean())

    @property
    def accuracy_std(self) -> float:
        """Sample standard deviation over the runs (0 for a single run)."""
        return float(self.accuracies.std(ddof=1)) if len(self.runs) > 1 else 0.0

    @property
    def final_loss(self) -> float:
        return float(np.mean([r.loss_curve[-1] for r in self.runs]))

    @property
    def dead_fraction(self) -> float:
        return float(np.mean([r.dead_fraction for r in self.runs]))

    @property
    def loss_curve(self) -> np.ndarray:
        """Mean over the runs, epoch by epoch."""
        return np.mean([r.loss_curve for r in self.runs], axis=0)

    @property
    def seconds(self) -> float:
        """Training time summed over the runs (wherever they ran)."""
        return sum(r.seconds for r in self.runs)


@dataclass(frozen=True)
class TrainSettings:
    """The experiment tutorials run: 2 hidden layers of 50, Adam at 1e-3, 200 full-batch
    epochs, raw (unstandardised) features, PyTorch's default initialisation.  Values that
    cannot train (a nan or negative learning rate, no epochs, a negative seed) are refused
    here, before any data is loaded."""

    hidden: tuple[int, ...] = (50, 50)
    lr: float = 1e-3
    epochs: int = 200
    repeats: int = 5
    seed: int = 42  # the split's seed, and the first run's (the others take seed + 1, ...)
    init: str = "torch"
    standardize: bool = False

    def __post_init__(self) -> None:
        if not (isinstance(self.lr, (int, float)) and 0 < self.lr <= 10):
            raise ActplotError(f"the learning rate must be above 0 and at most 10, got {self.lr}")
        whole("epochs", self.epochs, 1, 100_000)
        whole("repeats", self.repeats, 1, 100)
        whole("seed", self.seed, 0, 2**32 - 1 - self.repeats)
        if not 1 <= len(self.hidden) <= 16:
            raise ActplotError(f"1 to 16 hidden layers, got {len(self.hidden)}")
        for width in self.hidden:
            whole("a hidden layer's width", width, 1, 4096)
        if self.init not in INITS:
            raise ActplotError(f"no initialisation {self.init!r}; choose from {', '.join(INITS)}")


def whole(what: str, value: object, lo: int, hi: int) -> None:
    """A clear error unless ``value`` is a whole number from ``lo`` to ``hi``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
        raise ActplotError(f"{what} must be a whole number from {lo} to {hi}, got {value!r}")


def check_train_size(dataset: Dataset, settings: TrainSettings) -> None:
    """check_size for the networks train_all would build (counting every sample as a training
    one, which is only an upper bound)."""
    sizes = [dataset.x.shape[1], *settings.hidden, dataset.n_classes]
    check_size(sizes, len(dataset.x), min(settings.repeats, _SEEDS_PER_TASK))


def train_seeds(
    act: Activation, data: Split, settings: TrainSettings, seeds: Sequence[int]
) -> list[Run]:
    """One network per seed, trained together (an Ensemble): full-batch Adam on cross-entropy."""
    start = time.perf_counter()
    sizes = [data.x_train.shape[1], *settings.hidden, data.n_classes]
    net = Ensemble(sizes, act, settings.init, seeds)
    adam = Adam(net.params, settings.lr)
    losses = np.empty((settings.epochs, len(seeds)))
    for epoch in range(settings.epochs):
        p = net.forward(data.x_train)
        losses[epoch], grad = cross_entropy(p.output, data.y_train)
        adam.step(net.params, net.backward(p, grad))
    hidden = [act(z) for z in net.forward(data.x_train).pre]  # each (models, samples, units)
    dead = sum(np.sum(np.all(h == 0, axis=1), axis=-1) for h in hidden) / sum(settings.hidden)
    predicted = np.argmax(net.forward(data.x_test).output, axis=-1)
    accuracy = np.mean(predicted == data.y_test, axis=-1)
    seconds = (time.perf_counter() - start) / len(seeds)
    return [
        Run(losses[:, k], float(accuracy[k]), float(dead[k]), seconds) for k in range(len(seeds))
    ]


def _train_spec(spec: str, data: Split, settings: TrainSettings, seeds: Sequence[int]) -> list[Run]:
    """train_seeds in a worker process, which rebuilds the activation from its spec."""
    from ..spec import parse_spec

    (act,) = parse_spec(spec)
    return train_seeds(act, data, settings, seeds)


def train_all(
    acts: Sequence[Activation],
    dataset: Dataset,
    settings: TrainSettings = TrainSettings(),
    jobs: int = 1,
) -> list[TrainResult]:
    """``settings.repeats`` networks per activation, on one fixed split, with seeds seed,
    seed + 1, ...

    The runs go to ``jobs`` worker processes with one BLAS thread each, even for jobs = 1:
    a threaded BLAS sums matrix products in another order, and the results would change in
    their last bits with the thread count.  So they are identical for a given seed whatever
    ``jobs`` is.  Activations from outside the built-ins (which a fresh worker could not
    rebuild from their spec) train in this process instead.
    """
    for act in acts:
        check_elementwise(act)
    check_train_size(dataset, settings)
    data = split(dataset, settings.seed, settings.standardize)
    seeds = [settings.seed + r for r in range(settings.repeats)]
    # Seeds train in pairs: one ensemble of two makes fewer numpy calls than two networks, and
    # larger ensembles fall out of the cache (five sigmoid networks at once: twice as slow).
    tasks = [
        (a, seeds[i : i + _SEEDS_PER_TASK])
        for a in acts
        for i in range(0, len(seeds), _SEEDS_PER_TASK)
    ]
    if all(portable(a.definition) for a in acts):
        with process_pool(min(jobs, len(tasks))) as pool:
            futures = [
                pool.submit(_train_spec, a.spec, data, settings, chunk) for a, chunk in tasks
            ]
            runs = [run for f in futures for run in f.result()]
    else:
        runs = [run for a, chunk in tasks for run in train_seeds(a, data, settings, chunk)]
    r = settings.repeats
    return [TrainResult(tuple(runs[i * r : (i + 1) * r])) for i in range(len(acts))]


def train(
    act: Activation, dataset: Dataset, settings: TrainSettings = TrainSettings()
) -> TrainResult:
    """train_all for one activation."""
    return train_all([act], dataset, settings)[0]
