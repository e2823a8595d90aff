"""Standardisation over the last axis: y = (x - mean) / sqrt(var + epsilon) (jax.nn.standardize).

With d = x - mean, v = mean(d^2) and s = sqrt(v + epsilon), the Jacobian is

    J_ij = ((delta_ij - 1/n) s^2 - d_i d_j / n) / s^3 = ((delta_ij - 1/n) epsilon + Q_ij) / s^3,

and d^2 y_i / d x_i^2 = -3 y_i J_ii / (n s).  Q, the Jacobian's numerator without epsilon,
vanishes on the structure of the data (always for n = 2, where J_00 = epsilon / (2 s^3)), so
it is not computed as the difference it is written as, which would cancel to rounding noise
(2e7 ulps at [40, 0]).  In pairwise differences of x, which are exact to one rounding:

    n^2 Q_ij = -sum_k (x_i - x_k)(x_j - x_k)          (i != j)
    n^2 Q_ii = (n - 1) sum_{k != i} (x_k - m_i)^2,    m_i the mean of the others,

the second a two-pass variance of the others where x_i dominates, and V - d_i^2 n / (n - 1)
(V = sum d^2) elsewhere, which cancels nothing there: f' and f'' take O(n) per row, the
Jacobian O(n^2) memory (its size) and a matrix product.
"""

from __future__ import annotations

import math

import numpy as np

from ..activation import POSITIVE, Definition, Notes, Param
from ..facts import Facts, Interval
from ..registry import register
from .vector import by_rows

FAMILY = "vector"
# beyond 2^500 the entries are scaled down by a power of 2 (exactly), so no square overflows
_HUGE = 2.0**500
# for s within 2^-300 .. 2^300, s^3 and 1/s^3 are far from overflow and from the subnormals
_MODERATE = 2.0**300


class _Rows:
    """What every output needs, row by row over the last axis, in a copy scaled by 2^-k."""

    def __init__(self, x: np.ndarray, epsilon: float) -> None:
        n = x.shape[-1]
        self.n = n
        self.sqrt_eps = math.sqrt(epsilon)
        # The common case, every entry finite and below 2^500 (nan compares false), has nothing
        # to mend or scale: then it skips every pass that would (a row's extremes are cheap
        # reductions, where each pass over the input costs about an exp).
        self.regular = bool(
            np.all(np.max(x, axis=-1) <= _HUGE) and np.all(np.min(x, axis=-1) >= -_HUGE)
        )
        if self.regular:
            self.k, self.undefined, self.limit = 0, None, None
            self._center(x, epsilon)
            self.flat = None
            return
        finite = np.isfinite(x)
        infinite = np.sum(~finite & ~np.isnan(x), axis=-1, keepdims=True)
        # one infinite entry has a limit (it dominates the variance); nan or two do not
        self.undefined = np.isnan(x).any(axis=-1, keepdims=True) | (infinite > 1)
        self.limit = (infinite == 1) & ~self.undefined
        self.inf_sign = np.where(np.isinf(x), np.sign(x), 0.0)
        x = np.where(finite, x, 0.0)
        top = np.max(np.abs(x), axis=-1, keepdims=True)
        self.k = np.where(top > _HUGE, np.frexp(top)[1], 0)
        v = self._center(np.ldexp(x, -self.k), np.ldexp(epsilon, -2 * self.k))
        # huge and all equal: d = 0, s = sqrt(epsilon) unscaled, which the scaled eps lost
        self.flat = (self.k > 0) & (v == 0)

    def _center(self, xs: np.ndarray, eps: np.ndarray | float) -> np.ndarray:
        """d = xs - mean, its squares and their sum V, and s; returns the variance V / n.
        ``eps`` is epsilon in the scaled units."""
        mean = np.mean(xs, axis=-1, keepdims=True)
        d = xs - mean
        mean = mean + np.mean(d, axis=-1, keepdims=True)  # one step of refinement
        self.xs, self.d = xs, np.subtract(xs, mean, out=d)
        self.eps = eps
        self.squares = self.d * self.d
        self.total = np.sum(self.squares, axis=-1, keepdims=True)  # V
        v = self.total / self.n  # np.mean's own division
        self.s = np.sqrt(v + eps)
        return v

    def y(self) -> np.ndarray:
        """The standardised entries, in place of d: the last use of these rows."""
        with np.errstate(invalid="ignore"):  # 0/0 only where flat, replaced below
            y = np.divide(self.d, self.s, out=self.d)
        if self.regular:
            return y
        y = np.where(self.flat, 0.0, y)
        if self.limit.any():
            n = self.n
            at = np.where(self.inf_sign != 0, self.inf_sign * math.sqrt(n - 1), 0.0)
            others = -np.sum(self.inf_sign, axis=-1, keepdims=True) / math.sqrt(max(n - 1, 1))
            y = np.where(self.limit, np.where(self.inf_sign != 0, at, others), y)
        return np.where(self.undefined, np.nan, y)

    def numerator(self, full: bool) -> np.ndarray:
        """n^2 (Q + (delta - 1/n) eps): the whole matrix if ``full``, else its diagonal."""
        n, xs = self.n, self.xs
        diag = (n - 1) * self._others_spread() + n * (n - 1) * self.eps
        if not full:
            return diag
        diff = xs[..., :, None] - xs[..., None, :]  # x_i - x_k
        eps = self.eps[..., None] if np.ndim(self.eps) else self.eps
        gram = -(diff @ np.swapaxes(diff, -1, -2)) - n * eps
        return np.where(np.eye(n, dtype=bool), diag[..., None], gram)

    def _others_spread(self, last: bool = False) -> np.ndarray:
        """W_i = sum over k != i of (x_k - m_i)^2, m_i the mean of the others.

        W_i = V - d_i^2 n / (n - 1), V = sum d^2, cancels only where x_i carries most of the
        variance (W_i < V / 2: one or two entries of a row at most); there the others'
        spread, far below their distance from the mean, is summed directly from x, in O(n)
        each (from d_k + d_i / (n - 1) the roundings of d would swamp it).  The ``last``
        use of the squares computes it in their place (a temporary less of the rows' size)."""
        n, xs, v = self.n, self.xs, self.total
        w = np.multiply(self.squares, n / max(n - 1, 1), out=self.squares if last else None)
        np.subtract(v, w, out=w)
        dominant = w < 0.5 * v
        if not dominant.any():  # the common case: no entry carries most of its row's variance
            return w
        rows, cols = np.nonzero(np.broadcast_to(dominant, w.shape).reshape(-1, n))
        if rows.size:
            x = xs.reshape(-1, n)[rows]  # one row per entry to redo, the entry left out
            out = np.zeros_like(x, dtype=bool)
            out[np.arange(rows.size), cols] = True
            m = np.sum(np.where(out, 0.0, x), axis=-1, keepdims=True) / max(n - 1, 1)
            e = np.where(out, 0.0, x - m)
            e = np.where(out, 0.0, e - np.sum(e, axis=-1, keepdims=True) / max(n - 1, 1))
            flat = w.reshape(-1, n).copy()
            flat[rows, cols] = np.sum(e * e, axis=-1)
            w = flat.reshape(w.shape)
        return w

    def diagonal(self) -> np.ndarray:
        """J_ii, the numerator's diagonal over n^2 s^3 (in the units of x, as over() gives).

        ((n - 1) W + n (n - 1) eps) / (n^2 s^3) = g W + g n eps, with g = (n - 1) / (n^2 s^3)
        per row: two passes where over() takes five, for s within 2^-300 .. 2^300, where
        s^3 is in range; a row beyond takes over()'s divisions, one at a time."""
        n, s = self.n, self.s
        w = self._others_spread(last=True)  # every caller is done with the squares
        moderate = (s > 1.0 / _MODERATE) & (s < _MODERATE)  # nan is not
        everywhere = bool(moderate.all())
        if not everywhere:
            beyond = self.over((n - 1) * w + n * (n - 1) * self.eps)
            s = np.where(moderate, s, 1.0)
        g = (n - 1) / (n * n) / s / s / s
        w *= g
        w += g * (n * self.eps)
        if not self.regular:
            w = np.ldexp(w, -self.k)
        return w if everywhere else np.where(moderate, w, beyond)

    def over(self, m: np.ndarray) -> np.ndarray:
        """m / (n^2 s^3), back in the units of x (times 2^-k): a Jacobian from its numerator.

        One division at a time, each bringing the result nearer its size: s^3 would overflow
        for s > 5e102, and underflow for a tiny epsilon."""
        full = m.ndim > self.s.ndim
        s = self.s[..., None] if full else self.s
        with np.errstate(invalid="ignore", divide="ignore"):  # only where flat or undefined
            m = m / (s * s)
            m /= s
            m /= self.n * self.n
        if self.regular:
            return m
        return np.ldexp(m, -(self.k[..., None] if full else self.k))


def _undefined(rows: _Rows, out: np.ndarray) -> np.ndarray:
    """nan where the row has no value, 0 where an infinite entry is the limit (J ~ 1/x)."""
    if rows.regular:
        return out
    mask = rows.undefined if out.ndim == rows.undefined.ndim else rows.undefined[..., None]
    limit = rows.limit if out.ndim == rows.limit.ndim else rows.limit[..., None]
    return np.where(mask, np.nan, np.where(limit, 0.0, out))


@by_rows
def _standardize(x: np.ndarray, epsilon: float) -> np.ndarray:
    return _Rows(x, epsilon).y()


@by_rows
def _jacobian(x: np.ndarray, epsilon: float) -> np.ndarray:
    rows = _Rows(x, epsilon)
    j = rows.over(rows.numerator(full=True))
    n = rows.n
    j[..., np.arange(n), np.arange(n)] = rows.diagonal()  # grad's, bit for bit
    if rows.regular:
        return j
    flat = (np.eye(rows.n) - 1.0 / rows.n) / rows.sqrt_eps
    j = np.where(rows.flat[..., None], flat, j)
    return _undefined(rows, j)


@by_rows
def _d1(x: np.ndarray, epsilon: float) -> np.ndarray:
    rows = _Rows(x, epsilon)
    j = rows.diagonal()
    if rows.regular:
        return j
    j = np.where(rows.flat, (1.0 - 1.0 / rows.n) / rows.sqrt_eps, j)
    return _undefined(rows, j)


@by_rows
def _d2(x: np.ndarray, epsilon: float) -> np.ndarray:
    # -3 y_i J_ii / (n s), with s in the units of x: 2^k times the scaled one
    rows = _Rows(x, epsilon)
    j = rows.diagonal()
    with np.errstate(invalid="ignore", divide="ignore"):  # only where flat or undefined
        y = rows.d / rows.s
        y *= -3.0
        y *= j
        y /= rows.n * rows.s
    if rows.regular:
        return y
    return _undefined(rows, np.where(rows.flat, 0.0, np.ldexp(y, -rows.k)))


register(
    Definition(
        name="standardize",
        label="Standardize",
        family=FAMILY,
        kind="vector",
        formula=r"\frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}",
        derivative=r"\frac{1 - 1/n}{s} - \frac{(x_i - \mu)^2}{n s^3},\ s = \sqrt{\sigma^2 + \epsilon}",
        fn=_standardize,
        derivatives=(_d1, _d2),
        jacobian=_jacobian,
        aliases=("standardise",),
        # the sweep shows the width of the step, 4 sqrt(epsilon) with the context [x, 0]
        params=(Param("epsilon", 1e-5, "added to the variance", POSITIVE, (1e-5, 0.01, 0.1, 1.0)),),
        facts=lambda epsilon: Facts(Interval(-1.0, 1.0), monotonic=True),
        notes=Notes(
            summary="(x - mean) / sqrt(var + epsilon) over the last axis (jax.nn.standardize): "
            "layer normalisation without its learned scale and shift. With the default "
            "context [x, 0] it is x / sqrt(x^2 + 4 epsilon), a step of width about "
            "4 sqrt(epsilon) = 0.0126.",
            good=(
                "Every vector comes out with mean 0 and variance just below 1, whatever the "
                "scale of its inputs: activations and gradients keep a steady size through "
                "deep networks.",
            ),
            bad=(
                "Its Jacobian couples all entries: the mean and the variance depend on the "
                "whole vector, and on n.",
                "Nearly constant vectors are blown up to size 1: epsilon alone keeps "
                "standardize([1, 1 + 1e-9]) from being [-1, 1]; f' peaks at "
                "1/(2 sqrt(epsilon)) = 158 there.",
            ),
            used=(
                "LayerNorm (Ba et al. 2016) in every Transformer, before its learned scale "
                "and shift; jax.nn.standardize, flax.linen.LayerNorm.",
            ),
            mistakes=(
                "The variance as mean(x^2) - mean(x)^2, the one-pass form (jax.nn.standardize "
                "uses it), cancels when the mean is large: for x = 1e9 + [0, 1, 2] it gives "
                "0 in float64, and the output [-316.23, 0, 316.23] instead of "
                "[-1.2247, 0, 1.2247]. actplot subtracts the mean first (two passes).",
                "The variance is the population one, divided by n, not n - 1 as np.var with "
                "ddof=1 or torch.var by default.",
            ),
        ),
    )
)
