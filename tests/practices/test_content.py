"""The content files load, and every public name the modules promise exists."""

import importlib
import pkgutil

import pytest

import refocus_kit.practices as practices
from refocus_kit.practices.content import load_content

MODULES = [m.name for m in pkgutil.iter_modules(practices.__path__)]


@pytest.mark.parametrize(
    "name",
    ["coaching", "goal_themes", "lifemaps", "narrative", "smart", "strengths_marks", "words"],
)
def test_content_file_loads(name):
    assert load_content(name)


@pytest.mark.parametrize(
    "module", ["refocus_kit.practices"] + [f"refocus_kit.practices.{m}" for m in MODULES]
)
def test_every_module_declares_its_public_api(module):
    mod = importlib.import_module(module)
    for name in mod.__all__:
        assert hasattr(mod, name), f"{module}.{name}"
