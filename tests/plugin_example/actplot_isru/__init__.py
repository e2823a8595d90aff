"""Two activations for actplot, installed as a plugin."""

import math

import numpy as np

from actplot import POSITIVE, Definition, Facts, Interval, Notes, Param


def _isru_parts(x, a):
    """x and p = 1/sqrt(1 + a x^2), f being x p.  p is 1/hypot(1, sqrt(a) x), with no a x^2
    to overflow; x is clipped at +-1e300, where f, f' and f'' have their limits at +-inf
    already (inf * 0 would be nan)."""
    x = np.clip(x, -1e300, 1e300)
    return x, 1.0 / np.hypot(1.0, math.sqrt(a) * x)


def _ratio(x):
    """x / h, h = hypot(x, 1) = sqrt(x^2 + 1) with no x^2 to overflow; x clipped at +-1e300,
    where the ratio is +-1 already (inf / inf would be nan)."""
    x = np.clip(x, -1e300, 1e300)
    return x / np.hypot(x, 1.0)


def _bent(x):
    # (sqrt(x^2 + 1) - 1)/2 + x = x (x / (2 (h + 1)) + 1): no cancellation near 0, and the
    # limits -inf and inf at the ends
    xc = np.clip(x, -1e300, 1e300)
    return x * (0.5 * xc / (np.hypot(xc, 1.0) + 1.0) + 1.0)


def activations():
    """The entry point: a list of actplot.Definition, which actplot registers."""
    isru = Definition(
        name="isru",
        label="ISRU",
        family="sigmoidal",
        formula=r"\frac{x}{\sqrt{1 + a x^2}}",
        derivative=r"(1 + a x^2)^{-3/2}",
        fn=lambda x, a: np.multiply(*_isru_parts(x, a)),
        derivatives=(
            lambda x, a: _isru_parts(x, a)[1] ** 3,
            lambda x, a: -3.0 * a * np.multiply(*_isru_parts(x, a)) * _isru_parts(x, a)[1] ** 4,
        ),
        params=(Param("a", 1.0, "how soon it saturates", POSITIVE, sweep=(0.25, 1.0, 4.0)),),
        facts=lambda a: Facts(Interval(-1 / math.sqrt(a), 1 / math.sqrt(a)), monotonic=True),
        notes=Notes(
            summary="The inverse square root unit (Carlile et al. 2017): tanh-like, "
            "with only a square root."
        ),
    )
    # the least a definition needs: a name, a formula, f, f' and f''
    bent = Definition(
        name="bent_identity",
        formula=r"\frac{\sqrt{x^2 + 1} - 1}{2} + x",
        fn=_bent,
        derivatives=(
            lambda x: 0.5 * _ratio(x) + 1.0,
            lambda x: 0.5 / np.hypot(x, 1.0) ** 3,
        ),
    )
    return [isru, bent]
