"""Activations from outside actplot: the example plugin installed as a package, broken plugins,
ACTPLOT_PLUGINS, --load FILE.py and -m MODULE, and the least a Definition needs."""

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import actplot
from actplot import plugins

EXAMPLE = Path(__file__).parent / "plugin_example"
README = Path(__file__).resolve().parent.parent / "README.md"


def install(package: Path, site: Path) -> None:
    """Lay a pyproject package out in ``site`` as an installer does: its module folders, and
    NAME-VERSION.dist-info with METADATA, the entry points of its pyproject.toml and RECORD,
    which is what importlib.metadata finds on sys.path."""
    text = (package / "pyproject.toml").read_text(encoding="utf-8")
    name = re.search(r'^name = "(.+)"', text, re.M).group(1)
    version = re.search(r'^version = "(.+)"', text, re.M).group(1)
    site.mkdir(parents=True, exist_ok=True)
    files = []
    for module in package.iterdir():
        if (module / "__init__.py").is_file():
            shutil.copytree(module, site / module.name)
            files += [p.relative_to(site) for p in (site / module.name).rglob("*.py")]
    groups = re.findall(r'^\[project\.entry-points\."(.+)"\]\n((?:[^\[\n].*\n?)*)', text, re.M)
    entry_points = "".join(
        f"[{group}]\n" + "".join(
            f"{k} = {v}\n" for k, v in re.findall(r'^(\S+) = "(.+)"', body, re.M)
        ) + "\n"
        for group, body in groups
    )  # fmt: skip
    dist = site / f"{name.replace('-', '_')}-{version}.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    (dist / "entry_points.txt").write_text(entry_points)
    (dist / "INSTALLER").write_text("actplot-tests\n")
    listed = [
        *files,
        *(p.relative_to(site) for p in dist.iterdir()),
        dist.relative_to(site) / "RECORD",
    ]
    (dist / "RECORD").write_text("".join(f"{p.as_posix()},,\n" for p in listed))


def actplot_process(site: Path | None, cwd: Path, *args: str, env: dict | None = None):
    """Run ``python -m actplot ARGS`` in a fresh interpreter with ``site`` on its path."""
    environment = {**os.environ, "MPLBACKEND": "Agg", "COLUMNS": "200", **(env or {})}
    environment.pop("ACTPLOT_PLUGINS", None) if "ACTPLOT_PLUGINS" not in (env or {}) else None
    if site is not None:
        environment["PYTHONPATH"] = os.pathsep.join(
            [str(site), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
    return subprocess.run(
        [sys.executable, *args] if args[0] == "-c" else [sys.executable, "-m", "actplot", *args],
        capture_output=True, text=True, cwd=cwd, env=environment, timeout=300,
    )  # fmt: skip


# the example plugin ------------------------------------------------------------------------


def test_the_readme_shows_the_example_plugin_as_it_is():
    readme = README.read_text(encoding="utf-8")
    for path in (EXAMPLE / "pyproject.toml", EXAMPLE / "actplot_isru" / "__init__.py"):
        assert path.read_text(encoding="utf-8") in readme, path.name


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    install(EXAMPLE, site)
    return site


def test_the_installed_plugin_is_in_every_command(example_site, tmp_path):
    listed = actplot_process(example_site, tmp_path, "list", "--format", "json")
    assert listed.returncode == 0 and not listed.stderr, listed.stderr
    by_name = {d["name"]: d for d in json.loads(listed.stdout)}
    assert by_name["isru"]["family"] == "sigmoidal" and by_name["isru"]["params"] == {"a": 1.0}
    assert by_name["bent_identity"]["family"] == "other"  # a minimal definition's defaults

    info = actplot_process(example_site, tmp_path, "info", "ISRU:a=4")  # any case
    assert info.returncode == 0 and "ISRU(a=4)" in info.stdout and "(-0.5, 0.5)" in info.stdout

    table = actplot_process(example_site, tmp_path, "table", "isru", "bent_identity", "--x",
                            "0.5", "--deriv", "0,2", "--format", "csv")  # fmt: skip
    rows = {tuple(r.split(",")[:2]): float(r.split(",")[2]) for r in table.stdout.splitlines()[1:]}
    assert rows[("ISRU(a=1)", "f")] == pytest.approx(0.5 / 1.25**0.5, rel=1e-15)
    assert rows[("bent_identity", "f''")] == pytest.approx(0.5 / 1.25**1.5, rel=1e-15)

    compared = actplot_process(example_site, tmp_path, "compare", "isru", "bent_identity",
                               "--no-cost", "--format", "json", "--no-plot")  # fmt: skip
    assert compared.returncode == 0, compared.stderr
    isru, bent = (a["properties"] for a in json.loads(compared.stdout)["activations"])
    assert isru["range"] == [-1.0, 1.0] and isru["saturation"] == {"left": "soft", "right": "soft"}
    assert bent["monotonic"] and bent["max_abs_grad"]["value"] == 1.5  # f' -> 3/2 at inf

    plotted = actplot_process(example_site, tmp_path, "plot", "isru:a=0.5,1", "bent_identity")
    assert plotted.returncode == 0 and (tmp_path / "isru_a-0.5-1_bent_identity.png").stat().st_size

    drawn = actplot_process(example_site, tmp_path, "-c", textwrap.dedent("""
        from actplot.gallery import generate
        result = generate("site", names=["isru", "bent_identity"], jobs=1)
        print(sorted(result.written))
    """))  # fmt: skip
    assert drawn.returncode == 0, drawn.stderr
    assert "isru.png" in drawn.stdout and "isru-sweep.png" in drawn.stdout
    assert "bent_identity" in (tmp_path / "site" / "README.md").read_text()


def test_plugins_are_looked_for_only_when_a_name_is_not_built_in(example_site, tmp_path):
    code = "import sys, actplot; actplot.get('relu'); actplot.get('SiLU'); print('actplot.plugins' in sys.modules)"
    assert actplot_process(example_site, tmp_path, "-c", code).stdout.split() == ["False"]
    code = "import sys, actplot; actplot.get('isru'); print('actplot.plugins' in sys.modules)"
    assert actplot_process(example_site, tmp_path, "-c", code).stdout.split() == ["True"]


# broken plugins ----------------------------------------------------------------------------

BROKEN = """
import actplot

def raises():
    raise RuntimeError("no GPU found")

def junk():
    return 42

def strings():
    return ["relu"]

def relu_again():
    good = actplot.get("relu").definition
    return [actplot.Definition(name="relu", formula="x", fn=good.fn, derivatives=good.derivatives)]

def fails():
    import numpy as np
    bad = lambda x: np.dot(x, [1.0])  # wrong shapes
    return [actplot.Definition(name="fails", formula="x", fn=bad, derivatives=(bad, bad))]

def fine():
    good = actplot.get("relu").definition
    return [actplot.Definition(name="fine_one", formula="x", fn=good.fn, derivatives=good.derivatives)]

not_callable = 3
"""


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    package = tmp_path_factory.mktemp("broken")
    (package / "broken_plugins").mkdir()
    (package / "broken_plugins" / "__init__.py").write_text(BROKEN)
    names = ["raises", "junk", "strings", "relu_again", "fails", "fine", "not_callable"]
    points = "".join(f'{n} = "broken_plugins:{n}"\n' for n in names)
    points += 'missing = "no_such_module:activations"\n'
    (package / "pyproject.toml").write_text(
        f'[project]\nname = "broken-plugins"\nversion = "1.0"\n\n'
        f'[project.entry-points."actplot.activations"]\n{points}'
    )
    site = tmp_path_factory.mktemp("site")
    install(package, site)
    return site


def test_a_broken_plugin_is_one_line_naming_it_and_the_rest_works(broken_site, tmp_path):
    result = actplot_process(broken_site, tmp_path, "list", "--format", "json")
    assert result.returncode == 0
    names = [d["name"] for d in json.loads(result.stdout)]
    assert "fine_one" in names and "relu" in names and "fails" not in names
    lines = result.stderr.splitlines()
    expected = {
        "'raises'": "raised RuntimeError: no GPU found",
        "'junk'": "returned int 42, not an iterable of actplot.Definition",
        "'strings'": "gave str 'relu', not an actplot.Definition",
        "'relu_again'": "'relu' not registered: 'relu' is a built-in name",
        "'fails'": "fails on [-1, 0, 1]",
        "'not_callable'": "is not callable",
        "'missing'": "cannot be imported: ModuleNotFoundError",
    }
    assert len(lines) == len(expected), result.stderr
    for plugin, message in expected.items():
        line = next(line for line in lines if f"plugin {plugin} " in line)
        assert (
            line.startswith("actplot: plugin ") and message in line and "broken-plugins 1.0" in line
        )
    assert "Traceback" not in result.stderr


def test_a_command_naming_built_ins_only_never_meets_a_broken_plugin(broken_site, tmp_path):
    result = actplot_process(broken_site, tmp_path, "table", "relu", "--x", "1")
    assert result.returncode == 0 and result.stderr == ""


def test_an_unknown_name_looks_among_the_plugins_and_still_suggests(broken_site, tmp_path):
    result = actplot_process(broken_site, tmp_path, "table", "fine_on")
    assert result.returncode == 2 and "did you mean 'fine_one'" in result.stderr
    assert result.stderr.count("actplot: plugin") == 7 and "Traceback" not in result.stderr


# ACTPLOT_PLUGINS, --load and -m ------------------------------------------------------------

CUBE = """
import actplot

actplot.register(actplot.Definition(
    name="{name}", formula="x^3", fn=lambda x: x**3,
    derivatives=(lambda x: 3 * x**2, lambda x: 6 * x),
))
"""


def test_actplot_plugins_lists_files_and_modules(tmp_path):
    (tmp_path / "cube_file.py").write_text(CUBE.format(name="cube_file"))
    (tmp_path / "cube_module.py").write_text(CUBE.format(name="cube_module"))
    listed = f"{tmp_path / 'cube_file.py'}{os.pathsep}cube_module, missing_module"
    env = {"ACTPLOT_PLUGINS": listed, "PYTHONPATH": str(tmp_path)}
    result = actplot_process(None, tmp_path, "table", "cube_file", "cube_module", "--x", "2",
                             "--format", "csv", env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [r.split(",")[-1] for r in result.stdout.splitlines()[1:]] == ["8.0", "8.0"]
    assert result.stderr.strip() == (
        "actplot: plugin missing_module (from ACTPLOT_PLUGINS): no module named 'missing_module'"
    )


@pytest.fixture
def own_registry(monkeypatch):
    """The default registry and the loaded-module set as they are, restored after the test."""
    len(actplot.REGISTRY)  # loaded first: what is restored must be the whole of it
    for attr in ("_by_name", "_aliases", "_folded"):
        monkeypatch.setattr(actplot.REGISTRY, attr, dict(getattr(actplot.REGISTRY, attr)))
    monkeypatch.setattr(plugins, "_imported", set())


def test_load_a_file_or_a_module_then_name_its_activations(
    run, tmp_path, own_registry, monkeypatch
):
    (tmp_path / "mine.py").write_text(CUBE.format(name="cube_loaded"))
    result = run(
        "table", "--load", tmp_path / "mine.py", "Cube_Loaded", "--x", "3", "--format", "csv"
    )
    assert result.exit_code == 0 and result.output.splitlines()[1].endswith(",27.0")
    (tmp_path / "minemod.py").write_text(CUBE.format(name="cube_module_loaded"))
    # -m finds a module in the current folder, as python -m does
    result = run("info", "-m", "minemod", "cube_module_loaded")
    assert result.exit_code == 0 and "x^3" in result.output


@pytest.mark.parametrize(
    "option, target, source, message",
    [("--load", "nowhere.py", None, "nowhere.py: no such file"),
     ("--load", "bad.py", "x = 1\nraise ValueError('no config')\n", "bad.py: ValueError: no config (line 2)"),
     ("-m", "no_such_mod", None, "no_such_mod: no module named 'no_such_mod'"),
     ("--load", "clash.py", CUBE.format(name="relu"), "'relu' is already the name of 'relu'"),
     ("--load", "broken.py", CUBE.format(name="cubeish").replace("x**3", "x[0]"), "fails on [-1, 0, 1]")],
)  # fmt: skip
def test_a_module_that_cannot_be_loaded_is_a_usage_error(
    run, own_registry, option, target, source, message
):
    if source is not None:
        Path(target).write_text(source)
    result = run("table", option, target, "relu")
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert "cubeish" not in actplot.REGISTRY


def test_every_command_takes_load_and_module(run):
    for command in ("list", "info", "plot", "grad", "compare", "gallery", "table", "completion"):
        out = run(command, "--help").output
        assert "--load FILE.py" in out and "-m, --module MODULE" in out, command


# the least a definition needs ---------------------------------------------------------------


def test_a_minimal_definition_works_in_every_command(run, tmp_path, own_registry):
    (tmp_path / "least.py").write_text(CUBE.format(name="least"))
    load = ["--load", str(tmp_path / "least.py")]
    assert "least" in run("list", *load).output
    info = run("info", *load, "least").output
    assert "x^3" in info and "(-inf, inf)" in info and "other" in info  # facts measured
    assert run("table", *load, "least", "--x", "2").exit_code == 0
    compared = run("compare", *load, "least", "relu", "--no-cost", "-o", "c.png")
    assert compared.exit_code == 0 and "least: " not in compared.output  # no empty notes line
    assert run("plot", *load, "least", "-o", "p.png").exit_code == 0
    from actplot.gallery import generate

    generate(tmp_path / "gallery", names=["least"], jobs=1)
    assert (tmp_path / "gallery" / "least.png").stat().st_size > 0


def test_the_readme_s_own_module_loads_as_written(run, own_registry):
    block = re.search(r"```python\n(# mine\.py.*?)```", README.read_text(encoding="utf-8"), re.S)
    Path("mine.py").write_text(block.group(1))
    result = run("table", "--load", "mine.py", "lecun_tanh", "--x", "1", "800", "--deriv", "0,2",
                 "--format", "csv")  # fmt: skip
    cells = [line.split(",")[2:] for line in result.output.splitlines()[1:]]
    assert result.exit_code == 0 and float(cells[0][0]) == pytest.approx(1.7159 * np.tanh(2 / 3))
    assert float(cells[1][1]) == 0 and cells[0][1] == "1.7159"  # no nan far out
    assert run("plot", "--load", "mine.py", "lecun_tanh", "tanh").exit_code == 0
