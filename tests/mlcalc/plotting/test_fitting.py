"""Tests of mlcalc.plotting.fitting: a cost curve with a descent path, data with fitted lines,
and the cost after each epoch of gradient descent."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color
from matplotlib.figure import Figure

from mlcalc.losses import fit_line, make_line_data
from mlcalc.plotting import PALETTE, plot_cost_curve, plot_cost_history, plot_line_fits


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
    ("call", "error", "pattern"),
    [
        (lambda: plot_cost_curve(None, (0, 1)), TypeError, r"^cost must be a callable of one real number; got None"),
        (lambda: plot_cost_curve(lambda w: w, (2, 1)), ValueError, r"^param_range must satisfy low < high; got \(2, 1\)"),
        (lambda: plot_cost_curve(lambda w: w, (0, 1), path=[0.5, "a"]), TypeError,
         r"^path must be a sequence of real numbers; got \[0\.5, 'a'\]"),
        (lambda: plot_line_fits([0, 1], [0], {"a": (1, 0)}), ValueError,
         r"^x and y must have the same length; got 2 and 1$"),
        (lambda: plot_line_fits([], [], {"a": (1, 0)}), ValueError, r"^x must not be empty$"),
        (lambda: plot_line_fits([0, 1], [0, float("nan")], {"a": (1, 0)}), ValueError,
         r"^y must hold finite numbers; it contains NaN or infinity$"),
        (lambda: plot_line_fits([0, 1], [0, 1], {}), TypeError,
         r"^lines must be a non-empty mapping \{label: \(m, b\)\}; got \{\}$"),
        (lambda: plot_line_fits([0, 1], [0, 1], [(1, 0)]), TypeError,
         r"^lines must be a non-empty mapping \{label: \(m, b\)\}; got \[\(1, 0\)\]$"),
        (lambda: plot_line_fits([0, 1], [0, 1], {"a": 1}), TypeError,
         r"^lines must map each label to a pair \(m, b\); got 1$"),
        (lambda: plot_line_fits([0, 1], [0, 1], {"a": (1, float("inf"))}), ValueError, r"^lines must be finite; got inf$"),
        (lambda: plot_line_fits([0, 1], [0, 1], {"a": (float("nan"), 0)}), ValueError, r"^lines must be a real number, not NaN$"),
        (lambda: plot_line_fits([0, 1], [0, 1], {"a": (1, 0)}, residuals=1), TypeError,
         r"^residuals must be True or False; got 1$"),
        (lambda: plot_line_fits([0, 1], [0, 1], {"a": (1, 0)}, ax="axes"), TypeError,
         r"^ax must be a matplotlib Axes or None; got str$"),
        (lambda: plot_cost_history([]), ValueError, r"^history must not be empty$"),
        (lambda: plot_cost_history({}), ValueError, r"^history must not be an empty mapping$"),
        (lambda: plot_cost_history({"run": []}), ValueError, r"^history must not be empty$"),
        (lambda: plot_cost_history([1.0, float("nan")]), ValueError,
         r"^history must hold finite numbers; it contains NaN or infinity$"),
        (lambda: plot_cost_history([0.0, 0.0]), ValueError,
         r"^history has no cost > 0 to show on a log scale \(use log=False\)$"),
        (lambda: plot_cost_history({"a": [0.0], "b": [-1.0]}), ValueError, r"^history has no cost > 0"),
        (lambda: plot_cost_history([1.0], log="yes"), TypeError, r"^log must be True or False; got 'yes'$"),
    ],
)
def test_bad_input_raises_naming_the_argument(call, error, pattern):
    """Each message names the argument and says what was expected (and what was given)."""
    with pytest.raises(error, match=pattern):
        call()
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------------------------
# What a reader sees: colours, labels, limits


def test_cost_curve_draws_the_cost_in_blue_and_the_path_in_vermillion():
    cost = lambda w: (w - 2) ** 2  # noqa: E731
    path = [0.5, 1.5, 1.8]
    fig = plot_cost_curve(cost, (-1, 5), path=path)
    ax = fig.axes[0]
    curve, dots = ax.get_lines()
    xs, ys = np.asarray(curve.get_xdata()), np.asarray(curve.get_ydata())
    assert xs.min() == -1 and xs.max() == 5 and np.allclose(ys, cost(xs))
    assert same_color(curve.get_color(), PALETTE["blue"]) and curve.get_label() == "cost"
    assert same_color(dots.get_color(), PALETTE["vermillion"]) and dots.get_marker() == "o"
    assert dots.get_linestyle() == "None" and same_color(dots.get_markeredgecolor(), "white")
    assert list(dots.get_xdata()) == path and list(dots.get_ydata()) == pytest.approx([cost(w) for w in path])
    assert _legend(fig) == ["cost", "descent path (2 steps)"]
    arrows = ax.texts
    assert [arrow.get_text() for arrow in arrows] == ["", ""]
    for arrow, (start, end) in zip(arrows, [(0.5, 1.5), (1.5, 1.8)]):  # from each step to the next
        assert arrow.xy == pytest.approx((end, cost(end))) and arrow.xyann == pytest.approx((start, cost(start)))
        assert same_color(arrow.arrow_patch.get_edgecolor(), PALETTE["vermillion"])
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("parameter", "cost")


def test_data_points_are_black_dots_with_a_white_rim_not_joined_by_a_line():
    fig = plot_line_fits([0.0, 1.0, 2.0], [0.0, 1.0, 4.0], {"a": (2.0, 0.0)})
    data = fig.axes[0].get_lines()[0]
    assert data.get_marker() == "o" and data.get_linestyle() == "None"
    assert same_color(data.get_markerfacecolor(), PALETTE["black"])
    assert same_color(data.get_markeredgecolor(), "white")


def test_cost_curve_grows_to_a_path_outside_the_range_on_either_side():
    fig = plot_cost_curve(lambda w: w * w, (0, 1), path=[-2.0, 3.0], xlabel="$w$", ylabel="$J(w)$")
    ax = fig.axes[0]
    xs = np.asarray(ax.get_lines()[0].get_xdata())
    assert xs.min() == -2.0 and xs.max() == 3.0
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("$w$", "$J(w)$")
    assert _legend(fig)[1] == "descent path (1 step)"


def test_line_fits_take_the_books_colours_and_dashes_in_order():
    lines = {f"line {k}": (k, 0.0) for k in range(7)}
    fig = plot_line_fits([0.0, 1.0, 2.0], [0.0, 1.0, 2.0], lines)
    drawn = _lines(fig)
    colours = [PALETTE[c] for c in ("blue", "vermillion", "green", "orange", "purple", "sky", "blue")]
    assert all(same_color(line.get_color(), c) for line, c in zip(drawn, colours))
    assert [line.get_linestyle() for line in drawn] == ["-", "--", "-.", ":", "-", "--", "-."]
    data = fig.axes[0].get_lines()[0]
    assert same_color(data.get_color(), PALETTE["black"]) and data.get_label() == "data"


def test_line_fits_span_the_data_with_a_small_margin():
    fig = plot_line_fits([2.0, 10.0], [1.0, 2.0], {"a": (1.0, 0.0)})
    assert fig.axes[0].get_xlim() == pytest.approx((1.68, 10.32))  # 4 % of the data's width
    (line,) = _lines(fig)
    assert list(line.get_xdata()) == pytest.approx([1.68, 10.32])
    fig = plot_line_fits([3.0, 3.0], [1.0, 2.0], {"a": (1.0, 0.0)})  # one x value: one unit each side
    assert fig.axes[0].get_xlim() == pytest.approx((2.0, 4.0))


def test_residuals_are_grey_dotted_and_only_when_asked():
    fig = plot_line_fits([0.0, 1.0], [1.0, 0.0], {"a": (1.0, 0.0)}, residuals=True)
    (segments,) = fig.axes[0].collections
    assert same_color(segments.get_colors()[0], "0.4")
    assert segments.get_label() == "residuals"
    fig = plot_line_fits([0.0, 1.0], [1.0, 0.0], {"a": (1.0, 0.0)})
    assert not fig.axes[0].collections and "residuals" not in _legend(fig)


def test_cost_history_cross_takes_the_colour_of_its_run_and_stays_off_the_legend():
    fig = plot_cost_history({"long": [4.0, 3.0, 2.0, 1.0], "short": [4.0, 8.0]}, log=False,
                            xlabel="step", ylabel="loss")
    ax = fig.axes[0]
    long_run, short_run, cross = ax.get_lines()
    assert cross.get_marker() == "X" and same_color(cross.get_color(), short_run.get_color())
    assert (cross.get_xdata()[0], cross.get_ydata()[0]) == (1, 8.0)
    assert not same_color(long_run.get_color(), short_run.get_color())
    assert _legend(fig) == ["long", "short"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("step", "loss")


def test_cost_history_marks_no_cross_where_the_last_cost_is_left_off_the_log_axis():
    fig = plot_cost_history({"long": [4.0, 3.0, 2.0], "short": [4.0, 0.0]})
    assert not [line for line in fig.axes[0].get_lines() if line.get_marker() == "X"]
    assert list(fig.axes[0].get_lines()[1].get_ydata()) == [4.0]
