"""Execute notebooks top to bottom and report what a reader would see go wrong, as JSON.

Run by the release tests with the Python of the environment under test (its own Jupyter kernel,
found as the native `python3` kernel of that Python), from a working directory outside the
repository:

    python run_notebooks.py REPORT.json NOTEBOOK.ipynb [NOTEBOOK.ipynb ...]

Two notebooks run at a time (each in its own kernel), in the order given; JOBS=1 runs them one
by one.

For each notebook the report holds the seconds it took, the kernel's peak memory (MiB), and its
problems: a cell that raised,
anything written to stderr, and any output text that carries a Python warning. The executed
notebooks are written beside the report, for a person to open.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

WARNING = re.compile(r"\b\w*Warning\b: ")
# Appended to each notebook and removed again: the kernel's peak resident memory (Linux: KiB).
PEAK_MEMORY = "import resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def problems_of(notebook) -> list[str]:
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        where = f"cell {index} ({cell.source.strip().splitlines()[0][:60] if cell.source.strip() else ''!r})"
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                found.append(f"{where}: {output.ename}: {output.evalue}")
            elif output.output_type == "stream" and output.name == "stderr":
                found.append(f"{where} wrote to stderr: {output.text.strip()[:400]}")
            else:
                text = output.get("text", "") or "".join(
                    value for key, value in output.get("data", {}).items()
                    if key == "text/plain" and isinstance(value, str))
                if WARNING.search(text):
                    found.append(f"{where} shows a warning: {text.strip()[:400]}")
    return found


async def run_one(path: str, out_dir: Path, slots: asyncio.Semaphore) -> tuple[str, dict]:
    async with slots:
        notebook = nbformat.read(path, as_version=4)
        notebook.cells.append(nbformat.v4.new_code_cell(PEAK_MEMORY))
        client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(Path.cwd())}})
        start = time.perf_counter()
        failure = None
        try:
            await client.async_execute()
        except CellExecutionError as error:
            failure = str(error).strip().splitlines()[-1] if str(error).strip() else repr(error)
        seconds = time.perf_counter() - start
    measured = notebook.cells.pop().get("outputs", [])
    peak_mib = round(int(measured[0]["text"]) / 1024) if measured and "text" in measured[0] else None
    problems = problems_of(notebook)
    if failure and not problems:
        problems.append(f"execution failed: {failure}")
    nbformat.write(notebook, out_dir / f"executed-{Path(path).name}")
    return Path(path).name, {"seconds": round(seconds, 1), "peak_mib": peak_mib, "problems": problems}


async def run_all(paths: tuple[str, ...], out_dir: Path, jobs: int) -> dict:
    slots = asyncio.Semaphore(jobs)
    results = await asyncio.gather(*(run_one(path, out_dir, slots) for path in paths))
    return dict(results)


def main(report_path: str, *paths: str) -> int:
    start = time.perf_counter()
    report = asyncio.run(run_all(paths, Path(report_path).parent, int(os.environ.get("JOBS", "2"))))
    report["(wall clock)"] = {"seconds": round(time.perf_counter() - start, 1), "problems": []}
    Path(report_path).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
