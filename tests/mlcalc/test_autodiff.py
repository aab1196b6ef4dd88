"""Tests of mlcalc.autodiff: Dual, Var, the elementary functions and grad on every backend."""

from __future__ import annotations

import math
import subprocess
import sys
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mlcalc import autodiff as ad
from mlcalc.autodiff import BACKENDS, Dual, Var, grad

EXACT_BACKENDS = ("forward", "reverse", "sympy", "torch", "tensorflow")
FAST_BACKENDS = ("forward", "reverse", "sympy", "numeric")
LIBRARY_BACKENDS = ("torch", "tensorflow")


def needs_library(backend: str) -> None:
    """Skip the test if ``backend`` is a library that is not installed."""
    if backend in LIBRARY_BACKENDS:
        pytest.importorskip(backend)


def derivative_via_var(function, at: float) -> float:
    x = Var(at)
    function(x).backward()
    return x.grad


# --------------------------------------------------------------------------------------------
# Dual
# --------------------------------------------------------------------------------------------
def test_dual_repr_and_attributes():
    x = Dual(2, 3)
    assert (x.value, x.derivative) == (2.0, 3.0)
    assert isinstance(x.value, float)
    assert repr(x) == "Dual(value=2.0, derivative=3.0)"
    assert Dual(5.0).derivative == 0.0


@pytest.mark.parametrize(
    "function, value, derivative",
    [
        (lambda x: x + 2, 5.0, 1.0),
        (lambda x: 2 + x, 5.0, 1.0),
        (lambda x: x - 2, 1.0, 1.0),
        (lambda x: 2 - x, -1.0, -1.0),
        (lambda x: x * 4, 12.0, 4.0),
        (lambda x: 4 * x, 12.0, 4.0),
        (lambda x: x / 2, 1.5, 0.5),
        (lambda x: 6 / x, 2.0, -6 / 9),
        (lambda x: -x, -3.0, -1.0),
        (lambda x: x**2, 9.0, 6.0),
        (lambda x: x**-1, 1 / 3, -1 / 9),
        (lambda x: x**0.5, math.sqrt(3), 0.5 / math.sqrt(3)),
        (lambda x: x**0, 1.0, 0.0),
        (lambda x: 2**x, 8.0, 8.0 * math.log(2)),
        (lambda x: x**x, 27.0, 27.0 * (math.log(3) + 1)),
        (lambda x: x * x * x - 2 * x + 1, 22.0, 25.0),
        (lambda x: (x + 1) / (x - 1), 2.0, -0.5),
        (lambda x: np.float64(2.0) * x, 6.0, 2.0),
    ],
)
def test_dual_and_var_arithmetic_at_3(function, value, derivative):
    dual = function(Dual(3.0, 1.0))
    assert isinstance(dual, Dual)
    assert dual.value == pytest.approx(value, rel=1e-14)
    assert dual.derivative == pytest.approx(derivative, rel=1e-14)
    x = Var(3.0)
    out = function(x)
    assert isinstance(out, Var)
    assert out.value == pytest.approx(value, rel=1e-14)
    out.backward()
    assert x.grad == pytest.approx(derivative, rel=1e-14)


def test_dual_with_two_dual_operands():
    # d/dt (a*b) with a = t, b = t**2 at t = 2: product rule gives 3t² = 12
    a, b = Dual(2.0, 1.0), Dual(4.0, 4.0)
    assert (a * b).derivative == 12.0
    assert (a / b).derivative == pytest.approx((1.0 * 4.0 - 2.0 * 4.0) / 16.0)
    assert (b**a).derivative == pytest.approx(16.0 * (1.0 * math.log(4.0) + 2.0 * 4.0 / 4.0))


def test_dual_power_of_negative_base():
    assert (Dual(-2.0, 1.0) ** 3).derivative == 12.0  # 3x² at x = -2
    with pytest.raises(ValueError, match="not a finite real number"):
        Dual(-8.0, 1.0) ** (1 / 3)
    with pytest.raises(ValueError, match="base > 0"):
        (-2.0) ** Dual(2.0, 1.0)


def test_dual_rejects_non_numbers():
    with pytest.raises(TypeError, match="Dual"):
        Dual(1.0, 1.0) + "a"


# --------------------------------------------------------------------------------------------
# Var
# --------------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------------
# Elementary functions
# --------------------------------------------------------------------------------------------
def _sig(a):
    return 1 / (1 + math.exp(-a))


ELEMENTARY = [
    # name, point, value, derivative
    ("exp", 0.7, math.exp(0.7), math.exp(0.7)),
    ("log", 0.7, math.log(0.7), 1 / 0.7),
    ("sin", 0.7, math.sin(0.7), math.cos(0.7)),
    ("cos", 0.7, math.cos(0.7), -math.sin(0.7)),
    ("tanh", 0.7, math.tanh(0.7), 1 - math.tanh(0.7) ** 2),
    ("sigmoid", 0.7, _sig(0.7), _sig(0.7) * (1 - _sig(0.7))),
    ("sigmoid", -3.0, _sig(-3.0), _sig(-3.0) * (1 - _sig(-3.0))),
    ("relu", 0.7, 0.7, 1.0),
    ("relu", -0.7, 0.0, 0.0),
    ("relu", 0.0, 0.0, 0.0),  # the subgradient convention of PyTorch
    ("sqrt", 0.7, math.sqrt(0.7), 0.5 / math.sqrt(0.7)),
]


@pytest.mark.parametrize("name, point, value, derivative", ELEMENTARY)
def test_elementary_function_on_dual_var_and_float(name, point, value, derivative):
    function = getattr(ad, name)
    dual = function(Dual(point, 2.0))  # the seed 2 is carried along by the chain rule
    assert dual.value == pytest.approx(value, rel=1e-14)
    assert dual.derivative == pytest.approx(2 * derivative, rel=1e-14)
    assert derivative_via_var(function, point) == pytest.approx(derivative, rel=1e-14)
    result = function(point)
    assert type(result) is float
    assert result == pytest.approx(value, rel=1e-14)


@pytest.mark.parametrize("name", ["exp", "log", "sin", "cos", "tanh", "sigmoid", "relu", "sqrt"])
def test_elementary_function_on_numpy_array_and_sympy(name):
    function = getattr(ad, name)
    points = np.array([0.5, 1.0, 2.5])
    result = function(points)
    assert isinstance(result, np.ndarray) and result.shape == (3,)
    expected = [function(float(p)) for p in points]
    np.testing.assert_allclose(result, expected, rtol=1e-14)
    np.testing.assert_allclose(function([0.5, 1.0, 2.5]), expected, rtol=1e-14)

    x = sympy.Symbol("x", real=True)
    expression = function(x)
    assert isinstance(expression, sympy.Expr)
    for point in points:
        assert float(expression.subs(x, point)) == pytest.approx(function(float(point)), rel=1e-12)


def test_sympy_forms_of_sigmoid_and_relu():
    x = sympy.Symbol("x", real=True)
    assert sympy.simplify(ad.sigmoid(x) - 1 / (1 + sympy.exp(-x))) == 0
    slope = sympy.diff(ad.relu(x), x)
    assert [slope.subs(x, value) for value in (-1, 0, 1)] == [0, 0, 1]


def test_sigmoid_does_not_overflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ad.sigmoid(-1000.0) == 0.0
        assert ad.sigmoid(1000.0) == 1.0
        np.testing.assert_array_equal(ad.sigmoid(np.array([-1000.0, 1000.0])), [0.0, 1.0])
        assert ad.sigmoid(Dual(-1000.0, 1.0)).derivative == 0.0
    assert ad.sigmoid(-40.0) == pytest.approx(math.exp(-40.0), rel=1e-12)


@pytest.mark.parametrize(
    "argument",
    [-1.0, 0.0, 0, np.float64(-2.0), Dual(-1.0, 1.0), Var(0.0), np.array([1.0, -1.0]), [2.0, 0.0]],
    ids=repr,
)
def test_log_of_non_positive_raises(argument):
    with pytest.raises(ValueError, match=r"log\(x\) needs x > 0; got x ="):
        ad.log(argument)


@pytest.mark.parametrize(
    "argument", [-1.0, Dual(-1.0, 1.0), Var(-0.5), np.array([1.0, -1.0])], ids=repr
)
def test_sqrt_of_negative_raises(argument):
    with pytest.raises(ValueError, match=r"sqrt\(x\) needs x >= 0"):
        ad.sqrt(argument)


@pytest.mark.parametrize("argument", ["a", None, 1j, [1, "a"]], ids=repr)
def test_elementary_function_rejects_non_numbers(argument):
    with pytest.raises(TypeError, match=r"exp\(x\) needs x to be"):
        ad.exp(argument)


def test_elementary_functions_on_torch_tensors():
    torch = pytest.importorskip("torch")
    t = torch.tensor([-1.0, 0.0, 2.0], dtype=torch.float64)
    for name in ("exp", "sin", "cos", "tanh", "sigmoid", "relu"):
        result = getattr(ad, name)(t)
        assert isinstance(result, torch.Tensor)
        np.testing.assert_allclose(result.numpy(), getattr(ad, name)(t.numpy()), rtol=1e-14)
    assert isinstance(ad.log(torch.tensor(2.0)), torch.Tensor)


def test_elementary_functions_on_tensorflow_tensors():
    tf = pytest.importorskip("tensorflow")
    t = tf.constant([-1.0, 0.0, 2.0], dtype=tf.float64)
    for name in ("exp", "sin", "cos", "tanh", "sigmoid", "relu"):
        result = getattr(ad, name)(t)
        assert tf.is_tensor(result)
        np.testing.assert_allclose(result.numpy(), getattr(ad, name)(t.numpy()), rtol=1e-14)
    assert tf.is_tensor(ad.sqrt(tf.Variable(4.0, dtype=tf.float64)))


# --------------------------------------------------------------------------------------------
# grad on hand-picked functions
# --------------------------------------------------------------------------------------------
def tolerance(backend: str) -> dict:
    return {"rel": 1e-6, "abs": 1e-7} if backend == "numeric" else {"rel": 1e-12, "abs": 1e-12}


@pytest.mark.parametrize("backend", BACKENDS)
def test_grad_of_scalar_function(backend):
    needs_library(backend)
    f = lambda x: x**2 * ad.sin(x)  # noqa: E731
    result = grad(f, 1.3, backend=backend)
    assert type(result) is float
    expected = 2 * 1.3 * math.sin(1.3) + 1.3**2 * math.cos(1.3)
    assert result == pytest.approx(expected, **tolerance(backend))


@pytest.mark.parametrize("backend", BACKENDS)
def test_grad_of_vector_function(backend):
    needs_library(backend)
    f = lambda v: v[0] ** 2 * v[1] + ad.exp(v[1])  # noqa: E731
    result = grad(f, [1.5, -0.5], backend=backend)
    assert isinstance(result, np.ndarray)
    assert result.dtype == np.float64 and result.shape == (2,)
    np.testing.assert_allclose(result, [2 * 1.5 * -0.5, 1.5**2 + math.exp(-0.5)], rtol=1e-6)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "f, x, expected",
    [
        (lambda x: 2**x, 1.5, 2**1.5 * math.log(2)),
        (lambda x: x**x, 1.5, 1.5**1.5 * (math.log(1.5) + 1)),
        (lambda x: 1 / (1 + x**2), 0.5, -2 * 0.5 / (1 + 0.25) ** 2),
        (lambda x: ad.log(1 + x**2) - ad.sqrt(x), 2.0, 2 * 2.0 / 5 - 0.5 / math.sqrt(2.0)),
        (lambda x: ad.tanh(ad.sigmoid(x)) * ad.cos(x), 0.3, None),
    ],
)
def test_grad_of_powers_and_compositions(backend, f, x, expected):
    needs_library(backend)
    if expected is None:  # compare with SymPy
        s = sympy.Symbol("s")
        expression = sympy.tanh(1 / (1 + sympy.exp(-s))) * sympy.cos(s)
        expected = float(sympy.diff(expression, s).subs(s, x))
    assert grad(f, x, backend=backend) == pytest.approx(expected, **tolerance(backend))


@pytest.mark.parametrize("backend", EXACT_BACKENDS)
def test_grad_of_relu_at_zero_is_zero(backend):
    needs_library(backend)
    assert grad(ad.relu, 0.0, backend=backend) == 0.0
    assert grad(ad.relu, 2.0, backend=backend) == 1.0


@pytest.mark.parametrize("backend", BACKENDS)
def test_grad_of_unused_inputs_is_zero(backend):
    needs_library(backend)
    assert grad(lambda x: 3.0, 1.0, backend=backend) == 0.0
    np.testing.assert_array_equal(grad(lambda v: 5, [1.0, 2.0], backend=backend), [0.0, 0.0])
    np.testing.assert_array_equal(grad(lambda v: v[0], [1.0, 2.0], backend=backend), [1.0, 0.0])
    assert grad(lambda x: x, 2.0, backend=backend) == 1.0


def test_grad_when_the_library_reports_no_gradient():
    torch = pytest.importorskip("torch")
    assert grad(lambda x: torch.tensor(2.0), 1.0, backend="torch") == 0.0
    tf = pytest.importorskip("tensorflow")
    assert grad(lambda x: tf.constant(2.0, tf.float64), 1.0, backend="tensorflow") == 0.0
    np.testing.assert_array_equal(
        grad(lambda v: tf.constant(2.0, tf.float64), [1.0, 2.0], backend="tensorflow"), [0, 0]
    )


@pytest.mark.parametrize(
    "x", [2, np.float32(2.0), np.int64(2), np.array(2.0)], ids=["int", "float32", "int64", "0-d"]
)
def test_grad_accepts_scalar_kinds(x):
    result = grad(lambda t: t**3, x)
    assert type(result) is float and result == 12.0


@pytest.mark.parametrize(
    "x", [[1, 2], (1.0, 2.0), np.array([1, 2]), np.array([1.0, 2.0], np.float32)], ids=repr
)
def test_grad_accepts_sequence_kinds(x):
    result = grad(lambda v: v[0] * v[1], x, backend="forward")
    np.testing.assert_array_equal(result, [2.0, 1.0])


def test_grad_default_backend_is_reverse():
    calls = []
    grad(lambda x: calls.append(type(x)) or x, 1.0)
    assert calls == [Var]


# --------------------------------------------------------------------------------------------
# grad: bad input
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("f", [3.0, None, "x**2"], ids=repr)
def test_grad_rejects_non_callable_f(f):
    with pytest.raises(TypeError, match="^f must be a callable"):
        grad(f, 1.0)


@pytest.mark.parametrize(
    "x, error, message",
    [
        (math.nan, ValueError, "^x must be a real number, not NaN"),
        (math.inf, ValueError, "^x must be finite"),
        (-math.inf, ValueError, "^x must be finite"),
        (np.float64("nan"), ValueError, "^x must be a real number, not NaN"),
        (1 + 2j, TypeError, "^x must be a real number; got"),
        (True, TypeError, "^x must be a real number; got True"),
        (np.bool_(False), TypeError, "^x must be a real number"),
        ("1.0", TypeError, "^x must be a real number .*got '1.0'"),
        ([], ValueError, "^x must not be empty"),
        (np.array([]), ValueError, "^x must not be empty"),
        ([[1.0, 2.0], [3.0, 4.0]], ValueError, r"^x must be 1-D; got an array of shape \(2, 2\)"),
        ([1.0, math.nan], ValueError, "^x must hold finite numbers"),
        ([1.0, math.inf], ValueError, "^x must hold finite numbers"),
        ([1.0, 2j], TypeError, "^x must"),
        ([True, False], TypeError, "^x must hold real numbers"),
        (["1.0", "2.0"], TypeError, "^x must hold real numbers"),
        (["a"], TypeError, "^x must be a sequence of real numbers"),
        (None, TypeError, "^x must be a real number or a 1-D sequence"),
        ({1.0, 2.0}, TypeError, "^x must be a real number or a 1-D sequence"),
    ],
    ids=repr,
)
def test_grad_rejects_bad_x(x, error, message):
    with pytest.raises(error, match=message):
        grad(lambda t: t, x)


def test_grad_rejects_unknown_backend():
    with pytest.raises(ValueError, match="^backend must be one of 'torch', 'tensorflow', 'sympy',"
                       " 'numeric', 'forward', 'reverse'; got 'jax'"):
        grad(lambda t: t, 1.0, backend="jax")
    with pytest.raises(TypeError, match="^backend must be one of .*'reverse'; got 1"):
        grad(lambda t: t, 1.0, backend=1)


@pytest.mark.parametrize("backend", BACKENDS)
def test_grad_rejects_non_scalar_result(backend):
    needs_library(backend)
    with pytest.raises(ValueError, match="^f must return a single real number"):
        grad(lambda v: v, [1.0, 2.0], backend=backend)
    with pytest.raises(ValueError, match="^f must return a single real number"):
        grad(lambda t: [t, t], 1.0, backend=backend)
    with pytest.raises(TypeError, match="^f must return a real number; got None"):
        grad(lambda t: None, 1.0, backend=backend)


@pytest.mark.parametrize("library", LIBRARY_BACKENDS)
def test_grad_explains_a_missing_library(library, monkeypatch):
    monkeypatch.setitem(sys.modules, library, None)  # makes `import library` fail
    with pytest.raises(ImportError, match=rf"pip install mlcalc\[{library}\]"):
        grad(lambda t: t, 1.0, backend=library)


def test_import_does_not_load_torch_or_tensorflow():
    code = (
        "import mlcalc, mlcalc.autodiff; import sys\n"
        "mlcalc.grad(lambda x: mlcalc.autodiff.sin(x), 1.0, backend='forward')\n"
        "assert 'torch' not in sys.modules and 'tensorflow' not in sys.modules, sorted(sys.modules)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr


# --------------------------------------------------------------------------------------------
# Property-based tests: random expressions, every backend against sympy.diff
# --------------------------------------------------------------------------------------------
SYMBOLS = sympy.symbols("x0:3", real=True)
CONSTANTS = [0.5, 1, 2, 3, -1.5]

# Each node is a pair (function of the list of inputs written with mlcalc, SymPy expression).
# The SymPy side is written with SymPy's own functions, independently of mlcalc.
UNARY = {
    "neg": (lambda a: -a, lambda e: -e),
    "square": (lambda a: a**2, lambda e: e**2),
    "cube": (lambda a: a**3, lambda e: e**3),
    "two_to": (lambda a: 2**a, lambda e: 2**e),
    "exp": (ad.exp, sympy.exp),
    "sin": (ad.sin, sympy.sin),
    "cos": (ad.cos, sympy.cos),
    "tanh": (ad.tanh, sympy.tanh),
    "sigmoid": (ad.sigmoid, lambda e: 1 / (1 + sympy.exp(-e))),
    "relu": (ad.relu, lambda e: sympy.Max(0, e)),
    "log1p_square": (lambda a: ad.log(1 + a**2), lambda e: sympy.log(1 + e**2)),
    "hypot1": (lambda a: ad.sqrt(1 + a * a), lambda e: sympy.sqrt(1 + e**2)),
}
BINARY = {
    "add": (lambda a, b: a + b, lambda e, g: e + g),
    "sub": (lambda a, b: a - b, lambda e, g: e - g),
    "mul": (lambda a, b: a * b, lambda e, g: e * g),
    "div": (lambda a, b: a / (1 + b * b), lambda e, g: e / (1 + g**2)),
    "pow": (lambda a, b: (1 + a * a) ** b, lambda e, g: (1 + e**2) ** g),
}


def _variable(i):
    return (lambda v: v[i], SYMBOLS[i])


def _constant(c):
    # Floats on both sides, so a constant subtree such as 2**(3**3**3) overflows (and the example
    # is skipped) instead of growing into a huge exact integer.
    return (lambda v: float(c), sympy.Float(c))


def _unary(name, child):
    function, symbolic = UNARY[name]
    run, expression = child
    return (lambda v: function(run(v)), symbolic(expression))


def _binary(name, left, right):
    function, symbolic = BINARY[name]
    (run_a, e), (run_b, g) = left, right
    return (lambda v: function(run_a(v), run_b(v)), symbolic(e, g))


def expressions(n_variables: int):
    leaves = st.one_of(
        st.integers(0, n_variables - 1).map(_variable),
        st.sampled_from(CONSTANTS).map(_constant),
    )

    def extend(children):
        return st.one_of(
            st.builds(_unary, st.sampled_from(sorted(UNARY)), children),
            st.builds(_binary, st.sampled_from(sorted(BINARY)), children, children),
        )

    return st.recursive(leaves, extend, max_leaves=8)


# No tiny points: TensorFlow's CPU kernels flush subnormal numbers (below 2.2e-308) to zero, so
# relu(x / 65) at x = 1e-306 has slope 0 in TensorFlow and 1/65 everywhere else.
points = st.floats(-2.0, 2.0).map(lambda p: 0.0 if abs(p) < 1e-6 else p)


def reference_gradient(expression, symbols, point):
    """The gradient from sympy.diff at the point, or None if the point is numerically unsafe."""
    at_point = dict(zip(symbols, point))
    value = complex(expression.evalf(subs=at_point))
    gradient = [complex(_relu_slope_zero_at_kink(sympy.diff(expression, s)).evalf(subs=at_point))
                for s in symbols]
    numbers_ = [value, *gradient]
    if any(not math.isfinite(abs(z)) or abs(z) > 1e5 or z.imag != 0 for z in numbers_):
        return None
    return np.array([z.real for z in gradient])


def _relu_slope_zero_at_kink(derivative):
    """d/dx Max(0, x) is Heaviside(x), which SymPy sets to 1/2 at 0; relu's convention is 0."""
    return derivative.replace(sympy.Heaviside, lambda arg, *_: sympy.Heaviside(arg, 0))


def has_kink(expression) -> bool:
    return expression.has(sympy.Max)


def compute(backend, run, x, scalar):
    """grad with one backend; None when float64 overflows somewhere along the way."""
    f = (lambda t: run([t])) if scalar else run
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # NumPy overflow in a numeric pass
            result = np.atleast_1d(grad(f, x, backend=backend))
    except OverflowError:  # math.exp and friends in Dual and Var
        return None
    return result if np.all(np.isfinite(result)) else None  # inf or NaN after an overflow


def check_backends(backends, expression_pair, point, scalar):
    run, expression = expression_pair
    symbols = SYMBOLS[: len(point)]
    expected = reference_gradient(expression, symbols, point)
    assume(expected is not None)
    x = point[0] if scalar else list(point)
    for backend in backends:
        if backend == "numeric" and has_kink(expression):
            continue  # central differences straddle the kink of relu
        result = compute(backend, run, x, scalar)
        assume(result is not None)
        if backend == "numeric":
            np.testing.assert_allclose(result, expected, rtol=1e-4, atol=1e-4, err_msg=backend)
        else:
            np.testing.assert_allclose(result, expected, rtol=1e-8, atol=1e-9, err_msg=backend)


# Deterministic: the same examples on every run, and no example database to replay.
DETERMINISTIC = dict(
    deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
FAST = settings(max_examples=150, **DETERMINISTIC)
SLOW = settings(max_examples=15, **DETERMINISTIC)  # PyTorch and TensorFlow: slower per call


@FAST
@given(expressions(1), points)
def test_fast_backends_agree_with_sympy_on_random_expressions(pair, point):
    check_backends(FAST_BACKENDS, pair, [point], scalar=True)


@FAST
@given(expressions(3), st.lists(points, min_size=3, max_size=3))
def test_fast_backends_agree_with_sympy_on_random_gradients(pair, point):
    check_backends(FAST_BACKENDS, pair, point, scalar=False)


@pytest.mark.parametrize("backend", LIBRARY_BACKENDS)
def test_library_backends_agree_with_sympy_on_random_expressions(backend):
    needs_library(backend)

    @SLOW
    @given(expressions(1), points)
    def scalar_case(pair, point):
        check_backends([backend], pair, [point], scalar=True)

    @SLOW
    @given(expressions(3), st.lists(points, min_size=3, max_size=3))
    def vector_case(pair, point):
        check_backends([backend], pair, point, scalar=False)

    scalar_case()
    vector_case()


def test_var_graph_lists_each_node_once_after_its_parents():
    from mlcalc.autodiff import Var

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
