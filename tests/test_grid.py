"""What actplot draws without rich (actplot._grid) is what rich draws for it.

rich is the reference: the same cells as a ``rich.table.Table`` (with no markup read) printed
by a rich console of the same width must give the same characters, for random tables, for the
tables of ``list`` and ``table`` at every width, and for ``info`` of every built-in in each
language (there up to the spaces that end a line, which rich pads with and actplot does not
print)."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

import actplot
from actplot import _index, _render
from actplot._grid import Column, Grid, ansi, plain
from actplot._prose import Prose
from actplot._terminal import Fitted, Layout, widest_rows
from actplot.values import _x_text


class _Stream(io.StringIO):
    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:
        return self._encoding


def _rich(renderable, width: int, encoding: str = "utf-8") -> str:
    out = _Stream(encoding)
    Console(file=out, width=width, highlight=False, markup=False, emoji=False).print(
        renderable, crop=False
    )
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


def _rich_table(columns, rows, styles=()) -> Table:
    """The rich Table a Grid of these columns (as Column keyword arguments) draws."""
    table = Table(header_style="bold")
    for c in columns:
        table.add_column(
            c["header"], justify=c.get("justify", "left"), no_wrap=not c.get("wrap", True),
            overflow="fold" if c.get("wrap", True) else "ellipsis",
            min_width=c.get("min_width"), style=c.get("style", ""),
        )  # fmt: skip
    for i, row in enumerate(rows):
        table.add_row(*(Text(cell) for cell in row), style=styles[i] if styles else None)
    return table


def _grid(columns, rows) -> Grid:
    grid = Grid(*(Column(**c) for c in columns))
    for row in rows:
        grid.add_row(*row)
    return grid


WORDS = ["a", "ab", "relu", "σ(x)", "max(0, x)", "1e-300", "", "  ", "x_i - log Σ_j e^(x_j)",
         "averyveryverylongwordthatmustfold", "汉字宽", "α min(0, x)", "−0.5"]  # fmt: skip
cells = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
column = st.fixed_dictionaries(
    {"header": cells},
    optional={
        "justify": st.sampled_from(["left", "right"]),
        "wrap": st.booleans(),
        "min_width": st.integers(0, 12),
    },
)


@settings(max_examples=300, deadline=None)
@given(
    columns=st.lists(column, min_size=1, max_size=5),
    data=st.data(),
    width=st.integers(8, 140),
    encoding=st.sampled_from(["utf-8", "latin-1"]),
)
def test_a_random_table_is_drawn_as_rich_draws_it(columns, data, width, encoding):
    rows = data.draw(st.lists(st.lists(cells, min_size=len(columns), max_size=len(columns))))
    box = "unicode" if encoding == "utf-8" else "ascii"
    drawn = plain(_grid(columns, rows).lines(width, box))
    assert drawn == _rich(_rich_table(columns, rows), width, encoding)


@pytest.mark.parametrize("width", range(20, 181, 7))
def test_a_grid_measures_as_rich_measures_it(width):
    from rich.measure import Measurement

    columns = [{"header": "name", "wrap": False}, {"header": "formula"}, {"header": "x"}]
    rows = [["relu", "max(0, x)", "-2"], ["averyveryverylongname", "x σ(βx) with β = 1", "1e-300"]]
    console = Console(width=width)
    expected = Measurement.get(console, console.options.update_width(1 << 16), _rich_table(
        columns, rows
    ))  # fmt: skip
    assert _grid(columns, rows).measure() == (expected.minimum, expected.maximum)


def _old_catalogue(rows, head=_render.CATALOGUE_HEAD) -> Fitted:
    """list's table as rich tables, laid out by the same plan."""

    def table(indices, of=rows):
        out = Table(header_style="bold")
        out.add_column("name", no_wrap=True)
        for j in indices:
            out.add_column(head[j], overflow="fold")
        for row in of:
            out.add_row(*(Text(row[0]), *(Text(row[j + 1]) for j in indices)))
        return out

    widest = [rows[i] for i in widest_rows(rows)]
    return Fitted([Layout(table, len(head), lambda indices: table(indices, widest))])


@pytest.mark.parametrize("width", [10, 39, 40, 41, 60, 79, 80, 81, 100, 120, 160, 200])
def test_the_list_of_activations_is_what_rich_draws(width):
    rows = _index.CATALOGUE_ROWS
    assert plain(_render.catalogue(rows).lines(width)) == _rich(_old_catalogue(rows), width)


def _old_values(table, transpose=None) -> Fitted:
    """table's value table as rich tables, laid out by the same plan."""
    lines, heads = table.lines(4), [_x_text(v) for v in table.x]

    def across(indices):
        out = Table(header_style="bold")
        out.add_column("activation", style="bold", overflow="fold")
        for j in indices:
            out.add_column(heads[j], justify="right", no_wrap=True)
        for line in lines:
            style = None if line.first else "dim"
            out.add_row(line.text, *(line.cells[j] for j in indices), style=style)
        return out

    def down(indices):
        out = Table(header_style="bold")
        out.add_column("x", style="bold", overflow="fold", justify="right")
        for j in indices:
            width = max(len(c) for c in lines[j].cells)
            out.add_column(lines[j].name, justify="right", overflow="fold", min_width=width)
        for i in range(len(heads)):
            out.add_row(heads[i], *(lines[j].cells[i] for j in indices))
        return out

    layouts = [Layout(across, len(heads)), Layout(down, len(lines))]
    if transpose is not None:
        layouts = layouts[1:] if transpose else layouts[:1]
    note = table.footnote()
    return Fitted(layouts, [Text(note, style="dim")] if note else [])


TABLES = [
    ((), {}),
    (("relu", "gelu", "softmax"), {"x": [-3, -1e-9, 0.5, 1e6, 2]}),
    (("elu:alpha=0.5,1,2", "sigmoid"), {"x": range(-10, 11), "derivatives": (0, 1, 2)}),
    (("swish", "mish", "threshold"), {"x": [1e-300, -1e300, 3.25]}),
]


@pytest.mark.parametrize(("specs", "options"), TABLES)
@pytest.mark.parametrize("transpose", [None, True, False])
def test_a_value_table_is_what_rich_draws(specs, options, transpose):
    table = actplot.table(specs, **options) if specs else actplot.table(**options)
    for width in (12, 30, 40, 55, 80, 111, 200):
        expected = _rich(_old_values(table, transpose), width)
        assert plain(table.to_rich(4, transpose).lines(width)) == expected, width


def _old_description(shown) -> Group:
    """info's page as rich draws it: rich Text, Table.grid and Padding around actplot's Prose
    (which wraps Chinese between characters, where rich would not)."""
    title = Text.assemble((shown["label"], "bold"), f"   {shown['kind']}")
    if shown["aliases"]:
        title.append(f"   {shown['aliases']}", style="dim")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in shown["grid"]:
        grid.add_row(key, value if key in _render.FORMULAS else Prose(value))
    parts = [title]
    if shown["summary"]:
        parts.append(Prose(Text(shown["summary"], style="italic")))
    parts.append(Padding(grid, (1, 0)))
    for heading, items in shown["sections"]:
        parts.append(Text(heading, style="bold"))
        parts.extend(Prose(f"• {item}", indent=2, hang=2) for item in items)
    return Group(*parts)


@pytest.mark.parametrize("width", [24, 40, 63, 80, 101, 140])
def test_info_of_every_built_in_is_what_rich_draws(width):
    for name, languages in _index.INFO.items():
        for lang, shown in languages.items():
            expected = _rich(_old_description(shown), width)
            assert plain(_render.description(shown).lines(width)) == expected, (name, lang)


def test_a_grid_in_a_rich_console_is_drawn_the_same():
    fitted = _render.catalogue(_index.CATALOGUE_ROWS)
    assert _rich(fitted, 80) == plain(fitted.lines(80))


def test_on_a_terminal_the_head_is_bold_and_a_later_order_dim():
    table = actplot.table(["relu"], x=[1], derivatives=(0, 1)).to_rich()
    drawn = ansi(table.lines(80))
    head = next(line for line in drawn.splitlines() if "activation" in line)
    assert "\x1b[1m activation" in head
    derivative = next(line for line in drawn.splitlines() if "f′" in line)
    assert "\x1b[1;2m" in derivative  # the bold label column, dimmed as the row
    assert plain(table.lines(80)) == _strip_ansi(drawn)


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_a_fitted_table_reads_no_markup_in_a_console_that_would():
    def build(indices):
        out = Table()
        out.add_column("formula")
        for j in indices:
            out.add_column(f"column {j}")
        out.add_row("[max(0, x), max(0, -x)]", *("[bold]v[/bold]" for _ in indices))
        return out

    out = io.StringIO()
    Console(file=out, width=80).print(Fitted([Layout(build, 2)]))  # markup on, the default
    assert "[max(0, x), max(0, -x)]" in out.getvalue()
    assert out.getvalue().count("[bold]v[/bold]") == 2
