"""What the engines cost and how they compare: :func:`count_operations`, :func:`time_gradient`,
:func:`graph_table` and :func:`compare_backends`.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Sequence

import numpy as np

from .._checks import _given, check_callable, check_choice, check_positive_int
from .._table import Table, make_table
from .engines import BACKENDS, _check_backend, _check_point, grad
from .forward import Dual
from .reverse import Var, topological_order


_FROM_SCRATCH = ("forward", "reverse")


class GradientCost(NamedTuple):
    """The work of one gradient by :class:`Dual` or :class:`Var`, counted by :func:`count_operations`."""

    passes: int
    """How many times ``f`` ran: once per input in forward mode, once in reverse mode."""
    operations: int
    """How many ``Dual`` or ``Var`` numbers were made: one per input, per constant, and per
    arithmetic operation or elementary function."""


def count_operations(
    f: Callable[[Any], Any],
    x: float | Sequence[float] | np.ndarray,
    backend: str = "reverse",
) -> GradientCost:
    """Count the work that forward or reverse mode does for the gradient of ``f`` at ``x``.

    The count is exact and the same on every computer, unlike a time.  Every operation of
    :class:`Dual` and :class:`Var` makes exactly one new number, so counting the numbers made
    while :func:`grad` runs counts the operations.  The ``backward()`` sweep of reverse mode makes
    no numbers: it visits each recorded operation once more, so its work grows like the count.

    Parameters
    ----------
    f : callable
        A scalar function of one real number or of one vector, as for :func:`grad`.
    x : float or 1-D sequence of floats
        The point.
    backend : {"reverse", "forward"}
        ``"forward"`` counts :class:`Dual` numbers, ``"reverse"`` counts :class:`Var` numbers.

    Returns
    -------
    GradientCost
        ``passes`` (how many times ``f`` ran) and ``operations`` (numbers made).

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x`` is not real, or ``backend`` is not a string.
    ValueError
        If ``backend`` is not ``"forward"`` or ``"reverse"``, or ``x`` is not finite or not 1-D.

    Examples
    --------
    >>> from mlcalc.autodiff import sin
    >>> f = lambda v: v[0] * v[1] + sin(v[0])       # 2 inputs, 3 operations
    >>> count_operations(f, [2.0, 3.0], backend="reverse")
    GradientCost(passes=1, operations=5)
    >>> count_operations(f, [2.0, 3.0], backend="forward")   # one pass per input
    GradientCost(passes=2, operations=10)
    """
    check_callable("f", f)
    point = _check_point(x)
    backend = _check_backend(backend, _FROM_SCRATCH)
    kind = Dual if backend == "forward" else Var
    counts = {"passes": 0, "operations": 0}
    original_init = kind.__dict__["__init__"]

    def counting_init(self: Any, *args: Any, **kwargs: Any) -> None:
        counts["operations"] += 1
        original_init(self, *args, **kwargs)

    def counted_f(v: Any) -> Any:
        counts["passes"] += 1
        return f(v)

    kind.__init__ = counting_init  # type: ignore[method-assign]
    try:
        grad(counted_f, point, backend=backend)
    finally:
        kind.__init__ = original_init  # type: ignore[method-assign]
    return GradientCost(counts["passes"], counts["operations"])


def time_gradient(
    f: Callable[[Any], Any],
    n_inputs: int | Sequence[int],
    backend: str = "reverse",
    repeats: int = 3,
) -> float | np.ndarray:
    """Measure how long :func:`grad` takes for a function of ``n`` inputs, in seconds.

    For each ``n``, the gradient is taken at ``x = (0.5, ..., 1.5)`` (``n`` evenly spaced
    points), once untimed to warm up (imports, caches) and then ``repeats`` times; the
    shortest time is kept, because interruptions only ever make a run slower.  Times depend
    on the computer and its load: compare them with each other, never with a fixed number.

    Parameters
    ----------
    f : callable
        A scalar function of one vector, written as for :func:`grad` (for example
        ``lambda v: sum(sin(v[i]) * v[i + 1] for i in range(len(v) - 1))``).
    n_inputs : int or sequence of int
        The number(s) of inputs, each >= 1.
    backend : str
        Any name in :data:`~mlcalc.autodiff.engines.BACKENDS`.
    repeats : int
        How many timed runs per ``n`` (>= 1).

    Returns
    -------
    float or numpy.ndarray
        The best time in seconds (> 0): a float for one ``n``, an array with one time per
        ``n`` for a sequence.

    Raises
    ------
    TypeError
        If ``f`` is not callable, or ``n_inputs``, ``repeats`` or ``backend`` has the wrong type.
    ValueError
        If a number of inputs or ``repeats`` is < 1, ``n_inputs`` is empty, or ``backend`` is
        unknown.

    Examples
    --------
    >>> from mlcalc.autodiff import sin
    >>> f = lambda v: sum(sin(v[i]) * v[i + 1] for i in range(len(v) - 1))
    >>> times = time_gradient(f, [2, 4, 8], backend="reverse", repeats=2)
    >>> times.shape, bool((times > 0).all())
    ((3,), True)
    """
    import time

    check_callable("f", f)
    backend = _check_backend(backend, BACKENDS)
    repeats = check_positive_int("repeats", repeats)
    single = isinstance(n_inputs, (numbers.Integral, np.integer)) and not isinstance(
        n_inputs, bool
    )
    if isinstance(n_inputs, (str, bytes)) or not (single or isinstance(n_inputs, Iterable)):
        raise TypeError(
            f"n_inputs must be an integer >= 1 or a sequence of them; got {_given(n_inputs)}"
        )
    sizes = [check_positive_int("n_inputs", n) for n in ([n_inputs] if single else n_inputs)]
    if not sizes:
        raise ValueError("n_inputs must not be empty")
    resolution = time.get_clock_info("perf_counter").resolution
    best = []
    for n in sizes:
        point = np.linspace(0.5, 1.5, n)
        grad(f, point, backend=backend)  # warm-up, not timed
        runs = []
        for _ in range(repeats):
            start = time.perf_counter()
            grad(f, point, backend=backend)
            runs.append(time.perf_counter() - start)
        best.append(max(min(runs), resolution))
    return best[0] if single else np.array(best)


def graph_table(output: Var, names: Mapping[str, Var] | None = None) -> Table:
    """The computation graph behind ``output`` as a table: one row per node, inputs first.

    Columns: the node's name, its value, the nodes it was made from with the local derivative
    d(node)/d(input) of each, and its ``grad``.  Call ``output.backward()`` first to fill in
    the grads (before that they are 0).  Nodes named in ``names`` keep their names; other
    nodes without inputs are constants and show their value; the rest are ``v1, v2, ...`` in
    the order they were computed.

    Parameters
    ----------
    output : Var
        The result of a computation with :class:`Var`.
    names : mapping of str to Var, optional
        Names for some nodes, usually the inputs: ``{"x": x, "y": y}``.

    Returns
    -------
    Table
        Shows as an HTML table in a notebook and as aligned text when printed;
        ``table.column("grad")`` gives one column.

    Raises
    ------
    TypeError
        If ``output`` is not a ``Var``, or ``names`` is not a mapping from strings to ``Var``.

    Examples
    --------
    >>> x = Var(3.0)
    >>> y = x * x + 2 * x
    >>> y.backward()
    >>> print(graph_table(y, {"x": x}))
    node  value  made from (local derivative)  grad
       x      3                                   8
      v1      9                  x (3), x (3)     1
       2      2                                   3
      v2      6                  x (2), 2 (3)     1
      v3     15                v1 (1), v2 (1)     1
    """
    if not isinstance(output, Var):
        raise TypeError(f"output must be a Var; got {_given(output)}")
    names = {} if names is None else names
    if not isinstance(names, Mapping):
        raise TypeError(f"names must be a mapping from names to Var; got {_given(names)}")
    label: dict[int, str] = {}
    for name, node in names.items():
        if not isinstance(name, str) or not isinstance(node, Var):
            raise TypeError(
                f"names must map strings to Var; got {name!r}: {_given(node)}"
            )
        label[id(node)] = name
    rows, computed = [], 0
    for node in topological_order(output):
        if id(node) not in label:
            if node.parents:
                computed += 1
                label[id(node)] = f"v{computed}"
            else:
                label[id(node)] = f"{node.value:g}"
        made_from = ", ".join(f"{label[id(p)]} ({d:.4g})" for p, d in node.parents)
        rows.append((label[id(node)], node.value, made_from, node.grad))
    return make_table(("node", "value", "made from (local derivative)", "grad"), rows)


def _format_gradient(value: float | np.ndarray, digits: int) -> str:
    if isinstance(value, float):
        return f"{value:.{digits}g}"
    return "[" + ", ".join(f"{v:.{digits}g}" for v in value) + "]"


@dataclass(frozen=True)
class BackendComparison:
    """Gradients of several functions by several backends, from :func:`compare_backends`.

    ``gradients[backend][name]`` is the gradient of the function called ``name``.  Shows as a
    table with one row per backend and one column per function, and a last row "spread": the
    largest difference between two backends for that function.  Gradients are shown with 6
    significant digits; ``table(digits)`` chooses another number.
    """

    names: tuple[str, ...]
    backends: tuple[str, ...]
    gradients: dict[str, dict[str, float | np.ndarray]]

    def spread(self, backends: Sequence[str] | None = None) -> dict[str, float]:
        """For each function, the largest difference between the gradients of two ``backends``
        (default: all of them), over all components."""
        chosen = self.backends if backends is None else tuple(backends)
        for backend in chosen:
            check_choice("backends", backend, self.backends)
        result = {}
        for name in self.names:
            values = np.array([np.atleast_1d(self.gradients[b][name]) for b in chosen])
            result[name] = float(np.max(values.max(axis=0) - values.min(axis=0)))
        return result

    def table(self, digits: int = 6) -> Table:
        """The comparison as a :class:`~mlcalc._table.Table`, gradients rounded to ``digits`` significant digits."""
        digits = check_positive_int("digits", digits)
        rows = [
            (b, *(_format_gradient(self.gradients[b][n], digits) for n in self.names))
            for b in self.backends
        ]
        rows.append(("spread", *(f"{s:.1e}" for s in self.spread().values())))
        return make_table(("backend", *self.names), rows)

    def __str__(self) -> str:
        return str(self.table())

    def _repr_html_(self) -> str:  # no line breaks inside a gradient such as [0.5, 1.25]
        style = '<table style="white-space: nowrap; font-size: 0.85em">'
        return self.table()._repr_html_().replace("<table>", style, 1)


def compare_backends(
    functions: Mapping[str, tuple[Callable[[Any], Any], float | Sequence[float]]],
    backends: Sequence[str] = BACKENDS,
) -> BackendComparison:
    """Take the same gradients with several engines of :func:`grad`, to see that they agree.

    Parameters
    ----------
    functions : mapping of str to (f, x)
        A name (the column heading) for each function, with the function and the point at
        which to take its gradient, written as for :func:`grad`.
    backends : sequence of str
        Names from :data:`~mlcalc.autodiff.engines.BACKENDS` (default: all six).

    Returns
    -------
    BackendComparison
        The gradients; ``.spread()`` gives the largest disagreement for each function.

    Raises
    ------
    TypeError
        If ``functions`` is not a mapping of names to pairs ``(f, x)``, or for the reasons
        :func:`grad` gives.
    ValueError
        If ``functions`` or ``backends`` is empty, a backend is unknown, or for the reasons
        :func:`grad` gives.

    Examples
    --------
    >>> result = compare_backends(
    ...     {"x**3": (lambda x: x**3, 2.0), "x*y": (lambda v: v[0] * v[1], [2.0, 3.0])},
    ...     backends=["forward", "reverse", "sympy"],
    ... )
    >>> print(result)
    backend  x**3    x*y
    forward    12  [3, 2]
    reverse    12  [3, 2]
      sympy    12  [3, 2]
     spread 0.0e+00 0.0e+00
    """
    if not isinstance(functions, Mapping):
        raise TypeError(
            f"functions must be a mapping from names to pairs (f, x); got {_given(functions)}"
        )
    if not functions:
        raise ValueError("functions must not be empty")
    if isinstance(backends, str):
        raise TypeError(f"backends must be a sequence of backend names; got {_given(backends)}")
    chosen = tuple(_check_backend(b, BACKENDS) for b in backends)
    if not chosen:
        raise ValueError("backends must not be empty")
    cases = {}
    for name, case in functions.items():
        if not isinstance(case, tuple) or len(case) != 2:
            raise TypeError(f"functions[{name!r}] must be a pair (f, x); got {_given(case)}")
        cases[str(name)] = case
    gradients = {b: {name: grad(f, x, backend=b) for name, (f, x) in cases.items()} for b in chosen}
    return BackendComparison(tuple(cases), chosen, gradients)
