"""Tests of mlcalc.plotting.graphs: plot_computational_graph, from a PyTorch grad_fn chain or
from an mlcalc.autodiff.Var; both are walked by mlcalc.autodiff.topological_order."""

from __future__ import annotations

import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from mlcalc.autodiff import Var, exp, log, sigmoid, sin, tanh
from mlcalc.plotting import plot_computational_graph

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
    with pytest.raises(ValueError, match="leaf tensor"):
        plot_computational_graph(leaf)
    with pytest.raises(ValueError, match="requires_grad"):
        plot_computational_graph(torch.tensor(1.0) * 2)
    with torch.no_grad():
        detached = leaf * 2
    with pytest.raises(ValueError, match="grad_fn"):
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
        ({"output": Var(1.0), "names": ["x"]}, TypeError, "names must be a mapping"),
        ({"output": Var(1.0), "names": {1: Var(1.0)}}, TypeError, "str keys"),
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
