"""Show, after each exercise with a checkable answer key, the cell a learner runs to check it.

The notebook edition puts a code cell ``answer = ...`` / ``mc.check("2.3.4", answer)`` after
each such exercise, before its folded solution. The web page cannot run it, but it shows the same
cell, as a highlighted block that is not executed, under a short label, so that a reader knows
what to type in Colab or Jupyter. The exercise ids and the kinds of answer come from mlcalc's
keys.json only (collected from the solutions' ``key()`` calls), through the same code that the
notebook converter uses (scripts/notebook_edition/answers.py).

An exercise's id is its number when Sphinx numbers exercises per chapter ("2.3.4"); when it
numbers them straight through the book (a single number), the id comes from the chapter's
position in _toc.yml and the exercise's order in the page.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.notebook_edition import answers  # noqa: E402

LABEL = "Check your answer (in Colab or Jupyter):"


def _is_numbered_exercise(node: nodes.Node) -> bool:
    return type(node).__name__ == "exercise_enumerable_node"


def answer_block(exercise: str, entry: dict) -> nodes.container:
    """The label and the (static) answer cell of one exercise."""
    label = nodes.paragraph("", "", nodes.strong(LABEL, LABEL), classes=["answer-cell-label"])
    source = answers.cell_source(exercise, entry)
    code = nodes.literal_block(source, source, language="python", classes=["answer-cell-code"])
    code["highlight_args"] = {}
    return nodes.container("", label, code, classes=["answer-cell"], ids=[f"answer-cell-{exercise}"])


def add_answer_cells(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    keys = answers.load_keys(app.config.answer_cells_keys or answers.KEYS)
    position = answers.chapter_positions(Path(app.srcdir) / "_toc.yml").get(docname)
    numbers = getattr(app.env, "toc_fignumbers", {}).get(docname, {}).get("exercise", {})
    exercises = [node for node in doctree.findall(_is_numbered_exercise)]
    for order, node in enumerate(exercises, start=1):
        shown = next((numbers[i] for i in node.get("ids", []) if i in numbers), None)
        exercise = answers.exercise_id(shown, position, order)
        entry = keys.get(exercise) if exercise else None
        if entry is None:
            continue
        parent = node.parent
        parent.insert(parent.index(node) + 1, answer_block(exercise, entry))


def note_dependencies(app: Sphinx, doctree: nodes.document) -> None:
    """A chapter's page shows what keys.json and the cell's wording say: rewrite the page when
    either changes (Sphinx otherwise keeps a page whose source did not change)."""
    if answers.chapter_positions(Path(app.srcdir) / "_toc.yml").get(app.env.docname):
        for path in (app.config.answer_cells_keys or answers.KEYS, answers.__file__):
            app.env.note_dependency(str(Path(path).resolve()))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("answer_cells_keys", "", "env")  # another keys.json (tests); default mlcalc's
    app.connect("doctree-read", note_dependencies)
    app.connect("doctree-resolved", add_answer_cells)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
