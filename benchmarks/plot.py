"""Is `actplot plot` at least as fast as the throwaway matplotlib script it replaces?

The script is the one study notes write: six activations on one set of axes with pyplot,
saved as a PNG instead of shown.  Both run as whole processes (imports included, as a user
waits for them), best of --repeat, measured in this same run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = """
import matplotlib
matplotlib.use("Agg")
import numpy as np
import matplotlib.pyplot as plt

x = np.linspace(-5, 5, 100)
sigmoid = 1 / (1 + np.exp(-x))
tanh = np.tanh(x)
relu = np.maximum(0, x)
leaky_relu = np.where(x > 0, x, 0.01*x)
elu = np.where(x > 0, x, 0.1 * (np.exp(x) - 1))
swish = x / (1 + np.exp(-x))

plt.figure(figsize=(12, 6))
plt.plot(x, sigmoid, label="Sigmoid", linestyle="--")
plt.plot(x, tanh, label="Tanh", linestyle=":")
plt.plot(x, relu, label="ReLU")
plt.plot(x, leaky_relu, label="Leaky ReLU")
plt.plot(x, elu, label="ELU")
plt.plot(x, swish, label="Swish", linestyle="-.")
plt.axhline(0, color='black', linewidth=0.5)
plt.axvline(0, color='black', linewidth=0.5)
plt.legend()
plt.title("Activation functions")
plt.savefig("script.png")
"""


def wall(cmd: list[str], cwd: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "script.py").write_text(SCRIPT)
        script = wall([sys.executable, "script.py"], tmp, args.repeat)
        names = ["sigmoid", "tanh", "relu", "leaky_relu", "elu:alpha=0.1", "swish"]
        actplot = [sys.executable, "-m", "actplot"]
        plot = wall([*actplot, "plot", *names, "-o", "a.png"], tmp, args.repeat)
        table = wall([*actplot, "table", "--x", "-2", "0", "2"], tmp, args.repeat)
    print(f"{'whole process, best of ' + str(args.repeat):52} {'seconds':>8} {'vs script':>10}")
    for label, seconds in (
        ("a matplotlib script (6 curves, savefig)", script),
        ("actplot plot, the same 6 activations", plot),
        ("actplot table --x -2 0 2 (no matplotlib)", table),
    ):
        print(f"{label:52} {seconds:8.3f} {seconds / script:9.2f}x")


if __name__ == "__main__":
    main()
