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


@pytest.mark.parametrize(
    "args",
    [["plot", "elu:alpha=1" + "0" * 400 + "/1"], ["plot", "elu:alpha=1e400"],
     ["table", "relu", "--x", "1" + "0" * 400 + "/1"]],
)  # fmt: skip
def test_numbers_beyond_float64_in_a_spec_are_one_line(run, args):
    result = run(*args)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


LONG = "a" * 260 + ".png"  # longer than the 255 bytes a file name may have


@pytest.mark.parametrize(
    "args, message",
    [(["plot", "relu", "-o", "x.png/"], "ending in '/' is a folder"),
     (["plot", "relu", "-o", "/proc/x.png"], "cannot write /proc/x.png"),
     (["plot", "relu", "--csv", "/proc/x.csv"], "cannot write /proc/x.csv"),
     (["gallery", "-o", "/proc/gallery"], "cannot write the gallery to /proc/gallery"),
     (["plot", "relu", "-o", LONG], "allows at most 255"),
     (["plot", "relu", "-o", "missing/" + LONG], "allows at most 255")],
)  # fmt: skip
def test_an_output_that_cannot_be_written_fails_before_any_work(run, tmp_path, monkeypatch, args,
                                                                message):  # fmt: skip
    import actplot.plotting

    def never(*_, **__):
        raise AssertionError("drawing began before the output was checked")

    monkeypatch.setattr(actplot.plotting, "draw_curve", never)
    monkeypatch.setattr("actplot.gallery.build._draw_all", never)
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # no file, no temporary file


def test_a_long_name_that_fits_is_written_with_a_temporary_name_that_fits_too(run, tmp_path):
    name = "b" * 251 + ".png"  # 255 bytes: allowed, but "." + name + ".XXXXXXXX.tmp" is not
    result = run("plot", "relu", "-o", name)
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("columns", [0, 1, 5, 20, 40])  # 0: not a width, the default one
def test_a_terminal_narrower_than_a_number_still_gets_every_digit(run, columns):
    result = run("table", "relu", "gelu", "prelu", "--x", "1,-1", env_width=columns)
    assert result.exit_code == 0
    for number in ("1.000", "0.8413", "-0.1587", "-0.2500"):
        assert number in result.stdout, result.stdout
    assert "…" not in result.stdout


@pytest.mark.parametrize(
    "value, named",
    [(None, "None"), ("1.5", "strings"), ([1.0, None], "None"), (object(), "object"),
     (np.array(["2020-01-01"], dtype="datetime64[D]"), "datetimes"),
     (np.array([1], dtype="timedelta64[s]"), "time differences"),
     (1 + 2j, "complex"), ([True, False], "booleans")],
)  # fmt: skip
def test_the_api_refuses_what_is_not_a_real_number_and_names_it(value, named):
    relu = actplot.get("relu")
    for call in (relu, relu.grad, relu.evaluate, lambda v: actplot.table("relu", x=v)):
        with pytest.raises(TypeError, match=named):
            call(value)
    with pytest.raises(TypeError, match="bytes"):
        relu(b"1")


def test_integers_float32_and_python_fractions_are_read_as_float64():
    from fractions import Fraction

    gelu = actplot.get("gelu")
    exact = gelu(np.array([1.0, 2.0, 0.5]))
    assert np.array_equal(gelu(np.array([1, 2], dtype=np.int8)), exact[:2])
    assert np.array_equal(gelu(np.array([1, 2, 0.5], dtype=np.float32)), exact)
    assert np.array_equal(gelu([1, 2, Fraction(1, 2)]), exact)
    assert gelu(np.float32(0.5)).dtype == np.float64
    with pytest.raises(ValueError, match="beyond the float64 range"):
        gelu([10**400])


def test_a_masked_array_keeps_its_mask():
    x = np.ma.masked_array([1.0, -2.0, 3.0], mask=[False, True, False])
    for y in (actplot.get("elu")(x), actplot.get("elu").grad(x, 2)):
        assert isinstance(y, np.ma.MaskedArray) and list(y.mask) == [False, True, False]
    assert actplot.get("elu")(x)[2] == 3.0
    with pytest.raises(TypeError, match="masked"):
        actplot.get("softmax")(x)  # a masked logit of a row has no one meaning


@pytest.fixture
def full_disk(tmp_path):
    """A 200 KiB tmpfs: room for a few images, not for a gallery.  Skips where mounting is not
    allowed (not root, or a container without the capability)."""
    import shutil
    import subprocess

    folder = tmp_path / "small"
    folder.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_a_full_disk_is_one_line_exit_1_and_no_partial_file(full_disk, run):
    gallery = full_disk / "g"
    result = run("gallery", "-o", gallery, "--format", "svg", "--jobs", 1)
    assert result.exit_code == 1, result.stderr
    assert result.stderr.endswith(": No space left on device\n")
    assert result.stderr.startswith(f"actplot: error: cannot write {gallery}/")
    assert len(result.stderr.splitlines()) == 1
    files = [p for p in gallery.iterdir()]
    assert not [p for p in files if p.name.endswith(".tmp")]
    listed = (gallery / ".manifest").read_text().splitlines()[1:]
    assert sorted(listed) == sorted(p.name for p in files if p.name != ".manifest")
    assert all(p.read_text().rstrip().endswith("</svg>") for p in files if p.suffix == ".svg")

    free = os.statvfs(full_disk).f_bavail * os.statvfs(full_disk).f_frsize
    (full_disk / "filler").write_bytes(b"\0" * (free - 8192))  # leaves 8 KiB: less than an svg
    result = run("plot", "gelu", "-o", full_disk / "a.svg")
    assert (
        result.stderr
        == f"actplot: error: cannot write {full_disk / 'a.svg'}: No space left on device\n"
    )
    assert result.exit_code == 1
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler", "g"]  # no a.svg, no .tmp


FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint"}
FORBIDDEN_MODULES = {"pickle", "cPickle", "marshal", "shelve", "dill", "subprocess", "pty"}
FORBIDDEN_ATTRIBUTES = {("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execvp"),
                        ("os", "spawnv"), ("os", "startfile")}  # fmt: skip


def dangers(node):
    """What in this syntax node would run text as code or start a shell."""
    import ast

    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        yield from [f"{node.func.id}()"] if node.func.id in FORBIDDEN_CALLS else []
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        pair = (node.value.id, node.attr)
        yield from [".".join(pair)] if pair in FORBIDDEN_ATTRIBUTES else []
    if isinstance(node, ast.keyword) and node.arg == "shell":
        yield "shell="
    if isinstance(node, ast.Import):
        yield from (
            f"import {a.name}" for a in node.names if a.name.split(".")[0] in FORBIDDEN_MODULES
        )
    if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in FORBIDDEN_MODULES:
        yield f"from {node.module} import"


def test_no_eval_exec_pickle_or_shell_anywhere_in_the_package():
    """User input (expressions, specs, files) is parsed, never run: read every module's syntax
    tree for the calls and modules that would run text as code or start a shell."""
    import ast
    from pathlib import Path

    found = [
        f"{path.name}:{node.lineno} {danger}"
        for path in sorted(Path(actplot.__file__).parent.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        for danger in dangers(node)
    ]
    assert found == []
    assert list(dangers(ast.parse("import pickle; eval(s); os.system(c)"))) == []  # a module node
    assert (
        len(
            [
                d
                for n in ast.walk(ast.parse("import pickle; eval(s); os.system(c)"))
                for d in dangers(n)
            ]
        )
        == 3
    )  # fmt: skip  (the scan sees each of them)
