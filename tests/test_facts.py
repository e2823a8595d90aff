"""Ranges as sets: unions of intervals and points, merged and written one way everywhere."""

import dataclasses
import json
import math

import pytest

import actplot
from actplot.facts import Interval, point, union
from actplot.properties import analyse

INF = math.inf


@pytest.mark.parametrize(
    "parts, text",
    [([point(0.0), point(1.0)], "{0, 1}"),
     ([Interval(1.0, INF), point(0.0)], "{0} ∪ (1, inf)"),
     ([point(2.0), Interval(1.0, INF)], "(1, inf)"),  # a point inside an interval
     ([Interval(0.0, 1.0), point(1.0)], "(0, 1]"),  # an end taken by a point
     ([Interval(0.0, 1.0), Interval(1.0, 2.0, lo_closed=True)], "(0, 2)"),
     ([Interval(0.0, 1.0), Interval(1.0, 2.0)], "(0, 1) ∪ (1, 2)"),  # 1 is in neither
     ([Interval(-INF, -0.5), point(0.0), Interval(0.5, INF)], "(-inf, -0.5) ∪ {0} ∪ (0.5, inf)")],
)  # fmt: skip
def test_union_merges_and_writes_the_parts(parts, text):
    assert str(union(parts)) == text


def test_a_set_has_the_infimum_and_supremum_of_its_parts():
    s = union([Interval(1.0, INF), point(0.0)])
    assert (s.lo, s.hi, s.lo_closed, s.hi_closed) == (0.0, INF, True, False)


@pytest.mark.parametrize(
    "spec, text",
    [("binary_step", "{0, 1}"), ("threshold", "{0} ∪ (1, inf)"),
     ("hardshrink", "(-inf, -0.5) ∪ {0} ∪ (0.5, inf)"), ("threshold:threshold=0,value=1", "(0, inf)"),
     ("relu", "[0, inf)")],
)  # fmt: skip
def test_ranges_of_functions_that_jump_are_sets_in_info_and_compare(run, spec, text):
    assert f"range       {text}" in run("info", spec).stdout
    data = json.loads(run("compare", spec, "--no-plot", "--no-cost", "--format", "json").stdout)
    parts = data["activations"][0]["properties"]["range_parts"]
    assert str(union(Interval(p["lo"] if p["lo"] != "-inf" else -INF, p["hi"] if p["hi"] != "inf" else INF,
                              *p["closed"]) for p in parts)) == text  # fmt: skip
    assert str(analyse(actplot.get(spec)).facts.range) == text


def test_a_declared_range_with_a_gap_missing_is_caught():
    step = actplot.REGISTRY["binary_step"]
    whole = actplot.Facts(
        Interval(0.0, 1.0, True, True), monotonic=True, breaks=(actplot.Break(0.0, 0),)
    )
    wrong = dataclasses.replace(step, facts=lambda **_: whole).bind({})
    assert wrong.facts.range != analyse(wrong).facts.range


def test_continuity_is_written_one_way(run):
    assert "continuity  C∞" in run("info", "gelu").stdout
    assert "C∞" in run("compare", "gelu", "--no-plot", "--no-cost").stdout
    data = json.loads(run("compare", "gelu", "--no-plot", "--no-cost", "--format", "json").stdout)
    assert data["activations"][0]["properties"]["continuity"] == "C∞"
