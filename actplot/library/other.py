"""Activations that fit no other family."""

from __future__ import annotations

from ..activation import Definition, Notes
from ..facts import Facts, Interval
from ..registry import register
from ._math import exp_neg_square, gated

FAMILY = "other"

register(
    Definition(
        name="gaussian",
        label="Gaussian",
        family=FAMILY,
        formula=r"e^{-x^2}",
        derivative=r"-2x\,e^{-x^2}",
        fn=exp_neg_square,
        derivatives=(
            lambda x: gated(-2.0 * x, exp_neg_square(x)),
            lambda x: gated(4.0 * x * x - 2.0, exp_neg_square(x)),
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
