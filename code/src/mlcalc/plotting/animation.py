"""Animations as self-contained JavaScript/HTML that play in the static site with no kernel."""

from __future__ import annotations

import re
from html import escape
from typing import Any, Callable

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from .._checks import check_callable, check_choice, check_positive, check_positive_int


class _HTMLDocument:
    """HTML that a notebook displays (used when IPython is not installed)."""

    def __init__(self, html: str) -> None:
        self.data = html

    def _repr_html_(self) -> str:
        return self.data

    def __str__(self) -> str:
        return self.data


def _html(html: str) -> Any:
    try:
        from IPython.display import HTML
    except ImportError:
        return _HTMLDocument(html)
    return HTML(html)


_MODES = ("once", "loop", "reflect")


def animate(
    draw_frame: Callable[[Axes, int], Any],
    n_frames: int,
    *,
    interval: float = 200,
    figsize: tuple[float, float] = (6.4, 4.0),
    dpi: float = 72,
    default_mode: str = "once",
    alt: str = "An animation; the text above it describes what it shows.",
) -> Any:
    """Build an animation as self-contained HTML/JavaScript with play controls.

    Frame ``i`` is drawn by ``draw_frame(ax, i)`` on axes cleared before every frame, so each
    frame draws everything it shows (and sets its own limits, labels and title).  The frames are
    embedded as PNG images at ``dpi``: a line plot at the defaults takes about 35-45 kB per
    frame in the page, so keep to about 25 frames per animation to stay under 1 MB.

    Parameters
    ----------
    draw_frame : callable
        ``draw_frame(ax, i)`` for ``i = 0 .. n_frames - 1``.
    n_frames : int
        Number of frames (>= 1).
    interval : float
        Milliseconds between frames.
    figsize : (width, height)
        Figure size in inches.
    dpi : float
        Resolution of the frames.
    default_mode : {"once", "loop", "reflect"}
        What the player does at the last frame (the reader can change it).
    alt : str
        Alternative text of the frames, for readers who cannot see them: say what the
        animation shows.

    Returns
    -------
    IPython.display.HTML
        Displays as the animation in a notebook and in the built book; its ``_repr_html_()``
        (or ``.data``) is the HTML.  Without IPython, a small object with ``_repr_html_``.

    Examples
    --------
    >>> def draw(ax, i):
    ...     ax.plot([0, 1], [0, i])
    ...     ax.set_ylim(0, 3)
    >>> page = animate(draw, 3)
    >>> "<script" in page._repr_html_()
    True
    """
    check_callable("draw_frame", draw_frame)
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(f"alt must be a non-empty description of the animation; got {alt!r}")
    n_frames = check_positive_int("n_frames", n_frames)
    interval = check_positive("interval", interval)
    dpi = check_positive("dpi", dpi)
    default_mode = check_choice("default_mode", default_mode, _MODES)
    width, height = _check_size(figsize)
    from matplotlib.animation import FuncAnimation

    fig = plt.figure(figsize=(width, height), dpi=dpi, layout="none")
    try:
        ax = fig.add_subplot()
        # Fixed margins: a layout engine would move the axes from frame to frame.
        fig.subplots_adjust(left=0.13, right=0.96, bottom=0.14, top=0.9)

        def update(i: int) -> tuple:
            ax.clear()
            draw_frame(ax, i)
            return ()

        animation = FuncAnimation(fig, update, frames=n_frames, interval=interval,
                                  repeat=default_mode == "loop")
        with mpl.rc_context({"savefig.dpi": dpi, "savefig.bbox": None}):
            html = animation.to_jshtml(default_mode=default_mode)
    finally:
        plt.close(fig)
    return _html(_self_contained(html, alt))


def _self_contained(html: str, alt: str) -> str:
    """Make matplotlib's player work offline and accessibly.

    Drops the player's stylesheet link to a CDN (the book's theme already ships the icon font),
    gives the frame image its alt text and the frame slider a label.
    """
    html = re.sub(r'<link rel="stylesheet"\s+href="https://[^"]*font-awesome[^"]*">', "", html)
    html = html.replace('<img id="', f'<img alt="{escape(alt, quote=True)}" id="', 1)
    return html.replace('class="anim-slider"', 'class="anim-slider" aria-label="Frame"', 1)


def _check_size(figsize: Any) -> tuple[float, float]:
    try:
        width, height = figsize
    except (TypeError, ValueError):
        raise TypeError(
            f"figsize must be a pair (width, height) in inches; got {figsize!r}"
        ) from None
    return check_positive("figsize", width), check_positive("figsize", height)
