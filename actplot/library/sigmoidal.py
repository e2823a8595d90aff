"""S-shaped activations: sigmoid and its rescalings, tanh, softsign, arctan, log-sigmoid."""

from __future__ import annotations

import math

import numpy as np

from ..activation import POSITIVE, Definition, Notes, Param
from ..facts import Break, Facts, Interval
from ..registry import register
from ._math import dsigmoid, indicator, sigmoid, softplus, zero

FAMILY = "sigmoidal"


def _cube(r: np.ndarray) -> np.ndarray:
    # r * r * r, not r**3: numpy's power takes libm's pow, 140 times slower per element here
    return r * r * r


INF = math.inf


def _sigmoid_d2(x: np.ndarray) -> np.ndarray:
    # sigma'' = sigma' (1 - 2 sigma), and 1 - 2 sigma(x) = -tanh(x/2) without cancellation
    return -dsigmoid(x) * np.tanh(0.5 * x)


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
        fn=lambda x: 2.0 * np.tanh(0.5 * x),
        derivatives=(lambda x: 4.0 * dsigmoid(x), lambda x: 4.0 * _sigmoid_d2(x)),
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


def _hard_sigmoid(x: np.ndarray, slope: float) -> np.ndarray:
    # Near the lower corner s x + 1/2 cancels (1.1e-16 at x = -3 + 4.4e-16, where
    # relu6(x + 3)/6 is 7.4e-17): s (x + 1/(2s)) is exact there, x + 3 being exact
    edge = _hard_sigmoid_edge(slope)
    low = slope * (x + edge)
    return np.clip(np.where(x < -0.5 * edge, low, slope * x + 0.5), 0.0, 1.0)


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


def _tanh_d1(x: np.ndarray) -> np.ndarray:
    # sech(x)^2 = 4 sigma(2x) sigma(-2x); 1 - tanh^2 is 0 in float64 for |x| > 19
    return 4.0 * dsigmoid(2.0 * x)


register(
    Definition(
        name="tanh",
        label="Tanh",
        family=FAMILY,
        formula=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        derivative=r"\mathrm{sech}^2(x) = 1 - \tanh^2(x)",
        fn=np.tanh,
        derivatives=(_tanh_d1, lambda x: -2.0 * np.tanh(x) * _tanh_d1(x)),
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


def _softsign(x: np.ndarray) -> np.ndarray:
    a = np.abs(x)
    inner = np.clip(x, -1.0, 1.0)  # x/(1+|x|) where |x| < 1; inf/inf cannot happen
    outer = np.sign(x) * (1.0 - 1.0 / (1.0 + a))  # no cancellation for |x| >= 1, exact at inf
    return np.where(a < 1, inner / (1.0 + np.abs(inner)), outer)


def _softsign_r(x: np.ndarray) -> np.ndarray:
    # r = 1/(1+|x|): powers of r cannot overflow where (1 + |x|)^2 would
    return 1.0 / (1.0 + np.abs(x))


register(
    Definition(
        name="softsign",
        label="Softsign",
        family=FAMILY,
        formula=r"\frac{x}{1 + |x|}",
        derivative=r"\frac{1}{(1 + |x|)^2}",
        fn=_softsign,
        derivatives=(
            lambda x: _softsign_r(x) ** 2,
            lambda x: -2.0 * np.sign(x) * _cube(_softsign_r(x)),
        ),
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

register(
    Definition(
        name="log_sigmoid",
        label="Log sigmoid",
        family=FAMILY,
        formula=r"\log\,\sigma(x) = -\log(1 + e^{-x})",
        derivative=r"\sigma(-x)",
        fn=lambda x: -softplus(-x),
        derivatives=(lambda x: sigmoid(-x), lambda x: -dsigmoid(x)),
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


def _arctan_d1(x: np.ndarray) -> np.ndarray:
    big = np.abs(x) > 1
    r = 1.0 / np.where(big, x, 1.0)  # 1/(1+x^2) = r^2/(1+r^2): x*x would overflow past 1e154
    s = np.where(big, 0.0, x)
    return np.where(big, r * r / (1.0 + r * r), 1.0 / (1.0 + s * s))


def _arctan_d2(x: np.ndarray) -> np.ndarray:
    big = np.abs(x) > 1
    r = 1.0 / np.where(big, x, 1.0)
    s = np.where(big, 0.0, x)
    return np.where(big, -2.0 * _cube(r) / (1.0 + r * r) ** 2, -2.0 * s / (1.0 + s * s) ** 2)


register(
    Definition(
        name="arctan",
        label="Arctan",
        family=FAMILY,
        formula=r"\tan^{-1}(x)",
        derivative=r"\frac{1}{1 + x^2}",
        fn=np.arctan,
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
