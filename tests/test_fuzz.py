"""Every subcommand, driven by hypothesis with generated argument lists: real and misspelled
names, spec strings, numbers from the whole float64 line and beyond, ranges, point counts,
formats and output paths into missing and non-directory parents.  Every run must end in 0, 1
or 2; an error is one line, never a traceback; a run that fails writes no file, and no run
leaves a temporary file behind.

The options of each command are read from the command itself, so a new command or option is
fuzzed with no change here.  Left out: what is slow by design (training, the whole gallery,
windows) and what loads code by design (--load, -m), which tests/test_plugins.py covers."""

import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import actplot
from actplot.cli import cli
from actplot.cli.main import COMMANDS

# The same examples on every run unless ACTPLOT_FUZZ_RANDOM is set: CI checks what is known,
# and a longer random search (ACTPLOT_FUZZ_EXAMPLES=20000 ACTPLOT_FUZZ_RANDOM=1) looks further.
EXAMPLES = int(os.environ.get("ACTPLOT_FUZZ_EXAMPLES", "2000"))
RANDOM = bool(os.environ.get("ACTPLOT_FUZZ_RANDOM"))
LEFT_OUT = {"--load", "-m", "--module", "--show", "--experiment", "--data", "--jobs", "--help"}

NAMES = [*actplot.names(), "sigmod", "Relu", "GELU", "elu:", "elu:alpha=", "elu:alpha=0.5,2",
         "elu:alpha=1:2", "swish:beta=-1", "prelu:alpha=nan", "maxout:slopes=1;2", "softmax",
         "expr:x*tanh(softplus(x))", "expr:mine=x**2;b=2", "expr:log(1+exp(x))", "expr:x.real",
         "expr:9**9**9", "expr:" + "(" * 200 + "x" + ")" * 200, "torch:ReLU", ":", "relu,gelu"]  # fmt: skip
SPECIAL = ["0", "-0", "1", "2", "-2", "10", "1e308", "1e309", "-1e-320", "nan", "inf", "-inf",
           "1/3", "1" + "0" * 400 + "/1", "0x10", "1_000", "", " ", "-5:5:11", "-5:5:0", "5:-5:3",
           "0:1:1000001", "1,2,3", "2e9"]  # fmt: skip
NUMBERS = st.one_of(
    st.floats().map(repr), st.integers(-(10**400), 10**400).map(str), st.sampled_from(SPECIAL)
)
PATHS = ["out.png", "out.svg", "out.pdf", "out.txt", "out", "x.png/", "missing/out.png",
         "afile/out.png", "ro/out.png", "out.csv", "/proc/out.png", "a" * 300 + ".png", "."]  # fmt: skip
WORDS = ["csv", "json", "markdown", "rich", "png", "svg", "grid", "overlay", "zh", "en", "depth",
         "bash", "zsh", "fish", "dark", "paper", "light", "ggplot", "nostyle", "-1", "--"]  # fmt: skip


def options(name):
    command = cli.commands[name]
    opts = [o for p in command.params for o in (*p.opts, *p.secondary_opts) if o.startswith("-")]
    return sorted(set(opts) - LEFT_OUT)


@st.composite
def command_lines(draw):
    # every command, whether or not an earlier test has loaded it (cli.commands fills lazily)
    name = draw(st.sampled_from(sorted(COMMANDS)))
    token = st.one_of(
        st.sampled_from(options(name) or ["--format"]),
        st.sampled_from(NAMES),
        NUMBERS,
        st.sampled_from(PATHS),
        st.sampled_from(WORDS),
        st.text(max_size=8),
    )
    args = draw(st.lists(token, max_size=9))
    if name == "gallery":  # a whole gallery takes seconds: send it where it cannot be written
        args += ["-o", draw(st.sampled_from(["missing/g", "afile", "afile/g", "/proc/g"]))]
    elif name in ("plot", "grad") and draw(st.integers(0, 9)):
        args += ["--format", "csv"]  # the samples, without drawing (most of the time)
    elif name == "compare" and draw(st.integers(0, 9)):
        args += ["--no-plot", "--no-cost"]
    return [name, *args]


def snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def workspace():
    """A folder with a file where a folder is expected and a read-only folder; kept for the
    whole test, checked and tidied after each run."""
    root = Path(tempfile.mkdtemp(prefix="actplot-fuzz-"))
    (root / "afile").write_text("not a folder")
    (root / "ro").mkdir()
    (root / "ro").chmod(stat.S_IRUSR | stat.S_IXUSR)
    yield root
    (root / "ro").chmod(stat.S_IRWXU)
    shutil.rmtree(root)


@settings(max_examples=EXAMPLES, derandomize=not RANDOM, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(args=command_lines())
def test_every_command_line_ends_in_0_1_or_2_with_one_line_and_no_stray_file(workspace, args):
    before = snapshot(workspace)
    cwd = os.getcwd()
    os.chdir(workspace)
    try:
        result = CliRunner().invoke(cli, args, env={"COLUMNS": "80", "ACTPLOT_PLUGINS": ""})
    finally:
        os.chdir(cwd)
    after = snapshot(workspace)
    try:
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args, result.exception)  # fmt: skip
        assert "Traceback" not in result.output
        assert not [p for p in after if p.endswith(".tmp")], (args, after - before)
        if result.exit_code:
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("actplot"), (args, result.stderr)
            assert after == before, (args, after - before)
    finally:
        for made in sorted(after - before, reverse=True):  # deepest first
            path = workspace / made
            path.rmdir() if path.is_dir() else path.unlink()
