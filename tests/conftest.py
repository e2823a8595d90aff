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


@pytest.fixture(scope="session")
def issue_example_check():
    """The issue's example, `actplot frameworks leaky_relu selu hardtanh --check --format
    json`, run once: its "check" part, and ``kinks(framework)``, what that framework's
    autodiff returned at each kink in float64, {(its name, x, order): value}."""
    import json

    from click.testing import CliRunner

    from actplot.cli import cli

    argv = ["frameworks", "leaky_relu", "selu", "hardtanh", "--check", "--format", "json"]
    r = CliRunner().invoke(cli, argv)
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)["check"]

    def kinks(framework):
        assert framework in data["installed"]
        return {(x["name"], k["x"], k["order"]): k["got"]
                for x in data["results"] if x["framework"] == framework
                for k in x["kinks"] if k["dtype"] == "float64"}  # fmt: skip

    return data, kinks
