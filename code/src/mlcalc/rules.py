"""Derivatives: numerical (difference quotients) and symbolic, rule by rule.

Numerical: ``difference_quotient``, ``derivative`` and ``step_error_table``.  Symbolic:
``differentiate``, which names the rule used at each node of an expression.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import sympy as sp

from ._checks import real_result, check_callable, check_choice, check_positive, check_real
from ._table import Table, make_table

__all__ = [
    "difference_quotient",
    "default_step",
    "derivative",
    "step_error_table",
    "Step",
    "Differentiation",
    "differentiate",
]

_METHODS = ("central", "forward", "backward")
_EPSILON = np.finfo(float).eps


def _value(f: Callable, x: float) -> float:
    return real_result(f(x), x)


def difference_quotient(f: Callable, x: float, h: float) -> float:
    """Slope of the secant line through ``(x, f(x))`` and ``(x + h, f(x + h))``.

    Examples
    --------
    >>> round(difference_quotient(lambda x: x**2, 3.0, 0.1), 10)  # (3.1**2 - 9) / 0.1
    6.1
    """
    check_callable("f", f)
    point = check_real("x", x)
    step = check_positive("h", h)
    return (_value(f, point + step) - _value(f, point)) / step


def default_step(x: float, method: str = "central") -> float:
    """The step that balances truncation and round-off error for ``method`` at ``x``.

    Central differences: ``eps**(1/3) * max(1, |x|)``; one-sided: ``eps**(1/2) * max(1, |x|)``.

    Examples
    --------
    >>> f"{default_step(1.0):.2e}"
    '6.06e-06'
    """
    method = check_choice("method", method, _METHODS)
    power = 1 / 3 if method == "central" else 1 / 2
    return float(_EPSILON**power * max(1.0, abs(check_real("x", x))))


def derivative(f: Callable, x: float, h: float | None = None, method: str = "central") -> float:
    """Numerical derivative of ``f`` at ``x`` by a finite difference.

    Parameters
    ----------
    f : callable
        A function of one real number.
    x : float
        Where to differentiate.
    h : float, optional
        The step (> 0); by default the one that balances truncation and round-off error
        (see :func:`default_step`).
    method : {"central", "forward", "backward"}
        ``central``: (f(x+h) - f(x-h)) / 2h, error O(h^2); ``forward``/``backward``: O(h).

    Examples
    --------
    >>> import math
    >>> round(derivative(math.sin, 0.0), 9)
    1.0
    >>> round(derivative(lambda x: x**3, 2.0, h=1e-3, method="forward"), 3)
    12.006
    """
    check_callable("f", f)
    point = check_real("x", x)
    method = check_choice("method", method, _METHODS)
    step = default_step(point, method) if h is None else check_positive("h", h)
    if method == "central":
        return (_value(f, point + step) - _value(f, point - step)) / (2 * step)
    if method == "forward":
        return (_value(f, point + step) - _value(f, point)) / step
    return (_value(f, point) - _value(f, point - step)) / step


def step_error_table(
    f: Callable,
    x: float,
    true_value: float,
    steps: Sequence[float] | None = None,
    methods: Sequence[str] = ("forward", "central"),
) -> Table:
    """Absolute error of finite differences as the step ``h`` shrinks.

    Large steps suffer from truncation error (the secant is not the tangent), tiny steps from
    round-off error (subtracting nearly equal numbers).  Columns: ``h`` then one error column
    per method, named ``"<method> error"``.

    Examples
    --------
    >>> import math
    >>> table = step_error_table(math.exp, 0.0, 1.0, steps=[1e-1, 1e-5, 1e-13])
    >>> [f"{e:.0e}" for e in table.column("forward error")]
    ['5e-02', '5e-06', '8e-04']
    """
    check_callable("f", f)
    point = check_real("x", x)
    exact = check_real("true_value", true_value)
    if steps is None:
        steps = 10.0 ** -np.arange(1, 16)
    hs = [check_positive("steps", h) for h in steps]
    if not hs:
        raise ValueError("steps must not be empty")
    if isinstance(methods, str) or not methods:
        raise TypeError(f"methods must be a non-empty sequence of method names; got {methods!r}")
    methods = [check_choice("methods", m, _METHODS) for m in methods]
    rows = [
        (h, *(abs(derivative(f, point, h=h, method=m) - exact) for m in methods)) for h in hs
    ]
    return make_table(("h", *(f"{m} error" for m in methods)), rows)


# --------------------------------------------------------------------------------------------
# Symbolic differentiation, one rule at a time


@dataclass(frozen=True)
class Step:
    """One application of a rule: ``d/dx expression = result`` (``depth`` 0 is the whole expression)."""

    depth: int
    rule: str
    expression: sp.Expr
    result: sp.Expr


@dataclass(frozen=True)
class Differentiation:
    """The result of :func:`differentiate`: the derivative, every step, and SymPy's verdict.

    ``agrees_with_sympy`` is True when ``derivative - sympy.diff(expression, variable)``
    simplifies to zero.  In a notebook the steps show as a table of LaTeX formulas.
    """

    expression: sp.Expr
    variable: sp.Symbol
    derivative: sp.Expr
    steps: tuple[Step, ...]
    agrees_with_sympy: bool

    @property
    def rules(self) -> list[str]:
        """The rules used, outermost first, without repeats."""
        return list(dict.fromkeys(step.rule for step in self.steps))

    def __str__(self) -> str:
        lines = [f"d/d{self.variable} [{self.expression}] = {self.derivative}"]
        for step in self.steps:
            lines.append(f"{'  ' * step.depth}{step.rule}: d/d{self.variable} [{step.expression}] = {step.result}")
        lines.append(f"agrees with sympy.diff: {self.agrees_with_sympy}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        x = sp.latex(self.variable)
        rows = ["| step | rule | derivative |", "|---|---|---|"]
        for number, step in enumerate(self.steps, start=1):
            formula = (
                rf"$\frac{{d}}{{d{x}}}\left[{sp.latex(step.expression)}\right] = "
                rf"{sp.latex(step.result)}$"
            )
            rows.append(f"| {number} | {'&nbsp;' * 4 * step.depth}{step.rule} | {formula} |")
        verdict = "agrees" if self.agrees_with_sympy else "does NOT agree"
        return "\n".join(rows) + f"\n\nResult {verdict} with `sympy.diff`."

    def _repr_latex_(self) -> str:
        x = sp.latex(self.variable)
        lines = [
            rf"\text{{{step.rule}}}:\ \frac{{d}}{{d{x}}}\left[{sp.latex(step.expression)}\right]"
            rf" &= {sp.latex(step.result)}"
            for step in self.steps
        ]
        return r"$\begin{aligned}" + r"\\ ".join(lines) + r"\end{aligned}$"


def differentiate(expression: Any, variable: Any = None) -> Differentiation:
    """Differentiate a SymPy expression rule by rule, recording which rule applies where.

    The rules: constant, power, constant multiple, sum, product, quotient, chain, plus the
    known derivatives of exp, log, sin, cos, tan, tanh and friends.  The result is checked
    against ``sympy.diff``.

    Parameters
    ----------
    expression : sympy.Expr or str
    variable : sympy.Symbol or str, optional
        Needed only when the expression has more than one symbol.

    Examples
    --------
    >>> result = differentiate("x**2 * sin(x)")
    >>> result.derivative
    x**2*cos(x) + 2*x*sin(x)
    >>> result.rules
    ['product', 'power', 'known derivative (sin)']
    >>> result.agrees_with_sympy
    True
    """
    expr = _sympify("expression", expression)
    x = _variable(expr, variable)
    steps: list[Step] = []
    result = _derive(expr, x, 0, steps)
    agrees = sp.simplify(result - sp.diff(expr, x)) == 0
    return Differentiation(expr, x, result, tuple(steps), bool(agrees))


def _sympify(name: str, value: Any) -> sp.Expr:
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, str):
        try:
            return sp.sympify(value)
        except (sp.SympifyError, SyntaxError, TypeError) as exc:
            raise ValueError(f"{name} must be a valid SymPy expression; got {value!r}") from exc
    raise TypeError(f"{name} must be a SymPy expression or a string; got {type(value).__name__}")


def _variable(expr: sp.Expr, variable: Any) -> sp.Symbol:
    if variable is not None:
        symbol = _sympify("variable", variable)
        if not isinstance(symbol, sp.Symbol):
            raise TypeError(f"variable must be a SymPy symbol or its name; got {variable!r}")
        return symbol
    symbols = sorted(expr.free_symbols, key=str)
    if len(symbols) != 1:
        found = ", ".join(map(str, symbols)) or "none"
        raise ValueError(f"variable is needed: the expression has symbols {found}, not exactly one")
    return symbols[0]


def _derive(expr: sp.Expr, x: sp.Symbol, depth: int, steps: list[Step]) -> sp.Expr:
    """Derivative of ``expr`` with respect to ``x``, appending the rule used to ``steps``."""
    index = len(steps)
    steps.append(None)  # this rule's slot, set below, so the outer rule is listed first
    rule, result = _apply_rule(expr, x, depth, steps)
    steps[index] = Step(depth, rule, expr, result)
    return result


def _apply_rule(expr: sp.Expr, x: sp.Symbol, depth: int, steps: list[Step]) -> tuple[str, sp.Expr]:
    inner = depth + 1
    if not expr.has(x):
        return "constant", sp.Integer(0)
    if expr == x:
        return "power", sp.Integer(1)
    if expr.is_Add:
        return "sum", sp.Add(*(_derive(term, x, inner, steps) for term in expr.args))
    if expr.is_Mul:
        constant, rest = expr.as_independent(x, as_Add=False)
        if constant != 1:
            return "constant multiple", constant * _derive(rest, x, inner, steps)
        numerator, denominator = sp.fraction(expr)
        if denominator.has(x) and numerator.has(x):
            du = _derive(numerator, x, inner, steps)
            dv = _derive(denominator, x, inner, steps)
            return "quotient", (du * denominator - numerator * dv) / denominator**2
        first, *others = expr.args
        u, v = first, sp.Mul(*others)
        du = _derive(u, x, inner, steps)
        dv = _derive(v, x, inner, steps)
        return "product", du * v + u * dv
    if expr.is_Pow:
        base, exponent = expr.args
        if not exponent.has(x):
            if base == x:
                return "power", exponent * x ** (exponent - 1)
            return "chain", exponent * base ** (exponent - 1) * _derive(base, x, inner, steps)
        if not base.has(x):
            outer = expr * sp.log(base)
            if exponent == x:
                return "known derivative (exponential)", outer
            return "chain", outer * _derive(exponent, x, inner, steps)
        # ln y = v ln u for y = u**v with u > 0; ln u stays whole, so that (x**2)**x gets
        # ln(x**2) (real for every x != 0) and not 2 ln x (complex for x < 0).
        logarithm = exponent * sp.log(base)
        return "logarithmic differentiation", expr * _derive(logarithm, x, inner, steps)
    if isinstance(expr, sp.Function) and len(expr.args) == 1:
        argument = expr.args[0]
        u = sp.Dummy("u")
        outer = sp.diff(expr.func(u), u)
        name = expr.func.__name__
        if argument == x:
            return f"known derivative ({name})", outer.subs(u, x)
        return "chain", outer.subs(u, argument) * _derive(argument, x, inner, steps)
    return "sympy.diff", sp.diff(expr, x)
