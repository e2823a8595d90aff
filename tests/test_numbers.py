"""Numbers as text: one rule for every output, and numbers read from text."""

import math

import pytest

from actplot.numbers import check_range, format_number, parse_number


@pytest.mark.parametrize(
    "value, digits, text",
    [(0.5, 4, "0.5000"), (2.0, 4, "2.000"), (0.015876, 4, "0.01588"), (-4.1429, 4, "-4.143"),
     (1000.0, 4, "1000"), (12345.6, 4, "1.235e+04"), (1234.0, 1, "1e+03"), (4.2483542552915889e-18, 4, "4.248e-18"),
     (1.234e-4, 4, "0.0001234"), (4.5398e-05, 4, "4.540e-05"), (0.0, 4, "0"), (-0.0, 4, "0"),
     (math.inf, 4, "inf"), (-math.inf, 4, "-inf"), (math.nan, 4, "nan"), (2.25, 1, "2")],
)  # fmt: skip
def test_significant_digits_never_print_a_nonzero_as_zero(value, digits, text):
    assert format_number(value, digits) == text


@pytest.mark.parametrize(
    "value, text",
    [(0.5, "0.5"), (2.0, "2"), (-0.27846454276107379, "-0.27846"), (9.5367431640625e-07, "9.5367e-07"),
     (123456.0, "1.2346e+05"), (-0.0, "0"), (-math.inf, "-inf")],
)  # fmt: skip
def test_prose_trims_trailing_zeros(value, text):
    assert format_number(value, 5, trim=True) == text


def test_every_digit_reads_back():
    for v in (0.1 + 0.2, -0.0, 1e-308, 2.0, 5e-324, math.pi):
        text = format_number(v)
        assert float(text) == v and math.copysign(1, float(text)) == math.copysign(1, v)
    assert format_number(2.0, trim=True) == "2" and format_number(1e-08, trim=True) == "1e-08"


def test_figures_use_a_true_minus_and_infinity():
    assert format_number(-1.5, 4, trim=True, unicode=True) == "−1.5"
    assert format_number(-math.inf, 4, unicode=True) == "−∞"


def test_parse_numbers_and_fractions():
    assert parse_number(" -2.5 ") == -2.5 and parse_number("1/8") == 0.125
    for bad in ("1/0", "x", ""):
        with pytest.raises(ValueError, match="is not a number"):
            parse_number(bad)
    with pytest.raises(ValueError, match="beyond the float64 range"):
        parse_number("1" + "0" * 400 + "/1")


@pytest.mark.parametrize(
    "x_range, message",
    [((5, -5), "empty or reversed"), ((1, 1), "empty or reversed"), ((-math.inf, 0), "finite"),
     ((math.nan, 0), "finite"), ((-1e301, 0), "within ±1e300")],
)  # fmt: skip
def test_ranges_that_cannot_be_sampled(x_range, message):
    with pytest.raises(ValueError, match=message):
        check_range(x_range)
    assert check_range((-1, 2)) == (-1.0, 2.0)
