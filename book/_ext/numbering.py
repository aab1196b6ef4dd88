"""Numbers that carry their chapter: Exercise 2.3.4, Fig. 1.4.2, equation (2.1.3), chapter 2.3.

Jupyter Book turns each part of `_toc.yml` into a toctree of the root page, and Sphinx numbers
every numbered toctree from 1: Part II's third chapter would be "3", and its figures would count on
from those of the third chapter of Part I ("Fig. 3.5" after Part I's "Fig. 3.4"). Sphinx's
TocTreeCollector assigns those numbers on `env-get-updated`; this extension runs after it and

- prefixes each chapter's section numbers with the part's number (the part's position among the
  root page's toctrees: Part I is 1), so the chapter's title, the sidebar, and the previous/next
  links say "2.3";
- numbers figures, exercises (sphinx-exercise's enumerable node) and labelled equations
  (`math_numfig`) again, from 1 in every chapter, in document order: Part II's third chapter has
  Fig. 2.3.1, Exercise 2.3.1 and equation (2.3.1) first.

Pages outside a numbered part (the introduction, the appendix) keep no number. Everything that
prints a number reads these tables: titles, `{numref}`, `{eq}` and `{ref}` texts, captions,
"Exercise N" and "Solution to Exercise N". scripts/notebook_edition/numbering.py computes the
same numbers for the notebooks, and tests/site/test_notebooks.py compares them with the built pages.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def part_numbers(env: BuildEnvironment) -> dict[str, int]:
    """Each document listed in a numbered toctree of the root page: the toctree's position (from 1)."""
    if env.config.root_doc not in env.found_docs:
        return {}
    doctree = env.get_doctree(env.config.root_doc)
    parts = {}
    for part, toctree in enumerate(doctree.findall(addnodes.toctree), start=1):
        if not toctree.get("numbered"):
            continue
        for _title, ref in toctree["entries"]:
            if ref in env.tocs:
                parts[ref] = part
    return parts


def _with_part(number: Any, part: int) -> Any:
    return [part, *number] if number else number


def _renumber(app: Sphinx, env: BuildEnvironment) -> list[str]:
    for doc, part in part_numbers(env).items():
        secnumbers = env.toc_secnumbers.get(doc)
        if not secnumbers or not secnumbers.get(""):
            continue
        env.toc_secnumbers[doc] = {anchor: tuple(_with_part(number, part)) if number else number
                                   for anchor, number in secnumbers.items()}
        for reference in env.tocs[doc].findall(nodes.reference):
            reference["secnumber"] = _with_part(reference.get("secnumber"), part)
        title = env.titles.get(doc)
        if title is not None:
            title["secnumber"] = _with_part(title.get("secnumber"), part)
        chapter = env.toc_secnumbers[doc][""]
        for figtype, numbers in env.toc_fignumbers.get(doc, {}).items():
            in_order = sorted(numbers, key=numbers.__getitem__)
            env.toc_fignumbers[doc][figtype] = {
                node_id: (*chapter, count) for count, node_id in enumerate(in_order, start=1)}
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    # After Sphinx's TocTreeCollector (priority 500), which assigns the numbers on the same event.
    app.connect("env-get-updated", _renumber, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
