"""The languages of what people read: English, and Chinese (``zh``) for the notes and headings of
``info`` and ``compare``.  The facts are the same in both; only the words change.

Chinese notes of the built-ins live in ``actplot.library.notes_zh``, their conventions at kinks
and parameters' meanings in ``actplot.library.words_zh``; a definition without them (a
plugin's) shows its English words under Chinese headings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .errors import ActplotError
from .facts import SMOOTH

if TYPE_CHECKING:  # only for notes(): the words need no numpy, nor the activation library
    from .activation import Definition, Notes

LANGS = ("en", "zh")

_ZH = {
    # note sections
    "Good at": "优点",
    "Bad at": "缺点",
    "Used in": "应用",
    "Common mistakes": "常见错误",
    # compare's rows
    "property": "性质",
    "range": "值域",
    "domain": "定义域",
    "E f(Z) undefined": "E f(Z) 无定义",
    "nan outside": "之外为 nan",
    "bounded": "有界",
    "monotonic": "单调",
    "monotonic f′": "f′ 单调",
    "minimum": "最小值",
    "maximum": "最大值",
    "zero-centred": "零中心",
    "≈ identity at 0": "0 附近 ≈ 恒等",
    "continuity": "连续性",
    "saturation": "饱和",
    "dead zone": "死区",
    "time in actplot relative to ReLU": "actplot 耗时（相对 ReLU）",
    # info's rows
    "at kinks": "拐点处",
    "defaults": "默认值",
    "as": "依照",
    "also": "别名",
    "default": "默认",
    "actplot's default": "actplot 默认",
    "Numerics": "数值问题",
    SMOOTH: "处处光滑：无需约定。",
    # words in the cells
    "yes": "是",
    "no": "否",
    "both sides": "两侧",
    "below": "下方",
    "above": "上方",
    "none": "无",
    "soft": "软",
    "hard": "硬",
    "left": "左",
    "right": "右",
    "at x =": "于 x =",
    "on": "在",
    "as x →": "当 x →",
    "(not reached)": "（不可达）",
    "kink": "拐点",
    "discontinuous": "不连续",
    "jump": "跳跃",
    "f″ jump": "f″ 跳跃",
    # info of a gated activation
    "a: the value, b: the gate; below, f along b at a =": (
        "a 为值，b 为门；以下为 f 沿 b 的性质，a ="
    ),
}
WORDS: Mapping[str, Mapping[str, str]] = {"en": {}, "zh": _ZH}


def check(lang: str) -> str:
    if lang not in LANGS:
        raise ActplotError(f"no language {lang!r}; choose {' or '.join(LANGS)}")
    return lang


def default_language(environ: Mapping[str, str] = os.environ) -> str:
    """zh where the locale says Chinese (LC_ALL, LC_MESSAGES or LANG, in that order, as
    POSIX reads them), else en."""
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(key, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def word(text: str, lang: str = "en") -> str:
    """``text`` in ``lang``: a heading, a row's label or a word of a cell."""
    return WORDS[lang].get(text, text)


def notes(definition: Definition, lang: str = "en") -> Notes:
    """A definition's notes in ``lang``: the built-ins' Chinese ones, or the English."""
    if lang == "zh":
        from .library.notes_zh import NOTES

        return NOTES.get(definition.name, definition.notes)
    return definition.notes


def convention(definition: Definition, lang: str = "en") -> str:
    """What a definition takes at its kinks and jumps, in ``lang``."""
    if lang == "zh":
        from .library.words_zh import CONVENTIONS
        from .registry import REGISTRY

        # the built-in's own convention; a framework's (--convention jax) is told in English
        own = definition.name in REGISTRY and REGISTRY[definition.name].convention
        if definition.name in CONVENTIONS and definition.convention == own:
            return CONVENTIONS[definition.name]
    return word(definition.at_kinks, lang)


def parameter_doc(definition: Definition, name: str, lang: str = "en") -> str:
    """What a definition's parameter ``name`` means, in ``lang``."""
    doc = next(p.doc for p in definition.params if p.name == name)
    if lang == "zh":
        from .library.words_zh import PARAMS

        return PARAMS.get(definition.name, {}).get(name, doc)
    return doc


def breaks_text(breaks: Iterable[tuple[str, str]], lang: str = "en", x: bool = True) -> str:
    """Where a function breaks, (kind, where) pairs in words: "kink at x = 0; jump at x = 1",
    or in Chinese, whose word order puts the place first, "x = 0 处拐点；x = 1 处跳跃"
    (``x=False`` leaves out the "x =")."""
    at = "x = " if x else ""
    if lang == "zh":
        return "；".join(f"{at}{where} 处{word(kind, lang)}" for kind, where in breaks)
    return "; ".join(f"{kind} at {at}{where}" for kind, where in breaks)


def aside(text: str, lang: str = "en") -> str:
    """`` (text)``, with Chinese full-width brackets in Chinese; empty for no text."""
    if not text:
        return ""
    return f"（{text}）" if lang == "zh" else f" ({text})"
