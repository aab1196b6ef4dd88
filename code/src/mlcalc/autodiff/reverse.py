"""Reverse mode: :class:`Var`, a node of a computation graph with ``backward()``.

Every operation records its inputs and their local derivatives; ``backward()`` walks the graph
from the output back to the inputs with the chain rule.
"""

from __future__ import annotations

import numbers
from typing import Any, Callable, Iterable

from .._checks import _given
from .forward import _lost, _power_rule


class Var:
    """A variable in a computation graph: reverse-mode autodiff.

    Each operation returns a new ``Var`` that remembers its ``parents``: pairs
    ``(parent, local derivative)``.  ``out.backward()`` sets ``node.grad`` to d(out)/d(node) for
    every node that ``out`` depends on; a variable used twice gets the sum of both paths.

    Examples
    --------
    >>> x = Var(3.0)
    >>> y = x * x + 2 * x                # x is used three times
    >>> y.backward()
    >>> x.grad                           # 2x + 2 = 8
    8.0
    """

    __array_ufunc__ = None  # so NumPy hands `np.float64(2.0) * Var(...)` over to Var

    def __init__(self, value: float, parents: Iterable[tuple[Var, float]] = ()) -> None:
        self.value = float(value)
        self.grad = 0.0
        self.parents = tuple(parents)

    def __repr__(self) -> str:
        return f"Var(value={self.value!r}, grad={self.grad!r})"

    def __float__(self) -> float:  # math.sin(x) calls this: refuse, rather than drop the gradient
        raise _lost(self)

    def __add__(self, other: Var | float) -> Var:
        other = _as_var(other)
        return Var(self.value + other.value, [(self, 1.0), (other, 1.0)])

    def __sub__(self, other: Var | float) -> Var:
        other = _as_var(other)
        return Var(self.value - other.value, [(self, 1.0), (other, -1.0)])

    def __mul__(self, other: Var | float) -> Var:
        other = _as_var(other)
        return Var(self.value * other.value, [(self, other.value), (other, self.value)])

    def __truediv__(self, other: Var | float) -> Var:
        other = _as_var(other)
        quotient = self.value / other.value
        return Var(quotient, [(self, 1.0 / other.value), (other, -quotient / other.value)])

    def __pow__(self, other: Var | float) -> Var:
        exponent_varies = isinstance(other, Var)
        other = _as_var(other)
        value, d_base, d_exponent = _power_rule(self.value, other.value, True, exponent_varies)
        return Var(value, [(self, d_base), (other, d_exponent)])

    def __neg__(self) -> Var:
        return Var(-self.value, [(self, -1.0)])

    __radd__ = __add__  # 2 + x is x + 2
    __rmul__ = __mul__  # 2 * x is x * 2

    def __rsub__(self, other: float) -> Var:
        return _as_var(other) - self

    def __rtruediv__(self, other: float) -> Var:
        return _as_var(other) / self

    def __rpow__(self, other: float) -> Var:  # 2 ** x: only the exponent varies
        value, _, d_exponent = _power_rule(float(other), self.value, False, True)
        return Var(value, [(self, d_exponent)])

    def graph(self) -> list[Var]:
        """The nodes that lead to ``self``, each after all of its parents (first parent first)."""
        return topological_order(self)

    def backward(self) -> None:
        """Set ``grad`` = d(self)/d(node) on every node of the graph that leads to ``self``."""
        backward_from([self], [1.0])


def backward_from(outputs: list[Var], seeds: list[float]) -> None:
    """One backward sweep from several outputs at once: set ``grad`` = d(Σ seed·output)/d(node)
    on every node that leads to the outputs.

    With one output and seed 1 this is :meth:`Var.backward`.  With seeds ``v`` it computes the
    vector-Jacobian product vᵀJ of the outputs in one sweep: the inputs' ``grad`` are its entries.

    Examples
    --------
    >>> x, y = Var(2.0), Var(3.0)
    >>> outputs = [x * y, x + y]          # J = [[y, x], [1, 1]] = [[3, 2], [1, 1]]
    >>> backward_from(outputs, [1.0, 10.0])
    >>> x.grad, y.grad                    # (1, 10) J = (13, 12)
    (13.0, 12.0)
    """
    root = object()  # a stand-in node whose inputs are the outputs
    order = topological_order(root, lambda node: outputs if node is root else _parents(node))
    order.pop()
    for node in order:
        node.grad = 0.0
    for output, seed in zip(outputs, seeds):
        output.grad += seed
    for node in reversed(order):  # from the outputs back to the inputs: the chain rule
        for parent, local_derivative in node.parents:
            if local_derivative != 0:  # a parent that cannot move the node adds 0, even to inf
                parent.grad += local_derivative * node.grad


def _parents(node: Var) -> list[Var]:
    return [parent for parent, _ in node.parents]


def topological_order(
    output: Any, inputs_of: Callable[[Any], Iterable[Any]] = _parents
) -> list[Any]:
    """Every node that leads to ``output``, each after all of its inputs; ``output`` comes last.

    This is the one graph walk of the package: :meth:`Var.backward` runs it to visit the nodes
    in reverse, :func:`mlcalc.autodiff.graph_table` lists them in this order, and
    :func:`mlcalc.plotting.plot_computational_graph` lays them out with it, for a ``Var`` graph
    and for a PyTorch ``grad_fn`` graph alike.  The walk is an iterative depth-first search
    (no recursion limit on deep graphs); nodes are told apart by identity, and a node reached
    along several paths appears once.

    Parameters
    ----------
    output : node
        Where the walk starts.
    inputs_of : callable
        ``inputs_of(node)`` lists the nodes that ``node`` was computed from, first input first.
        By default the parents of a :class:`Var`.

    Returns
    -------
    list
        The nodes, inputs first and ``output`` last.

    Examples
    --------
    >>> x, y = Var(2.0), Var(3.0)
    >>> z = x * y + x
    >>> [node.value for node in topological_order(z)]
    [2.0, 3.0, 6.0, 8.0]
    >>> topological_order("c", inputs_of=lambda n: {"c": ["a", "b"], "b": ["a"]}.get(n, []))
    ['a', 'b', 'c']
    """
    order: list[Any] = []
    seen: set[int] = set()
    stack = [(output, False)]
    while stack:  # depth-first search: a node joins `order` after all of its inputs
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((parent, False) for parent in reversed(list(inputs_of(node))))
    return order


def _as_var(other: Any) -> Var:
    if isinstance(other, Var):
        return other
    if isinstance(other, numbers.Real):
        return Var(other)
    raise TypeError(f"a Var can be combined with a Var or a real number; got {_given(other)}")
