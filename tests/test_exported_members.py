"""Every module of the kit declares its public API in __all__, and each name in it exists."""

import importlib
import pkgutil

import pytest

import refocus_kit

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(refocus_kit.__path__, "refocus_kit.")
    if not m.name.split(".")[-1].startswith("_")
)


@pytest.mark.parametrize("name", ["refocus_kit", *MODULES])
def test_module_declares_an_existing_public_api(name):
    module = importlib.import_module(name)
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names missing members: {missing}"


def test_top_level_api():
    assert refocus_kit.__all__ == ["Settings", "__version__", "settings"]
