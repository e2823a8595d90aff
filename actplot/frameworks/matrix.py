"""``actplot frameworks --all``: which activation each framework has, and whether actplot has
it (every framework's activation should be present in actplot).  The Keras 3 prefixes
(keras, keras.ops, keras.layers) count as one column."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .._formats import json_dumps, markdown_table
from ..registry import REGISTRY
from .names import NAMES, VERSIONS, targets

COLUMNS = ("torch", "jax", "flax", "keras", "keras2", "tf", "mlx", "hf", "timm")


def column(framework: str) -> str:
    return "keras" if framework.startswith("keras.") else framework


@dataclass(frozen=True)
class Entry:
    """One activation: whether actplot has it, and its names in each framework."""

    name: str
    in_actplot: bool
    names: dict[str, tuple[str, ...]]  # column -> its names there (empty: it has none)


@dataclass(frozen=True)
class Availability:
    """The matrix: an entry per activation, actplot's registered ones first (in their order),
    then those only frameworks have."""

    entries: tuple[Entry, ...]

    @property
    def missing(self) -> list[str]:
        """Activations some framework has and actplot does not (yet)."""
        return [e.name for e in self.entries if not e.in_actplot and any(e.names.values())]

    def to_dict(self) -> dict[str, Any]:
        return {
            "versions": {c: VERSIONS[c] for c in COLUMNS},
            "activations": [
                {
                    "name": e.name,
                    "in_actplot": e.in_actplot,
                    "frameworks": {c: list(e.names[c]) for c in COLUMNS},
                }
                for e in self.entries
            ],
            "missing_in_actplot": self.missing,
        }

    def to_json(self) -> str:
        return json_dumps(self.to_dict())

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["activation", "actplot", *COLUMNS])
        for e in self.entries:
            w.writerow([e.name, "yes" if e.in_actplot else "no",
                        *(" ".join(e.names[c]) for c in COLUMNS)])  # fmt: skip
        return buf.getvalue()

    def _marks(self) -> list[list[str]]:
        return [
            [e.name, "✓" if e.in_actplot else "no",
             *("✓" if e.names[c] else "·" for c in COLUMNS)]
            for e in self.entries
        ]  # fmt: skip

    def to_markdown(self) -> str:
        lines = markdown_table(("activation", "actplot", *COLUMNS), self._marks(), numeric=False)
        return "\n".join([*lines, "", self._legend()]) + "\n"

    def _legend(self) -> str:
        missing = self.missing
        tail = f"; not yet in actplot: {', '.join(missing)}" if missing else ""
        return "✓ has it, · has not (`actplot frameworks NAME` gives the names)" + tail

    def to_rich(self) -> Any:
        from rich import box
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        from .._terminal import Fitted, Layout

        marks = self._marks()
        head = ("actplot", *COLUMNS)

        def build(indices: Sequence[int]) -> Any:
            out = Table(
                header_style="bold",
                box=box.SIMPLE_HEAD,
                padding=(0, 1),
                pad_edge=False,
                collapse_padding=True,
            )
            out.add_column("activation", no_wrap=True)
            for j in indices:
                out.add_column(head[j], justify="center", no_wrap=True)
            for row in marks:
                out.add_row(row[0], *(row[j + 1] for j in indices))
            return out

        return Group(Fitted([Layout(build, len(head))]), Text(self._legend()))

    def __rich__(self) -> Any:
        return self.to_rich()


def _canonical(name: str) -> str:
    """The registered name for a target (one may arrive as another's alias), else itself."""
    from ..errors import ActplotError

    try:
        return REGISTRY.resolve(name).name
    except ActplotError:
        return name


def availability() -> Availability:
    """Every activation actplot or a framework has, with its names in each framework."""
    order = list(dict.fromkeys([*REGISTRY, *(_canonical(t) for t in targets())]))
    names: dict[str, dict[str, list[str]]] = {n: {c: [] for c in COLUMNS} for n in order}
    for row in NAMES:
        cell = names[_canonical(row.target)][column(row.framework)]
        if row.name not in cell:
            cell.append(row.name)
    return Availability(
        tuple(Entry(n, n in REGISTRY, {c: tuple(v) for c, v in names[n].items()}) for n in order)
    )
