"""The complementary error function, vectorised: W. J. Cody's rational approximations.

W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969)
631-637, with the coefficients of his CALERF (netlib specfun) for IEEE double precision:

- |y| <= 0.46875:       erfc(y) = 1 - y R1(y^2)
- 0.46875 < y <= 4:     erfc(y) = exp(-y^2) R2(y)
- 4 < y:                erfc(y) = exp(-y^2) / y (1/sqrt(pi) - z R3(z)),  z = 1/y^2
- y < -0.46875:         erfc(y) = 2 - erfc(-y), which cancels nothing (erfc(-y) < 1)

Written for numpy rather than per element: the input is taken in blocks that stay in cache,
each block is split by range (indices, gathered and scattered once), and every step writes
into buffers allocated once per thread.  numpy's cost per operation sets the pace: the middle
range, the common one, is about 45 passes over its elements (Horner's rule for a degree 8/8
rational function, then exp(-y^2) and the reflection).
"""

from __future__ import annotations

import threading

import numpy as np

_A = (3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
      3.20937758913846947e03, 1.85777706184603153e-1)  # fmt: skip
_B = (2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
      2.84423683343917062e03)  # fmt: skip
_C = (5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
      2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03,
      2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8)  # fmt: skip
_D = (1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
      1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03,
      3.43936767414372164e03, 1.23033935480374942e03)  # fmt: skip
_P = (3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
      1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2)  # fmt: skip
_Q = (2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
      6.05183413124413191e-2, 2.33520497626869185e-3)  # fmt: skip

INV_SQRT_PI = 0.5641895835477563  # 1/sqrt(pi), correctly rounded
SMALL = 0.46875  # Cody's first break
MID = 4.0  # and his second
ZERO = 27.3  # erfc(27.3) < 2**-1075 rounds to 0: y is clipped there, which changes nothing
BLOCK = 16384  # elements per block: the buffers of one block fit in L2 together


class _Work:
    """Buffers for one block, allocated once per thread: numpy's temporaries of a block's size
    come from fresh pages each time, and that alone costs as much as the arithmetic."""

    def __init__(self, size: int) -> None:
        self.num = np.empty(size)
        self.den = np.empty(size)
        self.a = np.empty(size)
        self.b = np.empty(size)
        self.c = np.empty(size)
        self.d = np.empty(size)
        self.e = np.empty(size)


_local = threading.local()


def _work() -> _Work:
    work = getattr(_local, "work", None)
    if work is None:
        work = _local.work = _Work(BLOCK)
    return work


def erfc(x: np.ndarray) -> np.ndarray:
    """erfc(x) element by element, to about 3 ulps over the whole float64 line (measured
    against the smallest normal where the result is subnormal); erfc(-inf) = 2,
    erfc(inf) = 0, and nan gives nan."""
    x = np.asarray(x, dtype=np.float64)
    flat = np.ascontiguousarray(x).ravel()
    out = np.empty_like(flat)
    n = flat.size
    size = max(1, min(BLOCK, n))
    work = _work()
    for i in range(0, n, size):
        _block(flat[i : i + size], out[i : i + size], work)
    return out.reshape(x.shape)


def _block(x: np.ndarray, out: np.ndarray, work: _Work) -> None:
    """erfc of one block into ``out``, each element by the formula of its range."""
    y = np.abs(x, out=work.a[: x.size])
    small = y <= SMALL  # nan is not small: it goes through the middle range, as nan
    inside = np.flatnonzero(small)
    outside = np.flatnonzero(~small)
    if inside.size:
        out[inside] = _small(np.take(x, inside, out=work.b[: inside.size]), work)
    if outside.size:
        out[outside] = _big(np.take(x, outside, out=work.b[: outside.size]), work)


def _ratio(
    num: tuple[float, ...], den: tuple[float, ...], t: np.ndarray, work: _Work
) -> np.ndarray:
    """Cody's rational function in t by Horner's rule, in place, into ``work.num``.  His
    numerators end in the leading coefficient, his denominators are monic.  (A matrix product
    with the powers of t is faster, but BLAS sums in an order that depends on the array's
    size, and an element must not change with the array it is in.)"""
    n = np.multiply(t, num[-1], out=work.num[: t.size])
    d = np.add(t, den[0], out=work.den[: t.size])
    for a, b in zip(num[:-2], den[1:], strict=True):
        n += a
        n *= t
        d *= t
        d += b
    n += num[-2]
    return np.divide(n, d, out=n)


def _small(x: np.ndarray, work: _Work) -> np.ndarray:
    """1 - x R1(x^2) for |x| <= 0.46875 (either sign)."""
    z = np.multiply(x, x, out=work.c[: x.size])
    r = _ratio(_A, _B, z, work)
    np.multiply(r, x, out=r)
    return np.subtract(1.0, r, out=r)


def _big(x: np.ndarray, work: _Work) -> np.ndarray:
    """erfc(x) for |x| > 0.46875 (or nan): exp(-y^2) R2(y) or its tail form, y = |x|,
    reflected to 2 - erfc(y) for x < 0."""
    y = np.abs(x, out=work.c[: x.size])
    np.minimum(y, ZERO, out=y)  # keeps exp and 1/y^2 quiet; erfc is 0 there already
    r = _ratio(_C, _D, y, work)
    far = np.flatnonzero(y > MID)  # nan is not far
    if far.size:
        r[far] = _tail(y[far])
    e = _exp_neg_square(y, work)
    np.multiply(r, e, out=r)
    # 2 - r for x < 0: r with the sign of x, plus 1 - sign(x); nothing cancels (r <= 1)
    sign = np.copysign(1.0, x, out=e)
    np.subtract(1.0, sign, out=sign)
    np.copysign(r, x, out=r)
    return np.add(r, sign, out=r)


def _tail(y: np.ndarray) -> np.ndarray:
    """(1/sqrt(pi) - z R3(z)) / y with z = 1/y^2, for y > 4, in new arrays (the work buffers
    are busy with the middle range; few elements come here)."""
    z = 1.0 / (y * y)
    n = z * _P[-1]
    d = z + _Q[0]
    for a, b in zip(_P[:-2], _Q[1:], strict=True):
        n = (n + a) * z
        d = d * z + b
    r = z * ((n + _P[-2]) / d)
    return (INV_SQRT_PI - r) / y


def _exp_neg_square(y: np.ndarray, work: _Work) -> np.ndarray:
    """exp(-y^2) for 0 <= y <= 27.3 as exp(-h^2) exp(-(y - h)(y + h)), h = y rounded down to a
    multiple of 1/16: h^2 is exact, so the tail keeps its relative accuracy (Cody's split)."""
    n = y.size
    h, d = work.d[:n], work.e[:n]
    np.multiply(y, 16.0, out=h)
    np.trunc(h, out=h)
    np.multiply(h, 0.0625, out=h)
    np.subtract(y, h, out=d)
    s = np.add(y, h, out=work.den[:n])  # the denominator, no longer needed
    np.multiply(d, s, out=d)
    np.multiply(h, h, out=h)
    np.negative(h, out=h)
    np.exp(h, out=h)
    np.negative(d, out=d)
    np.exp(d, out=d)
    np.multiply(h, d, out=h)
    return h
