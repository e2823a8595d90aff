"""The Python API: each command's work as one function, and the command line a thin layer
over it (same names, same defaults, same numbers)."""

import inspect
import json
import math

import pytest
from matplotlib.figure import Figure

import actplot
from actplot.cli import cli


def test_get_reads_the_command_lines_specs():
    assert actplot.get("swish:beta=2") == actplot.get("swish", beta=2)
    assert actplot.get("maxout:slopes=0,1,intercepts=0,0")(-3.0) == 0.0
    assert actplot.get("elu:alpha=2").label == "ELU(alpha=2)"
    with pytest.raises(actplot.ParameterError, match=r"actplot.sweep\('elu:alpha=1,2'\)"):
        actplot.get("elu:alpha=1,2")
    with pytest.raises(actplot.ParameterError, match="given in 'elu:alpha=1' and as a keyword"):
        actplot.get("elu:alpha=1", alpha=2)
    assert [a.params["alpha"] for a in actplot.sweep("elu:alpha=0.5,1,2")] == [0.5, 1.0, 2.0]


def test_plot_returns_a_figure_for_a_notebook():
    fig = actplot.plot("swish", "gelu", derivatives=(0, 1))
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert [line.get_label() for line in fig.axes[0].get_lines()][:2] == ["Swish(beta=1)", "GELU"]
    grid = actplot.plot("elu:alpha=0.5,1,2", "relu", layout="grid")
    assert len([ax for ax in grid.axes if ax.get_visible()]) == 4


def test_plot_draws_into_the_axes_given():
    fig = Figure()
    ax = fig.subplots()
    assert actplot.grad("sigmoid", "tanh", log=True, x_range=(-20, 20), ax=ax) is fig
    assert ax.get_yscale() == "log" and len(fig.axes) == 1
    with pytest.raises(actplot.ActplotError, match="2 panels; got 1 axes"):
        actplot.plot("relu", derivatives=(0, 1), ax=ax)


@pytest.mark.parametrize(
    "kwargs, message",
    [({"x_range": (1, -1)}, "empty or reversed"), ({"points": 1}, "points must be"),
     ({"layout": "mosaic"}, "overlay or grid"), ({"derivatives": (3,)}, "orders 0, 1 and 2")],
)  # fmt: skip
def test_plot_explains_its_mistakes(kwargs, message):
    with pytest.raises(actplot.ActplotError, match=message):
        actplot.plot("relu", **kwargs)


def test_compare_gives_the_numbers_the_command_line_prints(run):
    result = run("compare", "relu", "gelu", "--format", "json", "--no-cost", "--no-plot")
    assert json.loads(result.stdout) == actplot.compare("relu", "gelu", cost=False).to_dict()


def test_compare_diff_takes_each_against_the_first():
    c = actplot.compare("gelu", "gelu_tanh", "swish:beta=1.702", diff=True, cost=False)
    gaps = c.to_dict()["diff"]
    assert [(g["a"], g["b"]) for g in gaps] == [
        ("GELU", "GELU (tanh)"),
        ("GELU", "Swish(beta=1.702)"),
    ]
    assert gaps[0]["largest"]["value"] == pytest.approx(4.7324e-4, rel=1e-4)
    assert gaps[1]["largest"]["value"] > gaps[0]["largest"]["value"]
    fig = c.figure(points=101)
    assert len(fig.axes) == 2 and len(fig.axes[0].get_lines()) >= 2


def test_compare_timing_is_actplots_and_labelled_so():
    c = actplot.compare("relu", "sigmoid")
    # a measurement on a shared machine: its size is the benchmark's business, not a test's
    assert all(0 < item.time < math.inf for item in c.items)
    assert "time in actplot relative to ReLU" in c.to_markdown()


def _defaults(command: str) -> dict:
    """The values a command's options take when none is given, as click converts them."""
    return cli.commands[command].make_context(command, ["relu"]).params


FIGURE = ("derivatives", "x_range", "points", "layout", "ylim", "size", "dpi", "title",
          "font_size", "style", "legend")  # fmt: skip
OUTPUT = ("activations", "output", "force", "show")


def test_every_compare_option_is_a_parameter_of_actplot_compare_with_its_default():
    cli_only = {*OUTPUT, *FIGURE, "fmt", "notes", "lang", "no_plot"}
    options = {k: v for k, v in _defaults("compare").items() if k not in cli_only}
    params = {k: p.default for k, p in inspect.signature(actplot.compare).parameters.items()
              if p.kind is p.KEYWORD_ONLY}  # fmt: skip
    assert options.keys() == params.keys()
    for name, default in options.items():
        assert default == params[name], name


@pytest.mark.parametrize("command, library", [("plot", actplot.plot), ("grad", actplot.grad)])
def test_every_figure_option_is_a_parameter_of_the_library_with_its_default(command, library):
    options = {k: v for k, v in _defaults(command).items() if k not in {*OUTPUT, "fmt", "csv_file"}}
    params = inspect.signature(library).parameters
    assert options.keys() == params.keys() - {"specs", "ax"}
    for name, default in options.items():
        assert default == params[name].default, name


def test_compares_figure_options_have_its_figures_defaults():
    options = _defaults("compare")
    figure = inspect.signature(actplot.Comparison.figure).parameters
    for name in FIGURE:
        assert options[name] == figure[name].default, name


def test_the_command_lines_own_copies_of_library_choices_agree():
    # written out in actplot.cli so that --help imports no library: they must not drift
    from actplot.cli import compare, table
    from actplot.experiments import BUILT_IN, EXPERIMENTS
    from actplot.experiments.mlp import INITS
    from actplot.numbers import DIGITS

    assert compare.EXPERIMENTS == EXPERIMENTS and tuple(BUILT_IN) == compare.DATASETS
    assert compare.INITS == INITS and table.DEFAULT_DIGITS == DIGITS


def test_info_and_catalogue():
    d = actplot.info("elu:alpha=2").to_dict()
    assert d["params"] == {"alpha": 2.0} and d["defaults"] == {"alpha": 1.0}
    assert d["range"] == [-2.0, "inf"] and d["continuity"] == "C0"
    assert d["notes"]["common mistakes"]
    names = [e["name"] for e in actplot.catalogue().to_list()]
    assert names == actplot.names()
