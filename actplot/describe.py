"""What ``actplot list`` and ``actplot info`` show: data for JSON, rich renderables for people.

Formulas are stored as LaTeX (matplotlib mathtext); :func:`plain` turns them into readable
Unicode text for the terminal.
"""

from __future__ import annotations

import re
from typing import Any

from . import _json
from .activation import Activation, Definition, format_value
from .registry import REGISTRY, Registry

_SYMBOLS = {
    "alpha": "α", "beta": "β", "lambda": "λ", "sigma": "σ", "Phi": "Φ", "varphi": "φ",
    "pi": "π", "delta": "δ", "theta": "θ", "partial": "∂", "sum": "Σ", "leq": "≤", "geq": "≥",
    "max": "max", "min": "min", "tanh": "tanh", "tan": "tan", "log": "log", ",": " ", " ": " ",
}  # fmt: skip


# Letters whose command swallows the spaces after it, as in TeX: \beta x is βx.  Words such as
# \log keep theirs (log σ(x), not logσ(x)).
_LETTERS = {"alpha", "beta", "lambda", "sigma", "Phi", "varphi", "pi", "delta", "theta", "partial"}
# one token: a name or bracket with sub- and superscripts, such as e^(x_i), ∂s_i, √(x^2 + b)
_WORD = re.compile(r"√?(?:[\w.∂]+|\([^()]*\))(?:[\^_](?:[\w.]|\([^()]*\)))*|.")
_CALL = re.compile(r"\w+\((?:[^()]|\([^()]*\))*\)")  # f(...) with at most one level inside


def plain(tex: str) -> str:
    r"""Readable text for a mathtext formula: ``\frac{1}{1 + e^{-x}}`` -> ``1/(1 + e^(-x))``."""
    text, _ = _render(tex, 0, closing=None)
    return " ".join(text.split())


def _render(tex: str, i: int, closing: str | None) -> tuple[str, int]:
    out = []
    while i < len(tex):
        c = tex[i]
        if c == closing:
            return "".join(out), i + 1
        if c == "{":
            inner, i = _render(tex, i + 1, "}")
            out.append(inner)
        elif c in "^_":
            arg, i = _argument(tex, i + 1)
            out.append(c + (arg if len(arg) == 1 else f"({arg})"))
        elif c == "\\":
            j = i + 1
            while j < len(tex) and tex[j].isalpha():
                j += 1
            name = tex[i + 1 : j] or tex[j]  # \alpha, or one symbol such as \, or "\ "
            i = j if j > i + 1 else j + 1
            if name == "frac":
                num, i = _argument(tex, i)
                den, i = _argument(tex, i)
                quotient = f"{_wrap(num)}/{_wrap(den)}"
                # a factor after it: (1/β) log(...), not 1/β log(...), which reads as 1/(β log)
                out.append(f"({quotient})" if _factor_follows(tex, i) else quotient)
            elif name == "sqrt":
                arg, i = _argument(tex, i)
                out.append(f"√{_wrap(arg)}")
            elif name in ("mathrm", "operatorname"):
                arg, i = _argument(tex, i)
                out.append(arg)
            else:
                word = _SYMBOLS.get(name, name)
                if len(word) > 1 and out and (out[-1][-1:].isalnum() or out[-1][-1:] == ")"):
                    word = " " + word  # 2\tanh(x) is 2 tanh(x)
                out.append(word)
                if name in _LETTERS:
                    while i < len(tex) and tex[i] == " ":
                        i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out), i


def _factor_follows(tex: str, i: int) -> bool:
    """Whether a product goes on after position i: anything but an operator, a closing bracket,
    a word space (\\ , which the formulas put before "if" and conditions) or the end."""
    rest = tex[i:].lstrip()
    if rest.startswith("\\ "):
        return False
    rest = rest.removeprefix("\\,").lstrip()
    return bool(rest) and rest[0] not in "+-=)}],&"


def _argument(tex: str, i: int) -> tuple[str, int]:
    """One argument: a {group}, a \\command or a single character."""
    while i < len(tex) and tex[i] == " ":
        i += 1
    if i < len(tex) and tex[i] in "{\\":
        if tex[i] == "{":
            return _render(tex, i + 1, "}")
        return _render_one_command(tex, i)
    return tex[i : i + 1], i + 1


def _render_one_command(tex: str, i: int) -> tuple[str, int]:
    j = i + 1
    while j < len(tex) and tex[j].isalpha():
        j += 1
    return _SYMBOLS.get(tex[i + 1 : j], tex[i + 1 : j]), j


def _wrap(s: str) -> str:
    """Parenthesise an operand of / unless it is one token or one call such as min(...)."""
    s = s.strip()
    return s if _WORD.fullmatch(s) or _CALL.fullmatch(s) else f"({s})"


# list ------------------------------------------------------------------------------------------


def catalogue(registry: Registry = REGISTRY) -> list[dict[str, Any]]:
    """Every activation as plain data (what ``actplot list --format json`` prints)."""
    return [
        {
            "name": d.name,
            "label": d.label,
            "aliases": list(d.aliases),
            "family": d.family,
            "kind": d.kind,
            "params": {p.name: list(p.default) if p.is_vector else p.default for p in d.params},
            "formula": d.formula,
            "derivative": d.derivative,
            "summary": d.notes.summary,
        }
        for d in registry.values()
    ]


def catalogue_json(registry: Registry = REGISTRY) -> str:
    return _json.dumps(catalogue(registry))


def catalogue_table(registry: Registry = REGISTRY):
    from rich.table import Table

    table = Table(header_style="bold", show_lines=False)
    for col in ("name", "aliases", "family", "parameters", "formula"):
        table.add_column(col, no_wrap=col in ("name", "family"))
    for d in registry.values():
        params = ", ".join(f"{p.name}={format_value(p.default)}" for p in d.params)
        kind = " (vector)" if d.kind == "vector" else ""
        table.add_row(d.name, ", ".join(d.aliases), d.family + kind, params, plain(d.formula))
    return table


# info ------------------------------------------------------------------------------------------


def _breaks_text(act: Activation) -> str:
    facts = act.facts
    if facts is None or not facts.breaks:
        return ""
    return "; ".join(f"{b.kind} at x = {format_value(b.x)}" for b in facts.breaks)


def info(act: Activation):
    """A rich renderable describing one activation with its parameter values."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    d: Definition = act.definition
    title = Text.assemble((act.label, "bold"), f"   {d.family}, {d.kind}")
    if d.aliases:
        title.append(f"   also: {', '.join(d.aliases)}", style="dim")

    facts = act.facts
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("f(x)", plain(d.formula))
    grid.add_row("f′(x)", plain(d.derivative))
    grid.add_row("LaTeX", d.formula)
    for p in d.params:
        value = act.params[p.name]
        grid.add_row(p.name, f"{format_value(value)}   {p.doc}; default {format_value(p.default)}")
    if facts is not None:
        grid.add_row("range", str(facts.range))
        grid.add_row("monotonic", "yes" if facts.monotonic else "no")
        breaks = _breaks_text(act)
        grid.add_row("continuity", facts.continuity + (f" ({breaks})" if breaks else ""))
    grid.add_row("at kinks", d.convention)

    parts: list[Any] = [title, Text(d.notes.summary, style="italic"), Padding(grid, (1, 0))]
    for heading, items in d.notes.sections():
        parts.append(Text(heading, style="bold"))
        parts.extend(Padding(Text(f"• {item}"), (0, 0, 0, 2)) for item in items)
    return Group(*parts)
