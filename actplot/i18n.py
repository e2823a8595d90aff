"""The languages of what people read: English, and Chinese (``zh``) for the notes and headings of
``info`` and ``compare``.  The facts are the same in both; only the words change.

Chinese notes of the built-ins live in ``actplot.library.notes_zh``; a definition without
them (a plugin's) shows its English notes under Chinese headings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from .activation import Definition, Notes
from .errors import ActplotError

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
    "jump": "跳跃",
    "f″ jump": "f″ 跳跃",
    "at": "于",
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
