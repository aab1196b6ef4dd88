"""Tests of mlcalc._table: the small table that rules and limits return.

A reader sees it as aligned text (``print``) or as HTML in a notebook; both are spelled out here.
"""

from __future__ import annotations

import pytest

from mlcalc._table import Table, make_table


def test_make_table_stores_tuples_and_columns():
    table = make_table(["h", "error"], [[0.1, 2], (0.01, 3)])
    assert table == Table(("h", "error"), ((0.1, 2), (0.01, 3)))
    assert table.column("h") == [0.1, 0.01]
    assert table.column("error") == [2, 3]


def test_an_unknown_column_names_the_choices():
    table = make_table(["h", "error"], [])
    with pytest.raises(KeyError, match=r"name must be one of \('h', 'error'\); got 'x'"):
        table.column("x")
    assert table.column("error") == []


def test_text_aligns_columns_on_the_right():
    # Floats show with 10 significant digits; other values as str.
    table = make_table(["n", "value"], [(1, 0.5), (12, 1 / 3), (3, "n/a")])
    assert str(table) == "\n".join([
        " n         value",
        " 1           0.5",
        "12  0.3333333333",
        " 3           n/a",
    ])
    assert repr(table) == str(table)


def test_html_has_one_cell_per_value_aligned_right():
    table = make_table(["h", "error"], [(0.1, 1e-20), (0.01, 2)])
    style = "text-align: right; padding: 0.2em 0.8em"
    assert table._repr_html_() == (
        f'<table><thead><tr><th style="{style}">h</th><th style="{style}">error</th></tr></thead>'
        f'<tbody><tr><td style="{style}">0.1</td><td style="{style}">1e-20</td></tr>'
        f'<tr><td style="{style}">0.01</td><td style="{style}">2</td></tr></tbody></table>'
    )
