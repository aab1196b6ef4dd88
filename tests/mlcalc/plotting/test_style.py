"""Tests of mlcalc.plotting.style: one colour-blind-safe palette and the book's style."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import same_color, to_rgba

from mlcalc.plotting import PALETTE, use_book_style


def test_palette_is_okabe_ito_with_eight_distinct_colours():
    assert list(PALETTE) == [
        "blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "black"
    ]
    colours = list(PALETTE.values())
    assert len({to_rgba(c) for c in colours}) == 8
    assert same_color(PALETTE["vermillion"], "#D55E00")
    assert same_color(PALETTE["sky"], "#56B4E9")


def test_use_book_style_sets_the_cycle_and_is_idempotent():
    assert use_book_style() is None
    first = dict(mpl.rcParams)
    use_book_style()
    assert dict(mpl.rcParams) == first
    assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == list(PALETTE.values())
    assert mpl.rcParams["axes.spines.top"] is False and mpl.rcParams["axes.spines.right"] is False
    assert mpl.rcParams["axes.grid"] is True
    assert mpl.rcParams["savefig.bbox"] == "tight"
    assert tuple(mpl.rcParams["figure.figsize"]) == (6.4, 4.0)
    # The next line drawn takes the first colour of the palette.
    _, ax = plt.subplots()
    (line,) = ax.plot([0, 1], [0, 1])
    assert same_color(line.get_color(), PALETTE["blue"])


def test_use_book_style_outside_ipython_starts_no_shell():
    from IPython.core.interactiveshell import InteractiveShell

    if InteractiveShell.initialized():
        pytest.skip("an IPython shell is already running")
    use_book_style()
    assert not InteractiveShell.initialized()


def test_use_book_style_in_ipython_shows_figures_as_svg():
    from IPython.core.interactiveshell import InteractiveShell

    if InteractiveShell.initialized():
        pytest.skip("an IPython shell is already running")
    shell = InteractiveShell.instance()
    try:
        use_book_style()
        svg = shell.display_formatter.formatters["image/svg+xml"]
        fig = plt.figure()
        fig.add_subplot().plot([0, 1], [1, 0])
        output = svg(fig)
        assert output is not None and "<svg" in output
        assert "<dc:date>" not in output  # the same figure gives the same page
    finally:
        InteractiveShell.clear_instance()
