"""Downloads: each chapter page offers ITS notebook (the notebook edition, as committed beside the
chapter), and every page offers all chapter notebooks as one zip."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tests.bookfiles import HTML, ROOT, chapter_files, toc_files

pytestmark = pytest.mark.slow

CHAPTERS = chapter_files()


def download_links(page: str) -> dict[str, Path]:
    """The links of the page's download menu, by button label, as files of the built site."""
    html = HTML / f"{page}.html"
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    links = {}
    for anchor in soup.select(".dropdown-download-buttons a[href]"):
        label = anchor.get("title") or anchor.get_text(" ", strip=True)
        target = urljoin(html.as_uri(), anchor["href"])
        links[label] = Path(target.removeprefix("file://"))
    return links


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_page_offers_its_notebook(built_book, chapter):
    links = download_links(chapter)
    notebook = links["Download this chapter as a notebook (Jupyter, Colab)"]
    assert notebook.is_file(), notebook
    assert notebook.read_bytes() == (ROOT / f"{chapter}.ipynb").read_bytes()
    source = links["Download source file"]
    assert source.is_file() and source.suffix == ".md"


@pytest.mark.parametrize("page", toc_files())
def test_every_page_offers_all_notebooks_as_one_zip(built_book, page):
    zipped = download_links(page)["Download the notebooks of every chapter"]
    assert zipped == HTML / "notebooks.zip"


def test_the_zip_holds_every_chapter_notebook(built_book):
    with zipfile.ZipFile(HTML / "notebooks.zip") as archive:
        names = sorted(archive.namelist())
        assert names == sorted(f"{chapter}.ipynb" for chapter in CHAPTERS)
        for chapter in CHAPTERS:
            assert archive.read(f"{chapter}.ipynb") == (ROOT / f"{chapter}.ipynb").read_bytes()
    size = os.path.getsize(HTML / "notebooks.zip")
    assert 0 < size < 5_000_000, size


@pytest.mark.parametrize("page", toc_files())
def test_every_page_offers_the_pdf_edition_where_the_release_publishes_it(built_book, page):
    html = HTML / f"{page}.html"
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    (anchor,) = soup.select('.dropdown-download-buttons a[title="Download the whole book as one PDF"]')
    # The release workflow copies _build/pdf/calculus-for-ml.pdf into the site it deploys.
    assert anchor["href"] == "https://mlcalc-book.github.io/calculus-for-ml/calculus-for-ml.pdf"
    assert "cp _build/pdf/calculus-for-ml.pdf _build/html/calculus-for-ml.pdf" in (ROOT / "Makefile").read_text()
