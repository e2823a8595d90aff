"""The live check, run against torch itself: the convention table's torch rows are verified
by torch, not only declared.  Without torch installed these tests are skipped."""

import numpy as np
import pytest
from click.testing import CliRunner

from actplot.cli import cli
from actplot.frameworks.check import check, grid, ulps
from actplot.frameworks.conventions import KINKS
from actplot.registry import REGISTRY

torch = pytest.importorskip("torch")

TORCH_KINKS = sorted({k.activation for k in KINKS if k.framework == "torch"})


def test_ulps_counts_units_of_the_last_place_and_treats_matching_specials_as_exact():
    exact = np.array([1.0, 1.0, np.inf, np.nan, 0.0, -np.inf])
    got = np.array([1.0, np.nextafter(1.0, 2.0), np.inf, np.nan, 0.0, np.inf])
    assert ulps(got, exact, "float64").tolist() == [0.0, 1.0, 0.0, 0.0, 0.0, np.inf]
    assert ulps(np.array([1.0 + 2**-23]), np.array([1.0]), "float32").tolist() == [1.0]


def test_the_grid_holds_every_kink_and_its_neighbours():
    x = grid(REGISTRY["hardtanh"].bind({}))
    for k in (-1.0, 1.0):
        assert k in x and np.nextafter(k, 2) in x and np.nextafter(k, -2) in x
    assert np.isfinite(x).all() and len(x) > 150


@pytest.mark.parametrize("name", TORCH_KINKS)
def test_torch_returns_at_every_kink_what_the_table_declares(name):
    c = check(name)
    assert "torch" in c.installed
    mine = [r for r in c.results if r.framework == "torch"]
    assert mine and not any(r.error for r in mine), [r.error for r in mine]
    declared = [k for r in mine for k in r.kinks if k.declared and k.dtype == "float64"]
    assert declared, "the table declares torch's kinks of " + name
    assert all(k.agrees for r in mine for k in r.kinks if k.declared), [
        (r.name, k) for r in mine for k in r.disagreements
    ]


def test_torch_is_close_to_actplots_exact_values_away_from_its_known_weak_spots():
    c = check("relu", "leaky_relu", "hardtanh", "elu")
    for r in (r for r in c.results if r.framework == "torch"):  # jax's: its own file
        for order, worst in r.worst["float64"].items():
            assert worst.ulps <= 4, (r.name, order, worst)


def test_the_check_finds_torchs_sigmoid_gradient_lost_in_the_right_tail():
    # torch computes sigma'(x) as y (1 - y): 0 once y rounds to 1, while sigma'(100) = 3.7e-44
    [r] = [r for r in check("sigmoid").results if r.framework == "torch"]
    assert r.worst["float64"][0].ulps <= 2
    assert r.worst["float64"][1].ulps > 1e10 and r.worst["float64"][1].x > 36


def test_torch_refuses_hardsigmoids_second_derivative_and_the_check_says_so():
    [r] = [r for r in check("hard_sigmoid").results if r.framework == "torch"]
    assert 2 not in r.worst["float64"]
    assert any(k.got is None for k in r.kinks if k.order == 2)


def test_the_issues_example_prints_torchs_kink_derivatives_matching_the_table(issue_example_check):
    data, kinks = issue_example_check
    got = kinks("torch")
    lam = 1.0507009873554804934193349852946
    alpha = 1.6732632423543772848170429916717
    assert got[("leaky_relu", 0.0, 1)] == 0.01
    assert got[("selu", 0.0, 1)] == pytest.approx(lam * alpha, rel=1e-15)
    assert got[("hardtanh", -1.0, 1)] == got[("hardtanh", 1.0, 1)] == 0.0
    assert all(not x["disagreements"] for x in data["results"])


def test_a_framework_not_installed_is_listed_and_nothing_fails():
    c = check("gelu")
    assert set(c.missing) | set(c.installed) == {"torch", "jax", "tensorflow", "mlx"}
    for fmt in ("rich", "markdown", "csv"):
        r = CliRunner().invoke(cli, ["frameworks", "gelu", "--check", "--format", fmt])
        assert r.exit_code == 0 and "Traceback" not in r.output
        for m in c.missing:
            assert m in r.output


@pytest.mark.parametrize("x", [-2.5, 0.0, 0.75, 30.0])
def test_a_vector_function_is_checked_as_a_function_of_its_first_logit(x):
    # torch.softmax on [x, 0], its Jacobian's corner from torch.autograd itself
    from actplot.frameworks.run import evaluate

    t = torch.tensor([x, 0.0], dtype=torch.float64)
    fn = lambda v: torch.nn.functional.softmax(v, dim=-1)
    f, d1, _ = evaluate("torch", "torch.nn.functional.softmax", np.array([x]), "float64", True)
    assert f[0] == fn(t)[0].item()
    assert d1[0] == torch.autograd.functional.jacobian(fn, t)[0, 0].item()


def test_the_check_finds_torchs_softmax_gradient_lost_as_its_sigmoids():
    # softmax([x, 0])[0] is sigmoid(x): torch's derivative is again 0 where s rounds to 1
    [r] = [r for r in check("softmax").results if r.framework == "torch" and r.name == "softmax"]
    assert not r.error and r.worst["float64"][0].ulps <= 4
    assert r.worst["float64"][1].ulps > 1e10 and r.worst["float64"][1].x > 36
