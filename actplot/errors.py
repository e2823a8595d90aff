"""The exceptions actplot raises for a caller's mistake.

Every one of them is a ``ValueError`` (or ``KeyError`` for a missing name), carries a one-line
message that says what is wrong and how to mend it, and is turned into a usage error (exit
code 2) by the command line.
"""

from __future__ import annotations


class ActplotError(ValueError):
    """Base class of actplot's own errors."""


class UnknownActivationError(ActplotError, KeyError):
    """A name that is neither a registered activation nor an alias of one."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown activation {name!r}{hint} (`actplot list` shows them all)")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class UnknownFrameworkNameError(UnknownActivationError):
    """A framework prefix actplot does not know, or a name that framework does not have."""

    def __init__(self, what: str, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        ActplotError.__init__(
            self, f"unknown {what} {name!r}{hint} (`actplot frameworks --all` shows them all)"
        )


class ParameterError(ActplotError):
    """An unknown parameter, or a value outside a parameter's domain."""


class RegistrationError(ActplotError):
    """A definition that cannot be registered: a clash of names or an incomplete definition."""


class ExpressionError(ActplotError):
    """An expression (``expr:...``) that cannot be read: a piece outside its language, a name
    it does not know, or a size beyond its bounds.  The message names the offending piece."""


class PluginError(ActplotError):
    """A module or file asked for by name (``--load``, ``-m``) that cannot be loaded."""
