"""Tests of mlcalc.losses: cost functions, their gradients, and gradient descent for a line.

Expected values come from the formulas written out with ``math`` in plain loops, from SymPy
derivatives of the losses written symbolically, from finite differences, or from
``np.polyfit`` — never from the package itself.
"""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given
from hypothesis import strategies as st

from mlcalc.losses import (
    binary_cross_entropy,
    binary_cross_entropy_gradient,
    fit_line,
    line_mse,
    line_mse_gradient,
    mae,
    mae_gradient,
    mse,
    mse_gradient,
)
from strategies import PROPERTY_SETTINGS

# ----------------------------------------------------------------------------------------------
# Helpers: the losses written out by hand, symbolically, and by finite differences

reals = st.floats(min_value=-10, max_value=10, allow_nan=False, allow_infinity=False)
probabilities = st.floats(min_value=0.01, max_value=0.99)
labels = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(min_value=0, max_value=1))


@st.composite
def pairs(draw, values=reals, targets=reals, max_size=5):
    """(y_pred, y_true): two lists of the same length n, 1 <= n <= max_size."""
    n = draw(st.integers(min_value=1, max_value=max_size))
    predictions = draw(st.lists(values, min_size=n, max_size=n))
    return predictions, draw(st.lists(targets, min_size=n, max_size=n))


def mse_by_hand(p, y):
    return sum((pi - yi) ** 2 for pi, yi in zip(p, y)) / len(p)


def mae_by_hand(p, y):
    return sum(abs(pi - yi) for pi, yi in zip(p, y)) / len(p)


def bce_by_hand(p, y):
    return -sum(yi * math.log(pi) + (1 - yi) * math.log(1 - pi) for pi, yi in zip(p, y)) / len(p)


def symbolic_gradient(loss, p, y):
    """The gradient of ``loss(P, y)`` in n real symbols P, differentiated by SymPy, at ``p``."""
    symbols = sp.symbols(f"p0:{len(p)}", real=True)
    expression = loss(symbols, [sp.Float(v, 30) for v in y])
    at = {s: sp.Float(v, 30) for s, v in zip(symbols, p)}
    return np.array([float(sp.diff(expression, s).evalf(30, subs=at)) for s in symbols])


def symbolic_mse(P, Y):
    return sp.Add(*((pi - yi) ** 2 for pi, yi in zip(P, Y))) / len(P)


def symbolic_mae(P, Y):
    return sp.Add(*(sp.Abs(pi - yi) for pi, yi in zip(P, Y))) / len(P)


def symbolic_bce(P, Y):
    return -sp.Add(*(yi * sp.log(pi) + (1 - yi) * sp.log(1 - pi) for pi, yi in zip(P, Y))) / len(P)


def central_differences(loss, p, y, h=1e-6):
    """Gradient of loss(p, y) in p by central differences, one coordinate at a time."""
    p = np.asarray(p, dtype=float)
    gradient = np.empty_like(p)
    for i in range(p.size):
        step = np.zeros_like(p)
        step[i] = h
        gradient[i] = (loss(p + step, y) - loss(p - step, y)) / (2 * h)
    return gradient


def line_data(seed=0, n=50, noise=0.05):
    """Seeded data around y = 3x - 2."""
    rng = np.random.default_rng(seed)
    xs = rng.uniform(-2, 2, n)
    return xs, 3 * xs - 2 + noise * rng.standard_normal(n)


# ----------------------------------------------------------------------------------------------
# The losses


@given(pairs())
@PROPERTY_SETTINGS
def test_mse_and_mae_match_the_formulas(pair):
    p, y = pair
    assert mse(p, y) == pytest.approx(mse_by_hand(p, y), rel=1e-12, abs=1e-300)
    assert mae(p, y) == pytest.approx(mae_by_hand(p, y), rel=1e-12, abs=1e-300)


@given(pairs(probabilities, labels))
@PROPERTY_SETTINGS
def test_binary_cross_entropy_matches_the_formula(pair):
    p, y = pair
    assert binary_cross_entropy(p, y) == pytest.approx(bce_by_hand(p, y), rel=1e-12, abs=1e-15)


def test_losses_on_small_examples():
    assert mse([1.0, 2.0, 3.0], [1.0, 2.0, 5.0]) == pytest.approx(4 / 3, rel=1e-15)
    assert mae([1.0, 2.0, 3.0], [1.0, 2.0, 5.0]) == pytest.approx(2 / 3, rel=1e-15)
    assert binary_cross_entropy([0.9, 0.2], [1, 0]) == pytest.approx(
        -(math.log(0.9) + math.log(0.8)) / 2, rel=1e-15
    )
    assert mse([2.0], [2.0]) == 0.0 and mae([2.0], [2.0]) == 0.0
    assert isinstance(mse([1, 2], [3, 4]), float) and isinstance(mae(np.array([1]), [3]), float)
    # Scalars count as one prediction; tuples and arrays work like lists.
    assert mse(3.0, 1.0) == 4.0
    assert mse((1, 2), np.array([1.0, 4.0])) == 2.0


def test_cross_entropy_of_confident_predictions():
    # The more confident a wrong prediction, the larger the loss; a right one tends to 0.
    wrong = [binary_cross_entropy([p], [0]) for p in (0.5, 0.9, 0.99, 1 - 1e-12)]
    assert wrong == sorted(wrong) and wrong[-1] == pytest.approx(-math.log(1e-12), rel=1e-4)
    assert binary_cross_entropy([1e-12], [0]) == pytest.approx(1e-12, rel=1e-3)


# ----------------------------------------------------------------------------------------------
# Gradients of the losses


@given(pairs())
@PROPERTY_SETTINGS
def test_mse_gradient_is_sympys_derivative(pair):
    p, y = pair
    got = mse_gradient(p, y)
    assert got.shape == (len(p),)
    np.testing.assert_allclose(got, symbolic_gradient(symbolic_mse, p, y), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(got, central_differences(mse, p, y), rtol=1e-6, atol=1e-6)


@given(pairs())
@PROPERTY_SETTINGS
def test_mae_gradient_is_sympys_derivative(pair):
    p, y = pair
    assume(all(abs(pi - yi) > 1e-3 for pi, yi in zip(p, y)))  # away from the kinks
    got = mae_gradient(p, y)
    np.testing.assert_allclose(got, symbolic_gradient(symbolic_mae, p, y), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(got, central_differences(mae, p, y), rtol=1e-6, atol=1e-6)


def test_mae_gradient_is_zero_at_a_kink():
    np.testing.assert_array_equal(mae_gradient([1.0, 2.0, 3.0], [0.0, 2.0, 5.0]), [1 / 3, 0.0, -1 / 3])


@given(pairs(probabilities, labels))
@PROPERTY_SETTINGS
def test_binary_cross_entropy_gradient_is_sympys_derivative(pair):
    p, y = pair
    got = binary_cross_entropy_gradient(p, y)
    np.testing.assert_allclose(got, symbolic_gradient(symbolic_bce, p, y), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(
        got, central_differences(binary_cross_entropy, p, y, h=1e-7), rtol=1e-5, atol=1e-6
    )


@given(data=pairs(max_size=6), m=reals, b=reals)
@PROPERTY_SETTINGS
def test_line_mse_and_its_gradient_match_sympy(data, m, b):
    xs, ys = data
    M, B = sp.symbols("m b", real=True)
    residuals = [M * sp.Float(xi, 30) + B - sp.Float(yi, 30) for xi, yi in zip(xs, ys)]
    cost = sp.Add(*(r**2 for r in residuals)) / len(xs)
    at = {M: sp.Float(m, 30), B: sp.Float(b, 30)}
    expected_cost = float(cost.evalf(30, subs=at))
    expected_dm = float(sp.diff(cost, M).evalf(30, subs=at))
    expected_db = float(sp.diff(cost, B).evalf(30, subs=at))
    scale = 1 + sum((abs(m * xi) + abs(b) + abs(yi)) ** 2 for xi, yi in zip(xs, ys))
    assert line_mse(xs, ys, m, b) == pytest.approx(expected_cost, rel=1e-12, abs=1e-14 * scale)
    dm, db = line_mse_gradient(xs, ys, m, b)
    assert isinstance(dm, float) and isinstance(db, float)
    assert dm == pytest.approx(expected_dm, rel=1e-10, abs=1e-13 * scale)
    assert db == pytest.approx(expected_db, rel=1e-10, abs=1e-13 * scale)


def test_line_mse_of_a_perfect_fit():
    assert line_mse([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], m=2.0, b=1.0) == 0.0
    assert line_mse_gradient([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], m=2.0, b=1.0) == (0.0, 0.0)
    # (0*0 + 0 - 1)^2 and (0*1 + 0 - 3)^2 -> cost 5; gradient (2*mean(r*x), 2*mean(r)) = (-3, -4).
    assert line_mse([0.0, 1.0], [1.0, 3.0], m=0.0, b=0.0) == 5.0
    assert line_mse_gradient([0.0, 1.0], [1.0, 3.0], m=0.0, b=0.0) == (-3.0, -4.0)


# ----------------------------------------------------------------------------------------------
# Gradient descent for a line


def test_fit_line_recovers_the_least_squares_line():
    xs, ys = line_data()
    fit = fit_line(xs, ys, lr=0.1, epochs=2000)
    slope, intercept = np.polyfit(xs, ys, 1)
    assert fit.diverged is False
    assert fit.m == pytest.approx(slope, abs=1e-8)
    assert fit.b == pytest.approx(intercept, abs=1e-8)
    assert fit.m == pytest.approx(3.0, abs=0.05) and fit.b == pytest.approx(-2.0, abs=0.05)
    assert fit.cost == pytest.approx(line_mse(xs, ys, slope, intercept), rel=1e-10)
    assert "finished" in repr(fit) and "steps=2000" in repr(fit)


def test_fit_line_on_exact_line_data():
    xs = np.linspace(-1, 1, 21)
    fit = fit_line(xs, 3 * xs - 2, lr=0.2, epochs=1000)
    assert fit.m == pytest.approx(3.0, abs=1e-10) and fit.b == pytest.approx(-2.0, abs=1e-10)
    assert fit.cost < 1e-20


def test_fit_line_history_follows_the_update_rule():
    xs, ys = line_data(seed=1, n=20)
    lr = 0.05
    fit = fit_line(xs, ys, m0=1.0, b0=0.5, lr=lr, epochs=30)
    assert len(fit.m_history) == len(fit.b_history) == len(fit.cost_history) == 31
    assert (fit.m_history[0], fit.b_history[0]) == (1.0, 0.5)
    assert (fit.m, fit.b, fit.cost) == (fit.m_history[-1], fit.b_history[-1], fit.cost_history[-1])
    for k in range(30):
        m, b = fit.m_history[k], fit.b_history[k]
        residual = m * xs + b - ys
        dm, db = 2 * np.mean(residual * xs), 2 * np.mean(residual)
        assert fit.m_history[k + 1] == pytest.approx(m - lr * dm, rel=1e-12, abs=1e-14)
        assert fit.b_history[k + 1] == pytest.approx(b - lr * db, rel=1e-12, abs=1e-14)
        assert fit.cost_history[k] == pytest.approx(np.mean(residual**2), rel=1e-12)


@pytest.mark.parametrize("lr", [0.001, 0.01, 0.1, 0.3])
def test_cost_never_increases_for_a_small_learning_rate(lr):
    # For C(m, b) = mean((m x + b - y)^2), lr < 1 / lambda_max(Hessian) guarantees descent.
    xs, ys = line_data(seed=2)
    hessian = 2 * np.array([[np.mean(xs**2), np.mean(xs)], [np.mean(xs), 1.0]])
    assert lr < 1 / np.linalg.eigvalsh(hessian).max()
    fit = fit_line(xs, ys, m0=-5.0, b0=4.0, lr=lr, epochs=300)
    costs = fit.cost_history
    assert fit.diverged is False and len(costs) == 301
    # Allow round-off once the descent has converged (a few ulps of the residuals).
    assert np.all(np.diff(costs) <= 1e-12 * costs[:-1])
    assert costs[-1] < costs[0]


@pytest.mark.parametrize("lr", [1.0, 2.0, 10.0])
def test_fit_line_detects_divergence(lr):
    xs, ys = line_data(seed=3)
    fit = fit_line(xs, ys, lr=lr, epochs=5000)
    assert fit.diverged is True
    assert 1 < len(fit.cost_history) < 5001
    assert np.all(np.isfinite(fit.cost_history))
    assert np.all(np.isfinite(fit.m_history)) and np.all(np.isfinite(fit.b_history))
    assert fit.cost_history[-1] > fit.cost_history[0]
    assert "diverged" in repr(fit)


@pytest.mark.parametrize(("m0", "b0"), [(0.0, 0.0), (2.0, 1.0)])
@pytest.mark.parametrize("lr", [0.5, 1.0, 2.0])
def test_divergence_is_reported_within_a_few_steps(lr, m0, b0):
    """The descent stops at the first step whose cost exceeds 1e12 times the starting cost
    (or 1e12 when the starting cost is below 1), long before the numbers overflow."""
    from mlcalc.losses import make_line_data

    xs, ys = make_line_data()
    fit = fit_line(xs, ys, m0=m0, b0=b0, lr=lr, epochs=1000)
    limit = 1e12 * max(1.0, fit.cost_history[0])
    assert fit.diverged is True
    assert len(fit.cost_history) - 1 <= 10
    assert fit.cost_history.max() <= limit
    # The step it refused to take, written out by hand from the last kept parameters.
    residual = fit.m * xs + fit.b - ys
    m = fit.m - lr * 2 * np.mean(residual * xs)
    b = fit.b - lr * 2 * np.mean(residual)
    assert np.mean((m * xs + b - ys) ** 2) > limit


@pytest.mark.parametrize(("m0", "b0"), [(0.0, 0.0), (2.0, 1.0), (1.9, 0.9)])
@pytest.mark.parametrize("lr", np.geomspace(0.3, 3.0, 15))
def test_divergence_stops_at_the_first_cost_above_the_limit(lr, m0, b0):
    """For every learning rate too large for the data, the kept costs stay within
    1e12 * max(1, C(m0, b0)) and the next step's cost exceeds it."""
    from mlcalc.losses import make_line_data

    xs, ys = make_line_data()
    fit = fit_line(xs, ys, m0=m0, b0=b0, lr=lr, epochs=1000)
    limit = 1e12 * max(1.0, line_mse(xs, ys, m0, b0))
    assert fit.diverged is True
    assert fit.cost_history.max() <= limit
    residual = fit.m * xs + fit.b - ys
    m = fit.m - lr * 2 * np.mean(residual * xs)
    b = fit.b - lr * 2 * np.mean(residual)
    assert np.mean((m * xs + b - ys) ** 2) > limit


@pytest.mark.parametrize("lr", [1e200, 1e308])
def test_an_absurd_learning_rate_diverges_at_once_without_warnings(lr):
    # The first step overflows (to inf, or to inf - inf = NaN in the cost): the descent stops
    # there, quietly, and returns only the finite starting point.
    xs = np.array([0.0, 1.0, 2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = fit_line(xs, [1.0, 3.0, 5.0], lr=lr, epochs=10)
    assert fit.diverged is True and len(fit.cost_history) == 1
    assert (fit.m, fit.b, fit.cost) == (0.0, 0.0, 35 / 3)
    assert repr(fit) == "LineFit(m=0, b=0, cost=11.6667, steps=0, diverged)"


def test_line_mse_too_large_for_a_float_is_inf_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert line_mse([1.0, 2.0], [0.0, 0.0], 1e200, 0.0) == math.inf


def test_fit_line_starts_from_a_flat_line_by_default():
    fit = fit_line([0.0, 1.0], [1.0, 3.0], epochs=0)
    assert (fit.m, fit.b, fit.cost) == (0.0, 0.0, 5.0)
    assert repr(fit) == "LineFit(m=0, b=0, cost=5, steps=0, finished)"


def test_fit_line_defaults_take_100_small_steps():
    # The documented defaults: 100 steps with learning rate 0.01, the first one by hand.
    xs, ys = line_data(seed=4, n=10)
    fit = fit_line(xs, ys)
    assert len(fit.cost_history) == 101 and fit.diverged is False
    assert fit.m_history[1] == pytest.approx(0.01 * 2 * np.mean(ys * xs), rel=1e-12)
    assert fit.b_history[1] == pytest.approx(0.01 * 2 * np.mean(ys), rel=1e-12)


def test_fit_line_with_no_epochs():
    fit = fit_line([0.0, 1.0], [1.0, 3.0], m0=0.5, b0=-1.0, epochs=0)
    assert (fit.m, fit.b) == (0.5, -1.0)
    assert fit.cost == pytest.approx(((0.5 * 0 - 1 - 1) ** 2 + (0.5 * 1 - 1 - 3) ** 2) / 2)
    assert len(fit.cost_history) == 1 and fit.diverged is False


# ----------------------------------------------------------------------------------------------
# Bad input: the message names the argument

LOSSES = [mse, mse_gradient, mae, mae_gradient, binary_cross_entropy, binary_cross_entropy_gradient]


@pytest.mark.parametrize("loss", LOSSES)
def test_mismatched_lengths_name_both_arguments(loss):
    with pytest.raises(ValueError, match=r"y_pred and y_true .*same length.*3 and 2"):
        loss([0.5, 0.5, 0.5], [0, 1])


@pytest.mark.parametrize("loss", LOSSES)
def test_empty_input(loss):
    with pytest.raises(ValueError, match=r"^y_pred must not be empty"):
        loss([], [])
    with pytest.raises(ValueError, match=r"^y_true must not be empty"):
        loss([0.5], [])


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_in_arrays(loss, bad):
    with pytest.raises(ValueError, match=r"^y_pred must hold finite numbers"):
        loss([0.5, bad], [0, 1])
    with pytest.raises(ValueError, match=r"^y_true must hold finite numbers"):
        loss([0.5, 0.5], [0, bad])


@pytest.mark.parametrize("loss", [mse, mae])
def test_non_numeric_and_non_1d_arrays(loss):
    with pytest.raises(TypeError, match=r"^y_pred\b"):
        loss(["a", "b"], [0, 1])
    with pytest.raises(TypeError, match=r"^y_true\b"):
        loss([0, 1], [1j, 2j])
    with pytest.raises(ValueError, match=r"^y_pred must be 1-D"):
        loss([[0, 1], [1, 0]], [0, 1])


@pytest.mark.parametrize("loss", [binary_cross_entropy, binary_cross_entropy_gradient])
@pytest.mark.parametrize("p", [0, 0.0, 1, 1.0, 1.2, -0.1])
def test_probabilities_outside_the_open_interval(loss, p):
    # The message shows the first offending value, as a plain number, and the likely fix.
    expected = (
        rf"^y_pred must hold probabilities strictly between 0 and 1; got {re.escape(repr(float(p)))} "
        r"\(apply a sigmoid to raw scores first\)$"
    )
    with pytest.raises(ValueError, match=expected):
        loss([0.5, p], [1, 0])
    with pytest.raises(ValueError, match=expected):  # the first of several
        loss([0.5, 0.999, p, 3.0], [1, 0, 1, 0])


@pytest.mark.parametrize("loss", [binary_cross_entropy, binary_cross_entropy_gradient])
@pytest.mark.parametrize("label", [-0.5, -1e-9, 1.01, 2])
def test_labels_outside_the_unit_interval(loss, label):
    expected = rf"^y_true must hold labels in \[0, 1\]; got {re.escape(repr(float(label)))}$"
    with pytest.raises(ValueError, match=expected):
        loss([0.5, 0.5], [1, label])
    with pytest.raises(ValueError, match=expected):  # the first of several
        loss([0.5, 0.5, 0.5, 0.5], [0, 1, label, 5])


def test_labels_at_the_ends_of_the_unit_interval_are_accepted():
    # Hard labels 0 and 1 are the usual case; only probabilities must stay inside (0, 1).
    assert binary_cross_entropy([0.25, 0.75], [0, 1]) == pytest.approx(-math.log(0.75), rel=1e-15)


@pytest.mark.parametrize("function", [line_mse, line_mse_gradient])
def test_line_functions_reject_bad_data(function):
    with pytest.raises(ValueError, match=r"^x must not be empty"):
        function([], [], 1.0, 0.0)
    with pytest.raises(ValueError, match=r"x and y .*same length"):
        function([1.0, 2.0], [1.0], 1.0, 0.0)
    with pytest.raises(ValueError, match=r"^y must hold finite"):
        function([1.0, 2.0], [1.0, math.nan], 1.0, 0.0)
    with pytest.raises(ValueError, match=r"^m\b"):
        function([1.0], [1.0], math.nan, 0.0)
    with pytest.raises(TypeError, match=r"^b\b"):
        function([1.0], [1.0], 1.0, "0")


@pytest.mark.parametrize(
    ("kwargs", "pattern", "error"),
    [
        ({"lr": 0}, r"^lr must be > 0; got 0\.0$", ValueError),
        ({"lr": -0.1}, r"^lr must be > 0; got -0\.1$", ValueError),
        ({"lr": math.nan}, r"^lr must be a real number, not NaN$", ValueError),
        ({"lr": math.inf}, r"^lr must be finite; got inf$", ValueError),
        ({"epochs": -1}, r"^epochs must be an integer >= 0; got -1$", ValueError),
        ({"epochs": 2.5}, r"^epochs must be an integer >= 0; got 2\.5 \(type float\)$", TypeError),
        ({"epochs": True}, r"^epochs must be an integer >= 0; got True \(type bool\)$", TypeError),
        ({"m0": math.nan}, r"^m0 must be a real number, not NaN$", ValueError),
        ({"b0": math.inf}, r"^b0 must be finite; got inf$", ValueError),
    ],
)
def test_fit_line_rejects_bad_settings(kwargs, pattern, error):
    with pytest.raises(error, match=pattern):
        fit_line([0.0, 1.0], [1.0, 3.0], **kwargs)


def test_fit_line_rejects_bad_data():
    with pytest.raises(ValueError, match=r"^x must not be empty"):
        fit_line([], [])
    with pytest.raises(ValueError, match=r"x and y .*same length"):
        fit_line([0.0, 1.0, 2.0], [1.0, 3.0])


# ----------------------------------------------------------------------------------------------
# make_line_data: the shared data set of Parts II and III


def test_make_line_data_is_seeded_and_scatters_around_the_line():
    from mlcalc.losses import make_line_data

    x1, y1 = make_line_data(n=200, slope=-1.5, intercept=4.0, noise=0.3, seed=3)
    x2, y2 = make_line_data(n=200, slope=-1.5, intercept=4.0, noise=0.3, seed=3)
    np.testing.assert_array_equal(y1, y2)
    assert x1.min() == 0.0 and x1.max() == 4.0 and len(x1) == 200
    residual = y1 - (-1.5 * x1 + 4.0)
    assert abs(residual.mean()) < 0.1 and 0.2 < residual.std() < 0.4
    _, y3 = make_line_data(n=200, slope=-1.5, intercept=4.0, noise=0.3, seed=4)
    assert not np.array_equal(y1, y3)


def test_make_line_data_pins_the_points_the_chapters_show():
    """The chapters of Parts I to III print and fit these exact points (seed 0, 20 points around
    y = 2x + 1, noise 0.5); a change of generator or of its use would change every figure."""
    from mlcalc.losses import make_line_data

    x, y = make_line_data()
    np.testing.assert_array_equal(x, np.linspace(0.0, 4.0, 20))
    expected = [
        1.0628651105466966, 1.3550001999332963, 2.162316588379536, 2.315607953313362,
        2.4163758397352337, 3.286060685349479, 4.178315812038752, 4.420908902617253,
        4.016553434728083, 4.1567629486875, 4.898889084520797, 5.652241937042043,
        4.890116191627951, 6.364288378560042, 6.27178136847873, 6.949655796332485,
        7.464712613834503, 7.999744658657527, 8.784762636608118, 9.521256684721338,
    ]
    np.testing.assert_allclose(y, expected, rtol=1e-12)
    # Without noise the points lie on the line itself.
    x, y = make_line_data(n=5, slope=-1.5, intercept=4.0, noise=0.0, seed=7)
    np.testing.assert_allclose(y, -1.5 * x + 4.0, rtol=0, atol=1e-15)


def test_make_line_data_accepts_two_points():
    """Two points are the fewest that fix a line: the ends of [0, 4]."""
    from mlcalc.losses import make_line_data

    x, y = make_line_data(n=2, noise=0.0)
    assert x.tolist() == [0.0, 4.0] and y.tolist() == [1.0, 9.0]
    x, y = make_line_data(n=2)
    assert x.shape == y.shape == (2,) and np.all(np.isfinite(y))


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"n": 1}, ValueError, r"^n must be an integer >= 2; got 1$"),
        ({"n": 0}, ValueError, r"^n must be an integer >= 2; got 0$"),
        ({"n": 2.0}, TypeError, r"^n must be an integer >= 2; got 2\.0"),
        ({"noise": -1.0}, ValueError, r"^noise must be >= 0; got -1\.0$"),
        ({"seed": 1.5}, TypeError, r"^seed must be an integer; got 1\.5$"),
        ({"seed": True}, TypeError, r"^seed must be an integer; got True$"),
        ({"slope": float("nan")}, ValueError, r"^slope must be a real number, not NaN$"),
        ({"intercept": "1"}, TypeError, r"^intercept must be a real number; got '1'"),
        ({"noise": math.inf}, ValueError, r"^noise must be finite; got inf$"),
    ],
)
def test_make_line_data_rejects_bad_input(kwargs, error, pattern):
    from mlcalc.losses import make_line_data

    with pytest.raises(error, match=pattern):
        make_line_data(**kwargs)


def test_make_line_data_accepts_numpy_integers_and_zero_noise():
    from mlcalc.losses import make_line_data

    x, y = make_line_data(n=np.int64(3), noise=0.0, seed=np.int32(1))
    assert x.tolist() == [0.0, 2.0, 4.0] and y.tolist() == [1.0, 5.0, 9.0]
