"""Tests of mlcalc.autodiff.forward: Dual, forward mode with dual numbers."""

from __future__ import annotations

import math

import pytest
from arithmetic_cases import ARITHMETIC_AT_3

from mlcalc.autodiff import Dual, grad
from mlcalc.autodiff.forward import LostDerivativeError


def test_dual_repr_and_attributes():
    x = Dual(2, 3)
    assert (x.value, x.derivative) == (2.0, 3.0)
    assert isinstance(x.value, float)
    assert repr(x) == "Dual(value=2.0, derivative=3.0)"
    assert Dual(5.0).derivative == 0.0


@pytest.mark.parametrize("function, value, derivative", ARITHMETIC_AT_3)
def test_dual_arithmetic_at_3(function, value, derivative):
    dual = function(Dual(3.0, 1.0))
    assert isinstance(dual, Dual)
    assert dual.value == pytest.approx(value, rel=1e-14)
    assert dual.derivative == pytest.approx(derivative, rel=1e-14)


def test_dual_with_two_dual_operands():
    # d/dt (a*b) with a = t, b = t**2 at t = 2: product rule gives 3t² = 12
    a, b = Dual(2.0, 1.0), Dual(4.0, 4.0)
    assert (a * b).derivative == 12.0
    assert (a / b).derivative == pytest.approx((1.0 * 4.0 - 2.0 * 4.0) / 16.0)
    assert (b**a).derivative == pytest.approx(16.0 * (1.0 * math.log(4.0) + 2.0 * 4.0 / 4.0))


def test_dual_power_of_negative_base():
    assert (Dual(-2.0, 1.0) ** 3).derivative == 12.0  # 3x² at x = -2
    with pytest.raises(ValueError, match="not a finite real number"):
        Dual(-8.0, 1.0) ** (1 / 3)
    with pytest.raises(ValueError, match="base > 0"):
        (-2.0) ** Dual(2.0, 1.0)


def test_dual_rejects_non_numbers():
    with pytest.raises(TypeError, match="Dual"):
        Dual(1.0, 1.0) + "a"


def test_dual_sum_and_difference_of_two_varying_duals():
    # a = t and b = t**2 at t = 3, seeded with their derivatives 1 and 6
    a, b = Dual(3.0, 1.0), Dual(9.0, 6.0)
    assert (a + b).derivative == 7.0  # 1 + 2t
    assert (a - b).derivative == -5.0  # 1 - 2t
    assert (b - a).derivative == 5.0


def test_dual_power_rule_for_the_exponents_1_and_0():
    x = Dual(3.0, 1.0)
    assert (x**1).value == 3.0 and (x**1).derivative == 1.0
    assert (x**0).value == 1.0 and (x**0).derivative == 0.0
    assert (x**-1).derivative == pytest.approx(-1 / 9, rel=1e-15)


@pytest.mark.parametrize("base", [0.5, 1.0, 2.0, 10.0])
def test_dual_constant_base_to_a_varying_exponent(base):
    # d/dx base**x = base**x · ln(base), for every base > 0: below 1 it is negative, at 1 it is 0
    power = base ** Dual(2.0, 1.0)
    assert power.value == base**2
    assert power.derivative == pytest.approx(base**2 * math.log(base), rel=1e-15, abs=0)


@pytest.mark.parametrize("base", [0.0, -2.0])
def test_dual_constant_base_to_a_varying_exponent_needs_a_positive_base(base):
    message = (
        r"^the derivative of base \*\* exponent with respect to the exponent needs base > 0;"
        rf" got base = {base!r}$"
    )
    with pytest.raises(ValueError, match=message):
        base ** Dual(2.0, 1.0)


@pytest.mark.parametrize("backend", ["forward", "reverse"])
def test_a_constant_to_a_fractional_power_adds_nothing_to_the_derivative(backend):
    """x + (0·x)**0.5 is x + 0 for every x, so its derivative is 1: the constant 0·x sits where
    t**0.5 has an infinite slope, but it does not move, so nothing of that slope reaches x."""
    assert grad(lambda x: x + (x * 0) ** 0.5, 1.0, backend=backend) == 1.0
    assert grad(lambda x: x * (x * 0 + 4.0) ** 0.5, 3.0, backend=backend) == 2.0


def test_dual_fractional_power_at_zero_has_an_infinite_slope():
    """t**p with 0 < p < 1 rises infinitely steeply from t = 0 (as mlcalc.autodiff.sqrt
    documents): the derivative is +inf, not an error about 0 ** (p - 1)."""
    for exponent in (0.5, 1 / 3):
        power = Dual(0.0, 1.0) ** exponent
        assert power.value == 0.0 and power.derivative == math.inf
    assert (Dual(0.0, 1.0) ** 1.5).derivative == 0.0  # from p = 1 on the slope at 0 is finite
    assert (Dual(0.0, 1.0) ** 1).derivative == 1.0
    with pytest.raises(ValueError, match=r"^0\.0 \*\* -0\.5 is not a finite real number$"):
        Dual(0.0, 1.0) ** -0.5


def test_dual_cannot_become_a_plain_float():
    message = (
        r"^a Dual cannot become a plain float without losing its derivative \(math\.sin\(x\) and"
        r" float\(x\) try that\); use mlcalc\.autodiff\.sin, exp, log, \.\.\. on a Dual$"
    )
    with pytest.raises(LostDerivativeError, match=message):
        float(Dual(1.0, 1.0))
    with pytest.raises(LostDerivativeError, match=message):
        math.sin(Dual(1.0, 1.0))


def test_dual_says_what_it_cannot_be_combined_with():
    with pytest.raises(
        TypeError, match=r"^a Dual can be combined with a Dual or a real number; got 'a' \(type str\)$"
    ):
        Dual(1.0, 1.0) * "a"
