"""Tests of mlcalc.autodiff.forward: Dual, forward mode with dual numbers."""

from __future__ import annotations

import math

import pytest
from arithmetic_cases import ARITHMETIC_AT_3

from mlcalc.autodiff import Dual


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
