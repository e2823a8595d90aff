"""Elementwise functions evaluated in blocks that stay in cache.

An activation is a chain of numpy operations, each a full pass over its operands.  On a large
array every pass goes to main memory and allocates a fresh temporary; on a block of
``BLOCK`` elements the operands stay in the core's cache.  Two ways to use that:

- ``blockwise(fn, x, params)`` calls any elementwise ``fn`` on slices of x (and of a gated
  activation's gate beside it) and copies each result into place.  Nothing to change in
  ``fn``; its temporaries are still new arrays, one block long.  (``rowwise`` does the same
  for a function of each row, softmax.)
- A **kernel** is written for it: a function of one block that writes its result into
  ``out`` and its intermediate steps into scratch buffers it is handed, every step an
  in-place ufunc (``np.exp(t, out=t)``).  Nothing is allocated but the result, and nothing
  is copied::

      @kernel(scratch=1, keeps_nan=True)
      def dsigmoid(x, out, d):        # e / (1 + e)^2, e = exp(-|x|)
          np.abs(x, out=out)
          np.negative(out, out=out)
          np.exp(out, out=out)
          np.add(out, 1.0, out=d)
          np.multiply(d, d, out=d)
          np.divide(out, d, out=out)

  ``kernel`` turns it into an ordinary ``dsigmoid(x, **params)`` of an array of any shape,
  which blocks itself (``blockwise`` passes such a function the whole array).

Temporaries are not only a pass each: several of a block's size alive at once and freed
together can make the C allocator hand their memory back to the system and fault it in
again on the next block (Knuth's TwoSum took 12 ns per element on blocks of 65536 that way,
1.2 ns in place).  np.where and masked copies are the other trap: they branch per element,
4 ns each for an unpredictable condition; ``library._math.mask_above`` and ``pick`` choose
bit for bit instead.

The scratch buffers belong to the thread and are lent for the duration of one call, so a
kernel may call another (its buffers come after the caller's).  A buffer holds garbage when
it is handed over, and the input is read-only: a kernel writes only ``out`` and its scratch,
and may use ``out`` as a scratch buffer as long as its last step fills it.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

# float64 elements: 512 KiB per operand.  numpy costs about a microsecond per ufunc call, a
# tenth of a pass over a block this long; in a block of 16384 the calls take a third.
BLOCK = 65536
# Elements per block of rows: more than an elementwise block, as a function of rows makes more
# calls per element (reductions and gathers by row), each with its fixed cost; measured best.
ROWS = 4 * BLOCK


def blockwise(
    fn: Callable[..., Any], x: np.ndarray, params: dict[str, Any], *more: np.ndarray
) -> np.ndarray:
    """``fn(x, *more, **params)`` as float64, block by block if x is large (fn must be
    elementwise, and ``more`` arrays, a gated activation's gate, of x's shape)."""
    if x.size <= BLOCK or (getattr(fn, "blocked", False) and not more):
        return np.asarray(fn(x, *more, **params), dtype=np.float64)
    flats = [np.ascontiguousarray(a).reshape(-1) for a in (x, *more)]
    out = np.empty(x.size)
    for i in range(0, x.size, BLOCK):
        out[i : i + BLOCK] = fn(*(f[i : i + BLOCK] for f in flats), **params)
    return out.reshape(x.shape)


def rowwise(fn: Callable[..., Any], x: np.ndarray, params: dict[str, Any]) -> np.ndarray:
    """``fn(x, **params)`` as float64 for a function of each vector along the last axis
    (softmax), on as many whole rows at a time as fill about ROWS elements."""
    if x.ndim < 2 or x.size <= ROWS:
        return np.asarray(fn(x, **params), dtype=np.float64)
    rows = x.reshape(-1, x.shape[-1])
    step = max(1, ROWS // x.shape[-1])
    first = fn(rows[:step], **params)
    out = np.empty((len(rows), *np.shape(first)[1:]))  # a Jacobian has one more axis
    out[:step] = first
    for i in range(step, len(rows), step):
        out[i : i + step] = fn(rows[i : i + step], **params)
    return out.reshape(x.shape[:-1] + out.shape[1:])


class _Scratch(threading.local):
    """The calling thread's scratch buffers, BLOCK elements each, lent like a stack."""

    def __init__(self) -> None:
        self.buffers: list[np.ndarray] = []
        self.lent = 0

    def borrow(self, count: int) -> tuple[int, list[np.ndarray]]:
        """``count`` buffers nobody else holds, and the mark to give back to."""
        start = self.lent
        while len(self.buffers) < start + count:
            self.buffers.append(np.empty(BLOCK))
        self.lent = start + count
        return start, self.buffers[start : start + count]


_scratch = _Scratch()


def kernel(
    scratch: int = 0, outputs: int = 1, keeps_nan: bool = False
) -> Callable[[Callable[..., None]], Any]:
    """Turn ``body(x, out, *buffers, *params)``, which computes one block of at most BLOCK
    elements of float64 ``x`` into ``out`` using ``scratch`` buffers of the same length,
    into ``fn(x, *params)`` of an array of any shape (a 0-d one gives a numpy scalar, as a
    ufunc does); the parameters may be given by name or in order.  With ``outputs`` = k the
    body takes k outputs before its buffers, and fn returns a tuple of k arrays.

    fn(nan) is nan: a block holding a nan gets nan there after the body has run, unless the
    body says it ``keeps_nan`` by itself (every step propagates it), which saves a pass.
    (Activation relies on it: it does not look for nan in what a kernel computed.)

    A kernel may run another one's body on its own buffers: ``fn.body`` and
    ``fn.scratch`` are there for that (``sigmoid.body(x, out, e)``)."""

    def wrap(body: Callable[..., None]) -> Callable[..., Any]:
        @functools.wraps(body)
        def fn(x: Any, *args: Any, **params: Any) -> Any:
            x = np.asarray(x, dtype=np.float64)
            flat = np.ascontiguousarray(x).reshape(-1)
            n = flat.size
            results = [np.empty(n) for _ in range(outputs)]
            mark, buffers = _scratch.borrow(scratch)
            try:
                for i in range(0, n, BLOCK):
                    j = min(i + BLOCK, n)
                    block, views = flat[i:j], [r[i:j] for r in results]
                    body(block, *views, *(b[: j - i] for b in buffers), *args, **params)
                    if not keeps_nan and np.isnan(np.minimum.reduce(block)):
                        for view in views:
                            np.copyto(view, np.nan, where=np.isnan(block))
            finally:
                _scratch.lent = mark
            shaped = [r.reshape(x.shape)[()] for r in results]  # [()]: 0-d to a scalar
            return shaped[0] if outputs == 1 else tuple(shaped)

        fn.blocked = True  # type: ignore[attr-defined]
        fn.body = body  # type: ignore[attr-defined]
        fn.scratch = scratch  # type: ignore[attr-defined]
        return fn

    return wrap
