"""Block evaluation and kernels (actplot._blocks), and the bit masks of library._math.

The accuracy tests judge the values; these check what the speed-ups must not change: an
element's value does not depend on the array it is in (its size, shape, block boundaries),
selections are exact bit for bit, and a kernel's scratch buffers are not shared by mistake.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot
from actplot._blocks import BLOCK, blockwise, kernel, rowwise
from actplot.library._math import mask_above, mask_below, pick, sigmoid

SPECIAL = np.array(
    [0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, -5e-324, 1e-300, -1e-300, 0.5, -0.5,
     1.0, -1.0, 3.0, -3.0, 40.0, -40.0, 710.0, -710.0, 746.0, -746.0, 1e160, -1e160,
     1.7976931348623157e308, -1.7976931348623157e308]
)  # fmt: skip


def _points() -> np.ndarray:
    rng = np.random.default_rng(3)
    n = BLOCK + 4099  # two blocks, the second one partial
    x = rng.standard_normal(n) * 4
    x[::97][: SPECIAL.size] = SPECIAL  # the special values inside the first block
    x[-SPECIAL.size :] = SPECIAL  # and at the end of the last
    return x


POINTS = _points()
ELEMENTWISE = [n for n in actplot.names() if actplot.REGISTRY[n].kind == "elementwise"]


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Bit for bit, nan matching nan."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(
        np.all((a.view(np.int64) == b.view(np.int64)) | (np.isnan(a) & np.isnan(b)))
    )


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize("order", [0, 1, 2])
def test_an_element_does_not_depend_on_its_array(name, order):
    """f on two blocks, on a 2-D reshape, on a slice and on each special value alone agree."""
    act = actplot.get(name)
    f = (lambda x: act(x)) if order == 0 else (lambda x: act.grad(x, order))
    whole = f(POINTS)
    assert _same(f(POINTS.reshape(-1, 5)).reshape(-1), whole)
    assert _same(f(POINTS[101:3000]), whole[101:3000])
    assert _same(f(POINTS[::-1])[::-1], whole)  # non-contiguous input
    scalars = [f(v) for v in SPECIAL]
    assert all(np.ndim(y) == 0 for y in scalars)
    assert _same(np.array(scalars), whole[-SPECIAL.size :])


def test_kernel_shapes_scalars_and_empty():
    @kernel(scratch=1)
    def plus_twice(x, out, t, c):
        np.add(x, c, out=t)
        np.add(t, c, out=out)

    assert plus_twice(np.float64(1.0), c=0.5) == 2.0
    assert np.ndim(plus_twice(1.0, c=0.5)) == 0
    assert plus_twice(np.empty((0, 3)), c=1.0).shape == (0, 3)
    x = np.arange(3 * (BLOCK + 3), dtype=float).reshape(3, -1)
    assert _same(plus_twice(x, c=1.0), x + 2.0)
    assert _same(plus_twice(np.arange(6), c=1.0), np.arange(6) + 2.0)  # integers converted
    assert plus_twice(1.0, 0.25) == 1.5  # parameters in order, as before it was a kernel


def test_nested_kernels_get_their_own_buffers():
    @kernel(scratch=1)
    def inner(x, out, t):
        np.multiply(x, 3.0, out=t)
        np.add(t, 1.0, out=out)

    @kernel(scratch=2)
    def outer(x, out, a, b):
        np.multiply(x, 2.0, out=a)
        b.fill(7.0)
        out[...] = inner(a)  # the public function, inside a kernel: buffers after a and b
        out += a
        out += b

    x = np.linspace(-3, 3, BLOCK + 11)
    assert _same(outer(x), (2 * x * 3 + 1) + 2 * x + 7)


def test_flat_pieces_do_not_lose_a_nan():
    flat = actplot.get("maxout", slopes=(0.0, 0.0), intercepts=(1.0, 2.0))
    for order in (0, 1, 2):
        y = flat.evaluate([math.nan, 1.0], order)
        assert math.isnan(y[0]) and not math.isnan(y[1])


def test_a_kernel_makes_nan_nan_unless_it_keeps_nan_itself():
    @kernel()
    def constant(x, out):
        out.fill(1.0)

    y = constant(np.array([0.0, math.nan, 2.0]))
    assert y[0] == 1.0 and math.isnan(y[1]) and y[2] == 1.0


@pytest.mark.parametrize("t", [0.0, -0.0, 1.0, -2.5, 5e-324])
def test_masks_are_the_comparisons(t):
    x = np.concatenate([SPECIAL[~np.isnan(SPECIAL)], [t, np.nextafter(t, 9), np.nextafter(t, -9)]])
    above = mask_above(x, t, np.empty_like(x))
    below = mask_below(x, t, np.empty_like(x))
    assert set(np.unique(above)) <= {0, -1} and set(np.unique(below)) <= {0, -1}
    assert np.array_equal(above == -1, x > t)
    assert np.array_equal(below == -1, x < t)


@pytest.mark.parametrize("b", [0.0, -0.0, 2.5, math.inf, math.nan])
def test_pick_keeps_every_bit(b):
    a = SPECIAL.copy()
    mask = mask_above(a, 0.0, np.empty_like(a))
    out = np.empty_like(a)
    pick(mask, a, b, out)
    expected = np.where(a > 0, a, b)  # np.where keeps bits too, only slowly
    assert _same(out, expected)
    assert np.array_equal(np.signbit(out), np.signbit(expected))
    pick(mask, a, np.full_like(a, b), a)  # out may be a, and b an array
    assert _same(a, expected)


def test_blockwise_takes_a_gate_beside_the_value():
    a = np.linspace(-5, 5, 3 * BLOCK + 1)
    b = a[::-1].copy()
    y = blockwise(lambda u, v, k: u * v + k, a, {"k": 1.0}, b)
    assert _same(y, a * b + 1.0)


def test_rowwise_keeps_rows_apart_and_the_jacobian_axis():
    x = np.random.default_rng(0).standard_normal((BLOCK // 8 + 3, 16))
    soft = actplot.get("softmax")
    assert _same(rowwise(soft.definition.fn, x, {}), soft.definition.fn(x))
    jac = rowwise(soft.definition.jacobian, x, {})
    assert jac.shape == (*x.shape, 16)
    assert _same(jac[-1], soft.definition.jacobian(x[-1:])[0])


def test_sigmoid_tail_is_subnormal_not_zero():
    x = np.array([-709.0, -720.0, -745.0, -746.0, -math.inf])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # no warning either
        y = sigmoid(x)
    assert y[1] == math.exp(-720.0) and y[2] == math.exp(-745.0) and y[3] == 0.0 == y[4]


def test_threads_do_not_share_scratch_buffers():
    """Each thread borrows its own buffers: concurrent calls give the serial results."""
    import threading

    x = np.random.default_rng(1).standard_normal(2 * BLOCK + 17) * 5
    acts = [actplot.get(n) for n in ("laplace", "tanhshrink", "maxout", "elu")]
    expected = [(a(x), a.grad(x)) for a in acts]
    wrong: list[str] = []

    def work() -> None:
        for _ in range(3):
            for a, (y, g) in zip(acts, expected, strict=True):
                if not (_same(a(x), y) and _same(a.grad(x), g)):
                    wrong.append(a.name)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not wrong
