"""The numpy experiments: exact backpropagation, determinism, the seeds' two claims, data."""

import json

import numpy as np
import pytest

import actplot
from actplot.errors import ActplotError
from actplot.experiments import BUILT_IN, TrainSettings, depth, load_csv, train_all
from actplot.experiments.mlp import Ensemble, cross_entropy

ELEMENTWISE = [d.name for d in actplot.REGISTRY.values() if d.kind == "elementwise"]


def total_loss(net, x, y):
    return float(np.sum(cross_entropy(net.forward(x).output, y)[0]))  # one loss per model


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_backpropagation_matches_finite_differences(name):
    rng = np.random.default_rng(7)
    # torch init: nonzero biases, so no pre-activation sits exactly on a kink (ReLU of negative
    # inputs is exactly 0, and with zero biases the next layer would be too)
    net = Ensemble([3, 5, 4, 3], actplot.get(name), "torch", seeds=[7, 8])  # two models at once
    x, y = rng.normal(0, 1.5, (16, 3)), rng.integers(0, 3, 16)
    p = net.forward(x)
    grad = net.backward(p, cross_entropy(p.output, y)[1]).copy()
    h = 1e-6
    numeric = np.empty_like(grad)
    for i in np.ndindex(grad.shape):
        saved = net.params[i]
        net.params[i] = saved + h
        up = total_loss(net, x, y)
        net.params[i] = saved - h
        down = total_loss(net, x, y)
        net.params[i] = saved
        numeric[i] = (up - down) / (2 * h)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)


def test_an_ensemble_member_computes_what_it_would_alone():
    act, x = actplot.get("gelu"), np.random.default_rng(0).normal(size=(10, 3))
    pair = Ensemble([3, 4, 2], act, "torch", seeds=[11, 12]).forward(x).output
    alone = Ensemble([3, 4, 2], act, "torch", seeds=[12]).forward(x).output
    assert np.array_equal(pair[1], alone[0])


def test_cross_entropy_is_the_mean_negative_log_likelihood():
    logits = np.array([[2.0, 0.0], [0.0, 3.0], [1.0, 1.0]])
    y = np.array([0, 1, 1])
    loss, grad = cross_entropy(logits, y)
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    assert loss == pytest.approx(-np.mean(np.log(p[[0, 1, 2], y])), rel=1e-15)
    np.testing.assert_allclose(grad, (p - np.eye(2)[y]) / 3, rtol=1e-14)


def test_sigmoid_gradients_vanish_through_depth_and_relu_tanh_do_not():
    ratios = {n: depth(actplot.get(n), layers=10).ratio for n in ("sigmoid", "tanh", "relu")}
    assert ratios["sigmoid"] < 1e-4  # many orders of magnitude
    assert 1e-2 < ratios["tanh"] < 1e2 and 1e-2 < ratios["relu"] < 1e2
    assert len(depth(actplot.get("relu"), layers=4).grad_norms) == 4


def test_networks_too_large_for_memory_are_refused_before_anything_is_allocated():
    with pytest.raises(ActplotError, match="10000 layers of up to 4096 units"):
        depth(actplot.get("relu"), layers=10_000, width=4096)  # 1.3 TB of weights
    big = TrainSettings(hidden=(4096,) * 16)
    with pytest.raises(ActplotError, match="fewer or narrower layers"):
        train_all([actplot.get("relu")], BUILT_IN["moons"](0), big)


def test_a_network_that_passes_no_gradient_has_an_undefined_ratio():
    # hardshrink with a huge lambda outputs 0 everywhere: no layer gets any gradient
    result = depth(actplot.get("hardshrink", lambd=1e6), layers=3)
    assert not result.grad_norms.any() and np.isnan(result.ratio)


SMALL = TrainSettings(epochs=30, repeats=2)


def test_training_is_deterministic_and_independent_of_the_worker_count():
    acts = [actplot.get("relu"), actplot.get("elu", alpha=0.5)]
    data = BUILT_IN["moons"](0)
    first, again, parallel = (train_all(acts, data, SMALL, jobs=j) for j in (1, 1, 2))
    for a, b, c in zip(first, again, parallel, strict=True):
        assert [r.loss_curve.tolist() for r in a.runs] == [r.loss_curve.tolist() for r in b.runs]
        assert [r.loss_curve.tolist() for r in a.runs] == [r.loss_curve.tolist() for r in c.runs]
        assert a.accuracy_mean == c.accuracy_mean


def test_relu_trains_faster_than_sigmoid_as_the_seeds_say():
    relu, sigmoid = train_all([actplot.get("relu"), actplot.get("sigmoid")], BUILT_IN["classification"](42),
                              TrainSettings(repeats=2))  # fmt: skip
    assert relu.accuracy_mean > sigmoid.accuracy_mean + 0.03
    assert relu.final_loss < sigmoid.final_loss / 3
    assert len(relu.loss_curve) == 200 and relu.loss_curve[-1] < relu.loss_curve[0]


def test_dead_units_are_counted():
    result = train_all(
        [actplot.get("relu")], BUILT_IN["moons"](1), TrainSettings(epochs=200, repeats=1, lr=1.0)
    )[0]
    assert 0 < result.dead_fraction <= 1  # a huge learning rate kills ReLU units
    sigmoid = train_all([actplot.get("sigmoid")], BUILT_IN["moons"](1), SMALL)[0]
    assert sigmoid.dead_fraction == 0  # sigmoid never outputs exactly 0


def test_vector_valued_activations_are_refused():
    with pytest.raises(ActplotError, match="vector-valued"):
        depth(actplot.get("softmax"))


def test_classification_has_the_seeds_structure():
    data = BUILT_IN["classification"](3)
    assert data.x.shape == (1000, 20) and data.n_classes == 2
    assert np.linalg.matrix_rank(data.x) == 15  # 5 of the 20 features are combinations of 15
    assert 450 < np.sum(data.y) < 550


@pytest.mark.parametrize("name", ["moons", "circles", "spirals"])
def test_two_dimensional_sets(name):
    data = BUILT_IN[name](0)
    assert data.x.shape == (1000, 2) and sorted(set(data.y)) == [0, 1]
    assert np.array_equal(BUILT_IN[name](0).x, data.x) and not np.array_equal(
        BUILT_IN[name](1).x, data.x
    )


def write(tmp_path, text):
    path = tmp_path / "data.csv"
    path.write_text(text)
    return path


def test_csv_with_a_header(tmp_path):
    rows = "\n".join(f"{i},{i % 3 * 0.5},{i % 2}" for i in range(20))
    data = load_csv(write(tmp_path, "a,b,label\n" + rows))
    assert (
        data.x.shape == (20, 2)
        and data.n_classes == 2
        and data.y.tolist() == [i % 2 for i in range(20)]
    )


@pytest.mark.parametrize(
    "text, message",
    [("1,2,0\n" * 5, "at least 10"),
     ("".join(f"{i},x,{i % 2}\n" for i in range(12)), "row 1, column 2: 'x' is not a number"),
     ("".join(f"{i},nan,{i % 2}\n" for i in range(12)), "give finite numbers"),
     ("".join(f"{i},1,0\n" for i in range(12)), "single class"),
     ("".join(f"{i},1,{i % 2}\n" for i in range(11)) + "1,2\n", "row 12 has 2 cells"),
     ("".join(f"{i}\n" for i in range(12)), "feature column"),
     ("".join(f"{i},{i * 0.37}\n" for i in range(200)), "class labels")],
)  # fmt: skip
def test_bad_csv_files_are_explained(tmp_path, text, message):
    with pytest.raises(ActplotError, match=message):
        load_csv(write(tmp_path, text))


def test_missing_csv(tmp_path):
    with pytest.raises(ActplotError, match="cannot read"):
        load_csv(tmp_path / "nope.csv")


# through the command line ------------------------------------------------------------------------


def test_compare_runs_both_experiments(run, tmp_path):
    args = ["compare", "relu", "sigmoid", "--experiment", "depth", "--experiment", "train", "--epochs", "20",
            "--repeats", "2", "--jobs", "1", "--no-cost", "--format", "json", "--dataset", "circles"]  # fmt: skip
    result = run(*args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (
        set(data["depth"]) == {"relu", "sigmoid"} and len(data["depth"]["relu"]["grad_norms"]) == 10
    )
    train = data["train"]["sigmoid"]
    assert set(train) >= {"test_accuracy", "final_loss", "dead_fraction", "loss_curve"}
    assert len(train["loss_curve"]) == 20 and len(train["test_accuracy"]["runs"]) == 2
    assert {p.name for p in tmp_path.iterdir()} == {"relu_sigmoid_compare.png", "relu_sigmoid_compare_depth.png",
                                                    "relu_sigmoid_compare_train.png"}  # fmt: skip


def test_experiment_json_is_strict_json(run):
    def refuse(constant):
        raise AssertionError(f"{constant} is not JSON")

    args = ["compare", "hardshrink:lambd=1e6", "--experiment", "depth", "--no-cost", "--no-plot",
            "--format", "json"]  # fmt: skip
    result = run(*args)
    [entry] = json.loads(result.stdout, parse_constant=refuse)["depth"].values()
    assert entry["ratio"] == "nan"


@pytest.mark.parametrize(
    "args, message",
    [(["--epochs", "5"], "--epochs applies to --experiment train"),
     (["--experiment", "train", "--width", "8"], "--width applies to --experiment depth"),
     (["--experiment", "train", "--data", "x.csv", "--dataset", "moons"], "not both"),
     (["--experiment", "train", "--data", "missing.csv"], "cannot read"),
     (["--experiment", "train", "--hidden", "50,a"], "whole numbers"),
     (["softmax", "--experiment", "depth"], "vector-valued"),
     (["--experiment", "depth", "--jobs", "2"], "--jobs applies to --experiment train"),
     (["--experiment", "depth", "--width", "4096"], "fewer or narrower layers"),
     (["--experiment", "train", "--hidden", "4096,4096,4096"], "fewer or narrower layers")],
)  # fmt: skip
def test_experiment_mistakes(run, tmp_path, args, message):
    result = run("compare", "relu", *args, "--no-cost")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("actplot compare: error:") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())
