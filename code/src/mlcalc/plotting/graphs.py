"""Computational graphs: the graph behind a PyTorch tensor or an :class:`mlcalc.autodiff.Var`,
found with the one graph walk of the package, :func:`mlcalc.autodiff.topological_order`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._checks import check_choice
from ._shared import _axes, _check_axes, _close_on_error, _figure_of
from .style import PALETTE


_GRAPH_DIRECTIONS = ("forward", "backward")
# Legibility on the site: an SVG figure is drawn at 96 CSS px per inch and, when wider than the
# page's content column (676 CSS px in a 1280 px wide window), scaled down to fit it.  Labels are
# set large enough to stay at least 9 CSS px tall after that scaling.
_PAGE_WIDTH_PX = 676.0
_MIN_LABEL_PX = 9.0
_CSS_PX_PER_INCH, _POINTS_PER_INCH = 96.0, 72.0
_GRAPH_FILL = {"input": PALETTE["sky"], "operation": PALETTE["orange"], "output": PALETTE["green"]}


def _graph_names(names: Any) -> dict[str, Any]:
    if names is None:
        return {}
    if not isinstance(names, Mapping):
        raise TypeError(
            "names must be a mapping from a name to a tensor or Var, such as {'x': x}; "
            f"got {type(names).__name__}"
        )
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"names must have str keys; got the key {name!r}")
    return dict(names)


def _short_number(value: float) -> str:
    return f"{value:.4g}"


def _nodes_and_edges(output: Any, inputs_of: Callable[[Any], list[tuple[Any, Any]]]) -> tuple:
    """The nodes that lead to ``output`` in topological order (inputs first, ``output`` last) and
    the edges ``(input, consumer, label)`` between their indices; ``inputs_of(node)`` lists
    ``(input node, edge label)`` pairs.  The walk is :func:`mlcalc.autodiff.topological_order`."""
    from ..autodiff import topological_order  # not at import: plotting alone needs no SymPy

    nodes = topological_order(output, lambda node: [parent for parent, _ in inputs_of(node)])
    index = {id(node): i for i, node in enumerate(nodes)}
    edges = [(index[id(parent)], index[id(node)], label)
             for node in nodes for parent, label in inputs_of(node)]
    return nodes, edges


def _torch_graph(output: Any, names: dict[str, Any]) -> tuple[list[str], list[tuple]]:
    """Labels and edges of the ``grad_fn`` graph behind the tensor ``output``."""
    import torch  # lazily: only a PyTorch graph needs PyTorch

    if output.grad_fn is None:
        reason = ("it is a leaf tensor" if output.requires_grad else
                  "it was computed without recording a graph (no input had requires_grad=True,"
                  " or it ran under torch.no_grad() or was detached)")
        raise ValueError(f"output has no grad_fn to draw: {reason}")
    # Hold every grad_fn of a named tensor, so its Python wrapper (and its id) stays the same.
    named = [(value.grad_fn if isinstance(value, torch.Tensor) and value.grad_fn is not None
              else value, name) for name, value in names.items()]
    name_of = {id(node): name for node, name in named}

    def inputs_of(function: Any) -> list[tuple[Any, None]]:
        return [(parent, None) for parent, _ in function.next_functions if parent is not None]

    nodes, edges = _nodes_and_edges(output.grad_fn, inputs_of)
    labels = []
    for function in nodes:
        variable = getattr(function, "variable", None)  # AccumulateGrad: the leaf tensor
        if isinstance(variable, torch.Tensor):
            name = name_of.get(id(variable), "leaf")
            if variable.numel() == 1:
                name += f" = {_short_number(float(variable.detach().reshape(())))}"
            labels.append(f"{name}\nAccumulateGrad")
        else:
            kind = type(function).__name__
            name = name_of.get(id(function))
            labels.append(kind if name is None else f"{name}\n{kind}")
    return labels, edges


def _same(found: float, expected: float) -> bool:
    return found == expected or (math.isnan(found) and math.isnan(expected))


def _var_operation(var: Any) -> str | None:
    """The operation that made ``var``, read back from its value and local derivatives.

    A ``Var`` keeps its parents and their local derivatives, not the name of the operation, so
    each operation of :class:`mlcalc.autodiff.Var` is recomputed from the parents' values the way
    ``Var`` computes it; the first that gives the same value and the same local derivatives,
    exactly, names the node.  ``None`` if none does (a node made some other way)."""
    from ..autodiff.forward import _power_rule
    from ..autodiff.functions import _FLOAT_SLOPE, _FLOAT_VALUE

    if len(var.parents) == 2:
        (a, d_a), (b, d_b) = var.parents
        x, y = a.value, b.value
        candidates = [("+", lambda: (x + y, 1.0, 1.0)), ("−", lambda: (x - y, 1.0, -1.0)),
                      ("×", lambda: (x * y, y, x)),
                      ("÷", lambda: (x / y, 1.0 / y, -(x / y) / y)),
                      ("**", lambda: _power_rule(x, y, True, True)),
                      ("**", lambda: _power_rule(x, y, True, False))]
        for symbol, compute in candidates:
            try:
                value, slope_a, slope_b = compute()
            except (ArithmeticError, ValueError):
                continue
            if _same(var.value, value) and _same(d_a, slope_a) and _same(d_b, slope_b):
                return symbol
        return None
    if len(var.parents) == 1:
        (a, d_a), = var.parents
        if var.value == -a.value and d_a == -1.0:
            return "−"
        for name, function in _FLOAT_VALUE.items():
            try:
                value = function(a.value)
                slope = _FLOAT_SLOPE[name](a.value, value)
            except (ArithmeticError, ValueError):
                continue
            if _same(var.value, value) and _same(d_a, slope):
                return name
    return None


def _var_graph(output: Any, names: dict[str, Any]) -> tuple[list[str], list[tuple]]:
    """Labels and edges (with local derivatives) of the graph behind an ``mlcalc.autodiff.Var``.

    An input shows its value (and name); every other node shows its operation above its value."""
    name_of = {id(value): name for name, value in names.items()}
    nodes, edges = _nodes_and_edges(
        output, lambda var: [(parent, _short_number(slope)) for parent, slope in var.parents]
    )
    labels = []
    for var in nodes:
        value = _short_number(var.value)
        label = f"{name_of[id(var)]} = {value}" if id(var) in name_of else value
        operation = _var_operation(var) if var.parents else None
        labels.append(label if operation is None else f"{operation}\n{label}")
    return labels, edges


def _legible_size(figure: Figure, size: float) -> float:
    """``size`` in points, raised if needed so the text is at least ``_MIN_LABEL_PX`` CSS px tall
    when ``figure`` is scaled to the page's content width."""
    width_px = figure.get_figwidth() * _CSS_PX_PER_INCH
    scale = min(1.0, _PAGE_WIDTH_PX / width_px)
    needed = _MIN_LABEL_PX / scale * _POINTS_PER_INCH / _CSS_PX_PER_INCH
    return max(size, math.ceil(needed * 10) / 10)


def _graph_layout(count: int, edges: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
    """Column and row of each node: inputs on the left, the output (the last node) alone on the
    right.  The nodes are numbered in topological order (each after its inputs).

    A node's column is set by its longest path to the output, so every edge points right; rows
    follow the mean row of the node's consumers, which keeps crossings few."""
    consumers: list[list[int]] = [[] for _ in range(count)]
    inputs: list[list[int]] = [[] for _ in range(count)]
    for source, target, _ in edges:
        consumers[source].append(target)
        inputs[target].append(source)
    depth = np.zeros(count, dtype=int)
    for node in reversed(range(count)):  # consumers first: the longest path to the output
        for parent in inputs[node]:
            depth[parent] = max(depth[parent], depth[node] + 1)
    column = depth.max() - depth
    row = np.zeros(count)
    for level in range(int(depth.max()) + 1):
        members = [node for node in range(count) if depth[node] == level]
        wanted = [-np.mean([row[c] for c in consumers[node]]) if consumers[node] else 0.0
                  for node in members]
        ranked = [node for _, _, node in sorted(zip(wanted, range(len(members)), members))]
        for k, node in enumerate(ranked):
            row[node] = (len(ranked) - 1) / 2 - k
    return column.astype(float), row


def _arc(ax: Axes, start: tuple[float, float], end: tuple[float, float], bend: float,
         at: np.ndarray) -> np.ndarray:
    """Points, in display coordinates, at the fractions ``at`` along the arrow from ``start``
    to ``end`` (data coordinates) drawn with ``connectionstyle=f"arc3,rad={bend}"``.

    matplotlib bends that arrow in display space, as a quadratic Bézier curve whose control
    point lies ``bend`` times the arrow's length to the right of the straight line.  Computed
    for the axes' size when called."""
    (x1, y1), (x2, y2) = ax.transData.transform([start, end])
    control = ((x1 + x2) / 2 + bend * (y2 - y1), (y1 + y2) / 2 - bend * (x2 - x1))
    t = np.asarray(at, dtype=float)[:, None]
    return ((1 - t) ** 2 * np.array([x1, y1]) + 2 * t * (1 - t) * np.array(control)
            + t**2 * np.array([x2, y2]))


def _arc_middle(ax: Axes, start: tuple[float, float], end: tuple[float, float],
                bend: float) -> np.ndarray:
    """The middle of that arrow, in data coordinates."""
    return ax.transData.inverted().transform(_arc(ax, start, end, bend, np.array([0.5]))[0])


def _bend(ax: Axes, column: np.ndarray, row: np.ndarray, source: int, target: int) -> float:
    """The ``rad`` of the arrow from ``source`` to ``target``: 0 (straight) between neighbouring
    columns; across more, 0.25 to whichever side keeps the arc farther from the centres of
    the other boxes (the first side on a tie)."""
    start, end = (column[source], row[source]), (column[target], row[target])
    if abs(end[0] - start[0]) <= 1:
        return 0.0
    others = ax.transData.transform([(c, r) for node, (c, r) in enumerate(zip(column, row))
                                     if node not in (source, target)])

    def clearance(bend: float) -> float:
        points = _arc(ax, start, end, bend, np.linspace(0.1, 0.9, 17))
        return float(np.min(np.hypot(*(others[:, None, :] - points[None, :, :]).T)))

    return max((0.25, -0.25), key=clearance)


def _draw_graph(ax: Axes, labels: list[str], edges: list[tuple], direction: str) -> None:
    column, row = _graph_layout(len(labels), edges)
    # the view first: an edge label is placed on its arrow in display space
    ax.set_xlim(column.min() - 0.55, column.max() + 0.55)
    ax.set_ylim(row.min() - 0.6, row.max() + 0.6)
    ax.axis("off")
    has_input = {target for _, target, _ in edges}
    figure = _figure_of(ax)
    node_size, edge_size = _legible_size(figure, 10.0), _legible_size(figure, 9.0)
    boxes = []
    for node, label in enumerate(labels):
        kind = "output" if node == len(labels) - 1 else "operation" if node in has_input else "input"
        box = ax.text(column[node], row[node], label, ha="center", va="center",
                      fontsize=node_size, zorder=3, gid=f"mlcalc_graph_{kind}",
                      bbox={"boxstyle": "round,pad=0.45", "facecolor": _GRAPH_FILL[kind],
                            "edgecolor": PALETTE["black"], "alpha": 0.95, "linewidth": 1.0})
        boxes.append(box)
    for source, target, label in edges:
        start, end = (source, target) if direction == "forward" else (target, source)
        bend = _bend(ax, column, row, source, target)
        if direction == "backward":
            bend = -bend  # the same curve, walked from the other end
        arrow = ax.annotate(
            "", xy=(column[end], row[end]), xytext=(column[start], row[start]), zorder=4,
            arrowprops={"arrowstyle": "-|>", "color": "0.25", "lw": 1.3, "shrinkA": 2,
                        "shrinkB": 2, "mutation_scale": 14,
                        "patchA": boxes[start].get_bbox_patch(),
                        "patchB": boxes[end].get_bbox_patch(),
                        "connectionstyle": f"arc3,rad={bend}"})
        arrow.set_gid("mlcalc_graph_edge")
        if label is not None:  # on the arrow's middle, so a bent arrow's label misses the boxes
            middle = _arc_middle(ax, (column[start], row[start]), (column[end], row[end]), bend)
            ax.text(*middle, label, ha="center", va="center", fontsize=edge_size,
                    color=PALETTE["vermillion"], zorder=5, gid="mlcalc_graph_edge_label",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.9})


@_close_on_error
def plot_computational_graph(
    output: Any,
    *,
    names: Mapping[str, Any] | None = None,
    direction: str = "forward",
    ax: Axes | None = None,
) -> Figure:
    """Draw the computational graph behind a PyTorch tensor or an ``mlcalc.autodiff.Var``.

    Nodes are labelled boxes laid out in columns: the output alone on the right, every other
    node one column left of the leftmost node that uses it, so every arrow points right and
    the inputs (leaves) stand on the left, each next to where it is used.  An arrow that
    skips columns bends away from the nearest other box, and a local derivative is written
    on the middle of its arrow.  Inputs are blue, operations orange and the output green.
    Only matplotlib is used (no graphviz).

    * A PyTorch tensor: the nodes are the ``grad_fn`` objects that the forward pass recorded
      (``MulBackward0``, ``SinBackward0``, ...), found by following ``next_functions``; a leaf
      tensor with ``requires_grad=True`` appears as its ``AccumulateGrad`` node.  Inputs that
      do not require grad (constants) are not drawn, as PyTorch does not record them either.
    * A :class:`mlcalc.autodiff.Var`: the nodes are the ``Var`` objects, each edge carries the
      local derivative that ``backward()`` multiplies by, and every node made by an operation
      shows the operation (``+``, ``×``, ``sin``, ...) above its value.

    The labels are sized for the book's pages: at least 9 CSS pixels tall when the figure is
    scaled down to the width of the page's text (a wide graph gets larger fonts).

    PyTorch is imported only when ``output`` is a PyTorch tensor.

    Parameters
    ----------
    output : torch.Tensor or mlcalc.autodiff.Var
        The result of a computation: a tensor with a ``grad_fn``, or a ``Var``.
    names : mapping of str to tensor or Var, optional
        Names to print in the boxes, such as ``{"x": x, "y": y, "z": z}``.  A named leaf also
        shows its value when it holds one number.
    direction : {"forward", "backward"}
        ``"forward"`` points the arrows the way values flow (inputs to output);
        ``"backward"`` points them the way ``backward()`` walks and ``next_functions`` link
        (output to inputs).
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure (sized to the graph).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from mlcalc.autodiff import Var, sin
    >>> x, y = Var(2.0), Var(3.0)
    >>> z = x * y + sin(x)
    >>> fig = plot_computational_graph(z, names={"x": x, "y": y, "z": z})
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_gid() == "mlcalc_graph_input")
    ['x = 2', 'y = 3']
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_gid() == "mlcalc_graph_operation")
    ['sin\\n0.9093', '×\\n6']
    >>> sum(t.get_gid() == "mlcalc_graph_edge" for t in fig.axes[0].texts)  # x*y, sin x, +
    5
    """
    direction = check_choice("direction", direction, _GRAPH_DIRECTIONS)
    given = _graph_names(names)
    from ..autodiff import Var

    if isinstance(output, Var):
        labels, edges = _var_graph(output, given)
    elif type(output).__module__.partition(".")[0] == "torch" and hasattr(output, "grad_fn"):
        labels, edges = _torch_graph(output, given)
    else:
        raise TypeError(
            "output must be a PyTorch tensor with a grad_fn or an mlcalc.autodiff.Var; "
            f"got {type(output).__name__}"
        )
    if ax is None:
        column, row = _graph_layout(len(labels), edges)
        width = min(12.0, 2.2 * (column.max() + 1) + 0.4)
        height = min(8.0, 1.0 * (np.ptp(row) + 1) + 0.4)
        ax = _axes(None, figsize=(max(width, 3.0), max(height, 1.6)))
    else:
        _check_axes(ax)
    _draw_graph(ax, labels, edges, direction)
    return _figure_of(ax)
