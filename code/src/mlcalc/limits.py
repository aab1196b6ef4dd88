"""Limits: exact (SymPy) and numerical, approach tables, and the method of exhaustion.

Introduced in Part I of the book: "Calculating limits" (``limit``, ``approach_table``) and
"The method of exhaustion" (``polygon_area``, ``archimedes_bounds``).

A numerical limit cannot be found by evaluating ``f`` at a point very close to ``a``: in
floating point, ``1 - cos(1e-8)`` is exactly ``0``.  ``limit`` instead samples ``f`` at
moderate distances ``h`` from ``a`` (where it is accurate) and extrapolates the samples to
``h = 0`` (Richardson extrapolation, Neville's scheme), with an error estimate that also tells
when there is no limit at all.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import sympy as sp

from ._checks import (
    check_callable,
    check_choice,
    check_positive,
    check_positive_int,
    check_real,
    real_result,
)
from ._table import Table

__all__ = [
    "LimitResult",
    "limit",
    "ApproachTable",
    "approach_table",
    "polygon_area",
    "archimedes_bounds",
    "bounds_table",
]

_SIDES = ("both", "+", "-")
# A numerical limit "exists" when the extrapolation error is below this (relative to the value).
_TOLERANCE = 1e-6


@dataclass(frozen=True)
class LimitResult:
    """The outcome of :func:`limit`.

    Attributes
    ----------
    value : float or sympy.Expr
        The limit: a SymPy number for exact input, a float for a callable.  ``math.inf`` or
        ``-math.inf`` when ``f`` grows without bound, ``math.nan`` when there is no limit.
    exists : bool
        True when the limit is a finite number (from the requested side or sides).
    left, right : float or sympy.Expr or None
        The one-sided limits that were computed (``None`` for a side not asked for, or that
        does not exist at an infinite point: at ``+inf`` only ``left`` is defined).
    method : str
        ``"sympy"`` (exact) or ``"numeric (Richardson extrapolation)"``.
    error : float
        Estimated absolute error (0 for exact results).
    """

    value: Any
    exists: bool
    left: Any
    right: Any
    method: str
    error: float = 0.0

    def __repr__(self) -> str:
        verdict = "exists" if self.exists else _why_not(self)
        return (
            f"LimitResult(value={self.value}, exists={self.exists}, left={self.left}, "
            f"right={self.right}, method={self.method!r}, error={self.error:.2g}) # {verdict}"
        )

    def __float__(self) -> float:
        return float(self.value)


def _why_not(result: LimitResult) -> str:
    value = result.value
    if value is not None and _is_infinite(value):
        return f"does not exist: diverges to {'+' if _sign(value) > 0 else '-'}infinity"
    sides = (result.left, result.right)
    if all(side is not None and (_is_number(side) or _is_infinite(side)) for side in sides):
        return f"does not exist: the left limit ({result.left}) and right limit ({result.right}) differ"
    return "does not exist: f does not settle on a value (it oscillates or is undefined)"


def _is_infinite(value: Any) -> bool:
    if isinstance(value, sp.Basic):
        return value in (sp.oo, -sp.oo, sp.zoo)
    return isinstance(value, float) and math.isinf(value)


def _sign(value: Any) -> int:
    return 1 if (value == sp.oo or (isinstance(value, float) and value > 0)) else -1


def _is_number(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, sp.Basic):
        return bool(value.is_finite) and value.is_real is not False
    return math.isfinite(value)


def _same(u: Any, v: Any) -> bool:
    if u is None or v is None:
        return False
    if isinstance(u, sp.Basic) or isinstance(v, sp.Basic):
        return sp.simplify(sp.sympify(u) - sp.sympify(v)) == 0 if _is_number(u) and _is_number(v) else u == v
    if math.isinf(u) or math.isinf(v):
        return u == v
    if math.isnan(u) or math.isnan(v):
        return False
    return abs(u - v) <= 10 * _TOLERANCE * max(1.0, abs(u), abs(v))


def limit(f: Any, a: float, side: str = "both") -> LimitResult:
    """Limit of ``f(x)`` as ``x`` approaches ``a``.

    Parameters
    ----------
    f : callable, sympy.Expr or str
        A Python function of one real number (estimated numerically), or a SymPy expression
        or string in one symbol (solved exactly with ``sympy.limit``).
    a : float
        The point approached; ``math.inf`` or ``-math.inf`` for limits at infinity.
    side : {"both", "+", "-"}
        ``"+"`` approaches from the right (x > a), ``"-"`` from the left, ``"both"`` from
        each side (the limit exists only if the two agree).  Ignored at infinity.

    Returns
    -------
    LimitResult

    Examples
    --------
    >>> import math
    >>> limit("(x**2 - 1)/(x - 1)", 1).value
    2
    >>> round(limit(lambda x: (1 - math.cos(x)) / x**2, 0).value, 10)
    0.5
    >>> limit(lambda x: 25 / x, 0, side="+").value
    inf
    >>> limit(lambda x: 25 / x, 0).exists
    False
    >>> limit(lambda x: (1 + 1 / x) ** x, math.inf).value  # doctest: +ELLIPSIS
    2.71828182...
    """
    side = check_choice("side", side, _SIDES)
    if isinstance(f, (str, sp.Basic)):
        return _symbolic_limit(f, a, side)
    check_callable("f", f)
    point = check_real("a", a, allow_inf=True)
    if math.isinf(point):
        one_side = _numeric_one_side(lambda t: f(1.0 / t if point > 0 else -1.0 / t), 0.0, +1)
        value, error = one_side
        left, right = (value, None) if point > 0 else (None, value)
        return LimitResult(value, _is_number(value), left, right, _NUMERIC, error)
    sides = {"+": [+1], "-": [-1], "both": [-1, +1]}[side]
    found = {direction: _numeric_one_side(f, point, direction) for direction in sides}
    left, left_error = found.get(-1, (None, 0.0))
    right, right_error = found.get(+1, (None, 0.0))
    error = max(left_error, right_error)
    if side == "+":
        return LimitResult(right, _is_number(right), None, right, _NUMERIC, error)
    if side == "-":
        return LimitResult(left, _is_number(left), left, None, _NUMERIC, error)
    if _same(left, right):
        value = right if math.isinf(right) else 0.5 * (left + right)
    else:
        value = math.nan
    return LimitResult(value, _is_number(value), left, right, _NUMERIC, error)


_NUMERIC = "numeric (Richardson extrapolation)"


def _symbolic_limit(f: Any, a: Any, side: str) -> LimitResult:
    expr = _as_expression(f)
    symbol = _single_symbol(expr)
    point = _as_point(a)
    if point in (sp.oo, -sp.oo):
        value = _clean(sp.limit(expr, symbol, point))
        left, right = (value, None) if point == sp.oo else (None, value)
        return LimitResult(value, _is_number(value), left, right, "sympy")
    left = _clean(sp.limit(expr, symbol, point, dir="-")) if side in ("both", "-") else None
    right = _clean(sp.limit(expr, symbol, point, dir="+")) if side in ("both", "+") else None
    if side == "+":
        value = right
    elif side == "-":
        value = left
    else:
        value = left if left == right else sp.nan
    return LimitResult(value, _is_number(value), left, right, "sympy")


def _as_expression(f: Any) -> sp.Expr:
    if isinstance(f, str):
        try:
            return sp.sympify(f)
        except (sp.SympifyError, SyntaxError, TypeError) as exc:
            raise ValueError(f"f must be a valid SymPy expression string; got {f!r}") from exc
    return f


def _single_symbol(expr: sp.Expr) -> sp.Symbol:
    symbols = sorted(expr.free_symbols, key=str)
    if len(symbols) != 1:
        names = ", ".join(map(str, symbols)) or "none"
        raise ValueError(f"f must be an expression in exactly one symbol; found {names}")
    return symbols[0]


def _as_point(a: Any) -> sp.Expr:
    if isinstance(a, sp.Basic):
        if a in (sp.oo, -sp.oo) or (a.is_number and a.is_real and a.is_finite):
            return a
        raise ValueError(f"a must be a real number or +/-infinity; got {a}")
    number = check_real("a", a, allow_inf=True)
    if math.isinf(number):
        return sp.oo if number > 0 else -sp.oo
    if isinstance(a, numbers.Integral):
        return sp.Integer(int(a))
    if isinstance(a, numbers.Rational):
        return sp.Rational(a.numerator, a.denominator)
    return _exact_point(number)


def _exact_point(number: float) -> sp.Expr:
    """The simple exact number a float stands for: 0.1 -> 1/10, 5**0.5 -> sqrt(5), math.pi -> pi.

    A float near a pole such as sqrt(5) must not become a nearby fraction, or the exact limit
    there would come out finite.  Forms that are not simple fall back to the float's decimal
    value as a fraction.
    """
    guess = sp.nsimplify(number, [sp.pi, sp.E])
    if sp.count_ops(guess) <= 3 and float(guess) == number:
        return guess
    return sp.nsimplify(number, rational=True)


def _clean(value: sp.Expr) -> sp.Expr:
    """Turn SymPy's answers into the book's: oscillation (AccumBounds) becomes nan."""
    if isinstance(value, sp.AccumBounds) or value.has(sp.AccumBounds) or value == sp.zoo:
        return sp.nan
    return value


def _numeric_one_side(f: Callable, a: float, direction: int) -> tuple[float, float]:
    """Extrapolate f(a + direction*h) to h -> 0. Returns (value, estimated error)."""
    scale = max(1.0, abs(a))
    steps = scale * 0.25 * 0.5 ** np.arange(0, 22)
    xs = a + direction * steps
    with np.errstate(all="ignore"):
        values = np.array([_evaluate(f, x) for x in xs])
    ok = np.isfinite(values) & (xs != a)
    steps, values = steps[ok], values[ok]
    if values.size < 8:
        return math.nan, math.inf
    divergence = _divergence(steps, values)
    if divergence:
        return divergence * math.inf, 0.0
    candidates = [_richardson(steps, values), _richardson(np.sqrt(steps), values), _squeeze(values)]
    value, error = min(candidates, key=lambda pair: pair[1])
    if not error <= _TOLERANCE * max(1.0, abs(value)):
        return math.nan, error
    if abs(value) <= error:  # indistinguishable from zero
        value = 0.0
    return value, error


def _evaluate(f: Callable, x: float) -> float:
    """f(x) as a float; nan where f is undefined (it divides by zero, overflows, leaves its domain)."""
    try:
        y = f(x)
    except (ZeroDivisionError, OverflowError, ValueError):
        return math.nan
    return real_result(y, x)


def _divergence(steps: np.ndarray, values: np.ndarray) -> int:
    """+1 or -1 if |f| grows without bound as h shrinks (like a power of 1/h), else 0."""
    tail = values[-10:]
    signs = np.sign(tail)
    if not (np.all(signs == signs[0]) and signs[0] != 0):
        return 0
    magnitude = np.abs(tail)
    growing = np.all(np.diff(magnitude) > 0)
    slope = np.polyfit(np.log(steps[-10:]), np.log(magnitude), 1)[0]
    if growing and slope < -0.3 and magnitude[-1] > 1e3:
        return int(signs[0])
    return 0


def _richardson(steps: np.ndarray, values: np.ndarray) -> tuple[float, float]:
    """Neville extrapolation of values(step) to step = 0: the best entry and its error estimate.

    Slides a window along the samples: small steps lose digits to cancellation, large steps
    carry truncation error; the most self-consistent extrapolation wins.  Windows whose samples
    are not monotone (the function wiggles, as x*sin(1/x) does) do not have the smooth expansion
    that extrapolation assumes, and are skipped.
    """
    best = (math.nan, math.inf)
    window = 8
    for start in range(0, len(steps) - window + 1):
        y = values[start : start + window]
        h = steps[start : start + window]
        # Wiggles this small are round-off, which grows as the step shrinks (cancellation).
        noise = 64 * np.finfo(float).eps * np.abs(y).max() * steps[0] / h.min()
        differences = np.diff(y)
        if np.any(differences > noise) and np.any(differences < -noise):
            continue
        rounding = 8 * np.finfo(float).eps * np.abs(y).max()
        table = [y.copy()]
        for level in range(1, window):
            previous = table[-1]
            ratio = h[level:] / (h[: window - level] - h[level:])
            table.append(previous[1:] + (previous[1:] - previous[:-1]) * ratio)
        for level in range(2, window):
            row, above = table[level], table[level - 1]
            for i in range(len(row)):
                error = abs(row[i] - above[i]) + abs(row[i] - above[i + 1]) + rounding
                if error < best[1]:
                    best = (float(row[i]), float(error))
    return best


def _squeeze(values: np.ndarray) -> tuple[float, float]:
    """For samples that wiggle while closing in on a value: the middle of the last few samples.

    The error is half their spread, and the estimate counts only if the spread keeps shrinking.
    """
    early, late = values[-12:-6], values[-6:]
    spread_early, spread_late = np.ptp(early), np.ptp(late)
    if not spread_late < 0.1 * spread_early:
        return math.nan, math.inf
    return float(0.5 * (late.max() + late.min())), float(0.5 * spread_late)


class ApproachTable(Table):
    """x values closing in on a point from each side, with f(x) there.

    Columns: ``x (left)``, ``f(x) left``, ``x (right)``, ``f(x) right``, farthest from the point
    first.  Shows as an HTML table in a notebook and as aligned text elsewhere.
    """

    @property
    def left(self) -> list[tuple[float, float]]:
        """``(x, f(x))`` pairs approaching from the left."""
        return [(row[0], row[1]) for row in self.rows]

    @property
    def right(self) -> list[tuple[float, float]]:
        """``(x, f(x))`` pairs approaching from the right."""
        return [(row[2], row[3]) for row in self.rows]


def approach_table(f: Callable, a: float, steps: int = 6, start: float = 0.1) -> ApproachTable:
    """Evaluate ``f`` at ``a -/+ start/10**k`` for ``k = 0 .. steps-1``: the table you write by hand.

    Examples
    --------
    >>> table = approach_table(lambda x: (x**2 - 1) / (x - 1), 1, steps=3)
    >>> [round(y, 6) for _, y in table.right]
    [2.1, 2.01, 2.001]
    """
    check_callable("f", f)
    point = check_real("a", a)
    count = check_positive_int("steps", steps)
    first = check_positive("start", start)
    offsets = [first / 10**k for k in range(count)]
    rows = [(point - h, _evaluate(f, point - h), point + h, _evaluate(f, point + h)) for h in offsets]
    return ApproachTable(("x (left)", "f(x) left", "x (right)", "f(x) right"), tuple(rows))


def polygon_area(n: int, r: float = 1.0, inscribed: bool = True) -> float:
    """Area of a regular ``n``-gon inscribed in (or circumscribed about) a circle of radius ``r``.

    Inscribed: ``(n/2) r^2 sin(2 pi/n)``; circumscribed: ``n r^2 tan(pi/n)``.

    Examples
    --------
    >>> round(polygon_area(6), 6)  # a hexagon in the unit circle
    2.598076
    >>> round(polygon_area(4, inscribed=False), 12)  # the square around the unit circle
    4.0
    """
    sides = check_positive_int("n", n, minimum=3)
    radius = check_positive("r", r)
    if inscribed:
        return 0.5 * sides * radius**2 * math.sin(2 * math.pi / sides)
    return sides * radius**2 * math.tan(math.pi / sides)


def _is_power_of_two(k: int) -> bool:
    return k > 0 and k & (k - 1) == 0


def archimedes_bounds(n: int) -> tuple[float, float]:
    """Lower and upper bounds on pi from regular ``n``-gons in and around the unit circle.

    Like Archimedes, compare perimeters: the inscribed n-gon's half-perimeter is below pi and
    the circumscribed one's above.  No value of pi is used: starting from a triangle or a square,
    each doubling of the sides takes the harmonic mean (upper bound) and then the geometric mean
    (lower bound), so ``n`` must be 3 or 4 times a power of 2 (Archimedes went 6, 12, 24, 48, 96).

    Examples
    --------
    >>> low, high = archimedes_bounds(96)
    >>> round(low, 4), round(high, 4)
    (3.141, 3.1427)
    >>> archimedes_bounds(4)  # the square: 2*sqrt(2) < pi < 4
    (2.8284271247461903, 4.0)
    """
    sides = check_positive_int("n", n, minimum=3)
    # Half-perimeters (inscribed, circumscribed) of the triangle and the square.
    starts = {3: (1.5 * math.sqrt(3), 3 * math.sqrt(3)), 4: (2 * math.sqrt(2), 4.0)}
    base = next((b for b in starts if sides % b == 0 and _is_power_of_two(sides // b)), None)
    if base is None:
        raise ValueError(f"n must be 3 or 4 times a power of 2 (6, 8, 12, 16, 24, ..., 96); got {sides}")
    lower, upper = starts[base]
    doublings = sides // base
    while doublings > 1:
        upper = 2 * upper * lower / (upper + lower)
        lower = math.sqrt(upper * lower)
        doublings //= 2
    return lower, upper


def bounds_table(ns: list[int] | tuple[int, ...] = (6, 12, 24, 48, 96)) -> Table:
    """Archimedes' bounds on pi for each number of sides in ``ns``, as a table.

    One row per ``n``, in the order given, with columns ``n``, ``inscribed area`` (the area of
    the inscribed ``n``-gon in the unit circle, from :func:`polygon_area`), ``lower bound`` and
    ``upper bound`` (from :func:`archimedes_bounds`: the half-perimeters of the inscribed and
    circumscribed ``n``-gons; the upper bound is also the circumscribed polygon's area) and
    ``gap`` (upper minus lower).  Introduced in "The method of exhaustion".

    Parameters
    ----------
    ns : list or tuple of int
        Numbers of sides, each 3 or 4 times a power of 2 (6, 12, 24, 48, 96, ...); any
        iterable of such integers works.

    Returns
    -------
    Table
        Shows as an HTML table in a notebook; ``table.column("gap")`` gives one column.

    Examples
    --------
    >>> table = bounds_table([6, 96])
    >>> table.headers
    ('n', 'inscribed area', 'lower bound', 'upper bound', 'gap')
    >>> [round(low, 4) for low in table.column("lower bound")]
    [3.0, 3.141]
    >>> round(table.column("gap")[1], 5)
    0.00168
    """
    if isinstance(ns, (str, bytes)) or not np.iterable(ns):
        raise TypeError(f"ns must be a sequence of integers (numbers of sides); got {ns!r}")
    sides = [check_positive_int("ns", n, minimum=3) for n in ns]
    if not sides:
        raise ValueError("ns must not be empty")
    rows = []
    for n in sides:
        try:
            lower, upper = archimedes_bounds(n)
        except ValueError:
            raise ValueError(
                f"ns must hold numbers of sides 3 or 4 times a power of 2 (6, 12, 24, ..., 96); got {n}"
            ) from None
        rows.append((n, polygon_area(n), lower, upper, upper - lower))
    return Table(("n", "inscribed area", "lower bound", "upper bound", "gap"), tuple(rows))
