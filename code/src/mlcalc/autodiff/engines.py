"""One :func:`grad` for six engines: reverse, forward, sympy, numeric, torch and tensorflow.

PyTorch and TensorFlow are imported only inside the backends that need them.
"""

from __future__ import annotations

import importlib
import numbers
import os
import sys
from typing import Any, Callable, Sequence, Sized

import numpy as np
import sympy

from .._checks import _given, as_real_array, check_callable, check_choice, check_real
from .forward import Dual, LostDerivativeError
from .reverse import Var


BACKENDS: tuple[str, ...] = ("torch", "tensorflow", "sympy", "numeric", "forward", "reverse")
"""The names :func:`~mlcalc.autodiff.grad` accepts for its ``backend`` argument."""


def grad(
    f: Callable[[Any], Any],
    x: float | Sequence[float] | np.ndarray,
    backend: str = "reverse",
) -> float | np.ndarray:
    """The derivative (or gradient) of a scalar function ``f`` at ``x``, computed by ``backend``.

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
        libraries' autodiff in float64 (install them with ``pip install "mlcalc[torch]"`` or
        ``pip install "mlcalc[tensorflow]"``).

    Returns
    -------
    float or numpy.ndarray
        f'(x) as a float when ``x`` is a number; the gradient as a 1-D float array of the same
        length as ``x`` when ``x`` is a sequence.  Inputs that ``f`` does not use get 0.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x`` is not real (complex, bool, string), ``backend`` is not
        a string, ``f`` returns something other than a number, or ``f`` turns its argument into
        a plain float (``math.sin(x)``: use :func:`mlcalc.autodiff.sin` or the library's own).
    ValueError
        If ``x`` is NaN, infinite, empty or not 1-D, ``backend`` is unknown, or ``f`` returns
        more than one number (a one-element array counts as the number it holds), or the
        ``"sympy"`` backend finds a derivative that is not a finite real number.
    ImportError
        If ``backend`` is ``"torch"`` or ``"tensorflow"`` and that library is not installed.

    Examples
    --------
    >>> grad(lambda x: x**3, 2.0)
    12.0
    >>> grad(lambda x: x**3, 2.0, backend="sympy")
    12.0
    >>> from mlcalc.autodiff import exp
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
    backend = _check_backend(backend, BACKENDS)
    return _GRADIENT_BY_BACKEND[backend](f, point)


def _check_backend(backend: Any, choices: tuple[str, ...]) -> str:
    """Return ``backend`` if it is one of ``choices``; the message lists them."""
    if not isinstance(backend, str):
        options = ", ".join(repr(name) for name in choices)
        raise TypeError(f"backend must be one of {options}; got {_given(backend)}")
    return check_choice("backend", backend, choices)


def _check_point(x: Any, name: str = "x") -> float | np.ndarray:
    """Return ``x`` as a float, or as a 1-D float array; reject anything else."""
    if isinstance(x, np.ndarray) and x.ndim == 0:
        x = x[()]
    if isinstance(x, (str, bytes)) or not (
        isinstance(x, (numbers.Number, np.generic, Sequence)) or hasattr(x, "__array__")
    ):
        raise TypeError(
            f"{name} must be a real number or a 1-D sequence of real numbers; got {_given(x)}"
        )
    if isinstance(x, (numbers.Number, np.generic)):
        return check_real(name, x)
    array = as_real_array(name, x)
    if np.asarray(x).dtype.kind in "bSU":
        raise TypeError(f"{name} must hold real numbers, not booleans or strings; got {_given(x)}")
    return array


# The function a reader should use instead of math.sin, for each backend that follows f's code.
_OWN_SIN = {
    "forward": "mlcalc.autodiff.sin",
    "reverse": "mlcalc.autodiff.sin",
    "sympy": "mlcalc.autodiff.sin or sympy.sin",
    "torch": "mlcalc.autodiff.sin or torch.sin",
    "tensorflow": "mlcalc.autodiff.sin or tf.math.sin",
}


def _lost_derivative(backend: str) -> TypeError:
    """The error for an ``f`` that turned its engine argument into a plain float."""
    return TypeError(
        f"f turned its argument into a plain float (math.sin(x), float(x) or x.item() do that),"
        f" so backend={backend!r} cannot follow the derivative through it; write f with"
        f" {_OWN_SIN[backend]} (and the other functions of mlcalc.autodiff) instead of math's"
    )


def _evaluate(f: Callable, argument: Any, backend: str) -> Any:
    """Run ``f(argument)``; if ``f`` turns an engine value into a float, say so instead of
    returning a number with no derivative (or failing with a message about floats)."""
    if backend == "torch":
        with _torch_guard(_import_backend("torch"))():
            return f(argument)
    try:
        return f(argument)
    except LostDerivativeError:
        raise _lost_derivative(backend) from None
    except TypeError as error:  # SymPy: Expr.__float__ on a symbol
        if backend == "sympy" and str(error) == "Cannot convert expression to float":
            raise _lost_derivative(backend) from None
        raise


def _one_number(result: Any) -> Any:
    """A one-element NumPy array of ``Dual``, ``Var`` or SymPy numbers is the number it holds
    (a one-element array of floats is accepted as it is, as the numeric backend accepts it)."""
    if isinstance(result, np.ndarray) and result.dtype == object and result.size == 1:
        return result.reshape(())[()]
    return result


def _torch_guard(torch: Any) -> type:
    """A PyTorch function mode that stops ``float(tensor)`` and ``tensor.item()`` on a tensor
    that carries a derivative (they would return a number that PyTorch's autodiff cannot see)."""

    class _FloatGuard(torch.overrides.TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):  # type: ignore[no-untyped-def]
            if getattr(func, "__name__", "") in ("__float__", "item") and _tracked(args[0]):
                raise _lost_derivative("torch")
            return func(*args, **(kwargs or {}))

    def _tracked(tensor: Any) -> bool:  # x.detach().item() is a deliberate plain number
        forward_ad = torch.autograd.forward_ad
        return bool(tensor.requires_grad) or forward_ad.unpack_dual(tensor).tangent is not None

    return _FloatGuard


def _check_tensorflow_result(result_is_number: bool, tape: Any) -> None:
    """A TensorFlow ``f`` that read ``x`` but returned a plain number turned it into a float."""
    if result_is_number and tape.watched_variables():
        raise _lost_derivative("tensorflow")


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
        return derivative_of(_one_number(_evaluate(f, Dual(point, 1.0), "forward")))
    gradient = np.zeros(point.size)
    for i in range(point.size):  # one forward pass per coordinate, seeded with dx_i/dx_i = 1
        duals = [Dual(value, 1.0 if j == i else 0.0) for j, value in enumerate(point)]
        gradient[i] = derivative_of(_one_number(_evaluate(f, duals, "forward")))
    return gradient


def _gradient_reverse(f: Callable, point: float | np.ndarray) -> float | np.ndarray:
    if isinstance(point, float):
        inputs = [Var(point)]
        result = _one_number(_evaluate(f, inputs[0], "reverse"))
    else:
        inputs = [Var(value) for value in point]
        result = _one_number(_evaluate(f, inputs, "reverse"))
    if not isinstance(result, Var):
        _check_real_number(result)
        return _finish(point, None)
    result.backward()
    return _finish(point, [node.grad for node in inputs])


def _symbols_for(point: float | np.ndarray) -> tuple[list[sympy.Symbol], Any]:
    """SymPy symbols for the inputs (``x``, or ``x0, x1, ...``), and ``f``'s argument made of them."""
    if isinstance(point, float):
        symbol = sympy.Symbol("x", real=True)
        return [symbol], symbol
    symbols = list(sympy.symbols(f"x0:{point.size}", real=True))
    return symbols, symbols


def _gradient_sympy(f: Callable, point: float | np.ndarray) -> float | np.ndarray:
    symbols, argument = _symbols_for(point)
    expression = _one_number(_evaluate(f, argument, "sympy"))
    if not isinstance(expression, sympy.Expr):
        _check_real_number(expression)
        return _finish(point, None)
    at_point = dict(zip(symbols, np.atleast_1d(point).tolist()))
    gradient = []
    for symbol in symbols:
        derivative = sympy.diff(expression, symbol)
        try:
            number = complex(derivative.evalf(subs=at_point))
        except (ZeroDivisionError, TypeError):  # 1/(2*sqrt(x)) at x = 0
            raise ValueError(
                f"f'(x) is not a finite real number at x = {point!r}; SymPy's derivative"
                f" {derivative} has no value there"
            ) from None
        if number.imag != 0:
            raise ValueError(f"f'(x) is not a real number at x = {point!r}; SymPy gives {number}")
        gradient.append(number.real)
    return _finish(point, gradient)


def _gradient_numeric(f: Callable, point: float | np.ndarray) -> float | np.ndarray:
    def value_at(p: Any) -> float:
        result = f(p)
        _check_real_number(result)
        return float(np.asarray(result).reshape(()))

    if isinstance(point, float):
        h = _step(point)
        return (value_at(point + h) - value_at(point - h)) / ((point + h) - (point - h))
    gradient = np.zeros(point.size)
    for i in range(point.size):
        forward, backward = point.copy(), point.copy()
        forward[i] += _step(point[i])
        backward[i] -= _step(point[i])
        gradient[i] = (value_at(forward) - value_at(backward)) / (forward[i] - backward[i])
    return gradient


def _step(value: float) -> float:
    """The step of a central difference at ``value``: it balances truncation error (h²) and
    round-off (eps/h)."""
    return sys.float_info.epsilon ** (1 / 3) * max(1.0, abs(float(value)))


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
            f' install it with: pip install "mlcalc[{module_name}]"'
        ) from error


def _gradient_torch(f: Callable, point: float | np.ndarray) -> float | np.ndarray:
    torch = _import_backend("torch")
    x = torch.tensor(point, dtype=torch.float64, requires_grad=True)
    result = _evaluate(f, x, "torch")
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
        _check_tensorflow_result(True, tape)
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
