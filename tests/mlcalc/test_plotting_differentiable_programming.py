"""Tests of plot_trajectories, added to mlcalc.plotting by "The future: differentiable
programming"."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color
from matplotlib.figure import Figure

from mlcalc.autodiff import simulate_projectile
from mlcalc.plotting import PALETTE, plot_trajectories



def _arc(speed_x: float) -> np.ndarray:
    t = np.linspace(0.0, 2.0, 21)
    return np.column_stack([speed_x * t, 10 * t - 5 * t**2])


def test_paths_are_drawn_in_order_pale_to_dark_and_the_last_in_vermillion():
    paths = [_arc(3.0), _arc(5.0), _arc(8.0)]
    fig = plot_trajectories(paths, target=16.0, labels=["a", "b", "c"])
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    lines = [line for line in ax.get_lines() if line.get_label() in {"a", "b", "c"}]
    assert [line.get_label() for line in lines] == ["a", "b", "c"]
    assert np.allclose(lines[1].get_xdata(), paths[1][:, 0])
    assert np.allclose(lines[1].get_ydata(), paths[1][:, 1])
    assert same_color(lines[-1].get_color(), PALETTE["vermillion"])
    assert lines[0].get_alpha() < lines[1].get_alpha()
    assert lines[-1].get_linewidth() > lines[0].get_linewidth()
    assert ax.get_xlabel() == "distance $x$ (m)" and ax.get_ylabel() == "height $y$ (m)"
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == ["a", "b", "c", "target"]
    (marker,) = [line for line in ax.get_lines() if line.get_label() == "target"]
    assert list(marker.get_xdata()) == [16.0] and list(marker.get_ydata()) == [0.0]
    assert ax.get_ylim()[0] == 0.0 and ax.get_ylim()[1] >= 5.0


def test_trajectories_from_simulate_projectile_are_accepted():
    flights = [simulate_projectile(a, 20.0, drag=0.01) for a in (0.3, 0.6)]
    fig = plot_trajectories(flights)
    ax = fig.axes[0]
    drawn = ax.get_lines()[1]
    assert drawn.get_xdata()[-1] == pytest.approx(flights[1].landing_x)
    assert drawn.get_ydata()[-1] == 0.0
    assert ax.get_legend() is None  # no labels and no target: no legend


def test_a_single_path_draws_into_given_axes_with_own_labels():
    fig, ax = plt.subplots()
    result = plot_trajectories([_arc(4.0)], xlabel="x", ylabel="y", ax=ax)
    assert result is fig
    assert same_color(ax.get_lines()[0].get_color(), PALETTE["vermillion"])
    assert ax.get_xlabel() == "x" and ax.get_ylabel() == "y"


@pytest.mark.parametrize(
    "paths, kwargs, error, match",
    [
        (np.zeros((3, 2)), {}, TypeError, "paths must be a sequence"),
        ("path", {}, TypeError, "paths must be a sequence"),
        ([], {}, ValueError, "paths must not be empty"),
        ([np.zeros((3, 3))], {}, ValueError, r"paths\[0\] must be an \(n, 2\) array"),
        ([_arc(1.0), np.zeros((1, 2))], {}, ValueError, r"paths\[1\] must be an \(n, 2\)"),
        ([[["a", "b"], ["c", "d"]]], {}, TypeError, r"paths\[0\] must be an \(n, 2\)"),
        ([np.array([[0.0, 0.0], [np.nan, 1.0]])], {}, ValueError, "finite"),
        ([_arc(1.0)], {"labels": ["a", "b"]}, ValueError, "one entry per path"),
        ([_arc(1.0)], {"labels": "a"}, TypeError, "labels must be a sequence"),
        ([_arc(1.0)], {"target": "far"}, TypeError, "target must be a real number"),
        ([_arc(1.0)], {"target": np.inf}, ValueError, "target must be finite"),
        ([_arc(1.0)], {"ax": "axes"}, TypeError, "ax must be a matplotlib Axes"),
    ],
)
def test_plot_trajectories_checks_arguments_and_leaves_no_figure(paths, kwargs, error, match):
    before = plt.get_fignums()
    with pytest.raises(error, match=match):
        plot_trajectories(paths, **kwargs)
    assert plt.get_fignums() == before


def test_a_long_legend_goes_beside_the_axes_and_a_short_one_inside():
    many = plot_trajectories([_arc(float(s)) for s in range(1, 6)],
                             labels=[str(s) for s in range(1, 6)])
    many.canvas.draw()
    ax = many.axes[0]
    assert ax.get_legend().get_window_extent().x0 > ax.get_window_extent().x1
    few = plot_trajectories([_arc(1.0), _arc(2.0)], labels=["a", "b"])
    few.canvas.draw()
    ax = few.axes[0]
    assert ax.get_legend().get_window_extent().x1 <= ax.get_window_extent().x1
