"""The README's Python examples run as written (in a fresh folder, whatever they write)."""

import re
import shlex
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
# a block that starts by naming a file (# mine.py) is a file the reader writes, not a session
BLOCKS = [
    b
    for b in re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    if not re.match(r"# \S+\.py\b", b)
]


def test_the_readme_has_python_examples():
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_a_python_example_runs(code, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exec(compile(code, str(README), "exec"), {"__name__": "readme"})


def _shell_examples() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    lines = [line.split("  #")[0].strip() for b in blocks for line in b.splitlines()]
    # the gallery has tests of its own, and mine.csv and mine.py are the reader's files
    return [
        c for c in lines if c.startswith("actplot ") and "gallery" not in c and "mine." not in c
    ]


@pytest.mark.parametrize("command", _shell_examples())
def test_a_command_line_example_runs(command, run):
    result = run(*shlex.split(command)[1:])  # as a shell splits it: "expr:..." is one word
    assert result.exit_code == 0, result.output
