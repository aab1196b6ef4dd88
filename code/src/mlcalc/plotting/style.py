"""The book's look: one colour-blind-safe palette and one matplotlib style.

Examples
--------
>>> from mlcalc.plotting import PALETTE
>>> PALETTE["blue"]
'#0072B2'
"""

from __future__ import annotations

import sys
from typing import Any

import matplotlib as mpl
from cycler import cycler


#: The Okabe-Ito palette (Okabe and Ito, 2008), safe for the common forms of colour blindness.
#: The order of the values is the book's colour cycle: ``list(PALETTE.values())``.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}


_BOOK_RC: dict[str, Any] = {
    "axes.prop_cycle": cycler(color=list(PALETTE.values())),
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": "figure",
    "savefig.bbox": "tight",
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 12,
    # Tick labels and legends at 11 points stay at least 9 CSS pixels tall when a figure up to
    # 10.5 inches wide (three panels) is shrunk to the page's 672-pixel column
    # (tests/site/test_legibility.py measures every figure of the built site).
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "legend.framealpha": 0.9,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.6,
    "grid.alpha": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.0,
    "lines.markersize": 6,
    "image.cmap": "viridis",
    # The same SVG for the same figure on every build (ids are hashed with this salt).
    "svg.hashsalt": "mlcalc",
}


def use_book_style() -> None:
    """Set the book's matplotlib style; in IPython also show figures inline as SVG.

    Sets the colour cycle to :data:`~mlcalc.plotting.style.PALETTE`, readable font sizes, a
    light grid, no top and right spines, a 6.4 x 4 inch figure at 100 dpi and tight bounding
    boxes when saving.  Calling it again changes nothing.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> use_book_style()
    >>> mpl.rcParams["axes.prop_cycle"].by_key()["color"][:2]
    ['#0072B2', '#E69F00']
    """
    mpl.rcParams.update(_BOOK_RC)
    _use_inline_svg()


def _use_inline_svg() -> None:
    """Show inline figures as SVG (light line art) when running in IPython; else do nothing."""
    if "IPython" not in sys.modules:
        return
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:
        return
    if get_ipython() is None:
        return
    # No date in the SVG metadata, so an unchanged figure gives unchanged output.
    set_matplotlib_formats("svg", metadata={"Date": None})
