"""mlcalc as a package on its own: light to import, installable from a wheel without the book."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "code"


def run(args, **kwargs):
    """Run a command, failing the test with its output if it fails."""
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def test_import_mlcalc_loads_no_framework_and_no_pyplot():
    probe = (
        "import sys, mlcalc\n"
        "heavy = ('torch', 'tensorflow', 'matplotlib.pyplot', 'sympy')\n"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    loaded = run([sys.executable, "-c", probe]).stdout.strip()
    assert loaded == "", f"import mlcalc loaded {loaded}"


def test_every_public_name_of_the_package_resolves():
    import mlcalc

    for name in mlcalc.__all__:
        assert getattr(mlcalc, name) is not None, name
    with pytest.raises(AttributeError, match="no_such_name"):
        mlcalc.no_such_name  # noqa: B018


@pytest.mark.slow
def test_wheel_installs_and_works_with_only_numpy_sympy_matplotlib(tmp_path):
    wheels = tmp_path / "wheels"
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(wheels), str(CODE)])
    (wheel,) = wheels.glob("mlcalc-*.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    run([str(python), "-m", "pip", "install", "--quiet", "numpy", "sympy", "matplotlib"])
    run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)])

    installed = run([str(python), "-m", "pip", "list", "--format=freeze"]).stdout.lower()
    assert "torch" not in installed and "tensorflow" not in installed

    script = (
        "import math, mlcalc as mc\n"
        "assert mc.limit(lambda x: (1 - math.cos(x)) / x**2, 0).exists\n"
        "assert abs(mc.derivative(math.exp, 0.0) - 1) < 1e-8\n"
        "assert mc.grad(lambda x: x**3, 2.0, backend='forward') == 12.0\n"
        "assert mc.grad(lambda x: x**3, 2.0, backend='reverse') == 12.0\n"
        "mc.use_book_style()\n"
        "try:\n"
        "    mc.grad(lambda x: x**2, 1.0, backend='torch')\n"
        "except ImportError as error:\n"
        "    assert 'mlcalc[torch]' in str(error), error\n"
        "else:\n"
        "    raise AssertionError('the torch backend should need torch')\n"
        "print(mc.__file__)\n"
    )
    env = {**os.environ, "MPLBACKEND": "Agg"}
    location = run([str(python), "-c", script], cwd=tmp_path, env=env).stdout
    assert str(env_dir) in location, f"imported mlcalc from {location}, not from the wheel"
