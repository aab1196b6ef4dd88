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
    value_of,
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


# --------------------------------------------------------------------------------------------
# What each function promises, stated exactly
# --------------------------------------------------------------------------------------------
def test_count_operations_counts_numbers_f_makes_with_keywords():
    # a constant that f builds itself, by keyword, is one more number and keeps its value
    f = lambda x: x * Dual(2.0, derivative=0.0)  # noqa: E731
    assert count_operations(f, 3.0, backend="forward") == GradientCost(passes=1, operations=3)
    g = lambda x: x * Var(value=2.0)  # noqa: E731
    assert count_operations(g, 3.0, backend="reverse") == GradientCost(passes=1, operations=3)


def test_time_gradient_runs_f_once_to_warm_up_then_repeats_times_at_the_documented_point():
    """The docstring: x = (0.5, ..., 1.5), n evenly spaced points, one untimed warm-up and then
    `repeats` timed runs (3 by default), each a gradient by the chosen backend."""
    import time

    seen = []

    def f(v):
        seen.append([float(value_of(entry)) for entry in v])
        return v[0] * v[1] * v[2]

    start = time.perf_counter()
    best = time_gradient(f, 3, backend="forward")
    elapsed = time.perf_counter() - start
    assert len(seen) == (1 + 3) * 3  # forward mode: one pass per input, per gradient
    assert all(point == [0.5, 1.0, 1.5] for point in seen)
    assert 0 < best <= elapsed  # the best of the runs is one of the runs that took place
    seen.clear()
    time_gradient(f, [3], backend="reverse", repeats=2)
    assert len(seen) == 1 + 2  # reverse mode: one pass per gradient


def test_messages_show_what_was_given():
    cube = (lambda x: x**3, 2.0)
    cases = [
        (lambda: graph_table(3.0), TypeError, r"^output must be a Var; got 3\.0 \(type float\)$"),
        (lambda: graph_table(Var(1.0), ["x"]), TypeError,
         r"^names must be a mapping from names to Var; got \['x'\] \(type list\)$"),
        (lambda: graph_table(Var(1.0), {"x": 1.0}), TypeError,
         r"^names must map strings to Var; got 'x': 1\.0 \(type float\)$"),
        (lambda: time_gradient(chain_sum, "10"), TypeError,
         r"^n_inputs must be an integer >= 1 or a sequence of them; got '10' \(type str\)$"),
        (lambda: time_gradient(chain_sum, []), ValueError, r"^n_inputs must not be empty$"),
        (lambda: compare_backends([cube]), TypeError,
         r"^functions must be a mapping from names to pairs \(f, x\); got \[\(<function"),
        (lambda: compare_backends({}), ValueError, r"^functions must not be empty$"),
        (lambda: compare_backends({"cube": 2.0}), TypeError,
         r"^functions\['cube'\] must be a pair \(f, x\); got 2\.0 \(type float\)$"),
        (lambda: compare_backends({"cube": cube}, backends="sympy"), TypeError,
         r"^backends must be a sequence of backend names; got 'sympy' \(type str\)$"),
        (lambda: compare_backends({"cube": cube}, backends=[]), ValueError,
         r"^backends must not be empty$"),
    ]
    for call, error, message in cases:
        with pytest.raises(error, match=message):
            call()


def test_compare_backends_takes_each_gradient_with_its_own_backend():
    # a central difference is close to, but not exactly, the derivative cos(1) of sin at 1
    result = compare_backends({"sin": (sin, 1.0)}, backends=["reverse", "numeric"])
    assert result.gradients["reverse"]["sin"] == math.cos(1.0)
    assert result.gradients["numeric"]["sin"] == grad(sin, 1.0, backend="numeric")
    assert 0 < result.spread()["sin"] < 1e-9


def test_compare_backends_table_shows_six_digits_and_vectors_in_brackets():
    result = compare_backends(
        {"x**3": (lambda x: x**3, 1.1), "x*y": (lambda v: v[0] * v[1], [2.0, 0.5])},
        backends=["forward", "sympy"],
    )
    table = result.table()
    assert table.column("x**3")[:2] == ["3.63", "3.63"]  # 3·1.1² = 3.63 (3.6300000000000003)
    assert table.column("x*y")[:2] == ["[0.5, 2]", "[0.5, 2]"]
    assert result.table(digits=17).column("x**3")[0] == f"{3 * 1.1**2:.17g}"
    one_third = compare_backends({"x**3/9": (lambda x: x**3 / 9, 1.0)}, backends=["sympy"])
    assert one_third.table().column("x**3/9")[0] == "0.333333"  # six significant digits
    html = result._repr_html_()
    assert html.startswith('<table style="white-space: nowrap; font-size: 0.85em"><thead>')
    assert html.count("<table") == 1
