"""Small fixes to the HTML that Sphinx and the theme write, found by the browser tests.

- sphinx-thebe adds its configuration script twice when Jupyter Book loads it, which declares a
  `const` twice and raises a JavaScript error on every page: keep one copy of each script.
- docutils gives the list of citations `role="list"` and its entries the deprecated
  `role="doc-biblioentry"`, which is invalid ARIA (axe-core: aria-required-children, critical;
  aria-deprecated-role): drop both roles; the entries stay plain, labelled paragraphs.
- Downloads of the notebook edition: the site carries each chapter's notebook (the one
  `make notebooks` writes beside the chapter, which reads like the page in Jupyter and Colab) under
  `_notebooks/`, and all of them in `notebooks.zip`. The theme's ".ipynb" download button points at
  the chapter's notebook (not at the executed MyST source), and every download menu offers the zip
  and the PDF edition of the whole book.
- Sphinx 7.4 forgets the index entries of unchanged pages in the search index of an incremental
  build: they are restored from the previous index (`_keep_index_entries_across_builds`).
- `make page` previews one chapter without the others (MLCALC_PAGE_PREVIEW=1): links to labels
  in other chapters cannot resolve there, so that build does not report them; the full book
  build still fails on any unresolved reference.
"""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from scripts.notebooks import book_config, site_url  # noqa: E402  (one definition of the site's address)

NOTEBOOKS_DIR = "_notebooks"
NOTEBOOKS_ZIP = "notebooks.zip"
PDF_NAME = "calculus-for-ml.pdf"  # what `make pdf` writes (scripts/pdf/build.py)


def _one_copy_of_each_script(app: Sphinx, pagename: str, templatename: str,
                             context: dict[str, Any], doctree: Any) -> None:
    seen = set()
    unique = []
    for script in context.get("script_files", []):
        filename = getattr(script, "filename", script) or ""  # inline scripts: None or ""
        key = (str(filename), getattr(script, "attributes", {}).get("body"))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def _citation_list_without_list_role(app: Sphinx, pagename: str, templatename: str,
                                     context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body")
    if body:
        body = body.replace('<div role="list" class="citation-list">', '<div class="citation-list">')
        context["body"] = body.replace(' role="doc-biblioentry"', "")


def _chapter_notebooks(app: Sphinx) -> list[str]:
    """The built pages that have a notebook beside their source, as docnames, sorted."""
    source = Path(app.srcdir)
    return sorted(doc for doc in app.env.found_docs if (source / f"{doc}.ipynb").is_file())


def _notebook_download_buttons(app: Sphinx, pagename: str, templatename: str,
                               context: dict[str, Any], doctree: Any) -> None:
    pathto = context["pathto"]
    has_notebook = (Path(app.srcdir) / f"{pagename}.ipynb").is_file()
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        buttons = [button for button in group["buttons"] if button.get("label") != "download-notebook-button"]
        if has_notebook:
            buttons.insert(0, {
                "type": "link", "url": pathto(f"{NOTEBOOKS_DIR}/{pagename}.ipynb", 1), "text": ".ipynb",
                "icon": "fas fa-code", "tooltip": "Download this chapter as a notebook (Jupyter, Colab)",
                "label": "download-notebook-button",
            })
        buttons.append({
            "type": "link", "url": pathto(NOTEBOOKS_ZIP, 1), "text": "all notebooks (.zip)",
            "icon": "fas fa-file-zipper", "tooltip": "Download the notebooks of every chapter",
            "label": "download-all-notebooks-button",
        })
        buttons.append({
            "type": "link", "url": _published_pdf(app), "text": "the book (.pdf)",
            "icon": "fas fa-book", "tooltip": "Download the whole book as one PDF",
            "label": "download-book-pdf-button",
        })
        group["buttons"] = buttons


def _published_pdf(app: Sphinx) -> str:
    """The PDF edition on the published site (the release workflow puts it beside the pages; an
    absolute address, because a site built by `make book` alone has no PDF)."""
    return site_url(book_config()) + PDF_NAME


def _copy_notebooks(app: Sphinx, exception: Exception | None) -> None:
    """Each chapter's notebook under _notebooks/, and all of them in notebooks.zip (fixed dates,
    so the same notebooks give the same zip)."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    with zipfile.ZipFile(out / NOTEBOOKS_ZIP, "w", zipfile.ZIP_DEFLATED) as archive:
        for doc in _chapter_notebooks(app):
            data = (Path(app.srcdir) / f"{doc}.ipynb").read_bytes()
            target = out / NOTEBOOKS_DIR / f"{doc}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            info = zipfile.ZipInfo(f"{doc}.ipynb", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def _preview_ignores_other_chapters(app: Sphinx, config: Any) -> None:
    if os.environ.get("MLCALC_PAGE_PREVIEW") == "1":
        config.suppress_warnings = [*config.suppress_warnings, "ref.ref", "ref.doc", "ref.numref"]


def _keep_index_entries_across_builds() -> None:
    """Sphinx 7.4 reloads the search index of the pages an incremental build does not rewrite,
    but not their index entries (`IndexBuilder.load` skips "indexentries"), so after such a build
    the search finds no index entry of an unchanged page. Restore them from the frozen index;
    pages that are rewritten replace theirs when they are fed again, and pruned pages drop out."""
    from sphinx.search import IndexBuilder

    if getattr(IndexBuilder.load, "_keeps_index_entries", False):
        return
    original_load, original_prune = IndexBuilder.load, IndexBuilder.prune

    def load(self: IndexBuilder, stream: Any, format: Any) -> None:
        position = stream.tell()
        original_load(self, stream, format)
        stream.seek(position)
        loader = self.formats[format] if isinstance(format, str) else format
        frozen = loader.load(stream)
        names = frozen["docnames"]
        restored: dict[str, list[tuple[str, str, str]]] = {}
        for entry, places in frozen.get("indexentries", {}).items():
            for doc, target, main in places:
                restored.setdefault(names[doc], []).append((entry, target, "main" if main else ""))
        for docname, entries in restored.items():
            self._index_entries.setdefault(docname, sorted(entries))

    def prune(self: IndexBuilder, docnames: Any) -> None:
        original_prune(self, docnames)
        keep = set(docnames)
        for docname in [name for name in self._index_entries if name not in keep]:
            del self._index_entries[docname]

    load._keeps_index_entries = True  # type: ignore[attr-defined]
    IndexBuilder.load, IndexBuilder.prune = load, prune


def setup(app: Sphinx) -> dict[str, Any]:
    _keep_index_entries_across_builds()
    app.connect("config-inited", _preview_ignores_other_chapters)
    app.connect("html-page-context", _one_copy_of_each_script)
    app.connect("html-page-context", _citation_list_without_list_role)
    # After sphinx-book-theme's own header buttons (priority 501).
    app.connect("html-page-context", _notebook_download_buttons, priority=600)
    app.connect("build-finished", _copy_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
