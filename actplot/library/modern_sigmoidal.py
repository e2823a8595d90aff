"""S-shaped activations of recent frameworks and models: sparse sigmoid (JAX), Laplace (MEGA)
and Dynamic Tanh (DyT)."""

from __future__ import annotations

import math

import numpy as np

from .._blocks import kernel
from ..activation import POSITIVE, Definition, Notes, Param
from ..facts import Break, Facts, Interval, point
from ..registry import register
from ._erfc import erfc
from ._math import (
    dsigmoid,
    exp_neg_square,
    indicator,
    two_prod,
    two_prod_into,
    two_sum_into,
    zero,
)

FAMILY = "sigmoidal"


@kernel(keeps_nan=True)
def _sparse_sigmoid(x: np.ndarray, out: np.ndarray) -> None:
    """clip(x/2 + 1/2, 0, 1)."""
    np.multiply(x, 0.5, out=out)
    out += 0.5
    np.clip(out, 0.0, 1.0, out=out)


register(
    Definition(
        name="sparse_sigmoid",
        label="Sparse sigmoid",
        family=FAMILY,
        formula=r"\frac{1}{2}\,\min(\max(0,\ x + 1),\ 2)",
        derivative=r"\frac{1}{2}\ \mathrm{if}\ -1 < x < 1\ \mathrm{else}\ 0",
        fn=_sparse_sigmoid,
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


SQRT2_LO = -9.667293313452913e-17  # sqrt(2) - 1.4142135623730951
INV_SQRT_PI = 0.5641895835477563  # 1/sqrt(pi)
_DD_LIMIT = 2e10  # |t| up to which t is carried as a double-double (x is clipped there)


def _laplace_t(
    x: np.ndarray, mu: float, sigma: float, work: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """t = (x - mu)/(sigma sqrt 2) as hi + lo (double-double), for one block, in the first
    two of seven work buffers (the other five are free again afterwards).

    Rounding x - mu and the division would cost (x - mu) Phi'/Phi ulps of f each (7 at
    x = 0), more than the condition number allows near x = 0, where x itself is well
    conditioned; carrying t's rounding error lo and adding its first-order effect keeps f, f'
    and f'' within an ulp or two of the rounding of erfc and exp.

    x is clipped to |t| <= 2e10 first: beyond |t| = 1e10, e^{-t^2} is 0 and erfc(-t) is 0 or
    2, so nothing changes there but the infinities, which could not be split.
    """
    hi, lo, d_lo, p, p_lo, w1, w2 = work
    c, c_err = two_prod(np.float64(sigma), math.sqrt(2.0))
    c, c_lo = float(c), float(c_err + sigma * SQRT2_LO)
    reach = _DD_LIMIT * c
    xc = np.clip(x, mu - reach, mu + reach, out=w1)
    d = lo  # d = x - mu + d_lo exactly; lo is made out of it last
    two_sum_into(xc, -mu, d, d_lo, w2)
    np.divide(d, c, out=hi)
    two_prod_into(hi, c, p, p_lo, w1, w2)
    # lo = (((d - p) - p_lo) + d_lo - hi c_lo) / c
    d -= p
    d -= p_lo
    d += d_lo
    np.multiply(hi, c_lo, out=w1)
    d -= w1
    d /= c
    return hi, d


@kernel(scratch=7, keeps_nan=True)
def _laplace(x: np.ndarray, out: np.ndarray, *work: np.ndarray, mu: float, sigma: float) -> None:
    """erfc(-hi)/2 + lo g(hi): Phi((x - mu)/sigma) = erfc(-t)/2, and d/dt erfc(-t)/2 =
    g(t) = e^{-t^2}/sqrt(pi).

    lo g is a correction of a few ulps of f, so g needs no more than a few digits here:
    e^{-hi*hi}, whose rounded square costs it at most 1e-13 of itself (at |t| = 27), not the
    exact square that f' needs (fifteen passes more)."""
    hi, lo = _laplace_t(x, mu, sigma, list(work))
    np.multiply(hi, hi, out=out)  # |hi| <= 2e10: no overflow
    np.negative(out, out=out)
    np.exp(out, out=out)
    out *= INV_SQRT_PI
    out *= lo
    upper = np.negative(hi, out=work[2])
    out += 0.5 * erfc(upper)


def _laplace_gauss(
    x: np.ndarray, mu: float, sigma: float, g: np.ndarray, work: tuple[np.ndarray, ...]
) -> np.ndarray:
    """t into work[0], and e^{-t^2}/sqrt(pi) into g with t's low part included to first
    order."""
    hi, lo = _laplace_t(x, mu, sigma, list(work))
    exp_neg_square.body(hi, g, *work[2:5])
    g *= INV_SQRT_PI
    # beyond |t| = 40, g is 0: there t is held at 40, so that the factor stays positive and
    # the 0 is +0.0 (hi lo grows as hi**2 ulps)
    factor = np.clip(hi, -40.0, 40.0, out=work[2])
    factor *= lo
    factor *= -2.0
    factor += 1.0
    g *= factor
    hi += lo
    return hi


@kernel(scratch=7, keeps_nan=True)
def _laplace_d1(x: np.ndarray, out: np.ndarray, *work: np.ndarray, mu: float, sigma: float) -> None:
    # f' = phi(u)/sigma, u = sqrt(2) t: e^{-t^2}/(sqrt(pi) sigma sqrt 2)
    _laplace_gauss(x, mu, sigma, out, work)
    out /= sigma * math.sqrt(2.0)


@kernel(scratch=7, keeps_nan=True)
def _laplace_d2(x: np.ndarray, out: np.ndarray, *work: np.ndarray, mu: float, sigma: float) -> None:
    # f'' = -u phi(u)/sigma^2 = -t e^{-t^2}/(sqrt(pi) sigma^2); t is finite: no inf * 0
    t = _laplace_gauss(x, mu, sigma, out, work)
    np.negative(t, out=t)
    out *= t
    out /= sigma * sigma


register(
    Definition(
        name="laplace",
        label="Laplace",
        family=FAMILY,
        formula=r"\frac{1}{2}\,\mathrm{erfc}\left(-\frac{x - \mu}{\sigma\sqrt{2}}\right)",
        derivative=r"\frac{1}{\sigma}\,\varphi\left(\frac{x - \mu}{\sigma}\right)",
        fn=_laplace,
        derivatives=(_laplace_d1, _laplace_d2),
        params=(
            Param(
                "mu", 0.707107, "centre; MEGA's 0.707107 is about 1/sqrt 2", sweep=(0.0, 0.707107)
            ),
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
                "Saturates fast on both sides: f'(x) < 1.1e-6 for |x - mu| > 1.5.",
                "An erfc per element.",
            ),
            used=("MEGA's gated attention (Hugging Face hidden_act laplace).",),
            mistakes=(
                "Written as 0.5 (1 + erf(t)) it is exactly 0 for x < -1.655; actplot computes "
                "erfc(-t)/2, which keeps the left tail: laplace(-2) = 4.1e-22.",
            ),
        ),
    )
)


def _dyt_facts(alpha: float, gamma: float, beta: float) -> Facts:
    if gamma == 0:
        return Facts(point(beta), monotonic=True)
    a = abs(gamma)
    return Facts(Interval(beta - a, beta + a), monotonic=True)


@kernel(keeps_nan=True)
def _dyt(x: np.ndarray, out: np.ndarray, alpha: float, gamma: float, beta: float) -> None:
    """gamma tanh(alpha x) + beta."""
    np.multiply(x, alpha, out=out)
    np.tanh(out, out=out)
    out *= gamma
    out += beta


@kernel(scratch=2, keeps_nan=True)
def _dyt_d1(
    x: np.ndarray,
    out: np.ndarray,
    u2: np.ndarray,
    work: np.ndarray,
    alpha: float,
    gamma: float,
    beta: float,
) -> None:
    """(4 gamma alpha) sigma'(2 alpha x): sech^2(u) = 4 sigma(2u) sigma(-2u), where
    1 - tanh^2 would be 0 for |u| > 19."""
    np.multiply(x, 2.0 * alpha, out=u2)
    dsigmoid.body(u2, out, work)
    out *= gamma * alpha * 4.0


@kernel(scratch=2, keeps_nan=True)
def _dyt_d2(
    x: np.ndarray,
    out: np.ndarray,
    t: np.ndarray,
    work: np.ndarray,
    alpha: float,
    gamma: float,
    beta: float,
) -> None:
    """-2 alpha tanh(alpha x) f'."""
    _dyt_d1.body(x, out, t, work, alpha=alpha, gamma=gamma, beta=beta)
    np.multiply(x, alpha, out=t)
    np.tanh(t, out=t)
    t *= -2.0 * alpha
    out *= t


register(
    Definition(
        name="dyt",
        label="DyT",
        family=FAMILY,
        formula=r"\gamma\,\tanh(\alpha x) + \beta",
        derivative=r"\gamma\alpha\,\mathrm{sech}^2(\alpha x)",
        fn=_dyt,
        derivatives=(_dyt_d1, _dyt_d2),
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
