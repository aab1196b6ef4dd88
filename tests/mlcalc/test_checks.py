"""Tests of mlcalc._checks: the argument checks every module uses.

What a learner sees when an argument is wrong is the message of these checks: it names the
argument, says what was expected and shows what was given (cut short when long). The tests
spell out whole messages, so a changed word is a deliberate change.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from mlcalc._checks import (
    _given,
    as_real_array,
    check_callable,
    check_choice,
    check_positive,
    check_positive_int,
    check_real,
    check_same_length,
    real_result,
)


def whole(message: str) -> str:
    """A pattern that matches exactly ``message``."""
    return "^" + re.escape(message) + "$"


# ----------------------------------------------------------------------------------------------
# How a given value is shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "None (type NoneType)"),
        ("sin", "'sin' (type str)"),
        (2.5, "2.5 (type float)"),
        ([1, 2], "[1, 2] (type list)"),
    ],
)
def test_a_given_value_shows_its_repr_and_type(value, shown):
    assert _given(value) == shown


def test_a_long_value_is_cut_to_sixty_characters():
    exactly = "a" * 58  # repr adds two quotes: 60 characters, shown whole
    assert _given(exactly) == repr(exactly) + " (type str)"
    longer = "a" * 59  # 61 characters: the first 57 and "..."
    assert _given(longer) == "'" + "a" * 56 + "... (type str)"
    assert len(_given(list(range(100))).split(" (type")[0]) == 60


# ----------------------------------------------------------------------------------------------
# Callables and results of f


def test_check_callable():
    assert check_callable("f", math.sin) is math.sin
    with pytest.raises(TypeError, match=whole("f must be a callable of one real number; got 5 (type int)")):
        check_callable("f", 5)


@pytest.mark.parametrize("y", [1, 2.5, np.float64(-3.0), np.int64(4), np.array(7.0), True])
def test_real_result_accepts_numbers(y):
    got = real_result(y, 1.0)
    assert type(got) is float and got == float(y)


@pytest.mark.parametrize(
    ("y", "shown"),
    [
        ("1.5", "'1.5' (type str)"),
        (b"1", "b'1' (type bytes)"),
        (1j, "1j (type complex)"),
        (None, "None (type NoneType)"),
        ([1.0, 2.0], "[1.0, 2.0] (type list)"),
        ("abc", "'abc' (type str)"),
    ],
)
def test_real_result_rejects_non_numbers(y, shown):
    with pytest.raises(TypeError, match=whole(f"f must return a real number; f(0.5) returned {shown}")):
        real_result(y, 0.5)


# ----------------------------------------------------------------------------------------------
# Real numbers


@pytest.mark.parametrize("value", [3, -2.5, np.float32(0.5), np.int64(-7), 0])
def test_check_real_accepts_real_numbers(value):
    got = check_real("x", value)
    assert type(got) is float and got == float(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1", "x must be a real number; got '1' (type str)"),
        (True, "x must be a real number; got True (type bool)"),
        (1j, "x must be a real number; got 1j (type complex)"),
        (None, "x must be a real number; got None (type NoneType)"),
    ],
)
def test_check_real_rejects_other_kinds(value, message):
    with pytest.raises(TypeError, match=whole(message)):
        check_real("x", value)


def test_check_real_rejects_nan_and_infinity():
    with pytest.raises(ValueError, match=whole("x must be a real number, not NaN")):
        check_real("x", math.nan)
    with pytest.raises(ValueError, match=whole("x must be a real number, not NaN")):
        check_real("x", np.nan, allow_inf=True)
    for value in (math.inf, -math.inf):
        with pytest.raises(ValueError, match=whole(f"x must be finite; got {value}")):
            check_real("x", value)


def test_check_real_may_allow_infinity():
    assert check_real("a", math.inf, allow_inf=True) == math.inf
    assert check_real("a", -math.inf, allow_inf=True) == -math.inf
    with pytest.raises(TypeError, match=whole("a must be a real number or +/-math.inf; got 'oo' (type str)")):
        check_real("a", "oo", allow_inf=True)


def test_check_positive():
    assert check_positive("h", 1e-300) == 1e-300
    assert type(check_positive("h", 2)) is float
    for value in (0, 0.0, -1e-300, -3):
        with pytest.raises(ValueError, match=whole(f"h must be > 0; got {float(value)}")):
            check_positive("h", value)
    with pytest.raises(ValueError, match=whole("h must be finite; got inf")):
        check_positive("h", math.inf)


# ----------------------------------------------------------------------------------------------
# Integers and choices


def test_check_positive_int_default_minimum_is_one():
    assert check_positive_int("n", 1) == 1
    got = check_positive_int("n", np.int64(5))
    assert type(got) is int and got == 5
    with pytest.raises(ValueError, match=whole("n must be an integer >= 1; got 0")):
        check_positive_int("n", 0)


def test_check_positive_int_with_a_minimum():
    assert check_positive_int("n", 3, minimum=3) == 3
    assert check_positive_int("epochs", 0, minimum=0) == 0
    with pytest.raises(ValueError, match=whole("n must be an integer >= 3; got 2")):
        check_positive_int("n", 2, minimum=3)
    for value, shown in [(2.0, "2.0 (type float)"), (True, "True (type bool)"), ("3", "'3' (type str)")]:
        with pytest.raises(TypeError, match=whole(f"n must be an integer >= 3; got {shown}")):
            check_positive_int("n", value, minimum=3)


def test_check_choice():
    assert check_choice("method", "forward", ("central", "forward")) == "forward"
    with pytest.raises(ValueError, match=whole("method must be one of 'central', 'forward'; got 'Central'")):
        check_choice("method", "Central", ("central", "forward"))


# ----------------------------------------------------------------------------------------------
# Arrays


def test_as_real_array_makes_a_1d_float_array():
    got = as_real_array("x", [1, 2, 3])
    assert got.dtype == float and got.tolist() == [1.0, 2.0, 3.0]
    assert as_real_array("x", 2.5).tolist() == [2.5]
    assert as_real_array("x", [], allow_empty=True).size == 0


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (["a", "b"], TypeError, "x must be a sequence of real numbers; got ['a', 'b'] (type list)"),
        ([1j, 2j], TypeError, "x must hold real numbers, not complex ones"),
        (np.array([1 + 0j]), TypeError, "x must hold real numbers, not complex ones"),
        ([[1.0, 2.0]], ValueError, "x must be 1-D; got an array of shape (1, 2)"),
        ([], ValueError, "x must not be empty"),
        ([1.0, math.nan], ValueError, "x must hold finite numbers; it contains NaN or infinity"),
        ([-math.inf], ValueError, "x must hold finite numbers; it contains NaN or infinity"),
    ],
)
def test_as_real_array_rejects_bad_input(value, error, message):
    with pytest.raises(error, match=whole(message)):
        as_real_array("x", value)


def test_empty_array_allowed_still_rejects_nan():
    with pytest.raises(ValueError, match=r"^x must hold finite numbers"):
        as_real_array("x", [math.nan], allow_empty=True)


def test_check_same_length():
    check_same_length("x", np.zeros(3), "y", np.ones(3))
    with pytest.raises(ValueError, match=whole("x and y must have the same length; got 3 and 2")):
        check_same_length("x", np.zeros(3), "y", np.ones(2))
