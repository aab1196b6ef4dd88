"""Elementary functions that run on every kind of number, and :func:`value_of`.

:func:`exp`, :func:`log`, :func:`sin`, :func:`cos`, :func:`tanh`, :func:`sigmoid`, :func:`relu`
and :func:`sqrt` look at their argument and call the matching implementation (``Dual``, ``Var``,
PyTorch, TensorFlow, SymPy or NumPy).  So one Python function, such as
``lambda x: x**2 * sin(x)``, runs unchanged on every engine.  PyTorch and TensorFlow are imported
only when the argument is one of their tensors.
"""

from __future__ import annotations

import importlib
import math
from typing import Any, Callable

import numpy as np
import sympy

from .._checks import _given
from .forward import Dual
from .reverse import Var


def _sigmoid_float(a: float) -> float:
    if a >= 0:
        return 1.0 / (1.0 + math.exp(-a))
    e = math.exp(a)  # this form cannot overflow for very negative a
    return e / (1.0 + e)


# The value f(a) on a Python float, and the local derivative f'(a) given a and the value v = f(a).
_FLOAT_VALUE: dict[str, Callable[[float], float]] = {
    "exp": math.exp,
    "log": math.log,
    "sin": math.sin,
    "cos": math.cos,
    "tanh": math.tanh,
    "sigmoid": _sigmoid_float,
    "relu": lambda a: a if a > 0 else 0.0,
    "sqrt": math.sqrt,
}


_FLOAT_SLOPE: dict[str, Callable[[float, float], float]] = {
    "exp": lambda a, v: v,
    "log": lambda a, v: 1.0 / a,
    "sin": lambda a, v: math.cos(a),
    "cos": lambda a, v: -math.sin(a),
    "tanh": lambda a, v: 1.0 - v * v,
    "sigmoid": lambda a, v: v * (1.0 - v),
    "relu": lambda a, v: 1.0 if a > 0 else 0.0,  # 0 at the kink, as in PyTorch and TensorFlow
    "sqrt": lambda a, v: 0.5 / v if v > 0 else math.inf,
}


_NUMPY: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "exp": np.exp,
    "log": np.log,
    "sin": np.sin,
    "cos": np.cos,
    "tanh": np.tanh,
    "sigmoid": lambda a: np.exp(-np.logaddexp(0.0, -a)),  # 1/(1+e^-a) without overflow
    "relu": lambda a: np.maximum(a, 0.0),
    "sqrt": np.sqrt,
}


_SYMPY: dict[str, Callable[[Any], Any]] = {
    "exp": sympy.exp,
    "log": sympy.log,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tanh": sympy.tanh,
    "sigmoid": lambda e: 1 / (1 + sympy.exp(-e)),
    # Piecewise rather than Max: d/dx Max(0, x) is Heaviside(x), which SymPy sets to 1/2 at 0.
    "relu": lambda e: sympy.Piecewise((e, e > 0), (0, True)),
    "sqrt": sympy.sqrt,
}


def _check_domain(name: str, value: Any, x: Any) -> None:
    """Raise ``ValueError``, rather than return NaN, if ``log`` or ``sqrt`` gets a number outside
    its domain.  ``value`` holds the number(s) of the argument ``x``."""
    if name == "log" and np.any(np.asarray(value) <= 0):
        raise ValueError(f"log(x) needs x > 0; got x = {_given(x)}")
    if name == "sqrt" and np.any(np.asarray(value) < 0):
        raise ValueError(f"sqrt(x) needs x >= 0; got x = {_given(x)}")


def _library(x: Any) -> str:
    """The top-level package that defines the type of ``x`` (found without importing anything)."""
    return type(x).__module__.partition(".")[0]


def _apply(name: str, x: Any) -> Any:
    """Apply the elementary function ``name`` to ``x`` with the implementation that fits ``x``."""
    if isinstance(x, (Dual, Var)):
        _check_domain(name, x.value, x)
        value = _FLOAT_VALUE[name](x.value)
        slope = _FLOAT_SLOPE[name](x.value, value)
        if isinstance(x, Dual):
            # chain rule, forwards; a constant (derivative 0) stays constant, even where the
            # slope is infinite (sqrt at 0), rather than becoming inf · 0 = NaN
            return Dual(value, slope * x.derivative if x.derivative != 0 else 0.0)
        return Var(value, [(x, slope)])  # the local derivative, for backward()
    if _library(x) == "torch":
        torch = importlib.import_module("torch")
        return getattr(torch, name)(x)
    if _library(x) == "tensorflow":
        tf = importlib.import_module("tensorflow")
        return tf.nn.relu(x) if name == "relu" else getattr(tf.math, name)(x)
    if isinstance(x, sympy.Basic):
        return _SYMPY[name](x)
    try:
        array = np.asarray(x)
    except ValueError:  # a ragged list
        array = np.asarray(None)
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"{name}(x) needs x to be a real number, an array, a Dual, a Var, a SymPy expression,"
            f" or a PyTorch or TensorFlow tensor; got x = {_given(x)}"
        )
    _check_domain(name, array, x)
    result = _NUMPY[name](array.astype(float))
    return float(result) if result.ndim == 0 else result


def exp(x: Any) -> Any:
    """The exponential function e**x; its derivative is e**x.

    ``x`` can be a real number or a NumPy array (computed with NumPy), a :class:`Dual`, a
    :class:`Var`, a SymPy expression, or a PyTorch or TensorFlow tensor; the result has the
    same kind.

    Examples
    --------
    >>> exp(Dual(0.0, 1.0))
    Dual(value=1.0, derivative=1.0)
    >>> exp(0.0)
    1.0
    """
    return _apply("exp", x)


def log(x: Any) -> Any:
    """The natural logarithm ln x; its derivative is 1/x.

    Accepts the same kinds of ``x`` as :func:`exp`.  A real number, array, ``Dual`` or ``Var``
    that is not > 0 raises ``ValueError`` instead of returning NaN.

    Examples
    --------
    >>> log(Dual(2.0, 1.0))
    Dual(value=0.6931471805599453, derivative=0.5)
    >>> log(-1.0)
    Traceback (most recent call last):
    ...
    ValueError: log(x) needs x > 0; got x = -1.0 (type float)
    """
    return _apply("log", x)


def sin(x: Any) -> Any:
    """The sine function; its derivative is cos x.

    Accepts the same kinds of ``x`` as :func:`exp`.

    Examples
    --------
    >>> sin(Dual(0.0, 1.0))
    Dual(value=0.0, derivative=1.0)
    """
    return _apply("sin", x)


def cos(x: Any) -> Any:
    """The cosine function; its derivative is -sin x.

    Accepts the same kinds of ``x`` as :func:`exp`.

    Examples
    --------
    >>> cos(Dual(0.0, 1.0))              # -sin(0) is -0.0 in floating point
    Dual(value=1.0, derivative=-0.0)
    """
    return _apply("cos", x)


def tanh(x: Any) -> Any:
    """The hyperbolic tangent; its derivative is 1 - tanh(x)².

    Accepts the same kinds of ``x`` as :func:`exp`.

    Examples
    --------
    >>> tanh(Dual(0.0, 1.0))
    Dual(value=0.0, derivative=1.0)
    """
    return _apply("tanh", x)


def sigmoid(x: Any) -> Any:
    """The logistic sigmoid 1 / (1 + e**-x); its derivative is sigmoid(x) · (1 - sigmoid(x)).

    Accepts the same kinds of ``x`` as :func:`exp`; a SymPy argument gives
    ``1/(1 + exp(-x))``.  Large negative inputs do not overflow.

    Examples
    --------
    >>> sigmoid(Dual(0.0, 1.0))
    Dual(value=0.5, derivative=0.25)
    >>> sigmoid(-1000.0)
    0.0
    """
    return _apply("sigmoid", x)


def relu(x: Any) -> Any:
    """The rectified linear unit max(x, 0); its derivative is 1 for x > 0 and 0 for x <= 0.

    Accepts the same kinds of ``x`` as :func:`exp`; a SymPy argument gives
    ``Piecewise((x, x > 0), (0, True))``.  At the kink x = 0 the derivative is taken to be 0,
    the same choice as PyTorch and TensorFlow.

    Examples
    --------
    >>> relu(Dual(0.0, 1.0))
    Dual(value=0.0, derivative=0.0)
    >>> relu(Var(2.0)).parents[0][1]      # the local derivative for x > 0
    1.0
    """
    return _apply("relu", x)


def sqrt(x: Any) -> Any:
    """The square root; its derivative is 1 / (2 sqrt x).

    Accepts the same kinds of ``x`` as :func:`exp`.  A negative real number, array, ``Dual``
    or ``Var`` raises ``ValueError``; at 0 the derivative of a ``Dual`` or ``Var`` is infinite.

    Examples
    --------
    >>> sqrt(Dual(4.0, 1.0))
    Dual(value=2.0, derivative=0.25)
    """
    return _apply("sqrt", x)


def value_of(x: Any) -> float:
    """The plain number inside ``x``, whichever engine made it, as a float.

    Use it where a program branches, ``if value_of(x) > 0: ...``, so that the same function
    runs on every engine.  The test looks at the value only; autodiff then records the
    operations of the branch that was taken, and nothing of the other.

    Parameters
    ----------
    x : number
        A real number, a NumPy scalar or one-element array, a :class:`Dual`, a :class:`Var`,
        a one-element PyTorch or TensorFlow tensor, or a SymPy number.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``x`` is not a real number of one of these kinds (a bool, a string, a complex
        number, a SymPy expression with symbols in it, ...).
    ValueError
        If ``x`` holds more than one number.

    Examples
    --------
    >>> value_of(Dual(2.0, 1.0)), value_of(Var(3.0)), value_of(np.float32(0.5))
    (2.0, 3.0, 0.5)
    >>> from mlcalc.autodiff import grad
    >>> relu_by_branch = lambda x: x if value_of(x) > 0 else 0 * x
    >>> grad(relu_by_branch, 2.0), grad(relu_by_branch, -2.0)
    (1.0, 0.0)
    """
    if isinstance(x, (Dual, Var)):
        return x.value
    library = _library(x)
    if library in ("torch", "tensorflow"):
        size = int(x.numel()) if library == "torch" else int(np.prod(x.shape))
        if size != 1:
            raise ValueError(f"x must hold one number; got a tensor of shape {tuple(x.shape)}")
        if library == "torch":
            return float(x.detach().item())
        return float(np.asarray(x.numpy()).reshape(()))
    if isinstance(x, sympy.Basic):
        if not (isinstance(x, sympy.Expr) and x.is_number):
            raise TypeError(f"x must be a number; the SymPy expression {x} has no value")
        number = complex(x.evalf())
        if number.imag != 0:
            raise TypeError(f"x must be a real number; got {x}")
        return number.real
    if isinstance(x, (bool, np.bool_, str, bytes)):
        raise TypeError(f"x must be a real number; got {_given(x)}")
    try:
        array = np.asarray(x)
    except (TypeError, ValueError):
        array = np.asarray(None)
    if array.dtype.kind not in "iuf":
        raise TypeError(
            "x must be a real number, a Dual, a Var, or a PyTorch or TensorFlow tensor;"
            f" got {_given(x)}"
        )
    if array.size != 1:
        raise ValueError(f"x must hold one number; got an array of shape {array.shape}")
    return float(array.reshape(()))
