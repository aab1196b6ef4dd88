"""Jacobian-vector and vector-Jacobian products: :func:`jvp`, :func:`vjp` and :func:`jacobian`.

For ``f: Rⁿ → Rᵐ`` with Jacobian ``J`` (``m`` rows, ``n`` columns) at ``x``, forward mode computes
``J v`` (a JVP) in one pass and reverse mode computes ``vᵀ J`` (a VJP) in one backward sweep.  A
whole Jacobian takes ``n`` forward passes or ``m`` backward sweeps.  The engines are those of
:func:`~mlcalc.autodiff.grad`; each product runs on the engines that compute it:

============  =====  =====  ========
backend       jvp    vjp    jacobian
============  =====  =====  ========
forward       yes    no     yes (n passes)
reverse       no     yes    yes (m sweeps)
sympy         yes    yes    yes (exact Jacobian, then a product)
numeric       yes    yes    yes (central differences)
torch         yes    yes    yes
tensorflow    yes    yes    yes
============  =====  =====  ========

PyTorch and TensorFlow are imported only inside the backends that need them.
"""

from __future__ import annotations

import numbers
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from .._checks import _given, check_callable
from .engines import (
    BACKENDS,
    _check_backend,
    _check_point,
    _check_tensorflow_result,
    _evaluate,
    _import_backend,
    _step,
    _symbols_for,
)
from .forward import Dual
from .reverse import Var, backward_from

Point = float | np.ndarray


def jvp(
    f: Callable[[Any], Any],
    x: float | Sequence[float] | np.ndarray,
    v: float | Sequence[float] | np.ndarray,
    backend: str = "forward",
) -> float | np.ndarray:
    """The Jacobian-vector product ``J v`` of ``f`` at ``x``: how fast ``f`` changes along ``v``.

    Parameters
    ----------
    f : callable
        A function of one real number or of one vector (``lambda x: [x[0] * x[1], sin(x[0])]``)
        that returns one real number or a 1-D sequence (list, array, tensor) of them.  Write it
        with ``+ - * / **`` and the functions of :mod:`mlcalc.autodiff` (:func:`sin`, ...) so
        that it runs on every backend.
    x : float or 1-D sequence of floats
        The point, with ``n`` finite real numbers.
    v : float or 1-D sequence of floats
        The direction, shaped like ``x`` (a number when ``x`` is a number).
    backend : {"forward", "sympy", "numeric", "torch", "tensorflow"}
        ``"forward"`` runs ``f`` once on :class:`Dual` numbers seeded with ``v``.  ``"reverse"``
        is refused: one backward sweep gives a VJP, not a JVP.

    Returns
    -------
    float or numpy.ndarray
        ``J v``: a float if ``f`` returns one number, else a 1-D array of length ``m``.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x`` or ``v`` is not real, ``backend`` is not a string, ``f``
        returns something that is not a number, or ``f`` turns its argument into a plain float
        (``math.sin(x)``: use :func:`mlcalc.autodiff.sin`).
    ValueError
        If ``x`` or ``v`` is not finite or not 1-D, ``v`` is not shaped like ``x``, ``f``
        returns nothing or a nested result, or ``backend`` is unknown or cannot compute a JVP.

    Examples
    --------
    >>> from mlcalc.autodiff import sin
    >>> f = lambda x: [x[0] * x[1], sin(x[0])]           # J = [[x1, x0], [cos x0, 0]]
    >>> jvp(f, [0.0, 2.0], [1.0, 10.0])                  # J v at (0, 2) = (2 + 0, 1)
    array([2., 1.])
    >>> jvp(f, [0.0, 2.0], [1.0, 10.0], backend="reverse")
    Traceback (most recent call last):
    ...
    ValueError: backend='reverse' cannot compute a Jacobian-vector product: a backward sweep gives a vector-Jacobian product vᵀJ; use backend='forward', or jacobian(f, x, backend='reverse') @ v
    """
    point, tangent, backend = _check_product_arguments(f, x, v, backend, "jvp")
    _check_like_x(point, tangent)
    product, scalar_output = _JVP_BY_BACKEND[backend](f, point, np.atleast_1d(tangent))
    return float(product[0]) if scalar_output else product


def vjp(
    f: Callable[[Any], Any],
    x: float | Sequence[float] | np.ndarray,
    v: float | Sequence[float] | np.ndarray,
    backend: str = "reverse",
) -> float | np.ndarray:
    """The vector-Jacobian product ``vᵀ J`` of ``f`` at ``x``: the gradient of ``v · f``.

    ``y.backward(v)`` in PyTorch and ``tape.gradient(y, x, output_gradients=v)`` in TensorFlow
    compute this product.

    Parameters
    ----------
    f : callable
        As for :func:`jvp`: a function of a number or a vector returning one number or a 1-D
        sequence of ``m`` numbers.
    x : float or 1-D sequence of floats
        The point, with ``n`` finite real numbers.
    v : float or 1-D sequence of floats
        One weight per output of ``f``: a number if ``f`` returns one number, else ``m`` numbers.
    backend : {"reverse", "sympy", "numeric", "torch", "tensorflow"}
        ``"reverse"`` runs ``f`` once on :class:`Var` numbers and does one backward sweep seeded
        with ``v``.  ``"forward"`` is refused: one forward pass gives a JVP, not a VJP.

    Returns
    -------
    float or numpy.ndarray
        ``vᵀ J``, shaped like ``x``: a float if ``x`` is a number, else a 1-D array of length ``n``.

    Raises
    ------
    TypeError
        As for :func:`jvp`.
    ValueError
        If ``x`` or ``v`` is not finite or not 1-D, ``v`` does not have one number per output
        of ``f``, ``f`` returns nothing or a nested result, or ``backend`` is unknown or cannot
        compute a VJP.

    Examples
    --------
    >>> from mlcalc.autodiff import sin
    >>> f = lambda x: [x[0] * x[1], sin(x[0])]           # J = [[x1, x0], [cos x0, 0]]
    >>> vjp(f, [0.0, 2.0], [1.0, 10.0])                  # (1, 10) J at (0, 2) = (12, 0)
    array([12.,  0.])
    >>> vjp(f, [0.0, 2.0], [1.0, 10.0, 100.0])
    Traceback (most recent call last):
    ...
    ValueError: v must have one number per output of f (m = 2); got 3 numbers
    """
    point, cotangent, backend = _check_product_arguments(f, x, v, backend, "vjp")

    def checked(m: int, scalar_output: bool) -> np.ndarray:
        return _check_per_output(cotangent, m, scalar_output)

    product = _VJP_BY_BACKEND[backend](f, point, checked)
    return float(product[0]) if isinstance(point, float) else product


def jacobian(
    f: Callable[[Any], Any],
    x: float | Sequence[float] | np.ndarray,
    backend: str = "reverse",
) -> np.ndarray:
    """The Jacobian matrix of ``f`` at ``x``: row ``i`` is the gradient of output ``i``.

    Parameters
    ----------
    f : callable
        As for :func:`jvp`.
    x : float or 1-D sequence of floats
        The point, with ``n`` finite real numbers.
    backend : {"reverse", "forward", "sympy", "numeric", "torch", "tensorflow"}
        ``"forward"`` takes ``n`` forward passes (one column each); ``"reverse"`` records ``f``
        once and takes ``m`` backward sweeps (one row each).

    Returns
    -------
    numpy.ndarray
        A float array of shape ``(m, n)``; a number ``x`` counts as ``n = 1`` and a number
        returned by ``f`` as ``m = 1``.

    Raises
    ------
    TypeError
        As for :func:`jvp`.
    ValueError
        If ``x`` is not finite or not 1-D, ``f`` returns nothing or a nested result, or
        ``backend`` is unknown.

    Examples
    --------
    >>> from mlcalc.autodiff import sin
    >>> f = lambda x: [x[0] * x[1], sin(x[0])]
    >>> jacobian(f, [0.0, 2.0])
    array([[2., 0.],
           [1., 0.]])
    >>> import math
    >>> jacobian(lambda x: [math.sin(x[0])], [0.0])
    Traceback (most recent call last):
    ...
    TypeError: f turned its argument into a plain float (math.sin(x), float(x) or x.item() do that), so backend='reverse' cannot follow the derivative through it; write f with mlcalc.autodiff.sin (and the other functions of mlcalc.autodiff) instead of math's
    """
    check_callable("f", f)
    point = _check_point(x)
    backend = _check_backend(backend, BACKENDS)
    return _JACOBIAN_BY_BACKEND[backend](f, point)


# --------------------------------------------------------------------------------------------
# Arguments, shapes of v and of f's result
# --------------------------------------------------------------------------------------------
# For each product: the backend that cannot compute it in one sweep, and what to say instead.
_REFUSED = {
    "jvp": ("reverse", "a Jacobian-vector product: a backward sweep gives a vector-Jacobian"
            " product vᵀJ; use backend='forward', or jacobian(f, x, backend='reverse') @ v"),
    "vjp": ("forward", "a vector-Jacobian product: a forward pass gives a Jacobian-vector"
            " product Jv; use backend='reverse', or v @ jacobian(f, x, backend='forward')"),
}


def _check_product_arguments(
    f: Any, x: Any, v: Any, backend: Any, product: str
) -> tuple[Point, Point, str]:
    check_callable("f", f)
    point = _check_point(x)
    vector = _check_point(v, "v")
    backend = _check_backend(backend, BACKENDS)
    refused, explanation = _REFUSED[product]
    if backend == refused:
        raise ValueError(f"backend={backend!r} cannot compute {explanation}")
    return point, vector, backend


def _check_like_x(point: Point, tangent: Point) -> None:
    if isinstance(point, float) and not isinstance(tangent, float):
        raise ValueError(
            f"v must be a single real number, like x; got {tangent.size} numbers"
        )
    if not isinstance(point, float):
        if isinstance(tangent, float):
            raise ValueError(
                f"v must be a 1-D sequence of {point.size} numbers, like x; got a single number"
            )
        if tangent.size != point.size:
            raise ValueError(
                f"v must have the same length as x ({point.size}); got {tangent.size} numbers"
            )


def _check_per_output(cotangent: Point, m: int, scalar_output: bool) -> np.ndarray:
    if scalar_output and not isinstance(cotangent, float):
        raise ValueError(
            f"f returns a single number, so v must be a single real number; got {cotangent.size}"
            " numbers"
        )
    if not scalar_output and isinstance(cotangent, float):
        raise ValueError(
            f"f returns {m} numbers, so v must be a 1-D sequence of {m} numbers; got a single"
            " number"
        )
    cotangent = np.atleast_1d(cotangent)
    if cotangent.size != m:
        raise ValueError(
            f"v must have one number per output of f (m = {m}); got {cotangent.size} numbers"
        )
    return cotangent


def _components(result: Any) -> tuple[list[Any], bool]:
    """The outputs of ``f`` as a list, and whether ``f`` returned one number (not a sequence)."""
    if isinstance(result, np.ndarray):
        if result.ndim > 1:
            raise ValueError(
                f"f must return a number or a 1-D sequence of numbers; got shape {result.shape}"
            )
        return (list(result), False) if result.ndim == 1 else ([result[()]], True)
    if isinstance(result, (list, tuple)):
        if not result:
            raise ValueError("f must return at least one number; got an empty sequence")
        return list(result), False
    return [result], True


def _check_component(item: Any, index: int) -> float:
    """A plain-number output of ``f`` (a constant): its value, after checking that it is one."""
    if isinstance(item, (numbers.Real, np.integer, np.floating)) and not isinstance(item, bool):
        return float(item)
    if isinstance(item, np.ndarray) and item.size == 1 and item.dtype.kind in "iuf":
        return float(item.reshape(()))
    if isinstance(item, (list, tuple, np.ndarray)):
        raise ValueError(
            f"each output of f must be a single real number; output {index} is {_given(item)}"
        )
    raise TypeError(f"f must return real numbers; output {index} is {_given(item)}")


def _argument(point: Point, make: Callable[[float, float], Any], seed: np.ndarray) -> Any:
    if isinstance(point, float):
        return make(point, seed[0])
    return [make(value, s) for value, s in zip(point, seed)]


# --------------------------------------------------------------------------------------------
# forward: Dual numbers seeded with v (one pass per JVP)
# --------------------------------------------------------------------------------------------
def _jvp_forward(f: Callable, point: Point, tangent: np.ndarray) -> tuple[np.ndarray, bool]:
    result = _evaluate(f, _argument(point, Dual, tangent), "forward")
    items, scalar_output = _components(result)
    derivatives = []
    for index, item in enumerate(items):
        if isinstance(item, Dual):
            derivatives.append(item.derivative)
        else:
            _check_component(item, index)
            derivatives.append(0.0)  # a constant output
    return np.array(derivatives), scalar_output


def _jacobian_forward(f: Callable, point: Point) -> np.ndarray:
    n = np.atleast_1d(point).size
    columns = [_jvp_forward(f, point, np.eye(n)[i])[0] for i in range(n)]  # n passes
    return np.column_stack(columns)


# --------------------------------------------------------------------------------------------
# reverse: one recorded graph, one backward sweep per VJP
# --------------------------------------------------------------------------------------------
def _record(f: Callable, point: Point) -> tuple[list[Var], list[Any], bool]:
    inputs = [Var(value) for value in np.atleast_1d(point)]
    result = _evaluate(f, inputs[0] if isinstance(point, float) else inputs, "reverse")
    items, scalar_output = _components(result)
    for index, item in enumerate(items):
        if not isinstance(item, Var):
            _check_component(item, index)
    return inputs, items, scalar_output


def _sweep(inputs: list[Var], items: list[Any], seeds: np.ndarray) -> np.ndarray:
    outputs = [(item, seed) for item, seed in zip(items, seeds) if isinstance(item, Var)]
    for node in inputs:
        node.grad = 0.0  # inputs that no output uses keep gradient 0
    backward_from([item for item, _ in outputs], [float(seed) for _, seed in outputs])
    return np.array([node.grad for node in inputs])


def _vjp_reverse(f: Callable, point: Point, checked: Callable) -> np.ndarray:
    inputs, items, scalar_output = _record(f, point)
    return _sweep(inputs, items, checked(len(items), scalar_output))


def _jacobian_reverse(f: Callable, point: Point) -> np.ndarray:
    inputs, items, _ = _record(f, point)
    m = len(items)
    return np.array([_sweep(inputs, items, np.eye(m)[i]) for i in range(m)])  # m sweeps


# --------------------------------------------------------------------------------------------
# sympy: the exact Jacobian matrix, then a product
# --------------------------------------------------------------------------------------------
def _jacobian_sympy_with_shape(f: Callable, point: Point) -> tuple[np.ndarray, bool]:
    symbols, argument = _symbols_for(point)
    items, scalar_output = _components(_evaluate(f, argument, "sympy"))
    expressions = [
        item if isinstance(item, sympy.Expr) else sympy.Float(_check_component(item, index))
        for index, item in enumerate(items)
    ]
    matrix = sympy.Matrix(expressions).jacobian(symbols)
    at_point = dict(zip(symbols, np.atleast_1d(point).tolist()))
    entries = np.array(
        [[complex(entry.evalf(subs=at_point)) for entry in row] for row in matrix.tolist()]
    )
    if np.any(entries.imag != 0):
        raise ValueError(f"the Jacobian of f is not real at x = {point!r}; SymPy gives {entries}")
    return entries.real.reshape(len(items), len(symbols)), scalar_output


def _jvp_sympy(f: Callable, point: Point, tangent: np.ndarray) -> tuple[np.ndarray, bool]:
    matrix, scalar_output = _jacobian_sympy_with_shape(f, point)
    return matrix @ tangent, scalar_output


def _vjp_sympy(f: Callable, point: Point, checked: Callable) -> np.ndarray:
    matrix, scalar_output = _jacobian_sympy_with_shape(f, point)
    return checked(matrix.shape[0], scalar_output) @ matrix


def _jacobian_sympy(f: Callable, point: Point) -> np.ndarray:
    return _jacobian_sympy_with_shape(f, point)[0]


# --------------------------------------------------------------------------------------------
# numeric: central differences along v (a JVP) or along each axis (the Jacobian's columns)
# --------------------------------------------------------------------------------------------
def _values(f: Callable, at: np.ndarray, scalar_input: bool) -> tuple[np.ndarray, bool]:
    items, scalar_output = _components(f(float(at[0]) if scalar_input else at))
    return np.array([_check_component(item, i) for i, item in enumerate(items)]), scalar_output


def _jvp_numeric(f: Callable, point: Point, tangent: np.ndarray) -> tuple[np.ndarray, bool]:
    at = np.atleast_1d(point)
    scalar_input = isinstance(point, float)
    size = np.max(np.abs(tangent))
    if size == 0:
        values, scalar_output = _values(f, at, scalar_input)
        return np.zeros(values.size), scalar_output
    h = _step(np.max(np.abs(at))) / size  # the step of grad's central difference, along v
    ahead, scalar_output = _values(f, at + h * tangent, scalar_input)
    behind, _ = _values(f, at - h * tangent, scalar_input)
    if ahead.size != behind.size:
        raise ValueError("f must return the same number of outputs at every point")
    return (ahead - behind) / (2 * h), scalar_output


def _jacobian_numeric_with_shape(f: Callable, point: Point) -> tuple[np.ndarray, bool]:
    n = np.atleast_1d(point).size
    columns = [_jvp_numeric(f, point, np.eye(n)[i]) for i in range(n)]
    return np.column_stack([column for column, _ in columns]), columns[0][1]


def _vjp_numeric(f: Callable, point: Point, checked: Callable) -> np.ndarray:
    matrix, scalar_output = _jacobian_numeric_with_shape(f, point)
    return checked(matrix.shape[0], scalar_output) @ matrix


def _jacobian_numeric(f: Callable, point: Point) -> np.ndarray:
    return _jacobian_numeric_with_shape(f, point)[0]


# --------------------------------------------------------------------------------------------
# torch: forward-mode dual tensors for a JVP, autograd.grad with grad_outputs for a VJP
# --------------------------------------------------------------------------------------------
def _torch_outputs(torch: Any, result: Any) -> tuple[Any, bool]:
    """``f``'s result as a 1-D float64 tensor, and whether it was one number."""
    if isinstance(result, torch.Tensor):
        if result.dim() > 1:
            raise ValueError(
                "f must return a number or a 1-D sequence of numbers; got a tensor of shape"
                f" {tuple(result.shape)}"
            )
        return result.to(torch.float64).reshape(-1), result.dim() == 0
    items, scalar_output = _components(result)
    pieces = []
    for index, item in enumerate(items):
        if not isinstance(item, torch.Tensor):
            item = torch.tensor(_check_component(item, index), dtype=torch.float64)
        elif item.numel() != 1:
            raise ValueError(
                "each output of f must be a single real number; output"
                f" {index} is a tensor of shape {tuple(item.shape)}"
            )
        pieces.append(item.to(torch.float64).reshape(()))
    return torch.stack(pieces), scalar_output


def _jvp_torch(f: Callable, point: Point, tangent: np.ndarray) -> tuple[np.ndarray, bool]:
    torch = _import_backend("torch")
    forward_ad = torch.autograd.forward_ad
    x = torch.tensor(point, dtype=torch.float64)
    direction = torch.tensor(tangent.reshape(np.shape(point)), dtype=torch.float64)
    with forward_ad.dual_level():
        outputs, scalar_output = _torch_outputs(
            torch, _evaluate(f, forward_ad.make_dual(x, direction), "torch")
        )
        product = forward_ad.unpack_dual(outputs).tangent
        if product is None:  # no output depends on x
            product = torch.zeros(outputs.shape, dtype=torch.float64)
        return product.detach().numpy().copy(), scalar_output


def _torch_graph(f: Callable, point: Point) -> tuple[Any, Any, Any]:
    torch = _import_backend("torch")
    x = torch.tensor(point, dtype=torch.float64, requires_grad=True)
    outputs, scalar_output = _torch_outputs(torch, _evaluate(f, x, "torch"))
    return x, outputs, scalar_output


def _torch_pullback(x: Any, outputs: Any, seeds: np.ndarray) -> np.ndarray:
    torch = _import_backend("torch")
    if not outputs.requires_grad:  # no output depends on x
        return np.zeros(np.atleast_1d(x.detach().numpy()).size)
    (gradient,) = torch.autograd.grad(
        outputs, x, grad_outputs=torch.tensor(seeds, dtype=torch.float64),
        retain_graph=True, allow_unused=True,
    )
    if gradient is None:
        return np.zeros(np.atleast_1d(x.detach().numpy()).size)
    return np.atleast_1d(gradient.detach().numpy()).copy()


def _vjp_torch(f: Callable, point: Point, checked: Callable) -> np.ndarray:
    x, outputs, scalar_output = _torch_graph(f, point)
    return _torch_pullback(x, outputs, checked(outputs.numel(), scalar_output))


def _jacobian_torch(f: Callable, point: Point) -> np.ndarray:
    x, outputs, _ = _torch_graph(f, point)
    m = outputs.numel()
    return np.array([_torch_pullback(x, outputs, np.eye(m)[i]) for i in range(m)])


# --------------------------------------------------------------------------------------------
# tensorflow: ForwardAccumulator for a JVP, GradientTape for a VJP and the Jacobian
# --------------------------------------------------------------------------------------------
def _tensorflow_outputs(tf: Any, result: Any, tape: Any) -> tuple[Any, bool]:
    """``f``'s result as a 1-D float64 tensor, and whether it was one number."""
    if isinstance(result, (tf.Tensor, tf.Variable)):
        if result.shape.rank > 1:
            raise ValueError(
                "f must return a number or a 1-D sequence of numbers; got a tensor of shape"
                f" {tuple(result.shape)}"
            )
        return tf.reshape(tf.cast(result, tf.float64), [-1]), result.shape.rank == 0
    items, scalar_output = _components(result)
    pieces = []
    for index, item in enumerate(items):
        if not isinstance(item, (tf.Tensor, tf.Variable)):
            item = tf.constant(_check_component(item, index), dtype=tf.float64)
        elif int(tf.size(item)) != 1:
            raise ValueError(
                "each output of f must be a single real number; output"
                f" {index} is a tensor of shape {tuple(item.shape)}"
            )
        pieces.append(tf.reshape(tf.cast(item, tf.float64), []))
    plain = not any(isinstance(item, (tf.Tensor, tf.Variable)) for item in items)
    _check_tensorflow_result(plain, tape)
    return tf.stack(pieces), scalar_output


def _jvp_tensorflow(f: Callable, point: Point, tangent: np.ndarray) -> tuple[np.ndarray, bool]:
    tf = _import_backend("tensorflow")
    x = tf.Variable(point, dtype=tf.float64)
    direction = tf.constant(tangent.reshape(np.shape(point)), dtype=tf.float64)
    with tf.GradientTape() as tape:  # only to see whether f read x
        with tf.autodiff.ForwardAccumulator(x, direction) as accumulator:
            outputs, scalar_output = _tensorflow_outputs(tf, f(x), tape)
    product = accumulator.jvp(outputs, unconnected_gradients=tf.UnconnectedGradients.ZERO)
    return product.numpy().copy(), scalar_output


def _tensorflow_graph(f: Callable, point: Point) -> tuple[Any, Any, Any, bool]:
    tf = _import_backend("tensorflow")
    x = tf.Variable(point, dtype=tf.float64)
    with tf.GradientTape(persistent=True) as tape:
        outputs, scalar_output = _tensorflow_outputs(tf, f(x), tape)
    return tape, x, outputs, scalar_output


def _vjp_tensorflow(f: Callable, point: Point, checked: Callable) -> np.ndarray:
    tf = _import_backend("tensorflow")
    tape, x, outputs, scalar_output = _tensorflow_graph(f, point)
    seeds = tf.constant(checked(int(tf.size(outputs)), scalar_output), dtype=tf.float64)
    gradient = tape.gradient(
        outputs, x, output_gradients=seeds, unconnected_gradients=tf.UnconnectedGradients.ZERO
    )
    return np.atleast_1d(tf.convert_to_tensor(gradient).numpy()).copy()


def _jacobian_tensorflow(f: Callable, point: Point) -> np.ndarray:
    tf = _import_backend("tensorflow")
    tape, x, outputs, _ = _tensorflow_graph(f, point)
    matrix = tape.jacobian(
        outputs, x, unconnected_gradients=tf.UnconnectedGradients.ZERO,
        experimental_use_pfor=False,
    )
    return matrix.numpy().reshape(int(tf.size(outputs)), np.atleast_1d(point).size)


_JVP_BY_BACKEND: dict[str, Callable[..., tuple[np.ndarray, bool]]] = {
    "torch": _jvp_torch,
    "tensorflow": _jvp_tensorflow,
    "sympy": _jvp_sympy,
    "numeric": _jvp_numeric,
    "forward": _jvp_forward,
}


_VJP_BY_BACKEND: dict[str, Callable[..., np.ndarray]] = {
    "torch": _vjp_torch,
    "tensorflow": _vjp_tensorflow,
    "sympy": _vjp_sympy,
    "numeric": _vjp_numeric,
    "reverse": _vjp_reverse,
}


_JACOBIAN_BY_BACKEND: dict[str, Callable[[Callable, Point], np.ndarray]] = {
    "torch": _jacobian_torch,
    "tensorflow": _jacobian_tensorflow,
    "sympy": _jacobian_sympy,
    "numeric": _jacobian_numeric,
    "forward": _jacobian_forward,
    "reverse": _jacobian_reverse,
}
