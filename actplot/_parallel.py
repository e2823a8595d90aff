"""Worker processes for batch jobs (training runs, gallery images).

Workers are spawned, not forked: each starts a clean interpreter that imports what it needs
once.  They get one BLAS thread each (unless the user chose otherwise): the matrices here are
small, and BLAS threads on top of one process per core only fight over the cores (a training
run took 10x longer that way on a busy 2-core machine).  Such settings have to be in the
environment before numpy (or the C library's allocator) starts, hence before the workers do.
Workers ignore Ctrl-C: it reaches every process of the terminal's group, and the main process
handles it.  When the main process stops early (Ctrl-C, SIGTERM, a failed job) it cancels the
queued jobs and terminates the workers rather than wait for the running ones; a worker told to
stop removes the temporary file it was writing.  Workers also die with their parent: on Linux
the kernel sends them SIGTERM when it exits, however it exits (even killed with SIGKILL).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from . import _io

_STOP_WAIT = 1.0  # seconds a terminated worker gets to tidy up before it is killed
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent thread exits

# In each worker: one BLAS thread, and glibc's malloc told to keep freed memory (a trim
# threshold of 128 MiB, large blocks from the heap up to 32 MiB).  By default a pair of freed
# temporaries of a few hundred KiB goes back to the OS and the next allocation faults its
# pages in again: that made np.exp(-np.abs(z)) on 80 000 numbers 10x slower than np.exp.
_WORKER_ENVIRONMENT = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MALLOC_TRIM_THRESHOLD_": str(128 << 20),
    "MALLOC_MMAP_THRESHOLD_": str(32 << 20),
}


def default_jobs() -> int:
    return os.cpu_count() or 1


@contextlib.contextmanager
def _worker_environment() -> Iterator[None]:
    """The environment above for the worker processes started meanwhile (they inherit it);
    a value the user set is kept."""
    added = {k: v for k, v in _WORKER_ENVIRONMENT.items() if k not in os.environ}
    os.environ.update(added)
    try:
        yield
    finally:
        for k in added:
            os.environ.pop(k, None)


def _start_worker(parent: int, initializer: Callable[[], object] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    _die_with_parent(parent)
    if initializer is not None:
        initializer()


def _stop_worker(signum: int, frame: Any) -> None:
    """SIGTERM in a worker: remove the file it was writing, then end at once (an exception
    would only be caught by the pool's loop and reported to a parent that has gone)."""
    _io.remove_unfinished()
    os._exit(128 + signum)


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent had gone before the watch was set
        os._exit(1)


@contextlib.contextmanager
def process_pool(
    jobs: int, initializer: Callable[[], object] | None = None
) -> Iterator[ProcessPoolExecutor]:
    """``jobs`` spawned worker processes with one BLAS thread each, ignoring Ctrl-C, each
    running ``initializer`` (a module-level function) once when it starts.  If the block
    raises (Ctrl-C, SIGTERM, a failed job), queued jobs are cancelled and the workers are
    stopped before the exception goes on."""
    context = multiprocessing.get_context("spawn")
    start = functools.partial(_start_worker, os.getpid(), initializer)
    with _worker_environment():
        pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=start)
        try:
            yield pool
        except BaseException:
            _stop(pool)
            raise
        pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and terminate the workers, waiting at most ``_STOP_WAIT`` for them
    to tidy up, then kill any left."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        with contextlib.suppress(OSError, ValueError):
            p.terminate()
    deadline = time.monotonic() + _STOP_WAIT
    for p in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            p.join(max(0.0, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()
                p.join(1.0)
