"""What each entry point imports, checked in a fresh process: the help and the list need
neither numpy nor the activation library, a table needs no matplotlib, and the index that
``list`` and ``info`` print from is the library's own."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest

from actplot import _index, _index_make
from actplot.cli.main import COMMANDS, cli

PROBE = """
import json, sys
sys.argv = ["actplot", *json.loads(sys.argv[1])]
from actplot.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)))
"""


def _imported(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        env={"PATH": "", "MPLBACKEND": "Agg", "COLUMNS": "80"},
        check=False,
    )
    return set(json.loads(done.stderr.rsplit("MODULES ", 1)[1]))


def _heavy(modules: set[str]) -> set[str]:
    tops = {"numpy", "matplotlib", "rich", "actplot.library", "actplot.activation"}
    return {t for t in tops if t in modules}


def test_help_imports_no_command_numpy_rich_or_library():
    modules = _imported("--help")
    assert _heavy(modules) == set()
    assert not any(m.startswith("actplot.cli.") and m[12:] in COMMANDS for m in modules)


@pytest.mark.parametrize("args", [("list",), ("info", "gelu"), ("info", "SiLU", "--lang", "zh")])
def test_list_and_info_of_a_built_in_need_neither_numpy_nor_rich(args):
    assert _heavy(_imported(*args)) == set()  # they are drawn by actplot._grid


def test_table_imports_numpy_but_no_matplotlib_nor_rich():
    modules = _imported("table", "--x", "-2", "0", "2")
    assert "numpy" in modules and "actplot.library" in modules
    assert "matplotlib" not in modules and "rich" not in modules


def _imported_by(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        env={"PATH": "", "MPLBACKEND": "Agg"},
        check=True,
    )
    return set(done.stdout.split())


# modules a command is quicker without (numpy.ma alone is over 10 ms), unless what it
# cannot do without (numpy, click, rich; matplotlib's figure) imports them already
SLOW = {"numpy.ma", "rich._emoji_codes", "difflib", "hashlib", "csv", "matplotlib.style"}


def test_table_and_compare_import_nothing_slow_they_do_not_use():
    floor = _imported_by("import numpy, click, rich.console, rich.table")
    for args in (("table", "--x", "-2", "0", "2"), ("compare", "relu", "--no-cost", "--no-plot")):
        assert (_imported(*args) - floor) & SLOW == set(), args


def test_a_figure_imports_no_matplotlib_style(tmp_path):
    floor = _imported_by("import click, rich, matplotlib.figure, matplotlib.backends.backend_agg")
    modules = _imported("plot", "swish", "-o", str(tmp_path / "swish.png"))
    assert (tmp_path / "swish.png").exists()
    assert (modules - floor) & SLOW == set()


def test_importing_actplot_imports_nothing_heavy():
    done = subprocess.run(
        [sys.executable, "-c", "import sys, actplot; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    modules = set(done.stdout.split())
    assert _heavy(modules) == set() and "click" not in modules


def test_the_index_is_up_to_date():
    """Fails after a built-in (or its notes) changed: run python -m actplot._index_make."""
    with open(_index.__file__, encoding="utf-8") as f:
        assert f.read() == _index_make.build(), "run: python -m actplot._index_make"


def test_the_help_shows_each_command_own_summary():
    ctx = click.Context(cli)
    for name, (_, _, summary) in COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name
        assert command.get_short_help_str(limit=10**6) == summary


ENVIRONMENT = """
import gc, json, os, sys
sys.argv = ["actplot", "table", "--x", "0"]
from actplot.cli import main
try:
    main()
except SystemExit:
    pass
import numpy  # imported by the command, after main() set the environment
keys = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
sys.stderr.write("\\nSEEN " + json.dumps([{k: os.environ.get(k) for k in keys}, gc.get_threshold()]))
"""


@pytest.mark.parametrize("given", [{}, {"OPENBLAS_NUM_THREADS": "3"}])
def test_the_command_line_runs_blas_on_one_thread_unless_told(given):
    done = subprocess.run(
        [sys.executable, "-c", ENVIRONMENT],
        capture_output=True,
        text=True,
        env={"PATH": "", "COLUMNS": "80", **given},
        check=True,
    )
    seen, threshold = json.loads(done.stderr.rsplit("SEEN ", 1)[1])
    assert (
        seen
        == {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"} | given
    )
    assert threshold[0] >= 20_000  # and collects garbage less often
