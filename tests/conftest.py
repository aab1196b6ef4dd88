"""Fixtures shared by the tests of the built book and site.

`built_book` runs `make book` (the README's build command) once per test session; every test of
the site reads its output in `_build/html`.
"""

from __future__ import annotations

import subprocess

import pytest

from tests.bookfiles import ROOT


@pytest.fixture(scope="session")
def built_book() -> str:
    """Build the book with `make book`; return the build log.

    `make setup` runs first, on its own: what pip or npm print while installing is not part
    of the build log that the tests read.
    """
    setup = subprocess.run(["make", "setup"], cwd=ROOT, capture_output=True, text=True)
    assert setup.returncode == 0, f"`make setup` failed:\n{setup.stdout[-3000:]}{setup.stderr[-3000:]}"
    result = subprocess.run(["make", "book"], cwd=ROOT, capture_output=True, text=True)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"`make book` failed:\n{log[-6000:]}"
    return log
