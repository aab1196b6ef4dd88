"""The contents' page numbers of the PDF are printed only once a print's layout agrees with them."""

from __future__ import annotations

import pytest

from scripts.pdf import build


class AlternatingPrinter:
    """Stands for Chromium: each print lays the book out as the next of `layouts` (cycling),
    whatever page numbers the contents carry; remembers the numbers each print carried."""

    def __init__(self, layouts: list[dict[str, int]]) -> None:
        self.layouts, self.prints, self.numbers, self.carried = layouts, 0, None, []

    def evaluate(self, script: str, numbers: dict[str, int]) -> None:
        assert script == build.SET_PAGE_NUMBERS
        self.numbers = dict(numbers)

    def print_to(self, page, target) -> None:
        self.carried.append(self.numbers)
        self.prints += 1

    def starts(self, pdf, entries, numbers) -> dict[str, int]:
        return self.layouts[(self.prints - 1) % len(self.layouts)]


@pytest.fixture
def printer(monkeypatch):
    def make(layouts):
        fake = AlternatingPrinter(layouts)
        monkeypatch.setattr(build, "print_to", fake.print_to)
        monkeypatch.setattr(build, "starts_in_final", fake.starts)
        return fake
    return make


A = {"ch1": 3, "ch2": 213}
B = {"ch1": 3, "ch2": 214}


def test_a_stable_layout_is_printed_once(printer):
    fake = printer([A])
    assert build.print_until_contents_agree(fake, None, [], A) == 1
    assert fake.carried == [A]


def test_a_layout_that_alternates_between_prints_is_matched_on_the_next(printer):
    # The draft broke the pages as A; the next print breaks them as B, the one after as A again.
    fake = printer([B, A])
    assert build.print_until_contents_agree(fake, None, [], A) == 2
    assert fake.carried == [A, A]  # the last print carries A's numbers and is laid out as A


def test_a_layout_that_never_settles_fails_the_build_instead_of_printing_wrong_numbers(printer):
    fake = printer([B, {"ch1": 3, "ch2": 215}, {"ch1": 4, "ch2": 216}])
    with pytest.raises(SystemExit, match="never matched"):
        build.print_until_contents_agree(fake, None, [], A)
    assert fake.prints == build.MAX_PRINTS
