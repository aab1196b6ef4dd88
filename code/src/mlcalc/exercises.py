"""Self-checking exercises: tell a learner whether their own answer is right.

A learner calls :func:`check` with an exercise's id and their answer; it says "✓ Correct." or
"✗ Not yet: <hint>" without showing the answer (unless ``reveal=True``).  Bad input never raises
at the learner: an unknown id, an unfilled ``...``, an answer of the wrong kind or a string that
does not parse all come back as a result whose message says what to do.

The keys come from the book's own solutions: a solution cell calls :func:`key` (or :func:`no_key`
for a proof or an essay).  Outside the build, ``key`` only checks that the key accepts the
solution's value and rejects each plausible wrong answer, so every solution checks itself.  When
the environment variable ``MLCALC_KEYS_OUT`` names a JSON file, ``key`` also records the key there;
``scripts/collect_keys.py`` merges them into the package's ``keys.json``, which ``check`` reads.

Key kinds: ``"number"``, ``"expression"``, ``"function"``, ``"function with derivative"``,
``"sequence"``, ``"limit"`` (a number, ``"+inf"``, ``"-inf"`` or ``"dne"``) and ``"none"``.

Examples
--------
>>> from mlcalc import exercises
>>> exercises.key("0.0.1", "2*x*cos(x**2)", hint="Use the chain rule.", wrong=["cos(x**2)"])
>>> exercises.check("0.0.1", "cos(x**2)*2*x")
✓ Correct.
>>> exercises.check("0.0.1", "2*x*sin(x**2)")
✗ Not yet: Use the chain rule.
>>> exercises.check("0.0.1", ...)
⚠ Replace ... with your answer, then run the cell again.
"""

from __future__ import annotations

import ast
import cmath
import contextlib
import difflib
import html
import json
import math
import numbers
import os
import re
import warnings
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np
import sympy as sp
from sympy.parsing.sympy_parser import (convert_xor, implicit_application, implicit_multiplication,
                                        parse_expr, standard_transformations)

__all__ = ["KINDS", "KEYS_OUT_VARIABLE", "CheckResult", "Key", "Wrong", "check", "key", "no_key",
           "load_keys", "dump_keys"]

#: The kinds of answer key (``"none"``: a proof or an essay, registered with :func:`no_key`).
KINDS = ("number", "expression", "function", "function with derivative", "sequence", "limit", "none")
#: The environment variable that names the JSON file where :func:`key` records keys in the build.
KEYS_OUT_VARIABLE = "MLCALC_KEYS_OUT"
FORMAT = 1
_VERDICTS = ("+inf", "-inf", "dne")
_SYMBOLIC = ("expression", "function", "function with derivative")
_DEFAULT_DOMAIN = (-2.0, 2.0)
# Where in the domain the sample points lie: irregular fractions, so no point is "nice".
_FRACTIONS = (0.0731, 0.1937, 0.3112, 0.4409, 0.5623, 0.6871, 0.8057, 0.9283)
_MIN_POINTS = 3
_TRANSFORMS = standard_transformations + (implicit_multiplication, implicit_application, convert_xor)
_UNICODE = {"π": "pi", "∞": "oo", "−": "-", "×": "*", "·": "*", "÷": "/", "²": "**2", "³": "**3"}
_WORDS = {  # what a learner may write for a limit that does not exist or is infinite
    **dict.fromkeys(("dne", "does not exist", "doesn't exist", "doesnt exist", "not exist", "no limit",
                     "there is no limit"), "dne"),
    **dict.fromkeys(("inf", "+inf", "infinity", "+infinity", "oo", "+oo", "positive infinity"), "+inf"),
    **dict.fromkeys(("-inf", "-infinity", "-oo", "negative infinity", "minus infinity"), "-inf"),
}
_MISSING = object()


class _BadAnswer(Exception):
    """An answer (or id) that cannot be checked; the message is shown to the learner."""


# ----------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class CheckResult:
    """The outcome of :func:`check`: truthy exactly when the answer is right.

    ``status`` is ``"correct"``, ``"wrong"``, ``"no key"`` (a proof or an essay) or
    ``"invalid"`` (the answer or the id could not be checked); ``message`` is what the learner
    reads.  It displays as that message in a notebook, in Colab and in a plain Python session.
    """

    exercise: str
    status: str
    message: str

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:  # str() shows the same message
        return self.message

    def _repr_markdown_(self) -> str:
        first, _, rest = self.message.partition("\n")
        return f"**{first}**" + (f"\n\n```\n{rest}\n```" if rest else "")

    def _repr_html_(self) -> str:
        colour = {"correct": "#009E73", "wrong": "#D55E00"}.get(self.status, "#0072B2")
        first, _, rest = (html.escape(part) for part in self.message.partition("\n"))
        return (f'<div class="mlcalc-check mlcalc-check-{self.status.replace(" ", "-")}" role="status" '
                f'style="border-left: 4px solid {colour}; padding: 0.3em 0.6em;">{first}'
                + (f'<pre style="margin: 0.3em 0 0 0;">{rest}</pre>' if rest else "") + "</div>")


@dataclass(frozen=True)
class Wrong:
    """A plausible wrong answer for :func:`key`, with the hint a learner who gives it should read."""

    value: Any
    hint: str = ""


# ----------------------------------------------------------------------------------------------
# Reading answers


def _describe(value: Any) -> str:
    if callable(value) and not isinstance(value, sp.Basic):
        return "a function"
    text = repr(value)
    return f"{text[:40] + '...' if len(text) > 40 else text} (type {type(value).__name__})"


def _parse(text: str) -> sp.Basic:
    """Read a string as a SymPy expression (``^`` is a power, ``2x`` a product, ``e`` is e)."""
    cleaned = text.strip()
    for old, new in _UNICODE.items():
        cleaned = cleaned.replace(old, new)
    if not cleaned:
        raise _BadAnswer("Your answer is an empty string: write your answer inside the quotes.")
    names = {"e": sp.E, "ln": sp.log}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = parse_expr(cleaned, local_dict=names, transformations=_TRANSFORMS)
    except Exception as error:  # SyntaxError, TokenError, TypeError from odd input
        raise _BadAnswer(_parse_error(cleaned, error)) from None
    parsed = sp.Tuple(*parsed) if isinstance(parsed, (tuple, list)) else parsed
    if not isinstance(parsed, sp.Basic):
        raise _BadAnswer(f"Could not read {text!r} as a formula: it gives {_describe(parsed)}.")
    return parsed


def _parse_error(text: str, error: Exception) -> str:
    """Say where ``text`` stops being a formula, as Python's parser sees it.

    Before asking Python, ``^`` becomes ``*`` and the products SymPy reads without a ``*``
    (``2x``, ``x y``) get one, keeping track of where each character came from.
    """
    chars, origin = [], []
    for index, char in enumerate(text):
        after = text[index + 1:index + 2]
        added = "**" if char == "^" else char
        if char.isdigit() and (after.isalpha() or after == "(") and not re.search(r"[A-Za-z_]\w*$", text[:index]):
            added += "*"
        elif re.match(r"[\w)]", char) and re.match(r"\s+[\w(]", text[index + 1:]):
            added += " *"
        chars.append(added)
        origin.extend([index] * len(added))
    try:
        ast.parse("".join(chars), mode="eval")
    except SyntaxError as syntax:
        if syntax.lineno == 1 and (not syntax.offset or syntax.offset > len(origin)):
            return f"Could not read {text!r} as a formula: it ends too early.\n    {text}\n    {' ' * len(text)}^"
        if syntax.lineno == 1:
            position = origin[syntax.offset - 1] + 1
            return (f"Could not read {text!r} as a formula: {syntax.msg} at position {position}."
                    f"\n    {text}\n    {' ' * (position - 1)}^")
    return f"Could not read {text!r} as a formula ({type(error).__name__}: {error})."


def _plain(expr: sp.Basic) -> sp.Basic:
    """``expr`` with every symbol replaced by a symbol of the same name and no assumptions."""
    return expr.xreplace({s: sp.Symbol(s.name) for s in expr.free_symbols if isinstance(s, sp.Symbol)})


def _as_sympy(answer: Any, expected: str) -> sp.Basic:
    """A number, SymPy object or string as a SymPy object; anything else is the wrong kind."""
    if isinstance(answer, str):
        answer = _parse(answer)
    if isinstance(answer, bool) or answer is None:
        raise _BadAnswer(f"This exercise expects {expected}; you gave {answer!r}.")
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    if isinstance(answer, (numbers.Number, np.number)):
        return sp.sympify(answer)
    if isinstance(answer, sp.core.relational.Relational):
        raise _BadAnswer(f"This exercise expects {expected}; give the value only, not an equation.")
    if isinstance(answer, sp.Expr) and not isinstance(answer, sp.Lambda):
        return _plain(answer)
    raise _BadAnswer(f"This exercise expects {expected}; you gave {_describe(answer)}.")


def _value_at(expr: sp.Basic, point: dict) -> float:
    """``expr`` at ``point`` as a float, or NaN where it is undefined or not real."""
    try:
        value = complex(expr.evalf(20, subs=point))
    except Exception:  # undefined there, or not a number at all
        return math.nan
    real = cmath.isfinite(value) and abs(value.imag) <= 1e-12 * max(1.0, abs(value.real))
    return value.real if real else math.nan


def _call(function: Callable, args: tuple[float, ...]) -> float:
    """The learner's function at ``args`` as a float (NaN where it divides by zero or overflows)."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            result = function(*args)
    except (ZeroDivisionError, OverflowError, ValueError, FloatingPointError):
        return math.nan
    except Exception as error:
        where = ", ".join(f"{a:.4g}" for a in args)
        raise _BadAnswer(f"Your function raised {type(error).__name__} at ({where}): {error}") from None
    if isinstance(result, np.ndarray) and result.size == 1:
        result = result.reshape(()).item()
    try:
        return float(result) if not isinstance(result, (bool, str, complex)) else float("")
    except (TypeError, ValueError):
        raise _BadAnswer(f"Your function must return one real number; it returned {_describe(result)}.") from None


def _number(answer: Any, *, allow_inf: bool = False, expected: str = "a number") -> float:
    """A learner's number (int, float, SymPy number, exact string such as "1/2") as a float."""
    if isinstance(answer, np.ndarray) and answer.size == 1 and answer.ndim <= 1:
        answer = answer.reshape(()).item()
    with contextlib.suppress(TypeError, ValueError):  # a NumPy or PyTorch scalar, a Fraction
        numeric = hasattr(answer, "__float__") and not isinstance(answer, (sp.Basic, bool, complex))
        answer = float(answer) if numeric else answer
    value = _as_sympy(answer, expected)
    if allow_inf and value in (sp.oo, -sp.oo):
        return math.inf if value == sp.oo else -math.inf
    if value.free_symbols:
        names = ", ".join(sorted(s.name for s in value.free_symbols))
        raise _BadAnswer(f"This exercise expects {expected}; your answer contains {names}.")
    number = _value_at(value, {})
    if math.isnan(number):
        raise _BadAnswer(f"This exercise expects {expected}; your answer {answer!r} is not a real number.")
    return number


def _close(a: float, b: float, rel_tol: float, abs_tol: float) -> bool:
    return a == b if math.isinf(a) or math.isinf(b) else math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)


def _contains_ellipsis(answer: Any) -> bool:
    return answer is Ellipsis or isinstance(answer, (list, tuple)) and any(map(_contains_ellipsis, answer))


def _exact_text(value: Any) -> Any:
    """How a number or expression is written in keys.json: a JSON number or a SymPy string."""
    if isinstance(value, (float, sp.Integer, sp.Float)) and math.isfinite(value):
        return int(value) if isinstance(value, sp.Integer) else float(value)
    text = str(value)
    return text if sp.sympify(text) == value else sp.srepr(value)


def _read_exact(data: Any) -> Any:
    if isinstance(data, bool) or not isinstance(data, (int, float, str)):
        raise ValueError(f"keys file: {data!r} is not a number or a SymPy string")
    return sp.Integer(data) if isinstance(data, int) else data if isinstance(data, float) else _plain(sp.sympify(data))


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(_show(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return {"+inf": "+∞", "-inf": "-∞", "dne": "does not exist"}.get(str(value), str(value))


# ----------------------------------------------------------------------------------------------
# Keys


@dataclass(frozen=True)
class Key:
    """The answer key of one exercise (build it with :func:`key`, not directly)."""

    exercise: str
    kind: str
    value: Any = None
    hint: str = ""
    wrong: tuple[Wrong, ...] = ()
    domain: tuple[float, float] = _DEFAULT_DOMAIN
    rel_tol: float = 1e-6
    abs_tol: float = 1e-9
    variables: tuple[str, ...] = ()
    reason: str = ""

    # -- what the learner is told ----------------------------------------------------------
    @property
    def expected(self) -> str:
        """The kind of answer this key expects, in words a learner understands."""
        names = " and ".join(self.variables) or "x"
        function = f"a function of {names} (a Python function, a SymPy expression or a string)"
        return {"number": 'a number (such as 0.25, or a string such as "1/4")',
                "expression": f"an expression in {names} (a SymPy expression or a string)",
                "function": function, "function with derivative": function,
                "sequence": "a tuple or list of values (or a NumPy array)",
                "limit": 'a number, "+inf", "-inf" or "does not exist"'}.get(self.kind, "no answer")

    def assess(self, answer: Any, *, reveal: bool = False) -> CheckResult:
        """Check ``answer`` against this key (``_BadAnswer`` for input that cannot be checked)."""
        if self.kind == "none":
            why = f" is {self.reason}" if self.reason else " has no single answer"
            return CheckResult(self.exercise, "no key", (
                f"ℹ Exercise {self.exercise}{why}, so there is nothing to check automatically: "
                "compare your work with the solution."))
        if answer is _MISSING:
            raise _BadAnswer(f"Pass your answer as the second argument: check({self.exercise!r}, answer).")
        if _contains_ellipsis(answer):
            raise _BadAnswer("Replace ... with your answer, then run the cell again.")
        hint = self._verdict(answer)
        shown = f" The answer is {_show(self.value)}." if reveal else ""
        if hint is None:
            return CheckResult(self.exercise, "correct", "✓ Correct." + shown)
        for item in self.wrong:
            if item.hint and replace(self, value=item.value)._verdict(answer) is None:
                hint = item.hint
                break
        else:
            hint = " ".join(part for part in (hint, self.hint) if part)
        return CheckResult(self.exercise, "wrong", f"✗ Not yet: {hint or 'check your working.'}{shown}")

    def _verdict(self, answer: Any) -> str | None:
        """``None`` when ``answer`` is right, else a diagnosis ("" when there is none to give)."""
        if self.kind == "number":
            return _number_verdict(_number(answer, expected=self.expected), float(self.value), self)
        if self.kind == "limit":
            return _limit_verdict(_limit_answer(answer, self.expected), self)
        if self.kind == "sequence":
            return _sequence_verdict(answer, self)
        return _symbolic_verdict(answer, self)

    # -- keys.json -------------------------------------------------------------------------
    def to_json(self) -> dict:
        """The key as plain JSON data (see :func:`dump_keys`)."""
        if self.kind == "none":
            return {"kind": "none", "reason": self.reason}
        data: dict = {"kind": self.kind, "value": _encode(self.kind, self.value), "hint": self.hint,
                      "wrong": [{"value": _encode(self.kind, w.value), "hint": w.hint} for w in self.wrong],
                      "rel_tol": self.rel_tol, "abs_tol": self.abs_tol}
        if self.kind in _SYMBOLIC or self.kind == "sequence":
            data.update(domain=list(self.domain), variables=list(self.variables))
        return data

    @classmethod
    def from_json(cls, exercise: str, data: Mapping) -> "Key":
        """The key that :meth:`to_json` wrote."""
        kind = data["kind"]
        if kind not in KINDS:
            raise ValueError(f"key {exercise!r}: unknown kind {kind!r}; expected one of {KINDS}")
        if kind == "none":
            return cls(exercise, "none", reason=data.get("reason", ""))
        return cls(
            exercise, kind, _decode(kind, data["value"]), hint=data.get("hint", ""),
            wrong=tuple(Wrong(_decode(kind, w["value"]), w.get("hint", "")) for w in data.get("wrong", ())),
            domain=tuple(float(d) for d in data.get("domain", _DEFAULT_DOMAIN)),
            rel_tol=float(data["rel_tol"]), abs_tol=float(data["abs_tol"]),
            variables=tuple(data.get("variables", ())),
        )


def _encode(kind: str, value: Any) -> Any:
    if kind == "sequence" and isinstance(value, tuple):
        return [_encode(kind, v) for v in value]
    return value if kind == "limit" and isinstance(value, str) else _exact_text(value)


def _decode(kind: str, data: Any) -> Any:
    if kind == "sequence" and isinstance(data, list):
        return tuple(_decode(kind, d) for d in data)
    return data if kind == "limit" and data in _VERDICTS else _read_exact(data)


# ----------------------------------------------------------------------------------------------
# Verdicts, one per kind


def _number_verdict(got: float, want: float, k: Key) -> str | None:
    if _close(got, want, k.rel_tol, k.abs_tol):
        return None
    if not (math.isfinite(got) and math.isfinite(want)):
        if got == -want:
            return "Check the sign."
        return "Your answer is not a finite number." if math.isfinite(want) else ""
    if want != 0 and _close(got, -want, k.rel_tol, k.abs_tol):
        return "Check the sign."
    if any(_close(got, want + d, k.rel_tol, k.abs_tol) for d in (-1, 1)):
        return "You are off by one."
    if want != 0 and got != 0:
        ratio = got / want if abs(got) >= abs(want) else want / got
        if abs(ratio - round(ratio)) < 1e-9 and abs(ratio) > 1:
            return "Your answer is off by a factor: check for a missing or extra factor."
    return ""


def _limit_answer(answer: Any, expected: str) -> Any:
    """A learner's limit as a float or one of the verdicts ``"+inf"``, ``"-inf"``, ``"dne"``."""
    if hasattr(answer, "exists") and hasattr(answer, "value"):  # an mlcalc LimitResult
        answer = answer.value
    if isinstance(answer, str):
        words = " ".join(answer.strip().lower().replace("’", "'").rstrip(".!").split())
        words = words.replace("+ ", "+").replace("- ", "-").replace("∞", "inf")
        if words in _WORDS:
            return _WORDS[words]
        answer = _parse(answer)
    if isinstance(answer, float) and math.isnan(answer):
        return "dne"
    if isinstance(answer, sp.Basic) and (answer in (sp.zoo, sp.nan) or isinstance(answer, sp.AccumBounds)):
        return "dne"
    number = _number(answer, allow_inf=True, expected=expected)
    return number if math.isfinite(number) else ("+inf" if number > 0 else "-inf")


def _limit_verdict(got: Any, k: Key) -> str | None:
    want = k.value
    if not (isinstance(want, str) or isinstance(got, str)):
        return _number_verdict(got, float(want), k)
    if got == want:
        return None
    if {got, want} == {"+inf", "-inf"}:
        return "Check the sign."
    return ("Compare the limits from the left and from the right." if want == "dne" else
            "This limit exists: look again at the values near the point." if got == "dne" else
            "Look again at how large the values get near the point.")


def _as_list(value: Any) -> Any:
    """Arrays, SymPy matrices (a row or column: a flat list) and tuples as lists; others unchanged."""
    if isinstance(value, sp.Tuple) or isinstance(value, sp.MatrixBase) and 1 in value.shape:
        return list(value)
    return value.tolist() if isinstance(value, (np.ndarray, sp.MatrixBase)) else value


def _leaf_verdict(answer: Any, want: Any, k: Key, where: str) -> str | None:
    if isinstance(want, sp.Basic) and want.free_symbols:
        names = tuple(sorted(s.name for s in want.free_symbols))
        return _symbolic_verdict(answer, Key(k.exercise, "expression", want, domain=k.domain,
                                             rel_tol=k.rel_tol, abs_tol=k.abs_tol, variables=names))
    target = {sp.oo: math.inf, -sp.oo: -math.inf}.get(want, want) if isinstance(want, sp.Basic) else want
    got = _number(answer, allow_inf=True, expected=f"a number in {where}")
    return _number_verdict(got, float(target), k)


def _sequence_problems(answer: Any, want: Any, k: Key, path: tuple[int, ...]) -> list[str]:
    """The places (``answer[1]``) and the sentences that say what is wrong in a sequence."""
    where = "answer" + "".join(f"[{i}]" for i in path)
    if not isinstance(want, tuple):
        return [] if _leaf_verdict(answer, want, k, where) is None else [where]
    answer = _as_list(_parse(answer) if isinstance(answer, str) else answer)
    if not isinstance(answer, (list, tuple)):
        if path:
            return [f"{where} should hold {len(want)} values; you gave {_describe(answer)}."]
        raise _BadAnswer(f"This exercise expects {k.expected}; you gave {_describe(answer)}.")
    if len(answer) != len(want):
        return [f"{where} should have {len(want)} entries; yours has {len(answer)}."]
    return [p for i, (a, w) in enumerate(zip(answer, want)) for p in _sequence_problems(a, w, k, path + (i,))]


def _sequence_verdict(answer: Any, k: Key) -> str | None:
    problems = _sequence_problems(answer, k.value, k, ())
    places = [p for p in problems if " " not in p]
    sentences = [p for p in problems if " " in p]
    return " ".join(([f"Check {', '.join(places)}."] if places else []) + sentences) if problems else None


def _points(k: Key) -> list[dict]:
    (low, high), n = k.domain, len(_FRACTIONS)
    symbols = [sp.Symbol(name) for name in k.variables] or [sp.Dummy()]  # no variables: one unnamed
    return [{s: sp.Float(low + (high - low) * _FRACTIONS[(i + 3 * j) % n], 20) for j, s in enumerate(symbols)}
            for i in range(n)]


def _symbolic_verdict(answer: Any, k: Key) -> str | None:
    points = _points(k)
    want = np.array([_value_at(k.value, p) for p in points])
    if callable(answer) and (not isinstance(answer, sp.Basic) or isinstance(answer, sp.Lambda)):
        args = [tuple(float(value) for value in p.values()) for p in points]
        verdict = _compare(np.array([_call(answer, a) for a in args]), want, k)
        if k.kind != "function with derivative" or verdict is not None:
            return verdict
        slope = sp.diff(k.value, sp.Symbol(k.variables[0]))  # compared with a central difference
        steps = [1e-6 * (1 + abs(a[0])) for a in args]
        got = [(_call(answer, (a[0] + h,)) - _call(answer, (a[0] - h,))) / (2 * h) for a, h in zip(args, steps)]
        # A central difference of f loses about 1e-10 * |f| to round-off: allow 1e-8 * |f|.
        size = float(np.max(np.abs(want[np.isfinite(want)]), initial=0.0))
        loose = replace(k, rel_tol=max(k.rel_tol, 1e-5), abs_tol=max(k.abs_tol, 1e-7, 1e-8 * size))
        if _compare(np.array(got), np.array([_value_at(slope, p) for p in points]), loose) is None:
            return None
        return "Your function has the right values but its derivative is not right."
    expr = _as_sympy(answer, k.expected)
    extra = sorted(s.name for s in expr.free_symbols if s.name not in k.variables)
    if extra:
        raise _BadAnswer(f"This exercise expects {k.expected}; your answer also uses {', '.join(extra)}.")
    try:
        if sp.simplify(expr - k.value) == 0:
            return None
    except Exception:  # simplify can fail on odd input; the numbers below decide then
        pass
    got = np.array([_value_at(expr, p) for p in points])
    return _compare(got, want, k)


def _compare(got: np.ndarray, want: np.ndarray, k: Key) -> str | None:
    """Compare values at the sample points where the key is defined; diagnose the difference."""
    defined = np.isfinite(want)
    if defined.sum() < _MIN_POINTS:  # only for a wrong answer's value: keys are checked in key()
        return ""
    got, want = got[defined], want[defined]
    if not np.all(np.isfinite(got)):
        return "Your answer is undefined at some points where it should not be."

    def same(a: np.ndarray, b: np.ndarray) -> bool:
        return all(_close(float(u), float(v), k.rel_tol, k.abs_tol) for u, v in zip(a, b))

    if same(got, want):
        return None
    if np.any(np.abs(want) > k.abs_tol) and same(got, -want):
        return "Check the sign."
    nonzero = np.abs(want) > 1e-6
    if nonzero.sum() >= 2 and np.all(np.abs(got[nonzero]) > 1e-6):
        with np.errstate(all="ignore"):
            ratio = got[nonzero] / want[nonzero]
        if np.allclose(ratio, ratio[0], rtol=1e-6, atol=0):
            return "Your answer is off by a constant factor: check for a missing or extra factor."
    if np.allclose(got - want, (got - want)[0], rtol=0, atol=1e-8 * max(1.0, float(np.max(np.abs(want))))):
        return "Your answer is off by a constant term."
    return ""


# ----------------------------------------------------------------------------------------------
# Registering keys (solution cells) and checking answers (learners)

_SESSION: dict[str, Key] = {}
_SHIPPED: dict[str, Key] | None = None


def _check_id(exercise_id: Any) -> str:
    if isinstance(exercise_id, str) and re.fullmatch(r"[\w.\-]+", exercise_id):
        return exercise_id
    raise ValueError(f"exercise_id must be a non-empty string without spaces, such as '2.3.4'; got {exercise_id!r}")


def _key_value(kind: str, value: Any) -> Any:
    """Turn an author's value into the normalised value of a key of ``kind``."""
    if kind == "sequence":
        value = _as_list(value)
        if isinstance(value, (list, tuple)):
            if not value:
                raise ValueError("value must not be an empty sequence")
            return tuple(_key_value("sequence", v) for v in value)
        if isinstance(value, float) and math.isinf(value):
            return sp.oo if value > 0 else -sp.oo
        if isinstance(value, (str, sp.Basic)):
            expr = _plain(sp.sympify(value))
            if expr.free_symbols or expr in (sp.oo, -sp.oo):
                return expr
        return _key_value("number", value)
    if kind == "limit" and not isinstance(value, (numbers.Rational, np.integer)):
        value = value.value if hasattr(value, "exists") and hasattr(value, "value") else value  # mc.limit
        try:
            verdict = _limit_answer(value, "a limit")
        except _BadAnswer as error:
            raise ValueError(f"value of a limit key: {error}") from None
        if isinstance(verdict, str):
            return verdict
    if kind in _SYMBOLIC:
        if callable(value) and not isinstance(value, sp.Basic):
            raise TypeError("value of a function key must be a SymPy expression (or a string), not a "
                            "Python function: a key is stored as text, and a function cannot be")
        try:
            return _plain(sp.sympify(value))
        except (sp.SympifyError, TypeError):
            raise TypeError(f"value must be a SymPy expression or a string; got {value!r}") from None
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.integer, np.floating, str, sp.Basic)):
        raise TypeError(f"value of a {kind} key must be a real number; got {value!r} "
                        f"(type {type(value).__name__})")
    if isinstance(value, (float, np.floating)):
        number: Any = float(value)
    else:  # exact: an int, a Fraction, a SymPy number or a string such as "1/4"
        number = _plain(sp.nsimplify(value) if isinstance(value, numbers.Rational) else sp.sympify(value))
        if number.free_symbols or not number.is_real:
            raise ValueError(f"value of a {kind} key must be a real number; got {value!r}")
    if not math.isfinite(float(number)):
        raise ValueError(f"value of a {kind} key must be finite (use kind='limit' for +/-inf); got {value!r}")
    return number


def _infer_kind(value: Any) -> str:
    if callable(value) and not isinstance(value, sp.Basic):
        return "function"  # refused with a clear message by _key_value
    if isinstance(value, (list, tuple, np.ndarray, sp.MatrixBase, sp.Tuple)):
        return "sequence"
    if (hasattr(value, "exists") or isinstance(value, str) and value.strip().lower() in _WORDS
            or isinstance(value, float) and math.isinf(value) or value in (sp.oo, -sp.oo, sp.zoo)):
        return "limit"
    if isinstance(value, (str, sp.Basic)):
        try:
            return "expression" if sp.sympify(value).free_symbols else "number"
        except (sp.SympifyError, TypeError, SyntaxError):
            raise ValueError(f"value {value!r} is not a SymPy expression") from None
    return "number"


def key(exercise_id: str, value: Any, *, kind: str | None = None, hint: str = "",
        wrong: list | tuple = (), domain: tuple[float, float] | None = None,
        rel_tol: float | None = None, abs_tol: float | None = None,
        variables: tuple[str, ...] | None = None) -> None:
    """Register the answer key of an exercise from its solution cell.

    Parameters
    ----------
    exercise_id : str
        The exercise's number, such as ``"2.3.4"`` (chapter 2.3, exercise 4).
    value : number, str, SymPy expression, tuple/list/array or verdict
        The solution's answer.  A function key is a SymPy expression (or a string) in its
        variables, never a Python function, so that it can be stored as text.
    kind : str, optional
        One of :data:`KINDS` (except ``"none"``); inferred from ``value`` when omitted (a
        real number, an expression with symbols, a sequence, or a limit verdict).
    hint : str
        What a learner with a wrong answer reads (never the answer itself).
    wrong : list
        Plausible wrong answers (values, or ``Wrong(value, hint)`` with their own hint).
    domain : (float, float), optional
        Where expressions and functions are compared numerically; default ``(-2, 2)``.
    rel_tol, abs_tol : float, optional
        Tolerances of numerical comparisons; default ``1e-6`` and ``1e-9``.
    variables : tuple of str, optional
        The variables of an expression or function key; default: the symbols of ``value``.

    Raises
    ------
    ValueError
        If the key rejects ``value`` or accepts one of the ``wrong`` answers (after a round
        trip through keys.json), so a solution checks itself.

    Examples
    --------
    >>> key("0.0.2", 0.5, wrong=[-0.5, 1.5], hint="Rationalise the numerator.")
    >>> check("0.0.2", "1/2")
    ✓ Correct.
    """
    exercise = _check_id(exercise_id)
    kind = _infer_kind(value) if kind is None else kind
    if kind not in KINDS or kind == "none":
        raise ValueError(f"kind must be one of {', '.join(repr(k) for k in KINDS[:-1])}; got {kind!r} "
                         "(use no_key() for a proof or an essay)")
    if not isinstance(hint, str):
        raise TypeError(f"hint must be a string; got {hint!r}")
    if isinstance(wrong, (str, Wrong)) or not isinstance(wrong, (list, tuple)):
        raise TypeError(f"wrong must be a list of wrong answers (values or Wrong(value, hint)); got {wrong!r}")
    normal = _key_value(kind, value)
    if variables is None:
        names = sorted(s.name for s in normal.free_symbols) if kind in _SYMBOLIC else []
        variables = names or (["x"] if kind in _SYMBOLIC[1:] else [])
    variables = tuple(variables)
    if kind == "function with derivative" and len(variables) != 1:
        raise ValueError(f"a 'function with derivative' key needs one variable; got {variables}")
    domain = _DEFAULT_DOMAIN if domain is None else domain
    if not (isinstance(domain, (list, tuple)) and len(domain) == 2 and all(
            isinstance(d, numbers.Real) and math.isfinite(d) for d in domain) and domain[0] < domain[1]):
        raise ValueError(f"domain must be (a, b) with finite a < b; got {domain!r}")
    tolerances = {"rel_tol": 1e-6 if rel_tol is None else rel_tol, "abs_tol": 1e-9 if abs_tol is None else abs_tol}
    for name, given in tolerances.items():
        if isinstance(given, bool) or not isinstance(given, numbers.Real) or not 0 <= given < 1:
            raise ValueError(f"{name} must be a number in [0, 1); got {given!r}")
    items = tuple(Wrong(_key_value(kind, w.value), w.hint) for w in (
        w if isinstance(w, Wrong) else Wrong(w) for w in wrong))
    built = Key(exercise, kind, normal, hint, items, (float(domain[0]), float(domain[1])),
                variables=variables, rel_tol=float(tolerances["rel_tol"]), abs_tol=float(tolerances["abs_tol"]))
    if kind in _SYMBOLIC and sum(math.isfinite(_value_at(normal, p)) for p in _points(built)) < _MIN_POINTS:
        raise ValueError(f"value {value!r} is real at fewer than {_MIN_POINTS} sample points of the "
                         f"domain {built.domain}; pass domain=(a, b) where it is defined")
    stored = Key.from_json(built.exercise, built.to_json())
    try:
        verdict = stored.assess(value)
        rejected = [stored.assess(w.value) for w in stored.wrong]
    except _BadAnswer as error:
        raise ValueError(f"key {built.exercise!r} cannot check its own value: {error}") from None
    if not verdict:
        raise ValueError(f"key {built.exercise!r} rejects its own value {value!r}: {verdict}")
    accepted = [w.value for w, r in zip(stored.wrong, rejected) if r]
    if accepted:
        raise ValueError(f"key {built.exercise!r} accepts the wrong answer(s) {accepted}")
    _register(stored)


def no_key(exercise_id: str, *, reason: str) -> None:
    """Record that an exercise has no checkable answer (``reason``: "a proof", "an essay", ...).

    Examples
    --------
    >>> no_key("0.0.3", reason="a proof")
    >>> check("0.0.3", "anything")
    ℹ Exercise 0.0.3 is a proof, so there is nothing to check automatically: compare your work with the solution.
    """
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError(f"reason must be a non-empty string such as 'a proof'; got {reason!r}")
    _register(Key(_check_id(exercise_id), "none", reason=reason.strip()))


def _register(entry: Key) -> None:
    _SESSION[entry.exercise] = entry
    out = os.environ.get(KEYS_OUT_VARIABLE)
    if out:
        path = Path(out)
        keys = load_keys(path) if path.exists() else {}
        keys[entry.exercise] = entry
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_keys(keys), encoding="utf-8")


def _id_order(exercise: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-]", exercise))


def dump_keys(keys: Mapping[str, Key]) -> str:
    """The text of a keys file: ids in natural order (1.2.10 after 1.2.9), fields sorted."""
    entries = {exercise: keys[exercise].to_json() for exercise in sorted(keys, key=_id_order)}
    return json.dumps({"format": FORMAT, "keys": entries}, indent=1, sort_keys=False,
                      ensure_ascii=False) + "\n"


def load_keys(path: Any = None) -> dict[str, Key]:
    """The keys of a keys file (a path; default: the ``keys.json`` shipped with mlcalc)."""
    if path is None:
        text = resources.files("mlcalc").joinpath("keys.json").read_text(encoding="utf-8")
        where = "mlcalc/keys.json"
    else:
        text, where = Path(path).read_text(encoding="utf-8"), str(path)
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("keys"), dict):
        raise ValueError(f"{where} is not a keys file of format {FORMAT}")
    return {exercise: Key.from_json(exercise, entry) for exercise, entry in data["keys"].items()}


def _known() -> dict[str, Key]:
    global _SHIPPED
    if _SHIPPED is None:
        _SHIPPED = load_keys()
    return {**_SHIPPED, **_SESSION}


def _find(exercise_id: Any) -> Key:
    if not isinstance(exercise_id, str):
        raise _BadAnswer(f"The exercise id is a string such as '2.3.4' (with quotes); you gave {exercise_id!r}.")
    exercise = re.sub(r"^(exercise|ex)\.?\s*", "", exercise_id.strip(), flags=re.IGNORECASE)
    known = _known()
    if exercise in known:
        return known[exercise]
    close = difflib.get_close_matches(exercise, sorted(known, key=_id_order), n=3, cutoff=0.6)
    if close:
        raise _BadAnswer(f"There is no exercise {exercise!r} with an answer key. Did you mean "
                         f"{' or '.join(repr(c) for c in close)}?")
    if not known:
        raise _BadAnswer(f"There is no answer key for exercise {exercise!r}: this version of mlcalc has no keys.")
    raise _BadAnswer(f"There is no exercise {exercise!r} with an answer key; ids look like "
                     f"{sorted(known, key=_id_order)[0]!r} (chapter, then exercise number).")


def check(exercise_id: str, answer: Any = _MISSING, *, reveal: bool = False) -> CheckResult:
    """Say whether ``answer`` is right for exercise ``exercise_id``, with a hint when it is not.

    The answer is never shown unless ``reveal=True``.  Nothing raises: an unknown id, ``...``,
    an answer of the wrong kind or a string that does not parse give a result whose message
    says what to do (status ``"invalid"``).  The result is truthy exactly when the answer is right.

    Examples
    --------
    >>> key("7.7.7", "-inf")
    >>> check("7.7.7", "-infinity")
    ✓ Correct.
    >>> check("7.7.7", float("inf"))
    ✗ Not yet: Check the sign.
    >>> check("7.7.7", "-infinity", reveal=True)
    ✓ Correct. The answer is -∞.
    >>> check("7.7.70", 1.0)  # doctest: +ELLIPSIS
    ⚠ There is no exercise '7.7.70' with an answer key. Did you mean '7.7.7'...
    """
    shown = exercise_id if isinstance(exercise_id, str) else repr(exercise_id)
    try:
        entry = _find(exercise_id)
        return entry.assess(answer, reveal=bool(reveal))
    except _BadAnswer as error:
        return CheckResult(shown, "invalid", f"⚠ {error}")
    except Exception as error:  # no raw traceback reaches a learner
        return CheckResult(shown, "invalid",
                           f"⚠ mlcalc could not check this answer ({type(error).__name__}: {error}).")
