"""Tests of mlcalc.plotting.curves: honest pictures of a function (no line across a pole, a
visible hole, gaps where it is undefined), a function beside its derivatives, Riemann sums, and
errors that name the argument."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import same_color
from matplotlib.lines import Line2D

from mlcalc.plotting import PALETTE, plot_function, plot_riemann_rectangles, plot_with_derivatives


def _curves(ax) -> list[Line2D]:
    """The lines that draw the function itself (not markers, asymptotes or helper lines)."""
    return [
        line for line in ax.get_lines()
        if not line.get_label().startswith("_mlcalc") and line.get_linestyle() != "None"
        and len(line.get_xdata()) > 2
    ]


def _crosses(line: Line2D, x: float) -> bool:
    xs = np.asarray(line.get_xdata(), dtype=float)
    ys = np.asarray(line.get_ydata(), dtype=float)
    xs = xs[np.isfinite(ys)]
    return bool(np.any(xs < x) and np.any(xs > x))


def _marked(ax, label: str) -> list[Line2D]:
    return [line for line in ax.get_lines() if line.get_label() == label]


# --------------------------------------------------------------------------------------------
# plot_function: poles, holes, points, breaks


@pytest.mark.parametrize("poles", [[0.0], []], ids=["listed pole", "unlisted pole"])
def test_no_line_crosses_the_pole_of_one_over_x(poles):
    fig = plot_function(lambda x: 1 / x, (-3, 3), poles=poles)
    ax = fig.axes[0]
    curves = _curves(ax)
    assert len(curves) >= 2
    assert not any(_crosses(line, 0.0) for line in curves)
    bottom, top = ax.get_ylim()
    assert -50 < bottom < -2 and 2 < top < 50  # clipped, not stretched to +-1e7


def test_tan_is_split_at_each_pole_and_asymptotes_are_dashed():
    poles = [-math.pi / 2, math.pi / 2]
    fig = plot_function(np.tan, (-math.pi, math.pi), poles=poles)
    ax = fig.axes[0]
    curves = _curves(ax)
    assert len(curves) == 3
    for pole in poles:
        assert not any(_crosses(line, pole) for line in curves)
    asymptotes = _marked(ax, "_mlcalc_asymptote")
    assert sorted(line.get_xdata()[0] for line in asymptotes) == pytest.approx(poles)
    assert all(line.get_linestyle() == "--" for line in asymptotes)
    # Each branch runs off the top or bottom of the view near the pole.
    top = ax.get_ylim()[1]
    assert max(np.max(line.get_ydata()) for line in curves) > top


def test_unlisted_poles_of_tan_are_split_automatically():
    fig = plot_function(lambda x: math.tan(x), (-math.pi, math.pi))  # scalar-only f
    curves = _curves(fig.axes[0])
    for pole in (-math.pi / 2, math.pi / 2):
        assert not any(_crosses(line, pole) for line in curves)


@settings(max_examples=20, deadline=None)
@given(
    pole=st.floats(-2.5, 2.5, allow_nan=False),
    scale=st.floats(0.1, 50, allow_nan=False),
    sign=st.sampled_from([-1, 1]),
)
def test_no_branch_crosses_a_generated_pole(pole, scale, sign):
    fig = plot_function(lambda x: sign * scale / (x - pole), (-3, 3), poles=[pole], samples=300)
    try:
        assert not any(_crosses(line, pole) for line in _curves(fig.axes[0]))
    finally:
        plt.close(fig)


def test_hole_is_an_open_circle_at_the_limit_value_with_a_gap_in_the_curve():
    fig = plot_function(lambda x: (x**2 - 1) / (x - 1), (-1, 3), holes=[1])
    ax = fig.axes[0]
    (hole,) = _marked(ax, "_mlcalc_hole")
    assert hole.get_xdata()[0] == 1
    assert hole.get_ydata()[0] == pytest.approx(2.0, abs=1e-9)
    assert hole.get_marker() == "o"
    curves = _curves(ax)
    # Open: the face is the background, the ring is the curve's colour, drawn above the curve.
    assert same_color(hole.get_markerfacecolor(), ax.get_facecolor())
    assert same_color(hole.get_markeredgecolor(), curves[0].get_color())
    assert hole.get_zorder() > curves[0].get_zorder()
    # The curve itself stops at the hole.
    assert not any(_crosses(line, 1.0) for line in curves)


def test_hole_of_sin_x_over_x_with_a_scalar_only_function():
    fig = plot_function(lambda x: math.sin(x) / x, (-10, 10), holes=[0])
    (hole,) = _marked(fig.axes[0], "_mlcalc_hole")
    assert hole.get_ydata()[0] == pytest.approx(1.0, abs=1e-8)


def test_hole_given_as_a_pair_and_a_jump_with_breaks():
    # np.sign is defined everywhere: without breaks a line would climb from -1 to 1 at 0.
    fig = plot_function(np.sign, (-2, 2), breaks=[0], holes=[(0, 1), (0, -1)], points=[(0, 0)])
    ax = fig.axes[0]
    assert sorted(h.get_ydata()[0] for h in _marked(ax, "_mlcalc_hole")) == [-1, 1]
    assert not any(_crosses(line, 0.0) for line in _curves(ax))
    assert not _marked(ax, "_mlcalc_asymptote")  # a jump is not an asymptote


@pytest.mark.parametrize("f", [lambda x: 1 / x, lambda x: abs(x) / x], ids=["pole", "jump"])
def test_hole_where_there_is_no_limit_asks_for_the_value(f):
    with pytest.raises(ValueError, match=r"holes.*\(x, y\)"):
        plot_function(f, (-1, 1), holes=[0])


def test_points_are_filled_dots_on_the_curve():
    fig = plot_function(lambda x: x**2, (-2, 2), points=[1.5, (0, 3)])
    ax = fig.axes[0]
    points = _marked(ax, "_mlcalc_point")
    assert [(p.get_xdata()[0], p.get_ydata()[0]) for p in points] == [(1.5, 2.25), (0, 3)]
    curve_colour = _curves(ax)[0].get_color()
    assert all(same_color(p.get_markerfacecolor(), curve_colour) for p in points)


def test_undefined_values_leave_gaps_instead_of_failing():
    fig = plot_function(lambda x: math.sqrt(x), (-2, 2))  # math.sqrt raises for x < 0
    xs = np.concatenate([line.get_xdata() for line in _curves(fig.axes[0])])
    assert xs.min() >= 0


def test_plot_function_options_label_colour_ylim_and_ax():
    fig, ax = plt.subplots()
    returned = plot_function(np.exp, (0, 2), label="$e^x$", color=PALETTE["green"],
                             ylim=(0, 5), xlabel="time", ylabel="growth", ax=ax)
    assert returned is fig
    assert plt.get_fignums() == [fig.number]  # drew into ax, made no new figure
    assert ax.get_ylim() == (0, 5)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["$e^x$"]
    assert same_color(_curves(ax)[0].get_color(), PALETTE["green"])
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("time", "growth")


def test_two_functions_on_one_axes_take_different_colours():
    fig = plot_function(np.sin, (0, 6))
    plot_function(np.cos, (0, 6), ax=fig.axes[0])
    colours = {line.get_color() for line in _curves(fig.axes[0])}
    assert len(colours) == 2


# --------------------------------------------------------------------------------------------
# plot_riemann_rectangles


def test_riemann_rectangles_area_and_count():
    fig = plot_riemann_rectangles(lambda x: x, (0, 1), 4, rule="left")
    ax = fig.axes[0]
    assert len(ax.containers[0].patches) == 4
    assert ax.get_legend().get_texts()[1].get_text().endswith("area = 0.375")
    fig = plot_riemann_rectangles(np.sin, (0, 2 * math.pi), 12)
    assert fig.axes[0].get_legend().get_texts()[1].get_text().endswith("area = 0")


# --------------------------------------------------------------------------------------------
# plot_with_derivatives


def _cubic():
    return (lambda x: x**3 - 3 * x**2 + 1, [lambda x: 3 * x**2 - 6 * x, lambda x: 6 * x - 6])


def test_with_derivatives_draws_each_curve_and_marks_points():
    f, ds = _cubic()
    fig = plot_with_derivatives(f, ds, (-1, 3), points=[1.0])
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["$f(x)$", "$f'(x)$", "$f''(x)$"]
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert sorted(float(d.get_ydata()[0]) for d in dots) == pytest.approx([-3, -1, 0])
    styles = [line.get_linestyle() for line in ax.get_lines() if len(line.get_xdata()) > 2]
    assert styles[:3] == ["-", "--", ":"]


def test_with_derivatives_shades_the_sign_of_the_second_derivative():
    f, ds = _cubic()
    fig = plot_with_derivatives(f, ds, (-1, 3), shade=2)
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts[-2:] == ["$f'' > 0$: concave up", "$f'' < 0$: concave down"]
    fig = plot_with_derivatives(f, ds, (-1, 3), shade=1, labels=["C", "C'", "C''"])
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts == ["C", "C'", "C''", "$f' > 0$: increasing", "$f' < 0$: decreasing"]


def test_with_derivatives_fourth_order_label_and_ylim():
    fig = plot_with_derivatives(np.sin, [np.cos, lambda x: -np.sin(x), lambda x: -np.cos(x),
                                         np.sin], (0, 6), shade=4, ylim=(-2, 2))
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts[3:6] == ["$f'''(x)$", "$f^{(4)}(x)$", "$f^{(4)} > 0$"]
    assert fig.axes[0].get_ylim() == (-2, 2)


@pytest.mark.parametrize("kwargs, error, pattern", [
    ({"f": 1}, TypeError, r"^f must be a callable .*got 1"),
    ({"derivatives": np.cos}, TypeError, r"^derivatives must be a sequence of callables"),
    ({"derivatives": []}, ValueError, r"^derivatives must hold at least one callable"),
    ({"derivatives": [np.cos, 2]}, TypeError, r"^derivatives must be a callable .*got 2"),
    ({"x_range": (2, 1)}, ValueError, r"^x_range must satisfy low < high; got \(2, 1\)"),
    ({"labels": ["a"]}, ValueError, r"^labels must hold 3 strings; got 1: \['a'\]"),
    ({"labels": ["a", "b", 3]}, TypeError, r"^labels must hold strings"),
    ({"labels": "abc"}, TypeError, r"^labels must be a sequence of 3 strings"),
    ({"points": [9]}, ValueError, r"^points must lie inside x_range \(0, 3\); got 9"),
    ({"shade": 3}, ValueError, r"^shade must be the order of a derivative given, 1 to 2; got 3"),
    ({"shade": 1.5}, TypeError, r"^shade must be an integer >= 1"),
    ({"ylim": (1, 1)}, ValueError, r"^ylim must satisfy low < high"),
])
def test_with_derivatives_rejects_bad_arguments(kwargs, error, pattern):
    args = {"f": np.sin, "derivatives": [np.cos, lambda x: -np.sin(x)], "x_range": (0, 3),
            **kwargs}
    with pytest.raises(error, match=pattern):
        plot_with_derivatives(args.pop("f"), args.pop("derivatives"), args.pop("x_range"),
                              **args)
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------------------------
# Errors name the argument


def _f(x):
    return x


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: plot_function(3, (0, 1)), TypeError, r"^f must be a callable .*got 3"),
        (lambda: plot_function(_f, (1, 0)), ValueError, r"^x_range must satisfy low < high; got \(1, 0\)"),
        (lambda: plot_function(_f, (0, 0)), ValueError, r"^x_range must satisfy low < high; got \(0, 0\)"),
        (lambda: plot_function(_f, 5), TypeError, r"^x_range must be a pair \(low, high\) .*got 5"),
        (lambda: plot_function(_f, (0, math.inf)), ValueError, r"^x_range must be finite; got inf"),
        (lambda: plot_function(_f, (0, 1), poles=[2]), ValueError,
         r"^poles must lie inside x_range \(0, 1\); got 2"),
        (lambda: plot_function(_f, (0, 1), breaks=[0]), ValueError,
         r"^breaks must lie inside x_range \(0, 1\); got 0"),
        (lambda: plot_function(_f, (0, 1), poles=0.5), TypeError, r"^poles must be a sequence of x values"),
        (lambda: plot_function(_f, (0, 1), holes=[(0.5, 1, 2)]), ValueError,
         r"^holes must hold x values or \(x, y\) pairs; got \(0\.5, 1, 2\)"),
        (lambda: plot_function(_f, (0, 1), holes=0.5), TypeError, r"^holes must be a sequence of x values or"),
        (lambda: plot_function(_f, (0, 1), holes=[2]), ValueError,
         r"^holes must lie inside x_range \(0, 1\); got 2"),
        (lambda: plot_function(_f, (0, 1), points=[(-1, 0)]), ValueError,
         r"^points must lie inside x_range \(0, 1\); got -1"),
        (lambda: plot_function(_f, (0, 1), ylim=(1, 0)), ValueError, r"^ylim must satisfy low < high; got \(1, 0\)"),
        (lambda: plot_function(_f, (0, 1), samples=5), ValueError, r"^samples must be an integer >= 10; got 5"),
        (lambda: plot_function(_f, (0, 1), ax="axes"), TypeError, r"^ax must be a matplotlib Axes or None; got str"),
        (lambda: plot_function(lambda x: math.nan, (0, 1)), ValueError,
         r"^f has no finite values on x_range \(0, 1\)"),
        (lambda: plot_function(lambda x: "a string", (0, 1)), TypeError,
         r"^f must return a real number; f\(0\.0\) returned 'a string'"),
        (lambda: plot_riemann_rectangles(lambda x: 1 / x, (0, 1), 4), ValueError,
         r"^f must be finite at the left points; f\(0\) is not"),
        (lambda: plot_riemann_rectangles(lambda x: 1 / (x - 1), (0, 1), 4, rule="right"), ValueError,
         r"^f must be finite at the right points; f\(1\) is not"),
        (lambda: plot_riemann_rectangles(_f, (0, 1), 4, rule="trapezoid"), ValueError,
         r"^rule must be one of 'left', 'right', 'midpoint'; got 'trapezoid'"),
        (lambda: plot_riemann_rectangles(_f, (0, 1), 0), ValueError, r"^n must be an integer >= 1; got 0"),
        (lambda: plot_riemann_rectangles(_f, (1, 0), 2), ValueError, r"^interval must satisfy low < high"),
    ],
)
def test_bad_input_raises_naming_the_argument(call, error, pattern):
    """Each message names the argument and says what was expected (and what was given)."""
    with pytest.raises(error, match=pattern):
        call()
    assert plt.get_fignums() == []  # no empty figure is left behind


def test_riemann_rectangles_legend_names_the_curve_it_was_given():
    fig = plot_riemann_rectangles(lambda t: 9.8 * t, (0, 2), 8, rule="midpoint", label="$v(t)$")
    texts = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    assert texts == ["$v(t)$", "midpoint sum, $n = 8$: area = 19.6"]


def test_with_derivatives_marks_points_at_the_ends_of_the_range():
    f, ds = _cubic()
    ax = plot_with_derivatives(f, ds, (-1, 3), points=[-1, 3]).axes[0]
    dots = sorted((float(d.get_xdata()[0]), float(d.get_ydata()[0]))
                  for d in ax.get_lines() if d.get_marker() == "o")
    want = sorted((x, g(x)) for x in (-1, 3) for g in (f, *ds))
    assert np.allclose(dots, want)


@pytest.mark.parametrize(
    ("poles", "error", "pattern"),
    [
        ([1], ValueError, r"^poles must lie inside x_range \(0, 1\); got 1$"),  # the high end
        ([0.5, "a"], TypeError, r"^poles must be a real number; got 'a'"),
    ],
)
def test_poles_are_real_numbers_strictly_inside_the_range(poles, error, pattern):
    with pytest.raises(error, match=pattern):
        plot_function(_f, (0, 1), poles=poles)
