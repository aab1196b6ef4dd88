"""Argument checks shared by the modules of mlcalc (private).

Every check raises ``TypeError`` for a wrong kind of argument and ``ValueError`` for a
wrong value, with a message that names the argument, what was expected and what was given.
"""

from __future__ import annotations

import math
import numbers
from typing import Any, Callable

import numpy as np


def _given(value: Any) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} (type {type(value).__name__})"


def check_callable(name: str, value: Any) -> Callable:
    """Return ``value`` if it is callable, else raise ``TypeError`` naming ``name``."""
    if not callable(value):
        raise TypeError(f"{name} must be a callable of one real number; got {_given(value)}")
    return value


def real_result(y: Any, x: Any) -> float:
    """Return ``y = f(x)`` as a float, or raise ``TypeError`` saying that ``f`` must return a number."""
    if isinstance(y, (str, bytes, complex)):
        raise TypeError(f"f must return a real number; f({x!r}) returned {_given(y)}")
    try:
        return float(y)
    except (TypeError, ValueError):
        raise TypeError(f"f must return a real number; f({x!r}) returned {_given(y)}") from None


def check_real(name: str, value: Any, *, allow_inf: bool = False) -> float:
    """Return ``value`` as a float; reject complex, non-numbers, NaN and (unless allowed) infinity."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        kind = "a real number" + (" or +/-math.inf" if allow_inf else "")
        raise TypeError(f"{name} must be {kind}; got {_given(value)}")
    number = float(value)
    if math.isnan(number):
        raise ValueError(f"{name} must be a real number, not NaN")
    if math.isinf(number) and not allow_inf:
        raise ValueError(f"{name} must be finite; got {number}")
    return number


def check_positive(name: str, value: Any) -> float:
    """Return ``value`` as a float if it is a finite real number > 0."""
    number = check_real(name, value)
    if number <= 0:
        raise ValueError(f"{name} must be > 0; got {number}")
    return number


def check_positive_int(name: str, value: Any, *, minimum: int = 1) -> int:
    """Return ``value`` if it is an int >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"{name} must be an integer >= {minimum}; got {_given(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value}")
    return int(value)


def check_choice(name: str, value: Any, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``choices``."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return value


def as_real_array(name: str, value: Any, *, allow_empty: bool = False) -> np.ndarray:
    """Return ``value`` as a 1-D float array; reject empty input, NaN/inf and non-numbers."""
    try:
        raw = np.asarray(value)
        array = None if np.iscomplexobj(raw) else np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a sequence of real numbers; got {_given(value)}") from None
    if array is None:  # checked before casting, which would drop the imaginary parts with a warning
        raise TypeError(f"{name} must hold real numbers, not complex ones")
    array = np.atleast_1d(array)
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D; got an array of shape {array.shape}")
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold finite numbers; it contains NaN or infinity")
    return array


def check_same_length(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray) -> None:
    """Raise ``ValueError`` if two 1-D arrays differ in length."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same length; got {a.size} and {b.size}"
        )
