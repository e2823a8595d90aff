"""``compare``: the properties of activations measured side by side, the differences between
them, and optionally the experiments, as one :class:`Comparison`.

The numbers come from :mod:`actplot.properties` (and :mod:`actplot.experiments`); this module
assembles them, times the implementations, and words and lays them out: a rich table (one
column per activation, one row per property), markdown, JSON, and figures.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ._formats import json_dumps, json_number, json_numbers, json_params, markdown_table
from ._terminal import Fitted, Layout
from .activation import Activation, held_values
from .errors import ActplotError
from .facts import Interval, RealSet
from .i18n import aside, breaks_text, word
from .i18n import check as check_lang
from .i18n import notes as notes_in
from .numbers import PROSE, format_number
from .properties import Difference, Extremum, Properties, analyse, difference
from .spec import Spec, activations

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .experiments import Outcome

TIME_LABEL = "time in actplot relative to ReLU"


@dataclass(frozen=True)
class Compared:
    activation: Activation
    properties: Properties
    time: float | None = None  # of f and f' in actplot, relative to ReLU's (a measurement)
    caveats: tuple[str, ...] = ()  # where it is numerically fragile (an expression's overflows)


def num(v: float) -> str:
    """Five significant digits, the way people write them: 0.25, -0.27846, 9.5367e-07, inf."""
    return format_number(v, PROSE, trim=True)


MAX_PLACES = 4  # listed one by one; an extremum rounding to one value at more is summarised


def _where(xs: Sequence[float], lang: str = "en") -> str:
    """Places in words: 0, ±2.6989 (a symmetric pair), ±inf, a list, or for more than
    MAX_PLACES (a derivative that rounds to its maximum at many points) the first and last."""
    if len(xs) == 2 and math.isclose(xs[0], -xs[1], rel_tol=1e-9):
        return f"±{num(abs(xs[1]))}"
    if len(xs) > MAX_PLACES:
        between = "to" if lang == "en" else "至"
        return f"{num(xs[0])} {between} {num(xs[-1])} ({len(xs)} points)"
    return (" and " if lang == "en" else "、").join(num(x) for x in xs)


def extremum_text(e: Extremum | None, lang: str = "en") -> str:
    if e is None:
        return "—"
    if e.intervals:
        return f"{num(e.value)} {word('on', lang)} {', '.join(i.format(num) for i in e.intervals)}"
    if not e.attained:
        where = _where(e.xs, lang)
        return f"{num(e.value)} {word('as x →', lang)} {where} {word('(not reached)', lang)}"
    return f"{num(e.value)} {word('at x =', lang)} {_where(e.xs, lang)}"


def _yes(flag: bool, lang: str) -> str:
    return word("yes" if flag else "no", lang)


def _bounded(r: RealSet, lang: str) -> str:
    below, above = math.isfinite(r.lo), math.isfinite(r.hi)
    sides = {(True, True): "both sides", (True, False): "below", (False, True): "above"}
    return word(sides.get((below, above), "no"), lang)


def _continuity(p: Properties, lang: str) -> str:
    where = breaks_text(((b.kind, num(b.x)) for b in p.facts.breaks), lang, x=False)
    return word(p.facts.continuity, lang) + aside(where, lang)


def _zero_centred(p: Properties, lang: str) -> str:
    if math.isnan(p.mean_output):  # log1mexp: no value below 0, so no mean
        return _yes(False, lang) + aside(word("E f(Z) undefined", lang), lang)
    mean = 0.0 if p.zero_centred else p.mean_output  # not the quadrature's rounding noise
    return _yes(p.zero_centred, lang) + aside(f"E f(Z) = {num(mean)}", lang)


def _saturation(p: Properties, lang: str) -> str:
    left, right = (word(s, lang) for s in p.saturation)
    if lang == "en":
        return f"left {left}, right {right}"
    return f"{word('left', lang)}{left}，{word('right', lang)}{right}"


def rows(layers: int, lang: str = "en") -> list[tuple[str, Callable[[Compared], str]]]:
    """The property rows of the table: a label and how to word each column, in ``lang``."""
    props = lambda c: c.properties
    labelled = [
        ("range", lambda c: props(c).facts.range.format(num)),
        ("bounded", lambda c: _bounded(props(c).facts.range, lang)),
        ("monotonic", lambda c: _yes(props(c).facts.monotonic, lang)),
        ("monotonic f′", lambda c: _yes(props(c).monotonic_derivative, lang)),
        ("minimum", lambda c: extremum_text(props(c).minimum, lang)),
        ("maximum", lambda c: extremum_text(props(c).maximum, lang)),
        ("f(0)", lambda c: num(props(c).f0)),
        ("f′(0)", lambda c: num(props(c).df0)),
        ("zero-centred", lambda c: _zero_centred(props(c), lang)),
        ("≈ identity at 0", lambda c: _yes(props(c).identity_near_origin, lang)),
        ("continuity", lambda c: _continuity(props(c), lang)),
        ("saturation", lambda c: _saturation(props(c), lang)),
        ("dead zone", lambda c: ", ".join(z.format(num) for z in props(c).dead_zones) or "—"),
        ("max |f′|", lambda c: extremum_text(props(c).max_abs_grad, lang)),
        (f"max |f′|^{layers}", lambda c: num(props(c).depth_bound(layers))),
        (TIME_LABEL, lambda c: "—" if c.time is None else f"{c.time:.1f}×"),
    ]
    return [(word(label, lang), fn) for label, fn in labelled]


def difference_lines(a: Activation, b: Activation, d: Difference) -> list[str]:
    return [
        f"largest |{a.label} − {b.label}|: {extremum_text(d.largest)}",
        f"largest |{a.label}′ − {b.label}′|: {extremum_text(d.largest_derivative)}",
    ]


def caveat_lines(items: Sequence[Compared]) -> list[str]:
    """What to know of the numbers: which are gated activations measured over the gate, and
    where an activation is numerically fragile."""
    gated = [c.activation for c in items if c.activation.kind == "gated"]
    held = [
        f"{', '.join(a.label for a in gated)}: gated f(a, b), measured as functions of the "
        f"gate b (the x here), the value held at a = {held_values(gated)}"
    ]
    fragile = [f"{c.activation.label}: {s}" for c in items for s in c.caveats]
    return [*(held if gated else []), *fragile]


def _notes_text(act: Activation, lang: str) -> Any:
    """The label and summary, then one paragraph per item, each wrapped on its own (so a
    Chinese line breaks between characters, and continuation lines hang under the item)."""
    from rich.console import Group
    from rich.text import Text

    from ._prose import Prose

    n = notes_in(act.definition, lang)
    colon = ": " if lang == "en" else "："
    parts = [Prose(Text.assemble((act.label, "bold"), f"{colon}{n.summary}" if n.summary else ""))]
    for heading, items in n.sections():
        shown = word(heading, lang)
        shown = shown.lower() if lang == "en" else shown
        parts += [
            Prose(Text.assemble((f"{shown}{colon}", "italic"), item), indent=2, hang=2)
            for item in items
        ]
    return Group(*parts)


def _json_interval(i: Interval | RealSet) -> list[float | str]:
    return [json_number(i.lo), json_number(i.hi)]


def range_json(r: RealSet) -> dict[str, Any]:
    """A range for programs: its hull and closedness, and its parts when it has gaps."""
    return {
        "range": _json_interval(r),
        "range_closed": [r.lo_closed, r.hi_closed],
        "range_parts": [
            {"lo": json_number(p.lo), "hi": json_number(p.hi), "closed": [p.lo_closed, p.hi_closed]}
            for p in r.parts
        ],
    }


def _json_extremum(e: Extremum | None) -> dict[str, Any] | None:
    if e is None:
        return None
    out: dict[str, Any] = {
        "x": json_number(e.xs[0]) if e.xs else None,
        "value": json_number(e.value),
    }
    if len(e.xs) > 1:
        out["xs"] = json_numbers(e.xs)
    if e.intervals:
        out["intervals"] = [_json_interval(i) for i in e.intervals]
    out["attained"] = e.attained
    return out


def properties_json(c: Compared, layers: int) -> dict[str, Any]:
    p = c.properties
    r = p.facts.range
    return {
        **range_json(r),
        "bounded_below": math.isfinite(r.lo),
        "bounded_above": math.isfinite(r.hi),
        "monotonic": p.facts.monotonic,
        "monotonic_derivative": p.monotonic_derivative,
        "minimum": _json_extremum(p.minimum),
        "maximum": _json_extremum(p.maximum),
        "f0": json_number(p.f0),
        "df0": json_number(p.df0),
        "zero_centred": p.zero_centred,
        "mean_output": json_number(p.mean_output),
        "identity_near_origin": p.identity_near_origin,
        "continuity": p.facts.continuity,
        "breaks": [{"x": json_number(b.x), "order": b.order} for b in p.facts.breaks],
        "saturation": {"left": p.saturation[0], "right": p.saturation[1]},
        "dead_zones": [_json_interval(z) for z in p.dead_zones],
        "max_abs_grad": _json_extremum(p.max_abs_grad),
        "depth_bound": {"layers": layers, "value": json_number(p.depth_bound(layers))},
        "time_relative_to_relu": c.time,
    }


# the result ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """What :func:`compare` measured: each activation's properties (and time), the largest
    differences of the others from the first (with ``diff``), and the experiments' outcome."""

    items: tuple[Compared, ...]
    layers: int
    context: tuple[float, ...] = (0.0,)
    differences: tuple[Difference, ...] = ()  # of items[1:] from items[0]
    experiments: Outcome | None = None

    @property
    def activations(self) -> list[Activation]:
        return [c.activation for c in self.items]

    def _pairs(self) -> list[tuple[Activation, Activation, Difference]]:
        first, others = self.items[0].activation, self.items[1:]
        return [(first, c.activation, d) for c, d in zip(others, self.differences, strict=True)]

    # for programs -------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "activations": [
                {
                    "name": c.activation.name,
                    "label": c.activation.label,
                    "params": json_params(c.activation.params),
                    "properties": properties_json(c, self.layers),
                    "caveats": list(c.caveats),
                    **({"value": c.activation.held} if c.activation.kind == "gated" else {}),
                }
                for c in self.items
            ]
        }
        if self.differences:
            out["diff"] = [
                {
                    "a": a.label,
                    "b": b.label,
                    "largest": _json_extremum(d.largest),
                    "largest_derivative": _json_extremum(d.largest_derivative),
                }
                for a, b, d in self._pairs()
            ]
        if self.experiments is not None:
            from .experiments import report

            out.update(report.to_dict(self.experiments))
        return out

    def to_json(self) -> str:
        return json_dumps(self.to_dict())

    # for people ---------------------------------------------------------------------------

    def to_markdown(self, notes: bool = True, lang: str = "en") -> str:
        """A table for notes and READMEs, the activations' notes after it, in ``lang``."""
        lang = check_lang(lang)
        head = [word("property", lang), *(c.activation.label for c in self.items)]
        body = [[label, *(fn(c) for c in self.items)] for label, fn in rows(self.layers, lang)]
        lines = markdown_table(head, body, numeric=False)
        if self.differences:
            lines.append("")
            lines += [f"- {s}" for a, b, d in self._pairs() for s in difference_lines(a, b, d)]
        if caveat_lines(self.items):
            lines += ["", *(f"- {s}" for s in caveat_lines(self.items))]
        if notes:
            for c in self.items:
                n = notes_in(c.activation.definition, lang)
                if not n.summary and not n.sections():
                    continue
                lines += ["", f"### {c.activation.label}", "", n.summary, ""]
                colon = ":" if lang == "en" else "："
                for heading, entries in n.sections():
                    lines += [f"- **{word(heading, lang)}{colon}** {e}" for e in entries]
        text = "\n".join(lines) + "\n"
        if self.experiments is not None:
            from .experiments import report

            text += report.markdown(self.experiments)
        return text

    def to_rich(self, notes: bool = True, lang: str = "en") -> Any:
        """A rich renderable: the table, the differences, the notes (in ``lang``), then the
        experiments."""
        lang = check_lang(lang)
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        def after_a_blank(part: Any) -> Any:
            # not rich's Padding, which pads every line with spaces to the console's width
            return Group(Text(""), part)

        words = [(label, [fn(c) for c in self.items]) for label, fn in rows(self.layers, lang)]

        def table(indices: Sequence[int]) -> Any:
            out = Table(header_style="bold", show_lines=True)
            # a long label (the time's) wraps rather than widen the column
            out.add_column(word("property", lang), style="bold", max_width=18, overflow="fold")
            for j in indices:
                out.add_column(self.items[j].activation.label, overflow="fold")
            for label, cells in words:
                out.add_row(label, *(cells[j] for j in indices))
            return out

        parts: list[Any] = [Fitted([Layout(table, len(self.items))])]
        if self.differences:
            lines = [s for a, b, d in self._pairs() for s in difference_lines(a, b, d)]
            parts.append(after_a_blank(Text("\n".join(lines))))
        if caveat_lines(self.items):
            parts.append(after_a_blank(Text("\n".join(caveat_lines(self.items)))))
        if notes:
            parts += [
                after_a_blank(_notes_text(c.activation, lang))
                for c in self.items
                if c.activation.definition.notes.summary or c.activation.definition.notes.sections()
            ]
        if self.experiments is not None:
            from .experiments import report

            parts += [after_a_blank(part) for part in report.renderables(self.experiments)]
        return Group(*parts)

    def __rich__(self) -> Any:
        return self.to_rich()

    def figure(
        self,
        derivatives: Sequence[int] = (0, 1),
        x_range: Sequence[float] | None = None,
        points: int = 1001,
        layout: str = "overlay",
        ylim: Sequence[float] | None = None,
        size: Sequence[float] | None = None,
        dpi: float = 150,
        title: str | None = None,
        font_size: float | None = None,
        style: str = "light",
        legend: bool = True,
    ) -> Figure:
        """f and f' (the orders in ``derivatives``) overlaid, or a panel per activation with
        ``layout="grid"``; with differences, the others minus the first and their first
        derivatives instead, the largest gaps marked.  The other parameters are those of
        :func:`actplot.plot`."""
        from . import plotting

        if not self.differences:
            return plotting.plot(
                *self.activations, derivatives=derivatives, x_range=x_range, points=points,
                layout=layout, context=self.context, ylim=ylim, size=size, dpi=dpi,
                title=title, font_size=font_size, style=style, legend=legend,
            )  # fmt: skip
        return plotting.plot_differences(
            *self.activations, x_range=x_range, points=points, context=self.context,
            marks=[(d.largest.xs, d.largest_derivative.xs) for d in self.differences],
            ylim=ylim, size=size, dpi=dpi, title=title, font_size=font_size, style=style,
        )  # fmt: skip

    def experiment_figures(self) -> dict[str, Callable[[], Figure]]:
        """{"depth": make its figure, "train": ...}, for the experiments that ran."""
        if self.experiments is None:
            return {}
        from .experiments import report

        return report.figures(self.experiments)


# the call --------------------------------------------------------------------------------------


def time_relative_to_relu(
    acts: Sequence[Activation], size: int = 1 << 20, repeats: int = 3
) -> list[float]:
    """How long actplot takes to evaluate f and f' on ``size`` normal samples, relative to
    ReLU's time in the same run (best of ``repeats``).  A measurement of this implementation
    on this machine, not a property of the functions."""
    from .spec import get

    x = np.random.default_rng(0).standard_normal(size)

    def seconds(act: Activation) -> float:
        best = math.inf
        for _ in range(repeats):
            start = time.perf_counter()
            act.evaluate(x)
            act.evaluate(x, 1)
            best = min(best, time.perf_counter() - start)
        return best

    relu = get("relu")
    base = seconds(relu)
    # ReLU itself among them is the run just timed: 1 by definition, not a second, noisier run
    same = lambda act: act.definition is relu.definition and act.bound == relu.bound
    return [1.0 if same(act) else seconds(act) / base for act in acts]


def compare(
    *specs: Spec,
    diff: bool = False,
    layers: int = 10,
    cost: bool = True,
    context: Sequence[float] = (0.0,),
    value: float | None = None,
    experiment: str | Iterable[str] = (),
    width: int = 64,
    init: str | None = None,
    repeats: int = 5,
    dataset: str = "classification",
    data: str | Path | None = None,
    lr: float = 1e-3,
    epochs: int = 200,
    hidden: Sequence[int] = (50, 50),
    seed: int = 42,
    standardize: bool = False,
    jobs: int | None = None,
    convention: str | None = None,
) -> Comparison:
    """Measure the properties of activations (names, specs or Activation objects) side by
    side.

    ``diff``: also the largest |A - B| and |A' - B'| of each activation B from the first, A.
    ``layers``: the depth L of the bound (max |f'|)^L on a gradient through L layers.
    ``cost``: time f and f' relative to ReLU (about a second).  ``context``: for the
    vector-valued ones, the other logits held fixed; ``value``: for the gated ones (swiglu),
    the value a held (1 if None) while their gate b is measured as x.  ``experiment``:
    "depth", "train" or both, run in numpy with these very functions; the settings after it
    are theirs (see :func:`actplot.experiments.plan`).  ``convention``: torch, jax, keras, tf
    or mlx, whose defaults and derivatives at kinks the names follow; None is actplot's own
    (PyTorch's).

    >>> c = compare("relu", "gelu", cost=False)
    >>> c.to_dict()["activations"][1]["properties"]["minimum"]["value"]
    -0.16997120747990369
    """
    acts = activations(specs, value, convention)
    if not acts:
        raise ActplotError("compare needs at least one activation")
    if diff and len(acts) < 2:
        raise ActplotError("diff compares activations with the first: give two or more")
    if not 1 <= layers <= 10_000:
        raise ActplotError(f"layers must be 1 to 10000, got {layers}")
    ctx = tuple(float(c) for c in context)
    outcome_plan = None
    wanted = [experiment] if isinstance(experiment, str) else list(experiment)
    if wanted:  # checked, and the data loaded, before anything is measured
        from .experiments import plan

        outcome_plan = plan(
            acts, wanted, layers=layers, width=width, init=init, repeats=repeats,
            dataset=dataset, data=data, lr=lr, epochs=epochs, hidden=hidden, seed=seed,
            standardize=standardize, jobs=jobs,
        )  # fmt: skip
    times = time_relative_to_relu(acts) if cost else [None] * len(acts)
    items = tuple(
        Compared(a, analyse(a, ctx), t, a.caveats) for a, t in zip(acts, times, strict=True)
    )
    gaps = tuple(difference(acts[0], b, ctx) for b in acts[1:]) if diff else ()
    outcome = None
    if outcome_plan is not None:
        from .experiments import run

        outcome = run(outcome_plan, acts)
    return Comparison(items, layers, ctx, gaps, outcome)
