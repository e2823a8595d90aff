"""actplot: see, check and compare neural-network activation functions.

>>> import actplot
>>> f = actplot.get("elu", alpha=0.5)               # or actplot.get("elu:alpha=0.5")
>>> f([-1.0, 0.0, 2.0]), f.grad([-1.0, 0.0, 2.0])   # doctest: +SKIP
>>> fig = actplot.plot("swish", "gelu", derivatives=(0, 1))  # doctest: +SKIP
>>> actplot.compare("relu", "gelu").to_dict()       # doctest: +SKIP

Every command of the ``actplot`` command line is one function here: :func:`plot`, :func:`grad`,
:func:`table`, :func:`compare`, :func:`info`, :func:`catalogue` and ``gallery.generate``.
Names are loaded on first use, so ``import actplot`` is cheap and imports neither matplotlib
nor the activation library until they are needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_PUBLIC = {
    "Activation": "activation",
    "Break": "facts",
    "Definition": "activation",
    "Domain": "activation",
    "Facts": "facts",
    "Interval": "facts",
    "RealSet": "facts",
    "Notes": "activation",
    "Param": "activation",
    "NONNEGATIVE": "activation",
    "POSITIVE": "activation",
    "REAL": "activation",
    "ActplotError": "errors",
    "ParameterError": "errors",
    "RegistrationError": "errors",
    "UnknownActivationError": "errors",
    "REGISTRY": "registry",
    "Registry": "registry",
    "names": "registry",
    "register": "registry",
    "get": "spec",
    "sweep": "spec",
    "format_number": "numbers",
    "plot": "plotting",
    "curves": "sampling",
    "grad": "plotting",
    "table": "values",
    "ValueTable": "values",
    "compare": "comparison",
    "Comparison": "comparison",
    "info": "describe",
    "catalogue": "describe",
    "FAMILIES": "library",
}
_SUBMODULES = ("experiments", "gallery", "properties", "registry", "spec")

__all__ = [
    "FAMILIES",
    "NONNEGATIVE",
    "POSITIVE",
    "REAL",
    "REGISTRY",
    "Activation",
    "ActplotError",
    "Break",
    "Comparison",
    "Definition",
    "Domain",
    "Facts",
    "Interval",
    "Notes",
    "Param",
    "ParameterError",
    "RealSet",
    "RegistrationError",
    "Registry",
    "UnknownActivationError",
    "ValueTable",
    "__version__",
    "catalogue",
    "compare",
    "curves",
    "format_number",
    "get",
    "grad",
    "info",
    "names",
    "plot",
    "register",
    "sweep",
    "table",
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
        globals()[name] = value  # once: the next access is a plain attribute
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'actplot' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC, *_SUBMODULES])


if TYPE_CHECKING:  # what the names above are, for type checkers and editors
    from .activation import (
        NONNEGATIVE,
        POSITIVE,
        REAL,
        Activation,
        Definition,
        Domain,
        Notes,
        Param,
    )
    from .comparison import Comparison, compare
    from .describe import catalogue, info
    from .errors import ActplotError, ParameterError, RegistrationError, UnknownActivationError
    from .facts import Break, Facts, Interval, RealSet
    from .library import FAMILIES
    from .numbers import format_number
    from .plotting import grad, plot
    from .registry import REGISTRY, Registry, names, register
    from .sampling import curves
    from .spec import get, sweep
    from .values import ValueTable, table
