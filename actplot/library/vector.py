"""Vector-valued activations, over the last axis: softmax, softmin, log-softmax.

``grad`` gives the Jacobian's diagonal d y_i / d x_i (and d^2 y_i / d x_i^2), ``jacobian`` the
full matrix.  Each needs 1 - s_i, which cancels when s_i is near 1; it is computed as the sum
of the other exponentials over the total, the largest entry's "others" summed directly.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np

from ..activation import Definition, Notes
from ..facts import Facts, Interval
from ..registry import register

FAMILY = "vector"
INF = math.inf

# numpy's ufunc buffer, in elements: an operand broadcast along rows shorter than this
# (x - max, e / total) is copied into it, which costs as much as the operation itself
_NUMPY_BUFFER = 8192


def by_rows(fn: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    """``fn`` of rows over the last axis, run with numpy's ufunc buffer no longer than a row.

    With rows of 1000 numpy then applies a value per row (x - max) by its loop for a scalar
    operand, row by row, instead of copying it out into a buffer first: twice as fast.
    Below 256 the buffer stays as it is (short rows gain nothing; a tiny buffer would slow
    whatever must be buffered, casts)."""

    @functools.wraps(fn)
    def wrapped(x: np.ndarray, *args, **params) -> np.ndarray:
        n = np.shape(x)[-1] if np.ndim(x) else 1
        if not 256 <= n < _NUMPY_BUFFER:
            return fn(x, *args, **params)
        before = np.setbufsize(n // 16 * 16)  # numpy takes a multiple of 16
        try:
            return fn(x, *args, **params)
        finally:
            np.setbufsize(before)

    return wrapped


def _shift_top(x: np.ndarray, flip: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """d = x minus its maximum over the last axis, so exp cannot overflow, and the index top
    of the maximum in each row (where d is 0; the first, if it is reached twice), as an array
    for take_along_axis.  Flipped, the same for -x: d = min(x) - x, without negating a copy
    first (softmin).  The index is found first and the maximum read there: argmax is a
    cheaper pass than max.

    Where the maximum is infinite the limit is taken: a single +inf entry takes all the mass
    (0, the others -inf); rows with nan, or with the maximum (+-inf) reached twice, are nan.
    """
    top = (np.argmin if flip else np.argmax)(x, axis=-1)[..., None]
    m = np.take_along_axis(x, top, axis=-1)  # nan where a row holds one: argmax finds it
    finite = np.isfinite(m)
    if finite.all():  # the common case: one pass
        return (np.subtract(m, x) if flip else np.subtract(x, m)), top
    if flip:
        return _shift_top(-x)
    d = x - np.where(finite, m, 0.0)
    at_max = x == m
    undefined = np.isnan(m) | (np.sum(at_max, axis=-1, keepdims=True) > 1)
    limit = np.where(undefined, np.nan, np.where(at_max, 0.0, -INF))
    d = np.where(finite, d, limit)
    return d, np.argmax(d, axis=-1)[..., None]


def _shift(x: np.ndarray, flip: bool = False) -> np.ndarray:
    """d = x - max over the last axis, as _shift_top gives it."""
    return _shift_top(x, flip)[0]


def _exp_shifted(
    d: np.ndarray, top: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For d = x - max and its top from _shift_top, d overwritten: e = e^d (1 at the top),
    the sum ``rest`` of e over all but the top entry, and the total 1 + rest, so that
    softmax is e / total."""
    e = np.exp(d, out=d)
    rest = others_sum(e, top)
    return e, top, rest, 1.0 + rest


def _complement(e: np.ndarray, top: np.ndarray, rest: np.ndarray, total: np.ndarray) -> np.ndarray:
    """total - e, the total times 1 - s: at least 1 (the top's e) but at the top entry,
    where it would cancel and is rest, summed directly."""
    out = np.subtract(total, e)
    np.put_along_axis(out, top, rest, axis=-1)
    return out


def others_sum(e: np.ndarray, top: np.ndarray) -> np.ndarray:
    """The sum over each row of e but its entry at index ``top`` (summed directly: subtracting
    it from the total would cancel), without a copy: e is restored."""
    peak = np.take_along_axis(e, top, axis=-1)
    np.put_along_axis(e, top, 0.0, axis=-1)
    rest = np.sum(e, axis=-1, keepdims=True)
    np.put_along_axis(e, top, peak, axis=-1)
    return rest


@by_rows
def _softmax(x: np.ndarray, flip: bool = False) -> np.ndarray:
    # e / total, the total as 1 + rest, the small terms summed first (_shift_top finds the
    # top where it finds the maximum); times 1/total, a multiplication cheaper than a
    # division by a value per row, and within an ulp of it
    e, _, _, total = _exp_shifted(*_shift_top(x, flip))
    e *= 1.0 / total
    return e


@by_rows
def _softmax_d1(x: np.ndarray, flip: bool = False) -> np.ndarray:
    # s (1 - s) = e (total - e) / total^2; flipped, softmin's -s (1 - s)
    e, top, rest, total = _exp_shifted(*_shift_top(x, flip))
    d1 = _complement(e, top, rest, total)
    _times_d1(d1, e, total, -1.0 if flip else 1.0)
    return d1


def _runner_up(d: np.ndarray, top: np.ndarray) -> np.ndarray:
    """The index of the second largest entry of each row (the largest but the one at top)."""
    peak = np.take_along_axis(d, top, axis=-1)
    np.put_along_axis(d, top, -np.inf, axis=-1)
    second = np.argmax(d, axis=-1)[..., None]
    np.put_along_axis(d, top, peak, axis=-1)
    return second


def _one_minus_twice(
    e: np.ndarray, em1: np.ndarray, top: np.ndarray, second: np.ndarray, rest: np.ndarray
) -> np.ndarray:
    """(1 - 2 s_i) times the total, total - 2 e_i, which cancels as s_i nears 1/2.

    exp has already rounded e_i = e^{d_i} there, so it comes from em1 = expm1(d) instead:
    (rest - e_i) - expm1(d_i) for the others; for the top entry (d = 0) expm1(d_k) + (the e_j
    of neither the top nor the runner-up k, at index second), and for k -expm1(d_k) + the
    same.  Exact for two logits; for more, what cancels is what the inputs' condition number
    allows."""
    if e.shape[-1] == 1:
        return np.where(np.isnan(e), np.nan, -1.0)
    numerator = np.subtract(rest, e)
    numerator -= em1
    # e_j summed over j neither top nor k, without a copy: e is restored
    at_top, at_second = np.take_along_axis(e, top, axis=-1), np.take_along_axis(e, second, axis=-1)
    np.put_along_axis(e, top, 0.0, axis=-1)
    np.put_along_axis(e, second, 0.0, axis=-1)
    beyond = np.sum(e, axis=-1, keepdims=True)
    np.put_along_axis(e, second, at_second, axis=-1)
    np.put_along_axis(e, top, at_top, axis=-1)
    runner = np.take_along_axis(em1, second, axis=-1)
    np.put_along_axis(numerator, top, runner + beyond, axis=-1)
    np.put_along_axis(numerator, second, -runner + beyond, axis=-1)
    return numerator


def _times_d1(out: np.ndarray, e: np.ndarray, total: np.ndarray, sign: float = 1.0) -> None:
    """out (total - e, from _complement) times e / total^2, in place: softmax's f'."""
    out *= e
    out *= sign / (total * total)


@by_rows
def _softmax_d2(x: np.ndarray, flip: bool = False) -> np.ndarray:
    # s (1 - s)(1 - 2s): f' times (total - 2 e) / total; flipped, softmin's (the same)
    d, top = _shift_top(x, flip)
    em1 = np.expm1(d)
    second = _runner_up(d, top)
    e, _, rest, total = _exp_shifted(d, top)
    d2 = _complement(e, top, rest, total)
    _times_d1(d2, e, total)
    twice = _one_minus_twice(e, em1, top, second, rest)
    twice *= 1.0 / total
    d2 *= twice
    return d2


@by_rows
def _softmax_jacobian(x: np.ndarray) -> np.ndarray:
    s = _softmax(x)
    jac = -s[..., :, None] * s[..., None, :]
    n = s.shape[-1]
    jac[..., np.arange(n), np.arange(n)] = _softmax_d1(x)  # what grad gives, bit for bit
    return jac


_SOFTMAX_FACTS = Facts(Interval(0.0, 1.0), monotonic=True)

register(
    Definition(
        name="softmax",
        label="Softmax",
        family=FAMILY,
        kind="vector",
        formula=r"\frac{e^{x_i}}{\sum_j e^{x_j}}",
        derivative=r"\frac{\partial s_i}{\partial x_j} = s_i\,(\delta_{ij} - s_j)",
        fn=_softmax,
        derivatives=(_softmax_d1, _softmax_d2),
        jacobian=_softmax_jacobian,
        aliases=("softmax2d",),
        facts=lambda: _SOFTMAX_FACTS,
        notes=Notes(
            summary="Turns a vector of scores (logits) into probabilities: positive, summing to 1.",
            good=(
                "The output layer of multi-class classification, with cross-entropy.",
                "Shift invariant: subtracting the maximum first means it never overflows.",
                "With two classes, softmax([x, 0]) is sigmoid(x): what `actplot plot softmax` draws.",
            ),
            bad=(
                "Exponentials magnify differences: one large logit takes almost all the mass.",
                "Saturates: when one probability nears 1, every gradient s_i (delta_ij - s_j) "
                "nears 0.",
            ),
            used=(
                "Output layers of multi-class classifiers; attention weights in Transformers; "
                "policies in reinforcement learning.",
            ),
            mistakes=(
                "Softmax is not 'non-differentiable at 0', nor does it give zero gradient to "
                "negative inputs (dead neurons): both describe ReLU. Softmax is smooth and its "
                "gradient is never exactly 0 for finite inputs.",
                "Its derivative is not the softmax formula again: d s_i / d x_j = "
                "s_i (delta_ij - s_j).",
                "softmax(np.linspace(-10, 10, 1000)) plotted is one probability vector over 1000 "
                "logits, not the activation's shape; actplot varies one logit against fixed "
                "others (`actplot plot softmax --context 0,1`).",
                "torch.nn.Softmax2d is not a different function: it is softmax over the "
                "channels (axis -3 of an (N, C, H, W) batch) at each pixel; actplot's "
                "softmax2d is softmax over the last axis.",
            ),
        ),
    )
)

register(
    Definition(
        name="softmin",
        label="Softmin",
        family=FAMILY,
        kind="vector",
        formula=r"\frac{e^{-x_i}}{\sum_j e^{-x_j}}",
        derivative=r"\frac{\partial s_i}{\partial x_j} = -s_i\,(\delta_{ij} - s_j)",
        fn=lambda x: _softmax(x, flip=True),
        derivatives=(lambda x: _softmax_d1(x, flip=True), lambda x: _softmax_d2(x, flip=True)),
        jacobian=lambda x: -_softmax_jacobian(-x),
        facts=lambda: _SOFTMAX_FACTS,
        notes=Notes(
            summary="softmax(-x): the smallest score gets the largest probability.",
            good=("A differentiable arg-min: soft assignment to the nearest of several options.",),
            bad=("The same saturation and outlier sensitivity as softmax.",),
            used=(
                "Soft nearest-neighbour and soft clustering over distances; rare as an activation.",
            ),
        ),
    )
)


@by_rows
def _log_softmax(x: np.ndarray) -> np.ndarray:
    # d - log(total), with log(total) as log1p(rest): the top's digits
    d, top = _shift_top(x)
    d -= np.log1p(others_sum(np.exp(d), top))
    return d


@by_rows
def _log_softmax_d1(x: np.ndarray) -> np.ndarray:
    # 1 - s = (total - e) / total
    e, top, rest, total = _exp_shifted(*_shift_top(x))
    d1 = _complement(e, top, rest, total)
    d1 *= 1.0 / total
    return d1


@by_rows
def _log_softmax_jacobian(x: np.ndarray) -> np.ndarray:
    s = _softmax(x)
    n = s.shape[-1]
    jac = np.repeat(-s[..., None, :], n, axis=-2)
    jac[..., np.arange(n), np.arange(n)] = _log_softmax_d1(x)  # what grad gives
    return jac


register(
    Definition(
        name="log_softmax",
        label="Log Softmax",
        family=FAMILY,
        kind="vector",
        formula=r"x_i - \log\,\sum_j e^{x_j}",
        derivative=r"\frac{\partial y_i}{\partial x_j} = \delta_{ij} - s_j",
        fn=_log_softmax,
        derivatives=(_log_softmax_d1, lambda x: -_softmax_d1(x)),
        jacobian=_log_softmax_jacobian,
        facts=lambda: Facts(Interval(-INF, 0.0), monotonic=True),
        notes=Notes(
            summary="The logarithm of softmax, computed as x - logsumexp(x).",
            good=(
                "Log-probabilities that stay finite where softmax underflows to 0.",
                "Pairs with the negative log-likelihood: PyTorch's CrossEntropyLoss is "
                "log_softmax followed by NLLLoss.",
            ),
            bad=("Outputs are log-probabilities (<= 0), not probabilities.",),
            used=("The last layer of classifiers trained with NLL loss; language-model decoding.",),
            mistakes=(
                "np.log(softmax(x)) is -inf as soon as a probability "
                "underflows (a logit 745 below the largest); actplot computes "
                "x - max - log1p(sum of the other exponentials).",
                "It does not cost more than softmax for the extra log: it takes one log per "
                "vector where softmax takes a division per element.",
                "It does not ease softmax's sensitivity to outliers: it describes the same "
                "probabilities; what it improves is their numerical range.",
            ),
        ),
    )
)
