"""Numerical search over the float64 line: a grid that spans it, and bisection to adjacent floats.

``compare`` analyses activations numerically, so that any definition (a plugin's, a parsed
expression's) gets its properties computed, not only declared.  Its tools live here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

# A sinh-spaced grid: steps of 0.01 near 0, growing smoothly to a ratio of 1.02 between
# neighbours far out, up to 1e300.  With that ratio an exponential tail cannot fall from 1e-290
# to an underflowed 0 between two neighbours, which is what tells a decaying tail from a
# genuinely flat one.
_STEP = 0.0198  # in the sinh variable: e^0.0198 = 1.02
_SCALE = 0.01 / _STEP
_REACH = 1e300

TINY = 1e-290  # below this a derivative is an underflowing tail, not a flat piece


@functools.lru_cache(maxsize=1)
def grid() -> np.ndarray:
    """The sample points, symmetric about 0 and containing 0 (about 70 000 of them)."""
    t_max = np.arcsinh(_REACH / _SCALE)
    half = np.arange(_STEP, t_max, _STEP)
    t = np.concatenate([-half[::-1], [0.0], half])
    x = _SCALE * np.sinh(t)
    x.flags.writeable = False
    return x


def _ordinal(x: float) -> int:
    """An integer that orders floats as the reals do (adjacent floats differ by 1)."""
    i = int(np.float64(x).view(np.int64))
    return i if i >= 0 else -(i & 0x7FFF_FFFF_FFFF_FFFF)


def _from_ordinal(i: int) -> float:
    bits = i if i >= 0 else -i | -0x8000_0000_0000_0000
    return float(np.int64(bits).view(np.float64))


def boundary(pred: Callable[[float], bool], a: float, b: float) -> tuple[float, float]:
    """Adjacent floats (lo, hi) between a and b where ``pred`` changes from pred(a) to pred(b).

    Bisects over the float ordinals, so it takes at most 64 steps whatever the magnitudes.
    """
    ia, ib = _ordinal(a), _ordinal(b)
    pa = pred(a)
    while abs(ib - ia) > 1:
        mid = (ia + ib) // 2
        if pred(_from_ordinal(mid)) == pa:
            ia = mid
        else:
            ib = mid
    lo, hi = sorted((_from_ordinal(ia), _from_ordinal(ib)))
    return lo, hi


def narrow(score: Callable[[float, float], float], a: float, b: float) -> tuple[float, float]:
    """Shrink [a, b] to adjacent floats, keeping the half where ``score(lo, hi)`` is larger.

    With score = |g(hi) - g(lo)| this homes in on the largest change of g: a jump stays a
    jump down to one ulp, a steep continuous stretch fades away.
    """
    ia, ib = _ordinal(a), _ordinal(b)
    while ib - ia > 1:
        mid = (ia + ib) // 2
        left = score(_from_ordinal(ia), _from_ordinal(mid))
        right = score(_from_ordinal(mid), _from_ordinal(ib))
        if left >= right:
            ib = mid
        else:
            ia = mid
    return _from_ordinal(ia), _from_ordinal(ib)


def simplest(*xs: float) -> float:
    """Of neighbouring floats, the one with the shortest decimal form: a kink found between
    0.9999999999999999 and 1.0 is reported at 1.0, and one among subnormals at 0."""
    if all(abs(v) < 1e-300 for v in xs):
        return 0.0
    return min(xs, key=lambda v: (len(repr(v)), abs(v))) + 0.0


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each run of True in a boolean array."""
    padded = np.concatenate([[False], mask, [False]])
    edges = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return [(int(s), int(e) - 1) for s, e in zip(edges[::2], edges[1::2], strict=True)]
