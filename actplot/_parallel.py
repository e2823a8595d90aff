"""Worker processes for batch jobs (training runs, gallery images).

Workers are spawned, not forked: each starts a clean interpreter that imports what it needs
once.  They also get one BLAS thread each: the matrices here are small, and BLAS threads on
top of one process per core only fight over the cores (a training run took 10x longer that
way on a busy 2-core machine).  The thread limit has to be in the environment before numpy
loads, hence before the workers start.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

_ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def default_jobs() -> int:
    return os.cpu_count() or 1


@contextmanager
def process_pool(
    jobs: int, initializer: Callable[..., Any] | None = None
) -> Iterator[ProcessPoolExecutor]:
    saved = {k: os.environ.get(k) for k in _ONE_THREAD}
    os.environ.update(dict.fromkeys(_ONE_THREAD, "1"))
    try:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer) as pool:
            yield pool
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
