"""What ``actplot compare`` prints: measured properties side by side, and the notes.

The numbers come from :mod:`actplot.properties`; this module only words and lays them out, as
a rich table (one column per activation, one row per property), JSON, or markdown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import _json, _markdown
from .activation import Activation, Interval
from .properties import Difference, Extremum, Properties


@dataclass(frozen=True)
class Compared:
    activation: Activation
    properties: Properties
    cost: float | None = None  # time for f and f', relative to ReLU


def num(v: float) -> str:
    """Five significant digits, the way people write them: 0.25, -0.27846, 9.5367e-07, inf."""
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return f"{v + 0.0:.5g}"


def _where(xs: Sequence[float]) -> str:
    """Places in words: 0, ±2.6989 (a symmetric pair), ±inf, or a list."""
    if len(xs) == 2 and math.isclose(xs[0], -xs[1], rel_tol=1e-9):
        return f"±{num(abs(xs[1]))}"
    return " and ".join(num(x) for x in xs)


def extremum_text(e: Extremum | None) -> str:
    if e is None:
        return "—"
    if e.intervals:
        return f"{num(e.value)} on {', '.join(i.format(num) for i in e.intervals)}"
    if not e.attained:
        return f"{num(e.value)} as x → {_where(e.xs)} (not reached)"
    return f"{num(e.value)} at x = {_where(e.xs)}"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _bounded(r: Interval) -> str:
    below, above = math.isfinite(r.lo), math.isfinite(r.hi)
    return {(True, True): "both sides", (True, False): "below", (False, True): "above"}.get(
        (below, above), "no"
    )


def _continuity(p: Properties) -> str:
    where = "; ".join(f"{b.kind} at {num(b.x)}" for b in p.facts.breaks)
    name = {"Cinf": "C∞"}.get(p.facts.continuity, p.facts.continuity)
    return f"{name} ({where})" if where else name


def _zero_centred(p: Properties) -> str:
    mean = 0.0 if p.zero_centred else p.mean_output  # not the quadrature's rounding noise
    return f"{_yes(p.zero_centred)} (E f(Z) = {num(mean)})"


def rows(layers: int) -> list[tuple[str, Callable[[Compared], str]]]:
    """The property rows of the table: a label and how to word each column."""
    return [
        ("range", lambda c: c.properties.facts.range.format(num)),
        ("bounded", lambda c: _bounded(c.properties.facts.range)),
        ("monotonic", lambda c: _yes(c.properties.facts.monotonic)),
        ("monotonic f′", lambda c: _yes(c.properties.monotonic_derivative)),
        ("minimum", lambda c: extremum_text(c.properties.minimum)),
        ("maximum", lambda c: extremum_text(c.properties.maximum)),
        ("f(0)", lambda c: num(c.properties.f0)),
        ("f′(0)", lambda c: num(c.properties.df0)),
        ("zero-centred", lambda c: _zero_centred(c.properties)),
        ("≈ identity at 0", lambda c: _yes(c.properties.identity_near_origin)),
        ("continuity", lambda c: _continuity(c.properties)),
        ("saturation", lambda c: "left {}, right {}".format(*c.properties.saturation)),
        ("dead zone", lambda c: ", ".join(z.format(num) for z in c.properties.dead_zones) or "—"),
        ("max |f′|", lambda c: extremum_text(c.properties.max_abs_grad)),
        (f"max |f′|^{layers}", lambda c: num(c.properties.depth_bound(layers))),
        ("cost vs ReLU", lambda c: "—" if c.cost is None else f"{c.cost:.1f}×"),
    ]


def difference_lines(a: Activation, b: Activation, d: Difference) -> list[str]:
    return [
        f"largest |{a.label} − {b.label}|: {extremum_text(d.largest)}",
        f"largest |{a.label}′ − {b.label}′|: {extremum_text(d.largest_derivative)}",
    ]


# rich --------------------------------------------------------------------------------------------


def to_rich(
    items: Sequence[Compared], layers: int, notes: bool = True, diff: Difference | None = None
):
    """A rich renderable: the table, the difference if asked for, then the notes."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold", show_lines=True)
    table.add_column("property", style="bold", no_wrap=True)
    for c in items:
        table.add_column(c.activation.label)
    for label, word in rows(layers):
        table.add_row(label, *(word(c) for c in items))
    parts: list[Any] = [table]
    if diff is not None:
        lines = difference_lines(items[0].activation, items[1].activation, diff)
        parts.append(Padding(Text("\n".join(lines)), (1, 0, 0, 0)))
    if notes:
        for c in items:
            parts.append(Padding(_notes_text(c.activation), (1, 0, 0, 0)))
    return Group(*parts)


def _notes_text(act: Activation):
    from rich.text import Text

    n = act.definition.notes
    text = Text.assemble((act.label, "bold"), f": {n.summary}")
    for heading, items in n.sections():
        for item in items:
            text.append(f"\n  {heading.lower()}: ", style="italic")
            text.append(item)
    return text


# markdown ----------------------------------------------------------------------------------------


def to_markdown(
    items: Sequence[Compared], layers: int, notes: bool = True, diff: Difference | None = None
) -> str:
    head = ["property", *(c.activation.label for c in items)]
    body = [[label, *(word(c) for c in items)] for label, word in rows(layers)]
    lines = _markdown.table(head, body, numeric=False)
    if diff is not None:
        a, b = items[0].activation, items[1].activation
        lines += ["", *(f"- {s}" for s in difference_lines(a, b, diff))]
    if notes:
        for c in items:
            n = c.activation.definition.notes
            lines += ["", f"### {c.activation.label}", "", n.summary, ""]
            for heading, entries in n.sections():
                lines += [f"- **{heading}:** {e}" for e in entries]
    return "\n".join(lines) + "\n"


# json --------------------------------------------------------------------------------------------


def _json_interval(i: Interval) -> list[float | str]:
    return [_json.number(i.lo), _json.number(i.hi)]


def _json_extremum(e: Extremum | None) -> dict[str, Any] | None:
    if e is None:
        return None
    out: dict[str, Any] = {
        "x": _json.number(e.xs[0]) if e.xs else None,
        "value": _json.number(e.value),
    }
    if len(e.xs) > 1:
        out["xs"] = _json.numbers(e.xs)
    if e.intervals:
        out["intervals"] = [_json_interval(i) for i in e.intervals]
    out["attained"] = e.attained
    return out


def properties_json(c: Compared, layers: int) -> dict[str, Any]:
    p = c.properties
    r = p.facts.range
    return {
        "range": _json_interval(r),
        "range_closed": [r.lo_closed, r.hi_closed],
        "bounded_below": math.isfinite(r.lo),
        "bounded_above": math.isfinite(r.hi),
        "monotonic": p.facts.monotonic,
        "monotonic_derivative": p.monotonic_derivative,
        "minimum": _json_extremum(p.minimum),
        "maximum": _json_extremum(p.maximum),
        "f0": _json.number(p.f0),
        "df0": _json.number(p.df0),
        "zero_centred": p.zero_centred,
        "mean_output": _json.number(p.mean_output),
        "identity_near_origin": p.identity_near_origin,
        "continuity": p.facts.continuity,
        "breaks": [{"x": _json.number(b.x), "order": b.order} for b in p.facts.breaks],
        "saturation": {"left": p.saturation[0], "right": p.saturation[1]},
        "dead_zones": [_json_interval(z) for z in p.dead_zones],
        "max_abs_grad": _json_extremum(p.max_abs_grad),
        "depth_bound": {"layers": layers, "value": _json.number(p.depth_bound(layers))},
        "relative_cost": c.cost,
    }


def to_dict(
    items: Sequence[Compared], layers: int, diff: Difference | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "activations": [
            {
                "name": c.activation.name,
                "label": c.activation.label,
                "params": _json.params(c.activation.params),
                "properties": properties_json(c, layers),
            }
            for c in items
        ]
    }
    if diff is not None:
        out["diff"] = {
            "a": items[0].activation.label,
            "b": items[1].activation.label,
            "largest": _json_extremum(diff.largest),
            "largest_derivative": _json_extremum(diff.largest_derivative),
        }
    return out
