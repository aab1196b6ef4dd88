"""Virtual environments for the release tests: Colab's library versions, built once, and fresh
"overlay" environments on top of them that start without mlcalc.

`colab_base()` builds `_build/venvs/colab-<hash>/` from requirements-colab.txt the first time it is
asked for (about two minutes, mostly TensorFlow) and reuses it while that file is unchanged; it
never contains mlcalc. `overlay(base, dest)` makes a new, empty venv whose site-packages also
reads the base's (a `.pth` file), so a test gets Colab's stack in a second and can install mlcalc
into it, as a Colab notebook's first cell does, without touching the base. Run as a script
(`python tests/release/venvs.py`) it builds the base and prints its path.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COLAB_REQUIREMENTS = ROOT / "requirements-colab.txt"
VENVS = ROOT / "_build" / "venvs"
# torch 2.13.0 requires sympy>=1.13.3, newer than Colab's sympy: it is installed without that one.
NO_DEPS = {"torch"}


def run(args: list, **kwargs) -> subprocess.CompletedProcess:
    """Run a command; fail with its output if it fails."""
    result = subprocess.run([str(arg) for arg in args], capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} failed:\n{result.stdout[-4000:]}\n"
                             f"{result.stderr[-4000:]}")
    return result


def pins(path: Path = COLAB_REQUIREMENTS) -> dict[str, str]:
    """The `name==version` lines of a requirements file, as {name: version}."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            match = re.fullmatch(r"([A-Za-z0-9._-]+)==([A-Za-z0-9.+!]+)", line)
            assert match, f"{path.name}: not an exact pin: {line!r}"
            found[match[1].lower()] = match[2]
    return found


def site_packages(env: Path) -> Path:
    """The site-packages directory of a venv made with this Python."""
    relative = Path(sysconfig.get_path("purelib")).relative_to(sysconfig.get_path("data"))
    return env / relative


def python(env: Path) -> Path:
    return env / "bin" / "python"


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without what points Python at the repository."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
           and not key.startswith("MLCALC_")}
    env.update(TF_CPP_MIN_LOG_LEVEL="2", TF_ENABLE_ONEDNN_OPTS="0", PIP_NO_INPUT="1",
               PYDEVD_DISABLE_FILE_VALIDATION="1")
    env.update(extra)
    return env


def colab_base() -> Path:
    """The venv with exactly requirements-colab.txt (and no mlcalc), built on first use."""
    text = COLAB_REQUIREMENTS.read_text(encoding="utf-8")
    key = hashlib.sha256(f"{text}{sys.version}".encode()).hexdigest()[:12]
    env = VENVS / f"colab-{key}"
    done = env / ".complete"
    if done.is_file():
        return env
    for stale in VENVS.glob("colab-*"):
        shutil.rmtree(stale)
    venv.EnvBuilder(with_pip=True).create(env)
    pip = [python(env), "-m", "pip", "install", "--quiet"]
    wanted = pins()
    run([*pip, *(f"{name}=={version}" for name, version in wanted.items() if name not in NO_DEPS)],
        env=clean_env())
    for name in sorted(NO_DEPS & set(wanted)):
        run([*pip, "--no-deps", f"{name}=={wanted[name]}"], env=clean_env())
        # Its other requirements, except those the pins above already decide.
        probe = (f"import importlib.metadata as m\n"
                 f"for r in m.requires({name!r}) or []:\n"
                 f"    if 'extra ==' not in r: print(r.split(';')[0].strip())")
        needed = [requirement for requirement in run([python(env), "-c", probe]).stdout.split()
                  if re.split(r"[<>=!~ ]", requirement, maxsplit=1)[0].lower() not in wanted]
        if needed:
            run([*pip, *needed], env=clean_env())
    installed = installed_versions(env)
    for name, version in wanted.items():
        assert installed.get(name) == version or installed.get(name, "").startswith(f"{version}+"), (
            f"{name}: wanted {version}, pip installed {installed.get(name)}")
    assert "mlcalc" not in installed
    done.write_text(text, encoding="utf-8")
    return env


def installed_versions(env: Path) -> dict[str, str]:
    out = run([python(env), "-m", "pip", "list", "--format=freeze"], env=clean_env()).stdout
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, _, version in
            (line.partition("==") for line in out.splitlines()) if version}


def overlay(base: Path, dest: Path) -> Path:
    """A fresh venv at `dest` that sees the base's packages but installs into its own."""
    venv.EnvBuilder(with_pip=False).create(dest)
    (site_packages(dest) / "_base_packages.pth").write_text(
        f"import site; site.addsitedir({str(site_packages(base))!r})\n", encoding="utf-8")
    return dest


if __name__ == "__main__":
    print(colab_base())
