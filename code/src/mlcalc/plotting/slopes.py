"""Slopes: secants turning into the tangent, zooming in until a curve looks straight, and the
error of a finite difference against its step.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from typing import Any, Callable, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .._checks import as_real_array, check_callable, check_real
from ._shared import (
    _axes,
    _check_inside,
    _check_range,
    _close_on_error,
    _evaluate,
    _figure_of,
    _label,
    _value,
)
from .curves import _draw_function
from .style import PALETTE


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
                 high: float, alpha: float) -> None:
    """The secant through (x0, y0) and (x0 + h, f(x0 + h)), and a dot at the second point."""
    y1 = _value(f, x0 + h)
    if not math.isfinite(y1):
        raise ValueError(
            f"hs must hold steps h with f defined at x0 + h; f({x0 + h:g}) for h = {h:g} "
            "is not a finite number"
        )
    slope = (y1 - y0) / h
    xs = np.array([low, high])
    colour = PALETTE["blue"]
    ax.plot(xs, y0 + slope * (xs - x0), color=colour, alpha=alpha, linewidth=1.6,
            label=f"secant, $h = {h:.3g}$: slope {slope:.4g}")
    ax.plot([x0 + h], [y1], linestyle="none", marker="o", markersize=6, color=colour,
            alpha=alpha, zorder=4)


def _draw_tangent(ax: Axes, f: Callable, x0: float, y0: float, low: float, high: float) -> None:
    slope = _tangent_slope(f, x0)
    if not math.isfinite(slope):
        raise ValueError(
            f"f must be differentiable at x0 to draw its tangent; the central difference at "
            f"x0 = {x0:g} is not a finite number"
        )
    xs = np.array([low, high])
    ax.plot(xs, y0 + slope * (xs - x0), color=PALETTE["vermillion"], linewidth=2.6, zorder=3,
            label=f"tangent: slope {slope:.4g}")


@_close_on_error
def plot_secant_tangent(
    f: Callable[[float], float],
    x0: float,
    hs: Sequence[float],
    *,
    x_range: tuple[float, float] | None = None,
    xlabel: str = "$x$",
    ylabel: str = "$f(x)$",
    label: str = "$f(x)$",
    ax: Axes | None = None,
) -> Figure:
    """Secant lines through ``(x0, f(x0))`` and ``(x0 + h, f(x0 + h))`` turning into the tangent.

    Each secant is drawn fainter the larger its ``h``; the tangent (slope from a central
    difference) is highlighted.  The legend gives every slope.

    Parameters
    ----------
    f : callable
        A function of one real number, defined at ``x0`` and ``x0 + h`` for each step ``h``,
        and differentiable at ``x0``.
    x0 : float
        Where the tangent touches.
    hs : sequence of float
        Nonzero steps, e.g. ``[1, 0.5, 0.25]``.
    x_range : (low, high), optional
        Interval to plot; by default ``x0`` plus or minus ``1.4 max|h|`` (at least 1).
    xlabel, ylabel : str
        Axis labels.
    label : str
        The curve's entry in the legend (e.g. ``"$s(t)$"`` for a distance against time).
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
    _, ylim = _draw_function(ax, f, low, high, color=PALETTE["black"], label=label)
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
    fig, axes = plt.subplots(1, count, figsize=(min(2.5 * count, 10.0), 3.2),
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
        ax.set_title(f"width {width:g}")
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(3))
        ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(4))
        _label(ax, xlabel, None)
    for ax, (low, high, bottom, top) in zip(axes[0][:-1], windows[1:]):
        ax.add_patch(Rectangle((low, bottom), high - low, top - bottom, facecolor=PALETTE["orange"],
                               alpha=0.3, edgecolor=PALETTE["orange"], linewidth=1.2, zorder=3))
    _label(axes[0][0], None, ylabel)
    return fig


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
