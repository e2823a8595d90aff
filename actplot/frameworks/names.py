"""Every framework's name for each activation, and the actplot spec with that framework's
defaults.

A row says: under ``framework``, ``name`` (spelled as the framework spells it) is the function
``call`` with its defaults, which is actplot's ``spec``.  ``torch:LeakyReLU`` and
``torch:leaky_relu`` are both rows; ``keras:leaky_relu`` is ``leaky_relu:alpha=0.2``.  A row
may name an activation actplot does not have in this version (its target is then *pending*):
resolving it is a one-line error, and the row still counts in the availability matrix.

Read from the frameworks' source at the versions in :data:`VERSIONS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import PREFIXES

# The version each framework's names, defaults and kink derivatives were read from.
VERSIONS = {
    "torch": "torch 2.13.0",
    "jax": "jax 0.10.2",
    "flax": "flax 0.12.8 (re-exports jax.nn)",
    "keras": "keras 3.15.1",
    "keras.ops": "keras 3.15.1",
    "keras.layers": "keras 3.15.1",
    "keras2": "tf-keras (Keras 2) 6add81a",
    "tf": "tensorflow 2.21.0",
    "mlx": "mlx 0.32.4",
    "hf": "transformers 5.25.0",
    "timm": "timm 1.0.31",
}

# Where each framework's functions live, for a reader: what ``call`` is relative to.
MODULES = {
    "torch": "torch.nn.functional",
    "jax": "jax.nn",
    "flax": "flax.linen",
    "keras": "keras.activations",
    "keras.ops": "keras.ops",
    "keras.layers": "keras.layers",
    "keras2": "tf_keras.activations",
    "tf": "tf.nn",
    "mlx": "mlx.nn",
    "hf": "transformers.activations.ACT2FN",
    "timm": "timm.layers.create_act",
}


@dataclass(frozen=True)
class Name:
    """One framework's name for an activation, and actplot's spec for it with its defaults."""

    framework: str
    name: str  # as the framework spells it
    spec: str  # actplot's spec: canonical name and the parameters that differ from actplot's
    call: str  # the framework's own callable, as its users write it
    note: str = ""

    @property
    def target(self) -> str:
        """The canonical actplot name the row maps to."""
        return self.spec.partition(":")[0]

    @property
    def typed(self) -> str:
        return f"{self.framework}:{self.name}"


def _rows() -> list[Name]:
    rows: list[Name] = []

    def add(fw: str, name: str, spec: str, call: str = "", note: str = "") -> None:
        rows.append(Name(fw, name, spec, call or f"{MODULES[fw]}.{name}", note))

    # torch: functional names and module classes, both
    torch = [
        ("relu", "ReLU", "relu"), ("relu6", "ReLU6", "relu6"),
        ("leaky_relu", "LeakyReLU", "leaky_relu"), ("prelu", "PReLU", "prelu"),
        ("rrelu", "RReLU", "rrelu"), ("threshold", "Threshold", "threshold"),
        ("hardtanh", "Hardtanh", "hardtanh"), ("elu", "ELU", "elu"), ("celu", "CELU", "celu"),
        ("selu", "SELU", "selu"), ("sigmoid", "Sigmoid", "sigmoid"),
        ("logsigmoid", "LogSigmoid", "log_sigmoid"),
        ("hardsigmoid", "Hardsigmoid", "hard_sigmoid"), ("tanh", "Tanh", "tanh"),
        ("tanhshrink", "Tanhshrink", "tanhshrink"), ("softsign", "Softsign", "softsign"),
        ("softplus", "Softplus", "softplus"), ("softshrink", "Softshrink", "softshrink"),
        ("hardshrink", "Hardshrink", "hardshrink"), ("silu", "SiLU", "swish"),
        ("hardswish", "Hardswish", "hardswish"), ("mish", "Mish", "mish"),
        ("gelu", "GELU", "gelu"), ("glu", "GLU", "glu"), ("softmax", "Softmax", "softmax"),
        ("softmin", "Softmin", "softmin"), ("log_softmax", "LogSoftmax", "log_softmax"),
    ]  # fmt: skip
    notes = {
        "threshold": "torch requires threshold and value; actplot's defaults are 1 and 0",
        "softplus": "torch's threshold=20 (linear beyond beta*x > 20) is not modelled",
        "prelu": "alpha is learned; 0.25 is torch's initial value",
    }
    torch_calls = {"sigmoid": "torch.sigmoid", "tanh": "torch.tanh"}
    for fn, cls, spec in torch:
        call = torch_calls.get(fn, f"torch.nn.functional.{fn}")
        add("torch", fn, spec, call, notes.get(fn, ""))
        add("torch", cls, spec, call, notes.get(fn, ""))
    add("torch", "Identity", "identity", "torch.nn.Identity")
    add(
        "torch",
        "Softmax2d",
        "softmax",
        "torch.nn.Softmax2d",
        "over the channels (axis -3) of each pixel",
    )

    # jax.nn, which flax.linen and flax.nnx re-export
    jax = [
        ("celu", "celu"), ("elu", "elu"), ("gelu", "gelu_tanh"), ("glu", "glu"),
        ("hard_sigmoid", "hard_sigmoid"), ("hard_silu", "hardswish"),
        ("hard_swish", "hardswish"), ("hard_tanh", "hardtanh"), ("leaky_relu", "leaky_relu"),
        ("log_sigmoid", "log_sigmoid"), ("log_softmax", "log_softmax"),
        ("logsumexp", "logsumexp"), ("logmeanexp", "logmeanexp"), ("log1mexp", "log1mexp"),
        ("mish", "mish"), ("relu", "relu"), ("relu6", "relu6"), ("selu", "selu"),
        ("sigmoid", "sigmoid"), ("silu", "swish"), ("swish", "swish"),
        ("soft_sign", "softsign"), ("softmax", "softmax"), ("softplus", "softplus"),
        ("sparse_plus", "sparse_plus"), ("sparse_sigmoid", "sparse_sigmoid"),
        ("squareplus", "squareplus"), ("standardize", "standardize"),
        ("identity", "identity"),
    ]  # fmt: skip
    gelu_note = "approximate=True by default: the tanh form"
    for name, spec in jax:
        note = gelu_note if name == "gelu" else ""
        add("jax", name, spec, note=note)
        if name != "identity":  # flax.nnx has identity, flax.linen does not
            add("flax", name, spec, f"jax.nn.{name}", note)
    add("jax", "tanh", "tanh", "jax.numpy.tanh", "jax.nn has none: jnp.tanh")
    add("flax", "tanh", "tanh", "jax.numpy.tanh")
    add("flax", "identity", "identity", "flax.nnx.identity")
    add("flax", "PReLU", "prelu:alpha=0.01", "flax.linen.PReLU", "negative_slope_init=0.01")

    # Keras 3: keras.activations, keras.ops (whose gelu is the tanh form), keras.layers
    keras = [
        ("celu", "celu"), ("elu", "elu"), ("exponential", "exponential"), ("gelu", "gelu"),
        ("glu", "glu"), ("hard_shrink", "hardshrink"), ("hard_sigmoid", "hard_sigmoid"),
        ("hard_silu", "hardswish"), ("hard_swish", "hardswish"), ("hard_tanh", "hardtanh"),
        ("leaky_relu", "leaky_relu:alpha=0.2"), ("linear", "identity"),
        ("log_sigmoid", "log_sigmoid"), ("log_softmax", "log_softmax"), ("mish", "mish"),
        ("relu", "relu"), ("relu6", "relu6"), ("selu", "selu"), ("sigmoid", "sigmoid"),
        ("silu", "swish"), ("swish", "swish"), ("soft_shrink", "softshrink"),
        ("softmax", "softmax"), ("softplus", "softplus"), ("softsign", "softsign"),
        ("sparse_plus", "sparse_plus"), ("sparse_sigmoid", "sparse_sigmoid"),
        ("sparsemax", "sparsemax"), ("squareplus", "squareplus"), ("tanh", "tanh"),
        ("tanh_shrink", "tanhshrink"), ("threshold", "threshold"),
    ]  # fmt: skip
    for name, spec in keras:
        note = "keras requires threshold and default_value" if name == "threshold" else ""
        add("keras", name, spec, note=note)
        if name not in ("exponential", "linear"):  # keras.ops has neither
            ops_spec = "gelu_tanh" if name == "gelu" else spec
            add("keras.ops", name, ops_spec, note=gelu_note if name == "gelu" else "")
    add("keras.ops", "logsumexp", "logsumexp")
    for name, spec, note in (
        ("ReLU", "relu", ""),
        ("LeakyReLU", "leaky_relu:alpha=0.3", "negative_slope=0.3"),
        ("PReLU", "prelu:alpha=0", "alpha_initializer='zeros': it starts as ReLU"),
        ("ELU", "elu", ""),
        ("Softmax", "softmax", ""),
    ):
        add("keras.layers", name, spec, note=note)

    # Keras 2 (tf-keras): hard_sigmoid is 0.2x + 0.5
    keras2 = [
        ("elu", "elu"), ("exponential", "exponential"), ("gelu", "gelu"),
        ("hard_sigmoid", "hard_sigmoid:slope=0.2"), ("linear", "identity"), ("mish", "mish"),
        ("relu", "relu"), ("selu", "selu"), ("sigmoid", "sigmoid"), ("softmax", "softmax"),
        ("softplus", "softplus"), ("softsign", "softsign"), ("swish", "swish"),
        ("tanh", "tanh"),
    ]  # fmt: skip
    for name, spec in keras2:
        add("keras2", name, spec)
    add("keras2", "LeakyReLU", "leaky_relu:alpha=0.3", "tf_keras.layers.LeakyReLU", "alpha=0.3")

    # tf.nn (and tf.math.log_sigmoid)
    tf = [
        ("relu", "relu"), ("relu6", "relu6"), ("leaky_relu", "leaky_relu:alpha=0.2"),
        ("elu", "elu"), ("selu", "selu"), ("sigmoid", "sigmoid"), ("tanh", "tanh"),
        ("softplus", "softplus"), ("softsign", "softsign"), ("silu", "swish"),
        ("swish", "swish"), ("gelu", "gelu"), ("crelu", "crelu"), ("softmax", "softmax"),
        ("log_softmax", "log_softmax"),
    ]  # fmt: skip
    for name, spec in tf:
        add("tf", name, spec, f"tf.nn.{name}")
    add("tf", "log_sigmoid", "log_sigmoid", "tf.math.log_sigmoid")

    # mlx.nn: functions and classes
    mlx = [
        ("celu", "CELU", "celu"), ("elu", "ELU", "elu"), ("gelu", "GELU", "gelu"),
        ("glu", "GLU", "glu"), ("hard_shrink", "HardShrink", "hardshrink"),
        ("hard_tanh", "HardTanh", "hardtanh"), ("hardswish", "Hardswish", "hardswish"),
        ("leaky_relu", "LeakyReLU", "leaky_relu"), ("log_sigmoid", "LogSigmoid", "log_sigmoid"),
        ("log_softmax", "LogSoftmax", "log_softmax"), ("mish", "Mish", "mish"),
        ("prelu", "PReLU", "prelu"), ("relu", "ReLU", "relu"), ("relu2", "ReLU2", "relu2"),
        ("relu6", "ReLU6", "relu6"), ("selu", "SELU", "selu"), ("sigmoid", "Sigmoid", "sigmoid"),
        ("silu", "SiLU", "swish"), ("softmax", "Softmax", "softmax"),
        ("softmin", "Softmin", "softmin"), ("softplus", "Softplus", "softplus"),
        ("softshrink", "Softshrink", "softshrink"), ("softsign", "Softsign", "softsign"),
        ("step", "Step", "binary_step"), ("tanh", "Tanh", "tanh"),
    ]  # fmt: skip
    mlx_notes = {"selu": "constants rounded to 1.0507 and 1.67326 (2.9e-6 relative at -inf)"}
    for fn, cls, spec in mlx:
        add("mlx", fn, spec, note=mlx_notes.get(fn, ""))
        add("mlx", cls, spec, f"mlx.nn.{fn}", mlx_notes.get(fn, ""))
    add("mlx", "gelu_approx", "gelu_tanh")
    add("mlx", "gelu_fast_approx", "quick_gelu", note="x sigmoid(1.702 x)")

    # Hugging Face transformers: the hidden_act strings of model configs (ACT2FN)
    hf = [
        ("gelu", "gelu"), ("gelu_python", "gelu"), ("gelu_new", "gelu_tanh"),
        ("gelu_pytorch_tanh", "gelu_tanh"), ("gelu_accurate", "gelu_tanh"),
        ("gelu_fast", "gelu_tanh"), ("quick_gelu", "quick_gelu"), ("gelu_10", "gelu_10"),
        ("laplace", "laplace"), ("leaky_relu", "leaky_relu"), ("linear", "identity"),
        ("mish", "mish"), ("prelu", "prelu"), ("relu", "relu"), ("relu2", "relu2"),
        ("relu6", "relu6"), ("sigmoid", "sigmoid"), ("silu", "swish"), ("swish", "swish"),
        ("tanh", "tanh"), ("xielu", "xielu"), ("sqrtsoftplus", "sqrt_softplus"),
    ]  # fmt: skip
    hf_notes = {"gelu_fast": "its constant 0.7978845608 is sqrt(2/pi) to 10 digits"}
    for name, spec in hf:
        add("hf", name, spec, f"ACT2FN['{name}']", hf_notes.get(name, ""))

    # timm: create_act names
    timm = [
        ("relu", "relu"), ("relu6", "relu6"), ("leaky_relu", "leaky_relu"), ("elu", "elu"),
        ("celu", "celu"), ("selu", "selu"), ("prelu", "prelu"), ("gelu", "gelu"),
        ("gelu_tanh", "gelu_tanh"), ("quick_gelu", "quick_gelu"), ("silu", "swish"),
        ("swish", "swish"), ("mish", "mish"), ("sigmoid", "sigmoid"), ("tanh", "tanh"),
        ("hard_sigmoid", "hard_sigmoid"), ("hard_swish", "hardswish"),
        ("hard_mish", "hard_mish"), ("identity", "identity"),
    ]  # fmt: skip
    for name, spec in timm:
        add("timm", name, spec, f"timm.layers.get_act_fn('{name}')")
    return rows


NAMES: tuple[Name, ...] = tuple(_rows())
assert {n.framework for n in NAMES} == set(PREFIXES)


def fold(name: str) -> str:
    """A name as it is matched when it is not spelled exactly: lower case, letters and
    digits only."""
    return "".join(c for c in name.lower() if c.isalnum())


def _index() -> tuple[dict[tuple[str, str], Name], dict[tuple[str, str], Name]]:
    exact: dict[tuple[str, str], Name] = {}
    folded: dict[tuple[str, str], Name] = {}
    for n in NAMES:
        exact[(n.framework, n.name)] = n
        key = (n.framework, fold(n.name))
        if key in folded and folded[key].spec != n.spec:  # ambiguous when folded: exact only
            folded[key] = Name(n.framework, "", "", "")
        else:
            folded.setdefault(key, n)
    return exact, folded


_EXACT, _FOLDED = _index()


def lookup(framework: str, name: str) -> Name | None:
    """The row for ``name`` under ``framework``: spelled exactly, else ignoring case and
    punctuation (``torch:leakyrelu`` is ``torch:LeakyReLU``)."""
    found = _EXACT.get((framework, name.strip()))
    if found is None:
        found = _FOLDED.get((framework, fold(name)))
    return found if found is not None and found.spec else None


def names_in(framework: str) -> list[Name]:
    """Every row of a framework, in table order."""
    return [n for n in NAMES if n.framework == framework]


def rows_for(canonical: str) -> list[Name]:
    """Every row, of any framework, whose target is the canonical name ``canonical``."""
    return [n for n in NAMES if n.target == canonical]


def targets() -> list[str]:
    """Every canonical name some framework has, in table order."""
    return list(dict.fromkeys(n.target for n in NAMES))
