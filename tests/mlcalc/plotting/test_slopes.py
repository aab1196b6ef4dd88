"""Tests of mlcalc.plotting.slopes: secants turning into the tangent, zooming in on a curve, and
the error of a finite difference against its step."""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color

from mlcalc.plotting import PALETTE, plot_secant_tangent, plot_step_error, plot_zoom_sequence


def test_secant_tangent_slopes_in_the_legend_and_tangent_touches_the_curve():
    fig = plot_secant_tangent(lambda x: x**2, 1.0, [1, 0.5])
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts[1:] == [
        "secant, $h = 1$: slope 3", "secant, $h = 0.5$: slope 2.5", "tangent: slope 2"
    ]
    tangent = next(line for line in ax.get_lines() if line.get_label().startswith("tangent"))
    xs, ys = tangent.get_xdata(), tangent.get_ydata()
    assert np.polyfit(xs, ys, 1) == pytest.approx([2, -1], abs=1e-6)  # y = 2x - 1
    secants = [line for line in ax.get_lines() if line.get_label().startswith("secant")]
    assert secants[0].get_alpha() < secants[1].get_alpha()  # larger h, fainter line


def _secant_parts(fig):
    """The secant lines, the dots at (x0 + h, f(x0 + h)), the tangent and the dot at x0."""
    lines = fig.axes[0].get_lines()
    secants = [line for line in lines if line.get_label().startswith("secant")]
    tangent = next(line for line in lines if line.get_label().startswith("tangent"))
    dots = [line for line in lines if line.get_linestyle() == "None"]
    return secants, dots[:-1], tangent, dots[-1]


def test_each_secant_passes_through_both_points_and_spans_the_plot():
    cube = lambda x: x**3  # noqa: E731
    fig = plot_secant_tangent(cube, 1.0, [1, 0.5], x_range=(-1.0, 2.5))
    secants, dots, _, touching = _secant_parts(fig)
    for line, dot, h in zip(secants, dots, [1, 0.5]):
        xs, ys = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        assert list(xs) == [-1.0, 2.5]  # the whole x_range
        slope = (cube(1 + h) - 1) / h
        assert ys == pytest.approx(1 + slope * (xs - 1))
        assert (list(dot.get_xdata()), list(dot.get_ydata())) == ([1 + h], [cube(1 + h)])
        assert dot.get_marker() == "o"
        assert dot.get_alpha() == line.get_alpha()  # the dot fades with its secant
    assert (list(touching.get_xdata()), list(touching.get_ydata())) == ([1.0], [1.0])
    assert touching.get_marker() == "o"


def test_secants_are_blue_and_the_tangent_stands_out_in_vermillion():
    fig = plot_secant_tangent(lambda x: x**2, 1.0, [1, 0.5])
    secants, dots, tangent, touching = _secant_parts(fig)
    for line in [*secants, *dots]:
        assert same_color(line.get_color(), PALETTE["blue"])
    assert same_color(tangent.get_color(), PALETTE["vermillion"])
    assert same_color(touching.get_color(), PALETTE["black"])
    assert all(tangent.get_linewidth() > line.get_linewidth() for line in secants)
    curve = fig.axes[0].get_lines()[0]
    assert all(tangent.get_zorder() > line.get_zorder() for line in [curve, *secants])
    # the points are drawn over every line, so no line hides them
    lines = [curve, *secants, tangent]
    for dot in [*dots, touching]:
        assert all(dot.get_zorder() > line.get_zorder() for line in lines)


def test_default_x_range_reaches_past_the_largest_step_and_at_least_one():
    ax = plot_secant_tangent(lambda x: x**2, 3.0, [-2, 0.5]).axes[0]
    assert ax.get_xlim() == pytest.approx((3.0 - 2.8, 3.0 + 2.8))  # x0 -/+ 1.4 max|h|
    ax = plot_secant_tangent(lambda x: x**2, 3.0, [0.1]).axes[0]
    assert ax.get_xlim() == pytest.approx((2.0, 4.0))  # at least 1 on each side


@pytest.mark.parametrize(
    ("f", "x0", "slope"),
    [
        (lambda x: x**3, 1.0, 3.0),
        (np.sin, 0.5, np.cos(0.5)),
        (lambda x: x**2, 1e6, 2e6),  # a step scaled to x0 is not lost in round-off
        (lambda x: x**2, -1e6, -2e6),
    ],
)
def test_tangent_slope_is_the_derivative(f, x0, slope):
    fig = plot_secant_tangent(f, x0, [0.5 * max(1.0, abs(x0))])
    _, _, tangent, _ = _secant_parts(fig)
    xs, ys = tangent.get_xdata(), tangent.get_ydata()
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(slope, rel=1e-8)
    assert tangent.get_label() == f"tangent: slope {slope:.4g}"


def test_zoom_sequence_has_one_panel_per_width():
    fig = plot_zoom_sequence(lambda x: x**3, 1.0, [2, 0.2, 0.02])
    assert len(fig.axes) == 3
    widths = [ax.get_xlim()[1] - ax.get_xlim()[0] for ax in fig.axes]
    assert widths == pytest.approx([2, 0.2, 0.02])


class _StepTable:
    """Stands in for mlcalc.rules.step_error_table's result: headers and column()."""

    headers = ("h", "forward error", "central error")
    rows = ((1e-1, 5e-2, 2e-3), (1e-2, 5e-3, 2e-5), (1e-3, 5e-4, 0.0))

    def column(self, name):
        return [row[self.headers.index(name)] for row in self.rows]


def test_step_error_from_a_table_mapping_or_rows():
    ax = plot_step_error(_StepTable()).axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["forward", "central"]
    central = ax.get_lines()[1]
    assert len(central.get_xdata()) == 2  # the zero error is left out of the log plot
    ax = plot_step_error([1, 2], {"a": [1, 2], "b": [-3, 4]}).axes[0]
    assert list(ax.get_lines()[1].get_ydata()) == [3, 4]  # absolute values
    ax = plot_step_error([1, 2], [[1, 2], [3, 4]], labels=["x", "y"]).axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["x", "y"]


class _Frame:
    """Stands in for a pandas DataFrame: ``columns`` and ``frame[name]``."""

    columns = ("h", "forward_error", "step count")

    def __getitem__(self, name):
        return {"h": [1e-1, 1e-2], "forward_error": [5e-2, 5e-3], "step count": [1, 2]}[name]


@pytest.mark.parametrize(
    "table",
    [{"h": [1e-1, 1e-2], "forward error": [5e-2, 5e-3], "note": ["a", "b"]}, _Frame()],
    ids=["mapping", "data frame"],
)
def test_step_error_reads_a_mapping_or_a_data_frame_as_a_table(table):
    ax = plot_step_error(table).axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["forward"]
    (line,) = ax.get_lines()
    assert list(line.get_xdata()) == [1e-1, 1e-2] and list(line.get_ydata()) == [5e-2, 5e-3]


@pytest.mark.parametrize(
    "h",
    [[0.1, 0.01], SimpleNamespace(headers=("h", "error"))],
    ids=["steps without errors", "headers without column()"],
)
def test_step_error_without_errors_needs_a_table(h):
    with pytest.raises(TypeError, match=r"^h must be an array of steps \(with errors=\.\.\.\), "
                       r"or a table .* got (list|SimpleNamespace)$"):
        plot_step_error(h)


# --------------------------------------------------------------------------------------------
# Errors name the argument


def _f(x):
    return x


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: plot_secant_tangent(_f, 0, [0.5, 0]), ValueError, "hs"),
        (lambda: plot_secant_tangent(_f, 0, ["a"]), TypeError, "hs"),
        (lambda: plot_secant_tangent(_f, 0, [0.5], x_range=(1, 0)), ValueError, "x_range"),
        (lambda: plot_secant_tangent(_f, 0, [0.5], x_range=("a", 1)), TypeError, "x_range"),
        (lambda: plot_secant_tangent("f", 0, [0.5]), TypeError, "f"),
        (lambda: plot_secant_tangent(_f, 5, [0.5], x_range=(0, 1)), ValueError, "x0"),
        (lambda: plot_secant_tangent(lambda x: 1 / x, 0, [0.5]), ValueError, "x0"),
        (lambda: plot_zoom_sequence(_f, 0, [1, -1]), ValueError, "widths"),
        (lambda: plot_zoom_sequence(lambda x: 1 / x, 0, [1]), ValueError, "x0"),
        (lambda: plot_step_error([0.1, 0.01], [1.0]), ValueError, "errors"),
        (lambda: plot_step_error([0.1, -0.01], [1.0, 2.0]), ValueError, "h"),
        (lambda: plot_step_error(42), TypeError, "h"),
    ],
)
def test_bad_input_raises_naming_the_argument(call, error, name):
    with pytest.raises(error, match=rf"\b{name}\b"):
        call()
    assert plt.get_fignums() == []  # no empty figure is left behind


def test_secant_tangent_legend_names_the_curve_it_was_given():
    fig = plot_secant_tangent(lambda t: 4.9 * t**2, 2.0, [0.25], label="$s(t)$")
    texts = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    assert texts[0] == "$s(t)$" and texts[-1] == "tangent: slope 19.6"
    default = plot_secant_tangent(lambda t: 4.9 * t**2, 2.0, [0.25])
    assert default.axes[0].get_legend().get_texts()[0].get_text() == "$f(x)$"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: plot_secant_tangent(np.sqrt, 0.25, [0.5, -0.5]),
         r"^hs must hold steps h with f defined at x0 \+ h; f\(-0\.25\) for h = -0\.5 "
         r"is not a finite number$"),
        (lambda: plot_secant_tangent(np.sqrt, 0.0, [0.5]),
         r"^f must be differentiable at x0 .* x0 = 0 is not a finite number$"),
    ],
    ids=["secant leaves the domain", "no tangent"],
)
def test_secant_tangent_refuses_a_slope_it_cannot_compute(call, message):
    """No secant or tangent labelled "slope nan": the step or the point is named instead."""
    with pytest.raises(ValueError, match=message):
        call()
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------------------------
# How f is evaluated (mlcalc.plotting._shared): NaN where f is undefined, without warnings


def _no_runtime_warning(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)]
    return result


def test_undefined_values_give_gaps_without_numpy_warnings():
    fig = _no_runtime_warning(lambda: plot_zoom_sequence(lambda x: np.log(x) + 1 / x, 1.0, [4]))
    ys = fig.axes[0].get_lines()[0].get_ydata()
    assert np.isnan(ys).any() and np.isfinite(ys).any()  # x <= 0 is left out, x > 0 drawn

    def undefined_at_x0():
        with pytest.raises(ValueError, match=r"^f must be defined at x0; f\(0\) is not"):
            plot_zoom_sequence(np.log, 0.0, [1])

    _no_runtime_warning(undefined_at_x0)


@pytest.mark.parametrize("scale", [1.0, 1e6])
def test_complex_values_are_real_only_without_an_imaginary_part(scale):
    """Complex results count where they are real up to round-off, and are gaps elsewhere."""
    rotation = np.exp(2j * np.pi)  # 1 with an imaginary round-off of 2.4e-16
    xs, ys = plot_zoom_sequence(
        lambda x: scale * np.sqrt(x + 0j) * rotation, 1.0, [4]
    ).axes[0].get_lines()[0].get_data()
    assert np.all(np.isnan(ys[xs < 0]))
    assert ys[xs >= 0] == pytest.approx(scale * np.sqrt(xs[xs >= 0]))
    # the same, point by point, for a function written for single numbers
    ys = plot_zoom_sequence(lambda x: scale * complex(x) ** 0.5 * rotation, 1.0, [4]
                            ).axes[0].get_lines()[0].get_ydata()
    assert np.all(np.isnan(ys[xs < 0]))
    assert ys[xs >= 0] == pytest.approx(scale * np.sqrt(xs[xs >= 0]))


def test_a_function_of_arrays_is_called_once_per_panel():
    """f is called on the whole array of x values (a network's forward pass, say), not point by
    point."""
    calls = []

    def f(x):
        calls.append(np.shape(x))
        return np.sin(x)

    plot_zoom_sequence(f, 1.0, [2, 0.5])
    assert calls[0] == () and len(calls) == 3  # f(x0), then one call per panel
    assert all(len(shape) == 1 and shape[0] > 100 for shape in calls[1:])  # on many x at once


def test_secant_tangent_into_axes_of_a_subfigure_returns_the_whole_figure():
    fig = plt.figure()
    ax = fig.subfigures(1, 2)[1].subplots()
    assert plot_secant_tangent(lambda x: x**2, 1.0, [0.5], ax=ax) is fig
