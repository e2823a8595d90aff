"""The live check: each framework installed here evaluated on actplot's accuracy grid.

For each activation and each framework (torch, jax, tensorflow, mlx) that has it, the
framework's own function and its autodiff's f' and f'' are run in float64 and float32 and
measured against actplot's exact values of the same function (the framework's defaults): the
largest error in ulps of the framework's float type, and where.  At each kink the values its
autodiff really returns are listed and set against the convention table: a difference is a
*disagreement*, reported, never raised.  A framework that is not installed is listed as such.
A vector function (softmax, logsumexp) is run on the rows [x, 0] and read as a function of its
first logit, as actplot's plots and tables read it.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._formats import json_dumps, json_number
from ..activation import Activation
from .conventions import kinks as declared_kinks
from .names import VERSIONS, Name, fold, names_in
from .run import DTYPES, RUNNABLE, evaluate, flushes_subnormals, version

DBL_MAX = float(np.finfo(np.float64).max)
# Fixed magnitudes, both signs: what the accuracy suite's grid starts from
MAGNITUDES = (0.0, 5e-324, 1e-300, 1e-8, 1e-3, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0,
              4.0, 5.0, 7.5, 10.0, 15.0, 20.0, 30.0, 40.0, 100.0, 700.0, 750.0, 1e5, 1e10,
              1e100, 1e308, DBL_MAX)  # fmt: skip
KINK_TOLERANCE = 1e-6  # relative: float32 attributes (tf's alpha) round the declared value


def grid(act: Activation) -> np.ndarray:
    """About 200 points: fixed magnitudes of both signs, every kink and the floats around it,
    and a fixed-seed sample (uniform on [-40, 40], log-uniform over the float64 range)."""
    pts = [s * m for m in MAGNITUDES for s in (1.0, -1.0)]
    facts = act.facts
    for b in facts.breaks if facts is not None else ():
        k = float(b.x)
        up, down = np.nextafter(k, math.inf), np.nextafter(k, -math.inf)
        s = max(1.0, abs(k))
        pts += [k, up, down, *(k + d * s for d in (1e-8, -1e-8, 1e-3, -1e-3))]
    rng = np.random.default_rng(zlib.crc32(act.name.encode()))
    pts += rng.uniform(-40.0, 40.0, 80).tolist()
    pts += (rng.choice([-1.0, 1.0], 60) * 10.0 ** rng.uniform(-300, 308, 60)).tolist()
    return np.unique(np.array(pts, dtype=np.float64))


def ulps(got: np.ndarray, exact: np.ndarray, dtype: str) -> np.ndarray:
    """|got - exact| in units of the last place of ``dtype`` at the exact value; equal
    infinities and two nans are 0, any other non-finite mismatch inf."""
    ft = np.dtype(dtype).type
    with np.errstate(all="ignore"):
        spacing = np.spacing(np.abs(exact.astype(ft))).astype(np.float64)
        spacing = np.where(np.isfinite(spacing) & (spacing > 0), spacing, np.inf)
        err = np.abs(got - exact) / spacing
    same = (got == exact) | (np.isnan(got) & np.isnan(exact))
    err = np.where(same, 0.0, err)
    return np.where(np.isnan(err), np.inf, err)


@dataclass(frozen=True)
class Worst:
    """The largest error in ulps of one order in one dtype, and where."""

    ulps: float
    x: float

    def to_dict(self) -> dict[str, Any]:
        return {"ulps": json_number(self.ulps), "x": json_number(self.x)}


@dataclass(frozen=True)
class KinkSeen:
    """What the framework's autodiff returned at a kink, and what the table says."""

    x: float
    order: int
    dtype: str
    got: float | None  # None: the framework refused (torch's hardsigmoid has no f'')
    expected: float
    declared: bool  # by the table for this framework; else actplot's own value

    @property
    def agrees(self) -> bool:
        if self.got is None:
            return True
        return math.isclose(self.got, self.expected, rel_tol=KINK_TOLERANCE, abs_tol=1e-300)

    def to_dict(self) -> dict[str, Any]:
        return {"x": self.x, "order": self.order, "dtype": self.dtype,
                "got": None if self.got is None else json_number(self.got),
                "expected": json_number(self.expected), "declared": self.declared,
                "agrees": self.agrees}  # fmt: skip


@dataclass(frozen=True)
class Result:
    """One framework function checked against actplot's spec of it."""

    framework: str  # the module: torch, jax, tensorflow, mlx
    activation: str  # canonical name asked for
    name: str  # the framework's name
    call: str
    spec: str
    worst: dict[str, dict[int, Worst]] = field(default_factory=dict)  # dtype -> order -> worst
    kinks: tuple[KinkSeen, ...] = ()
    error: str = ""

    @property
    def disagreements(self) -> list[KinkSeen]:
        return [k for k in self.kinks if k.declared and not k.agrees]

    def to_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework, "activation": self.activation, "name": self.name,
            "call": self.call, "spec": self.spec,
            "ulps": {d: {str(o): w.to_dict() for o, w in by.items()}
                     for d, by in self.worst.items()},
            "kinks": [k.to_dict() for k in self.kinks],
            "disagreements": [k.to_dict() for k in self.disagreements],
            "error": self.error,
        }  # fmt: skip


@dataclass(frozen=True)
class Check:
    """The frameworks tried: installed ones with their results, the others listed."""

    installed: dict[str, str]  # module -> version
    missing: tuple[str, ...]
    results: tuple[Result, ...]
    flushes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # module -> dtypes

    def to_dict(self) -> dict[str, Any]:
        return {
            "installed": self.installed,
            "not_installed": list(self.missing),
            "table_read_from": {m: VERSIONS[RUNNABLE[m][0]] for m in RUNNABLE},
            "flushes_subnormals": {m: list(self.flushes.get(m, ())) for m in self.installed},
            "results": [r.to_dict() for r in self.results],
        }

    def to_json(self) -> str:
        return json_dumps(self.to_dict())

    def to_csv(self) -> str:
        from .check_text import csv_text

        return csv_text(self)

    def to_markdown(self) -> str:
        from .check_text import markdown_text

        return markdown_text(self)

    def to_rich(self) -> Any:
        from .check_text import rich_renderable

        return rich_renderable(self)


def _rows(prefix: str, act: Activation) -> list[Name]:
    """The framework's functions for an activation: one per distinct callable, those mapping
    to it or spelled as its names."""
    spelled = {fold(n) for n in (act.name, *act.definition.aliases)}
    seen: dict[str, Name] = {}
    for n in names_in(prefix):
        if n.target == act.name or fold(n.name) in spelled:
            seen.setdefault(n.call, n)
    return list(seen.values())


def _one(module: str, row: Name, canonical: str, flushed: tuple[str, ...] = ()) -> Result:
    from ..spec import get
    from .resolve import PendingActivationError

    base = Result(module, canonical, row.name, row.call, row.spec)
    try:
        act = get(row.typed)
    except PendingActivationError as e:
        return Result(**{**base.__dict__, "error": str(e)})
    if act.kind not in ("elementwise", "vector"):
        return Result(**{**base.__dict__, "error": f"{act.kind}: not checked"})
    vector = act.kind == "vector"  # as a function of its first logit, the other 0
    if vector and row.call.rpartition(".")[2][:1].isupper():  # torch.nn.Softmax2d: axis -3
        return Result(**{**base.__dict__, "error": "a module over its own axis: not checked"})
    x = grid(act)
    kink_xs = sorted({float(b.x) for b in (act.facts.breaks if act.facts else ())})
    facts = {(f.order, f.point(act.params)) for f in declared_kinks(RUNNABLE[module][0], act.name)
             if f.holds(act.params)}  # fmt: skip
    worst: dict[str, dict[int, Worst]] = {}
    seen: list[KinkSeen] = []
    for dtype in DTYPES:
        with np.errstate(over="ignore"):  # beyond float32's range: inf, as the framework gets
            xd = x.astype(dtype).astype(np.float64)
        try:
            got = evaluate(module, row.call, xd, dtype, vector)
            at_kinks = evaluate(module, row.call, np.array(kink_xs or [0.0]), dtype, vector)
            for v in (*got, *at_kinks):
                if v is not None and v.shape not in (xd.shape, (len(kink_xs or [0.0]),)):
                    raise ValueError(f"shape {v.shape} returned for {xd.shape} inputs")
        except Exception as e:
            return Result(**{**base.__dict__, "error": f"{dtype}: {type(e).__name__}: {e}"})
        off = ~np.isin(xd, kink_xs)  # at a kink the derivative is a convention, not an error
        worst[dtype] = {}
        for order in (0, 1, 2):
            if got[order] is None:
                continue
            exact = act.evaluate(xd, order)
            e = np.where(off | (order == 0), ulps(got[order], exact, dtype), 0.0)
            if dtype in flushed:  # a subnormal x is 0 to it: said once, not the worst each time
                e = np.where((xd != 0) & (np.abs(xd) < np.finfo(dtype).tiny), 0.0, e)
            i = int(np.argmax(e))
            worst[dtype][order] = Worst(float(e[i]), float(xd[i]))
        for i, k in enumerate(kink_xs):
            for order in (1, 2):
                values = at_kinks[order]
                got_k = None if values is None else float(values[i])
                ours = float(act.evaluate(k, order))
                seen.append(KinkSeen(k, order, dtype, got_k, ours, (order, k) in facts))
    return Result(**{**base.__dict__, "worst": worst, "kinks": tuple(seen)})


def check(*names: str) -> Check:
    """Run each installed framework's function for each activation (canonical names) on the
    accuracy grid; see the module's docstring.  Nothing is raised for a framework's failure:
    it is the result's ``error``."""
    from ..registry import REGISTRY

    installed = {m: v for m in RUNNABLE if (v := version(m)) is not None}
    missing = tuple(m for m in RUNNABLE if m not in installed)
    flushes = {m: f for m in installed if (f := flushes_subnormals(m))}
    results = []
    for name in names:
        act = REGISTRY[name].bind({})
        for module in installed:
            results += [_one(module, row, name, flushes.get(module, ()))
                        for row in _rows(RUNNABLE[module][0], act)]  # fmt: skip
    return Check(installed, missing, tuple(results), flushes)
