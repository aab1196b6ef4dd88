"""Answer cells: what a learner types to check an exercise with ``mc.check``.

Both editions show the same cell after each exercise that has a checkable answer key: the
notebook edition as a code cell before the folded solution (scripts/notebook_edition/convert.py),
the website as a highlighted, non-executed block (book/_ext/answer_cells.py). Both take the
exercise ids and the kinds of answer from mlcalc's keys.json only, the file the build collects
from the solutions' ``key()`` calls, so a cell exists exactly where ``mc.check`` can answer.

An exercise's id is "<part>.<chapter in the part>.<n-th exercise of the chapter>", such as
"2.3.4": the part and the chapter are positions in _toc.yml (the appendix and the intro have none).
"""

from __future__ import annotations

import json
import re
import textwrap
from importlib import resources
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
KEYS = ROOT / "code" / "src" / "mlcalc" / "keys.json"
WIDTH = 78  # longest line of an answer cell (the page shows about 80 characters of code)
# What each kind of key expects, in the words of the cell's comment (short: one line of code).
EXPECTED = {
    "number": "a number",
    "limit": 'a number, "+inf", "-inf" or "does not exist"',
    "expression": "an expression in {names} (SymPy or a string)",
    "function": "a function of {names} (Python, SymPy or a string)",
    "function with derivative": "a function of {names} (Python, SymPy or a string)",
    "sequence": "a tuple of values",
}


def load_keys(path: Path = KEYS) -> dict[str, dict]:
    """The checkable keys of keys.json (kind other than "none"), by exercise id.

    Without a repository around (the scripts copied elsewhere), the default is the keys.json of
    the installed mlcalc: the same file, shipped with the package.
    """
    if Path(path) == KEYS and not KEYS.is_file():
        text = resources.files("mlcalc").joinpath("keys.json").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text)
    return {exercise: entry for exercise, entry in data["keys"].items() if entry["kind"] != "none"}


def chapter_positions(toc_path: Path = ROOT / "_toc.yml") -> dict[str, tuple[int, int]]:
    """(part, chapter in the part) of each chapter of a numbered part of the book, by doc path.

    The numbered parts are those whose caption starts with "Part" (the appendix is not one).
    """
    toc = yaml.safe_load(Path(toc_path).read_text(encoding="utf-8"))
    positions: dict[str, tuple[int, int]] = {}
    part_number = 0
    for part in toc.get("parts", []):
        if not str(part.get("caption", "")).startswith("Part"):
            continue
        part_number += 1
        for chapter_number, chapter in enumerate(part.get("chapters", []), start=1):
            positions[chapter["file"]] = (part_number, chapter_number)
    return positions


def exercise_id(shown: tuple | list | str | int | None, position: tuple[int, int] | None, order: int) -> str | None:
    """The key id of an exercise from the number the page shows and where it is.

    ``shown`` is the number Sphinx gives the exercise: ``(2, 3, 4)`` or ``"2.3.4"`` once the
    book numbers exercises per chapter, or a single running number (``(17,)``) when it numbers
    them straight through the book. A number with a part and a chapter is the id itself;
    otherwise the id comes from the chapter's ``position`` (part, chapter) and the exercise's
    ``order`` in the page (1 for the first). None when the page is not a numbered chapter.
    """
    if isinstance(shown, str):
        parts = [p for p in re.split(r"[.\s]+", shown.strip()) if p]
    elif isinstance(shown, (tuple, list)):
        parts = [str(p) for p in shown]
    else:
        parts = [str(shown)] if shown is not None else []
    if len(parts) >= 3:
        return ".".join(parts)
    if position is None:
        return None
    return f"{position[0]}.{position[1]}.{order}"


def describe(entry: dict) -> str:
    """What the cell's comment says the answer is, for one key of keys.json."""
    kind = entry["kind"]
    names = " and ".join(entry.get("variables") or ["x"])
    if kind == "sequence":  # a tuple key's hint starts with what it holds: "A tuple (a, b) at x = 1: ..."
        hint = entry.get("hint", "")
        if not re.match(r"A tuple\b", hint):
            return EXPECTED["sequence"]
        depth, end = 0, len(hint)
        for index, char in enumerate(hint):  # up to the first ":" or ";" outside parentheses
            depth += {"(": 1, ")": -1}.get(char, 0)
            if char in ":;" and depth == 0:
                end = index
                break
        return "a tuple" + hint[len("A tuple"):end].rstrip(" .")
    return EXPECTED[kind].format(names=names)


def cell_source(exercise: str, entry: dict) -> str:
    """The answer cell: the learner replaces ``...`` and runs it.

    The comment says what kind of answer to type; when it would make the line longer than
    WIDTH characters (a tuple's description), it goes on the lines above ``answer = ...``.
    """
    line = f"answer = ...  # your answer: {describe(entry)}"
    if len(line) > WIDTH:
        comment = textwrap.wrap(f"Your answer: {describe(entry)}", WIDTH - 2)
        line = "\n".join(f"# {part}" for part in comment) + "\nanswer = ..."
    return f'{line}\nmc.check("{exercise}", answer)'
