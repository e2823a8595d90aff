"""Formulas as readable text: the LaTeX (matplotlib mathtext) a definition stores, written as
Unicode for the terminal and for indexes.  ``\\frac{1}{1 + e^{-x}}`` becomes ``1/(1 + e^(-x))``.
"""

from __future__ import annotations

import re

_SYMBOLS = {
    "alpha": "α", "beta": "β", "lambda": "λ", "sigma": "σ", "Phi": "Φ", "varphi": "φ",
    "pi": "π", "delta": "δ", "theta": "θ", "partial": "∂", "sum": "Σ", "leq": "≤", "geq": "≥",
    "max": "max", "min": "min", "tanh": "tanh", "tan": "tan", "log": "log", ",": " ", " ": " ",
    "cdot": "·", "neq": "≠", "gamma": "γ", "mu": "μ", "tau": "τ", "kappa": "κ", "omega": "ω",
}  # fmt: skip


# Letters whose command swallows the spaces after it, as in TeX: \beta x is βx.  Words such as
# \log keep theirs (log σ(x), not logσ(x)).
_LETTERS = {"alpha", "beta", "lambda", "sigma", "Phi", "varphi", "pi", "delta", "theta", "partial",
            "gamma", "mu", "tau", "kappa", "omega"}  # fmt: skip
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
