"""Figures and animations that several chapters share, in one colour-blind-safe style.

A figure helper lives here only if two or more chapters use it, or if its code teaches no
calculus (the style, the animation player, the timeline's label spreading).  A figure drawn for
one chapter is drawn in that chapter, in a cell tagged ``hide-input``.  The test
``tests/mlcalc/plotting/test_usage.py`` reads the chapters and keeps this rule.

The modules, by kind of figure:

- ``style``: :data:`~mlcalc.plotting.style.PALETTE` and :func:`use_book_style`;
- ``curves``: :func:`plot_function`, :func:`plot_with_derivatives`,
  :func:`plot_riemann_rectangles`;
- ``slopes``: :func:`plot_secant_tangent`, :func:`plot_zoom_sequence`,
  :func:`plot_step_error`;
- ``fitting``: :func:`plot_cost_curve`, :func:`plot_line_fits`,
  :func:`plot_cost_history`;
- ``animation``: :func:`animate`;
- ``graphs``: :func:`plot_computational_graph`;
- ``timeline``: :func:`plot_timeline`.

Conventions shared by all helpers:

- Every static helper returns the matplotlib :class:`~matplotlib.figure.Figure` and accepts
  ``ax=`` to draw into existing axes (then the returned figure is the one holding ``ax``).
  Axes are labelled; override the labels with ``xlabel=`` / ``ylabel=``.
- New figures are made with :mod:`matplotlib.pyplot`, so a notebook shows them at the end of the
  cell like any other matplotlib figure.  End the line with ``;`` or assign the result
  (``fig = plot_function(...)``), or the figure is shown twice (once by pyplot, once as the
  cell's value).
- :func:`animate` returns an HTML object: self-contained JavaScript with play controls
  (:meth:`matplotlib.animation.Animation.to_jshtml`) that plays in the static site with no
  kernel.  Its figure is closed, so it is not shown a second time.
- Bad input raises ``TypeError`` or ``ValueError`` with a message that names the argument, and
  leaves no half-drawn figure behind.

Examples
--------
>>> from mlcalc import plotting
>>> fig = plotting.plot_function(lambda x: 1 / x, (-3, 3), poles=[0])
>>> fig.axes[0].get_ylabel()
'$f(x)$'
"""

from __future__ import annotations

from .animation import animate
from .curves import plot_function, plot_riemann_rectangles, plot_with_derivatives
from .fitting import plot_cost_curve, plot_cost_history, plot_line_fits
from .graphs import plot_computational_graph
from .slopes import plot_secant_tangent, plot_step_error, plot_zoom_sequence
from .style import PALETTE, use_book_style
from .timeline import plot_timeline

__all__ = [
    "PALETTE",
    "use_book_style",
    "plot_function",
    "plot_with_derivatives",
    "plot_riemann_rectangles",
    "plot_secant_tangent",
    "plot_zoom_sequence",
    "plot_step_error",
    "plot_cost_curve",
    "plot_line_fits",
    "plot_cost_history",
    "animate",
    "plot_computational_graph",
    "plot_timeline",
]
