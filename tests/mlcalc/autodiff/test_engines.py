"""Tests of mlcalc.autodiff.engines: grad on every backend, on hand-picked functions and on
random expressions checked against sympy.diff."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mlcalc import autodiff as ad
from mlcalc.autodiff import BACKENDS, Var, grad
from random_expressions import (
    DETERMINISTIC,
    SYMBOLS,
    assert_agrees,
    expressions,
    has_kink,
    points,
    relu_slope_zero_at_kink,
)


EXACT_BACKENDS = ("forward", "reverse", "sympy", "torch", "tensorflow")


FAST_BACKENDS = ("forward", "reverse", "sympy", "numeric")


LIBRARY_BACKENDS = ("torch", "tensorflow")


def needs_library(backend: str) -> None:
    """Skip the test if ``backend`` is a library that is not installed."""
    if backend in LIBRARY_BACKENDS:
        pytest.importorskip(backend)


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
    with pytest.raises(TypeError, match="^backend must be one of 'torch', 'tensorflow', 'sympy',"
                       " 'numeric', 'forward', 'reverse'; got 1 \\(type int\\)$"):
        grad(lambda t: t, 1.0, backend=1)


@pytest.mark.parametrize("backend", BACKENDS)
def test_grad_rejects_non_scalar_result(backend):
    """The mistakes a learner makes: returning the vector itself, a list of two numbers, a
    string, or nothing (a forgotten ``return``).  The message says what was expected and shows
    what f gave."""
    needs_library(backend)
    scalar = r"^f must return a single real number \(a scalar\); got "
    if backend in LIBRARY_BACKENDS:  # f(x) is the library's own tensor of two numbers
        shown = r"a result of shape \(2,\)$"
    elif backend == "numeric":
        shown = r"array\(\[.*\]\) \(type ndarray\)$"
    else:
        shown = r"\[.* \(type list\)$"
    with pytest.raises(ValueError, match=scalar + shown):
        grad(lambda v: v, [1.0, 2.0], backend=backend)
    with pytest.raises(ValueError, match=scalar + r"\[.* \(type list\)$"):
        grad(lambda t: [t, t], 1.0, backend=backend)
    with pytest.raises(ValueError, match=scalar + r"array\(\[1\., 2\.\]\) \(type ndarray\)$"):
        grad(lambda t: np.array([1.0, 2.0]), 1.0, backend=backend)
    with pytest.raises(TypeError, match=r"^f must return a real number; got 'x\*\*2' \(type str\)$"):
        grad(lambda t: "x**2", 1.0, backend=backend)
    with pytest.raises(TypeError, match=r"^f must return a real number; got None \(type NoneType\)$"):
        grad(lambda t: None, 1.0, backend=backend)


@pytest.mark.parametrize("backend", BACKENDS)
def test_grad_accepts_a_one_element_array_as_the_number_it_holds(backend):
    """grad's docstring: f returns a single real number, and only more than one number is an
    error; np.array([y]) holds one number, as value_of also accepts."""
    needs_library(backend)
    assert grad(lambda t: np.array([3.0]), 1.0, backend=backend) == 0.0
    if backend == "torch":
        result = grad(lambda t: (t * t).reshape(1), 3.0, backend=backend)
    elif backend == "tensorflow":
        tf = pytest.importorskip("tensorflow")
        result = grad(lambda t: tf.reshape(t * t, [1]), 3.0, backend=backend)
    else:
        result = grad(lambda t: np.array([t * t]), 3.0, backend=backend)
        vector = grad(lambda v: np.array([v[0] * v[1]]), [2.0, 3.0], backend=backend)
        np.testing.assert_allclose(vector, [3.0, 2.0], rtol=1e-6)
    assert result == pytest.approx(6.0, **tolerance(backend))


@pytest.mark.parametrize("point", [-4.0, -0.25])
def test_sympy_backend_says_when_the_derivative_is_not_real(point):
    # d/dx x**0.5 = 1/(2 sqrt(x)) is imaginary for x < 0: no real derivative to return
    message = rf"^f'\(x\) is not a real number at x = {point!r}; SymPy gives .*j$"
    with pytest.raises(ValueError, match=message):
        grad(lambda x: x**0.5, point, backend="sympy")


def test_sympy_backend_says_when_the_derivative_has_no_value():
    # d/dx sqrt(x) = 1/(2 sqrt(x)) at 0: SymPy has no number (its sign is undefined)
    message = (
        r"^f'\(x\) is not a finite real number at x = 0\.0; SymPy's derivative 1/\(2\*sqrt\(x\)\)"
        r" has no value there$"
    )
    with pytest.raises(ValueError, match=message):
        grad(ad.sqrt, 0.0, backend="sympy")


SMOOTH = [  # (f for grad, the same function in SymPy)
    (ad.sin, sympy.sin),
    (ad.exp, sympy.exp),
    (ad.log, sympy.log),
    (ad.tanh, sympy.tanh),
    (lambda x: x**3 - 2 * x, lambda s: s**3 - 2 * s),
    (lambda x: 1 / (1 + x**2), lambda s: 1 / (1 + s**2)),
]


@pytest.mark.parametrize("point", [0.3, 1.0, 2.5, 10.0, -1.7])
@pytest.mark.parametrize("f, expression", SMOOTH)
def test_numeric_backend_is_as_accurate_as_its_step_promises(f, expression, point):
    """The step h = eps**(1/3) max(1, |x|) balances the central difference's truncation error
    (h squared / 6 times the third derivative) against round-off (eps |f| / h); for these
    smooth functions the error stays below 1e-9 relative to max(1, |f|, |f'|).  A step 20
    times larger makes the truncation error 400 times larger (about 2e-7 here)."""
    if point < 0 and f is ad.log:  # log is defined for x > 0 only: take the mirror point
        point = -point
    s = sympy.Symbol("s")
    exact = float(sympy.diff(expression(s), s).subs(s, point))
    scale = max(1.0, abs(exact), abs(float(expression(s).subs(s, point))))
    assert abs(grad(f, point, backend="numeric") - exact) <= 1e-9 * scale
    vector = grad(lambda v: f(v[1]) + 0 * v[0], [5.0, point], backend="numeric")
    assert vector[0] == 0.0
    assert abs(vector[1] - exact) <= 1e-9 * scale


def test_numeric_backend_uses_the_documented_step():
    """grad's docstring gives the step h = eps**(1/3) max(1, |x|).  For x**3 a central difference
    is exactly 3x**2 + h**2, so at x = 0 it returns h**2 itself: the step, made visible."""
    h = sys.float_info.epsilon ** (1 / 3)
    assert grad(lambda x: x**3, 0.0, backend="numeric") == pytest.approx(h**2, rel=1e-6)
    assert grad(lambda x: x**3, 0.5, backend="numeric") - 0.75 == pytest.approx(h**2, rel=0.3)
    np.testing.assert_allclose(grad(lambda v: v[0] ** 3 + v[1], [0.0, 0.0], backend="numeric"),
                               [h**2, 1.0], rtol=1e-6)


@pytest.mark.parametrize("point", [1e6, -1e9, 1e12])
def test_numeric_backend_works_far_from_zero(point):
    # the step grows with |x|, so x + h and x - h stay apart from x even where floats are sparse
    assert grad(lambda x: x**3, point, backend="numeric") == pytest.approx(3 * point**2, rel=1e-8)
    assert grad(lambda v: v[0] * v[1], [point, 2.0], backend="numeric") == pytest.approx(
        [2.0, point], rel=1e-8)


@pytest.mark.parametrize("library", LIBRARY_BACKENDS)
def test_grad_explains_a_missing_library(library, monkeypatch):
    monkeypatch.setitem(sys.modules, library, None)  # makes `import library` fail
    label = {"torch": "PyTorch", "tensorflow": "TensorFlow"}[library]
    message = (rf"^backend='{library}' needs {label}, which is not installed; install it with:"
               rf' pip install "mlcalc\[{library}\]"$')
    with pytest.raises(ImportError, match=message):
        grad(lambda t: t, 1.0, backend=library)


def test_tensorflow_backend_keeps_tensorflow_start_up_messages_quiet(monkeypatch):
    """TensorFlow reads these variables when it starts: log level 2 hides its info lines, and
    oneDNN off hides the oneDNN notice; grad sets them unless the user set them already."""
    needs_library("tensorflow")
    monkeypatch.delenv("TF_CPP_MIN_LOG_LEVEL", raising=False)
    monkeypatch.delenv("TF_ENABLE_ONEDNN_OPTS", raising=False)
    grad(lambda x: x * x, 1.0, backend="tensorflow")
    assert (os.environ["TF_CPP_MIN_LOG_LEVEL"], os.environ["TF_ENABLE_ONEDNN_OPTS"]) == ("2", "0")
    monkeypatch.setenv("TF_CPP_MIN_LOG_LEVEL", "0")
    grad(lambda x: x * x, 1.0, backend="tensorflow")
    assert os.environ["TF_CPP_MIN_LOG_LEVEL"] == "0"


OWN_SIN = {
    "forward": "mlcalc.autodiff.sin",
    "reverse": "mlcalc.autodiff.sin",
    "sympy": "mlcalc.autodiff.sin or sympy.sin",
    "torch": "mlcalc.autodiff.sin or torch.sin",
    "tensorflow": "mlcalc.autodiff.sin or tf.math.sin",
}


@pytest.mark.parametrize("backend", sorted(OWN_SIN))
def test_grad_explains_an_f_that_turns_x_into_a_plain_float(backend):
    """math.sin(x) turns x into a float, and the derivative would be lost: every backend that
    follows f's code says so, names itself and the function to use instead."""
    needs_library(backend)
    message = (
        r"^f turned its argument into a plain float \(math\.sin\(x\), float\(x\) or x\.item\(\) do"
        rf" that\), so backend='{backend}' cannot follow the derivative through it; write f with"
        rf" {re.escape(OWN_SIN[backend])} \(and the other functions of mlcalc\.autodiff\) instead"
        r" of math's$"
    )
    with pytest.raises(TypeError, match=message):
        grad(lambda x: math.sin(x), 1.0, backend=backend)
    if backend != "tensorflow":  # TensorFlow has no hook on float(x): only a number result shows it
        with pytest.raises(TypeError, match=message):
            grad(lambda v: math.sin(v[0]) * v[1], [1.0, 2.0], backend=backend)
    if backend == "torch":
        with pytest.raises(TypeError, match=message):
            grad(lambda x: x.item() * x, 1.0, backend=backend)
        with pytest.raises(TypeError, match=message):
            grad(lambda x: float(x) + x, 1.0, backend=backend)


# PyTorch's forward mode compiles its decompositions with torch.jit.script on first use, which
# PyTorch itself now warns about; nothing of ours is deprecated.
@pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated:DeprecationWarning")
def test_the_torch_guard_also_sees_forward_mode_numbers():
    # In forward mode (jvp) PyTorch's numbers carry a tangent instead of requires_grad; turning
    # one into a float would lose the derivative just the same, so it is refused the same way.
    needs_library("torch")
    with pytest.raises(TypeError, match=r"^f turned its argument into a plain float .*backend='torch'"):
        ad.jvp(lambda x: float(x[0]) * x[1], [1.0, 2.0], [1.0, 0.0], backend="torch")


def test_a_point_of_booleans_is_refused_naming_it():
    with pytest.raises(TypeError, match=r"^x must hold real numbers, not booleans or strings; got "
                                        r"\[True, False\] \(type list\)$"):
        grad(lambda v: v[0] * v[1], [True, False])


def test_sympy_backend_passes_other_type_errors_through():
    # a TypeError that is not SymPy refusing float(symbol) is f's own mistake, shown as it is
    with pytest.raises(TypeError, match="has no len"):
        grad(lambda x: len(x), 1.0, backend="sympy")
    with pytest.raises(TypeError, match="^Cannot convert expression to float$"):
        grad(lambda x: float(sympy.Symbol("y")) * x, 1.0, backend="forward")


def test_sympy_backend_differentiates_with_real_symbols():
    # the symbols are real, so |x| differentiates to sign(x) (for complex x it has no derivative)
    assert grad(lambda x: abs(x), -2.0, backend="sympy") == -1.0
    np.testing.assert_array_equal(grad(lambda v: abs(v[0]) * v[1], [-2.0, 3.0], backend="sympy"),
                                  [-3.0, 2.0])


def test_torch_backend_allows_a_deliberate_plain_number_and_keyword_arguments():
    torch = pytest.importorskip("torch")
    # x.detach().item() is a number on purpose (to branch on): no error, the branch is followed
    f = lambda x: x * 2 if x.detach().item() > 0 else x * 3  # noqa: E731
    assert (grad(f, 1.0, backend="torch"), grad(f, -1.0, backend="torch")) == (2.0, 3.0)
    # keyword arguments reach PyTorch: d/dx softplus(x, beta=2) = sigmoid(2x)
    softplus = lambda x: torch.nn.functional.softplus(x, beta=2.0)  # noqa: E731
    assert grad(softplus, 1.0, backend="torch") == pytest.approx(1 / (1 + math.exp(-2.0)), rel=1e-12)


@pytest.mark.parametrize("backend", LIBRARY_BACKENDS)
def test_library_backend_with_a_result_that_uses_other_tensors_only(backend):
    """f may close over the library's own tensors (a model's weights): if the result depends on
    them and not on x, the derivative with respect to x is 0."""
    needs_library(backend)
    if backend == "torch":
        import torch

        weight = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    else:
        import tensorflow as tf

        weight = tf.Variable(2.0, dtype=tf.float64)
    assert grad(lambda x: weight * weight, 1.0, backend=backend) == 0.0
    np.testing.assert_array_equal(grad(lambda v: weight * 3.0, [1.0, 2.0], backend=backend), [0, 0])


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
def reference_gradient(expression, symbols, point):
    """The gradient from sympy.diff at the point, or None if the point is numerically unsafe."""
    at_point = dict(zip(symbols, point))
    value = complex(expression.evalf(subs=at_point))
    gradient = [complex(relu_slope_zero_at_kink(sympy.diff(expression, s)).evalf(subs=at_point))
                for s in symbols]
    numbers_ = [value, *gradient]
    if any(not math.isfinite(abs(z)) or abs(z) > 1e5 or z.imag != 0 for z in numbers_):
        return None
    return np.array([z.real for z in gradient])


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
        assert_agrees(result, expected, backend)



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
