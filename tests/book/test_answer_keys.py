"""Every exercise of Parts I to III has an answer key (or says why it has none), and each web
page shows the answer cell of each exercise that has a checkable key.

The keys come from the solutions' ``mc.exercises.key(...)``/``no_key(...)`` calls, which the
build collects into mlcalc's keys.json; the ids are "<part>.<chapter in part>.<n-th exercise>".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes

from scripts.notebook_edition import answers
from tests.bookfiles import HTML, ROOT

PARTS = ("book/01-limits", "book/02-derivatives", "book/03-autodiff")
EXERCISE = re.compile(r"^(`{3,}|:{3,})\{exercise(-start)?\}", re.M)
KEY_CALL = re.compile(r'mc\.exercises\.(?P<call>key|no_key)\(\s*"(?P<id>[^"]+)"')
KEYS = answers.KEYS


def chapters() -> list[tuple[str, tuple[int, int]]]:
    positions = answers.chapter_positions()
    return [(doc, position) for doc, position in positions.items() if doc.startswith(PARTS)]


def all_keys() -> dict[str, dict]:
    return json.loads(Path(KEYS).read_text(encoding="utf-8"))["keys"]


def test_parts_one_to_three_are_in_the_table_of_contents():
    found = {doc.split("/")[1] for doc, _ in chapters()}
    assert found == {"01-limits", "02-derivatives", "03-autodiff"}
    assert len(chapters()) == 13


@pytest.mark.parametrize("doc, position", chapters(), ids=[doc for doc, _ in chapters()])
def test_every_exercise_has_a_key_or_says_why_not(doc, position):
    """The ids in keys.json for a chapter are exactly 1..n, n its number of exercises."""
    text = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
    count = len(EXERCISE.findall(text))
    assert count > 0
    prefix = f"{position[0]}.{position[1]}."
    ids = sorted((e for e in all_keys() if e.startswith(prefix)), key=lambda e: int(e[len(prefix):]))
    assert ids == [f"{prefix}{n}" for n in range(1, count + 1)]
    # ... and each one is recorded by the solution of that exercise, in order.
    calls = [m["id"] for m in KEY_CALL.finditer(text)]
    assert calls == ids


@pytest.mark.parametrize("exercise, entry", sorted(all_keys().items()))
def test_a_key_has_wrong_answers_and_a_hint_or_a_reason(exercise, entry):
    if entry["kind"] == "none":
        assert entry["reason"].strip()
        return
    assert entry["wrong"], f"{exercise} tries no wrong answer"
    assert entry["hint"].strip()


def test_hints_do_not_give_the_answer_away():
    """No hint states its answer: no "= 12" or "is 12" for a value 12, and no expression key's
    formula written out (numbers alone may appear, and "x = 4": they name points)."""
    def leaves(value):
        return [v for item in value for v in leaves(item)] if isinstance(value, list) else [value]

    for exercise, entry in all_keys().items():
        if entry["kind"] == "none":
            continue
        hint = entry["hint"]
        for value in leaves(entry["value"]):
            text = str(value)
            if isinstance(value, float) and value.is_integer():
                text = str(int(value))
            if text in ("dne", "+inf", "-inf", "oo"):
                continue
            assert not re.search(rf"((?<![A-Za-z] )=|\bis|\bequals)\s*{re.escape(text)}(?![\w.])", hint), (exercise, text)
            if re.search(r"[a-z]", text) and len(text) > 3:
                assert text.replace(" ", "") not in hint.replace(" ", ""), (exercise, text)


# ---- ids from the numbers Sphinx shows ------------------------------------------------------

@pytest.mark.parametrize("shown, position, order, expected", [
    ((2, 3, 4), (2, 3), 4, "2.3.4"),      # numbered per chapter: the number is the id
    ("2.3.4", (2, 3), 4, "2.3.4"),
    ((2, 3, 4), None, 4, "2.3.4"),
    ((17,), (2, 3), 4, "2.3.4"),         # numbered straight through: position and order
    (17, (1, 4), 2, "1.4.2"),
    ("17", (1, 4), 12, "1.4.12"),
    (None, (2, 1), 9, "2.1.9"),
    ((17,), None, 4, None),               # not a chapter of a numbered part
])
def test_exercise_ids_with_either_numbering(shown, position, order, expected):
    assert answers.exercise_id(shown, position, order) == expected


def test_chapter_positions_skip_the_appendix(tmp_path):
    toc = tmp_path / "_toc.yml"
    toc.write_text("format: jb-book\nroot: intro\nparts:\n"
                   "  - caption: 'Part I: A'\n    chapters:\n      - file: a/one\n      - file: a/two\n"
                   "  - caption: 'Part II: B'\n    chapters:\n      - file: b/one\n"
                   "  - caption: Appendix\n    chapters:\n      - file: z/api\n", encoding="utf-8")
    assert answers.chapter_positions(toc) == {"a/one": (1, 1), "a/two": (1, 2), "b/one": (2, 1)}


def test_the_answer_cell_says_what_kind_of_answer_to_type():
    number = answers.cell_source("1.2.3", {"kind": "number"})
    assert number == 'answer = ...  # your answer: a number\nmc.check("1.2.3", answer)'
    function = answers.cell_source("2.1.3", {"kind": "function", "variables": ["x"]})
    assert "a function of x" in function
    sequence = answers.cell_source("2.3.1", {"kind": "sequence", "hint": "A tuple (C, dC/dm): the rest."})
    assert "# your answer: a tuple (C, dC/dm)\n" in sequence
    # What the tuple holds ends at the first ":" or ";" outside parentheses; the rest is a hint.
    entry = {"kind": "sequence", "hint": "A tuple (y: at 2; or 3, x) at x = 1; it passes (2, g(2))."}
    assert answers.describe(entry) == "a tuple (y: at 2; or 3, x) at x = 1"
    assert answers.describe({"kind": "sequence", "hint": "Three numbers."}) == "a tuple of values"
    compile(sequence, "cell", "exec")
    # A long description goes above the answer line, wrapped, so no line needs scrolling.
    long = answers.cell_source("2.2.9", {"kind": "sequence", "hint": "A tuple (" + "a value, " * 20 + "z)."})
    lines = long.split("\n")
    assert lines[-2:] == ["answer = ...", 'mc.check("2.2.9", answer)'] and lines[0].startswith("# Your answer: a tuple (")
    assert all(line.startswith("# ") for line in lines[:-2]) and len(lines) > 3
    assert max(map(len, lines)) <= answers.WIDTH
    compile(long, "cell", "exec")


def test_the_extension_inserts_a_block_after_each_keyed_exercise(monkeypatch, tmp_path):
    """The Sphinx side, without a build: a doctree with three numbered exercises, two keyed."""
    import importlib.util
    from types import SimpleNamespace

    spec = importlib.util.spec_from_file_location("answer_cells", ROOT / "book" / "_ext" / "answer_cells.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps({"format": 1, "keys": {
        "2.3.1": {"kind": "number"}, "2.3.2": {"kind": "none", "reason": "a proof"},
        "2.3.3": {"kind": "function", "variables": ["x"]}}}), encoding="utf-8")
    exercise_node = type("exercise_enumerable_node", (nodes.Element,), {})
    for numbering in ({"ex-a": (21,), "ex-b": (22,), "ex-c": (23,)},          # straight through
                      {"ex-a": (2, 3, 1), "ex-b": (2, 3, 2), "ex-c": (2, 3, 3)}):  # per chapter
        doctree = nodes.document(None, None)
        section = nodes.section()
        doctree += section
        for name in ("ex-a", "ex-b", "ex-c"):
            section += exercise_node(ids=[name])
            section += nodes.paragraph(text="solution")
        env = SimpleNamespace(toc_fignumbers={"book/02-derivatives/03-derivatives-in-ml": {"exercise": numbering}})
        app = SimpleNamespace(env=env, srcdir=str(ROOT), config=SimpleNamespace(answer_cells_keys=str(keys)))
        module.add_answer_cells(app, doctree, "book/02-derivatives/03-derivatives-in-ml")
        blocks = [child for child in section.children if "answer-cell" in child.get("classes", [])]
        assert [block["ids"] for block in blocks] == [["answer-cell-2.3.1"], ["answer-cell-2.3.3"]]
        kinds = [child for child in section.children]
        assert kinds.index(blocks[0]) == 1 and kinds.index(blocks[1]) == 6  # right after the exercise
        code = blocks[0].next_node(nodes.literal_block).astext()
        assert code == 'answer = ...  # your answer: a number\nmc.check("2.3.1", answer)'


# ---- the built site (slow) ----------------------------------------------------------------

def keyed(doc: str, position: tuple[int, int]) -> list[str]:
    prefix = f"{position[0]}.{position[1]}."
    return [e for e, entry in all_keys().items() if e.startswith(prefix) and entry["kind"] != "none"]


@pytest.mark.slow
@pytest.mark.parametrize("doc, position", chapters(), ids=[doc for doc, _ in chapters()])
def test_each_page_shows_an_answer_block_after_each_checkable_exercise(built_book, doc, position):
    soup = BeautifulSoup((HTML / f"{doc}.html").read_text(encoding="utf-8"), "html.parser")
    blocks = soup.select("div.answer-cell")
    found = [block["id"].removeprefix("answer-cell-") for block in blocks]
    assert sorted(found) == sorted(keyed(doc, position))
    for block, exercise in zip(blocks, found):
        assert "Check your answer" in block.get_text()
        code = block.select_one("div.highlight pre").get_text()
        assert f'mc.check("{exercise}", answer)' in code and "answer = ..." in code
        exercise_box = block.find_previous_sibling()
        assert exercise_box is not None and "exercise" in exercise_box.get("class", []), exercise
