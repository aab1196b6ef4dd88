"""Colab and Binder: every chapter has a committed, up-to-date notebook that reads like its web page
(no MyST left, the website's numbers, folded solutions, captions), whose first cell installs the
mlcalc release of this edition, and that the launch buttons open."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from markdown_it.renderer import RendererHTML
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from scripts.notebook_edition import answers, numbering
from scripts.notebook_edition.convert import Chapter
from scripts.notebook_edition.myst import MystError
from scripts.notebooks import book_config, edition, mlcalc_requirement, mlcalc_version
from tests.bookfiles import HTML, ROOT, chapter_files, toc_files

CHAPTERS = chapter_files()
COMMONMARK = MarkdownIt("commonmark")
ROLE_NAME = re.compile(r"\{[\w:.-]+\}$")
LABEL_LINE = re.compile(r"^\([\w:.-]+\)=\s*$", re.M)
OPTION_LINE = re.compile(r"^:[\w-]+:", re.M)
MATH_LABEL = re.compile(r"\$\$\s*\([\w:.-]+\)")
NUMBER = r"\d+(?:\.\d+)*"  # 4, or 2.3.4 in chapter 2.3
EXERCISE = re.compile(rf"^#+ Exercise ({NUMBER})\b")
SOLUTION = re.compile(rf"^#+ Solution to Exercise ({NUMBER})\s*$")
ANSWER = re.compile(r"^#+ Answer\s*$")  # of a knowledge check (tests/site/test_quiz.py), folded too
CAPTION = re.compile(rf"^\*\*Figure ({NUMBER})\.\*\* \S")


def notebook(chapter: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / f"{chapter}.ipynb", as_version=4)


def myst_leftovers(markdown: str) -> list[str]:
    """MyST syntax that a CommonMark renderer would show as text or as a code block."""
    found = []
    for token in COMMONMARK.parse(markdown):
        if token.type == "fence" and token.info.strip().startswith("{"):
            found.append(f"directive fence {token.info.strip()}")
        if token.type != "inline":
            continue
        children = token.children or []
        for before, after in zip(children, children[1:]):
            if before.type == "text" and after.type == "code_inline" and ROLE_NAME.search(before.content):
                found.append(f"role {ROLE_NAME.search(before.content)[0]}`{after.content}`")
        text = token.content
        found += [f"label line {m}" for m in LABEL_LINE.findall(text)]
        found += [f"option line {m}" for m in OPTION_LINE.findall(text)]
        found += [f"equation label {m}" for m in MATH_LABEL.findall(text)]
    return found


def test_the_leftover_finder_finds_each_kind():
    sample = "```{note}\nx\n```\n\nSee {ref}`a`.\n\n(lab)=\n# T\n\n:class: tip\n\n$$\nx\n$$ (eq-x)\n"
    kinds = {found.split()[0] for found in myst_leftovers(sample)}
    assert kinds == {"directive", "role", "label", "option", "equation"}
    assert myst_leftovers("Plain `{ref}` in code, $x$ and\n\n```python\n:class: x\n```\n") == []


def test_every_committed_notebook_is_up_to_date():
    result = subprocess.run(
        [sys.executable, "scripts/notebooks.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_myst_is_left_in_any_markdown_cell(chapter):
    for cell in notebook(chapter).cells:
        if cell.cell_type == "markdown":
            assert myst_leftovers(cell.source) == [], f"{chapter}: {cell.id}"


def source_blocks(chapter: str) -> list:
    """Every directive of the chapter, as markdown-it tokens of the parser the book uses (myst-parser,
    with the book's extensions), directive bodies parsed again the same way."""
    config = book_config()["parse"]["myst_enable_extensions"]
    parser = create_md_parser(MdParserConfig(enable_extensions=set(config)), RendererHTML)
    text = (ROOT / f"{chapter}.md").read_text(encoding="utf-8")

    def fences(markdown: str) -> list:
        found = []
        for token in parser.parse(markdown):
            if token.type in ("fence", "colon_fence") and token.info.startswith("{"):
                found.append(token)
                name = token.info[1:].split("}")[0]
                if name not in ("code-cell", "math", "eval-rst"):
                    found += fences(token.content)
        return found

    return fences(text)


def expected_counts(chapter: str) -> dict[str, int]:
    tokens = source_blocks(chapter)
    names = [token.info[1:].split("}")[0] for token in tokens]
    figures = sum(1 for token, name in zip(tokens, names)
                  if (name in ("glue:figure", "figure") and ":name:" in token.content)
                  or (name == "code-cell" and "\n  figure:" in token.content and "mystnb:" in token.content))
    return {"exercises": names.count("exercise") + names.count("exercise-start"),
            "solutions": names.count("solution-start") + names.count("solution"), "figures": figures}


def notebook_counts(nb: nbformat.NotebookNode) -> dict[str, list[str]]:
    found = {"exercises": [], "solutions": [], "figures": []}
    for previous, cell in zip(nb.cells, nb.cells[1:]):
        if cell.cell_type != "markdown":
            continue
        first = cell.source.split("\n", 1)[0]
        for kind, pattern in (("exercises", EXERCISE), ("solutions", SOLUTION)):
            if pattern.match(first):
                found[kind].append(pattern.match(first)[1])
        picture = previous.cell_type == "code" or previous.source.startswith("![")
        if CAPTION.match(cell.source) and picture:
            found["figures"].append(CAPTION.match(cell.source)[1])
    return found


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_has_the_pages_exercises_solutions_and_captioned_figures(chapter):
    found = notebook_counts(notebook(chapter))
    assert {kind: len(numbers) for kind, numbers in found.items()} == expected_counts(chapter)
    # Each solution follows its exercise, with the same number.
    assert sorted(found["solutions"]) == sorted(set(found["solutions"]))
    assert set(found["solutions"]) <= set(found["exercises"])


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_numbers_are_the_websites(chapter):
    """Against the built page when there is one (`make book`), else against the numbering rule."""
    page = HTML / f"{chapter}.html"
    if not page.is_file():
        pytest.skip("no built site: run `make book` to compare with the web page")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    on_page = {
        "exercises": [re.search(rf"Exercise ({NUMBER})", div.select_one(".admonition-title").get_text())[1]
                      for div in soup.select("div.exercise")],
        "solutions": [re.search(rf"Exercise ({NUMBER})", div.select_one(".admonition-title").get_text())[1]
                      for div in soup.select("div.solution")],
        "figures": [re.search(rf"({NUMBER})", span.get_text())[1]
                    for span in soup.select("figure figcaption span.caption-number")],
    }
    assert notebook_counts(notebook(chapter)) == on_page
    numbers = re.findall(rf"\\tag\{{({NUMBER})\}}", "\n".join(
        cell.source for cell in notebook(chapter).cells if cell.cell_type == "markdown"))
    assert numbers == [re.search(rf"({NUMBER})", span.get_text())[1] for span in soup.select("span.eqno")]
    # The page shows its chapter number in its title, as the sidebar does.
    chapter_number = edition().index.chapters.get(chapter)
    if chapter_number:
        assert soup.select_one("main h1 span.section-number").get_text().strip() == chapter_number


def test_numbering_follows_the_table_of_contents():
    """Chapters of a numbered part are <part>.<chapter>; their figures, exercises and equations are
    numbered from 1 in every chapter, after the chapter's number (no page opens with "Exercise 15").
    Pages outside the parts' chapters (introduction, appendix) run on 1, 2, … between them."""
    index = edition().index
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    numbered = [part for part in toc["parts"] if part.get("numbered")]
    assert numbered, "no numbered part in _toc.yml"
    for part_number, part in enumerate(toc["parts"], start=1):
        for chapter_number, page in enumerate(part["chapters"], start=1):
            expected = f"{part_number}.{chapter_number}" if part.get("numbered") else None
            assert index.chapters.get(page["file"]) == expected, page["file"]
    assert index.chapters["book/02-derivatives/03-derivatives-in-ml"] == "2.3"
    for kind in ("figure", "exercise", "equation"):
        by_doc: dict[str, list[str]] = {}
        for target in index.targets.values():
            if target.kind == kind:
                by_doc.setdefault(target.doc, []).append(target.number)
        unnumbered = []
        for doc in toc_files():
            numbers = sorted(by_doc.get(doc, []), key=lambda n: int(n.rsplit(".", 1)[-1]))
            chapter = index.chapters.get(doc)
            if chapter:
                assert numbers == [f"{chapter}.{k}" for k in range(1, len(numbers) + 1)], (kind, doc)
            else:
                unnumbered += numbers
        assert sorted(map(int, unnumbered)) == list(range(1, len(unnumbered) + 1)), kind
    for doc, exercises in index.exercises.items():
        if exercises and doc in index.chapters:
            assert exercises[0].number == f"{index.chapters[doc]}.1", doc


def test_a_numbered_part_numbers_its_chapters(tmp_path):
    """Two parts, the second numbered: its second chapter is 2.2, and its figures, exercises and
    equations restart from 1 after that number; the unnumbered first part counts 1, 2, …"""
    book = tmp_path / "book"
    book.mkdir()
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nparts:\n  - caption: A\n    chapters:\n      - file: book/a\n"
        "  - caption: B\n    numbered: 1\n    chapters:\n      - file: book/b\n      - file: book/c\n",
        encoding="utf-8")
    page = "# {title}\n\n$$\nx\n$$ ({label}-eq)\n\n```{{exercise}}\n:label: {label}-ex\n\nDo.\n```\n\n" \
           "```{{exercise}}\n:label: {label}-ex2\n\nDo.\n```\n"
    for name in ("a", "b", "c"):
        (book / f"{name}.md").write_text(page.format(title=name.upper(), label=name), encoding="utf-8")
    index = numbering.build(tmp_path, ["book/a", "book/b", "book/c"])
    assert index.chapters == {"book/b": "2.1", "book/c": "2.2"}
    numbers = {name: target.number for name, target in index.targets.items() if target.kind != "section"}
    assert numbers == {"a-eq": "1", "a-ex": "1", "a-ex2": "2", "b-eq": "2.1.1", "b-ex": "2.1.1",
                       "b-ex2": "2.1.2", "c-eq": "2.2.1", "c-ex": "2.2.1", "c-ex2": "2.2.2"}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_solutions_start_folded_in_jupyterlab_and_colab(chapter):
    nb = notebook(chapter)
    headings = [cell for cell in nb.cells if cell.cell_type == "markdown"
                and (SOLUTION.match(cell.source) or ANSWER.match(cell.source))]
    assert [cell.id for cell in headings] == nb.metadata["colab"]["collapsed_sections"]
    for cell in headings:
        assert cell.metadata["jp-MarkdownHeadingCollapsed"] is True
        assert cell.metadata["id"] == cell.id  # the id Colab's collapsed_sections refers to
        assert "\n" not in cell.source.strip()  # the heading alone: its text stays visible


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_citations_have_a_references_section(chapter):
    nb = notebook(chapter)
    source = (ROOT / f"{chapter}.md").read_text(encoding="utf-8")
    markdown = [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    if "{cite" in source:
        assert markdown[-1].startswith("## References\n")
        assert re.search(r"\(\w[^()]*, \d{4}\w?\)", "\n".join(markdown))  # (Author, year)
    else:
        assert not any(text.startswith("## References") for text in markdown)


def test_links_to_other_pages_point_at_the_published_site():
    url = urlparse(book_config()["repository"]["url"]).path.strip("/").split("/")
    site = f"https://{url[0].lower()}.github.io/{url[1]}/"
    links = []
    for chapter in CHAPTERS:
        for cell in notebook(chapter).cells:
            if cell.cell_type == "markdown":
                links += re.findall(r"\]\((https://[^)\s]+)\)", cell.source)
    pages = [link for link in links if link.startswith(site)]
    assert pages, "no link to another page of the book"
    for link in pages:
        page = link[len(site):].split("#")[0]
        assert (ROOT / page).with_suffix(".md").is_file(), link


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_removed_cells_are_left_out(chapter):
    code = "\n".join(cell.source for cell in notebook(chapter).cells if cell.cell_type == "code")
    assert "myst_nb" not in code and "glue(" not in code


def convert(tmp_path: Path, text: str) -> nbformat.NotebookNode:
    """The notebook of a one-page book made of `text`."""
    source = tmp_path / "book" / "chapter.md"
    source.parent.mkdir(parents=True)
    source.write_text(text, encoding="utf-8")
    shared = dataclasses.replace(edition(), root=tmp_path, index=numbering.build(tmp_path, ["book/chapter"]))
    return Chapter(shared, source).notebook("pass")


SMALL_CHAPTER = """\
# A chapter

```{admonition} Read this
:class: tip

Math over two lines, $a +
b$, as {cite}`richardson1911` did.
```

$$
x = 1
$$ (eq-one)

Equation {eq}`eq-one` is short.

## Exercises

```{exercise} First
:label: ex-one

Do it.
```

````{solution-start} ex-one
:class: dropdown
````

The answer.

```{code-cell} ipython3
answer = 1
```

````{solution-end}
````
"""


def test_a_small_chapter_is_rendered_construct_by_construct(tmp_path):
    nb = convert(tmp_path, SMALL_CHAPTER)
    sources = [cell.source for cell in nb.cells]
    assert sources[1].startswith("# A chapter\n\n> **Read this**\n>\n> Math over two lines, $a + b$, "
                                 "as (Richardson, 1911) did.")
    assert "$$\nx = 1\n\\tag{1}\n$$\n\nEquation (1) is short." in sources[1]
    assert sources[2] == "### Exercise 1 (First)\n\nDo it."
    assert sources[3] == "### Solution to Exercise 1"
    assert nb.cells[3].metadata["jp-MarkdownHeadingCollapsed"] is True
    assert nb.metadata["colab"]["collapsed_sections"] == [nb.cells[3].id]
    assert sources[4:6] == ["The answer.", "answer = 1"]
    assert sources[6].startswith("## References\n\n- **Richardson, 1911.** Lewis Fry Richardson\\. The approximate")
    assert all(myst_leftovers(text) == [] for cell, text in zip(nb.cells, sources) if cell.cell_type == "markdown")


def test_text_after_a_solution_needs_a_heading(tmp_path):
    line = len(SMALL_CHAPTER.split("\n")) + 1
    with pytest.raises(MystError, match=f"book/chapter.md:{line}: text follows a solution"):
        convert(tmp_path, SMALL_CHAPTER + "\nMore text that would be folded.\n")


@pytest.mark.parametrize("construct, name", [
    ("```{margin}\nA note in the margin.\n```", "directive {margin}"),
    ("Press {kbd}`Ctrl`.", "role {kbd}"),
])
def test_an_unknown_construct_fails_naming_file_line_and_construct(tmp_path, construct, name):
    with pytest.raises(MystError) as error:
        convert(tmp_path, "# A chapter\n\nSome text.\n\n" + construct + "\n")
    assert str(error.value).startswith("book/chapter.md:5: ")
    assert name in str(error.value)


def test_make_notebooks_fails_on_an_unknown_directive(tmp_path):
    """Through the command line: the error names file, line and directive, and nothing is written."""
    chapter = ROOT / CHAPTERS[0]
    original = chapter.with_suffix(".md").read_text(encoding="utf-8")
    broken = tmp_path / "root"
    (broken / "scripts").mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml"):
        (broken / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    for path in [*ROOT.glob("book/**/*.md"), ROOT / "book" / "references.bib",
                 ROOT / "code" / "src" / "mlcalc" / "__init__.py"]:
        target = broken / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    lines = original.split("\n")
    lines.insert(len(lines) - 1, "\n```{sidebar} Aside\nText.\n```")
    (broken / f"{CHAPTERS[0]}.md").write_text("\n".join(lines), encoding="utf-8")
    script = (ROOT / "scripts" / "notebooks.py").read_text(encoding="utf-8")
    (broken / "scripts" / "notebooks.py").write_text(script, encoding="utf-8")
    (broken / "scripts" / "__init__.py").write_text("", encoding="utf-8")
    package = broken / "scripts" / "notebook_edition"
    package.mkdir()
    for module in (ROOT / "scripts" / "notebook_edition").glob("*.py"):
        (package / module.name).write_text(module.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/notebooks.py"], cwd=broken,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert f"{CHAPTERS[0]}.md:{len(lines)}: " in result.stderr
    assert "{sidebar}" in result.stderr
    assert not list(broken.glob("book/**/*.ipynb"))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_first_cell_names_the_edition_and_installs_its_release_only_in_colab(chapter):
    first = notebook(chapter).cells[0]
    assert first.cell_type == "code"
    version = mlcalc_version()
    assert f"edition {version}" in first.source.split("\n", 1)[0]
    assert 'if "google.colab" in sys.modules' in first.source
    assert f'"{mlcalc_requirement()}"' in first.source and mlcalc_requirement() == f"mlcalc=={version}"
    assert "@main" not in first.source and "git+" not in first.source  # never a moving branch


def test_a_failed_install_stops_with_one_sentence(tmp_path, monkeypatch):
    """Forced to run, with a source pip cannot install: one sentence, no CalledProcessError traceback."""
    nb = notebook(CHAPTERS[0])
    nb.cells = [nb.cells[0], nbformat.v4.new_code_cell("print('the notebook went on')")]
    monkeypatch.setenv("MLCALC_FORCE_INSTALL", "1")
    monkeypatch.setenv("MLCALC_INSTALL_SOURCE", str(tmp_path / "no-such-mlcalc"))
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    with pytest.raises(CellExecutionError):
        client.execute()
    (error,) = [output for output in nb.cells[0].outputs if output.output_type == "error"]
    assert len(error.traceback) == 1
    sentence = error.traceback[0]
    assert sentence.startswith(f"Installing {tmp_path / 'no-such-mlcalc'} failed (")
    assert sentence.endswith("run this cell again.") and "\n" not in sentence
    assert "CalledProcessError" not in sentence and "Traceback" not in sentence
    assert nb.cells[1].outputs == []  # the notebook stopped at the first cell


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
    nb = notebook(chapter)
    nb.cells.append(nbformat.v4.new_code_cell("import mlcalc\nprint(mlcalc.__file__)"))
    monkeypatch.setenv("PYTHONPATH", str(wheel_site))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    where = "".join(output.get("text", "") for output in nb.cells[-1].outputs)
    assert where.startswith(str(wheel_site)), f"mlcalc came from {where}, not from the wheel"


GATED_CHAPTER = """\
# Gated

```{figure} pictures/plot.png
:name: fig-plot
:alt: A plot.

The caption.
```

## Exercises

````{exercise-start}
:label: ex-gated
````

```{code-cell} ipython3
start = 0
```

````{exercise-end}
````

```{solution} ex-gated
:class: dropdown

It is 0.
```
"""


def test_gated_exercises_solution_directives_and_image_figures(tmp_path):
    (tmp_path / "book" / "pictures").mkdir(parents=True)
    (tmp_path / "book" / "pictures" / "plot.png").write_bytes(b"\x89PNG")
    source = tmp_path / "book" / "chapter.md"
    source.write_text(GATED_CHAPTER, encoding="utf-8")
    shared = dataclasses.replace(edition(), root=tmp_path, index=numbering.build(tmp_path, ["book/chapter"]))
    nb = Chapter(shared, source).notebook("pass")
    sources = [cell.source for cell in nb.cells]
    assert sources[2] == f"![A plot.]({shared.raw_url}book/pictures/plot.png)"
    assert sources[3] == "**Figure 1.** The caption."
    assert sources[4:8] == ["## Exercises", "### Exercise 1", "start = 0", "### Solution to Exercise 1"]
    assert sources[8] == "It is 0."
    assert nb.metadata["colab"]["collapsed_sections"] == [nb.cells[7].id]
    assert {kind: len(numbers) for kind, numbers in notebook_counts(nb).items()} == \
        {"exercises": 1, "solutions": 1, "figures": 1}


# ---- answer cells (mlcalc.check) ------------------------------------------------------------

def checkable_ids(chapter: str) -> list[str]:
    """The ids of the chapter's exercises with a checkable key in keys.json, in order."""
    position = answers.chapter_positions().get(chapter)
    if position is None:
        return []
    prefix = f"{position[0]}.{position[1]}."
    ids = [e for e in answers.load_keys() if e.startswith(prefix) and e[len(prefix):].isdigit()]
    return sorted(ids, key=lambda e: int(e[len(prefix):]))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_checkable_exercise_has_an_answer_cell_before_its_solution(chapter):
    cells = notebook(chapter).cells
    found = []
    for index, cell in enumerate(cells):
        if "answer-cell" not in cell.metadata.get("tags", []):
            continue
        match = re.fullmatch(r'(# .+\n)*answer = \.\.\.(  # your answer: .+)?\nmc\.check\("([\w.]+)", answer\)',
                             cell.source)
        assert match and "our answer: " in cell.source, cell.source
        assert max(len(line) for line in cell.source.split("\n")) <= answers.WIDTH
        found.append(match[3])
        assert cell.cell_type == "code" and SOLUTION.match(cells[index + 1].source), cell.source
        assert any(re.search(r"^import mlcalc as mc$", earlier.source, re.M)
                   for earlier in cells[:index] if earlier.cell_type == "code")
    assert found == checkable_ids(chapter)


def test_the_answer_cell_checks_in_a_notebook_session():
    """The cell as a learner runs it: `...` asks for an answer; the key's own value is right."""
    import mlcalc as mc
    from mlcalc import exercises

    for exercise, entry in answers.load_keys().items():
        answer = ...
        result = eval(compile(answers.cell_source(exercise, entry).split("\n")[-1], "cell", "eval"))
        assert result.status == "invalid" and "replace ..." in str(result).lower(), exercise
        key = exercises.load_keys()[exercise]
        answer = key.value
        assert mc.check(exercise, answer), exercise


CHECKED_CHAPTER = SMALL_CHAPTER.replace("# A chapter\n", "# A chapter\n\n```{code-cell} ipython3\nimport mlcalc as mc\n```\n")


def test_an_answer_cell_comes_before_a_keyed_exercises_folded_solution(tmp_path):
    source = tmp_path / "book" / "chapter.md"
    source.parent.mkdir(parents=True)
    source.write_text(CHECKED_CHAPTER, encoding="utf-8")
    keys = {"1.1.1": {"kind": "expression", "variables": ["x"]}}
    shared = dataclasses.replace(edition(), root=tmp_path, index=numbering.build(tmp_path, ["book/chapter"]),
                                 keys=keys, positions={"book/chapter": (1, 1)})
    cells = Chapter(shared, source).notebook("pass").cells
    sources = [cell.source for cell in cells]
    at = sources.index('answer = ...  # your answer: an expression in x (SymPy or a string)\n'
                       'mc.check("1.1.1", answer)')
    assert SOLUTION.match(sources[at + 1]) and EXERCISE.match(sources[at - 1].lstrip("\n"))
    # Without a key (or with a proof's): no answer cell.
    shared = dataclasses.replace(shared, keys={})
    assert not any("mc.check" in cell.source for cell in Chapter(shared, source).notebook("pass").cells)
    # A keyed exercise in a chapter that never imports mlcalc as mc cannot have a working cell.
    source.write_text(SMALL_CHAPTER, encoding="utf-8")
    shared = dataclasses.replace(shared, keys=keys, index=numbering.build(tmp_path, ["book/chapter"]))
    with pytest.raises(MystError, match="import mlcalc as mc"):
        Chapter(shared, source).notebook("pass")
