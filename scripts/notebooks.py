"""Generate a Jupyter notebook (.ipynb) beside every chapter, for Colab and Binder.

Colab opens only .ipynb files, so each MyST chapter listed in _toc.yml gets a notebook beside
it (book/01-limits/01-x.md -> book/01-limits/01-x.ipynb). The book's launch buttons point at
that path in the repository. The notebook's first cell installs mlcalc from the repository URL
set once in _config.yml, pinned to the branch the book is published from, and only when it
runs in Colab (Binder installs requirements.txt). Usage:

    python scripts/notebooks.py          # write the notebooks
    python scripts/notebooks.py --check  # exit 1 if a committed notebook is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]

COLAB_CELL = '''\
# In Google Colab, install the book's helper package `mlcalc` first (elsewhere it is installed).
import sys

if "google.colab" in sys.modules:
    import subprocess

    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "{requirement}"],
        check=True,
    )'''


def book_config() -> dict:
    """The parsed _config.yml."""
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def mlcalc_requirement(config: dict) -> str:
    """The pip requirement that installs mlcalc from the book's repository and branch."""
    repository = config["repository"]
    url = repository["url"].rstrip("/")
    return f"mlcalc @ git+{url}@{repository['branch']}#subdirectory=code"


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


def notebook_text(source: Path, requirement: str) -> str:
    """The .ipynb text for one chapter: the Colab cell, then the chapter's cells."""
    notebook = jupytext.read(source)
    install = nbformat.v4.new_code_cell(COLAB_CELL.format(requirement=requirement))
    install.metadata["tags"] = ["colab-setup"]
    notebook.cells.insert(0, install)
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"  # stable ids: the same chapter gives the same file
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["mlcalc"] = {"source": source.relative_to(ROOT).as_posix()}
    return jupytext.writes(notebook, fmt="ipynb")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a notebook is out of date")
    args = parser.parse_args(argv)
    requirement = mlcalc_requirement(book_config())
    stale = []
    for source in chapter_sources():
        target = source.with_suffix(".ipynb")
        text = notebook_text(source, requirement)
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
