"""Mutation testing of mlcalc with mutmut: one table of module, mutants, killed, survived, score.

mutmut changes the package's code one small edit at a time (``<`` to ``<=``, ``and`` to ``or``, a
number to another) and runs the tests that reach the changed function; a mutant the tests do
not notice "survives".  The score is killed / (mutants - skipped): the share of the edits the
tests would catch.

mutmut expects the package under ``src/`` of the directory it runs in and writes its copies to
``mutants/`` there, so this script runs it in a scratch copy (``_build/mutate`` by default)
holding ``src/mlcalc`` (from code/src), ``tests/mlcalc``, the root conftest.py and a plain
pytest.ini (no doctests: the unit tests are what is measured).  The repository is not touched.

Usage (``make mutate`` runs the first form)::

    python scripts/mutate.py                              # every module, against tests/mlcalc
    python scripts/mutate.py limits --tests tests/mlcalc/test_limits.py --max-children 1

Surviving mutants are listed after the table (``--no-survivors`` hides them); inspect one with
``cd _build/mutate && ../../.venv/bin/mutmut show <name>``.
"""

from __future__ import annotations

import argparse
import configparser
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "code" / "src" / "mlcalc"

# mutmut's exit codes, grouped the way the table counts them (see mutmut.stats).
KILLED = {1, 3, 36, -24, 24, 152, 255, 37}  # failed test, pytest error, timeout, type check
SKIPPED = {34}
PYTEST_INI = """[pytest]
addopts = -p no:cacheprovider
filterwarnings =
    error::DeprecationWarning:mlcalc.*
markers =
    slow: builds something (a wheel, the whole book); deselect with -m "not slow"
"""


def modules() -> list[str]:
    """Every module of mlcalc with code to mutate, dotted and sorted (``limits``,
    ``autodiff.forward``, ...); a subpackage's ``__init__`` only re-exports names."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.stem == "__init__" or "__pycache__" in path.parts:
            continue
        found.append(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    return sorted(found)


def source(name: str) -> str:
    """A dotted module name as the path mutmut uses: ``autodiff.forward`` -> ``autodiff/forward.py``."""
    return name.replace(".", "/") + ".py"


def prepare(workdir: Path, chosen: list[str], tests: list[str]) -> None:
    """A fresh scratch copy with the sources, the tests and mutmut's configuration."""
    if workdir.exists():
        shutil.rmtree(workdir)
    (workdir / "src").mkdir(parents=True)
    shutil.copytree(PACKAGE, workdir / "src" / "mlcalc", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests" / "mlcalc", workdir / "tests" / "mlcalc",
                    ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
    shutil.copy2(ROOT / "conftest.py", workdir / "conftest.py")
    (workdir / "pytest.ini").write_text(PYTEST_INI)
    config = configparser.ConfigParser()
    config["mutmut"] = {
        "source_paths": "src/mlcalc",
        "only_mutate": "\n" + "\n".join(f"src/mlcalc/{source(name)}" for name in chosen),
        "pytest_add_cli_args_test_selection": "\n" + "\n".join(tests),
        "also_copy": "\nconftest.py\npytest.ini",
        "use_git_change_detection": "false",
    }
    with open(workdir / "setup.cfg", "w") as handle:
        config.write(handle)


def exit_codes(workdir: Path, name: str) -> dict[str, int | None]:
    """Mutant name -> mutmut's exit code (None: not run yet), from the module's .meta file."""
    meta = workdir / "mutants" / "src" / "mlcalc" / (source(name) + ".meta")
    return json.loads(meta.read_text())["exit_code_by_key"] if meta.exists() else {}


def counts(workdir: Path, name: str) -> dict[str, int]:
    """Mutants, killed, survived and skipped for one module, from mutmut's .meta file."""
    codes = exit_codes(workdir, name)
    killed = sum(code in KILLED for code in codes.values())
    skipped = sum(code in SKIPPED for code in codes.values())
    return {"mutants": len(codes), "killed": killed, "skipped": skipped,
            "survived": len(codes) - killed - skipped}


def survivors(workdir: Path, name: str) -> list[str]:
    codes = exit_codes(workdir, name)
    return sorted(key for key, code in codes.items() if code not in KILLED | SKIPPED)


def table(rows: list[tuple[str, dict[str, int]]]) -> str:
    lines = [f"{'module':<12} {'mutants':>8} {'killed':>8} {'survived':>9} {'score':>8}"]
    for name, c in rows:
        tested = c["mutants"] - c["skipped"]
        score = f"{100 * c['killed'] / tested:.1f} %" if tested else "-"
        lines.append(f"{name:<12} {c['mutants']:>8} {c['killed']:>8} {c['survived']:>9} {score:>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="modules of mlcalc to mutate (default: all)")
    parser.add_argument("--tests", nargs="+", default=["tests/mlcalc"],
                        help="test files or folders to run (default: tests/mlcalc)")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2,
                        help="parallel mutant runs (default: the number of CPUs)")
    parser.add_argument("--workdir", type=Path, default=ROOT / "_build" / "mutate")
    parser.add_argument("--no-survivors", action="store_true", help="print only the table")
    args = parser.parse_args(argv)
    known = modules()
    chosen = args.modules or known
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        parser.error(f"modules must be among {', '.join(known)}; got {', '.join(unknown)}")
    prepare(args.workdir, chosen, args.tests)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # mutmut sets the path
    env.setdefault("MPLBACKEND", "Agg")
    start = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(args.max_children)],
                         cwd=args.workdir, env=env, stdout=subprocess.DEVNULL)
    minutes = (time.monotonic() - start) / 60
    rows = [(name, counts(args.workdir, name)) for name in chosen]
    print(table(rows))
    print(f"mutmut ran {minutes:.1f} min with {args.max_children} worker(s); exit status {run.returncode}")
    if not args.no_survivors:
        for name in chosen:
            for key in survivors(args.workdir, name):
                print("survived:", key)
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
