"""Names a package exports but loads only when first used, so that importing the package's
headless half (the store, the CLI's data commands, the goal check) never pays for ipywidgets or
matplotlib (PEP 562 module __getattr__)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable

__all__ = ["lazy_exports"]


def lazy_exports(package: str, modules: dict[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for `package`: each name in `modules` is imported from the
    submodule it maps to the first time someone asks for it, then kept."""

    def __getattr__(name: str) -> object:
        if name not in modules:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{modules[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
