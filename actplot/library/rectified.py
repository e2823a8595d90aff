"""Rectified and piecewise-linear activations: ReLU and its relatives, steps and the identity.

Derivative conventions at kinks follow PyTorch's autograd; each definition states its own.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from .._blocks import kernel
from ..activation import NONNEGATIVE, Definition, Notes, Param
from ..facts import Break, Facts, Interval, point, union
from ..registry import register
from ._math import choose, indicator, mask_above, mask_below, pick, relu, zero

FAMILY = "rectified"
INF = math.inf

_NOT_OUTPUT = (
    "ReLU and Swish are not activations 'for multi-class classification', nor sigmoid and tanh "
    "'for binary classification': a hidden layer's activation does not depend on the number of "
    "classes; only the output layer does (sigmoid for two classes, softmax for more)."
)


@kernel(scratch=1, keeps_nan=True)
def _leaky(x: np.ndarray, out: np.ndarray, low: np.ndarray, alpha: float) -> None:
    """x where x >= 0, alpha x where x < 0: so -0.0 at -0.0, as in PyTorch and JAX."""
    if 0 < alpha <= 1:
        # max(x, alpha x): alpha x lies between x and 0, so it is the same, in two passes
        np.multiply(x, alpha, out=out)
        np.maximum(x, out, out=out)
    else:  # a zero slope is flat out to -inf: 0, not 0 * -inf
        slope = np.multiply(x, alpha, out=out) if alpha != 0 else 0.0
        pick(mask_below(x, 0.0, low), slope, x, out)


@kernel(scratch=1, keeps_nan=True)
def _rrelu(x: np.ndarray, out: np.ndarray, low: np.ndarray, lower: float, upper: float) -> None:
    _leaky.body(x, out, low, alpha=(lower + upper) / 2)  # the mean slope


def _leaky_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    return choose(x > 0, 1.0, alpha)


def _leaky_facts(slope: float) -> Facts:
    """Range, monotonicity and kink of max(0, x) + slope * min(0, x)."""
    breaks = () if slope == 1 else (Break(0.0, 1),)
    if slope > 0:
        return Facts(Interval(-INF, INF), monotonic=True, breaks=breaks)
    return Facts(Interval(0.0, INF, lo_closed=True), monotonic=slope == 0, breaks=breaks)


# relu ------------------------------------------------------------------------------------------

register(
    Definition(
        name="relu",
        label="ReLU",
        family=FAMILY,
        formula=r"\max(0,\ x)",
        derivative=r"1\ \mathrm{if}\ x > 0\ \mathrm{else}\ 0",
        fn=relu,
        derivatives=(lambda x: indicator(x > 0), zero),
        facts=lambda: Facts(
            Interval(0.0, INF, lo_closed=True), monotonic=True, breaks=(Break(0.0, 1),)
        ),
        convention="relu'(0) = 0, the left derivative, as in PyTorch and JAX.",
        notes=Notes(
            summary="Passes positive inputs unchanged and zeroes negative ones.",
            good=(
                "Cheap: one comparison, no exponential.",
                "Its derivative is exactly 1 for x > 0, so the active path does not shrink "
                "gradients layer after layer as sigmoid's (at most 0.25) does.",
                "Sparse activations: units with negative input output exactly 0.",
            ),
            bad=(
                "Dead units: f' = 0 for every x <= 0 (hard saturation on the left); a unit whose "
                "input is negative for the whole data set gets no gradient and stops learning. "
                "A large learning rate makes this common.",
                "Not zero-centred: outputs are never negative.",
                "Not differentiable at 0 (a kink); the derivative there is a convention.",
            ),
            used=("The default for hidden layers of MLPs and CNNs.",),
            mistakes=(
                "relu'(x) = 1 for x >= 0 is one choice at the kink; PyTorch, JAX and actplot take "
                "relu'(0) = 0 (`actplot info relu`).",
                "ReLU does not 'solve' vanishing gradients: its gradient is 0 on the whole negative "
                "half-line (`actplot grad relu`); it only stops the active path from shrinking them.",
                "'About 50% of units output 0' holds only for inputs symmetric about 0.",
                "A dead unit is not always dead for good: its input also depends on earlier layers, "
                "which keep learning.",
                _NOT_OUTPUT,
            ),
        ),
    )
)


@kernel(keeps_nan=True)
def _relu6(x: np.ndarray, out: np.ndarray) -> None:
    np.clip(x, 0.0, 6.0, out=out)


# relu6 -----------------------------------------------------------------------------------------

register(
    Definition(
        name="relu6",
        label="ReLU6",
        family=FAMILY,
        formula=r"\min(\max(0,\ x),\ 6)",
        derivative=r"1\ \mathrm{if}\ 0 < x < 6\ \mathrm{else}\ 0",
        fn=_relu6,
        derivatives=(lambda x: indicator((x > 0) & (x < 6)), zero),
        facts=lambda: Facts(
            Interval(0.0, 6.0, True, True), monotonic=True, breaks=(Break(0.0, 1), Break(6.0, 1))
        ),
        convention="relu6'(0) = relu6'(6) = 0: the derivative is 1 only strictly between 0 and 6, "
        "as in PyTorch.",
        notes=Notes(
            summary="ReLU capped at 6.",
            good=("Bounded output, which suits low-precision (quantised) inference.",),
            bad=("Dead zones on both sides: f' = 0 for x <= 0 and for x >= 6.",),
            used=("MobileNet v1 and v2.",),
        ),
    )
)

# leaky_relu, prelu, rrelu ----------------------------------------------------------------------

register(
    Definition(
        name="leaky_relu",
        label="LeakyReLU",
        family=FAMILY,
        formula=r"\max(0,\ x) + \alpha\,\min(0,\ x)",
        derivative=r"1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha",
        fn=_leaky,
        derivatives=(_leaky_d1, zero),
        params=(Param("alpha", 0.01, "slope for negative inputs", sweep=(0.01, 0.1, 0.3)),),
        facts=lambda alpha: _leaky_facts(alpha),
        convention="leaky_relu'(0) = alpha, the left derivative, as in PyTorch.",
        notes=Notes(
            summary="ReLU with a small slope alpha (0.01) for negative inputs.",
            good=(
                "No dead zone: the gradient is alpha, not 0, for negative inputs.",
                "As cheap as ReLU.",
            ),
            bad=(
                "Not smooth at 0; alpha is one more hyperparameter.",
                "Gradients through negative inputs are still multiplied by alpha (0.01) per layer.",
            ),
            used=(
                "Hidden layers where dead ReLUs are a problem; GAN discriminators (alpha = 0.2).",
            ),
            mistakes=(
                "Leaky ReLU does not remove vanishing gradients: a negative input passes only 1% of "
                "its gradient, 1e-20 after ten such layers (`actplot compare leaky_relu --layers 10`).",
                "max(alpha x, x) equals the piecewise definition only for alpha <= 1.",
            ),
        ),
    )
)

register(
    Definition(
        name="prelu",
        label="PReLU",
        family=FAMILY,
        formula=r"\max(0,\ x) + \alpha\,\min(0,\ x)",
        derivative=r"1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha",
        fn=_leaky,
        derivatives=(_leaky_d1, zero),
        params=(
            Param(
                "alpha",
                0.25,
                "slope for negative inputs, learned in training",
                sweep=(0.1, 0.25, 0.5),
            ),
        ),
        facts=lambda alpha: _leaky_facts(alpha),
        convention="prelu'(0) = alpha, the left derivative, as in PyTorch.",
        notes=Notes(
            summary="Leaky ReLU whose negative slope alpha is learned (He et al. 2015; initial 0.25).",
            good=("The network picks the negative slope, per channel if it likes.",),
            bad=("A few more parameters; a learned slope can overfit small data sets.",),
            used=("CNNs for image classification (it first beat human-level ImageNet error).",),
            mistakes=(
                "PReLU is not defined by its value of alpha: with alpha = 0 it computes ReLU, with "
                "a fixed small alpha Leaky ReLU; a learned alpha is what makes it PReLU, whatever "
                "its sign.",
            ),
        ),
    )
)


def _rrelu_check(lower: float, upper: float) -> str | None:
    return None if lower <= upper else f"lower ({lower:g}) must not exceed upper ({upper:g})"


register(
    Definition(
        name="rrelu",
        label="RReLU",
        family=FAMILY,
        formula=r"\max(0,\ x) + \frac{l + u}{2}\,\min(0,\ x)",
        derivative=r"1\ \mathrm{if}\ x > 0\ \mathrm{else}\ \frac{l + u}{2}",
        fn=_rrelu,
        derivatives=(lambda x, lower, upper: _leaky_d1(x, (lower + upper) / 2), zero),
        params=(
            Param(
                "lower",
                1 / 8,
                "smallest random negative slope (l)",
                NONNEGATIVE,
                sweep=(0.0, 1 / 8, 1 / 4),
            ),
            Param("upper", 1 / 3, "largest random negative slope (u)", NONNEGATIVE),
        ),
        check=_rrelu_check,
        band=lambda x, lower, upper: (_leaky(x, alpha=upper), _leaky(x, alpha=lower)),
        facts=lambda lower, upper: _leaky_facts((lower + upper) / 2),
        convention="Evaluated at the mean slope (l + u)/2, as PyTorch does in evaluation mode; "
        "rrelu'(0) = (l + u)/2, the left derivative.",
        notes=Notes(
            summary="Leaky ReLU whose negative slope is drawn uniformly from [l, u] during training.",
            good=("The random slope acts as a regulariser (Xu et al. 2015).",),
            bad=("Training and evaluation behave differently.",),
            used=("Small-data image classification (Kaggle NDSB).",),
        ),
    )
)

# threshold, hardtanh ---------------------------------------------------------------------------


@kernel(scratch=1)
def _threshold(
    x: np.ndarray, out: np.ndarray, m: np.ndarray, threshold: float, value: float
) -> None:
    """x where x > t, v elsewhere, chosen bit for bit (no np.where: see mask_above)."""
    pick(mask_above(x, threshold, m), x, value, out)


def _threshold_facts(threshold: float, value: float) -> Facts:
    """x for x > t, v at and below: the value v, and (t, inf), which holds v when v > t."""
    jump = Break(threshold, 0 if value != threshold else 1)
    taken = union([point(value), Interval(threshold, INF)])
    return Facts(taken, monotonic=value <= threshold, breaks=(jump,))


register(
    Definition(
        name="threshold",
        label="Threshold",
        family=FAMILY,
        formula=r"x\ \mathrm{if}\ x > t\ \mathrm{else}\ v",
        derivative=r"1\ \mathrm{if}\ x > t\ \mathrm{else}\ 0",
        fn=_threshold,
        derivatives=(lambda x, threshold, value: indicator(x > threshold), zero),
        params=(
            Param("threshold", 1.0, "inputs above t pass through (t)", sweep=(0.0, 1.0, 2.0)),
            Param("value", 0.0, "the output for inputs at or below t (v)"),
        ),
        facts=_threshold_facts,
        convention="threshold'(t) = 0 (x = t takes the constant piece), as in PyTorch; the jump "
        "itself has no derivative (a Dirac delta), so autograd and actplot give 0 there.",
        notes=Notes(
            summary="Passes x above a threshold t, replaces the rest by a constant v (torch.nn.Threshold).",
            good=("Cheap hard gating of small values.",),
            bad=("Jumps at t when v != t: no gradient through the jump, none below it.",),
            used=("Rare: hand-built gating and old-style thresholded units.",),
        ),
    )
)


@kernel(keeps_nan=True)
def _hardtanh(x: np.ndarray, out: np.ndarray, min_val: float, max_val: float) -> None:
    np.clip(x, min_val, max_val, out=out)


def _hardtanh_check(min_val: float, max_val: float) -> str | None:
    return (
        None if min_val < max_val else f"min_val ({min_val:g}) must be below max_val ({max_val:g})"
    )


register(
    Definition(
        name="hardtanh",
        label="Hardtanh",
        family=FAMILY,
        formula=r"\min(\max(x,\ a),\ b)",
        derivative=r"1\ \mathrm{if}\ a < x < b\ \mathrm{else}\ 0",
        fn=_hardtanh,
        derivatives=(lambda x, min_val, max_val: indicator((x > min_val) & (x < max_val)), zero),
        params=(
            Param("min_val", -1.0, "lower bound of the output (a)", sweep=(-2.0, -1.0, -0.5)),
            Param("max_val", 1.0, "upper bound of the output (b)"),
        ),
        check=_hardtanh_check,
        facts=lambda min_val, max_val: Facts(
            Interval(min_val, max_val, True, True),
            monotonic=True,
            breaks=(Break(min_val, 1), Break(max_val, 1)),
        ),
        convention="hardtanh' at min_val and at max_val = 0: the derivative is 1 only strictly "
        "inside, as in PyTorch.",
        notes=Notes(
            summary="The identity clipped to [a, b]: a piecewise-linear tanh.",
            good=("Cheap, bounded and zero-centred.",),
            bad=("Hard saturation on both sides: f' = 0 outside (a, b).",),
            used=("Low-power and quantised networks; clipping in RNNs.",),
        ),
    )
)

# maxout ----------------------------------------------------------------------------------------


def _piece(x: np.ndarray, w: float, b: float, out: np.ndarray) -> np.ndarray:
    """w x + b into out; b alone (as 0 + b) where w = 0, also at x = +-inf (see scale)."""
    if w == 0:
        out.fill(0.0 + b)
        return out
    np.multiply(x, w, out=out)
    out += b
    return out


@kernel(scratch=1)  # pieces of slope 0 do not see x: a nan can be lost in them
def _maxout(
    x: np.ndarray,
    out: np.ndarray,
    piece: np.ndarray,
    slopes: tuple[float, ...],
    intercepts: tuple[float, ...],
) -> None:
    _piece(x, slopes[0], intercepts[0], out)
    for w, b in zip(slopes[1:], intercepts[1:], strict=True):
        np.maximum(out, _piece(x, w, b, piece), out=out)


@kernel(scratch=3)
def _maxout_d1(
    x: np.ndarray,
    out: np.ndarray,
    best: np.ndarray,
    piece: np.ndarray,
    m: np.ndarray,
    slopes: tuple[float, ...],
    intercepts: tuple[float, ...],
) -> None:
    """The slope of the first piece among ties, one piece at a time (an argmax over the
    stacked pieces reads them across, a cache miss per element)."""
    # intercepts + 0.0: no piece is -0.0, which mask_above would take for less than +0.0
    _piece(x, slopes[0], intercepts[0] + 0.0, best)
    out.fill(slopes[0])
    slope, change = out.view(np.int64), piece.view(np.int64)
    last = len(slopes) - 1
    for k, (w, b) in enumerate(zip(slopes[1:], intercepts[1:], strict=True), start=1):
        with np.errstate(invalid="ignore"):  # inf - inf at x = +-inf: mended below
            above = mask_above(_piece(x, w, b + 0.0, piece), best, m)  # piece > best
        if k < last:  # the best value itself is not needed after the last piece
            np.maximum(best, piece, out=best)
        # slope ^= (slope ^ w) & above: w where the piece is above, the slope so far elsewhere
        np.bitwise_xor(slope, np.float64(w).view(np.int64), out=change)
        change &= above
        slope ^= change
    with np.errstate(invalid="ignore", over="ignore"):
        total = np.add.reduce(x)  # a cheap look for an infinity: inf, -inf or nan
    if not np.isfinite(total):  # (or a nan, or a sum beyond the range: looked at, no harm)
        # at +-inf several pieces are infinite: the limit is the steepest (or flattest) slope
        np.copyto(out, max(slopes), where=x == np.inf)
        np.copyto(out, min(slopes), where=x == -np.inf)


def _maxout_check(slopes: tuple[float, ...], intercepts: tuple[float, ...]) -> str | None:
    if len(slopes) != len(intercepts):
        return f"needs as many intercepts as slopes (got {len(intercepts)} and {len(slopes)})"
    if not 1 <= len(slopes) <= 8:
        return f"takes 1 to 8 linear pieces, got {len(slopes)}"
    return None


def _envelope(slopes: tuple[float, ...], intercepts: tuple[float, ...], x: float) -> float:
    return max(w * x + b for w, b in zip(slopes, intercepts, strict=True))


def _maxout_kinks(slopes: tuple[float, ...], intercepts: tuple[float, ...]) -> list[float]:
    """Where the upper envelope max_k (w_k x + b_k) changes slope."""
    kinks = set()
    for (w1, b1), (w2, b2) in itertools.combinations(zip(slopes, intercepts, strict=True), 2):
        if w1 == w2:
            continue
        x = (b1 - b2) / (w2 - w1)
        top = _envelope(slopes, intercepts, x)
        tol = 1e-12 * max(1.0, abs(top))
        if abs(w1 * x + b1 - top) <= tol and abs(w2 * x + b2 - top) <= tol:
            kinks.add(x)
    return sorted(kinks)


def _maxout_facts(slopes: tuple[float, ...], intercepts: tuple[float, ...]) -> Facts:
    wmin, wmax = min(slopes), max(slopes)
    flat = max((b for w, b in zip(slopes, intercepts, strict=True) if w == 0), default=None)
    # the limit at -inf is set by the smallest slope, at +inf by the largest
    left = INF if wmin < 0 else -INF if wmin > 0 else flat
    right = INF if wmax > 0 else -INF if wmax < 0 else flat
    kinks = _maxout_kinks(slopes, intercepts)
    if -INF in (left, right):
        lo, lo_closed = -INF, False
    else:  # convex and bounded below: the minimum is attained, at a kink or on a flat piece
        values = [_envelope(slopes, intercepts, k) for k in kinks]
        lo, lo_closed = min(values + [v for v in (left, right) if v != INF]), True
    hi, hi_closed = (INF, False) if INF in (left, right) else (flat, True)
    return Facts(
        Interval(lo, hi, lo_closed, hi_closed),
        monotonic=wmin >= 0 or wmax <= 0,
        breaks=tuple(Break(k, 1) for k in kinks),
    )


register(
    Definition(
        name="maxout",
        label="Maxout",
        family=FAMILY,
        formula=r"\max_k\,(w_k\,x + b_k)",
        derivative=r"w_{k^*},\ \ k^* = \mathrm{argmax}_k\,(w_k\,x + b_k)",
        fn=_maxout,
        derivatives=(_maxout_d1, zero),
        params=(
            Param("slopes", (-0.5, 0.5, 2.0), "slopes w_k of the linear pieces"),
            Param("intercepts", (-1.0, 0.0, -3.0), "intercepts b_k of the linear pieces"),
        ),
        check=_maxout_check,
        facts=_maxout_facts,
        convention="At a kink the derivative is the slope of the first listed piece among those "
        "attaining the maximum (numpy's argmax).",
        notes=Notes(
            summary="The maximum of k linear pieces (Goodfellow et al. 2013). In a network the pieces "
            "are learned per unit; here they are parameters, to show the shape.",
            good=(
                "A convex piecewise-linear function of any shape: with enough pieces it approximates "
                "any convex function; ReLU, leaky ReLU and |x| are special cases.",
                "Pieces with nonzero slopes leave no dead zone.",
            ),
            bad=("k times the weights of the layer it replaces.",),
            used=("Maxout networks with dropout; some speech and vision models of 2013-2016.",),
            mistakes=(
                "Maxout does not fit every convex function nor rule out dead units: it fits them "
                "only approximately, with enough pieces, and slopes (0, 1) give exactly ReLU, dead "
                "zone included (`actplot compare maxout:slopes=0,1,intercepts=0,0`).",
            ),
        ),
    )
)

# binary_step, identity -------------------------------------------------------------------------

register(
    Definition(
        name="binary_step",
        label="Binary step",
        family=FAMILY,
        formula=r"1\ \mathrm{if}\ x \geq \theta\ \mathrm{else}\ 0",
        derivative=r"0",
        fn=lambda x, threshold: indicator(x >= threshold),
        derivatives=(zero, zero),
        params=(Param("threshold", 0.0, "theta: where it steps up", sweep=(-1.0, 0.0, 1.0)),),
        aliases=("step", "heaviside"),
        facts=lambda threshold: Facts(
            union([point(0.0), point(1.0)]), monotonic=True, breaks=(Break(threshold, 0),)
        ),
        convention="binary_step(theta) = 1, as mlx.nn.step (x >= threshold).  The derivative is "
        "0 everywhere, the jump included: its derivative there is a Dirac delta, which "
        "autograd drops.",
        notes=Notes(
            summary="The Heaviside step: 1 for x >= theta (0 by default), 0 otherwise; the "
            "perceptron's activation, and mlx.nn.step.",
            good=("Exact yes/no output.",),
            bad=("Zero gradient everywhere: a network of steps cannot learn by backpropagation.",),
            used=("Perceptrons; binarised networks train it with a straight-through estimator.",),
            mistakes=(
                "mlx.nn.step returned 1 only for x > threshold until mid-2026 (mlx pull request 3694); it is "
                "x >= threshold now, which is binary_step's value at the jump.",
            ),
        ),
    )
)

register(
    Definition(
        name="identity",
        label="Identity",
        family=FAMILY,
        formula=r"x",
        derivative=r"1",
        fn=lambda x: x.copy(),
        derivatives=(np.ones_like, zero),
        aliases=("linear",),
        facts=lambda: Facts(Interval(-INF, INF), monotonic=True),
        notes=Notes(
            summary="f(x) = x: no activation.",
            good=("Unbounded output: the output layer of regression.",),
            bad=(
                "Without a nonlinearity, stacked layers collapse into one linear map "
                "(W2 (W1 x + b1) + b2 = W' x + b'), whatever the depth.",
            ),
            used=("Output layers of regression models; linear bottlenecks.",),
        ),
    )
)
