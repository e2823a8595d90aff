"""Shared test setup: no display, so matplotlib draws with Agg; and the command line's runner."""

import os

import pytest

os.environ["MPLBACKEND"] = "Agg"
os.environ.pop("DISPLAY", None)
os.environ.pop("WAYLAND_DISPLAY", None)


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Invoke actplot in an empty folder; returns the click Result."""
    from click.testing import CliRunner

    from actplot.cli import cli

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args, env_width=250):
        """``env_width``: the terminal's width, as COLUMNS says it."""
        env = {"COLUMNS": str(env_width)}
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, env=env)

    return invoke
