"""Tests of mlcalc.plotting: honest pictures (no line across a pole, a visible hole), one palette,
self-contained animations, labelled axes, and errors that name the argument."""

from __future__ import annotations

import math
import re
import sys

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import same_color, to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from mlcalc import plotting
from mlcalc.plotting import (
    PALETTE,
    animate,
    animate_descent,
    animate_exhaustion,
    animate_secant_to_tangent,
    plot_cost_curve,
    plot_descent_path,
    plot_exhaustion,
    plot_function,
    plot_limit_approach,
    plot_riemann_rectangles,
    plot_secant_tangent,
    plot_step_error,
    plot_zoom_sequence,
    use_book_style,
)



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
# Palette and style


def test_palette_is_okabe_ito_with_eight_distinct_colours():
    assert list(PALETTE) == [
        "blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "black"
    ]
    colours = list(PALETTE.values())
    assert len({to_rgba(c) for c in colours}) == 8
    assert same_color(PALETTE["vermillion"], "#D55E00")
    assert same_color(PALETTE["sky"], "#56B4E9")


def test_use_book_style_sets_the_cycle_and_is_idempotent():
    assert use_book_style() is None
    first = dict(mpl.rcParams)
    use_book_style()
    assert dict(mpl.rcParams) == first
    assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == list(PALETTE.values())
    assert mpl.rcParams["axes.spines.top"] is False and mpl.rcParams["axes.spines.right"] is False
    assert mpl.rcParams["axes.grid"] is True
    assert mpl.rcParams["savefig.bbox"] == "tight"
    assert tuple(mpl.rcParams["figure.figsize"]) == (6.4, 4.0)
    # The next line drawn takes the first colour of the palette.
    _, ax = plt.subplots()
    (line,) = ax.plot([0, 1], [0, 1])
    assert same_color(line.get_color(), PALETTE["blue"])


def test_use_book_style_outside_ipython_starts_no_shell():
    from IPython.core.interactiveshell import InteractiveShell

    if InteractiveShell.initialized():
        pytest.skip("an IPython shell is already running")
    use_book_style()
    assert not InteractiveShell.initialized()


def test_use_book_style_in_ipython_shows_figures_as_svg():
    from IPython.core.interactiveshell import InteractiveShell

    if InteractiveShell.initialized():
        pytest.skip("an IPython shell is already running")
    shell = InteractiveShell.instance()
    try:
        use_book_style()
        svg = shell.display_formatter.formatters["image/svg+xml"]
        fig = plt.figure()
        fig.add_subplot().plot([0, 1], [1, 0])
        output = svg(fig)
        assert output is not None and "<svg" in output
        assert "<dc:date>" not in output  # the same figure gives the same page
    finally:
        InteractiveShell.clear_instance()


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
# The other figure helpers


def _cost2d(m, b):
    return (m - 1) ** 2 + 3 * (b + 0.5) ** 2


STATIC_HELPERS = {
    "plot_function": lambda: plot_function(lambda x: 1 / x, (-2, 2), poles=[0]),
    "plot_limit_approach": lambda: plot_limit_approach(np.sin, 0.5),
    "plot_secant_tangent": lambda: plot_secant_tangent(np.sin, 1.0, [1, 0.5]),
    "plot_zoom_sequence": lambda: plot_zoom_sequence(np.sin, 1.0, [2, 0.5, 0.1]),
    "plot_exhaustion": lambda: plot_exhaustion(8),
    "plot_riemann_rectangles": lambda: plot_riemann_rectangles(np.sin, (0, 3), 6),
    "plot_cost_curve": lambda: plot_cost_curve(lambda w: (w - 1) ** 2, (-2, 3), path=[2, 1.5]),
    "plot_descent_path": lambda: plot_descent_path(_cost2d, (-1, 3), (-2, 1), [(2, 0), (1, -0.5)]),
    "plot_step_error": lambda: plot_step_error([0.1, 0.01], [1e-2, 1e-3]),
}


@pytest.mark.parametrize("name", list(STATIC_HELPERS))
def test_every_helper_returns_a_figure_with_labelled_axes(name):
    fig = STATIC_HELPERS[name]()
    assert isinstance(fig, Figure)
    plotted = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert plotted
    for ax in plotted:
        assert ax.get_xlabel()
    assert plotted[0].get_ylabel()


def test_limit_approach_closes_in_from_both_sides():
    fig = plot_limit_approach(lambda x: math.sin(x) / x, 0, steps=[1, 0.5, 0.1], x_range=(-4, 4))
    ax = fig.axes[0]
    left = next(line for line in ax.get_lines() if "from the left" in line.get_label())
    right = next(line for line in ax.get_lines() if "from the right" in line.get_label())
    assert list(left.get_xdata()) == pytest.approx([-1, -0.5, -0.1])
    assert list(right.get_xdata()) == pytest.approx([1, 0.5, 0.1])
    assert list(right.get_ydata()) == pytest.approx([math.sin(d) / d for d in (1, 0.5, 0.1)])
    level = next(line for line in ax.get_lines() if line.get_label().startswith("limit"))
    assert level.get_ydata()[0] == pytest.approx(1.0, abs=1e-8)
    assert level.get_linestyle() == "--"
    (hole,) = _marked(ax, "_mlcalc_hole")  # sin(x)/x is undefined at 0
    assert hole.get_ydata()[0] == pytest.approx(1.0, abs=1e-8)


def test_limit_approach_with_different_sides_draws_both_levels():
    fig = plot_limit_approach(lambda x: abs(x) / x, 0)
    labels = [line.get_label() for line in fig.axes[0].get_lines()]
    assert any(label.startswith("left-hand limit") for label in labels)
    assert any(label.startswith("right-hand limit") for label in labels)
    assert not any(_crosses(line, 0.0) for line in _curves(fig.axes[0]))


def test_limit_approach_of_a_continuous_function_has_no_hole():
    fig = plot_limit_approach(lambda x: x**2, 1, steps=3, limit=1)
    assert not _marked(fig.axes[0], "_mlcalc_hole")


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


@pytest.mark.parametrize("n", [3, 6, 96])
def test_exhaustion_polygons_bound_pi(n):
    fig = plot_exhaustion(n, r=2)
    ax = fig.axes[0]
    low, high = (float(v) for v in re.findall(r"\d+\.\d+", ax.get_title()))
    assert low < math.pi < high
    assert low == pytest.approx(n / 2 * math.sin(2 * math.pi / n), abs=1e-5)
    polygons = [p for p in ax.patches if p.__class__.__name__ == "Polygon"]
    assert [len(p.get_xy()) - 1 for p in polygons] == [n, n]  # closed: first vertex repeated
    assert len(ax.get_legend().get_texts()) == 3


def test_riemann_rectangles_area_and_count():
    fig = plot_riemann_rectangles(lambda x: x, (0, 1), 4, rule="left")
    ax = fig.axes[0]
    assert len(ax.containers[0].patches) == 4
    assert ax.get_legend().get_texts()[1].get_text().endswith("area = 0.375")
    fig = plot_riemann_rectangles(np.sin, (0, 2 * math.pi), 12)
    assert fig.axes[0].get_legend().get_texts()[1].get_text().endswith("area = 0")


def test_cost_curve_path_points_lie_on_the_curve_with_an_arrow_per_step():
    path = [3.0, 2.0, 1.5, 1.25]
    fig = plot_cost_curve(lambda w: (w - 1) ** 2, (-1, 2), path=path)
    ax = fig.axes[0]
    dots = next(line for line in ax.get_lines() if line.get_label().startswith("descent path"))
    assert list(dots.get_ydata()) == pytest.approx([(w - 1) ** 2 for w in path])
    assert len(ax.texts) == len(path) - 1  # arrows are annotations
    assert ax.get_xlim()[1] >= 3.0  # the view grows to show the whole path


def test_descent_path_overlays_the_path_on_contours():
    path = [(2.5, 0.5), (1.8, -0.2), (1.2, -0.45)]
    fig = plot_descent_path(lambda m, b: float(_cost2d(m, b)), (-1, 3), (-2, 1), path)  # scalar
    ax = fig.axes[0]
    line = next(line for line in ax.get_lines() if line.get_label() == "descent path")
    assert np.column_stack([line.get_xdata(), line.get_ydata()]) == pytest.approx(np.array(path))
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "cost"


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
# Animations


def _frames(page) -> int:
    return page._repr_html_().count("data:image/png;base64")


def test_animate_returns_self_contained_html_with_controls_and_closes_its_figure():
    calls = []

    def draw(ax, i):
        calls.append(i)
        ax.plot([0, 1], [0, i])
        ax.set_xlabel("x")

    page = animate(draw, 4, interval=100)
    html = page._repr_html_()
    assert "<script" in html and "anim-state" in html and 'title="Play"' in html
    assert _frames(page) == 4
    assert set(calls) == {0, 1, 2, 3}
    assert plt.get_fignums() == []  # not shown a second time by pyplot
    assert 'value="once"' in html and re.search(r'value="once"[^>]*checked', html)


def test_animate_without_ipython_returns_an_object_with_repr_html(monkeypatch):
    monkeypatch.setitem(sys.modules, "IPython.display", None)  # import fails
    page = animate(lambda ax, i: ax.plot([0, i]), 2, default_mode="loop")
    assert type(page).__name__ == "_HTMLDocument"
    assert "<script" in page._repr_html_() and str(page) == page._repr_html_()


def test_ready_made_animations_have_one_frame_per_value_and_stay_light():
    page = animate_secant_to_tangent(lambda x: x**2, 1.0, [1, 0.5, 0.1])
    assert _frames(page) == 3
    assert _frames(animate_exhaustion([3, 4, 8, 16])) == 4
    page = animate_descent(lambda w: (w - 2) ** 2, (-1, 5), [4.0, 3.0, 2.5, 2.2])
    assert _frames(page) == 4
    per_frame = len(page._repr_html_()) / 4
    assert per_frame < 60_000  # ~30 frames stay near 1 MB
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------------------------
# Errors name the argument


def _f(x):
    return x


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: plot_function(3, (0, 1)), TypeError, "f"),
        (lambda: plot_function(_f, (1, 0)), ValueError, "x_range"),
        (lambda: plot_function(_f, (0, 0)), ValueError, "x_range"),
        (lambda: plot_function(_f, 5), TypeError, "x_range"),
        (lambda: plot_function(_f, (0, math.inf)), ValueError, "x_range"),
        (lambda: plot_function(_f, (0, 1), poles=[2]), ValueError, "poles"),
        (lambda: plot_function(_f, (0, 1), holes=[(0.5, 1, 2)]), ValueError, "holes"),
        (lambda: plot_function(_f, (0, 1), ylim=(1, 0)), ValueError, "ylim"),
        (lambda: plot_function(_f, (0, 1), ax="axes"), TypeError, "ax"),
        (lambda: plot_function(lambda x: math.nan, (0, 1)), ValueError, "f"),
        (lambda: plot_function(lambda x: "a string", (0, 1)), TypeError, "f"),
        (lambda: plot_riemann_rectangles(lambda x: 1 / x, (0, 1), 4), ValueError, "f"),
        (lambda: plot_limit_approach(_f, 5, x_range=(0, 1)), ValueError, "x_range"),
        (lambda: plot_limit_approach(_f, 0, steps=[0.1, -1]), ValueError, "steps"),
        (lambda: plot_secant_tangent(_f, 0, [0.5, 0]), ValueError, "hs"),
        (lambda: plot_secant_tangent("f", 0, [0.5]), TypeError, "f"),
        (lambda: plot_zoom_sequence(_f, 0, [1, -1]), ValueError, "widths"),
        (lambda: plot_exhaustion(2), ValueError, "n_sides"),
        (lambda: plot_exhaustion(6.0), TypeError, "n_sides"),
        (lambda: plot_exhaustion(6, r=0), ValueError, "r"),
        (lambda: plot_riemann_rectangles(_f, (0, 1), 4, rule="trapezoid"), ValueError, "rule"),
        (lambda: plot_riemann_rectangles(_f, (0, 1), 0), ValueError, "n"),
        (lambda: plot_cost_curve(None, (0, 1)), TypeError, "cost"),
        (lambda: plot_cost_curve(_f, (2, 1)), ValueError, "param_range"),
        (lambda: plot_descent_path(_cost2d, (0, 1), (0, 1), [1, 2, 3]), ValueError, "path"),
        (lambda: plot_descent_path(_cost2d, (0, 1), (1, 1), [(0, 0)]), ValueError, "b_range"),
        (lambda: plot_step_error([0.1, 0.01], [1.0]), ValueError, "errors"),
        (lambda: plot_step_error([0.1, -0.01], [1.0, 2.0]), ValueError, "h"),
        (lambda: plot_step_error(42), TypeError, "h"),
        (lambda: animate(None, 3), TypeError, "draw_frame"),
        (lambda: animate(lambda ax, i: None, 0), ValueError, "n_frames"),
        (lambda: animate(lambda ax, i: None, 2, default_mode="bounce"), ValueError, "default_mode"),
        (lambda: animate_exhaustion([3, 2]), ValueError, "n_values"),
        (lambda: animate_secant_to_tangent(_f, 0, []), ValueError, "hs"),
    ],
)
def test_bad_input_raises_naming_the_argument(call, error, name):
    with pytest.raises(error, match=rf"\b{name}\b"):
        call()
    assert plt.get_fignums() == []  # no empty figure is left behind


def test_public_api_is_listed():
    # The helpers of the design; chapters add more (each listed in __all__ with an example).
    assert {
        "PALETTE", "use_book_style", "plot_function", "plot_limit_approach",
        "plot_secant_tangent", "plot_zoom_sequence", "plot_exhaustion",
        "plot_riemann_rectangles", "plot_cost_curve", "plot_descent_path", "plot_step_error",
        "animate", "animate_secant_to_tangent", "animate_exhaustion", "animate_descent",
    } <= set(plotting.__all__)
    public = {name for name in vars(plotting) if not name.startswith("_")}
    defined_here = {
        name for name in public
        if getattr(getattr(plotting, name), "__module__", None) == plotting.__name__
    }
    assert defined_here <= set(plotting.__all__), "public helpers missing from __all__"
    for name in plotting.__all__:
        item = getattr(plotting, name)
        if callable(item):
            assert "Examples" in item.__doc__, name


# ----------------------------------------------------------------------------------------------
# Animations in the static site: offline, with alt text and a labelled slider


def test_animation_html_is_self_contained_and_accessible():
    from mlcalc.plotting import animate, animate_exhaustion

    page = animate(lambda ax, i: ax.plot([0, 1], [0, i]), 2, alt="A line tilting up.")._repr_html_()
    assert "https://" not in page, "the player must not load anything from a CDN"
    assert '<img alt="A line tilting up." id="' in page
    assert 'class="anim-slider" aria-label="Frame"' in page
    default = animate_exhaustion([3, 4])._repr_html_()
    assert re.search(r'<img alt="Regular polygons[^"]+" id="', default)


@pytest.mark.parametrize("alt", ["", "   ", None])
def test_animation_needs_alt_text(alt):
    from mlcalc.plotting import animate

    with pytest.raises(ValueError, match="alt"):
        animate(lambda ax, i: None, 2, alt=alt)


def test_animate_zoom_has_one_frame_per_width_and_rejects_bad_widths():
    from mlcalc.plotting import animate_zoom

    page = animate_zoom(lambda x: x**3 - x, 0.5, [2.0, 1.0, 0.5, 0.25])._repr_html_()
    assert page.count("frames[") >= 4 and "anim-state" in page
    assert '<img alt="A curve and its tangent' in page
    with pytest.raises(ValueError, match="widths"):
        animate_zoom(lambda x: x, 0.0, [1.0, -1.0])
    with pytest.raises(TypeError, match="f"):
        animate_zoom("x**2", 0.0, [1.0])
    with pytest.raises(ValueError, match="x0"):
        animate_zoom(lambda x: 1 / x, 0.0, [1.0])
