"""Tables fit the terminal they are printed on: at any width, no number is cut, no cell ends in
an ellipsis, and a wide table is split or turned rather than squeezed."""

import functools
import os
import re
import tempfile
from collections import Counter

import pytest

import actplot

WIDTHS = (40, 80, 200)
NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e[+-]\d+)?")


def numbers(text: str) -> Counter:
    """Every number in a text, as written (a number cut across lines would count as two)."""
    return Counter(NUMBER.findall(text.replace("−", "-")))


@functools.cache
def reference(*args: str, width: int = 1000) -> str:
    """What a command prints when nothing has to fit: the same at every width under test, so
    made once for all of them."""
    from click.testing import CliRunner

    from actplot.cli import cli

    here = os.getcwd()
    with tempfile.TemporaryDirectory() as empty:
        os.chdir(empty)  # as the run fixture does
        try:
            env = {"COLUMNS": str(width)}
            result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)
        finally:
            os.chdir(here)
    assert result.exit_code == 0, result.output
    return result.stdout


def printed(run, width, *args):
    result = run(*args, env_width=width)
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    return result.stdout


@pytest.mark.parametrize("width", WIDTHS)
def test_every_value_of_a_big_table_is_printed_whole(run, width):
    out = printed(run, width, "table", "--all", "--x", "-7:7:15", "--deriv", "0,1")
    expected = actplot.table(actplot.names(), x=range(-7, 8), derivatives=(0, 1))
    want = Counter(c for line in expected.lines() for c in line.cells)
    got = Counter(tok for tok in re.split(r"[\s│┃|]+", out) if tok)
    assert not want - got
    assert max(len(line) for line in out.splitlines()) <= max(width, 40)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_table_with_more_points_than_fit_turns_or_splits(run, width):
    out = printed(run, width, "table", "tanh", "--x", "-1:7:9", "--deriv", "0,1,2")
    assert max(len(line) for line in out.splitlines()) <= width
    if width == 200:
        assert out.count("┏") == 1 and "activation" in out  # it fits as it is
    else:
        assert out.splitlines()[1].split("┃")[1].strip() == "x" or out.count("┏") > 1


@pytest.mark.parametrize(
    "transpose, head", [("--transpose", "┃ x "), ("--no-transpose", "┃ activation")]
)
def test_transpose_forces_either_way(run, transpose, head):
    out = printed(run, 200, "table", "relu", "elu", "--x", "0", "1", transpose)
    assert head in out.splitlines()[1]


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_prints_every_number_whole(run, width):
    names = ["sigmoid", "tanh", "relu", "gelu", "swish", "maxout", "threshold"]
    out = printed(run, width, "compare", *names, "--no-plot", "--no-cost")
    markdown = reference(
        "compare", *names, "--no-plot", "--no-cost", "--format", "markdown", width=250
    )
    assert not numbers(markdown) - numbers(out)


@pytest.mark.parametrize("width", WIDTHS)
def test_list_and_info_print_every_number_whole(run, width):
    out = printed(run, width, "list")
    assert not numbers(reference("list")) - numbers(out)
    for name in actplot.names():
        wide = numbers(reference("info", name))
        assert not wide - numbers(printed(run, width, "info", name)), name


@pytest.mark.parametrize("width", WIDTHS)
def test_experiment_tables_print_every_number_whole(run, width):
    args = ["compare", "relu", "sigmoid", "--no-plot", "--no-cost", "--no-notes",
            "--experiment", "depth", "--layers", "3", "--experiment", "train",
            "--epochs", "3", "--repeats", "2", "--jobs", "1"]  # fmt: skip
    out = printed(run, width, *args)
    markdown = reference(*args, "--format", "markdown", width=250)
    # seconds differ run to run: compare everything but the training table's last column
    steady = [line.rsplit("|", 2)[0] for line in markdown.splitlines()]
    assert not numbers("\n".join(steady)) - numbers(out)
