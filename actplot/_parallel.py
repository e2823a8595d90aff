"""Worker processes for batch jobs (training runs, gallery images).

Workers are spawned, not forked: each starts a clean interpreter that imports what it needs
once.  They get one BLAS thread each (unless the user chose otherwise): the matrices here are
small, and BLAS threads on top of one process per core only fight over the cores (a training
run took 10x longer that way on a busy 2-core machine).  Such settings have to be in the
environment before numpy (or the C library's allocator) starts, hence before the workers do.
Workers ignore Ctrl-C: it reaches every process of the terminal's group, and the main process
handles it.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

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


def _start_worker(initializer: Callable[[], object] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer()


@contextlib.contextmanager
def process_pool(
    jobs: int, initializer: Callable[[], object] | None = None
) -> Iterator[ProcessPoolExecutor]:
    """``jobs`` spawned worker processes with one BLAS thread each, ignoring Ctrl-C, each
    running ``initializer`` (a module-level function) once when it starts."""
    context = multiprocessing.get_context("spawn")
    start = functools.partial(_start_worker, initializer)
    with (
        _worker_environment(),
        ProcessPoolExecutor(jobs, mp_context=context, initializer=start) as pool,
    ):
        yield pool
