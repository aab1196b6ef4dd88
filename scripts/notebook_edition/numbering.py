"""The numbers the website shows, computed from the MyST sources.

The chapters of a part marked `numbered` in _toc.yml carry the number <part>.<chapter> (the
part's position in _toc.yml, the chapter's position in the part: Part II's third chapter is 2.3),
and Sphinx numbers their figures, labelled equations and exercises (sphinx-exercise registers
exercises as a numbered node type) from 1 in every chapter, in document order, after the chapter's
number: Fig. 2.3.1, (2.3.1), Exercise 2.3.1 (book/_ext/numbering.py). Pages outside a numbered part
(the introduction, the appendix) have no chapter number; their figures, equations and exercises
are numbered 1, 2, … through all of those pages, in table-of-contents order, as Sphinx does.
The index below walks the pages the same way.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.notebook_edition import myst

LABEL_LINE = re.compile(r"^\((?P<label>[^()\s]+)\)=\s*$")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
MATH_LABEL = re.compile(r"\$\$\s*\((?P<label>[^()\s]+)\)\s*$")


@dataclass
class Target:
    """Something a reference can point at."""

    doc: str  # page path without suffix, e.g. book/01-limits/04-calculating-limits
    kind: str  # section, exercise, figure, equation
    anchor: str  # HTML id on the page
    number: str | None = None  # as printed: "2.3.4" in a numbered chapter, "4" elsewhere
    title: str = ""


@dataclass
class Index:
    targets: dict[str, Target] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # doc -> page title
    exercises: dict[str, list[Target]] = field(default_factory=dict)  # doc -> exercises in order
    figures: dict[str, list[Target]] = field(default_factory=dict)  # doc -> numbered figures
    unlabelled: dict[tuple[str, int], Target] = field(default_factory=dict)  # (doc, line) -> exercise
    chapters: dict[str, str] = field(default_factory=dict)  # doc -> chapter number, e.g. "2.3"


def chapter_numbers(root: Path) -> dict[str, str]:
    """The chapter number of each page of a numbered part of root/_toc.yml ({} without one)."""
    toc_file = root / "_toc.yml"
    if not toc_file.is_file():
        return {}
    toc = yaml.safe_load(toc_file.read_text(encoding="utf-8"))
    numbers = {}
    for part, entry in enumerate(toc.get("parts", []), start=1):
        if entry.get("numbered"):
            for chapter, page in enumerate(entry.get("chapters", []), start=1):
                if "file" in page:
                    numbers[page["file"]] = f"{part}.{chapter}"
    return numbers


def figure_name(block: myst.Directive) -> str | None:
    """The label of a numbered figure: a code cell with mystnb figure metadata, a glue figure
    or a figure directive, each with a name; None for anything else."""
    if block.name == "code-cell":
        figure = (block.options.get("mystnb") or {}).get("figure")
        return figure.get("name") if isinstance(figure, dict) else None
    if block.name in ("glue:figure", "figure"):
        return block.options.get("name")
    return None


def next_number(counters: dict[str, int], chapter: str | None, kind: str) -> str:
    """Count one more `kind` and return its number as printed: "2.3.4" in chapter 2.3, else "4"."""
    counters[kind] += 1
    return f"{chapter}.{counters[kind]}" if chapter else str(counters[kind])


def build(root: Path, docs: list[str]) -> Index:
    """Number every figure, labelled equation and exercise of the book, in toc order."""
    index = Index(chapters=chapter_numbers(root))
    unnumbered = {"figure": 0, "equation": 0, "exercise": 0}  # run on through unnumbered pages
    for doc in docs:
        path = root / f"{doc}.md"
        if not path.is_file():
            continue
        chapter = index.chapters.get(doc)
        number = functools.partial(next_number, {"figure": 0, "equation": 0, "exercise": 0}
                                   if chapter else unnumbered, chapter)
        _, blocks = myst.read(path)
        index.exercises[doc] = []
        index.figures[doc] = []
        pending: list[str] = []
        for block in myst.walk(blocks):
            if isinstance(block, myst.Text):
                for line in block.lines:
                    label = LABEL_LINE.match(line)
                    heading = HEADING.match(line)
                    math = MATH_LABEL.search(line)
                    if label:
                        pending.append(label["label"])
                    elif heading:
                        if doc not in index.titles:
                            index.titles[doc] = heading["title"]
                        for name in pending:
                            index.targets[name] = Target(doc, "section", name, title=heading["title"])
                        pending = []
                    elif line.strip():
                        pending = []
                    if math:
                        index.targets[math["label"]] = Target(
                            doc, "equation", f"equation-{math['label']}", number("equation"))
                continue
            if not isinstance(block, myst.Directive):
                continue
            pending = []
            if block.name == "math" and block.options.get("label"):
                label = block.options["label"]
                index.targets[label] = Target(doc, "equation", f"equation-{label}", number("equation"))
            elif block.name in ("exercise", "exercise-start") and "nonumber" not in block.options:
                label = block.options.get("label", "")
                target = Target(doc, "exercise", label, number("exercise"), block.arg)
                if label:
                    index.targets[label] = target
                index.unlabelled[(doc, block.line)] = target
                index.exercises[doc].append(target)
            else:
                name = figure_name(block)
                if name:
                    target = Target(doc, "figure", name, number("figure"))
                    index.targets[name] = target
                    index.figures[doc].append(target)
    return index
