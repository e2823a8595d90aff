"""Writing the gallery: the folder, its manifest, and the images drawn in worker processes.

What it writes into the folder, all from the registry and ``properties.analyse`` (an activation
registered anywhere appears with no change here):

- ``NAME.png``: f and f' side by side, annotated (``marks``, ``draw``);
- ``NAME-sweep.png``: a sweep of the first scalar parameter, for parameterised activations;
- ``all-activations.png``: every activation in a grid of small panels;
- ``README.md`` and ``index.html``: the index, grouped by family (``index``);
- ``.manifest``: the files the gallery wrote.  The next run deletes those it no longer writes
  (an activation that was removed) and never touches a file it did not write.

Images are drawn in parallel by worker processes started with "spawn" (a fresh interpreter
that imports matplotlib once); the main process imports matplotlib only when it draws itself
(``jobs=1``, or a definition the workers cannot know).  Every file is written atomically and
without timestamps, so the same command on the same installation gives the same bytes.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import gc
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass
from pathlib import Path

from .._io import atomic_write, probe_folder, remove_temporaries, written_by_actplot
from .._parallel import default_jobs, process_pool
from ..errors import ActplotError
from ..frameworks.conventions import check_convention
from ..registry import REGISTRY, Registry, portable
from . import index
from .jobs import FORMATS, Format, Job, ordered, plan, swept
from .marks import measure

MANIFEST = ".manifest"
INDEX = ("README.md", "index.html")
Progress = Callable[[int, int], None]  # (images done, images in all)


@dataclass(frozen=True)
class Result:
    folder: Path
    images: int
    written: tuple[str, ...]  # every file of this run, the index and manifest included
    removed: tuple[str, ...]  # files of an earlier run that are no longer written
    seconds: float


# the folder ------------------------------------------------------------------------------------


def check_folder(folder: Path) -> None:
    """Fail now, before any work, if the gallery cannot be written to ``folder``: it must be a
    writable folder, or not exist yet in one (it is created), and must not hold an index file
    that an earlier gallery run did not write (``-o .`` in a project must not replace its
    README.md)."""
    where = f"cannot write the gallery to {folder}"
    if folder.exists() and not folder.is_dir():
        raise ActplotError(f"{where}: it is a file; give a folder")
    existing = folder if folder.is_dir() else folder.parent
    if not existing.is_dir():
        raise ActplotError(f"{where}: folder {existing} does not exist")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ActplotError(f"{where}: permission denied")
    probe_folder(existing, where)
    ours = read_manifest(folder)
    for name in INDEX:
        if (folder / name).exists() and name not in ours:
            raise ActplotError(
                f"{where}: {folder / name} exists and was not written by the gallery; "
                "choose another folder"
            )


def read_manifest(folder: Path) -> set[str]:
    """The files an earlier run wrote.  Only plain file names count: a manifest edited to
    name ../something or a hidden file cannot make the gallery delete it."""
    path = folder / MANIFEST
    if not path.is_file():
        return set()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {n for n in lines if n and not n.startswith((".", "#")) and Path(n).name == n}


def _identity(path: Path) -> tuple[int, int] | None:
    """The file's inode and modification time, None if there is none: a file replaced by
    another has a new one."""
    try:
        st = path.stat(follow_symlinks=False)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def _write_manifest(folder: Path, names: Iterable[str]) -> None:
    header = "# Files written by `actplot gallery`; the next run deletes those it no longer writes."
    text = "\n".join([header, *sorted(names)]) + "\n"
    atomic_write(folder / MANIFEST, lambda f: f.write(text.encode()))


def _remove(folder: Path, names: Iterable[str]) -> tuple[str, ...]:
    """Delete the files an earlier run wrote and this one does not, if they still carry
    actplot's mark (a file of the user's put in their place since is kept)."""
    removed = []
    for name in sorted(names):
        path = folder / name
        if path.is_symlink() or (path.is_file() and written_by_actplot(path)):
            path.unlink()
            removed.append(name)
    return tuple(removed)


def _check_owned(folder: Path, files: Iterable[str], ours: set[str]) -> None:
    """Refuse, before anything is drawn, to write over a file the gallery did not write: one
    neither in the manifest nor carrying actplot's mark (the user's own relu.png)."""
    foreign = sorted(
        name
        for name in files
        if (folder / name).exists() and name not in ours and not written_by_actplot(folder / name)
    )
    if foreign:
        more = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
        raise ActplotError(
            f"{folder / foreign[0]} exists and was not written by the gallery{more}; move it "
            "away, or give another folder with -o"
        )


# drawing, in worker processes or here ----------------------------------------------------------


def draw(job: Job, folder: Path, registry: Registry = REGISTRY) -> tuple[float, float] | None:
    """Draw one job's image into ``folder`` (imports matplotlib, in whichever process runs it);
    an activation's image returns the x interval it drew, for the overview."""
    from ..spec import named
    from . import draw as drawing

    # each name at its defaults, under a convention as that framework has it
    acts = [named(n, registry, job.convention) for n in job.names]
    spans = job.spans
    if job.kind == "sweep":  # the other parameters at the framework's defaults
        spans = spans or (measure(acts[0]).x_range,)  # around that of the image at defaults
        acts = swept(acts[0], job.param, job.values)
    return drawing.save(job.kind, acts, folder / job.file, job.param, job.convention, spans)


def _start_worker(thresholds: tuple[int, ...]) -> None:
    from . import draw  # noqa: F401  (matplotlib, once per worker)

    # A worker collects garbage as the process that started it does (the command line
    # collects seldom: at Python's default, every 700 allocations, an eighth of a worker's
    # time went to collections walking what matplotlib keeps).  What the imports made lives
    # as long as the worker: frozen, no collection walks it; and what the worker made is
    # frozen when it exits, before the collections of its end.
    gc.set_threshold(*thresholds)
    gc.freeze()
    atexit.register(gc.freeze)


class _Schedule:
    """The order images are drawn in: the activations', then the overview as soon as it has
    every activation's x interval from their images (it would otherwise analyse every
    activation again, in another process), then the sweeps left, each with the interval of
    its activation's image if it is known by then.  ``spans`` holds the intervals measured,
    by name."""

    def __init__(self, jobs: Sequence[Job], spans: dict[str, tuple[float, float]]) -> None:
        self.waiting = deque(j for j in jobs if j.kind != "overview")
        self.overviews = [j for j in jobs if j.kind == "overview"]
        self.spans = spans
        self.running = 0

    def next(self) -> Job | None:
        """The next image to draw, or None while the ones under way are all there is."""
        for overview in self.overviews:
            measured = set(overview.names) <= self.spans.keys()
            if measured or not (self.waiting or self.running):  # else: no one measures them
                self.overviews.remove(overview)
                spans = tuple(self.spans[n] for n in overview.names) if measured else ()
                self.running += 1
                return dataclasses.replace(overview, spans=spans)
        if not self.waiting:
            return None
        self.running += 1
        job = self.waiting.popleft()
        if job.kind == "sweep" and job.names[0] in self.spans:
            return dataclasses.replace(job, spans=(self.spans[job.names[0]],))
        return job

    def done(self, job: Job, span: tuple[float, float] | None) -> None:
        self.running -= 1
        if span is not None:
            self.spans[job.names[0]] = span


def _draw_all(
    jobs: Sequence[Job],
    folder: Path,
    workers: int,
    registry: Registry,
    progress: Progress | None,
    finished: Callable[[Job], None],
) -> None:
    done = 0

    def tick(job: Job) -> None:
        nonlocal done
        done += 1
        finished(job)
        if progress is not None:
            progress(done, len(jobs))

    if progress is not None:
        progress(0, len(jobs))

    # a worker resolves names in actplot's own registry: it draws built-ins only
    remote = []
    if workers > 1:
        remote = [j for j in jobs if all(portable(registry[n]) for n in j.names)]
    spans: dict[str, tuple[float, float]] = {}  # a local overview's may come from workers
    if remote:
        _draw_in_pool(_Schedule(remote, spans), folder, min(workers, len(remote)), tick)
    schedule = _Schedule([j for j in jobs if j not in remote], spans)
    while (job := schedule.next()) is not None:
        schedule.done(job, draw(job, folder, registry))
        tick(job)


def _draw_in_pool(
    schedule: _Schedule, folder: Path, workers: int, tick: Callable[[Job], None]
) -> None:
    """Draw the ``schedule``'s jobs in worker processes, two at a time for each (one drawing,
    one ready), so that the overview can go before the sweeps once it may be drawn."""
    start = functools.partial(_start_worker, gc.get_threshold())
    with process_pool(workers, initializer=start) as pool:  # stops them on error
        pending: dict = {}

        def submit() -> None:
            while len(pending) < 2 * workers and (job := schedule.next()) is not None:
                pending[pool.submit(draw, job, folder)] = job

        submit()
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                job = pending.pop(future)
                schedule.done(job, future.result())
                tick(job)
            submit()


# the whole run ---------------------------------------------------------------------------------


def generate(
    folder: Path | str = "gallery",
    fmt: Format = "png",
    jobs: int | None = None,
    *,
    registry: Registry = REGISTRY,
    names: Iterable[str] | None = None,
    progress: Progress | None = None,
    convention: str | None = None,
) -> Result:
    """Regenerate the gallery in ``folder``: every image, the index and the manifest, then
    delete what an earlier run wrote and this one did not.

    ``convention`` (torch, jax, keras, tf or mlx): every name as that framework has it, drawn
    with its defaults (keras' leaky_relu slope 0.2) and its derivatives at kinks (jax's
    leaky_relu'(0) = 1), and the index says so; None is actplot's own (PyTorch's).

    ``jobs`` processes draw at once (default: the number of CPUs; 1 draws here, without a
    pool).  ``names`` limits the gallery to some activations (tests use it for speed).
    ``progress(done, total)`` is called after each image.
    """
    start = time.perf_counter()
    folder = Path(folder)
    if fmt not in FORMATS:
        raise ActplotError(f"cannot draw the gallery as {fmt!r}; use png or svg")
    if jobs is not None and jobs < 1:
        raise ActplotError(f"jobs must be at least 1, got {jobs}")
    convention = check_convention(convention)
    check_folder(folder)
    folder.mkdir(exist_ok=True)

    defs = ordered(registry, names)
    todo = plan(defs, fmt, convention)
    pages = index.build(defs, todo, convention, registry)
    files = {*(j.file for j in todo), *pages}
    old = read_manifest(folder)
    _check_owned(folder, files, old)
    # The manifest lists exactly the finished files of this run and an earlier one's still
    # there, after each image, so that a run stopped at any moment leaves it true.
    listed = {n for n in old if (folder / n).exists()}
    _write_manifest(folder, listed)
    before = {name: _identity(folder / name) for name in files}

    def finished(name: str) -> None:
        listed.add(name)
        _write_manifest(folder, listed)

    try:
        _draw_all(
            todo, folder, jobs or default_jobs(), registry, progress, lambda j: finished(j.file)
        )
        for name, text in pages.items():
            atomic_write(folder / name, lambda f, text=text: f.write(text.encode()))
            finished(name)
    except BaseException:  # stopped: a worker killed while writing may have left its temporary
        for name in files:
            remove_temporaries(folder / name)
        # and one may have finished a file the moment before, unheard of: a new file (each is
        # written aside, then renamed into place), which the manifest lists too
        listed |= {n for n in files if _identity(folder / n) not in (None, before[n])}
        _write_manifest(folder, listed)
        raise
    removed = _remove(folder, old - files)
    _write_manifest(folder, files)
    written = tuple(sorted(files | {MANIFEST}))
    return Result(folder, len(todo), written, removed, time.perf_counter() - start)
