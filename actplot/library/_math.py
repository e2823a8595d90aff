"""Numerically stable building blocks shared by the activation definitions.

Everything here takes and returns float64 arrays and is written so that it keeps its digits
over the whole float64 range: no ``1 - sigmoid`` where ``sigmoid(-x)`` is meant, no
``1 + erf`` where ``erfc`` is meant, no ``log(1 + exp(x))``.

The elementwise ones of one array are kernels (``actplot._blocks``): the operations of the
formula in their docstring, in its order, each in place on a block that stays in cache, so
that a helper costs its arithmetic and not its temporaries.  None of it raises a
floating-point warning for a finite, infinite or nan input, except overflow where the true
result overflows, which callers silence (``Activation`` evaluates under
``np.errstate(over="ignore")``).
"""

from __future__ import annotations

import numpy as np

from .._blocks import BLOCK, kernel

INV_SQRT_2PI = 0.3989422804014327  # 1/sqrt(2*pi), correctly rounded

# Beyond these magnitudes exp(-x**2 / 2) and exp(-x**2) are exactly 0 in float64, so inputs
# can be clipped there without changing a result, and x**2 cannot overflow.
_GAUSS_CLIP = 40.0

_SPLIT = 134217729.0  # 2**27 + 1, Veltkamp's splitting constant for float64


def choose(condition: np.ndarray, a: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
    """``a`` where the condition holds, ``b`` elsewhere, for finite a and b.

    As m a + (1 - m) b with m = 0 or 1 it is exact (one term is exactly 0), and it avoids
    np.where, whose branch per element costs ten times an arithmetic pass when the condition
    is unpredictable (the sign of a layer's pre-activations).
    """
    m = condition.astype(np.float64)
    if np.ndim(m) == 0 or np.broadcast_shapes(m.shape, np.shape(b)) != m.shape:
        return m * a + (1.0 - m) * b  # a scalar, or b larger than the condition
    picked = np.multiply(m, a)
    np.subtract(1.0, m, out=m)
    picked += np.multiply(m, b, out=m)
    return picked


def mask_above(x: np.ndarray, t: float | np.ndarray, out: np.ndarray) -> np.ndarray:
    """Where x > t, as the int64 view of ``out``: -1 (every bit set) there, 0 elsewhere, and
    either for nan.  For kernels: np.where and masked copies branch per element, ten times the
    cost of a pass when the condition is unpredictable (the sign of a layer's inputs).

    t - x is negative exactly where x > t (it is 0 only where x == t, and then +0 once t's -0.0
    is made +0.0), so its sign bit, spread over the word by an arithmetic shift, is the mask.
    An array t must hold no -0.0 (where x is +0.0 it would count as below)."""
    np.subtract(t + 0.0 if np.ndim(t) == 0 else t, x, out=out)
    bits = out.view(np.int64)
    return np.right_shift(bits, 63, out=bits)


def mask_below(x: np.ndarray, t: float, out: np.ndarray) -> np.ndarray:
    """Where x < t, as mask_above gives where x > t: the sign bit of x - t, which is -0.0
    only for -0.0 - (+0.0), so a zero t is taken as -0.0."""
    np.subtract(x, t if t != 0 else -0.0, out=out)
    bits = out.view(np.int64)
    return np.right_shift(bits, 63, out=bits)


def pick(mask: np.ndarray, a: np.ndarray | float, b: np.ndarray | float, out: np.ndarray) -> None:
    """``a`` where the mask (from mask_above) is set, ``b`` elsewhere, into ``out``, bit for
    bit: signed zeros, infinities and nan stay as they are, unlike m a + (1 - m) b.  ``out``
    may be ``a``, not ``b`` nor the mask's array."""
    a_bits, b_bits = (np.asarray(v, dtype=np.float64).view(np.int64) for v in (a, b))
    bits = out.view(np.int64)
    if b_bits.ndim == 0 and b_bits == 0:  # b = +0.0: only a's bits under the mask
        np.bitwise_and(a_bits, mask, out=bits)
        return
    np.bitwise_xor(a_bits, b_bits, out=bits)  # b ^ ((a ^ b) & mask)
    bits &= mask
    bits ^= b_bits


# A block of zeros, read-only: numpy's maximum of two arrays is vectorised, its maximum of an
# array and a scalar is not (2.5 times slower here)
_ZEROS = np.zeros(BLOCK)
_ZEROS.flags.writeable = False


@kernel(keeps_nan=True)
def relu(x: np.ndarray, out: np.ndarray) -> None:
    """max(x, 0) in one pass, +0.0 at -0.0: numpy's maximum gives its second operand where
    the two are equal, so the zero (np.clip keeps the -0.0, and would need a second pass)."""
    np.maximum(x, _ZEROS[: x.size], out=out)


def _exp_neg_abs(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    """exp(-|x|) into out: in (0, 1], so nothing overflows."""
    np.abs(x, out=out)
    np.negative(out, out=out)
    return np.exp(out, out=out)


_SIGMOID_ONE = 40.0  # from here on e^x / (e^x + 1) rounds to 1: x is clipped there


@kernel(scratch=1, keeps_nan=True)
def sigmoid(x: np.ndarray, out: np.ndarray, d: np.ndarray) -> None:
    """The logistic function as e^x / (e^x + 1), x clipped at 40 so that nothing overflows.

    On the left this is e/(1 + e) with e = e^{-|x|}, the tail's digits kept down to the
    subnormals; on the right each rounding costs at most half an ulp of a
    result near 1.  Three or four passes where max(e, x >= 0)/(1 + e) takes seven: the clip
    only where something is to be clipped, which a reduction, a third of a pass, tells (fmax:
    a nan does not hide a large x).  x is read only by the first step: it may be ``out``."""
    if np.fmax.reduce(x, initial=-np.inf) > _SIGMOID_ONE:
        x = np.clip(x, -np.inf, _SIGMOID_ONE, out=out)
    np.exp(x, out=out)
    np.add(out, 1.0, out=d)
    out /= d


@kernel(scratch=1, keeps_nan=True)
def dsigmoid(x: np.ndarray, out: np.ndarray, d: np.ndarray) -> None:
    """sigmoid'(x) = sigmoid(x) sigmoid(-x), written so it keeps its digits in both tails:
    e / ((1 + e) (1 + e)) with e = exp(-|x|)."""
    _exp_neg_abs(x, out)
    np.add(out, 1.0, out=d)
    np.multiply(d, d, out=d)
    np.divide(out, d, out=out)


@kernel(scratch=1, keeps_nan=True)
def softplus(x: np.ndarray, out: np.ndarray, e: np.ndarray) -> None:
    """log(1 + exp(x)) as max(x, 0) + log1p(exp(-|x|)): no overflow, no cancellation."""
    _exp_neg_abs(x, e)
    np.log1p(e, out=e)
    # clip is numpy's fast maximum; its -0.0 for x = -0.0 is then added to log 2
    np.clip(x, 0.0, np.inf, out=out)
    np.add(out, e, out=out)


def gated(x: np.ndarray, gate: np.ndarray) -> np.ndarray:
    """``x * gate``, taking 0 wherever the gate is exactly 0.

    Gated activations (swish, GELU, mish, ...) multiply x by a gate that vanishes as
    x -> -inf; the limit of the product is 0, where float arithmetic would give inf * 0 = nan.
    """
    with np.errstate(invalid="ignore"):  # inf * 0, mended below
        out = np.asarray(np.multiply(x, gate))
    if out.size and np.isnan(np.min(out)):  # rare: look for the inf * 0 only then
        limit = np.isnan(out) & (gate == 0)
        out[limit] = np.copysign(0.0, np.broadcast_to(x, out.shape)[limit])
    return out


def two_sum_into(
    a: np.ndarray, b: np.ndarray | float, s: np.ndarray, e: np.ndarray, work: np.ndarray
) -> None:
    """a + b as s + e exactly (Knuth's TwoSum, for finite a and b), in place, for kernels:
    s = a + b, e = (a - (s - bb)) + (b - bb) with bb = s - a (in work); a and b are read to
    the end, so neither may be s, e or work."""
    np.add(a, b, out=s)
    bb = np.subtract(s, a, out=work)
    np.subtract(s, bb, out=e)
    np.subtract(a, e, out=e)
    np.subtract(b, bb, out=work)
    e += work


def two_prod(a: np.ndarray, b: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """a * b as p + e exactly (Dekker's product), for |a|, |b| and |a b| well below 1e290."""
    if np.ndim(b):  # an array b: split as a is
        p = a * b
        ca, cb = _SPLIT * a, _SPLIT * b
        ah, bh = ca - (ca - a), cb - (cb - b)
        al, bl = a - ah, b - bh
        return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl
    p, e, high, low = (np.empty(np.shape(a)) for _ in range(4))
    two_prod_into(a, float(b), p, e, high, low)
    return p[()], e[()]


def two_prod_into(
    a: np.ndarray, b: float, p: np.ndarray, e: np.ndarray, high: np.ndarray, low: np.ndarray
) -> None:
    """two_prod in place for a scalar b, for kernels: p = a b, and with a = ah + al and
    b = bh + bl split by Veltkamp, e = ((ah bh - p) + ah bl + al bh) + al bl."""
    cb = _SPLIT * b
    bh = cb - (cb - b)
    bl = b - bh
    np.multiply(a, b, out=p)
    ah = np.multiply(a, _SPLIT, out=high)  # ca = SPLIT a, then ah = ca - (ca - a)
    np.subtract(ah, a, out=low)
    np.subtract(ah, low, out=ah)
    al = np.subtract(a, ah, out=low)
    np.multiply(ah, bh, out=e)
    e -= p
    ah *= bl
    e += ah
    np.multiply(al, bh, out=high)
    e += high
    al *= bl
    e += al


@kernel(scratch=3, keeps_nan=True)
def exp_neg_square(
    x: np.ndarray, out: np.ndarray, a: np.ndarray, b: np.ndarray, c: np.ndarray, scale: float = 1.0
) -> None:
    """exp(-scale * x**2) to a few ulps, with x**2 carried exactly (scale a power of 2):
    x**2 = hi + lo by Dekker's product, then exp(-scale * hi) * (1 - scale * lo).

    Rounding x*x first would cost x**2 ulps in the result (about 1500 at x = 38).
    """
    xc = np.clip(x, -_GAUSS_CLIP, _GAUSS_CLIP, out=out)
    # x = xh + xl split by Veltkamp, lo = ((xh xh - hi) + 2 xh xl) + xl xl: a = xh, b = xl,
    # c = lo, and then out = hi
    np.multiply(xc, _SPLIT, out=a)
    np.subtract(a, xc, out=b)
    np.subtract(a, b, out=a)
    np.subtract(xc, a, out=b)
    hi = np.multiply(xc, xc, out=out)
    np.multiply(a, a, out=c)
    c -= hi
    a *= 2.0
    a *= b
    c += a
    b *= b
    c += b
    np.multiply(hi, -scale, out=out)
    np.exp(out, out=out)
    c *= scale
    np.subtract(1.0, c, out=c)
    out *= c


@kernel(scratch=3, keeps_nan=True)
def npdf(x: np.ndarray, out: np.ndarray, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> None:
    """The standard normal density exp(-x**2 / 2) / sqrt(2 pi)."""
    exp_neg_square.body(x, out, a, b, c, scale=0.5)
    out *= INV_SQRT_2PI


def zero(x: np.ndarray, **_: float) -> np.ndarray:
    """0 everywhere: the second derivative of a piecewise-linear function (its kinks
    included, by convention), whatever its parameters."""
    return np.zeros_like(x)


def indicator(condition: np.ndarray, value: float = 1.0) -> np.ndarray:
    """``value`` where the condition holds, 0 elsewhere (derivatives of piecewise-linear pieces)."""
    out = condition.astype(np.float64)  # a cast is cheaper than np.where
    if value != 1.0:
        out *= value
    return out
