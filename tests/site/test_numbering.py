"""Every number the built site prints carries its chapter: the chapter's title and sidebar entry
say "2.3", and its exercises, solutions, figure captions, equation numbers and the texts of
references to them say "2.3.k", with k counting from 1 in every chapter (no page opens with
"Exercise 15"). The introduction and the appendix carry no chapter number.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from scripts.notebook_edition.numbering import chapter_numbers
from tests.bookfiles import HTML, ROOT, toc_files

NUMBER = r"\d+(?:\.\d+)*"
CHAPTERS = chapter_numbers(ROOT)

# Reference texts written out in a chapter (`{ref}` with an explicit text), with the change they need,
# in chapters another branch is editing. The test fails when one is gone: then delete its line.
PENDING: dict[tuple[str, str], str] = {}  # (page, reference text) -> its fix (none left)


def page(doc: str) -> BeautifulSoup:
    path = HTML / f"{doc}.html"
    if not path.is_file():
        pytest.skip("no built site: run `make book`")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def counted(numbers: list[str], chapter: str) -> bool:
    return numbers == [f"{chapter}.{k}" for k in range(1, len(numbers) + 1)]


def test_the_parts_chapters_are_numbered():
    assert CHAPTERS["book/01-limits/01-what-is-calculus"] == "1.1"
    assert CHAPTERS["book/02-derivatives/03-derivatives-in-ml"] == "2.3"
    assert "book/intro" not in CHAPTERS and not any(doc.startswith("book/appendix/") for doc in CHAPTERS)


@pytest.mark.parametrize("doc", toc_files())
def test_every_printed_number_carries_the_chapter(doc):
    soup = page(doc)
    main = soup.find("main")
    chapter = CHAPTERS.get(doc)
    title = main.select_one("h1 span.section-number")
    sidebar = [a.get_text(" ", strip=True) for a in soup.select("nav.bd-links li.current > a.current")]
    if chapter is None:
        assert title is None, f"{doc} has the number {title.get_text()!r}"
        return
    assert title is not None and title.get_text().strip() == chapter
    assert sidebar and sidebar[0].startswith(f"{chapter} "), sidebar
    kinds = {
        "exercise": [re.search(rf"^Exercise ({NUMBER})", div.select_one(".admonition-title").get_text())[1]
                     for div in main.select("div.exercise")],
        "figure": [re.search(rf"^Fig\. ({NUMBER})", span.get_text())[1]
                   for span in main.select("figure figcaption span.caption-number")],
        "equation": [re.search(rf"^\(({NUMBER})\)", span.get_text())[1] for span in main.select("span.eqno")],
    }
    for kind, numbers in kinds.items():
        assert counted(numbers, chapter), f"{doc}: {kind} numbers {numbers}"
    solutions = [re.search(rf"Solution to Exercise ({NUMBER})", div.select_one(".admonition-title").get_text())[1]
                 for div in main.select("div.solution")]
    assert set(solutions) <= set(kinds["exercise"])


def test_references_print_the_number_of_their_target():
    """{numref}, {eq} and {ref} texts across pages: "Fig. 1.4.2" links into chapter 1.4."""
    checked, pending = 0, set()
    for doc in toc_files():
        main = page(doc).find("main")
        for link in main.select("a.reference.internal"):
            text = link.get_text(" ", strip=True)
            match = re.match(rf"^(?:Fig\. |Exercise |\()({NUMBER})\)?", text)
            if not match or "#" not in link.get("href", ""):
                continue
            target = link["href"].split("#")[0]
            target_doc = doc if not target else (
                (HTML / doc).parent.joinpath(target).resolve().relative_to(HTML.resolve()).with_suffix("").as_posix())
            chapter = CHAPTERS.get(target_doc)
            if chapter is None:
                continue
            if (doc, text) in PENDING:
                pending.add((doc, text))
                continue
            assert match[1].startswith(f"{chapter}.") and match[1].count(".") == 2, f"{doc}: {text!r} -> {target_doc}"
            checked += 1
    assert checked > 50
    assert pending == set(PENDING), f"no longer on the pages, delete from PENDING: {set(PENDING) - pending}"
