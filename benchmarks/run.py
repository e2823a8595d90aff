"""How fast actplot is, against what a user would write instead, in one table.

    python benchmarks/run.py              # everything (a few minutes on 2 cores)
    python benchmarks/run.py --only lib   # sections: cli, plot, gallery, lib, cost, floor
    python benchmarks/run.py --pairs 9

Each figure is a ratio against a baseline measured alternately with it in the same run (a
whole process for commands, a call for the library), the median over --pairs pairs (at least
5), so that a machine slowed by other work slows both.  Each row prints its ratio, its target
and whether it meets it.  A baseline that is not installed (PyTorch) is skipped, and so are
its rows.  Plain Python: nothing beyond actplot and what it is compared with.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

N = 10**6  # points for the library rows
WIDTH = 80
HERE = Path(__file__).resolve().parent
FLOOR = "import numpy, click, rich.console, rich.table"

PYPLOT_SCRIPT = """
import math, sys
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
x = np.linspace(-5, 5, 1000)
swish = x / (1 + np.exp(-x))
gelu = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x])
fig, ax = plt.subplots()
ax.plot(x, swish, label="swish")
ax.plot(x, gelu, label="gelu")
ax.axhline(0, color="k", lw=0.8)
ax.axvline(0, color="k", lw=0.8)
ax.grid(True)
ax.legend()
fig.savefig(sys.argv[1])
"""

# what actplot plot imports before it draws: numpy, click, rich, matplotlib's object API and Agg
PLOT_IMPORTS = (
    "import numpy, click, rich.console, matplotlib.figure, matplotlib.backends.backend_agg"
)

# a plain loop: one two-panel figure (f and f') per function, to PNG
PANELS_SCRIPT = """
import sys
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
x = np.linspace(-5, 5, 1000)
pairs = [
    (np.tanh(x), 1 - np.tanh(x) ** 2),
    (1 / (1 + np.exp(-x)), np.exp(-x) / (1 + np.exp(-x)) ** 2),
    (np.maximum(x, 0), (x > 0) * 1.0),
    (np.log1p(np.exp(x)), 1 / (1 + np.exp(-x))),
    (x * np.exp(-x * x), (1 - 2 * x * x) * np.exp(-x * x)),
] * 2
for i, (f, d) in enumerate(pairs):
    fig, (a, b) = plt.subplots(1, 2, figsize=(8, 3))
    a.plot(x, f); a.grid(True); a.set_title("f")
    b.plot(x, d); b.grid(True); b.set_title("f'")
    fig.savefig(f"{sys.argv[1]}/{i}.png")
    plt.close(fig)
print(len(pairs))
"""


# ---------------------------------------------------------------------------- measuring


def _median_ratio(run: Callable[[], float], base: Callable[[], float], pairs: int) -> tuple:
    """(median of run/base over alternating pairs, median run time, median base time)."""
    ratios, runs, bases = [], [], []
    for _ in range(pairs):
        r, b = run(), base()
        ratios.append(r / b)
        runs.append(r)
        bases.append(b)
    return statistics.median(ratios), statistics.median(runs), statistics.median(bases)


def _environment(**extra: str) -> dict[str, str]:
    """The environment of the measured processes: with bytecode caching on, as a user's
    install has it (pip compiles every module when it installs), even where this shell sets
    PYTHONDONTWRITEBYTECODE; then each run would compile actplot's modules again, 0.1 s for
    the generated index alone."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "MPLBACKEND": "Agg", **extra}


def _compile(package: Path) -> None:
    """Byte-compile actplot as pip does on install (an editable install is not compiled)."""
    compileall.compile_dir(package, quiet=1)


def _process(argv: Sequence[str], cwd: Path) -> Callable[[], float]:
    env = _environment(COLUMNS="80")

    def run() -> float:
        start = time.perf_counter()
        done = subprocess.run(
            argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"failed: {' '.join(argv)}\n{done.stderr.decode()}")
        return seconds

    return run


def _call(fn: Callable[[], object], at_least: float = 0.02) -> Callable[[], float]:
    """Seconds per call of fn, timed over enough calls to last ``at_least`` seconds (counted
    once, at the first run), so that a fast function is not one scheduler tick's noise."""
    calls = [0]

    def run() -> float:
        if not calls[0]:
            start = time.perf_counter()
            fn()
            calls[0] = max(1, min(100, int(at_least / (time.perf_counter() - start))))
        start = time.perf_counter()
        for _ in range(calls[0]):
            fn()
        return (time.perf_counter() - start) / calls[0]

    return run


def _actplot() -> list[str]:
    script = Path(sys.executable).with_name("actplot")
    found = str(script) if script.exists() else shutil.which("actplot")
    return [found] if found else [sys.executable, "-m", "actplot"]


# ---------------------------------------------------------------------------- the table


class Table:
    def __init__(self) -> None:
        self.misses = 0
        print(f"{'':37} {'time':>10} {'ratio':>8} {'target':>9}  result")
        print("-" * (WIDTH - 1))

    def section(self, title: str) -> None:
        print(title)

    def row(self, what: str, seconds: str, ratio: float, target: float, at_least=False) -> None:
        ok = ratio >= target if at_least else ratio <= target
        self.misses += not ok
        bound = f"{'>=' if at_least else '<='} {target:g}"
        print(f"  {what:35} {seconds:>10} {ratio:8.2f} {bound:>9}  {'ok' if ok else 'MISS'}")

    def note(self, text: str) -> None:
        print(f"  {text}")

    def floor(self, what: str, seconds: str, ratio: float) -> None:
        """A row with no target of its own: a lower bound for rows that have one."""
        print(f"  {what:35} {seconds:>10} {ratio:8.2f} {'':>9}  floor")


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.0f} ms"


# ---------------------------------------------------------------------------- sections


def cli_rows(table: Table, pairs: int, tmp: Path) -> None:
    act, py = _actplot(), sys.executable
    click = _process([py, "-c", "import click"], tmp)
    floor = _process([py, "-c", FLOOR], tmp)
    table.section('commands, against python -c "import click"')
    for args, target in ((["--help"], 1.3), (["list"], 2.0), (["info", "gelu"], 2.0)):
        r, t, _ = _median_ratio(_process([*act, *args], tmp), click, pairs)
        table.row(f"actplot {' '.join(args)}", _ms(t), r, target)
    table.section(f'against the import floor, python -c "{FLOOR}"')
    rows = (
        (["table", "--x", "-2", "0", "2"], 1.15),
        (["compare", "relu", "gelu", "--no-plot"], 3.0),
    )
    for args, target in rows:
        r, t, _ = _median_ratio(_process([*act, *args], tmp), floor, pairs)
        table.row(f"actplot {' '.join(args)}", _ms(t), r, target)


def plot_rows(table: Table, pairs: int, tmp: Path) -> None:
    script = tmp / "by_hand.py"
    script.write_text(PYPLOT_SCRIPT)
    plot = _process([*_actplot(), "plot", "swish", "gelu", "-o", "out.png"], tmp)
    by_hand = _process([sys.executable, str(script), "hand.png"], tmp)
    table.section("a figure, against a pyplot script drawing the same")
    r, t, _ = _median_ratio(plot, by_hand, pairs)
    table.row("actplot plot swish gelu -o out.png", _ms(t), r, 0.9)


def gallery_rows(table: Table, pairs: int, tmp: Path) -> None:
    images = [0]

    def gallery(jobs: list[str]) -> Callable[[], float]:
        argv = [*_actplot(), "gallery", "-o", str(tmp / "gallery"), *jobs]
        env = _environment()

        def run() -> float:
            start = time.perf_counter()
            done = subprocess.run(argv, cwd=tmp, env=env, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            found = re.search(r"(\d+) images", done.stderr)
            if done.returncode or not found:
                sys.exit(f"failed: {' '.join(argv)}\n{done.stderr}")
            images[0] = int(found.group(1))
            return seconds

        return run

    cores = os.cpu_count() or 1
    table.section(f"the gallery, one job against all {cores} cores")
    r, t1, tn = _median_ratio(gallery(["--jobs", "1"]), gallery([]), pairs)
    table.row(f"one job / {cores} jobs (speed-up)", _ms(tn), r, 1.8, at_least=True)
    (tmp / "panels").mkdir(exist_ok=True)
    script = tmp / "panels.py"
    script.write_text(PANELS_SCRIPT)
    loop = _process([sys.executable, str(script), str(tmp / "panels")], tmp)
    r, _, tl = _median_ratio(gallery(["--jobs", "1"]), loop, pairs)
    per_image, per_loop = t1 / images[0], tl / 10
    table.row("time per image / a two-panel loop's", _ms(per_image), per_image / per_loop, 1.3)


# activations PyTorch has, as torch functions of a float64 tensor (defaults as actplot's)
def _torch_functions(torch) -> dict[str, Callable]:
    F = torch.nn.functional
    return {
        "relu": F.relu,
        "relu6": F.relu6,
        "leaky_relu": F.leaky_relu,
        "prelu": lambda x: F.prelu(x, torch.tensor([0.25], dtype=torch.float64)),
        "rrelu": lambda x: F.rrelu(x, training=False),
        "threshold": lambda x: F.threshold(x, 1.0, 0.0),
        "hardtanh": F.hardtanh,
        "elu": F.elu,
        "selu": F.selu,
        "celu": F.celu,
        "sigmoid": torch.sigmoid,
        "hard_sigmoid": F.hardsigmoid,
        "tanh": torch.tanh,
        "softsign": F.softsign,
        "log_sigmoid": F.logsigmoid,
        "softplus": F.softplus,
        "swish": F.silu,
        "hardswish": F.hardswish,
        "gelu": F.gelu,
        "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
        "mish": F.mish,
        "softshrink": F.softshrink,
        "hardshrink": F.hardshrink,
        "tanhshrink": F.tanhshrink,
        "softmax": lambda x: F.softmax(x, dim=-1),
        "softmin": lambda x: F.softmin(x, dim=-1),
        "log_softmax": lambda x: F.log_softmax(x, dim=-1),
    }


def _torch_order(torch, fn: Callable, x, order: int) -> Callable[[], object]:
    """f, or f' and f'' by autograd, as a torch user would get them."""
    if order == 0:
        return lambda: fn(x)

    def derivative() -> object:
        xr = x.detach().requires_grad_()
        (g,) = torch.autograd.grad(fn(xr).sum(), xr, create_graph=order == 2)
        if order == 2:
            (g,) = torch.autograd.grad(g.sum(), xr)
        return g

    return derivative


def _torch():
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    return torch


def library_rows(table: Table, pairs: int, names: Sequence[str]) -> None:
    import actplot

    torch = _torch()
    x = np.random.default_rng(0).standard_normal(N) * 3
    exp = _call(lambda: np.exp(x))
    tx = torch.from_numpy(x) if torch else None
    known = _torch_functions(torch) if torch else {}
    table.section("the library on 10^6 float64 points (N(0, 9)): ns per element, ratios to")
    table.section("np.exp on the same array and to PyTorch (1 thread, autograd for f', f'')")
    if torch is None:
        table.note("PyTorch is not installed: its rows are skipped")
    gate = x[::-1].copy()  # a gated one's gate b beside its value a = x
    # The C allocator serves a large temporary from fresh pages until memory of that size has
    # been freed once (PyTorch's own array does it too): a round of each first, so that the
    # first rows are measured in the state every later row is
    actplot.get("softmax")(x.reshape(-1, 1000))
    if torch is not None:
        torch.exp(tx)
    for name in names:
        act = actplot.get(name)
        vector, gated = act.kind == "vector", act.kind == "gated"
        xs = x.reshape(-1, 1000) if vector else x  # softmax & co. over rows of 1000
        marks = ("f", "df/db", "d2f/db2") if gated else ("f", "f'", "f''")
        for order, mark in enumerate(marks):
            if gated:
                ours = _call(
                    lambda a=act, o=order: a.partial(x, gate, "b" * o) if o else a(x, gate)
                )
            else:
                ours = _call(lambda a=act, o=order, v=xs: a(v) if o == 0 else a.grad(v, o))
            r, t, _ = _median_ratio(ours, exp, pairs)
            table.row(f"{name} {mark} / np.exp", f"{t / N * 1e9:.1f} ns", r, 5.0)
            if name in known and not (vector and order):
                theirs = _call(_torch_order(torch, known[name], tx.reshape(xs.shape), order))
                try:
                    r, _, tt = _median_ratio(ours, theirs, pairs)
                except RuntimeError:  # no double backward for this one (hardsigmoid)
                    table.note(f"{name} {mark}: PyTorch's autograd does not compute it")
                    continue
                table.row(f"{name} {mark} / torch ({tt / N * 1e9:.1f} ns)", "", r, 2.0)


def cost_rows(table: Table, pairs: int) -> None:
    """compare's cost row (GELU's f and f' relative to ReLU's) against PyTorch's ratio."""
    import actplot
    from actplot.comparison import time_relative_to_relu

    torch = _torch()
    table.section("compare's cost row: GELU's time relative to ReLU's (f and f')")
    ours = statistics.median(
        time_relative_to_relu([actplot.get("relu"), actplot.get("gelu")])[1] for _ in range(pairs)
    )
    if torch is None:
        table.note(f"actplot: GELU {ours:.1f}x ReLU; PyTorch is not installed: no target")
        return
    F = torch.nn.functional
    x = torch.from_numpy(np.random.default_rng(0).standard_normal(1 << 20))

    def both(fn: Callable) -> Callable[[], float]:
        f, d = _torch_order(torch, fn, x, 0), _torch_order(torch, fn, x, 1)
        return _call(lambda: (f(), d()))

    theirs, _, _ = _median_ratio(both(F.gelu), both(F.relu), pairs)
    table.note(f"actplot: GELU {ours:.2f}x ReLU; PyTorch: GELU {theirs:.2f}x ReLU")
    table.row("actplot's ratio / PyTorch's", "", ours / theirs, 3.0)


def floor_rows(table: Table, pairs: int, tmp: Path) -> None:
    """What numpy and matplotlib alone take for the work of the rows that miss: no activation
    can be faster than the fewest passes its formula needs, nor a figure than its imports."""
    from actplot.library import _erfc

    torch = _torch()
    x = np.random.default_rng(0).standard_normal(N) * 3
    exp = _call(lambda: np.exp(x))
    table.section("floors: the least numpy or matplotlib can take for the same work")
    if torch is not None:
        F, tx = torch.nn.functional, torch.from_numpy(x)
        zeros, o = np.zeros(_erfc.BLOCK), np.empty(N)

        def blocks(step: Callable[[np.ndarray, np.ndarray], object]) -> Callable[[], object]:
            def run() -> np.ndarray:
                out = np.empty(N)
                for i in range(0, N, _erfc.BLOCK):
                    step(x[i : i + _erfc.BLOCK], out[i : i + _erfc.BLOCK])
                return out

            return run

        def one_pass(b: np.ndarray, out: np.ndarray) -> None:  # relu's one pass
            np.maximum(b, zeros[: b.size], out=out)

        def two_passes(b: np.ndarray, out: np.ndarray) -> None:  # leaky_relu's max(x, a x)
            np.multiply(b, 0.01, out=out)
            np.maximum(b, out, out=out)

        rows = (
            ("1 numpy pass / torch relu", blocks(one_pass), lambda: F.relu(tx)),
            ("2 numpy passes / torch leaky_relu", blocks(two_passes), lambda: F.leaky_relu(tx)),
            ("np.exp alone / torch sigmoid", lambda: np.exp(x, out=o), lambda: torch.sigmoid(tx)),
        )
        for what, ours, theirs in rows:
            r, t, _ = _median_ratio(_call(ours), _call(theirs), pairs)
            table.floor(what, f"{t / N * 1e9:.1f} ns", r)
    else:
        table.note("PyTorch is not installed: its floors are skipped")
    y = np.abs(x) * _erfc.SQRT1_2
    num, den = np.empty(_erfc.BLOCK), np.empty(_erfc.BLOCK)

    def middle() -> None:  # Cody's R2, which most of a layer's inputs need, nothing else
        for i in range(0, N, _erfc.BLOCK):
            b = y[i : i + _erfc.BLOCK]
            _erfc._rational(_erfc._MIDDLE, b, num[: b.size], den[: b.size])

    r, t, _ = _median_ratio(_call(middle), exp, pairs)
    table.floor("erfc's rational alone / np.exp", f"{t / N * 1e9:.1f} ns", r)
    imports = _process([sys.executable, "-c", PLOT_IMPORTS], tmp)
    script = tmp / "by_hand.py"
    script.write_text(PYPLOT_SCRIPT)
    by_hand = _process([sys.executable, str(script), "hand.png"], tmp)
    r, t, _ = _median_ratio(imports, by_hand, pairs)
    table.floor("plot's imports / the pyplot script", _ms(t), r)


# ---------------------------------------------------------------------------- main

SECTIONS = ("cli", "plot", "gallery", "lib", "cost", "floor")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=5, help="alternating pairs (>= 5)")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=SECTIONS)
    parser.add_argument("--names", nargs="+", help="activations for the library rows")
    args = parser.parse_args()
    if args.pairs < 5:
        parser.error("--pairs must be at least 5: a median of fewer is noise")
    import actplot

    _compile(Path(actplot.__file__).parent)
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo") if Path("/proc/cpuinfo").exists() else open(os.devnull) as f:
        model = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), cpu)
    print(f"actplot {actplot.__version__}, Python {platform.python_version()}, numpy "
          f"{np.__version__}, {os.cpu_count()} cores, {model}")  # fmt: skip
    table = Table()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if "cli" in args.only:
            cli_rows(table, args.pairs, tmp)
        if "plot" in args.only:
            plot_rows(table, args.pairs, tmp)
        if "gallery" in args.only:
            gallery_rows(table, args.pairs, tmp)
        if "lib" in args.only:
            library_rows(table, args.pairs, args.names or actplot.names())
        if "cost" in args.only:
            cost_rows(table, args.pairs)
        if "floor" in args.only:
            floor_rows(table, args.pairs, tmp)
    print("-" * (WIDTH - 1))
    print(
        f"{table.misses} rows miss their target" if table.misses else "every row meets its target"
    )


if __name__ == "__main__":
    main()
