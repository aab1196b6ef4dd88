"""Tests of plot_scaling, added to mlcalc.plotting by "How automatic differentiation works"."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color
from matplotlib.figure import Figure

from mlcalc.plotting import plot_scaling



def test_plot_scaling_draws_series_and_guides_on_log_axes():
    n = np.array([10.0, 100.0, 1000.0])
    fig = plot_scaling(n, {"forward": n**2 * 1e-6, "reverse": n * 1e-5},
                       guides={"forward": 2, "reverse": 1})
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert ax.get_xlabel() == "number of inputs $n$" and ax.get_ylabel() == "time (s)"
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == [
        "forward", "reverse", r"$\propto n^{2}$", r"$\propto n^{1}$"
    ]
    # a guide passes through the last point of its series, in its colour, dashed
    guide = lines[2]
    assert guide.get_linestyle() == "--"
    assert same_color(guide.get_color(), lines[0].get_color())
    assert guide.get_ydata()[-1] == pytest.approx(1.0)
    assert np.allclose(guide.get_ydata(), n**2 * 1e-6)


def test_plot_scaling_linear_x_for_exponential_growth_and_own_labels():
    k = [1, 2, 3, 4]
    fig = plot_scaling(k, {"size": [2, 6, 14, 30]}, xscale="linear", variable="k",
                       xlabel="depth $k$", ylabel="operations")
    ax = fig.axes[0]
    assert ax.get_xscale() == "linear" and ax.get_yscale() == "log"
    assert ax.get_xlabel() == "depth $k$" and ax.get_ylabel() == "operations"
    assert len(ax.get_lines()) == 1


def test_plot_scaling_draws_into_given_axes():
    fig, ax = plt.subplots()
    assert plot_scaling([1, 2], {"a": [1, 2]}, ax=ax) is fig


def test_plot_scaling_arguments_and_no_figure_left_behind():
    before = plt.get_fignums()
    with pytest.raises(ValueError, match="xscale must be one of"):
        plot_scaling([1, 2], {"a": [1, 2]}, xscale="symlog")
    with pytest.raises(ValueError, match="sizes must be > 0"):
        plot_scaling([0, 2], {"a": [1, 2]})
    with pytest.raises(TypeError, match="series must be a non-empty mapping"):
        plot_scaling([1, 2], [1, 2])
    with pytest.raises(ValueError, match="one value per size"):
        plot_scaling([1, 2], {"a": [1, 2, 3]})
    with pytest.raises(ValueError, match="must be > 0 on a log axis"):
        plot_scaling([1, 2], {"a": [0, 2]})
    with pytest.raises(ValueError, match="guides must name series"):
        plot_scaling([1, 2], {"a": [1, 2]}, guides={"b": 1})
    with pytest.raises(TypeError, match="guides must be a mapping"):
        plot_scaling([1, 2], {"a": [1, 2]}, guides=[1])
    with pytest.raises(TypeError, match="ax must be"):
        plot_scaling([1, 2], {"a": [1, 2]}, ax="axes")
    assert plt.get_fignums() == before
    fig = plot_scaling([1, 2], {"a": [0, 2]}, yscale="linear")  # zero is fine on a linear axis
    assert fig.axes[0].get_yscale() == "linear"
