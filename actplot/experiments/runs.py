"""The two experiments of ``actplot compare --experiment``.

depth: a deep MLP at initialisation; how large each layer's weight gradient is, first to last
(the figure of Glorot and Bengio 2010).  train: a small classifier trained with each
activation; test accuracy over several seeds, the loss curve, and how many units died.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .._parallel import process_pool
from ..activation import Activation
from ..errors import ActplotError
from ..registry import REGISTRY
from .datasets import Dataset, Split, split
from .mlp import Adam, Network, cross_entropy


def _elementwise(act: Activation) -> None:
    if act.kind != "elementwise":
        raise ActplotError(
            f"{act.name} is vector-valued; the experiments take elementwise activations"
        )


@dataclass(frozen=True)
class DepthResult:
    grad_norms: np.ndarray  # Frobenius norm of dLoss/dW for each layer, first to last

    @property
    def ratio(self) -> float:
        """First layer's gradient norm over the last's: far below 1 means vanishing."""
        return float(self.grad_norms[0] / self.grad_norms[-1])


def depth(
    act: Activation,
    layers: int = 10,
    width: int = 64,
    init: str = "glorot",
    batch: int = 256,
    seed: int = 0,
) -> DepthResult:
    """Backpropagate a random output gradient through ``layers`` dense layers of ``width``
    units, each followed by ``act``, at initialisation.  The same seed gives every activation
    the same weights, inputs and output gradient."""
    _elementwise(act)
    rng = np.random.default_rng(seed)
    net = Network([width] * (layers + 1), act, init, rng, last_linear=False)
    x = rng.standard_normal((batch, width))
    upstream = rng.standard_normal((batch, width)) / batch
    net.backward(net.forward(x), upstream)
    return DepthResult(np.array([np.linalg.norm(g.w) for g in net.grads]))


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
    """The seeds' experiment: 2 hidden layers of 50, Adam at 1e-3, 200 full-batch epochs, raw
    (unstandardised) features, PyTorch's default initialisation."""

    hidden: tuple[int, ...] = (50, 50)
    lr: float = 1e-3
    epochs: int = 200
    repeats: int = 5
    seed: int = 42  # the split's seed, and the first run's (the others take seed + 1, ...)
    init: str = "torch"
    standardize: bool = False


def train_once(act: Activation, data: Split, settings: TrainSettings, seed: int) -> Run:
    """One network, trained full-batch with Adam on cross-entropy."""
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    sizes = [data.x_train.shape[1], *settings.hidden, data.n_classes]
    net = Network(sizes, act, settings.init, rng)
    adam = Adam(net.params, settings.lr)
    losses = np.empty(settings.epochs)
    for epoch in range(settings.epochs):
        p = net.forward(data.x_train)
        losses[epoch], grad = cross_entropy(p.output, data.y_train)
        adam.step(net.params, net.backward(p, grad))
    hidden = [act(z) for z in net.forward(data.x_train).pre]
    dead = sum(int(np.sum(np.all(h == 0, axis=0))) for h in hidden) / sum(settings.hidden)
    predicted = np.argmax(net.forward(data.x_test).output, axis=1)
    accuracy = float(np.mean(predicted == data.y_test))
    return Run(losses, accuracy, dead, time.perf_counter() - start)


def _train_spec(spec: str, data: Split, settings: TrainSettings, seed: int) -> Run:
    """train_once in a worker process, which rebuilds the activation from its spec."""
    from ..spec import parse_spec

    (act,) = parse_spec(spec)
    return train_once(act, data, settings, seed)


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
        _elementwise(act)
    data = split(dataset, settings.seed, settings.standardize)
    tasks = [(a, settings.seed + r) for a in acts for r in range(settings.repeats)]
    if all(REGISTRY.is_built_in(a.name) for a in acts):
        with process_pool(min(jobs, len(tasks))) as pool:
            futures = [pool.submit(_train_spec, a.spec, data, settings, s) for a, s in tasks]
            runs = [f.result() for f in futures]
    else:
        runs = [train_once(a, data, settings, s) for a, s in tasks]
    r = settings.repeats
    return [TrainResult(tuple(runs[i * r : (i + 1) * r])) for i in range(len(acts))]


def train(
    act: Activation, dataset: Dataset, settings: TrainSettings = TrainSettings()
) -> TrainResult:
    """train_all for one activation."""
    return train_all([act], dataset, settings)[0]
