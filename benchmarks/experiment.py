"""How fast is `actplot compare ... --experiment train` against the torch script it replaces?

Times, as whole processes from start to exit (imports included, as a user waits for them):
  - actplot running the experiment the way actplot does it: 5 activations x 5 seeds
    x 200 epochs on 1000 x 20 (`--no-cost --no-plot`, JSON to /dev/null);
  - the torch script as tutorials write it (5 activations x 1 run), and with 5 seeds per
    activation, the same protocol as actplot (benchmarks/torch_experiment.py);
and, inside this process, the training alone (actplot.experiments.train_all).

Each is the best of --repeat runs, measured in this same run so the ratios are fair on a
shared machine.  torch and scikit-learn are not dependencies: without them the torch rows
say so.  Run with the Python that has them, e.g. `python benchmarks/experiment.py`.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ACTIVATIONS = ["relu", "sigmoid", "tanh", "leaky_relu", "elu"]


def wall(cmd: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def in_process(repeat: int, jobs: int) -> float:
    import actplot
    from actplot.experiments import BUILT_IN, TrainSettings, train_all

    acts = [actplot.get(n) for n in ACTIVATIONS]
    data = BUILT_IN["classification"](42)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        train_all(acts, data, TrainSettings(), jobs=jobs)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the best counts")
    args = parser.parse_args()

    rows: list[tuple[str, float | None]] = []
    actplot_cmd = [
        sys.executable,
        "-m",
        "actplot",
        "compare",
        *ACTIVATIONS,
        "--experiment",
        "train",
        "--no-cost",
        "--no-plot",
        "--format",
        "json",
    ]
    rows.append(
        (
            "actplot compare --experiment train (5 x 5 x 200), whole process",
            wall(actplot_cmd, args.repeat),
        )
    )
    for jobs in (1, 2):
        rows.append(
            (f"  training alone, in-process call, --jobs {jobs}", in_process(args.repeat, jobs))
        )

    have_torch = all(importlib.util.find_spec(m) for m in ("torch", "sklearn"))
    script = [sys.executable, str(HERE / "torch_experiment.py")]
    for repeats, what in ((1, "as written (5 x 1 x 200)"), (5, "5 random seeds (5 x 5 x 200)")):
        label = f"torch script {what}, whole process"
        rows.append(
            (label, wall([*script, "--repeats", str(repeats)], args.repeat) if have_torch else None)
        )

    base = rows[0][1]
    print(f"{'what':70} {'seconds':>8} {'actplot is':>12}")
    for label, seconds in rows:
        if seconds is None:
            print(f"{label:70} {'—':>8} {'(no torch)':>12}")
            continue
        ratio = f"{seconds / base:.2f}x faster" if seconds > base else ""
        print(f"{label:70} {seconds:8.2f} {ratio:>12}")


if __name__ == "__main__":
    main()
