"""Figures and animations for the chapters, in one colour-blind-safe style.

Where each helper is used in the book:

- every chapter: :func:`use_book_style` (once, in a hidden set-up cell) and :data:`PALETTE`;
- Part I, Limits: :func:`plot_function` (holes at removable discontinuities, branches at poles),
  :func:`plot_limit_approach`, :func:`plot_epsilon_delta` and :func:`plot_squeezed_function`
  ("Calculating limits"), :func:`plot_exhaustion`,
  :func:`animate_exhaustion`, :func:`plot_riemann_rectangles` and :func:`plot_squeeze`
  ("The method of exhaustion");
- Part II, Derivatives: :func:`plot_secant_tangent`, :func:`animate_secant_to_tangent`,
  :func:`plot_zoom_sequence` and :func:`plot_step_error` ("Definition and notation: the delta
  method"), :func:`plot_cost_curve`, :func:`plot_descent_path` and :func:`animate_descent`
  ("Cost functions and their derivatives", "Gradient descent");
- Part III, Automatic differentiation: :func:`plot_computational_graph` ("AutoDiff with
  PyTorch"; it draws a PyTorch ``grad_fn`` graph or an ``mlcalc.autodiff.Var`` graph).

Conventions shared by all helpers:

- Every static helper returns the matplotlib :class:`~matplotlib.figure.Figure` and accepts
  ``ax=`` to draw into existing axes (then the returned figure is the one holding ``ax``).
  Axes are labelled; override the labels with ``xlabel=`` / ``ylabel=``.
- New figures are made with :mod:`matplotlib.pyplot`, so a notebook shows them at the end of the
  cell like any other matplotlib figure.  End the line with ``;`` or assign the result
  (``fig = plot_function(...)``), or the figure is shown twice (once by pyplot, once as the
  cell's value).
- Animations (:func:`animate` and the ``animate_*`` helpers) return an HTML object: self-contained
  JavaScript with play controls (:meth:`matplotlib.animation.Animation.to_jshtml`) that plays in
  the static site with no kernel.  Their figure is closed, so it is not shown a second time.

Examples
--------
>>> fig = plot_function(lambda x: (x**2 - 1) / (x - 1), (-1, 3), holes=[1])
>>> fig.axes[0].get_xlabel()
'$x$'
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import sys
from collections.abc import Mapping
from html import escape
from typing import Any, Callable, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Polygon, Rectangle

from ._checks import (
    as_real_array,
    check_callable,
    check_choice,
    check_positive,
    check_positive_int,
    check_real,
)

__all__ = [
    "PALETTE",
    "use_book_style",
    "plot_function",
    "plot_limit_approach",
    "plot_secant_tangent",
    "plot_zoom_sequence",
    "plot_exhaustion",
    "plot_riemann_rectangles",
    "plot_cost_curve",
    "plot_descent_path",
    "plot_step_error",
    "plot_scaling",
    "plot_one_sided_secants",
    "animate",
    "animate_secant_to_tangent",
    "animate_exhaustion",
    "animate_descent",
    "animate_zoom",
    "plot_squeeze",
    "plot_epsilon_delta",
    "plot_squeezed_function",
    "plot_line_fits",
    "plot_fit_progress",
    "plot_cost_history",
    "plot_product_rule_rectangle",
    "plot_chain_rule",
    "plot_with_derivatives",
    "plot_derivative_grid",
    "plot_computational_graph",
    "plot_partial_sums",
    "plot_timeline",
    "plot_trajectories",
]

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

_ASYMPTOTE_COLOR = "0.45"
_HOLE_LABEL = "_mlcalc_hole"
_POINT_LABEL = "_mlcalc_point"
_ASYMPTOTE_LABEL = "_mlcalc_asymptote"

_BOOK_RC: dict[str, Any] = {
    "axes.prop_cycle": cycler(color=list(PALETTE.values())),
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": "figure",
    "savefig.bbox": "tight",
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 12,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
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

    Sets the colour cycle to :data:`PALETTE`, readable font sizes, a light grid, no top and
    right spines, a 6.4 x 4 inch figure at 100 dpi and tight bounding boxes when saving.
    Calling it again changes nothing.

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


# --------------------------------------------------------------------------------------------
# Private helpers: argument checks and evaluation


def _close_on_error(function: Callable) -> Callable:
    """Close the figures ``function`` opened if it fails, so no empty figure is left to show."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        before = set(plt.get_fignums())
        try:
            return function(*args, **kwargs)
        except Exception:
            for number in set(plt.get_fignums()) - before:
                plt.close(number)
            raise

    return wrapper


def _check_range(name: str, value: Any) -> tuple[float, float]:
    """Return ``(low, high)`` from a pair of finite reals with ``low < high``."""
    try:
        low, high = value
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be a pair (low, high) of real numbers; got {value!r}"
        ) from None
    low = check_real(name, low)
    high = check_real(name, high)
    if not low < high:
        raise ValueError(f"{name} must satisfy low < high; got ({low:g}, {high:g})")
    return low, high


def _check_axes(ax: Any) -> None:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")


def _axes(ax: Axes | None, **figure_kwargs: Any) -> Axes:
    """Return ``ax``, or the axes of a new pyplot figure."""
    _check_axes(ax)
    if ax is None:
        _, ax = plt.subplots(**figure_kwargs)
    return ax


def _figure_of(ax: Axes) -> Figure:
    """The top-level figure holding ``ax`` (also when ``ax`` sits in a subfigure)."""
    figure = ax.figure
    while not isinstance(figure, Figure):
        figure = figure.figure
    return figure


def _label(ax: Axes, xlabel: str | None, ylabel: str | None) -> None:
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)


def _as_floats(values: Any) -> np.ndarray:
    """Values returned by ``f`` as floats: complex numbers with an imaginary part become NaN."""
    array = np.asarray(values)
    if np.iscomplexobj(array):
        real = np.where(np.abs(array.imag) > 1e-12 * (1 + np.abs(array.real)), np.nan, array.real)
        return real.astype(float)
    return array.astype(float)


def _value(f: Callable, x: float) -> float:
    """``f(x)`` as a float; NaN where ``f`` is undefined (division by zero, domain errors)."""
    with np.errstate(all="ignore"):
        try:
            y = f(x)
        except (ArithmeticError, ValueError):
            return math.nan
    try:
        return float(_as_floats(y))
    except (TypeError, ValueError):
        raise TypeError(f"f must return a real number; f({x!r}) returned {y!r}") from None


def _evaluate(f: Callable, xs: np.ndarray) -> np.ndarray:
    """``f`` on an array: one vectorised call if ``f`` accepts arrays, else point by point."""
    with np.errstate(all="ignore"):
        try:
            ys = _as_floats(f(xs))
        except Exception:  # noqa: BLE001 - f written for scalars (math.sin, if/else, ...)
            ys = None
    if ys is not None and ys.shape in {xs.shape, ()}:
        return np.broadcast_to(ys, xs.shape).copy()
    return np.array([_value(f, float(x)) for x in xs])


def _side_values(f: Callable, a: float, step: float = 1e-4) -> tuple[float, float]:
    """``f`` just left and just right of ``a``, at ``step * max(1, |a|)`` from it.

    The default step is small for a plot and large enough to keep round-off error away.
    """
    h = step * max(1.0, abs(a))
    return _value(f, a - h), _value(f, a + h)


def _limit_estimate(f: Callable, a: float) -> float:
    """The plotted limit at ``a``: the average of ``f`` just left and just right of ``a``.

    NaN unless each side settles down as the step shrinks (1e-3, 1e-4, 1e-5) and the two sides
    meet: no hole is drawn at a jump, a pole or an oscillation.
    """
    (l0, r0), (l1, r1), (l2, r2) = (_side_values(f, a, step) for step in (1e-3, 1e-4, 1e-5))
    value = 0.5 * (l2 + r2)
    if not all(math.isfinite(v) for v in (l0, r0, l1, r1, l2, r2)):
        return math.nan
    tolerance = 1e-4 * (1 + abs(value))
    for near, nearer, nearest in ((l0, l1, l2), (r0, r1, r2)):
        change = abs(nearer - nearest)
        if change > tolerance and change > 0.2 * abs(near - nearer):
            return math.nan
    if abs(l2 - r2) > max(tolerance, 0.5 * abs(l1 - r1)):
        return math.nan
    return value


def _marks(name: str, items: Any, f: Callable, estimate: Callable) -> list[tuple[float, float]]:
    """Parse ``holes``/``points``: each item is ``x`` (y from ``estimate(f, x)``) or ``(x, y)``."""
    if items is None:
        return []
    if isinstance(items, (str, bytes)) or not np.iterable(items):
        raise TypeError(f"{name} must be a sequence of x values or (x, y) pairs; got {items!r}")
    what = "a two-sided limit" if estimate is _limit_estimate else "a finite value"
    marks = []
    for item in items:
        if np.iterable(item) and not isinstance(item, (str, bytes)):
            pair = list(item)
            if len(pair) != 2:
                raise ValueError(f"{name} must hold x values or (x, y) pairs; got {item!r}")
            marks.append((check_real(name, pair[0]), check_real(name, pair[1])))
            continue
        x = check_real(name, item)
        y = estimate(f, x)
        if not math.isfinite(y):
            raise ValueError(
                f"{name}: f has no {what} at x={x:g} that a plot can estimate; "
                "give the point as a pair (x, y)"
            )
        marks.append((x, y))
    return marks


def _positions(name: str, items: Any, low: float, high: float) -> list[float]:
    """Parse ``poles``/``breaks``: x values strictly inside ``(low, high)``."""
    if items is None:
        return []
    if isinstance(items, (str, bytes)) or not np.iterable(items):
        raise TypeError(f"{name} must be a sequence of x values; got {items!r}")
    xs = sorted({check_real(name, x) for x in items})
    for x in xs:
        if not low < x < high:
            raise ValueError(f"{name} must lie inside x_range ({low:g}, {high:g}); got {x:g}")
    return xs


def _check_inside(name: str, x: float, low: float, high: float) -> None:
    if not low <= x <= high:
        raise ValueError(f"{name} must lie inside x_range ({low:g}, {high:g}); got {x:g}")


# --------------------------------------------------------------------------------------------
# Drawing a function: branches, holes, poles


def _sample(
    f: Callable,
    low: float,
    high: float,
    poles: Sequence[float],
    breaks: Sequence[float],
    holes: Sequence[float],
    samples: int,
) -> tuple[list[tuple[np.ndarray, np.ndarray]], np.ndarray, np.ndarray, list[float]]:
    """Sample ``f`` on ``[low, high]`` and cut it into branches that may be drawn as lines.

    Returns the branches (x, y), each a run of finite values with no pole, break or hole
    inside it; all the sampled x and y; and where unlisted poles were found.
    """
    width = high - low
    eps = 1e-9 * width
    pole_set = set(poles)
    edges = [low, *sorted(pole_set | set(breaks)), high]
    pieces = []
    for left, right in zip(edges[:-1], edges[1:]):
        xs = np.linspace(left, right, max(50, int(samples * (right - left) / width)))
        # Close in on a pole geometrically, so the branch runs off the top or bottom.
        closeness = width * np.geomspace(1e-7, 1e-2, 16)
        if left in pole_set:
            xs = np.union1d(xs, left + closeness)
        if right in pole_set:
            xs = np.union1d(xs, right - closeness)
        # A cut itself belongs to neither side (the value there may be the other piece's).
        if left != low:
            xs[0] = left + eps
        if right != high:
            xs[-1] = right - eps
        for hole in holes:  # a hole is a gap in the curve
            if xs[0] < hole < xs[-1]:
                xs = np.union1d(xs, [hole])
        ys = _evaluate(f, xs)
        ys[np.isin(xs, holes)] = np.nan
        pieces.append((xs, ys))
    all_x = np.concatenate([xs for xs, _ in pieces])
    all_y = np.concatenate([ys for _, ys in pieces])
    scale = _robust_span(all_y)

    branches, found = [], []
    for xs, ys in pieces:
        gap = ~np.isfinite(ys)
        # An unlisted pole: neighbours of opposite sign far apart (e.g. tan x near pi/2).
        jump = np.zeros(ys.size, dtype=bool)
        with np.errstate(invalid="ignore"):
            jump[1:] = (np.sign(ys[1:]) * np.sign(ys[:-1]) < 0) & (
                np.abs(np.diff(ys)) > 5 * scale
            )
        found.extend(0.5 * (xs[1:][jump[1:]] + xs[:-1][jump[1:]]))
        start = 0
        for i in range(1, ys.size + 1):
            if i == ys.size or gap[i] or jump[i]:
                run = slice(start, i)
                finite = np.isfinite(ys[run])
                if finite.any():
                    branches.append((xs[run][finite], ys[run][finite]))
                start = i + 1 if i < ys.size and gap[i] else i
    return branches, all_x, all_y, [float(x) for x in found]


def _robust_span(ys: np.ndarray) -> float:
    finite = ys[np.isfinite(ys)]
    if finite.size == 0:
        return 1.0
    low, high = np.quantile(finite, [0.05, 0.95])
    span = high - low
    if span <= 0:
        span = max(abs(high), 1.0)
    return float(span)


def _sensible_ylim(
    xs: np.ndarray, ys: np.ndarray, singular: Sequence[float], extra: Sequence[float]
) -> tuple[float, float] | None:
    """y-limits that show the shape of the curve where it runs off to infinity, else None.

    Near poles (``singular``): the range of f outside a 3% neighbourhood of each pole.
    Huge values without a known pole: the central 92% of the values.
    """
    finite = np.isfinite(ys)
    if not finite.any():
        return None
    low, high = np.quantile(ys[finite], [0.04, 0.96])
    span = high - low if high > low else max(abs(high), 1.0)
    wild = np.max(np.abs(ys[finite] - np.median(ys[finite]))) > 20 * span
    if not (singular or wild):
        return None
    keep = finite.copy()
    for x in singular:
        keep &= np.abs(xs - x) > 0.03 * (xs.max() - xs.min())
    if singular and keep.sum() >= 10:
        low, high = float(ys[keep].min()), float(ys[keep].max())
        span = high - low if high > low else max(abs(high), 1.0)
    bottom, top = low - 0.1 * span, high + 0.1 * span
    for y in extra:
        bottom, top = min(bottom, y - 0.1 * span), max(top, y + 0.1 * span)
    return float(bottom), float(top)


def _draw_function(
    ax: Axes,
    f: Callable,
    low: float,
    high: float,
    *,
    holes: Sequence[tuple[float, float]] = (),
    poles: Sequence[float] = (),
    breaks: Sequence[float] = (),
    points: Sequence[tuple[float, float]] = (),
    label: str | None = None,
    color: str | None = None,
    ylim: tuple[float, float] | None = None,
    samples: int = 1000,
    **line_kwargs: Any,
) -> tuple[str, tuple[float, float] | None]:
    """Draw ``f`` with holes, poles and points; return its colour and the y-limits chosen."""
    branches, xs_all, ys_all, found = _sample(
        f, low, high, poles, breaks, [x for x, _ in holes], samples
    )
    if not branches:
        raise ValueError(f"f has no finite values on x_range ({low:g}, {high:g})")
    for i, (xs, ys) in enumerate(branches):
        (line,) = ax.plot(
            xs, ys, color=color, label=label if i == 0 else "_nolegend_", **line_kwargs
        )
        color = line.get_color()
    for pole in poles:
        ax.axvline(
            pole, color=_ASYMPTOTE_COLOR, linestyle="--", linewidth=1.2, zorder=1,
            label=_ASYMPTOTE_LABEL,
        )
    for x, y in points:
        ax.plot(
            [x], [y], linestyle="none", marker="o", markersize=7, color=color, zorder=4,
            label=_POINT_LABEL,
        )
    background = ax.get_facecolor()
    for x, y in holes:
        # Filled with the background colour: the curve visibly stops at the hole.
        ax.plot(
            [x], [y], linestyle="none", marker="o", markersize=7.5, markeredgewidth=2,
            markeredgecolor=color, markerfacecolor=background, zorder=5, label=_HOLE_LABEL,
        )
    ax.set_xlim(low, high)
    if ylim is None:
        ylim = _sensible_ylim(xs_all, ys_all, [*poles, *found], [y for _, y in [*holes, *points]])
    if ylim is not None:
        ax.set_ylim(*ylim)
    return color, ylim


@_close_on_error
def plot_function(
    f: Callable[[float], float],
    x_range: tuple[float, float],
    *,
    holes: Sequence[float | tuple[float, float]] = (),
    poles: Sequence[float] = (),
    points: Sequence[float | tuple[float, float]] = (),
    breaks: Sequence[float] = (),
    label: str | None = None,
    color: str | None = None,
    ylim: tuple[float, float] | None = None,
    samples: int = 1000,
    xlabel: str = "$x$",
    ylabel: str = "$f(x)$",
    ax: Axes | None = None,
) -> Figure:
    """Plot a function of one variable, with holes, poles and marked points drawn honestly.

    Parameters
    ----------
    f : callable
        A function of one real number.  It may accept NumPy arrays (faster) or only floats;
        where it raises ``ZeroDivisionError``/``ValueError`` or returns NaN, nothing is drawn.
    x_range : (low, high)
        The interval of x to plot.
    holes : sequence of x or (x, y)
        Removable discontinuities: an open circle at the limit value and a gap in the curve.
        Given ``x`` alone, the limit value is estimated as the average of ``f`` just left
        and just right of ``x``; give ``(x, y)`` to set it (e.g. at a jump).
    poles : sequence of x
        Vertical asymptotes: the curve is split into separate branches there (no line joins
        ``+inf`` to ``-inf``) and a dashed vertical line marks the asymptote.  Unlisted poles
        are split automatically where neighbouring values jump in sign with a huge size.
    points : sequence of x or (x, y)
        Filled dots, at ``(x, f(x))`` or at the given ``(x, y)``.
    breaks : sequence of x
        Jump discontinuities: split the curve there, without an asymptote line.
    label : str, optional
        Legend entry for the curve (the legend is drawn only if given).
    color : str, optional
        Colour of the curve; by default the next colour of the axes' cycle.
    ylim : (low, high), optional
        y-limits.  By default matplotlib's, except near a pole or huge values, where the
        limits keep the central 92% of the values in view.
    samples : int
        About how many points to evaluate ``f`` at.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes.

    Examples
    --------
    >>> fig = plot_function(lambda x: 1 / x, (-3, 3), poles=[0])
    >>> len(fig.axes), fig.axes[0].get_ylabel()
    (1, '$f(x)$')
    >>> fig = plot_function(lambda x: (x**2 - 1) / (x - 1), (-1, 3), holes=[1])
    >>> hole = [line for line in fig.axes[0].lines if line.get_label() == "_mlcalc_hole"][0]
    >>> round(float(hole.get_ydata()[0]), 6)
    2.0
    """
    check_callable("f", f)
    low, high = _check_range("x_range", x_range)
    samples = check_positive_int("samples", samples, minimum=10)
    if ylim is not None:
        ylim = _check_range("ylim", ylim)
    pole_xs = _positions("poles", poles, low, high)
    break_xs = _positions("breaks", breaks, low, high)
    hole_marks = _marks("holes", holes, f, _limit_estimate)
    point_marks = _marks("points", points, f, _value)
    for name, marks in (("holes", hole_marks), ("points", point_marks)):
        for x, _ in marks:
            _check_inside(name, x, low, high)
    ax = _axes(ax)
    _draw_function(
        ax, f, low, high, holes=hole_marks, poles=pole_xs, breaks=break_xs, points=point_marks,
        label=label, color=color, ylim=ylim, samples=samples,
    )
    _label(ax, xlabel, ylabel)
    if label is not None:
        ax.legend()
    return _figure_of(ax)


# --------------------------------------------------------------------------------------------
# Part I: limits and exhaustion


@_close_on_error
def plot_limit_approach(
    f: Callable[[float], float],
    a: float,
    *,
    steps: int | Sequence[float] = 5,
    x_range: tuple[float, float] | None = None,
    limit: float | None = None,
    xlabel: str = "$x$",
    ylabel: str = "$f(x)$",
    ax: Axes | None = None,
) -> Figure:
    """Show ``f(x)`` as ``x`` closes in on ``a`` from both sides, and the limit it approaches.

    Markers sit at ``x = a - d`` (from the left) and ``x = a + d`` (from the right) for
    shrinking distances ``d``; a dashed horizontal line marks the limit.  If ``f`` is undefined
    at ``a`` (or its value there differs from the limit), an open circle marks the hole and a
    dot marks ``f(a)``.  If the two sides head for different values, each gets its own line.

    Parameters
    ----------
    f : callable
        A function of one real number.
    a : float
        The point x approaches.
    steps : int or sequence of float
        How many distances to show (halving each time), or the distances themselves (> 0).
    x_range : (low, high), optional
        Interval to plot, with ``a`` inside; by default ``(a - 2, a + 2)``.
    limit : float, optional
        The limit to draw; by default estimated from ``f`` just left and right of ``a``
        (pass ``mlcalc.limit(f, a).value`` to draw the exact one).
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import math
    >>> fig = plot_limit_approach(lambda x: math.sin(x) / x, 0, x_range=(-6, 6))
    >>> len(fig.axes[0].get_legend().get_texts())
    4
    """
    check_callable("f", f)
    a = check_real("a", a)
    low, high = _check_range("x_range", (a - 2.0, a + 2.0) if x_range is None else x_range)
    if not low < a < high:
        raise ValueError(f"x_range must contain a={a:g} inside it; got ({low:g}, {high:g})")
    if isinstance(steps, (int, np.integer)) and not isinstance(steps, bool):
        count = check_positive_int("steps", steps)
        distances = 0.8 * min(a - low, high - a) * 0.5 ** np.arange(count)
    else:
        distances = as_real_array("steps", steps)
        if np.any(distances <= 0):
            raise ValueError("steps must be an int or a sequence of distances > 0")
    if limit is not None:
        limit = check_real("limit", limit)
    ax = _axes(ax)

    left, right = _side_values(f, a)
    if limit is not None:
        levels = [(limit, "limit", PALETTE["vermillion"])]
    elif math.isfinite(left) and math.isfinite(right):
        if abs(left - right) <= 1e-2 * (1 + abs(left) + abs(right)):
            levels = [(0.5 * (left + right), "limit", PALETTE["vermillion"])]
        else:
            levels = [
                (left, "left-hand limit", PALETTE["orange"]),
                (right, "right-hand limit", PALETTE["green"]),
            ]
    else:
        levels = []
    value_at_a = _value(f, a)
    holes, points, breaks = [], [], []
    if len(levels) == 1:
        level = levels[0][0]
        if not (math.isfinite(value_at_a) and abs(value_at_a - level) <= 1e-6 * (1 + abs(level))):
            holes.append((a, level))
            if math.isfinite(value_at_a):
                points.append((a, value_at_a))
    elif len(levels) == 2:
        breaks.append(a)
        holes.extend([(a, left), (a, right)])
        if math.isfinite(value_at_a):
            holes = [(x, y) for x, y in holes if abs(y - value_at_a) > 1e-6 * (1 + abs(y))]
            points.append((a, value_at_a))

    _draw_function(
        ax, f, low, high, holes=holes, points=points, breaks=breaks, color=PALETTE["blue"],
        label="$f(x)$",
    )
    for level, name, colour in levels:
        ax.axhline(level, color=colour, linestyle="--", linewidth=1.5, zorder=1,
                   label=f"{name} $\\approx$ {level:.4g}")
    for sign, side, colour, marker in ((-1, "left", PALETTE["orange"], "o"),
                                       (1, "right", PALETTE["green"], "s")):
        xs = a + sign * distances
        ys = np.array([_value(f, float(x)) for x in xs])
        ax.plot(xs, ys, linestyle="none", marker=marker, markersize=7, color=colour,
                markeredgecolor="white", zorder=4, label=f"$x \\to {a:g}$ from the {side}")
    ax.axvline(a, color=_ASYMPTOTE_COLOR, linestyle=":", linewidth=1, zorder=1)
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best")
    return _figure_of(ax)


def _polygon(n: int, radius: float) -> np.ndarray:
    """Vertices of a regular n-gon centred at 0, one vertex straight up."""
    angles = np.pi / 2 + 2 * np.pi * np.arange(n) / n
    return radius * np.column_stack([np.cos(angles), np.sin(angles)])


def _draw_exhaustion(ax: Axes, n: int, r: float, fewest: int | None = None) -> tuple[float, float]:
    """Draw the circle and both n-gons; the view fits the polygons of ``fewest`` sides."""
    inner = 0.5 * n * r**2 * math.sin(2 * math.pi / n)
    outer = n * r**2 * math.tan(math.pi / n)
    orange, blue = PALETTE["orange"], PALETTE["blue"]
    ax.add_patch(Polygon(_polygon(n, r / math.cos(math.pi / n)), closed=True,
                         facecolor=mpl.colors.to_rgba(orange, 0.25), edgecolor=orange,
                         linewidth=2, label=f"circumscribed {n}-gon: area {outer:.5f}"))
    ax.add_patch(Circle((0, 0), r, fill=False, edgecolor=PALETTE["black"], linewidth=2,
                        label=f"circle: area $\\pi r^2$ = {math.pi * r**2:.5f}"))
    ax.add_patch(Polygon(_polygon(n, r), closed=True, facecolor=mpl.colors.to_rgba(blue, 0.3),
                         edgecolor=blue, linewidth=2,
                         label=f"inscribed {n}-gon: area {inner:.5f}"))
    outline = _polygon(fewest or n, r / math.cos(math.pi / (fewest or n)))
    margin = 0.06 * r
    ax.set_xlim(min(outline[:, 0].min(), -r) - margin, max(outline[:, 0].max(), r) + margin)
    ax.set_ylim(min(outline[:, 1].min(), -r) - margin, max(outline[:, 1].max(), r) + margin)
    ax.set_aspect("equal")
    ax.set_title(f"$n = {n}$:  {inner / r**2:.5f} < $\\pi$ < {outer / r**2:.5f}")
    # Below the axes: inside, it would hide part of the polygons.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), fontsize=9, frameon=False)
    return inner, outer


@_close_on_error
def plot_exhaustion(
    n_sides: int,
    *,
    r: float = 1.0,
    xlabel: str = "$x$",
    ylabel: str = "$y$",
    ax: Axes | None = None,
) -> Figure:
    """A circle between its inscribed and circumscribed regular ``n_sides``-gons.

    The legend gives the three areas; the title gives the bounds on pi they imply
    (inscribed area / r^2 < pi < circumscribed area / r^2).

    Parameters
    ----------
    n_sides : int
        Number of sides, at least 3.
    r : float
        Radius of the circle (> 0).
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_exhaustion(6)
    >>> fig.axes[0].get_title()
    '$n = 6$:  2.59808 < $\\\\pi$ < 3.46410'
    """
    n = check_positive_int("n_sides", n_sides, minimum=3)
    r = check_positive("r", r)
    ax = _axes(ax, figsize=(5.0, 5.6))
    _draw_exhaustion(ax, n, r)
    _label(ax, xlabel, ylabel)
    return _figure_of(ax)


@_close_on_error
def plot_riemann_rectangles(
    f: Callable[[float], float],
    interval: tuple[float, float],
    n: int,
    *,
    rule: str = "left",
    xlabel: str = "$x$",
    ylabel: str = "$f(x)$",
    ax: Axes | None = None,
) -> Figure:
    """Rectangles under a curve: ``n`` strips whose heights are ``f`` at the ``rule`` point.

    Parameters
    ----------
    f : callable
        A function of one real number.
    interval : (low, high)
        The interval to cover.
    n : int
        Number of rectangles (>= 1).
    rule : {"left", "right", "midpoint"}
        Where in each strip ``f`` sets the height.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The legend gives the total area of the rectangles.

    Examples
    --------
    >>> fig = plot_riemann_rectangles(lambda x: x**2, (0, 1), 4, rule="right")
    >>> fig.axes[0].get_legend().get_texts()[1].get_text()
    'right sum, $n = 4$: area = 0.46875'
    """
    check_callable("f", f)
    low, high = _check_range("interval", interval)
    n = check_positive_int("n", n)
    rule = check_choice("rule", rule, ("left", "right", "midpoint"))
    ax = _axes(ax)
    edges = np.linspace(low, high, n + 1)
    width = (high - low) / n
    where = {"left": edges[:-1], "right": edges[1:], "midpoint": edges[:-1] + width / 2}[rule]
    heights = np.array([_value(f, float(x)) for x in where])
    if not np.all(np.isfinite(heights)):
        bad = where[~np.isfinite(heights)][0]
        raise ValueError(f"f must be finite at the {rule} points; f({bad:g}) is not")
    area = round(float(np.sum(heights) * width), 12) + 0.0  # no -1e-16 for a zero area
    margin = 0.05 * (high - low)
    _draw_function(ax, f, low - margin, high + margin, color=PALETTE["black"], label="$f(x)$",
                   samples=600)
    ax.bar(edges[:-1], heights, width=width, align="edge", color=PALETTE["sky"], alpha=0.55,
           edgecolor=PALETTE["blue"], linewidth=1.2,
           label=f"{rule} sum, $n = {n}$: area = {area:.6g}")
    if n <= 60:
        ax.plot(where, heights, linestyle="none", marker="o", markersize=4,
                color=PALETTE["blue"], zorder=4)
    ax.axhline(0, color=PALETTE["black"], linewidth=0.8, zorder=1)
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best")
    return _figure_of(ax)


# --------------------------------------------------------------------------------------------
# Part II: derivatives


def _tangent_slope(f: Callable, x0: float) -> float:
    h = 1e-5 * max(1.0, abs(x0))
    return (_value(f, x0 + h) - _value(f, x0 - h)) / (2 * h)


def _check_steps(name: str, hs: Any) -> np.ndarray:
    steps = as_real_array(name, hs)
    if np.any(steps == 0):
        raise ValueError(f"{name} must hold nonzero steps h; got {list(steps)}")
    return steps


def _secant_setup(
    f: Callable, x0: float, hs: np.ndarray, x_range: Any
) -> tuple[float, float, float]:
    if x_range is None:
        reach = max(1.0, 1.4 * float(np.max(np.abs(hs))))
        x_range = (x0 - reach, x0 + reach)
    low, high = _check_range("x_range", x_range)
    _check_inside("x0", x0, low, high)
    y0 = _value(f, x0)
    if not math.isfinite(y0):
        raise ValueError(f"f must be defined at x0; f({x0:g}) is not a finite number")
    return low, high, y0


def _draw_secant(ax: Axes, f: Callable, x0: float, y0: float, h: float, low: float,
                 high: float, alpha: float, label: bool = True, *, name: str = "secant",
                 color: str = PALETTE["blue"], linestyle: str = "-") -> None:
    """The secant through (x0, y0) and (x0 + h, f(x0 + h)), and a dot at the second point."""
    y1 = _value(f, x0 + h)
    slope = (y1 - y0) / h
    xs = np.array([low, high])
    ax.plot(xs, y0 + slope * (xs - x0), color=color, linestyle=linestyle, alpha=alpha,
            linewidth=1.6,
            label=f"{name}, $h = {h:.3g}$: slope {slope:.4g}" if label else "_nolegend_")
    ax.plot([x0 + h], [y1], linestyle="none", marker="o", markersize=6, color=color,
            alpha=alpha, zorder=4)


def _finish_secant_plot(ax: Axes, x0: float, y0: float, low: float, high: float, ylim: tuple,
                        xlabel: str | None, ylabel: str | None, legend_size: int) -> Figure:
    """Mark the point (x0, y0), fix the view, label the axes and add the legend."""
    ax.plot([x0], [y0], linestyle="none", marker="o", markersize=7, color=PALETTE["black"],
            zorder=5)
    ax.set_xlim(low, high)
    ax.set_ylim(*ylim)
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best", fontsize=legend_size)
    return _figure_of(ax)


def _draw_tangent(ax: Axes, f: Callable, x0: float, y0: float, low: float, high: float,
                  **kwargs: Any) -> float:
    slope = _tangent_slope(f, x0)
    xs = np.array([low, high])
    style = {"color": PALETTE["vermillion"], "linewidth": 2.6, "zorder": 3,
             "label": f"tangent: slope {slope:.4g}"}
    style.update(kwargs)
    ax.plot(xs, y0 + slope * (xs - x0), **style)
    return slope


@_close_on_error
def plot_secant_tangent(
    f: Callable[[float], float],
    x0: float,
    hs: Sequence[float],
    *,
    x_range: tuple[float, float] | None = None,
    xlabel: str = "$x$",
    ylabel: str = "$f(x)$",
    ax: Axes | None = None,
) -> Figure:
    """Secant lines through ``(x0, f(x0))`` and ``(x0 + h, f(x0 + h))`` turning into the tangent.

    Each secant is drawn fainter the larger its ``h``; the tangent (slope from a central
    difference) is highlighted.  The legend gives every slope.

    Parameters
    ----------
    f : callable
        A function of one real number, defined at ``x0``.
    x0 : float
        Where the tangent touches.
    hs : sequence of float
        Nonzero steps, e.g. ``[1, 0.5, 0.25]``.
    x_range : (low, high), optional
        Interval to plot; by default ``x0`` plus or minus ``1.4 max|h|`` (at least 1).
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_secant_tangent(lambda x: x**2, 1.0, [1, 0.5, 0.25])
    >>> fig.axes[0].get_legend().get_texts()[-1].get_text()
    'tangent: slope 2'
    """
    check_callable("f", f)
    x0 = check_real("x0", x0)
    steps = _check_steps("hs", hs)
    low, high, y0 = _secant_setup(f, x0, steps, x_range)
    ax = _axes(ax)
    _, ylim = _draw_function(ax, f, low, high, color=PALETTE["black"], label="$f(x)$")
    if ylim is None:
        ax.autoscale_view()
        ylim = ax.get_ylim()
    order = np.argsort(-np.abs(steps))  # largest step first, faintest
    alphas = np.linspace(0.3, 0.9, steps.size) if steps.size > 1 else np.array([0.9])
    for alpha, h in zip(alphas, steps[order]):
        _draw_secant(ax, f, x0, y0, float(h), low, high, float(alpha))
    _draw_tangent(ax, f, x0, y0, low, high)
    return _finish_secant_plot(ax, x0, y0, low, high, ylim, xlabel, ylabel, legend_size=9)


@_close_on_error
def plot_zoom_sequence(
    f: Callable[[float], float],
    x0: float,
    widths: Sequence[float],
    *,
    xlabel: str = "$x$",
    ylabel: str = "$f(x)$",
) -> Figure:
    """A row of panels zooming in on ``(x0, f(x0))`` until a smooth curve looks straight.

    Panel ``k`` shows ``x0`` plus or minus ``widths[k] / 2``; a shaded box marks the window of
    the next panel.

    Parameters
    ----------
    f : callable
        A function of one real number, defined near ``x0``.
    x0 : float
        The point to zoom in on.
    widths : sequence of float
        Widths of the x windows (> 0), e.g. ``[4, 1, 0.25, 0.01]``.
    xlabel, ylabel : str
        Axis labels (the y label only on the first panel).

    Returns
    -------
    matplotlib.figure.Figure
        One axes per width.

    Examples
    --------
    >>> fig = plot_zoom_sequence(lambda x: x**3 - x, 0.5, [4, 1, 0.1])
    >>> len(fig.axes)
    3
    """
    check_callable("f", f)
    x0 = check_real("x0", x0)
    sizes = as_real_array("widths", widths)
    if np.any(sizes <= 0):
        raise ValueError(f"widths must be > 0; got {list(sizes)}")
    y0 = _value(f, x0)
    if not math.isfinite(y0):
        raise ValueError(f"f must be defined at x0; f({x0:g}) is not a finite number")
    count = sizes.size
    fig, axes = plt.subplots(1, count, figsize=(min(3.0 * count, 12.0), 3.2),
                             layout="constrained", squeeze=False)
    windows = []
    for ax, width in zip(axes[0], sizes):
        low, high = x0 - width / 2, x0 + width / 2
        xs = np.linspace(low, high, 400)
        ys = _evaluate(f, xs)
        windows.append((low, high, np.nanmin(ys), np.nanmax(ys)))
        ax.plot(xs, ys, color=PALETTE["blue"])
        ax.plot([x0], [y0], linestyle="none", marker="o", markersize=6, color=PALETTE["vermillion"],
                zorder=4)
        ax.set_xlim(low, high)
        ax.set_title(f"width {width:g}", fontsize=10)
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(3))
        ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(4))
        ax.tick_params(labelsize=8)
        _label(ax, xlabel, None)
    for ax, (low, high, bottom, top) in zip(axes[0][:-1], windows[1:]):
        ax.add_patch(Rectangle((low, bottom), high - low, top - bottom, facecolor=PALETTE["orange"],
                               alpha=0.3, edgecolor=PALETTE["orange"], linewidth=1.2, zorder=3))
    _label(axes[0][0], None, ylabel)
    return fig


def _path_points(cost: Callable, path: Any) -> tuple[np.ndarray, np.ndarray]:
    params = as_real_array("path", path)
    values = np.array([_value(cost, float(p)) for p in params])
    return params, values


@_close_on_error
def plot_cost_curve(
    cost: Callable[[float], float],
    param_range: tuple[float, float],
    *,
    path: Sequence[float] | None = None,
    xlabel: str = "parameter",
    ylabel: str = "cost",
    ax: Axes | None = None,
) -> Figure:
    """A cost against one parameter, optionally with a descent path walking down it.

    Parameters
    ----------
    cost : callable
        The cost as a function of the parameter.
    param_range : (low, high)
        Interval of the parameter to plot.
    path : sequence of float, optional
        Successive parameter values (e.g. from gradient descent), drawn as points on the
        curve joined by arrows.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_cost_curve(lambda w: (w - 2) ** 2, (-1, 5), path=[-0.5, 1.0, 1.6, 1.84])
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['cost', 'descent path (3 steps)']
    """
    check_callable("cost", cost)
    low, high = _check_range("param_range", param_range)
    params = values = None
    if path is not None:
        params, values = _path_points(cost, path)
        low, high = min(low, params.min()), max(high, params.max())
    ax = _axes(ax)
    _draw_function(ax, cost, low, high, color=PALETTE["blue"], label="cost", samples=600)
    if params is not None:
        _draw_path(ax, params, values)
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best")
    return _figure_of(ax)


def _draw_path(ax: Axes, params: np.ndarray, values: np.ndarray, alpha: float = 1.0) -> None:
    colour = PALETTE["vermillion"]
    steps = params.size - 1
    ax.plot(params, values, linestyle="none", marker="o", markersize=6, color=colour,
            markeredgecolor="white", alpha=alpha, zorder=5,
            label=f"descent path ({steps} step{'s' if steps != 1 else ''})")
    for i in range(steps):
        ax.annotate("", xy=(params[i + 1], values[i + 1]), xytext=(params[i], values[i]),
                    arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.4, "alpha": alpha,
                                "shrinkA": 3, "shrinkB": 3}, zorder=4)


def _evaluate_grid(cost2d: Callable, m: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        try:
            z = _as_floats(cost2d(m, b))
        except Exception:  # noqa: BLE001 - cost written for scalars
            z = None
    if z is None or z.shape != m.shape:
        z = np.array([[_value(lambda p: cost2d(p, bi), mi) for mi, bi in zip(mrow, brow)]
                      for mrow, brow in zip(m, b)])
    return z


@_close_on_error
def plot_descent_path(
    cost2d: Callable[[float, float], float],
    m_range: tuple[float, float],
    b_range: tuple[float, float],
    path: Sequence[tuple[float, float]],
    *,
    levels: int = 20,
    colorbar: bool = True,
    xlabel: str = "slope $m$",
    ylabel: str = "intercept $b$",
    ax: Axes | None = None,
) -> Figure:
    """Contours of a cost of two parameters with a descent path on top.

    Parameters
    ----------
    cost2d : callable
        ``cost2d(m, b)``; it may accept NumPy arrays (faster) or only floats.
    m_range, b_range : (low, high)
        Intervals of the two parameters.
    path : sequence of (m, b)
        Successive parameter pairs, e.g. the history of gradient descent.
    levels : int
        Number of contour levels; they are spaced by quantiles of the cost, so the valley
        floor gets as many lines as the walls.
    colorbar : bool
        Add a colour bar labelled "cost" (a second axes in the figure).
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> cost = lambda m, b: (m - 1) ** 2 + 3 * (b + 0.5) ** 2
    >>> fig = plot_descent_path(cost, (-1, 3), (-2, 1), [(2.5, 0.5), (1.8, -0.2), (1.2, -0.45)])
    >>> len(fig.axes), fig.axes[0].get_xlabel()
    (2, 'slope $m$')
    """
    check_callable("cost2d", cost2d)
    m_low, m_high = _check_range("m_range", m_range)
    b_low, b_high = _check_range("b_range", b_range)
    try:
        points = np.asarray(path, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"path must be a sequence of (m, b) pairs; got {path!r}") from None
    if points.ndim != 2 or points.shape[1] != 2 or points.shape[0] == 0:
        raise ValueError(
            f"path must be a non-empty sequence of (m, b) pairs; got shape {points.shape}"
        )
    if not np.all(np.isfinite(points)):
        raise ValueError("path must hold finite numbers; it contains NaN or infinity")
    levels = check_positive_int("levels", levels, minimum=2)
    ax = _axes(ax, layout="constrained")
    m, b = np.meshgrid(np.linspace(m_low, m_high, 120), np.linspace(b_low, b_high, 120))
    z = _evaluate_grid(cost2d, m, b)
    finite = z[np.isfinite(z)]
    if finite.size == 0:
        raise ValueError("cost2d has no finite values on m_range x b_range")
    steps = np.unique(np.quantile(finite, np.linspace(0, 1, levels + 1)))
    if steps.size >= 2:
        filled = ax.contourf(m, b, z, levels=steps, cmap="viridis", alpha=0.85)
        filled.set_rasterized(True)  # as an image inside the SVG: filled contours are heavy
        ax.contour(m, b, z, levels=steps, colors="white", linewidths=0.5, alpha=0.6)
        if colorbar:
            bar = _figure_of(ax).colorbar(filled, ax=ax)
            bar.set_label("cost")
            bar.ax.yaxis.set_major_formatter(mpl.ticker.FormatStrFormatter("%.3g"))
    colour = PALETTE["vermillion"]
    ax.plot(points[:, 0], points[:, 1], color=colour, marker="o", markersize=3.5, linewidth=1.5,
            markeredgecolor="white", markeredgewidth=0.5, label="descent path", zorder=4)
    ax.plot(*points[0], linestyle="none", marker="o", markersize=9, color=PALETTE["orange"],
            markeredgecolor="black", label="start", zorder=5)
    ax.plot(*points[-1], linestyle="none", marker="*", markersize=14, color=PALETTE["yellow"],
            markeredgecolor="black", label="end", zorder=5)
    ax.set_xlim(m_low, m_high)
    ax.set_ylim(b_low, b_high)
    ax.grid(False)
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best", fontsize=9)
    return _figure_of(ax)


def _table_columns(table: Any) -> dict[str, Any]:
    """Columns of a table: a mapping, an object with ``headers`` and ``column()``
    (``mlcalc.rules.step_error_table``) or a pandas DataFrame."""
    if isinstance(table, Mapping):
        return dict(table)
    if hasattr(table, "headers") and callable(getattr(table, "column", None)):
        return {name: table.column(name) for name in table.headers}
    if hasattr(table, "columns") and hasattr(table, "__getitem__"):
        return {name: table[name] for name in table.columns}
    raise TypeError(
        "h must be an array of steps (with errors=...), or a table with an 'h' column and "
        f"error columns (e.g. from mlcalc.rules.step_error_table); got {type(table).__name__}"
    )


@_close_on_error
def plot_step_error(
    h: Any,
    errors: Any = None,
    *,
    labels: Sequence[str] | None = None,
    xlabel: str = "step size $h$",
    ylabel: str = "absolute error",
    ax: Axes | None = None,
) -> Figure:
    """Absolute error of a finite difference against the step ``h``, on log-log axes.

    Large steps show truncation error (falling with ``h``), tiny steps round-off error (rising
    as ``h`` shrinks); the best step sits at the bottom of the V.

    Parameters
    ----------
    h : array-like or table
        The steps (> 0).  Or, with ``errors`` omitted, a table with an ``"h"`` column and error
        columns, such as ``mlcalc.rules.step_error_table(...)``: each column whose name contains
        "error" becomes a series (``"forward error"`` is labelled "forward").
    errors : array-like, 2-D array-like or mapping, optional
        One series of errors, several series (one per row) with ``labels``, or a mapping
        ``{label: errors}``.  Signs are ignored; zero errors are left out (log scale).
    labels : sequence of str, optional
        Legend labels for the series given as rows.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> h = [1e-1, 1e-2, 1e-3]
    >>> fig = plot_step_error(h, {"forward": [5e-2, 5e-3, 5e-4], "central": [2e-3, 2e-5, 2e-7]})
    >>> fig.axes[0].get_xscale(), len(fig.axes[0].get_lines())
    ('log', 2)
    """
    if errors is None:
        columns = _table_columns(h)
        if "h" not in columns:
            raise ValueError(f"a table given as h must have an 'h' column; got {list(columns)}")
        steps = columns.pop("h")
        series = {name: values for name, values in columns.items() if "error" in str(name).lower()}
        if not series:
            raise ValueError(f"the table has no error columns; got {list(columns)}")
        series = {str(name).replace(" error", "").replace("_error", "") or str(name): v
                  for name, v in series.items()}
    elif isinstance(errors, Mapping):
        steps, series = h, dict(errors)
    else:
        steps = h
        try:
            rows = np.asarray(errors, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"errors must be an array of real numbers; got {errors!r}") from None
        rows = np.atleast_2d(rows)
        names = list(labels) if labels is not None else [None] * rows.shape[0]
        if len(names) != rows.shape[0]:
            raise ValueError(f"labels must name each of the {rows.shape[0]} series; got {names}")
        series = dict(zip(range(rows.shape[0]), rows))
        series = {(names[i] if names[i] is not None else i): v for i, v in series.items()}
    steps = as_real_array("h", steps)
    if np.any(steps <= 0):
        raise ValueError(f"h must hold steps > 0; got {list(steps)}")
    checked = {}
    for name, values in series.items():
        values = np.abs(as_real_array("errors", values))
        if values.shape != steps.shape:
            raise ValueError(
                f"errors must have one value per step h; "
                f"got {values.size} errors for {steps.size} steps"
            )
        checked[name] = values
    if not any(np.any(values > 0) for values in checked.values()):
        raise ValueError("errors are all zero; there is nothing to show on a log scale")
    ax = _axes(ax)
    for marker, (name, values) in zip(itertools.cycle("osD^v<>p"), checked.items()):
        keep = values > 0
        label = name if isinstance(name, str) else "_nolegend_"
        ax.plot(steps[keep], values[keep], marker=marker, markersize=5, linewidth=1.6, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    _label(ax, xlabel, ylabel)
    if any(isinstance(name, str) for name in series):
        ax.legend(loc="best")
    return _figure_of(ax)


# --------------------------------------------------------------------------------------------
# Animations (self-contained JavaScript, for the static site)


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


def _probe_ylim(f: Callable, low: float, high: float, xs: Any = (), ys: Any = ()) -> tuple:
    """The y-limits a static plot of ``f`` would get, to keep them fixed across frames."""
    ax = Figure().add_subplot()  # not shown: pyplot does not know this figure
    _, ylim = _draw_function(ax, f, low, high, samples=600)
    if ylim is None:
        if len(xs):
            ax.plot(xs, ys)
        ax.autoscale_view()
        ylim = ax.get_ylim()
    return ylim


def _check_size(figsize: Any) -> tuple[float, float]:
    try:
        width, height = figsize
    except (TypeError, ValueError):
        raise TypeError(
            f"figsize must be a pair (width, height) in inches; got {figsize!r}"
        ) from None
    return check_positive("figsize", width), check_positive("figsize", height)


def animate_secant_to_tangent(
    f: Callable[[float], float],
    x0: float,
    hs: Sequence[float] | None = None,
    *,
    x_range: tuple[float, float] | None = None,
    interval: float = 250,
    dpi: float = 72,
    default_mode: str = "once",
    alt: str = (
        "A secant line through a fixed point of the curve pivots towards the tangent line "
        "as the step h shrinks."
    ),
) -> Any:
    """Animate a secant line pivoting into the tangent as ``h`` shrinks, one frame per ``h``.

    Parameters
    ----------
    f : callable
        A function of one real number, defined at ``x0``.
    x0 : float
        Where the tangent touches.
    hs : sequence of float, optional
        The steps in frame order (nonzero); by default 24 steps from 1.5 down to 0.01.
    x_range : (low, high), optional
        Interval to plot; by default ``x0`` plus or minus ``1.4 max|h|`` (at least 1).
    interval, dpi, default_mode, alt
        As in :func:`animate`.

    Returns
    -------
    IPython.display.HTML

    Examples
    --------
    >>> page = animate_secant_to_tangent(lambda x: x**2, 1.0, [1, 0.5, 0.1])
    >>> "Play" in page._repr_html_()
    True
    """
    check_callable("f", f)
    x0 = check_real("x0", x0)
    steps = _check_steps("hs", np.geomspace(1.5, 0.01, 24) if hs is None else hs)
    low, high, y0 = _secant_setup(f, x0, steps, x_range)
    ylim = _probe_ylim(f, low, high)

    def draw(ax: Axes, i: int) -> None:
        _draw_function(ax, f, low, high, color=PALETTE["black"], label="$f(x)$")
        slope = _draw_tangent(ax, f, x0, y0, low, high, linestyle="--", linewidth=1.8, alpha=0.7)
        h = float(steps[i])
        _draw_secant(ax, f, x0, y0, h, low, high, alpha=1.0)
        ax.plot([x0], [y0], linestyle="none", marker="o", markersize=7, color=PALETTE["black"],
                zorder=5)
        ax.set_xlim(low, high)
        ax.set_ylim(*ylim)
        ax.set_title(f"$h = {h:.3g}$: secant slope {(_value(f, x0 + h) - y0) / h:.4f} "
                     f"$\\to$ {slope:.4f}")
        _label(ax, "$x$", "$f(x)$")
        ax.legend(loc="upper left", fontsize=9)

    return animate(draw, steps.size, interval=interval, dpi=dpi, default_mode=default_mode,
                   alt=alt)


def animate_exhaustion(
    n_values: Sequence[int] | None = None,
    *,
    r: float = 1.0,
    interval: float = 600,
    dpi: float = 72,
    default_mode: str = "once",
    alt: str = (
        "Regular polygons inside and around a circle gain sides frame by frame and squeeze "
        "the circle between them."
    ),
) -> Any:
    """Animate inscribed and circumscribed polygons squeezing the circle as the sides grow.

    Parameters
    ----------
    n_values : sequence of int, optional
        Numbers of sides in frame order (each >= 3); by default 3, 4, ..., 24.
    r : float
        Radius of the circle (> 0).
    interval, dpi, default_mode, alt
        As in :func:`animate`.

    Returns
    -------
    IPython.display.HTML

    Examples
    --------
    >>> page = animate_exhaustion([3, 6, 12])
    >>> "anim-state" in page._repr_html_()
    True
    """
    if n_values is None:
        n_values = range(3, 25)
    if isinstance(n_values, (str, bytes)) or not np.iterable(n_values):
        raise TypeError(f"n_values must be a sequence of integers >= 3; got {n_values!r}")
    sides = [check_positive_int("n_values", n, minimum=3) for n in n_values]
    if not sides:
        raise ValueError("n_values must not be empty")
    r = check_positive("r", r)

    def draw(ax: Axes, i: int) -> None:
        ax.figure.subplots_adjust(left=0.14, right=0.96, bottom=0.27, top=0.93)
        _draw_exhaustion(ax, sides[i], r, fewest=min(sides))
        _label(ax, "$x$", "$y$")

    return animate(draw, len(sides), interval=interval, figsize=(4.6, 5.3), dpi=dpi,
                   default_mode=default_mode, alt=alt)


def animate_descent(
    cost: Callable[[float], float],
    param_range: tuple[float, float],
    path: Sequence[float],
    *,
    xlabel: str = "parameter",
    ylabel: str = "cost",
    interval: float = 400,
    dpi: float = 72,
    default_mode: str = "once",
    alt: str = (
        "A point walks down the cost curve, one gradient-descent step per frame, towards "
        "the minimum."
    ),
) -> Any:
    """Animate a point walking down a cost curve along a descent path, one frame per step.

    Parameters
    ----------
    cost : callable
        The cost as a function of the parameter.
    param_range : (low, high)
        Interval of the parameter to plot.
    path : sequence of float
        Successive parameter values, e.g. the history of gradient descent.
    xlabel, ylabel : str
        Axis labels.
    interval, dpi, default_mode, alt
        As in :func:`animate`.

    Returns
    -------
    IPython.display.HTML

    Examples
    --------
    >>> page = animate_descent(lambda w: (w - 2) ** 2, (-1, 5), [-0.5, 1.0, 1.6])
    >>> "<script" in page._repr_html_()
    True
    """
    check_callable("cost", cost)
    low, high = _check_range("param_range", param_range)
    params, values = _path_points(cost, path)
    if not np.all(np.isfinite(values)):
        raise ValueError("cost must be finite at every point of path")
    low, high = min(low, params.min()), max(high, params.max())
    ylim = _probe_ylim(cost, low, high, params, values)

    def draw(ax: Axes, i: int) -> None:
        _draw_function(ax, cost, low, high, color=PALETTE["blue"], label="cost", samples=600)
        if i > 0:
            _draw_path(ax, params[: i + 1], values[: i + 1], alpha=0.6)
        ax.plot([params[i]], [values[i]], linestyle="none", marker="o", markersize=11,
                color=PALETTE["vermillion"], markeredgecolor="black", zorder=6,
                label="current parameter")
        ax.set_xlim(low, high)
        ax.set_ylim(*ylim)
        ax.set_title(f"step {i}: parameter {params[i]:.4g}, cost {values[i]:.4g}")
        _label(ax, xlabel, ylabel)
        ax.legend(loc="upper center", fontsize=9)

    return animate(draw, params.size, interval=interval, dpi=dpi, default_mode=default_mode,
                   alt=alt)


def animate_zoom(
    f: Callable[[float], float],
    x0: float,
    widths: Sequence[float],
    *,
    interval: float = 300,
    dpi: float = 72,
    default_mode: str = "once",
    alt: str = (
        "A curve and its tangent line at one point; each frame zooms in further, and the "
        "curve straightens until it cannot be told apart from the tangent."
    ),
) -> Any:
    """Animate zooming in on ``(x0, f(x0))``: the curve straightens onto its tangent line.

    Frame ``k`` shows ``x0`` plus or minus ``widths[k] / 2`` with the same aspect in every
    frame, the tangent (slope by a central difference) dashed, and in the title the largest
    gap between curve and tangent in the window, which shrinks like the width squared.

    Parameters
    ----------
    f : callable
        A function of one real number, smooth near ``x0``.
    x0 : float
        The point to zoom in on.
    widths : sequence of float
        Widths of the x windows (> 0), one per frame, e.g. ``4 * 0.7 ** np.arange(20)``.
    interval, dpi, default_mode, alt
        As in :func:`animate`.

    Returns
    -------
    IPython.display.HTML

    Examples
    --------
    >>> page = animate_zoom(lambda x: x**3 - x, 0.5, [2, 1, 0.5])
    >>> "<script" in page._repr_html_()
    True
    """
    check_callable("f", f)
    x0 = check_real("x0", x0)
    sizes = as_real_array("widths", widths)
    if np.any(sizes <= 0):
        raise ValueError(f"widths must be > 0; got {list(sizes)}")
    y0 = _value(f, x0)
    if not math.isfinite(y0):
        raise ValueError(f"f must be defined at x0; f({x0:g}) is not a finite number")
    slope = _tangent_slope(f, x0)

    def draw(ax: Axes, i: int) -> None:
        width = float(sizes[i])
        xs = np.linspace(x0 - width / 2, x0 + width / 2, 400)
        ys, tangent = _evaluate(f, xs), y0 + slope * (xs - x0)
        ax.plot(xs, ys, color=PALETTE["blue"], label="$f(x)$")
        ax.plot(xs, tangent, linestyle="--", color=PALETTE["vermillion"], label="tangent")
        ax.plot([x0], [y0], linestyle="none", marker="o", color=PALETTE["black"], zorder=5)
        ax.set_xlim(xs[0], xs[-1])
        ax.set_ylim(y0 - (abs(slope) + 1) * width, y0 + (abs(slope) + 1) * width)
        gap = float(np.nanmax(np.abs(ys - tangent)))
        ax.set_title(f"window width {width:.3g}: largest gap {gap:.2g}")
        _label(ax, "$x$", "$f(x)$")
        ax.legend(loc="upper left", fontsize=9)

    return animate(draw, sizes.size, interval=interval, dpi=dpi, default_mode=default_mode,
                   alt=alt)


@_close_on_error
def plot_one_sided_secants(
    f: Callable[[float], float],
    x0: float,
    hs: Sequence[float],
    *,
    x_range: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    breaks: Sequence[float] = (),
    holes: Sequence[tuple[float, float]] = (),
    xlabel: str = "$x$",
    ylabel: str = "$f(x)$",
    ax: Axes | None = None,
) -> Figure:
    """Secants from the right and from the left of ``(x0, f(x0))``, and no tangent.

    Introduced in: Part II, "The derivative from first principles" (where a derivative fails
    to exist).  For each step ``h`` in ``hs`` the secant through ``(x0 + h, f(x0 + h))`` is drawn
    solid in blue and the one through ``(x0 - h, f(x0 - h))`` dashed in orange, fainter the
    larger ``h``; the legend gives every slope.  Where ``f`` has a derivative at ``x0`` both
    families of slopes close in on one number; at a corner, a jump or a vertical tangent they
    do not, which is why no tangent is drawn.

    Parameters
    ----------
    f : callable
        A function of one real number, defined at ``x0``.
    x0 : float
        The point the secants pivot on.
    hs : sequence of float
        Step sizes (> 0), e.g. ``[1, 0.5, 0.1]``; each is used to the right and to the left.
    x_range : (low, high), optional
        Interval to plot; by default ``x0`` plus or minus ``1.4 max(hs)`` (at least 1).
    ylim : (low, high), optional
        y-limits; by default those of the curve, so steep secants run off the plot.
    breaks : sequence of x
        Jump discontinuities of ``f``: the curve is split there, as in :func:`plot_function`.
    holes : sequence of (x, y)
        Open circles, e.g. the end of the branch that does not hold ``f(x0)`` at a jump.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_one_sided_secants(abs, 0.0, [1, 0.5])
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()][1:3]
    ['right, $h = 1$: slope 1', 'right, $h = 0.5$: slope 1']
    >>> fig.axes[0].get_legend().get_texts()[-1].get_text()
    'left, $h = -0.5$: slope -1'
    """
    check_callable("f", f)
    x0 = check_real("x0", x0)
    steps = as_real_array("hs", hs)
    if np.any(steps <= 0):
        raise ValueError(f"hs must hold steps h > 0 (each is used on both sides); got {list(steps)}")
    low, high, y0 = _secant_setup(f, x0, steps, x_range)
    if ylim is not None:
        ylim = _check_range("ylim", ylim)
    break_xs = _positions("breaks", breaks, low, high)
    hole_marks = _marks("holes", holes, f, _limit_estimate)
    for x, _ in hole_marks:
        _check_inside("holes", x, low, high)
    ax = _axes(ax)
    _, curve_ylim = _draw_function(ax, f, low, high, breaks=break_xs, holes=hole_marks,
                                   color=PALETTE["black"], label="$f(x)$", linewidth=2.8)
    if ylim is None:
        if curve_ylim is None:
            ax.autoscale_view()
            curve_ylim = ax.get_ylim()
        ylim = curve_ylim
    order = np.argsort(-steps)  # largest step first, faintest
    alphas = np.linspace(0.35, 0.95, steps.size) if steps.size > 1 else np.array([0.95])
    for side, color, style in ((+1, PALETTE["blue"], "-"), (-1, PALETTE["orange"], "--")):
        for alpha, h in zip(alphas, steps[order]):
            step = side * float(h)
            if not math.isfinite(_value(f, x0 + step)):
                raise ValueError(f"f must be defined at x0 + h and x0 - h; f({x0 + step:g}) is not")
            _draw_secant(ax, f, x0, y0, step, low, high, float(alpha),
                         name="right" if side > 0 else "left", color=color, linestyle=style)
    return _finish_secant_plot(ax, x0, y0, low, high, ylim, xlabel, ylabel, legend_size=8)


@_close_on_error
def plot_squeeze(
    x: Sequence[float],
    lower: Sequence[float],
    upper: Sequence[float],
    *,
    limit: float | None = None,
    labels: tuple[str, str] = ("lower bound", "upper bound"),
    limit_label: str | None = None,
    logx: bool = False,
    xlabel: str = "$n$",
    ylabel: str = "value",
    ax: Axes | None = None,
) -> Figure:
    """Lower and upper bounds closing in on one number: the squeeze, as a picture.

    Introduced in: Part I, "The method of exhaustion" (Archimedes' bounds on pi, rectangles
    under a curve).  The lower bounds are drawn in blue with dots, the upper bounds in orange
    with squares, the band between them shaded, and the limit (if given) as a dashed line.

    Parameters
    ----------
    x : sequence of float
        Where each pair of bounds belongs, e.g. the numbers of sides ``n``.
    lower, upper : sequence of float
        The bounds, one per ``x``, with ``lower <= upper`` everywhere.
    limit : float, optional
        The number both bounds close in on, drawn as a dashed horizontal line.
    labels : (str, str)
        Legend entries of the lower and the upper bounds.
    limit_label : str, optional
        Legend entry of the limit; by default ``"limit = <value>"``.
    logx : bool
        Use a logarithmic x axis (for ``x`` that doubles, such as 6, 12, 24, ...).
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_squeeze([1, 2, 4], [0, 0.5, 0.75], [2, 1.5, 1.25], limit=1)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['lower bound', 'upper bound', 'limit = 1']
    """
    xs = as_real_array("x", x)
    low = as_real_array("lower", lower)
    high = as_real_array("upper", upper)
    for name, values in (("lower", low), ("upper", high)):
        if values.shape != xs.shape:
            raise ValueError(f"{name} must have one value per x; got {values.size} for {xs.size}")
    if np.any(low > high):
        bad = int(np.argmax(low > high))
        raise ValueError(f"lower must be <= upper everywhere; at x = {xs[bad]:g} "
                         f"lower = {low[bad]:g} > upper = {high[bad]:g}")
    if limit is not None:
        limit = check_real("limit", limit)
    if isinstance(labels, str) or len(labels) != 2 or not all(isinstance(t, str) for t in labels):
        raise TypeError(f"labels must be a pair of strings (lower, upper); got {labels!r}")
    if logx and np.any(xs <= 0):
        raise ValueError("x must hold values > 0 for a logarithmic axis (logx=True)")
    ax = _axes(ax)
    ax.fill_between(xs, low, high, color=PALETTE["sky"], alpha=0.25, linewidth=0)
    ax.plot(xs, low, marker="o", color=PALETTE["blue"], label=labels[0])
    ax.plot(xs, high, marker="s", color=PALETTE["orange"], label=labels[1])
    if limit is not None:
        ax.axhline(limit, color=PALETTE["black"], linestyle="--", linewidth=1.4,
                   label=limit_label if limit_label is not None else f"limit = {limit:.6g}")
    if logx:
        ax.set_xscale("log")
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best")
    return _figure_of(ax)


# --------------------------------------------------------------------------------------------
# Part I: the precise definition of a limit and the squeeze theorem ("Calculating limits")


def _strip_samples(a: float, delta: float, count: int = 801) -> np.ndarray:
    """x values with ``0 < |x - a| < delta``: both halves of the strip, the point ``a`` left out."""
    offsets = delta * np.linspace(1e-6, 1 - 1e-6, count)
    return np.concatenate([a - offsets[::-1], a + offsets])


@_close_on_error
def plot_epsilon_delta(
    f: Callable[[float], float],
    a: float,
    L: float,
    epsilon: float,
    delta: float,
    *,
    x_range: tuple[float, float] | None = None,
    samples: int = 1000,
    xlabel: str = "$x$",
    ylabel: str = "$f(x)$",
    ax: Axes | None = None,
) -> Figure:
    """The epsilon-delta picture of ``lim_{x -> a} f(x) = L``: a band, a strip and the curve.

    A horizontal band ``L - epsilon < y < L + epsilon`` (the tolerance you are challenged with),
    a vertical strip ``a - delta < x < a + delta`` (your answer) and the graph of ``f``.  The
    part of the graph over the strip is drawn thick; an open circle at ``(a, L)`` recalls that
    ``x = a`` itself is left out.  Where the graph over the strip leaves the band, it is marked
    with crosses.  The title says whether ``delta`` works for ``epsilon``: whether
    ``|f(x) - L| < epsilon`` at 1602 points with ``0 < |x - a| < delta`` (a sampled check,
    not a proof).  Introduced in "Calculating limits" (Part I).

    Parameters
    ----------
    f : callable
        A function of one real number; it need not be defined at ``a``.
    a : float
        The point x approaches.
    L : float
        The claimed limit.
    epsilon : float
        Half-height of the band (> 0).
    delta : float
        Half-width of the strip (> 0).
    x_range : (low, high), optional
        Interval to plot; it must contain the strip.  By default ``a`` plus or minus
        ``3 * delta``.
    samples : int
        About how many points to evaluate ``f`` at for the curve.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_epsilon_delta(lambda x: 2 * x + 1, 1, 3, 0.5, 0.2, x_range=(0, 2))
    >>> fig.axes[0].get_title()
    '$\\\\varepsilon = 0.5$, $\\\\delta = 0.2$: the curve stays in the band'
    >>> fig = plot_epsilon_delta(lambda x: 2 * x + 1, 1, 3, 0.5, 0.4, x_range=(0, 2))
    >>> fig.axes[0].get_title()
    '$\\\\varepsilon = 0.5$, $\\\\delta = 0.4$: the curve leaves the band'
    """
    check_callable("f", f)
    a = check_real("a", a)
    L = check_real("L", L)
    epsilon = check_positive("epsilon", epsilon)
    delta = check_positive("delta", delta)
    samples = check_positive_int("samples", samples, minimum=10)
    low, high = _check_range("x_range", (a - 3 * delta, a + 3 * delta) if x_range is None
                             else x_range)
    if not (low <= a - delta and a + delta <= high):
        raise ValueError(
            f"x_range must contain the strip ({a - delta:g}, {a + delta:g}); "
            f"got ({low:g}, {high:g})"
        )
    ax = _axes(ax)
    blue = PALETTE["blue"]
    _, ylim = _draw_function(ax, f, low, high, holes=[(a, L)], color=blue, label="$f(x)$",
                             samples=samples, linewidth=1.4, alpha=0.7)
    strip_x = _strip_samples(a, delta)
    strip_y = _evaluate(f, strip_x)
    inside = np.abs(strip_y - L) < epsilon
    for half in (strip_x < a, strip_x > a):
        ax.plot(strip_x[half], strip_y[half], color=blue, linewidth=3.2, zorder=3,
                label="$f(x)$ for $0 < |x - a| < \\delta$" if half[0] else "_nolegend_")
    if not inside.all():
        ax.plot(strip_x[~inside], strip_y[~inside], linestyle="none", marker="x", markersize=5,
                color=PALETTE["vermillion"], zorder=4, label="outside the band")
    ax.axhspan(L - epsilon, L + epsilon, color=PALETTE["orange"], alpha=0.22, linewidth=0,
               zorder=0, label=f"band $L \\pm \\varepsilon$ = {L:g} $\\pm$ {epsilon:g}")
    ax.axvspan(a - delta, a + delta, color=PALETTE["sky"], alpha=0.25, linewidth=0, zorder=0,
               label=f"strip $a \\pm \\delta$ = {a:g} $\\pm$ {delta:g}")
    for y in (L - epsilon, L + epsilon):
        ax.axhline(y, color=PALETTE["orange"], linestyle="--", linewidth=1.1, zorder=1)
    for x in (a - delta, a + delta):
        ax.axvline(x, color=PALETTE["sky"], linestyle="--", linewidth=1.1, zorder=1)
    if ylim is None:
        ax.autoscale_view()
        ylim = ax.get_ylim()
    ax.set_ylim(min(ylim[0], L - 2 * epsilon), max(ylim[1], L + 2 * epsilon))
    ax.set_xlim(low, high)
    verdict = "stays in" if inside.all() else "leaves"
    ax.set_title(f"$\\varepsilon = {epsilon:g}$, $\\delta = {delta:g}$: "
                 f"the curve {verdict} the band")
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best", fontsize=9)
    return _figure_of(ax)


@_close_on_error
def plot_squeezed_function(
    f: Callable[[float], float],
    lower: Callable[[float], float],
    upper: Callable[[float], float],
    a: float,
    x_range: tuple[float, float],
    *,
    labels: Sequence[str] = ("$f(x)$", "lower bound", "upper bound"),
    samples: int = 2000,
    xlabel: str = "$x$",
    ylabel: str = "$y$",
    ax: Axes | None = None,
) -> Figure:
    """The squeeze theorem in a picture: ``f`` trapped between ``lower`` and ``upper``.

    The region between the two bounds is shaded; where both bounds close in on the same value
    ``L`` at ``a``, a black dot marks ``(a, L)`` and the legend gives ``L``.  Introduced in
    "Calculating limits" (Part I).  For bounds given as numbers rather than functions (such as
    Archimedes' bounds on pi), see :func:`plot_squeeze`.

    Parameters
    ----------
    f, lower, upper : callable
        Functions of one real number with ``lower(x) <= f(x) <= upper(x)`` near ``a``
        (``f`` need not be defined at ``a``).
    a : float
        The point x approaches; inside ``x_range``.
    x_range : (low, high)
        Interval to plot.
    labels : three str
        Legend entries for ``f``, ``lower`` and ``upper``.
    samples : int
        About how many points to evaluate each function at (use many for wiggly ``f``).
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> fig = plot_squeezed_function(
    ...     lambda x: x * np.sin(1 / x), lambda x: -abs(x), abs, 0, (-0.5, 0.5))
    >>> [text.get_text() for text in fig.axes[0].get_legend().get_texts()][-1]
    'squeezed to $L$ = 0'
    """
    check_callable("f", f)
    check_callable("lower", lower)
    check_callable("upper", upper)
    a = check_real("a", a)
    low, high = _check_range("x_range", x_range)
    _check_inside("a", a, low, high)
    samples = check_positive_int("samples", samples, minimum=10)
    if isinstance(labels, (str, bytes)) or not np.iterable(labels) or len(labels) != 3:
        raise TypeError(f"labels must be three strings (f, lower, upper); got {labels!r}")
    ax = _axes(ax)
    xs = np.linspace(low, high, samples)
    bottom, top = _evaluate(lower, xs), _evaluate(upper, xs)
    ax.fill_between(xs, bottom, top, where=np.isfinite(bottom) & np.isfinite(top),
                    color=PALETTE["sky"], alpha=0.2, linewidth=0, zorder=0)
    _draw_function(ax, lower, low, high, color=PALETTE["orange"], label=str(labels[1]),
                   samples=samples, linestyle="--")
    _draw_function(ax, upper, low, high, color=PALETTE["green"], label=str(labels[2]),
                   samples=samples, linestyle="--")
    _draw_function(ax, f, low, high, color=PALETTE["blue"], label=str(labels[0]),
                   samples=samples, linewidth=1.5)
    from .limits import limit  # the limits of the bounds, extrapolated (not just sampled)

    ends = [limit(bound, a).value for bound in (lower, upper)]
    if all(map(math.isfinite, ends)) and abs(ends[0] - ends[1]) <= 1e-6 * (1 + abs(ends[0])):
        level = round(0.5 * (ends[0] + ends[1]), 6) + 0.0  # no -0 in the legend
        ax.plot([a], [level], linestyle="none", marker="o", markersize=7,
                color=PALETTE["black"], zorder=6, label=f"squeezed to $L$ = {level:g}")
    ax.set_xlim(low, high)
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best", fontsize=9)
    return _figure_of(ax)


# --------------------------------------------------------------------------------------------
# Part II, "Relating differentiation to machine learning": data, fitted lines, cost histories


def _check_data(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    xs = as_real_array("x", x)
    ys = as_real_array("y", y)
    if xs.shape != ys.shape:
        raise ValueError(f"x and y must have the same length; got {xs.size} and {ys.size}")
    return xs, ys


def _line_span(xs: np.ndarray) -> np.ndarray:
    low, high = float(xs.min()), float(xs.max())
    pad = 0.04 * (high - low) if high > low else 1.0
    return np.array([low - pad, high + pad])


def _draw_data(ax: Axes, xs: np.ndarray, ys: np.ndarray) -> None:
    ax.plot(xs, ys, linestyle="none", marker="o", markersize=6, color=PALETTE["black"],
            markeredgecolor="white", markeredgewidth=0.6, label="data", zorder=5)


@_close_on_error
def plot_line_fits(
    x: Any,
    y: Any,
    lines: Mapping[str, tuple[float, float]],
    *,
    residuals: bool = False,
    xlabel: str = "$x$",
    ylabel: str = "$y$",
    ax: Axes | None = None,
) -> Figure:
    """Data points and one or more straight lines ``y = m x + b`` drawn through them.

    Introduced in Part II, "Relating differentiation to machine learning", to show a model's
    predictions next to the data (and the errors a cost adds up).

    Parameters
    ----------
    x, y : array-like
        The data: two 1-D arrays of the same length.
    lines : mapping of str to (m, b)
        Legend label -> slope and intercept of each line, drawn in the book's colours with
        different dash patterns (so they stay apart in grey scale too).
    residuals : bool
        Draw the residuals of the first line: a dotted vertical segment from each point to it.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_line_fits([0, 1, 2], [1, 2.5, 5], {"guess": (2.0, 0.5)}, residuals=True)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['data', 'guess', 'residuals']
    """
    xs, ys = _check_data(x, y)
    if not isinstance(lines, Mapping) or not lines:
        raise TypeError(f"lines must be a non-empty mapping {{label: (m, b)}}; got {lines!r}")
    parsed = {}
    for label, pair in lines.items():
        try:
            m, b = pair
        except (TypeError, ValueError):
            raise TypeError(f"lines must map each label to a pair (m, b); got {pair!r}") from None
        parsed[str(label)] = (check_real("lines", m), check_real("lines", b))
    if not isinstance(residuals, bool):
        raise TypeError(f"residuals must be True or False; got {residuals!r}")
    ax = _axes(ax)
    _draw_data(ax, xs, ys)
    span = _line_span(xs)
    colours = [PALETTE[c] for c in ("blue", "vermillion", "green", "orange", "purple", "sky")]
    dashes = ["-", "--", "-.", ":"]
    for i, (label, (m, b)) in enumerate(parsed.items()):
        ax.plot(span, m * span + b, color=colours[i % len(colours)],
                linestyle=dashes[i % len(dashes)], label=label, zorder=3)
    if residuals:
        m, b = next(iter(parsed.values()))
        ax.vlines(xs, ys, m * xs + b, colors="0.4", linestyles=":", linewidth=1.3,
                  label="residuals", zorder=2)
    ax.set_xlim(*span)
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best")
    return _figure_of(ax)


def _epochs_to_draw(every: Any, epochs: Any, last: int) -> list[int]:
    if every is not None and epochs is not None:
        raise ValueError("give every or epochs, not both")
    if epochs is not None:
        if isinstance(epochs, (str, bytes)) or not np.iterable(epochs):
            raise TypeError(f"epochs must be a sequence of integers; got {epochs!r}")
        chosen = sorted({check_positive_int("epochs", e, minimum=0) for e in epochs})
        if not chosen:
            raise ValueError("epochs must not be empty")
        if chosen[-1] > last:
            raise ValueError(f"epochs must lie between 0 and {last} (the last epoch); "
                             f"got {chosen[-1]}")
        return chosen
    step = max(1, math.ceil(last / 5)) if every is None else check_positive_int("every", every)
    return sorted({*range(0, last + 1, step), last})


@_close_on_error
def plot_fit_progress(
    x: Any,
    y: Any,
    m_history: Any,
    b_history: Any,
    *,
    every: int | None = None,
    epochs: Sequence[int] | None = None,
    xlabel: str = "$x$",
    ylabel: str = "$y$",
    ax: Axes | None = None,
) -> Figure:
    """The data and the line ``y = m x + b`` at several epochs of gradient descent.

    Introduced in Part II, "Relating differentiation to machine learning".  Earlier lines are
    pale, later ones darker; the last epoch is drawn thick, in vermillion.

    Parameters
    ----------
    x, y : array-like
        The data: two 1-D arrays of the same length.
    m_history, b_history : array-like
        Slope and intercept before the first step and after each step, e.g. ``fit.m_history``
        and ``fit.b_history`` of :func:`mlcalc.losses.fit_line` (same length).
    every : int, optional
        Draw epochs 0, ``every``, 2 ``every``, ... and the last one.  By default about six
        evenly spaced lines.
    epochs : sequence of int, optional
        Draw exactly these epochs instead (each between 0 and the last epoch); give ``every``
        or ``epochs``, not both.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_fit_progress([0, 1, 2], [1, 3, 5], [0.0, 1.5, 1.9, 2.0], [0.0, 0.5, 0.8, 1.0],
    ...                         every=2)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['data', 'epoch 0', 'epoch 2', 'epoch 3 (last)']
    """
    xs, ys = _check_data(x, y)
    ms = as_real_array("m_history", m_history)
    bs = as_real_array("b_history", b_history)
    if ms.shape != bs.shape:
        raise ValueError(
            f"m_history and b_history must have the same length; got {ms.size} and {bs.size}"
        )
    last = ms.size - 1
    chosen = _epochs_to_draw(every, epochs, last)
    ax = _axes(ax)
    _draw_data(ax, xs, ys)
    span = _line_span(xs)
    shades = np.linspace(0.25, 0.85, max(len(chosen) - 1, 1))
    for i, epoch in enumerate(chosen):
        m, b = ms[epoch], bs[epoch]
        final = i == len(chosen) - 1
        label = f"epoch {epoch}" + (" (last)" if final and epoch == last else "")
        if len(chosen) > 8 and 0 < i < len(chosen) - 1:
            label = "_nolegend_"
        if final:
            ax.plot(span, m * span + b, color=PALETTE["vermillion"], linewidth=2.6,
                    label=label, zorder=4)
        else:
            ax.plot(span, m * span + b, color=PALETTE["blue"], alpha=float(shades[i]),
                    linewidth=1.6, label=label, zorder=3)
    ax.set_xlim(*span)
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best", fontsize=9)
    return _figure_of(ax)


def _cost_series(name: str, value: Any) -> np.ndarray:
    """Costs from an array or from an object with ``cost_history`` (a ``LineFit``)."""
    return as_real_array(name, getattr(value, "cost_history", value))


@_close_on_error
def plot_cost_history(
    history: Any,
    *,
    log: bool = True,
    xlabel: str = "epoch",
    ylabel: str = "cost",
    ax: Axes | None = None,
) -> Figure:
    """The cost after each epoch of gradient descent, for one run or several side by side.

    Introduced in Part II, "Relating differentiation to machine learning".  A run shorter than
    the longest one (it stopped early, e.g. because it diverged) ends in a cross.

    Parameters
    ----------
    history : array-like, LineFit, or mapping of str to either
        The costs at epochs 0, 1, 2, ... (or a result with a ``cost_history`` attribute, such
        as :func:`mlcalc.losses.fit_line` returns); several runs as ``{label: history}``.
    log : bool
        Use a logarithmic cost axis (then costs <= 0 are left out).
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_cost_history({"slow": [4.0, 3.0, 2.5, 2.2], "fast": [4.0, 1.0, 0.3, 0.1]})
    >>> fig.axes[0].get_yscale(), [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ('log', ['slow', 'fast'])
    """
    if isinstance(history, Mapping):
        if not history:
            raise ValueError("history must not be an empty mapping")
        runs = {str(label): _cost_series("history", value) for label, value in history.items()}
    else:
        runs = {None: _cost_series("history", history)}
    if not isinstance(log, bool):
        raise TypeError(f"log must be True or False; got {log!r}")
    if log and not any(np.any(costs > 0) for costs in runs.values()):
        raise ValueError("history has no cost > 0 to show on a log scale (use log=False)")
    longest = max(costs.size for costs in runs.values())
    ax = _axes(ax)
    for label, costs in runs.items():
        epochs = np.arange(costs.size)
        keep = costs > 0 if log else np.ones(costs.size, dtype=bool)
        (line,) = ax.plot(epochs[keep], costs[keep], label=label if label else "_nolegend_")
        if costs.size < longest and keep[-1]:
            ax.plot([epochs[-1]], [costs[-1]], linestyle="none", marker="X", markersize=9,
                    color=line.get_color(), markeredgecolor="black", label="_nolegend_")
    if log:
        ax.set_yscale("log")
    _label(ax, xlabel, ylabel)
    if any(label for label in runs):
        ax.legend(loc="best")
    return _figure_of(ax)


# --------------------------------------------------------------------------------------------
# How a cost grows with the size of a problem (Part III, How automatic differentiation works)

_SCALES = ("log", "linear")


@_close_on_error
def plot_scaling(
    sizes: Sequence[float],
    series: Mapping[str, Sequence[float]],
    *,
    guides: Mapping[str, float] | None = None,
    variable: str = "n",
    xscale: str = "log",
    yscale: str = "log",
    xlabel: str = "number of inputs $n$",
    ylabel: str = "time (s)",
    ax: Axes | None = None,
) -> Figure:
    """How a cost (time, operations, size) grows with the size of a problem, one line per series.

    Introduced in: Part III, "How automatic differentiation works".

    On log-log axes a cost proportional to ``n**p`` is a straight line of slope ``p``; the
    dashed ``guides`` show such lines for comparison.  With ``xscale="linear"`` and the default
    ``yscale="log"``, exponential growth is a straight line instead.

    Parameters
    ----------
    sizes : array-like
        The sizes (x values), one per measurement; > 0 on a log axis.
    series : mapping of str to array-like
        ``{label: costs}``, one cost per size; > 0 on a log axis.
    guides : mapping of str to float, optional
        ``{label: p}``: a dashed line proportional to ``size**p`` through the last point of the
        series called ``label``, in its colour, labelled "∝ n^p" (with ``variable`` for n).
    variable : str
        The name of the size in the guides' labels.
    xscale, yscale : {"log", "linear"}
        Axis scales.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> n = [10, 100, 1000]
    >>> fig = plot_scaling(n, {"forward": [1e-3, 1e-1, 1e1], "reverse": [1e-4, 1e-3, 1e-2]},
    ...                    guides={"forward": 2, "reverse": 1})
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['forward', 'reverse', '$\\\\propto n^{2}$', '$\\\\propto n^{1}$']
    """
    xscale = check_choice("xscale", xscale, _SCALES)
    yscale = check_choice("yscale", yscale, _SCALES)
    xs = as_real_array("sizes", sizes)
    if xscale == "log" and np.any(xs <= 0):
        raise ValueError(f"sizes must be > 0 on a log axis; got {list(xs)}")
    if not isinstance(series, Mapping) or not series:
        raise TypeError(f"series must be a non-empty mapping {{label: costs}}; got {series!r}")
    checked = {}
    for name, values in series.items():
        ys = as_real_array("series", values)
        if ys.shape != xs.shape:
            raise ValueError(
                f"series[{name!r}] must have one value per size; got {ys.size} for {xs.size}"
            )
        if yscale == "log" and np.any(ys <= 0):
            raise ValueError(f"series[{name!r}] must be > 0 on a log axis; got {list(ys)}")
        checked[str(name)] = ys
    guides = {} if guides is None else guides
    if not isinstance(guides, Mapping):
        raise TypeError(f"guides must be a mapping {{series label: power}}; got {guides!r}")
    for name in guides:
        if name not in checked:
            raise ValueError(f"guides must name series in {list(checked)}; got {name!r}")
    powers = {name: check_real("guides", p) for name, p in guides.items()}
    ax = _axes(ax)
    colours = {}
    for marker, (name, ys) in zip(itertools.cycle("osD^v<>p"), checked.items()):
        (line,) = ax.plot(xs, ys, marker=marker, markersize=5, linewidth=1.6, label=name)
        colours[name] = line.get_color()
    for name, p in powers.items():
        ys = checked[name][-1] * (xs / xs[-1]) ** p
        ax.plot(xs, ys, linestyle="--", linewidth=1.2, color=colours[name], alpha=0.8,
                label=rf"$\propto {variable}^{{{p:g}}}$")
    ax.set_xscale(xscale)
    ax.set_yscale(yscale)
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best")
    return _figure_of(ax)


# --------------------------------------------------------------------------------------------
# Part II: the differentiation rules (product-rule rectangle, chain-rule number lines,
# a function beside its derivatives)


def _check_names(name: str, value: Any, count: int) -> list[str]:
    """Return ``value`` as a list of ``count`` strings, or raise naming the argument."""
    if isinstance(value, (str, bytes)) or not np.iterable(value):
        raise TypeError(f"{name} must be a sequence of {count} strings; got {value!r}")
    names = list(value)
    if not all(isinstance(item, str) for item in names):
        raise TypeError(f"{name} must hold strings; got {names!r}")
    if len(names) != count:
        raise ValueError(f"{name} must hold {count} strings; got {len(names)}: {names!r}")
    return names


@_close_on_error
def plot_product_rule_rectangle(
    u: float,
    v: float,
    du: float,
    dv: float,
    *,
    names: Sequence[str] = ("u", "v"),
    xlabel: str | None = None,
    ylabel: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """The product rule as a growing rectangle: ``u·v`` plus the strips ``v·du``, ``u·dv``, ``du·dv``.

    Introduced in: Part II, The differentiation rules.

    A rectangle of width ``u`` and height ``v`` has area ``u·v``.  When the width grows by
    ``du`` and the height by ``dv``, the area grows by a strip ``v·du`` on the right, a strip
    ``u·dv`` on top and a small corner ``du·dv``.  The legend gives every area; the corner is
    the part that vanishes fastest as the changes shrink, which is why
    ``d(uv) = u dv + v du``.

    Parameters
    ----------
    u, v : float
        Width and height of the rectangle before the change (> 0).
    du, dv : float
        How much the width and the height grow (> 0).
    names : (str, str)
        The names of the two sides in the labels (LaTeX without ``$``), e.g. ``("x", "x")``
        for the square ``x·x`` of the power rule.
    xlabel, ylabel : str, optional
        Axis labels; by default "width" and "height" with the names.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_product_rule_rectangle(3, 2, 0.5, 0.25)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['$u \\\\cdot v$ = 6', '$v \\\\cdot du$ = 1', '$u \\\\cdot dv$ = 0.75', '$du \\\\cdot dv$ = 0.125']
    """
    u = check_positive("u", u)
    v = check_positive("v", v)
    du = check_positive("du", du)
    dv = check_positive("dv", dv)
    a, b = _check_names("names", names, 2)
    ax = _axes(ax)
    regions = (
        ((0.0, 0.0), u, v, f"${a} \\cdot {b}$", u * v, PALETTE["blue"], 0.30),
        ((u, 0.0), du, v, f"${b} \\cdot d{a}$", v * du, PALETTE["orange"], 0.55),
        ((0.0, v), u, dv, f"${a} \\cdot d{b}$", u * dv, PALETTE["green"], 0.55),
        ((u, v), du, dv, f"$d{a} \\cdot d{b}$", du * dv, PALETTE["vermillion"], 0.75),
    )
    for corner, width, height, label, area, colour, alpha in regions:
        ax.add_patch(Rectangle(corner, width, height, facecolor=mpl.colors.to_rgba(colour, alpha),
                               edgecolor=colour, linewidth=1.6, label=f"{label} = {area:.4g}"))
    # Names inside the regions that are wide enough to hold them.
    total_w, total_h = u + du, v + dv
    ax.text(u / 2, v / 2, regions[0][3], ha="center", va="center", fontsize=13)
    if du >= 0.07 * total_w:
        ax.text(u + du / 2, v / 2, regions[1][3], ha="center", va="center", rotation=90,
                fontsize=11)
    if dv >= 0.07 * total_h:
        ax.text(u / 2, v + dv / 2, regions[2][3], ha="center", va="center", fontsize=11)
    ax.set_xlim(-0.04 * total_w, 1.06 * total_w)
    ax.set_ylim(-0.04 * total_h, 1.06 * total_h)
    ax.set_aspect("equal")
    ax.grid(False)
    ax.set_xticks([0, u, total_w], ["0", f"${a}$", f"${a} + d{a}$"])
    ax.set_yticks([0, v, total_h], ["0", f"${b}$", f"${b} + d{b}$"])
    _label(ax, f"width ${a}$" if xlabel is None else xlabel,
           f"height ${b}$" if ylabel is None else ylabel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), title="areas", fontsize=10)
    return _figure_of(ax)


def _default_chain_names(count: int) -> list[str]:
    """``x, y`` / ``x, u, y`` / ``x, u, v, y`` / ``x, u_1, ..., u_k, y`` for ``count`` functions."""
    middle = {1: [], 2: ["u"], 3: ["u", "v"]}.get(count)
    if middle is None:
        middle = [f"u_{i}" for i in range(1, count)]
    return ["x", *middle, "y"]


@_close_on_error
def plot_chain_rule(
    functions: Sequence[Callable[[float], float]],
    x0: float,
    dx: float,
    *,
    names: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """The chain rule as stacked number lines: a small step ``dx`` stretched by each function.

    Introduced in: Part II, The differentiation rules.

    The top line is the input ``x``; each line below is the output of the next function of
    ``functions``, fed by the line above (``u = g(x)``, then ``y = f(u)``, ...).  The step from
    ``x0`` to ``x0 + dx`` is carried down the stack; every line is drawn at the same scale, so
    you can see each function stretch (or shrink, or flip) the step by its local rate, and the
    rates multiply.  The right margin gives each local rate; the title gives their product,
    the derivative of the composition.

    Parameters
    ----------
    functions : sequence of callables
        The functions applied in order, innermost first: ``[g, f]`` draws ``y = f(g(x))``.
    x0 : float
        The input at which the rates are measured.
    dx : float
        The step in the input (> 0); small enough that each function looks straight over it.
    names : sequence of str, optional
        One name per line (LaTeX without ``$``), ``len(functions) + 1`` of them; by default
        ``x, u, y`` for two functions, ``x, u, v, y`` for three.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_chain_rule([lambda x: x**2, lambda u: u**3], 1.0, 0.05)
    >>> fig.axes[0].get_title()
    '$dy/dx = 2 \\\\times 3 = 6$'
    """
    if isinstance(functions, (str, bytes)) or callable(functions) or not np.iterable(functions):
        raise TypeError(
            f"functions must be a sequence of callables, innermost first; got {functions!r}"
        )
    functions = list(functions)
    if not functions:
        raise ValueError("functions must hold at least one callable")
    for function in functions:
        check_callable("functions", function)
    x0 = check_real("x0", x0)
    dx = check_positive("dx", dx)
    count = len(functions)
    names = _default_chain_names(count) if names is None else _check_names(
        "names", names, count + 1)
    starts, ends, rates = [x0], [x0 + dx], []
    for k, function in enumerate(functions):
        rate = _tangent_slope(function, starts[-1])
        starts.append(_value(function, starts[-1]))
        ends.append(_value(function, ends[-1]))
        if not all(math.isfinite(v) for v in (rate, starts[-1], ends[-1])):
            raise ValueError(
                f"functions[{k}] must be finite and differentiable near its input "
                f"{starts[-2]:g}; it is not"
            )
        rates.append(rate)
    steps = [end - start for start, end in zip(starts, ends)]
    half = 1.3 * max(abs(s) for s in steps)
    ax = _axes(ax, figsize=(6.8, 1.25 + 1.15 * count))
    colours = itertools.cycle([PALETTE[c] for c in ("blue", "orange", "green", "vermillion",
                                                    "purple", "sky")])
    levels = [float(count - k) for k in range(count + 1)]
    for k, (name, start, step, level, colour) in enumerate(
            zip(names, starts, steps, levels, colours)):
        ax.plot([-half, half], [level, level], color=PALETTE["black"], linewidth=1.0)
        ticks = mpl.ticker.MaxNLocator(5).tick_values(start - half, start + half)
        for tick in ticks[(ticks >= start - half) & (ticks <= start + half)]:
            ax.plot([tick - start] * 2, [level - 0.04, level + 0.04], color=PALETTE["black"],
                    linewidth=0.8)
            ax.text(tick - start, level - 0.08, f"{tick:.4g}", ha="center", va="top",
                    fontsize=8, color="0.3")
        ax.text(-1.06 * half, level, f"${name}$", ha="right", va="center", fontsize=13)
        ax.plot([0, step], [level, level], color=colour, linewidth=5, solid_capstyle="butt",
                zorder=3)
        ax.plot([0, step], [level, level], linestyle="none", marker="o", markersize=5,
                color=colour, zorder=4)
        # The right margin reads like a calculation: step, times rate, next step, ...
        ax.text(1.08 * half, level, f"$\\Delta {name} = {step:.3g}$", ha="left",
                va="center", fontsize=10, color=colour)
        if k > 0:  # the band carrying the step from the line above to this one
            upper, lower = levels[k - 1] - 0.24, level + 0.07
            ax.fill([0, steps[k - 1], step, 0], [upper, upper, lower, lower], color=colour,
                    alpha=0.2, linewidth=0)
            ax.text(1.08 * half, level + 0.5, f"$\\times\\ d{name}/d{names[k - 1]}"
                    f" \\approx {rates[k - 1]:.3g}$", ha="left", va="center", fontsize=10)
    product = math.prod(rates)
    factors = " \\times ".join(f"({r:.3g})" if r < 0 else f"{r:.3g}" for r in rates)
    equation = f"{factors} = {product:.3g}" if count > 1 else f"{product:.3g}"
    ax.set_title(f"$d{names[-1]}/d{names[0]} = {equation}$")
    ax.set_xlim(-1.3 * half, 1.75 * half)
    ax.set_ylim(-0.45, count + 0.45)
    ax.set_axis_off()
    return _figure_of(ax)


_DERIVATIVE_STYLES = ("-", "--", ":", "-.")
_DERIVATIVE_COLOURS = ("blue", "orange", "green", "vermillion", "purple")


def _prime(order: int) -> str:
    """``f``, ``f'``, ``f''``, ``f'''``, then ``f^{(4)}``..."""
    return "f" + "'" * order if order <= 3 else f"f^{{({order})}}"


@_close_on_error
def plot_with_derivatives(
    f: Callable[[float], float],
    derivatives: Sequence[Callable[[float], float]],
    x_range: tuple[float, float],
    *,
    labels: Sequence[str] | None = None,
    points: Sequence[float] = (),
    shade: int | None = None,
    ylim: tuple[float, float] | None = None,
    xlabel: str = "$x$",
    ylabel: str = "$y$",
    ax: Axes | None = None,
) -> Figure:
    """A function and its derivatives on one set of axes, with the sign of one of them shaded.

    Introduced in: Part II, The differentiation rules.

    ``f`` is drawn solid, ``f'`` dashed, ``f''`` dotted, and so on.  With ``shade=2`` the
    background is tinted where ``f'' > 0`` (concave up) and where ``f'' < 0`` (concave down);
    with ``shade=1`` where ``f`` increases and decreases.  ``points`` marks x values (an
    inflection point, a maximum, ...) with a vertical line and a dot on every curve.

    Parameters
    ----------
    f : callable
        The function.
    derivatives : sequence of callables
        Its first, second, ... derivatives (at least one).
    x_range : (low, high)
        Interval of x to plot.
    labels : sequence of str, optional
        Legend labels, one for ``f`` and one per derivative; by default ``$f(x)$``,
        ``$f'(x)$``, ``$f''(x)$``, ...
    points : sequence of float
        x values to mark, inside ``x_range``.
    shade : int, optional
        The order of the derivative whose sign tints the background (1 to
        ``len(derivatives)``).
    ylim : (low, high), optional
        y-limits; by default matplotlib's.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_with_derivatives(lambda x: x**3, [lambda x: 3 * x**2, lambda x: 6 * x],
    ...                             (-2, 2), points=[0], shade=2)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['$f(x)$', "$f'(x)$", "$f''(x)$", "$f'' > 0$: concave up", "$f'' < 0$: concave down"]
    """
    check_callable("f", f)
    if isinstance(derivatives, (str, bytes)) or callable(derivatives) or not np.iterable(
            derivatives):
        raise TypeError(f"derivatives must be a sequence of callables; got {derivatives!r}")
    derivatives = list(derivatives)
    if not derivatives:
        raise ValueError("derivatives must hold at least one callable")
    for derivative in derivatives:
        check_callable("derivatives", derivative)
    curves = [f, *derivatives]
    low, high = _check_range("x_range", x_range)
    if labels is None:
        labels = [f"${_prime(k)}(x)$" for k in range(len(curves))]
    labels = _check_names("labels", labels, len(curves))
    marks = _positions("points", points, low - 1e-12, high + 1e-12)
    if shade is not None:
        shade = check_positive_int("shade", shade)
        if shade > len(derivatives):
            raise ValueError(
                f"shade must be the order of a derivative given, 1 to {len(derivatives)}; "
                f"got {shade}"
            )
    if ylim is not None:
        ylim = _check_range("ylim", ylim)
    ax = _axes(ax)
    for k, (curve, label) in enumerate(zip(curves, labels)):
        colour = PALETTE[_DERIVATIVE_COLOURS[k % len(_DERIVATIVE_COLOURS)]]
        _draw_function(ax, curve, low, high, color=colour, label=label, ylim=ylim,
                       linestyle=_DERIVATIVE_STYLES[k % len(_DERIVATIVE_STYLES)], samples=600)
        for x in marks:
            ax.plot([x], [_value(curve, x)], linestyle="none", marker="o", markersize=6,
                    color=colour, markeredgecolor="white", zorder=5)
    for x in marks:
        ax.axvline(x, color=_ASYMPTOTE_COLOR, linestyle=":", linewidth=1.2, zorder=1)
    ax.axhline(0, color=PALETTE["black"], linewidth=0.8, zorder=1)
    if shade is not None:
        xs = np.linspace(low, high, 801)
        sign = np.sign(_evaluate(derivatives[shade - 1], xs))
        words = {1: ("increasing", "decreasing"), 2: ("concave up", "concave down")}
        up, down = words.get(shade, ("", ""))
        for side, colour, word, symbol in ((1, "green", up, ">"), (-1, "orange", down, "<")):
            ax.fill_between(xs, 0, 1, where=sign == side, transform=ax.get_xaxis_transform(),
                            color=PALETTE[colour], alpha=0.12, linewidth=0,
                            label=f"${_prime(shade)} {symbol} 0$" + (f": {word}" if word else ""))
    ax.set_xlim(low, high)
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best", fontsize=9)
    return _figure_of(ax)


def _where_defined(f: Callable, df: Callable) -> Callable:
    """``df``, but NaN wherever ``f`` itself is undefined (no slope of ``log`` at x < 0)."""

    def restricted(x: Any) -> Any:
        xs = np.atleast_1d(np.asarray(x, dtype=float))
        values = np.where(np.isfinite(_evaluate(f, xs)), _evaluate(df, xs), np.nan)
        return values if np.ndim(x) else float(values[0])

    return restricted


@_close_on_error
def plot_derivative_grid(
    functions: Mapping[str, tuple[Callable[[float], float], Callable[[float], float]]],
    x_range: tuple[float, float],
    *,
    breaks: Mapping[str, Sequence[float]] | None = None,
    ncols: int = 4,
    ylim: tuple[float, float] | None = None,
    xlabel: str = "$x$",
) -> Figure:
    """A grid of small panels, each a function (solid) next to its derivative (dashed).

    Introduced in: Part II, The differentiation rules.

    Parameters
    ----------
    functions : mapping
        ``{title: (f, derivative)}``, one panel each, in order.  Where ``f`` is undefined
        (``log`` for x <= 0) nothing is drawn.
    x_range : (low, high)
        Interval of x of every panel.
    breaks : mapping, optional
        ``{title: [x, ...]}``: where that panel's derivative jumps (ReLU at 0).  The
        derivative is split there; a dot marks its value at the jump and open circles the
        one-sided limits.
    ncols : int
        Panels per row.
    ylim : (low, high), optional
        y-limits of every panel; by default each panel's own.
    xlabel : str
        Label of the x axes of the bottom row.

    Returns
    -------
    matplotlib.figure.Figure
        One axes per function; a legend at the top of the figure.

    Examples
    --------
    >>> import numpy as np
    >>> fig = plot_derivative_grid({"$\\\\sin x$": (np.sin, np.cos), "$x^2$": (np.square,
    ...                             lambda x: 2 * x)}, (-3, 3), ncols=2)
    >>> [ax.get_title() for ax in fig.axes]
    ['$\\\\sin x$', '$x^2$']
    """
    if not isinstance(functions, Mapping) or not functions:
        raise TypeError(
            "functions must be a non-empty mapping {title: (f, derivative)}; "
            f"got {functions!r}"
        )
    pairs = {}
    for title, pair in functions.items():
        if isinstance(pair, (str, bytes)) or not np.iterable(pair) or len(list(pair)) != 2:
            raise TypeError(f"functions[{title!r}] must be a pair (f, derivative); got {pair!r}")
        f, df = pair
        pairs[str(title)] = (check_callable("functions", f), check_callable("functions", df))
    low, high = _check_range("x_range", x_range)
    breaks = {} if breaks is None else breaks
    if not isinstance(breaks, Mapping):
        raise TypeError(f"breaks must be a mapping {{title: [x, ...]}}; got {breaks!r}")
    for title in breaks:
        if title not in pairs:
            raise ValueError(f"breaks names a panel that functions does not have: {title!r}")
    ncols = min(check_positive_int("ncols", ncols), len(pairs))
    if ylim is not None:
        ylim = _check_range("ylim", ylim)
    nrows = math.ceil(len(pairs) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(2.25 * ncols + 0.4, 2.1 * nrows + 0.5),
                             layout="constrained", squeeze=False)
    for ax in axes.flat[len(pairs):]:
        ax.remove()
    for ax, (title, (f, df)) in zip(axes.flat, pairs.items()):
        jumps = _positions("breaks", breaks.get(title), low, high)
        holes, dots = [], []
        for x in jumps:
            at = _value(df, x)
            dots.append((x, at))
            holes.extend((x, y) for y in _side_values(df, x, 1e-6)
                         if math.isfinite(y) and not abs(y - at) <= 1e-9 * (1 + abs(y)))
        _draw_function(ax, f, low, high, color=PALETTE["blue"], label="function", ylim=ylim,
                       samples=500)
        _draw_function(ax, _where_defined(f, df), low, high, color=PALETTE["orange"],
                       label="derivative",
                       ylim=ylim, breaks=jumps, points=dots, holes=holes, linestyle="--",
                       samples=500)
        ax.axhline(0, color=PALETTE["black"], linewidth=0.7, zorder=1)
        ax.set_title(title, fontsize=12)
        ax.tick_params(labelsize=9)
    for index, ax in enumerate(axes.flat[: len(pairs)]):
        if index + ncols >= len(pairs):  # no panel below this one
            ax.set_xlabel(xlabel)
    handles, names = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="outside upper center", ncols=2, fontsize=10)
    return fig


# --------------------------------------------------------------------------------------------
# Part III: computational graphs


_GRAPH_DIRECTIONS = ("forward", "backward")
_GRAPH_FILL = {"input": PALETTE["sky"], "operation": PALETTE["orange"], "output": PALETTE["green"]}


def _graph_names(names: Any) -> dict[str, Any]:
    if names is None:
        return {}
    if not isinstance(names, Mapping):
        raise TypeError(
            "names must be a mapping from a name to a tensor or Var, such as {'x': x}; "
            f"got {type(names).__name__}"
        )
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"names must have str keys; got the key {name!r}")
    return dict(names)


def _short_number(value: float) -> str:
    return f"{value:.4g}"


def _walk_graph(output: Any, inputs_of: Callable[[Any], list[tuple[Any, Any]]]) -> tuple:
    """Every node that leads to ``output`` (output first) and the edges ``(input, consumer, label)``
    between their indices; ``inputs_of(node)`` lists ``(input node, edge label)`` pairs."""
    nodes, index, edges, stack = [output], {id(output): 0}, [], [output]
    while stack:
        node = stack.pop()
        for parent, label in inputs_of(node):
            if id(parent) not in index:
                index[id(parent)] = len(nodes)
                nodes.append(parent)
                stack.append(parent)
            edges.append((index[id(parent)], index[id(node)], label))
    return nodes, edges


def _torch_graph(output: Any, names: dict[str, Any]) -> tuple[list[str], list[tuple]]:
    """Labels and edges of the ``grad_fn`` graph behind the tensor ``output``."""
    import torch  # lazily: only a PyTorch graph needs PyTorch

    if output.grad_fn is None:
        reason = ("it is a leaf tensor" if output.requires_grad else
                  "it was computed without recording a graph (no input had requires_grad=True,"
                  " or it ran under torch.no_grad() or was detached)")
        raise ValueError(f"output has no grad_fn to draw: {reason}")
    # Hold every grad_fn of a named tensor, so its Python wrapper (and its id) stays the same.
    named = [(value.grad_fn if isinstance(value, torch.Tensor) and value.grad_fn is not None
              else value, name) for name, value in names.items()]
    name_of = {id(node): name for node, name in named}

    def inputs_of(function: Any) -> list[tuple[Any, None]]:
        return [(parent, None) for parent, _ in function.next_functions if parent is not None]

    nodes, edges = _walk_graph(output.grad_fn, inputs_of)
    labels = []
    for function in nodes:
        variable = getattr(function, "variable", None)  # AccumulateGrad: the leaf tensor
        if isinstance(variable, torch.Tensor):
            name = name_of.get(id(variable), "leaf")
            if variable.numel() == 1:
                name += f" = {_short_number(float(variable.detach().reshape(())))}"
            labels.append(f"{name}\nAccumulateGrad")
        else:
            kind = type(function).__name__
            name = name_of.get(id(function))
            labels.append(kind if name is None else f"{name}\n{kind}")
    return labels, edges


def _var_graph(output: Any, names: dict[str, Any]) -> tuple[list[str], list[tuple]]:
    """Labels and edges (with local derivatives) of the graph behind an ``mlcalc.autodiff.Var``."""
    name_of = {id(value): name for name, value in names.items()}
    nodes, edges = _walk_graph(
        output, lambda var: [(parent, _short_number(slope)) for parent, slope in var.parents]
    )
    labels = []
    for var in nodes:
        value = _short_number(var.value)
        labels.append(f"{name_of[id(var)]} = {value}" if id(var) in name_of else value)
    return labels, edges


def _graph_layout(count: int, edges: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
    """Column and row of each node: inputs on the left, the output (node 0) alone on the right.

    A node's column is set by its longest path to the output, so every edge points right; rows
    follow the mean row of the node's consumers, which keeps crossings few."""
    consumers: list[list[int]] = [[] for _ in range(count)]
    inputs: list[list[int]] = [[] for _ in range(count)]
    for source, target, _ in edges:
        consumers[source].append(target)
        inputs[target].append(source)
    order, seen = [], set()
    for start in range(count):  # depth-first post-order: inputs before the nodes that use them
        stack = [(start, False)]
        while stack:
            node, done = stack.pop()
            if done:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((parent, False) for parent in reversed(inputs[node]))
    depth = np.zeros(count, dtype=int)
    for node in reversed(order):  # consumers first: the longest path to the output
        for parent in inputs[node]:
            depth[parent] = max(depth[parent], depth[node] + 1)
    column = depth.max() - depth
    row = np.zeros(count)
    for level in range(int(depth.max()) + 1):
        members = [node for node in range(count) if depth[node] == level]
        wanted = [-np.mean([row[c] for c in consumers[node]]) if consumers[node] else 0.0
                  for node in members]
        ranked = [node for _, _, node in sorted(zip(wanted, range(len(members)), members))]
        for k, node in enumerate(ranked):
            row[node] = (len(ranked) - 1) / 2 - k
    return column.astype(float), row


def _draw_graph(ax: Axes, labels: list[str], edges: list[tuple], direction: str) -> None:
    column, row = _graph_layout(len(labels), edges)
    has_input = {target for _, target, _ in edges}
    boxes = []
    for node, label in enumerate(labels):
        kind = "output" if node == 0 else "operation" if node in has_input else "input"
        box = ax.text(column[node], row[node], label, ha="center", va="center", fontsize=10,
                      zorder=3, gid=f"mlcalc_graph_{kind}",
                      bbox={"boxstyle": "round,pad=0.45", "facecolor": _GRAPH_FILL[kind],
                            "edgecolor": PALETTE["black"], "alpha": 0.95, "linewidth": 1.0})
        boxes.append(box)
    for source, target, label in edges:
        start, end = (source, target) if direction == "forward" else (target, source)
        span = abs(column[target] - column[source])
        bend = 0.0 if span <= 1 else 0.25
        arrow = ax.annotate(
            "", xy=(column[end], row[end]), xytext=(column[start], row[start]), zorder=4,
            arrowprops={"arrowstyle": "-|>", "color": "0.25", "lw": 1.3, "shrinkA": 2,
                        "shrinkB": 2, "mutation_scale": 14,
                        "patchA": boxes[start].get_bbox_patch(),
                        "patchB": boxes[end].get_bbox_patch(),
                        "connectionstyle": f"arc3,rad={bend}"})
        arrow.set_gid("mlcalc_graph_edge")
        if label is not None:
            middle_x = (column[source] + column[target]) / 2
            middle_y = (row[source] + row[target]) / 2
            ax.text(middle_x, middle_y, label, ha="center", va="center", fontsize=9,
                    color=PALETTE["vermillion"], zorder=5, gid="mlcalc_graph_edge_label",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.9})
    ax.set_xlim(column.min() - 0.55, column.max() + 0.55)
    ax.set_ylim(row.min() - 0.6, row.max() + 0.6)
    ax.axis("off")


@_close_on_error
def plot_computational_graph(
    output: Any,
    *,
    names: Mapping[str, Any] | None = None,
    direction: str = "forward",
    ax: Axes | None = None,
) -> Figure:
    """Draw the computational graph behind a PyTorch tensor or an ``mlcalc.autodiff.Var``.

    Introduced in: Part III, "AutoDiff with PyTorch".

    Nodes are labelled boxes laid out in layers: the inputs (leaves) on the left, the output
    on the right, each operation as far left as the inputs it needs allow.  Inputs are blue,
    operations orange and the output green.  Only matplotlib is used (no graphviz).

    * A PyTorch tensor: the nodes are the ``grad_fn`` objects that the forward pass recorded
      (``MulBackward0``, ``SinBackward0``, ...), found by following ``next_functions``; a leaf
      tensor with ``requires_grad=True`` appears as its ``AccumulateGrad`` node.  Inputs that
      do not require grad (constants) are not drawn, as PyTorch does not record them either.
    * A :class:`mlcalc.autodiff.Var`: the nodes are the ``Var`` objects (labelled with their
      values) and each edge carries the local derivative that ``backward()`` multiplies by.

    PyTorch is imported only when ``output`` is a PyTorch tensor.

    Parameters
    ----------
    output : torch.Tensor or mlcalc.autodiff.Var
        The result of a computation: a tensor with a ``grad_fn``, or a ``Var``.
    names : mapping of str to tensor or Var, optional
        Names to print in the boxes, such as ``{"x": x, "y": y, "z": z}``.  A named leaf also
        shows its value when it holds one number.
    direction : {"forward", "backward"}
        ``"forward"`` points the arrows the way values flow (inputs to output);
        ``"backward"`` points them the way ``backward()`` walks and ``next_functions`` link
        (output to inputs).
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure (sized to the graph).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from mlcalc.autodiff import Var, sin
    >>> x, y = Var(2.0), Var(3.0)
    >>> z = x * y + sin(x)
    >>> fig = plot_computational_graph(z, names={"x": x, "y": y, "z": z})
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_gid() == "mlcalc_graph_input")
    ['x = 2', 'y = 3']
    >>> sum(t.get_gid() == "mlcalc_graph_edge" for t in fig.axes[0].texts)  # x*y, sin x, +
    5
    """
    direction = check_choice("direction", direction, _GRAPH_DIRECTIONS)
    given = _graph_names(names)
    from .autodiff import Var

    if isinstance(output, Var):
        labels, edges = _var_graph(output, given)
    elif type(output).__module__.partition(".")[0] == "torch" and hasattr(output, "grad_fn"):
        labels, edges = _torch_graph(output, given)
    else:
        raise TypeError(
            "output must be a PyTorch tensor with a grad_fn or an mlcalc.autodiff.Var; "
            f"got {type(output).__name__}"
        )
    if ax is None:
        column, row = _graph_layout(len(labels), edges)
        width = min(12.0, 2.2 * (column.max() + 1) + 0.4)
        height = min(8.0, 1.0 * (np.ptp(row) + 1) + 0.4)
        ax = _axes(None, figsize=(max(width, 3.0), max(height, 1.6)))
    else:
        _check_axes(ax)
    _draw_graph(ax, labels, edges, direction)
    return _figure_of(ax)


# --------------------------------------------------------------------------------------------
# Part I: "A brief history of calculus"


@_close_on_error
def plot_partial_sums(
    terms: Sequence[float],
    *,
    limit: float | None = None,
    xlabel: str = "number of terms $n$",
    ylabel: str = "partial sum $S_n$",
    ax: Axes | None = None,
) -> Figure:
    """Partial sums ``S_n = a_1 + ... + a_n`` of a series as bars, closing in on its limit.

    Bar ``n`` reaches ``S_n``; its top part (from ``S_{n-1}`` to ``S_n``) is the term added
    at step ``n``, highlighted, so you see each step add a smaller (or larger) piece.  A dashed
    line marks the limit, if given.  Introduced in "A brief history of calculus" (Zeno's
    1/2 + 1/4 + ... and Archimedes' 1 + 1/4 + 1/16 + ...).

    Parameters
    ----------
    terms : sequence of float
        The first terms ``a_1, a_2, ...`` of the series (finite real numbers).
    limit : float, optional
        The sum of the whole series, drawn as a dashed horizontal line.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The legend names the partial sums, the terms and the limit.

    Examples
    --------
    >>> fig = plot_partial_sums([1 / 2**k for k in range(1, 6)], limit=1)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['limit = 1', 'partial sum $S_n$', 'term added at step $n$']
    >>> round(float(max(p.get_y() + p.get_height() for p in fig.axes[0].patches)), 6)  # S_5
    0.96875
    """
    values = as_real_array("terms", terms)
    if limit is not None:
        limit = check_real("limit", limit)
    ax = _axes(ax)
    sums = np.cumsum(values)
    previous = np.concatenate([[0.0], sums[:-1]])
    n = np.arange(1, values.size + 1)
    ax.bar(n, sums, width=0.7, color=mpl.colors.to_rgba(PALETTE["sky"], 0.45),
           edgecolor=PALETTE["blue"], linewidth=1.0, label="partial sum $S_n$")
    ax.bar(n, sums - previous, bottom=previous, width=0.7, color=PALETTE["orange"],
           edgecolor=PALETTE["vermillion"], linewidth=1.0, label="term added at step $n$")
    if limit is not None:
        ax.axhline(limit, color=PALETTE["black"], linestyle="--", linewidth=1.5, zorder=3,
                   label=f"limit = {limit:.6g}")
    ax.axhline(0, color=PALETTE["black"], linewidth=0.8, zorder=1)
    ax.set_xticks(n if n.size <= 15 else mpl.ticker.MaxNLocator(10, integer=True).tick_values(1, n.size))
    ax.set_xlim(0.4, n.size + 0.6)
    ax.grid(axis="x", visible=False)
    _label(ax, xlabel, ylabel)
    # Below the axes: inside, it would hide bars.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3, frameon=False)
    return _figure_of(ax)


def _format_year(year: float) -> str:
    """``-450`` -> ``'450 BCE'``, ``1684`` -> ``'1684'`` (whole years; BCE years are negative)."""
    whole = int(round(year))
    return f"{-whole} BCE" if whole < 0 else f"{whole}"


def _check_events(events: Any) -> list[tuple[float, str]]:
    """Events as ``(year, label)`` pairs, sorted by year (stable)."""
    if isinstance(events, (str, bytes, Mapping)) or not np.iterable(events):
        raise TypeError(f"events must be a sequence of (year, label) pairs; got {events!r}")
    checked = []
    for event in events:
        if isinstance(event, (str, bytes)) or not np.iterable(event) or len(event) != 2:
            raise TypeError(f"events must hold (year, label) pairs; got {event!r}")
        year, label = event
        year = check_real("events", year)
        if not isinstance(label, str):
            raise TypeError(f"events: each label must be a str; got {label!r} for year {year:g}")
        if not label.strip():
            raise ValueError(f"events: the label for year {year:g} is empty")
        checked.append((year, label.strip()))
    if not checked:
        raise ValueError("events must not be empty")
    return sorted(checked, key=lambda event: event[0])


def _timeline_knots(years: np.ndarray, break_gaps: bool) -> tuple[np.ndarray, np.ndarray, list]:
    """Knots of a piecewise-linear map year -> position that shortens long empty gaps.

    A gap between neighbouring events longer than half of the whole span is drawn as a short
    break of 15% of the rest.  Returns the knot years, their positions and the breaks (pairs
    of years).
    """
    unique = np.unique(years)
    span = float(unique[-1] - unique[0]) if unique.size > 1 else 0.0
    gaps = np.diff(unique)
    long = (gaps > 0.5 * span) if (break_gaps and span > 0) else np.zeros(gaps.size, bool)
    rest = max(span - float(gaps[long].sum()), 1.0)
    pad = 0.06 * rest
    knot_years, knot_pos, breaks = [unique[0] - pad], [0.0], []
    for i in np.flatnonzero(long):
        left, right = float(unique[i]), float(unique[i + 1])
        edge_left, edge_right = left + 0.5 * pad, right - 0.5 * pad
        knot_pos.append(knot_pos[-1] + (edge_left - knot_years[-1]))
        knot_years.append(edge_left)
        knot_pos.append(knot_pos[-1] + 0.15 * rest)
        knot_years.append(edge_right)
        breaks.append((edge_left, edge_right))
    end = float(unique[-1]) + pad
    knot_pos.append(knot_pos[-1] + (end - knot_years[-1]))
    knot_years.append(end)
    return np.array(knot_years), np.array(knot_pos), breaks


def _piecewise(knots_from: np.ndarray, knots_to: np.ndarray) -> Callable:
    """A piecewise-linear map through the knots, extended with slope 1 beyond them."""

    def transform(values: Any) -> np.ndarray:
        values = np.asarray(values, dtype=float)
        mapped = np.interp(values, knots_from, knots_to)
        mapped = np.where(values < knots_from[0], knots_to[0] + values - knots_from[0], mapped)
        return np.where(values > knots_from[-1], knots_to[-1] + values - knots_from[-1], mapped)

    return transform


def _spread(desired: np.ndarray, heights: np.ndarray, pad: float, low: float,
            high: float) -> np.ndarray:
    """Centres as close as possible to ``desired`` (ascending) with no two boxes overlapping.

    Least squares under the constraints ``p[i+1] - p[i] >= (h[i] + h[i+1]) / 2 + pad``:
    shifting by the cumulative gaps turns them into "non-decreasing", an isotonic regression
    (pool adjacent violators).  Kept inside ``[low, high]`` when the boxes fit there.
    """
    gaps = 0.5 * (heights[:-1] + heights[1:]) + pad
    offsets = np.concatenate([[0.0], np.cumsum(gaps)])
    target = desired - offsets
    blocks: list[list[float]] = []  # [mean, count]
    for value in target:
        blocks.append([float(value), 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            blocks[-1] = [(blocks[-1][0] * blocks[-1][1] + mean * count) / (blocks[-1][1] + count),
                          blocks[-1][1] + count]
    fitted = np.concatenate([np.full(int(count), mean) for mean, count in blocks])
    first, last = low + 0.5 * heights[0], high - 0.5 * heights[-1] - offsets[-1]
    if first <= last:
        fitted = np.clip(fitted, first, last)
    return fitted + offsets


@_close_on_error
def plot_timeline(
    events: Sequence[tuple[float, str]],
    *,
    break_gaps: bool = True,
    show_years: bool = True,
    wrap: int = 50,
    ylabel: str = "year",
    ax: Axes | None = None,
) -> Figure:
    """A vertical timeline: events as dots on a time axis (earliest at the top), each joined by a
    leader line to its label.

    Labels are spread out along the axis so that none overlaps another, as close to their
    dates as the space allows.  A long empty stretch of time (more than half of the whole span,
    e.g. from antiquity to 1600) is shortened and drawn as a break in the axis, so the rest stays
    readable.  Introduced in "A brief history of calculus".

    Parameters
    ----------
    events : sequence of (year, label)
        Years as numbers, with BCE years negative (``-450`` is 450 BCE); labels as strings.
        Events need not be sorted.
    break_gaps : bool
        Shorten long empty gaps in time and mark them with a break.
    show_years : bool
        Start each label with its year ("450 BCE", "1684").
    wrap : int
        Wrap labels longer than this many characters onto more lines (0: never wrap).
    ylabel : str
        Label of the time axis.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure (sized to fit the labels).  The layout
        is computed for the size the axes have now; give them room for the labels on the right.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_timeline([(1684, "Leibniz publishes"), (-250, "Archimedes"), (1666, "Newton")])
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['250 BCE  Archimedes', '1666  Newton', '1684  Leibniz publishes']
    >>> fig.axes[0].yaxis.get_major_formatter()(-300)
    '300 BCE'
    """
    checked = _check_events(events)
    if not isinstance(break_gaps, (bool, np.bool_)):
        raise TypeError(f"break_gaps must be True or False; got {break_gaps!r}")
    if not isinstance(show_years, (bool, np.bool_)):
        raise TypeError(f"show_years must be True or False; got {show_years!r}")
    if isinstance(wrap, bool) or not isinstance(wrap, (int, np.integer)) or wrap < 0:
        raise (TypeError if not isinstance(wrap, (int, np.integer)) or isinstance(wrap, bool)
               else ValueError)(f"wrap must be an integer >= 0; got {wrap!r}")
    _check_axes(ax)
    import textwrap

    years = np.array([year for year, _ in checked])
    texts = []
    for year, label in checked:
        text = f"{_format_year(year)}  {label}" if show_years else label
        texts.append(textwrap.fill(text, wrap) if wrap else text)
    knot_years, knot_pos, breaks = _timeline_knots(years, bool(break_gaps))
    forward, inverse = _piecewise(knot_years, knot_pos), _piecewise(knot_pos, knot_years)

    fontsize = 0.9 * mpl.rcParams["font.size"]
    created = ax is None
    if created:
        fig = plt.figure(figsize=(6.4, 4.0))
        ax = fig.add_axes((0.16, 0.04, 0.82, 0.92))
    fig = _figure_of(ax)
    ax.set_yscale("function", functions=(forward, inverse))
    ax.set_ylim(knot_years[-1], knot_years[0])  # earliest at the top
    ax.set_xlim(0, 1)
    labels = [ax.text(0.08, years[i], text, transform=ax.get_yaxis_transform(), ha="left",
                      va="center", fontsize=fontsize, linespacing=1.15, zorder=4)
              for i, text in enumerate(texts)]
    heights = np.array([label.get_window_extent().height for label in labels])
    pad = 0.45 * fontsize * fig.dpi / 72
    if created:  # tall enough for every label, and for the dates to breathe
        needed = (heights.sum() + pad * len(labels)) * 1.5 / fig.dpi
        fig.set_size_inches(6.4, max(3.0, needed / 0.92))
    to_pixels, to_data = ax.transData, ax.transData.inverted()
    desired = to_pixels.transform(np.column_stack([np.zeros_like(years), years]))[:, 1]
    bottom, top = ax.get_window_extent().y0, ax.get_window_extent().y1
    order = np.argsort(desired, kind="stable")
    placed = np.empty_like(desired)
    placed[order] = _spread(desired[order], heights[order], pad, bottom, top)
    label_years = to_data.transform(np.column_stack([np.zeros_like(placed), placed]))[:, 1]

    blended = ax.get_yaxis_transform()
    for label, year, label_year in zip(labels, years, label_years):
        label.set_y(label_year)
        ax.plot([0, 0.03, 0.065, 0.075], [year, year, label_year, label_year], transform=blended,
                color="0.55", linewidth=0.9, zorder=2, clip_on=False)
    ax.plot(np.zeros_like(years), years, transform=blended, linestyle="none", marker="o",
            markersize=6, color=PALETTE["blue"], markeredgecolor="white", zorder=5,
            clip_on=False)
    # The time axis: solid where time is to scale, dotted across a shortened gap.
    edges = [knot_years[0], *[y for pair in breaks for y in pair], knot_years[-1]]
    for i, (start, end) in enumerate(zip(edges[:-1], edges[1:])):
        style = {"linestyle": ":", "linewidth": 1.6} if i % 2 else {"linewidth": 1.6}
        ax.plot([0, 0], [start, end], transform=blended, color=PALETTE["black"], zorder=3,
                clip_on=False, **style)
    for start, end in breaks:
        middle = float(inverse(0.5 * (forward(start) + forward(end))))
        ax.plot([0], [middle], transform=blended, linestyle="none", color=PALETTE["black"],
                marker=[(-1, -0.5), (1, 0.5)], markersize=14, zorder=3, clip_on=False)
    ticks = []
    segments = [(knot_years[0], breaks[0][0] if breaks else knot_years[-1])]
    segments += [(end, nxt[0]) for (_, end), nxt in zip(breaks, breaks[1:])]
    if breaks:
        segments.append((breaks[-1][1], knot_years[-1]))
    total = knot_pos[-1] - knot_pos[0]
    for start, end in segments:
        share = (forward(end) - forward(start)) / total
        locator = mpl.ticker.MaxNLocator(max(1, int(round(7 * share))), integer=True)
        ticks += [t for t in locator.tick_values(start, end) if start <= t <= end]
    ax.yaxis.set_major_locator(mpl.ticker.FixedLocator(ticks))
    ax.yaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda y, _=None: _format_year(y)))
    ax.yaxis.set_minor_locator(mpl.ticker.NullLocator())
    ax.xaxis.set_visible(False)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(False)
    _label(ax, None, ylabel)
    return fig


# --------------------------------------------------------------------------------------------
# Flight paths (Part III, The future: differentiable programming)

def _trajectory_points(path: Any, index: int) -> np.ndarray:
    """One path as an ``(n, 2)`` float array: from ``path.path()`` or from the path itself."""
    method = getattr(path, "path", None)
    points = method() if callable(method) else path
    try:
        array = np.asarray(points, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(
            f"paths[{index}] must be an (n, 2) array of points (x, y) or have a path() method;"
            f" got {type(path).__name__}"
        ) from None
    if array.ndim != 2 or array.shape[1] != 2 or array.shape[0] < 2:
        raise ValueError(
            f"paths[{index}] must be an (n, 2) array of points (x, y) with n >= 2;"
            f" got shape {array.shape}"
        )
    if not np.all(np.isfinite(array)):
        raise ValueError(f"paths[{index}] must hold finite numbers; it contains NaN or infinity")
    return array


@_close_on_error
def plot_trajectories(
    paths: Sequence[Any],
    *,
    target: float | None = None,
    labels: Sequence[str] | None = None,
    xlabel: str = "distance $x$ (m)",
    ylabel: str = "height $y$ (m)",
    ax: Axes | None = None,
) -> Figure:
    """Flight paths over the ground: earlier ones pale, the last one bold, and a target.

    Introduced in: Part III, The future: differentiable programming, to show how the flight
    of a projectile changes while gradient descent tunes its launch angle.

    Parameters
    ----------
    paths : sequence of paths
        Each path is an ``(n, 2)`` array-like of points ``(x, y)`` with ``n >= 2``, or an object
        with a ``path()`` method that returns one, such as the
        :class:`~mlcalc.autodiff.Trajectory` of :func:`mlcalc.autodiff.simulate_projectile`.
        They are drawn in order, in blue from pale to dark; the last one is vermillion.
    target : float, optional
        The x of a target on the ground, marked with a black cross.
    labels : sequence of str, optional
        One legend entry per path.  Without labels only the target is in the legend.  A
        legend of more than four entries is placed to the right of the axes.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = np.linspace(0.0, 2.0, 21)
    >>> short = np.column_stack([5 * t, 10 * t - 5 * t**2])
    >>> far = np.column_stack([8 * t, 10 * t - 5 * t**2])
    >>> fig = plot_trajectories([short, far], target=16.0, labels=["first", "second"])
    >>> [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    ['first', 'second', 'target']
    """
    if isinstance(paths, (str, bytes, np.ndarray)) or not isinstance(paths, Sequence):
        raise TypeError(
            "paths must be a sequence (a list) of paths, each an (n, 2) array of points;"
            f" got {type(paths).__name__}"
        )
    if not paths:
        raise ValueError("paths must not be empty")
    points = [_trajectory_points(path, i) for i, path in enumerate(paths)]
    if labels is not None:
        if isinstance(labels, (str, bytes)) or not isinstance(labels, Sequence):
            raise TypeError(f"labels must be a sequence of strings; got {labels!r}")
        if len(labels) != len(points):
            raise ValueError(
                f"labels must have one entry per path: {len(points)}; got {len(labels)}"
            )
    if target is not None:
        target = check_real("target", target)
    ax = _axes(ax)
    shades = np.linspace(0.3, 0.85, max(len(points) - 1, 1))
    for i, path in enumerate(points):
        label = "_nolegend_" if labels is None else str(labels[i])
        if i == len(points) - 1:
            ax.plot(path[:, 0], path[:, 1], color=PALETTE["vermillion"], linewidth=2.6,
                    label=label, zorder=4)
        else:
            ax.plot(path[:, 0], path[:, 1], color=PALETTE["blue"], alpha=float(shades[i]),
                    linewidth=1.6, label=label, zorder=3)
    ax.axhline(0.0, color="0.35", linewidth=1.2, zorder=2)
    if target is not None:
        ax.plot([target], [0.0], linestyle="none", marker="X", markersize=11,
                color=PALETTE["black"], markeredgecolor="white", label="target", zorder=5,
                clip_on=False)
    top = max(float(path[:, 1].max()) for path in points)
    ax.set_ylim(0.0, 1.08 * top if top > 0 else 1.0)
    _label(ax, xlabel, ylabel)
    entries = (0 if labels is None else len(points)) + (target is not None)
    if entries > 4:  # a long legend would hide the paths: put it beside the axes
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9)
    elif entries:
        ax.legend(loc="best", fontsize=9)
    return _figure_of(ax)
