"""The edition number on every page: `__version__` of mlcalc, the one version of the book and its
helper package (code/src/mlcalc/__init__.py, read as text so that the build shows the checkout's
number whichever mlcalc the kernel imports).

It becomes Sphinx's `version` and `release`, a badge "Edition <version>" under the book's title
at the top of the sidebar of every page, a line in the footer naming the release of mlcalc that
the notebooks install, and the `edition` variable of the page templates.
"""

from __future__ import annotations

import ast
from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

INIT = Path("code") / "src" / "mlcalc" / "__init__.py"


def edition(root: Path) -> str:
    """The `__version__` string assigned in mlcalc/__init__.py under `root`."""
    path = root / INIT
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "__version__":
            return node.value.value
    raise ValueError(f"{path} assigns no __version__")


def _set_edition(app: Sphinx, config: Config) -> None:
    number = edition(Path(app.confdir))
    config.version = config.release = number
    footer = (f'<p class="edition">Edition {escape(number)} &middot; its notebooks install '
              f"<code>mlcalc=={escape(number)}</code></p>")
    options = dict(config.html_theme_options or {})
    title = escape(config.html_title or config.project)
    badge = f'<span class="edition-badge">Edition {escape(number)}</span>'
    options["logo"] = {**options.get("logo", {}), "text": f"{title} {badge}", "alt_text": title}
    options["extra_footer"] = footer
    config.html_theme_options = options
    config.html_context = {**(config.html_context or {}), "edition": number}


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _set_edition)
    app.add_css_file("edition.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
