"""Worker processes for batch jobs (training runs, gallery images).

Workers are spawned, not forked: each starts a clean interpreter that imports what it needs
once.  They get one BLAS thread each (unless the user chose otherwise): the matrices here are
small, and BLAS threads on top of one process per core only fight over the cores (a training
run took 10x longer that way on a busy 2-core machine).  The limit has to be in the
environment before numpy loads, hence before the workers start.  Workers ignore Ctrl-C: it
reaches every process of the terminal's group, and the main process handles it.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def default_jobs() -> int:
    return os.cpu_count() or 1


@contextlib.contextmanager
def _one_blas_thread() -> Iterator[None]:
    """One BLAS thread in the worker processes started meanwhile (they inherit the
    environment); a value the user set is kept."""
    added = [k for k in _BLAS_THREADS if k not in os.environ]
    os.environ.update(dict.fromkeys(added, "1"))
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
        _one_blas_thread(),
        ProcessPoolExecutor(jobs, mp_context=context, initializer=start) as pool,
    ):
        yield pool
