"""Running a framework's own function: its values and its autodiff's first and second
derivatives, elementwise, in float64 or float32, as numpy arrays.

Each framework is imported only when asked for; none is a dependency of actplot (the optional
extra ``actplot[check]`` installs them).  A framework that is not installed gives None from
:func:`version`; any failure inside a framework is the caller's to report, not to raise.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
from collections.abc import Callable
from typing import Any

import numpy as np

DTYPES = ("float64", "float32")  # what each framework is run in

# The frameworks the check runs: their import name, their prefix in the name table, and the
# distributions that may carry the version (the first one installed does).
RUNNABLE = {
    "torch": ("torch", "torch"),
    "jax": ("jax", "jax"),
    "tensorflow": ("tf", "tensorflow", "tensorflow-cpu", "tensorflow-intel", "tf-nightly"),
    "mlx": ("mlx", "mlx"),
}

Derivatives = tuple[np.ndarray, np.ndarray, np.ndarray | None]  # f, f', f'' (None: refused)


def version(module: str) -> str | None:
    """The installed version of a framework, or None if it is not installed."""
    if importlib.util.find_spec(module) is None:
        return None
    for distribution in RUNNABLE[module][1:]:
        try:
            return importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "unknown version"


def _attribute(path: str, roots: dict[str, str]) -> Any:
    """``torch.nn.functional.gelu`` -> the object; ``tf.nn.gelu`` with roots {"tf":
    "tensorflow"} imports tensorflow."""
    head, _, rest = path.partition(".")
    obj = importlib.import_module(roots.get(head, head))
    for part in rest.split("."):
        obj = getattr(obj, part)
    return obj() if isinstance(obj, type) else obj  # a module class: its default instance


def _on_first_logit(fn: Any, stack: Any, zeros_like: Any, axis: str) -> Any:
    """A vector function as a function of its first logit, the other 0, as actplot's
    ``Activation.evaluate`` sees it: softmax([x, 0])[0], logsumexp([x, 0])."""

    def first(t: Any) -> Any:
        y = fn(stack([t, zeros_like(t)], -1), **{axis: -1})
        return y[..., 0] if len(y.shape) > len(t.shape) else y  # logsumexp reduces the axis

    return first


def _torch(call: str, x: np.ndarray, dtype: str, vector: bool = False) -> Derivatives:
    import torch

    fn = _attribute(call, {})
    if vector:
        fn = _on_first_logit(fn, torch.stack, torch.zeros_like, "dim")
    t = torch.tensor(x, dtype=getattr(torch, dtype), requires_grad=True)
    y = fn(t)
    (g,) = torch.autograd.grad(y.sum(), t, create_graph=True)
    g2: Any
    if not g.requires_grad:  # f' does not depend on x: autograd's f'' is 0
        g2 = torch.zeros_like(t)
    else:
        try:
            (g2,) = torch.autograd.grad(g.sum(), t, allow_unused=True)
            g2 = torch.zeros_like(t) if g2 is None else g2
        except RuntimeError:  # "derivative for aten::hardsigmoid_backward is not implemented"
            g2 = None
    out = lambda v: v.detach().to(torch.float64).numpy()
    return out(y), out(g), None if g2 is None else out(g2)


def _jax(call: str, x: np.ndarray, dtype: str, vector: bool = False) -> Derivatives:
    import jax
    import jax.numpy as jnp

    fn = _attribute(call, {})
    if vector:
        fn = _on_first_logit(fn, jnp.stack, jnp.zeros_like, "axis")
    d1 = jax.grad(fn)
    d2 = jax.grad(d1)
    out = lambda v: np.asarray(v, dtype=np.float64)
    # float64 needs x64, off by default: on only inside this block (older jax has the context
    # manager in jax.experimental), so the caller's jax and its float32 defaults are untouched
    x64 = (
        jax.enable_x64
        if hasattr(jax, "enable_x64")
        else importlib.import_module("jax.experimental").enable_x64
    )
    with x64(True):
        xs = jnp.asarray(x, dtype=dtype)
        return out(fn(xs)), out(jax.vmap(d1)(xs)), out(jax.vmap(d2)(xs))


def _tensorflow(call: str, x: np.ndarray, dtype: str, vector: bool = False) -> Derivatives:
    import tensorflow as tf

    fn = _attribute(call, {"tf": "tensorflow"})
    if vector:
        fn = _on_first_logit(fn, tf.stack, tf.zeros_like, "axis")
    t = tf.Variable(x, dtype=getattr(tf, dtype))
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            # tf.nn.crelu concatenates relu(x) and relu(-x): the first half is actplot's crelu
            y = fn(t)[..., : len(x)]
        g = inner.gradient(y, t)
    out = lambda v: np.asarray(v.numpy(), dtype=np.float64)
    try:
        g2 = outer.gradient(g, t)
    except LookupError:  # "gradient registry has no entry for: SoftsignGrad": f'' refused
        return out(y), out(g), None
    return out(y), out(g), np.zeros_like(x) if g2 is None else out(g2)


def _mlx(call: str, x: np.ndarray, dtype: str, vector: bool = False) -> Derivatives:
    import mlx.core as mx

    fn = _attribute(call, {})
    if vector:
        fn = _on_first_logit(fn, mx.stack, mx.zeros_like, "axis")
    xs = mx.array(x.astype(dtype))
    d1 = mx.grad(lambda v: fn(v).sum())
    d2 = mx.grad(lambda v: d1(v).sum())
    with mx.stream(mx.cpu):  # float64 is CPU only
        y, g, g2 = fn(xs), d1(xs), d2(xs)
    out = lambda v: np.asarray(v.astype(mx.float32 if dtype == "float32" else mx.float64))
    return out(y).astype(np.float64), out(g).astype(np.float64), out(g2).astype(np.float64)


RUNNERS: dict[str, Callable[..., Derivatives]] = {
    "torch": _torch,
    "jax": _jax,
    "tensorflow": _tensorflow,
    "mlx": _mlx,
}


# Each framework's relu: its value at the smallest subnormal shows whether it flushes them
RELU = {
    "torch": "torch.nn.functional.relu",
    "jax": "jax.nn.relu",
    "tensorflow": "tf.nn.relu",
    "mlx": "mlx.nn.relu",
}


def flushes_subnormals(module: str) -> tuple[str, ...]:
    """The dtypes in which ``module`` computes with subnormals as zero (XLA and tensorflow on
    CPU do: their relu(5e-324) is 0), as measured here; a failure counts as not."""
    out = []
    for dtype in DTYPES:
        tiny = float(np.nextafter(np.zeros(1, dtype=dtype), 1)[0])
        try:
            # an array as the grid's (tensorflow keeps the subnormal of a one-element array)
            x = np.array([tiny, *range(1, 64)], dtype=np.float64)
            if evaluate(module, RELU[module], x, dtype)[0][0] == 0.0:
                out.append(dtype)
        except Exception:  # the check reports the framework's failures, not this probe
            pass
    return tuple(out)


def evaluate(
    module: str, call: str, x: np.ndarray, dtype: str, vector: bool = False
) -> Derivatives:
    """f, f' and f'' of the framework's ``call`` at ``x`` in ``dtype``, as float64 arrays.
    ``vector``: a function over the last axis (softmax), run on the rows [x, 0] and read as
    a function of the first logit, its derivatives those in it (as actplot's ``evaluate``)."""
    with np.errstate(all="ignore"):  # the framework's numerics, not actplot's
        return RUNNERS[module](call, np.asarray(x, dtype=np.float64), dtype, vector)
