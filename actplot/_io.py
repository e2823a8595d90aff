"""Writing files: checked before any work is done, written atomically, reproducible to the byte."""

from __future__ import annotations

import contextlib
import os
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import ActplotError

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}

# Metadata: none of what matplotlib would stamp into a file and change on every run (dates,
# versions), and a mark that actplot wrote it, so that a later run may replace it but never a
# file of the user's by mistake (see written_by_actplot).
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": "actplot"},
    "svg": {"Date": None, "Creator": "actplot"},
    "pdf": {"CreationDate": None, "Creator": "actplot", "Producer": None},
}
_MARKS = {
    "png": b"tEXtSoftware\x00actplot",  # a text chunk before the image data
    "svg": b"<dc:title>actplot</dc:title>",  # the creator, in the header
    "pdf": b"/Creator (actplot)",  # the document information, at the end
}
CSV_HEAD = b"activation,x,"  # how every csv of samples actplot writes begins
TEXT_MARK = "<!-- written by actplot -->"  # the first line of the pages actplot writes
SVG_HASH_SALT = "actplot"  # fixes the ids matplotlib derives for clip paths and glyphs


def output_format(path: Path) -> str:
    """The image format a path asks for by its extension; a clear error if it is not one."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        shown = f"'{path.suffix}'" if path.suffix else "no extension"
        raise ActplotError(f"cannot write {path}: {shown}; use .png, .svg or .pdf")
    return fmt


def check_writable(path: Path | str) -> None:
    """Fail now, before anything is computed, if ``path`` cannot be written.  Takes the path as
    typed too: ``x.png/`` names a folder, though ``Path`` would quietly drop the slash."""
    if isinstance(path, str) and path.endswith(("/", os.sep)):
        raise ActplotError(f"cannot write {path}: a name ending in '/' is a folder; name a file")
    path = Path(path)
    folder = path.parent  # Path("x.png").parent is Path("."), never empty
    longest = _name_max(folder)  # before any stat: a longer name makes it raise
    if len(os.fsencode(path.name)) > longest:
        raise ActplotError(
            f"cannot write {path}: its name has {len(os.fsencode(path.name))} bytes and this "
            f"folder allows at most {longest}; give a shorter name"
        )
    if path.is_dir():
        raise ActplotError(f"cannot write {path}: it is a folder; give a file name")
    if not folder.is_dir():
        raise ActplotError(f"cannot write {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ActplotError(f"cannot write {path}: permission denied")
    probe_folder(folder, f"cannot write {path}")


def probe_folder(folder: Path, where: str) -> None:
    """Create and remove a file in ``folder``: the one sure test that files can be written there
    (``os.access`` says yes for /proc, a read-only mount or a full quota)."""
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".actplot-", suffix=".tmp")
    except OSError as e:
        raise ActplotError(f"{where}: {_reason(e)}") from None
    os.close(fd)
    os.unlink(tmp)


def _reason(e: OSError) -> str:
    return (e.strerror or str(e)).lower()


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # no pathconf (Windows), or none for this folder
        return 255


def written_by_actplot(path: Path) -> bool:
    """Whether the file at ``path`` carries actplot's mark: an image actplot saved, a csv of
    samples or a page (the gallery's index) it wrote.  Reads its first 64 KiB and its last
    8 KiB."""
    try:
        with open(path, "rb") as f:
            head = f.read(1 << 16)
            f.seek(max(0, f.seek(0, os.SEEK_END) - (1 << 13)))
            tail = f.read()
    except OSError:
        return False
    mark = _MARKS.get(FORMATS.get(path.suffix.lower(), ""))
    if mark is None:
        return head.startswith(CSV_HEAD) or head.startswith(TEXT_MARK.encode())
    return mark in head or mark in tail


def atomic_write(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write through a temporary file in the same folder, then rename it into place, so an
    interrupted run never leaves a truncated file behind.  The temporary name is cut to what
    the folder allows, and an OSError names ``path``, not the temporary file."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_temporary_prefix(path), suffix=".tmp")
    except OSError as e:
        raise OSError(e.errno, e.strerror, str(path)) from None
    _unfinished.add(tmp)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; give it the usual mode
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError) and e.filename in (None, tmp):  # name what was asked for
            raise OSError(e.errno, e.strerror, str(path)) from None
        raise
    finally:
        _unfinished.discard(tmp)


def _temporary_prefix(path: Path) -> str:
    """``.NAME.``, with NAME cut so that the whole temporary name fits the folder."""
    room = _name_max(path.parent) - len("..XXXXXXXX.tmp")  # the dots and what mkstemp adds
    stem = path.name
    while len(os.fsencode(stem)) > room:
        stem = stem[:-1]
    return f".{stem}."


def remove_temporaries(path: Path) -> None:
    """Remove the temporary files that writes of ``path`` left (a process killed mid-write)."""
    prefix = _temporary_prefix(path)
    for tmp in path.parent.glob("*.tmp"):
        if tmp.name.startswith(prefix) and len(tmp.name) == len(prefix) + len("XXXXXXXX.tmp"):
            tmp.unlink(missing_ok=True)


_unfinished: set[str] = set()  # the temporary files being written now, for remove_unfinished


def remove_unfinished() -> None:
    """Remove the temporary files of writes under way: for a process about to end at once
    (a signal handler), where no ``except`` clause will run."""
    for tmp in list(_unfinished):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def save_figure(fig: Any, path: Path, dpi: float | None = None) -> None:
    """Save a matplotlib figure atomically, without timestamps or random ids in the file, at
    ``dpi`` (by default the figure's own)."""
    import matplotlib

    fmt = output_format(path)
    options: dict[str, Any] = {"format": fmt, "dpi": dpi or "figure", "metadata": _METADATA[fmt]}
    if fmt == "png":
        # zlib's run-length strategy: the same pixels, in a file about a tenth larger, encoded
        # in a fraction of the time (a figure is long runs of one colour)
        options["pil_kwargs"] = {"compress_type": zlib.Z_RLE}
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT}), _drawn_once(fig, fmt, dpi):
        atomic_write(path, lambda f: fig.savefig(f, **options))


@contextlib.contextmanager
def _drawn_once(fig: Any, fmt: str, dpi: float | None) -> Iterator[None]:
    """A png drawn by one Agg renderer, at the dpi it is saved at, which measures the text
    once for the layout and for the pixels; and a figure of actplot's own layout
    (:class:`actplot._layout.PanelLayout`) laid out here, then saved with no layout engine:
    savefig with one would draw the figure twice, the first time without pixels only to lay
    it out (a third of the time ``actplot plot`` spent drawing).  Other formats are measured
    by their own renderers, as savefig does."""
    if fmt != "png":
        yield
        return
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ._layout import PanelLayout

    canvas, engine = fig.canvas, fig.get_layout_engine()
    agg = canvas if isinstance(canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    own = isinstance(engine, PanelLayout)
    try:
        if own:
            dpi_before = fig.dpi
            fig.dpi = dpi or dpi_before
            try:
                engine.execute(fig)  # with agg's renderer, which savefig then draws with
            finally:
                fig.dpi = dpi_before
            _set_layout_engine(fig, None)
        yield
    finally:
        if own:
            _set_layout_engine(fig, engine)
        if agg is not canvas:
            fig.set_canvas(canvas)


def _set_layout_engine(fig: Any, engine: Any) -> None:
    import matplotlib

    # None is no engine, unless the user's matplotlibrc turns one on by default
    no_default = {"figure.autolayout": False, "figure.constrained_layout.use": False}
    with matplotlib.rc_context(no_default):
        fig.set_layout_engine(engine)
