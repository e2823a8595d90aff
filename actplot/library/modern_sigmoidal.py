"""S-shaped activations of recent frameworks and models: sparse sigmoid (JAX), Laplace (MEGA)
and Dynamic Tanh (DyT)."""

from __future__ import annotations

import numpy as np

from ..activation import POSITIVE, Definition, Notes, Param
from ..facts import Break, Facts, Interval, point
from ..registry import register
from ._math import dsigmoid, gated, indicator, ncdf, npdf, zero

FAMILY = "sigmoidal"

register(
    Definition(
        name="sparse_sigmoid",
        label="Sparse sigmoid",
        family=FAMILY,
        formula=r"\frac{1}{2}\,\min(\max(0,\ x + 1),\ 2)",
        derivative=r"\frac{1}{2}\ \mathrm{if}\ -1 < x < 1\ \mathrm{else}\ 0",
        fn=lambda x: np.clip(0.5 * x + 0.5, 0.0, 1.0),
        derivatives=(lambda x: indicator((x > -1) & (x < 1), 0.5), zero),
        facts=lambda: Facts(
            Interval(0.0, 1.0, True, True), monotonic=True, breaks=(Break(-1.0, 1), Break(1.0, 1))
        ),
        convention="sparse_sigmoid'(-1) = sparse_sigmoid'(1) = 0: 1/2 only strictly inside "
        "(JAX's clip gives 1/4 there, half of each side).",
        notes=Notes(
            summary="clip((x + 1)/2, 0, 1) (jax.nn.sparse_sigmoid, keras.activations): "
            "sparsemax of the two logits [x, 0].",
            good=(
                "Reaches exactly 0 and 1, so outputs can be sparse, and needs no exponential.",
                "It is the derivative of sparse_plus, as the sigmoid is of softplus.",
            ),
            bad=("Hard saturation: f' = 0 for |x| >= 1.",),
            used=("Sparse gates and attention (Martins and Astudillo 2016); JAX and Keras 3.",),
            mistakes=(
                "It is not hard_sigmoid: hard_sigmoid saturates at +-3 with slope 1/6, "
                "sparse_sigmoid at +-1 with slope 1/2 (ActTensor calls this one hard_sigmoid).",
            ),
        ),
    )
)


def _laplace_u(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    return (x - mu) / sigma


register(
    Definition(
        name="laplace",
        label="Laplace",
        family=FAMILY,
        formula=r"\frac{1}{2}\,\mathrm{erfc}\left(-\frac{x - \mu}{\sigma\sqrt{2}}\right)",
        derivative=r"\frac{1}{\sigma}\,\varphi\left(\frac{x - \mu}{\sigma}\right)",
        fn=lambda x, mu, sigma: ncdf(_laplace_u(x, mu, sigma)),
        derivatives=(
            lambda x, mu, sigma: npdf(_laplace_u(x, mu, sigma)) / sigma,
            lambda x, mu, sigma: gated(-_laplace_u(x, mu, sigma), npdf(_laplace_u(x, mu, sigma)))
            / (sigma * sigma),
        ),
        params=(
            Param("mu", 0.707107, "centre; MEGA's 0.707107 is about 1/sqrt 2", sweep=(0.0, 0.707107)),
            Param("sigma", 0.282095, "width; MEGA's 0.282095 is about 1/(2 sqrt pi)", POSITIVE),
        ),
        facts=lambda mu, sigma: Facts(Interval(0.0, 1.0), monotonic=True),
        notes=Notes(
            summary="The normal CDF with mean mu and deviation sigma, "
            "0.5 (1 + erf((x - mu)/(sigma sqrt 2))), from MEGA (Ma et al. 2022); "
            "mu = 0.707107, sigma = 0.282095.",
            good=(
                "Bounded in (0, 1) like the sigmoid, and closer to squared ReLU near the "
                "origin, which MEGA's attention needs for stability.",
            ),
            bad=(
                "Saturates fast on both sides: f'(x) < 1e-6 for |x - mu| > 1.5.",
                "An erfc per element.",
            ),
            used=("MEGA's gated attention (Hugging Face hidden_act laplace).",),
            mistakes=(
                "Written as 0.5 (1 + erf(u)) it is exactly 0 for u < -5.9 (x < -1.7); actplot "
                "computes erfc(-u)/2, which keeps the left tail: laplace(-2) = 4.6e-22.",
            ),
        ),
    )
)


def _dyt_facts(alpha: float, gamma: float, beta: float) -> Facts:
    if gamma == 0:
        return Facts(point(beta), monotonic=True)
    a = abs(gamma)
    return Facts(Interval(beta - a, beta + a), monotonic=True)


def _dyt_d1(x: np.ndarray, alpha: float, gamma: float, beta: float) -> np.ndarray:
    # sech^2(u) = 4 sigma(2u) sigma(-2u): 1 - tanh^2 would be 0 for |u| > 19
    return (gamma * alpha * 4.0) * dsigmoid(2.0 * alpha * x)


register(
    Definition(
        name="dyt",
        label="DyT",
        family=FAMILY,
        formula=r"\gamma\,\tanh(\alpha x) + \beta",
        derivative=r"\gamma\alpha\,\mathrm{sech}^2(\alpha x)",
        fn=lambda x, alpha, gamma, beta: gamma * np.tanh(alpha * x) + beta,
        derivatives=(
            _dyt_d1,
            lambda x, alpha, gamma, beta: -2.0
            * alpha
            * np.tanh(alpha * x)
            * _dyt_d1(x, alpha, gamma, beta),
        ),
        aliases=("dynamic_tanh",),
        params=(
            Param("alpha", 0.5, "input scale, a learned scalar (initial 0.5)", POSITIVE),
            Param("gamma", 1.0, "output scale, learned per channel", sweep=(0.5, 1.0, 2.0)),
            Param("beta", 0.0, "output shift, learned per channel", sweep=(-0.5, 0.0, 0.5)),
        ),
        facts=_dyt_facts,
        notes=Notes(
            summary="Dynamic Tanh, gamma tanh(alpha x) + beta (Zhu et al. 2025, 'Transformers "
            "without Normalization'): a drop-in replacement for layer normalisation.",
            good=(
                "Elementwise: no mean or variance over the features, so cheaper than LayerNorm.",
                "Bounded: squashes the rare large activations that normalisation would scale.",
            ),
            bad=(
                "Saturates softly: large inputs all map near beta +- gamma.",
                "alpha must suit the scale of the inputs; the paper tunes its initial value.",
            ),
            used=("Transformers trained without normalisation layers (ViT, LLaMA variants).",),
            mistakes=(
                "DyT is not a normalisation: it does not look at other features, so it neither "
                "centres nor rescales a vector; it only bounds each entry.",
            ),
        ),
    )
)
