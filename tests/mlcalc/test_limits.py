"""Tests of mlcalc.limits: exact and numerical limits, approach tables, exhaustion of the circle.

Expected values and verdicts come from SymPy or from closed forms evaluated with ``math``, never
from the package itself.  The numerical ``limit`` is tested over families of functions (poles of
any size, logarithms, squeezed oscillations, holes, jumps, domain edges): its verdict must be
SymPy's or "cannot tell", "cannot tell" must be rare, and a value it gives must be within its own
error estimate of the exact limit.
"""

from __future__ import annotations

import re
import fractions
import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlcalc._table import Table
from mlcalc.limits import (
    VERDICTS,
    LimitResult,
    _cancelled_to_zero,
    _converged,
    approach_table,
    archimedes_bounds,
    bounds_table,
    limit,
    polygon_area,
)
from strategies import (
    PROPERTY_SETTINGS,
    X,
    exact_value,
    nonconstant_expressions,
    points,
    smooth_expressions,
    to_callable,
)

x = sp.Symbol("x")

# ----------------------------------------------------------------------------------------------
# Helpers


def relative_error(got: float, expected: float) -> float:
    """|got - expected| relative to |expected| (absolute when expected is below 1)."""
    return abs(got - expected) / max(1.0, abs(expected))


def assert_numeric_limit(result: LimitResult, expected: float, rel: float = 1e-6) -> None:
    """The limit exists and its value is ``expected`` within ``rel`` (absolute below 1)."""
    assert result.exists, result
    assert isinstance(result.value, float)
    assert relative_error(result.value, expected) < rel, (result, expected)


def is_nan(value) -> bool:
    """True for a float NaN or SymPy's nan."""
    return value is sp.nan or (isinstance(value, float) and math.isnan(value))


def shoelace_area(vertices: np.ndarray) -> float:
    """Area of a simple polygon from its vertices (counter-clockwise), by the shoelace formula."""
    xs, ys = vertices[:, 0], vertices[:, 1]
    return 0.5 * float(np.sum(xs * np.roll(ys, -1) - np.roll(xs, -1) * ys))


def regular_polygon(n: int, circumradius: float) -> np.ndarray:
    """Vertices of a regular n-gon with the given distance from the centre to each vertex."""
    angles = 2 * np.pi * np.arange(n) / n
    return circumradius * np.column_stack([np.cos(angles), np.sin(angles)])


def f_ok(t):
    """A valid function, for the bad-input tests."""
    return t


def valid_archimedes_sides(limit_n: int) -> list[int]:
    """3 * 2**k and 4 * 2**k up to limit_n: the polygons Archimedes' doubling reaches."""
    sides = {base * 2**k for base in (3, 4) for k in range(20) if base * 2**k <= limit_n}
    return sorted(sides)


# ----------------------------------------------------------------------------------------------
# Exact limits (SymPy input)


@pytest.mark.parametrize(
    ("f", "a", "expected"),
    [
        ((x**2 - 1) / (x - 1), 1, sp.Integer(2)),
        (sp.sin(x) / x, 0, sp.Integer(1)),
        ((1 + 1 / x) ** x, sp.oo, sp.E),
        ((1 + 1 / x) ** x, math.inf, sp.E),
        ("(x**2 - 1)/(x - 1)", 1, sp.Integer(2)),
        ("(1 - cos(x))/x**2", 0, sp.Rational(1, 2)),
        ("(exp(x) - 1)/x", 0.0, sp.Integer(1)),
        (sp.sin(x), sp.pi, sp.Integer(0)),
        (sp.atan(x), -math.inf, -sp.pi / 2),
        (x**2, 0.5, sp.Rational(1, 4)),
    ],
)
def test_symbolic_limit_is_exact(f, a, expected):
    result = limit(f, a)
    assert result.method == "sympy"
    assert result.exists is True
    assert result.error == 0
    assert isinstance(result.value, sp.Basic)
    assert sp.simplify(result.value - expected) == 0


def test_symbolic_limit_at_infinity_sets_the_one_side_it_approaches_from():
    at_plus = limit((1 + 1 / x) ** x, sp.oo)
    assert at_plus.left == sp.E and at_plus.right is None
    at_minus = limit(sp.exp(x), -sp.oo)
    assert at_minus.value == 0 and at_minus.left is None and at_minus.right == 0


def test_symbolic_one_sided_and_two_sided_limits():
    assert limit(1 / x, 0, side="+").value == sp.oo
    assert limit(1 / x, 0, side="-").value == -sp.oo
    both = limit(1 / x, 0)
    assert (both.left, both.right) == (-sp.oo, sp.oo)
    assert both.exists is False and is_nan(both.value)
    assert "differ" in repr(both)
    step = limit(sp.Abs(x) / x, 0)
    assert (step.left, step.right) == (-1, 1)
    assert step.exists is False and is_nan(step.value)


def test_symbolic_oscillation_has_no_limit():
    result = limit(sp.sin(1 / x), 0)
    assert result.exists is False and result.verdict == "oscillates"
    assert is_nan(result.value) and is_nan(result.left) and is_nan(result.right)
    assert "oscillates" in repr(result)
    assert limit(sp.sin(1 / x), 0, side="+").verdict == "oscillates"


def test_symbolic_squeeze():
    assert limit(x * sp.sin(1 / x), 0).value == 0


@pytest.mark.parametrize(
    "a",
    [
        pytest.param(fractions.Fraction(1, 2), id="Fraction(1, 2)"),
        pytest.param(np.float32(0.5), id="np.float32(0.5)"),
    ],
)
def test_symbolic_limit_at_non_float_real_point(a):
    # Regression: these were once truncated to 0 by sp.Integer().
    assert limit(x**2, a).value == sp.Rational(1, 4)


# ----------------------------------------------------------------------------------------------
# Numerical limits (callable input)


def test_numeric_limit_beats_cancellation():
    # Evaluating at a tiny x gives 0 (1 - cos(1e-8) == 0.0 in floating point); the limit is 1/2.
    result = limit(lambda t: (1 - math.cos(t)) / t**2, 0)
    assert result.method.startswith("numeric")
    assert_numeric_limit(result, 0.5, rel=5e-9)


@pytest.mark.parametrize(
    ("f", "a", "expected"),
    [
        (lambda t: (t**2 - 1) / (t - 1), 1, 2.0),
        (lambda t: math.sin(t) / t, 0, 1.0),
        (lambda t: (math.exp(t) - 1) / t, 0, 1.0),
        (lambda t: math.log(t) / (t - 1), 1, 1.0),
        (lambda t: (math.sqrt(t) - 2) / (t - 4), 4, 0.25),
        (lambda t: math.tan(3 * t) / t, 0, 3.0),
        (lambda t: t * math.sin(1 / t), 0, 0.0),
    ],
)
def test_numeric_two_sided_limits(f, a, expected):
    result = limit(f, a)
    assert_numeric_limit(result, expected)
    assert relative_error(result.left, expected) < 1e-6
    assert relative_error(result.right, expected) < 1e-6


def test_numeric_one_sided_limits():
    right = limit(math.sqrt, 0, side="+")
    assert right.exists and right.left is None and right.right == right.value == 0.0
    left = limit(math.floor, 1, side="-")
    assert left.exists and left.right is None and left.left == left.value == 0.0
    above = limit(math.floor, 1, side="+")
    assert above.left is None and above.right == above.value == 1.0
    # sqrt is undefined to the left of 0: no left limit.
    undefined = limit(math.sqrt, 0, side="-")
    assert undefined.exists is False and is_nan(undefined.value) and undefined.verdict == "undefined"
    assert undefined.right is None and is_nan(undefined.left)
    assert "undefined" in repr(undefined)


@pytest.mark.parametrize(
    ("f", "a", "expected"),
    [
        (lambda t: (1 + 1 / t) ** t, math.inf, math.e),
        (lambda t: (1 + 1 / t) ** t, -math.inf, math.e),
        (math.atan, math.inf, math.pi / 2),
        (math.atan, -math.inf, -math.pi / 2),
        (lambda t: (3 * t**2 + 1) / (t**2 - 5), math.inf, 3.0),
        (math.exp, -math.inf, 0.0),
    ],
)
def test_numeric_limits_at_infinity(f, a, expected):
    result = limit(f, a)
    assert_numeric_limit(result, expected)
    assert result.exists
    if a > 0:
        assert result.right is None and result.left == result.value
    else:
        assert result.left is None and result.right == result.value


def test_numeric_growth_at_infinity():
    result = limit(lambda t: t**2, math.inf)
    assert result.value == math.inf and result.exists is False


def test_vertical_asymptote_from_each_side():
    right = limit(lambda t: 25 / t, 0, side="+")
    assert right.value == math.inf and right.exists is False
    left = limit(lambda t: 25 / t, 0, side="-")
    assert left.value == -math.inf and left.exists is False
    both = limit(lambda t: 25 / t, 0)
    assert both.exists is False
    assert math.isnan(both.value)
    assert (both.left, both.right) == (-math.inf, math.inf)
    assert "left limit" in repr(both) and "right limit" in repr(both) and "differ" in repr(both)


def test_same_infinity_from_both_sides():
    result = limit(lambda t: 1 / t**2, 0)
    assert result.value == math.inf and result.exists is False
    assert "+infinity" in repr(result)


def test_oscillation_has_no_numeric_limit():
    result = limit(lambda t: math.sin(1 / t), 0)
    assert result.exists is False and result.verdict == "oscillates"
    assert math.isnan(result.value) and math.isnan(result.error)
    assert "oscillates" in repr(result)
    for side in ("+", "-"):
        assert limit(lambda t: math.sin(1 / t), 0, side=side).verdict == "oscillates"


def test_one_unsettled_side_decides_the_two_sided_numeric_verdict():
    # Where one side converges and the other oscillates (or creeps too slowly to judge), the
    # two-sided answer is that side's verdict, never "sides differ": both sides here tend to 0
    # or have no limit at all, so a gap between two values would be a confident wrong answer.
    oscillating = limit(lambda t: math.sin(1 / t) if t > 0 else 0.0, 0)
    assert oscillating.verdict == "oscillates" and oscillating.left == pytest.approx(0.0, abs=1e-12)
    assert "oscillates" in repr(oscillating)
    creeping = limit(lambda t: -1 / math.log(t) if t > 0 else 0.0, 0)  # -1/log t -> 0, too slowly
    assert creeping.verdict == "cannot tell" and math.isnan(creeping.value)
    assert creeping.left == pytest.approx(0.0, abs=1e-12) and "# cannot tell: " in repr(creeping)


def test_a_jump_of_a_few_rounding_errors_is_not_told_apart_from_rounding():
    # Two sides that differ by about their rounding still converge, to a value within the
    # error of both; sides a few rounding errors further apart cannot be told apart from
    # rounding ("cannot tell"); a jump well above rounding is a jump.
    for gap in (4.4e-16, 5e-15):
        close = limit(lambda t: 1.0 if t < 0 else 1.0 + gap, 0)
        assert close.verdict == "converges"
        assert abs(close.value - 1.0) <= close.error and abs(close.value - (1.0 + gap)) <= close.error
    unclear = limit(lambda t: 1.0 if t < 0 else 1.0 + 1e-14, 0)
    assert unclear.verdict == "cannot tell" and math.isnan(unclear.value) and unclear.exists is False
    assert "# cannot tell: " in repr(unclear)
    assert limit(lambda t: 1.0 if t < 0 else 1.0 + 1e-12, 0).verdict == "sides differ"


def test_too_few_samples_near_the_point_cannot_tell():
    # f is undefined within 0.01 of 0, so only the first five samples (0.25 down to 1/64)
    # exist: far too far from 0 to say anything about the limit, though f is 1 wherever defined.
    fenced = lambda t: 1.0 + 0.0 * math.sqrt(t * t - 1e-4)  # noqa: E731
    for side in ("both", "+", "-"):
        result = limit(fenced, 0, side=side)
        assert result.verdict == "cannot tell" and math.isnan(result.value)
        assert "# cannot tell: " in repr(result)


def test_jump_has_one_sided_limits_but_no_limit():
    result = limit(lambda t: abs(t) / t, 0)
    assert result.exists is False and math.isnan(result.value)
    assert result.left == pytest.approx(-1.0, abs=1e-9)
    assert result.right == pytest.approx(1.0, abs=1e-9)
    assert "differ" in repr(result)


def test_a_small_jump_is_still_a_jump():
    result = limit(lambda t: 1.0 if t < 0 else 1.0001, 0)
    assert result.exists is False and math.isnan(result.value)
    assert result.left == pytest.approx(1.0, abs=1e-9)
    assert result.right == pytest.approx(1.0001, abs=1e-9)


def test_slow_oscillation_has_no_limit():
    # sin(log|t|) keeps oscillating (ever more slowly) as t -> 0.
    result = limit(lambda t: 1 + 1e-3 * math.sin(math.log(abs(t))), 0)
    assert result.exists is False and math.isnan(result.value)
    assert result.verdict == "oscillates"


def test_limit_result_converts_to_float():
    assert float(limit(lambda t: math.sin(t) / t, 0)) == pytest.approx(1.0, rel=1e-9)
    assert float(limit("sin(x)/x", 0)) == 1.0


@given(expr=smooth_expressions(), a=points())
@PROPERTY_SETTINGS
def test_numeric_limit_of_a_smooth_function_is_its_value(expr, a):
    result = limit(to_callable(expr), a)
    assert_numeric_limit(result, exact_value(expr, a))


@given(g=nonconstant_expressions(), a=points())
@PROPERTY_SETTINGS
def test_numeric_limit_of_a_difference_quotient_is_the_derivative(g, a):
    # (g(x) - g(a)) / (x - a) -> g'(a): near a, every sample loses digits to cancellation.
    g_callable = to_callable(g)
    g_at_a = g_callable(a)
    result = limit(lambda t: (g_callable(t) - g_at_a) / (t - a), a)
    assert_numeric_limit(result, exact_value(sp.diff(g, X), a))


@pytest.mark.parametrize(
    ("f", "a", "expected"),
    [
        pytest.param(
            lambda t: ((5 * t + 3) - (5 * 1.1 + 3)) / (t - 1.1), 1.1, 5.0, id="slope-of-5x+3-at-1.1"
        ),
        pytest.param(
            lambda t: (0.6 * t - 0.8 - (-0.8)) / t, 0.0, 0.6, id="slope-of-0.6x-0.8-at-0"
        ),
        pytest.param(
            lambda t: math.sin(t) ** 2 + math.cos(t) ** 2, 1.1, 1.0, id="sin^2+cos^2-at-1.1"
        ),
        pytest.param(
            lambda t: ((t + 0.4) - (1.9 + 0.4)) / (t - 1.9),
            1.9,
            1.0,
            id="slope-of-x+0.4-at-1.9"
        ),
        pytest.param(
            lambda t: ((t + 1) - (1.1 + 1)) / (t - 1.1),
            1.1,
            1.0,
            id="slope-of-x+1-at-1.1"
        ),
    ],
)
def test_numeric_limit_of_a_function_constant_up_to_rounding(f, a, expected):
    assert_numeric_limit(limit(f, a), expected)


def test_numeric_limit_of_the_slope_of_many_lines():
    # Samples of a line's difference quotient are its slope plus round-off that grows like eps/h.
    rng = np.random.default_rng(7)
    for slope, intercept, a in zip(rng.integers(-5, 6, 100), rng.uniform(-2, 2, 100), rng.uniform(-2, 2, 100)):
        line = lambda t: slope * t + intercept  # noqa: E731
        result = limit(lambda t: (line(t) - line(a)) / (t - a), a)
        assert_numeric_limit(result, float(slope))


# ----------------------------------------------------------------------------------------------
# Verdicts, in the result and in words


def test_verdicts_of_exact_results():
    assert limit("sin(x)/x", 0).verdict == "converges"
    assert limit("1/x**2", 0).verdict == "+inf"
    assert limit("-1/x**2", 0).verdict == "-inf"
    assert limit("1/x", 0).verdict == "sides differ"
    assert limit("sin(1/x)", 0).verdict == "oscillates"
    assert limit("exp(x)", math.inf).verdict == "+inf"
    assert "converges" in repr(limit("sin(x)/x", 0))


def test_the_verdict_decides_exists_and_is_said_in_words():
    words = {
        "converges": "converges: the limit exists (estimated error",
        "+inf": "does not exist: diverges to +infinity",
        "-inf": "does not exist: diverges to -infinity",
        "sides differ": "does not exist: the left limit (-1.0) and right limit (1.0) differ",
        "oscillates": "does not exist: f oscillates",
        "undefined": "does not exist: f is undefined",
        "cannot tell": "cannot tell:",
    }
    examples = {
        "converges": limit(lambda t: math.sin(t) / t, 0),
        "+inf": limit(lambda t: 1 / t**2, 0),
        "-inf": limit(lambda t: math.log(t), 0, side="+"),
        "sides differ": limit(lambda t: abs(t) / t, 0),
        "oscillates": limit(lambda t: math.sin(1 / t), 0),
        "undefined": limit(math.log, 0, side="-"),
        "cannot tell": limit(lambda t: 1 / math.log(abs(t)), 0),
    }
    assert set(examples) == set(VERDICTS)
    for verdict, result in examples.items():
        assert result.verdict == verdict, result
        assert result.exists is (verdict == "converges")
        assert repr(result).split(" # ")[1].startswith(words[verdict]), repr(result)
        assert f"verdict={verdict!r}" in repr(result)
        if verdict != "converges":
            assert math.isnan(result.error)  # no value, so no error to estimate (never "0")


def test_a_limit_result_built_by_hand_gets_a_verdict():
    assert LimitResult(2.0, True, 2.0, 2.0, "numeric").verdict == "converges"
    assert LimitResult(math.inf, False, math.inf, math.inf, "numeric").verdict == "+inf"
    assert LimitResult(-math.inf, False, None, -math.inf, "numeric").verdict == "-inf"
    assert LimitResult(math.nan, False, 1.0, 2.0, "numeric").verdict == "sides differ"
    assert LimitResult(math.nan, False, math.nan, 2.0, "numeric").verdict == "cannot tell"
    with pytest.raises(ValueError, match=r"^verdict must be one of converges, \+inf, -inf, sides differ, "
                                         r"oscillates, undefined, cannot tell; got 'exists'$"):
        LimitResult(1.0, True, 1.0, 1.0, "numeric", 0.0, "exists")


def test_exact_one_sided_results_report_the_side_asked_for():
    right = limit("1/x", 0, side="+")
    assert (right.left, right.right, right.value, right.verdict) == (None, sp.oo, sp.oo, "+inf")
    left = limit("1/x", 0, side="-")
    assert (left.left, left.right, left.value, left.verdict) == (-sp.oo, None, -sp.oo, "-inf")
    step = limit("Abs(x)/x", 0, side="-")
    assert (step.left, step.right, step.value, step.exists) == (-1, None, -1, True)
    for result in (right, left, step):
        assert result.method == "sympy" and result.error == 0
        assert result.exists is (result.verdict == "converges")


def test_exact_verdicts_when_sympy_cannot_answer_or_f_is_not_real():
    unknown = limit(sp.Function("g")(x), 0)  # an unknown function: SymPy only writes g(0)
    assert unknown.verdict == "cannot tell" and unknown.exists is False and is_nan(unknown.value)
    assert repr(unknown).endswith("# cannot tell: SymPy could not find this limit")
    complex_valued = limit("sqrt(x)", -1)  # sqrt is not real left of 0
    assert complex_valued.verdict == "undefined" and is_nan(complex_valued.value)
    assert limit("sqrt(x)", -1, side="+").verdict == "undefined"
    one_side_oscillates = limit("sin(1/x)*Heaviside(x)", 0)
    assert one_side_oscillates.verdict == "oscillates" and one_side_oscillates.left == 0


def test_exact_two_sided_verdicts_with_one_side_unsettled():
    # One side converges, the other is complex (f not real there) or beyond SymPy.
    half_complex = limit("1 + (I - 1)*Heaviside(x)", 0)
    assert half_complex.verdict == "undefined" and half_complex.left == 1 and is_nan(half_complex.right)
    half_unknown = limit("g(x)*Heaviside(x)", 0)
    assert half_unknown.verdict == "cannot tell" and half_unknown.left == 0 and is_nan(half_unknown.value)
    assert limit("1/x**2", 0).value == sp.oo and limit("-1/x**2", 0).value == -sp.oo


def test_exact_limit_names_the_symbols_it_found():
    with pytest.raises(ValueError, match=r"^f must be an expression in exactly one symbol; found x, y$"):
        limit("x*y", 0)
    with pytest.raises(ValueError, match=r"^f must be an expression in exactly one symbol; found none$"):
        limit("2", 0)


def test_exact_limit_at_a_float_with_no_simple_form_uses_its_decimal_value():
    assert limit(x**2, 0.1234567891).value == sp.Rational("0.1234567891") ** 2
    assert limit(x**2, 2.5).value == sp.Rational(25, 4)
    # Forms of up to 3 operations stand for the float: 1 + sqrt(3), 3 sqrt(5).
    assert limit(x, 1 + math.sqrt(3)).value == 1 + sp.sqrt(3)
    assert limit(x, 3 * math.sqrt(5)).value == 3 * sp.sqrt(5)
    # Longer forms (sqrt(2) E, sqrt(2 sqrt(6) + 5)) do not: the float's own value is used.
    for point in (math.e * math.sqrt(2), math.sqrt(2) + math.sqrt(3)):
        value = limit(x, point).value
        assert isinstance(value, sp.Rational) and abs(float(value) - point) <= 1e-15 * point


def test_too_few_sides_are_named_in_the_message():
    with pytest.raises(ValueError, match=r"^n must be an integer >= 3; got 2$"):
        archimedes_bounds(2)
    with pytest.raises(ValueError, match=r"^ns must be an integer >= 3; got 2$"):
        bounds_table([2])
    with pytest.raises(ValueError, match=r"^n must be 3 or 4 times a power of 2 .*; got 5$"):
        archimedes_bounds(5)


def test_a_limit_result_built_by_hand_without_a_side_cannot_tell():
    assert LimitResult(math.nan, False, None, 2.0, "numeric").verdict == "cannot tell"
    assert LimitResult(sp.oo, False, sp.oo, sp.oo, "sympy").verdict == "+inf"
    assert LimitResult(-sp.oo, False, None, -sp.oo, "sympy").verdict == "-inf"
    assert LimitResult(sp.nan, False, -1, 1, "sympy").verdict == "sides differ"
    assert LimitResult(sp.nan, False, -sp.oo, sp.oo, "sympy").verdict == "sides differ"


# ----------------------------------------------------------------------------------------------
# Families of functions: the numerical verdict is SymPy's (or "cannot tell")

XR = sp.Symbol("x", real=True)
SIDES = ("+", "-", "both")
FAMILY_SETTINGS = settings(derandomize=True, deadline=None, max_examples=20,
                           suppress_health_check=[HealthCheck.too_slow])


def sympy_one_side(expr: sp.Expr, a: sp.Expr, direction: str) -> tuple[str, sp.Expr | None]:
    """SymPy's verdict and value for the limit from one side."""
    value = sp.limit(expr, XR, a, dir=direction)
    if value.has(sp.AccumBounds):
        return "oscillates", None
    if value in (sp.oo, -sp.oo):
        return ("+inf" if value == sp.oo else "-inf"), None
    assert value.is_real and value.is_finite, value
    return "converges", value


def sympy_verdict(expr: sp.Expr, a: sp.Expr, side: str) -> tuple[str, sp.Expr | None]:
    """SymPy's verdict (and value) for ``side``, combining the one-sided limits for "both"."""
    if side != "both":
        return sympy_one_side(expr, a, side)
    (left, low), (right, high) = sympy_one_side(expr, a, "-"), sympy_one_side(expr, a, "+")
    if "oscillates" in (left, right):
        return "oscillates", None
    if left == right and (left != "converges" or sp.simplify(low - high) == 0):
        return left, low
    return "sides differ", None


def check_against_sympy(f, expr: sp.Expr, a: Fraction, side: str) -> str:
    """The numerical verdict is SymPy's or "cannot tell"; a value lies within its error bound."""
    result = limit(f, float(a), side=side)
    expected, exact = sympy_verdict(expr, sp.Rational(a.numerator, a.denominator), side)
    assert result.exists is (result.verdict == "converges")
    if result.verdict == "cannot tell":
        assert math.isnan(result.value)
        return result.verdict
    assert result.verdict == expected, (result, expected, exact)
    if expected == "converges":
        exact = float(exact)
        # f itself is a float function: allow for its own rounding of the exact limit.
        assert abs(result.value - exact) <= result.error + 4 * np.finfo(float).eps * abs(exact), (result, exact)
        assert 0 < result.error <= 1e-6 * max(1.0, abs(exact))
    elif expected in ("+inf", "-inf"):
        assert result.value == (math.inf if expected == "+inf" else -math.inf)
    asked = {"+": ("right",), "-": ("left",), "both": ("left", "right")}[side]
    for name in ("left", "right"):
        assert (getattr(result, name) is None) is (name not in asked)
    return result.verdict


points_in_eighths = st.integers(min_value=-16, max_value=16).map(lambda n: Fraction(n, 8))
signs = st.sampled_from([1, -1])


@st.composite
def powers_of_ten(draw, low: int, high: int) -> Fraction:
    """+/- m * 10**e with m in {1, 3, 7} and e in [low, high], as an exact fraction."""
    return draw(signs) * draw(st.sampled_from([1, 3, 7])) * Fraction(10) ** draw(st.integers(low, high))


@given(c=powers_of_ten(-12, 12), k=st.sampled_from([1, 2]), a=points_in_eighths, side=st.sampled_from(SIDES))
@FAMILY_SETTINGS
def test_family_poles_of_any_size(c, k, a, side):
    # c/(x - a)**k for |c| from 1e-12 to 1e12: a pole is a pole, however small its coefficient.
    cf, af = float(c), float(a)
    expr = sp.Rational(c.numerator, c.denominator) / (XR - sp.Rational(a.numerator, a.denominator)) ** k
    check_against_sympy(lambda t: cf / (t - af) ** k, expr, a, side)


@given(c=powers_of_ten(-6, 6), b=powers_of_ten(0, 6), a=points_in_eighths, side=st.sampled_from(SIDES))
@FAMILY_SETTINGS
def test_family_logarithms(c, b, a, side):
    # b + c log|x - a| -> -sign(c) inf: slow (logarithmic) divergence is still divergence.
    cf, bf, af = float(c), float(b), float(a)
    ae = sp.Rational(a.numerator, a.denominator)
    expr = sp.Rational(b.numerator, b.denominator) + sp.Rational(c.numerator, c.denominator) * sp.log(sp.Abs(XR - ae))
    check_against_sympy(lambda t: bf + cf * math.log(abs(t - af)), expr, a, side)


@given(c=powers_of_ten(-14, 2), b=powers_of_ten(0, 6), a=points_in_eighths, side=st.sampled_from(SIDES))
@FAMILY_SETTINGS
def test_family_one_over_logarithms(c, b, a, side):
    # b + c / log|x - a| -> b, so slowly that the method may only say "cannot tell".
    cf, bf, af = float(c), float(b), float(a)
    ae = sp.Rational(a.numerator, a.denominator)
    expr = sp.Rational(b.numerator, b.denominator) + sp.Rational(c.numerator, c.denominator) / sp.log(sp.Abs(XR - ae))
    check_against_sympy(lambda t: bf + cf / math.log(abs(t - af)), expr, a, side)


@given(n=st.integers(min_value=1, max_value=200), side=st.sampled_from(SIDES))
@FAMILY_SETTINGS
def test_family_squeezed_oscillations(n, side):
    # |x|**p sin(1/x) -> 0 for p = n/100 in (0, 2]; p = 0 (sin(1/x)) oscillates.  (p -> 0 cannot
    # be told from p = 0 in floating point: |x|**0.001 >= 0.5 for every double x >= 1e-301.)
    p = n / 100
    expr = sp.Abs(XR) ** sp.Rational(n, 100) * sp.sin(1 / XR)
    check_against_sympy(lambda t: abs(t) ** p * math.sin(1 / t), expr, Fraction(0), side)


def test_at_the_bottom_of_the_float_range_the_answer_is_right_or_cannot_tell():
    # 1e-300 sin(t)/t -> 1e-300: its samples reach subnormal numbers, where few digits are
    # left. A numerical answer may be "cannot tell", never a confident wrong number.
    for side in SIDES:
        result = limit(lambda t: 1e-300 * math.sin(t) / t, 0, side=side)
        assert result.verdict in ("cannot tell", "converges"), result
        if result.verdict == "converges":
            assert abs(result.value - 1e-300) <= result.error


@pytest.mark.parametrize(("f", "expected"), [
    (lambda t: (math.tan(t) - t) / t**3, 1 / 3),   # tan(t) rounds to t below about 1e-8
    (lambda t: (math.sin(t) - t) / t**3, -1 / 6),
    (lambda t: (math.exp(t) - 1 - t) / t**2, 0.5),
])
def test_cancellation_to_exactly_zero_is_not_taken_for_the_limit(f, expected):
    # Deep samples of these quotients are exactly 0 (the numerator cancels completely): that
    # is round-off, not the limit. The answer is the limit within its error, or cannot tell.
    result = limit(f, 0)
    assert result.verdict in ("converges", "cannot tell"), result
    if result.verdict == "converges":
        assert abs(result.value - expected) <= result.error <= 1e-6


# Where cancellation collapses the samples to exactly 0 (the rule behind the test above, on
# sample sequences built to sit on each side of it): the index of the collapse, or ``clean``.
@pytest.mark.parametrize(("samples", "collapse"), [
    ([0.30, 0.32, 0.36, 0.0, 0.0, 0.0], 3),       # the first zero after three moving samples
    ([0.7, 0.8, 0.9, 1.0, 0.0, 0.0], 4),          # ... whatever the sample before it is
    ([0.2, 0.0, 0.30, 0.31, 0.33, 0.0], 5),       # an early zero is not the collapse; a later one is
    ([0.3, 0.3, 0.3, 0.0, 0.36, 0.0], 5),         # a zero is judged by the samples just before it
    ([0.5, 1e-6 + 3e-10, 1e-6 + 2e-10, 1e-6 + 1e-10, 1e-6, 0.0], 6),  # too small beside 0.5: kept
    ([3e-6, 1e-6 + 3e-10, 1e-6 + 2e-10, 1e-6 + 1e-10, 1e-6, 0.0], 5),  # moving at its own scale
    ([0.5, 0.0, 0.0, 0.0], 4),                    # exactly 0 right after the first sample: kept
    ([0.5, 0.4, 0.3, 1e-5, 0.0], 5),              # reached 0 from a sample already tiny: kept
    ([1.0, 0.5, 0.25, 1e-3, 0.0], 5),             # "over 1e-3 of the largest": 1e-3 itself is tiny
    ([0.5, 0.9, 1e-3 + 2e-14, 1e-3 + 1e-14, 1e-3, 0.0], 5),  # moving at the last sample's scale
    ([0.3, 0.5, 0.5, 0.5, 0.0, 0.0], 6),          # constant, then exactly 0: kept
])
def test_samples_collapse_to_zero_only_after_moving_samples(samples, collapse):
    assert _cancelled_to_zero(np.array(samples), len(samples)) == collapse


def test_a_numeric_limit_converges_only_within_the_documented_tolerance():
    # limit's docstring: "converges" only if the error is below 1e-6 max(1, |value|).
    assert _converged(0.5, 0.9e-6)[0] == "converges"
    assert _converged(0.5, 1.5e-6) == ("cannot tell", pytest.approx(math.nan, nan_ok=True),
                                       pytest.approx(math.nan, nan_ok=True))
    assert _converged(3e6, 2.9)[0] == "converges"
    assert _converged(3e6, 3.1)[0] == "cannot tell"


@pytest.mark.parametrize("f", [lambda t: 0.0, lambda t: t - t, lambda t: t, lambda t: 3 * t,
                               lambda t: math.sin(t)])
def test_limits_that_are_zero_come_without_warnings(f):
    # Samples that are all 0, or shrink to 0 geometrically, must not divide by zero anywhere.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        results = [limit(f, 0, side=side) for side in SIDES]
    for result in results:
        assert result.verdict == "converges" and result.value == 0.0 and result.error <= 1e-12


def test_a_limit_that_cannot_be_told_from_zero_is_exactly_zero():
    # t**2 sin(1/t) -> 0 from above through samples of both signs: the value is exactly 0.0,
    # shown as 0.0 (not -0.0).
    result = limit(lambda t: t * t * math.sin(1 / t), 0, side="+")
    assert result.value == 0.0 and math.copysign(1.0, result.value) == 1.0
    assert "value=0.0," in repr(result)


@pytest.mark.parametrize("p", [0.3, 0.5, 0.7])
def test_fractional_powers_go_to_zero_from_both_sides(p):
    # |t|**p -> 0 however slowly its samples shrink (by 2**-p per halving of t): the geometric
    # trend of the samples confirms the extrapolation rather than vetoing it.
    result = limit(lambda t: abs(t) ** p, 0)
    assert result.verdict == "converges" and abs(result.value) <= result.error <= 1e-6


@pytest.mark.parametrize("b", [2.0, -3.0, 1000.0])
@pytest.mark.parametrize("side", SIDES)
def test_a_squeezed_oscillation_settles_on_its_centre(b, side):
    # b + x sin(1/x) keeps turning back but is squeezed towards b: the limit is b, within the
    # reported error, from either side.
    result = limit(lambda t: b + t * math.sin(1 / t), 0, side=side)
    assert result.verdict == "converges" and abs(result.value - b) <= result.error <= 1e-6 * abs(b)


@given(a=points_in_eighths, b=powers_of_ten(0, 9), side=st.sampled_from(SIDES))
@FAMILY_SETTINGS
def test_family_removable_holes_with_large_offsets(a, b, side):
    # (x**2 - a**2)/(x - a) + b -> 2a + b: cancellation near a, and a limit up to 7e9 in size.
    af, bf = float(a), float(b)
    ae = sp.Rational(a.numerator, a.denominator)
    expr = (XR**2 - ae**2) / (XR - ae) + sp.Rational(b.numerator, b.denominator)
    check_against_sympy(lambda t: (t * t - af * af) / (t - af) + bf, expr, a, side)


@given(a=points_in_eighths, b=powers_of_ten(-3, 6), jump=powers_of_ten(-6, 6), side=st.sampled_from(SIDES))
@FAMILY_SETTINGS
def test_family_jumps_of_any_size(a, b, jump, side):
    af, bf, top = float(a), float(b), float(b + jump)
    ae = sp.Rational(a.numerator, a.denominator)
    # (SymPy 1.14 gets the left limit of the same Piecewise wrong; Heaviside it gets right.)
    expr = sp.Rational(b.numerator, b.denominator) + sp.Rational(jump.numerator, jump.denominator) * sp.Heaviside(XR - ae)
    check_against_sympy(lambda t: bf if t < af else top, expr, a, side)


@given(a=points_in_eighths, b=powers_of_ten(0, 6), c=powers_of_ten(-3, 3),
       kind=st.sampled_from(["sqrt", "log", "x log x"]))
@FAMILY_SETTINGS
def test_family_domain_edges(a, b, c, kind):
    # Defined only right of a: the right-hand limit is SymPy's; from the left, f is undefined.
    af, bf, cf = float(a), float(b), float(c)
    ae, be, ce = (sp.Rational(q.numerator, q.denominator) for q in (a, b, c))
    inner = {"sqrt": sp.sqrt(XR - ae), "log": sp.log(XR - ae), "x log x": (XR - ae) * sp.log(XR - ae)}[kind]
    g = {"sqrt": math.sqrt, "log": math.log, "x log x": lambda u: u * math.log(u)}[kind]
    f = lambda t: bf + cf * g(t - af)  # noqa: E731
    check_against_sympy(f, be + ce * inner, a, "+")
    left = limit(f, af, side="-")
    assert left.verdict == "undefined" and left.exists is False and left.right is None
    assert limit(f, af).verdict == "undefined"


# Every family, swept over a fixed grid: "cannot tell" must be rare (the share is reported here).
SWEEPS = {
    "poles": ([(c, k, a) for c in (1e-12, -3e-7, 1.0, -7e5, 1e12) for k in (1, 2) for a in (0, -1.5, 0.375)],
              lambda c, k, a: (lambda t: c / (t - a) ** k,
                               sp.nsimplify(c) / (XR - sp.nsimplify(a)) ** k), 0.0),
    "logs": ([(c, a) for c in (1e-6, -1.0, 3e5) for a in (0, -1.5, 0.375, 1.75)],
             lambda c, a: (lambda t: 7 + c * math.log(abs(t - a)),
                           7 + sp.nsimplify(c) * sp.log(sp.Abs(XR - sp.nsimplify(a)))), 0.0),
    "1/logs": ([(c, a) for c in (1e-14, 1e-11, 1e-3, 1.0) for a in (0, -1.5, 0.375)],
               lambda c, a: (lambda t: 7 + c / math.log(abs(t - a)),
                             7 + sp.nsimplify(c) / sp.log(sp.Abs(XR - sp.nsimplify(a)))), 0.5),
    "x^p sin(1/x)": ([(p,) for p in (0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0)],
                     lambda p: (lambda t: abs(t) ** p * math.sin(1 / t),
                                sp.Abs(XR) ** sp.nsimplify(p) * sp.sin(1 / XR)), 0.0),
    "holes": ([(a, b) for a in (0.375, -1.5, 1.75) for b in (0, 1e3, -1e6, 1e9)],
              lambda a, b: (lambda t: (t * t - a * a) / (t - a) + b,
                            (XR**2 - sp.nsimplify(a) ** 2) / (XR - sp.nsimplify(a)) + sp.nsimplify(b)), 0.0),
    "jumps": ([(a, jump) for a in (0, 0.375, -1.5) for jump in (1e-6, -1.0, 1e6)],
              lambda a, jump: (lambda t: 5.0 if t < a else 5.0 + jump,
                               5 + sp.nsimplify(jump) * sp.Heaviside(XR - sp.nsimplify(a))), 0.0),
}


@pytest.mark.parametrize("family", list(SWEEPS))
def test_cannot_tell_is_rare(family):
    grid, make, allowed_share = SWEEPS[family]
    verdicts = []
    for parameters in grid:
        f, expr = make(*parameters)
        a = float(parameters[-1]) if family not in ("x^p sin(1/x)", "holes", "jumps") else (
            0.0 if family == "x^p sin(1/x)" else float(parameters[0]))
        for side in SIDES:
            verdicts.append(check_against_sympy(f, expr, Fraction(a), side))
    share = verdicts.count("cannot tell") / len(verdicts)
    assert share <= allowed_share, f"{family}: cannot tell in {share:.0%} of {len(verdicts)} limits"


# ----------------------------------------------------------------------------------------------
# Behaviour readers rely on


@pytest.mark.parametrize("big", [5000.0, -1e6, 3e9, 1e15])
def test_large_finite_limits_are_finite(big):
    # Not mistaken for divergence, and the sides agree with a tolerance relative to the value.
    for f in (lambda t: big + t, lambda t: big * math.sin(t) / t, lambda t: big + t * math.sin(1 / t)):
        result = limit(f, 0)
        assert result.verdict == "converges", result
        assert abs(result.value - big) <= result.error <= 1e-6 * abs(big)
        assert abs(result.left - big) <= 1e-9 * abs(big) and abs(result.right - big) <= 1e-9 * abs(big)


def test_a_jump_on_a_large_value_is_seen():
    result = limit(lambda t: 1e6 if t < 0 else 1e6 + 1e-3, 0)
    assert result.verdict == "sides differ" and (result.left, result.right) == (1e6, 1e6 + 1e-3)


@pytest.mark.parametrize(
    ("f", "a", "exact"),
    [
        (lambda t: (1 - math.cos(t)) / t**2, 0.0, 0.5),
        (lambda t: (math.sqrt(t + 9) - 3) / t, 0.0, 1 / 6),
        (lambda t: (math.exp(t) - 1 - t) / t**2, 0.0, 0.5),
        (lambda t: (t**3 - 8) / (t - 2), 2.0, 12.0),
        (lambda t: (1 + t) ** (1 / t), 0.0, math.e),
        (lambda t: (math.sin(t) - math.sin(1.3)) / (t - 1.3), 1.3, math.cos(1.3)),
        (lambda t: t * math.log(abs(t)), 0.0, 0.0),
        (lambda t: math.sqrt(abs(t)), 0.0, 0.0),
        (lambda t: 1000 + math.atan(1 / t) ** 2, 0.0, 1000 + math.pi**2 / 4),
    ],
)
def test_the_error_estimate_bounds_the_true_error(f, a, exact):
    result = limit(f, a)
    assert result.verdict == "converges", result
    assert 0 < result.error <= 1e-6 * max(1.0, abs(exact))
    assert abs(result.value - exact) <= result.error, (result.value - exact, result.error)
    for side in (result.left, result.right):
        assert abs(side - exact) <= 2 * result.error


@pytest.mark.parametrize(
    ("f", "side", "expected"),
    [
        (lambda t: 1 / t, "+", math.inf),
        (lambda t: 1 / t, "-", -math.inf),
        (lambda t: abs(t) / t, "+", 1.0),
        (lambda t: abs(t) / t, "-", -1.0),
        (lambda t: math.exp(1 / t), "-", 0.0),
        (lambda t: math.exp(1 / t), "+", math.inf),
    ],
)
def test_a_one_sided_result_reports_the_side_asked_for(f, side, expected):
    result = limit(f, 0, side=side)
    asked, other = ("right", "left") if side == "+" else ("left", "right")
    assert getattr(result, other) is None
    assert getattr(result, asked) == result.value == expected
    assert result.verdict == ("converges" if math.isfinite(expected) else ("+inf" if expected > 0 else "-inf"))


def test_one_sided_limits_at_infinity_report_the_side_they_come_from():
    ahead = limit(lambda t: 2 + 1 / t, math.inf)
    behind = limit(lambda t: 2 + 1 / t, -math.inf)
    assert (ahead.right, behind.left) == (None, None)
    assert ahead.left == ahead.value == pytest.approx(2.0, abs=1e-12)
    assert behind.right == behind.value == pytest.approx(2.0, abs=1e-12)
    assert limit(lambda t: t, -math.inf).value == -math.inf


def test_functions_undefined_at_some_sample_points():
    # nan on every other decade of steps (and a raise at some points): the limit through the
    # points where f is defined is still found.
    def holes(t):
        if int(-math.log10(abs(t))) % 2:
            return math.nan
        return math.sin(t) / t

    def raises(t):
        if int(-math.log2(abs(t))) % 3 == 0:
            raise ValueError("math domain error")
        return 4 + t

    assert limit(holes, 0).value == pytest.approx(1.0, abs=1e-12)
    assert limit(raises, 0).value == pytest.approx(4.0, abs=1e-12)
    assert limit(lambda t: 1 / t if t > 1e-9 else math.nan, 0, side="+").verdict == "+inf"


def test_a_function_that_is_nowhere_defined_near_the_point():
    for f in (lambda t: math.nan, lambda t: math.log(-abs(t))):
        result = limit(f, 0)
        assert result.verdict == "undefined" and math.isnan(result.left) and math.isnan(result.right)


def test_tiny_coefficient_poles_diverge():
    assert limit(lambda t: 1e-12 / t, 0, side="+").verdict == "+inf"
    assert limit(lambda t: 1e-12 / t, 0, side="-").verdict == "-inf"
    assert limit(lambda t: 1e-12 / t, 0).verdict == "sides differ"
    assert limit(lambda t: 5000 + 1e-12 / t**2, 0).value == math.inf
    assert limit(lambda t: -1e-12 / (t - 1.7) ** 2, 1.7).value == -math.inf


def test_logarithmic_divergence_has_a_sign():
    result = limit(lambda t: -math.log(abs(t)), 0)
    assert result.verdict == "+inf" and result.value == math.inf
    assert (result.left, result.right) == (math.inf, math.inf)
    assert limit(lambda t: math.log(t - 1), 1, side="+").value == -math.inf


def test_a_squeezed_oscillation_converges():
    result = limit(lambda t: t * math.sin(1 / t), 0)
    assert result.verdict == "converges" and result.value == 0.0 and 0 < result.error < 1e-12
    assert limit(lambda t: (t - 2) * math.cos(1 / (t - 2)), 2).value == 0.0


@pytest.mark.parametrize(
    "f",
    [
        lambda t: 1 / math.log(abs(t)),  # -> 0 like 1/log: at 1e-300 still 0.0014 away
        lambda t: abs(t) ** 0.02,  # -> 0, but is still 1e-6 at 1e-300
        lambda t: math.log(math.log(1 / abs(t))),  # -> +inf, far too slowly to see
    ],
)
def test_slow_limits_are_cannot_tell_not_a_wrong_value(f):
    result = limit(f, 0, side="+")
    assert result.verdict == "cannot tell" and result.exists is False and math.isnan(result.value)
    assert "SymPy" in repr(result)


@pytest.mark.parametrize(("a", "b", "c"), [(0.375, 1000.0, 1e-10), (0.375, 1000.0, -1e-10), (-2, 7000.0, 3e-9),
                                           (-2, 7.0, 1e-10), (0.125, 1e4, 1.0), (-1.5, 7.0, 1e-12)])
def test_a_creep_below_rounding_is_not_taken_for_a_settled_value(a, b, c):
    # b + c/log|x - a| moves by less than a rounding step per sample, always the same way.
    for side in ("+", "-"):
        result = limit(lambda t: b + c / math.log(abs(t - a)), a, side=side)
        assert result.verdict in ("converges", "cannot tell")
        if result.exists:
            assert abs(result.value - b) <= result.error


def test_round_off_is_not_read_as_the_limit():
    # Below h ~ 1e-8 these samples are round-off: exp(h) - 1 - h is 0 or -h, 1 - cos(h) is 0.
    for f, exact in [(lambda h: (math.exp(h) - 1 - h) / h**2, 0.5), (lambda h: (1 - math.cos(h)) / h**2, 0.5),
                     (lambda h: (math.exp(h) - 1) / h, 1.0), (lambda n: (1 + 1 / n) ** n, None)]:
        result = limit(f, math.inf) if exact is None else limit(f, 0)
        target = math.e if exact is None else exact
        assert result.verdict == "converges" and abs(result.value - target) <= result.error < 1e-8


def test_non_monotone_samples_near_a_smooth_limit():
    # A limit approached while wiggling: neither monotone nor oscillating forever.
    result = limit(lambda t: 2 + t * math.sin(1 / t) + t**2, 0)
    assert result.verdict == "converges" and abs(result.value - 2) <= result.error < 1e-9
    wiggly_line = limit(lambda t: 3 + t * (1 + 0.5 * math.sin(math.log(abs(t)))), 0)
    assert wiggly_line.verdict == "converges" and abs(wiggly_line.value - 3) <= wiggly_line.error < 1e-9


# ----------------------------------------------------------------------------------------------
# Approach tables


def test_approach_table_columns_and_values():
    def f(t):
        return (t**2 - 1) / (t - 1)

    table = approach_table(f, 1, steps=4, start=0.5)
    assert table.headers == ("x (left)", "f(x) left", "x (right)", "f(x) right")
    assert len(table.rows) == 4
    offsets = [0.5 / 10**k for k in range(4)]
    assert table.column("x (left)") == pytest.approx([1 - h for h in offsets], rel=1e-15)
    assert table.column("x (right)") == pytest.approx([1 + h for h in offsets], rel=1e-15)
    # (x**2 - 1)/(x - 1) = x + 1 away from 1.
    assert table.column("f(x) left") == pytest.approx([2 - h for h in offsets], rel=1e-12)
    assert table.column("f(x) right") == pytest.approx([2 + h for h in offsets], rel=1e-12)
    assert table.left == list(zip(table.column("x (left)"), table.column("f(x) left")))
    assert table.right == list(zip(table.column("x (right)"), table.column("f(x) right")))


def test_approach_table_default_shape_and_representations():
    table = approach_table(math.sin, 0.0)
    assert len(table.rows) == 6
    assert table.column("x (right)")[0] == pytest.approx(0.1)
    assert table.column("x (right)")[-1] == pytest.approx(1e-6)
    html = table._repr_html_()
    assert html.startswith("<table>") and "</table>" in html
    assert re.search(r"<th[^>]*>f\(x\) right</th>", html)
    assert html.count("<tr>") == 1 + 6
    text = str(table)
    assert "f(x) left" in text and len(text.splitlines()) == 1 + 6


def test_approach_table_marks_undefined_values_as_nan():
    table = approach_table(lambda t: 1 / t, 0.0, steps=2)
    assert all(math.isfinite(v) for v in table.column("f(x) right"))
    table = approach_table(math.log, 0.0, steps=2)  # log is undefined left of 0
    assert all(math.isnan(v) for v in table.column("f(x) left"))


# ----------------------------------------------------------------------------------------------
# The method of exhaustion


@given(n=st.integers(min_value=3, max_value=100_000), r=st.floats(min_value=0.1, max_value=10))
@PROPERTY_SETTINGS
def test_polygon_area_matches_the_closed_forms(n, r):
    inscribed = polygon_area(n, r)
    circumscribed = polygon_area(n, r, inscribed=False)
    assert inscribed == pytest.approx(n / 2 * r**2 * math.sin(2 * math.pi / n), rel=1e-12)
    assert circumscribed == pytest.approx(n * r**2 * math.tan(math.pi / n), rel=1e-12)
    assert inscribed < math.pi * r**2 < circumscribed


@pytest.mark.parametrize("n", [3, 4, 5, 6, 7, 12, 100])
def test_polygon_area_matches_the_shoelace_formula(n):
    # Independent of the closed forms: the circumscribed polygon's vertices lie at r / cos(pi/n).
    r = 2.0
    assert polygon_area(n, r) == pytest.approx(shoelace_area(regular_polygon(n, r)), rel=1e-12)
    outer = shoelace_area(regular_polygon(n, r / math.cos(math.pi / n)))
    assert polygon_area(n, r, inscribed=False) == pytest.approx(outer, rel=1e-12)


def test_polygon_areas_close_in_on_pi():
    inner = [polygon_area(n) for n in (6, 12, 24, 48, 96)]
    outer = [polygon_area(n, inscribed=False) for n in (6, 12, 24, 48, 96)]
    assert inner == sorted(inner) and outer == sorted(outer, reverse=True)
    assert polygon_area(4, inscribed=False) == pytest.approx(4.0, rel=1e-15)
    assert polygon_area(6) == pytest.approx(3 * math.sqrt(3) / 2, rel=1e-15)


@pytest.mark.parametrize("n", valid_archimedes_sides(6 * 2**10))
def test_archimedes_bounds_bracket_pi(n):
    lower, upper = archimedes_bounds(n)
    assert lower < math.pi < upper
    assert lower == pytest.approx(n * math.sin(math.pi / n), rel=0, abs=1e-12)
    assert upper == pytest.approx(n * math.tan(math.pi / n), rel=0, abs=1e-12)


@pytest.mark.parametrize("base", [3, 4, 6])
def test_archimedes_bounds_tighten_as_sides_double(base):
    sides = [base * 2**k for k in range(11)]
    bounds = [archimedes_bounds(n) for n in sides]
    for (low, high), (next_low, next_high) in zip(bounds, bounds[1:]):
        assert low < next_low < math.pi < next_high < high
        # Each doubling cuts the gap to about a quarter (the gap is ~ pi^3 / (2 n^2)).
        assert next_high - next_low < 0.3 * (high - low)


def test_archimedes_96_gon():
    low, high = archimedes_bounds(96)
    assert 3 + 10 / 71 < low < math.pi < high < 3 + 1 / 7  # Archimedes' famous result


# ----------------------------------------------------------------------------------------------
# Archimedes' bounds as a table (chapter "The method of exhaustion")

ARCHIMEDES = (6, 12, 24, 48, 96)


def test_default_rows_are_archimedes_polygons():
    table = bounds_table()
    assert isinstance(table, Table)
    assert table.headers == ("n", "inscribed area", "lower bound", "upper bound", "gap")
    assert table.column("n") == list(ARCHIMEDES)


@pytest.mark.parametrize("n", [3, 4, 6, 8, 12, 96, 192, 6 * 2**10])
def test_row_matches_the_helpers_it_is_built_from(n):
    (row,) = bounds_table([n]).rows
    lower, upper = archimedes_bounds(n)
    assert row == (n, polygon_area(n), lower, upper, upper - lower)
    assert row[1] <= row[2] < math.pi < row[3]
    assert row[3] == pytest.approx(polygon_area(n, inscribed=False), rel=1e-12)


def test_rows_keep_the_given_order_and_accept_any_iterable():
    assert bounds_table([96, 6]).column("n") == [96, 6]
    assert bounds_table(range(6, 7)).column("n") == [6]
    assert bounds_table(iter([12, 24])).column("n") == [12, 24]


def test_gap_shrinks_like_one_over_n_squared():
    ns = [6 * 2**k for k in range(12)]
    gaps = bounds_table(ns).column("gap")
    scaled = [n**2 * gap for n, gap in zip(ns, gaps)]
    assert scaled[-1] == pytest.approx(math.pi**3 / 2, rel=1e-6)
    assert all(g1 / g2 == pytest.approx(4, rel=0.05) for g1, g2 in zip(gaps[2:], gaps[3:]))


def test_archimedes_famous_fractions_bracket_the_96_gon():
    (row,) = bounds_table([96]).rows
    assert Fraction(223, 71) < Fraction(row[2]) and Fraction(row[3]) < Fraction(22, 7)


def test_html_and_text_rendering():
    table = bounds_table([6])
    assert re.search(r"<th[^>]*>lower bound</th>", table._repr_html_())
    assert "upper bound" in str(table)


@pytest.mark.parametrize("bad", [6.0, "6", True, None])
def test_wrong_kind_of_side_count_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"^ns must "):
        bounds_table([bad])


@pytest.mark.parametrize("bad", ["6, 12", 6, None, 3.5])
def test_ns_that_is_not_a_sequence_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"^ns must "):
        bounds_table(bad)


@pytest.mark.parametrize("bad", [[2], [5], [10], [100], [0], [-6]])
def test_impossible_side_counts_are_value_errors(bad):
    with pytest.raises(ValueError, match=r"^ns must "):
        bounds_table(bad)


def test_empty_ns_is_a_value_error():
    with pytest.raises(ValueError, match=r"^ns must not be empty$"):
        bounds_table([])


# ----------------------------------------------------------------------------------------------
# Bad input: the message names the argument


@pytest.mark.parametrize("f", [5, None, [1, 2]])
def test_limit_rejects_a_non_callable(f):
    with pytest.raises(TypeError, match=r"^f\b"):
        limit(f, 0)


@pytest.mark.parametrize(
    ("a", "error"),
    [
        (math.nan, ValueError),
        (float("nan"), ValueError),
        (1j, TypeError),
        (complex(1, 0), TypeError),
        ("x", TypeError),
        (None, TypeError),
        (True, TypeError),
    ],
)
def test_limit_rejects_a_bad_point(a, error):
    with pytest.raises(error, match=r"^a\b"):
        limit(f_ok, a)


@pytest.mark.parametrize("a", [math.nan, sp.nan, sp.I, sp.zoo, 1j, "x"])
def test_symbolic_limit_rejects_a_bad_point(a):
    with pytest.raises((TypeError, ValueError), match=r"^a\b"):
        limit(x**2, a)


@pytest.mark.parametrize("side", ["left", "", None, "+-"])
def test_limit_rejects_an_unknown_side(side):
    with pytest.raises(ValueError, match=r"^side\b"):
        limit(f_ok, 0, side=side)
    with pytest.raises(ValueError, match=r"^side\b"):
        limit(x, 0, side=side)


def test_symbolic_limit_rejects_several_symbols_and_bad_strings():
    with pytest.raises(ValueError, match=r"^f\b"):
        limit("x*y", 0)
    with pytest.raises(ValueError, match=r"^f\b"):
        limit("(x +", 0)


@pytest.mark.parametrize(
    "returned",
    [
        1j,
        None,
        [1.0, 2.0],
        "a string",
        "1.5",
    ],
)
def test_numeric_limit_rejects_a_function_returning_a_non_number(returned):
    # The message names the first point f was asked about (0 - 0.25: the left side comes first)
    # and what f returned there.
    with pytest.raises(TypeError, match=r"^f must return a real number; f\(-0\.25\) returned "):
        limit(lambda t: returned, 0)


@pytest.mark.parametrize(("point", "side"), [(0.0, "+"), (0.0, "-"), (1.0, "both"),
                                             (math.inf, "both"), (-math.inf, "both")])
def test_numeric_results_name_their_method(point, side):
    result = limit(lambda t: 1 / (1 + t * t), point, side=side)
    assert result.method == "numeric (Richardson extrapolation)"
    assert "method='numeric (Richardson extrapolation)'" in repr(result)


def test_a_function_that_overflows_near_the_point_gives_no_warning():
    # NumPy's exp overflows to inf (with a RuntimeWarning outside limit) as t -> 0+: limit keeps
    # the page clean and reports the divergence.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = limit(lambda t: np.exp(1 / t), 0, side="+")
        huge = limit(lambda t: 1e307 * (1 + t), 0)  # moves near the largest float
    assert result.verdict == "+inf" and result.value == math.inf
    assert huge.verdict == "converges" and abs(huge.value - 1e307) <= huge.error <= 1e-6 * 1e307


@pytest.mark.parametrize(
    ("kwargs", "name", "error"),
    [
        ({"f": 3, "a": 0}, "f", TypeError),
        ({"f": f_ok, "a": math.nan}, "a", ValueError),
        ({"f": f_ok, "a": math.inf}, "a", ValueError),
        ({"f": f_ok, "a": 0, "steps": 0}, "steps", ValueError),
        ({"f": f_ok, "a": 0, "steps": 2.5}, "steps", TypeError),
        ({"f": f_ok, "a": 0, "start": 0.0}, "start", ValueError),
        ({"f": f_ok, "a": 0, "start": -0.1}, "start", ValueError),
    ],
)
def test_approach_table_rejects_bad_input(kwargs, name, error):
    with pytest.raises(error, match=rf"^{name}\b"):
        approach_table(**kwargs)


@pytest.mark.parametrize(
    ("n", "error"),
    [(2, ValueError), (0, ValueError), (-5, ValueError), (3.0, TypeError), (True, TypeError)],
)
def test_polygon_area_rejects_too_few_sides(n, error):
    with pytest.raises(error, match=r"^n\b"):
        polygon_area(n)


@pytest.mark.parametrize("r", [0.0, -1.0, math.nan, math.inf])
def test_polygon_area_rejects_a_bad_radius(r):
    with pytest.raises(ValueError, match=r"^r\b"):
        polygon_area(6, r)


@pytest.mark.parametrize("n", [2, 5, 7, 9, 10, 18, 36, 40, 100, 6 * 2**10 + 3])
def test_archimedes_bounds_rejects_sides_it_cannot_reach(n):
    with pytest.raises(ValueError, match=r"^n\b"):
        archimedes_bounds(n)


@pytest.mark.parametrize(
    ("point", "exact"),
    [(5**0.5, sp.sqrt(5)), (math.pi, sp.pi), (0.1, sp.Rational(1, 10)), (2 / 3, sp.Rational(2, 3))],
)
def test_symbolic_limit_at_a_float_uses_the_number_it_stands_for(point, exact):
    # A float next to a pole must not turn into a nearby fraction where the limit is finite.
    result = limit("1/(x - a)".replace("a", str(exact)), point, side="+")
    assert result.value == sp.oo
