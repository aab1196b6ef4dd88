"""Binder's environment (binder/): for readers only, Python declared, the packages the chapters
import and nothing of the test or site toolchain, PyTorch's CPU build from PyTorch's index on its
own, mlcalc as a package from the repository; and every pin has a release for that Python."""

from __future__ import annotations

import ast
import re
import shlex
import sys

import jupytext
import pytest

from tests.bookfiles import ROOT, chapter_files
from tests.release import venvs

BINDER = ROOT / "binder"
PYTHON = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip().removeprefix("python-")
# What the chapters import, by top-level module -> the distribution Binder installs for it.
DISTRIBUTION = {"numpy": "numpy", "sympy": "sympy", "matplotlib": "matplotlib", "torch": "torch",
                "tensorflow": "tensorflow-cpu", "mlcalc": "./code"}
# Imported by the chapters, but not installed by us: Jupyter's kernel brings IPython, and the
# chapters fall back to IPython's display when myst_nb (the book build's) is missing.
PROVIDED = {"IPython", "myst_nb"}
TOOLCHAIN = {"pytest", "hypothesis", "sphinx", "jupyter-book", "myst-nb", "playwright", "build",
             "twine", "check-jsonschema", "beautifulsoup4", "jupytext"}


def requirement_lines() -> list[str]:
    lines = (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def post_build_installs() -> list[list[str]]:
    """The `pip install` commands of binder/postBuild, as argument lists."""
    commands = []
    for line in (BINDER / "postBuild").read_text(encoding="utf-8").splitlines():
        if "pip install" in line and not line.lstrip().startswith("#"):
            commands.append(shlex.split(line))
    return commands


def torch_pin() -> str:
    (cpu_install, *_) = post_build_installs()
    return next(arg for arg in cpu_install if arg.startswith("torch=="))


def binder_pins() -> dict[str, str]:
    pins = dict(line.split("==") for line in requirement_lines() if "==" in line)
    name, version = torch_pin().split("==")
    return {**pins, name: version}


def chapter_imports() -> set[str]:
    """The top-level modules that the chapters' code cells import (IPython magics left out)."""
    found = set()
    for chapter in chapter_files():
        for cell in jupytext.read(ROOT / f"{chapter}.md").cells:
            if cell.cell_type != "code":
                continue
            code = "\n".join(line for line in cell.source.splitlines()
                             if not line.lstrip().startswith(("%", "!")))
            for node in ast.walk(ast.parse(code)):
                if isinstance(node, ast.Import):
                    found |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names)


def test_binder_declares_python_3_11():
    assert PYTHON == "3.11"


def test_binder_installs_what_the_chapters_import_and_no_toolchain():
    imports = chapter_imports()
    assert imports - PROVIDED <= set(DISTRIBUTION), f"chapters import {imports - PROVIDED - set(DISTRIBUTION)}"
    wanted = {DISTRIBUTION[module] for module in imports - PROVIDED}
    installed = set(binder_pins()) | {line for line in requirement_lines() if "==" not in line}
    assert installed == wanted, f"Binder installs {installed ^ wanted} that the chapters do not need, or misses it"
    assert not TOOLCHAIN & installed
    assert "./code" in requirement_lines() and "-e ./code" not in requirement_lines()  # as a package


def test_binder_pins_are_the_book_builds():
    book = dict(line.split("==") for line in
                (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
                if "==" in line and not line.startswith("#"))
    for name, version in binder_pins().items():
        assert version.split("+")[0] == book[name], f"{name}: Binder {version}, the book {book[name]}"


def test_torch_comes_alone_from_pytorchs_cpu_index_like_make_setup():
    cpu_install, deps_install = post_build_installs()
    assert "--no-deps" in cpu_install and "--index-url" in cpu_install
    index = cpu_install[cpu_install.index("--index-url") + 1]
    assert [arg for arg in cpu_install if "==" in arg] == ["torch==2.13.0+cpu"]  # nothing else asks it
    assert index.rstrip("/").endswith("/whl/cpu")
    assert "--index-url" not in deps_install and "--extra-index-url" not in deps_install
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^TORCH_PIN\s*:=\s*{re.escape(torch_pin())}$", makefile, re.MULTILINE)
    assert re.search(rf"^TORCH_INDEX\s*:=\s*{re.escape(index)}$", makefile, re.MULTILINE)


@pytest.mark.slow
@pytest.mark.parametrize("pin", [f"{name}=={version}" for name, version in binder_pins().items()])
def test_each_binder_pin_has_a_release_for_binders_python(pin, tmp_path):
    """pip resolves the pin for that Python from wheels alone (as Binder's build would)."""
    index = []
    if pin == torch_pin():
        cpu_install, _ = post_build_installs()
        index = ["--index-url", cpu_install[cpu_install.index("--index-url") + 1],
                 "--retries", "1", "--timeout", "15"]
    venvs.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
               "--python-version", PYTHON, "--dest", tmp_path, *index, pin], env=venvs.clean_env())
    name, version = pin.split("==")
    (downloaded,) = tmp_path.glob("*.whl")
    assert downloaded.name.lower().startswith(f"{name.replace('-', '_')}-{version}-".lower()), downloaded.name
