"""Reductions over the last axis that act like activations: logsumexp and logmeanexp.

A reduction gives one number per vector, where actplot's vector model gives one per entry.
actplot repeats the number at every position (the reduction with keepdims, broadcast), so
that ``evaluate`` and the plots show it as a function of the first logit, and the Jacobian's
rows are its gradient, which is the softmax: d y / d x_j = s_j, with d^2 y / d x_i^2 =
s_i (1 - s_i).  With the default context [x, 0], logsumexp is softplus(x).
"""

from __future__ import annotations

import math

import numpy as np

from ..activation import Definition, Notes
from ..facts import Facts, Interval
from ..registry import register
from .vector import _shift, _softmax, _softmax_d1, by_rows, others_sum

FAMILY = "vector"
INF = math.inf


def _top_and_rest(x: np.ndarray, term) -> tuple[np.ndarray, np.ndarray]:
    """The largest logit m, and the sum over the others of term(x_j - m); where m is infinite
    or nan the reduction is m itself (logsumexp of [inf, inf] is inf, of [-inf, -inf] -inf)."""
    m = np.max(x, axis=-1, keepdims=True)
    d = _shift(x)
    if not np.isfinite(m).all():
        d = np.where(np.isfinite(m), d, 0.0)
    top = np.argmax(d, axis=-1)[..., None]
    return m, others_sum(term(d, out=d), top)


def _broadcast(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.broadcast_to(y, x.shape).copy()


@by_rows
def _logsumexp(x: np.ndarray) -> np.ndarray:
    # m + log(1 + sum of the others' e^{x_j - m}): log1p keeps the digits of a small sum
    m, rest = _top_and_rest(x, np.exp)
    return _broadcast(np.where(np.isfinite(m), m + np.log1p(rest), m), x)


@by_rows
def _logmeanexp(x: np.ndarray) -> np.ndarray:
    # log((1 + sum e^{d_j}) / n) = log1p(sum expm1(d_j) / n): the expm1 are all <= 0, so their
    # sum cannot cancel, and n equal logits give exactly that logit
    m, rest = _top_and_rest(x, np.expm1)
    return _broadcast(np.where(np.isfinite(m), m + np.log1p(rest / x.shape[-1]), m), x)


@by_rows
def _softmax_rows(x: np.ndarray) -> np.ndarray:
    s = _softmax(x)
    return np.repeat(s[..., None, :], s.shape[-1], axis=-2)


def _reduction(name: str, label: str, formula: str, fn, lo: float, notes: Notes) -> Definition:
    return Definition(
        name=name,
        label=label,
        family=FAMILY,
        kind="vector",
        formula=formula,
        derivative=r"\frac{\partial y}{\partial x_j} = \mathrm{softmax}(x)_j",
        fn=fn,
        derivatives=(_softmax, _softmax_d1),
        jacobian=_softmax_rows,
        facts=lambda: Facts(Interval(lo, INF), monotonic=True),
        notes=notes,
    )


_REPEATED = (
    "actplot repeats the one number at every position of the vector, so the Jacobian's rows "
    "are all the gradient, softmax(x)."
)

register(
    _reduction(
        "logsumexp",
        "LogSumExp",
        r"\log\,\sum_j e^{x_j}",
        _logsumexp,
        0.0,
        Notes(
            summary="log sum_j e^{x_j}, a smooth maximum: between max(x) and max(x) + log n. "
            + _REPEATED,
            good=(
                "Its gradient is softmax: the log-partition function of a classifier.",
                "Computed as max + log1p(sum of the other e^{x_j - max}): no overflow, no lost digits.",
            ),
            bad=("A reduction, not an activation: one number per vector.",),
            used=(
                "Log-likelihoods and cross-entropy; smooth max-pooling; torch.logsumexp, "
                "jax.nn.logsumexp, tf.reduce_logsumexp.",
            ),
            mistakes=(
                "np.log(np.sum(np.exp(x))) overflows to inf for any logit above 709.78; "
                "subtracting the maximum first is exact, not an approximation.",
            ),
        ),
    )
)

register(
    _reduction(
        "logmeanexp",
        "LogMeanExp",
        r"\log\,\frac{1}{n}\sum_j e^{x_j}",
        _logmeanexp,
        -math.log(2.0),
        Notes(
            summary="log((1/n) sum_j e^{x_j}) = logsumexp(x) - log n: a smooth maximum "
            "between mean(x) and max(x). " + _REPEATED,
            good=("Does not grow with the length n: logmeanexp of n equal logits is that logit.",),
            bad=("A reduction, not an activation: one number per vector.",),
            used=(
                "Importance-weighted bounds (IWAE), ensembles of log-probabilities; "
                "jax.nn.logmeanexp.",
            ),
            mistakes=(
                "logsumexp(x) - log(n) computed in that order loses digits when the result "
                "is near 0; actplot puts the 1/n inside log1p, so [0, 0, 0] gives exactly 0.",
            ),
        ),
    )
)
