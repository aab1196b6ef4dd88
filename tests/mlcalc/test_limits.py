"""Tests of mlcalc.limits: exact and numerical limits, approach tables, exhaustion of the circle.

Expected values come from SymPy or from closed forms evaluated with ``math``, never from the
package itself.
"""

from __future__ import annotations

import re
import fractions
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from mlcalc.limits import LimitResult, approach_table, archimedes_bounds, limit, polygon_area
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
    assert result.exists is False
    assert is_nan(result.value)
    assert "does not exist" in repr(result)


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
    assert right.exists and right.left is None and abs(right.value) < 1e-6
    left = limit(math.floor, 1, side="-")
    assert left.exists and left.right is None and left.value == 0.0
    assert limit(math.floor, 1, side="+").value == 1.0
    # sqrt is undefined to the left of 0: no left limit.
    undefined = limit(math.sqrt, 0, side="-")
    assert undefined.exists is False and is_nan(undefined.value)


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
    assert result.exists is False
    assert math.isnan(result.value)
    assert "does not exist" in repr(result)


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
    for slope, intercept, a in zip(rng.integers(-5, 6, 300), rng.uniform(-2, 2, 300), rng.uniform(-2, 2, 300)):
        line = lambda t: slope * t + intercept  # noqa: E731
        result = limit(lambda t: (line(t) - line(a)) / (t - a), a)
        assert_numeric_limit(result, float(slope))


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
    with pytest.raises(TypeError, match=r"^f must return a real number"):
        limit(lambda t: returned, 0)


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
