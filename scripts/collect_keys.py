"""Merge the answer keys recorded by the book's solution cells into mlcalc's keys.json.

A solution cell calls ``mlcalc.exercises.key(...)`` (or ``no_key(...)``).  When the chapter runs
with the environment variable MLCALC_KEYS_OUT set to a file (one file per chapter, for example
``_build/keys/<chapter>.json``), that call records its key there.  This script merges those files
into ``code/src/mlcalc/keys.json``, the keys that ship with the package, deterministically: ids in
natural order (1.2.10 after 1.2.9), fields in a fixed order, so the same keys give the same bytes.
An id recorded twice with different keys is an error naming both files.  Usage:

    python scripts/collect_keys.py                  # merge _build/keys/*.json into keys.json
    python scripts/collect_keys.py --check          # exit 1 if keys.json differs from a fresh merge
    python scripts/collect_keys.py A.json dir/ --out path/keys.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "code" / "src"))

from mlcalc.exercises import Key, dump_keys, load_keys  # noqa: E402

DEFAULT_SOURCE = ROOT / "_build" / "keys"
DEFAULT_OUT = ROOT / "code" / "src" / "mlcalc" / "keys.json"


class CollectError(Exception):
    """A problem with the recorded keys, reported as one line without a traceback."""


def key_files(sources: list[Path]) -> list[Path]:
    """The JSON files named by ``sources`` (files, or directories holding *.json), sorted."""
    files: set[Path] = set()
    for source in sources:
        if source.is_dir():
            files.update(source.glob("*.json"))
        elif source.is_file():
            files.add(source)
        else:
            raise CollectError(f"{source} does not exist (run the book build with MLCALC_KEYS_OUT set)")
    return sorted(files)  # none: no chapter records a key (yet), so the key set is empty


def collect(sources: list[Path]) -> dict[str, Key]:
    """All keys of all files; an id with two different keys raises ``CollectError``."""
    merged: dict[str, Key] = {}
    origin: dict[str, Path] = {}
    for path in key_files(sources):
        try:
            keys = load_keys(path)
        except (ValueError, KeyError) as error:
            raise CollectError(f"{path}: {error}") from None
        for exercise, entry in keys.items():
            if exercise in merged and merged[exercise].to_json() != entry.to_json():
                raise CollectError(
                    f"exercise {exercise} has different keys in {origin[exercise]} and {path}"
                )
            merged[exercise] = entry
            origin.setdefault(exercise, path)
    return merged


def differences(old_text: str, new: dict[str, Key]) -> str:
    """What changed between a committed keys file and a fresh collection, in one line."""
    try:
        old = json.loads(old_text)["keys"]
    except (ValueError, KeyError, TypeError):
        return "the committed file is not a keys file"
    fresh = {exercise: entry.to_json() for exercise, entry in new.items()}
    parts = []
    for label, ids in (
        ("missing", sorted(set(fresh) - set(old))),
        ("no longer in the book", sorted(set(old) - set(fresh))),
        ("changed", sorted(e for e in set(old) & set(fresh) if old[e] != fresh[e])),
    ):
        if ids:
            parts.append(f"{label}: {', '.join(ids)}")
    return "; ".join(parts) or "same keys, different layout"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path, default=[DEFAULT_SOURCE],
                        help="keys files or directories of them (default: _build/keys)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the merged keys file")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if --out differs from a fresh merge")
    args = parser.parse_args(argv)
    try:
        keys = collect(args.sources)
    except CollectError as error:
        print(f"collect_keys: {error}", file=sys.stderr)
        return 2
    text = dump_keys(keys)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"collect_keys: {args.out} is out of date ({differences(current, keys)}); "
                  "run scripts/collect_keys.py", file=sys.stderr)
            return 1
        print(f"{args.out}: up to date ({len(keys)} keys)")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(keys)} keys from {len(key_files(args.sources))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
