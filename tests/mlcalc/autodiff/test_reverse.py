"""Tests of mlcalc.autodiff.reverse: Var, reverse mode on a computation graph, and
topological_order, the one graph walk of the package."""

from __future__ import annotations

import math

import pytest
from arithmetic_cases import ARITHMETIC_AT_3

from mlcalc.autodiff import Var, backward_from, topological_order


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


def test_var_fractional_power_at_zero_has_an_infinite_slope():
    x = Var(0.0)
    (x**0.5).backward()
    assert x.grad == math.inf
    x = Var(0.0)
    (x**1.5 + x).backward()
    assert x.grad == 1.0


def test_var_an_unmoving_parent_adds_nothing_even_below_an_infinite_slope():
    """In x + sqrt(0·x) the node 0·x has an infinite gradient (sqrt's slope at 0), but x moves
    it with slope 0: the chain rule adds 0 for that path, not 0 · inf = NaN."""
    x = Var(2.0)
    (x + (x * 0) ** 0.5).backward()
    assert x.grad == 1.0


def test_var_cannot_become_a_plain_float():
    message = (
        r"^a Var cannot become a plain float without losing its derivative \(math\.sin\(x\) and"
        r" float\(x\) try that\); use mlcalc\.autodiff\.sin, exp, log, \.\.\. on a Var$"
    )
    with pytest.raises(TypeError, match=message):
        float(Var(1.0))


def test_var_says_what_it_cannot_be_combined_with():
    with pytest.raises(
        TypeError, match=r"^a Var can be combined with a Var or a real number; got \[1\.0\] \(type list\)$"
    ):
        Var(1.0) * [1.0]


def test_backward_from_an_output_listed_twice_adds_both_seeds():
    # outputs (xy, xy): J has two equal rows (y, x), so (1, 10) J = 11 (y, x)
    x, y = Var(2.0), Var(3.0)
    product = x * y
    backward_from([product, product], [1.0, 10.0])
    assert (x.grad, y.grad) == (33.0, 22.0)


def test_var_constant_base_power_is_differentiable_wherever_its_value_is_finite():
    # 0.5 ** x at x = -1023.5 is 2 ** 1023.5, close to the largest float, yet finite
    x = Var(-1023.5)
    power = 0.5**x
    power.backward()
    assert x.grad == pytest.approx(2.0**1023.5 * math.log(0.5), rel=1e-14)


def test_var_power_with_a_number_exponent_records_no_slope_for_the_number():
    """x**2 differentiates along x only: the edge from the constant 2 carries the local
    derivative 0 (what plot_computational_graph shows on it), while a Var exponent gets its
    slope x**y · ln x."""
    x = Var(3.0)
    (_, d_base), (exponent, d_exponent) = (x**2).parents
    assert (d_base, exponent.value, d_exponent) == (6.0, 2.0, 0.0)
    y = Var(2.0)
    assert (x**y).parents[1][1] == pytest.approx(9 * math.log(3), rel=1e-15)
