"""Random smooth expressions for property-based tests of the engines: each is a pair
(a function written with mlcalc.autodiff, the same expression written with SymPy's functions)."""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import HealthCheck
from hypothesis import strategies as st

from mlcalc import autodiff as ad


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


def relu_slope_zero_at_kink(derivative):
    """d/dx Max(0, x) is Heaviside(x), which SymPy sets to 1/2 at 0; relu's convention is 0."""
    return derivative.replace(sympy.Heaviside, lambda arg, *_: sympy.Heaviside(arg, 0))


def has_kink(expression) -> bool:
    return expression.has(sympy.Max)


def assert_agrees(result, expected, backend):
    """Exact engines agree with SymPy to rounding; central differences to about four digits."""
    if backend == "numeric":
        np.testing.assert_allclose(result, expected, rtol=1e-4, atol=1e-4, err_msg=backend)
    else:
        np.testing.assert_allclose(result, expected, rtol=1e-8, atol=1e-9, err_msg=backend)


# Deterministic: the same examples on every run, and no example database to replay.
DETERMINISTIC = dict(
    deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
