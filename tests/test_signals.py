"""Ctrl-C and SIGTERM at random moments of the long commands (the gallery, training): the run
ends quickly with 130 or 143 and one line, leaves only complete files (and a gallery manifest
that lists exactly those), and no process behind.  Each run is a real ``python -m actplot`` in
a session of its own, so that its workers can be found afterwards."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

COMMAND = [sys.executable, "-m", "actplot"]
CODES = {signal.SIGINT: (130, "actplot: interrupted"), signal.SIGTERM: (143, "actplot: terminated")}
STOP_WITHIN = 5.0  # seconds; the target is 2 (it takes about 0.1 here), the margin is for CI
MOMENTS = random.Random(14).sample([x / 10 for x in range(10, 40)], 4)  # after start-up


def session_processes(session: int) -> list[int]:
    """The processes still alive in the session ``session`` (a run and its workers)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == session:
                    alive.append(int(entry.name))
            except OSError:  # gone meanwhile
                pass
    return alive


@pytest.fixture(autouse=True)
def _interruptible():
    """A shell without job control starts background jobs with SIGINT ignored, and a child
    inherits that: actplot would never see the Ctrl-C these tests send.  A handler of
    Python's own in this process is reset to the default in a child when it executes."""
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def interrupt(args, cwd, signum, after):
    """Run actplot with ``args``, send ``signum`` after ``after`` seconds; returns the exit
    code, the stderr lines and the seconds it took to stop."""
    env = dict(os.environ, MPLBACKEND="Agg", COLUMNS="80")
    run = subprocess.Popen(
        [*COMMAND, *args], cwd=cwd, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    time.sleep(after)
    sent = time.monotonic()
    run.send_signal(signum)
    _, stderr = run.communicate(timeout=60)
    took = time.monotonic() - sent
    deadline = time.monotonic() + 3.0  # the workers' own exit after their parent's
    while session_processes(run.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session_processes(run.pid) == [], "processes left behind"
    return run.returncode, stderr.decode().strip().splitlines(), took


def check_stopped(code, lines, took, signum):
    assert took < STOP_WITHIN, f"took {took:.1f} s to stop"
    if code == 0:  # finished before the signal came: nothing to check but the output
        return
    assert (code, lines) == (CODES[signum][0], [CODES[signum][1]])


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc to find processes")
@pytest.mark.parametrize(
    "signum, after", list(zip([signal.SIGINT, signal.SIGTERM] * 2, MOMENTS, strict=False))
)
def test_a_stopped_gallery_leaves_complete_files_and_a_true_manifest(tmp_path, signum, after):
    code, lines, took = interrupt(["gallery", "-o", "g", "--jobs", "2"], tmp_path, signum, after)
    check_stopped(code, lines, took, signum)
    folder = tmp_path / "g"
    if not folder.exists():
        return
    names = {p.name for p in folder.iterdir()}
    assert not [n for n in names if n.endswith(".tmp")]
    manifest = folder / ".manifest"
    listed = {ln for ln in manifest.read_text().splitlines() if ln and not ln.startswith("#")}
    assert listed == names - {".manifest"}
    for name in listed:  # complete: each image opens
        if name.endswith(".png"):
            assert (folder / name).read_bytes().endswith(b"IEND\xaeB`\x82")


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc to find processes")
@pytest.mark.parametrize(
    "signum, after", list(zip([signal.SIGINT, signal.SIGTERM], MOMENTS, strict=False))
)
def test_a_stopped_training_run_stops_at_once(tmp_path, signum, after):
    args = ["compare", "relu", "gelu", "--experiment", "train", "--epochs", "400", "-o", "t.png"]
    code, lines, took = interrupt(args, tmp_path, signum, after)
    check_stopped(code, lines, took, signum)
    assert code != 0, "the run was meant to outlast the signal"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal")
def test_workers_die_with_their_parent_even_when_it_is_killed(tmp_path):
    args = ["compare", "relu", "gelu", "--experiment", "train", "--epochs", "400", "--no-plot"]
    code, _, _ = interrupt(args, tmp_path, signal.SIGKILL, 3.0)  # no handler runs
    assert code == -signal.SIGKILL  # and interrupt() found no process left in its session
