"""Mutation testing of mlcalc with mutmut: one table of module, mutants, killed, survived, score.

mutmut changes the package's code one small edit at a time (``<`` to ``<=``, ``and`` to ``or``, a
number to another) and runs the tests that reach the changed function; a mutant the tests do
not notice "survives".  The score is killed / the mutants that change behaviour: the share of
the edits the tests would catch.  A survivor that no input can tell from the original (an
equivalent mutant) is listed, with the reason, in tests/mlcalc/mutants/<module>.md and left out
of the score; a survivor listed there under "## Not equivalent" (with its reason) stays in the
score; every other survivor is "open".  A module passes at 90 % with no open survivor.

Each module runs against its own test file (tests/mlcalc/test_<module>.py, or
tests/mlcalc/<subpackage>/test_<module>.py; the tests of its package when it has none), one
module after the other.  mutmut expects the package under ``src/`` of the directory it runs in
and writes its copies to ``mutants/`` there, so this script runs it in a scratch copy per module
(``_build/mutate/<module>``) holding ``src/mlcalc`` (from code/src), ``tests/mlcalc``, the root
conftest.py and a plain pytest.ini (no doctests: the unit tests are what is measured).  The
repository is not touched.

Usage (``make mutate`` runs the first form)::

    python scripts/mutate.py                     # every module, each against its own tests
    python scripts/mutate.py limits rules --max-children 1
    python scripts/mutate.py losses --tests tests/mlcalc/test_losses.py --workdir /tmp/m

Open survivors are listed after the table (``--no-survivors`` hides them); inspect one with
``cd _build/mutate/<module> && ../../../.venv/bin/python -m mutmut show <name>`` (with a single
module and ``--workdir``, the scratch copy is that directory itself).
"""

from __future__ import annotations

import argparse
import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "code" / "src" / "mlcalc"

# mutmut's exit codes, grouped the way the table counts them (see mutmut.stats).
KILLED = {1, 3, 36, -24, 24, 152, 255, 37}  # failed test, pytest error, timeout, type check
TIMED_OUT = {36, -24, 24, 152, 255}  # killed by the time limit: shown apart, as the least sure kills
SKIPPED = {34}
# Two tests read the package's source or namespace, which mutmut's copies change: the module
# length rule (the copies are many times longer) and the rule that every public name of a
# plotting module is exported (the copies add a public function per mutant).
PYTEST_INI = """[pytest]
addopts = -p no:cacheprovider
    --deselect tests/mlcalc/test_init.py::test_every_module_is_short_enough_to_read
    --deselect tests/mlcalc/plotting/test_package.py::test_no_public_helper_is_left_out_of_all
filterwarnings =
    error::DeprecationWarning:mlcalc.*
markers =
    slow: builds something (a wheel, the whole book); deselect with -m "not slow"
"""


EQUIVALENTS = ROOT / "tests" / "mlcalc" / "mutants"  # one file per module: why each survivor survives
MIN_SCORE = 90.0
PRELOADED = ["numpy", "sympy", "matplotlib.pyplot", "hypothesis", "pytest", "torch", "tensorflow"]
SINGLE_THREADED = ["OMP_NUM_THREADS", "MKL_NUM_THREADS", "TF_NUM_INTEROP_THREADS", "TF_NUM_INTRAOP_THREADS"]
READ_BY_TESTS = ["code/pyproject.toml", "code/src/mlcalc/keys.json", "scripts/collect_keys.py"]


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
    # Files of the repository that some unit tests read (the chapters, to find which helpers
    # they use; the package metadata and the answer keys), at their places in the repository.
    shutil.copytree(ROOT / "book", workdir / "book", ignore=shutil.ignore_patterns("*.ipynb", "_build"))
    for path in READ_BY_TESTS:
        (workdir / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, workdir / path)
    copied = ["conftest.py", "pytest.ini", "book", *sorted({path.split("/")[0] for path in READ_BY_TESTS})]
    config = configparser.ConfigParser()
    config["mutmut"] = {
        "source_paths": "src/mlcalc",
        "only_mutate": "\n" + "\n".join(f"src/mlcalc/{source(name)}" for name in chosen),
        "pytest_add_cli_args_test_selection": "\n" + "\n".join(tests),
        "also_copy": "\n" + "\n".join(copied),
        "use_git_change_detection": "false",
        # Fork each mutant's tests from a server that has only imported the libraries, not from
        # mutmut's own process, which has run the tests once: there a TensorFlow operation can
        # hang until the timeout, which mutmut counts as a kill. Importing is safe to fork from
        # and saves each mutant's tests the import (TensorFlow's alone takes 5-30 s).
        "process_isolation": "forkserver",
        "forkserver_warmup": "import",
        "preload_modules_file": str((workdir / "preload.txt").resolve()),
    }
    (workdir / "preload.txt").write_text("\n".join(PRELOADED) + "\n")
    with open(workdir / "setup.cfg", "w") as handle:
        config.write(handle)


def environment(outer: dict[str, str]) -> dict[str, str]:
    """The environment mutmut runs in: ``outer`` without PYTHONPATH (mutmut sets the path to its
    mutated copy), with matplotlib drawing off screen and always one thread per numerical library."""
    env = {k: v for k, v in outer.items() if k != "PYTHONPATH"}
    env.setdefault("MPLBACKEND", "Agg")
    env.update(TF_CPP_MIN_LOG_LEVEL="2", TF_ENABLE_ONEDNN_OPTS="0")  # as mlcalc sets them: see PRELOADED
    # A forked child that uses a thread pool its parent had started waits for threads it does
    # not have (a PyTorch test that fails in 0.3 s took 56 s); with one thread no pool starts.
    for variable in SINGLE_THREADED:
        env[variable] = "1"
    return env


def own_tests(name: str) -> list[str]:
    """The test files of a module: its mirror in tests/mlcalc (test_checks.py for _checks), else
    the tests of its package."""
    *package, stem = name.split(".")
    folder = Path("tests", "mlcalc", *package)
    mirror = folder / f"test_{stem.lstrip('_')}.py"
    if (ROOT / mirror).exists():
        return [str(mirror)]
    return [str(folder)]


def exit_codes(workdir: Path, name: str) -> dict[str, int | None]:
    """Mutant name -> mutmut's exit code (None: not run yet), from the module's .meta file."""
    meta = workdir / "mutants" / "src" / "mlcalc" / (source(name) + ".meta")
    return json.loads(meta.read_text())["exit_code_by_key"] if meta.exists() else {}


def counts(codes: dict[str, int | None], listed: dict[str, tuple[str, bool]]) -> dict[str, int]:
    """Mutants, killed, skipped, not run, and the survivors: listed as equivalent, listed with
    another reason ("explained"), or not listed ("open")."""
    killed = sum(code in KILLED for code in codes.values())
    timed_out = sum(code in TIMED_OUT for code in codes.values())
    skipped = sum(code in SKIPPED for code in codes.values())
    not_run = sum(code is None for code in codes.values())
    alive = survivors(codes)
    equivalent = sum(key in listed and listed[key][1] for key in alive)
    explained = sum(key in listed and not listed[key][1] for key in alive)
    return {"mutants": len(codes), "killed": killed, "timed out": timed_out, "skipped": skipped,
            "not run": not_run,
            "survived": len(alive), "equivalent": equivalent, "explained": explained,
            "open": len(alive) - equivalent - explained}


def survivors(codes: dict[str, int | None]) -> list[str]:
    """The mutants (of exit_codes) that ran and that no test noticed."""
    return sorted(key for key, code in codes.items()
                  if code is not None and code not in KILLED | SKIPPED)


def listed_survivors(name: str) -> dict[str, tuple[str, bool]]:
    """Mutant -> (why it survives, whether it is equivalent), from EQUIVALENTS/<module>.md.

    Each line reads "- `mutant`: why". Lines under a heading "## Not equivalent" list survivors
    that a test could kill in principle (a tuning constant moved where no realistic input
    reaches); they stay in the score. Every other listed mutant is equivalent: no input can tell
    it from the original, and it is left out of the score.
    """
    path = EQUIVALENTS / f"{name}.md"
    if not path.exists():
        return {}
    listed, equivalent = {}, True
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            equivalent = not line.lower().lstrip("# ").startswith("not equivalent")
        found = re.match(r"^- `([\w.ǁ]+__mutmut_\d+)`:\s*(.+)$", line)
        if found:
            listed[found.group(1)] = (found.group(2), equivalent)
    return listed


def score(c: dict[str, int]) -> float | None:
    """Killed / the mutants that ran and change behaviour (listed equivalents left out), in %."""
    counted = c["mutants"] - c["skipped"] - c["not run"] - c["equivalent"]
    return 100 * c["killed"] / counted if counted else None


def table(rows: list[tuple[str, dict[str, int]]]) -> str:
    head = ("module", "mutants", "killed", "timed out", "survived", "equivalent", "explained",
            "open", "not run", "score")
    lines = [f"{head[0]:<19}" + "".join(f"{h:>11}" for h in head[1:])]
    for name, c in rows:
        value = score(c)
        shown = f"{value:.1f} %" if value is not None else "-"
        lines.append(f"{name:<19}" + "".join(f"{c[h]:>11}" for h in head[1:-1]) + f"{shown:>11}")
    return "\n".join(lines)


def run_mutmut(workdir: Path, name: str, env: dict[str, str], max_children: int, log: Path,
               attempts: int = 3) -> tuple[int, dict[str, int | None]]:
    """Run mutmut in ``workdir`` until every mutant of ``name`` has a result, at most ``attempts``
    times; return its last exit status and the mutants' exit codes (see exit_codes).  mutmut sometimes stops part-way with status 0 and
    nothing in its log (seen at 224 of 504 mutants); run again, it keeps the results it has and
    runs the rest.  A run that adds no result, or runs no mutant at all, ends the attempts."""
    status, codes, left = 0, {}, None
    with open(log, "w") as handle:
        for attempt in range(attempts):
            status = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children",
                                     str(max_children)], cwd=workdir, env=env, stdout=handle,
                                    stderr=subprocess.STDOUT).returncode
            codes = exit_codes(workdir, name)
            ran = counts(codes, {})
            before, left = left, ran["not run"]
            if left in (0, ran["mutants"], before) or attempt == attempts - 1:
                break  # done, nothing ran at all (see the log), or no progress
            print(f"{name}: mutmut stopped with {left} mutants not run; running it again", flush=True)
    return status, codes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="modules of mlcalc to mutate (default: all)")
    parser.add_argument("--tests", nargs="+",
                        help="test files or folders to run (default: each module's own, see own_tests)")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2,
                        help="parallel mutant runs (default: the number of CPUs)")
    parser.add_argument("--workdir", type=Path, default=ROOT / "_build" / "mutate",
                        help="scratch directory (one subdirectory per module when there are several)")
    parser.add_argument("--min-score", type=float, default=MIN_SCORE,
                        help=f"fail when a module scores less (default: {MIN_SCORE:g} %%)")
    parser.add_argument("--no-survivors", action="store_true", help="print only the table")
    parser.add_argument("--list", action="store_true",
                        help="print the modules as a JSON list (the CI job's matrix) and stop")
    args = parser.parse_args(argv)
    known = modules()
    if args.list:
        print(json.dumps(known))
        return 0
    chosen = args.modules or known
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        parser.error(f"modules must be among {', '.join(known)}; got {', '.join(unknown)}")
    env = environment(os.environ)
    places = {name: args.workdir if len(chosen) == 1 else args.workdir / name for name in chosen}
    start = time.monotonic()
    codes: dict[str, dict[str, int | None]] = {}
    for name in chosen:
        tests = args.tests or own_tests(name)
        began = time.monotonic()
        prepare(places[name], [name], tests)
        log = places[name] / "mutmut.log"
        status, codes[name] = run_mutmut(places[name], name, env, args.max_children, log)
        ran = counts(codes[name], {})
        print(f"{name}: {ran['mutants']} mutants against {' '.join(tests)} in "
              f"{(time.monotonic() - began) / 60:.1f} min", flush=True)
        if ran["not run"] == ran["mutants"]:  # no mutant, or the tests failed before the first
            print(log.read_text(errors="replace")[-3000:])
            print(f"mutmut ran no mutant of {name} (exit status {status}; log: {log})")
            return 1
    minutes = (time.monotonic() - start) / 60
    listings = {name: listed_survivors(name) for name in chosen}
    rows = [(name, counts(codes[name], listings[name])) for name in chosen]
    print(table(rows))
    print(f"mutmut ran {minutes:.1f} min with {args.max_children} worker(s) "
          f"(score: killed / mutants that change behaviour; equivalents listed in "
          f"{EQUIVALENTS.relative_to(ROOT)}/<module>.md)")
    failed = False
    for name, c in rows:
        alive = set(survivors(codes[name]))
        stale = sorted(set(listings[name]) - alive)
        if stale:
            print(f"{name}: listed as surviving but killed or gone (remove them): {', '.join(stale)}")
        value = score(c)
        if c["not run"] or value is None or value < args.min_score or c["open"]:
            failed = True
            print(f"{name}: below {args.min_score:g} %, not finished, or with survivors not listed")
        if not args.no_survivors:
            for key in sorted(alive - set(listings[name])):
                print("open:", key)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
