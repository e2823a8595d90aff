"""Activations as the frameworks name them, with their defaults and their derivatives at kinks.

- :mod:`.names`: the name table, ``torch:LeakyReLU`` or ``keras:leaky_relu`` to an actplot spec
  with that framework's defaults, and the reader of prefixed specs.
- :mod:`.conventions`: what each framework's autodiff returns at each kink, as data with the
  version each fact was read from, and ``convention=`` applied to an activation.
- :mod:`.report`: the ``frameworks`` command's tables (one per activation, and the
  availability matrix).
- :mod:`.check`: the live check against the frameworks installed here.

This module imports nothing heavy: the spec reader needs only :data:`PREFIXES` at start-up.
"""

from __future__ import annotations

# Prefixes, in the order tables show them: a prefixed spec (torch:LeakyReLU) means that
# framework's function with its defaults.
PREFIXES = (
    "torch",
    "jax",
    "flax",
    "keras",
    "keras.ops",
    "keras.layers",
    "keras2",
    "tf",
    "mlx",
    "hf",
    "timm",
)

# The frameworks whose defaults and kink derivatives --convention can follow.
CONVENTIONS = ("torch", "jax", "keras", "tf", "mlx")


def __getattr__(name: str) -> object:
    # across and availability, the library side of `actplot frameworks`, imported on use
    import importlib

    if name == "across":
        return importlib.import_module(f"{__name__}.report").across
    if name == "availability":
        return importlib.import_module(f"{__name__}.matrix").availability
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
