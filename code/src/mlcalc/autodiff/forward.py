"""Forward mode: :class:`Dual`, a dual number ``value + derivative·ε`` with ``ε² = 0``.

Every operation applies one rule of differentiation (sum, product, quotient, power) to the
derivative it carries, so one pass through ``f`` gives ``f(x)`` and ``f'(x)`` together.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from .._checks import _given


class LostDerivativeError(TypeError):
    """Raised when a :class:`Dual` or a :class:`~mlcalc.autodiff.Var` is turned into a plain
    float (by ``float(x)``, or by ``math.sin(x)`` and the other functions of ``math``), which
    would drop the derivative it carries."""


class Dual:
    """A dual number ``value + derivative·ε`` with ``ε² = 0``: forward-mode autodiff.

    Seed the input with ``derivative=1``; every operation then carries d(result)/d(input) along.

    Examples
    --------
    >>> x = Dual(3.0, 1.0)               # x = 3 and dx/dx = 1
    >>> x * x + 2 * x                    # d/dx (x² + 2x) = 2x + 2 = 8
    Dual(value=15.0, derivative=8.0)
    """

    __array_ufunc__ = None  # so NumPy hands `np.float64(2.0) * Dual(...)` over to Dual

    def __init__(self, value: float, derivative: float = 0.0) -> None:
        self.value = float(value)
        self.derivative = float(derivative)

    def __repr__(self) -> str:
        return f"Dual(value={self.value!r}, derivative={self.derivative!r})"

    def __float__(self) -> float:  # math.sin(x) calls this: refuse, rather than drop the derivative
        raise _lost(self)

    def __add__(self, other: Dual | float) -> Dual:
        other = _as_dual(other)
        return Dual(self.value + other.value, self.derivative + other.derivative)

    def __sub__(self, other: Dual | float) -> Dual:
        other = _as_dual(other)
        return Dual(self.value - other.value, self.derivative - other.derivative)

    def __mul__(self, other: Dual | float) -> Dual:  # product rule
        other = _as_dual(other)
        derivative = self.derivative * other.value + self.value * other.derivative
        return Dual(self.value * other.value, derivative)

    def __truediv__(self, other: Dual | float) -> Dual:  # quotient rule
        other = _as_dual(other)
        quotient = self.value / other.value
        return Dual(quotient, (self.derivative - quotient * other.derivative) / other.value)

    def __pow__(self, other: Dual | float) -> Dual:  # power rule, and a**c·ln a for the exponent
        other = _as_dual(other)
        base_varies, exponent_varies = self.derivative != 0, other.derivative != 0
        value, d_base, d_exponent = _power_rule(
            self.value, other.value, base_varies, exponent_varies
        )
        return Dual(value, d_base * self.derivative + d_exponent * other.derivative)

    def __neg__(self) -> Dual:
        return Dual(-self.value, -self.derivative)

    __radd__ = __add__  # 2 + x is x + 2
    __rmul__ = __mul__  # 2 * x is x * 2

    def __rsub__(self, other: float) -> Dual:
        return _as_dual(other) - self

    def __rtruediv__(self, other: float) -> Dual:
        return _as_dual(other) / self

    def __rpow__(self, other: float) -> Dual:
        return _as_dual(other) ** self


def _lost(number: Any) -> LostDerivativeError:
    kind = type(number).__name__
    return LostDerivativeError(
        f"a {kind} cannot become a plain float without losing its derivative (math.sin(x) and"
        f" float(x) try that); use mlcalc.autodiff.sin, exp, log, ... on a {kind}"
    )


def _as_dual(other: Any) -> Dual:
    if isinstance(other, Dual):
        return other
    if isinstance(other, numbers.Real):
        return Dual(other, 0.0)
    raise TypeError(f"a Dual can be combined with a Dual or a real number; got {_given(other)}")


def _power(base: float, exponent: float) -> float:
    try:
        return math.pow(base, exponent)
    except ValueError:
        raise ValueError(f"{base!r} ** {exponent!r} is not a finite real number") from None


def _power_rule(
    base: float, exponent: float, base_varies: bool, exponent_varies: bool
) -> tuple[float, float, float]:
    """Return ``base ** exponent`` and its two partial derivatives (0 when not needed)."""
    value = _power(base, exponent)
    d_base = 0.0
    if base_varies and exponent != 0:
        # at base 0 with 0 < exponent < 1 (sqrt is exponent 1/2) the slope is infinite, as
        # mlcalc.autodiff.sqrt promises, rather than the error 0 ** (exponent - 1) would raise
        infinite = base == 0 and exponent < 1
        d_base = math.inf if infinite else exponent * _power(base, exponent - 1)
    d_exponent = 0.0
    if exponent_varies:
        if base <= 0:
            raise ValueError(
                "the derivative of base ** exponent with respect to the exponent needs base > 0;"
                f" got base = {base!r}"
            )
        d_exponent = value * math.log(base)
    return value, d_base, d_exponent
