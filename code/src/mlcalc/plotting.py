"""Figures and animations for the chapters, in one colour-blind-safe style.

Where each helper is used in the book:

- every chapter: :func:`use_book_style` (once, in a hidden set-up cell) and :data:`PALETTE`;
- Part I, Limits: :func:`plot_function` (holes at removable discontinuities, branches at poles),
  :func:`plot_limit_approach` ("Calculating limits"), :func:`plot_exhaustion`,
  :func:`animate_exhaustion` and :func:`plot_riemann_rectangles` ("The method of exhaustion");
- Part II, Derivatives: :func:`plot_secant_tangent`, :func:`animate_secant_to_tangent`,
  :func:`plot_zoom_sequence` and :func:`plot_step_error` ("Definition and notation: the delta
  method"), :func:`plot_cost_curve`, :func:`plot_descent_path` and :func:`animate_descent`
  ("Cost functions and their derivatives", "Gradient descent").

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
import sys
from collections.abc import Mapping
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
    "animate",
    "animate_secant_to_tangent",
    "animate_exhaustion",
    "animate_descent",
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
                 high: float, alpha: float, label: bool = True) -> None:
    y1 = _value(f, x0 + h)
    slope = (y1 - y0) / h
    xs = np.array([low, high])
    ax.plot(xs, y0 + slope * (xs - x0), color=PALETTE["blue"], alpha=alpha, linewidth=1.6,
            label=f"secant, $h = {h:.3g}$: slope {slope:.4g}" if label else "_nolegend_")
    ax.plot([x0 + h], [y1], linestyle="none", marker="o", markersize=6, color=PALETTE["blue"],
            alpha=alpha, zorder=4)


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
    ax.plot([x0], [y0], linestyle="none", marker="o", markersize=7, color=PALETTE["black"],
            zorder=5)
    ax.set_xlim(low, high)
    ax.set_ylim(*ylim)
    _label(ax, xlabel, ylabel)
    ax.legend(loc="best", fontsize=9)
    return _figure_of(ax)


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
    return _html(html)


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
    interval, dpi, default_mode
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

    return animate(draw, steps.size, interval=interval, dpi=dpi, default_mode=default_mode)


def animate_exhaustion(
    n_values: Sequence[int] | None = None,
    *,
    r: float = 1.0,
    interval: float = 600,
    dpi: float = 72,
    default_mode: str = "once",
) -> Any:
    """Animate inscribed and circumscribed polygons squeezing the circle as the sides grow.

    Parameters
    ----------
    n_values : sequence of int, optional
        Numbers of sides in frame order (each >= 3); by default 3, 4, ..., 24.
    r : float
        Radius of the circle (> 0).
    interval, dpi, default_mode
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
                   default_mode=default_mode)


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
    interval, dpi, default_mode
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

    return animate(draw, params.size, interval=interval, dpi=dpi, default_mode=default_mode)
