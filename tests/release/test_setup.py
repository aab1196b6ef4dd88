"""The set-up's first step on a fresh machine: PyTorch's CPU build, alone, from PyTorch's CPU
wheel index. Where that index cannot be reached (as here) the same pin must still resolve, with
no manual step and in seconds, not minutes of retries. Runs the Makefile's own rule on a fresh
venv in a temporary directory (never the project's .venv)."""

from __future__ import annotations

import re
import subprocess
import time

import pytest

from tests.release import venvs

pytestmark = pytest.mark.slow


def test_make_setup_installs_torchs_cpu_build_alone(tmp_path):
    env_dir = tmp_path / ".venv"
    stamp = env_dir / ".torch-cpu-installed"
    start = time.perf_counter()
    result = subprocess.run(["make", "-C", venvs.ROOT, f"VENV={env_dir}", str(stamp)],
                            capture_output=True, text=True, env=venvs.clean_env(), timeout=600)
    seconds = time.perf_counter() - start
    print(f"\ntorch step of make setup in a fresh venv: {seconds:.1f} s")
    assert result.returncode == 0, result.stdout + result.stderr
    assert stamp.is_file()
    assert result.stderr == "", result.stderr  # what pip says about the index goes to a log file
    installed = venvs.installed_versions(env_dir)
    assert installed["torch"] == "2.13.0+cpu", installed
    # Alone: no CUDA libraries, and nothing else (torch's own requirements come with requirements.txt).
    assert not [name for name in installed if re.match(r"nvidia-|triton", name)]
    assert set(installed) <= {"torch", "pip", "setuptools"}, installed
