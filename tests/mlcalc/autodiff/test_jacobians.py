"""Tests of mlcalc.autodiff.jacobians: jvp, vjp and jacobian on every engine that computes them,
on hand-picked functions, on bad input, and on random vector functions checked against SymPy's
Jacobian."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mlcalc import autodiff as ad
from mlcalc.autodiff import BACKENDS, LostDerivativeError, grad, jacobian, jvp, vjp
from random_expressions import (
    DETERMINISTIC,
    SYMBOLS,
    assert_agrees,
    expressions,
    has_kink,
    points,
    relu_slope_zero_at_kink,
)


# PyTorch's forward mode compiles its decompositions with torch.jit.script on first use, which
# warns inside torch (a notebook does not show it; pytest would).
pytestmark = pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated:DeprecationWarning")


JVP_BACKENDS = tuple(b for b in BACKENDS if b != "reverse")


VJP_BACKENDS = tuple(b for b in BACKENDS if b != "forward")


FAST_BACKENDS = ("forward", "reverse", "sympy", "numeric")


def needs_library(backend: str) -> None:
    if backend in ("torch", "tensorflow"):
        pytest.importorskip(backend)


def tolerance(backend: str) -> dict:
    return {"rtol": 1e-6, "atol": 1e-7} if backend == "numeric" else {"rtol": 1e-12, "atol": 1e-12}


# f(x0, x1) = (x0·x1, sin x0, 3): a constant output, and an input the second output ignores.
def three_outputs(x):
    return [x[0] * x[1], ad.sin(x[0]), 3.0]


X = [0.3, 2.0]


J = np.array([[2.0, 0.3], [math.cos(0.3), 0.0], [0.0, 0.0]])


# --------------------------------------------------------------------------------------------
# Hand-picked functions
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_jacobian_of_a_vector_function(backend):
    needs_library(backend)
    result = jacobian(three_outputs, X, backend=backend)
    assert isinstance(result, np.ndarray) and result.dtype == np.float64 and result.shape == (3, 2)
    np.testing.assert_allclose(result, J, **tolerance(backend))


@pytest.mark.parametrize("backend", JVP_BACKENDS)
def test_jvp_is_the_jacobian_times_v(backend):
    needs_library(backend)
    v = np.array([1.5, -2.0])
    result = jvp(three_outputs, X, v, backend=backend)
    assert isinstance(result, np.ndarray) and result.shape == (3,)
    np.testing.assert_allclose(result, J @ v, **tolerance(backend))


@pytest.mark.parametrize("backend", VJP_BACKENDS)
def test_vjp_is_v_times_the_jacobian(backend):
    needs_library(backend)
    v = np.array([1.0, -2.0, 5.0])
    result = vjp(three_outputs, X, v, backend=backend)
    assert isinstance(result, np.ndarray) and result.shape == (2,)
    np.testing.assert_allclose(result, v @ J, **tolerance(backend))


@pytest.mark.parametrize("backend", BACKENDS)
def test_scalar_inputs_and_outputs(backend):
    needs_library(backend)
    square = lambda t: t**2  # noqa: E731
    np.testing.assert_allclose(jacobian(square, 3.0, backend=backend), [[6.0]], **tolerance(backend))
    if backend != "reverse":
        result = jvp(square, 3.0, 0.5, backend=backend)
        assert type(result) is float and result == pytest.approx(3.0, rel=1e-8)
        pair = jvp(lambda t: [t**2, 2 * t], 3.0, 0.5, backend=backend)
        np.testing.assert_allclose(pair, [3.0, 1.0], **tolerance(backend))
    if backend != "forward":
        result = vjp(square, 3.0, 0.5, backend=backend)
        assert type(result) is float and result == pytest.approx(3.0, rel=1e-8)
        result = vjp(lambda v: v[0] * v[1], [2.0, 5.0], 2.0, backend=backend)
        np.testing.assert_allclose(result, [10.0, 4.0], **tolerance(backend))


@pytest.mark.parametrize("backend", BACKENDS)
def test_outputs_that_do_not_use_x_have_zero_rows(backend):
    needs_library(backend)
    np.testing.assert_array_equal(jacobian(lambda v: [1.0, 2], [1.0, 2.0], backend=backend),
                                  np.zeros((2, 2)))
    np.testing.assert_allclose(jacobian(lambda v: v, [1.0, 2.0], backend=backend), np.eye(2),
                               **tolerance(backend))


def test_library_tensors_as_results():
    torch = pytest.importorskip("torch")
    f = lambda x: torch.stack([x[0] * x[1], torch.sin(x[0]), torch.tensor(3.0)])  # noqa: E731
    np.testing.assert_allclose(jacobian(f, X, backend="torch"), J, rtol=1e-12)
    np.testing.assert_allclose(jvp(f, X, [1.0, 1.0], backend="torch"), J @ [1, 1], rtol=1e-12)
    tf = pytest.importorskip("tensorflow")
    g = lambda x: tf.stack([x[0] * x[1], tf.sin(x[0]), tf.constant(3.0, tf.float64)])  # noqa: E731
    np.testing.assert_allclose(jacobian(g, X, backend="tensorflow"), J, rtol=1e-12)
    np.testing.assert_allclose(vjp(g, X, [1, 1, 1], backend="tensorflow"), np.ones(3) @ J, rtol=1e-12)


def test_one_backward_sweep_from_several_outputs():
    x, y = ad.Var(2.0), ad.Var(3.0)
    outputs = [x * y, x + y, x * x]
    ad.backward_from(outputs, [1.0, 10.0, 100.0])
    assert (x.grad, y.grad) == (3.0 + 10.0 + 400.0, 2.0 + 10.0)
    outputs[0].backward()  # the one-output sweep is the same walk, seeded with 1
    assert (x.grad, y.grad) == (3.0, 2.0)


def test_dual_and_var_refuse_to_become_plain_floats():
    for number in (ad.Dual(1.0, 1.0), ad.Var(1.0)):
        with pytest.raises(LostDerivativeError, match="use mlcalc.autodiff.sin"):
            math.sin(number)
        with pytest.raises(TypeError, match="cannot become a plain float"):
            float(number)


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------
def test_reverse_refuses_a_jvp_and_forward_refuses_a_vjp():
    with pytest.raises(ValueError, match="^backend='reverse' cannot compute a Jacobian-vector"):
        jvp(three_outputs, X, [1.0, 0.0], backend="reverse")
    with pytest.raises(ValueError, match="^backend='forward' cannot compute a vector-Jacobian"):
        vjp(three_outputs, X, [1.0, 0.0, 0.0], backend="forward")


@pytest.mark.parametrize(
    "x, v, message",
    [
        ([1.0, 2.0], [1.0], r"^v must have the same length as x \(2\); got 1 numbers"),
        ([1.0, 2.0], 1.0, r"^v must be a 1-D sequence of 2 numbers, like x; got a single number"),
        (1.0, [1.0, 2.0], r"^v must be a single real number, like x; got 2 numbers"),
        ([1.0, 2.0], [1.0, math.nan], "^v must hold finite numbers"),
        ([1.0, 2.0], [[1.0, 2.0]], "^v must be 1-D"),
    ],
)
def test_jvp_rejects_a_v_not_shaped_like_x(x, v, message):
    with pytest.raises(ValueError, match=message):
        jvp(lambda t: t, x, v)


@pytest.mark.parametrize("backend", VJP_BACKENDS)
def test_vjp_rejects_a_v_without_one_number_per_output(backend):
    needs_library(backend)
    with pytest.raises(ValueError, match=r"^v must have one number per output of f \(m = 3\)"):
        vjp(three_outputs, X, [1.0, 2.0], backend=backend)
    with pytest.raises(ValueError, match="^f returns 3 numbers, so v must be a 1-D sequence of 3"):
        vjp(three_outputs, X, 1.0, backend=backend)
    with pytest.raises(ValueError, match="^f returns a single number, so v must be a single"):
        vjp(lambda v: v[0] * v[1], X, [1.0, 2.0], backend=backend)


@pytest.mark.parametrize("v", ["1", None, [1j, 2.0], [True, False]], ids=repr)
def test_jvp_and_vjp_reject_v_that_is_not_real(v):
    with pytest.raises(TypeError, match="^v must"):
        jvp(lambda t: t, [1.0, 2.0], v)
    with pytest.raises(TypeError, match="^v must"):
        vjp(lambda t: t, [1.0, 2.0], v)


def test_unknown_backend_and_bad_f_and_x():
    for call in (lambda b: jvp(lambda t: t, 1.0, 1.0, backend=b),
                 lambda b: vjp(lambda t: t, 1.0, 1.0, backend=b),
                 lambda b: jacobian(lambda t: t, 1.0, backend=b)):
        with pytest.raises(ValueError, match="^backend must be one of 'torch', .*; got 'jax'"):
            call("jax")
        with pytest.raises(TypeError, match="^backend must be one of .*; got 2"):
            call(2)
    with pytest.raises(TypeError, match="^f must be a callable"):
        jacobian("x**2", 1.0)
    with pytest.raises(ValueError, match="^x must be finite"):
        jvp(lambda t: t, math.inf, 1.0)
    with pytest.raises(ValueError, match="^x must not be empty"):
        vjp(lambda t: t, [], 1.0)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "f, error, message",
    [
        (lambda v: [v[0], [v[0], v[1]]], ValueError, "^each output of f must be a single real"),
        (lambda v: [], ValueError, "^f must return at least one number"),
        (lambda v: [v[0], None], TypeError, "^f must return real numbers; output 1 is None"),
        (lambda v: np.ones((2, 2)), ValueError, "^f must return a number or a 1-D sequence"),
    ],
    ids=["nested", "empty", "None", "2-D"],
)
def test_jacobian_rejects_results_that_are_not_a_vector_of_numbers(backend, f, error, message):
    needs_library(backend)
    with pytest.raises(error, match=message):
        jacobian(f, [1.0, 2.0], backend=backend)


def test_library_tensors_of_the_wrong_shape_are_rejected():
    torch = pytest.importorskip("torch")
    with pytest.raises(ValueError, match=r"^f must return a number or a 1-D .* shape \(1, 2\)"):
        jacobian(lambda x: x.reshape(1, 2), [1.0, 2.0], backend="torch")
    with pytest.raises(ValueError, match="^each output of f must be a single real number"):
        jacobian(lambda x: [x, x[0]], [1.0, 2.0], backend="torch")
    tf = pytest.importorskip("tensorflow")
    with pytest.raises(ValueError, match=r"^f must return a number or a 1-D .* shape \(1, 2\)"):
        jacobian(lambda x: tf.reshape(x, [1, 2]), [1.0, 2.0], backend="tensorflow")
    with pytest.raises(ValueError, match="^each output of f must be a single real number"):
        jacobian(lambda x: [x, x[0]], [1.0, 2.0], backend="tensorflow")


SINE_OF = {
    "forward": "mlcalc.autodiff.sin",
    "reverse": "mlcalc.autodiff.sin",
    "sympy": "sympy.sin",
    "torch": "torch.sin",
    "tensorflow": "tf.math.sin",
}


@pytest.mark.parametrize("backend", sorted(SINE_OF))
def test_math_sin_on_an_engine_value_is_explained(backend):
    needs_library(backend)
    message = (rf"^f turned its argument into a plain float .* backend='{backend}' cannot follow"
               rf" the derivative .* {SINE_OF[backend]}")
    with pytest.raises(TypeError, match=message):
        jacobian(lambda x: [math.sin(x[0]), x[1]] if backend != "tensorflow" else
                 [math.sin(x[0])], [1.0, 2.0], backend=backend)
    with pytest.raises(TypeError, match=message):
        grad(lambda x: math.sin(x), 1.0, backend=backend)
    if backend != "reverse":
        with pytest.raises(TypeError, match=message):
            jvp(lambda x: math.exp(x), 1.0, 1.0, backend=backend)
    if backend != "forward":
        with pytest.raises(TypeError, match=message):
            vjp(lambda x: [math.cos(x[0])], [1.0], [1.0], backend=backend)


def test_math_sin_is_fine_for_central_differences():
    assert jvp(lambda x: math.sin(x), 0.0, 1.0, backend="numeric") == pytest.approx(1.0)


def test_a_deliberate_plain_number_in_torch_is_allowed():
    pytest.importorskip("torch")
    f = lambda x: x * 2 if ad.value_of(x) > 0 else x * 3  # value_of detaches  # noqa: E731
    assert jvp(f, 1.0, 1.0, backend="torch") == 2.0
    assert vjp(f, -1.0, 1.0, backend="torch") == 3.0


# --------------------------------------------------------------------------------------------
# Property-based: random vector functions, every engine against SymPy's Jacobian
# --------------------------------------------------------------------------------------------
def vector_functions(n_variables: int):
    """A list of 1 to 3 random expressions of n variables: (run on a vector, SymPy Matrix)."""
    def combine(pairs):
        runs = [run for run, _ in pairs]
        return (lambda v: [run(v) for run in runs], [expression for _, expression in pairs])

    return st.lists(expressions(n_variables), min_size=1, max_size=3).map(combine)


def reference_jacobian(expressions_, symbols, point):
    """SymPy's Jacobian at the point, or None if the point is numerically unsafe."""
    at_point = dict(zip(symbols, point))
    matrix = sympy.Matrix(expressions_).jacobian(symbols)
    entries = [complex(relu_slope_zero_at_kink(entry).evalf(subs=at_point)) for entry in matrix]
    values = [complex(e.evalf(subs=at_point)) for e in expressions_]
    if any(not math.isfinite(abs(z)) or abs(z) > 1e5 or z.imag != 0 for z in entries + values):
        return None
    return np.array([z.real for z in entries]).reshape(len(expressions_), len(symbols))


def run_engine(call):
    """One call; None when float64 overflows somewhere along the way."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # NumPy overflow in a numeric pass
            result = np.asarray(call(), dtype=float)
    except OverflowError:  # math.exp and friends in Dual and Var
        return None
    return result if np.all(np.isfinite(result)) else None


def check_engines(backends, pair, point, direction, weights):
    run, expressions_ = pair
    n, m = len(point), len(expressions_)
    expected = reference_jacobian(expressions_, SYMBOLS[:n], point)
    assume(expected is not None)
    v, w = np.array(direction[:n]), np.array(weights[:m])
    for backend in backends:
        if backend == "numeric" and any(has_kink(e) for e in expressions_):
            continue  # central differences straddle the kink of relu
        checks = [(lambda: jacobian(run, point, backend=backend), expected)]
        if backend != "reverse":
            checks.append((lambda: jvp(run, point, v, backend=backend), expected @ v))
        if backend != "forward":
            checks.append((lambda: vjp(run, point, w, backend=backend), w @ expected))
        for call, wanted in checks:
            result = run_engine(call)
            assume(result is not None)
            assert_agrees(result, wanted, backend)



vectors = st.lists(points, min_size=3, max_size=3)


@settings(max_examples=120, **DETERMINISTIC)
@given(st.integers(1, 3).flatmap(lambda n: st.tuples(vector_functions(n), st.just(n))),
       vectors, vectors, vectors)
def test_fast_engines_agree_with_sympy_jacobian(pair_and_n, point, direction, weights):
    pair, n = pair_and_n
    check_engines(FAST_BACKENDS, pair, point[:n], direction, weights)


@pytest.mark.parametrize("backend", ["torch", "tensorflow"])
def test_library_engines_agree_with_sympy_jacobian(backend):
    needs_library(backend)

    @settings(max_examples=12, **DETERMINISTIC)
    @given(vector_functions(3), vectors, vectors, vectors)
    def case(pair, point, direction, weights):
        check_engines([backend], pair, point, direction, weights)

    case()


# --------------------------------------------------------------------------------------------
# PyTorch in float64, whatever f's own tensors are
# --------------------------------------------------------------------------------------------
def test_torch_products_are_float64_accurate_at_a_python_float():
    """Like grad, jvp, vjp and jacobian use PyTorch in float64: at x = 1.1 (a Python float)
    d/dx x**3 = 3.63 comes back to 1e-15, not to float32's 1e-7."""
    pytest.importorskip("torch")
    exact = 3 * 1.1**2
    assert jvp(lambda x: x**3, 1.1, 1.0, backend="torch") == pytest.approx(exact, rel=1e-15)
    assert vjp(lambda x: x**3, 1.1, 1.0, backend="torch") == pytest.approx(exact, rel=1e-15)
    assert jacobian(lambda x: [x**3], 1.1, backend="torch")[0] == pytest.approx(exact, rel=1e-15)


def test_torch_products_are_float64_arrays_even_for_float32_results():
    torch = pytest.importorskip("torch")
    f = lambda v: torch.stack([v[0] * v[1], v[1]]).to(torch.float32)  # noqa: E731
    product = jvp(f, [2.0, 3.0], [1.0, 0.0], backend="torch")
    assert product.dtype == np.float64
    np.testing.assert_array_equal(product, [3.0, 0.0])
    pieces = lambda v: [(v[0] * v[1]).to(torch.float32), v[1].to(torch.float32)]  # noqa: E731
    assert jvp(pieces, [2.0, 3.0], [1.0, 0.0], backend="torch").dtype == np.float64
    unused = jvp(lambda v: [torch.tensor(1.0), torch.tensor(2.0)], [2.0, 3.0], [1.0, 0.0],
                 backend="torch")
    assert unused.dtype == np.float64
    np.testing.assert_array_equal(unused, [0.0, 0.0])


def test_torch_outputs_that_depend_on_other_tensors_only_have_zero_rows():
    """f may close over tensors that need gradients (a model's weights): outputs that use them
    but not x have zero derivatives with respect to x."""
    torch = pytest.importorskip("torch")
    weight = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    f = lambda v: [weight * weight, weight * 3.0]  # noqa: E731
    np.testing.assert_array_equal(jacobian(f, [1.0, 2.0], backend="torch"), np.zeros((2, 2)))
    np.testing.assert_array_equal(vjp(f, [1.0, 2.0], [1.0, 1.0], backend="torch"), [0.0, 0.0])


# --------------------------------------------------------------------------------------------
# Numeric and SymPy products: step along v, zero v, outputs that change, non-real Jacobians
# --------------------------------------------------------------------------------------------
def test_numeric_jvp_steps_along_v_whatever_its_length():
    # the step is grad's step divided by |v|: x moves by about eps**(1/3) whatever v is
    for v in (1e-3, 1.0, 1e3):
        assert jvp(ad.sin, 1.0, v, backend="numeric") == pytest.approx(v * math.cos(1.0), rel=1e-9)


def test_numeric_jvp_with_a_zero_v_is_zero_of_the_shape_of_f():
    result = jvp(lambda x: x**2, 2.0, 0.0, backend="numeric")
    assert type(result) is float and result == 0.0
    np.testing.assert_array_equal(jvp(lambda v: [v[0], v[1]], [1.0, 2.0], [0.0, 0.0],
                                      backend="numeric"), [0.0, 0.0])


def test_numeric_jvp_says_when_f_changes_its_number_of_outputs():
    f = lambda x: [x] if x < 1 else [x, x]  # noqa: E731
    with pytest.raises(ValueError, match="^f must return the same number of outputs at every point$"):
        jvp(f, 1.0, 1.0, backend="numeric")


def test_sympy_jacobian_says_when_it_is_not_real():
    # d/dx x**0.5 = 1/(2 sqrt(x)) is imaginary at x = -4
    with pytest.raises(ValueError, match=r"^the Jacobian of f is not real at x = -4\.0; SymPy gives"):
        jacobian(lambda x: [x**0.5], -4.0, backend="sympy")


# --------------------------------------------------------------------------------------------
# Defaults, whole error messages, constant outputs given as NumPy arrays or large numbers
# --------------------------------------------------------------------------------------------
def test_vjp_runs_the_reverse_engine_by_default():
    seen = []

    def f(x):
        seen.append(type(x[0]))
        return three_outputs(x)

    w = np.array([1.0, -2.0, 5.0])
    np.testing.assert_allclose(vjp(f, X, w), w @ J, rtol=1e-12, atol=1e-12)
    assert seen == [ad.Var]


def test_jvp_and_vjp_name_f_when_it_is_not_callable():
    message = r"^f must be a callable of one real number; got 'x\*\*2' \(type str\)$"
    with pytest.raises(TypeError, match=message):
        jvp("x**2", 1.0, 1.0)
    with pytest.raises(TypeError, match=message):
        vjp("x**2", 1.0, 1.0)


def test_vjp_says_in_full_how_v_must_be_shaped():
    with pytest.raises(ValueError, match="^f returns 3 numbers, so v must be a 1-D sequence of 3"
                       " numbers; got a single number$"):
        vjp(three_outputs, X, 1.0)
    with pytest.raises(ValueError, match="^f returns a single number, so v must be a single real"
                       " number; got 2 numbers$"):
        vjp(lambda v: v[0] * v[1], X, [1.0, 2.0])


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_element_arrays_and_large_constants_are_numbers(backend):
    # np.array([2.0]) or np.array([3]) as an output is that number: a constant, like 1e300
    # (beyond float32, a float64 number); their rows of the Jacobian are 0.
    needs_library(backend)
    f = lambda v: [v[0] * v[1], np.array([2.0]), np.array([3]), 1e300]  # noqa: E731
    expected = np.array([[2.0, 0.3], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]])
    np.testing.assert_allclose(jacobian(f, X, backend=backend), expected, **tolerance(backend))


def test_numeric_backend_reads_the_value_of_a_one_element_array():
    # central differences use the values: d/dx (x0 x1) through np.array([x0 * x1])
    f = lambda v: [np.array([v[0] * v[1]]), np.array([v[0] ** 2], dtype=np.float32)]  # noqa: E731
    np.testing.assert_allclose(jacobian(f, X, backend="numeric"), [[2.0, 0.3], [0.6, 0.0]],
                               rtol=1e-3)


def test_an_output_that_is_not_one_number_is_shown_in_the_message():
    with pytest.raises(ValueError, match=r"^each output of f must be a single real number;"
                       r" output 1 is array\(\[1\., 2\.\]\) \(type ndarray\)$"):
        jacobian(lambda v: [v[0], np.array([1.0, 2.0])], X)


def test_tensorflow_jacobian_runs_eager_custom_gradients():
    # Each row is an eager backward sweep, as in vjp, so a gradient written with .numpy() works.
    tf = pytest.importorskip("tensorflow")

    @tf.custom_gradient
    def square(t):
        def gradient(dy):
            return tf.constant(2.0 * t.numpy() * dy.numpy(), dtype=tf.float64)
        return t * t, gradient

    f = lambda x: [square(x[0]), x[0] * x[1]]  # noqa: E731
    np.testing.assert_allclose(jacobian(f, [3.0, 2.0], backend="tensorflow"),
                               [[6.0, 0.0], [2.0, 3.0]], rtol=1e-12)
    np.testing.assert_allclose(vjp(f, [3.0, 2.0], [1.0, 1.0], backend="tensorflow"), [8.0, 3.0],
                               rtol=1e-12)


def test_jacobian_runs_the_reverse_engine_by_default():
    seen = []

    def f(x):
        seen.append(type(x[0]))
        return three_outputs(x)

    np.testing.assert_allclose(jacobian(f, X), J, rtol=1e-12, atol=1e-12)
    assert seen == [ad.Var]  # one recorded pass, then one backward sweep per row


def test_an_output_that_is_not_a_number_is_shown_in_the_message():
    message = r"^f must return real numbers; output 1 is '3' \(type str\)$"
    with pytest.raises(TypeError, match=message):
        jacobian(lambda v: [v[0], "3"], X)


@pytest.mark.parametrize("backend", FAST_BACKENDS)
def test_numpy_arrays_as_results(backend):
    # a 0-d array is one number (like a float); a 1-D array is a vector, even of one number
    zero_d = lambda x: np.asarray(x[0] * x[1])  # noqa: E731
    one_d = lambda x: np.array([x[0] * x[1], x[0]])  # noqa: E731
    gradient = np.array([2.0, 0.3])  # of x0 x1 at X
    if backend != "reverse":
        product = jvp(zero_d, X, [1.0, 10.0], backend=backend)
        assert isinstance(product, float)
        assert product == pytest.approx(5.0, rel=1e-6)
        np.testing.assert_allclose(jvp(one_d, X, [1.0, 10.0], backend=backend), [5.0, 1.0],
                                   **tolerance(backend))
    if backend != "forward":
        np.testing.assert_allclose(vjp(zero_d, X, 2.0, backend=backend), 2 * gradient,
                                   **tolerance(backend))
        np.testing.assert_allclose(vjp(one_d, X, [1.0, 1.0], backend=backend),
                                   gradient + [1.0, 0.0], **tolerance(backend))
    np.testing.assert_allclose(jacobian(zero_d, X, backend=backend), [gradient],
                               **tolerance(backend))
