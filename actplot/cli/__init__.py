"""The ``actplot`` command line: each command parses its arguments, calls one library
function and renders the result.  Nothing in the library imports this package.

- ``main``: the group, its help and how a run ends (exit codes);
- ``base``: the command class, parameter types and the options commands share;
- ``output``: consoles, and figures to files or windows;
- one module per command, or per group of small ones.
"""

from .main import cli, main

__all__ = ["cli", "main"]
