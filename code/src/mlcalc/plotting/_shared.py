"""Argument checks and evaluation shared by the figure modules of :mod:`mlcalc.plotting` (private).

Every check raises ``TypeError`` for a wrong kind of argument and ``ValueError`` for a wrong
value, with a message that names the argument.  ``f`` is evaluated with NumPy's warnings off:
where it is undefined (division by zero, a domain error, NaN) the value is NaN, never an error.
"""

from __future__ import annotations

import functools
import math
from typing import Any, Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._checks import check_real


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
