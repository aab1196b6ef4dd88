"""Cost (loss) functions, their gradients, and gradient descent for a line.

Every function checks its inputs: mismatched lengths, empty input, NaN or infinity, and
probabilities outside (0, 1) raise ``ValueError`` naming the argument.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_real_array, check_positive, check_positive_int, check_real, check_same_length

__all__ = [
    "mse",
    "mse_gradient",
    "mae",
    "mae_gradient",
    "binary_cross_entropy",
    "binary_cross_entropy_gradient",
    "make_line_data",
    "line_mse",
    "line_mse_gradient",
    "LineFit",
    "fit_line",
]


def _pair(y_pred: ArrayLike, y_true: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    predictions = as_real_array("y_pred", y_pred)
    targets = as_real_array("y_true", y_true)
    check_same_length("y_pred", predictions, "y_true", targets)
    return predictions, targets


def mse(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    """Mean squared error: ``mean((y_pred - y_true)**2)``.

    Examples
    --------
    >>> mse([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])  # (0 + 0 + 4) / 3
    1.3333333333333333
    """
    predictions, targets = _pair(y_pred, y_true)
    return float(np.mean((predictions - targets) ** 2))


def mse_gradient(y_pred: ArrayLike, y_true: ArrayLike) -> np.ndarray:
    """Gradient of :func:`mse` with respect to each prediction: ``2 (y_pred - y_true) / n``.

    Examples
    --------
    >>> mse_gradient([1.0, 2.0, 3.0], [1.0, 2.0, 5.0]).round(4)
    array([ 0.    ,  0.    , -1.3333])
    """
    predictions, targets = _pair(y_pred, y_true)
    return 2 * (predictions - targets) / predictions.size


def mae(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    """Mean absolute error: ``mean(|y_pred - y_true|)``.

    Examples
    --------
    >>> mae([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])
    0.6666666666666666
    """
    predictions, targets = _pair(y_pred, y_true)
    return float(np.mean(np.abs(predictions - targets)))


def mae_gradient(y_pred: ArrayLike, y_true: ArrayLike) -> np.ndarray:
    """Gradient of :func:`mae`: ``sign(y_pred - y_true) / n`` (0 where they are equal, a subgradient).

    Examples
    --------
    >>> mae_gradient([1.0, 2.0, 3.0], [0.0, 2.0, 5.0]).round(4)
    array([ 0.3333,  0.    , -0.3333])
    """
    predictions, targets = _pair(y_pred, y_true)
    return np.sign(predictions - targets) / predictions.size


def _probabilities(p: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    predictions, targets = _pair(p, y)
    if np.any((predictions <= 0) | (predictions >= 1)):
        bad = float(predictions[(predictions <= 0) | (predictions >= 1)][0])
        raise ValueError(
            f"y_pred must hold probabilities strictly between 0 and 1; got {bad!r} "
            "(apply a sigmoid to raw scores first)"
        )
    if np.any((targets < 0) | (targets > 1)):
        bad = float(targets[(targets < 0) | (targets > 1)][0])
        raise ValueError(f"y_true must hold labels in [0, 1]; got {bad!r}")
    return predictions, targets


def binary_cross_entropy(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    """Binary cross-entropy: ``-mean(y log p + (1 - y) log(1 - p))`` for probabilities ``p``.

    Examples
    --------
    >>> round(binary_cross_entropy([0.9, 0.2], [1, 0]), 6)  # -(log 0.9 + log 0.8) / 2
    0.164252
    """
    p, y = _probabilities(y_pred, y_true)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))


def binary_cross_entropy_gradient(y_pred: ArrayLike, y_true: ArrayLike) -> np.ndarray:
    """Gradient of :func:`binary_cross_entropy` with respect to each probability.

    ``(p - y) / (p (1 - p) n)``.

    Examples
    --------
    >>> binary_cross_entropy_gradient([0.9, 0.2], [1, 0]).round(4)
    array([-0.5556,  0.625 ])
    """
    p, y = _probabilities(y_pred, y_true)
    return (p - y) / (p * (1 - p) * p.size)


def _line_data(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    xs = as_real_array("x", x)
    ys = as_real_array("y", y)
    check_same_length("x", xs, "y", ys)
    return xs, ys


def make_line_data(
    n: int = 20,
    slope: float = 2.0,
    intercept: float = 1.0,
    noise: float = 0.5,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """A small synthetic data set scattered around the line ``y = slope x + intercept``.

    ``x`` is spread evenly over [0, 4]; ``y`` adds Gaussian noise with standard deviation
    ``noise`` from a generator seeded with ``seed``, so every build sees the same points.
    Parts II and III fit a line to this data set, so the reader sees the same answer three ways.
    The chapters print these points, so the unit tests pin the values of the default call
    (``n=20``, ``seed=0``); ``n`` must be at least 2, the fewest points that fix a line.

    Examples
    --------
    >>> x, y = make_line_data(n=5, noise=0.0)
    >>> x.tolist(), y.tolist()
    ([0.0, 1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 5.0, 7.0, 9.0])
    """
    count = check_positive_int("n", n, minimum=2)
    slope, intercept = check_real("slope", slope), check_real("intercept", intercept)
    spread = check_real("noise", noise)
    if spread < 0:
        raise ValueError(f"noise must be >= 0; got {spread}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an integer; got {seed!r}")
    x = np.linspace(0.0, 4.0, count)
    y = slope * x + intercept + np.random.default_rng(seed).normal(0.0, spread, count)
    return x, y


def line_mse(x: ArrayLike, y: ArrayLike, m: float, b: float) -> float:
    """The cost ``C(m, b) = mean((m x + b - y)**2)`` of the line ``y_hat = m x + b``.

    Examples
    --------
    >>> line_mse([0.0, 1.0], [1.0, 3.0], m=2.0, b=1.0)  # a perfect fit
    0.0
    """
    xs, ys = _line_data(x, y)
    return _line_cost(xs, ys, check_real("m", m), check_real("b", b))


def line_mse_gradient(x: ArrayLike, y: ArrayLike, m: float, b: float) -> tuple[float, float]:
    """Partial derivatives ``(dC/dm, dC/db)`` of :func:`line_mse`.

    By the chain rule, ``dC/dm = 2 mean((m x + b - y) x)`` and ``dC/db = 2 mean(m x + b - y)``.

    Examples
    --------
    >>> line_mse_gradient([0.0, 1.0], [1.0, 3.0], m=0.0, b=0.0)
    (-3.0, -4.0)
    """
    xs, ys = _line_data(x, y)
    return _line_gradient(xs, ys, check_real("m", m), check_real("b", b))


def _line_gradient(xs: np.ndarray, ys: np.ndarray, m: float, b: float) -> tuple[float, float]:
    residual = m * xs + b - ys
    return float(2 * np.mean(residual * xs)), float(2 * np.mean(residual))


def _line_cost(xs: np.ndarray, ys: np.ndarray, m: float, b: float) -> float:
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.mean((m * xs + b - ys) ** 2))


@dataclass(frozen=True)
class LineFit:
    """The outcome of :func:`fit_line`.

    ``m_history``, ``b_history`` and ``cost_history`` hold the parameters and the cost before
    the first step and after each step.  ``diverged`` is True when the cost blew up (the
    learning rate was too large) and the descent stopped early.
    """

    m: float
    b: float
    cost: float
    m_history: np.ndarray
    b_history: np.ndarray
    cost_history: np.ndarray
    diverged: bool

    def __repr__(self) -> str:
        state = "diverged" if self.diverged else "finished"
        return (
            f"LineFit(m={self.m:.6g}, b={self.b:.6g}, cost={self.cost:.6g}, "
            f"steps={len(self.cost_history) - 1}, {state})"
        )


def fit_line(
    x: ArrayLike,
    y: ArrayLike,
    m0: float = 0.0,
    b0: float = 0.0,
    lr: float = 0.01,
    epochs: int = 100,
) -> LineFit:
    """Fit ``y_hat = m x + b`` by gradient descent on the mean squared error.

    Each epoch takes one step against the gradient from :func:`line_mse_gradient`:
    ``m -= lr * dC/dm`` and ``b -= lr * dC/db``; by default it starts from the flat line
    ``m = b = 0`` and takes 100 steps with ``lr = 0.01``.  A learning rate that is too large makes the
    cost grow by a constant factor each step: the descent stops at the first step whose cost
    exceeds ``1e12 * max(1, C(m0, b0))`` (or is not finite), keeps the parameters from before it
    and sets ``diverged``; every number it returns is finite.

    Examples
    --------
    >>> fit = fit_line([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], lr=0.1, epochs=500)
    >>> round(fit.m, 4), round(fit.b, 4)
    (2.0, 1.0)
    >>> fit_line([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], lr=2.0, epochs=500).diverged
    True
    """
    xs, ys = _line_data(x, y)
    slope, intercept = check_real("m0", m0), check_real("b0", b0)
    rate = check_positive("lr", lr)
    count = check_positive_int("epochs", epochs, minimum=0)
    ms, bs, costs = [slope], [intercept], [_line_cost(xs, ys, slope, intercept)]
    diverged = False
    for _ in range(count):
        dm, db = _line_gradient(xs, ys, slope, intercept)
        slope, intercept = slope - rate * dm, intercept - rate * db
        cost = _line_cost(xs, ys, slope, intercept)
        if not math.isfinite(cost) or cost > 1e12 * max(1.0, costs[0]):
            diverged = True
            break
        ms.append(slope)
        bs.append(intercept)
        costs.append(cost)
    return LineFit(ms[-1], bs[-1], costs[-1], np.array(ms), np.array(bs), np.array(costs), diverged)
