"""Curves: a function drawn honestly (holes, poles, jumps), beside its derivatives, or over
the rectangles of a Riemann sum.

:func:`plot_function` samples ``f``, cuts the curve into branches at poles, jumps and holes (so no
line joins ``+inf`` to ``-inf``) and chooses y-limits that show the shape near a pole.  The other
figures of the package draw their curves with the same code.

Examples
--------
>>> from mlcalc.plotting import plot_function
>>> fig = plot_function(lambda x: (x**2 - 1) / (x - 1), (-1, 3), holes=[1])
>>> fig.axes[0].get_xlabel()
'$x$'
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._checks import check_callable, check_choice, check_positive_int, check_real
from ._shared import (
    _axes,
    _check_inside,
    _check_names,
    _check_range,
    _close_on_error,
    _evaluate,
    _figure_of,
    _label,
    _positions,
    _value,
)
from .style import PALETTE


_ASYMPTOTE_COLOR = "0.45"
_HOLE_LABEL = "_mlcalc_hole"
_POINT_LABEL = "_mlcalc_point"
_ASYMPTOTE_LABEL = "_mlcalc_asymptote"


def _side_values(f: Callable, a: float, step: float = 1e-4) -> tuple[float, float]:
    """``f`` just left and just right of ``a``, at ``step * max(1, |a|)`` from it.

    The default step is small for a plot and large enough to keep round-off error away.
    """
    h = step * max(1.0, abs(a))
    return _value(f, a - h), _value(f, a + h)


def _limit_estimate(f: Callable, a: float) -> float:
    """The plotted limit at ``a``: the average of ``f`` just left and just right of ``a``.

    NaN unless each side settles down as the step shrinks (1e-3, 1e-4, 1e-5), stays there at
    a step of 2e-5, and the two sides meet: no hole is drawn at a jump, a pole or an
    oscillation.
    """
    steps = (1e-3, 1e-4, 1e-5, 2e-5)
    (l0, r0), (l1, r1), (l2, r2), (l3, r3) = (_side_values(f, a, step) for step in steps)
    value = 0.5 * (l2 + r2)
    if not all(math.isfinite(v) for v in (l0, r0, l1, r1, l2, r2, l3, r3)):
        return math.nan
    tolerance = 1e-4 * (1 + abs(value))
    for near, nearer, nearest, beside in ((l0, l1, l2, l3), (r0, r1, r2, r3)):
        change = abs(nearer - nearest)
        if change > tolerance and change > 0.2 * abs(near - nearer):
            return math.nan
        # An oscillation may repeat its value at 1e-4 and 1e-5 by chance (cos(1/x) does).
        if abs(beside - nearest) > max(tolerance, change):
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
    what = "two-sided limit" if estimate is _limit_estimate else "finite value"
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
        # An unlisted pole: neighbours far apart that do not share a sign (e.g. tan x near
        # pi/2, or f = 0 on one side and 1/x on the other).
        jump = np.zeros(ys.size, dtype=bool)
        with np.errstate(invalid="ignore"):
            jump[1:] = (np.sign(ys[1:]) * np.sign(ys[:-1]) <= 0) & (
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
    Huge values without a known pole (a value more than 20 times the spread of the central
    92% away from the median): the central 92% of the values.  Either range gets a margin of
    10% of its span (of ``max(|y|, 1)`` for a flat curve) on each side, and grows to show
    each y of ``extra`` (holes and points) with the same margin.  None (matplotlib's limits)
    when there is no pole and no huge value.
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


@_close_on_error
def plot_riemann_rectangles(
    f: Callable[[float], float],
    interval: tuple[float, float],
    n: int,
    *,
    rule: str = "left",
    xlabel: str = "$x$",
    ylabel: str = "$f(x)$",
    label: str = "$f(x)$",
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
    label : str
        The curve's entry in the legend (e.g. ``"$s(t)$"`` for a distance against time).
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
    _draw_function(ax, f, low - margin, high + margin, color=PALETTE["black"], label=label,
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
    marks = _positions("points", points, -math.inf, math.inf)
    for x in marks:  # the ends of x_range are allowed
        _check_inside("points", x, low, high)
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
