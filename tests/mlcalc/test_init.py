"""Tests of mlcalc's ``__init__`` and layout: the top-level shortcuts, the subpackages, and
modules short enough to read."""

from __future__ import annotations

from pathlib import Path

import mlcalc as mc

PACKAGE = Path(mc.__file__).resolve().parent
MAX_LINES = 800


def test_every_module_is_short_enough_to_read():
    lengths = {str(path.relative_to(PACKAGE)): len(path.read_text().splitlines())
               for path in sorted(PACKAGE.rglob("*.py"))}
    assert lengths, "no module found"
    too_long = {name: n for name, n in lengths.items() if n > MAX_LINES}
    assert not too_long, f"split these modules (at most {MAX_LINES} lines each): {too_long}"


def test_top_level_shortcuts_are_the_names_of_their_modules():
    assert mc.grad is mc.autodiff.grad and mc.Var is mc.autodiff.Var and mc.Dual is mc.autodiff.Dual
    assert mc.use_book_style is mc.plotting.use_book_style and mc.PALETTE is mc.plotting.PALETTE
    assert mc.limit is mc.limits.limit and mc.fit_line is mc.losses.fit_line


def test_the_subpackages_keep_their_public_names():
    for name in mc.autodiff.__all__:
        assert getattr(mc.autodiff, name) is not None, name
    assert "simulate_projectile" not in mc.autodiff.__all__
    assert not hasattr(mc.autodiff, "simulate_projectile")
    assert not any(name.startswith("animate_") for name in dir(mc.plotting))


def test_no_docstring_keeps_a_hand_written_usage_map():
    # Which chapter uses what is read from the chapters (tests/mlcalc/plotting/test_usage.py),
    # never written into the package, where it goes stale.
    modules = [*PACKAGE.glob("plotting/*.py"), *PACKAGE.glob("autodiff/*.py"),
               PACKAGE / "rules.py", PACKAGE / "losses.py"]
    for path in modules:
        text = path.read_text()
        assert "Introduced in" not in text, path.name
        assert "Where each helper is used" not in text, path.name
