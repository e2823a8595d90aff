"""Gated activations, f(a, b) of a value a and a gate b, elementwise: the GLU family.

A layer splits its pre-activations in two halves (PyTorch's ``F.glu``: the first half is the
value, the second the gate; LLMs use two projections, ``down(act(gate(x)) * up(x))``) and
multiplies them: f(a, b) = a g(b) for a gate function g (Shazeer 2020, "GLU Variants Improve
Transformer").  Each g is the registered activation of that name, so the gates here are the
ones actplot tests elsewhere, and every partial derivative follows in closed form:
df/da = g(b), df/db = a g'(b), d2f/da2 = 0, d2f/da db = g'(b), d2f/db2 = a g''(b).

The product is IEEE's: an infinite value times a gate that is exactly 0 (relu's left half,
or a gate that underflowed) is nan, as inf * 0 is; a value of 0 times an infinite gate is 0,
the limit along the gate.  GPT-OSS's clamped SwiGLU (``swiglu_oai``) is a function of its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .._blocks import kernel
from ..activation import POSITIVE, Activation, Definition, Notes, Param, Partials
from ..facts import Break, Facts, Interval, point, union
from ..registry import REGISTRY, register
from ._math import indicator, sigmoid, zero
from .smooth import _swish_d2, _swish_slope, _swish_slope_of, _swish_slope_range

FAMILY = "gated"
_MAX = np.finfo(np.float64).max


def _times(a: np.ndarray, g: np.ndarray, own: bool = False) -> np.ndarray:
    """a * g, with 0 * +-inf taken as 0 (a value of 0 gives 0 however large the gate), and
    inf * 0 as IEEE's nan, without a warning.  ``own``: g is a fresh array of the result's
    shape (a kernel's), and the product is made in it."""
    own = own and isinstance(g, np.ndarray) and g.shape == np.shape(a)  # (a 0-d g is a scalar)
    if own and (
        np.isinf(np.fmax.reduce(g, None, initial=0)) or np.isinf(np.fmin.reduce(g, None, initial=0))
    ):
        own = False  # rare: the mend below reads the infinite gate, which must be kept
    with np.errstate(invalid="ignore"):
        out = np.multiply(a, g, out=g) if own else np.asarray(np.multiply(a, g))
    if out.size and np.isnan(np.min(out)):  # rare: look for the 0 * inf only then
        limit = np.isnan(out) & (a == 0) & np.isinf(g)
        out[limit] = 0.0
    return out


def _scaled(facts: Facts, a: float) -> Facts:
    """The facts of a * g(b) as a function of b, from those of g."""
    if a == 0:
        return Facts(point(0.0), monotonic=True)
    parts = []
    for p in facts.range.parts:
        if a > 0:
            parts.append(Interval(a * p.lo, a * p.hi, p.lo_closed, p.hi_closed))
        else:
            parts.append(Interval(a * p.hi, a * p.lo, p.hi_closed, p.lo_closed))
    return Facts(union(parts), facts.monotonic, facts.breaks)


def _product(
    name: str,
    label: str,
    gate: str,
    gate_params: dict[str, float],
    formula: str,
    derivative: str,
    notes: Notes,
    convention: str | None = None,
    slope: Callable[..., np.ndarray] | None = None,
) -> None:
    """Register f(a, b) = a g(b) for the registered activation ``gate`` with ``gate_params``
    (Activation evaluates f(a, b) block by block, so the gate's functions see a block of b).
    ``slope``: g' with the gate's parameters, where one faster than the registered
    activation's is at hand (swish's must match x*sigmoid(x) bit for bit)."""
    g: Activation = REGISTRY[gate].bind(gate_params)
    p = g.params
    fns = [g.definition.fn, *g.definition.derivatives]
    if slope is not None:
        fns[1] = slope

    def times(f):
        # a kernel returns a fresh array, in which the product can be made
        own = getattr(f, "blocked", False)
        return lambda a, b: _times(a, f(b, **p), own)

    fn, d1 = (lambda b, f=f: f(b, **p) for f in fns[:2])
    register(
        Definition(
            name=name,
            label=label,
            family=FAMILY,
            kind="gated",
            formula=formula,
            derivative=derivative,
            fn=times(fns[0]),
            derivatives=(times(fns[1]), times(fns[2])),
            partials=Partials(
                a=lambda a, b: np.broadcast_to(fn(b), np.shape(a)).copy(),
                aa=lambda a, b: zero(a),
                ab=lambda a, b: np.broadcast_to(d1(b), np.shape(a)).copy(),
                formula=gate_formula(formula),
            ),
            facts=lambda a: _scaled(g.facts, a),
            convention=convention,
            notes=notes,
        )
    )


def gate_formula(formula: str) -> str:
    """df/da of a g(b): the formula without its leading ``a\\,``."""
    return formula.removeprefix(r"a\,")


_product(
    "glu",
    "GLU",
    "sigmoid",
    {},
    r"a\,\sigma(b)",
    r"a\,\sigma(b)\,\sigma(-b)",
    Notes(
        summary="The gated linear unit (Dauphin et al. 2017): the value a times the logistic "
        "sigmoid of the gate b.",
        good=(
            "A linear path for the gradient through a (df/da = sigma(b)), which eases training "
            "of deep stacks.",
            "Bounded gate: the output lies between 0 and a.",
        ),
        bad=(
            "Halves the width: a layer's 2n pre-activations give n outputs.",
            "Its gate saturates: df/db = a sigma'(b) is at most a/4 and vanishes for large |b|.",
        ),
        used=(
            "Gated convolutional language models (Dauphin et al.); PyTorch's nn.GLU, "
            "jax.nn.glu, keras.activations.glu, mlx.nn.glu.",
        ),
        mistakes=(
            "PyTorch's F.glu(x) gates the first half by the second: a = x[:n], b = x[n:], "
            "not the other way round.",
            "Plotting GLU of one input (x = a = b) draws swish, x sigma(x), not GLU.",
        ),
    ),
)

_product(
    "bilinear",
    "Bilinear",
    "identity",
    {},
    r"a\,b",
    r"a",
    Notes(
        summary="The bilinear unit: the product a b of value and gate, a GLU without a "
        "nonlinearity on the gate (Shazeer 2020).",
        good=("Cheapest of the family; in Shazeer's experiments it still beat a ReLU layer.",),
        bad=(
            "Unbounded in both inputs; its output grows like the product of two "
            "pre-activations, which can overflow in low precision.",
        ),
        used=("Shazeer's 'GLU Variants Improve Transformer'; bilinear layers in research.",),
        mistakes=(
            "It is not linear: f(a, b) = a b is linear in each input alone, quadratic together.",
        ),
    ),
)

_product(
    "reglu",
    "ReGLU",
    "relu",
    {},
    r"a\,\max(0,\ b)",
    r"a\ \mathrm{if}\ b > 0\ \mathrm{else}\ 0",
    Notes(
        summary="The value a gated by ReLU of the gate b (Shazeer 2020).",
        good=("Cheap: no exponential; sparse: f = 0 wherever b <= 0.",),
        bad=(
            "Dead gates: df/db = 0 and df/da = 0 for every b <= 0.",
            "A kink along b = 0.",
        ),
        used=("Shazeer's GLU variants; some T5 variants.",),
        mistakes=("df/db at b = 0 is a convention: actplot takes a relu'(0) = 0, as PyTorch.",),
    ),
    convention="df/db at b = 0 is a relu'(0) = 0 and d2f/da db = 0 there, as PyTorch's autograd.",
)

_product(
    "geglu",
    "GeGLU",
    "gelu",
    {},
    r"a\,b\,\Phi(b)",
    r"a\,(\Phi(b) + b\,\varphi(b))",
    Notes(
        summary="The value a gated by the exact (erf) GELU of the gate b (Shazeer 2020).",
        good=(
            "With SwiGLU, the best of the GLU variants in Shazeer's experiments.",
            "Smooth in both inputs.",
        ),
        bad=(
            "erf is costly; many implementations use GELU's tanh form instead, which differs "
            "by up to 4.7e-4 per unit of a.",
        ),
        used=("T5 v1.1, Gemma (with GELU's tanh form), many encoder models.",),
        mistakes=("Gemma's 'gelu' in a GeGLU is the tanh approximation, not this exact one.",),
    ),
)

_product(
    "swiglu",
    "SwiGLU",
    "swish",
    {"beta": 1.0},
    r"a\,b\,\sigma(b)",
    r"a\,(\sigma(b) + b\,\sigma(b)\,\sigma(-b))",
    Notes(
        summary="The value a gated by swish (SiLU, beta = 1) of the gate b (Shazeer 2020): "
        "the feed-forward activation of most large language models.",
        good=(
            "With GeGLU, the best of Shazeer's GLU variants in perplexity; smooth in both inputs.",
            "The gate passes small negative values: gradients flow for b < 0.",
        ),
        bad=(
            "Three weight matrices instead of two; models shrink the hidden width by 2/3 "
            "to keep the parameter count.",
            "Not monotonic in b: at a = 1 its minimum is -0.2785 at b = -1.2785.",
        ),
        used=("LLaMA, Mistral, Qwen, PaLM and most open large language models.",),
        mistakes=(
            "In Hugging Face models the gate is act(gate_proj(x)) and the value up_proj(x): "
            "the swish is on the gate, not on the value.",
            "SwiGLU is not swish of a layer: it needs two inputs, and x = a = b gives "
            "x^2 sigma(x).",
        ),
    ),
    slope=_swish_slope,
)

_product(
    "seglu",
    "SeGLU",
    "selu",
    {},
    r"a\,\mathrm{selu}(b)",
    r"a\,\mathrm{selu}'(b)",
    Notes(
        summary="The value a gated by SELU of the gate b: a GLU variant of torch-activation "
        "and ActTensor.",
        good=("No dead gates: selu'(b) > 0 everywhere.",),
        bad=(
            "Rare: no large model is known to use it.",
            "A kink along b = 0, where selu' jumps from 1.7581 to 1.0507.",
        ),
        used=("Activation libraries (torch-activation's SeGLU); research comparisons.",),
    ),
    convention="df/db at b = 0 is a selu'(0) = a lambda alpha, the left derivative, and "
    "d2f/db2 there is 0, as PyTorch's autograd gives for selu.",
)


# GPT-OSS's clamped SwiGLU ------------------------------------------------------------------------

LAMBERT_W_1_E = 0.27846454276107379511  # W(1/e): swish's minimum is -W(1/e)/beta


# The gate h(min(b, L)) and its derivatives in b, h = swish with beta = alpha, as kernels; the
# derivatives are 0 right of L (dm/db = 0 there), a mask [b <= L] of 1.0 or 0.0: PyTorch's
# clamp passes the gradient at its bound.


@kernel(scratch=2, keeps_nan=True)
def _oai_gate(
    b: np.ndarray, out: np.ndarray, m: np.ndarray, d: np.ndarray, alpha: float, limit: float
) -> None:
    """m sigma(alpha m), m = min(b, L), kept above -MAX (at -inf, -inf * 0: the limit -0.0)."""
    np.clip(b, -_MAX, limit, out=m)
    np.multiply(m, alpha, out=out)
    sigmoid.body(out, out, d)  # (sigmoid's body reads its input only in its first step)
    out *= m


@kernel(scratch=2, keeps_nan=True)
def _oai_gate_d1(
    b: np.ndarray, out: np.ndarray, z: np.ndarray, d: np.ndarray, alpha: float, limit: float
) -> None:
    np.clip(b, *_swish_slope_range(alpha, limit), out=z)  # the gate's clamp and the slope's
    z *= alpha
    _swish_slope_of(z, out, d)
    np.less_equal(b, limit, out=z)
    out *= z


@kernel(scratch=3, keeps_nan=True)
def _oai_gate_d2(
    b: np.ndarray,
    out: np.ndarray,
    m: np.ndarray,
    e: np.ndarray,
    d: np.ndarray,
    alpha: float,
    limit: float,
) -> None:
    np.clip(b, -np.inf, limit, out=m)
    _swish_d2.body(m, out, e, d, alpha)
    np.less_equal(b, limit, out=m)
    out *= m


def _oai(a: np.ndarray, b: np.ndarray, alpha: float, limit: float) -> np.ndarray:
    return _oai_d(0, False)(a, b, alpha, limit)


def _oai_d(k: int, wrt_a: bool):
    """The derivative of order k in b of c(a) h(m) (or c'(a) h(m)), c = clip(a, -limit, limit)
    + 1, m = min(b, limit), h = swish with beta = alpha; c' is 1 on the closed interval
    (PyTorch's clamp passes the gradient at its bounds), and so is dm/db, for b <= limit."""
    gate = (_oai_gate, _oai_gate_d1, _oai_gate_d2)[k]

    def d(a: np.ndarray, b: np.ndarray, alpha: float, limit: float) -> np.ndarray:
        y = gate(b, alpha, limit)  # a fresh array (or a scalar), in which the product is made
        if wrt_a:
            y *= indicator(np.abs(a) <= limit)
        else:
            c = np.clip(a, -limit, limit)
            c += 1.0
            y *= c
        return y

    return d


def _oai_facts(a: float, alpha: float, limit: float) -> Facts:
    c = min(max(a, -limit), limit) + 1.0
    if c == 0:
        return Facts(point(0.0), monotonic=True)
    low = -LAMBERT_W_1_E / alpha  # swish's minimum, at b = -(1 + W(1/e))/alpha < 0 < limit
    high = limit / (1.0 + math.exp(-alpha * limit))  # at b = limit and beyond
    lo, hi = sorted((c * low, c * high))
    return Facts(Interval(lo, hi, True, True), monotonic=False, breaks=(Break(limit, 1),))


register(
    Definition(
        name="swiglu_oai",
        label="SwiGLU (GPT-OSS)",
        family=FAMILY,
        kind="gated",
        formula=r"(\mathrm{clip}(a, -L, L) + 1)\,\min(b, L)\,\sigma(\alpha \min(b, L))",
        derivative=r"(\mathrm{clip}(a, -L, L) + 1)\,h'(b)\ \mathrm{if}\ b \leq L\ "
        r"\mathrm{else}\ 0,\ h(b) = b\,\sigma(\alpha b)",
        fn=_oai,
        derivatives=(_oai_d(1, False), _oai_d(2, False)),
        partials=Partials(
            a=_oai_d(0, True),
            aa=lambda a, b, alpha, limit: zero(a),
            ab=_oai_d(1, True),
            formula=r"\min(b, L)\,\sigma(\alpha \min(b, L))\ \mathrm{if}\ |a| \leq L\ "
            r"\mathrm{else}\ 0",
        ),
        params=(
            Param(
                "alpha",
                1.702,
                "gate sharpness (1.702: the gate is quick GELU, b sigma(1.702 b))",
                POSITIVE,
            ),
            Param("limit", 7.0, "the gate is clamped above at L, the value to [-L, L]", POSITIVE),
        ),
        facts=_oai_facts,
        convention="At the clamps (b = L, a = +-L) the derivative is the inside one, as "
        "PyTorch's clamp passes the gradient at its bounds: df/db(a, L) = (a + 1) h'(L).",
        notes=Notes(
            summary="GPT-OSS's SwiGLU: the gate b clamped above at 7 and gated by "
            "b sigma(1.702 b), times the value a clamped to [-7, 7] plus 1.",
            good=(
                "The clamps bound the output to [-6, 8] times the gate's range, which keeps "
                "activations finite in low precision (mxfp4 experts).",
                "The +1 lets the value scale the gate around 1: a = 0 passes the gate through.",
            ),
            bad=(
                "Hard saturation: df/db = 0 for b > 7 and df/da = 0 for |a| > 7.",
                "Not the SwiGLU of LLaMA: alpha = 1.702 and the +1 change its shape.",
            ),
            used=("OpenAI's gpt-oss models (swiglu_alpha = 1.702, swiglu_limit = 7).",),
            mistakes=(
                "The gate is the clamped-above half (x_glu, even features), the value the "
                "clamped-both-ways one (x_linear, odd features), interleaved, not two halves.",
                "The +1 is added to the value after clamping: (clip(a) + 1), not clip(a + 1).",
            ),
        ),
    )
)
