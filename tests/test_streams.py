"""The standard streams as a real process sees them: a locale that cannot carry a symbol, a
closed or full stdout, a reader that stops early, SIGTERM.  These need a real process, so each
test starts ``python -m actplot`` in a subprocess."""

import os
import subprocess
import sys

import pytest

COMMAND = [sys.executable, "-m", "actplot"]


def actplot(*args, encoding=None, **kwargs):
    env = dict(os.environ, COLUMNS="80", MPLBACKEND="Agg")
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([*COMMAND, *args], env=env, stderr=subprocess.PIPE, **kwargs)


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
@pytest.mark.parametrize(
    "args",
    [("table", "relu", "gelu", "--x", "-1", "0", "1"), ("info", "gelu"), ("list",),
     ("compare", "relu", "gelu", "--no-plot", "--no-cost"),
     ("table", "relu", "--x", "0", "--format", "markdown")],
)  # fmt: skip
def test_a_locale_that_cannot_carry_a_symbol_gets_it_spelt_out(args, encoding):
    result = actplot(*args, encoding=encoding)
    assert result.returncode == 0, result.stderr.decode(encoding)
    assert b"Traceback" not in result.stderr
    result.stdout.decode(encoding)  # every byte is in the locale's encoding
    assert result.stdout.strip()


def test_infinity_is_spelt_inf_in_ascii():
    result = actplot("info", "relu", encoding="ascii")
    assert "inf" in result.stdout.decode("ascii")


def test_a_full_stdout_is_a_runtime_error():
    with open("/dev/full", "w") as full:
        result = actplot("table", "relu", "--x", "0", stdout=full)
    stderr = result.stderr.decode()
    assert result.returncode == 1 and stderr.startswith("actplot: error:")
    assert len(stderr.strip().splitlines()) == 1


# preexec_fn forks: where jax ran earlier in this pytest process (the jax check tests) its
# at-fork hook warns of threads; the child only closes fd 1 and execs, so that is moot here
@pytest.mark.filterwarnings(r"ignore:os\.fork\(\) was called:RuntimeWarning")
def test_a_closed_stdout_is_a_runtime_error():
    closed = actplot("table", "relu", "--x", "0", stdout=None, preexec_fn=lambda: os.close(1))
    assert closed.returncode == 1
    assert closed.stderr.decode().startswith("actplot: error: standard output is closed")


def test_a_reader_that_stops_early_ends_the_run_quietly():
    writer = subprocess.Popen(
        [*COMMAND, "table", "--all", "--x", "-5:5:200", "--transpose"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, COLUMNS="80"),
    )  # fmt: skip
    writer.stdout.readline()
    writer.stdout.close()  # as `| head -1` does
    _, stderr = writer.communicate(timeout=60)
    assert writer.returncode == 0 and stderr == b""
