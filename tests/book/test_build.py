"""The whole book builds with `make book`: every cell runs, no warning, nothing stray on a page.

The build is the same command the README documents, so this test also proves that command.
It runs once per session (a module fixture) and the page checks read its output.
"""

import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from tests.bookfiles import HTML, ROOT, toc_files

# Text that must never reach a page: framework start-up logs, warnings, tracebacks.
STRAY = re.compile(
    r"Traceback \(most recent call last\)|oneDNN|absl::|cuda_|TF_CPP|tensorflow/core|"
    r"\w+Warning:|FutureWarning|UserWarning|DeprecationWarning|"
    r"Executing notebook failed|CellExecutionError"
)


@pytest.mark.slow
def test_build_has_no_warning_and_no_cell_error(built_book):
    problems = [
        line for line in built_book.splitlines()
        if re.search(r"\bWARNING:|\bERROR:|CellExecutionError|Traceback", line)
    ]
    assert not problems, "the build reported:\n" + "\n".join(problems)
    assert "build succeeded" in built_book


@pytest.mark.slow
@pytest.mark.parametrize("source", toc_files())
def test_every_toc_page_is_built_and_clean(built_book, source):
    page = HTML / f"{source}.html"
    assert page.is_file(), f"{source} is in _toc.yml but {page} was not built"
    main = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("main")
    assert not main.select(".output.stderr"), f"{page.name} shows stderr output"
    for image in main.find_all("img"):
        assert image.get("alt", "").strip(), f"{page.name}: image without alt text: {str(image)[:120]}"
    # Deliberate, labelled errors are allowed: docstring examples and cells tagged raises-exception.
    for deliberate in main.select("div.doctest, .tag_raises-exception"):
        deliberate.decompose()
    stray = STRAY.search(main.get_text())
    assert not stray, f"{page.name} shows {stray.group(0)!r}"


def test_toc_lists_only_pages_that_exist():
    for source in toc_files():
        candidates = [ROOT / f"{source}{suffix}" for suffix in (".md", ".ipynb", ".rst")]
        assert any(path.is_file() for path in candidates), f"_toc.yml lists {source}, which does not exist"


@pytest.mark.slow
def test_the_committed_answer_keys_are_the_ones_the_solutions_record(built_book):
    """`make book` merges the keys that the solutions record into mlcalc's keys.json; the
    committed file must be that merge, or `mc.check` would grade against stale keys."""
    keys = "code/src/mlcalc/keys.json"
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: nothing committed to compare with")
    diff = subprocess.run(["git", "diff", "--stat", "HEAD", "--", keys], cwd=ROOT,
                          capture_output=True, text=True)
    assert diff.returncode == 0 and not diff.stdout.strip(), (
        f"{keys} differs from what the book's solutions record: commit the file `make book` wrote"
    )
