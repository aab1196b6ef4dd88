"""Tests of mlcalc.rules: difference quotients, numerical derivatives, rule-by-rule differentiation.

Expected values come from SymPy (``sympy.diff``, evaluated with 30 digits) or from the
formulas written out in the test, never from the package itself.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from mlcalc.rules import (
    Differentiation,
    Step,
    default_step,
    derivative,
    difference_quotient,
    differentiate,
    step_error_table,
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

x, y = sp.symbols("x y")
EPS = np.finfo(float).eps

# ----------------------------------------------------------------------------------------------
# Helpers


def derivatives_at(expr: sp.Expr, at: float, order: int) -> list[float]:
    """[f(at), f'(at), ..., f^(order)(at)] from SymPy, to double precision."""
    return [exact_value(sp.diff(expr, X, k), at) for k in range(order + 1)]


def assert_close_with_scale(got: float, expected: float, rel: float, scale: float) -> None:
    """|got - expected| <= rel * max(1, scale): relative error, with the scale of the problem."""
    assert abs(got - expected) <= rel * max(1.0, scale), (got, expected, scale)


def same_expression(u: sp.Expr, v: sp.Expr) -> bool:
    """True when u - v simplifies to 0."""
    return sp.simplify(u - v) == 0


def f_ok(t):
    """A valid function, for the bad-input tests."""
    return t


# ----------------------------------------------------------------------------------------------
# Difference quotients


@given(
    expr=smooth_expressions(),
    at=points(),
    h=st.floats(min_value=1e-3, max_value=1.0),
)
@PROPERTY_SETTINGS
def test_difference_quotient_is_the_secant_slope(expr, at, h):
    f = to_callable(expr)
    got = difference_quotient(f, at, h)
    assert got == pytest.approx((f(at + h) - f(at)) / h, rel=1e-12, abs=1e-12)
    # The exact secant slope through (at, f(at)) and (at + h, f(at + h)), from SymPy.
    secant = (exact_value(expr, at + h) - exact_value(expr, at)) / h
    assert_close_with_scale(got, secant, 1e-12 / h, abs(exact_value(expr, at)))


def test_difference_quotient_of_a_square():
    # (3.1**2 - 3**2) / 0.1 = 6.1; (9 - 1) / 2 = 4.
    assert difference_quotient(lambda t: t**2, 3.0, 0.1) == pytest.approx(6.1, rel=1e-12)
    assert difference_quotient(lambda t: t**2, 1.0, 2.0) == pytest.approx(4.0, rel=1e-15)


# ----------------------------------------------------------------------------------------------
# Numerical derivatives


@given(expr=nonconstant_expressions(), at=points())
@PROPERTY_SETTINGS
def test_central_derivative_matches_sympy(expr, at):
    f0, f1, _, f3 = derivatives_at(expr, at, 3)
    got = derivative(to_callable(expr), at)  # central with the default step
    assert_close_with_scale(got, f1, 1e-7, max(abs(f0), abs(f1), abs(f3)))


@given(expr=nonconstant_expressions(), at=points(), method=st.sampled_from(["forward", "backward"]))
@PROPERTY_SETTINGS
def test_one_sided_derivatives_match_sympy(expr, at, method):
    f0, f1, f2 = derivatives_at(expr, at, 2)
    got = derivative(to_callable(expr), at, method=method)
    assert_close_with_scale(got, f1, 1e-5, max(abs(f0), abs(f1), abs(f2)))


@given(expr=nonconstant_expressions(), at=points(), h=st.floats(min_value=1e-3, max_value=0.5))
@PROPERTY_SETTINGS
def test_derivative_formulas_with_an_explicit_step(expr, at, h):
    f = to_callable(expr)
    central = derivative(f, at, h=h, method="central")
    forward = derivative(f, at, h=h, method="forward")
    backward = derivative(f, at, h=h, method="backward")
    scale = abs(f(at)) / h + 1
    assert central == pytest.approx((f(at + h) - f(at - h)) / (2 * h), rel=1e-12, abs=1e-13 * scale)
    assert forward == pytest.approx((f(at + h) - f(at)) / h, rel=1e-12, abs=1e-13 * scale)
    assert backward == pytest.approx((f(at) - f(at - h)) / h, rel=1e-12, abs=1e-13 * scale)
    # The central difference is the average of the one-sided ones.
    assert central == pytest.approx((forward + backward) / 2, rel=1e-9, abs=1e-12 * scale)


def test_derivative_error_orders():
    # f = x**3 at 2: forward error is 3*2*h + h**2 = 6h + h^2, central error is exactly h**2.
    h = 1e-2
    cube = lambda t: t**3  # noqa: E731
    assert derivative(cube, 2.0, h=h, method="forward") - 12 == pytest.approx(6 * h + h**2, rel=1e-8)
    assert derivative(cube, 2.0, h=h, method="backward") - 12 == pytest.approx(-6 * h + h**2, rel=1e-8)
    assert derivative(cube, 2.0, h=h, method="central") - 12 == pytest.approx(h**2, rel=1e-8)


@pytest.mark.parametrize("at", [0.0, 0.5, -1.0, 3.0, -250.0, 1e6])
def test_default_step(at):
    scale = max(1.0, abs(at))
    assert default_step(at) == pytest.approx(EPS ** (1 / 3) * scale, rel=1e-12)
    assert default_step(at, "central") == pytest.approx(EPS ** (1 / 3) * scale, rel=1e-12)
    assert default_step(at, "forward") == pytest.approx(EPS ** (1 / 2) * scale, rel=1e-12)
    assert default_step(at, "backward") == pytest.approx(EPS ** (1 / 2) * scale, rel=1e-12)


@pytest.mark.parametrize("method", ["central", "forward", "backward"])
@pytest.mark.parametrize("at", [0.3, 2.0, -40.0])
def test_derivative_uses_the_default_step(method, at):
    f = math.sin
    assert derivative(f, at, method=method) == derivative(f, at, h=default_step(at, method), method=method)


@pytest.mark.parametrize("at", [0.0, 1.0, 2.5])
def test_default_step_beats_large_and_tiny_steps(at):
    # The default step balances truncation (large h) and round-off (tiny h) error.
    exact = math.exp(at)
    error = abs(derivative(math.exp, at) - exact)
    assert error < 1e-10 * exact
    assert error < abs(derivative(math.exp, at, h=1e-2) - exact)
    assert error < abs(derivative(math.exp, at, h=1e-12) - exact)


# ----------------------------------------------------------------------------------------------
# Step-error tables


CASES = [
    (math.exp, sp.exp(x), 0.0),
    (math.sin, sp.sin(x), 1.0),
    (lambda t: t**3 - 2 * t, x**3 - 2 * x, 2.0),
    (lambda t: math.log(1 + t * t), sp.log(1 + x**2), 0.7),
]


@pytest.mark.parametrize(("f", "expr", "at"), CASES)
def test_step_error_table_shape_and_errors(f, expr, at):
    exact = float(sp.diff(expr, x).subs(x, at))
    steps = [1e-1, 1e-3, 1e-5, 1e-8, 1e-13]
    table = step_error_table(f, at, exact, steps=steps, methods=("forward", "central", "backward"))
    assert table.headers == ("h", "forward error", "central error", "backward error")
    assert len(table.rows) == len(steps) and all(len(row) == 4 for row in table.rows)
    assert table.column("h") == steps
    for h, forward_error, central_error, backward_error in table.rows:
        assert forward_error == pytest.approx(abs((f(at + h) - f(at)) / h - exact), rel=1e-9, abs=1e-15)
        assert central_error == pytest.approx(
            abs((f(at + h) - f(at - h)) / (2 * h) - exact), rel=1e-9, abs=1e-15
        )
        assert backward_error == pytest.approx(abs((f(at) - f(at - h)) / h - exact), rel=1e-9, abs=1e-15)
    forward = dict(zip(steps, table.column("forward error")))
    central = dict(zip(steps, table.column("central error")))
    # Central differences are more accurate at a moderate step ...
    assert central[1e-5] < forward[1e-5]
    # ... truncation error shrinks with h at first ...
    assert forward[1e-5] < forward[1e-3] < forward[1e-1]
    # ... and round-off makes the error grow again for a tiny step.
    assert forward[1e-13] > forward[1e-8]
    assert central[1e-13] > central[1e-5]


def test_step_error_table_defaults():
    table = step_error_table(math.exp, 0.0, 1.0)
    assert table.headers == ("h", "forward error", "central error")
    assert table.column("h") == pytest.approx([10.0**-k for k in range(1, 16)], rel=1e-12)
    assert "<table>" in table._repr_html_()
    assert "central error" in str(table)
    with pytest.raises(KeyError, match="name"):
        table.column("no such column")


# ----------------------------------------------------------------------------------------------
# Rule-by-rule differentiation


@given(expr=smooth_expressions())
@PROPERTY_SETTINGS
def test_differentiate_agrees_with_sympy(expr):
    result = differentiate(expr, X)
    assert result.agrees_with_sympy is True
    assert same_expression(result.derivative, sp.diff(expr, X))
    assert result.expression == expr and result.variable == X
    assert result.steps[0].depth == 0 and result.steps[0].expression == expr
    assert result.steps[0].result == result.derivative


@given(expr=nonconstant_expressions(), at=points())
@PROPERTY_SETTINGS
def test_differentiate_matches_sympy_at_a_point(expr, at):
    # Independent of simplify: compare values at a point with a high-precision evaluation.
    result = differentiate(expr, X)
    got = exact_value(result.derivative, at)
    assert got == pytest.approx(exact_value(sp.diff(expr, X), at), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize(
    ("expression", "rules", "expected"),
    [
        (
            "x**2*sin(x)",
            ["product", "power", "known derivative (sin)"],
            x**2 * sp.cos(x) + 2 * x * sp.sin(x),
        ),
        (
            "(x**2 + 1)/(x - 3)",
            ["quotient", "sum", "constant", "power"],
            (x**2 - 6 * x - 1) / (x - 3) ** 2,
        ),
        ("sin(x**2)", ["chain", "power"], 2 * x * sp.cos(x**2)),
        ("5*x**3", ["constant multiple", "power"], 15 * x**2),
        ("x**2 + x", ["sum", "power"], 2 * x + 1),
        ("x**7", ["power"], 7 * x**6),
        ("exp(x)", ["known derivative (exp)"], sp.exp(x)),
        ("2**x", ["known derivative (exponential)"], 2**x * sp.log(2)),
        (
            "x**x",
            ["logarithmic differentiation", "product", "power", "known derivative (log)"],
            x**x * (sp.log(x) + 1),
        ),
        ("2**(x**2)", ["chain", "power"], 2 * x * sp.log(2) * 2 ** (x**2)),
        ("3**sin(x)", ["chain", "known derivative (sin)"], sp.log(3) * sp.cos(x) * 3 ** sp.sin(x)),
        ("(x**2 + 1)**3", ["chain", "sum", "power", "constant"], 6 * x * (x**2 + 1) ** 2),
        ("besselj(0, x)", ["sympy.diff"], -sp.besselj(1, x)),
        ("atan2(x, 2)", ["sympy.diff"], 2 / (x**2 + 4)),
        ("sin(besselj(0, x))", ["chain", "sympy.diff"], -sp.cos(sp.besselj(0, x)) * sp.besselj(1, x)),
        (
            "exp(3*x + 1)",
            ["chain", "sum", "constant multiple", "power", "constant"],
            3 * sp.exp(3 * x + 1),
        ),
    ],
)
def test_differentiate_names_the_rules(expression, rules, expected):
    result = differentiate(expression)
    assert result.steps[0].rule == rules[0]
    assert sorted(result.rules) == sorted(rules)
    assert same_expression(result.derivative, expected)
    assert same_expression(result.derivative, sp.diff(sp.sympify(expression), x))
    assert result.agrees_with_sympy


@pytest.mark.parametrize("at", [-2.5, -0.5, 0.75, 3.0])
@pytest.mark.parametrize(
    "expression", ["2**(x**2)", "(x**2)**x", "(x**2 + 1)**x", "(x**2*exp(x))**x", "besselj(0, x)", "atan2(x, 2)"]
)
def test_chain_rule_and_fallback_match_sympy_at_points(expression, at):
    # Values, not simplify: the rule-by-rule derivative and SymPy's at real points, 30 digits.
    # (x**2)**x is real for negative x too; its derivative is (x**2)**x * (log(x**2) + 2).
    expr = sp.sympify(expression)
    result = differentiate(expr)
    assert result.agrees_with_sympy is True
    got = complex(result.derivative.evalf(30, subs={x: at}))
    expected = complex(sp.diff(expr, x).evalf(30, subs={x: at}))
    assert got == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert abs(expected.imag) < 1e-12


def test_logarithmic_differentiation_keeps_the_base_whole():
    # ln y = v ln u for y = u**v: the step differentiates exponent * log(base).
    result = differentiate("(x**2)**x")
    assert result.rules[0] == "logarithmic differentiation"
    assert result.steps[1].expression == x * sp.log(x**2)
    assert same_expression(result.derivative, (x**2) ** x * (sp.log(x**2) + 2))


@pytest.mark.parametrize("expression", [sp.Integer(42), "42"])
def test_differentiate_a_constant_needs_a_variable(expression):
    result = differentiate(expression, "x")
    assert result.rules == ["constant"]
    assert result.derivative == 0 and result.variable == x


def test_differentiate_with_another_symbol_as_a_constant():
    result = differentiate("a*x**2 + y", x)
    assert result.rules[0] == "sum"
    assert "constant multiple" in result.rules and "constant" in result.rules
    assert same_expression(result.derivative, 2 * sp.Symbol("a") * x)
    assert differentiate("x*y**2", "y").derivative == 2 * x * y


def test_fallback_with_another_symbol_differentiates_in_the_chosen_variable():
    # besselj(a, x): no rule knows a two-argument function; sympy.diff does it, in x, with a
    # left as a constant.
    a = sp.Symbol("a")
    result = differentiate("besselj(a, x) + a*x", "x")
    assert "sympy.diff" in result.rules and result.agrees_with_sympy is True
    expected = sp.diff(sp.besselj(a, x), x) + a
    assert same_expression(result.derivative, expected)


def test_differentiate_step_depths_follow_the_expression_tree():
    result = differentiate("x**2*sin(x)")
    assert [(s.depth, s.rule) for s in result.steps] == [
        (0, "product"),
        (1, "power"),
        (1, "known derivative (sin)"),
    ]
    assert result.steps[1].expression == x**2 and result.steps[1].result == 2 * x
    assert result.steps[2].expression == sp.sin(x) and result.steps[2].result == sp.cos(x)


def test_differentiation_representations():
    result = differentiate("x**2*sin(x)")
    markdown = result._repr_markdown_()
    assert markdown.count("$") >= 2 * len(result.steps)
    for rule in ("product", "power", "known derivative (sin)"):
        assert rule in markdown
    assert r"\frac{d}{dx}" in markdown
    assert "agrees" in markdown and "NOT" not in markdown
    assert markdown.splitlines()[:3] == [
        "| step | rule | derivative |",
        "|---|---|---|",
        r"| 1 | product | $\frac{d}{dx}\left[x^{2} \sin{\left(x \right)}\right] = "
        r"x^{2} \cos{\left(x \right)} + 2 x \sin{\left(x \right)}$ |",
    ]
    assert markdown.splitlines()[3:5] == [
        r"| 2 | &nbsp;&nbsp;&nbsp;&nbsp;power | $\frac{d}{dx}\left[x^{2}\right] = 2 x$ |",
        r"| 3 | &nbsp;&nbsp;&nbsp;&nbsp;known derivative (sin) | "
        r"$\frac{d}{dx}\left[\sin{\left(x \right)}\right] = \cos{\left(x \right)}$ |",
    ]
    assert markdown.endswith("\n\nResult agrees with `sympy.diff`.")
    # LaTeX: one aligned line per step, "rule: d/dx [expression] &= derivative".
    latex = result._repr_latex_()
    assert latex == (
        r"$\begin{aligned}"
        r"\text{product}:\ \frac{d}{dx}\left[x^{2} \sin{\left(x \right)}\right]"
        r" &= x^{2} \cos{\left(x \right)} + 2 x \sin{\left(x \right)}\\ "
        r"\text{power}:\ \frac{d}{dx}\left[x^{2}\right] &= 2 x\\ "
        r"\text{known derivative (sin)}:\ \frac{d}{dx}\left[\sin{\left(x \right)}\right]"
        r" &= \cos{\left(x \right)}"
        r"\end{aligned}$"
    )
    text = str(result)
    assert text.splitlines() == [
        "d/dx [x**2*sin(x)] = x**2*cos(x) + 2*x*sin(x)",
        "product: d/dx [x**2*sin(x)] = x**2*cos(x) + 2*x*sin(x)",
        "  power: d/dx [x**2] = 2*x",
        "  known derivative (sin): d/dx [sin(x)] = cos(x)",
        "agrees with sympy.diff: True",
    ]
    assert repr(result) == text


def test_a_derivative_that_disagrees_with_sympy_says_so():
    # A Differentiation whose check failed (here a learner's wrong product rule, d(x sin x) =
    # cos x) shows the failure in every display, so a reader cannot miss it.
    wrong = Differentiation(
        expression=x * sp.sin(x),
        variable=x,
        derivative=sp.cos(x),
        steps=(Step(0, "product", x * sp.sin(x), sp.cos(x)),),
        agrees_with_sympy=False,
    )
    assert wrong._repr_markdown_().endswith("\n\nResult does NOT agree with `sympy.diff`.")
    assert str(wrong).splitlines()[-1] == "agrees with sympy.diff: False"
    assert wrong.rules == ["product"]


# ----------------------------------------------------------------------------------------------
# Bad input: the message names the argument


@pytest.mark.parametrize("f", [5, "sin", None])
def test_non_callable_f(f):
    with pytest.raises(TypeError, match=r"^f\b"):
        difference_quotient(f, 1.0, 0.1)
    with pytest.raises(TypeError, match=r"^f\b"):
        derivative(f, 1.0)
    with pytest.raises(TypeError, match=r"^f\b"):
        step_error_table(f, 1.0, 1.0)


@pytest.mark.parametrize(
    ("point", "error", "pattern"),
    [
        (math.nan, ValueError, r"^x must be a real number, not NaN$"),
        (math.inf, ValueError, r"^x must be finite; got inf$"),
        (1j, TypeError, r"^x must be a real number; got 1j \(type complex\)$"),
        ("x", TypeError, r"^x must be a real number; got 'x' \(type str\)$"),
    ],
)
def test_bad_point(point, error, pattern):
    with pytest.raises(error, match=pattern):
        difference_quotient(f_ok, point, 0.1)
    with pytest.raises(error, match=pattern):
        derivative(f_ok, point)
    with pytest.raises(error, match=pattern):
        default_step(point)
    with pytest.raises(error, match=pattern):
        step_error_table(f_ok, point, 1.0)


@pytest.mark.parametrize(
    ("h", "error", "pattern"),
    [
        (0.0, ValueError, r"^h must be > 0; got 0\.0$"),
        (-1e-3, ValueError, r"^h must be > 0; got -0\.001$"),
        (math.nan, ValueError, r"^h must be a real number, not NaN$"),
        (math.inf, ValueError, r"^h must be finite; got inf$"),
        ("0.1", TypeError, r"^h must be a real number; got '0\.1' \(type str\)$"),
    ],
)
def test_bad_step(h, error, pattern):
    with pytest.raises(error, match=pattern):
        difference_quotient(f_ok, 1.0, h)
    with pytest.raises(error, match=pattern):
        derivative(f_ok, 1.0, h=h)


@pytest.mark.parametrize("method", ["centre", "Central", "", None])
def test_unknown_method(method):
    expected = rf"^method must be one of 'central', 'forward', 'backward'; got {re.escape(repr(method))}$"
    with pytest.raises(ValueError, match=expected):
        derivative(f_ok, 1.0, method=method)
    with pytest.raises(ValueError, match=expected):
        default_step(1.0, method)


def test_step_error_table_rejects_bad_input():
    with pytest.raises(ValueError, match=r"^methods must be one of 'central', 'forward', 'backward'; got 'sideways'$"):
        step_error_table(f_ok, 1.0, 1.0, methods=("forward", "sideways"))
    with pytest.raises(TypeError, match=r"^methods must be a non-empty sequence of method names; got 'central'$"):
        step_error_table(f_ok, 1.0, 1.0, methods="central")
    with pytest.raises(TypeError, match=r"^methods must be a non-empty sequence of method names; got \(\)$"):
        step_error_table(f_ok, 1.0, 1.0, methods=())
    with pytest.raises(ValueError, match=r"^steps must not be empty$"):
        step_error_table(f_ok, 1.0, 1.0, steps=[])
    with pytest.raises(ValueError, match=r"^steps must be > 0; got 0\.0$"):
        step_error_table(f_ok, 1.0, 1.0, steps=[1e-2, 0.0])
    with pytest.raises(ValueError, match=r"^true_value must be a real number, not NaN$"):
        step_error_table(f_ok, 1.0, math.nan)


@pytest.mark.parametrize(
    "returned",
    [
        1j,
        None,
        "a string",
        "1.5",
    ],
)
def test_function_returning_a_non_number(returned):
    expected = rf"^f must return a real number; f\(1\.\d+\) returned {re.escape(repr(returned))} \(type "
    with pytest.raises(TypeError, match=expected):
        derivative(lambda t: returned, 1.0)
    with pytest.raises(TypeError, match=expected):
        difference_quotient(lambda t: returned, 1.0, 0.5)


def test_differentiate_needs_a_variable_for_several_symbols():
    with pytest.raises(ValueError, match=r"^variable is needed: the expression has symbols x, y, not exactly one$"):
        differentiate("x*y")
    with pytest.raises(ValueError, match=r"^variable is needed: the expression has symbols x, y, not exactly one$"):
        differentiate(x * y)
    with pytest.raises(ValueError, match=r"^variable is needed: the expression has symbols none, not exactly one$"):
        differentiate("42")  # no symbol at all


def test_differentiate_rejects_bad_expressions_and_variables():
    with pytest.raises(TypeError, match=r"^variable must be a SymPy symbol or its name; got 'x\*y'$"):
        differentiate("x*y", "x*y")
    with pytest.raises(ValueError, match=r"^expression must be a valid SymPy expression; got 'x \+'$"):
        differentiate("x +")
    with pytest.raises(TypeError, match=r"^expression must be a SymPy expression or a string; got function$"):
        differentiate(lambda t: t)
    with pytest.raises(TypeError, match=r"^variable must be a SymPy expression or a string; got int$"):
        differentiate("x", 1)
