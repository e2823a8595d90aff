"""S-shaped activations: sigmoid and its rescalings, tanh, softsign, arctan, log-sigmoid."""

from __future__ import annotations

import math

import numpy as np

from .._blocks import kernel
from ..activation import POSITIVE, Definition, Notes, Param
from ..facts import Break, Facts, Interval
from ..registry import register
from ._math import dsigmoid, indicator, sigmoid, softplus, zero

FAMILY = "sigmoidal"


def _cube(r: np.ndarray) -> np.ndarray:
    # r * r * r, not r**3: numpy's power takes libm's pow, 140 times slower per element here
    return r * r * r


INF = math.inf


@kernel(scratch=1, keeps_nan=True)
def _sigmoid_d2(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    """-sigma'(x) tanh(x/2): sigma'' = sigma' (1 - 2 sigma), and 1 - 2 sigma(x) = -tanh(x/2)
    without cancellation."""
    dsigmoid.body(x, out, t)
    np.negative(out, out=out)
    np.multiply(x, 0.5, out=t)
    np.tanh(t, out=t)
    out *= t


@kernel(keeps_nan=True)
def _scaled_sigmoid(x: np.ndarray, out: np.ndarray) -> None:
    """2 tanh(x/2)."""
    np.multiply(x, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 2.0


@kernel(scratch=1, keeps_nan=True)
def _scaled_sigmoid_d1(x: np.ndarray, out: np.ndarray, work: np.ndarray) -> None:
    dsigmoid.body(x, out, work)
    out *= 4.0


@kernel(scratch=1, keeps_nan=True)
def _scaled_sigmoid_d2(x: np.ndarray, out: np.ndarray, work: np.ndarray) -> None:
    _sigmoid_d2.body(x, out, work)
    out *= 4.0


register(
    Definition(
        name="sigmoid",
        label="Sigmoid",
        family=FAMILY,
        formula=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        derivative=r"\sigma(x)\,\sigma(-x)",
        fn=sigmoid,
        derivatives=(dsigmoid, _sigmoid_d2),
        aliases=("logistic",),
        facts=lambda: Facts(Interval(0.0, 1.0), monotonic=True),
        notes=Notes(
            summary="The logistic function: squashes any real number into (0, 1).",
            good=(
                "Outputs read as probabilities: the output layer of binary classification "
                "(paired with cross-entropy).",
                "Smooth and monotonic, with the derivative sigma(x) sigma(-x) in closed form.",
            ),
            bad=(
                "Its derivative is at most 0.25 (at x = 0), so L sigmoid layers scale gradients by "
                "at most 0.25^L (9.5e-7 for ten): gradients vanish in deep networks.",
                "Soft saturation on both sides: f' < 0.0067 for |x| > 5.",
                "Not zero-centred: every output is positive, so the next layer's weight updates "
                "share one sign and descent zig-zags.",
                "An exponential per element.",
            ),
            used=(
                "Output layer of binary classifiers and multi-label outputs.",
                "Gates of LSTM and GRU cells.",
                "Hidden layers of early (pre-2010) networks, since replaced by ReLU.",
            ),
            mistakes=(
                "sigma'(x) = sigma(x)(1 - sigma(x)) is true, but in float64 it is exactly 0 for "
                "x > 36.7 although sigma'(40) = 4.2e-18; actplot computes sigma(x) sigma(-x) "
                "(`actplot table sigmoid --deriv --x 40`).",
                "The factor sigma(v)(1 - sigma(v)) does not range over [0, 1]: it lies in (0, 0.25].",
                "1/(1 + np.exp(-x)) overflows, with a RuntimeWarning, for x < -709.",
            ),
        ),
    )
)

register(
    Definition(
        name="scaled_sigmoid",
        label="Scaled sigmoid",
        family=FAMILY,
        formula=r"4\,\sigma(x) - 2 = 2\tanh(x/2)",
        derivative=r"4\,\sigma(x)\,\sigma(-x)",
        fn=_scaled_sigmoid,
        derivatives=(_scaled_sigmoid_d1, _scaled_sigmoid_d2),
        facts=lambda: Facts(Interval(-2.0, 2.0), monotonic=True),
        notes=Notes(
            summary="The sigmoid stretched to (-2, 2): slope 1 at the origin, so it is the "
            "identity near 0.",
            good=("Zero-centred, with f'(0) = 1.",),
            bad=("Saturates softly on both sides, like sigmoid and tanh.",),
            used=("A textbook example of a rescaled sigmoid.",),
            mistakes=(
                "It is exactly 2 tanh(x/2). Written as 4/(exp(-x) + 1) - 2 it cancels near 0 "
                "(relative error 6e-9 at x = 1e-8); actplot evaluates 2 tanh(x/2).",
            ),
        ),
    )
)


def _hard_sigmoid_edge(slope: float) -> float:
    """Where clip(s x + 1/2, 0, 1) saturates: 1/(2s), correctly rounded (3 for s = 1/6)."""
    return 0.5 / slope


@kernel(keeps_nan=True)
def _hard_sigmoid(x: np.ndarray, out: np.ndarray, slope: float) -> None:
    """clip((x + e) / (2 e), 0, 1) with e = 1/(2s): relu6(x + 3)/6 for s = 1/6, as PyTorch
    documents it.  Near the lower corner s x + 1/2 cancels (1.1e-16 at x = -3 + 4.4e-16,
    where relu6(x + 3)/6 is 7.4e-17), and x + e is exact there; dividing by 2e = 1/s rounded
    rather than multiplying by s gives Keras's 0.2 x + 1/2 exactly where it is exact
    (0.3 at x = -1, where 0.2 (x + 2.5) is 0.30000000000000004)."""
    edge = _hard_sigmoid_edge(slope)
    if math.isinf(2.0 * edge):  # a subnormal slope: flat at 1/2 wherever x is finite
        np.multiply(x, slope, out=out)
        out += 0.5
    else:
        np.add(x, edge, out=out)
        out /= 2.0 * edge
    np.clip(out, 0.0, 1.0, out=out)


def _hard_sigmoid_d1(x: np.ndarray, slope: float) -> np.ndarray:
    edge = _hard_sigmoid_edge(slope)
    return indicator((x > -edge) & (x < edge), slope)


register(
    Definition(
        name="hard_sigmoid",
        label="Hard sigmoid",
        family=FAMILY,
        formula=r"\min(\max(0,\ s x + \frac{1}{2}),\ 1)",
        derivative=r"s\ \mathrm{if}\ |x| < \frac{1}{2s}\ \mathrm{else}\ 0",
        fn=_hard_sigmoid,
        derivatives=(_hard_sigmoid_d1, zero),
        params=(
            Param(
                "slope",
                1 / 6,
                "s: 1/6 in PyTorch, JAX and Keras 3; 0.2 in Keras 2 and ONNX",
                POSITIVE,
                sweep=(1 / 6, 0.2, 0.5),
            ),
        ),
        facts=lambda slope: Facts(
            Interval(0.0, 1.0, True, True),
            monotonic=True,
            breaks=(Break(-_hard_sigmoid_edge(slope), 1), Break(_hard_sigmoid_edge(slope), 1)),
        ),
        convention="hard_sigmoid'(+-1/(2s)) = 0 (at -3 and 3 by default): s only strictly "
        "inside, as in PyTorch; the float64 nearest each corner counts as the corner.",
        notes=Notes(
            summary="A piecewise-linear sigmoid, clip(s x + 1/2, 0, 1); with the default "
            "s = 1/6 it is relu6(x + 3)/6, as in PyTorch, JAX and Keras 3.",
            good=("No exponential: cheap on mobile hardware.",),
            bad=("Hard saturation: f' = 0 for |x| >= 1/(2s), that is |x| >= 3 by default.",),
            used=("MobileNet v3 gates (squeeze-and-excitation) and hardswish.",),
            mistakes=(
                "Older Keras (before 3.0) and ONNX define it as clip(0.2 x + 0.5, 0, 1), "
                "saturating at +-2.5: that is hard_sigmoid:slope=0.2.",
            ),
        ),
    )
)


@kernel(keeps_nan=True)
def _tanh(x: np.ndarray, out: np.ndarray) -> None:
    np.tanh(x, out=out)


@kernel(scratch=2, keeps_nan=True)
def _tanh_d1(x: np.ndarray, out: np.ndarray, x2: np.ndarray, work: np.ndarray) -> None:
    """4 sigma'(2x): sech(x)^2 = 4 sigma(2x) sigma(-2x); 1 - tanh^2 is 0 in float64 for
    |x| > 19."""
    np.multiply(x, 2.0, out=x2)
    dsigmoid.body(x2, out, work)
    out *= 4.0


@kernel(scratch=2, keeps_nan=True)
def _tanh_d2(x: np.ndarray, out: np.ndarray, t: np.ndarray, work: np.ndarray) -> None:
    """-2 tanh(x) sech^2(x)."""
    _tanh_d1.body(x, out, t, work)
    np.tanh(x, out=t)
    t *= -2.0
    np.multiply(t, out, out=out)


register(
    Definition(
        name="tanh",
        label="Tanh",
        family=FAMILY,
        formula=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        derivative=r"\mathrm{sech}^2(x) = 1 - \tanh^2(x)",
        fn=_tanh,
        derivatives=(_tanh_d1, _tanh_d2),
        facts=lambda: Facts(Interval(-1.0, 1.0), monotonic=True),
        notes=Notes(
            summary="Hyperbolic tangent: squashes into (-1, 1); tanh(x) = 2 sigma(2x) - 1.",
            good=(
                "Zero-centred output.",
                "Gradient up to 1 at the origin, four times sigmoid's.",
            ),
            bad=(
                "Still saturates softly on both sides (f' < 5e-4 for |x| > 4.5): gradients vanish "
                "through many saturated layers.",
                "An exponential per element.",
            ),
            used=("Hidden state of RNN, LSTM and GRU cells; outputs bounded in (-1, 1).",),
            mistakes=(
                "tanh'(x) = 1 - tanh^2(x) is exactly 0 in float64 for |x| > 19 although "
                "tanh'(20) = 1.7e-17; actplot computes sech^2(x) = 4 sigma(2x) sigma(-2x) "
                "(`actplot grad tanh --log --range -40 40`).",
                "tanh written out returns nan for large inputs: 2e^{2x}/(e^{2x} + 1) - 1 for "
                "x >= 355 and (e^x - e^{-x})/(e^x + e^{-x}) for |x| >= 710 (inf/inf).",
                "tanh is not an activation 'for binary classification': it is a hidden-layer "
                "activation; only the output layer depends on the number of classes.",
            ),
        ),
    )
)


_MAX = np.finfo(np.float64).max


@kernel(scratch=1, keeps_nan=True)
def _softsign(x: np.ndarray, out: np.ndarray, d: np.ndarray) -> None:
    """x/(1 + |x|), with x clipped to the finite range so that inf/inf cannot happen (the
    quotient is exactly 1 from |x| = 2**53 on).  Each of the two roundings costs at most
    half an ulp: nothing cancels on either side of 0."""
    xc = np.clip(x, -_MAX, _MAX, out=out)
    np.abs(xc, out=d)
    d += 1.0
    out /= d


def _softsign_r(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    """r = 1/(1+|x|) into out: powers of r cannot overflow where (1 + |x|)^2 would."""
    np.abs(x, out=out)
    out += 1.0
    return np.divide(1.0, out, out=out)


@kernel(keeps_nan=True)
def _softsign_d1(x: np.ndarray, out: np.ndarray) -> None:
    """r**2."""
    r = _softsign_r(x, out)
    np.multiply(r, r, out=out)


@kernel(scratch=2, keeps_nan=True)
def _softsign_d2(x: np.ndarray, out: np.ndarray, r: np.ndarray, c: np.ndarray) -> None:
    """-2 sign(x) r**3."""
    _softsign_r(x, r)
    np.multiply(r, r, out=c)  # _cube(r), in place
    c *= r
    np.sign(x, out=out)
    out *= -2.0
    out *= c


register(
    Definition(
        name="softsign",
        label="Softsign",
        family=FAMILY,
        formula=r"\frac{x}{1 + |x|}",
        derivative=r"\frac{1}{(1 + |x|)^2}",
        fn=_softsign,
        derivatives=(_softsign_d1, _softsign_d2),
        facts=lambda: Facts(Interval(-1.0, 1.0), monotonic=True, breaks=(Break(0.0, 2),)),
        convention="softsign''(0) = 0, the mean of its one-sided values -2 and 2 "
        "(autograd's sign(0) = 0).",
        notes=Notes(
            summary="x / (1 + |x|): a sigmoid-shaped curve into (-1, 1) with polynomial tails.",
            good=(
                "Saturates more slowly than tanh: f' falls like 1/x^2, not like e^{-2|x|}.",
                "No exponential: cheaper than tanh.",
            ),
            bad=("Still saturates softly on both sides; f'' jumps at 0 (C1 only).",),
            used=("An occasional tanh substitute in RNNs and in the output of regressors.",),
            mistakes=(
                "Softsign's derivative is not dearer than tanh's: 1/(1 + |x|)^2 needs no "
                "exponential (`actplot compare softsign tanh` times both).",
            ),
        ),
    )
)


@kernel(scratch=2, keeps_nan=True)
def _log_sigmoid(x: np.ndarray, out: np.ndarray, minus_x: np.ndarray, work: np.ndarray) -> None:
    """-softplus(-x)."""
    np.negative(x, out=minus_x)
    softplus.body(minus_x, out, work)
    np.negative(out, out=out)


@kernel(scratch=2, keeps_nan=True)
def _log_sigmoid_d1(x: np.ndarray, out: np.ndarray, minus_x: np.ndarray, work: np.ndarray) -> None:
    """sigmoid(-x)."""
    np.negative(x, out=minus_x)
    sigmoid.body(minus_x, out, work)


@kernel(scratch=1, keeps_nan=True)
def _log_sigmoid_d2(x: np.ndarray, out: np.ndarray, work: np.ndarray) -> None:
    """-sigmoid'(x)."""
    dsigmoid.body(x, out, work)
    np.negative(out, out=out)


register(
    Definition(
        name="log_sigmoid",
        label="Log sigmoid",
        family=FAMILY,
        formula=r"\log\,\sigma(x) = -\log(1 + e^{-x})",
        derivative=r"\sigma(-x)",
        fn=_log_sigmoid,
        derivatives=(_log_sigmoid_d1, _log_sigmoid_d2),
        facts=lambda: Facts(Interval(-INF, 0.0), monotonic=True),
        notes=Notes(
            summary="The logarithm of the sigmoid, as -softplus(-x).",
            good=("Log-probabilities without underflow: log(sigmoid(x)) is -inf for x < -745.",),
            bad=("Unbounded below: not used as a hidden-layer activation.",),
            used=(
                "Binary cross-entropy with logits; log-likelihoods; word2vec's negative sampling.",
            ),
        ),
    )
)


_SQUARE_LIMIT = 1e150  # |x| below which x*x is far from overflow


@kernel(keeps_nan=True)
def _arctan(x: np.ndarray, out: np.ndarray) -> None:
    np.arctan(x, out=out)


@kernel(keeps_nan=True)
def _arctan_d1(x: np.ndarray, out: np.ndarray) -> None:
    """1/(1 + x^2), three roundings.  Past |x| = 1e150 (rare: looked for in the result, which
    is below 1e-300 only there) x*x may overflow, and there it is r^2/(1 + r^2), r = 1/x."""
    np.multiply(x, x, out=out)
    out += 1.0
    np.divide(1.0, out, out=out)
    if not np.minimum.reduce(out) >= 1e-300:  # (a nan, too, which hides the rest)
        far = np.flatnonzero(np.abs(x) > _SQUARE_LIMIT)
        r = 1.0 / x[far]
        out[far] = r * r / (1.0 + r * r)


@kernel(scratch=2, keeps_nan=True)
def _arctan_d2(x: np.ndarray, out: np.ndarray, xc: np.ndarray, g: np.ndarray) -> None:
    """-2x/(1 + x^2)^2 as -2 (x g) g, g = arctan'(x): x g is about 1/x for large x, so no
    product overflows (x clipped to the finite range: inf * 0 cannot happen), and the
    result underflows only where its value does."""
    np.clip(x, -_MAX, _MAX, out=xc)
    _arctan_d1.body(xc, g)
    np.multiply(xc, g, out=out)
    out *= g
    out *= -2.0


register(
    Definition(
        name="arctan",
        label="Arctan",
        family=FAMILY,
        formula=r"\tan^{-1}(x)",
        derivative=r"\frac{1}{1 + x^2}",
        fn=_arctan,
        derivatives=(_arctan_d1, _arctan_d2),
        facts=lambda: Facts(Interval(-math.pi / 2, math.pi / 2), monotonic=True),
        notes=Notes(
            summary="The inverse tangent: a sigmoid-shaped curve into (-pi/2, pi/2).",
            good=("Zero-centred, slope 1 at the origin, polynomial (slow) saturation.",),
            bad=("Saturates softly on both sides; rarely better than tanh in practice.",),
            used=("Occasional tanh substitute; some physics-informed networks.",),
        ),
    )
)
