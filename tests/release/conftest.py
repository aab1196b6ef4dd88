"""Fixtures of the release tests: the edition's version, a wheel of mlcalc built from this
checkout at that version, and the venv with Colab's library versions (built once, then reused)."""

from __future__ import annotations

import ast
import sys

import pytest

from tests.release import venvs

INIT = venvs.ROOT / "code" / "src" / "mlcalc" / "__init__.py"


def edition() -> str:
    """`__version__` as written in mlcalc/__init__.py, read without importing mlcalc."""
    for node in ast.parse(INIT.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "__version__":
            return node.value.value
    raise AssertionError(f"no __version__ in {INIT}")


@pytest.fixture(scope="session")
def version() -> str:
    return edition()


@pytest.fixture(scope="session")
def wheel(tmp_path_factory, version):
    """mlcalc's wheel built from code/ (what the release workflow publishes)."""
    out = tmp_path_factory.mktemp("wheel")
    venvs.run([sys.executable, "-m", "build", "--wheel", "--outdir", out, venvs.ROOT / "code"],
              env=venvs.clean_env())
    (built,) = out.glob("mlcalc-*.whl")
    assert built.name == f"mlcalc-{version}-py3-none-any.whl", built.name
    return built


@pytest.fixture(scope="session")
def colab_base():
    return venvs.colab_base()
