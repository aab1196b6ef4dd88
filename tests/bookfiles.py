"""Where the book's sources and built pages are, for the tests of the book and the site."""

from __future__ import annotations

from scripts.notebooks import ROOT, chapter_sources, toc_files

HTML = ROOT / "_build" / "html"

__all__ = ["ROOT", "HTML", "toc_files", "chapter_files"]


def chapter_files() -> list[str]:
    """The pages that are executed notebooks, as paths without suffix (book/01-limits/...)."""
    return [source.relative_to(ROOT).with_suffix("").as_posix() for source in chapter_sources()]
