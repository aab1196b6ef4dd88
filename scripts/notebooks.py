"""Write the notebook edition: a Jupyter notebook (.ipynb) beside every chapter, for Colab and Binder.

Colab opens only .ipynb files, so each MyST chapter listed in _toc.yml gets a notebook beside
it (book/01-limits/01-x.md -> book/01-limits/01-x.ipynb), which the launch buttons open. The
notebook reads like the web page: scripts/notebook_edition renders every MyST construct as
CommonMark with math (see its convert module), with the website's numbers for exercises,
figures and equations, and fails, naming the file, line and construct, on anything it does not
know. The first cell names the edition and, in Colab only, installs exactly the mlcalc release
of this edition (`__version__` in code/src/mlcalc/__init__.py). Usage:

    python scripts/notebooks.py          # write the notebooks
    python scripts/notebooks.py --check  # exit 1 if a committed notebook is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python scripts/notebooks.py` puts scripts/ first, not the root
    sys.path.insert(0, str(ROOT))

from scripts.notebook_edition import numbering  # noqa: E402
from scripts.notebook_edition.convert import Chapter, Edition  # noqa: E402
from scripts.notebook_edition.myst import MystError  # noqa: E402

INSTALL_CELL = '''\
# {title}, edition {version}. This notebook is the chapter {page}
# In Colab this cell installs mlcalc {version}, the release this edition was written for (elsewhere it does nothing).
# Tests redirect it: MLCALC_FORCE_INSTALL=1 runs it anywhere, MLCALC_INSTALL_SOURCE replaces "{requirement}".
import os
import subprocess
import sys

if "google.colab" in sys.modules or os.environ.get("MLCALC_FORCE_INSTALL") == "1":
    source = os.environ.get("MLCALC_INSTALL_SOURCE", "{requirement}")
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-color", source],
                         capture_output=True, text=True)
    if pip.returncode != 0:
        class InstallFailed(Exception):
            def _render_traceback_(self):  # Jupyter shows this one sentence, not a traceback
                return [str(self)]

        reason = (pip.stderr.strip().splitlines() or ["pip gave no reason"])[-1]
        raise InstallFailed(f"Installing {{source}} failed ({{reason}}); check that the runtime is online "
                            "and that this release of mlcalc exists, then run this cell again.")'''


def book_config() -> dict:
    """The parsed _config.yml."""
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def mlcalc_version() -> str:
    """The edition's single version: `__version__` in code/src/mlcalc/__init__.py."""
    text = (ROOT / "code" / "src" / "mlcalc" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.M)
    if not match:
        raise SystemExit("code/src/mlcalc/__init__.py has no __version__ line")
    return match[1]


def mlcalc_requirement(config: dict | None = None) -> str:
    """The pip requirement of the mlcalc release this edition was written for."""
    return f"mlcalc=={mlcalc_version()}"


def site_url(config: dict) -> str:
    """The published site, ending in /: html.baseurl in _config.yml if set, else the GitHub
    Pages of repository.url."""
    base = (config.get("html") or {}).get("baseurl")
    if base:
        return base.rstrip("/") + "/"
    owner, repo = urlparse(config["repository"]["url"]).path.strip("/").split("/")[:2]
    return f"https://{owner.lower()}.github.io/{repo}/"


def toc_files() -> list[str]:
    """Every file listed in _toc.yml, root first, without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries: list) -> None:
        for entry in entries:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    return files


def chapter_sources() -> list[Path]:
    """The MyST notebooks of the book: toc files whose front matter declares a kernel."""
    sources = []
    for name in toc_files():
        path = ROOT / f"{name}.md"
        if path.is_file() and "kernelspec:" in path.read_text(encoding="utf-8").split("\n---", 1)[0]:
            sources.append(path)
    return sources


def edition() -> Edition:
    """What all notebooks share: the numbering of the whole book, the bibliography, the site."""
    config = book_config()
    index = numbering.build(ROOT, toc_files())
    bibfile = ROOT / config.get("bibtex_bibfiles", ["book/references.bib"])[0]
    shared = Edition.load(ROOT, index, site_url(config), mlcalc_version(), bibfile)
    owner_repo = urlparse(config["repository"]["url"]).path.strip("/")
    shared.raw_url = f"https://raw.githubusercontent.com/{owner_repo}/{config['repository']['branch']}/"
    return shared


def notebook_text(source: Path, shared: Edition) -> str:
    """The .ipynb text for one chapter: the edition and install cell, then the chapter rendered."""
    chapter = Chapter(shared, source)
    page = shared.url(chapter.doc)
    title = book_config()["title"]
    install = INSTALL_CELL.format(title=title, version=shared.version, page=page,
                                  requirement=mlcalc_requirement())
    notebook = chapter.notebook(install)
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a notebook is out of date")
    args = parser.parse_args(argv)
    shared = edition()
    stale = []
    for source in chapter_sources():
        target = source.with_suffix(".ipynb")
        try:
            text = notebook_text(source, shared)
        except MystError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            continue
        if args.check:
            stale.append(target.relative_to(ROOT).as_posix())
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    expected = {source.with_suffix(".ipynb") for source in chapter_sources()}
    for orphan in sorted(set((ROOT / "book").rglob("*.ipynb")) - expected):
        if ".ipynb_checkpoints" in orphan.parts:
            continue
        if args.check:
            stale.append(f"{orphan.relative_to(ROOT).as_posix()} (its chapter is gone)")
        else:
            orphan.unlink()
            print(f"removed {orphan.relative_to(ROOT)}")
    if stale:
        print("out of date (run `make notebooks`):\n  " + "\n  ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
