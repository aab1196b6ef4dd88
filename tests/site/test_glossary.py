"""The glossary and the index (issue #14 item 4).

The sources: at least 60 glossary terms, each linked from its first use in every chapter (and nowhere
else in that chapter), every index mark of scripts/glossary_links.py placed; the notebook edition turns
the markup into links and plain words. The built site (slow): the index has at least 150 entries and is
reached from the sidebar of every page, glossary terms and index entries are in the search index, and
every glossary link lands on its term.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from bs4 import BeautifulSoup

from scripts import glossary_links as gl
from scripts.notebook_edition import numbering
from scripts.notebook_edition.convert import Chapter, term_anchor
from scripts.notebooks import edition
from tests.bookfiles import HTML, ROOT, toc_files

TERMS = gl.terms()
COMPILED = gl.compile_terms(TERMS)
CHAPTERS = {path.relative_to(ROOT).with_suffix("").as_posix(): path.read_text(encoding="utf-8")
            for path in gl.CHAPTERS}
SITE_URL = "https://example.org/book/"


def test_the_glossary_has_at_least_60_terms_each_with_a_chapter():
    assert len(TERMS) >= 60, len(TERMS)
    assert len({t.lower() for t in TERMS}) == len(TERMS), "a term is defined twice"
    text = (ROOT / "book/appendix/glossary.md").read_text(encoding="utf-8")
    body = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    definitions = re.split(r"\n(?=\S)", body.split("\n", 2)[2].strip())
    assert len(definitions) == len(TERMS)
    for definition in definitions:
        term, _, meaning = definition.partition("\n")
        chapter = re.search(r"Taught in \{doc\}`/(?P<doc>[^`]+)`\.$", meaning.strip())
        assert chapter, f"{term}: its definition does not end by naming the chapter that teaches it"
        assert chapter["doc"] in CHAPTERS, f"{term}: {chapter['doc']} is not a chapter"


def test_the_glossary_and_the_index_page_are_in_the_appendix():
    files = toc_files()
    assert "book/appendix/glossary" in files and "book/appendix/book-index" in files
    index_page = (ROOT / "book/appendix/book-index.md").read_text(encoding="utf-8")
    assert "{ref}`Open the index <genindex>`" in index_page


def test_every_term_is_linked_from_a_chapter():
    linked = {target.lower() for text in CHAPTERS.values() for target, *_ in gl.occurrences(text, COMPILED)
              if _[-1]}
    assert [t for t in TERMS if t.lower() not in linked] == []


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_each_term_is_linked_at_its_first_use_in_the_chapter_and_only_there(chapter):
    assert gl.problems(CHAPTERS[chapter], COMPILED) == []


def test_the_first_use_checker_catches_a_plain_first_use_and_a_second_link():
    text = "The gradient is a vector.\n\nThe {term}`gradient` again, and {term}`gradient descent`.\n"
    assert gl.problems(text, COMPILED) == ["'gradient': its first use is not linked",
                                           "'gradient': linked again after its first use"]
    linked = gl.link(text.replace("{term}`gradient` again", "it again"), COMPILED)
    assert linked.startswith("The {term}`gradient` is a vector.")
    assert gl.problems(linked, COMPILED) == []


def test_code_math_headings_and_other_roles_are_never_linked():
    text = ("# The gradient\n\n```{code-cell} ipython3\ngradient = 1\n```\n\n$$\n\\text{loss}\n$$\n\n"
            "`loss` and $loss$ and {ref}`loss <x>` and [loss](y).\n")
    assert gl.link(text, COMPILED) == text


def test_every_index_mark_is_placed_and_the_index_has_150_topics():
    entries = gl.index_entries(CHAPTERS.values())
    assert {entry for _, entry in gl.INDEX} <= entries
    topics = {t.lower() for t in TERMS} | {e.split(";")[0].strip().lower() + (";" + e.split(";")[1].strip()
                                                                        if ";" in e else "") for e in entries}
    assert len(topics) >= 150, len(topics)


def convert(tmp_path, text):
    """The notebook of a one-page book made of `text`, with the book's glossary page."""
    (tmp_path / "book/appendix").mkdir(parents=True)
    glossary = (ROOT / "book/appendix/glossary.md").read_text(encoding="utf-8")
    (tmp_path / "book/appendix/glossary.md").write_text(glossary, encoding="utf-8")
    source = tmp_path / "book" / "chapter.md"
    source.write_text(text, encoding="utf-8")
    shared = dataclasses.replace(edition(), root=tmp_path, base_url=SITE_URL,
                                 index=numbering.build(tmp_path, ["book/chapter"]))
    return Chapter(shared, source).notebook("pass")


def test_the_notebook_edition_links_terms_and_keeps_the_words_of_index_marks(tmp_path):
    from tests.site.test_notebooks import myst_leftovers

    nb = convert(tmp_path, "# A chapter\n\n```{index} single: slope; of a line\n```\n\n"
                           "The {term}`slope` and the {term}`JVPs <JVP>` of {index}`Newton <Newton, Isaac>`,"
                           " by {index}`SymPy`.\n")
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    glossary = f"{SITE_URL}book/appendix/glossary.html"
    assert f"The [slope]({glossary}#term-slope) and the [JVPs]({glossary}#term-JVP) of Newton, by SymPy." in text
    assert "index" not in text and "of a line" not in text
    assert myst_leftovers(text) == []


def test_the_notebook_edition_refuses_a_term_missing_from_the_glossary(tmp_path):
    from scripts.notebook_edition.myst import MystError

    with pytest.raises(MystError, match=r"book/chapter.md:3: .*'curl', which is not in the glossary"):
        convert(tmp_path, "# A chapter\n\nThe {term}`curl`.\n")


def test_a_glossary_directive_becomes_a_definition_list(tmp_path):
    nb = convert(tmp_path, "# A chapter\n\n```{glossary}\n:sorted:\n\nloss\n  How {term}`wrong` is.\n"
                           "  Second line.\n\nepoch\n  One pass.\n```\n".replace("{term}`wrong`", "wrong"))
    text = "\n".join(cell.source for cell in nb.cells)
    assert "- **loss**: How wrong is. Second line.\n- **epoch**: One pass." in text


# ---- the built site ---------------------------------------------------------------------------------
def built(path: str) -> str:
    file = HTML / path
    if not file.is_file():
        pytest.skip("no built site: build the book first")
    return file.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_built_glossary_has_every_term_at_the_anchor_the_notebooks_link_to():
    soup = BeautifulSoup(built("book/appendix/glossary.html"), "html.parser")
    ids = {dt.get("id") for dt in soup.select("dl.glossary dt")}
    assert {term_anchor(t) for t in TERMS} <= ids


@pytest.mark.slow
def test_every_term_link_of_the_chapters_lands_on_a_glossary_entry():
    anchors = {term_anchor(t) for t in TERMS}
    for chapter in CHAPTERS:
        soup = BeautifulSoup(built(f"{chapter}.html"), "html.parser")
        links = [a["href"] for a in soup.select("a.reference.internal") if a.select_one("span.std-term")]
        expected = sum(1 for *_, linked in gl.occurrences(CHAPTERS[chapter], COMPILED) if linked)
        assert len(links) == expected, chapter
        assert all(h.split("#")[0].endswith("appendix/glossary.html") and h.split("#")[1] in anchors
                   for h in links), chapter


@pytest.mark.slow
def test_the_index_has_at_least_150_topic_entries_besides_the_api():
    soup = BeautifulSoup(built("genindex.html"), "html.parser")
    entries = [li for li in soup.select("table.indextable li") if li.find("a")]
    api = [li for li in entries if "mlcalc" in li.get_text()]  # functions, classes, attributes of the package
    assert len(entries) - len(api) >= 150, (len(entries), len(api))
    words = {li.get_text(" ", strip=True).lower() for li in entries}
    assert {"derivative", "jacobian", "archimedes"} <= {w.split(",")[0].strip() for w in words}


@pytest.mark.slow
def test_the_index_is_reached_from_every_pages_sidebar():
    for doc in toc_files():
        soup = BeautifulSoup(built(f"{doc}.html"), "html.parser")
        sidebar = soup.select_one("nav.bd-docs-nav") or soup.select_one("#bd-docs-nav")
        assert sidebar is not None, doc
        here = doc == "book/appendix/book-index"  # on the Index page itself the sidebar links to "#"
        assert any(a["href"].endswith("book-index.html") or (here and a["href"] == "#" and a.get_text(strip=True)
                   == "Index") for a in sidebar.find_all("a", href=True)), doc
    page = BeautifulSoup(built("book/appendix/book-index.html"), "html.parser")
    assert any(a["href"].endswith("genindex.html") for a in page.select("article a[href]"))


@pytest.mark.slow
def test_glossary_terms_and_index_entries_are_in_the_search_index():
    text = built("searchindex.js")
    data = json.loads(text[text.index("(") + 1: text.rindex(")")])
    entries = set(data["indexentries"])
    assert [t for t in TERMS if t.lower() not in entries] == []
    # Sphinx files the sub-entry "limit; laws" under "limit".
    assert {e.split(";")[0].strip().lower() for _, e in gl.INDEX} <= entries
    assert "Glossary" in data["titles"] and "Index" in data["titles"]
