"""The gallery: one call regenerates a browsable folder with an image of every registered
activation, a sweep of each parameterised one, an overview and an index by family.

- ``jobs``: what to draw, from the registry;
- ``marks``: what each image annotates, measured by :func:`actplot.properties.analyse`;
- ``draw``: the figures (the one module here that imports matplotlib);
- ``index``: README.md and index.html;
- ``build``: the folder, the manifest and the worker processes.
"""

from .build import Result, check_folder, generate
from .jobs import FORMATS, Format

__all__ = ["FORMATS", "Format", "Result", "check_folder", "generate"]
