"""No class in the kit that extends an ipywidgets widget may reuse a name the widget machinery
relies on. A `SessionDesk.open()` once replaced `Widget.open()`, so the desk never made its comm
("Error displaying widget: model not found"), and its `close()` replaced `Widget.close()`, which
`Widget.__del__` calls."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap

import ipywidgets as w

import refocus_kit

# The names the widget machinery defines (methods, properties, traits, with everything they
# inherit from traitlets), as seen from the deepest of the three classes.
WIDGET_NAMES = set(dir(w.Box)) | set(w.Box.class_trait_names())


class _Plain(w.VBox):
    """An empty subclass: whatever Python and traitlets put on every class is not an override."""


ALLOWED = set(vars(_Plain)) | {
    "__init__",
    # A short text/plain repr: Widget's own walks every trait of the tree each time it is shown.
    "__repr__",
}


def kit_widget_classes() -> list[type]:
    found = {}
    for module_info in pkgutil.walk_packages(refocus_kit.__path__, "refocus_kit."):
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, w.Widget) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


def names_set_on_self(cls: type) -> set[str]:
    """Every `self.NAME = ...` in the class's own methods."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Store)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    }


def test_the_scan_finds_the_kits_widgets():
    names = {cls.__name__ for cls in kit_widget_classes()}
    assert {"SessionDesk", "FormWidget", "StrengthsTool"} <= names


def test_the_scan_sees_an_override():
    class Shadowing(w.VBox):
        def __init__(self):
            self.log = []
            super().__init__()

        def open(self):
            pass

    overridden = (set(vars(Shadowing)) | names_set_on_self(Shadowing)) - ALLOWED
    assert overridden & WIDGET_NAMES == {"open", "log"}


def test_no_kit_widget_overrides_a_widget_name():
    clashes = {}
    for cls in kit_widget_classes():
        own = (set(vars(cls)) | names_set_on_self(cls)) - ALLOWED
        if own & WIDGET_NAMES:
            clashes[f"{cls.__module__}.{cls.__qualname__}"] = sorted(own & WIDGET_NAMES)
    assert clashes == {}, f"rename these, ipywidgets relies on them: {clashes}"
