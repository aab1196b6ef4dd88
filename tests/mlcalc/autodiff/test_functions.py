"""Tests of mlcalc.autodiff.functions: the elementary functions on every kind of number, and
value_of, the plain number inside any engine's number."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import sympy

from mlcalc import autodiff as ad
from mlcalc.autodiff import Dual, Var, grad, value_of


def derivative_via_var(function, at: float) -> float:
    x = Var(at)
    function(x).backward()
    return x.grad


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
# value_of
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "x, expected",
    [
        (2, 2.0),
        (2.5, 2.5),
        (np.float32(0.5), 0.5),
        (np.int64(-3), -3.0),
        (np.array(1.25), 1.25),
        (np.array([4.0]), 4.0),
        (Dual(2.0, 1.0), 2.0),
        (Var(-1.5), -1.5),
        (sympy.Rational(1, 4), 0.25),
        (sympy.sqrt(2), math.sqrt(2)),
    ],
)
def test_value_of_plain_numbers_and_from_scratch_engines(x, expected):
    result = value_of(x)
    assert isinstance(result, float) and result == pytest.approx(expected, rel=1e-15)


def test_value_of_torch_tensors_also_inside_torch_func_grad():
    torch = pytest.importorskip("torch")
    x = torch.tensor(3.0, dtype=torch.float64, requires_grad=True)
    assert value_of(x) == 3.0 and value_of(x * 2) == 6.0
    assert value_of(torch.tensor([[0.5]])) == 0.5

    def f(a):  # a branch on the value, inside a function transform
        return a**2 if value_of(a) > 0 else -a

    assert float(torch.func.grad(f)(torch.tensor(3.0))) == 6.0
    assert float(torch.func.grad(f)(torch.tensor(-3.0))) == -1.0


def test_value_of_tensorflow_tensors():
    tf = pytest.importorskip("tensorflow")
    assert value_of(tf.constant(2.5, dtype=tf.float64)) == 2.5
    assert value_of(tf.Variable([1.5], dtype=tf.float64)) == 1.5
    with pytest.raises(ValueError, match="one number"):
        value_of(tf.constant([1.0, 2.0]))


@pytest.mark.parametrize("bad", [True, "1.0", b"1", 1 + 2j, None, [1.0, "a"], sympy.Symbol("x")])
def test_value_of_rejects_what_is_not_a_real_number(bad):
    with pytest.raises(TypeError, match="x must be"):
        value_of(bad)


def test_value_of_rejects_several_numbers():
    with pytest.raises(ValueError, match="x must hold one number"):
        value_of([1.0, 2.0])
    torch = pytest.importorskip("torch")
    with pytest.raises(ValueError, match="x must hold one number"):
        value_of(torch.ones(3))


@pytest.mark.parametrize("backend", ["forward", "reverse", "torch", "numeric"])
def test_a_branch_on_value_of_gives_the_derivative_of_the_branch_taken(backend):
    def f(x):  # x**2 left of 1, 3x - 2 from 1 on: continuous, with a kink at 1
        return x * x if value_of(x) < 1 else 3 * x - 2

    assert grad(f, 0.5, backend=backend) == pytest.approx(1.0, rel=1e-8)
    assert grad(f, 2.0, backend=backend) == pytest.approx(3.0, rel=1e-8)
    if backend != "numeric":  # autodiff follows the else-branch at the kink itself
        assert grad(f, 1.0, backend=backend) == 3.0
    else:  # a central difference straddles the kink: about the mean of the slopes
        assert grad(f, 1.0, backend=backend) == pytest.approx(2.5, abs=1e-5)


# --------------------------------------------------------------------------------------------
# sqrt at 0, and what the domain errors say
# --------------------------------------------------------------------------------------------
def test_sqrt_at_zero_is_zero_with_an_infinite_slope():
    """sqrt's docstring: 0 is in its domain, and at 0 the derivative of a Dual or Var is infinite
    (the tangent of sqrt at 0 is vertical)."""
    assert ad.sqrt(0.0) == 0.0
    np.testing.assert_array_equal(ad.sqrt(np.array([0.0, 4.0])), [0.0, 2.0])
    dual = ad.sqrt(Dual(0.0, 1.0))
    assert dual.value == 0.0 and dual.derivative == math.inf
    assert derivative_via_var(ad.sqrt, 0.0) == math.inf
    assert grad(ad.sqrt, 0.0, backend="forward") == math.inf
    assert grad(ad.sqrt, 0.0, backend="reverse") == math.inf


@pytest.mark.parametrize("backend", ["forward", "reverse"])
def test_sqrt_at_zero_of_an_input_that_does_not_vary_adds_nothing(backend):
    """d/dx (x + sqrt(y)) at y = 0 is 1, and d/dy is infinite: the infinite slope belongs to y
    alone, so it must not turn the other entry into inf · 0 = NaN."""
    np.testing.assert_array_equal(
        grad(lambda v: v[0] + ad.sqrt(v[1]), [1.0, 0.0], backend=backend), [1.0, math.inf]
    )
    assert grad(lambda x: x + ad.sqrt(x * 0), 2.0, backend=backend) == 1.0


@pytest.mark.parametrize("argument", [0.0, 0, np.array([0.0, 1.0]), Dual(0.0, 1.0), Var(0.0)],
                         ids=repr)
def test_sqrt_accepts_zero_on_every_engine(argument):
    ad.sqrt(argument)  # no ValueError: 0 is in sqrt's domain


@pytest.mark.parametrize(
    "name, argument, shown",
    [
        ("log", Dual(-1.0, 1.0), r"Dual\(value=-1\.0, derivative=1\.0\) \(type Dual\)"),
        ("log", Var(0.0), r"Var\(value=0\.0, grad=0\.0\) \(type Var\)"),
        ("log", [2.0, 0.0], r"\[2\.0, 0\.0\] \(type list\)"),
        ("log", -1.0, r"-1\.0 \(type float\)"),
        ("sqrt", Dual(-1.0, 1.0), r"Dual\(value=-1\.0, derivative=1\.0\) \(type Dual\)"),
        ("sqrt", Var(-0.5), r"Var\(value=-0\.5, grad=0\.0\) \(type Var\)"),
        ("sqrt", np.array([1.0, -1.0]), r"array\(\[ 1\., -1\.\]\) \(type ndarray\)"),
    ],
)
def test_domain_errors_show_the_argument_given(name, argument, shown):
    domain = {"log": r"log\(x\) needs x > 0", "sqrt": r"sqrt\(x\) needs x >= 0"}[name]
    with pytest.raises(ValueError, match=rf"^{domain}; got x = {shown}$"):
        getattr(ad, name)(argument)


@pytest.mark.parametrize(
    "argument, shown",
    [("a", r"'a' \(type str\)"), ([[1.0], [1.0, 2.0]], r"\[\[1\.0\], \[1\.0, 2\.0\]\] \(type list\)")],
    ids=["string", "ragged list"],
)
def test_elementary_function_says_what_it_got(argument, shown):
    message = (
        r"^exp\(x\) needs x to be a real number, an array, a Dual, a Var, a SymPy expression,"
        rf" or a PyTorch or TensorFlow tensor; got x = {shown}$"
    )
    with pytest.raises(TypeError, match=message):
        ad.exp(argument)


@pytest.mark.parametrize(
    "bad, message",
    [
        (True, r"^x must be a real number; got True \(type bool\)$"),
        (sympy.I, r"^x must be a real number; got I$"),
        (1 + 2j, r"^x must be a real number, a Dual, a Var, or a PyTorch or TensorFlow tensor;"
                 r" got \(1\+2j\) \(type complex\)$"),
        ([[1.0], [1.0, 2.0]], r"^x must be a real number, a Dual, a Var, or a PyTorch or"
                              r" TensorFlow tensor; got \[\[1\.0\], \[1\.0, 2\.0\]\] \(type list\)$"),
    ],
    ids=["bool", "imaginary", "complex", "ragged"],
)
def test_value_of_says_what_it_got(bad, message):
    with pytest.raises(TypeError, match=message):
        value_of(bad)


def test_value_of_says_a_tensorflow_tensor_holds_several_numbers():
    tf = pytest.importorskip("tensorflow")
    with pytest.raises(ValueError, match=r"^x must hold one number; got a tensor of shape \(2,\)$"):
        value_of(tf.constant([1.0, 2.0]))
