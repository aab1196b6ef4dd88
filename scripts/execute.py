"""Execute the book's chapters into the Jupyter cache, in parallel, before Sphinx reads them.

Sphinx (myst-nb) executes notebooks one after another while it reads them. This script runs
first and fills the same cache (`_build/.jupyter_cache`) with one kernel per core, so the build
then only reads the stored outputs.

The cache keys on a chapter's code cells only, so it cannot see an edit to `mlcalc`. This
script therefore records, for every chapter it executes, which `mlcalc` modules the kernel had
imported at the end and a fingerprint of what they were loaded from (each module's source
file, the file listing and data files of each imported package, and `code/pyproject.toml`), in
`_build/.mlcalc-imports.json`. A chapter runs again when

- its code cells changed (the cache has no outputs for them), or
- a file it depends on changed, appeared or disappeared (its cached outputs are removed), or
- its outputs are not known to come from this script (no record, or the cached outputs were
  written by someone else, e.g. myst-nb itself), or `mlcalc` is now imported from elsewhere.

When in doubt a chapter runs again: stale outputs would be a correctness bug.

    python scripts/execute.py             # what `make book` runs
    python scripts/execute.py --serial    # one notebook at a time (for comparison)
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
import time
import traceback
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.cache.db import NbProjectRecord
from nbclient import NotebookClient
from nbclient.client import CellExecutionError, CellTimeoutError
from nbclient.util import ensure_async

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scripts.notebooks import ROOT, book_config, chapter_sources  # noqa: E402

READER = {"name": "myst_nb_md", "type": "plugin"}  # how myst-nb itself reads a MyST notebook
RECORD_VERSION = 1
RUN_ID = "mlcalc_execution_id"  # key, in a cached notebook's data, of the run that wrote it

# Evaluated in the kernel after a chapter's last cell (not stored in the notebook): the mlcalc
# modules it imported, with the file each was loaded from and, for packages, their folders.
IMPORTED_EXPRESSION = (
    "__import__('json').dumps({name: [getattr(module, '__file__', None), "
    "list(getattr(module, '__path__', None) or [])] "
    "for name, module in list(__import__('sys').modules.items()) "
    "if module is not None and (name == 'mlcalc' or name.startswith('mlcalc.'))})"
)
IGNORED = ("__pycache__",)
# Data files of mlcalc that only one module reads: a chapter depends on them only if it
# imported that module (every chapter would otherwise re-run whenever an answer key changes).
DATA_READERS = {"keys.json": "mlcalc.exercises"}
KEYS_OUT = "MLCALC_KEYS_OUT"  # mlcalc.exercises.key() records each key in the file it names


@dataclass(frozen=True)
class Layout:
    """Where the book, its cache and the import records live."""

    root: Path
    cache: Path
    records: Path
    pyproject: Path
    keys: Path  # one file per chapter of the answer keys its solutions record (collect_keys.py)

    @classmethod
    def of(cls, root: Path) -> Layout:
        build = root / "_build"
        return cls(root, build / ".jupyter_cache", build / ".mlcalc-imports.json",
                   root / "code" / "pyproject.toml", build / "keys")

    def keys_file(self, chapter: str) -> Path:
        """Where a chapter's solutions record their answer keys while it runs."""
        return self.keys / (chapter.removesuffix(".md").replace("/", "--") + ".json")

    def key(self, path: str | Path) -> str:
        """How a path is written in the records: relative to the root when inside it."""
        path = Path(os.path.abspath(path))
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def path(self, key: str) -> Path:
        return self.root / key.rstrip("/")


class Fingerprints:
    """Fingerprints of files and folders by record key, each computed once and then kept.

    A file's fingerprint is a hash of its bytes; a folder's (key ending in "/") a hash of the
    names in it; either is None when the path does not exist.
    """

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.known: dict[str, str | None] = {}

    def __call__(self, key: str) -> str | None:
        if key not in self.known:
            self.known[key] = self._compute(key)
        return self.known[key]

    def _compute(self, key: str) -> str | None:
        path = self.layout.path(key)
        if key.endswith("/"):
            if not path.is_dir():
                return None
            names = sorted(entry.name + ("/" if entry.is_dir() else "") for entry in path.iterdir()
                           if entry.name not in IGNORED and not entry.name.startswith(".")
                           and entry.suffix != ".pyc")
            return "dir:" + hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]
        if not path.is_file():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]

    def prime(self, folder: Path) -> None:
        """Fingerprint every file and folder under `folder` now (before the chapters run)."""
        if not folder.is_dir():
            return
        for path in [folder, *sorted(folder.rglob("*"))]:
            if any(part in IGNORED for part in path.parts) or path.suffix == ".pyc":
                continue
            self(self.layout.key(path) + ("/" if path.is_dir() else ""))


def dependencies(modules: dict[str, list], layout: Layout) -> list[str]:
    """Record keys of everything a chapter's imported mlcalc modules were loaded from.

    `modules` maps a module name to [its file, the folders of a package]. A module depends on
    its file; a package also on the names in its folders (a module file that appears or
    disappears changes what it may import) and on every data file directly in them.
    """
    keys = {layout.key(layout.pyproject)}
    for file, folders in modules.values():
        if file:
            keys.add(layout.key(file))
        for folder in folders:
            keys.add(layout.key(folder) + "/")
            folder_path = Path(folder)
            if folder_path.is_dir():
                keys.update(layout.key(entry) for entry in folder_path.iterdir()
                            if entry.is_file() and entry.suffix not in (".py", ".pyc")
                            and not entry.name.startswith(".")
                            and DATA_READERS.get(entry.name, "mlcalc") in modules)
    return sorted(keys)


def reasons_to_run(chapters: dict[str, str | None], records: dict[str, dict],
                   fingerprint: Callable[[str], str | None], origin: str | None) -> dict[str, str]:
    """Which chapters must run again, and why.

    chapters: chapter -> the run id stored with its cached outputs ("" if they were not written
    by this script), or None if the cache holds no outputs for its current code.
    records: chapter -> what this script recorded when it last executed the chapter.
    fingerprint: record key -> the current fingerprint of that file or folder (None: missing).
    origin: record key of the mlcalc/__init__.py a kernel would import now (None: none).
    Chapters absent from the result keep their cached outputs.
    """
    reasons = {}
    for chapter, run_id in chapters.items():
        record = records.get(chapter)
        if run_id is None:
            reasons[chapter] = "its code changed or it never ran"
        elif record is None:
            reasons[chapter] = "no record of the mlcalc modules it imports"
        elif not run_id or record.get("run_id") != run_id:
            reasons[chapter] = "its cached outputs were not written by this script"
        elif record["modules"] and record.get("origin") != origin:
            reasons[chapter] = f"mlcalc is now imported from {origin}, not {record.get('origin')}"
        else:
            changed = [key for key, value in record["depends_on"].items() if fingerprint(key) != value]
            if changed:
                reasons[chapter] = "changed: " + ", ".join(changed)
    return reasons


def load_records(layout: Layout) -> dict[str, dict]:
    try:
        data = json.loads(layout.records.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != RECORD_VERSION:
        return {}
    return data.get("chapters", {})


def save_records(layout: Layout, records: dict[str, dict]) -> None:
    layout.records.parent.mkdir(parents=True, exist_ok=True)
    scratch = layout.records.with_suffix(".tmp")
    scratch.write_text(json.dumps({"version": RECORD_VERSION, "chapters": records}, indent=1,
                                  sort_keys=True) + "\n", encoding="utf-8")
    scratch.replace(layout.records)


def mlcalc_origin(layout: Layout) -> str | None:
    """Record key of the mlcalc/__init__.py a kernel started now would import (same environment)."""
    code = "import importlib.util as u; s = u.find_spec('mlcalc'); print(s.origin if s and s.origin else '')"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=layout.root).stdout.strip()
    return layout.key(found) if found else None


class RecordingClient(NotebookClient):
    """A notebook client that, after a notebook's last cell, asks its kernel which mlcalc
    modules it imported (a silent request: nothing is added to the notebook)."""

    imported: dict[str, list] | None = None

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if cell_index == len(self.nb.cells) - 1:
            msg_id = await ensure_async(self.kc.execute(
                "", silent=True, store_history=False, user_expressions={"mlcalc": IMPORTED_EXPRESSION}))
            reply = await self.async_wait_for_reply(msg_id)
            while True:  # the kernel is done with the request once it says "idle" for it
                message = await ensure_async(self.kc.get_iopub_msg(timeout=self.timeout))
                if (message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "status"
                        and message["content"]["execution_state"] == "idle"):
                    break
            result = (reply or {}).get("content", {}).get("user_expressions", {}).get("mlcalc", {})
            if result.get("status") == "ok":
                self.imported = json.loads(ast.literal_eval(result["data"]["text/plain"]))
        return cell


@dataclass(frozen=True)
class Job:
    uri: str
    cache: str
    timeout: int
    keys_out: str  # the file the chapter's answer keys go to (emptied before it runs)


@dataclass
class Outcome:
    uri: str
    seconds: float
    run_id: str | None = None  # None: it failed
    imported: dict[str, list] | None = None
    error: str = ""


def run_chapter(job: Job) -> Outcome:
    """Execute one chapter in a fresh kernel in its folder; cache its outputs if it succeeds."""
    start = time.perf_counter()
    cache = get_cache(job.cache)
    keys_out = Path(job.keys_out)
    keys_out.unlink(missing_ok=True)  # key() appends: start from no keys
    keys_out.parent.mkdir(parents=True, exist_ok=True)
    previous = os.environ.get(KEYS_OUT)
    os.environ[KEYS_OUT] = str(keys_out)  # the kernel inherits it
    try:
        notebook = cache.get_project_notebook(job.uri).nb
        settings = notebook.metadata.get("execution", {})  # as jupyter-cache: the notebook may override
        client = RecordingClient(notebook, timeout=settings.get("timeout", job.timeout),
                                 allow_errors=settings.get("allow_errors", False),
                                 record_timing=False,  # timings in cell metadata would change its hash
                                 resources={"metadata": {"path": str(Path(job.uri).parent)}})
        if notebook.cells:
            client.execute()
        else:
            client.imported = {}
        seconds = time.perf_counter() - start
        run_id = uuid.uuid4().hex
        cache.cache_notebook_bundle(
            CacheBundleIn(notebook, job.uri, data={"execution_seconds": seconds, RUN_ID: run_id}),
            check_validity=False, overwrite=True)
    except Exception as error:  # a failing cell, a timeout, a dead kernel: report, do not cache
        failed_cell = isinstance(error, (CellExecutionError, CellTimeoutError))
        text = str(error) if failed_cell else traceback.format_exc()
        NbProjectRecord.set_traceback(job.uri, text, cache.db)
        keys_out.unlink(missing_ok=True)  # keys of a half-run chapter are not collected
        return Outcome(job.uri, time.perf_counter() - start, error=text)
    finally:
        if previous is None:
            os.environ.pop(KEYS_OUT, None)
        else:
            os.environ[KEYS_OUT] = previous
    return Outcome(job.uri, seconds, run_id, client.imported)


@dataclass
class Report:
    reasons: dict[str, str] = field(default_factory=dict)  # chapter -> why it ran
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.run_id is None]


def execute(sources: list[Path], layout: Layout, serial: bool = False, timeout: int = 300,
            log: Callable[[str], None] = print) -> Report:
    """Bring the cached outputs of `sources` up to date; return what ran and why."""
    cache = get_cache(str(layout.cache))
    uris = {layout.key(source): str(source) for source in sources}
    for uri in uris.values():
        cache.add_nb_to_project(uri, read_data=READER)

    fingerprint = Fingerprints(layout)
    origin = mlcalc_origin(layout)
    if origin and Path(origin).is_absolute():
        log(f"execute: note: the chapters import mlcalc from {Path(origin).parent}, outside this checkout")
    if origin:  # what the chapters run against: fingerprinted before any of them starts
        fingerprint.prime(layout.path(origin).parent)
    fingerprint(layout.key(layout.pyproject))

    cached = {}
    for chapter, uri in uris.items():
        record = cache.get_cached_project_nb(uri)
        cached[chapter] = None if record is None else (record.data or {}).get(RUN_ID, "")
    records = load_records(layout)
    reasons = reasons_to_run(cached, records, fingerprint, origin)
    for chapter in reasons:
        records.pop(chapter, None)
        record = cache.get_cached_project_nb(uris[chapter])
        if record is not None:
            cache.remove_cache(record.pk)
    records = {chapter: record for chapter, record in records.items() if chapter in uris}
    current = {layout.keys_file(chapter) for chapter in uris}
    for stale in layout.keys.glob("*.json"):  # keys of pages no longer in the book
        if stale not in current:
            stale.unlink()
    save_records(layout, records)  # before running: a run cut short leaves no stale claim
    report = Report(reasons)
    if not reasons:
        return report
    for chapter, reason in reasons.items():
        log(f"execute: {chapter} runs: {reason}")

    jobs = [Job(uris[chapter], str(layout.cache), timeout, str(layout.keys_file(chapter)))
            for chapter in reasons]
    NbProjectRecord.remove_tracebacks([cache.get_project_record(job.uri).pk for job in jobs], cache.db)
    if serial or len(jobs) == 1:
        results = map(run_chapter, jobs)
        pool = None
    else:
        pool = multiprocessing.Pool(min(len(jobs), os.cpu_count() or 1))
        results = pool.imap_unordered(run_chapter, jobs)
    try:
        for outcome in results:
            chapter = layout.key(outcome.uri)
            report.outcomes.append(outcome)
            if outcome.run_id is None:
                log(f"execute: {chapter} failed after {outcome.seconds:.1f} s")
                continue
            log(f"execute: {chapter} ran in {outcome.seconds:.1f} s")
            if outcome.imported is None:
                log(f"execute: {chapter}: its imports could not be recorded; it will run again next time")
                continue
            modules = outcome.imported
            mlcalc = modules.get("mlcalc")
            records[chapter] = {
                "run_id": outcome.run_id,
                "modules": sorted(modules),
                "origin": layout.key(mlcalc[0]) if mlcalc and mlcalc[0] else None,
                "depends_on": {key: fingerprint(key) for key in dependencies(modules, layout)},
            }
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        save_records(layout, records)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serial", action="store_true", help="one notebook at a time")
    args = parser.parse_args(argv)
    layout = Layout.of(ROOT)
    (ROOT / "_build" / ".mlcalc-hash").unlink(missing_ok=True)  # the whole-package hash of old builds
    timeout = book_config().get("execute", {}).get("timeout", 300)
    start = time.perf_counter()
    sources = chapter_sources()

    def log(line: str) -> None:
        print(line, flush=True)

    report = execute(sources, layout, serial=args.serial, timeout=timeout, log=log)
    if not report.reasons:
        print("execute: every chapter's outputs are up to date")
        return 0
    for outcome in report.failed:
        print(f"\nexecute: {outcome.uri} failed:\n{outcome.error}", file=sys.stderr)
    ran = len(report.outcomes) - len(report.failed)
    print(f"execute: {ran} of {len(sources)} chapter(s) ran in {time.perf_counter() - start:.1f} s, "
          f"{len(report.failed)} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
