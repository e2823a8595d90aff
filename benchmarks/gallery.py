"""How fast `actplot gallery` is: the whole command with one process and with every core, and
the time per image against a plain matplotlib loop drawing the same two panels (f and f').

    python benchmarks/gallery.py [--repeat N]

Everything is measured in the same run, on this machine, and printed with the ratios; there is
no threshold to pass.  The whole command runs in a fresh interpreter, as a user runs it
(start-up, imports and worker processes included).  The per-image times are taken in this
process, after a warm-up, as the best of --repeat rounds.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

import actplot
from actplot import gallery
from actplot.gallery.draw import DPI, POINTS, WIDTH  # both loops: images of one size


def command_seconds(jobs: int, folder: Path) -> float:
    """Wall time of `actplot gallery -o FOLDER --jobs N` in a fresh interpreter."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "actplot", "gallery", "-o", str(folder), "--jobs", str(jobs)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def plain_loop(acts: list[actplot.Activation], folder: Path) -> None:
    """The hand-written baseline: f and f' in two panels, savefig, nothing else."""
    x = np.linspace(-5.0, 5.0, POINTS)
    for act in acts:
        fig = Figure(figsize=(WIDTH, 4.4))
        ax_f, ax_d = fig.subplots(1, 2)
        ax_f.plot(x, act.evaluate(x))
        ax_d.plot(x, act.evaluate(x, 1))
        fig.savefig(folder / f"{act.name}.png", dpi=DPI)


def gallery_loop(acts: list[actplot.Activation], folder: Path) -> None:
    """The gallery's images of the same activations, drawn here (as --jobs 1 does)."""
    for act in acts:
        gallery.draw(gallery.Job("activation", f"{act.name}.png", (act.name,)), folder)


def best_per_image(loop, acts: list[actplot.Activation], repeat: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        loop(acts[:2], Path(tmp))  # warm-up: fonts, mathtext and caches
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            loop(acts, Path(tmp))
            best = min(best, time.perf_counter() - start)
    return best / len(acts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="rounds of the per-image loops")
    args = parser.parse_args()

    cores = os.cpu_count() or 1
    acts = [d.bind({}) for d in actplot.REGISTRY.values()]
    images = len(gallery.plan(gallery.ordered()))
    print(f"actplot gallery: {len(acts)} activations, {images} images (png), {cores} CPUs")

    print("\nthe whole command, in a fresh process (wall time):")
    seconds = {}
    for jobs in dict.fromkeys((1, cores)):
        with tempfile.TemporaryDirectory() as tmp:
            seconds[jobs] = command_seconds(jobs, Path(tmp) / "gallery")
        speedup = f"   {seconds[1] / seconds[jobs]:.2f}x faster than --jobs 1" if jobs > 1 else ""
        print(f"  --jobs {jobs:<3} {seconds[jobs]:6.2f} s  "
              f"({seconds[jobs] / images:.3f} s per image){speedup}")  # fmt: skip

    print(f"\nper two-panel image of one activation, drawn in one process (best of {args.repeat}):")
    plain = best_per_image(plain_loop, acts, args.repeat)
    ours = best_per_image(gallery_loop, acts, args.repeat)
    print(f"  plain matplotlib loop (plot f and f', savefig)   {plain:.3f} s")
    print(f"  actplot gallery (analysed, annotated, atomic)    {ours:.3f} s   "
          f"{ours / plain:.2f}x the plain loop")  # fmt: skip


if __name__ == "__main__":
    main()
