"""Activations that fit no other family."""

from __future__ import annotations

import numpy as np

from ..activation import Definition, Notes
from ..facts import Facts, Interval
from ..registry import register
from ._math import gated

FAMILY = "other"


def _gaussian(x: np.ndarray) -> np.ndarray:
    # e^{-x^2} with x^2 rounded: the exact value at a point within half an ulp of x, which the
    # accuracy allows here (the condition number is 2 x^2); two passes and an exp, where
    # carrying x^2 exactly (_math.exp_neg_square) takes a dozen.  Beyond |x| = 1e150 it is 0.
    xc = np.clip(x, -1e150, 1e150)
    return np.exp(-(xc * xc))


register(
    Definition(
        name="gaussian",
        label="Gaussian",
        family=FAMILY,
        formula=r"e^{-x^2}",
        derivative=r"-2x\,e^{-x^2}",
        fn=_gaussian,
        derivatives=(
            lambda x: gated(-2.0 * x, _gaussian(x)),
            lambda x: gated(4.0 * x * x - 2.0, _gaussian(x)),
        ),
        facts=lambda: Facts(Interval(0.0, 1.0, hi_closed=True), monotonic=False),
        notes=Notes(
            summary="The Gaussian bump exp(-x^2): 1 at the origin, 0 in both tails.",
            good=("Local response: each unit answers to inputs near one value.",),
            bad=(
                "Saturates softly on both sides, fast: |f'| < 1e-9 for |x| > 5.",
                "Not monotonic; f'(0) = 0.",
            ),
            used=("Radial-basis-function networks; implicit neural representations.",),
        ),
    )
)
