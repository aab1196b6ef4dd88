"""The notebooks as Colab runs them, with the library versions Colab ships.

- One notebook of each part runs as in Colab: a fresh venv without mlcalc, `google.colab` loaded
  in the kernel (as Colab's kernel has it), a working directory outside the repository, and the
  first cell's install redirected (MLCALC_INSTALL_SOURCE) to a wheel of this checkout at the
  edition's version. No error, no stderr, and afterwards that release is what is installed.
- Every chapter notebook runs with exactly requirements-colab.txt (Colab's numpy, matplotlib,
  sympy, tensorflow) and mlcalc installed from the wheel: no error, no stderr, no warning. The
  lower bounds in code/pyproject.toml are those versions, so this run tests them. No chapter's
  kernel may peak above Binder's 1 GB.

Each run prints its times (pytest -s, or the report's captured output).
"""

from __future__ import annotations

import json
import re
import shutil
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest
from packaging.requirements import Requirement

from tests.bookfiles import chapter_files
from tests.release import venvs

pytestmark = pytest.mark.slow

DRIVER = venvs.ROOT / "tests" / "release" / "run_notebooks.py"
ONE_PER_PART = [
    "book/01-limits/01-what-is-calculus",
    "book/02-derivatives/01-derivative-first-principles",
    "book/03-autodiff/03-how-autodiff-works",
]
INLINE = "module://matplotlib_inline.backend_inline"
# Binder guarantees about 1 GB of memory to a notebook.
BINDER_MEMORY_MIB = 1000
# The name a pin in requirements-colab.txt has, for a requirement of code/pyproject.toml.
COLAB_NAME = {"tensorflow": "tensorflow-cpu"}


def fake_colab(env_dir, ipython_dir):
    """`google.colab` importable in the venv and imported by every IPython kernel at start-up,
    so that `"google.colab" in sys.modules` holds in the notebook, as in Colab. `google` stays a
    namespace package (protobuf's `google.protobuf` lives in it too)."""
    package = venvs.site_packages(env_dir) / "google" / "colab"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""Stands in for Colab\'s module in the tests."""\n')
    startup = ipython_dir / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-colab.py").write_text("import google.colab  # noqa: F401\n")


def execute(env_dir, notebooks, workdir, **env):
    """Run the notebooks with the venv's own kernel from `workdir`; return the driver's report."""
    workdir.mkdir(exist_ok=True)
    copies = []
    for name in notebooks:
        copy = workdir / f"{name.rsplit('/', 1)[-1]}.ipynb"
        shutil.copy(venvs.ROOT / f"{name}.ipynb", copy)
        copies.append(copy)
    report = workdir / "report.json"
    path = f"{env_dir / 'bin'}:{venvs.clean_env()['PATH']}"
    venvs.run([venvs.python(env_dir), DRIVER, report, *copies], cwd=workdir,
              env=venvs.clean_env(PATH=path, MPLBACKEND=INLINE, **env), timeout=3600)
    return json.loads(report.read_text(encoding="utf-8"))


def summary(report: dict) -> str:
    """Each notebook's time, their sum, and the wall clock (two run at a time)."""
    total = sum(entry["seconds"] for name, entry in report.items() if name.endswith(".ipynb"))
    lines = [f"  {name}: {entry['seconds']:.1f} s"
             + (f", kernel's peak memory {entry['peak_mib']} MiB" if entry.get("peak_mib") else "")
             for name, entry in report.items()]
    return "\n".join([*lines, f"  sum: {total:.1f} s"])


def problems(report: dict) -> list[str]:
    return [f"{name}: {problem}" for name, entry in report.items() for problem in entry["problems"]]


def imports_mlcalc(env_dir, workdir) -> str:
    """`mlcalc.__version__ mlcalc.__file__` in the venv, or the error that importing it raised."""
    probe = ("try:\n    import mlcalc\nexcept ImportError as error:\n    print(type(error).__name__)\n"
             "else:\n    print(mlcalc.__version__, mlcalc.__file__)")
    return venvs.run([venvs.python(env_dir), "-c", probe], cwd=workdir,
                     env=venvs.clean_env()).stdout.strip()


def run_as_in_colab(colab_base, wheel, name, tmp_path) -> tuple[dict, str, str]:
    """One notebook in a runtime of its own, as Colab gives each notebook: a fresh venv with
    Colab's libraries and no mlcalc, and a working directory outside the repository. Returns the
    driver's report and what `import mlcalc` finds before and after the notebook ran."""
    root = tmp_path / name.rsplit("/", 1)[-1]
    env_dir = venvs.overlay(colab_base, root / "venv")
    workdir = root / "content"  # Colab's working directory; not the repository
    workdir.mkdir()
    before = imports_mlcalc(env_dir, workdir)
    ipython_dir = root / "ipython"
    fake_colab(env_dir, ipython_dir)
    report = execute(env_dir, [name], workdir, IPYTHONDIR=str(ipython_dir),
                     MLCALC_INSTALL_SOURCE=str(wheel), JOBS="1")
    return report, before, imports_mlcalc(env_dir, workdir)


def test_one_notebook_of_each_part_runs_as_in_colab(colab_base, wheel, version, tmp_path):
    for name in ONE_PER_PART:
        first = nbformat.read(venvs.ROOT / f"{name}.ipynb", as_version=4).cells[0]
        assert "google.colab" in first.source and "MLCALC_INSTALL_SOURCE" in first.source, (
            f"{name}.ipynb: the first cell does not install mlcalc in Colab from "
            f"MLCALC_INSTALL_SOURCE when it is set (run `make notebooks`)")
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda name: run_as_in_colab(colab_base, wheel, name, tmp_path),
                             ONE_PER_PART))
    report = {name: entry for run, _, _ in runs for name, entry in run.items()
              if name.endswith(".ipynb")}
    report["(wall clock, two at a time)"] = {"seconds": time.perf_counter() - start, "problems": []}
    print(f"\nnotebooks run as in Colab (install cell included):\n{summary(report)}")
    assert not problems(report), "\n".join(problems(report))
    for name, (_, before, after) in zip(ONE_PER_PART, runs):
        assert before == "ModuleNotFoundError", f"{name}: mlcalc was there before the install: {before}"
        installed_version, location = after.split()
        assert installed_version == version, f"{name}: installed mlcalc {installed_version}"
        assert "/venv/" in location and location.startswith(str(tmp_path)), location


def test_every_chapter_passes_with_colab_library_versions(colab_base, wheel, version, tmp_path):
    env_dir = venvs.overlay(colab_base, tmp_path / "venv")
    before = venvs.installed_versions(env_dir)
    venvs.run([venvs.python(env_dir), "-m", "pip", "install", "--quiet", wheel],
              env=venvs.clean_env())
    added = {name: found for name, found in venvs.installed_versions(env_dir).items()
             if before.get(name) != found}
    # Colab's versions satisfy mlcalc's requirements: pip added mlcalc and nothing else.
    assert added == {"mlcalc": version}, added

    report = execute(env_dir, chapter_files(), tmp_path / "content")
    print(f"\nevery chapter with Colab's library versions:\n{summary(report)}")
    assert not problems(report), "\n".join(problems(report))
    # Binder guarantees about 1 GB: no chapter's kernel may need more.
    peaks = {name: entry["peak_mib"] for name, entry in report.items() if name.endswith(".ipynb")}
    assert all(peaks.values()) and max(peaks.values()) < BINDER_MEMORY_MIB, peaks


def test_lower_bounds_of_mlcalc_are_the_colab_versions_tested():
    project = tomllib.loads((venvs.ROOT / "code" / "pyproject.toml").read_text())["project"]
    requirements = [Requirement(text) for text in project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        requirements += [Requirement(text) for text in extra]
    colab = venvs.pins()
    for requirement in requirements:
        pinned = colab[COLAB_NAME.get(requirement.name, requirement.name)]
        (bound,) = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        assert re.sub(r"\+.*", "", pinned) == bound, (
            f"{requirement}: its lower bound is not the version tested ({pinned})")
