"""The usage map of mlcalc.plotting, read from the chapters instead of kept by hand.

A figure helper stays in the package only if two or more chapters use it, or if its code
teaches no calculus.  A figure drawn for one chapter belongs in that chapter, in a cell tagged
``hide-input`` (see docs/authoring.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlcalc import plotting

BOOK = Path(__file__).resolve().parents[3] / "book"

# Helpers whose code teaches no calculus: they may serve a single chapter.  Keep this short.
NO_CALCULUS = {
    "PALETTE": "the colour-blind-safe palette",
    "use_book_style": "matplotlib settings",
    "animate": "the animation player",
    "plot_timeline": "the timeline's label spreading",
}

CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _chapters() -> dict[str, str]:
    """The code of each chapter (the MyST notebooks in the part folders), by chapter path."""
    chapters = sorted(BOOK.glob("[0-9][0-9]-*/*.md"))
    return {str(path.relative_to(BOOK)): "\n".join(CODE_CELL.findall(path.read_text()))
            for path in chapters}


def usage_map() -> dict[str, list[str]]:
    """For each public name of mlcalc.plotting, the chapters whose code uses it."""
    chapters = _chapters()
    return {name: [chapter for chapter, code in chapters.items()
                   if re.search(rf"\b{re.escape(name)}\b", code)]
            for name in plotting.__all__}


def test_the_chapters_are_found_and_read():
    chapters = _chapters()
    assert len(chapters) >= 10
    assert all(code.strip() for code in chapters.values())


@pytest.mark.parametrize("name", sorted(set(plotting.__all__) - set(NO_CALCULUS)))
def test_each_helper_that_teaches_calculus_serves_two_chapters(name):
    used_by = usage_map()[name]
    assert len(used_by) >= 2, (
        f"{name} is used by {used_by or 'no chapter'}: draw that figure in its chapter "
        "(a hide-input cell) and remove it from mlcalc.plotting"
    )


def test_the_no_calculus_list_is_short_and_current():
    assert len(NO_CALCULUS) <= 6
    assert set(NO_CALCULUS) <= set(plotting.__all__)
    used = usage_map()
    assert all(used[name] for name in NO_CALCULUS), "a helper no chapter uses should go"
