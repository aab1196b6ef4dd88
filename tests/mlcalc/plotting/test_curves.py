"""Tests of mlcalc.plotting.curves: honest pictures of a function (no line across a pole, a
visible hole, gaps where it is undefined), a function beside its derivatives, Riemann sums, and
errors that name the argument."""

from __future__ import annotations

import math
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from matplotlib.colors import same_color, to_rgb
from matplotlib.lines import Line2D

from mlcalc.plotting import PALETTE, plot_function, plot_riemann_rectangles, plot_with_derivatives
from mlcalc.plotting.curves import _sample, _sensible_ylim


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


# --------------------------------------------------------------------------------------------
# y-limits: the curve's ordinary values and the marks in view, blow-ups out of it


@pytest.mark.parametrize("poles", [[1.0], []], ids=["listed pole", "unlisted pole"])
def test_ylim_near_a_pole_away_from_zero_shows_the_branches_not_the_blow_up(poles):
    """1/(x - 1) on [-2, 3]: the view holds f at 0.2 from the pole, not the 1e7 near it."""
    ax = plot_function(lambda x: 1 / (x - 1), (-2, 3), poles=poles).axes[0]
    bottom, top = ax.get_ylim()
    assert -50 < bottom < 1 / (0.8 - 1) and 1 / (1.2 - 1) < top < 50


def test_ylim_holds_marked_points_far_from_the_curve_with_a_margin():
    """A point above and one below the branches of a pole widen the view to show them,
    each with a margin of about a tenth of the curve's height (here about 13)."""
    ax = plot_function(lambda x: 1 / (x - 1), (-2, 3), poles=[1],
                       points=[(0, 30), (2, -40)]).axes[0]
    bottom, top = ax.get_ylim()
    assert 0.5 < -40 - bottom < 3
    assert 0.5 < top - 30 < 3


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(st.floats(-1e3, 1e3), min_size=50, max_size=200),
    position=st.floats(0, 1),
    sign=st.sampled_from([-1.0, 1.0]),
)
def test_ylim_with_one_huge_value_keeps_the_central_values_with_a_margin(values, position, sign):
    """One sample of 1e9 among ordinary values (no pole): finite limits around the central
    92% of the values, with a margin of 10% of their spread on each side, the huge value out."""
    ys = np.array(values)
    ys = np.insert(ys, int(position * ys.size), sign * 1e9)
    xs = np.linspace(0, 1, ys.size)
    limits = _sensible_ylim(xs, ys, [], [])
    assert limits is not None and all(math.isfinite(v) for v in limits)
    bottom, top = limits
    low, high = np.quantile(ys, [0.04, 0.96])
    spread = high - low if high > low else max(abs(high), 1.0)
    assert bottom == pytest.approx(low - 0.1 * spread) and top == pytest.approx(high + 0.1 * spread)
    middle = np.quantile(ys, [0.05, 0.95])  # the middle 90% of the values is in view
    assert bottom <= middle[0] and middle[1] <= top
    assert not bottom < sign * 1e9 < top


@pytest.mark.parametrize("level", [0.5, 3.0, -40.0])
def test_ylim_of_a_flat_curve_with_a_blow_up_is_centred_on_the_curve(level):
    """A flat curve has no spread: the margin is 10% of max(|y|, 1), with or without a pole."""
    margin = 0.1 * max(abs(level), 1.0)
    ys = np.full(101, level)
    ys[50] = 1e9
    assert _sensible_ylim(np.linspace(0, 1, 101), ys, [], []) == pytest.approx(
        (level - margin, level + margin))
    xs = np.linspace(-1, 1, 201)
    ys = np.where(np.abs(xs) < 0.02, 1e9, level)
    assert _sensible_ylim(xs, ys, [0.0], []) == pytest.approx((level - margin, level + margin))


@pytest.mark.parametrize("shift", [0.0, -2.0, 20.0])
def test_ylim_near_a_listed_pole_shows_all_of_f_outside_a_small_neighbourhood(shift):
    """The line y = x + shift on [0, 10] with a pole listed at 5: the view is f's whole range
    outside 5 +- 0.3 (3% of the range), a span of 10, with margins of 1, whether f blows up
    there or not."""
    xs = np.linspace(0, 10, 1001)
    expected = pytest.approx((shift - 1, shift + 11))
    assert _sensible_ylim(xs, xs + shift, [5.0], []) == expected
    spiked = xs + shift + np.where(np.abs(xs - 5) < 0.1, 1e9, 0)
    assert _sensible_ylim(xs, spiked, [5.0], []) == expected


@settings(max_examples=40, deadline=None)
@given(amplitude=st.floats(1e-3, 1e4), offset=st.floats(-1e4, 1e4))
@example(amplitude=1.0, offset=100.0)
@example(amplitude=1e3, offset=0.0)
def test_ylim_is_left_to_matplotlib_without_a_pole_or_a_blow_up(amplitude, offset):
    """offset + amplitude * sin x, however large or offset: nothing to hide, so None."""
    xs = np.linspace(0, 6, 500)
    assert _sensible_ylim(xs, offset + amplitude * np.sin(xs), [], []) is None


@pytest.mark.parametrize("distance, is_blow_up", [(20.0, False), (20.5, True)])
def test_a_blow_up_is_more_than_20_spreads_from_the_median(distance, is_blow_up):
    """A flat curve at 0 (spread taken as 1) with one value 20 or 20.5 above it."""
    ys = np.append(np.zeros(100), distance)
    limits = _sensible_ylim(np.linspace(0, 1, 101), ys, [], [])
    assert (limits is not None) == is_blow_up


def test_ylim_is_none_without_finite_values():
    assert _sensible_ylim(np.linspace(0, 1, 5), np.full(5, np.nan), [0.5], []) is None


# --------------------------------------------------------------------------------------------
# Sampling: the curve breaks at poles, breaks and holes, and nowhere else


@pytest.mark.parametrize(
    "f, pole",
    [(lambda x: 10 + 1 / x, 0.0), (lambda x: 200 + 1 / x, 0.0),
     (lambda x: 0.001 * np.tan(x), math.pi / 2), (lambda x: 0.001 * np.tan(x), -math.pi / 2)],
    ids=["10 + 1/x", "200 + 1/x", "tan x / 1000 at pi/2", "tan x / 1000 at -pi/2"],
)
def test_unlisted_poles_are_split_whatever_the_size_and_offset_of_f(f, pole):
    ax = plot_function(f, (-3, 3)).axes[0]
    assert not any(_crosses(line, pole) for line in _curves(ax))


def test_an_unlisted_pole_next_to_zeros_is_split():
    """f = 0 left of 0 and 1/x right of it: no line climbs the pole from 0 to 1/x."""
    ax = plot_function(lambda x: np.where(x > 0, 1 / x, 0.0), (-1, 1)).axes[0]
    assert len(_curves(ax)) == 2
    assert not any(_crosses(line, 0.0) for line in _curves(ax))
    assert ax.get_ylim()[1] < 50


@pytest.mark.parametrize(
    "f",
    [lambda x: 100 * np.sin(x), lambda x: 1000 * x, lambda x: np.where(x < 2.9, 1.0, -1.0),
     lambda x: np.exp(15 * x)],
    ids=["100 sin x", "1000 x", "a step from 1 to -1", "exp(15x), steep at the end"],
)
def test_a_curve_without_a_pole_is_one_unbroken_line(f):
    """Steep or large curves, or curves that cross 0, are not poles; an unlisted jump of
    ordinary size stays joined (list it in breaks to split it)."""
    ax = plot_function(f, (-3, 3)).axes[0]
    assert len(_curves(ax)) == 1
    assert len(_curves(ax)[0].get_xdata()) == 1000


@pytest.mark.parametrize(
    "step",
    [lambda x: np.where(x < 5000, 0.0, 1.0), lambda x: np.where(x <= 5000, 0.0, 1.0)],
    ids=["f(cut) on the right", "f(cut) on the left"],
)
def test_a_break_splits_a_step_into_two_flat_branches_that_reach_the_cut(step):
    """At a break the value at the cut itself belongs to neither branch (no vertical stub),
    and each branch runs up to within 1e-6 of the range's width from the cut."""
    ax = plot_function(step, (0, 1e4), breaks=[5000]).axes[0]
    left, right = sorted(_curves(ax), key=lambda line: line.get_xdata()[0])
    assert np.all(left.get_ydata() == 0) and np.all(right.get_ydata() == 1)
    assert 5000 - 1e-2 < np.max(left.get_xdata()) < 5000 < np.min(right.get_xdata()) < 5000 + 1e-2
    assert np.min(left.get_xdata()) == 0 and np.max(right.get_xdata()) == 1e4


def test_each_branch_of_tan_stays_between_its_poles():
    poles = [-math.pi / 2, math.pi / 2]
    ax = plot_function(np.tan, (-math.pi, math.pi), poles=poles).axes[0]
    cuts = [-math.pi, *poles, math.pi]
    for line in _curves(ax):
        xs = np.asarray(line.get_xdata())
        assert any(np.all((lo <= xs) & (xs <= hi)) for lo, hi in zip(cuts[:-1], cuts[1:]))


def test_a_branch_closes_in_on_a_listed_pole_geometrically():
    """Both branches of 1/x have samples at every distance from 1e-7 to 1e-2 of the range
    from the pole (one a decade), so each runs off the top or bottom of any view."""
    ax = plot_function(lambda x: 1 / x, (-1, 1), poles=[0]).axes[0]
    xs = np.concatenate([line.get_xdata() for line in _curves(ax)])
    for side in (-1, 1):
        distances = xs[np.sign(xs) == side] * side / 2
        for decade in 10.0 ** np.arange(-7, -2):
            assert np.any((decade <= distances) & (distances < 10 * decade)), (side, decade)


@pytest.mark.parametrize("width", [0.1, 10.0])
@pytest.mark.parametrize("samples", [200, 2000])
def test_about_samples_points_are_drawn_whatever_the_width(width, samples):
    ax = plot_function(np.sin, (0, width), samples=samples).axes[0]
    drawn = sum(len(line.get_xdata()) for line in _curves(ax))
    assert 0.9 * samples <= drawn <= 1.1 * samples


@pytest.mark.parametrize(
    "f, x_range, holes",
    [(np.tan, (-3, 3), []), (lambda x: math.sqrt(x), (-2, 2), []),
     (lambda x: x**2, (-1, 1), [-0.5, 0.5])],
    ids=["unlisted poles", "undefined for x < 0", "holes"],
)
def test_the_branches_hold_every_finite_sample(f, x_range, holes):
    """Cutting the curve loses no point: the branches together are the finite samples."""
    branches, xs, ys, _ = _sample(f, *x_range, [], [], holes, 1000)
    drawn = np.concatenate([bx for bx, _ in branches])
    assert np.array_equal(drawn, xs[np.isfinite(ys)])
    assert all(np.all(np.isfinite(by)) for _, by in branches)


def test_holes_next_to_the_ends_of_the_range_still_cut_the_curve():
    """f = x**2 is defined at its holes; the curve still stops there, even 1e-7 from an end."""
    holes = [1e-7, 1 - 1e-7]
    ax = plot_function(lambda x: x**2, (0, 1), holes=holes).axes[0]
    for hole in holes:
        assert not any(_crosses(line, hole) for line in _curves(ax))


@pytest.mark.parametrize(
    "f, x_range, poles",
    [(lambda x: np.exp(1 / x), (-1, 1), [0]), (np.sin, (0, 2), [])],
    ids=["exp(1/x): infinities next to a pole", "sin from exactly 0"],
)
def test_plotting_gives_no_numpy_warnings(f, x_range, poles):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plot_function(f, x_range, poles=poles)


# --------------------------------------------------------------------------------------------
# Holes: drawn at the limit, and only where the limit can be estimated


@pytest.mark.parametrize(
    "f, a, x_range, limit",
    [
        (lambda x: (math.sqrt(1 + x) - 1) / x, 0.0, (-0.5, 1), 0.5),  # undefined for x < -1
        (lambda x: math.expm1(50 * x) / x, 0.0, (-0.1, 0.1), 50.0),  # steep at the hole
        (lambda x: (x * x - 1e12) / (x - 1e6), 1e6, (1e6 - 1, 1e6 + 1), 2e6),  # far from 0
        (lambda x: 5 + 0.01 * math.sqrt(abs(x)), 0.0, (-1, 1), 5.0),  # settles slowly
    ],
    ids=["(sqrt(1+x) - 1)/x", "(e^50x - 1)/x", "hole at 1e6", "5 + sqrt|x|/100"],
)
def test_hole_is_drawn_at_the_limit_within_a_ten_thousandth(f, a, x_range, limit):
    (hole,) = _marked(plot_function(f, x_range, holes=[a]).axes[0], "_mlcalc_hole")
    assert hole.get_ydata()[0] == pytest.approx(limit, rel=1e-4)


@pytest.mark.parametrize(
    "f",
    [lambda x: 10 + np.sign(x) / 2, lambda x: 0.25 * np.sign(x),
     lambda x: 2 + 10 * math.sqrt(abs(x)), lambda x: math.cos(1 / x),
     lambda x: math.cos(2 / x), lambda x: 1 + math.cos(1 / x) / 100],
    ids=["small jump on a large value", "small jump", "still moving by 0.03 at x +- 1e-5",
         "cos(1/x)", "cos(2/x)", "1 + cos(1/x)/100"],
)
def test_no_hole_is_estimated_where_the_sides_disagree_or_do_not_settle(f):
    """Rather than a hole at a wrong height, the user is asked for (x, y).  (cos(1/x) and
    cos(2/x) take nearly the same value at x = 1e-4 and 1e-5; they used to get a hole.)"""
    with pytest.raises(ValueError, match=r"^holes: f has no two-sided limit at x=0 that a "
                                         r"plot can estimate; give the point as a pair \(x, y\)$"):
        plot_function(f, (-1, 1), holes=[0])


@pytest.mark.parametrize(
    "kwargs, error, pattern",
    [
        ({"points": [0]}, ValueError,
         r"^points: f has no finite value at x=0 that a plot can estimate; give the point as a "
         r"pair \(x, y\)$"),
        ({"holes": [("a", 1)]}, TypeError, r"^holes must be a real number; got 'a'"),
        ({"holes": [(0.5, "b")]}, TypeError, r"^holes must be a real number; got 'b'"),
        ({"points": ["c"]}, TypeError, r"^points must be a real number; got 'c'"),
    ],
)
def test_bad_marks_raise_naming_the_argument(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        plot_function(lambda x: 1 / x, (-1, 1), **kwargs)
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------------------------
# What is drawn: one legend entry, grey thin asymptotes below, marks on top, the x-range


def test_a_curve_in_several_branches_has_one_legend_entry():
    ax = plot_function(np.tan, (-3, 3), poles=[-math.pi / 2, math.pi / 2], label="tan").axes[0]
    assert len(_curves(ax)) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["tan"]


def test_asymptote_is_a_thin_grey_guide_beneath_the_curve():
    ax = plot_function(lambda x: 1 / x, (-1, 1), poles=[0]).axes[0]
    (asymptote,) = _marked(ax, "_mlcalc_asymptote")
    curve = _curves(ax)[0]
    red, green, blue = to_rgb(asymptote.get_color())
    assert red == green == blue and 0.3 < red < 0.6  # grey, not a curve's colour
    assert asymptote.get_linewidth() < curve.get_linewidth()
    assert asymptote.get_zorder() < curve.get_zorder()


def test_points_and_holes_are_large_circles_above_the_curve():
    ax = plot_function(lambda x: (x**2 - 1) / (x - 1), (-1, 3), holes=[1], points=[2]).axes[0]
    curve = _curves(ax)[0]
    (point,) = _marked(ax, "_mlcalc_point")
    (hole,) = _marked(ax, "_mlcalc_hole")
    for mark in (point, hole):
        assert mark.get_marker() == "o"
        assert mark.get_markersize() > plt.rcParams["lines.markersize"]
        assert mark.get_zorder() > curve.get_zorder()
    assert hole.get_markeredgewidth() >= 1.5  # a ring thick enough to read as open


def test_x_limits_are_the_x_range():
    assert plot_function(np.sin, (0.5, 2.5)).axes[0].get_xlim() == (0.5, 2.5)
    assert plot_function(lambda x: 1 / x, (-1, 2), poles=[0]).axes[0].get_xlim() == (-1, 2)


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
