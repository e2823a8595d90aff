"""Shared test setup: no display, so matplotlib draws with Agg."""

import os

os.environ["MPLBACKEND"] = "Agg"
os.environ.pop("DISPLAY", None)
os.environ.pop("WAYLAND_DISPLAY", None)
