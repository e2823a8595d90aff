"""JSON as every command writes it: numbers JSON can hold, and one strict way to dump them."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from .activation import ParamValue


def number(v: float) -> float | str:
    """A float, or for values JSON has no literal for, the strings "nan", "inf" and "-inf"."""
    v = float(v)
    if math.isfinite(v):
        return v
    return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")


def numbers(vs: Iterable[float]) -> list[float | str]:
    return [number(v) for v in vs]


def params(bound: Mapping[str, ParamValue]) -> dict[str, float | list[float]]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in bound.items()}


def dumps(data: Any) -> str:
    """Indented, UTF-8, newline-terminated.  ``allow_nan=False``: a bare NaN is not JSON, so
    one that slipped past :func:`number` fails here rather than in the reader's parser."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
