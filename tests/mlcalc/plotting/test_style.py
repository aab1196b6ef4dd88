"""Tests of mlcalc.plotting.style: one colour-blind-safe palette and the book's style."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
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

    InteractiveShell.clear_instance()  # no shell left over by another test (or by use_book_style)
    use_book_style()
    assert not InteractiveShell.initialized()


def test_use_book_style_in_ipython_shows_figures_as_svg():
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.clear_instance()
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


def test_palette_values_are_okabe_and_itos():
    """The exact hex codes of Okabe and Ito (2008), as the chapters and the docs print them."""
    assert PALETTE == {
        "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
        "purple": "#CC79A7", "sky": "#56B4E9", "yellow": "#F0E442", "black": "#000000",
    }


def test_book_style_sizes_are_the_documented_ones():
    """6.4 x 4 inches at 100 dpi; text at least 11 points (legible when a wide figure is shrunk to
    the page's column, see tests/site/test_legibility.py); titles and axis labels a size larger."""
    with mpl.rc_context():
        use_book_style()
        assert mpl.rcParams["figure.dpi"] == 100 and mpl.rcParams["savefig.dpi"] == "figure"
        assert mpl.rcParams["font.size"] == 11
        for name in ("xtick.labelsize", "ytick.labelsize", "legend.fontsize"):
            assert mpl.rcParams[name] == 11, name
        assert mpl.rcParams["axes.titlesize"] == 12 and mpl.rcParams["axes.labelsize"] == 12
        assert mpl.rcParams["lines.linewidth"] == 2.0 and mpl.rcParams["lines.markersize"] == 6
        assert mpl.rcParams["axes.axisbelow"] is True  # the grid stays behind the curves
        assert mpl.rcParams["image.cmap"] == "viridis"  # colour-blind safe, like the palette


def test_the_same_figure_gives_the_same_svg_on_every_build():
    import io

    def svg() -> str:
        with mpl.rc_context():
            use_book_style()
            fig, ax = plt.subplots()
            ax.plot([0, 1, 2], [0, 1, 4])
            buffer = io.StringIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None})
            plt.close(fig)
            return buffer.getvalue()

    first = svg()
    assert first == svg()
    with mpl.rc_context():
        use_book_style()
        assert mpl.rcParams["svg.hashsalt"] == "mlcalc"
