"""mlcalc: the helper package of *Calculus for Machine Learning*.

Submodules are loaded on first use, so ``import mlcalc`` is fast and never imports
PyTorch or TensorFlow.  The most used names are also available at the top level.

Examples
--------
>>> import mlcalc as mc
>>> mc.limit("sin(x)/x", 0).value
1
>>> round(mc.derivative(lambda x: x**2, 3.0), 8)
6.0
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.2.0"

_SUBMODULES = ("limits", "rules", "losses", "autodiff", "plotting")

# Top-level shortcuts: name -> submodule that defines it.
_SHORTCUTS = {
    "limit": "limits",
    "LimitResult": "limits",
    "approach_table": "limits",
    "polygon_area": "limits",
    "archimedes_bounds": "limits",
    "difference_quotient": "rules",
    "derivative": "rules",
    "step_error_table": "rules",
    "differentiate": "rules",
    "mse": "losses",
    "mae": "losses",
    "binary_cross_entropy": "losses",
    "line_mse_gradient": "losses",
    "fit_line": "losses",
    "grad": "autodiff",
    "Dual": "autodiff",
    "Var": "autodiff",
    "use_book_style": "plotting",
    "PALETTE": "plotting",
}

__all__ = ["__version__", *_SUBMODULES, *_SHORTCUTS]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _SHORTCUTS:
        module = importlib.import_module(f"{__name__}.{_SHORTCUTS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'mlcalc' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
