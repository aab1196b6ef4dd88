"""Automatic differentiation: dual numbers, a reverse-mode graph, and one ``grad`` for six engines.

Introduced in: Part III, How automatic differentiation works.

The chapter builds two small engines from scratch and then checks them against the big ones:

* :class:`Dual` is forward mode.  A dual number ``a + b·ε`` with ``ε² = 0`` carries a value
  and a derivative through every operation.
* :class:`Var` is reverse mode.  Every operation records its inputs and local derivatives;
  ``backward()`` walks the graph from the output back to the inputs with the chain rule.

The elementary functions :func:`exp`, :func:`log`, :func:`sin`, :func:`cos`, :func:`tanh`,
:func:`sigmoid`, :func:`relu` and :func:`sqrt` look at their argument and call the matching
implementation (``Dual``, ``Var``, PyTorch, TensorFlow, SymPy or NumPy).  So one Python function,
such as ``lambda x: x**2 * sin(x)``, runs unchanged on every engine, and :func:`grad` computes its
derivative with the backend you name.

PyTorch and TensorFlow are imported only inside the functions that need them:
``import mlcalc.autodiff`` never imports either of them.

Examples
--------
>>> from mlcalc.autodiff import Dual, Var, grad, sin
>>> Dual(3.0, 1.0) ** 2                       # d/dx x² = 2x = 6 at x = 3
Dual(value=9.0, derivative=6.0)
>>> f = lambda x: x**2 * sin(x)
>>> [round(grad(f, 1.0, backend=name), 6) for name in ("forward", "reverse", "sympy", "numeric")]
[2.223244, 2.223244, 2.223244, 2.223244]
"""

from __future__ import annotations

import importlib
import math
import numbers
import os
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Sequence, Sized

import numpy as np
import sympy

from mlcalc._checks import (
    _given,
    as_real_array,
    check_callable,
    check_choice,
    check_positive_int,
    check_real,
)
from mlcalc._table import Table, make_table

__all__ = [
    "BACKENDS",
    "Dual",
    "Var",
    "grad",
    "GradientCost",
    "count_operations",
    "time_gradient",
    "graph_table",
    "BackendComparison",
    "compare_backends",
    "exp",
    "log",
    "sin",
    "cos",
    "tanh",
    "sigmoid",
    "relu",
    "sqrt",
    "value_of",
    "Trajectory",
    "simulate_projectile",
]

BACKENDS: tuple[str, ...] = ("torch", "tensorflow", "sympy", "numeric", "forward", "reverse")
"""The names :func:`grad` accepts for its ``backend`` argument."""


# --------------------------------------------------------------------------------------------
# Forward mode: dual numbers
# --------------------------------------------------------------------------------------------
class Dual:
    """A dual number ``value + derivative·ε`` with ``ε² = 0``: forward-mode autodiff.

    Introduced in: Part III, How automatic differentiation works.

    Seed the input with ``derivative=1``; every operation then carries d(result)/d(input) along.

    Examples
    --------
    >>> x = Dual(3.0, 1.0)               # x = 3 and dx/dx = 1
    >>> x * x + 2 * x                    # d/dx (x² + 2x) = 2x + 2 = 8
    Dual(value=15.0, derivative=8.0)
    """

    __array_ufunc__ = None  # so NumPy hands `np.float64(2.0) * Dual(...)` over to Dual

    def __init__(self, value: float, derivative: float = 0.0) -> None:
        self.value = float(value)
        self.derivative = float(derivative)

    def __repr__(self) -> str:
        return f"Dual(value={self.value!r}, derivative={self.derivative!r})"

    def __add__(self, other: Dual | float) -> Dual:
        other = _as_dual(other)
        return Dual(self.value + other.value, self.derivative + other.derivative)

    def __sub__(self, other: Dual | float) -> Dual:
        other = _as_dual(other)
        return Dual(self.value - other.value, self.derivative - other.derivative)

    def __mul__(self, other: Dual | float) -> Dual:  # product rule
        other = _as_dual(other)
        derivative = self.derivative * other.value + self.value * other.derivative
        return Dual(self.value * other.value, derivative)

    def __truediv__(self, other: Dual | float) -> Dual:  # quotient rule
        other = _as_dual(other)
        quotient = self.value / other.value
        return Dual(quotient, (self.derivative - quotient * other.derivative) / other.value)

    def __pow__(self, other: Dual | float) -> Dual:  # power rule, and a**c·ln a for the exponent
        other = _as_dual(other)
        base_varies, exponent_varies = self.derivative != 0, other.derivative != 0
        value, d_base, d_exponent = _power_rule(
            self.value, other.value, base_varies, exponent_varies
        )
        return Dual(value, d_base * self.derivative + d_exponent * other.derivative)

    def __neg__(self) -> Dual:
        return Dual(-self.value, -self.derivative)

    __radd__ = __add__  # 2 + x is x + 2
    __rmul__ = __mul__  # 2 * x is x * 2

    def __rsub__(self, other: float) -> Dual:
        return _as_dual(other) - self

    def __rtruediv__(self, other: float) -> Dual:
        return _as_dual(other) / self

    def __rpow__(self, other: float) -> Dual:
        return _as_dual(other) ** self


# --------------------------------------------------------------------------------------------
# Reverse mode: a computation graph
# --------------------------------------------------------------------------------------------
class Var:
    """A variable in a computation graph: reverse-mode autodiff.

    Introduced in: Part III, How automatic differentiation works.

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
        order, seen, stack = [], set(), [(self, False)]
        while stack:  # depth-first search: a node joins `order` after all of its parents
            node, parents_done = stack.pop()
            if parents_done:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((parent, False) for parent, _ in reversed(node.parents))
        return order

    def backward(self) -> None:
        """Set ``grad`` = d(self)/d(node) on every node of the graph that leads to ``self``."""
        order = self.graph()
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):  # from the output back to the inputs: the chain rule
            for parent, local_derivative in node.parents:
                parent.grad += local_derivative * node.grad


def _as_dual(other: Any) -> Dual:
    if isinstance(other, Dual):
        return other
    if isinstance(other, numbers.Real):
        return Dual(other, 0.0)
    raise TypeError(f"a Dual can be combined with a Dual or a real number; got {_given(other)}")


def _as_var(other: Any) -> Var:
    if isinstance(other, Var):
        return other
    if isinstance(other, numbers.Real):
        return Var(other)
    raise TypeError(f"a Var can be combined with a Var or a real number; got {_given(other)}")


def _power(base: float, exponent: float) -> float:
    try:
        return math.pow(base, exponent)
    except ValueError:
        raise ValueError(f"{base!r} ** {exponent!r} is not a finite real number") from None


def _power_rule(
    base: float, exponent: float, base_varies: bool, exponent_varies: bool
) -> tuple[float, float, float]:
    """Return ``base ** exponent`` and its two partial derivatives (0 when not needed)."""
    value = _power(base, exponent)
    d_base = exponent * _power(base, exponent - 1) if base_varies and exponent != 0 else 0.0
    d_exponent = 0.0
    if exponent_varies:
        if base <= 0:
            raise ValueError(
                "the derivative of base ** exponent with respect to the exponent needs base > 0;"
                f" got base = {base!r}"
            )
        d_exponent = value * math.log(base)
    return value, d_base, d_exponent


# --------------------------------------------------------------------------------------------
# Elementary functions that work on every kind of number
# --------------------------------------------------------------------------------------------
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
            return Dual(value, slope * x.derivative)  # chain rule, forwards
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

    Introduced in: Part III, How automatic differentiation works.

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

    Introduced in: Part III, How automatic differentiation works.

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

    Introduced in: Part III, How automatic differentiation works.

    Accepts the same kinds of ``x`` as :func:`exp`.

    Examples
    --------
    >>> sin(Dual(0.0, 1.0))
    Dual(value=0.0, derivative=1.0)
    """
    return _apply("sin", x)


def cos(x: Any) -> Any:
    """The cosine function; its derivative is -sin x.

    Introduced in: Part III, How automatic differentiation works.

    Accepts the same kinds of ``x`` as :func:`exp`.

    Examples
    --------
    >>> cos(Dual(0.0, 1.0))              # -sin(0) is -0.0 in floating point
    Dual(value=1.0, derivative=-0.0)
    """
    return _apply("cos", x)


def tanh(x: Any) -> Any:
    """The hyperbolic tangent; its derivative is 1 - tanh(x)².

    Introduced in: Part III, How automatic differentiation works.

    Accepts the same kinds of ``x`` as :func:`exp`.

    Examples
    --------
    >>> tanh(Dual(0.0, 1.0))
    Dual(value=0.0, derivative=1.0)
    """
    return _apply("tanh", x)


def sigmoid(x: Any) -> Any:
    """The logistic sigmoid 1 / (1 + e**-x); its derivative is sigmoid(x) · (1 - sigmoid(x)).

    Introduced in: Part III, How automatic differentiation works.

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

    Introduced in: Part III, How automatic differentiation works.

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

    Introduced in: Part III, How automatic differentiation works.

    Accepts the same kinds of ``x`` as :func:`exp`.  A negative real number, array, ``Dual``
    or ``Var`` raises ``ValueError``; at 0 the derivative of a ``Dual`` or ``Var`` is infinite.

    Examples
    --------
    >>> sqrt(Dual(4.0, 1.0))
    Dual(value=2.0, derivative=0.25)
    """
    return _apply("sqrt", x)


# --------------------------------------------------------------------------------------------
# grad: one call, six engines
# --------------------------------------------------------------------------------------------
def grad(
    f: Callable[[Any], Any],
    x: float | Sequence[float] | np.ndarray,
    backend: str = "reverse",
) -> float | np.ndarray:
    """The derivative (or gradient) of a scalar function ``f`` at ``x``, computed by ``backend``.

    Introduced in: Part III, How automatic differentiation works.

    Write ``f`` with ``+ - * / **`` and the functions of this module (:func:`exp`, :func:`sin`,
    ...) and the same ``f`` runs on every backend.  For a vector ``x``, ``f`` receives one
    indexable object, so write it as ``lambda v: v[0]**2 * v[1]``.

    Parameters
    ----------
    f : callable
        A function of one real number, or of one vector, that returns a single real number.
    x : float or 1-D sequence of floats
        The point at which to differentiate: finite real number(s).
    backend : {"reverse", "forward", "sympy", "numeric", "torch", "tensorflow"}
        ``"reverse"`` uses :class:`Var` and ``"forward"`` uses :class:`Dual` (one pass per
        coordinate).  ``"sympy"`` differentiates symbolically (with symbols ``x``, or ``x0, x1,
        ...`` for a vector) and evaluates at ``x``.  ``"numeric"`` uses central differences with
        the step ``h = eps**(1/3) · max(1, |x|)``.  ``"torch"`` and ``"tensorflow"`` use the
        libraries' autodiff in float64 (install them with ``pip install mlcalc[torch]`` or
        ``pip install mlcalc[tensorflow]``).

    Returns
    -------
    float or numpy.ndarray
        f'(x) as a float when ``x`` is a number; the gradient as a 1-D float array of the same
        length as ``x`` when ``x`` is a sequence.  Inputs that ``f`` does not use get 0.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x`` is not real (complex, bool, string), ``backend`` is not
        a string, or ``f`` returns something other than a number.
    ValueError
        If ``x`` is NaN, infinite, empty or not 1-D, ``backend`` is unknown, or ``f`` returns
        more than one number.
    ImportError
        If ``backend`` is ``"torch"`` or ``"tensorflow"`` and that library is not installed.

    Examples
    --------
    >>> grad(lambda x: x**3, 2.0)
    12.0
    >>> grad(lambda x: x**3, 2.0, backend="sympy")
    12.0
    >>> f = lambda v: v[0]**2 * v[1] + exp(v[1])
    >>> grad(f, [1.0, 0.0], backend="forward")
    array([0., 2.])
    >>> grad(f, [1.0, 0.0], backend="autograd")
    Traceback (most recent call last):
    ...
    ValueError: backend must be one of 'torch', 'tensorflow', 'sympy', 'numeric', 'forward', 'reverse'; got 'autograd'
    """
    check_callable("f", f)
    point = _check_point(x)
    if not isinstance(backend, str):
        options = ", ".join(repr(name) for name in BACKENDS)
        raise TypeError(f"backend must be one of {options}; got {_given(backend)}")
    check_choice("backend", backend, BACKENDS)
    return _GRADIENT_BY_BACKEND[backend](f, point)


def _check_point(x: Any) -> float | np.ndarray:
    """Return ``x`` as a float, or as a 1-D float array; reject anything else."""
    if isinstance(x, np.ndarray) and x.ndim == 0:
        x = x[()]
    if isinstance(x, (str, bytes)) or not (
        isinstance(x, (numbers.Number, np.generic, Sequence)) or hasattr(x, "__array__")
    ):
        raise TypeError(
            f"x must be a real number or a 1-D sequence of real numbers; got {_given(x)}"
        )
    if isinstance(x, (numbers.Number, np.generic)):
        return check_real("x", x)
    array = as_real_array("x", x)
    if np.asarray(x).dtype.kind in "bSU":
        raise TypeError(f"x must hold real numbers, not booleans or strings; got {_given(x)}")
    return array


def _check_real_number(result: Any) -> None:
    """Check that ``f`` returned one real number (used when ``f`` did not return a backend type,
    for example a constant that does not depend on x)."""
    if isinstance(result, (numbers.Real, np.integer, np.floating)) and not isinstance(result, bool):
        return
    if isinstance(result, np.ndarray) and result.size == 1 and result.dtype.kind in "iuf":
        return
    if isinstance(result, Sized) and not isinstance(result, (str, bytes)):
        raise ValueError(f"f must return a single real number (a scalar); got {_given(result)}")
    raise TypeError(f"f must return a real number; got {_given(result)}")


def _check_size(size: int, shape: Any) -> None:
    if size != 1:
        raise ValueError(
            f"f must return a single real number (a scalar); got a result of shape {tuple(shape)}"
        )


def _finish(point: float | np.ndarray, gradient: Any) -> float | np.ndarray:
    """Shape a backend's answer like ``point``; ``None`` (``f`` did not use x) means 0."""
    if gradient is None:
        gradient = np.zeros(np.shape(point))
    gradient = np.asarray(gradient, dtype=float)
    if isinstance(point, float):
        return float(gradient.reshape(()))
    return gradient.reshape(point.shape)


def _gradient_forward(f: Callable, point: float | np.ndarray) -> float | np.ndarray:
    def derivative_of(result: Any) -> float:
        if isinstance(result, Dual):
            return result.derivative
        _check_real_number(result)
        return 0.0

    if isinstance(point, float):
        return derivative_of(f(Dual(point, 1.0)))
    gradient = np.zeros(point.size)
    for i in range(point.size):  # one forward pass per coordinate, seeded with dx_i/dx_i = 1
        duals = [Dual(value, 1.0 if j == i else 0.0) for j, value in enumerate(point)]
        gradient[i] = derivative_of(f(duals))
    return gradient


def _gradient_reverse(f: Callable, point: float | np.ndarray) -> float | np.ndarray:
    if isinstance(point, float):
        inputs = [Var(point)]
        result = f(inputs[0])
    else:
        inputs = [Var(value) for value in point]
        result = f(inputs)
    if not isinstance(result, Var):
        _check_real_number(result)
        return _finish(point, None)
    result.backward()
    return _finish(point, [node.grad for node in inputs])


def _gradient_sympy(f: Callable, point: float | np.ndarray) -> float | np.ndarray:
    if isinstance(point, float):
        symbols = [sympy.Symbol("x", real=True)]
        expression = f(symbols[0])
    else:
        symbols = list(sympy.symbols(f"x0:{point.size}", real=True))
        expression = f(symbols)
    if not isinstance(expression, sympy.Expr):
        _check_real_number(expression)
        return _finish(point, None)
    at_point = dict(zip(symbols, np.atleast_1d(point).tolist()))
    gradient = []
    for symbol in symbols:
        number = complex(sympy.diff(expression, symbol).evalf(subs=at_point))
        if number.imag != 0:
            raise ValueError(f"f'(x) is not a real number at x = {point!r}; SymPy gives {number}")
        gradient.append(number.real)
    return _finish(point, gradient)


def _gradient_numeric(f: Callable, point: float | np.ndarray) -> float | np.ndarray:
    def value_at(p: Any) -> float:
        result = f(p)
        _check_real_number(result)
        return float(np.asarray(result).reshape(()))

    def step(value: float) -> float:  # balances truncation error (h²) and round-off (eps/h)
        return sys.float_info.epsilon ** (1 / 3) * max(1.0, abs(float(value)))

    if isinstance(point, float):
        h = step(point)
        return (value_at(point + h) - value_at(point - h)) / ((point + h) - (point - h))
    gradient = np.zeros(point.size)
    for i in range(point.size):
        forward, backward = point.copy(), point.copy()
        forward[i] += step(point[i])
        backward[i] -= step(point[i])
        gradient[i] = (value_at(forward) - value_at(backward)) / (forward[i] - backward[i])
    return gradient


def _import_backend(module_name: str) -> Any:
    if module_name == "tensorflow":  # keep TensorFlow's start-up messages off stderr
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    try:
        return importlib.import_module(module_name)
    except ImportError as error:
        label = {"torch": "PyTorch", "tensorflow": "TensorFlow"}[module_name]
        raise ImportError(
            f"backend={module_name!r} needs {label}, which is not installed;"
            f" install it with: pip install mlcalc[{module_name}]"
        ) from error


def _gradient_torch(f: Callable, point: float | np.ndarray) -> float | np.ndarray:
    torch = _import_backend("torch")
    x = torch.tensor(point, dtype=torch.float64, requires_grad=True)
    result = f(x)
    if not isinstance(result, torch.Tensor):
        _check_real_number(result)
        return _finish(point, None)
    _check_size(result.numel(), result.shape)
    if not result.requires_grad:  # f did not use x
        return _finish(point, None)
    (gradient,) = torch.autograd.grad(result.reshape(()), x, allow_unused=True)
    return _finish(point, None if gradient is None else gradient.detach().numpy())


def _gradient_tensorflow(f: Callable, point: float | np.ndarray) -> float | np.ndarray:
    tf = _import_backend("tensorflow")
    x = tf.Variable(point, dtype=tf.float64)
    with tf.GradientTape() as tape:
        result = f(x)
    if not isinstance(result, (tf.Tensor, tf.Variable)):
        _check_real_number(result)
        return _finish(point, None)
    _check_size(int(tf.size(result)), result.shape)
    gradient = tape.gradient(result, x)
    return _finish(point, None if gradient is None else tf.convert_to_tensor(gradient).numpy())


_GRADIENT_BY_BACKEND: dict[str, Callable[[Callable, Any], float | np.ndarray]] = {
    "torch": _gradient_torch,
    "tensorflow": _gradient_tensorflow,
    "sympy": _gradient_sympy,
    "numeric": _gradient_numeric,
    "forward": _gradient_forward,
    "reverse": _gradient_reverse,
}


# --------------------------------------------------------------------------------------------
# What the two modes cost, the graph as a table, and all engines side by side
# (Part III, How automatic differentiation works)
# --------------------------------------------------------------------------------------------
_FROM_SCRATCH = ("forward", "reverse")


def _check_backend(backend: Any, choices: tuple[str, ...]) -> str:
    if not isinstance(backend, str):
        options = ", ".join(repr(name) for name in choices)
        raise TypeError(f"backend must be one of {options}; got {_given(backend)}")
    return check_choice("backend", backend, choices)


class GradientCost(NamedTuple):
    """The work of one gradient by :class:`Dual` or :class:`Var`, counted by :func:`count_operations`.

    Introduced in: Part III, How automatic differentiation works.
    """

    passes: int
    """How many times ``f`` ran: once per input in forward mode, once in reverse mode."""
    operations: int
    """How many ``Dual`` or ``Var`` numbers were made: one per input, per constant, and per
    arithmetic operation or elementary function."""


def count_operations(
    f: Callable[[Any], Any],
    x: float | Sequence[float] | np.ndarray,
    backend: str = "reverse",
) -> GradientCost:
    """Count the work that forward or reverse mode does for the gradient of ``f`` at ``x``.

    Introduced in: Part III, How automatic differentiation works.

    The count is exact and the same on every computer, unlike a time.  Every operation of
    :class:`Dual` and :class:`Var` makes exactly one new number, so counting the numbers made
    while :func:`grad` runs counts the operations.  The ``backward()`` sweep of reverse mode makes
    no numbers: it visits each recorded operation once more, so its work grows like the count.

    Parameters
    ----------
    f : callable
        A scalar function of one real number or of one vector, as for :func:`grad`.
    x : float or 1-D sequence of floats
        The point.
    backend : {"reverse", "forward"}
        ``"forward"`` counts :class:`Dual` numbers, ``"reverse"`` counts :class:`Var` numbers.

    Returns
    -------
    GradientCost
        ``passes`` (how many times ``f`` ran) and ``operations`` (numbers made).

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x`` is not real, or ``backend`` is not a string.
    ValueError
        If ``backend`` is not ``"forward"`` or ``"reverse"``, or ``x`` is not finite or not 1-D.

    Examples
    --------
    >>> f = lambda v: v[0] * v[1] + sin(v[0])       # 2 inputs, 3 operations
    >>> count_operations(f, [2.0, 3.0], backend="reverse")
    GradientCost(passes=1, operations=5)
    >>> count_operations(f, [2.0, 3.0], backend="forward")   # one pass per input
    GradientCost(passes=2, operations=10)
    """
    check_callable("f", f)
    point = _check_point(x)
    backend = _check_backend(backend, _FROM_SCRATCH)
    kind = Dual if backend == "forward" else Var
    counts = {"passes": 0, "operations": 0}
    original_init = kind.__dict__["__init__"]

    def counting_init(self: Any, *args: Any, **kwargs: Any) -> None:
        counts["operations"] += 1
        original_init(self, *args, **kwargs)

    def counted_f(v: Any) -> Any:
        counts["passes"] += 1
        return f(v)

    kind.__init__ = counting_init  # type: ignore[method-assign]
    try:
        grad(counted_f, point, backend=backend)
    finally:
        kind.__init__ = original_init  # type: ignore[method-assign]
    return GradientCost(counts["passes"], counts["operations"])


def time_gradient(
    f: Callable[[Any], Any],
    n_inputs: int | Sequence[int],
    backend: str = "reverse",
    repeats: int = 3,
) -> float | np.ndarray:
    """Measure how long :func:`grad` takes for a function of ``n`` inputs, in seconds.

    Introduced in: Part III, How automatic differentiation works.

    For each ``n``, the gradient is taken at ``x = (0.5, ..., 1.5)`` (``n`` evenly spaced
    points), once untimed to warm up (imports, caches) and then ``repeats`` times; the
    shortest time is kept, because interruptions only ever make a run slower.  Times depend
    on the computer and its load: compare them with each other, never with a fixed number.

    Parameters
    ----------
    f : callable
        A scalar function of one vector, written as for :func:`grad` (for example
        ``lambda v: sum(sin(v[i]) * v[i + 1] for i in range(len(v) - 1))``).
    n_inputs : int or sequence of int
        The number(s) of inputs, each >= 1.
    backend : str
        Any name in :data:`BACKENDS`.
    repeats : int
        How many timed runs per ``n`` (>= 1).

    Returns
    -------
    float or numpy.ndarray
        The best time in seconds (> 0): a float for one ``n``, an array with one time per
        ``n`` for a sequence.

    Raises
    ------
    TypeError
        If ``f`` is not callable, or ``n_inputs``, ``repeats`` or ``backend`` has the wrong type.
    ValueError
        If a number of inputs or ``repeats`` is < 1, ``n_inputs`` is empty, or ``backend`` is
        unknown.

    Examples
    --------
    >>> f = lambda v: sum(sin(v[i]) * v[i + 1] for i in range(len(v) - 1))
    >>> times = time_gradient(f, [2, 4, 8], backend="reverse", repeats=2)
    >>> times.shape, bool((times > 0).all())
    ((3,), True)
    """
    import time

    check_callable("f", f)
    backend = _check_backend(backend, BACKENDS)
    repeats = check_positive_int("repeats", repeats)
    single = isinstance(n_inputs, (numbers.Integral, np.integer)) and not isinstance(
        n_inputs, bool
    )
    if isinstance(n_inputs, (str, bytes)) or not (single or isinstance(n_inputs, Iterable)):
        raise TypeError(
            f"n_inputs must be an integer >= 1 or a sequence of them; got {_given(n_inputs)}"
        )
    sizes = [check_positive_int("n_inputs", n) for n in ([n_inputs] if single else n_inputs)]
    if not sizes:
        raise ValueError("n_inputs must not be empty")
    resolution = time.get_clock_info("perf_counter").resolution
    best = []
    for n in sizes:
        point = np.linspace(0.5, 1.5, n)
        grad(f, point, backend=backend)  # warm-up, not timed
        runs = []
        for _ in range(repeats):
            start = time.perf_counter()
            grad(f, point, backend=backend)
            runs.append(time.perf_counter() - start)
        best.append(max(min(runs), resolution))
    return best[0] if single else np.array(best)


def graph_table(output: Var, names: Mapping[str, Var] | None = None) -> Table:
    """The computation graph behind ``output`` as a table: one row per node, inputs first.

    Introduced in: Part III, How automatic differentiation works.

    Columns: the node's name, its value, the nodes it was made from with the local derivative
    d(node)/d(input) of each, and its ``grad``.  Call ``output.backward()`` first to fill in
    the grads (before that they are 0).  Nodes named in ``names`` keep their names; other
    nodes without inputs are constants and show their value; the rest are ``v1, v2, ...`` in
    the order they were computed.

    Parameters
    ----------
    output : Var
        The result of a computation with :class:`Var`.
    names : mapping of str to Var, optional
        Names for some nodes, usually the inputs: ``{"x": x, "y": y}``.

    Returns
    -------
    Table
        Shows as an HTML table in a notebook and as aligned text when printed;
        ``table.column("grad")`` gives one column.

    Raises
    ------
    TypeError
        If ``output`` is not a ``Var``, or ``names`` is not a mapping from strings to ``Var``.

    Examples
    --------
    >>> x = Var(3.0)
    >>> y = x * x + 2 * x
    >>> y.backward()
    >>> print(graph_table(y, {"x": x}))
    node  value  made from (local derivative)  grad
       x      3                                   8
      v1      9                  x (3), x (3)     1
       2      2                                   3
      v2      6                  x (2), 2 (3)     1
      v3     15                v1 (1), v2 (1)     1
    """
    if not isinstance(output, Var):
        raise TypeError(f"output must be a Var; got {_given(output)}")
    names = {} if names is None else names
    if not isinstance(names, Mapping):
        raise TypeError(f"names must be a mapping from names to Var; got {_given(names)}")
    label: dict[int, str] = {}
    for name, node in names.items():
        if not isinstance(name, str) or not isinstance(node, Var):
            raise TypeError(
                f"names must map strings to Var; got {name!r}: {_given(node)}"
            )
        label[id(node)] = name
    rows, computed = [], 0
    for node in output.graph():
        if id(node) not in label:
            if node.parents:
                computed += 1
                label[id(node)] = f"v{computed}"
            else:
                label[id(node)] = f"{node.value:g}"
        made_from = ", ".join(f"{label[id(p)]} ({d:.4g})" for p, d in node.parents)
        rows.append((label[id(node)], node.value, made_from, node.grad))
    return make_table(("node", "value", "made from (local derivative)", "grad"), rows)


def _format_gradient(value: float | np.ndarray, digits: int) -> str:
    if isinstance(value, float):
        return f"{value:.{digits}g}"
    return "[" + ", ".join(f"{v:.{digits}g}" for v in value) + "]"


@dataclass(frozen=True)
class BackendComparison:
    """Gradients of several functions by several backends, from :func:`compare_backends`.

    Introduced in: Part III, How automatic differentiation works.

    ``gradients[backend][name]`` is the gradient of the function called ``name``.  Shows as a
    table with one row per backend and one column per function, and a last row "spread": the
    largest difference between two backends for that function.  Gradients are shown with 6
    significant digits; ``table(digits)`` chooses another number.
    """

    names: tuple[str, ...]
    backends: tuple[str, ...]
    gradients: dict[str, dict[str, float | np.ndarray]]

    def spread(self, backends: Sequence[str] | None = None) -> dict[str, float]:
        """For each function, the largest difference between the gradients of two ``backends``
        (default: all of them), over all components."""
        chosen = self.backends if backends is None else tuple(backends)
        for backend in chosen:
            check_choice("backends", backend, self.backends)
        result = {}
        for name in self.names:
            values = np.array([np.atleast_1d(self.gradients[b][name]) for b in chosen])
            result[name] = float(np.max(values.max(axis=0) - values.min(axis=0)))
        return result

    def table(self, digits: int = 6) -> Table:
        """The comparison as a :class:`~mlcalc._table.Table`, gradients rounded to ``digits`` significant digits."""
        digits = check_positive_int("digits", digits)
        rows = [
            (b, *(_format_gradient(self.gradients[b][n], digits) for n in self.names))
            for b in self.backends
        ]
        rows.append(("spread", *(f"{s:.1e}" for s in self.spread().values())))
        return make_table(("backend", *self.names), rows)

    def __str__(self) -> str:
        return str(self.table())

    def _repr_html_(self) -> str:  # no line breaks inside a gradient such as [0.5, 1.25]
        style = '<table style="white-space: nowrap; font-size: 0.85em">'
        return self.table()._repr_html_().replace("<table>", style, 1)


def compare_backends(
    functions: Mapping[str, tuple[Callable[[Any], Any], float | Sequence[float]]],
    backends: Sequence[str] = BACKENDS,
) -> BackendComparison:
    """Take the same gradients with several engines of :func:`grad`, to see that they agree.

    Introduced in: Part III, How automatic differentiation works.

    Parameters
    ----------
    functions : mapping of str to (f, x)
        A name (the column heading) for each function, with the function and the point at
        which to take its gradient, written as for :func:`grad`.
    backends : sequence of str
        Names from :data:`BACKENDS` (default: all six).

    Returns
    -------
    BackendComparison
        The gradients; ``.spread()`` gives the largest disagreement for each function.

    Raises
    ------
    TypeError
        If ``functions`` is not a mapping of names to pairs ``(f, x)``, or for the reasons
        :func:`grad` gives.
    ValueError
        If ``functions`` or ``backends`` is empty, a backend is unknown, or for the reasons
        :func:`grad` gives.

    Examples
    --------
    >>> result = compare_backends(
    ...     {"x**3": (lambda x: x**3, 2.0), "x*y": (lambda v: v[0] * v[1], [2.0, 3.0])},
    ...     backends=["forward", "reverse", "sympy"],
    ... )
    >>> print(result)
    backend  x**3    x*y
    forward    12  [3, 2]
    reverse    12  [3, 2]
      sympy    12  [3, 2]
     spread 0.0e+00 0.0e+00
    """
    if not isinstance(functions, Mapping):
        raise TypeError(
            f"functions must be a mapping from names to pairs (f, x); got {_given(functions)}"
        )
    if not functions:
        raise ValueError("functions must not be empty")
    if isinstance(backends, str):
        raise TypeError(f"backends must be a sequence of backend names; got {_given(backends)}")
    chosen = tuple(_check_backend(b, BACKENDS) for b in backends)
    if not chosen:
        raise ValueError("backends must not be empty")
    cases = {}
    for name, case in functions.items():
        if not isinstance(case, tuple) or len(case) != 2:
            raise TypeError(f"functions[{name!r}] must be a pair (f, x); got {_given(case)}")
        cases[str(name)] = case
    gradients = {b: {name: grad(f, x, backend=b) for name, (f, x) in cases.items()} for b in chosen}
    return BackendComparison(tuple(cases), chosen, gradients)


# --------------------------------------------------------------------------------------------
# Programs with branches and loops (Part III, The future: differentiable programming)
# --------------------------------------------------------------------------------------------
def value_of(x: Any) -> float:
    """The plain number inside ``x``, whichever engine made it, as a float.

    Introduced in: Part III, The future: differentiable programming.

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
            return float(x.item())
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


class Trajectory(NamedTuple):
    """The flight of a projectile, from :func:`simulate_projectile`.

    Introduced in: Part III, The future: differentiable programming.

    ``x`` and ``y`` hold numbers of the engine that ran the simulation (floats, ``Var``,
    PyTorch tensors, ...); ``path()`` gives plain floats for plotting.
    """

    x: tuple[Any, ...]
    """Horizontal positions (m) at the times 0, dt, 2 dt, ..., up to and including the first
    point below the ground."""
    y: tuple[Any, ...]
    """Heights (m) at the same times, all >= 0 except the last."""
    landing_x: Any
    """Where the flight crosses y = 0 (m), interpolated linearly between the last two points."""

    def path(self) -> np.ndarray:
        """The points above the ground, then the landing point ``(landing_x, 0)``, as an
        ``(n, 2)`` float array."""
        points = [(value_of(x), value_of(y)) for x, y in zip(self.x[:-1], self.y[:-1])]
        points.append((value_of(self.landing_x), 0.0))
        return np.array(points, dtype=float)


def _check_flight_number(name: str, value: Any, lowest: float | None, strict: bool) -> None:
    """Check an input of :func:`simulate_projectile` that may be a number of any engine."""
    try:
        number = value_of(value)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be a real number, a Dual, a Var, or a one-element tensor;"
            f" got {_given(value)}"
        ) from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite; got {number}")
    if lowest is not None and (number <= lowest if strict else number < lowest):
        raise ValueError(f"{name} must be {'>' if strict else '>='} {lowest:g}; got {number}")


def simulate_projectile(
    angle: Any,
    speed: Any,
    drag: Any = 0.0,
    dt: float = 0.01,
    steps: int = 10_000,
    *,
    g: float = 9.81,
) -> Trajectory:
    """Fly a projectile through the air with explicit Euler steps, until it lands.

    Introduced in: Part III, The future: differentiable programming.

    The projectile starts at (0, 0) with velocity ``speed * (cos angle, sin angle)``.  Gravity
    pulls it down and air drag, proportional to the square of the speed, slows it: its
    acceleration is ``(0, -g) - drag * |v| * v``.  Each step of ``dt`` seconds moves the
    position with the current velocity and then updates the velocity (explicit Euler).  The
    loop stops at the first point below the ground, and the landing point is interpolated
    linearly between that point and the one before, so that it changes smoothly with the
    inputs and can be differentiated.

    ``angle``, ``speed`` and ``drag`` can be floats, or numbers of an autodiff engine: a
    :class:`Dual`, a :class:`Var`, or a PyTorch or TensorFlow tensor.  The simulation computes
    with them like any other numbers, so autodiff differentiates the landing point through
    the whole loop.  (PyTorch and TensorFlow are used only if you pass their tensors.)

    Parameters
    ----------
    angle : float or engine number
        Launch angle above the horizontal, in radians.
    speed : float or engine number
        Launch speed in m/s; > 0.
    drag : float or engine number
        Drag coefficient per unit mass in 1/m, that is ``air density * C_d * area /
        (2 * mass)``; >= 0.  The default 0 means no air.
    dt : float
        Time step in s; > 0.  Explicit Euler is accurate to first order: without drag the
        landing point is off by about ``speed * cos(angle) * dt``.
    steps : int
        The largest number of steps to take; >= 1.
    g : float
        Gravitational acceleration in m/s^2; > 0.

    Returns
    -------
    Trajectory
        ``x`` and ``y`` at every step and the interpolated ``landing_x``.

    Raises
    ------
    TypeError
        If ``angle``, ``speed`` or ``drag`` is not a real number of a kind listed above, or
        ``dt``, ``steps`` or ``g`` is not a real number (an integer for ``steps``).
    ValueError
        If a number is not finite, ``speed``, ``dt`` or ``g`` is not > 0, ``drag`` is < 0,
        or the projectile has not landed after ``steps`` steps.

    Examples
    --------
    Without drag, the landing point tends to the range ``speed**2 * sin(2 angle) / g`` as
    ``dt`` shrinks:

    >>> flight = simulate_projectile(math.pi / 4, 20.0, dt=1e-3)
    >>> round(flight.landing_x, 2), round(20.0**2 / 9.81, 2)
    (40.79, 40.77)

    Reverse mode differentiates through the loop (``Var`` runs the simulation):

    >>> landing = lambda a: simulate_projectile(a, 20.0, drag=0.01).landing_x
    >>> round(grad(landing, 0.5, backend="reverse"), 6) == round(grad(landing, 0.5, "numeric"), 6)
    True
    """
    _check_flight_number("angle", angle, None, False)
    _check_flight_number("speed", speed, 0.0, True)
    _check_flight_number("drag", drag, 0.0, False)
    dt = check_real("dt", dt)
    if dt <= 0:
        raise ValueError(f"dt must be > 0; got {dt}")
    steps = check_positive_int("steps", steps)
    g = check_real("g", g)
    if g <= 0:
        raise ValueError(f"g must be > 0; got {g}")
    vx, vy = speed * cos(angle), speed * sin(angle)
    xs: list[Any] = [0.0]
    ys: list[Any] = [0.0]
    has_drag = value_of(drag) != 0
    for _ in range(steps):
        x, y = xs[-1], ys[-1]
        xs.append(x + dt * vx)
        ys.append(y + dt * vy)
        if has_drag:
            v = sqrt(vx * vx + vy * vy)
            vx, vy = vx - dt * drag * v * vx, vy - dt * (g + drag * v * vy)
        else:
            vy = vy - dt * g
        if value_of(ys[-1]) < 0:  # below the ground: where did the flight cross y = 0?
            fraction = y / (y - ys[-1])
            return Trajectory(tuple(xs), tuple(ys), x + fraction * (xs[-1] - x))
    raise ValueError(
        f"the projectile has not landed after steps = {steps} steps of dt = {dt} s;"
        " increase steps (or dt)"
    )
