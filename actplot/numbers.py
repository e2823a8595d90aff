"""Numbers as text, by one set of rules for every output, and numbers read from text.

:func:`format_number` writes every number actplot prints: table cells, properties, labels,
figure annotations.  A number is written with a fixed count of significant digits, in fixed
notation unless that would hide digits (leading zeros past 10^-4, or a value of 10^digits and
more), where it switches to scientific notation as C's ``%g`` does.  A value is never written
as a misleading 0: 4.2484e-18 stays 4.2484e-18.  ``digits=None`` writes every digit, the
shortest text that reads back to the same float64 (csv and json need no other).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from .errors import ActplotError

DIGITS = 4  # table cells in the terminal
PROSE = 5  # properties in sentences: compare, info
LABEL = 6  # parameter values in labels: ELU(alpha=0.5)
MINUS = "−"  # U+2212, for figures
MAX_ABS_X = 1e300  # an x range beyond this cannot be sampled: a linspace over it overflows


def format_number(
    value: float, digits: int | None = None, *, trim: bool = False, unicode: bool = False
) -> str:
    """``value`` with ``digits`` significant digits, or with ``digits=None`` every digit (as
    Python's ``repr`` writes it: what reads back to the same float).

    ``trim`` drops trailing zeros, for prose, labels and headers (0.5, not 0.5000; 2, not
    2.0); ``unicode`` writes a true minus sign and ∞, for figures.  A zero is written 0, unless
    every digit is asked for.
    """
    v = float(value)
    if digits is None and not trim:
        return repr(v)  # every digit, the sign of a zero included: what csv carries
    v += 0.0  # -0.0 is written 0
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        text = "∞" if unicode else "inf"
        if v < 0:
            text = "-" + text
    elif v == 0:
        text = "0"
    elif digits is None:
        text = repr(v).removesuffix(".0")
    else:
        # "g" drops trailing zeros; "#g" keeps them, and a lone point too (1000., 1.e+03)
        text = (
            f"{v:.{digits}g}" if trim else f"{v:#.{digits}g}".replace(".e", "e").removesuffix(".")
        )
    if unicode and v < 0:
        text = MINUS + text.removeprefix("-")
    return text


def parse_number(text: str) -> float:
    """A float, or a fraction such as 1/8 (rrelu's default lower slope)."""
    t = text.strip()
    try:
        return float(t)
    except ValueError:
        pass
    try:
        return float(Fraction(t))
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{text!r} is not a number") from None
    except OverflowError:  # a fraction such as 1e400/1 written out in digits
        raise ValueError(f"{text!r} is beyond the float64 range (about ±1.8e308)") from None


MAX_POINTS = 10_000  # in a list of points: more is a pasted file, not a question


def parse_points(text: str) -> list[float]:
    """Points written as numbers and ranges, separated by commas: ``-2,0,2`` or
    ``-5:5:11`` (11 evenly spaced points from -5 to 5, both ends included), mixed freely."""
    out: list[float] = []
    for item in text.split(","):
        if item.count(":") == 2:
            lo_text, hi_text, n_text = item.split(":")
            lo, hi = parse_number(lo_text), parse_number(hi_text)
            try:
                n = int(n_text)
            except ValueError:
                raise ValueError(f"{item!r}: the count after the second ':' must be a whole "
                                 "number, as in -5:5:11") from None  # fmt: skip
            if not 1 <= n <= MAX_POINTS or not (math.isfinite(lo) and math.isfinite(hi)):
                raise ValueError(f"{item!r}: give finite ends and 1 to {MAX_POINTS} points")
            out += [lo] if n == 1 else [lo + (hi - lo) * i / (n - 1) for i in range(n - 1)] + [hi]
        else:
            out.append(parse_number(item))
        if len(out) > MAX_POINTS:
            raise ValueError(f"more than {MAX_POINTS} points")
    return out


def check_range(x_range: Sequence[float]) -> tuple[float, float]:
    """``x_range`` as (lo, hi) if it is an interval that can be sampled, else a clear error."""
    lo, hi = (float(v) for v in x_range)
    text = f"{format_number(lo, LABEL, trim=True)} {format_number(hi, LABEL, trim=True)}"
    if not (abs(lo) <= MAX_ABS_X and abs(hi) <= MAX_ABS_X):
        raise ActplotError(f"{text}: both ends must be finite and within ±1e300")
    if lo >= hi:
        raise ActplotError(f"{text} is empty or reversed: give XMIN < XMAX")
    return lo, hi
