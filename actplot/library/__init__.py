"""The built-in activations, one module per family, and the stable building blocks they are
made of (``_math``).  Importing this package registers them (the registry does it the first
time it is used).

To add an activation, add one ``register(Definition(...))`` to the module of its family (or a
new module listed here): the CLI, tables, plots, comparisons and gallery pick it up from the
registry, and the test suite fails until it has references.
"""

# isort: off
# imported in the order of FAMILIES, which is the order of `actplot list`
from . import rectified, modern_rectified, elu, sigmoidal, modern_sigmoidal  # noqa: F401
from . import smooth, modern_smooth, shrinkage, other, modern_other  # noqa: F401
from . import vector, sparse, reductions, standardize, gated  # noqa: F401

# isort: on
from ..registry import REGISTRY

FAMILIES = ("rectified", "sigmoidal", "smooth", "shrinkage", "other", "vector", "gated")

REGISTRY.protect()  # built in: never replaced
