"""The package's layout: the command line on top of the library, never the reverse; no import
circle; and ``import actplot`` cheap (no click, no matplotlib, no numpy until asked)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import actplot

PACKAGE = Path(actplot.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The actplot modules a module imports, at load time or inside functions, leaving out
    what is imported only for type checkers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(n) for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("actplot")}
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = node.module or ""
            if node.level:
                target = f"{base}.{target}" if target else base
            if target.startswith("actplot"):
                found.add(target)
                found |= {f"{target}.{a.name}" for a in node.names}
    return found


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {m: {i for i in _imports(p) if i in MODULES and i != m} for m, p in MODULES.items()}


def test_nothing_in_the_library_imports_the_command_line():
    # `python -m actplot` is the command line's own entry point
    for module, imported in GRAPH.items():
        if not module.startswith(("actplot.cli", "actplot.__main__")):
            assert not {i for i in imported if i.startswith("actplot.cli")}, module


def test_no_import_circle():
    """Packages import their own modules in __init__, so a module importing its package is
    counted as importing what the package's __init__ imports, minus the module itself."""
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(GRAPH[m]):
            if n == "actplot" or (m.startswith(n + ".")):
                continue  # the root's lazy names, and a module reaching its own package
            if state.get(n) == 1:
                pytest.fail("import circle: " + " -> ".join([*path, m, n]))
            if n not in state:
                visit(n, [*path, m])
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m, [])


def _imported_by(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\nprint(' '.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return set(out.stdout.split())


def test_import_actplot_imports_no_click_matplotlib_or_numpy():
    modules = _imported_by("import actplot")
    assert not {"click", "matplotlib", "numpy", "rich"} & modules


def test_the_library_draws_without_click():
    modules = _imported_by("import actplot; actplot.plot('relu'); actplot.table().to_rich()")
    assert "click" not in modules and "matplotlib" in modules
