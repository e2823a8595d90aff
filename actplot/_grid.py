"""Tables of plain-text cells, laid out and drawn as rich draws them, without rich.

``list`` and ``table`` print tables of strings.  Importing rich and laying out ``list``'s 62
rows with it took more of that command than everything else it does (about 45 ms of 120), so
these tables are a :class:`Grid`: it measures, wraps and draws what
``rich.table.Table(header_style="bold")`` draws for such cells, character for character
(``tests/test_grid.py`` checks it against rich): a box with a heavy head (ASCII where the
output's encoding is not UTF), one space of padding, text wrapped at spaces, a word longer
than its column folded, a column that does not wrap cut with an ellipsis.  Rich markup is not
read: a cell is its text.  Styles are ``bold`` and ``dim``, as ANSI codes on a terminal.  A
Grid (and a :class:`~actplot._terminal.FittedGrid` of them) is a rich renderable too, for
output that puts it beside rich's own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Any

Run = tuple[str, str]  # a piece of a line and its style ("", "bold", "dim" or "bold dim")
Line = list[Run]

_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")
_ANSI = {"bold": "1", "dim": "2", "italic": "3"}

# the box's parts, as rich's box.HEAVY_HEAD and box.ASCII: top (left, line, divider, right),
# the head's edges and divider, the rule under the head, the body's edges, the bottom
_BOXES = {
    "unicode": ("┏━┳┓", "┃┃┃", "┡━╇┩", "│││", "└─┴┘"),
    "ascii": ("+--+", "|||", "|-+|", "|||", "+--+"),
}


def cell_len(text: str) -> int:
    """How many terminal cells text takes: two for a wide (East Asian) character, none for a
    combining mark or a control character."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(_char_len(c) for c in text)


def _char_len(c: str) -> int:
    if unicodedata.combining(c) or ord(c) < 32 or 0x7F <= ord(c) < 0xA0:
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def _crop(text: str, width: int) -> str:
    """text cut to at most ``width`` cells (a wide character that would straddle the edge is
    replaced by a space, as rich does)."""
    if cell_len(text) <= width:
        return text
    out, used = [], 0
    for c in text:
        w = _char_len(c)
        if used + w > width:
            break
        out.append(c)
        used += w
    return "".join(out) + " " * (width - used)


def _chop(word: str, width: int) -> list[str]:
    """A word folded into pieces of at most ``width`` cells (a wide character in a column of
    one cell starts with an empty piece, as rich has it)."""
    pieces, piece, used = [], [], 0
    for c in word:
        w = _char_len(c)
        if used + w > width:
            pieces.append("".join(piece))
            piece, used = [], 0
        piece.append(c)
        used += w
    if used:
        pieces.append("".join(piece))
    return pieces


def _breaks(text: str, width: int) -> list[int]:
    """Where a line of text breaks to fit ``width`` cells: at the start of a word that does
    not fit, inside a word wider than a whole line (a word keeps its trailing spaces)."""
    breaks: list[int] = []
    used = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = cell_len(word.rstrip())
        if width - used >= length:
            used += cell_len(word)
        elif length > width:
            pieces = _chop(word, width)
            for i, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if i == len(pieces) - 1:
                    used = cell_len(piece)
                else:
                    start += len(piece)
        elif used and start:
            breaks.append(start)
            used = cell_len(word)
    return breaks


def wrap(text: str, width: int, justify: str = "", wrap: bool = True) -> list[str]:
    """text in lines of at most ``width`` cells: wrapped at spaces (or not wrapped, and cut
    with an ellipsis), and with ``justify`` "left" or "right" padded to exactly ``width``."""
    if width < 1:
        return [""]  # a column squeezed to its padding shows nothing
    out = []
    for line in text.split("\n"):
        pieces = [line[a:b] for a, b in spans(line, width)] if wrap else [line]
        for piece in pieces:
            if justify == "right":
                piece = piece.rstrip()
            if cell_len(piece) > width:
                piece = _crop(piece, width) if wrap else _crop(piece, width - 1) + "…"
            pad = " " * (width - cell_len(piece)) if justify else ""
            out.append(pad + piece if justify == "right" else piece + pad)
    return out


def spans(line: str, width: int) -> list[tuple[int, int]]:
    """The (start, end) of each piece of one line of text wrapped at ``width`` cells; a piece
    keeps the spaces that end it, up to the width."""
    ends = [0, *_breaks(line, width), len(line)]
    return [(a, b - _over(line[a:b], width)) for a, b in pairwise(ends)]


def _over(piece: str, width: int) -> int:
    """How many of the spaces that end a piece longer than ``width`` characters are over."""
    excess = len(piece) - width
    found = _TRAILING_SPACE.search(piece) if excess > 0 else None
    return min(len(found.group()), excess) if found else 0


def wrap_runs(runs: Sequence[Run], width: int) -> list[Line]:
    """Styled runs of text, one paragraph, wrapped at ``width`` cells as rich wraps a Text."""
    text = "".join(t for t, _ in runs)
    out = []
    for a, b in spans(text, max(width, 1)):
        line, at = [], 0
        for t, style in runs:
            piece = t[max(a - at, 0) : max(b - at, 0)]
            if piece:
                line.append((piece, style))
            at += len(t)
        out.append(line)
    return out


class Drawing:
    """Something drawn as lines of styled runs for a width (:meth:`lines`): printed without
    rich, and a rich renderable too."""

    def lines(self, width: int, box: str = "unicode") -> list[Line]:
        raise NotImplementedError

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        yield from rich_segments(self.lines(options.max_width, box_for(console.encoding)))


def words_len(text: str) -> tuple[int, int]:
    """(the widest word, the widest line) of text, in cells: the narrowest and widest a
    column can be for it."""
    lines = text.splitlines()
    widest = max(map(cell_len, lines), default=0)
    return max(map(cell_len, text.split()), default=widest), widest


class Column:
    """A column of a :class:`Grid`: its header, ``justify`` ("left" or "right"), whether it
    wraps (else it is cut), a ``style`` for its cells, a ``min_width``; ``width``, when set,
    fixes its width (content, without padding)."""

    def __init__(
        self,
        header: str,
        *,
        justify: str = "left",
        wrap: bool = True,
        style: str = "",
        min_width: int | None = None,
    ) -> None:
        self.header = header
        self.justify = justify
        self.wrap = wrap
        self.style = style
        self.min_width = min_width
        self.width: int | None = None
        self.cells: list[str] = []


class Grid(Drawing):
    """A table of plain-text cells: :meth:`add_row`, then :meth:`measure` and :meth:`lines`."""

    def __init__(self, *columns: Column, header_style: str = "bold") -> None:
        self.columns = list(columns)
        self.header_style = header_style
        self.row_styles: list[str] = []

    def add_row(self, *cells: str, style: str = "") -> None:
        for column, cell in zip(self.columns, cells, strict=True):
            column.cells.append(cell)
        self.row_styles.append(style)

    def _extra(self) -> int:
        return len(self.columns) + 1  # the borders: the edges and a divider between columns

    def _measure_column(self, column: Column, max_width: int) -> tuple[int, int]:
        """(least, most) cells the column takes with its padding, at most ``max_width``."""
        if max_width < 1:
            return 0, 0
        if column.width is not None:
            w = min(column.width + 2, max_width)
            return w, w
        if max_width < 3:  # no room beside the padding
            lo = hi = max_width
        else:
            sizes = [words_len(c) for c in (column.header, *column.cells)]
            lo = min(max(s[0] for s in sizes), max_width - 2) + 2
            hi = min(max(s[1] for s in sizes), max_width - 2) + 2
            lo = min(lo, hi)
        if column.min_width is not None:
            least = max(0, column.min_width + 2)
            lo, hi = max(lo, least), max(hi, least)
        return lo, hi

    def measure(self) -> tuple[int, int]:
        """(least, most) cells wide the table can be, borders included: the least without
        cutting a word, the most without wrapping a line."""
        if not self.columns:
            return 0, 0
        sizes = [self._measure_column(c, 1 << 16) for c in self.columns]
        return sum(s[0] for s in sizes) + self._extra(), sum(s[1] for s in sizes) + self._extra()

    def widths(self, width: int) -> list[int]:
        """Each column's width with its padding, the table fitted to ``width`` cells as rich
        fits it: the widest columns that wrap narrowed first, then all evenly."""
        room = width - self._extra()
        widths = [self._measure_column(c, room)[1] or 1 for c in self.columns]
        if sum(widths) > room:
            widths = collapse_widths(
                widths, [c.width is None and c.wrap for c in self.columns], room
            )
            if sum(widths) > room:
                widths = ratio_reduce(sum(widths) - room, [1] * len(widths), widths, widths)
            pairs = zip(self.columns, widths, strict=True)
            widths = [self._measure_column(c, w)[1] for c, w in pairs]
        return widths

    def lines(self, width: int, box: str = "unicode") -> list[Line]:
        """The table drawn within ``width`` cells (where it can be), line by line."""
        if not self.columns:
            return [[]]
        widths = self.widths(width)
        top, head, rule, body, bottom = _BOXES[box]
        out: list[Line] = [[(_border(top, widths), "")]]
        rows = [(self.header_style, [c.header for c in self.columns], True)]
        rows += [
            (style, [c.cells[i] for c in self.columns], False)
            for i, style in enumerate(self.row_styles)
        ]
        for index, (row_style, cells, is_head) in enumerate(rows):
            edge = head if index == 0 else body
            blocks = []
            for column, cell, w in zip(self.columns, cells, widths, strict=True):
                text = wrap(cell, max(w - 2, 0), column.justify, column.wrap)
                style = _join(row_style if is_head else _join(column.style, row_style))
                blocks.append((text, w, style))
            height = max(len(text) for text, _, _ in blocks)
            for i in range(height):
                line: Line = [(edge[0], "")]
                for j, (text, w, style) in enumerate(blocks):
                    if j:
                        line.append((edge[1], ""))
                    k = i - (height - len(text)) if is_head else i  # a head sits at the bottom
                    inner = text[k] if 0 <= k < len(text) else " " * max(w - 2, 0)
                    line.append((f" {inner} "[:w], style))
                line.append((edge[2], ""))
                out.append(line)
            if index == 0:
                out.append([(_border(rule, widths), "")])
        out.append([(_border(bottom, widths), "")])
        return out


def _border(parts: str, widths: Sequence[int]) -> str:
    left, line, divider, right = parts
    return left + divider.join(line * w for w in widths) + right


def _join(*styles: str) -> str:
    return " ".join(s for s in styles if s)


def collapse_widths(widths: list[int], wraps: list[bool], room: int) -> list[int]:
    """The widest columns that wrap narrowed, level with the next widest, until the table
    fits ``room`` (rich's Table._collapse_widths)."""
    excess = sum(widths) - room
    if not any(wraps):
        return widths
    while sum(widths) and excess > 0:
        widest = max(w for w, can in zip(widths, wraps, strict=True) if can)
        others = [w for w, can in zip(widths, wraps, strict=True) if can and w != widest]
        second = max(others, default=0)
        ratios = [int(w == widest and can) for w, can in zip(widths, wraps, strict=True)]
        if not any(ratios) or widest == second:
            break
        widths = ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
        excess = sum(widths) - room
    return widths


def ratio_reduce(total: int, ratios: list[int], limits: list[int], values: list[int]) -> list[int]:
    """``total`` taken off ``values`` in proportion to ``ratios``, at most ``limits`` from
    each (rich's ratio_reduce)."""
    ratios = [r if limit else 0 for r, limit in zip(ratios, limits, strict=True)]
    left, weight = total, sum(ratios)
    if not weight:
        return values[:]
    out = []
    for r, limit, v in zip(ratios, limits, values, strict=True):
        if r and weight > 0:
            cut = min(limit, round(r * left / weight))
            out.append(v - cut)
            left -= cut
            weight -= r
        else:
            out.append(v)
    return out


def box_for(encoding: str | None) -> str:
    """The box a stream of this encoding can draw: rich draws in ASCII unless it is UTF."""
    return "unicode" if (encoding or "utf-8").lower().startswith("utf") else "ascii"


def plain(lines: Sequence[Line]) -> str:
    """Lines as text, without styles (and without the spaces that end a line)."""
    return "".join("".join(text for text, _ in _trimmed(line)) + "\n" for line in lines)


def ansi(lines: Sequence[Line]) -> str:
    """Lines as text with ANSI codes for their styles, for a terminal."""
    out = []
    for line in lines:
        for text, style in _trimmed(line):
            codes = ";".join(_ANSI[s] for s in style.split())
            out.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
        out.append("\n")
    return "".join(out)


def _trimmed(line: Line) -> Line:
    """A line without the spaces that end it."""
    out = list(line)
    while out and not out[-1][0].rstrip():
        out.pop()
    if out:
        out[-1] = (out[-1][0].rstrip(), out[-1][1])
    return out


def rich_segments(lines: Sequence[Line]) -> Iterator[Any]:
    """Lines as rich segments, for a rich console."""
    from rich.segment import Segment
    from rich.style import Style

    for line in lines:
        for text, style in line:
            yield Segment(text, Style.parse(style) if style else None)
        yield Segment.line()
