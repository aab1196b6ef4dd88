"""Tests of mlcalc.plotting.fitting: a cost curve with a descent path, data with fitted lines,
and the cost after each epoch of gradient descent."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color
from matplotlib.figure import Figure

from mlcalc.losses import fit_line, make_line_data
from mlcalc.plotting import plot_cost_curve, plot_cost_history, plot_line_fits


def _legend(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def _lines(fig: Figure) -> list:
    return [line for line in fig.axes[0].get_lines() if line.get_linestyle() != "None"]


# --------------------------------------------------------------------------------------------
# plot_cost_curve


def test_cost_curve_path_points_lie_on_the_curve_with_an_arrow_per_step():
    path = [3.0, 2.0, 1.5, 1.25]
    fig = plot_cost_curve(lambda w: (w - 1) ** 2, (-1, 2), path=path)
    ax = fig.axes[0]
    dots = next(line for line in ax.get_lines() if line.get_label().startswith("descent path"))
    assert list(dots.get_ydata()) == pytest.approx([(w - 1) ** 2 for w in path])
    assert len(ax.texts) == len(path) - 1  # arrows are annotations
    assert ax.get_xlim()[1] >= 3.0  # the view grows to show the whole path


def test_cost_curve_legend_names_the_curve_and_can_be_left_out():
    cost = lambda w: (w - 1) ** 2  # noqa: E731
    with_legend = plot_cost_curve(cost, (-1, 2)).axes[0]
    assert [t.get_text() for t in with_legend.get_legend().get_texts()] == ["cost"]
    without = plot_cost_curve(cost, (-1, 2), legend=False).axes[0]
    assert without.get_legend() is None
    assert len(without.get_lines()) == 1  # the curve is still drawn


# --------------------------------------------------------------------------------------------
# plot_line_fits


def test_line_fits_draw_data_and_each_line_exactly():
    x, y = [0.0, 1.0, 2.0, 4.0], [1.0, 2.0, 5.0, 9.0]
    fig = plot_line_fits(x, y, {"a": (2.0, 1.0), "b": (1.0, 0.0)})
    assert isinstance(fig, Figure)
    assert _legend(fig) == ["data", "a", "b"]
    data = fig.axes[0].get_lines()[0]
    assert np.allclose(data.get_xdata(), x) and np.allclose(data.get_ydata(), y)
    for line, (m, b) in zip(_lines(fig), [(2.0, 1.0), (1.0, 0.0)]):
        xs, ys = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        assert np.allclose(ys, m * xs + b)
        assert xs.min() < 0.0 and xs.max() > 4.0  # spans the data
    a, b = _lines(fig)
    assert a.get_linestyle() != b.get_linestyle()  # apart in grey scale too
    assert not same_color(a.get_color(), b.get_color())
    assert fig.axes[0].get_xlabel() == "$x$" and fig.axes[0].get_ylabel() == "$y$"


def test_residuals_join_each_point_to_the_first_line():
    x, y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.5, 5.0])
    fig = plot_line_fits(x, y, {"guess": (2.0, 0.5), "other": (0.0, 3.0)}, residuals=True)
    (segments,) = fig.axes[0].collections
    for (x0, y0), (x1, y1), xi, yi in zip(*np.transpose(segments.get_segments(), (1, 0, 2)),
                                          x, y):
        assert x0 == x1 == xi
        assert {y0, y1} == {yi, 2.0 * xi + 0.5}
    assert "residuals" in _legend(fig)


def test_line_fits_draw_into_given_axes():
    fig, ax = plt.subplots(1, 2)
    assert plot_line_fits([0, 1], [0, 1], {"id": (1, 0)}, ax=ax[1]) is fig
    assert ax[1].get_legend() is not None and ax[0].get_legend() is None


# --------------------------------------------------------------------------------------------
# plot_cost_history


def test_cost_history_of_one_run_on_a_log_axis():
    fig = plot_cost_history([4.0, 2.0, 1.0, 0.5])
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and ax.get_legend() is None
    (line,) = ax.get_lines()
    assert list(line.get_xdata()) == [0, 1, 2, 3] and list(line.get_ydata()) == [4, 2, 1, 0.5]
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "cost"


def test_cost_history_of_fits_marks_a_run_that_stopped_early():
    x, y = make_line_data()
    good = fit_line(x, y, lr=0.05, epochs=50)
    bad = fit_line(x, y, lr=0.2, epochs=50)
    assert bad.diverged
    fig = plot_cost_history({"good": good, "bad": bad})
    assert _legend(fig) == ["good", "bad"]
    crosses = [line for line in fig.axes[0].get_lines() if line.get_marker() == "X"]
    assert len(crosses) == 1
    assert crosses[0].get_xdata()[0] == bad.cost_history.size - 1


def test_cost_history_linear_scale_keeps_zero_and_log_scale_leaves_it_out():
    fig = plot_cost_history([1.0, 0.5, 0.0], log=False)
    assert fig.axes[0].get_yscale() == "linear"
    assert list(fig.axes[0].get_lines()[0].get_ydata()) == [1.0, 0.5, 0.0]
    fig = plot_cost_history([1.0, 0.5, 0.0])
    assert list(fig.axes[0].get_lines()[0].get_ydata()) == [1.0, 0.5]


# --------------------------------------------------------------------------------------------
# Errors name the argument, and leave no empty figure behind


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: plot_cost_curve(None, (0, 1)), TypeError, "cost"),
        (lambda: plot_cost_curve(lambda w: w, (2, 1)), ValueError, "param_range"),
        (lambda: plot_cost_curve(lambda w: w, (0, 1), path=[0.5, "a"]), TypeError, "path"),
        (lambda: plot_line_fits([0, 1], [0], {"a": (1, 0)}), ValueError, "x"),
        (lambda: plot_line_fits([], [], {"a": (1, 0)}), ValueError, "x"),
        (lambda: plot_line_fits([0, 1], [0, float("nan")], {"a": (1, 0)}), ValueError, "y"),
        (lambda: plot_line_fits([0, 1], [0, 1], {}), TypeError, "lines"),
        (lambda: plot_line_fits([0, 1], [0, 1], [(1, 0)]), TypeError, "lines"),
        (lambda: plot_line_fits([0, 1], [0, 1], {"a": 1}), TypeError, "lines"),
        (lambda: plot_line_fits([0, 1], [0, 1], {"a": (1, float("inf"))}), ValueError, "lines"),
        (lambda: plot_line_fits([0, 1], [0, 1], {"a": (1, 0)}, residuals=1), TypeError,
         "residuals"),
        (lambda: plot_line_fits([0, 1], [0, 1], {"a": (1, 0)}, ax="axes"), TypeError, "ax"),
        (lambda: plot_cost_history([]), ValueError, "history"),
        (lambda: plot_cost_history({}), ValueError, "history"),
        (lambda: plot_cost_history([1.0, float("nan")]), ValueError, "history"),
        (lambda: plot_cost_history([0.0, 0.0]), ValueError, "history"),
        (lambda: plot_cost_history([1.0], log="yes"), TypeError, "log"),
    ],
)
def test_bad_input_raises_naming_the_argument(call, error, name):
    with pytest.raises(error, match=rf"\b{name}\b"):
        call()
    assert plt.get_fignums() == []
