"""Colab and Binder: every chapter has a committed, up-to-date notebook that the launch buttons
open, and every notebook runs top to bottom as it would for a learner in Colab."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient

from scripts.notebooks import book_config, mlcalc_requirement
from tests.bookfiles import HTML, ROOT, chapter_files

CHAPTERS = chapter_files()


def test_every_committed_notebook_is_up_to_date():
    result = subprocess.run(
        [sys.executable, "scripts/notebooks.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_first_cell_installs_mlcalc_only_in_colab(chapter):
    notebook = nbformat.read(ROOT / f"{chapter}.ipynb", as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "code"
    assert 'if "google.colab" in sys.modules:' in first.source
    requirement = mlcalc_requirement(book_config())
    assert requirement in first.source
    # Pinned to the branch the book is built from, never to whatever is newest elsewhere.
    assert f"@{book_config()['repository']['branch']}#subdirectory=code" in requirement


def launch_links(chapter: str) -> dict[str, str]:
    soup = BeautifulSoup((HTML / f"{chapter}.html").read_text(encoding="utf-8"), "html.parser")
    links = {}
    for anchor in soup.find_all("a", href=True):
        host = urlparse(anchor["href"]).netloc
        if host in ("colab.research.google.com", "mybinder.org"):
            links[host] = anchor["href"]
    return links


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_launch_buttons_open_the_committed_notebook(built_book, chapter):
    config = book_config()
    owner_repo = urlparse(config["repository"]["url"]).path.strip("/")
    branch = config["repository"]["branch"]
    links = launch_links(chapter)
    assert set(links) == {"colab.research.google.com", "mybinder.org"}, links

    colab = urlparse(links["colab.research.google.com"]).path
    prefix = f"/github/{owner_repo}/blob/{branch}/"
    assert colab.startswith(prefix), colab
    assert (ROOT / colab[len(prefix):]).is_file(), f"Colab opens {colab}, which is not in the repo"
    assert colab.endswith(f"{chapter}.ipynb")

    binder = links["mybinder.org"]
    assert f"/v2/gh/{owner_repo}/{branch}" in binder
    assert binder.endswith(f"urlpath=tree/{chapter}.ipynb")
    assert (ROOT / "requirements.txt").is_file()  # Binder's environment


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_page_offers_ipynb_and_md_downloads(built_book, chapter):
    html = (HTML / f"{chapter}.html").read_text(encoding="utf-8")
    for suffix in (".ipynb", ".md"):
        source = f"_sources/{chapter}{suffix}"
        assert source in html, f"no {suffix} download on {chapter}"
        assert (HTML / source).is_file()


@pytest.fixture(scope="module")
def wheel_site(tmp_path_factory) -> Path:
    """mlcalc installed from a wheel built from code/, in a folder of its own."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(ROOT / "code")],
        check=True, capture_output=True,
    )
    (wheel,) = (work / "dist").glob("mlcalc-*.whl")
    site = work / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True, capture_output=True,
    )
    return site


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_runs_like_a_learners_colab(chapter, wheel_site, tmp_path, monkeypatch):
    """A fresh kernel, in an empty folder outside the repository, with mlcalc from the wheel."""
    notebook = nbformat.read(ROOT / f"{chapter}.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import mlcalc\nprint(mlcalc.__file__)"))
    monkeypatch.setenv("PYTHONPATH", str(wheel_site))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    where = "".join(output.get("text", "") for output in notebook.cells[-1].outputs)
    assert where.startswith(str(wheel_site)), f"mlcalc came from {where}, not from the wheel"
