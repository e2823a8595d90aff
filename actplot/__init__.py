"""actplot: see, check and compare neural-network activation functions.

>>> import actplot
>>> f = actplot.get("elu", alpha=0.5)
>>> f([-1.0, 0.0, 2.0]), f.grad([-1.0, 0.0, 2.0])   # doctest: +SKIP
>>> actplot.names()                                  # doctest: +SKIP
"""

from . import library as _library  # registers the built-in activations
from .activation import (
    NONNEGATIVE,
    POSITIVE,
    REAL,
    Activation,
    Break,
    Definition,
    Domain,
    Facts,
    Interval,
    Notes,
    Param,
)
from .errors import ActplotError, ParameterError, RegistrationError, UnknownActivationError
from .registry import REGISTRY, Registry, get, names, register

FAMILIES = _library.FAMILIES

__version__ = "0.1.0"

__all__ = [
    "FAMILIES",
    "NONNEGATIVE",
    "POSITIVE",
    "REAL",
    "REGISTRY",
    "Activation",
    "ActplotError",
    "Break",
    "Definition",
    "Domain",
    "Facts",
    "Interval",
    "Notes",
    "Param",
    "ParameterError",
    "RegistrationError",
    "Registry",
    "UnknownActivationError",
    "get",
    "names",
    "register",
]
