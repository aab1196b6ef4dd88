"""`make mutate` (scripts/mutate.py): which modules and tests it runs, and how it scores them.

Running mutmut itself takes minutes per module, so it is not part of `make test`; these tests
check the bookkeeping that decides what a module's score is and what counts as explained.
"""

from __future__ import annotations

import configparser
import json
import re
import subprocess
from pathlib import Path

import pytest

from scripts import mutate
from tests.bookfiles import ROOT

PACKAGE = ROOT / "code" / "src" / "mlcalc"


def test_every_module_with_code_is_mutated_subpackages_included():
    files = {path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
             for path in PACKAGE.rglob("*.py") if path.stem != "__init__"}
    assert set(mutate.modules()) == files
    assert {"limits", "autodiff.forward", "plotting.curves"} <= files


@pytest.mark.parametrize("name", mutate.modules())
def test_each_module_runs_against_test_files_that_exist(name):
    tests = mutate.own_tests(name)
    assert tests and all((ROOT / path).exists() for path in tests)


def test_a_module_runs_against_its_mirror_test_file():
    assert mutate.own_tests("limits") == ["tests/mlcalc/test_limits.py"]
    assert mutate.own_tests("autodiff.forward") == ["tests/mlcalc/autodiff/test_forward.py"]
    assert mutate.own_tests("_checks") == ["tests/mlcalc/test_checks.py"]
    assert mutate.own_tests("plotting._shared") == ["tests/mlcalc/plotting"]  # no mirror: its package's


def test_the_scratch_copy_mutates_one_module_against_its_tests(tmp_path):
    mutate.prepare(tmp_path, ["autodiff.jacobians"], ["tests/mlcalc/autodiff/test_jacobians.py"])
    config = configparser.ConfigParser()
    config.read(tmp_path / "setup.cfg")
    mutmut = config["mutmut"]
    assert mutmut["only_mutate"].split() == ["src/mlcalc/autodiff/jacobians.py"]
    assert mutmut["pytest_add_cli_args_test_selection"].split() == ["tests/mlcalc/autodiff/test_jacobians.py"]
    # Not forked from mutmut's own process, where TensorFlow has run: there its mutants hang and
    # would be counted as killed.
    assert mutmut["process_isolation"] == "forkserver"
    assert mutmut["forkserver_warmup"] == "import"  # the libraries, imported once, not run
    assert {"torch", "tensorflow"} <= set(Path(mutmut["preload_modules_file"]).read_text().split())
    assert (tmp_path / "src" / "mlcalc" / "autodiff" / "jacobians.py").exists()
    assert (tmp_path / "tests" / "mlcalc" / "autodiff" / "test_jacobians.py").exists()
    assert all((tmp_path / path).exists() for path in mutate.READ_BY_TESTS)
    ini = (tmp_path / "pytest.ini").read_text()
    assert "--doctest" not in ini and "test_every_module_is_short_enough_to_read" in ini


def test_mutmut_runs_single_threaded_with_its_own_path():
    env = mutate.environment({"PYTHONPATH": "/elsewhere", "HOME": "/home/reader", "OMP_NUM_THREADS": "4"})
    assert "PYTHONPATH" not in env and env["HOME"] == "/home/reader"
    assert env["MPLBACKEND"] == "Agg"
    assert env["TF_CPP_MIN_LOG_LEVEL"] == "2" and env["TF_ENABLE_ONEDNN_OPTS"] == "0"
    assert all(env[name] == "1" for name in mutate.SINGLE_THREADED)  # the caller's 4 too


def test_listed_equivalent_mutants_leave_the_score(tmp_path, monkeypatch):
    monkeypatch.setattr(mutate, "EQUIVALENTS", tmp_path)
    (tmp_path / "limits.md").write_text(
        "# Surviving mutants of limits\n\n"
        "- `mlcalc.limits.x__trend__mutmut_11`: the caller passes at least 6 samples.\n"
        "- mlcalc.limits.x__trend__mutmut_12 without backticks or reason is not a listing\n\n"
        "## Not equivalent\n\n"
        "- `mlcalc.limits.x__trend__mutmut_3`: a window of 17 samples instead of 16.\n")
    listed = mutate.listed_survivors("limits")
    assert listed == {
        "mlcalc.limits.x__trend__mutmut_11": ("the caller passes at least 6 samples.", True),
        "mlcalc.limits.x__trend__mutmut_3": ("a window of 17 samples instead of 16.", False)}
    meta = tmp_path / "work" / "mutants" / "src" / "mlcalc" / "limits.py.meta"
    meta.parent.mkdir(parents=True)
    codes = {f"mlcalc.limits.x_f__mutmut_{i}": 1 for i in range(16)}  # 16 killed by a failing test
    codes |= {"mlcalc.limits.x_f__mutmut_16": -24, "mlcalc.limits.x_f__mutmut_17": 36}  # 2 by the clock
    codes |= {"mlcalc.limits.x__trend__mutmut_11": 0, "mlcalc.limits.x__trend__mutmut_12": 0,
              "mlcalc.limits.x__trend__mutmut_3": 0, "mlcalc.limits.x_g__mutmut_1": None}
    meta.write_text(json.dumps({"exit_code_by_key": codes}))
    c = mutate.counts(mutate.exit_codes(tmp_path / "work", "limits"), listed)
    assert c == {"mutants": 22, "killed": 18, "timed out": 2, "skipped": 0, "not run": 1, "survived": 3,
                 "equivalent": 1, "explained": 1, "open": 1}
    assert mutate.score(c) == pytest.approx(90.0)  # 18 of the 20 mutants that ran and matter


def test_every_listing_names_a_mutant_of_its_module_with_a_reason():
    for path in sorted(mutate.EQUIVALENTS.glob("*.md")):
        module = path.stem
        assert module in mutate.modules(), f"{path.name}: no module mlcalc.{module}"
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("- ")]
        listed = mutate.listed_survivors(module)
        assert len(listed) == len(lines), f"{path.name}: a line is not `- \\`<mutant>\\`: <reason>`"
        for name, (reason, _) in listed.items():
            assert name.startswith(f"mlcalc.{module}."), f"{path.name}: {name} is another module's"
            assert len(reason.split()) >= 4, f"{path.name}: {name} needs a reason"


def _fake_mutmut(tmp_path, monkeypatch, results_per_run):
    """mutmut stand-in: each run records the next batch of results in the module's .meta file."""
    meta = tmp_path / "mutants" / "src" / "mlcalc" / "limits.py.meta"
    meta.parent.mkdir(parents=True)
    codes = {f"mlcalc.limits.x_f__mutmut_{i}": None for i in range(10)}
    meta.write_text(json.dumps({"exit_code_by_key": codes}))
    runs = []

    def run(command, **kwargs):
        batch = results_per_run[len(runs)]
        runs.append(command)
        codes.update({key: 1 for key in list(codes)[:batch]})
        meta.write_text(json.dumps({"exit_code_by_key": codes}))
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(mutate.subprocess, "run", run)
    return runs


def test_mutmut_runs_again_when_it_stops_part_way(tmp_path, monkeypatch):
    runs = _fake_mutmut(tmp_path, monkeypatch, [4, 10])  # stops after 4 of 10, then finishes
    status, codes = mutate.run_mutmut(tmp_path, "limits", {}, 2, tmp_path / "log")
    assert status == 0 and len(runs) == 2
    assert codes == mutate.exit_codes(tmp_path, "limits")  # the results of the last run
    assert mutate.counts(codes, {})["not run"] == 0


@pytest.mark.parametrize("results_per_run", [[0, 0, 0], [4, 4, 4]])
def test_mutmut_is_not_run_again_without_progress(tmp_path, monkeypatch, results_per_run):
    runs = _fake_mutmut(tmp_path, monkeypatch, results_per_run)  # no mutant ran / stuck at 4
    mutate.run_mutmut(tmp_path, "limits", {}, 2, tmp_path / "log")
    assert len(runs) == (1 if results_per_run[0] == 0 else 2)
