"""The standard streams as a command line needs them, whatever the terminal and the locale.

- A stream whose encoding cannot carry actplot's symbols (a Latin-1 or ASCII locale) gets
  them spelt in ASCII (∞ as inf, ′ as ', ∪ as U, box lines as +-|), and anything else not
  encodable replaced, so output never dies with a UnicodeEncodeError.
- SIGTERM raises :class:`Terminated`, so that what is being written is removed as for
  Ctrl-C (atomic writes clean up on any exception) and the run ends with exit code 143.
"""

from __future__ import annotations

import io
import signal
import sys
from typing import Any, TextIO

# actplot's own symbols, as plain ASCII: what a reader of a Latin-1 terminal should see
ASCII = str.maketrans({
    "∞": "inf", "−": "-", "′": "'", "″": "''", "∪": "U", "≈": "~", "±": "+-", "†": "+",
    "…": "...", "—": "-", "–": "-", "×": "x", "→": "->", "≤": "<=", "≥": ">=", "√": "sqrt",
    "σ": "sigma", "Φ": "Phi", "φ": "phi", "α": "alpha", "β": "beta", "λ": "lambda",
    "π": "pi", "δ": "delta", "θ": "theta", "∂": "d", "Σ": "sum", "‖": "||", "•": "*",
    "┏": "+", "┓": "+", "┗": "+", "┛": "+", "┳": "+", "┻": "+", "╇": "+", "┡": "+", "┩": "+",
    "┃": "|", "━": "-", "│": "|", "─": "-", "┌": "+", "┐": "+", "└": "+", "┘": "+",
    "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+", "╸": "-",
})  # fmt: skip


class Terminated(BaseException):
    """SIGTERM, raised where the program is, like KeyboardInterrupt for SIGINT."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated


def catch_sigterm() -> None:
    signal.signal(signal.SIGTERM, _terminate)


class _Spelt(io.TextIOBase):
    """A text stream that writes what its encoding cannot carry in ASCII, or replaced."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    @property
    def encoding(self) -> str:  # what rich reads to draw its boxes in ASCII
        return self.stream.encoding

    def write(self, text: str) -> int:
        encoding = self.stream.encoding
        spelt = text.translate(ASCII).encode(encoding, "replace").decode(encoding)
        self.stream.write(spelt)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()


def _carries(stream: TextIO) -> bool:
    try:
        "∞′∪┃†".encode(stream.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def spell_out() -> None:
    """Wrap stdout and stderr where their encoding cannot carry actplot's symbols."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not _carries(stream):
            setattr(sys, name, _Spelt(stream))
