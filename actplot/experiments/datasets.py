"""Data for the training experiment: built-in generators and the user's CSV files.

``classification`` follows scikit-learn's ``make_classification`` algorithm (the seeds' data:
clusters at hypercube vertices, random covariances, redundant linear combinations, 1% label
noise), written in numpy so no new dependency is needed.
"""

from __future__ import annotations

import csv
import math
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ActplotError

MIN_ROWS = 10
MAX_CLASSES = 100


@dataclass(frozen=True)
class Dataset:
    name: str
    x: np.ndarray  # (samples, features), float64
    y: np.ndarray  # (samples,), class indices 0 .. n_classes - 1

    @property
    def n_classes(self) -> int:
        return int(self.y.max()) + 1


@dataclass(frozen=True)
class Split:
    """Train and test parts, features standardised with the training part's statistics."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    n_classes: int


def split(data: Dataset, seed: int, standardize: bool = False, test_fraction: float = 0.2) -> Split:
    """A shuffled split (80/20 by default).

    ``standardize`` rescales every feature to mean 0 and variance 1 with the training part's
    statistics.  The seeds' experiment does not, and on its raw features sigmoid learns
    markedly faster than on standardised ones, so the default follows the seeds.
    """
    order = np.random.default_rng(seed).permutation(len(data.y))
    n_test = max(1, round(test_fraction * len(order)))
    test, train = order[:n_test], order[n_test:]
    x_train, x_test = data.x[train], data.x[test]
    if standardize:
        mean, std = x_train.mean(axis=0), x_train.std(axis=0)
        std[std == 0] = 1.0  # a constant column stays constant
        x_train, x_test = (x_train - mean) / std, (x_test - mean) / std
    return Split(x_train, data.y[train], x_test, data.y[test], data.n_classes)


def classification(
    seed: int,
    samples: int = 1000,
    informative: int = 15,
    redundant: int = 5,
    classes: int = 2,
    clusters_per_class: int = 2,
    class_sep: float = 1.0,
    flip: float = 0.01,
) -> Dataset:
    """scikit-learn's make_classification (1000 samples, 20 features, 15 informative,
    5 redundant, two classes), as in the seeds' experiment."""
    rng = np.random.default_rng(seed)
    clusters = classes * clusters_per_class
    # distinct vertices of the informative hypercube, scaled to +-class_sep
    vertices = rng.choice(2**informative, size=clusters, replace=False)
    bits = (vertices[:, None] >> np.arange(informative)) & 1
    centroids = (2.0 * bits - 1.0) * class_sep

    x = np.empty((samples, informative + redundant))
    y = np.empty(samples, dtype=np.int64)
    bounds = np.linspace(0, samples, clusters + 1).astype(int)
    for k, centroid in enumerate(centroids):
        rows = slice(bounds[k], bounds[k + 1])
        covariance = 2.0 * rng.uniform(size=(informative, informative)) - 1.0
        x[rows, :informative] = (
            rng.standard_normal((rows.stop - rows.start, informative)) @ covariance
        )
        x[rows, :informative] += centroid
        y[rows] = k % classes
    mix = 2.0 * rng.uniform(size=(informative, redundant)) - 1.0
    x[:, informative:] = x[:, :informative] @ mix
    flipped = rng.uniform(size=samples) < flip
    y[flipped] = rng.integers(classes, size=int(flipped.sum()))
    order = rng.permutation(samples)
    return Dataset("classification", x[order][:, rng.permutation(x.shape[1])], y[order])


def moons(seed: int, samples: int = 1000, noise: float = 0.1) -> Dataset:
    """Two interleaving half circles."""
    rng = np.random.default_rng(seed)
    half = samples // 2
    t_out, t_in = np.linspace(0, math.pi, samples - half), np.linspace(0, math.pi, half)
    x = np.concatenate(
        [np.c_[np.cos(t_out), np.sin(t_out)], np.c_[1 - np.cos(t_in), 0.5 - np.sin(t_in)]]
    )
    y = np.r_[np.zeros(samples - half, int), np.ones(half, int)]
    return Dataset("moons", x + noise * rng.standard_normal(x.shape), y)


def circles(seed: int, samples: int = 1000, noise: float = 0.05, factor: float = 0.5) -> Dataset:
    """A circle inside a circle."""
    rng = np.random.default_rng(seed)
    half = samples // 2
    t_out = np.linspace(0, 2 * math.pi, samples - half, endpoint=False)
    t_in = np.linspace(0, 2 * math.pi, half, endpoint=False)
    x = np.concatenate(
        [np.c_[np.cos(t_out), np.sin(t_out)], factor * np.c_[np.cos(t_in), np.sin(t_in)]]
    )
    y = np.r_[np.zeros(samples - half, int), np.ones(half, int)]
    return Dataset("circles", x + noise * rng.standard_normal(x.shape), y)


def spirals(seed: int, samples: int = 1000, noise: float = 0.2, turns: float = 1.5) -> Dataset:
    """Two interleaved spiral arms: hard for a small network."""
    rng = np.random.default_rng(seed)
    half = samples // 2
    t = np.sqrt(rng.uniform(size=samples)) * turns * 2 * math.pi
    arm = np.c_[t * np.cos(t), t * np.sin(t)]
    y = (np.arange(samples) >= half).astype(int)
    arm[y == 1] *= -1
    return Dataset("spirals", arm + noise * rng.standard_normal(arm.shape), y)


BUILT_IN = {
    "classification": classification,
    "moons": moons,
    "circles": circles,
    "spirals": spirals,
}


MAX_BYTES = 64 << 20  # a data set for a small classifier: more is a mistake, not a study
MAX_COLUMNS = 10_000


def load_csv(path: Path) -> Dataset:
    """Numeric columns, the last one the class label; a header row is allowed.

    Only a regular file is read (a FIFO would block, /dev/zero never ends), of at most
    MAX_BYTES, streamed row by row.  Every problem is an :class:`ActplotError` naming the
    file, row and column.
    """
    path = Path(path)
    try:
        info = path.stat()  # before opening: opening a FIFO waits for a writer
    except OSError as e:
        raise ActplotError(f"cannot read {path}: {e.strerror or e}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ActplotError(f"cannot read {path}: not a regular file; give a CSV file")
    if info.st_size > MAX_BYTES:
        raise ActplotError(
            f"{path} has {info.st_size / 2**20:.0f} MiB; at most {MAX_BYTES >> 20} MiB are read"
        )
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = _rows(path, csv.reader(_bounded(f, path)))
    except OSError as e:
        raise ActplotError(f"cannot read {path}: {e.strerror or e}") from None
    except (UnicodeDecodeError, csv.Error) as e:
        raise ActplotError(f"{path} is not a readable CSV text file ({e})") from None
    if rows and not all(_is_number(c) for c in rows[0]):
        rows = rows[1:]  # a header
    if len(rows) < MIN_ROWS:
        raise ActplotError(f"{path}: {len(rows)} data rows; at least {MIN_ROWS} are needed")
    width = len(rows[0])
    if width < 2:
        raise ActplotError(f"{path}: needs at least one feature column and a label column")
    values = np.empty((len(rows), width))
    for i, row in enumerate(rows):
        if len(row) != width:
            raise ActplotError(f"{path}: row {i + 1} has {len(row)} cells, the first has {width}")
        for j, cell in enumerate(row):
            if not _is_number(cell):
                raise ActplotError(
                    f"{path}: row {i + 1}, column {j + 1}: {cell.strip()!r} is not a number"
                )
            values[i, j] = float(cell)
    if not np.all(np.isfinite(values)):
        i, j = np.argwhere(~np.isfinite(values))[0]
        raise ActplotError(
            f"{path}: row {i + 1}, column {j + 1} is {values[i, j]}; give finite numbers"
        )
    labels, y = np.unique(values[:, -1], return_inverse=True)
    if len(labels) < 2:
        raise ActplotError(
            f"{path}: the label column (the last) has a single class; need two or more"
        )
    if len(labels) > MAX_CLASSES:
        raise ActplotError(
            f"{path}: the last column has {len(labels)} distinct values; "
            f"it should hold class labels (at most {MAX_CLASSES})"
        )
    return Dataset(Path(path).name, values[:, :-1], y.astype(np.int64))


def _bounded(lines: Iterable[str], path: Path) -> Iterator[str]:
    """The lines of a file, refusing to go past MAX_BYTES (a file that grows while read)."""
    read = 0
    for line in lines:
        read += len(line)
        if read > MAX_BYTES:
            raise ActplotError(f"{path}: more than {MAX_BYTES >> 20} MiB; give a smaller file")
        yield line


def _rows(path: Path, reader: Iterable[list[str]]) -> list[list[str]]:
    rows = []
    for row in reader:
        if len(row) > MAX_COLUMNS:
            raise ActplotError(f"{path}: a row of {len(row)} cells; at most {MAX_COLUMNS}")
        if any(cell.strip() for cell in row):
            rows.append(row)
    return rows


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
