"""What the gallery draws: every image as a :class:`Job`, from the registry.

Hyphens keep the extra images' names apart from activation names, which are snake_case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..activation import Activation, Definition, Param
from ..errors import ParameterError
from ..library import FAMILIES
from ..registry import REGISTRY, Registry

Format = Literal["png", "svg"]
FORMATS: tuple[Format, ...] = ("png", "svg")
OVERVIEW = "all-activations"


@dataclass(frozen=True)
class Job:
    """One image: what to draw, by activation name, and the file it goes to.  Only names and
    numbers, so that it can be sent to a worker process (definitions hold lambdas)."""

    kind: Literal["activation", "sweep", "overview"]
    file: str
    names: tuple[str, ...]
    param: str = ""
    values: tuple[float, ...] = ()
    convention: str | None = None  # names as this framework has them (None: actplot's own)
    # the overview's: each name's x interval, as its own image measured it (() to measure)
    spans: tuple[tuple[float, float], ...] = ()


def ordered(registry: Registry = REGISTRY, names: Iterable[str] | None = None) -> list[Definition]:
    """The definitions to show (all, or those ``names`` resolve to), grouped by family in
    FAMILIES order (a family from outside after them), in registration order within each."""
    chosen = {registry.resolve(n).name for n in names} if names is not None else set(registry)
    defs = [d for d in registry.values() if d.name in chosen]
    families = list(dict.fromkeys([*FAMILIES, *(d.family for d in defs)]))
    return sorted(defs, key=lambda d: families.index(d.family))  # stable: keeps registry order


def sweep(d: Definition) -> tuple[Param, tuple[Activation, ...]] | None:
    """The first scalar parameter and the activations at its declared sweep values (values
    the definition refuses, by domain or a constraint with other parameters, are skipped);
    None when there is nothing to sweep (no scalar parameter, or fewer than two values)."""
    param = next((p for p in d.params if not p.is_vector), None)
    if param is None:
        return None
    acts = swept(d.bind({}), param.name, param.sweep_values())
    return (param, tuple(acts)) if len(acts) > 1 else None


def swept(act: Activation, param: str, values: Sequence[float]) -> list[Activation]:
    """``act`` at each value of ``param``, its other parameters kept; a value refused beside
    them (by its domain, or a constraint with the others) is left out."""
    out = []
    for v in values:
        try:
            out.append(act.definition.bind({**act.params, param: v}))
        except ParameterError:
            continue
    return out


def plan(
    defs: Sequence[Definition], fmt: Format = "png", convention: str | None = None
) -> list[Job]:
    """Every image of the gallery of ``defs``: each activation's, then the sweeps, then the
    overview, which shows every activation over the x interval its own image measured (and
    is drawn as soon as those are done, before the sweeps left); each drawn under
    ``convention`` if one is given."""
    names = tuple(d.name for d in defs)
    jobs = [Job("activation", f"{d.name}.{fmt}", (d.name,), convention=convention) for d in defs]
    for d in defs:
        swept = sweep(d)
        if swept is not None:
            param, acts = swept
            values = tuple(float(a.params[param.name]) for a in acts)  # type: ignore[arg-type]
            file = f"{d.name}-sweep.{fmt}"
            jobs.append(Job("sweep", file, (d.name,), param.name, values, convention))
    jobs.append(Job("overview", f"{OVERVIEW}.{fmt}", names, convention=convention))
    return jobs
