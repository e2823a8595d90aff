"""``actplot gallery``: every registered activation drawn into a folder, with an index."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .base import Command
from .options import convention_option, format_option
from .output import console
from .types import CheckedPath


def _check_folder(path: Path | str) -> None:
    from ..gallery import check_folder

    check_folder(Path(path))


class _Progress:
    """A rich progress bar on stderr while the images are drawn."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self.bar = Progress(
            "drawing the gallery",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console(stderr=True),
            transient=True,
        )
        self.task = self.bar.add_task("images", total=None)

    def __call__(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)


@click.command(cls=Command)
@convention_option
@click.option(
    "-o",
    "--output",
    "folder",
    type=CheckedPath("folder", _check_folder),
    default="gallery",
    show_default=True,
    help="The folder to write (created if missing).  Files an earlier run wrote and this one "
    "does not are deleted; files it did not write are left alone.",
)
@format_option("png", "svg", help="Image format.")  # gallery.FORMATS, without importing it
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes drawing at once; 1 draws without starting any.  [default: the number of CPUs]",
)
def gallery(folder: Path, fmt: str, jobs: int | None, convention: str | None) -> None:
    """Regenerate the gallery: an image of every activation, a sweep of each parameterised one,
    an overview, and an index (README.md and index.html) grouped by family.

    Each image shows f and f' with what matters marked: range bounds, kinks and jumps, the
    extrema of non-monotonic ones, dead zones and saturating tails.  With --convention, each
    name as that framework has it, with its defaults and its derivatives at kinks, and the
    index says which.  The same command gives the same bytes on the same installation.
    """
    from ..gallery import generate

    progress: Any = _Progress() if sys.stderr.isatty() else None
    if progress is not None:
        with progress.bar:
            result = generate(
                folder,
                fmt,  # type: ignore[arg-type]
                jobs,
                progress=progress,
                convention=convention,
            )
    else:
        result = generate(folder, fmt, jobs, convention=convention)  # type: ignore[arg-type]
    removed = f"; removed {len(result.removed)} stale files" if result.removed else ""
    under = f" under --convention {convention}" if convention else ""
    click.echo(
        f"gallery: {result.images} images{under} and the index in {folder}/ "
        f"({result.seconds:.1f} s{removed})",
        err=True,
    )
