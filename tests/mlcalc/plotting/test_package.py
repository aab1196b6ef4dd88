"""Tests of mlcalc.plotting as a whole (its ``__init__``): the public names, their examples,
and the conventions every static figure helper keeps."""

from __future__ import annotations

import importlib
import pkgutil

import numpy as np
import pytest
from matplotlib.figure import Figure

import mlcalc as mc
from mlcalc import plotting

# The public API of mlcalc.plotting; a new name needs two chapters that use it, or a place in
# test_usage.NO_CALCULUS (see docs/authoring.md).
PUBLIC = [
    "PALETTE", "use_book_style",
    "plot_function", "plot_with_derivatives", "plot_riemann_rectangles",
    "plot_secant_tangent", "plot_zoom_sequence", "plot_step_error",
    "plot_cost_curve", "plot_line_fits", "plot_cost_history",
    "animate", "plot_computational_graph", "plot_timeline",
]


def _submodules():
    return [importlib.import_module(f"mlcalc.plotting.{info.name}")
            for info in pkgutil.iter_modules(plotting.__path__)]


def test_public_api_is_exactly_the_shared_helpers():
    assert sorted(plotting.__all__) == sorted(PUBLIC)
    assert len(plotting.__all__) <= 20
    for name in PUBLIC:
        assert getattr(plotting, name) is getattr(mc.plotting, name)


def test_no_public_helper_is_left_out_of_all():
    for module in _submodules():
        defined_here = {
            name for name, item in vars(module).items()
            if not name.startswith("_") and getattr(item, "__module__", None) == module.__name__
        }
        assert defined_here <= set(plotting.__all__), module.__name__
        assert module.__doc__, f"{module.__name__} needs a docstring"


def test_every_public_helper_has_an_example():
    for name in plotting.__all__:
        item = getattr(plotting, name)
        if callable(item):
            assert "Examples" in item.__doc__, name


STATIC_HELPERS = {
    "plot_function": lambda: plotting.plot_function(lambda x: 1 / x, (-2, 2), poles=[0]),
    "plot_with_derivatives": lambda: plotting.plot_with_derivatives(np.sin, [np.cos], (0, 3)),
    "plot_riemann_rectangles": lambda: plotting.plot_riemann_rectangles(np.sin, (0, 3), 6),
    "plot_secant_tangent": lambda: plotting.plot_secant_tangent(np.sin, 1.0, [1, 0.5]),
    "plot_zoom_sequence": lambda: plotting.plot_zoom_sequence(np.sin, 1.0, [2, 0.5, 0.1]),
    "plot_step_error": lambda: plotting.plot_step_error([0.1, 0.01], [1e-2, 1e-3]),
    "plot_cost_curve": lambda: plotting.plot_cost_curve(lambda w: (w - 1) ** 2, (-2, 3),
                                                        path=[2, 1.5]),
    "plot_line_fits": lambda: plotting.plot_line_fits([0, 1, 2], [1, 2, 4], {"fit": (1.5, 0.8)}),
    "plot_cost_history": lambda: plotting.plot_cost_history([4.0, 2.0, 1.0]),
}


@pytest.mark.parametrize("name", list(STATIC_HELPERS))
def test_every_curve_helper_returns_a_figure_with_labelled_axes(name):
    fig = STATIC_HELPERS[name]()
    assert isinstance(fig, Figure)
    assert fig.axes
    for ax in fig.axes:
        assert ax.get_xlabel()
    assert fig.axes[0].get_ylabel()
