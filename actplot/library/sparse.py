"""Sparse alternatives to softmax over the last axis: sparsemax and 1.5-entmax.

Both project the logits onto the probability simplex and can give exact zeros.  They are
computed by the exact sort-based algorithms (Martins and Astudillo 2016; Peters, Niculae and
Martins 2019).  The threshold tau is never more than 1 below the largest logit (its
probability would exceed 1), so logits more than 1.25 below it (2.5 for entmax, which halves
them first) are outside the support whatever the others: they are clipped there before the
cumulative sums, which infinite and huge logits then cannot overflow, and the quarter's
margin is far beyond any rounding of the sums that decide the support.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..activation import Definition, Notes
from ..facts import Break, Facts, Interval
from ..registry import register
from .vector import _shift, _shift_top, by_rows, others_sum

FAMILY = "vector"
_FLOOR = -1.25  # of the shifted logits z (halved for entmax), where tau >= -1


def _sorted(d: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """The logits d above ``floor`` (below which no entry is in the support), in decreasing
    order, each row padded with the floor to the most any row has, K, and the ranks 1..K.
    A long row has few such entries: they are found in one pass and gathered by their flat
    indices (partitioning every row took four times as long), so only they are sorted and
    summed; the support and tau are what the whole sorted row gives."""
    n = d.shape[-1]
    rows = d.reshape(-1, n)
    found = np.flatnonzero(rows > floor)  # nan is not above: its row stays nan
    row = found // n
    counts = np.bincount(row, minlength=len(rows))
    top = max(int(counts.max(initial=0)), 1)
    above = np.full((len(rows), top), floor)
    first = np.cumsum(counts) - counts  # where each row's entries start in ``found``
    above[row, np.arange(found.size) - first[row]] = rows.reshape(-1)[found]
    zs = -np.sort(-above, axis=-1)
    k = np.arange(1, top + 1, dtype=np.float64)
    return zs.reshape(*d.shape[:-1], top), k


def _tau(zs: np.ndarray, k: np.ndarray, prefixes: Callable) -> np.ndarray:
    """The threshold of each row, from ``prefixes(zs, k)``, which gives for the sorted
    entries zs and their ranks k the threshold of each prefix and whether its last entry is
    in the support.  The support is a prefix: where the 16th largest is outside it in every
    row (most rows, of most lengths), the 16 largest decide, and the prefix sums over the
    others are not formed.  The size of the support is at least 1, so that a row of nan
    indexes safely (and stays nan)."""
    head = min(16, zs.shape[-1])
    taus, inside = prefixes(zs[..., :head], k[:head])
    if head < zs.shape[-1] and inside[..., -1].any():
        taus, inside = prefixes(zs, k)
    size = np.maximum(np.sum(inside, axis=-1, keepdims=True), 1)
    return np.take_along_axis(taus, size - 1, axis=-1)


def _sparsemax_prefixes(zs: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # the k largest are the support while 1 + k z_(k) > their sum, and then tau = (sum - 1)/k
    cs = np.cumsum(zs, axis=-1)
    return (cs - 1.0) / k, 1.0 + k * zs > cs


def _threshold(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """z = x - max and the threshold tau of each row: sparsemax is max(z - tau, 0)."""
    z = _shift(x)
    return z, _tau(*_sorted(z, _FLOOR), _sparsemax_prefixes)


def _roots(z: np.ndarray, tau: np.ndarray, out: np.ndarray) -> np.ndarray:
    """u = max(z - tau, 0) as max(z, tau) - tau, the same bits (tau - tau is +0.0): numpy's
    maximum with a scalar 0 is not vectorised, with a value per row it is."""
    np.maximum(z, tau, out=out)
    out -= tau
    return out


@by_rows
def _sparsemax(x: np.ndarray) -> np.ndarray:
    z, tau = _threshold(x)
    return _roots(z, tau, out=z)


def _sparsemax_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The support (p > 0, as 0/1) and its size: the Jacobian is diag(s) - s s^T / |S|.
    p > 0 where z > tau (distinct floats have a nonzero difference), without forming p."""
    z, tau = _threshold(x)
    undefined = np.isnan(z[..., :1])  # a row with a nan is nan throughout (_shift)
    s = np.greater(z, tau, out=z)  # 1.0 and 0.0
    if undefined.any():
        s[np.broadcast_to(undefined, s.shape)] = np.nan
    return s, np.sum(s, axis=-1, keepdims=True)


@by_rows
def _sparsemax_d1(x: np.ndarray) -> np.ndarray:
    s, size = _sparsemax_parts(x)
    s *= 1.0 - 1.0 / size
    return s


@by_rows
def _sparsemax_jacobian(x: np.ndarray) -> np.ndarray:
    s, size = _sparsemax_parts(x)
    jac = -s[..., :, None] * s[..., None, :] / size[..., None]
    n = s.shape[-1]
    jac[..., np.arange(n), np.arange(n)] += s
    return jac


_SIMPLEX_MISTAKE = (
    "An entry of exactly 0 is outside the support: its gradient is 0, and the Jacobian is "
    "that of the smaller support (as the entmax package and Keras compute it)."
)

register(
    Definition(
        name="sparsemax",
        label="Sparsemax",
        family=FAMILY,
        kind="vector",
        formula=r"\max(x_i - \tau,\ 0),\ \sum_j \max(x_j - \tau,\ 0) = 1",
        derivative=r"\frac{\partial p_i}{\partial x_j} = s_i\,\delta_{ij} - \frac{s_i s_j}{|S|}",
        fn=_sparsemax,
        derivatives=(_sparsemax_d1, lambda x: _sparsemax(x) * 0.0),  # 0, nan where f is
        jacobian=_sparsemax_jacobian,
        facts=lambda: Facts(
            Interval(0.0, 1.0, True, True), monotonic=True, breaks=(Break(-1.0, 1), Break(1.0, 1))
        ),
        convention="Where an entry is about to join the support (p_i = 0 exactly) it counts as "
        "outside: sparsemax([x, 0]) has derivative 0 at x = -1 and x = 1.",
        notes=Notes(
            summary="The Euclidean projection of the logits onto the probability simplex "
            "(Martins and Astudillo 2016): like softmax, but small logits get exactly 0. "
            "sparsemax([x, 0]) is sparse_sigmoid(x).",
            good=(
                "Sparse, readable attention and label distributions: a logit more than 1 below "
                "the largest of two gets exactly 0.",
                "No exponential: a sort and a cumulative sum per vector.",
            ),
            bad=(
                "A zero probability gets no gradient: with the wrong support a unit cannot "
                "learn back in.",
                "Its Jacobian s_i delta_ij - s_i s_j/|S| is piecewise constant: f'' = 0.",
            ),
            used=("Sparse attention and multi-label classification; keras.ops.sparsemax.",),
            mistakes=(
                "sparsemax is not softmax thresholded: the probabilities it keeps are "
                "x_i - tau, shifted logits, not renormalised exponentials.",
                _SIMPLEX_MISTAKE,
            ),
        ),
    )
)


# 1.5-entmax: p_i = max(x_i/2 - tau, 0)^2 with the p summing to 1 ---------------------------


def _entmax_prefixes(zs: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # the k largest in the support: sum_j (z_j - tau)^2 = 1 gives tau = mean - sqrt(delta),
    # and they are the support while tau <= z_(k)
    mean = np.cumsum(zs, axis=-1) / k
    mean_sq = np.cumsum(zs * zs, axis=-1) / k
    delta = np.maximum((1.0 - k * (mean_sq - mean * mean)) / k, 0.0)
    tau = mean - np.sqrt(delta)
    return tau, tau <= zs


def _entmax_threshold(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """z = x/2 shifted, the threshold tau of each row, so that p = u^2 with
    u_i = max(z_i - tau, 0) (Peters et al. 2019, algorithm 2), and the index of the largest
    entry (of z and of u)."""
    z, top = _shift_top(x)
    z *= 0.5
    return z, _tau(*_sorted(z, _FLOOR), _entmax_prefixes), top


@by_rows
def _entmax(x: np.ndarray) -> np.ndarray:
    z, tau, _ = _entmax_threshold(x)
    u = _roots(z, tau, out=z)
    return np.square(u, out=u)


def _entmax_sums(u: np.ndarray, top: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sum U of the roots u and the others' sums U - u_i.  U - u_i is summed directly for
    the largest entry (at index top), where subtracting would cancel, and U is that plus
    the largest: one sum over the row."""
    others = others_sum(u, top)
    total = others + np.take_along_axis(u, top, axis=-1)
    rest = np.subtract(total, u)
    np.put_along_axis(rest, top, others, axis=-1)
    return total, rest


def _entmax_parts(x: np.ndarray):
    """u, their sum U, the others' sum U - u_i, and sum over the support of z_k - z_i.

    The Jacobian is diag(u) - u u^T / U, so d p_i / d x_i = u_i (U - u_i) / U.  The sums of
    z_k - z_i use the support's mean c and the rounding r of sum(z_k - c), so that two nearly
    equal logits give their exact difference, not two rounded roots subtracted.
    """
    z, tau, top = _entmax_threshold(x)
    np.maximum(z, -2.0, out=z)  # outside the support whatever the others: -inf is -2 here
    u = _roots(z, tau, out=np.empty_like(z))
    total, rest = _entmax_sums(u, top)
    s = (u > 0).astype(np.float64)
    size = np.sum(s, axis=-1, keepdims=True)
    c = np.sum(s * z, axis=-1, keepdims=True) / size
    dz = z - c
    spread = np.sum(s * dz, axis=-1, keepdims=True) - size * dz  # U - |S| u_i
    return u, total, rest, spread, size


@by_rows
def _entmax_d1(x: np.ndarray) -> np.ndarray:
    # u_i (U - u_i) / U, times 1/U: a multiplication, a pass cheaper than a division
    z, tau, top = _entmax_threshold(x)
    u = _roots(z, tau, out=z)
    total, rest = _entmax_sums(u, top)
    rest *= u
    rest *= 1.0 / total
    return rest


@by_rows
def _entmax_d2(x: np.ndarray) -> np.ndarray:
    # d/dx_i of u_i - u_i^2/U, with du_i/dx_i = (U - u_i)/(2U) on the support and
    # dU/dx_i = (U - |S| u_i)/(2U): ((U - u_i)(U - 2 u_i) U + u_i^2 (U - |S| u_i)) / (2 U^3),
    # and U - 2 u_i = (U - |S| u_i) + (|S| - 2) u_i, exact for a support of two
    u, total, rest, spread, size = _entmax_parts(x)
    twice = spread + (size - 2.0) * u
    d2 = (rest * twice * total + u * u * spread) / (2.0 * total**3)
    # 0 off the support, nan where u is: times 1 or 0 (nan * 0 is nan), then + 0.0 for the
    # sign of a zero, where np.where would branch on every entry
    d2 *= u > 0
    d2 += 0.0
    return d2


@by_rows
def _entmax_jacobian(x: np.ndarray) -> np.ndarray:
    u, total, rest, _, _ = _entmax_parts(x)
    jac = -u[..., :, None] * u[..., None, :] / total[..., None]
    n = u.shape[-1]
    jac[..., np.arange(n), np.arange(n)] = rest * u * (1.0 / total)  # grad's, bit for bit
    return jac


register(
    Definition(
        name="entmax15",
        label="1.5-entmax",
        family=FAMILY,
        kind="vector",
        formula=r"\max(x_i/2 - \tau,\ 0)^2,\ \sum_j \max(x_j/2 - \tau,\ 0)^2 = 1",
        derivative=r"\frac{\partial p_i}{\partial x_j} = u_i\,\delta_{ij} - "
        r"\frac{u_i u_j}{\sum_k u_k},\ u = \sqrt{p}",
        fn=_entmax,
        derivatives=(_entmax_d1, _entmax_d2),
        jacobian=_entmax_jacobian,
        aliases=("entmax",),
        facts=lambda: Facts(
            Interval(0.0, 1.0, True, True), monotonic=True, breaks=(Break(-2.0, 2), Break(2.0, 2))
        ),
        convention="Where an entry is about to join the support (p_i = 0 exactly) it counts as "
        "outside: for entmax15([x, 0]), f'' = 0 at x = -2 and x = 2.",
        notes=Notes(
            summary="alpha-entmax with alpha = 1.5 (Peters, Niculae and Martins 2019), between "
            "softmax (alpha = 1) and sparsemax (alpha = 2): sparse, yet smoother than sparsemax. "
            "Computed by the exact sort-based algorithm.",
            good=(
                "Sparse like sparsemax, but C1: its Jacobian is continuous.",
                "entmax15([x, 0]) reaches 0 and 1 only at x = -2 and 2, with a smooth S between.",
            ),
            bad=(
                "A sort per vector: O(n log n) where softmax is O(n).",
                "A zero probability gets no gradient, as with sparsemax.",
            ),
            used=("Sparse attention and sequence-to-sequence output layers (the entmax package).",),
            mistakes=(
                "entmax15 does not take the logits as they are: the threshold is on x/2, so "
                "entmax15(x) is not sparsemax(x) squared.",
                _SIMPLEX_MISTAKE,
            ),
        ),
    )
)
