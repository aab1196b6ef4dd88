"""Tests of mlcalc.plotting.plot_one_sided_secants (chapter "The derivative from first principles")."""

from __future__ import annotations

import math

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from mlcalc import plotting
from mlcalc.plotting import PALETTE, plot_one_sided_secants



def _secants(ax, side: str):
    return [line for line in ax.get_lines() if line.get_label().startswith(side)]


def _step(x):
    return np.where(np.asarray(x) >= 0, 1.0, 0.0)


def test_corner_of_abs_gives_slope_one_from_the_right_and_minus_one_from_the_left():
    fig = plot_one_sided_secants(abs, 0.0, [1, 0.5, 0.1])
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    right, left = _secants(ax, "right"), _secants(ax, "left")
    assert len(right) == len(left) == 3
    for line in right:
        assert np.polyfit(line.get_xdata(), line.get_ydata(), 1) == pytest.approx([1, 0], abs=1e-12)
        assert line.get_linestyle() == "-"
    for line in left:
        assert np.polyfit(line.get_xdata(), line.get_ydata(), 1) == pytest.approx([-1, 0], abs=1e-12)
        assert line.get_linestyle() == "--"
    assert not any(line.get_label().startswith("tangent") for line in ax.get_lines())


def test_colours_fade_with_larger_steps_and_legend_lists_every_slope():
    fig = plot_one_sided_secants(lambda x: x**2, 1.0, [0.1, 1.0])
    ax = fig.axes[0]
    right = _secants(ax, "right")
    assert [line.get_label() for line in right] == [
        "right, $h = 1$: slope 3", "right, $h = 0.1$: slope 2.1"
    ]
    assert right[0].get_alpha() < right[1].get_alpha()
    assert mpl.colors.same_color(right[0].get_color(), PALETTE["blue"])
    left = _secants(ax, "left")
    assert [line.get_label() for line in left] == [
        "left, $h = -1$: slope 1", "left, $h = -0.1$: slope 1.9"
    ]
    assert mpl.colors.same_color(left[0].get_color(), PALETTE["orange"])
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts[0] == "$f(x)$" and len(texts) == 5


def test_jump_is_split_with_a_hole_and_left_slopes_grow_like_one_over_h():
    hs = [1, 0.5, 0.25]
    fig = plot_one_sided_secants(_step, 0.0, hs, x_range=(-2, 2), breaks=[0], holes=[(0, 0)],
                                 ylim=(-0.5, 1.5))
    ax = fig.axes[0]
    assert ax.get_ylim() == (-0.5, 1.5)
    slopes = [np.polyfit(l.get_xdata(), l.get_ydata(), 1)[0] for l in _secants(ax, "left")]
    assert slopes == pytest.approx([1 / h for h in hs])
    right = [np.polyfit(l.get_xdata(), l.get_ydata(), 1)[0] for l in _secants(ax, "right")]
    assert right == pytest.approx([0, 0, 0], abs=1e-12)
    (hole,) = [l for l in ax.get_lines() if l.get_label() == "_mlcalc_hole"]
    assert (hole.get_xdata()[0], hole.get_ydata()[0]) == (0, 0)
    curve = [l for l in ax.get_lines() if l.get_label() in ("$f(x)$", "_nolegend_")
             and len(l.get_xdata()) > 2]
    for line in curve:  # no branch of the curve crosses the jump
        xs = np.asarray(line.get_xdata())
        assert xs.max() < 0 or xs.min() > 0


def test_vertical_tangent_of_cbrt_has_growing_equal_slopes_on_both_sides():
    hs = [1, 0.1, 0.01]
    fig = plot_one_sided_secants(np.cbrt, 0.0, hs)
    ax = fig.axes[0]
    right = [np.polyfit(l.get_xdata(), l.get_ydata(), 1)[0] for l in _secants(ax, "right")]
    left = [np.polyfit(l.get_xdata(), l.get_ydata(), 1)[0] for l in _secants(ax, "left")]
    assert right == pytest.approx(left)
    assert right == pytest.approx([h ** (-2 / 3) for h in hs])


def test_draws_into_given_axes_with_labels_and_default_range():
    fig, ax = plt.subplots()
    returned = plot_one_sided_secants(math.sin, 1.0, [2.0], ax=ax, xlabel="t", ylabel="s")
    assert returned is fig
    assert ax.get_xlabel() == "t" and ax.get_ylabel() == "s"
    assert ax.get_xlim() == pytest.approx((1 - 2.8, 1 + 2.8))


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: plot_one_sided_secants("abs", 0, [1]), TypeError, "f"),
        (lambda: plot_one_sided_secants(abs, "0", [1]), TypeError, "x0"),
        (lambda: plot_one_sided_secants(abs, 0, [1, -0.5]), ValueError, "hs"),
        (lambda: plot_one_sided_secants(abs, 0, [1, 0]), ValueError, "hs"),
        (lambda: plot_one_sided_secants(abs, 0, []), ValueError, "hs"),
        (lambda: plot_one_sided_secants(abs, 5, [1], x_range=(-1, 1)), ValueError, "x0"),
        (lambda: plot_one_sided_secants(abs, 0, [1], x_range=(1, -1)), ValueError, "x_range"),
        (lambda: plot_one_sided_secants(abs, 0, [1], ylim=(2, 1)), ValueError, "ylim"),
        (lambda: plot_one_sided_secants(abs, 0, [1], breaks=[9]), ValueError, "breaks"),
        (lambda: plot_one_sided_secants(abs, 0, [1], ax="axes"), TypeError, "ax"),
        (lambda: plot_one_sided_secants(lambda x: 1 / x, 0, [1]), ValueError, "f"),
        (lambda: plot_one_sided_secants(math.sqrt, 0, [1]), ValueError, "f"),
    ],
)
def test_bad_input_raises_naming_the_argument(call, error, name):
    with pytest.raises(error, match=rf"\b{name}\b"):
        call()
    assert plt.get_fignums() == []


def test_is_public_with_an_example():
    assert "plot_one_sided_secants" in plotting.__all__
    assert "Examples" in plot_one_sided_secants.__doc__
