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
    "VERDICTS",
    "limit",
    "ApproachTable",
    "approach_table",
    "polygon_area",
    "archimedes_bounds",
    "bounds_table",
]

_SIDES = ("both", "+", "-")
#: The possible verdicts of :func:`limit`, in the words ``LimitResult.verdict`` uses.
VERDICTS = ("converges", "+inf", "-inf", "sides differ", "oscillates", "undefined", "cannot tell")
# A numerical limit "converges" only when its estimated error is at most this, relative to
# max(1, |value|); a larger error means the samples do not pin the value down: "cannot tell".
_TOLERANCE = 1e-6
_EPS = float(np.finfo(float).eps)
_NUMERIC = "numeric (Richardson extrapolation)"
# Richardson extrapolation uses the first (largest) this many steps, whose noise is measured.
_NEAR = 40


@dataclass(frozen=True)
class LimitResult:
    """The outcome of :func:`limit`.

    Attributes
    ----------
    value : float or sympy.Expr
        The limit: a SymPy number for exact input, a float for a callable.  ``math.inf`` or
        ``-math.inf`` when ``f`` grows without bound, ``nan`` in every other case where the
        limit does not exist or cannot be told.
    exists : bool
        True exactly when the verdict is ``"converges"`` (a finite limit).
    left, right : float or sympy.Expr or None
        The one-sided limits that were computed (``None`` for a side not asked for; at
        ``+inf`` only ``left`` is defined, at ``-inf`` only ``right``).  ``nan`` for a side
        with no value (it oscillates, is undefined, or cannot be told).
    method : str
        ``"sympy"`` (exact) or ``"numeric (Richardson extrapolation)"``.
    error : float
        Exact results: 0.  Numerical results that converge: an estimate of ``|value - limit|``,
        never 0 (the samples bound it).  Other numerical results: ``nan`` (no value to be
        wrong about).
    verdict : str
        One of :data:`VERDICTS`: ``"converges"``, ``"+inf"``, ``"-inf"``, ``"sides differ"``,
        ``"oscillates"``, ``"undefined"`` (``f`` fails or returns nan at every point sampled on
        a side) or ``"cannot tell"`` (the numerical method could not decide; it never guesses).
    """

    value: Any
    exists: bool
    left: Any
    right: Any
    method: str
    error: float = 0.0
    verdict: str = ""

    def __post_init__(self) -> None:
        if not self.verdict:
            object.__setattr__(self, "verdict", _default_verdict(self))
        elif self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}; got {self.verdict!r}")

    def __repr__(self) -> str:
        return (
            f"LimitResult(value={self.value}, exists={self.exists}, left={self.left}, "
            f"right={self.right}, method={self.method!r}, error={self.error:.2g}, "
            f"verdict={self.verdict!r}) # {self.explanation}"
        )

    @property
    def explanation(self) -> str:
        """The verdict in words, as ``repr`` ends."""
        verdict = self.verdict
        if verdict == "converges":
            if self.method == "sympy":
                return "converges: the limit exists (exact)"
            return f"converges: the limit exists (estimated error {self.error:.1g})"
        if verdict in ("+inf", "-inf"):
            return f"does not exist: diverges to {verdict[0]}infinity"
        if verdict == "sides differ":
            return f"does not exist: the left limit ({self.left}) and right limit ({self.right}) differ"
        if verdict == "oscillates":
            return "does not exist: f oscillates and does not settle on a value"
        if verdict == "undefined":
            return "does not exist: f is undefined (it fails, returns nan or is not real) on a side of the point"
        if self.method == "sympy":
            return "cannot tell: SymPy could not find this limit"
        return ("cannot tell: the samples neither settle on a value nor clearly diverge; "
                "give f as a SymPy expression for an exact answer")

    def __float__(self) -> float:
        return float(self.value)


def _default_verdict(result: LimitResult) -> str:
    """The verdict of a LimitResult built without one (from its value and sides)."""
    if result.exists:
        return "converges"
    if result.value in (math.inf, -math.inf):  # also SymPy's oo and -oo
        return "+inf" if result.value == math.inf else "-inf"
    if all(_is_number(side) or side in (math.inf, -math.inf) for side in (result.left, result.right)):
        return "sides differ"
    return "cannot tell"


def _is_number(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, sp.Basic):
        return bool(value.is_finite) and value.is_real is not False
    return math.isfinite(value)


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
        Its ``verdict`` says which of these holds: the limit ``"converges"`` (``value`` and,
        for a callable, an ``error`` estimate), ``f`` diverges to ``"+inf"`` or ``"-inf"``, the
        ``"sides differ"``, ``f`` ``"oscillates"``, ``f`` is ``"undefined"`` on a side, or
        (numerically only) ``"cannot tell"``.

    Notes
    -----
    A callable is sampled at ``x = a +/- h`` for ``h = 0.25 max(1, |a|) / 2**k``, down to
    ``h ~ 1e-301`` at ``a = 0`` (and at infinity, where ``f(1/h)`` is sampled) and to
    ``|a| / 2**42`` elsewhere.  Samples after the point where round-off takes over (the
    values start to jump about more and more wildly, or leap away from a settled trend) are
    not used.  The value comes from Richardson extrapolation of the moderate steps, checked
    against the smallest trustworthy steps, or from the geometric trend of those steps; the
    verdict is "converges" only if the two agree and the error is below ``1e-6 max(1,
    |value|)``.  Slow (logarithmic) convergence is usually "cannot tell": no sample is close
    enough to the limit.

    Examples
    --------
    >>> import math
    >>> limit("(x**2 - 1)/(x - 1)", 1).value
    2
    >>> result = limit(lambda x: (1 - math.cos(x)) / x**2, 0)
    >>> result.verdict, round(result.value, 9), result.error < 1e-8
    ('converges', 0.5, True)
    >>> limit(lambda x: 25 / x, 0, side="+").value
    inf
    >>> limit(lambda x: 25 / x, 0).verdict
    'sides differ'
    >>> limit(lambda x: math.sin(1 / x), 0).verdict
    'oscillates'
    >>> limit(lambda x: 1 / math.log(abs(x)), 0).verdict  # -> 0, far too slowly to see
    'cannot tell'
    >>> limit(lambda x: (1 + 1 / x) ** x, math.inf).value  # doctest: +ELLIPSIS
    2.71828182...
    """
    side = check_choice("side", side, _SIDES)
    if isinstance(f, (str, sp.Basic)):
        return _symbolic_limit(f, a, side)
    check_callable("f", f)
    point = check_real("a", a, allow_inf=True)
    if math.isinf(point):
        sign = 1.0 if point > 0 else -1.0
        verdict, value, error = _numeric_one_side(lambda t: f(sign / t), 0.0, +1)
        left, right = (value, None) if point > 0 else (None, value)
        return LimitResult(value, verdict == "converges", left, right, _NUMERIC, error, verdict)
    directions = {"+": [+1], "-": [-1], "both": [-1, +1]}[side]
    found = {direction: _numeric_one_side(f, point, direction) for direction in directions}
    if side != "both":
        verdict, value, error = found[directions[0]]
        left, right = (value, None) if side == "-" else (None, value)
        return LimitResult(value, verdict == "converges", left, right, _NUMERIC, error, verdict)
    verdict, value, error = _combine(found[-1], found[+1])
    return LimitResult(value, verdict == "converges", found[-1][1], found[+1][1], _NUMERIC, error, verdict)


def _combine(left: tuple[str, float, float], right: tuple[str, float, float]) -> tuple[str, float, float]:
    """The two-sided verdict, value and error from the one-sided ones."""
    verdicts = (left[0], right[0])
    for verdict in ("oscillates", "undefined", "cannot tell"):
        if verdict in verdicts:
            return verdict, math.nan, math.nan
    if verdicts[0] == verdicts[1] != "converges":  # the same infinity from both sides
        return verdicts[0], left[1], math.nan
    if verdicts != ("converges", "converges"):
        return "sides differ", math.nan, math.nan
    (_, low, low_error), (_, high, high_error) = left, right
    gap = abs(high - low)
    allowed = low_error + high_error + 4 * _EPS * max(abs(low), abs(high))
    if gap <= allowed:
        return "converges", 0.5 * (low + high), max(low_error, high_error) + 0.5 * gap
    if gap <= 4 * allowed:  # the sides are a little apart, by more than their errors say
        return "cannot tell", math.nan, math.nan
    return "sides differ", math.nan, math.nan


def _symbolic_limit(f: Any, a: Any, side: str) -> LimitResult:
    expr = _as_expression(f)
    symbol = _single_symbol(expr)
    point = _as_point(a)
    if point in (sp.oo, -sp.oo):
        verdict, value = _exact_side(sp.limit(expr, symbol, point))
        left, right = (value, None) if point == sp.oo else (None, value)
        return LimitResult(value, verdict == "converges", left, right, "sympy", 0.0, verdict)
    found = {
        direction: _exact_side(sp.limit(expr, symbol, point, dir=direction))
        for direction in ("-", "+")
        if side in ("both", direction)
    }
    if side != "both":
        verdict, value = found[side]
        left, right = (value, None) if side == "-" else (None, value)
        return LimitResult(value, verdict == "converges", left, right, "sympy", 0.0, verdict)
    (left_verdict, left), (right_verdict, right) = found["-"], found["+"]
    verdicts = (left_verdict, right_verdict)
    undecided = [verdict for verdict in ("oscillates", "undefined", "cannot tell") if verdict in verdicts]
    if undecided:
        verdict = undecided[0]
    elif left_verdict == right_verdict and left == right:
        verdict = left_verdict
    else:
        verdict = "sides differ"
    value = left if verdict in ("converges", "+inf", "-inf") else sp.nan
    return LimitResult(value, verdict == "converges", left, right, "sympy", 0.0, verdict)


def _exact_side(value: sp.Expr) -> tuple[str, sp.Expr]:
    """SymPy's one-sided answer as (verdict, value): oscillation (AccumBounds) becomes nan,
    a complex value (f is not real there) "undefined", and an answer SymPy could not reach
    (an unevaluated limit, nan, an unknown function's value) "cannot tell"."""
    if value.has(sp.AccumBounds):
        return "oscillates", sp.nan
    if value in (sp.oo, -sp.oo):
        return ("+inf" if value == sp.oo else "-inf"), value
    if value.is_real is False:
        return "undefined", sp.nan
    if not _is_number(value):
        return "cannot tell", sp.nan
    return "converges", value


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
        return sp.oo if number == math.inf else -sp.oo
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


# ----------------------------------------------------------------------------------------------
# The numerical method, one side at a time


def _numeric_one_side(f: Callable, a: float, direction: int) -> tuple[str, float, float]:
    """(verdict, value, error) of f(a + direction*h) as h -> 0+.

    In order: no defined sample is "undefined"; the samples before round-off takes over
    are kept; if they still turn back and forth, the spread of the last ones decides
    (oscillates, squeezed to a value, or cannot tell); if they move steadily, their trend
    may show divergence or slow creep (only its own wide bound counts then).  Otherwise the
    value is Richardson extrapolation of the largest steps, if it agrees with the deepest
    sample, and with the geometric trend of the deepest samples when there is one.
    """
    steps, values, noise = _sample(f, a, direction)
    defined = np.isfinite(values)
    if not defined.any():
        return "undefined", math.nan, math.nan
    steps, values, noise = steps[defined], values[defined], noise[defined]
    clean = _cancelled_to_zero(values, _clean_length(values, noise))
    steps, values, noise = steps[:clean], values[:clean], noise[:clean]
    if len(values) < 6:
        return "cannot tell", math.nan, math.nan
    wiggles = _oscillation(values)
    if wiggles is not None:
        return wiggles
    trend = _trend(values)
    if trend is not None and trend[0] == "slow":
        return _converged(*trend[1:])
    if trend is not None and trend[0] != "converges":
        return trend
    candidates = [] if trend is None else [trend[1:]]
    if len(values) >= 8:
        near = slice(0, _NEAR)
        fits = [_richardson(h, values[near], noise[near]) for h in (steps[near], np.sqrt(steps[near]))]
        value, error = min(fits, key=lambda pair: pair[1])
        last_moves = np.abs(np.diff(values[-5:])).max()
        if abs(values[-1] - value) <= error + 8 * last_moves + 16 * _EPS * abs(value):
            candidates.append((value, error))
    if not candidates:
        return "cannot tell", math.nan, math.nan
    if len(candidates) == 2:
        (trended, trend_error), (extrapolated, error) = candidates
        gap = abs(trended - extrapolated)
        if gap > trend_error + error:
            return "cannot tell", math.nan, math.nan  # the trend and the extrapolation disagree
        # Extrapolation is the more precise when f is smooth, but its own estimate trusts
        # its model (powers of h); the trend of the deepest samples does not, so their gap
        # bounds what the model may have missed (as for |h|**0.3).
        return _converged(extrapolated, max(error, 2 * gap))
    return _converged(*candidates[0])


def _converged(value: float, error: float) -> tuple[str, float, float]:
    """"converges" if the error is small enough, with a value of exactly 0 when it cannot be told from 0."""
    if not error <= _TOLERANCE * max(1.0, abs(value)):
        return "cannot tell", math.nan, math.nan
    if abs(value) <= error:
        value = 0.0
    floor = 4 * _EPS * abs(value) or np.finfo(float).tiny  # never claim an error of 0
    return "converges", float(value), float(max(error, floor))


def _sample(f: Callable, a: float, direction: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Steps h, f(a + direction*h) and the round-off noise of those values, largest h first.

    The steps are the ones f sees (|x - a| in floating point).  The noise of a sample is how
    much f changes when x moves by a millionth of the step: round-off changes it at random,
    while a smooth f barely moves (measured for the first ``_NEAR`` samples, 0 after them).
    """
    first = 0.25 * max(1.0, abs(a))
    smallest = max(abs(a) * 2.0**-42, 2.0**-1000)
    nominal = first * 0.5 ** np.arange(int(math.log2(first / smallest)) + 1)
    xs = a + direction * nominal
    near = a + direction * nominal[:_NEAR] * (1 + 2.0**-20)
    with np.errstate(all="ignore"):
        values = np.array([_evaluate(f, float(x)) for x in xs])
        nearby = np.array([_evaluate(f, float(x)) for x in near])
        noise = np.zeros_like(values)
        noise[: len(near)] = np.abs(nearby - values[: len(near)])
    return np.abs(xs - a), values, np.nan_to_num(noise, nan=np.inf)


def _evaluate(f: Callable, x: float) -> float:
    """f(x) as a float; nan where f is undefined (it divides by zero, overflows, leaves its domain)."""
    try:
        y = f(x)
    except (ZeroDivisionError, OverflowError, ValueError):
        return math.nan
    return real_result(y, x)


def _moves(values: np.ndarray, rounding: float = 64 * _EPS) -> tuple[np.ndarray, np.ndarray]:
    """Differences of successive samples and their signs (0 where the change is only rounding:
    at most ``rounding`` times the larger of the two values)."""
    differences = np.diff(values)
    local = np.maximum(np.abs(values[1:]), np.abs(values[:-1]))
    return differences, np.where(np.abs(differences) > rounding * local, np.sign(differences), 0.0)


def _cancelled_to_zero(values: np.ndarray, clean: int) -> int:
    """Where the samples collapse to exactly 0 by cancellation, if they do before ``clean``.

    ``(tan(t) - t) / t**3`` drifts away from 1/3 as ``tan(t) - t`` loses its digits, then is
    exactly 0 once ``tan(t)`` rounds to ``t``.  A sample of exactly 0 after one that is not small
    beside the earlier samples (over 1e-3 of the largest), while the samples before it still
    move, is that collapse: the samples from there on are round-off.  (A function that is
    constant and then exactly 0 near the point keeps its zeros.)
    """
    for k in np.flatnonzero(values[:clean] == 0):
        if k < 3 or values[k - 1] == 0:
            continue
        before = values[:k]
        moving = np.abs(np.diff(before[-3:])).max() > 1e3 * _EPS * abs(before[-1])
        if abs(before[-1]) > 1e-3 * np.abs(before).max() and moving:
            return int(k)
    return clean


def _clean_length(values: np.ndarray, noise: np.ndarray) -> int:
    """How many samples come before round-off takes over.

    Round-off starts tiny beside the value and grows as the step shrinks.  It shows in three
    ways: the measured noise of a sample reaches a tenth of its move while still below a
    millionth of its value, and keeps growing; the samples jump up and down (2 reversals in 6 moves) by more
    and more, starting from moves below 1e-4 of the value; or, after settled values, one
    sample leaps away (1e3 times more than any of the last 8 moves), as ``exp(h) - 1`` does
    when ``exp(h)`` rounds to 1.  Wiggles that are large from the start are f's own.
    """
    differences, signs = _moves(values)
    _, coarse = _moves(values, rounding=1e3 * _EPS)
    size = np.abs(differences)
    local = np.maximum(np.abs(values[1:]), np.abs(values[:-1]))
    with np.errstate(all="ignore"):
        for k in range(1, len(differences)):
            moves = max(size[k - 1], size[k])
            if (
                0.1 * moves < noise[k]
                and 1e3 * _EPS * abs(values[k]) < noise[k] <= 1e-6 * abs(values[k])
                and np.median(noise[k + 3 : k + 7]) >= 4 * np.median(noise[max(0, k - 1) : k + 3])
            ):
                return k
            recent = size[max(0, k - 8) : k]
            if k >= 3 and signs[k] and size[k] > 1e-8 * local[k] and size[k] > 1e3 * recent.max():
                trend = signs[:k][signs[:k] != 0]
                if not signs[k - 3 : k].any() or trend[-1] != signs[k]:
                    return k + 1
            window = coarse[k : k + 6]
            turning = window[window != 0]
            later = size[k + 6 : k + 12]
            if (
                np.count_nonzero(turning[1:] != turning[:-1]) >= 2
                and later.size
                and size[k : k + 6].max() <= 1e-4 * local[k]
                and later.max() > 4 * size[k : k + 6].max()
            ):
                return k + 1 + int(np.flatnonzero(window)[0])
    return len(values)


def _oscillation(values: np.ndarray) -> tuple[str, float, float] | None:
    """For samples that keep turning back in their second half: oscillates, squeezed, or cannot tell.

    Compares the spread of the last quarter of the samples with that of the quarter before:
    the same spread means oscillation; a spread that shrinks tenfold or more means the values
    are squeezed towards the middle of the last quarter (``x sin(1/x)`` at 0), whose spread
    is then the error.
    """
    half = values[len(values) // 2 :]
    _, signs = _moves(half, rounding=1e3 * _EPS)  # smaller wiggles may be round-off
    turning = signs[signs != 0]
    if np.count_nonzero(turning[1:] != turning[:-1]) < 3:
        return None
    earlier, later = half[: len(half) // 2], half[len(half) // 2 :]
    ratio = np.ptp(later) / np.ptp(earlier) if np.ptp(earlier) else math.inf
    if ratio >= 0.9:
        return "oscillates", math.nan, math.nan
    if ratio > 0.1:
        return "cannot tell", math.nan, math.nan
    return _converged(0.5 * (later.max() + later.min()), float(np.ptp(later)))


def _trend(values: np.ndarray) -> tuple[str, float, float] | None:
    """What the last (up to 16) samples do, if they move steadily one way.

    Moves that do not shrink mean divergence.  Moves that shrink geometrically, by a factor
    of at most rho < 1 per step, leave at most ``|last move| rho / (1 - rho)`` to go: a value
    and an error (twice that; "slow", and four times that, if rho >= 0.9 at every step;
    None if some steps shrink fast and others not, which is round-off, not a trend).  Samples that no longer move (beyond
    rounding) give their last value, with an error of their drift over the last three
    quarters of the samples (slow creep such as 1/log(1/h) moves less than rounding per
    step; if all their moves still point one way without dying out, that is "slow").  None
    if the samples wiggle.
    """
    tail = values[-16:]
    differences, signs = _moves(tail, rounding=8 * _EPS)
    if tail.size < 2:
        return None
    steady = signs[signs != 0]
    if steady.size and not np.all(steady == steady[0]):
        return None
    if steady.size < signs.size:  # moves at rounding level may still add up: the drift since a quarter in
        drift = np.ptp(values[len(values) // 4 :])
        size = np.abs(differences)
        one_way = np.all(differences >= 0) or np.all(differences <= 0)
        creeping = one_way and np.count_nonzero(differences) >= differences.size // 2
        half = max(1, size.size // 2)
        slow = creeping and size[-half:].mean() > 0.1 * size[:half].mean()  # not dying out
        return ("slow" if slow else "converges"), float(tail[-1]), float(drift + 16 * _EPS * abs(tail[-1]))
    size = np.abs(differences)
    ratios = size[1:] / size[:-1]
    if ratios.size >= 4 and size[-4:].mean() >= (1 - 1e-3) * size[:4].mean() and ratios.min() > 0.5:
        return ("+inf" if signs[0] > 0 else "-inf"), float(signs[0] * math.inf), math.nan
    if ratios.size < 4:
        return None
    worst = ratios.max()
    typical = min(ratios[-4:].mean(), worst)
    value = tail[-1] + differences[-1] * typical / (1 - typical)
    # Moves that shrink by less than 10 % a step: no power of h (Richardson's model) but
    # h**0.15 or slower, such as 1/log(1/h), whose ratio creeps up towards 1; only a wider
    # bound on what is left can be trusted.
    slow = worst >= 0.9
    if slow and ratios.min() < 0.8:  # irregular moves (round-off at the end): no trend to read
        return None
    error = (4 if slow else 2) * size[-1] * worst / (1 - worst) + 16 * _EPS * abs(value) if worst < 1 else math.inf
    return ("slow" if slow else "converges"), float(value), float(error)


def _richardson(steps: np.ndarray, values: np.ndarray, noise: np.ndarray) -> tuple[float, float]:
    """Neville extrapolation of values(step) to step = 0: the best entry and its error estimate.

    Slides a window along the samples: small steps lose digits to cancellation, large steps
    carry truncation error; the most self-consistent extrapolation wins.  Its error estimate
    is twice the spread of its neighbours in the table, plus its difference from the same
    extrapolation one sample along (round-off that varies smoothly with the step, such as
    the rounding of f(a) in a difference quotient, shows there), plus the samples' noise and rounding
    as the extrapolation amplifies them (the sum of the absolute weights it gives the
    samples).  Windows whose samples wiggle (as x*sin(1/x) does, or round-off) get a large
    spread, so they do not win.
    """
    best = (math.nan, math.inf)
    window = 8
    for start in range(len(steps) - window + 1):
        y = values[start : start + window]
        h = steps[start : start + window]
        rounding = noise[start : start + window].max() + 2 * _EPS * np.abs(y).max()
        # Row 0 holds the samples, rows 1.. the weight of each sample in every table entry.
        table = [np.vstack([y, np.eye(window)])]
        for level in range(1, window):
            previous = table[-1]
            ratio = h[level:] / (h[: window - level] - h[level:])
            table.append(previous[:, 1:] + (previous[:, 1:] - previous[:, :-1]) * ratio)
        for level in range(2, window):
            row, above = table[level][0], table[level - 1][0]
            amplification = np.abs(table[level][1:]).sum(axis=0)
            for i in range(len(row)):
                spread = abs(row[i] - above[i]) + abs(row[i] - above[i + 1])
                shifted = np.abs(row[max(0, i - 1) : i + 2] - row[i]).max()  # from one sample along
                error = 2 * spread + shifted + amplification[i] * rounding
                if error < best[1]:
                    best = (float(row[i]), float(error))
    return best


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
    # A power of two k >= 1 has a single bit set: k & (k - 1) == 0.
    base = next((b for b in starts if sides % b == 0 and (sides // b) & (sides // b - 1) == 0), None)
    if base is None:
        raise ValueError(f"n must be 3 or 4 times a power of 2 (6, 8, 12, 16, 24, ..., 96); got {sides}")
    lower, upper = starts[base]
    for _ in range((sides // base).bit_length() - 1):  # one doubling per factor of 2
        upper = 2 * upper * lower / (upper + lower)
        lower = math.sqrt(upper * lower)
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
