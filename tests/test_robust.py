"""What nobody should have to try twice: extreme values, hostile inputs and files that are not
files end in a clear answer or a one-line error, never a traceback, a hang or a quiet lie."""

import math
import os
import warnings

import numpy as np
import pytest

import actplot


def test_extreme_parameters_are_errors_or_exact_answers():
    with pytest.raises(actplot.ParameterError, match="beyond the float64 range"):
        actplot.get("elu", alpha=10**400)
    celu = actplot.get("celu", alpha=5e-324)  # e^{x/alpha}/alpha overflows, 0 * inf must not
    x = np.array([-math.inf, -1.0, -1e-323, 0.0, 1.0, math.inf, math.nan])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        second = celu.grad(x, 2)
    assert second[2] == math.inf and list(second[[0, 1, 3, 4, 5]]) == [0.0] * 5


@pytest.mark.parametrize(
    "args, message",
    [(["--lr", "nan"], "learning rate must be above 0"), (["--seed", "-1"], "seed must be"),
     (["--data", "/dev/zero"], "not a regular file"), (["--data", "."], "is a directory")],
)  # fmt: skip
def test_training_refuses_what_cannot_train_before_loading_data(run, args, message):
    result = run("compare", "relu", "--experiment", "train", "--no-plot", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_fifo_as_data_is_refused_at_once(run, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    result = run("compare", "relu", "--experiment", "train", "--no-plot", "--data", fifo)
    assert result.exit_code == 2 and "not a regular file" in result.stderr


def test_a_bound_that_overflows_is_inf(run):
    c = actplot.compare("gelu", layers=10_000, cost=False)
    assert c.items[0].properties.depth_bound(10_000) == math.inf
    assert run("compare", "gelu", "--layers", 10_000, "--no-plot", "--no-cost").exit_code == 0


@pytest.mark.parametrize("spec", ["elu:alpha=1" + "0" * 400 + "/1", "elu:alpha=1e400"])
def test_numbers_beyond_float64_in_a_spec_are_one_line(run, spec):
    result = run("plot", spec)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
