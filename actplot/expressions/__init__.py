"""Activations typed as expressions: ``expr:x*tanh(softplus(x))`` on the command line,
``actplot.expr("x*tanh(softplus(x))")`` in Python.

An expression is read through a whitelist of Python's syntax (``parse``), becomes a symbolic
tree (``tree``) that is differentiated exactly, twice, and evaluated with numpy (``evaluate``);
registered activations inside it keep their own stable implementations and derivatives
(``functions``).  ``formulas`` writes trees as LaTeX and text, ``fragile`` finds where an
expression overflows and the stable form to write instead, and ``define`` makes the
:class:`~actplot.Definition` and reads the ``expr:`` spec syntax.

Nothing here evaluates the user's text as Python: no eval, exec or compile.
"""

from .define import build, expr, read, split

__all__ = ["build", "expr", "read", "split"]
