"""Tests of mlcalc.autodiff.reverse: Var, reverse mode on a computation graph, and
topological_order, the one graph walk of the package."""

from __future__ import annotations

import math

import pytest
from arithmetic_cases import ARITHMETIC_AT_3

from mlcalc.autodiff import Var, topological_order


@pytest.mark.parametrize("function, value, derivative", ARITHMETIC_AT_3)
def test_var_arithmetic_at_3(function, value, derivative):
    x = Var(3.0)
    out = function(x)
    assert isinstance(out, Var)
    assert out.value == pytest.approx(value, rel=1e-14)
    out.backward()
    assert x.grad == pytest.approx(derivative, rel=1e-14)


def test_var_repr_and_attributes():
    x = Var(2)
    assert repr(x) == "Var(value=2.0, grad=0.0)"
    assert x.parents == ()
    y = x * 3
    assert [(parent is x, local) for parent, local in y.parents][0] == (True, 3.0)


def test_var_used_twice_gets_the_sum():
    x = Var(3.0)
    y = x * x  # both paths: dy/dx = x + x
    y.backward()
    assert x.grad == 6.0
    x = Var(3.0)
    (x + x).backward()
    assert x.grad == 2.0


def test_var_diamond_graph_and_two_inputs():
    x, y = Var(2.0), Var(5.0)
    shared = x * y  # used by two later nodes
    out = shared + shared * x  # xy + x²y
    out.backward()
    assert x.grad == pytest.approx(5.0 + 2 * 2.0 * 5.0)  # y + 2xy
    assert y.grad == pytest.approx(2.0 + 4.0)  # x + x²
    assert shared.grad == pytest.approx(1.0 + 2.0)
    assert out.grad == 1.0


def test_var_backward_twice_gives_the_same_answer():
    x = Var(3.0)
    y = x * x + x
    y.backward()
    y.backward()
    assert x.grad == 7.0


def test_var_deep_graph_has_no_recursion_limit():
    x = Var(1.0)
    y = x
    for _ in range(5000):
        y = y * 1.0001
    y.backward()
    assert x.grad == pytest.approx(1.0001**5000)


def test_var_power_of_constant_base_and_var_exponent():
    x = Var(3.0)
    (2**x).backward()
    assert x.grad == pytest.approx(8 * math.log(2))
    x = Var(3.0)
    (x**x).backward()
    assert x.grad == pytest.approx(27 * (math.log(3) + 1))


def test_var_rejects_non_numbers():
    with pytest.raises(TypeError, match="Var"):
        Var(1.0) * [1.0]


def test_var_graph_lists_each_node_once_after_its_parents():
    x, y = Var(2.0), Var(3.0)
    shared = x * y
    out = shared + shared * x
    order = out.graph()
    assert len(order) == len({id(node) for node in order}) == 5
    position = {id(node): i for i, node in enumerate(order)}
    for node in order:
        for parent, _ in node.parents:
            assert position[id(parent)] < position[id(node)]
    assert order[-1] is out


def test_topological_order_walks_any_graph_given_its_inputs():
    # c = f(a, b) and b = g(a): a comes first, each node once, the output last
    graph = {"c": ["a", "b"], "b": ["a"], "a": []}
    assert topological_order("c", inputs_of=graph.__getitem__) == ["a", "b", "c"]
    assert topological_order("a", inputs_of=graph.__getitem__) == ["a"]


def test_topological_order_tells_nodes_apart_by_identity():
    class Node:
        def __init__(self, *inputs):
            self.inputs = inputs

        def __eq__(self, other):  # every Node equals every other: identity must decide
            return True

        __hash__ = None

    a, b = Node(), Node()
    out = Node(a, b, a)
    order = topological_order(out, inputs_of=lambda node: node.inputs)
    assert len(order) == 3 and order[0] is a and order[1] is b and order[2] is out


def test_topological_order_of_a_deep_graph_has_no_recursion_limit():
    x = Var(1.0)
    y = x
    for _ in range(5000):
        y = y + 1.0
    order = topological_order(y)
    assert order[0] is x and order[-1] is y
    assert len(order) == 1 + 2 * 5000  # x, and per step a constant and a sum
