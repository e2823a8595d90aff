"""The Chinese notes say what the English ones say: every built-in has them, item for item, with
the same numbers; and what `--lang zh` prints fits the terminal."""

import io
import re
from collections import Counter

import pytest
from rich.console import Console

import actplot
from actplot import describe
from actplot._prose import cells, wrap
from actplot.i18n import default_language
from actplot.library.notes_zh import NOTES as ZH
from actplot.library.words_zh import CONVENTIONS, PARAMS

FIELDS = ("good", "bad", "used", "mistakes")

# A number as the notes write it: an optional sign (`+-` and `±` are one sign, `−` is `-`), digits
# with an optional decimal part and exponent, an optional fraction (-1/2, x^3/3) and percent.
# The sign counts only where it is not a hyphen or an operator after a word or a digit: `GPT-2`
# and `2013-2016` hold 2 and 2013, 2016, while `x <= -3` and `于-3` hold -3.  Digits inside names count too
# (relu6, log1p, C0, v3): names and formulas are kept as in English, so they must match as well.
_NUMBER = re.compile(
    r"(?:(?<![A-Za-z0-9_)\]}])(?P<sign>\+-|±|[-+−]))?"
    r"(?P<body>\d+(?:\.\d+)?(?:e[-+]?\d+)?(?:/\d+(?:\.\d+)?)?%?)"
)
# √2 and sqrt 2 are the same number; the root's sign is a word, not a numeral
_ROOT = re.compile(r"√|sqrt\s*")


def numbers(text: str) -> Counter[str]:
    """The numbers of ``text``, as a multiset of normalised spellings."""
    text = _ROOT.sub("sqrt ", text)
    found = Counter()
    for m in _NUMBER.finditer(text):
        sign = {"+-": "±", "−": "-"}.get(m["sign"] or "", m["sign"] or "")
        found[sign + m["body"]] += 1
    return found


def built_ins_with_notes() -> list[str]:
    registry = actplot.REGISTRY
    return [
        name
        for name in registry
        if registry.is_built_in(name) and any(text for _, text in _fields(registry[name].notes))
    ]


def _fields(notes: actplot.Notes) -> list[tuple[str, tuple[str, ...]]]:
    return [
        ("summary", (notes.summary,) if notes.summary else ()),
        *((f, getattr(notes, f)) for f in FIELDS),
    ]


NAMES = built_ins_with_notes()


# the extraction itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x = -0.75179 and 1e-20, 4.7324e-4", ["-0.75179", "1e-20", "4.7324e-4"]),
        ("x = +-2.6989 or ±2.6989", ["±2.6989", "±2.6989"]),
        ("from 0 to -1/2 and 3/2; x^3/3", ["0", "-1/2", "3/2", "3/3"]),
        ("50% of units, 1%", ["50%", "1%"]),
        ("GPT-2, 2013-2016, pre-2010", ["2", "2013", "2016", "2010"]),
        ("relu6, log1p, C0, MobileNet v3", ["6", "1", "0", "3"]),
        ("e^x - 1, sigma(-x), e^{-2|x|}", ["1", "-2"]),
        ("erf(x/sqrt 2) and erf(x/√2)", ["2", "2"]),
        ("ReLU capped at 6.", ["6"]),
        ("（从 1.7581 跳到 1.0507）：只是 C0。", ["1.7581", "1.0507", "0"]),
        ("取最小值-0.375，于-3", ["-0.375", "-3"]),
    ],
)
def test_numbers_are_read_as_written(text, expected):
    assert numbers(text) == Counter(expected)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("-0.75179", "-0.75178"),
        ("1e-20", "1e-2"),
        ("1e-20", "1e20"),
        ("-3", "3"),
        ("+-2.6989", "2.6989"),
        ("-1/2", "1/2"),
        ("0.25", "25"),
        ("C0", "C1"),
    ],
)
def test_a_changed_number_is_another_number(a, b):
    assert numbers(a) != numbers(b)


# every built-in, item for item ----------------------------------------------------------------


def test_every_built_in_with_notes_has_chinese_notes():
    missing = [name for name in NAMES if name not in ZH]
    assert not missing, (
        f"no Chinese notes for {', '.join(missing)}: add NOTES[name] = Notes(...) to "
        "actplot/library/notes_zh.py, item for item with the English"
    )


def test_chinese_notes_belong_to_built_ins():
    assert not set(ZH) - set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_same_number_of_items(name):
    en, zh = dict(_fields(actplot.REGISTRY[name].notes)), dict(_fields(ZH[name]))
    assert {f: len(items) for f, items in zh.items()} == {f: len(items) for f, items in en.items()}


# Compared item by item, which is stricter than per field: the translations keep the English
# order of items, and no item moves a number to another.
@pytest.mark.parametrize("name", NAMES)
def test_the_same_numbers_item_for_item(name):
    en, zh = dict(_fields(actplot.REGISTRY[name].notes)), dict(_fields(ZH[name]))
    for field, items in en.items():
        for i, (english, chinese) in enumerate(zip(items, zh[field], strict=True)):
            assert numbers(chinese) == numbers(english), f"{name}.{field}[{i}]: {chinese}"


@pytest.mark.parametrize("name", NAMES)
def test_every_digit_is_part_of_a_number(name):
    """So no digit escapes the comparison: the numbers found hold every digit of the text, and
    the Chinese writes its numerals as ASCII (no full-width ０-９ or Chinese digits as numbers)."""
    for _, items in _fields(ZH[name]):
        for text in items:
            assert not re.search(r"[０-９－＋％]", text), text
            found = "".join(n for n, k in numbers(text).items() for _ in range(k))
            assert sorted(re.findall(r"\d", found)) == sorted(re.findall(r"\d", text)), text


@pytest.mark.parametrize("name", NAMES)
def test_code_names_and_commands_are_kept(name):
    """What a user types or reads as code (`actplot ...`, np.log(...)) is the English's."""
    en, zh = dict(_fields(actplot.REGISTRY[name].notes)), dict(_fields(ZH[name]))
    for field, items in en.items():
        for english, chinese in zip(items, zh[field], strict=True):
            assert re.findall(r"`[^`]+`", chinese) == re.findall(r"`[^`]+`", english), chinese


# conventions at kinks and parameters' meanings ----------------------------------------------


# A definition or parameter without Chinese words shows the English ones, so only the entries
# that are there are checked (a missing one is visible, never wrong).
@pytest.mark.parametrize("name", sorted(CONVENTIONS))
def test_a_chinese_convention_says_what_the_english_says(name):
    d = actplot.REGISTRY[name]
    assert actplot.REGISTRY.is_built_in(name) and d.convention, name
    assert numbers(CONVENTIONS[name]) == numbers(d.convention), CONVENTIONS[name]


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_a_chinese_parameter_doc_says_what_the_english_says(name):
    docs = {p.name: p.doc for p in actplot.REGISTRY[name].params}
    assert set(PARAMS[name]) <= set(docs), name
    for param, text in PARAMS[name].items():
        assert numbers(text) == numbers(docs[param]), text


def test_the_conventions_and_parameters_of_the_built_ins_are_in_chinese_today():
    """Every built-in that has Chinese notes has its convention and its parameters' meanings in
    Chinese as well: the rows of `info` between the formulas and the notes."""
    missing = []
    for name in ZH:
        d = actplot.REGISTRY[name]
        if d.convention and name not in CONVENTIONS:
            missing.append(f"CONVENTIONS[{name!r}]")
        missing += [
            f"PARAMS[{name!r}][{p.name!r}]"
            for p in d.params
            if p.doc and p.name not in PARAMS.get(name, {})
        ]
    assert not missing, f"add {', '.join(missing)} to actplot/library/words_zh.py"


# what a user sees --------------------------------------------------------------------------------


def test_a_zh_locale_chooses_chinese():
    assert default_language({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert default_language({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert default_language({}) == "en"


def _items(name):
    for notes in (actplot.REGISTRY[name].notes, ZH[name]):
        for _, items in _fields(notes):
            yield from items


@pytest.mark.parametrize("width", [30, 40, 80])
def test_prose_wraps_chinese_between_characters_and_never_cuts_a_number(width):
    for name in NAMES:
        for text in _items(name):
            lines = [text[a:b] for a, b in wrap(text, width, hang=2)]
            for n, line in enumerate(lines):
                room = width - (2 if n else 0)
                # only a run of narrow characters wider than the line may overflow it
                assert sum(map(cells, line)) <= room or " " not in line, line
                assert line == line.strip()
                assert n == 0 or line[0] not in "，。、；：）”%,.;:)", line
                assert line[-1] not in "（“(" or n == len(lines) - 1, line
            # nothing lost but the spaces where lines break
            assert "".join(lines).replace(" ", "") == text.replace(" ", "")
            # no number is split over two lines
            assert sum((numbers(line) for line in lines), Counter()) == numbers(text), lines


def test_prose_breaks_a_chinese_sentence_where_english_would_leave_a_hole():
    # rich alone moves the whole run to the next line and folds it before the full stop
    text = "• 光滑，带一个小的负向凹陷；Transformer 中的标准选择。"
    lines = [text[a:b] for a, b in wrap(text, 39, hang=2)]
    assert lines == ["• 光滑，带一个小的负向凹陷；Transformer", "中的标准选择。"]
    assert [("abc def")[a:b] for a, b in wrap("abc def", 3)] == ["abc", "def"]
    # a run wider than the line is cut at the width, as rich folds it
    assert [("x" * 7)[a:b] for a, b in wrap("x" * 7, 3)] == ["xxx", "xxx", "x"]


def _render(renderable, width):
    buffer = io.StringIO()
    Console(width=width, file=buffer, color_system=None).print(renderable)
    return buffer.getvalue()


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize("name", NAMES)
def test_info_in_chinese_fits_the_terminal(name, width):
    shown = _render(describe.info(name).to_rich("zh"), width)
    assert all(sum(map(cells, line.rstrip())) <= width for line in shown.splitlines()), shown
    assert "…" not in shown
    # every item is there whole: only spaces and line breaks were added or dropped
    flat = re.sub(r"\s", "", shown)
    for _, items in _fields(ZH[name]):
        for item in items:
            assert re.sub(r"\s", "", item) in flat, item


@pytest.mark.parametrize("width", [40, 80])
def test_info_in_chinese_on_the_command_line(run, width):
    result = run("info", "gelu", "--lang", "zh", env_width=width)
    assert result.exit_code == 0, result.output
    assert all(sum(map(cells, line.rstrip())) <= width for line in result.output.splitlines())
    assert "常见错误" in result.output


@pytest.mark.parametrize("width", [40, 80])
def test_compare_in_chinese_fits_the_terminal(run, width):
    result = run("compare", "relu", "gelu", "--lang", "zh", "--no-plot", env_width=width)
    assert result.exit_code == 0, result.output
    assert all(sum(map(cells, line.rstrip())) <= width for line in result.output.splitlines())
    assert "…" not in result.output
    assert "性质" in result.output
    shown = re.sub(r"\s", "", result.output)
    for name in ("relu", "gelu"):
        for _, items in _fields(ZH[name]):
            assert all(re.sub(r"\s", "", item) in shown for item in items)


def test_info_words_around_the_notes_are_chinese(run):
    result = run("info", "threshold", "--lang", "zh")
    assert CONVENTIONS["threshold"] in result.output
    assert "默认 1" in result.output and "不连续（x = 1 处跳跃）" in result.output
    assert "处处光滑：无需约定。" in run("info", "gelu", "--lang", "zh").output
    english = run("info", "threshold", "--lang", "en").output
    assert "discontinuous (jump at x = 1)" in english and "; default 1" in english


def test_a_zh_locale_gives_chinese_info(run, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    result = run("info", "gelu")
    assert ZH["gelu"].good[0] in result.output
