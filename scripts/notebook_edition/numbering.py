"""The numbers the website shows, computed from the MyST sources.

Sphinx numbers figures, labelled equations and exercises (sphinx-exercise registers exercises as
a numbered node type) once for the whole book, in table-of-contents order, in document order
within a page: the book has no numbered sections, so the numbers run on from page to page
("Fig. 17", "(15)", "Exercise 15" on the fourth page). The index below walks the pages the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

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
    number: int | None = None
    title: str = ""


@dataclass
class Index:
    targets: dict[str, Target] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # doc -> page title
    exercises: dict[str, list[Target]] = field(default_factory=dict)  # doc -> exercises in order
    figures: dict[str, list[Target]] = field(default_factory=dict)  # doc -> numbered figures
    unlabelled: dict[tuple[str, int], Target] = field(default_factory=dict)  # (doc, line) -> exercise


def figure_name(block: myst.Directive) -> str | None:
    """The label of a numbered figure: a code cell with mystnb figure metadata, a glue figure
    or a figure directive, each with a name; None for anything else."""
    if block.name == "code-cell":
        figure = (block.options.get("mystnb") or {}).get("figure")
        return figure.get("name") if isinstance(figure, dict) else None
    if block.name in ("glue:figure", "figure"):
        return block.options.get("name")
    return None


def build(root: Path, docs: list[str]) -> Index:
    """Number every figure, labelled equation and exercise of the book, in toc order."""
    index = Index()
    counters = {"figure": 0, "equation": 0, "exercise": 0}
    for doc in docs:
        path = root / f"{doc}.md"
        if not path.is_file():
            continue
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
                        counters["equation"] += 1
                        index.targets[math["label"]] = Target(
                            doc, "equation", f"equation-{math['label']}", counters["equation"])
                continue
            if not isinstance(block, myst.Directive):
                continue
            pending = []
            if block.name == "math" and block.options.get("label"):
                counters["equation"] += 1
                label = block.options["label"]
                index.targets[label] = Target(doc, "equation", f"equation-{label}", counters["equation"])
            elif block.name in ("exercise", "exercise-start") and "nonumber" not in block.options:
                counters["exercise"] += 1
                label = block.options.get("label", "")
                target = Target(doc, "exercise", label, counters["exercise"], block.arg)
                if label:
                    index.targets[label] = target
                index.unlabelled[(doc, block.line)] = target
                index.exercises[doc].append(target)
            else:
                name = figure_name(block)
                if name:
                    counters["figure"] += 1
                    target = Target(doc, "figure", name, counters["figure"])
                    index.targets[name] = target
                    index.figures[doc].append(target)
    return index
