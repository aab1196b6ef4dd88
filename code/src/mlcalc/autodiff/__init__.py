"""Automatic differentiation: dual numbers, a reverse-mode graph, and one ``grad`` for six engines.

The modules:

- ``forward``: :class:`Dual`, forward mode.  A dual number ``a + b·ε`` with
  ``ε² = 0`` carries a value and a derivative through every operation.
- ``reverse``: :class:`Var`, reverse mode.  Every operation records its
  inputs and local derivatives; ``backward()`` walks the graph from the output back to the
  inputs with the chain rule.  :func:`topological_order` is that walk, the one every part of
  the package that walks a graph uses.
- ``functions``: :func:`exp`, :func:`log`, :func:`sin`, :func:`cos`,
  :func:`tanh`, :func:`sigmoid`, :func:`relu`, :func:`sqrt` for every kind of number, and
  :func:`value_of`, the plain number inside any of them.
- ``engines``: :func:`grad` with the backends of :data:`~mlcalc.autodiff.engines.BACKENDS`.
- ``jacobians``: :func:`jvp` (J v, forward mode), :func:`vjp` (vᵀJ, reverse mode) and
  :func:`jacobian`, for functions of several outputs, on the same engines.
- ``costs``: :func:`count_operations`, :func:`time_gradient`,
  :func:`graph_table` and :func:`compare_backends`.

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

from .costs import (
    BackendComparison,
    GradientCost,
    compare_backends,
    count_operations,
    graph_table,
    time_gradient,
)
from .engines import BACKENDS, grad
from .forward import Dual, LostDerivativeError
from .jacobians import jacobian, jvp, vjp
from .functions import cos, exp, log, relu, sigmoid, sin, sqrt, tanh, value_of
from .reverse import Var, backward_from, topological_order

__all__ = [
    "BACKENDS",
    "Dual",
    "Var",
    "topological_order",
    "backward_from",
    "LostDerivativeError",
    "grad",
    "jvp",
    "vjp",
    "jacobian",
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
]
