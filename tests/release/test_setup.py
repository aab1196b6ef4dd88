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


def make_torch_step(env_dir, *overrides) -> tuple[subprocess.CompletedProcess, float]:
    """Run the Makefile's rule that installs torch, for the venv `env_dir`; return its result
    and the seconds it took."""
    start = time.perf_counter()
    result = subprocess.run(["make", "-C", venvs.ROOT, f"VENV={env_dir}", *overrides,
                             str(env_dir / ".torch-cpu-installed")],
                            capture_output=True, text=True, env=venvs.clean_env(), timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return result, time.perf_counter() - start


def test_make_setup_installs_torchs_cpu_build_alone_and_falls_back_quietly(tmp_path):
    env_dir = tmp_path / ".venv"
    result, seconds = make_torch_step(env_dir)
    print(f"\ntorch step of make setup in a fresh venv: {seconds:.1f} s")
    assert result.stderr == "", result.stderr  # what pip says about the index goes to a log file
    assert "default index instead" not in result.stdout
    installed = venvs.installed_versions(env_dir)
    assert installed["torch"] == "2.13.0+cpu", installed
    # Alone: no CUDA libraries, and nothing else (torch's own requirements come with requirements.txt).
    assert not [name for name in installed if re.match(r"nvidia-|triton", name)]
    assert set(installed) <= {"torch", "pip", "setuptools"}, installed

    # A CPU build that the index does not have (a made-up local version): one line says so, and
    # torch==2.13.0 comes from the default index instead (here: already installed).
    (env_dir / ".torch-cpu-installed").unlink()
    result, seconds = make_torch_step(env_dir, "TORCH_PIN=torch==2.13.0+nosuchbuild")
    print(f"torch step falling back: {seconds:.1f} s")
    assert result.stderr == "", result.stderr
    assert "installing torch==2.13.0 from the default index instead" in result.stdout
    assert "nosuchbuild" in (env_dir / "torch-install.log").read_text(encoding="utf-8")
    assert (env_dir / ".torch-cpu-installed").is_file()
