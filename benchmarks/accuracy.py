"""Accuracy of actplot, PyTorch and JAX (float64) against the mpmath references.

    python benchmarks/accuracy.py [--markdown] [--raw] [--only NAME ...]  # torch, jax optional

For every activation (default parameters) and each of f, f', f'' it evaluates the same grid as
tests/test_accuracy.py (~250 points from 0 and +-1e-300 to +-DBL_MAX, kinks, a fixed-seed
sample; vector activations on ~60 vectors with infinite and far-apart entries) and prints

    excess = max over the grid of (err - 2 cond) ulps, floored at 0

where err = |y - ref| / max(|ref|, 2.2250738585072014e-308) / 2^-52 and cond = |x g'/g| is
the condition number of the quantity g (for vectors: sum_j |x_j dg_i/dx_j| / |g_i|).  err alone
is dominated by conditioning in the tails (a correctly rounded gaussian(26.9) is "1000 ulps"
from a 1-ulp change of x); the excess is what an implementation adds beyond that, the number
tests/test_accuracy.py bounds by 6 for actplot.  --raw prints the plain worst err instead.

Marks: "✗n" n points that are nan, infinite where the value is finite (or the reverse), or
not exactly 0 where the value is exactly 0, left out of the number; "†" a value at an exact
kink or jump that differs from PyTorch's autograd convention, also left out; "n/a" the framework
has no such activation (or no derivative for it); "—" the framework is not installed.
PyTorch derivatives are by autograd (f'' by double backward), JAX's by jax.grad (vmapped);
vector activations give the Jacobian diagonal and d^2 y_i/dx_i^2.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
from mpmath import mpf

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import reference as R  # noqa: E402

import actplot  # noqa: E402

C1 = 2  # the condition-number allowance of tests/test_accuracy.py
ORDERS = ("f", "f'", "f''")

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # optional
    torch = None

try:
    import jax

    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
except ImportError:  # optional
    jax = None


# ------------------------------------------------------------------- the frameworks' names


def torch_fns(p: dict) -> dict[str, Callable]:
    """actplot name -> a function of a float64 tensor, at actplot's parameter values."""
    return {
        "relu": F.relu,
        "relu6": F.relu6,
        "leaky_relu": lambda t: F.leaky_relu(t, p["alpha"]),
        "prelu": lambda t: F.prelu(t, torch.tensor([p["alpha"]], dtype=torch.float64)),
        "rrelu": lambda t: F.rrelu(t, p["lower"], p["upper"], training=False),
        "threshold": lambda t: F.threshold(t, p["threshold"], p["value"]),
        "hardtanh": lambda t: F.hardtanh(t, p["min_val"], p["max_val"]),
        "binary_step": lambda t: torch.heaviside(t, torch.tensor(1.0, dtype=torch.float64)),
        "identity": lambda t: t,
        "elu": lambda t: F.elu(t, p["alpha"]),
        "selu": F.selu,
        "celu": lambda t: F.celu(t, p["alpha"]),
        "sigmoid": torch.sigmoid,
        "hard_sigmoid": F.hardsigmoid,
        "tanh": torch.tanh,
        "softsign": F.softsign,
        "log_sigmoid": F.logsigmoid,
        "arctan": torch.atan,
        "softplus": lambda t: F.softplus(t, p["beta"]),
        "swish": F.silu if p.get("beta") == 1 else None,
        "hardswish": F.hardswish,
        "gelu": lambda t: F.gelu(t, approximate="none"),
        "gelu_tanh": lambda t: F.gelu(t, approximate="tanh"),
        "mish": F.mish,
        "softshrink": lambda t: F.softshrink(t, p["lambd"]),
        "hardshrink": lambda t: F.hardshrink(t, p["lambd"]),
        "tanhshrink": F.tanhshrink,
        "softmax": lambda t: F.softmax(t, dim=-1),
        "softmin": lambda t: F.softmin(t, dim=-1),
        "log_softmax": lambda t: F.log_softmax(t, dim=-1),
    }


def jax_fns(p: dict) -> dict[str, Callable]:
    nn = jax.nn
    return {
        "relu": nn.relu,
        "relu6": nn.relu6,
        "leaky_relu": lambda t: nn.leaky_relu(t, p["alpha"]),
        "hardtanh": nn.hard_tanh if (p.get("min_val"), p.get("max_val")) == (-1, 1) else None,
        "identity": nn.identity,
        "elu": lambda t: nn.elu(t, p["alpha"]),
        "selu": nn.selu,
        "celu": lambda t: nn.celu(t, p["alpha"]),
        "sigmoid": nn.sigmoid,
        "hard_sigmoid": nn.hard_sigmoid,
        "tanh": jnp.tanh,
        "softsign": nn.soft_sign,
        "log_sigmoid": nn.log_sigmoid,
        "arctan": jnp.arctan,
        "softplus": nn.softplus if p.get("beta") == 1 else None,
        "swish": nn.silu if p.get("beta") == 1 else None,
        "hardswish": nn.hard_swish,
        "gelu": lambda t: nn.gelu(t, approximate=False),
        "gelu_tanh": lambda t: nn.gelu(t, approximate=True),
        "mish": nn.mish,
        "squareplus": lambda t: nn.squareplus(t, p["b"]),
        "softmax": lambda t: nn.softmax(t, axis=-1),
        "log_softmax": lambda t: nn.log_softmax(t, axis=-1),
    }


# ------------------------------------------------------------- values and derivatives


def actplot_elementwise(act, x):
    return [act(x), act.grad(x, 1), act.grad(x, 2)]


def actplot_vector(act, vec):
    x = np.array(vec)
    return [act(x), act.grad(x, 1), act.grad(x, 2)]


def torch_elementwise(fn, x):
    """f, f' by autograd, f'' by double backward; None where autograd has no derivative
    (heaviside, hardsigmoid's double backward)."""
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = fn(t)
    out = [y.detach().numpy()]
    try:
        (g1,) = torch.autograd.grad(y.sum(), t, create_graph=True)
    except RuntimeError:
        return [*out, None, None]
    out.append(g1.detach().numpy())
    if not g1.requires_grad:  # f' is constant
        return [*out, np.zeros_like(x)]
    try:
        (g2,) = torch.autograd.grad(g1.sum(), t, allow_unused=True)
    except RuntimeError:
        return [*out, None]
    return [*out, np.zeros_like(x) if g2 is None else g2.numpy()]


def torch_vector(name, fn, vec):
    x = torch.tensor(vec, dtype=torch.float64)
    jac = torch.autograd.functional.jacobian
    j = jac(fn, x)
    t3 = jac(lambda u: jac(fn, u, create_graph=True), x)  # d J_ij / dx_k
    i = torch.arange(len(vec))
    return [fn(x).numpy(), j[i, i].numpy(), t3[i, i, i].numpy()]


def jax_elementwise(fn, x):
    fns = (jax.jit(fn), jax.jit(jax.vmap(jax.grad(fn))), jax.jit(jax.vmap(jax.grad(jax.grad(fn)))))
    return [np.asarray(g(jnp.asarray(x))) for g in fns]


_jitted: dict[str, tuple] = {}  # per activation: jit retraces per vector length by itself


def jax_vector(name, fn, vec):
    if name not in _jitted:
        _jitted[name] = (jax.jit(fn), jax.jit(jax.jacfwd(fn)), jax.jit(jax.hessian(fn)))
    f, j, h = _jitted[name]
    x = jnp.asarray(vec, dtype=jnp.float64)
    i = np.arange(len(vec))
    return [np.asarray(f(x)), np.asarray(j(x))[i, i], np.asarray(h(x))[i, i, i]]


# ------------------------------------------------------------------------------- scoring


class Score:
    """The worst excess (or err) over the points, with counts of wrong and convention-
    breaking points."""

    def __init__(self, where: bool) -> None:
        self.worst = 0.0
        self.at: float | None = None  # the x (or vector) of the worst
        self.wrong = 0
        self.convention = 0
        self.where = where

    def add(self, at, y: float, ref: mpf, cond: mpf, raw: bool, at_kink: bool = False) -> None:
        err = R.ulp_error(y, ref) if ref != 0 else mpf(0) if y == 0 else mpf("inf")
        if at_kink:
            self.convention += err > 8  # a different convention, not a rounding
            return
        if math.isinf(err):
            self.wrong += 1
            return
        value = float(err if raw else max(err - C1 * cond, mpf(0)))
        if value > self.worst:
            self.worst, self.at = value, at

    def __str__(self) -> str:
        text = f"{self.worst:.3g}" if self.worst < 1e4 else f"{self.worst:.1e}".replace("e+", "e")
        if self.where and self.at is not None:
            text += f" @{self.at}"
        if self.wrong:
            text += f" ✗{self.wrong}"
        if self.convention:
            text += " †"
        return text


def exact_kinks(name: str, params: dict) -> dict[float, int]:
    """Kinks and jumps at a float64 x, with the order of the first derivative that jumps."""
    return {float(k): order for k, order in R.kinks(name, params) if float(k) == k}


def _short(vec: list[float]) -> str:
    return "[" + ",".join(f"{v:.3g}" for v in vec) + "]"


def score_elementwise(name, params, impl, opts) -> list[Score | str]:
    xs = R.grid(name, params)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            outs = impl(xs)
    except Exception as e:  # a framework refusing an input is a result too
        return [f"error: {type(e).__name__}"] * 3
    kinks = exact_kinks(name, params)
    raw = opts.raw
    scores: list[Score | str] = []
    for order, ys in enumerate(outs):
        if ys is None:
            scores.append("n/a")
            continue
        s = Score(opts.where)
        for x, y in zip(xs, np.broadcast_to(ys, xs.shape), strict=True):
            ref = R.value(name, float(x), order, params)
            cond = R.cond(name, float(x), order, params, ref)
            s.add(f"{x:.4g}", float(y), ref, cond, raw, order >= kinks.get(float(x), 3))
        scores.append(s)
    return scores


def score_vector(name, impl, refs, opts) -> list[Score | str]:
    raw = opts.raw
    scores = [Score(opts.where) for _ in ORDERS]
    for vec, v in zip(R.vectors(name), refs, strict=True):
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                outs = impl(vec)
        except Exception as e:
            return [f"error: {type(e).__name__}"] * 3
        for s, ys, ref, cond in zip(
            scores, outs, (v.f, v.d1, v.d2), (v.cond_f, v.cond_d1, v.cond_d2), strict=True
        ):
            for y, r, c in zip(np.atleast_1d(ys), ref, cond, strict=True):
                s.add(_short(vec), float(y), r, c, raw)
    return scores


# -------------------------------------------------------------------------------- table


def run(names: list[str], opts: argparse.Namespace) -> list[list[str]]:
    rows = []
    for name in names:
        columns = scores(name, opts)
        for order, label in enumerate(ORDERS):
            rows.append([name if order == 0 else "", label, *(str(c[order]) for c in columns)])
        print(f"  {name}", file=sys.stderr, flush=True)
    return rows


def scores(name: str, opts: argparse.Namespace) -> list[list[Score | str]]:
    """The columns actplot, PyTorch, JAX, each with a score for f, f', f''."""
    act = actplot.get(name)
    p = act.params
    vector = act.kind == "vector"
    tf = torch_fns(p).get(name) if torch else None
    jf = jax_fns(p).get(name) if jax else None
    columns = []
    if vector:
        refs = [R.vector_values(name, vec) for vec in R.vectors(name)]
        columns.append(score_vector(name, lambda v: actplot_vector(act, v), refs, opts))
    else:
        columns.append(score_elementwise(name, p, lambda x: actplot_elementwise(act, x), opts))
    for available, fn, elementwise, vec_impl in (
        (torch is not None, tf, torch_elementwise, torch_vector),
        (jax is not None, jf, jax_elementwise, jax_vector),
    ):
        if not available:
            columns.append(["—"] * 3)
        elif fn is None:
            columns.append(["n/a"] * 3)
        elif vector:
            impl = lambda v, fn=fn, g=vec_impl: g(name, fn, v)
            columns.append(score_vector(name, impl, refs, opts))
        else:
            impl = lambda x, fn=fn, g=elementwise: g(fn, x)
            columns.append(score_elementwise(name, p, impl, opts))
    return columns


def render(rows: list[list[str]], markdown: bool) -> str:
    header = ["activation", "", "actplot", "PyTorch", "JAX"]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * 2 + "---:|" * 3]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    fmt = lambda r: "  ".join(
        c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
    )
    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *map(fmt, rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true", help="a markdown table")
    parser.add_argument("--raw", action="store_true", help="worst err, not err - 2 cond")
    parser.add_argument("--where", action="store_true", help="the x of each worst value")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="these activations only")
    args = parser.parse_args()
    # the gated ones, f(a, b), have no one-input grid: tests/test_accuracy_gated.py measures them
    gated = {n for n in actplot.names() if actplot.REGISTRY[n].kind == "gated"}
    names = [n for n in args.only or actplot.names() if n not in gated]
    start = time.perf_counter()
    rows = run(names, args)
    what = "worst err" if args.raw else "worst err - 2 cond"
    versions = [f"actplot {actplot.__version__}"]
    versions.append(f"PyTorch {torch.__version__}" if torch else "PyTorch not installed")
    versions.append(f"JAX {jax.__version__}" if jax else "JAX not installed")
    print(f"Accuracy in float64 ulps ({what}), default parameters; {', '.join(versions)}.\n")
    print(render(rows, args.markdown))
    print(
        "\n✗n: n points nan, wrongly infinite or not exactly 0; †: a value at a kink that is "
        "not PyTorch's convention; n/a: no such activation or derivative; —: not installed."
    )
    print(f"({time.perf_counter() - start:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
