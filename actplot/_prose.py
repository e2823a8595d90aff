"""Sentences for the terminal, wrapped where a reader expects in English and in Chinese.

rich wraps only at spaces, so a Chinese sentence, which has none between its words, is one
"word" to it: it moves whole to the next line, leaving a hole, and is then folded at the width
wherever that falls, often before a full stop.  Here a line may also break between two
characters of which one is wide (CJK), except before a closing mark (，。）” ...) or after an
opening one (（“ ...), the rule Chinese typesetting follows.  A run of narrow characters
without spaces (a number, a formula, a code name) is never broken unless it alone is wider
than the line.  CJK characters take two columns, as the terminal draws them.
"""

from __future__ import annotations

import unicodedata
from typing import Any

# marks that must not begin a line, and marks that must not end one
_NO_START = set("，。、；：！？）》」』】〕”’…%,.;:!?)]}")
_NO_END = set("（《「『【〔“‘([{")


def cells(ch: str) -> int:
    """The columns a terminal gives one character."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _breakable(text: str, i: int) -> bool:
    """Whether a line may end before ``text[i]``."""
    before, after = text[i - 1], text[i]
    if after.isspace():
        return False
    if before.isspace():
        return True
    if after in _NO_START or before in _NO_END:
        return False
    return _wide(before) or _wide(after)


def wrap(text: str, width: int, hang: int = 0) -> list[tuple[int, int]]:
    """The (start, end) of each line of ``text`` (one paragraph) in ``width`` columns, lines
    after the first ``hang`` columns narrower; the spaces where a line breaks are dropped."""
    lines: list[tuple[int, int]] = []
    start, room = 0, max(width, 1)
    while True:
        while start < len(text) and text[start].isspace():
            start += 1
        used, last, i = 0, None, start
        while i < len(text):
            if i > start and _breakable(text, i):
                last = i
            used += cells(text[i])
            if used > room and not text[i].isspace():
                break
            i += 1
        if i >= len(text):
            lines.append((start, len(text.rstrip())))
            return lines
        # no place to break: only a run wider than the line itself is cut, at the width
        end = last if last is not None else max(i, start + 1)
        lines.append((start, len(text[:end].rstrip())))
        start, room = end, max(width - hang, 1)


class Prose:
    """A paragraph (a rich ``Text`` or a string) wrapped by :func:`wrap`, ``indent`` columns
    in, its continuation lines ``hang`` columns further."""

    def __init__(self, text: Any, indent: int = 0, hang: int = 0) -> None:
        from rich.text import Text

        self.text = Text(text) if isinstance(text, str) else text
        self.indent = indent
        self.hang = hang

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.text import Text

        plain = self.text.plain
        spans = wrap(plain, options.max_width - self.indent, self.hang) if plain else [(0, 0)]
        for n, (start, end) in enumerate(spans):
            pad = self.indent + (self.hang if n else 0)
            yield Text(" " * pad) + self.text[start:end]

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        plain = self.text.plain
        # the widest piece that cannot be broken
        longest = max((sum(map(cells, plain[a:b])) for a, b in wrap(plain, 1)), default=0)
        whole = sum(map(cells, plain))
        return Measurement(self.indent + self.hang + longest, self.indent + whole)
