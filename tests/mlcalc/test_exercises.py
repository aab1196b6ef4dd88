"""Tests of mlcalc.exercises: learners' answers checked against keys, bad input, keys files.

Keys here are a small set made in the tests (never the book's); the last tests run over the
keys.json that ships with the package.
"""

from __future__ import annotations

import html
import importlib.util
import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import mlcalc
from mlcalc import exercises as ex
from mlcalc.exercises import CheckResult, Key, Wrong, check, key, no_key
from strategies import PROPERTY_SETTINGS, X, nonconstant_expressions, smooth_expressions, to_callable

ROOT = Path(__file__).resolve().parents[2]
x, y = sp.symbols("x y")
QUICK = settings(PROPERTY_SETTINGS, max_examples=20)


@pytest.fixture(autouse=True)
def _no_book_keys(monkeypatch):
    """Each test starts with no keys (neither shipped nor registered) and records nothing."""
    monkeypatch.setattr(ex, "_SESSION", {})
    monkeypatch.setattr(ex, "_SHIPPED", {})
    monkeypatch.delenv(ex.KEYS_OUT_VARIABLE, raising=False)


def assert_correct(exercise: str, answer) -> None:
    result = check(exercise, answer)
    assert result and result.status == "correct", (answer, result)


def assert_wrong(exercise: str, answer, *words: str) -> CheckResult:
    """The answer is judged wrong (not invalid), and the hint contains each of ``words``."""
    result = check(exercise, answer)
    assert not result and result.status == "wrong", (answer, result)
    assert str(result).startswith("✗ Not yet: ")
    for word in words:
        assert word.lower() in str(result).lower(), (answer, result, word)
    return result


def assert_invalid(exercise, answer, *words: str) -> CheckResult:
    result = check(exercise, answer)
    assert not result and result.status == "invalid", (answer, result)
    assert str(result).startswith("⚠ ")
    for word in words:
        assert word.lower() in str(result).lower(), (answer, result, word)
    return result


# ----------------------------------------------------------------------------------------------
# Numbers


def test_number_accepts_equivalent_forms():
    key("n.1", sp.Rational(1, 2))
    for answer in (0.5, "1/2", "0.5", sp.Rational(1, 2), Fraction(1, 2), np.float64(0.5),
                   np.array(0.5), np.array([0.5]), "2/4", sp.sin(sp.pi / 6), "sqrt(1/4)"):
        assert_correct("n.1", answer)


def test_number_rejects_sign_off_by_one_and_missing_factor():
    key("n.1", 3.5, hint="Subtract the two values.")
    assert_wrong("n.1", -3.5, "sign", "subtract the two values")
    assert_wrong("n.1", 4.5, "off by one")
    assert_wrong("n.1", 2.5, "off by one")
    assert_wrong("n.1", 7.0, "factor")
    assert_wrong("n.1", 1.75, "factor")
    assert_wrong("n.1", 3.2, "subtract the two values")


def test_a_recorded_wrong_answer_gets_its_own_hint():
    key("n.1", 12, wrong=[Wrong(4, "That is f(2), not the limit."), 11])
    result = assert_wrong("n.1", "4", "that is f(2)")
    assert "factor" not in str(result)


def test_default_tolerance_is_relative_1e_6_and_absolute_1e_9():
    key("n.1", 2.0)
    assert_correct("n.1", 2.0 + 1.9e-6)
    assert_wrong("n.1", 2.0 + 2.1e-6)
    key("n.2", 0)
    assert_correct("n.2", 5e-10)
    assert_wrong("n.2", 5e-9)


def test_tolerances_are_per_key():
    key("n.1", 100.0, rel_tol=1e-2)
    assert_correct("n.1", 100.9)
    assert_wrong("n.1", 101.5)
    key("n.2", 0.0, abs_tol=1e-3)
    assert_correct("n.2", -9e-4)
    assert_wrong("n.2", 2e-3)


@QUICK
@given(
    value=st.floats(min_value=1e-3, max_value=1e6) | st.floats(min_value=-1e6, max_value=-1e-3),
    inside=st.floats(min_value=-0.9e-6, max_value=0.9e-6),
    outside=st.floats(min_value=1.1e-6, max_value=0.3) | st.floats(min_value=-0.3, max_value=-1.1e-6),
)
def test_relative_tolerance_property(value, inside, outside):
    ex._SESSION.clear()
    key("n.1", value)
    assert check("n.1", value * (1 + inside))
    assert not check("n.1", value * (1 + outside))


# ----------------------------------------------------------------------------------------------
# Expressions and functions


def test_expression_accepts_equivalent_forms_and_any_symbol_assumptions():
    key("e.1", 2 * x * sp.cos(x**2), hint="Use the chain rule.")
    t = sp.Symbol("x", real=True)
    for answer in ("cos(x**2)*2*x", "2x cos(x^2)", 2 * t * sp.cos(t**2), sp.cos(x**2) * x * 2,
                   "x*cos(x**2) + x*cos(x**2)", lambda u: 2 * u * math.cos(u * u),
                   sp.diff(sp.sin(x**2), x)):
        assert_correct("e.1", answer)


def test_expression_rejects_sign_missing_factor_and_constant_with_a_hint():
    key("e.1", 2 * x * sp.cos(x**2), hint="Use the chain rule.",
        wrong=[Wrong(sp.cos(x**2), "Multiply by the derivative of the inside, x**2.")])
    assert_wrong("e.1", "-2*x*cos(x**2)", "sign", "chain rule")
    assert_wrong("e.1", "x*cos(x**2)", "constant factor")
    assert_wrong("e.1", "2*x*cos(x**2) + 1", "constant term")
    assert_wrong("e.1", "2*x*sin(x**2)", "chain rule")
    assert_wrong("e.1", "cos(x**2)", "derivative of the inside")


def test_expression_in_two_variables():
    key("e.2", x**2 * y + sp.exp(y), wrong=[x**2 * y])
    assert_correct("e.2", "exp(y) + y*x^2")
    assert_correct("e.2", lambda a, b: a * a * b + math.exp(b))
    assert_wrong("e.2", "x**2*y")
    assert_invalid("e.2", "x*z", "expects an expression in x and y", "also uses z")


def test_expression_numerical_fallback_where_simplify_cannot_prove_it():
    # With x complex, SymPy cannot simplify sqrt(x**2) - Abs(x) to 0; on real points they agree.
    key("e.3", sp.Abs(x))
    assert sp.simplify(sp.sqrt(x**2) - sp.Abs(x)) != 0
    assert_correct("e.3", "sqrt(x**2)")
    assert_wrong("e.3", "x")


@QUICK
@given(expr=nonconstant_expressions())
def test_expression_property_equivalent_forms_in_wrong_forms_out(expr):
    ex._SESSION.clear()
    key("e.1", expr)
    stored = ex._SESSION["e.1"]
    assert Key.from_json("e.1", json.loads(json.dumps(stored.to_json()))) == stored
    assert check("e.1", sp.expand(expr))
    assert check("e.1", str(expr))
    assert check("e.1", to_callable(expr))
    assert not check("e.1", expr + 1)
    values = [float(expr.subs(X, t)) for t in (-1.3, -0.4, 0.7, 1.6)]
    if max(abs(v) for v in values) > 1e-3:
        assert not check("e.1", -expr)
        assert not check("e.1", 2 * expr)


def test_function_accepts_lambda_numpy_sympy_and_string():
    key("f.1", sp.exp(-x**2) * sp.sin(x), kind="function", wrong=["exp(-x**2)"])
    for answer in (lambda t: math.exp(-t * t) * math.sin(t), lambda t: np.exp(-t**2) * np.sin(t),
                   sp.sin(x) * sp.exp(-x**2), "sin(x)/exp(x^2)", sp.Lambda(x, sp.sin(x) * sp.exp(-x**2))):
        assert_correct("f.1", answer)
    assert_wrong("f.1", lambda t: -math.exp(-t * t) * math.sin(t), "sign")
    assert_wrong("f.1", lambda t: math.exp(-t * t) * math.sin(t) + 1, "constant term")


def test_function_is_compared_only_where_the_key_is_defined():
    key("f.2", sp.log(x), kind="function", domain=(0.5, 4))
    assert_correct("f.2", math.log)
    assert_wrong("f.2", math.log10, "factor")
    key("f.3", sp.sqrt(x), kind="function")  # real on half of the default domain
    assert_correct("f.3", lambda t: math.sqrt(t))


def test_function_that_fails_gets_a_friendly_message():
    key("f.1", sp.cos(x), kind="function")
    assert_invalid("f.1", lambda t: cos(t), "raised NameError", "cos")  # noqa: F821
    assert_invalid("f.1", lambda t: [t, t], "must return one real number")
    assert_invalid("f.1", lambda t: "cos(t)", "must return one real number")
    assert_wrong("f.1", lambda t: 1 / (t - t), "undefined")


def test_function_with_derivative_compares_the_slope_too():
    key("f.4", sp.exp(x) * sp.sin(x), kind="function with derivative")
    points = [float(p[sp.Symbol("x")]) for p in ex._points(ex._SESSION["f.4"])]

    def bumpy(t):  # equal to the key at every sample point, with a different slope there
        return math.exp(t) * math.sin(t) + 1e-3 * math.prod(t - p for p in points)

    assert_correct("f.4", lambda t: math.exp(t) * math.sin(t))
    assert_correct("f.4", "exp(x)*sin(x)")
    assert_wrong("f.4", bumpy, "derivative")
    assert_wrong("f.4", lambda t: math.exp(t) * math.cos(t))
    key("f.5", sp.exp(x) * sp.sin(x), kind="function")
    assert_correct("f.5", bumpy)  # a plain function key looks at values only


# ----------------------------------------------------------------------------------------------
# Sequences and limits


def test_sequence_accepts_tuples_lists_arrays_matrices_and_strings():
    key("s.1", (sp.Rational(1, 2), -3), wrong=[(-3, 0.5), (0.5, 3)])
    for answer in ((0.5, -3), [0.5, -3.0], np.array([0.5, -3]), sp.Matrix([0.5, -3]), "(1/2, -3)",
                   sp.Tuple(sp.Rational(1, 2), -3)):
        assert_correct("s.1", answer)
    assert_wrong("s.1", (0.5, 3), "check answer[1]")
    assert_wrong("s.1", (-3, 0.5), "answer[0], answer[1]")


def test_sequence_checks_the_shape():
    key("s.2", [[1, 2], [3, 4]])
    assert_correct("s.2", np.array([[1, 2], [3, 4]]))
    assert_wrong("s.2", [1, 2, 3, 4], "should have 2 entries; yours has 4")
    assert_wrong("s.2", [[1, 2], [3]], "answer[1] should have 2 entries; yours has 1")
    assert_wrong("s.2", [[1, 2], 3], "answer[1] should hold 2 values")
    assert_invalid("s.2", 7, "expects a tuple or list")


def test_sequence_of_expressions_and_infinities():
    key("s.3", (2 * x, 3 * x**2))  # a gradient
    assert_correct("s.3", ("x*2", "3x^2"))
    assert_wrong("s.3", ("2*x", "3*x"), "answer[1]")
    key("s.4", (-math.inf, math.inf))  # one-sided limits
    assert_correct("s.4", (-sp.oo, "oo"))
    assert_wrong("s.4", (math.inf, math.inf), "answer[0]")


@pytest.mark.parametrize("answer", ["does not exist", "DNE", "Doesn't exist.", "no limit", sp.zoo,
                                    sp.nan, math.nan, sp.AccumBounds(-1, 1)])
def test_limit_that_does_not_exist_accepts_every_way_of_saying_so(answer):
    key("l.1", "dne", wrong=[4, -4, "+inf"])
    assert_correct("l.1", answer)


def test_limit_verdicts_and_values():
    key("l.1", "does not exist")
    assert_correct("l.1", mlcalc.limit("(x**2 - 4)/Abs(x - 2)", 2))
    assert_wrong("l.1", 4, "left and from the right")
    key("l.2", sp.oo)
    for answer in (math.inf, sp.oo, "infinity", "Infinity", "+inf", "oo", "∞", "+∞"):
        assert_correct("l.2", answer)
    assert_wrong("l.2", -math.inf, "sign")
    assert_wrong("l.2", "-infinity", "sign")
    key("l.3", mlcalc.limit("(x**3 - 8)/(x - 2)", 2), kind="limit")  # a solution's own result
    assert ex._SESSION["l.3"].value == 12
    assert_correct("l.3", mlcalc.limit("(x**3 - 8)/(x - 2)", 2))
    assert_correct("l.3", "12")
    assert_wrong("l.3", 11, "off by one")
    assert_wrong("l.3", "dne", "exists")
    assert_wrong("l.3", sp.oo, "how large")


# ----------------------------------------------------------------------------------------------
# Bad input, no key, what is shown


def test_unknown_id_names_the_closest_ids():
    for exercise in ("2.3.4", "2.3.5", "1.1.1"):
        key(exercise, 1.0)
    result = assert_invalid("2.3.9", 1.0, "no exercise '2.3.9'", "did you mean")
    assert "'2.3.4'" in str(result) and "'2.3.5'" in str(result) and "'1.1.1'" not in str(result)
    assert_invalid("9", 1.0, "ids look like '1.1.1'")
    assert_correct("Exercise 2.3.4", 1.0)


def test_no_keys_at_all_and_non_string_ids():
    assert_invalid("1.1.1", 1.0, "has no keys")
    key("2.3.4", 1.0)
    assert_invalid(2.3, 1.0, "a string such as", "with quotes")
    assert_invalid(None, 1.0, "a string such as")


@pytest.mark.parametrize("answer", [..., (1, ...), [..., ...]])
def test_unfilled_answer_says_replace_the_dots(answer):
    key("b.1", (1, 2))
    assert_invalid("b.1", answer, "replace ... with your answer")


def test_missing_answer_and_empty_string():
    key("b.1", 1.0)
    assert_invalid("b.1", ex._MISSING, "pass your answer as the second argument")
    assert str(check("b.1")) == str(check("b.1", ex._MISSING))
    assert_invalid("b.1", "  ", "empty string")


@pytest.mark.parametrize("kind, value, expected", [
    ("number", 0.5, "expects a number"),
    ("expression", "x**2", "expects an expression in x"),
    ("function", "x**2", "expects a function of x"),
    ("sequence", (1, 2), "expects a tuple or list"),
    ("limit", "dne", 'expects a number, "+inf", "-inf" or "does not exist"'),
])
def test_wrong_kind_of_answer_says_what_is_expected(kind, value, expected):
    key("b.2", value, kind=kind)
    for answer in ({"a": 1}, object(), True, None, sp.Eq(x, 1), b"0.5", 1 + 2j, sp.Matrix([[1, 2]])):
        if kind == "sequence" and isinstance(answer, sp.Matrix):
            continue  # a row of two numbers is a right answer there
        result = check("b.2", answer)
        assert not result
        if result.status == "invalid" and "replace" not in str(result):
            assert expected in str(result) or "mlcalc could not check" in str(result), (answer, result)
    assert_invalid("b.2", {"a": 1}, expected)


@pytest.mark.parametrize("text, position, words", [
    ("2*x +* 3", 6, "invalid syntax"),
    ("sqrt(x", 5, "never closed"),
    ("x^^2", 3, "invalid syntax"),
    ("2x + * 3", 6, "invalid syntax"),
    ("x = 3", 3, "invalid syntax"),
])
def test_string_that_does_not_parse_says_where(text, position, words):
    key("b.3", "x**2")
    result = assert_invalid("b.3", text, "could not read", f"position {position}", words)
    lines = str(result).splitlines()
    assert lines[-2].strip() == text and lines[-1].index("^") - lines[-2].index(text[0]) == position - 1
    assert_invalid("b.3", "x**2 +", "ends too early")


@QUICK
@given(answer=st.one_of(st.text(max_size=12), st.integers(), st.floats(), st.lists(st.floats(), max_size=3),
                        st.none(), st.booleans(), st.complex_numbers()))
def test_check_never_raises(answer):
    ex._SESSION.clear()
    key("b.4", (1, 2))
    key("b.5", "x**2", kind="function")
    key("b.6", "dne")
    for exercise in ("b.4", "b.5", "b.6", "b.7"):
        result = check(exercise, answer)
        assert isinstance(result, CheckResult) and result.status in ("correct", "wrong", "invalid")


def test_no_key_says_why_and_points_to_the_solution():
    no_key("p.1", reason="a proof")
    result = check("p.1", "QED")
    assert not result and result.status == "no key"
    assert "is a proof" in str(result) and "compare your work with the solution" in str(result)
    with pytest.raises(ValueError, match="reason must be a non-empty string"):
        no_key("p.2", reason=" ")


def test_answer_is_shown_only_when_asked():
    key("r.1", 0.123456, hint="Divide, then round.")
    key("r.2", sp.sin(x) ** 3)
    for exercise, wrong, shown in (("r.1", 0.2, "0.123456"), ("r.2", "x", "sin(x)**3")):
        assert shown not in str(check(exercise, wrong))
        assert f"The answer is {shown}." in str(check(exercise, wrong, reveal=True))
    key("r.3", "-inf")
    assert str(check("r.3", "dne", reveal=True)).endswith("The answer is -∞.")


def test_result_displays_in_notebooks_and_plain_python():
    key("d.1", 1.0)
    right, wrong, bad = check("d.1", 1), check("d.1", 2), check("d.1", "<1")
    assert bool(right) and right.status == "correct" and not wrong and not bad
    assert repr(right) == str(right) == "✓ Correct."
    assert right._repr_markdown_() == "**✓ Correct.**"
    assert 'role="status"' in wrong._repr_html_() and "✗ Not yet" in wrong._repr_html_()
    assert "&lt;1" in bad._repr_html_() and "<1" not in bad._repr_html_()
    assert bad._repr_markdown_().count("```") == 2  # the caret stays under its character


def test_keys_json_ships_with_the_package():
    import tomllib

    config = tomllib.loads((ROOT / "code" / "pyproject.toml").read_text(encoding="utf-8"))
    assert "keys.json" in config["tool"]["setuptools"]["package-data"]["mlcalc"]


def test_lazy_top_level_names():
    assert mlcalc.check is check and mlcalc.exercises is ex
    assert "check" in mlcalc.__all__ and "exercises" in mlcalc.__all__


# ----------------------------------------------------------------------------------------------
# Registering keys (the author's side)


def test_key_refuses_what_cannot_be_a_key():
    with pytest.raises(TypeError, match="SymPy expression .* not a Python function"):
        key("a.1", lambda t: t**2, kind="function")
    with pytest.raises(ValueError, match="accepts the wrong answer"):
        key("a.1", 0.5, wrong=["1/2"])
    with pytest.raises(ValueError, match="kind must be one of"):
        key("a.1", 0.5, kind="numbr")
    with pytest.raises(ValueError, match="domain must be"):
        key("a.1", "x", domain=(1, 0))
    with pytest.raises(ValueError, match="pass domain="):
        key("a.1", "sqrt(-1 - x**2)")
    with pytest.raises(ValueError, match="rel_tol must be"):
        key("a.1", 0.5, rel_tol=-1)
    with pytest.raises(TypeError, match="wrong must be a list"):
        key("a.1", 0.5, wrong=0.4)
    with pytest.raises(ValueError, match="exercise_id must be"):
        key("a b", 0.5)
    with pytest.raises(ValueError, match="must be finite"):
        key("a.1", math.inf, kind="number")
    assert ex._SESSION == {}


def test_kind_is_inferred_from_the_value():
    cases = {"number": 0.5, "expression": "x**2", "sequence": (1, 2), "limit": "dne"}
    for kind, value in cases.items():
        key(f"k.{kind}", value)
        assert ex._SESSION[f"k.{kind}"].kind == kind
    key("k.result", mlcalc.limit("1/x", 0))  # an mlcalc LimitResult
    assert ex._SESSION["k.result"].kind == "limit" and ex._SESSION["k.result"].value == "dne"
    key("k.inf", -math.inf)
    assert ex._SESSION["k.inf"].kind == "limit" and ex._SESSION["k.inf"].value == "-inf"


SAMPLES = [
    ("number", sp.Rational(1, 3), [0.3, "-1/3"]),
    ("number", 2.5, [3.5]),
    ("expression", sp.sqrt(x + 4) / (2 * x * y), ["sqrt(x + 4)/(x*y)"]),
    ("expression", 0.1 * x + sp.pi, ["x/10"]),
    ("function", sp.exp(-x) * sp.cos(x), [Wrong("exp(-x)", "Keep the cosine.")]),
    ("function with derivative", sp.log(1 + x**2), ["log(x**2)"]),
    ("sequence", (sp.Rational(1, 2), (2 * x, -math.inf)), [(0.5, (2 * x, math.inf))]),
    ("limit", "+inf", ["-inf", "dne", 0]),
    ("limit", sp.Rational(1, 4), ["dne", 0.3]),
]


@pytest.mark.parametrize("kind, value, wrong", SAMPLES)
def test_every_kind_survives_a_round_trip_through_a_keys_file(kind, value, wrong, tmp_path, monkeypatch):
    out = tmp_path / "chapter.json"
    monkeypatch.setenv(ex.KEYS_OUT_VARIABLE, str(out))
    key("t.1", value, kind=kind, wrong=wrong, hint="A hint.")
    registered = ex._SESSION["t.1"]
    loaded = ex.load_keys(out)["t.1"]
    assert loaded == registered and loaded.kind == kind
    assert Key.from_json("t.1", json.loads(json.dumps(loaded.to_json()))) == registered
    assert loaded.assess(value) and not any(loaded.assess(w.value) for w in loaded.wrong)
    assert out.read_text() == ex.dump_keys({"t.1": loaded})


def test_recording_only_when_the_variable_is_set(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    key("c.1", 1.0)
    assert list(tmp_path.iterdir()) == []
    out = tmp_path / "keys" / "ch.json"
    monkeypatch.setenv(ex.KEYS_OUT_VARIABLE, str(out))
    key("c.1", 1.0)
    no_key("c.2", reason="an essay")
    key("c.1", 2.0)  # a solution run again after an edit replaces its key
    keys = ex.load_keys(out)
    assert sorted(keys) == ["c.1", "c.2"] and float(keys["c.1"].value) == 2.0
    assert keys["c.2"].reason == "an essay"


def test_load_keys_refuses_a_file_of_another_format(tmp_path):
    path = tmp_path / "k.json"
    path.write_text('{"format": 99, "keys": {}}')
    with pytest.raises(ValueError) as caught:
        ex.load_keys(path)
    assert str(caught.value) == f"{path} is not a keys file of format 1"


# ----------------------------------------------------------------------------------------------
# scripts/collect_keys.py


@pytest.fixture
def collect_keys():
    spec = importlib.util.spec_from_file_location("collect_keys", ROOT / "scripts" / "collect_keys.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record(path: Path, monkeypatch, *entries) -> None:
    monkeypatch.setenv(ex.KEYS_OUT_VARIABLE, str(path))
    for exercise, value in entries:
        key(exercise, value) if value is not None else no_key(exercise, reason="a proof")


def test_collect_merges_in_natural_order_and_checks(collect_keys, tmp_path, monkeypatch, capsys):
    record(tmp_path / "b.json", monkeypatch, ("1.2.10", 3.0), ("1.2.9", "x**2"))
    record(tmp_path / "a.json", monkeypatch, ("1.2.2", None), ("1.2.9", "x**2"))
    out = tmp_path / "keys.json"
    assert collect_keys.main([str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--out", str(out)]) == 0
    assert list(json.loads(out.read_text())["keys"]) == ["1.2.2", "1.2.9", "1.2.10"]
    first = out.read_text()
    assert collect_keys.main([str(tmp_path / "b.json"), str(tmp_path / "a.json"), "--out", str(out)]) == 0
    assert out.read_text() == first  # deterministic, whatever the order of the files
    assert collect_keys.main([str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--out", str(out), "--check"]) == 0
    record(tmp_path / "b.json", monkeypatch, ("1.2.10", 4.0))
    assert collect_keys.main([str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--out", str(out), "--check"]) == 1
    assert "changed: 1.2.10" in capsys.readouterr().err
    assert out.read_text() == first  # --check never writes


def test_collect_refuses_conflicting_keys_and_missing_input(collect_keys, tmp_path, monkeypatch, capsys):
    record(tmp_path / "a.json", monkeypatch, ("2.1.1", 1.0))
    record(tmp_path / "b.json", monkeypatch, ("2.1.1", 2.0))
    assert collect_keys.main([str(tmp_path), "--out", str(tmp_path / "out.txt")]) == 2
    error = capsys.readouterr().err
    assert "2.1.1 has different keys" in error and "a.json" in error and "b.json" in error
    assert collect_keys.main([str(tmp_path / "none"), "--out", str(tmp_path / "out.txt")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "out.txt").exists()


def test_collect_of_a_book_without_keys_writes_an_empty_key_set(collect_keys, tmp_path):
    (tmp_path / "keys").mkdir()  # the build ran, but no solution recorded a key
    out = tmp_path / "keys.json"
    assert collect_keys.main([str(tmp_path / "keys"), "--out", str(out)]) == 0
    assert ex.load_keys(out) == {}
    assert collect_keys.main([str(tmp_path / "keys"), "--out", str(out), "--check"]) == 0


# ----------------------------------------------------------------------------------------------
# The keys that ship with mlcalc


def test_shipped_keys_accept_their_value_and_reject_their_wrong_answers():
    path = ROOT / "code" / "src" / "mlcalc" / "keys.json"
    keys = ex.load_keys(path)
    assert path.read_text(encoding="utf-8") == ex.dump_keys(keys)  # as collect_keys writes it
    assert ex.load_keys() == keys  # the package reads this file
    problems = []
    for exercise, entry in keys.items():
        if entry.kind == "none":
            if not entry.reason or entry.assess(0).status != "no key":
                problems.append(f"{exercise}: a key-less exercise must say why")
            continue
        if not entry.assess(entry.value):
            problems.append(f"{exercise}: rejects its own value")
        problems += [f"{exercise}: accepts the wrong answer {w.value}" for w in entry.wrong if entry.assess(w.value)]
    assert problems == []


# ----------------------------------------------------------------------------------------------
# What a learner reads, word for word


NUMBER = 'This exercise expects a number (such as 0.25, or a string such as "1/4")'


def test_an_answer_of_the_wrong_kind_is_described_briefly():
    key("w.1", 0.5)
    assert str(check("w.1", lambda t: t)) == f"⚠ {NUMBER}; you gave a function."
    assert str(check("w.1", {"a": 1})) == f"⚠ {NUMBER}; you gave {{'a': 1}} (type dict)."
    # Up to 40 characters of the answer are shown, then "..." (a learner's long list stays readable).
    forty, forty_one = [10] * 10, [100] + [10] * 9
    assert len(repr(forty)) == 40 and len(repr(forty_one)) == 41
    assert str(check("w.1", forty)) == f"⚠ {NUMBER}; you gave {forty!r} (type list)."
    assert str(check("w.1", forty_one)) == f"⚠ {NUMBER}; you gave {repr(forty_one)[:40]}... (type list)."


def test_result_html_is_coloured_by_verdict_and_keeps_extra_lines_preformatted():
    key("h.1", 0.5)
    no_key("h.2", reason="a proof")
    colours = {"correct": "#009E73", "wrong": "#D55E00", "invalid": "#0072B2", "no key": "#0072B2"}
    for result in (check("h.1", 0.5), check("h.1", 2), check("h.1", {}), check("h.2", 1)):
        page = result._repr_html_()
        slug = result.status.replace(" ", "-")
        assert page.startswith(f'<div class="mlcalc-check mlcalc-check-{slug}" role="status" '
                               f'style="border-left: 4px solid {colours[result.status]};')
        assert page.endswith(f'padding: 0.3em 0.6em;">{html.escape(result.message)}</div>') and "<pre" not in page
    page = check("h.1", "x^^2")._repr_html_()  # three lines: the message, the text, the caret
    head, pre = page.split('<pre style="margin: 0.3em 0 0 0;">')
    assert "x^^2</" not in head and head.endswith("invalid syntax at position 3.")
    assert pre == "    x^^2\n      ^</pre></div>"


def test_revealed_answers_are_written_as_a_learner_would_write_them():
    key("v.1", (1, (2, 3)))
    assert str(check("v.1", (1, (2, 4)), reveal=True)) == (
        "✗ Not yet: Check answer[1][1]. The answer is (1, (2, 3)).")
    key("v.2", (5,))
    assert str(check("v.2", (5,), reveal=True)) == "✓ Correct. The answer is (5,)."
    key("v.3", "dne")
    assert str(check("v.3", "dne", reveal=True)) == "✓ Correct. The answer is does not exist."
    key("v.4", "+inf")
    assert str(check("v.4", "oo", reveal=True)) == "✓ Correct. The answer is +∞."


def test_sequence_messages_name_the_place_and_what_it_expects():
    key("q.1", (1, (2, 3)))
    assert str(check("q.1", (1, (2, 5)))) == "✗ Not yet: Check answer[1][1]."
    assert str(check("q.1", (1, (2, {})))) == "⚠ This exercise expects a number in answer[1][1]; you gave {} (type dict)."
    key("q.2", ("2*x", 1))
    assert str(check("q.2", ([1], 1))) == ("⚠ This exercise expects an expression in x (a SymPy expression "
                                            "or a string); you gave [1] (type list).")


def test_a_column_or_a_row_of_sympy_values_is_a_sequence():
    key("q.3", (1, 2, 3))
    assert_correct("q.3", sp.Matrix([1, 2, 3]))
    assert_correct("q.3", sp.Matrix([[1, 2, 3]]))


def test_expressions_inside_a_sequence_use_the_keys_domain_and_tolerances():
    key("q.4", (sp.sqrt(x - 3), 1), domain=(3, 5))  # undefined on the default domain (-2, 2)
    assert_correct("q.4", (lambda t: math.sqrt(t - 3), 1))
    key("q.5", (sp.exp(x), 1), rel_tol=1e-2)
    assert_correct("q.5", (lambda t: 1.005 * math.exp(t), 1))
    assert_wrong("q.5", (lambda t: 1.05 * math.exp(t), 1))
    key("q.6", (sp.sin(x), 1), rel_tol=0, abs_tol=1e-3)
    assert_correct("q.6", (lambda t: math.sin(t) + 5e-4, 1))
    assert_wrong("q.6", (lambda t: math.sin(t) + 5e-3, 1))


def test_keys_files_keep_non_ascii_text_readable(tmp_path):
    key("u.1", 0.5, hint="Use √ and π as written.")
    text = ex.dump_keys(ex._SESSION)
    assert "Use √ and π as written." in text


def test_a_broken_shipped_keys_file_is_named(tmp_path, monkeypatch):
    (tmp_path / "keys.json").write_text('{"format": 99, "keys": {}}', encoding="utf-8")
    monkeypatch.setattr(ex.resources, "files", lambda package: tmp_path)
    with pytest.raises(ValueError, match=r"^mlcalc/keys\.json is not a keys file of format 1$"):
        ex.load_keys()


@pytest.mark.parametrize("value, answer, message", [
    (3.5, -3.5, "Check the sign."),
    (3.5, 4.5, "You are off by one."),
    (3.5, 7.0, "Your answer is off by a factor: check for a missing or extra factor."),
    (1, -1, "Check the sign."),
    (3.5, 3.2, "check your working."),
    (2.0, 5.0, "check your working."),
    ("+inf", "-inf", "Check the sign."),
    ("dne", 4, "Compare the limits from the left and from the right."),
    (2.0, "dne", "This limit exists: look again at the values near the point."),
    (2.0, "+inf", "Look again at how large the values get near the point."),
    ("+inf", 4, "Look again at how large the values get near the point."),
    ("2*x*cos(x**2)", "-2*x*cos(x**2)", "Check the sign."),
    ("2*x*cos(x**2)", "x*cos(x**2)", "Your answer is off by a constant factor: check for a missing or extra factor."),
    ("2*x*cos(x**2)", "2*x*cos(x**2) + 1", "Your answer is off by a constant term."),
    ("2*x*cos(x**2)", "2*x*sin(x**2)", "check your working."),
    ("sin(x)", "2*sin(x)", "Your answer is off by a constant factor: check for a missing or extra factor."),
    ("Max(x - 1, 0)", "2*Max(x - 1, 0)",  # non-zero at two sample points only
     "Your answer is off by a constant factor: check for a missing or extra factor."),
    ("x/10**8", "x/10**8 + 1", "Your answer is off by a constant term."),  # never above 1e-6
    ("exp(x)", "exp(x)*(1 + x/10)", "check your working."),  # a ratio that varies is no constant factor
    ("exp(x)", "exp(x) + 1 + x/10", "check your working."),  # a difference that varies is no constant term
    ("10**9*exp(x)", lambda t: 1e9 * math.exp(t) + 1e5, "Your answer is off by a constant term."),  # round-off of large values
])
def test_each_diagnosis_reads_exactly_so(value, answer, message):
    kind = "limit" if value in ("+inf", "dne") or answer in ("dne", "+inf", "-inf") else None
    key("m.1", value, kind=kind)
    assert str(check("m.1", answer)) == f"✗ Not yet: {message}"


@pytest.mark.parametrize("answer, message", [
    (((1, 5), (3,)), "✗ Not yet: Check answer[0][1]. answer[1] should have 2 entries; yours has 1."),
    (((1, 2), (3,)), "✗ Not yet: answer[1] should have 2 entries; yours has 1."),
    (((1, 2), 3), "✗ Not yet: answer[1] should hold 2 values; you gave 3 (type int)."),
    (((1, 2), (3, 5)), "✗ Not yet: Check answer[1][1]."),
    (((1, 2), (3, math.inf)), "✗ Not yet: Check answer[1][1]."),
    (7, "⚠ This exercise expects a tuple or list of values (or a NumPy array); you gave 7 (type int)."),
])
def test_sequence_messages_read_exactly_so(answer, message):
    key("m.2", ((1, 2), (3, 4)))
    assert str(check("m.2", answer)) == message


@pytest.mark.parametrize("answer", ["doesn’t exist", "Doesn’t exist!", "DNE."])
def test_limit_that_does_not_exist_in_typographic_spelling(answer):
    key("l.5", "dne")
    assert_correct("l.5", answer)


@pytest.mark.parametrize("answer", ["+ inf", "+ infinity", "∞.", "+∞!"])
def test_plus_infinity_written_with_spaces_or_punctuation(answer):
    key("l.6", "+inf")
    assert_correct("l.6", answer)


@pytest.mark.parametrize("answer", ["- inf", "- infinity", "-∞."])
def test_minus_infinity_written_with_spaces_or_punctuation(answer):
    key("l.7", "-inf")
    assert_correct("l.7", answer)


def test_only_a_limit_result_is_read_for_its_value():
    import types

    key("l.8", 2.0, kind="limit")
    assert_correct("l.8", types.SimpleNamespace(exists=True, value=2.0))  # what mc.limit returns
    assert str(check("l.8", types.SimpleNamespace(value=2.0))) == (
        '⚠ This exercise expects a number, "+inf", "-inf" or "does not exist"; you gave '
        "namespace(value=2.0) (type SimpleNamespace).")


def test_keys_are_written_in_natural_order_numbers_before_letters():
    for exercise in ("1.2.b", "1.2.10", "1.2.a", "1.2.9", "1.10.1", "1.9.1"):
        key(exercise, 1.0)
    order = list(json.loads(ex.dump_keys(ex._SESSION))["keys"])
    assert order == ["1.2.9", "1.2.10", "1.2.a", "1.2.b", "1.9.1", "1.10.1"]


def test_number_answers_that_are_not_one_real_number_say_so():
    key("w.2", 0.5)
    for answer in (np.array([[0.5]]), np.array([1, 2])):  # a matrix, two numbers
        assert str(check("w.2", answer)) == f"⚠ {NUMBER}; you gave {answer!r} (type ndarray)."
    assert str(check("w.2", "oo")) == f"⚠ {NUMBER}; your answer 'oo' is not a real number."

    class Unconvertible:
        def __float__(self):
            raise ValueError("no float here")

        def __repr__(self):
            return "Unconvertible()"

    assert str(check("w.2", Unconvertible())) == f"⚠ {NUMBER}; you gave Unconvertible() (type Unconvertible)."


def test_a_torch_scalar_is_a_number():
    torch = pytest.importorskip("torch")
    key("w.3", 0.5)
    assert_correct("w.3", torch.tensor(0.5))
    assert_correct("w.3", torch.tensor([0.5]))
    assert_wrong("w.3", torch.tensor(1.5), "off by one")


def test_a_number_answer_with_variables_names_them():
    key("w.4", 0.5)
    assert str(check("w.4", "x*y + 1")) == f"⚠ {NUMBER}; your answer contains x, y."


def test_a_function_returning_a_one_element_array_is_read_as_its_value():
    key("f.6", sp.sin(x), kind="function")
    assert_correct("f.6", lambda t: np.array([np.sin(t)]))
    assert_correct("f.6", lambda t: np.array([[np.sin(t)]]))


def test_a_function_that_raises_says_where():
    key("f.7", x * y, kind="function")
    point = ex._points(ex._SESSION["f.7"])[0]
    where = ", ".join(f"{float(point[sp.Symbol(name)]):.4g}" for name in ("x", "y"))
    assert where == "-1.708, -0.2364"  # the first sample point of the default domain (-2, 2)
    assert str(check("f.7", lambda a, b: cos(a) * b)) == (  # noqa: F821
        f"⚠ Your function raised NameError at ({where}): name 'cos' is not defined")


def test_a_function_must_return_a_number_not_text_or_a_truth_value():
    key("f.8", x, kind="function")
    result = assert_invalid("f.8", lambda t: str(t), "must return one real number")
    assert "(type str)" in str(result)
    key("f.9", x**0, kind="function")
    assert str(check("f.9", lambda t: True)) == (
        "⚠ Your function must return one real number; it returned True (type bool).")


def test_an_empty_string_asks_for_the_answer_inside_the_quotes():
    key("w.5", 0.5)
    assert str(check("w.5", "  ")) == "⚠ Your answer is an empty string: write your answer inside the quotes."


def test_strings_that_python_reads_but_are_not_formulas_say_why():
    key("w.6", 0.5)
    assert str(check("w.6", "x[0]")) == (
        "⚠ Could not read 'x[0]' as a formula (TypeError: 'Symbol' object is not subscriptable).")
    assert str(check("w.6", "{1: 2}")) == "⚠ Could not read '{1: 2}' as a formula: it gives {1: 2} (type dict)."


def test_e_and_ln_mean_eulers_number_and_the_natural_logarithm():
    key("w.7", sp.E)
    assert_correct("w.7", "e")
    key("w.8", sp.exp(2 * x) / x)
    assert_correct("w.8", "e^(2x)/x")
    assert_correct("w.8", "exp(2*x - ln(x))")


def test_kind_inferred_for_a_python_function_and_minus_infinity():
    with pytest.raises(TypeError, match="value of a function key must be a SymPy expression"):
        key("k.1", lambda t: t**2)
    key("k.2", -sp.oo)
    assert ex._SESSION["k.2"].kind == "limit" and ex._SESSION["k.2"].value == "-inf"


def test_key_value_that_is_not_a_formula_is_refused_naming_it():
    with pytest.raises(ValueError, match=r"^value 'x \+\* 2' is not a SymPy expression$"):
        key("k.3", "x +* 2")


def test_check_reads_the_keys_shipped_with_mlcalc(monkeypatch):
    monkeypatch.setattr(ex, "_SHIPPED", None)  # as in a fresh session
    shipped = {k: v for k, v in ex.load_keys().items() if v.kind != "none"}
    if not shipped:
        pytest.skip("this version of mlcalc ships no keys")
    exercise, entry = next(iter(shipped.items()))
    assert_correct(exercise, entry.value)


@pytest.mark.parametrize("text", ["3(x+1)^", "2 x +", "2x^"])
def test_a_formula_that_stops_early_puts_the_caret_after_it(text):
    key("b.7", "x**2")
    assert str(check("b.7", text)) == (
        f"⚠ Could not read {text!r} as a formula: it ends too early.\n    {text}\n    {' ' * len(text)}^")


@pytest.mark.parametrize("text, position", [("sin(x) 2 +*", 11), ("3(^x)", 3), ("2x y +* 1", 7)])
def test_the_caret_points_at_the_character_where_reading_stops(text, position):
    key("b.8", "x**2")
    lines = str(check("b.8", text)).splitlines()
    assert lines[0].startswith(f"⚠ Could not read {text!r} as a formula: ")
    assert lines[0].endswith(f" at position {position}.")
    assert lines[1:] == [f"    {text}", "    " + " " * (position - 1) + "^"]


def test_unknown_id_suggests_at_most_three_close_ids_and_shows_ids_in_natural_order():
    for exercise in ("2.3.1", "2.3.2", "2.3.3", "2.3.4", "10.1.1", "9.1.1"):
        key(exercise, 1.0)
    message = str(check("2.3.9", 1.0))
    assert message.startswith("⚠ There is no exercise '2.3.9' with an answer key. Did you mean '2.3.")
    assert message.count(" or ") == 2 and message.count("'2.3.") == 4 and message.endswith("'?")
    assert str(check("abc", 1.0)) == ("⚠ There is no exercise 'abc' with an answer key; ids look like "
                                      "'2.3.1' (chapter, then exercise number).")
    ex._SESSION.clear()
    key("10.1.1", 1.0)
    key("9.1.1", 1.0)
    assert "ids look like '9.1.1'" in str(check("abc", 1.0))


def test_result_remembers_the_exercise_it_checked():
    key("2.3.4", 1.0)
    assert check("2.3.4", 1.0).exercise == "2.3.4"
    assert check("2.3.4", "x^^").exercise == "2.3.4"
    assert check(None, 1.0).exercise == "None"
    assert check(7, 1.0).exercise == "7"


def test_an_unexpected_error_while_checking_reaches_the_learner_as_a_message():
    class Broken:
        def __float__(self):
            raise RuntimeError("sensor offline")

    key("2.3.5", 1.0)
    result = check("2.3.5", Broken())
    assert (result.exercise, result.status, bool(result)) == ("2.3.5", "invalid", False)
    assert str(result) == "⚠ mlcalc could not check this answer (RuntimeError: sensor offline)."


def test_recording_creates_missing_folders_and_writes_utf8(tmp_path, monkeypatch):
    out = tmp_path / "build" / "keys" / "chapter.json"
    monkeypatch.setenv(ex.KEYS_OUT_VARIABLE, str(out))
    key("c.3", 0.5, hint="Take √ of both sides.")
    assert "Take √ of both sides." in out.read_bytes().decode("utf-8")
    assert ex.load_keys(out)["c.3"].hint == "Take √ of both sides."


def test_key_refuses_a_bad_sequence_or_limit_saying_what_is_wrong():
    import types

    with pytest.raises(ValueError, match=r"^value must not be an empty sequence$"):
        key("a.2", [])
    with pytest.raises(ValueError, match=r"^value of a number key must be a real number; got '1/0'$"):
        key("a.2", ("1/0", 2))
    with pytest.raises(ValueError, match=r"^value of a limit key: This exercise expects a limit; you gave "
                                         r"namespace\(value=2\.0\) \(type SimpleNamespace\)\.$"):
        key("a.2", types.SimpleNamespace(value=2.0), kind="limit")
    assert ex._SESSION == {}


def test_a_sequence_key_may_hold_infinities_written_as_text():
    key("s.5", ("-oo", "oo"))
    assert ex._SESSION["s.5"].value == (-sp.oo, sp.oo)
    assert_correct("s.5", ("-oo", math.inf))
    assert_wrong("s.5", ("oo", "oo"), "answer[0]")


def test_key_refuses_a_value_of_the_wrong_type_naming_it():
    with pytest.raises(TypeError, match=r"^value must be a SymPy expression or a string; got <object object"):
        key("a.3", object(), kind="expression")
    with pytest.raises(TypeError, match=r"^value of a number key must be a real number; got \[1\] \(type list\)$"):
        key("a.3", [1], kind="number")


def test_a_revealed_decimal_stays_a_decimal():
    key("r.4", "0.25")
    key("r.5", sp.Float(1.5))
    assert str(check("r.4", 0.25, reveal=True)) == "✓ Correct. The answer is 0.25."
    assert str(check("r.5", 1.5, reveal=True)) == "✓ Correct. The answer is 1.5."


def test_key_refuses_a_non_real_value_a_keyless_kind_and_a_non_text_hint():
    with pytest.raises(ValueError, match=r"^value of a number key must be a real number; got 'I'$"):
        key("a.4", "I", kind="number")
    with pytest.raises(ValueError, match=r"^kind must be one of 'number', 'expression', 'function', 'function with "
                                         r"derivative', 'sequence', 'limit'; got 'none' \(use no_key\(\) for a proof "
                                         r"or an essay\)$"):
        key("a.4", 1, kind="none")
    with pytest.raises(TypeError, match=r"^hint must be a string; got 3$"):
        key("a.4", 1, hint=3)


def test_a_constant_function_is_a_function_of_x_but_a_constant_expression_has_no_variable():
    key("f.10", 5, kind="function")
    assert ex._SESSION["f.10"].variables == ("x",)
    assert_correct("f.10", lambda t: 5)
    assert_wrong("f.10", "x")
    key("e.4", 5, kind="expression")
    assert ex._SESSION["e.4"].variables == ()
    assert_invalid("e.4", "x", "also uses x")


@pytest.mark.parametrize("kwargs, error, message", [
    ({"value": "x*y", "kind": "function with derivative"}, ValueError,
     "a 'function with derivative' key needs one variable; got ('x', 'y')"),
    ({"value": "x", "domain": (1, 0)}, ValueError, "domain must be (a, b) with finite a < b; got (1, 0)"),
    ({"value": "x", "domain": (1, 1)}, ValueError, "domain must be (a, b) with finite a < b; got (1, 1)"),
    ({"value": "x", "domain": (0, math.inf)}, ValueError, "domain must be (a, b) with finite a < b; got (0, inf)"),
    ({"value": "x", "domain": [0]}, ValueError, "domain must be (a, b) with finite a < b; got [0]"),
    ({"value": "x", "domain": ("a", 1)}, ValueError, "domain must be (a, b) with finite a < b; got ('a', 1)"),
    ({"value": 0.5, "rel_tol": -1}, ValueError, "rel_tol must be a number in [0, 1); got -1"),
    ({"value": 0.5, "abs_tol": 1}, ValueError, "abs_tol must be a number in [0, 1); got 1"),
    ({"value": 0.5, "rel_tol": True}, ValueError, "rel_tol must be a number in [0, 1); got True"),
    ({"value": 0.5, "abs_tol": "0.1"}, ValueError, "abs_tol must be a number in [0, 1); got '0.1'"),
    ({"value": 0.5, "wrong": Wrong(1)}, TypeError,
     "wrong must be a list of wrong answers (values or Wrong(value, hint)); got Wrong(value=1, hint='')"),
    ({"value": 0.5, "wrong": "1"}, TypeError,
     "wrong must be a list of wrong answers (values or Wrong(value, hint)); got '1'"),
    ({"value": "sqrt(-1 - x**2)"}, ValueError, "value 'sqrt(-1 - x**2)' is real at fewer than 3 sample points of "
     "the domain (-2.0, 2.0); pass domain=(a, b) where it is defined"),
    ({"value": 0.5, "wrong": ["1/2", 0.4, 0.5]}, ValueError, "key 'a.5' accepts the wrong answer(s) [1/2, 0.5]"),
])
def test_key_errors_read_exactly_so(kwargs, error, message):
    with pytest.raises(error) as caught:
        key("a.5", **kwargs)
    assert str(caught.value) == message
    assert ex._SESSION == {}


def test_tolerances_of_zero_and_just_under_one_are_accepted():
    key("a.6", 0.5, rel_tol=0, abs_tol=0.999)
    assert ex._SESSION["a.6"].rel_tol == 0 and ex._SESSION["a.6"].abs_tol == 0.999


@pytest.mark.parametrize("exercise_id", ["a b", "", 3])
def test_exercise_id_errors_read_exactly_so(exercise_id):
    with pytest.raises(ValueError) as caught:
        key(exercise_id, 1)
    assert str(caught.value) == ("exercise_id must be a non-empty string without spaces, such as '2.3.4'; "
                                 f"got {exercise_id!r}")


def test_no_key_reason_is_trimmed_and_must_be_text():
    no_key("p.3", reason="  a proof ")
    assert str(check("p.3", 1)) == ("ℹ Exercise p.3 is a proof, so there is nothing to check automatically: "
                                   "compare your work with the solution.")
    with pytest.raises(ValueError, match=r"^reason must be a non-empty string such as 'a proof'; got 3$"):
        no_key("p.4", reason=3)


def test_what_each_kind_expects_in_words():
    function = "a function of x and y (a Python function, a SymPy expression or a string)"
    assert [Key("a", kind, variables=("x", "y")).expected for kind in ex.KINDS] == [
        'a number (such as 0.25, or a string such as "1/4")',
        "an expression in x and y (a SymPy expression or a string)", function, function,
        "a tuple or list of values (or a NumPy array)", 'a number, "+inf", "-inf" or "does not exist"',
        "no answer"]
    assert Key("a", "function").expected.startswith("a function of x (")


def test_a_keys_file_entry_may_leave_out_optional_fields_but_not_the_kind():
    entry = Key.from_json("z.1", {"kind": "number", "value": 1, "rel_tol": 1e-6, "abs_tol": 1e-9})
    assert entry == Key("z.1", "number", sp.Integer(1))
    essay = Key.from_json("z.2", {"kind": "none"})
    assert str(essay.assess(1)) == ("ℹ Exercise z.2 has no single answer, so there is nothing to check "
                                    "automatically: compare your work with the solution.")
    with pytest.raises(ValueError) as caught:
        Key.from_json("z.3", {"kind": "foo"})
    assert str(caught.value) == f"key 'z.3': unknown kind 'foo'; expected one of {ex.KINDS}"


def test_function_diagnoses_read_exactly_so():
    key("f.11", "exp(x)*sin(x)", kind="function with derivative")
    points = [float(p[sp.Symbol("x")]) for p in ex._points(ex._SESSION["f.11"])]
    bumpy = lambda t: math.exp(t) * math.sin(t) + 1e-3 * math.prod(t - p for p in points)  # noqa: E731
    assert str(check("f.11", bumpy)) == "✗ Not yet: Your function has the right values but its derivative is not right."
    key("f.12", "x**2", kind="function")
    assert str(check("f.12", lambda t: math.nan if t > 0 else t * t)) == (
        "✗ Not yet: Your answer is undefined at some points where it should not be.")


def test_a_key_real_at_three_sample_points_is_enough():
    key("a.7", "sqrt(x - 0.5)")  # real at 0.7484, 1.2228 and 1.7132 of the default domain
    assert_correct("a.7", lambda t: math.sqrt(t - 0.5))
    with pytest.raises(ValueError, match="real at fewer than 3 sample points"):
        key("a.8", "sqrt(x - 0.8)")  # real at two of them


def test_a_wrong_answer_the_key_cannot_check_is_refused():
    with pytest.raises(ValueError) as caught:
        key("a.9", "x**2", wrong=["y"])
    assert str(caught.value) == ("key 'a.9' cannot check its own value: This exercise expects an expression in x "
                                 "(a SymPy expression or a string); your answer also uses y.")


def test_a_recorded_wrong_answer_defined_at_three_points_still_gets_its_hint():
    key("a.10", "x", kind="function", wrong=[Wrong("sqrt(x - 0.5)", "Only where x > 1/2.")])
    assert str(check("a.10", lambda t: math.sqrt(t - 0.5))) == "✗ Not yet: Only where x > 1/2."



def test_derivative_check_allows_for_round_off_of_large_values():
    """A right answer is right even when f is large and its slope small: the central difference
    of 10**4 + x**3/1000 loses about 1e-6 to round-off, more than the slope's own size there."""
    key("f.13", "10**4 + x**3/1000", kind="function with derivative")
    assert_correct("f.13", lambda t: 1e4 + t**3 / 1000)
    key("f.14", "10**4 + sin(x)", kind="function with derivative")
    assert_correct("f.14", lambda t: 1e4 + math.sin(t))
    points = [float(p[sp.Symbol("x")]) for p in ex._points(ex._SESSION["f.14"])]
    assert_wrong("f.14", lambda t: 1e4 + math.sin(t) + 1e-2 * math.prod(t - p for p in points), "derivative")


def test_a_function_given_for_a_constant_expression_is_checked_across_the_domain():
    """A key without variables (the derivative of 3x + 2 is 3) accepts a constant function only:
    the learner's function is called at the domain's sample points, not at one point."""
    key("e.5", 3, kind="expression")
    assert_correct("e.5", lambda t: 3)
    assert_correct("e.5", lambda t: 3.0 + 0 * t)
    assert_wrong("e.5", lambda t: 3 + t)  # 3 at x = 0 only
    assert_wrong("e.5", lambda t: 3 * t)  # 3 at x = 1 only
    assert_invalid("e.5", lambda: 3, "raised TypeError")  # a function of x is called with x


def test_an_answer_that_is_not_a_multiple_of_the_key_is_never_called_one():
    """e rounded to 2.71828 gives an answer within a few parts per million of exp(x) whose ratio to it
    changes with x: no factor is missing.  And x*exp(x) is no multiple of c*exp(x), however large c is
    (the ratio x/c is small, but it varies)."""
    key("e.6", sp.exp(x))
    for answer in ("2.71828**x", lambda t: 2.71828**t):
        assert str(check("e.6", answer)) == "✗ Not yet: check your working."
    for scale in (1, 10**3, 10**9):
        key("e.7", scale * sp.exp(x))
        assert str(check("e.7", "x*exp(x)")) == "✗ Not yet: check your working.", scale
        assert "constant factor" in str(check("e.7", "2*exp(x)")), scale  # a real factor still is


def test_derivative_check_accepts_a_right_answer_far_from_zero():
    """The central difference's step grows with |x|, so a right answer stays right on a domain far from 0
    (time in seconds, a price in cents), and a wrong slope there is still noticed."""
    for domain, value, right in (((1000, 2000), "log(x)", math.log), ((300, 400), "x*log(x)", lambda t: t * math.log(t)),
                                 ((1000, 3000), "sqrt(x)", math.sqrt)):
        key("f.15", value, kind="function with derivative", domain=domain)
        points = [float(p[sp.Symbol("x")]) for p in ex._points(ex._SESSION["f.15"])]
        scale = min(abs(math.prod(p - q for q in points if q != p)) for p in points)

        def bumpy(t):  # the right values at every sample point, a slope off by at least 0.01 there
            return right(t) + 0.01 * math.prod(t - p for p in points) / scale

        assert_correct("f.15", right)
        assert_wrong("f.15", bumpy, "derivative")


def test_a_zero_dimensional_array_is_read_as_its_number_for_a_constant_expression():
    key("e.8", 3, kind="expression")
    assert_correct("e.8", np.array(3.0))
    assert_wrong("e.8", np.array(4.0))


def test_true_false_and_none_are_not_numbers_read_exactly_so():
    key("w.9", 0.5)
    assert str(check("w.9", True)) == f"⚠ {NUMBER}; you gave True."
    assert str(check("w.9", None)) == f"⚠ {NUMBER}; you gave None."
    key("w.10", "x**2")
    assert str(check("w.10", False)) == ("⚠ This exercise expects an expression in x (a SymPy expression or a string); "
                                         "you gave False.")


def test_a_keys_file_entry_without_hints_or_reason_reads_them_as_empty(tmp_path, monkeypatch):
    """Optional fields left out of a hand-edited keys file mean "no hint" and "no reason": a learner
    who gives the recorded wrong answer reads the key's own hint."""
    entries = {"z.4": {"kind": "number", "value": 12, "hint": "Factor first.", "wrong": [{"value": 4}],
                       "rel_tol": 1e-6, "abs_tol": 1e-9},
               "z.5": {"kind": "none"}}
    path = tmp_path / "keys.json"
    path.write_text(json.dumps({"format": 1, "keys": entries}), encoding="utf-8")
    loaded = ex.load_keys(path)
    assert loaded["z.4"].wrong == (Wrong(sp.Integer(4), ""),) and loaded["z.5"].reason == ""
    monkeypatch.setattr(ex, "_SHIPPED", loaded)
    assert str(check("z.4", 4)) == ("✗ Not yet: Your answer is off by a factor: check for a missing or extra factor. "
                                    "Factor first.")


@pytest.mark.parametrize("value", [True, None, [1, 2], {"a": 1}])
def test_a_keys_file_value_that_is_neither_a_number_nor_text_is_refused_naming_it(tmp_path, value):
    path = tmp_path / "keys.json"
    entry = {"kind": "number", "value": value, "rel_tol": 1e-6, "abs_tol": 1e-9}
    path.write_text(json.dumps({"format": 1, "keys": {"z.6": entry}}), encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        ex.load_keys(path)
    assert str(caught.value) == f"keys file: {value!r} is not a number or a SymPy string"


def test_an_unevaluated_derivative_or_integral_of_the_right_function_is_right():
    """SymPy cannot put numbers into Derivative(sin(x), x), but it can simplify it: the answer is right."""
    key("e.9", sp.cos(x))
    assert_correct("e.9", sp.Derivative(sp.sin(x), x))
    assert_correct("e.9", "Integral(-sin(x), x)")


def test_an_answer_with_several_unknown_names_names_them_all():
    key("e.10", "x**2")
    assert str(check("e.10", "x*z + w")) == ("⚠ This exercise expects an expression in x (a SymPy expression or a "
                                             "string); your answer also uses w, z.")


def test_a_key_with_a_loose_tolerance_applies_it_to_the_slope_too():
    """An author who allows 1e-3 accepts a Taylor polynomial of sin on (-1, 1): its values are within
    7e-5 of sin and its slope within 6e-4 of cos, both inside the tolerance."""
    key("f.16", sp.sin(x), kind="function with derivative", domain=(-1, 1), abs_tol=1e-3)
    assert_correct("f.16", lambda t: t - t**3 / 6 + t**5 / 120)
    assert_wrong("f.16", lambda t: t - t**3 / 6)  # values off by up to 2e-3


def test_a_keys_assess_shows_the_answer_only_when_asked():
    """Key.assess (what check calls, and what a build script calls on a loaded key) keeps the answer
    hidden by default, as check does."""
    key("r.6", 0.125)
    entry = ex._SESSION["r.6"]
    assert str(entry.assess(0.5)) == "✗ Not yet: Your answer is off by a factor: check for a missing or extra factor."
    assert str(entry.assess(0.125)) == "✓ Correct."
    assert str(entry.assess(0.125, reveal=True)) == "✓ Correct. The answer is 0.125."


@pytest.mark.parametrize("value", [True, False])
def test_key_refuses_a_truth_value_as_a_number(value):
    """A solution that passes a comparison (x > 0) instead of a number gets an error, not a key of 1 or 0."""
    with pytest.raises(TypeError) as caught:
        key("a.11", value, kind="number")
    assert str(caught.value) == f"value of a number key must be a real number; got {value!r} (type bool)"


def test_a_key_that_rejects_its_own_value_says_so_with_the_verdict():
    """A key string is read by SymPy, where e is a symbol, while a learner's "e" is Euler's number: the
    solution's own value then fails its key, and the author reads why."""
    with pytest.raises(ValueError) as caught:
        key("a.12", "e^x")
    assert str(caught.value) == "key 'a.12' rejects its own value 'e^x': ✗ Not yet: check your working."
    assert ex._SESSION == {}


def test_two_close_ids_are_offered_joined_by_or():
    for exercise in ("2.3.4", "2.3.5", "1.1.1"):
        key(exercise, 1.0)
    assert str(check("2.3.9", 1.0)) == ("⚠ There is no exercise '2.3.9' with an answer key. "
                                        "Did you mean '2.3.5' or '2.3.4'?")


def test_a_keys_file_keeps_a_keys_floats_exactly(tmp_path, monkeypatch):
    """SymPy prints 0.1 + 0.2 as 0.3; the keys file still holds 0.30000000000000004, so a key with
    no tolerance accepts the solution's own value after the round trip."""
    out = tmp_path / "chapter.json"
    monkeypatch.setenv(ex.KEYS_OUT_VARIABLE, str(out))
    value = (0.1 + 0.2) * x
    key("t.2", value, rel_tol=0, abs_tol=0)
    loaded = ex.load_keys(out)["t.2"]
    assert loaded.value == value and ex._SESSION["t.2"].value == value
    assert loaded.assess(value) and not loaded.assess(0.3 * x)


def test_every_result_remembers_its_exercise_and_the_dots_message_reads_exactly_so():
    key("2.3.6", 1.0)
    no_key("2.3.7", reason="a proof")
    assert check("2.3.6", 2.0).exercise == "2.3.6" and check("2.3.7", 1).exercise == "2.3.7"
    assert str(check("2.3.6", ...)) == "⚠ Replace ... with your answer, then run the cell again."
