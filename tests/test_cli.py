"""The command line as a user meets it: output, files, exit codes, one-line errors."""

import csv
import io
import json
import math
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import actplot
from actplot.cli import cli


def test_help_for_every_command(run):
    for command in (
        [],
        ["list"],
        ["info"],
        ["plot"],
        ["grad"],
        ["compare"],
        ["gallery"],
        ["table"],
    ):
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Usage: " in result.output
    assert "--range XMIN XMAX" in run("plot", "--help").output
    assert "actplot table --x -2 0 2" in run("--help").output


def test_bare_actplot_shows_the_help_not_an_error(run):
    result = run()
    assert result.exit_code == 2  # as click does: no command is a usage mistake
    assert result.stderr.startswith("Usage: actplot") and "error" not in result.stderr


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and actplot.__version__ in result.output


def test_list_shows_every_activation(run):
    out = run("list").output
    assert all(name in out for name in actplot.names())
    data = json.loads(run("list", "--format", "json").output)
    assert [d["name"] for d in data] == actplot.names()
    swish = next(d for d in data if d["name"] == "swish")
    assert swish["aliases"] == ["silu"] and swish["params"] == {"beta": 1.0}
    assert swish["formula"] == actplot.REGISTRY["swish"].formula


# the frameworks' own defaults, from their published documentation: keras.activations.leaky_relu
# (negative_slope=0.2), tf.nn.leaky_relu (alpha=0.2), jax.nn.leaky_relu and mlx.nn.leaky_relu
# (negative_slope=0.01), torch.nn.LeakyReLU (negative_slope=0.01)
LEAKY_SLOPES = {"keras": 0.2, "tf": 0.2, "jax": 0.01, "mlx": 0.01, "torch": 0.01}


@pytest.mark.parametrize("convention", sorted(LEAKY_SLOPES))
def test_list_under_a_convention_gives_that_frameworks_defaults(run, convention):
    data = json.loads(run("list", "--convention", convention, "--format", "json").output)
    assert [d["name"] for d in data] == actplot.names()
    assert {d["convention"] for d in data} == {convention}
    leaky = next(d for d in data if d["name"] == "leaky_relu")
    assert leaky["params"] == {"alpha": LEAKY_SLOPES[convention]}
    assert leaky["framework_name"] == f"{convention}:leaky_relu"
    maxout = next(d for d in data if d["name"] == "maxout")  # no framework has it
    assert maxout["framework_name"] is None and maxout["is"] == "maxout"


@pytest.mark.parametrize("convention", sorted(LEAKY_SLOPES))
def test_info_under_a_convention_gives_that_frameworks_defaults(convention):
    # in a process of its own: there a built-in's name is read from the index, without the
    # activation library, which the convention's defaults must not bypass
    argv = ("info", "leaky_relu", "--convention", convention)
    data = json.loads(_actplot(*argv, "--format", "json").stdout)
    assert data["params"] == {"alpha": LEAKY_SLOPES[convention]}
    shown = _actplot(*argv, env={**os.environ, "COLUMNS": "80"}).stdout
    assert shown.startswith(f"LeakyReLU(alpha={LEAKY_SLOPES[convention]:g})")


def test_list_under_jax_says_its_gelu_is_the_tanh_form(run):
    # jax.nn.gelu(x, approximate=True): by default the tanh approximation
    data = json.loads(run("list", "--convention", "jax", "--format", "json").output)
    gelu = next(d for d in data if d["name"] == "gelu")
    assert gelu["is"] == "gelu_tanh" and gelu["call"] == "jax.nn.gelu"
    assert "0.044715" in gelu["formula"]
    assert "0.044715" not in next(d for d in json.loads(run("list", "--format", "json").output)
                                  if d["name"] == "gelu")["formula"]  # fmt: skip
    # jax.nn.leaky_relu is where(x >= 0, x, a x): its derivative at 0 is 1, torch's is a
    leaky = next(d for d in data if d["name"] == "leaky_relu")
    assert "leaky_relu'(0) = 1.0" in leaky["at_kinks"]


@pytest.mark.parametrize("convention", ["jax", "keras", "mlx"])
def test_list_under_a_convention_fits_80_columns_and_says_which(run, convention):
    out = run("list", "--convention", convention, env_width=80).output
    assert max(len(line) for line in out.splitlines()) <= 80 and "…" not in out
    assert out.startswith(f"Under --convention {convention} (")
    lines = out.splitlines()
    for name in actplot.names():
        assert any(line.startswith(f"│ {name} ") for line in lines), name
    # a name the framework lacks is marked as in `actplot frameworks --all`
    rrelu = next(line for line in lines if line.startswith("│ rrelu ") and "·" in line)
    assert rrelu.split("│")[2].strip() == "·"
    assert "alpha=" + ("0.2" if convention == "keras" else "0.01") in next(
        line for line in lines if line.startswith("│ leaky_relu ") and "alpha=" in line
    )


def test_list_without_a_convention_is_actplots_own(run):
    data = json.loads(run("list", "--format", "json").output)
    assert "convention" not in data[0]
    assert "Under --convention" not in run("list").output


def test_an_unknown_convention_is_one_line_and_exit_code_2(run):
    for command in (["list"], ["gallery"], ["list", "--format", "json"]):
        result = run(*command, "--convention", "pytorch")
        assert result.exit_code == 2 and len(result.output.splitlines()) == 1, result.output
        assert "'pytorch' is not one of 'torch', 'jax', 'keras', 'tf', 'mlx'" in result.output


def test_info_tells_formula_range_convention_and_common_mistakes(run):
    out = run("info", "relu").output
    assert "max(0, x)" in out and "[0, inf)" in out and "relu'(0) = 0" in out
    assert "Common mistakes" in out
    out = run("info", "elu:alpha=2").output  # parameters change what is shown
    assert "(-2, inf)" in out and "C0" in out
    assert "C1" in run("info", "elu").output  # alpha = 1 makes the derivative continuous


def test_table_default_is_the_classic_comparison(run):
    out = run("table", "--x", -2, 0, 2).output
    for cell in ("0.1192", "0.8808", "-0.9640", "0.01588", "0.1173", "0.8668", "-4.143", "-2.143"):
        assert cell in out
    assert "vector-valued: applied to the whole vector x = (-2, 0, 2)" in out
    assert run("table").output == out  # [-2, 0, 2] is the default


def csv_rows(result):
    assert result.exit_code == 0, result.output
    return [line.split(",") for line in result.output.splitlines()]


@pytest.mark.parametrize(
    "xs", [["-2", "0", "2"], ["-2,0,2"], ["-2", "0,2"], ["--x=-2", "--x=0", "--x=2"]]
)
def test_x_values_may_be_spaced_or_comma_separated(run, xs):
    args = [
        "table",
        "sigmoid",
        "--format",
        "csv",
        *(xs if xs[0].startswith("--x=") else ["--x", *xs]),
    ]
    rows = csv_rows(run(*args))
    assert rows[0][2:] == ["-2.0", "0.0", "2.0"]


def test_x_values_may_be_ranges_mixed_with_numbers(run):
    rows = csv_rows(run("table", "relu", "--x", "-1:1:5", "7", "--format", "csv"))
    assert rows[0][2:] == ["-1.0", "-0.5", "0.0", "0.5", "1.0", "7.0"]


def test_x_values_may_come_before_the_names(run):
    rows = csv_rows(run("table", "--x", -1, 1, "relu", "elu:alpha=0.5", "--format", "csv"))
    assert [r[0] for r in rows[1:]] == ["ReLU", "ELU(alpha=0.5)"]
    assert float(rows[2][2]) == 0.5 * math.expm1(-1)


def test_derivative_rows_first_and_second(run):
    rows = csv_rows(run("table", "tanh", "--deriv", "--x", 1, "--format", "csv"))
    assert [r[1] for r in rows[1:]] == ["f", "f'"]
    assert float(rows[2][2]) == pytest.approx(1 / math.cosh(1) ** 2, rel=1e-15)
    rows = csv_rows(run("table", "tanh", "--x", 1, "--deriv", 2, "--format", "csv"))
    t = math.tanh(1)
    assert [r[1] for r in rows[1:]] == ["f''"]
    assert float(rows[1][2]) == pytest.approx(-2 * t * (1 - t * t), rel=1e-14)


@pytest.mark.parametrize("orders", [["--deriv", "0,1,2"], ["-d", "0", "-d", "1", "-d", "2"],
                                    ["-d", "2,0", "--deriv", "1"]])  # fmt: skip
def test_one_way_to_ask_for_f_and_its_derivatives(run, orders):
    data = json.loads(run("table", "gelu", *orders, "--x", 0, "--format", "json").output)
    row = data["rows"][0]
    assert [row["f"], row["f'"], row["f''"]] == [[0.0], [0.5], [0.7978845608028654]]


def test_plot_draws_a_panel_per_order_and_names_the_file_after_what_it_draws(run, tmp_path):
    assert run("plot", "gelu", "--deriv", "0,1,2").output.strip() == "gelu_d1-2.png"
    assert run("plot", "elu:alpha=0.5,1,2", "--deriv").output.strip() == "elu_alpha-0.5-1-2_d1.png"
    assert run("plot", "elu").output.strip() == "elu.png"  # not overwritten by the sweep
    assert (
        run("grad", "relu", "leaky_relu:alpha=-0.3").output.strip()
        == "relu_leaky_relu_alpha-m0.3_grad.png"
    )
    from matplotlib.image import imread

    assert (
        imread(tmp_path / "gelu_d1-2.png").shape[1] > 3 * imread(tmp_path / "elu.png").shape[1] // 2
    )


def test_all_and_digits(run):
    rows = csv_rows(run("table", "--all", "--format", "csv", "--digits", 2, "--x", 0, 1))
    assert len(rows) == 1 + len(actplot.names())
    assert dict((r[0], r[2:]) for r in rows[1:])["Sigmoid"] == ["0.50", "0.73"]


@pytest.mark.parametrize("fmt", ["markdown", "rich"])
def test_one_significant_digit_is_honoured(run, fmt):
    out = run("table", "relu", "--x", 2.25, 1234, "--digits", 1, "--format", fmt).output
    [line] = [line for line in out.splitlines() if "ReLU" in line]
    assert line.replace("|", " ").replace("│", " ").split()[-2:] == ["2", "1e+03"]


def test_json_output(run):
    data = json.loads(run("table", "relu", "--x", -1, 3, "--deriv", "--format", "json").output)
    assert data == {
        "x": [-1.0, 3.0],
        "rows": [{"name": "relu", "label": "ReLU", "params": {}, "kind": "elementwise",
                  "f": [0.0, 3.0], "f'": [0.0, 1.0]}],
    }  # fmt: skip


def png_size(path):
    from matplotlib.image import imread

    return imread(path).shape


def test_plot_writes_the_default_file_and_prints_its_path(run, tmp_path):
    result = run("plot", "swish", "gelu")
    assert result.exit_code == 0
    assert result.output.strip() == "swish_gelu.png"
    height, width, _ = png_size(tmp_path / "swish_gelu.png")
    assert width > 600 and height > 400


@pytest.mark.parametrize(
    "suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")]
)
def test_plot_formats_by_extension(run, tmp_path, suffix, magic):
    out = tmp_path / "sub" / f"curve{suffix.upper()}"
    out.parent.mkdir()
    result = run("plot", "elu:alpha=0.5,1,2", "--deriv", "--layout", "grid", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_grad_and_log_and_second_order_files(run, tmp_path):
    assert run("grad", "sigmoid", "tanh", "relu", "--log", "--range", -40, 40).exit_code == 0
    assert min(png_size(tmp_path / "sigmoid_tanh_relu_grad.png")[:2]) > 300
    assert run("grad", "softsign", "--deriv", 2, "--points", 50).exit_code == 0
    assert (tmp_path / "softsign_grad2.png").exists()


def test_vector_valued_plots_and_context(run, tmp_path):
    assert run("plot", "softmax", "log_softmax", "--context", "0,1,-1", "--deriv").exit_code == 0
    assert (tmp_path / "softmax_log_softmax_d1.png").exists()


def test_many_names_make_a_short_default_file_name(run, tmp_path):
    assert (
        run("plot", "relu", "elu", "selu", "celu", "gelu").output.strip()
        == "relu_elu_selu_and_2_more.png"
    )


def test_show_without_a_display_writes_the_file_instead(run, tmp_path):
    result = run("plot", "relu", "--show")
    assert result.exit_code == 0 and (tmp_path / "relu.png").exists()
    assert "no display" in result.stderr


BAD_INPUT = [
    (["plot", "relu7"], "did you mean 'relu2' or 'relu6'"),
    (["plot", "elu:beta=2"], "no parameter 'beta'"),
    (["plot", "elu:alpha=abc"], "'abc' is not a number"),
    (["plot", "relu", "--range", 5, -5], "empty or reversed"),
    (["plot", "relu", "--range", 1, 1], "empty or reversed"),
    (["plot", "relu", "--range", "-inf", 0], "finite"),
    (["plot", "relu", "--range", "nan", 0], "finite"),
    (["plot", "relu", "--points", 1], "--points"),
    (["plot", "relu", "--points", 10**9], "--points"),
    (["plot", "relu", "-o", "out.jpg"], "use .png, .svg or .pdf"),
    (["plot", "relu", "-o", "missing/out.png"], "does not exist"),
    (["plot", "relu", "-o", "."], "give a file name"),
    (["plot", "relu", "--context", "a"], "not a number"),
    (["plot", "softmax", "--context", ",".join(["1"] * 10_001)], "at most 10000"),
    (["table", "relu", "--x", *range(6000), "--x", *range(6000)], "at most 10000"),
    (["plot", "leaky_relu:alpha=" + ",".join(map(str, range(40))), "elu:alpha=" + ",".join(map(str, range(1, 40)))], "at most 64"),
    (["grad", "relu", "--deriv", 3], "orders are 0 (f), 1 (f') and 2 (f'')"),
    (["plot", "relu", "--points", 10, "--points", 20], "--points is given twice"),
    (["plot", "relu", "-o", "a.png", "--output=b.png"], "--output is given twice"),
    (["table", "--x", "1:2:x"], "must be a whole number"),
    (["table", "--x", "a"], "'a' is not a number"),
    (["table", "--x"], "requires an argument"),
    (["table", "--deriv", "0,3"], "--deriv"),
    (["table", "--all", "relu"], "not both"),
    (["info", "elu:alpha=1,2"], "one activation"),
    (["plto", "relu"], "did you mean 'plot'"),
    (["plot"], "Missing argument"),
]  # fmt: skip


@pytest.mark.parametrize(
    "args, message",
    BAD_INPUT,
    ids=lambda a: " ".join(map(str, a))[:60] if isinstance(a, list) else "",
)
def test_bad_input_is_one_line_and_exit_code_2(run, tmp_path, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("actplot")
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]  # nothing written


def test_unwritable_folder(run, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.access(locked, os.W_OK):  # running as root: permissions do not bind
        pytest.skip("permissions are not enforced for this user")
    assert run("plot", "relu", "-o", locked / "x.png").exit_code == 2


def _actplot(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "actplot", *map(str, args)], capture_output=True, text=True, **kwargs
    )


def test_python_dash_m_and_no_matplotlib_for_commands_that_do_not_draw():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from actplot.cli import cli\n"
        "for args in (['--help'], ['list'], ['info', 'gelu'], ['table', '--all', '--deriv']):\n"
        "    assert CliRunner().invoke(cli, args).exit_code == 0, args\n"
        "print('matplotlib' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
    assert _actplot("table", "--x", 0, "--format", "csv").stdout.startswith(
        "activation,quantity,0.0"
    )


def test_a_closed_pipe_is_not_an_error():
    proc = subprocess.Popen(
        [sys.executable, "-m", "actplot", "table", "--all", "--deriv", "--format", "csv", "--x", *map(str, range(300))],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err


# compare ---------------------------------------------------------------------------------------


def test_compare_prints_the_properties_and_writes_the_figure(run, tmp_path):
    result = run("compare", "sigmoid", "swish", "relu", "--no-cost")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in ("(0, 1)", "-0.27846 at x = -1.2785", "0.25 at x = 0", "9.5367e-07", "left hard, right none",
                 "(-inf, 0]", "C0 (kink at 0)", "common mistakes"):  # fmt: skip
        assert text in out, text
    assert "wrote sigmoid_swish_relu_compare.png" in result.stderr
    assert min(png_size(tmp_path / "sigmoid_swish_relu_compare.png")[:2]) > 300


def test_compare_grid_gives_every_activation_a_panel_of_its_own_size(run, tmp_path):
    three, six = ["sigmoid", "tanh", "relu"], ["elu", "selu", "gelu"]
    for names in (three, three + six):
        run("compare", *names, "--layout", "grid", "--no-cost", "-o", f"{len(names)}.png")
    (h3, w3, _), (h6, w6, _) = png_size(tmp_path / "3.png"), png_size(tmp_path / "6.png")
    assert w6 == pytest.approx(w3, rel=0.05) and h6 == pytest.approx(2 * h3, rel=0.05)


def test_compare_json_has_the_documented_shape(run):
    data = json.loads(
        run("compare", "sigmoid", "relu", "--format", "json", "--no-plot", "--layers", 3).output
    )
    sigmoid, relu = (a["properties"] for a in data["activations"])
    assert set(sigmoid) >= {"range", "monotonic", "minimum", "f0", "df0", "max_abs_grad", "continuity",
                            "saturation", "zero_centred", "identity_near_origin"}  # fmt: skip
    assert sigmoid["range"] == [0.0, 1.0] and sigmoid["range_closed"] == [False, False]
    assert sigmoid["max_abs_grad"] == {"x": 0.0, "value": 0.25, "attained": True}
    assert sigmoid["depth_bound"] == {"layers": 3, "value": 0.25**3}
    assert sigmoid["continuity"] == "C∞" and sigmoid["minimum"] is None
    assert relu["range"] == [0.0, "inf"] and relu["saturation"] == {"left": "hard", "right": "none"}
    assert relu["dead_zones"] == [["-inf", 0.0]] and relu["time_relative_to_relu"] > 0
    assert "diff" not in data


def test_compare_diff(run, tmp_path):
    result = run("compare", "gelu", "gelu_tanh", "--diff", "--format", "json", "--no-cost")
    [gap] = json.loads(result.stdout)["diff"]
    assert gap["a"] == "GELU" and gap["b"] == "GELU (tanh)"
    assert gap["largest"]["xs"] == [
        pytest.approx(-2.6989, abs=1e-4),
        pytest.approx(2.6989, abs=1e-4),
    ]
    assert f"{gap['largest']['value']:.4e}" == "4.7324e-04"
    assert min(png_size(tmp_path / "gelu_minus_gelu_tanh.png")[:2]) > 300
    assert (
        "largest |GELU − GELU (tanh)|: 0.00047324 at x = ±2.6989"
        in run("compare", "gelu", "gelu_tanh", "--diff", "--no-cost", "--no-plot").stdout
    )


def test_compare_markdown_for_notes(run):
    out = run(
        "compare", "tanh", "softsign", "--format", "markdown", "--no-cost", "--no-plot"
    ).output
    assert out.startswith(
        "| property | Tanh | Softsign |\n|---|---|---|\n| range | (-1, 1) | (-1, 1) |"
    )
    assert "### Softsign" in out and "**Common mistakes:**" in out


def test_every_markdown_table_has_as_many_cells_in_each_line(run):
    # "|f′|" and "|dL/dW|" hold pipes of their own: unescaped, they split a cell in two
    out = run("compare", "relu", "sigmoid", "--format", "markdown", "--no-cost", "--no-plot",
              "--experiment", "depth", "--layers", 3).output  # fmt: skip
    tables = [block.splitlines() for block in re.split(r"\n(?!\|)[^\n]*\n", out)]
    tables = [t for t in tables if t and t[0].startswith("|")]
    assert [t[0].split(" | ")[0] for t in tables] == ["| property", "| activation"]
    for lines in tables:
        assert len({len(re.split(r"(?<!\\)\|", line)) for line in lines}) == 1, lines


@pytest.mark.parametrize("args, message", [
    (["compare", "relu", "--diff"], "two or more"),
    (["compare", "relu", "--layers", 0], "--layers"),
    (["compare", "relu", "--format", "csv"], "--format"),
])  # fmt: skip
def test_compare_mistakes(run, args, message):
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr


TOKENS = ["table", "info", "--x", "--deriv", "--all", "--format", "csv", "json", "--digits", "-2", "0",
          "1e308", "inf", "nan", "2", "relu", "elu:alpha=0.5,2", "softmax", "sigmod", "elu:alpha=", ":", "--",
          "--x=1,2", "x", "-1"]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), min_size=1, max_size=7))
def test_fuzzed_arguments_end_in_output_or_a_usage_error(args):
    result = CliRunner().invoke(cli, ["table", *args[1:]] if args[0] != "info" else args)
    assert result.exit_code in (0, 2), (args, result.output, result.exception)


def test_a_file_actplot_did_not_write_is_kept_unless_forced(run, tmp_path):
    mine = tmp_path / "relu.png"
    mine.write_bytes(b"my own picture")
    result = run("plot", "relu")
    assert (
        result.exit_code == 2 and "relu.png exists and was not written by actplot" in result.stderr
    )
    assert mine.read_bytes() == b"my own picture"
    assert run("plot", "relu", "--force").exit_code == 0 and mine.read_bytes()[:4] == b"\x89PNG"
    for suffix in (".png", ".svg", ".pdf"):  # actplot's own picture is replaced: a re-run
        assert run("plot", "relu", "-o", f"again{suffix}").exit_code == 0
        assert run("plot", "relu", "-o", f"again{suffix}").exit_code == 0, suffix


def test_plot_writes_its_samples_as_csv(run, tmp_path):
    result = run("plot", "tanh", "--points", 5, "--range", -1, 1, "--csv", "t.csv")
    assert result.exit_code == 0 and (tmp_path / "tanh.png").exists()
    rows = list(csv.reader(io.StringIO((tmp_path / "t.csv").read_text())))
    assert rows[0] == ["activation", "x", "f", "f'", "f''"] and len(rows) == 6
    assert float(rows[5][2]) == math.tanh(1.0)
    printed = run("grad", "tanh", "--points", 5, "--range", -1, 1, "--format", "csv").stdout
    assert printed == (tmp_path / "t.csv").read_text() and not (tmp_path / "tanh_grad.png").exists()


def test_compare_says_a_mean_is_undefined_where_f_has_no_value(run):
    # log(1 - e^-x) is not real for x < 0: E f(Z) over a standard normal Z does not exist
    out = run("compare", "log1mexp", "relu", "--no-plot", env_width=80).output
    row = next(line for line in out.splitlines() if "zero-centred" in line)
    assert "E f(Z) undefined" in row and "nan" not in row
    assert "E f(Z) = 0.39894" in row  # ReLU's: 1/sqrt(2 pi)


def test_compare_prints_no_trailing_spaces_and_a_blank_line_between_its_parts(run):
    # rich's Padding and a left-justified title pad each line to the terminal's width: a
    # file of them would carry 80 spaces per blank line
    shown = run("compare", "relu", "gelu", "--no-plot", "--experiment", "depth", env_width=80)
    lines = shown.output.splitlines()
    assert [ln for ln in lines if ln != ln.rstrip()] == []
    for start in ("ReLU: ", "GELU: ", "Gradients through"):
        at = next(i for i, ln in enumerate(lines) if ln.startswith(start))
        assert lines[at - 1] == ""
