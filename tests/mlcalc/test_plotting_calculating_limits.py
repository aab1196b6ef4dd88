"""Tests of the plotting helpers added for "Calculating limits": plot_epsilon_delta and
plot_squeezed_function (the band, the strip and the curve inside; a function between two bounds)."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color
from matplotlib.figure import Figure

from mlcalc.plotting import PALETTE, plot_epsilon_delta, plot_squeezed_function



def _line(ax, label):
    return [line for line in ax.get_lines() if line.get_label() == label]


def _legend(ax) -> list[str]:
    return [text.get_text() for text in ax.get_legend().get_texts()]


def _spans(ax):
    """The shaded band (orange) and strip (sky) drawn by axhspan and axvspan."""
    band = [p for p in ax.patches if same_color(p.get_facecolor()[:3], PALETTE["orange"])]
    strip = [p for p in ax.patches if same_color(p.get_facecolor()[:3], PALETTE["sky"])]
    assert len(band) == 1 and len(strip) == 1
    return band[0], strip[0]


# --------------------------------------------------------------------------------------------
# plot_epsilon_delta


def test_band_and_strip_sit_at_L_plus_minus_epsilon_and_a_plus_minus_delta():
    fig = plot_epsilon_delta(lambda x: 2 * x + 1, 1.0, 3.0, 0.5, 0.2, x_range=(0, 2))
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    band, strip = _spans(ax)
    # Spans are rectangles in blended coordinates: y in data units for the band, x for the strip.
    band_y = [band.get_y(), band.get_y() + band.get_height()]
    strip_x = [strip.get_x(), strip.get_x() + strip.get_width()]
    assert min(band_y) == pytest.approx(2.5) and max(band_y) == pytest.approx(3.5)
    assert min(strip_x) == pytest.approx(0.8) and max(strip_x) == pytest.approx(1.2)
    legend = _legend(ax)
    assert any("band" in text and "3" in text and "0.5" in text for text in legend)
    assert any("strip" in text and "0.2" in text for text in legend)


def test_the_curve_inside_the_strip_is_drawn_thick_and_leaves_out_a():
    fig = plot_epsilon_delta(lambda x: x**2, 1.0, 1.0, 0.3, 0.1, x_range=(0, 2))
    ax = fig.axes[0]
    inside = [line for line in ax.get_lines() if line.get_linewidth() > 3]
    assert len(inside) == 2  # left half and right half of the strip
    for line in inside:
        xs = np.asarray(line.get_xdata())
        assert np.all(np.abs(xs - 1.0) < 0.1) and np.all(xs != 1.0)
    hole = _line(ax, "_mlcalc_hole")
    assert len(hole) == 1
    assert hole[0].get_xdata()[0] == 1.0 and hole[0].get_ydata()[0] == 1.0


def test_title_says_whether_delta_works_and_misses_are_marked():
    good = plot_epsilon_delta(lambda x: 2 * x + 1, 1, 3, 0.1, 0.05, x_range=(0, 2)).axes[0]
    assert good.get_title().endswith("the curve stays in the band")
    assert not _line(good, "outside the band")
    bad = plot_epsilon_delta(lambda x: 2 * x + 1, 1, 3, 0.1, 0.06, x_range=(0, 2)).axes[0]
    assert bad.get_title().endswith("the curve leaves the band")
    (misses,) = _line(bad, "outside the band")
    xs = np.asarray(misses.get_xdata())
    assert np.all(np.abs(xs - 1) >= 0.05 - 1e-9)  # only beyond delta = epsilon / 2


def test_a_wrong_L_leaves_the_band_however_small_delta():
    ax = plot_epsilon_delta(lambda x: np.sin(x) / x, 0, 0.9, 0.05, 1e-3).axes[0]
    assert ax.get_title().endswith("leaves the band")


def test_function_undefined_at_a_and_scalar_only_function():
    ax = plot_epsilon_delta(lambda x: (math.sqrt(x + 9) - 3) / x, 0, 1 / 6, 0.01, 0.2,
                            x_range=(-1, 1)).axes[0]
    assert ax.get_title().endswith("stays in the band")


def test_default_x_range_is_three_deltas_each_side_and_band_is_in_view():
    ax = plot_epsilon_delta(lambda x: 5 * x, 2, 10, 0.01, 0.5).axes[0]
    assert ax.get_xlim() == pytest.approx((0.5, 3.5))
    bottom, top = ax.get_ylim()
    assert bottom <= 10 - 0.01 and top >= 10 + 0.01


def test_band_stays_visible_when_the_curve_is_flat():
    ax = plot_epsilon_delta(lambda x: 0 * x + 4, 0, 4, 0.5, 0.3, x_range=(-1, 1)).axes[0]
    bottom, top = ax.get_ylim()
    assert bottom <= 3.0 and top >= 5.0


def test_draws_into_given_axes():
    fig, (left, right) = plt.subplots(1, 2)
    returned = plot_epsilon_delta(lambda x: x, 0, 0, 0.1, 0.05, x_range=(-1, 1), ax=right)
    assert returned is fig and right.get_title() and not left.get_title()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"f": 3}, TypeError, "f must be a callable"),
        ({"a": "1"}, TypeError, "a must be"),
        ({"L": math.nan}, ValueError, "L must be"),
        ({"epsilon": 0}, ValueError, "epsilon must be > 0"),
        ({"delta": -0.1}, ValueError, "delta must be > 0"),
        ({"x_range": (0.97, 2)}, ValueError, "x_range must contain the strip"),
        ({"x_range": (2, 0)}, ValueError, "x_range must satisfy low < high"),
        ({"ax": "axes"}, TypeError, "ax must be a matplotlib Axes"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, error, match):
    arguments = {"f": lambda x: 2 * x + 1, "a": 1, "L": 3, "epsilon": 0.1, "delta": 0.05,
                 "x_range": (0, 2)}
    arguments.update(kwargs)
    f, a, L, epsilon, delta = (arguments.pop(k) for k in ("f", "a", "L", "epsilon", "delta"))
    with pytest.raises(error, match=match):
        plot_epsilon_delta(f, a, L, epsilon, delta, **arguments)
    assert not plt.get_fignums()  # no empty figure left behind


# --------------------------------------------------------------------------------------------
# plot_squeezed_function


def test_x_sin_one_over_x_is_squeezed_to_zero():
    fig = plot_squeezed_function(lambda x: x * np.sin(1 / x), lambda x: -np.abs(x), np.abs, 0,
                                 (-0.4, 0.4), labels=("f", "low", "high"))
    ax = fig.axes[0]
    assert _legend(ax) == ["low", "high", "f", "squeezed to $L$ = 0"]
    (dot,) = _line(ax, "squeezed to $L$ = 0")
    assert (dot.get_xdata()[0], dot.get_ydata()[0]) == (0, 0)
    assert len(ax.collections) == 1  # the shaded region between the bounds


def test_sin_x_over_x_between_cos_and_one_with_scalar_and_constant_bounds():
    ax = plot_squeezed_function(lambda x: math.sin(x) / x, math.cos, lambda x: 1.0, 0,
                                (-1.5, 1.5)).axes[0]
    assert _legend(ax)[-1] == "squeezed to $L$ = 1"


def test_no_dot_when_the_bounds_do_not_meet():
    ax = plot_squeezed_function(np.sin, lambda x: -1.0 + 0 * x, lambda x: 1.0 + 0 * x, 0,
                                (-3, 3)).axes[0]
    assert not any(text.startswith("squeezed") for text in _legend(ax))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"f": None}, TypeError, "f must be a callable"),
        ({"lower": 0}, TypeError, "lower must be a callable"),
        ({"upper": [1]}, TypeError, "upper must be a callable"),
        ({"a": 5}, ValueError, "a must lie inside x_range"),
        ({"labels": "f"}, TypeError, "labels must be three strings"),
        ({"labels": ("f", "g")}, TypeError, "labels must be three strings"),
        ({"samples": 3}, ValueError, "samples must be an integer >= 10"),
    ],
)
def test_squeezed_function_bad_arguments(kwargs, error, match):
    arguments = {"f": np.sin, "lower": np.sin, "upper": np.sin, "a": 0, "x_range": (-1, 1)}
    arguments.update(kwargs)
    positional = [arguments.pop(k) for k in ("f", "lower", "upper", "a", "x_range")]
    with pytest.raises(error, match=match):
        plot_squeezed_function(*positional, **arguments)
    assert not plt.get_fignums()
