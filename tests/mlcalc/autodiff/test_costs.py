"""Tests of mlcalc.autodiff.costs: count_operations, time_gradient, graph_table and
compare_backends."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mlcalc.autodiff import (
    BACKENDS,
    BackendComparison,
    Dual,
    GradientCost,
    Var,
    compare_backends,
    count_operations,
    exp,
    graph_table,
    grad,
    sin,
    time_gradient,
)


def chain_sum(v):
    """sum(sin(v[i]) * v[i + 1]): 4n - 2 operations for n inputs."""
    return sum(sin(v[i]) * v[i + 1] for i in range(len(v) - 1))


# --------------------------------------------------------------------------------------------
# count_operations
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("n", [2, 3, 10, 50])
def test_count_operations_forward_is_n_times_reverse(n):
    x = np.linspace(0.5, 1.5, n)
    forward = count_operations(chain_sum, x, backend="forward")
    reverse = count_operations(chain_sum, x, backend="reverse")
    assert reverse == GradientCost(passes=1, operations=4 * n - 2)
    assert forward == GradientCost(passes=n, operations=n * (4 * n - 2))


def test_count_operations_scalar_point_is_one_pass_in_both_modes():
    f = lambda x: x * x + sin(x)  # noqa: E731  (input, mul, sin, add)
    assert count_operations(f, 2.0, backend="forward") == GradientCost(1, 4)
    assert count_operations(f, 2.0, backend="reverse") == GradientCost(1, 4)


def test_count_operations_is_deterministic_and_restores_the_classes():
    init_dual, init_var = Dual.__init__, Var.__init__
    first = count_operations(chain_sum, [1.0, 2.0, 3.0], "forward")
    assert count_operations(chain_sum, [1.0, 2.0, 3.0], "forward") == first
    assert Dual.__init__ is init_dual and Var.__init__ is init_var
    assert "__init__" in Dual.__dict__ and "__init__" in Var.__dict__


def test_count_operations_restores_the_class_when_f_fails():
    init_var = Var.__init__

    def broken(v):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        count_operations(broken, [1.0, 2.0])
    assert Var.__init__ is init_var
    x = Var(2.0)
    assert x.value == 2.0 and x.grad == 0.0


def test_count_operations_does_not_change_the_gradient():
    x = [0.3, 0.7, 1.1]
    expected = grad(chain_sum, x, backend="sympy")
    count_operations(chain_sum, x, "reverse")
    assert np.allclose(grad(chain_sum, x, backend="reverse"), expected, rtol=1e-13)


def test_count_operations_arguments():
    with pytest.raises(TypeError, match="f must be"):
        count_operations(3.0, [1.0])
    with pytest.raises(ValueError, match="backend must be one of 'forward', 'reverse'"):
        count_operations(chain_sum, [1.0, 2.0], backend="torch")
    with pytest.raises(TypeError, match="backend must be"):
        count_operations(chain_sum, [1.0, 2.0], backend=1)
    with pytest.raises(ValueError, match="x must"):
        count_operations(chain_sum, [1.0, math.nan])


# --------------------------------------------------------------------------------------------
# time_gradient (never asserted on wall-clock values: only types, shapes and signs)
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("backend", ["forward", "reverse", "numeric"])
def test_time_gradient_returns_one_positive_time_per_size(backend):
    times = time_gradient(chain_sum, [2, 3, 5], backend=backend, repeats=2)
    assert isinstance(times, np.ndarray)
    assert times.shape == (3,)
    assert times.dtype == float
    assert np.all(times > 0) and np.all(np.isfinite(times))


def test_time_gradient_single_size_gives_a_float():
    time = time_gradient(chain_sum, 4, backend="reverse", repeats=1)
    assert isinstance(time, float) and time > 0


def test_time_gradient_accepts_numpy_integers_and_one_input():
    times = time_gradient(lambda v: v[0] ** 2, np.array([1, 2]), repeats=1)
    assert times.shape == (2,) and np.all(times > 0)
    assert time_gradient(lambda v: exp(v[0]), np.int64(1), repeats=1) > 0


def test_time_gradient_arguments():
    with pytest.raises(TypeError, match="f must be"):
        time_gradient("f", [2])
    with pytest.raises(TypeError, match="n_inputs must be"):
        time_gradient(chain_sum, "10")
    with pytest.raises(TypeError, match="n_inputs must be"):
        time_gradient(chain_sum, 2.5)
    with pytest.raises(TypeError, match="n_inputs must be"):
        time_gradient(chain_sum, [2, 2.5])
    with pytest.raises(ValueError, match="n_inputs must be an integer >= 1"):
        time_gradient(chain_sum, [0, 2])
    with pytest.raises(ValueError, match="n_inputs must not be empty"):
        time_gradient(chain_sum, [])
    with pytest.raises(ValueError, match="repeats must be an integer >= 1"):
        time_gradient(chain_sum, [2], repeats=0)
    with pytest.raises(ValueError, match="backend must be one of"):
        time_gradient(chain_sum, [2], backend="jax")


# --------------------------------------------------------------------------------------------
# graph_table
# --------------------------------------------------------------------------------------------
def test_graph_table_lists_inputs_first_and_matches_backward():
    x, y = Var(2.0), Var(3.0)
    out = x * y + sin(x)
    out.backward()
    table = graph_table(out, {"x": x, "y": y})
    assert table.headers == ("node", "value", "made from (local derivative)", "grad")
    assert table.column("node") == ["x", "y", "v1", "v2", "v3"]
    assert table.column("value") == pytest.approx([2, 3, 6, math.sin(2), 6 + math.sin(2)])
    assert table.column("grad") == pytest.approx([3 + math.cos(2), 2, 1, 1, 1])
    assert table.column("made from (local derivative)")[2] == "x (3), y (2)"
    assert table.column("made from (local derivative)")[3] == f"x ({math.cos(2):.4g})"
    assert "<table" in table._repr_html_()


def test_graph_table_before_backward_has_zero_grads_and_shared_nodes_once():
    x = Var(1.5)
    out = x * x * x
    table = graph_table(out)  # x unnamed: a leaf without a name shows its value
    assert table.column("node") == ["1.5", "v1", "v2"]
    assert table.column("grad") == [0.0, 0.0, 0.0]


def test_graph_table_arguments():
    with pytest.raises(TypeError, match="output must be a Var"):
        graph_table(3.0)
    with pytest.raises(TypeError, match="names must be a mapping"):
        graph_table(Var(1.0), ["x"])
    with pytest.raises(TypeError, match="names must map strings to Var"):
        graph_table(Var(1.0), {"x": 1.0})


# --------------------------------------------------------------------------------------------
# compare_backends
# --------------------------------------------------------------------------------------------
def test_compare_backends_agree_on_scalar_and_vector_functions():
    result = compare_backends(
        {"x^2 sin x": (lambda x: x**2 * sin(x), 2.0), "chain": (chain_sum, [0.5, 1.0, 1.5])},
        backends=["forward", "reverse", "sympy", "numeric"],
    )
    assert isinstance(result, BackendComparison)
    assert result.names == ("x^2 sin x", "chain")
    exact = 4 * math.sin(2) + 4 * math.cos(2)
    assert result.gradients["sympy"]["x^2 sin x"] == pytest.approx(exact, rel=1e-14)
    assert result.gradients["reverse"]["chain"].shape == (3,)
    assert max(result.spread(["forward", "reverse", "sympy"]).values()) < 1e-14
    assert 0 <= max(result.spread().values()) < 1e-7
    table = result.table(digits=4)
    assert table.column("backend") == ["forward", "reverse", "sympy", "numeric", "spread"]
    assert table.column("x^2 sin x")[0] == f"{exact:.4g}"
    assert table.column("chain")[0].startswith("[") and "<table" in result._repr_html_()
    assert str(result).splitlines()[0].split() == ["backend", "x^2", "sin", "x", "chain"]
    assert f"{exact:.6g}" in str(result)  # 6 significant digits by default
    assert "white-space: nowrap" in result._repr_html_()


@pytest.mark.parametrize("library", ["torch", "tensorflow"])
def test_compare_backends_with_a_library(library):
    pytest.importorskip(library)
    pair = lambda v: sin(v[0]) * v[1]  # noqa: E731  (a tf.Variable has no len())
    result = compare_backends({"chain": (pair, [0.5, 1.0])}, backends=["reverse", library])
    assert result.spread()["chain"] < 1e-12


def test_compare_backends_default_is_every_backend():
    pytest.importorskip("torch")
    pytest.importorskip("tensorflow")
    result = compare_backends({"cube": (lambda x: x**3, 2.0)})
    assert result.backends == BACKENDS
    assert result.spread()["cube"] < 1e-6


def test_compare_backends_arguments():
    cube = (lambda x: x**3, 2.0)
    with pytest.raises(TypeError, match="functions must be a mapping"):
        compare_backends([cube])
    with pytest.raises(ValueError, match="functions must not be empty"):
        compare_backends({})
    with pytest.raises(TypeError, match=r"functions\['cube'\] must be a pair"):
        compare_backends({"cube": cube[0]})
    with pytest.raises(TypeError, match="backends must be a sequence"):
        compare_backends({"cube": cube}, backends="sympy")
    with pytest.raises(ValueError, match="backends must not be empty"):
        compare_backends({"cube": cube}, backends=[])
    with pytest.raises(ValueError, match="backend must be one of"):
        compare_backends({"cube": cube}, backends=["jax"])
    result = compare_backends({"cube": cube}, backends=["forward", "reverse"])
    with pytest.raises(ValueError, match="backends must be one of"):
        result.spread(["sympy"])
    with pytest.raises(ValueError, match="digits must be an integer >= 1"):
        result.table(digits=0)
