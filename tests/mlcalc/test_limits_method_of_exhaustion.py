"""Tests of mlcalc.limits.bounds_table (chapter "The method of exhaustion")."""

from __future__ import annotations

import re
import math

import pytest

from mlcalc._table import Table
from mlcalc.limits import archimedes_bounds, bounds_table, polygon_area

ARCHIMEDES = (6, 12, 24, 48, 96)


def test_default_rows_are_archimedes_polygons():
    table = bounds_table()
    assert isinstance(table, Table)
    assert table.headers == ("n", "inscribed area", "lower bound", "upper bound", "gap")
    assert table.column("n") == list(ARCHIMEDES)


@pytest.mark.parametrize("n", [3, 4, 6, 8, 12, 96, 192, 6 * 2**10])
def test_row_matches_the_helpers_it_is_built_from(n):
    (row,) = bounds_table([n]).rows
    lower, upper = archimedes_bounds(n)
    assert row == (n, polygon_area(n), lower, upper, upper - lower)
    assert row[1] <= row[2] < math.pi < row[3]
    assert row[3] == pytest.approx(polygon_area(n, inscribed=False), rel=1e-12)


def test_rows_keep_the_given_order_and_accept_any_iterable():
    assert bounds_table([96, 6]).column("n") == [96, 6]
    assert bounds_table(range(6, 7)).column("n") == [6]
    assert bounds_table(iter([12, 24])).column("n") == [12, 24]


def test_gap_shrinks_like_one_over_n_squared():
    ns = [6 * 2**k for k in range(12)]
    gaps = bounds_table(ns).column("gap")
    scaled = [n**2 * gap for n, gap in zip(ns, gaps)]
    assert scaled[-1] == pytest.approx(math.pi**3 / 2, rel=1e-6)
    assert all(g1 / g2 == pytest.approx(4, rel=0.05) for g1, g2 in zip(gaps[2:], gaps[3:]))


def test_archimedes_famous_fractions_bracket_the_96_gon():
    from fractions import Fraction

    (row,) = bounds_table([96]).rows
    assert Fraction(223, 71) < Fraction(row[2]) and Fraction(row[3]) < Fraction(22, 7)


def test_html_and_text_rendering():
    table = bounds_table([6])
    assert re.search(r"<th[^>]*>lower bound</th>", table._repr_html_())
    assert "upper bound" in str(table)


@pytest.mark.parametrize("bad", [6.0, "6", True, None])
def test_wrong_kind_of_side_count_is_a_type_error(bad):
    with pytest.raises(TypeError, match="ns"):
        bounds_table([bad])


@pytest.mark.parametrize("bad", ["6, 12", 6, None, 3.5])
def test_ns_that_is_not_a_sequence_is_a_type_error(bad):
    with pytest.raises(TypeError, match="ns"):
        bounds_table(bad)


@pytest.mark.parametrize("bad", [[2], [5], [10], [100], [0], [-6]])
def test_impossible_side_counts_are_value_errors(bad):
    with pytest.raises(ValueError, match="ns"):
        bounds_table(bad)


def test_empty_ns_is_a_value_error():
    with pytest.raises(ValueError, match="ns must not be empty"):
        bounds_table([])
