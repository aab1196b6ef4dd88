"""Hypothesis strategies shared by the mlcalc tests: small random smooth expressions in x.

An expression is a random tree (at most three levels of operations) built from ``x``, small
integer and rational constants, polynomials with small integer coefficients, ``+``, ``-``,
``*``, division by ``1 + x**2``, ``sin``, ``cos`` and ``exp``.  Every such expression is
smooth on the whole real line, so its limit at any point is its value there.  Expressions
whose values are huge on ``[-3, 3]`` (``exp(exp(exp(x)))`` and friends) are filtered out, so
that floating-point tests can use one tolerance for all of them.
"""

from __future__ import annotations

import math

import sympy as sp
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# The settings of every property-based test: reproducible, no timing flakiness, quick.
PROPERTY_SETTINGS = settings(
    derandomize=True,
    deadline=None,
    max_examples=50,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

X = sp.Symbol("x", real=True)

# The largest |f(x)| (and |f'(x)|) allowed on the sampling grid below.
MAX_MAGNITUDE = 1e4
_GRID = [-3 + 6 * k / 60 for k in range(61)]

_constants = st.one_of(
    st.integers(min_value=-3, max_value=3).map(sp.Integer),
    st.tuples(
        st.integers(min_value=-5, max_value=5), st.integers(min_value=2, max_value=5)
    ).map(lambda pq: sp.Rational(*pq)),
)

_polynomials = st.lists(
    st.integers(min_value=-3, max_value=3), min_size=2, max_size=4
).map(lambda coefficients: sp.Add(*(c * X**k for k, c in enumerate(coefficients))))

_leaves = st.one_of(st.just(X), st.just(X), _constants, _polynomials)


_UNARY = ("sin", "cos", "exp", "over_1_plus_x2")
_BINARY = ("+", "-", "*")


def _apply_unary(name: str, e: sp.Expr) -> sp.Expr:
    if name == "over_1_plus_x2":
        return e / (1 + X**2)
    return getattr(sp, name)(e)


def _apply_binary(op: str, u: sp.Expr, v: sp.Expr) -> sp.Expr:
    return {"+": u + v, "-": u - v, "*": u * v}[op]


@st.composite
def _trees(draw, depth: int, top: bool = True) -> sp.Expr:
    """A random tree of at most ``depth`` levels of operations (the root is always one)."""
    if depth == 0 or (not top and draw(st.integers(min_value=0, max_value=3)) == 0):
        return draw(_leaves)
    op = draw(st.sampled_from(_UNARY + _BINARY))
    if op in _UNARY:
        return _apply_unary(op, draw(_trees(depth - 1, top=False)))
    return _apply_binary(op, draw(_trees(depth - 1, top=False)), draw(_trees(depth - 1, top=False)))


def _tame(expr: sp.Expr) -> bool:
    """True if expr and its derivative stay below MAX_MAGNITUDE on [-3, 3]."""
    f = sp.lambdify(X, expr, "math")
    df = sp.lambdify(X, sp.diff(expr, X), "math")
    try:
        return all(abs(f(t)) < MAX_MAGNITUDE and abs(df(t)) < MAX_MAGNITUDE for t in _GRID)
    except (OverflowError, ValueError):
        return False


def smooth_expressions(max_depth: int = 3) -> st.SearchStrategy:
    """Random smooth SymPy expressions in :data:`X` (possibly constant, after SymPy's own
    automatic simplification: ``x - x`` is ``0``)."""
    return _trees(max_depth).filter(_tame)


def nonconstant_expressions(max_depth: int = 3) -> st.SearchStrategy:
    """Like :func:`smooth_expressions`, but the expression depends on :data:`X`."""
    return smooth_expressions(max_depth).filter(lambda e: e.has(X))


def points(low: float = -2.0, high: float = 2.0) -> st.SearchStrategy:
    """Finite floats in [low, high]."""
    return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)


def to_callable(expr: sp.Expr):
    """A plain Python function of one float (math module functions), as a book reader writes."""
    return sp.lambdify(X, expr, "math")


def exact_value(expr: sp.Expr, at: float, digits: int = 30) -> float:
    """The value of expr at the float ``at`` (taken exactly), computed with ``digits`` digits."""
    value = expr.evalf(digits, subs={X: sp.Float(at, digits)})
    result = float(value)
    assert math.isfinite(result)
    return result
