"""Tests of mlcalc.plotting.graphs: plot_computational_graph, from a PyTorch grad_fn chain or
from an mlcalc.autodiff.Var; both are walked by mlcalc.autodiff.topological_order."""

from __future__ import annotations

import math
import subprocess
import sys
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color
from matplotlib.figure import Figure

from mlcalc.autodiff import Var, cos, exp, log, sigmoid, sin, tanh
from mlcalc.plotting import PALETTE, plot_computational_graph

torch = pytest.importorskip("torch")


def _texts(fig: Figure, gid: str) -> list[str]:
    return sorted(t.get_text() for t in fig.axes[0].texts if t.get_gid() == gid)


def _count(fig: Figure, gid: str) -> int:
    return sum(t.get_gid() == gid for t in fig.axes[0].texts)


def _node_position(fig: Figure, text: str) -> tuple[float, float]:
    (node,) = [t for t in fig.axes[0].texts
               if t.get_text() == text and t.get_gid().startswith("mlcalc_graph_")]
    return node.get_position()


def _torch_example():
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    z = x * y + torch.sin(x)
    return x, y, z


# ------------------------------------------------------------------------------------------
# plot_computational_graph: PyTorch


def test_torch_graph_has_one_box_per_grad_fn_and_one_arrow_per_link():
    x, y, z = _torch_example()
    fig = plot_computational_graph(z, names={"x": x, "y": y, "z": z})
    assert isinstance(fig, Figure)
    assert _texts(fig, "mlcalc_graph_input") == ["x = 2\nAccumulateGrad", "y = 3\nAccumulateGrad"]
    assert _texts(fig, "mlcalc_graph_operation") == ["MulBackward0", "SinBackward0"]
    assert _texts(fig, "mlcalc_graph_output") == ["z\nAddBackward0"]
    # Add <- Mul, Add <- Sin, Mul <- x, Mul <- y, Sin <- x
    assert _count(fig, "mlcalc_graph_edge") == 5
    assert _count(fig, "mlcalc_graph_edge_label") == 0  # PyTorch records no local derivatives


def test_torch_graph_matches_next_functions():
    x, y, z = _torch_example()
    links = [parent for parent, _ in z.grad_fn.next_functions]
    links += [p for node in links for p, _ in node.next_functions]
    fig = plot_computational_graph(z)
    assert _count(fig, "mlcalc_graph_edge") == len(links)
    assert _texts(fig, "mlcalc_graph_input") == ["leaf = 2\nAccumulateGrad",
                                                 "leaf = 3\nAccumulateGrad"]


def test_torch_layers_put_inputs_left_and_output_right():
    x, y, z = _torch_example()
    fig = plot_computational_graph(z, names={"x": x, "y": y, "z": z})
    x_leaf = _node_position(fig, "x = 2\nAccumulateGrad")
    mul = _node_position(fig, "MulBackward0")
    add = _node_position(fig, "z\nAddBackward0")
    assert x_leaf[0] < mul[0] < add[0]


def test_torch_constants_are_not_drawn_and_vector_leaves_have_no_value():
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    out = (w**2).sum() * 0.5 + 1.0
    fig = plot_computational_graph(out, names={"w": w})
    assert _texts(fig, "mlcalc_graph_input") == ["w\nAccumulateGrad"]
    assert _texts(fig, "mlcalc_graph_operation") == ["MulBackward0", "PowBackward0", "SumBackward0"]
    assert _count(fig, "mlcalc_graph_edge") == 4


def test_torch_named_intermediate_tensor_labels_its_node():
    x = torch.tensor(1.5, requires_grad=True)
    u = x * x
    out = torch.exp(u)
    fig = plot_computational_graph(out, names={"u": u})
    assert _texts(fig, "mlcalc_graph_operation") == ["u\nMulBackward0"]


def test_backward_direction_reverses_every_arrow():
    x, y, z = _torch_example()

    def arrows(direction):
        fig = plot_computational_graph(z, direction=direction)
        return sorted((t.xy, t.xyann) for t in fig.axes[0].texts
                      if t.get_gid() == "mlcalc_graph_edge")

    forward, backward = arrows("forward"), arrows("backward")
    assert sorted((b, a) for a, b in forward) == backward
    # forward arrows point right (towards the output), backward ones left
    assert all(end[0] > start[0] for end, start in forward)


def test_torch_tensor_without_graph_is_refused():
    leaf = torch.tensor(1.0, requires_grad=True)
    with pytest.raises(ValueError, match="output has no grad_fn to draw: it is a leaf tensor"):
        plot_computational_graph(leaf)
    with pytest.raises(ValueError, match=r"output has no grad_fn to draw: it was computed "
                                         r"without recording a graph \(no input had "
                                         r"requires_grad=True, or it ran under "
                                         r"torch\.no_grad\(\) or was detached\)"):
        plot_computational_graph(torch.tensor(1.0) * 2)
    with torch.no_grad():
        detached = leaf * 2
    with pytest.raises(ValueError, match="output has no grad_fn to draw: it was computed without"):
        plot_computational_graph(detached)
    assert plt.get_fignums() == []  # no empty figure left behind


# ------------------------------------------------------------------------------------------
# plot_computational_graph: mlcalc.autodiff.Var


def test_var_graph_labels_operations_values_and_local_derivatives():
    x, y = Var(2.0), Var(3.0)
    z = x * y + sin(x)
    fig = plot_computational_graph(z, names={"x": x, "y": y, "z": z})
    assert _texts(fig, "mlcalc_graph_input") == ["x = 2", "y = 3"]
    assert _texts(fig, "mlcalc_graph_operation") == ["sin\n0.9093", "×\n6"]
    assert _texts(fig, "mlcalc_graph_output") == ["+\nz = 6.909"]
    # d(xy)/dx = y = 3, d(xy)/dy = x = 2, d(sin x)/dx = cos 2, and 1, 1 into the sum
    assert _texts(fig, "mlcalc_graph_edge_label") == sorted(
        ["3", "2", f"{np.cos(2.0):.4g}", "1", "1"])


def test_var_graph_agrees_with_torch_graph_shape():
    x, y = Var(2.0), Var(3.0)
    fig_var = plot_computational_graph(x * y + sin(x))
    fig_torch = plot_computational_graph(_torch_example()[2])
    for gid in ("mlcalc_graph_input", "mlcalc_graph_operation", "mlcalc_graph_edge"):
        assert _count(fig_var, gid) == _count(fig_torch, gid)


@pytest.mark.parametrize(
    ("make", "operation"),
    [
        (lambda x, y: x + y, "+"),
        (lambda x, y: x - y, "−"),
        (lambda x, y: 2.0 - x, "−"),
        (lambda x, y: x * y, "×"),
        (lambda x, y: x * 3.0, "×"),
        (lambda x, y: x / y, "÷"),
        (lambda x, y: x**2, "**"),
        (lambda x, y: x**y, "**"),
        (lambda x, y: -x, "−"),
        (lambda x, y: exp(x), "exp"),
        (lambda x, y: log(y), "log"),
        (lambda x, y: tanh(x), "tanh"),
        (lambda x, y: sigmoid(y), "sigmoid"),
        (lambda x, y: sin(x), "sin"),
    ],
)
def test_every_operation_of_var_is_named_on_its_node(make, operation):
    x, y = Var(1.5), Var(2.5)
    out = make(x, y)
    fig = plot_computational_graph(out)
    (label,) = _texts(fig, "mlcalc_graph_output")
    assert label == f"{operation}\n{out.value:.4g}"


def test_same_values_different_operations_are_told_apart():
    x, y = Var(2.0), Var(2.0)  # 2 + 2 == 2 * 2, but the local derivatives differ
    assert _texts(plot_computational_graph(x + y), "mlcalc_graph_output") == ["+\n4"]
    assert _texts(plot_computational_graph(x * y), "mlcalc_graph_output") == ["×\n4"]


def test_a_node_made_by_no_known_operation_shows_its_value_only():
    x = Var(2.0)
    odd = Var(7.0, [(x, 0.5)])  # a hand-made node: no operation of Var gives 7 and 0.5
    assert _texts(plot_computational_graph(odd), "mlcalc_graph_output") == ["7"]


@pytest.mark.parametrize(
    ("make", "operation"),
    [
        (lambda: Var(1.0) * Var(2.5), "×"),  # ∂/∂y of x·y is x = 1, as for x + y
        (lambda: sin(Var(0.0)), "sin"),  # sin 0 = -0, as for -x
        (lambda: sin(Var(math.pi)), "sin"),  # local derivative cos π = -1, as for -x
        (lambda: sin(Var(-1.0)), "sin"),  # log, tried before sin, is undefined at -1
        (lambda: cos(Var(-1.0)), "cos"),
        (lambda: Var(2.0) ** Var(0.0), "**"),  # x ÷ y, tried before **, is undefined at y = 0
    ],
)
def test_operations_are_named_where_values_or_derivatives_coincide(make, operation):
    """The operation is read back from value and local derivatives; a coincidence in one of
    them, or an operation undefined at these values, does not change the name."""
    out = make()
    (label,) = _texts(plot_computational_graph(out), "mlcalc_graph_output")
    assert label == f"{operation}\n{out.value:.4g}"


def test_a_nan_in_the_graph_still_names_its_operations():
    """A diverged computation (NaN values) still draws, with every operation named."""
    x, one = Var(math.nan), Var(1.0)
    fig = plot_computational_graph(exp(x * one))
    assert _texts(fig, "mlcalc_graph_operation") == ["×\nnan"]
    assert _texts(fig, "mlcalc_graph_output") == ["exp\nnan"]


def _css_px(fig: Figure, text) -> float:
    """Height of ``text``'s font in CSS px once the SVG figure is scaled to the page width."""
    width_px = fig.get_figwidth() * 96
    return text.get_fontsize() * 96 / 72 * min(1.0, 676 / width_px)


@pytest.mark.parametrize("depth", [1, 3, 12])
def test_labels_are_legible_at_page_width(depth):
    x = Var(0.5)
    out = x
    for _ in range(depth):
        out = sin(out) * x + x
    fig = plot_computational_graph(out, names={"x": x})
    texts = [t for t in fig.axes[0].texts if t.get_text()]
    assert texts and min(_css_px(fig, t) for t in texts) >= 9.0


def test_a_wide_graph_gets_larger_fonts_than_a_narrow_one():
    x = Var(0.5)
    narrow = plot_computational_graph(sin(x))
    deep = x
    for _ in range(12):
        deep = sin(deep)
    wide = plot_computational_graph(deep)
    size = lambda fig: max(t.get_fontsize() for t in fig.axes[0].texts if t.get_text())
    assert wide.get_figwidth() > narrow.get_figwidth()
    assert size(wide) > size(narrow) == 10.0


def test_var_used_twice_gets_one_box_and_two_arrows():
    x = Var(3.0)
    fig = plot_computational_graph(x * x, names={"x": x})
    assert _texts(fig, "mlcalc_graph_input") == ["x = 3"]
    assert _count(fig, "mlcalc_graph_edge") == 2


def test_draws_into_given_axes():
    fig, ax = plt.subplots()
    x = Var(1.0)
    assert plot_computational_graph(sin(x), ax=ax) is fig
    assert not ax.axison


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"output": 3.0}, TypeError, "output must be a PyTorch tensor"),
        ({"output": np.ones(2)}, TypeError, "output must be"),
        ({"output": Var(1.0), "names": ["x"]}, TypeError,
         r"^names must be a mapping from a name to a tensor or Var, such as \{'x': x\}; "
         r"got list$"),
        ({"output": Var(1.0), "names": {1: Var(1.0)}}, TypeError,
         "names must have str keys; got the key 1"),
        ({"output": Var(1.0), "direction": "sideways"}, ValueError, "direction"),
        ({"output": Var(1.0), "ax": "axes"}, TypeError, "ax must be"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_computational_graph(**kwargs)
    assert plt.get_fignums() == []


def test_a_var_graph_does_not_import_torch():
    probe = (
        "import sys, matplotlib; matplotlib.use('Agg');"
        "from mlcalc.autodiff import Var; from mlcalc.plotting import plot_computational_graph;"
        "x = Var(2.0); plot_computational_graph(x * x);"
        "print('torch' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip() == "False"


# ------------------------------------------------------------------------------------------
# plot_computational_graph: what the figure shows, read back from the drawing


def _nodes(fig: Figure) -> list:
    return [t for t in fig.axes[0].texts
            if t.get_gid() in ("mlcalc_graph_input", "mlcalc_graph_operation",
                               "mlcalc_graph_output")]


def _edges(fig: Figure) -> list[tuple]:
    """Each arrow with its label (None for a PyTorch graph): a label follows its arrow."""
    texts = [t for t in fig.axes[0].texts
             if t.get_gid() in ("mlcalc_graph_edge", "mlcalc_graph_edge_label")]
    pairs = []
    for t in texts:
        if t.get_gid() == "mlcalc_graph_edge":
            pairs.append([t, None])
        else:
            pairs[-1][1] = t
    return [tuple(pair) for pair in pairs]


def _links(fig: Figure) -> list[tuple]:
    """``(source position, target position)`` of every edge of a graph drawn forward."""
    return [(tuple(arrow.xyann), tuple(arrow.xy)) for arrow, _ in _edges(fig)]


_EXPRESSIONS = {
    "x*y + sin x": lambda: (lambda x, y: x * y + sin(x))(Var(2.0), Var(3.0)),
    "sin x + x": lambda: (lambda x: sin(x) + x)(Var(0.5)),
    "sin(sin x) + x": lambda: (lambda x: sin(sin(x)) + x)(Var(0.5)),
    "a*b + c*d": lambda: (lambda a, b, c, d: a * b + c * d)(Var(1.0), Var(2.0), Var(3.0),
                                                               Var(4.0)),
    "x*x": lambda: (lambda x: x * x)(Var(3.0)),
    "a chain of 5 sin": lambda: sin(sin(sin(sin(sin(Var(0.3)))))),
    "3 layers": lambda: (lambda x: sin(tanh(x) * x + x) * exp(x))(Var(0.4)),
    "sin(sin x) + x*y": lambda: (lambda x, y: sin(sin(x)) + x * y)(Var(0.5), Var(2.0)),
    "x*y + sin(sin x)": lambda: (lambda x, y: x * y + sin(sin(x)))(Var(0.5), Var(2.0)),
    "x*y + sin(sin(sin x))": lambda: (lambda x, y: x * y + sin(sin(sin(x))))(Var(0.5),
                                                                            Var(2.0)),
    "x*y + z*sin(sin x)": lambda: (lambda x, y, z: x * y + z * sin(sin(x)))(Var(0.5), Var(2.0),
                                                                            Var(1.5)),
}


@pytest.mark.parametrize("make", _EXPRESSIONS.values(), ids=_EXPRESSIONS.keys())
def test_layout_puts_inputs_left_of_their_consumers_in_consecutive_columns(make):
    """Every arrow points right; the columns are 0, 1, 2, ... with none empty; the output is
    alone in the last one; no two boxes share a place."""
    fig = plot_computational_graph(make())
    places = [tuple(node.get_position()) for node in _nodes(fig)]
    assert len(set(places)) == len(places)
    assert all(source[0] < target[0] for source, target in _links(fig))
    columns = sorted({x for x, _ in places})
    assert columns == list(range(len(columns)))
    (output,) = [node for node in _nodes(fig) if node.get_gid() == "mlcalc_graph_output"]
    assert [x for x, _ in places].count(columns[-1]) == 1
    assert output.get_position()[0] == columns[-1]


def test_each_node_stands_one_column_left_of_its_first_use():
    """In a*b + sin(sin c), a and b stand next to their product, not in c's column."""
    a, b, c = Var(1.0), Var(2.0), Var(3.0)
    fig = plot_computational_graph(a * b + sin(sin(c)), names={"a": a, "b": b, "c": c})
    assert _node_position(fig, "c = 3")[0] == 0.0
    assert _node_position(fig, "a = 1")[0] == _node_position(fig, "b = 2")[0] == 1.0
    assert _node_position(fig, "×\n2")[0] == 2.0


@pytest.mark.parametrize("make", _EXPRESSIONS.values(), ids=_EXPRESSIONS.keys())
def test_each_column_is_centred_with_its_boxes_one_row_apart(make):
    fig = plot_computational_graph(make())
    places = [tuple(node.get_position()) for node in _nodes(fig)]
    for column in {x for x, _ in places}:
        rows = sorted((y for x, y in places if x == column), reverse=True)
        assert rows == [(len(rows) - 1) / 2 - k for k in range(len(rows))]


def _crossings(fig: Figure) -> int:
    """Pairs of straight arrows between the same two columns that cross."""
    links = [(s, t) for s, t in _links(fig) if t[0] - s[0] == 1]
    return sum((s1[1] - s2[1]) * (t1[1] - t2[1]) < 0
               for i, (s1, t1) in enumerate(links) for s2, t2 in links[i + 1:]
               if s1[0] == s2[0])


@pytest.mark.parametrize("name", ["x*y + sin x", "a*b + c*d", "3 layers"])
def test_inputs_are_ordered_so_that_no_arrows_cross(name):
    """Rows follow the consumers' rows: these graphs are drawn without a crossing."""
    assert _crossings(plot_computational_graph(_EXPRESSIONS[name]())) == 0


def test_the_var_graph_and_the_torch_graph_of_one_expression_look_alike():
    """x*y + sin x drawn from a Var and from a PyTorch tensor: the same boxes in the same
    places, the same arrows."""
    fig_var = plot_computational_graph(_EXPRESSIONS["x*y + sin x"]())
    fig_torch = plot_computational_graph(_torch_example()[2])
    for gid in ("mlcalc_graph_input", "mlcalc_graph_operation", "mlcalc_graph_output"):
        assert (sorted(tuple(t.get_position()) for t in _nodes(fig_var) if t.get_gid() == gid)
                == sorted(tuple(t.get_position()) for t in _nodes(fig_torch)
                          if t.get_gid() == gid))
    assert sorted(_links(fig_var)) == sorted(_links(fig_torch))


def test_drawing_a_graph_gives_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plot_computational_graph(_EXPRESSIONS["3 layers"]())


def test_boxes_are_coloured_by_role_from_the_book_palette():
    """Inputs sky blue, operations orange, the output green, each with a black border."""
    fig = plot_computational_graph(_EXPRESSIONS["x*y + sin x"]())
    fill = {"mlcalc_graph_input": "sky", "mlcalc_graph_operation": "orange",
            "mlcalc_graph_output": "green"}
    for node in _nodes(fig):
        box = node.get_bbox_patch()
        assert same_color(box.get_facecolor()[:3], PALETTE[fill[node.get_gid()]])
        assert same_color(box.get_edgecolor()[:3], PALETTE["black"])


def _extent(fig: Figure, artist):
    return artist.get_window_extent(fig.canvas.get_renderer())


@pytest.mark.parametrize("direction", ["forward", "backward"])
@pytest.mark.parametrize("name", ["x*y + sin x", "sin x + x", "sin(sin x) + x"])
def test_boxes_and_edge_labels_are_centred_on_their_places(name, direction):
    fig = plot_computational_graph(_EXPRESSIONS[name](), direction=direction)
    fig.canvas.draw()
    to_pixels = fig.axes[0].transData.transform
    labels = [label for _, label in _edges(fig)]
    for text in _nodes(fig) + labels:
        box = _extent(fig, text.get_bbox_patch())
        centre = to_pixels(text.get_position())
        assert (box.x0 + box.x1) / 2 == pytest.approx(centre[0], abs=1.0)
        assert (box.y0 + box.y1) / 2 == pytest.approx(centre[1], abs=1.0)


def _arrow_points(fig: Figure, arrow) -> np.ndarray:
    """Points along the drawn arrow (shaft and head) a pixel or less apart, in pixels."""
    points = []
    for polygon in arrow.arrow_patch.get_path().to_polygons(closed_only=False):
        for a, b in zip(polygon[:-1], polygon[1:]):
            steps = int(np.ceil(np.hypot(*(b - a)))) + 1
            points.append(a + np.linspace(0.0, 1.0, steps)[:, None] * (b - a))
    return np.concatenate(points)


def _gap(box, points: np.ndarray) -> float:
    """Distance in pixels from the box to the nearest of ``points``."""
    dx = np.maximum(0.0, np.maximum(box.x0 - points[:, 0], points[:, 0] - box.x1))
    dy = np.maximum(0.0, np.maximum(box.y0 - points[:, 1], points[:, 1] - box.y1))
    return float(np.min(np.hypot(dx, dy)))


@pytest.mark.parametrize("direction", ["forward", "backward"])
@pytest.mark.parametrize("name", ["x*y + sin x", "sin x + x", "sin(sin x) + x",
                                  "sin(sin x) + x*y", "x*y + sin(sin x)",
                                  "x*y + sin(sin(sin x))", "x*y + z*sin(sin x)"])
def test_every_arrow_runs_between_its_two_boxes_and_around_the_others(name, direction):
    """An arrow starts and ends within a few pixels of the boxes it joins; an arrow between
    neighbouring columns is straight; a longer one bends round the boxes in between (to the
    side with more room), and stays in the figure."""
    fig = plot_computational_graph(_EXPRESSIONS[name](), direction=direction)
    fig.canvas.draw()
    ax = fig.axes[0]
    box_at = {tuple(node.get_position()): _extent(fig, node.get_bbox_patch())
              for node in _nodes(fig)}
    inside = fig.bbox
    for arrow, _ in _edges(fig):
        start, end = tuple(arrow.xyann), tuple(arrow.xy)
        points = _arrow_points(fig, arrow)
        assert _gap(box_at[start], points) < 8.0 and _gap(box_at[end], points) < 8.0
        for place, box in box_at.items():
            if place not in (start, end):
                assert _gap(box, points) > 2.0
        assert inside.contains(*points.min(axis=0)) and inside.contains(*points.max(axis=0))
        if abs(end[0] - start[0]) == 1:  # straight: within the head's half width of the line
            (x0, y0), (x1, y1) = ax.transData.transform([start, end])
            off = np.abs((x1 - x0) * (points[:, 1] - y0) - (y1 - y0) * (points[:, 0] - x0))
            assert np.max(off / np.hypot(x1 - x0, y1 - y0)) < 4.0


@pytest.mark.parametrize("direction", ["forward", "backward"])
@pytest.mark.parametrize("name", ["x*y + sin x", "sin x + x", "sin(sin x) + x", "3 layers",
                                  "sin(sin x) + x*y", "x*y + sin(sin x)",
                                  "x*y + sin(sin(sin x))", "x*y + z*sin(sin x)"])
def test_edge_labels_sit_on_their_arrows_and_cover_no_box(name, direction):
    """The local derivative is written on the middle of its arrow (on the arrow, as far from
    the box it leaves as from the box it reaches), also on a bent arrow, and never over a box."""
    fig = plot_computational_graph(_EXPRESSIONS[name](), direction=direction)
    fig.canvas.draw()
    to_pixels = fig.axes[0].transData.transform
    boxes = [_extent(fig, node.get_bbox_patch()) for node in _nodes(fig)]
    for arrow, label in _edges(fig):
        centre = to_pixels(label.get_position())
        assert np.min(np.hypot(*(_arrow_points(fig, arrow) - centre).T)) < 3.0
        start, end = to_pixels([arrow.xyann, arrow.xy])
        assert np.hypot(*(centre - start)) == pytest.approx(np.hypot(*(centre - end)), abs=0.5)
        extent = _extent(fig, label.get_bbox_patch())
        assert not any(extent.overlaps(box) for box in boxes)


@pytest.mark.parametrize("name", ["sin x + x", "sin(sin x) + x*y", "3 layers"])
def test_backward_arrows_follow_the_same_curves_as_forward_ones(name):
    """Only the arrowheads turn round: every label (on its arrow's middle) stays in place."""
    def places(direction):
        fig = plot_computational_graph(_EXPRESSIONS[name](), direction=direction)
        return sorted(tuple(np.round(label.get_position(), 6)) for _, label in _edges(fig))

    assert np.allclose(places("forward"), places("backward"))


def test_edge_labels_are_vermillion_on_white_drawn_over_the_arrows():
    """The number hides the arrow under it (a white background, drawn after every arrow)."""
    fig = plot_computational_graph(_EXPRESSIONS["x*y + sin x"]())
    edges = _edges(fig)
    top_arrow = max(arrow.get_zorder() for arrow, _ in edges)
    for _, label in edges:
        assert same_color(label.get_color(), PALETTE["vermillion"])
        assert same_color(label.get_bbox_patch().get_facecolor()[:3], "white")
        assert label.get_zorder() > top_arrow


def test_edge_labels_are_a_point_smaller_than_node_labels():
    """On a figure narrower than the page: 10-point boxes, 9-point local derivatives."""
    fig = plot_computational_graph(_EXPRESSIONS["x*y + sin x"]())
    assert {t.get_fontsize() for t in _nodes(fig)} == {10.0}
    assert {label.get_fontsize() for _, label in _edges(fig)} == {9.0}


def test_a_wide_graph_gets_fonts_only_as_large_as_needed():
    """The labels of a graph wider than the page grow to 9 CSS px, rounded up to a tenth of a
    point, and no further."""
    deep = Var(0.5)
    for _ in range(12):
        deep = sin(deep)
    fig = plot_computational_graph(deep)
    for text in _nodes(fig) + [label for _, label in _edges(fig)]:
        assert _css_px(fig, text) >= 9.0
        assert _css_px(fig, text) * (text.get_fontsize() - 0.1) / text.get_fontsize() < 9.0


@pytest.mark.parametrize("name", ["x*y + sin x", "sin(sin x) + x", "a*b + c*d", "3 layers"])
def test_the_view_holds_every_box_and_centres_the_graph(name):
    """Drawn into axes among others, the graph stays inside its axes, with equal margins on
    the left and right, and at the top and bottom."""
    fig, (left, ax, right) = plt.subplots(1, 3, figsize=(14, 4))
    plot_computational_graph(_EXPRESSIONS[name](), ax=ax)
    fig.canvas.draw()
    inside = ax.get_window_extent(fig.canvas.get_renderer())
    places = np.array([node.get_position() for node in ax.texts
                       if node.get_gid() in ("mlcalc_graph_input", "mlcalc_graph_operation",
                                             "mlcalc_graph_output")])
    for node in _nodes(fig):
        box = _extent(fig, node.get_bbox_patch())
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1
        assert inside.y0 <= box.y0 and box.y1 <= inside.y1
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert places[:, 0].min() - x0 == pytest.approx(x1 - places[:, 0].max())
    assert places[:, 1].min() - y0 == pytest.approx(y1 - places[:, 1].max())
