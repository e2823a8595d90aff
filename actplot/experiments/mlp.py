"""Small multilayer perceptrons in numpy, with the registry's activations doing the work:
``act(z)`` in the forward pass and ``act.grad(z)`` in the backward pass.

An :class:`Ensemble` holds several networks of the same shape, one per seed, stacked on a
leading axis: training five seeds costs one set of numpy calls per epoch instead of five,
while every network computes exactly what it would alone.  Layers are dense,
h_{l+1} = act(h_l W_l + b_l), the last one linear unless asked otherwise.  All weights live in
one array (each layer's W and b are views into it), and so do the gradients, so the
optimiser updates everything in a few vector operations.  Gradients are exact
backpropagation, checked against finite differences by the tests.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..activation import Activation
from ..errors import ActplotError
from ..spec import get

INITS = ("glorot", "he", "torch")
MEMORY_LIMIT = 2**30  # bytes for one ensemble's training step: past this, a typo, not a study


def _parameter_count(sizes: Sequence[int]) -> int:
    """Weights and biases of the dense layers sizes[0] -> sizes[1] -> ..."""
    return sum(a * b + b for a, b in itertools.pairwise(sizes))


def check_size(sizes: Sequence[int], samples: int, models: int, adam: bool = True) -> None:
    """Refuse networks whose step would hold more than MEMORY_LIMIT bytes of float64: the
    parameters and their gradient (and Adam's two moments), and each layer's input and
    pre-activation kept for the backward pass, for every model of the ensemble."""
    weights = _parameter_count(sizes)
    kept = samples * (sizes[0] + 2 * sum(sizes[1:]))
    need = 8 * models * ((4 if adam else 2) * weights + kept)
    if need > MEMORY_LIMIT:
        raise ActplotError(
            f"{len(sizes) - 1} layers of up to {max(sizes)} units on {samples} samples would "
            f"take about {need / 2**30:.3g} GiB; at most {MEMORY_LIMIT / 2**30:g} GiB: use "
            "fewer or narrower layers"
        )


@dataclass(frozen=True)
class Layer:
    w: np.ndarray  # (models, inputs, outputs)
    b: np.ndarray  # (models, 1, outputs)


def _views(flat: np.ndarray, sizes: Sequence[int]) -> list[Layer]:
    """Layers whose weights are views into ``flat`` of shape (models, total)."""
    models = flat.shape[0]
    layers, start = [], 0
    for fan_in, fan_out in itertools.pairwise(sizes):
        w = flat[:, start : start + fan_in * fan_out].reshape(models, fan_in, fan_out)
        start += fan_in * fan_out
        layers.append(Layer(w, flat[:, start : start + fan_out].reshape(models, 1, fan_out)))
        start += fan_out
    return layers


def _initialise(layer: Layer, init: str, rng: np.random.Generator) -> None:
    """One model's weights (a layer's slice for it).

    glorot: uniform in +-sqrt(6 / (fan_in + fan_out)), zero biases (Glorot and Bengio 2010);
    he: normal with std sqrt(2 / fan_in), zero biases (He et al. 2015);
    torch: PyTorch's nn.Linear default, weights and biases uniform in +-1/sqrt(fan_in).
    """
    fan_in, fan_out = layer.w.shape
    if init == "glorot":
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        layer.w[...], layer.b[...] = rng.uniform(-limit, limit, layer.w.shape), 0.0
    elif init == "he":
        layer.w[...], layer.b[...] = rng.normal(0.0, math.sqrt(2.0 / fan_in), layer.w.shape), 0.0
    else:
        bound = 1.0 / math.sqrt(fan_in)
        layer.w[...] = rng.uniform(-bound, bound, layer.w.shape)
        layer.b[...] = rng.uniform(-bound, bound, layer.b.shape)


@dataclass
class Pass:
    """What the forward pass keeps for the backward pass."""

    inputs: list[np.ndarray] = field(default_factory=list)  # the input of each layer
    pre: list[np.ndarray] = field(default_factory=list)  # pre-activations of activated layers
    output: np.ndarray | None = None


class Ensemble:
    """One network per seed, layers sizes[0] -> sizes[1] -> ..., each followed by ``act`` (the
    last one too unless ``last_linear``); model k is initialised from default_rng(seeds[k])."""

    def __init__(self, sizes: Sequence[int], act: Activation, init: str, seeds: Sequence[int],
                 last_linear: bool = True) -> None:  # fmt: skip
        if init not in INITS:
            raise ValueError(f"init must be one of {', '.join(INITS)}, got {init!r}")
        self.act, self.last_linear = act, last_linear
        total = _parameter_count(sizes)
        self.params, self.grad = np.empty((len(seeds), total)), np.zeros((len(seeds), total))
        self.layers, self.grads = _views(self.params, sizes), _views(self.grad, sizes)
        for k, seed in enumerate(seeds):
            rng = np.random.default_rng(seed)
            for layer in self.layers:
                _initialise(Layer(layer.w[k], layer.b[k, 0]), init, rng)

    def _activated(self, i: int) -> bool:
        return not (self.last_linear and i == len(self.layers) - 1)

    def forward(self, x: np.ndarray) -> Pass:
        """x: (samples, features), shared by every model; outputs (models, samples, out)."""
        p = Pass()
        h = x
        for i, layer in enumerate(self.layers):
            p.inputs.append(h)
            h = h @ layer.w + layer.b
            if self._activated(i):
                p.pre.append(h)
                h = self.act(h)
        p.output = h
        return p

    def backward(self, p: Pass, upstream: np.ndarray) -> np.ndarray:
        """Fill and return the gradient (models, total) of a loss whose gradient with respect
        to the output is ``upstream``."""
        delta = upstream
        for i in reversed(range(len(self.layers))):
            if self._activated(i):
                delta = delta * self.act.grad(p.pre[i])
            np.matmul(np.swapaxes(p.inputs[i], -1, -2), delta, out=self.grads[i].w)
            np.sum(delta, axis=-2, keepdims=True, out=self.grads[i].b)
            if i:
                delta = delta @ np.swapaxes(self.layers[i].w, -1, -2)
        return self.grad


def cross_entropy(logits: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean cross-entropy of integer labels y (samples,) under softmax(logits) over the last
    axis, per model, and its gradient (softmax - one-hot) / samples; from the registry's
    log_softmax."""
    rows = np.arange(len(y))
    log_p = get("log_softmax")(logits)
    grad = np.exp(log_p)  # softmax
    grad[..., rows, y] -= 1.0
    # each model's mean on its own: numpy sums a multi-row reduction in another order, and a
    # run's recorded loss would change in its last bits with the size of its ensemble
    picked = log_p[..., rows, y]
    losses = np.array([-row.mean() for row in picked.reshape(-1, len(y))])
    return losses.reshape(picked.shape[:-1]), grad / len(y)


class Adam:
    """Adam (Kingma and Ba 2015) with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8."""

    def __init__(self, params: np.ndarray, lr: float, betas=(0.9, 0.999), eps=1e-8) -> None:
        self.lr, self.betas, self.eps, self.t = lr, betas, eps, 0
        self.m, self.v = np.zeros_like(params), np.zeros_like(params)

    def step(self, params: np.ndarray, grad: np.ndarray) -> None:
        b1, b2 = self.betas
        self.t += 1
        self.m *= b1
        self.m += (1 - b1) * grad
        self.v *= b2
        self.v += (1 - b2) * grad * grad
        denominator = np.sqrt(self.v / (1 - b2**self.t)) + self.eps
        params -= self.lr / (1 - b1**self.t) * self.m / denominator
