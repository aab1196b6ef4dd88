"""Tests of mlcalc.plotting.slopes: secants turning into the tangent, zooming in on a curve, and
the error of a finite difference against its step."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlcalc.plotting import plot_secant_tangent, plot_step_error, plot_zoom_sequence


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


# --------------------------------------------------------------------------------------------
# Errors name the argument


def _f(x):
    return x


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: plot_secant_tangent(_f, 0, [0.5, 0]), ValueError, "hs"),
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
