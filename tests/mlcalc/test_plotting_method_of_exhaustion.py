"""Tests of mlcalc.plotting.plot_squeeze (chapter "The method of exhaustion")."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color
from matplotlib.figure import Figure

from mlcalc.limits import bounds_table
from mlcalc.plotting import PALETTE, plot_squeeze



def _line(ax, label):
    return next(line for line in ax.get_lines() if line.get_label() == label)


def test_draws_both_bounds_the_band_and_the_limit():
    table = bounds_table([6, 12, 24, 48, 96])
    fig = plot_squeeze(table.column("n"), table.column("lower bound"),
                       table.column("upper bound"), limit=math.pi, limit_label="$\\pi$",
                       logx=True, xlabel="sides $n$", ylabel="bound")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    lower, upper = _line(ax, "lower bound"), _line(ax, "upper bound")
    assert list(lower.get_ydata()) == table.column("lower bound")
    assert list(upper.get_xdata()) == [6, 12, 24, 48, 96]
    assert same_color(lower.get_color(), PALETTE["blue"])
    assert same_color(upper.get_color(), PALETTE["orange"])
    level = _line(ax, "$\\pi$")
    assert level.get_ydata()[0] == pytest.approx(math.pi)
    assert level.get_linestyle() == "--"
    assert len(ax.collections) == 1  # the shaded band
    assert ax.get_xscale() == "log"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("sides $n$", "bound")


def test_without_a_limit_there_is_no_limit_line_and_labels_can_change():
    fig = plot_squeeze(np.arange(1, 4), [0, 1, 2], [1, 2, 3], labels=("left sum", "right sum"))
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts == ["left sum", "right sum"]
    assert fig.axes[0].get_xscale() == "linear"


def test_default_limit_label_shows_the_value():
    fig = plot_squeeze([1, 2], [0.2, 0.3], [0.5, 0.4], limit=1 / 3)
    assert fig.axes[0].get_legend().get_texts()[-1].get_text() == "limit = 0.333333"


def test_draws_into_given_axes():
    fig, ax = plt.subplots()
    assert plot_squeeze([1, 2], [0, 0], [1, 1], ax=ax) is fig


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        (dict(x=[1, 2], lower=[0, 3], upper=[1, 2]), ValueError, "lower"),
        (dict(x=[1, 2], lower=[0], upper=[1, 2]), ValueError, "lower"),
        (dict(x=[1, 2], lower=[0, 0], upper=[1, 2, 3]), ValueError, "upper"),
        (dict(x=[], lower=[], upper=[]), ValueError, "x"),
        (dict(x=["a", "b"], lower=[0, 0], upper=[1, 1]), TypeError, "x"),
        (dict(x=[1, 2], lower=[0, math.nan], upper=[1, 1]), ValueError, "lower"),
        (dict(x=[1, 2], lower=[0, 0], upper=[1, 1], limit="pi"), TypeError, "limit"),
        (dict(x=[1, 2], lower=[0, 0], upper=[1, 1], labels="lower"), TypeError, "labels"),
        (dict(x=[1, 2], lower=[0, 0], upper=[1, 1], labels=("a", "b", "c")), TypeError, "labels"),
        (dict(x=[0, 2], lower=[0, 0], upper=[1, 1], logx=True), ValueError, "x"),
        (dict(x=[1, 2], lower=[0, 0], upper=[1, 1], ax="axes"), TypeError, "ax"),
    ],
)
def test_bad_input_raises_naming_the_argument(kwargs, error, name):
    with pytest.raises(error, match=rf"\b{name}\b"):
        plot_squeeze(**kwargs)
    assert plt.get_fignums() == []
