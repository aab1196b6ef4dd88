"""Arithmetic on one input at x = 3, with the value and derivative each expression must give:
the cases that test_forward (Dual) and test_reverse (Var) both run."""

import math

import numpy as np

# (function, value at 3, derivative at 3)
ARITHMETIC_AT_3 = [
    (lambda x: x + 2, 5.0, 1.0),
    (lambda x: 2 + x, 5.0, 1.0),
    (lambda x: x - 2, 1.0, 1.0),
    (lambda x: 2 - x, -1.0, -1.0),
    (lambda x: x * 4, 12.0, 4.0),
    (lambda x: 4 * x, 12.0, 4.0),
    (lambda x: x / 2, 1.5, 0.5),
    (lambda x: 6 / x, 2.0, -6 / 9),
    (lambda x: -x, -3.0, -1.0),
    (lambda x: x**2, 9.0, 6.0),
    (lambda x: x**-1, 1 / 3, -1 / 9),
    (lambda x: x**0.5, math.sqrt(3), 0.5 / math.sqrt(3)),
    (lambda x: x**0, 1.0, 0.0),
    (lambda x: 2**x, 8.0, 8.0 * math.log(2)),
    (lambda x: x**x, 27.0, 27.0 * (math.log(3) + 1)),
    (lambda x: x * x * x - 2 * x + 1, 22.0, 25.0),
    (lambda x: (x + 1) / (x - 1), 2.0, -0.5),
    (lambda x: np.float64(2.0) * x, 6.0, 2.0),
]
