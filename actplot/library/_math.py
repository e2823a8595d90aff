"""Numerically stable building blocks shared by the activation definitions.

Everything here takes and returns float64 arrays and is written so that it keeps its digits
over the whole float64 range: no ``1 - sigmoid`` where ``sigmoid(-x)`` is meant, no
``1 + erf`` where ``erfc`` is meant, no ``log(1 + exp(x))``.  None of it raises a
floating-point warning for a finite, infinite or nan input, except overflow where the true
result overflows, which callers silence (``Activation`` evaluates under
``np.errstate(over="ignore")``).
"""

from __future__ import annotations

import numpy as np

from ._erfc import erfc

SQRT1_2 = 0.7071067811865476  # 1/sqrt(2), correctly rounded
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
    return m * a + (1.0 - m) * b


def sigmoid_pair(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(sigmoid(x), sigmoid(-x))``, each accurate to a few ulps, never ``1 - s``."""
    e = np.exp(-np.abs(x))
    positive = x >= 0
    # numerators 1 or e: max(e, 1) = 1 and max(e, 0) = e, exactly, since 0 <= e <= 1
    return np.maximum(e, positive) / (1.0 + e), np.maximum(e, ~positive) / (1.0 + e)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function: 1/(1 + e^{-x}) for x >= 0, e^x/(1 + e^x) otherwise, so that
    nothing overflows and the left tail keeps its digits."""
    e = np.exp(-np.abs(x))
    return np.maximum(e, x >= 0) / (1.0 + e)  # numerator 1 or e, as in sigmoid_pair


def dsigmoid(x: np.ndarray) -> np.ndarray:
    """sigmoid'(x) = sigmoid(x) sigmoid(-x), written so it keeps its digits in both tails."""
    e = np.exp(-np.abs(x))
    return e / ((1.0 + e) * (1.0 + e))


def softplus(x: np.ndarray) -> np.ndarray:
    """log(1 + exp(x)) as max(x, 0) + log1p(exp(-|x|)): no overflow, no cancellation."""
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


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


def square_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split x*x into hi + lo exactly (Dekker's product), for |x| well below 1e150."""
    hi = x * x
    c = _SPLIT * x
    xh = c - (c - x)
    xl = x - xh
    lo = ((xh * xh - hi) + 2.0 * xh * xl) + xl * xl
    return hi, lo


def two_sum(a: np.ndarray, b: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """a + b as s + e exactly (Knuth's TwoSum), for finite a and b."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def two_prod(a: np.ndarray, b: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """a * b as p + e exactly (Dekker's product), for |a|, |b| and |a b| well below 1e290."""
    p = a * b
    ca, cb = _SPLIT * a, _SPLIT * b
    ah, bh = ca - (ca - a), cb - (cb - b)
    al, bl = a - ah, b - bh
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def exp_neg_square(x: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """exp(-scale * x**2) to a few ulps, with x**2 carried exactly (scale a power of 2).

    Rounding x*x first would cost x**2 ulps in the result (about 1500 at x = 38).
    """
    xc = np.clip(x, -_GAUSS_CLIP, _GAUSS_CLIP)
    hi, lo = square_parts(xc)
    return np.exp(-scale * hi) * (1.0 - scale * lo)


def npdf(x: np.ndarray) -> np.ndarray:
    """The standard normal density exp(-x**2 / 2) / sqrt(2 pi)."""
    return exp_neg_square(x, 0.5) * INV_SQRT_2PI


def ncdf(x: np.ndarray) -> np.ndarray:
    """The standard normal CDF as erfc(-x / sqrt 2) / 2, exact in the lower tail (not 1 + erf)."""
    return 0.5 * erfc(-SQRT1_2 * x)


def scale(a: float, x: np.ndarray) -> np.ndarray:
    """``a * x`` for a scalar parameter, with 0 * inf taken as 0: a zero slope is flat out to
    infinity (leaky_relu with alpha = 0 is relu)."""
    return a * x if a != 0 else np.zeros_like(x)


def zero(x: np.ndarray, **_: float) -> np.ndarray:
    """0 everywhere: the second derivative of a piecewise-linear function (its kinks
    included, by convention), whatever its parameters."""
    return np.zeros_like(x)


def indicator(condition: np.ndarray, value: float = 1.0) -> np.ndarray:
    """``value`` where the condition holds, 0 elsewhere (derivatives of piecewise-linear pieces)."""
    out = condition.astype(np.float64)  # a cast is cheaper than np.where
    return out if value == 1.0 else out * value
