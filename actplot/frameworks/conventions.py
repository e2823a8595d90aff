"""What each framework's autodiff returns at each kink: one table of facts, each with the
version it was read from, and ``convention=`` applied to an activation.

actplot's own derivatives take PyTorch's values at kinks (each definition says so in its
``convention``).  Under another framework's convention the derivative at a listed kink is
replaced by that framework's value; elsewhere nothing changes.  The torch rows restate what
actplot already does, and the test suite checks them against torch itself.

A value or point may be a parameter's name (``"alpha"``, ``"-lambd"``): the fact then holds
for every value of that parameter.  ``given`` lists the parameter values a fact was read at
when it is known only there (jax's celu''(0) = 0.25 at alpha = 1).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from ..activation import Activation, Definition, ParamValue
from ..errors import ActplotError
from . import CONVENTIONS, PREFIXES
from .names import MODULES, VERSIONS

# SELU's constants, as torch, jax and TensorFlow's kernels write them; mlx rounds them.
SELU_LAMBDA = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717
MLX_SELU = 1.0507 * 1.67326

# Frameworks whose kink derivatives are another's: flax runs jax.nn, Hugging Face and timm
# run on torch.  Keras' depend on its backend, so none are declared for it.
KINKS_OF = {"flax": "jax", "hf": "torch", "timm": "torch"}


@dataclass(frozen=True)
class Kink:
    """``framework``'s derivative of ``order`` of ``activation`` at ``at`` is ``value``."""

    framework: str
    activation: str  # canonical name
    at: float | str  # a number, or a parameter's name, "-" in front for its negative
    order: int  # 1: f', 2: f''
    value: float | str  # a number, or a parameter's name
    given: tuple[tuple[str, float], ...] = ()  # read at these parameter values only
    note: str = ""

    @property
    def version(self) -> str:
        return VERSIONS[self.framework]

    def point(self, params: Mapping[str, ParamValue]) -> float:
        return _number(self.at, params)

    def number(self, params: Mapping[str, ParamValue]) -> float:
        return _number(self.value, params)

    def holds(self, params: Mapping[str, ParamValue]) -> bool:
        return all(params.get(k) == v for k, v in self.given)


def _number(v: float | str, params: Mapping[str, ParamValue]) -> float:
    if isinstance(v, str):
        sign, name = (-1.0, v[1:]) if v.startswith("-") else (1.0, v)
        return sign * float(params[name])  # type: ignore[arg-type]
    return float(v)


def _facts() -> list[Kink]:
    out: list[Kink] = []

    def k(fw: str, act: str, at: float | str, d1: float | str | None, d2=None, **kw) -> None:
        if d1 is not None:
            out.append(Kink(fw, act, at, 1, d1, **kw))
        if d2 is not None:
            out.append(Kink(fw, act, at, 2, d2, **kw))

    lam_alpha = SELU_LAMBDA * SELU_ALPHA
    # torch: what actplot's own definitions take, checked against torch by the test suite
    k("torch", "relu", 0.0, 0.0)
    k("torch", "relu6", 0.0, 0.0)
    k("torch", "relu6", 6.0, 0.0)
    k("torch", "leaky_relu", 0.0, "alpha")
    k("torch", "elu", 0.0, "alpha", 0.0)
    k("torch", "celu", 0.0, 1.0, 0.0)
    k("torch", "selu", 0.0, lam_alpha, 0.0)
    k("torch", "hardtanh", "min_val", 0.0)
    k("torch", "hardtanh", "max_val", 0.0)
    k("torch", "hard_sigmoid", -3.0, 0.0, note="no double backward: f'' raises")
    k("torch", "hard_sigmoid", 3.0, 0.0, note="no double backward: f'' raises")
    k("torch", "hardswish", -3.0, 0.0)
    k("torch", "hardswish", 3.0, 1.0)
    k("torch", "hardshrink", "lambd", 0.0)
    k("torch", "hardshrink", "-lambd", 0.0)
    k("torch", "softshrink", "lambd", 0.0)
    k("torch", "softshrink", "-lambd", 0.0)
    k("torch", "softsign", 0.0, None, 0.0, note="abs' = sgn, 0 at 0: f'' is -0.0")
    # jax: `x >= 0` in leaky_relu, `where` with strict bounds in hard_tanh, ties split in half;
    # checked against jax itself by the test suite when jax is installed
    k("jax", "relu", 0.0, 0.0, note="custom_jvp")
    k("jax", "relu6", 0.0, 0.0)
    k("jax", "relu6", 6.0, 0.0)
    k("jax", "leaky_relu", 0.0, 1.0, note="where(x >= 0, x, a x): the right derivative")
    k("jax", "elu", 0.0, "alpha", "alpha", note="where(x > 0, x, a expm1(x)): the left side")
    k("jax", "celu", 0.0, 1.0)
    k("jax", "celu", 0.0, None, 0.25, given=(("alpha", 1.0),), note="max/min ties split: 1/(4a)")
    k("jax", "selu", 0.0, lam_alpha, lam_alpha, note="elu's where: the left side, both orders")
    k("jax", "hardtanh", -1.0, 1.0, given=(("min_val", -1.0), ("max_val", 1.0)))
    k("jax", "hardtanh", 1.0, 1.0, given=(("min_val", -1.0), ("max_val", 1.0)))
    k("jax", "hard_sigmoid", -3.0, 0.0, 0.0)
    k("jax", "hard_sigmoid", 3.0, 0.0, 0.0)
    k("jax", "hardswish", -3.0, 0.0)
    k("jax", "hardswish", 3.0, 1.0)
    k("jax", "sparse_plus", -1.0, 0.0)
    k("jax", "sparse_plus", 1.0, 1.0)
    k("jax", "sparse_sigmoid", -1.0, 0.25, note="clip ties split in half")
    k("jax", "sparse_sigmoid", 1.0, 0.25, note="clip ties split in half")
    k("jax", "softsign", 0.0, None, -2.0, note="abs' (0) = 1: f'' is the right side's")
    # TensorFlow: selu's gradient selects on the output's sign; alpha is a float32 attribute;
    # checked against tensorflow 2.21.0 itself by the test suite when it is installed
    k("tf", "relu", 0.0, 0.0)
    k("tf", "relu6", 0.0, 0.0)
    k("tf", "relu6", 6.0, 0.0)
    k("tf", "leaky_relu", 0.0, "alpha", note="alpha rounded to float32")
    k("tf", "elu", 0.0, 1.0, 0.0, given=(("alpha", 1.0),))
    k("tf", "selu", 0.0, SELU_LAMBDA, 0.0, note="the right derivative; f'' as elu's")
    k("tf", "crelu", 0.0, 0.0, 0.0, note="each half as relu")
    # mlx: leaky_relu is maximum(a x, x), whose tie takes x; celu's derivative at 0 is 0
    k("mlx", "relu", 0.0, 0.0)
    k("mlx", "relu6", 0.0, 0.0)
    k("mlx", "relu6", 6.0, 0.0)
    k("mlx", "leaky_relu", 0.0, 1.0, note="maximum(a x, x): the tie takes x")
    k("mlx", "elu", 0.0, 1.0, 1.0, given=(("alpha", 1.0),))
    k("mlx", "celu", 0.0, 0.0, 0.0, given=(("alpha", 1.0),), note="f'(0) = 0 is wrong")
    k("mlx", "selu", 0.0, MLX_SELU, note="its rounded constants")
    k("mlx", "hardtanh", "min_val", 0.0)
    k("mlx", "hardtanh", "max_val", 0.0)
    k("mlx", "hardswish", -3.0, 0.0)
    k("mlx", "hardswish", 3.0, 1.0)
    k("mlx", "hardshrink", "lambd", 0.0)
    k("mlx", "hardshrink", "-lambd", 0.0)
    k("mlx", "softshrink", "lambd", 0.0)
    k("mlx", "softshrink", "-lambd", 0.0)
    return out


KINKS: tuple[Kink, ...] = tuple(_facts())


def kinks(framework: str, activation: str) -> list[Kink]:
    """The declared facts for one activation under one framework (or the one it runs on)."""
    fw = KINKS_OF.get(framework, framework)
    return [k for k in KINKS if k.framework == fw and k.activation == activation]


def meaning(convention: str) -> str:
    """What a convention makes of each name, in words, as ``list`` and the gallery's index
    say it: ``each name is the function of jax.nn, with the defaults and ...``."""
    return (
        f"each name is the function of {MODULES[convention]}, with the defaults and the "
        f"derivatives at kinks {convention} gives it"
    )


def check_convention(convention: str | None) -> str | None:
    """None, or a known convention; a one-line error naming the choices otherwise."""
    if convention is None or convention in CONVENTIONS:
        return convention
    raise ActplotError(f"unknown convention {convention!r}; choose one of {', '.join(CONVENTIONS)}")


def _override(d: Callable, order: int, facts: list[Kink]) -> Callable[..., np.ndarray]:
    def derivative(x: np.ndarray, **params: ParamValue) -> np.ndarray:
        y = np.asarray(d(x, **params), dtype=np.float64)
        for f in facts:
            if f.order == order and f.holds(params):
                y = np.where(x == f.point(params), f.number(params), y)
        return y

    return derivative


def with_kinks(definition: Definition, framework: str) -> Definition:
    """The definition with ``framework``'s derivatives at its kinks (itself if none differ:
    torch's are actplot's own).  Applying it twice changes nothing more."""
    facts = kinks(framework, definition.name)
    if framework.startswith("keras") and definition.convention:
        said = "Keras declares none: they are its backend's.  actplot takes its own: "
        if definition.convention.startswith(said):
            return definition
        return replace(definition, convention=said + definition.convention)
    if (
        not facts
        or definition.kind != "elementwise"
        or KINKS_OF.get(framework, framework) == "torch"
    ):
        return definition
    said = "; ".join(_fact_text(f) for f in facts)
    text = f"As {facts[0].version} gives: {said}."
    if definition.convention == text:  # already applied
        return definition
    d1, d2 = definition.derivatives[:2]
    return replace(
        definition,
        derivatives=(_override(d1, 1, facts), _override(d2, 2, facts)),
        convention=text,
    )


def _fact_text(f: Kink) -> str:
    prime = "'" * f.order
    at = f.at if isinstance(f.at, str) else f"{f.at:g}"
    value = f.value if isinstance(f.value, str) else repr(float(f.value))  # every digit
    when = f" (read at {', '.join(f'{k} = {v:g}' for k, v in f.given)})" if f.given else ""
    return f"{f.activation}{prime}({at}) = {value}{when}"


def apply(act: Activation, convention: str | None) -> Activation:
    """An activation with a convention's kink derivatives.  A prefixed one (``jax:gelu``)
    keeps its own framework's; defaults are not touched here (the spec's business:
    :func:`actplot.spec.parse_spec` with ``convention``)."""
    if convention is None or act.definition.source.partition(":")[0] in PREFIXES:
        return act
    return Activation(with_kinks(act.definition, convention), act.bound)
