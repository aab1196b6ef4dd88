"""Execute the book's chapters into the Jupyter cache, in parallel, before Sphinx reads them.

Sphinx (myst-nb) executes notebooks one after another while it reads them. This script runs
first and fills the same cache (`_build/.jupyter_cache`) with one kernel per core, so the build
then only reads the stored outputs. Notebooks whose code cells have not changed are not run
again. Because the cache keys on code cells only, a change to the sources of `mlcalc` (recorded
as a hash in `_build/.mlcalc-hash`) first clears every cached output: stale outputs after a
helper change would be a correctness bug.

    python scripts/execute.py             # what `make book` runs
    python scripts/execute.py --serial    # one notebook at a time (for comparison)
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.executors import load_executor

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scripts.notebooks import ROOT, book_config, chapter_sources  # noqa: E402

CACHE = ROOT / "_build" / ".jupyter_cache"
HASH_FILE = ROOT / "_build" / ".mlcalc-hash"
READER = {"name": "myst_nb_md", "type": "plugin"}  # how myst-nb itself reads a MyST notebook


def mlcalc_hash() -> str:
    """A hash of every source file of the mlcalc package and its pyproject.toml."""
    digest = hashlib.sha256()
    code = ROOT / "code"
    for path in [code / "pyproject.toml", *sorted((code / "src").rglob("*.py"))]:
        digest.update(path.relative_to(code).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def clear_if_mlcalc_changed() -> bool:
    """Empty the execution cache if mlcalc changed since the last build; True if it did."""
    current = mlcalc_hash()
    previous = HASH_FILE.read_text().strip() if HASH_FILE.is_file() else None
    if previous == current:
        return False
    cache = get_cache(str(CACHE))
    for record in cache.list_cache_records():
        cache.remove_cache(record.pk)
    HASH_FILE.parent.mkdir(parents=True, exist_ok=True)
    HASH_FILE.write_text(current + "\n")
    return previous is not None


def stale_chapters() -> list[str]:
    """Register every chapter in the cache's project; return those without cached outputs."""
    cache = get_cache(str(CACHE))
    uris = []
    for source in chapter_sources():
        uri = str(source)
        cache.add_nb_to_project(uri, read_data=READER)
        uris.append(uri)
    return [record.uri for record in cache.list_unexecuted(filter_uris=uris)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serial", action="store_true", help="one notebook at a time")
    args = parser.parse_args(argv)
    if clear_if_mlcalc_changed():
        print("mlcalc changed since the last build: every chapter runs again")
    stale = stale_chapters()
    if not stale:
        print("execute: every chapter's outputs are up to date")
        return 0
    names = ", ".join(Path(uri).relative_to(ROOT).as_posix() for uri in stale)
    print(f"execute: running {len(stale)} chapter(s): {names}")
    cache = get_cache(str(CACHE))
    executor = load_executor("local-serial" if args.serial else "local-parallel", cache=cache)
    timeout = book_config().get("execute", {}).get("timeout", 300)
    start = time.perf_counter()
    result = executor.run_and_cache(filter_uris=stale, timeout=timeout)
    print(f"execute: {len(result.succeeded)} succeeded in {time.perf_counter() - start:.1f} s")
    failed = result.excepted + result.errored
    for uri in failed:
        record = cache.get_project_record(uri)
        print(f"\nexecute: {uri} failed:\n{record.traceback}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
