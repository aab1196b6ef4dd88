"""scripts/execute.py: a chapter runs again exactly when its code or an mlcalc module it
imported changed (or nothing proves its outputs current); the others keep their cached outputs."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from jupyter_cache import get_cache

from scripts import execute
from tests.bookfiles import ROOT

FILES = {"code/pyproject.toml": "p1", "code/src/mlcalc/": "dir:1", "code/src/mlcalc/__init__.py": "i1",
         "code/src/mlcalc/losses.py": "l1", "code/src/mlcalc/limits.py": "m1"}
ORIGIN = "code/src/mlcalc/__init__.py"


def record(run_id: str, *modules: str) -> dict:
    """What execute.py records for a chapter that imported `modules`."""
    depends_on = {key: FILES[key] for key in ("code/pyproject.toml", "code/src/mlcalc/", ORIGIN)}
    depends_on.update({f"code/src/mlcalc/{name}.py": FILES[f"code/src/mlcalc/{name}.py"] for name in modules})
    return {"run_id": run_id, "modules": ["mlcalc", *(f"mlcalc.{name}" for name in modules)],
            "origin": ORIGIN, "depends_on": depends_on}


RECORDS = {"fit.md": record("r1", "losses"), "limits.md": record("r2", "limits"), "intro.md": record("r3")}
CACHED = {"fit.md": "r1", "limits.md": "r2", "intro.md": "r3"}


def now(**edits: str | None):
    """The current fingerprints: FILES, with `edits` (path -> fingerprint, None: the file is gone)."""
    return dict(FILES, **edits).get


def test_nothing_changed_nothing_runs():
    assert execute.reasons_to_run(CACHED, RECORDS, now(), ORIGIN) == {}


def test_an_edited_module_reruns_only_the_chapters_that_imported_it():
    reasons = execute.reasons_to_run(CACHED, RECORDS, now(**{"code/src/mlcalc/losses.py": "l2"}), ORIGIN)
    assert reasons == {"fit.md": "changed: code/src/mlcalc/losses.py"}


@pytest.mark.parametrize("key", ["code/src/mlcalc/__init__.py", "code/pyproject.toml", "code/src/mlcalc/"])
def test_what_every_chapter_imports_reruns_every_chapter(key):
    """The package itself, the project file, and the package's file listing (a module file
    that appears or disappears) concern every chapter that imported the package."""
    assert set(execute.reasons_to_run(CACHED, RECORDS, now(**{key: "changed"}), ORIGIN)) == set(CACHED)


def test_a_deleted_module_file_counts_as_changed():
    gone = now(**{"code/src/mlcalc/limits.py": None})
    assert set(execute.reasons_to_run(CACHED, RECORDS, gone, ORIGIN)) == {"limits.md"}


def test_without_proof_that_outputs_are_current_a_chapter_runs():
    cached = dict(CACHED, **{"fit.md": None, "limits.md": ""})  # code edited; outputs cached by myst-nb
    records = {name: value for name, value in RECORDS.items() if name != "intro.md"}  # never recorded
    reasons = execute.reasons_to_run(cached, records, now(), ORIGIN)
    assert reasons == {"fit.md": "its code changed or it never ran",
                       "limits.md": "its cached outputs were not written by this script",
                       "intro.md": "no record of the mlcalc modules it imports"}


def test_outputs_of_another_run_are_not_trusted():
    cached = dict(CACHED, **{"fit.md": "another run"})
    assert set(execute.reasons_to_run(cached, RECORDS, now(), ORIGIN)) == {"fit.md"}


def test_mlcalc_imported_from_elsewhere_reruns_the_chapters_that_use_it():
    records = dict(RECORDS, **{"plain.md": {"run_id": "r4", "modules": [], "origin": None,
                                            "depends_on": {"code/pyproject.toml": "p1"}}})
    cached = dict(CACHED, **{"plain.md": "r4"})
    reasons = execute.reasons_to_run(cached, records, now(), "/elsewhere/mlcalc/__init__.py")
    assert set(reasons) == set(CACHED)
    assert "/elsewhere/mlcalc/__init__.py" in reasons["fit.md"]


@pytest.fixture
def package(tmp_path: Path) -> execute.Layout:
    """A root with code/pyproject.toml and a small mlcalc package with a subpackage."""
    src = tmp_path / "code" / "src" / "mlcalc"
    (src / "plotting").mkdir(parents=True)
    (tmp_path / "code" / "pyproject.toml").write_text("[project]\nname = 'mlcalc'\n")
    for name in ("__init__.py", "losses.py", "limits.py", "py.typed", "keys.json", "plotting/__init__.py",
                 "plotting/curves.py", "plotting/style.mplstyle"):
        (src / name).write_text(f"# {name}\n")
    (src / "__pycache__").mkdir()
    return execute.Layout.of(tmp_path)


def test_fingerprints_of_files_and_folders(package: execute.Layout):
    fingerprint = execute.Fingerprints(package)
    losses = package.root / "code/src/mlcalc/losses.py"
    before = fingerprint("code/src/mlcalc/losses.py"), fingerprint("code/src/mlcalc/")
    losses.write_text(losses.read_text() + "# a comment\n")
    (package.root / "code/src/mlcalc/__pycache__/losses.cpython-311.pyc").write_bytes(b"\0")
    after = execute.Fingerprints(package)
    assert after("code/src/mlcalc/losses.py") != before[0]
    assert after("code/src/mlcalc/") == before[1]  # same names: editing a file keeps the listing
    (package.root / "code/src/mlcalc/rules.py").write_text("")
    assert execute.Fingerprints(package)("code/src/mlcalc/") != before[1]
    assert execute.Fingerprints(package)("code/src/mlcalc/gone.py") is None
    assert fingerprint("code/src/mlcalc/losses.py") == before[0]  # computed once, then kept


def test_primed_fingerprints_are_those_from_before_the_run(package: execute.Layout):
    """A file edited while chapters run is recorded as it was before: the next build sees the edit."""
    fingerprint = execute.Fingerprints(package)
    fingerprint.prime(package.root / "code/src/mlcalc")
    primed = dict(fingerprint.known)
    assert "code/src/mlcalc/plotting/curves.py" in primed and "code/src/mlcalc/plotting/" in primed
    assert not any("__pycache__" in key for key in primed)
    (package.root / "code/src/mlcalc/plotting/curves.py").write_text("# edited during the run\n")
    assert fingerprint("code/src/mlcalc/plotting/curves.py") == primed["code/src/mlcalc/plotting/curves.py"]


def test_dependencies_are_the_imported_modules_their_packages_and_data(package: execute.Layout):
    src = package.root / "code" / "src" / "mlcalc"
    modules = {"mlcalc": [str(src / "__init__.py"), [str(src)]],
               "mlcalc.plotting": [str(src / "plotting/__init__.py"), [str(src / "plotting")]],
               "mlcalc.plotting.curves": [str(src / "plotting/curves.py"), []]}
    assert execute.dependencies(modules, package) == [
        "code/pyproject.toml", "code/src/mlcalc/", "code/src/mlcalc/__init__.py",
        "code/src/mlcalc/plotting/", "code/src/mlcalc/plotting/__init__.py",
        "code/src/mlcalc/plotting/curves.py", "code/src/mlcalc/plotting/style.mplstyle",
        "code/src/mlcalc/py.typed"]  # not losses.py or limits.py: not imported
    # The answer keys are read by mlcalc.exercises alone: only its readers depend on them.
    modules["mlcalc.exercises"] = [str(src / "exercises.py"), []]
    assert "code/src/mlcalc/keys.json" in execute.dependencies(modules, package)


def test_records_round_trip_and_other_versions_are_ignored(package: execute.Layout):
    execute.save_records(package, RECORDS)
    assert execute.load_records(package) == RECORDS
    data = json.loads(package.records.read_text())
    package.records.write_text(json.dumps(dict(data, version=execute.RECORD_VERSION + 1)))
    assert execute.load_records(package) == {}
    package.records.write_text("{not json")
    assert execute.load_records(package) == {}


def chapter(path: Path, code: str) -> Path:
    path.write_text(textwrap.dedent("""\
        ---
        jupytext:
          text_representation:
            format_name: myst
        kernelspec:
          display_name: Python 3
          language: python
          name: python3
        ---
        # A chapter

        ```{code-cell} ipython3
        %s
        ```
        """) % code, encoding="utf-8")
    return path


@pytest.mark.slow
def test_editing_losses_reruns_only_the_chapter_that_imports_it(tmp_path: Path, monkeypatch):
    shutil.copytree(ROOT / "code" / "src" / "mlcalc", tmp_path / "code" / "src" / "mlcalc",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "code" / "pyproject.toml", tmp_path / "code" / "pyproject.toml")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "code" / "src"))  # the kernels import the copy
    (tmp_path / "book").mkdir()
    fit = chapter(tmp_path / "book" / "fit.md",
                  "from mlcalc import exercises, losses\nprint(losses.mse([1.0, 3.0], [1.0, 1.0]))\n"
                  "exercises.key('9.9.1', 2.0)")
    intro = chapter(tmp_path / "book" / "intro.md", "import mlcalc\nprint(mlcalc.__name__)")
    layout = execute.Layout.of(tmp_path)
    losses = tmp_path / "code" / "src" / "mlcalc" / "losses.py"
    original = losses.read_text(encoding="utf-8")

    def build() -> list[str]:
        report = execute.execute([fit, intro], layout, log=lambda line: None)
        assert not report.failed, report.failed[0].error
        return sorted(Path(outcome.uri).name for outcome in report.outcomes)

    assert build() == ["fit.md", "intro.md"]
    records = execute.load_records(layout)
    assert "mlcalc.losses" in records["book/fit.md"]["modules"]
    assert records["book/intro.md"]["modules"] == ["mlcalc"]
    cache = get_cache(str(layout.cache))
    cached = cache.get_cache_bundle(cache.get_cached_project_nb(str(fit)).pk).nb
    assert [cell.outputs[0]["text"] for cell in cached.cells if cell.cell_type == "code"] == ["2.0\n"]
    # The solution's answer key is recorded for scripts/collect_keys.py, one file per chapter.
    from mlcalc.exercises import load_keys
    assert list(load_keys(layout.keys_file("book/fit.md"))) == ["9.9.1"]
    assert not layout.keys_file("book/intro.md").exists()

    assert build() == []
    losses.write_text(original + "# an edited comment\n", encoding="utf-8")
    assert build() == ["fit.md"]
    assert build() == []
    losses.write_text(original, encoding="utf-8")
    assert build() == ["fit.md"]
    # Sphinx (myst-nb) finds every chapter's outputs in the cache, so it executes none itself.
    assert all(cache.get_cached_project_nb(str(path)) is not None for path in (fit, intro))
