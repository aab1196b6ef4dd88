"""Benchmark the book build and the built pages; print one table (run it with `make bench`).

It works on a scratch copy of the repository (sharing this checkout's .venv), so your own
build and execution cache are left alone. Measured, in order:

- floor: every chapter executed alone with nbclient, one after another (a fresh kernel each);
  the sum is the physical floor of a serial cold build;
- cold: `make book` from an empty `_build`, with chapters run one at a time and (the default)
  in parallel, and their ratios to the floor;
- warm: `make book` again with nothing changed, and its ratio to cold;
- one chapter edited: a comment added to one chapter's code; which chapters ran again, and time;
- a module of mlcalc edited: a comment added to `losses`; which chapters ran again (they must be
  exactly those that imported mlcalc.losses when they last ran, as scripts/execute.py
  recorded), and time;
- page weight: for every page, its HTML plus the images and scripts that only it uses;
- `import mlcalc` time in a fresh interpreter (best of 5).
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from jupyter_cache import get_cache
from myst_nb.core.read import read_myst_markdown_notebook
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.notebooks import chapter_sources  # noqa: E402

COPY_IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", "screenshots", "__pycache__",
                                     ".pytest_cache", ".hypothesis", "node_modules")
EDITED_CHAPTER = "book/01-limits/03-method-of-exhaustion.md"
EDITED_MODULE = "code/src/mlcalc/losses.py"
EDITED_MODULE_NAME = "mlcalc.losses"


def scratch_copy() -> Path:
    """A copy of the repository in a temporary folder, using this checkout's .venv."""
    target = Path(tempfile.mkdtemp(prefix="mlcalc-bench-")) / "book"
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE)
    (target / ".venv").symlink_to(ROOT / ".venv")
    # The kernels import the copy's mlcalc (the one the benchmark edits), whatever the venv's
    # editable install points at.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(target / "code" / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
    return target


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed in {cwd}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def floor(book: Path) -> dict[str, float]:
    """Seconds to execute each chapter alone, in a fresh kernel, in its own folder."""
    # The kernels inherit these, as they do from the Makefile during a build.
    os.environ.update(TF_CPP_MIN_LOG_LEVEL="2", TF_ENABLE_ONEDNN_OPTS="0",
                      MPLBACKEND="module://matplotlib_inline.backend_inline")
    times = {}
    for source in chapter_sources():
        path = book / source.relative_to(ROOT)
        notebook = read_myst_markdown_notebook(path.read_text(encoding="utf-8"), path=str(path))
        start = time.perf_counter()
        NotebookClient(notebook, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        times[source.relative_to(ROOT).as_posix()] = time.perf_counter() - start
    return times


def cache_state(book: Path) -> dict[str, object]:
    """uri -> (pk, created) of every cached chapter."""
    cache = get_cache(str(book / "_build" / ".jupyter_cache"))
    return {Path(r.uri).relative_to(book).as_posix(): (r.pk, r.created) for r in cache.list_cache_records()}


def rebuilt(before: dict, after: dict) -> list[str]:
    return sorted(uri for uri, state in after.items() if before.get(uri) != state)


def importers(book: Path, module: str) -> list[str]:
    """The chapters that imported `module` when they last ran (scripts/execute.py's records)."""
    records = json.loads((book / "_build" / ".mlcalc-imports.json").read_text(encoding="utf-8"))
    return sorted(chapter for chapter, record in records["chapters"].items() if module in record["modules"])


def append_line(path: Path, line: str) -> None:
    """Edit a file by appending a line (to a chapter, as a new code cell: its code changes)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text += f"\n```{{code-cell}} ipython3\n{line}\n```\n"
    else:
        text += f"\n{line}\n"
    path.write_text(text, encoding="utf-8")


def page_weights(html: Path) -> list[tuple[str, int]]:
    """Bytes of each page: its HTML plus the images and scripts no other page uses."""
    pages = sorted(p for p in html.rglob("*.html")
                   if not p.relative_to(html).parts[0].startswith(("_static", "_sources", "_images")))
    assets: dict[Path, set[Path]] = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        refs = re.findall(r'(?:src|href)="([^"#?]+\.(?:png|svg|jpg|gif|js))', text)
        assets[page] = {(page.parent / ref).resolve() for ref in refs if "://" not in ref}
    users = Counter(asset for found in assets.values() for asset in found)
    weights = []
    for page in pages:
        own = sum(asset.stat().st_size for asset in assets[page] if users[asset] == 1 and asset.is_file())
        weights.append((page.relative_to(html).as_posix(), page.stat().st_size + own))
    return weights


def import_time() -> float:
    code = "import time; t = time.perf_counter(); import mlcalc; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(5)]
    return min(runs)


def main() -> None:
    book = scratch_copy()
    print(f"benchmark on {platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}; scratch copy {book}")
    chapters = floor(book)
    floor_total = sum(chapters.values())

    cold_serial = timed(["make", "book", "EXECUTE_FLAGS=--serial"], book)
    shutil.rmtree(book / "_build")
    cold = timed(["make", "book"], book)
    state = cache_state(book)
    warm = timed(["make", "book"], book)

    append_line(book / EDITED_CHAPTER, "# benchmark: an edited line")
    edit_chapter = timed(["make", "book"], book)
    after_chapter = cache_state(book)
    chapter_runs = rebuilt(state, after_chapter)

    readers = importers(book, EDITED_MODULE_NAME)
    append_line(book / EDITED_MODULE, "# benchmark: an edited line")
    edit_module = timed(["make", "book"], book)
    module_runs = rebuilt(after_chapter, cache_state(book))
    if module_runs != readers:
        print(f"WARNING: editing {EDITED_MODULE} re-ran {module_runs}, but the chapters that import "
              f"{EDITED_MODULE_NAME} are {readers}")

    weights = page_weights(book / "_build" / "html")
    largest = max(weights, key=lambda item: item[1])
    seconds = import_time()

    rows = [("floor (serial, sum of chapters)", f"{floor_total:.1f} s", "")]
    rows += [(f"  {name}", f"{t:.1f} s", "") for name, t in chapters.items()]
    rows += [
        ("cold, chapters one at a time", f"{cold_serial:.1f} s", f"{cold_serial / floor_total:.2f} x floor"),
        ("cold `make book` (chapters in parallel)", f"{cold:.1f} s", f"{cold / floor_total:.2f} x floor"),
        ("warm `make book`", f"{warm:.1f} s", f"{warm / cold:.1%} of cold"),
        (f"one chapter edited ({Path(EDITED_CHAPTER).stem})", f"{edit_chapter:.1f} s",
         f"re-ran {len(chapter_runs)}: {', '.join(Path(u).stem for u in chapter_runs)}"),
        (f"a module of mlcalc edited ({Path(EDITED_MODULE).stem})", f"{edit_module:.1f} s",
         f"re-ran {len(module_runs)} of {len(chapters)}: {', '.join(Path(u).stem for u in module_runs)}"
         + (f" (exactly the chapters that import {EDITED_MODULE_NAME})" if module_runs == readers
            else f" (NOT the chapters that import {EDITED_MODULE_NAME}: {', '.join(readers)})")),
        ("page weight, median", f"{statistics.median(w for _, w in weights) / 1e6:.2f} MB", f"{len(weights)} pages"),
        ("page weight, largest", f"{largest[1] / 1e6:.2f} MB", largest[0]),
        ("`import mlcalc`", f"{seconds * 1000:.0f} ms", "best of 5, fresh interpreter"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"\n| {'measure':<{width}} | {'value':>9} | note |\n|{'-' * (width + 2)}|{'-' * 11}|------|")
    for name, value, note in rows:
        print(f"| {name:<{width}} | {value:>9} | {note} |")
    print("\npage weights:")
    for name, size in sorted(weights, key=lambda item: -item[1]):
        print(f"  {size / 1e6:6.2f} MB  {name}")
    shutil.rmtree(book.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
