"""Tests of the plotting helpers of "The differentiation rules": the product-rule rectangle,
the chain-rule number lines, a function beside its derivatives, and the grid of derivatives."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from mlcalc import plotting
from mlcalc.plotting import (
    plot_chain_rule,
    plot_derivative_grid,
    plot_product_rule_rectangle,
    plot_with_derivatives,
)



def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def test_new_helpers_are_public():
    for name in ("plot_product_rule_rectangle", "plot_chain_rule", "plot_with_derivatives",
                 "plot_derivative_grid"):
        assert name in plotting.__all__


# ------------------------------------------------------------------ product-rule rectangle
def test_rectangle_regions_have_the_four_areas():
    fig = plot_product_rule_rectangle(3, 2, 0.5, 0.25)
    rects = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    areas = sorted(r.get_width() * r.get_height() for r in rects)
    assert areas == pytest.approx(sorted([6, 1, 0.75, 0.125]))
    # Together they tile the big rectangle (u + du) x (v + dv).
    assert sum(areas) == pytest.approx(3.5 * 2.25)


def test_rectangle_legend_names_each_area():
    fig = plot_product_rule_rectangle(2, 2, 0.3, 0.3, names=("x", "x"))
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts == ["$x \\cdot x$ = 4", "$x \\cdot dx$ = 0.6", "$x \\cdot dx$ = 0.6",
                     "$dx \\cdot dx$ = 0.09"]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["0", "$x$", "$x + dx$"]


def test_rectangle_draws_into_given_axes_and_labels():
    fig, ax = plt.subplots()
    out = plot_product_rule_rectangle(1, 1, 0.1, 0.2, ax=ax, xlabel="a", ylabel="b")
    assert out is fig
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("a", "b")
    assert ax.get_aspect() == 1.0


@pytest.mark.parametrize("name, kwargs, error", [
    ("u", {"u": 0}, ValueError),
    ("v", {"v": -1}, ValueError),
    ("du", {"du": "0.1"}, TypeError),
    ("dv", {"dv": math.nan}, ValueError),
    ("names", {"names": "uv"}, TypeError),
    ("names", {"names": ("u", "v", "w")}, ValueError),
    ("ax", {"ax": 3}, TypeError),
])
def test_rectangle_rejects_bad_arguments(name, kwargs, error):
    args = {"u": 3, "v": 2, "du": 0.5, "dv": 0.25, **kwargs}
    u, v, du, dv = args.pop("u"), args.pop("v"), args.pop("du"), args.pop("dv")
    with pytest.raises(error, match=name):
        plot_product_rule_rectangle(u, v, du, dv, **args)
    assert plt.get_fignums() == []  # no half-drawn figure is left behind


# ------------------------------------------------------------------ chain-rule number lines
def test_chain_title_multiplies_the_local_rates():
    fig = plot_chain_rule([lambda x: x**2, lambda u: u**3], 1.0, 0.05)
    assert fig.axes[0].get_title() == "$dy/dx = 2 \\times 3 = 6$"
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "$\\times\\ du/dx \\approx 2$" in texts
    assert "$\\times\\ dy/du \\approx 3$" in texts
    assert "$\\Delta x = 0.05$" in texts


def test_chain_carries_the_step_through_each_function():
    fig = plot_chain_rule([lambda x: 3 * x + 1, lambda u: -2 * u], 0.0, 0.1,
                          names=["w", "z", "L"])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "$\\Delta z = 0.3$" in texts
    assert "$\\Delta L = -0.6$" in texts
    assert fig.axes[0].get_title() == "$dL/dw = 3 \\times (-2) = -6$"


def test_chain_of_one_and_of_four_functions():
    fig = plot_chain_rule([np.sin], 0.0, 0.1)
    assert fig.axes[0].get_title() == "$dy/dx = 1$"
    fig = plot_chain_rule([np.sin, np.exp, lambda t: 2 * t, _sigmoid], 0.0, 0.05)
    names = [t.get_text() for t in fig.axes[0].texts if t.get_fontsize() == 13]
    assert names == ["$x$", "$u_1$", "$u_2$", "$u_3$", "$y$"]
    expected = 1 * 1 * 2 * (_sigmoid(2.0) * (1 - _sigmoid(2.0)))
    assert fig.axes[0].get_title().endswith(f"= {expected:.3g}$")


@pytest.mark.parametrize("args, kwargs, error, name", [
    ((np.sin, 0.0, 0.1), {}, TypeError, "functions"),
    (([], 0.0, 0.1), {}, ValueError, "functions"),
    (([np.sin, 2], 0.0, 0.1), {}, TypeError, "functions"),
    (([np.sin], "0", 0.1), {}, TypeError, "x0"),
    (([np.sin], 0.0, 0.0), {}, ValueError, "dx"),
    (([np.sin], 0.0, 0.1), {"names": ["x"]}, ValueError, "names"),
    (([np.log], -1.0, 0.1), {}, ValueError, r"functions\[0\]"),
])
def test_chain_rejects_bad_arguments(args, kwargs, error, name):
    with pytest.raises(error, match=name):
        plot_chain_rule(*args, **kwargs)
    assert plt.get_fignums() == []


# ------------------------------------------------------------------ function and derivatives
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


@pytest.mark.parametrize("kwargs, error, name", [
    ({"f": 1}, TypeError, "f"),
    ({"derivatives": np.cos}, TypeError, "derivatives"),
    ({"derivatives": []}, ValueError, "derivatives"),
    ({"x_range": (2, 1)}, ValueError, "x_range"),
    ({"labels": ["a"]}, ValueError, "labels"),
    ({"points": [9]}, ValueError, "points"),
    ({"shade": 3}, ValueError, "shade"),
    ({"shade": 1.5}, TypeError, "shade"),
])
def test_with_derivatives_rejects_bad_arguments(kwargs, error, name):
    args = {"f": np.sin, "derivatives": [np.cos, lambda x: -np.sin(x)], "x_range": (0, 3),
            **kwargs}
    with pytest.raises(error, match=name):
        plot_with_derivatives(args.pop("f"), args.pop("derivatives"), args.pop("x_range"),
                              **args)
    assert plt.get_fignums() == []


# ------------------------------------------------------------------ grid of derivatives
def _ml_functions():
    return {
        "$e^x$": (np.exp, np.exp),
        "$\\ln x$": (np.log, lambda x: 1 / x),
        "$\\sigma(x)$": (_sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x))),
        "ReLU": (lambda x: np.maximum(x, 0), lambda x: np.where(x > 0, 1.0, 0.0)),
        "softplus": (lambda x: np.log1p(np.exp(x)), _sigmoid),
    }


def test_grid_has_one_panel_per_function_and_a_legend():
    fig = plot_derivative_grid(_ml_functions(), (-3, 3), ncols=3, ylim=(-1.5, 3))
    assert isinstance(fig, Figure)
    assert [ax.get_title() for ax in fig.axes] == list(_ml_functions())
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["function", "derivative"]
    assert all(ax.get_ylim() == (-1.5, 3) for ax in fig.axes)
    # The bottom panel of each column is labelled; with 5 panels in 2 rows of 3, that is
    # panels 2 (no panel below it), 3 and 4.
    assert [bool(ax.get_xlabel()) for ax in fig.axes] == [False, False, True, True, True]


def test_grid_hides_the_derivative_where_the_function_is_undefined():
    fig = plot_derivative_grid({"log": (np.log, lambda x: 1 / x)}, (-2, 2))
    dashed = [line for line in fig.axes[0].get_lines() if line.get_linestyle() == "--"]
    assert dashed and all(np.all(np.asarray(line.get_xdata()) > 0) for line in dashed)


def test_grid_marks_a_jump_with_a_dot_and_an_open_circle():
    fig = plot_derivative_grid(_ml_functions(), (-3, 3), breaks={"ReLU": [0]})
    ax = fig.axes[3]
    dots = [line for line in ax.get_lines() if line.get_label() == "_mlcalc_point"]
    holes = [line for line in ax.get_lines() if line.get_label() == "_mlcalc_hole"]
    assert [(float(d.get_xdata()[0]), float(d.get_ydata()[0])) for d in dots] == [(0.0, 0.0)]
    assert [(float(h.get_xdata()[0]), float(h.get_ydata()[0])) for h in holes] == [(0.0, 1.0)]
    # The derivative is split at 0: no line segment crosses the jump.
    for line in ax.get_lines():
        xs = np.asarray(line.get_xdata(), dtype=float)
        if line.get_linestyle() == "--":
            assert np.all(xs < 0) or np.all(xs > 0)


@pytest.mark.parametrize("args, kwargs, error, name", [
    (([("f", "g")], (-1, 1)), {}, TypeError, "functions"),
    (({}, (-1, 1)), {}, TypeError, "functions"),
    (({"a": (np.sin,)}, (-1, 1)), {}, TypeError, "functions"),
    (({"a": (np.sin, 3)}, (-1, 1)), {}, TypeError, "functions"),
    (({"a": (np.sin, np.cos)}, (1, -1)), {}, ValueError, "x_range"),
    (({"a": (np.sin, np.cos)}, (-1, 1)), {"breaks": [0]}, TypeError, "breaks"),
    (({"a": (np.sin, np.cos)}, (-1, 1)), {"breaks": {"b": [0]}}, ValueError, "breaks"),
    (({"a": (np.sin, np.cos)}, (-1, 1)), {"breaks": {"a": [5]}}, ValueError, "breaks"),
    (({"a": (np.sin, np.cos)}, (-1, 1)), {"ncols": 0}, ValueError, "ncols"),
])
def test_grid_rejects_bad_arguments(args, kwargs, error, name):
    with pytest.raises(error, match=name):
        plot_derivative_grid(*args, **kwargs)
    assert plt.get_fignums() == []
