"""How names are matched, apart from the registry so that the built-ins' index can use it
without importing numpy."""

from __future__ import annotations


def fold(name: str) -> str:
    """A name as it is matched: lower case, letters and digits only (``LeakyReLU``,
    ``leaky-relu`` and ``leaky_relu`` are all ``leakyrelu``)."""
    return "".join(filter(str.isalnum, name.lower()))  # no generator: called per name at load
