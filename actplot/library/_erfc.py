"""The complementary error function and the normal CDF, vectorised: W. J. Cody's rational
approximations.

W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969)
631-637, with the coefficients of his CALERF (netlib specfun) for IEEE double precision:

- |y| <= 0.46875:       erfc(y) = 1 - y R1(y^2)
- 0.46875 < y <= 4:     erfc(y) = exp(-y^2) R2(y)
- 4 < y:                erfc(y) = exp(-y^2) / y (1/sqrt(pi) - z R3(z)),  z = 1/y^2
- y < -0.46875:         erfc(y) = 2 - erfc(-y), which cancels nothing (erfc(-y) < 1)

Written for numpy rather than per element, where every operation is a pass over an array and
the number of passes sets the pace.  The input is taken in blocks that stay in cache, and every
step writes into buffers allocated once per thread.  Most elements of a layer's
pre-activations are in the middle range, so R2 is evaluated on the whole block (clipped so that
it stays finite) and the few elements of the other two ranges are gathered and overwritten;
exp(-y^2) is a single exp times a table entry (below).

The normal CDF Phi(x) = erfc(-x/sqrt 2)/2 and its density come from the same evaluation
(``normal_cdf_pdf``), sharing its exp(-x^2/2): GELU and its derivative need both.  There the
exponential is exp(-x^2/2) as written, with x^2 rounded, which is within the activations'
tolerance (tests/test_accuracy.py), where erfc itself is held to a few ulps.
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
INV_SQRT_2PI = 0.3989422804014327  # 1/sqrt(2 pi), correctly rounded
SQRT1_2 = 0.7071067811865476  # 1/sqrt(2), correctly rounded
SMALL = 0.46875  # Cody's first break
MID = 4.0  # and his second
ZERO = 27.3  # erfc(27.3) < 2**-1075 rounds to 0: y is clipped there, which changes nothing
GAUSS_ZERO = 40.0  # exp(-x^2/2) is exactly 0 beyond it (x^2/2 > 745): the normal's clip
BLOCK = 16384  # elements per block: the buffers of one block fit in L2 together

# For erfc, exp(-y^2) is exp(-h^2) exp(-(y - h)(y + h)) for h = y rounded to a multiple of
# 1/GRID: h^2 is exact, so the rounding of y^2 costs nothing (Cody's split; it would cost ~y^2
# ulps, beyond what tests/test_erfc.py allows), and exp(-h^2) is a table entry.
GRID = 32
_ROUND = 2.0**52  # y GRID + 2^52 is rounded to an integer k, which is then its low bits
_ROUND_BITS = np.float64(_ROUND).view(np.int64)
_TABLE: list[np.ndarray] = []


def _table() -> np.ndarray:
    """exp(-h^2) for h = k/GRID up to the clip, made on first use (an import is not slowed)."""
    if not _TABLE:
        h = np.arange(int(ZERO * GRID) + 1) / GRID  # k/GRID and its square are exact
        _TABLE.append(np.exp(-(h * h)))
    return _TABLE[0]


def _steps(lead: float, num: tuple[float, ...], den: tuple[float, ...]) -> tuple:
    """Cody's rational function as Horner steps: the numerator starts from t times its leading
    coefficient, the (monic) denominator from t, and both take their coefficients in turn,
    multiplying by t between them; the order of the operations is his."""
    return lead, tuple(zip(num, den, strict=True))


_SMALL = _steps(_A[-1], _A[:-1], _B)
_MIDDLE = _steps(_C[-1], _C[:-1], _D)
_TAIL = _steps(_P[-1], _P[:-1], _Q)


class _Work:
    """Buffers for one block, allocated once per thread: numpy's temporaries of a block's size
    come from fresh pages each time, and that alone costs as much as the arithmetic."""

    def __init__(self, size: int) -> None:
        self.v, self.y, self.e, self.t, self.c = (np.empty(size) for _ in range(5))
        self.g, self.z = np.empty(size), np.empty(size)  # for a range's gathered elements
        self.num, self.den, self.num2, self.den2 = (np.empty(size) for _ in range(4))
        self.k = np.empty(size, dtype=np.int64)
        self.mask = np.empty(size, dtype=bool)


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
    return _evaluate(x, 1.0, False)[0]


def normal_cdf(x: np.ndarray) -> np.ndarray:
    """The standard normal CDF Phi(x) = erfc(-x/sqrt 2)/2, which keeps its digits in the lower
    tail (1 + erf would round them away)."""
    return _evaluate(x, 0.5, False)[0]


def normal_cdf_pdf(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Phi(x) and the density phi(x) = exp(-x^2/2)/sqrt(2 pi), from one exp per element."""
    cdf, pdf = _evaluate(x, 0.5, True)
    assert pdf is not None
    return cdf, pdf


def _evaluate(x: np.ndarray, c: float, pdf: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """erfc(x) (c = 1) or Phi(x) (c = 1/2), and phi(x) if asked, block by block."""
    x = np.asarray(x, dtype=np.float64)
    flat = np.ascontiguousarray(x).ravel()
    out = np.empty_like(flat)
    density = np.empty_like(flat) if pdf else None
    n = flat.size
    size = max(1, min(BLOCK, n))
    work = _work()
    for i in range(0, n, size):
        part = slice(i, i + size)
        _block(flat[part], c, out[part], None if density is None else density[part], work)
    return out.reshape(x.shape), None if density is None else density.reshape(x.shape)


def _block(x: np.ndarray, c: float, out: np.ndarray, pdf: np.ndarray | None, w: _Work) -> None:
    """erfc(x) (c = 1) or Phi(x) = erfc(-x/sqrt 2)/2 (c = 1/2) of one block, into ``out``;
    phi(x) into ``pdf`` if given.  The erfc is of y = sqrt(c) |x|, reflected for the sign;
    v = |x| is the variable of exp(-c v^2) = exp(-y^2)."""
    n = x.size
    top = ZERO if c == 1.0 else GAUSS_ZERO
    v = np.abs(x, out=w.v[:n])
    np.clip(v, 0.0, top, out=v)  # keeps R2, exp and 1/y^2 quiet; the result is 0 there already
    y = v if c == 1.0 else np.multiply(v, SQRT1_2, out=w.y[:n])
    # nan is in neither range: it goes through the middle one, as nan
    r = _rational(_MIDDLE, y, w.num[:n], w.den[:n])
    far = np.flatnonzero(y > MID)
    if far.size:
        r[far] = _tail(np.take(y, far, out=w.g[: far.size]), w)
    if c == 1.0:
        e = _exp_neg_square(v, w)
    else:
        # exp(-x^2/2) with x^2 rounded: the exact density at a point within half an ulp of x,
        # which is what the activations' accuracy allows (their condition number there is
        # ~x^2); three passes where the split would take twelve
        e = np.multiply(v, v, out=w.e[:n])
        e *= -0.5
        np.exp(e, out=e)
    np.multiply(r, e, out=r)
    if pdf is not None:
        np.multiply(e, INV_SQRT_2PI, out=pdf)
    # erfc(x) is r for x >= 0 and 2 - r for x < 0; Phi(x) is r/2 for x <= 0 and 1 - r/2 for
    # x > 0.  With a = 2 (or 1) on the reflected side and 0 on the other, that is
    # a - (a - 1) r (or a - (a - 1/2) r): the product is exact, one rounding in all
    reflected = np.less(x, 0.0, out=w.mask[:n]) if c == 1.0 else np.greater(x, 0.0, out=w.mask[:n])
    a = np.multiply(reflected, 2.0 * c, out=w.c[:n])
    np.subtract(a, c, out=out)
    np.multiply(out, r, out=out)
    np.subtract(a, out, out=out)
    near = np.flatnonzero(y <= SMALL)
    if near.size:
        out[near] = _small(np.take(x, near, out=w.g[: near.size]), c, w)


def _rational(steps: tuple, t: np.ndarray, num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """One of Cody's rational functions at t, in place in the buffers ``num`` and ``den``; the
    quotient is in ``num``.  (A matrix product with the powers of t is faster, but BLAS sums
    in an order that depends on the array's size, and an element must not change with the
    array it is in.)"""
    lead, pairs = steps
    np.multiply(t, lead, out=num)
    np.copyto(den, t)
    for i, (a, b) in enumerate(pairs):
        if i:
            num *= t
            den *= t
        num += a
        den += b
    return np.divide(num, den, out=num)


def _small(x: np.ndarray, c: float, w: _Work) -> np.ndarray:
    """erfc(x) = 1 - x R1(x^2) for |x| <= 0.46875, or Phi(x) as erfc(t)/2, t = -x/sqrt 2;
    in place (x is a gathered copy)."""
    m = x.size
    t = x if c == 1.0 else np.multiply(x, -SQRT1_2, out=x)
    z = np.multiply(t, t, out=w.z[:m])
    r = _rational(_SMALL, z, w.num2[:m], w.den2[:m])
    r *= t
    if c == 1.0:
        return np.subtract(1.0, r, out=r)
    r *= 0.5
    return np.subtract(0.5, r, out=r)  # (1 - t R1)/2: halving is exact


def _tail(y: np.ndarray, w: _Work) -> np.ndarray:
    """(1/sqrt(pi) - z R3(z)) / y with z = 1/y^2, for y > 4; in place (y is a gathered copy)."""
    m = y.size
    z = np.multiply(y, y, out=w.z[:m])
    np.divide(1.0, z, out=z)
    r = _rational(_TAIL, z, w.num2[:m], w.den2[:m])
    r *= z
    np.subtract(INV_SQRT_PI, r, out=r)
    return np.divide(r, y, out=r)


def _exp_neg_square(y: np.ndarray, w: _Work) -> np.ndarray:
    """exp(-y^2) for 0 <= y <= ZERO, as exp(-(y - h)(y + h)) times the table's exp(-h^2),
    h = k/GRID the nearest multiple (nan gives nan: its k is clipped)."""
    n = y.size
    b = np.multiply(y, float(GRID), out=w.t[:n])
    b += _ROUND
    k = np.subtract(b.view(np.int64), _ROUND_BITS, out=w.k[:n])
    h = np.subtract(b, _ROUND, out=b)
    h *= 1.0 / GRID
    d = np.subtract(h, y, out=w.e[:n])  # -(y - h), exact
    h += y
    d *= h
    np.exp(d, out=d)
    d *= np.take(_table(), k, mode="clip", out=w.t[:n])
    return d
