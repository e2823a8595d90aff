"""actplot: see, check and compare neural-network activation functions.

>>> import actplot
>>> f = actplot.get("elu", alpha=0.5)               # or actplot.get("elu:alpha=0.5")
>>> f([-1.0, 0.0, 2.0]), f.grad([-1.0, 0.0, 2.0])   # doctest: +SKIP
>>> fig = actplot.plot("swish", "gelu", derivatives=(0, 1))  # doctest: +SKIP
>>> actplot.compare("relu", "gelu").to_dict()       # doctest: +SKIP

Every command of the ``actplot`` command line is one function here: :func:`plot`, :func:`grad`,
:func:`table`, :func:`compare`, :func:`info`, :func:`catalogue` and ``gallery.generate``.
:func:`expr` makes an activation of an expression, ``expr("x*tanh(softplus(x))")``, and
``plugins.load`` imports a module that registers activations of its own.
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
    "ExpressionError": "errors",
    "ParameterError": "errors",
    "PluginError": "errors",
    "RegistrationError": "errors",
    "UnknownActivationError": "errors",
    "REGISTRY": "registry",
    "Registry": "registry",
    "names": "registry",
    "register": "registry",
    "get": "spec",
    "sweep": "spec",
    "expr": "expressions",
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
_SUBMODULES = (
    "experiments",
    "expressions",
    "frameworks",
    "gallery",
    "plugins",
    "properties",
    "registry",
    "spec",
)

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
    "ExpressionError",
    "Facts",
    "Interval",
    "Notes",
    "Param",
    "ParameterError",
    "PluginError",
    "RealSet",
    "RegistrationError",
    "Registry",
    "UnknownActivationError",
    "ValueTable",
    "__version__",
    "catalogue",
    "compare",
    "curves",
    "expr",
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
    from .errors import (
        ActplotError,
        ExpressionError,
        ParameterError,
        PluginError,
        RegistrationError,
        UnknownActivationError,
    )
    from .expressions import expr
    from .facts import Break, Facts, Interval, RealSet
    from .library import FAMILIES
    from .numbers import format_number
    from .plotting import grad, plot
    from .registry import REGISTRY, Registry, names, register
    from .sampling import curves
    from .spec import get, sweep
    from .values import ValueTable, table
