"""Small fixes to the HTML that Sphinx and the theme write, found by the browser tests.

- sphinx-thebe adds its configuration script twice when Jupyter Book loads it, which declares a
  `const` twice and raises a JavaScript error on every page: keep one copy of each script.
- docutils gives the list of citations `role="list"` and its entries the deprecated
  `role="doc-biblioentry"`, which is invalid ARIA (axe-core: aria-required-children, critical;
  aria-deprecated-role): drop both roles; the entries stay plain, labelled paragraphs.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


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


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _one_copy_of_each_script)
    app.connect("html-page-context", _citation_list_without_list_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
