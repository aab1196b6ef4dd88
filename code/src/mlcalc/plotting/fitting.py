"""Fitting: a cost against one parameter with a descent path, data with fitted lines, and the
cost after each epoch of gradient descent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._checks import as_real_array, check_callable, check_real
from ._shared import _axes, _check_range, _close_on_error, _figure_of, _label, _value
from .curves import _draw_function
from .style import PALETTE


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
    legend: bool = True,
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
    legend : bool
        Draw a legend (leave it out in small panels whose label says what the curve is).
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
    if legend:
        ax.legend(loc="best")
    return _figure_of(ax)


def _draw_path(ax: Axes, params: np.ndarray, values: np.ndarray) -> None:
    colour = PALETTE["vermillion"]
    steps = params.size - 1
    ax.plot(params, values, linestyle="none", marker="o", markersize=6, color=colour,
            markeredgecolor="white", zorder=5,
            label=f"descent path ({steps} step{'s' if steps != 1 else ''})")
    for i in range(steps):
        ax.annotate("", xy=(params[i + 1], values[i + 1]), xytext=(params[i], values[i]),
                    arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.4,
                                "shrinkA": 3, "shrinkB": 3}, zorder=4)


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

    It shows a model's predictions next to the data (and the errors a cost adds up).

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

    A run shorter than the longest one (it stopped early, e.g. because it diverged) ends in a
    cross.

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
