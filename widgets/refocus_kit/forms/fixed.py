"""Widgets whose look is fixed once they are built share their layout and style models.

ipywidgets gives every widget a Layout model, and most a style model, of its own. A form of
forty widgets then carries a hundred and more models, each created in the kernel, sent to the
page and drawn there, although almost all of them hold the same defaults. Shared, they are made
once per kernel. So a shared layout or style must never be changed after it is made: a widget
whose look changes (shown and hidden, say) keeps models of its own.
"""

from __future__ import annotations

from typing import Any, TypeVar

import ipywidgets as w

__all__ = ["fixed", "shared"]

W = TypeVar("W", bound=w.Widget)

_SHARED: dict[tuple, w.Widget] = {}


def shared(cls: type[W], **traits: Any) -> W:
    """The one model of this class with these traits (made again if it was closed)."""
    key = (cls, tuple(sorted(traits.items())))
    model = _SHARED.get(key)
    if model is None or model.comm is None:
        model = _SHARED[key] = cls(**traits)
    return model


def fixed(
    cls: type[W],
    *,
    layout: dict[str, Any] | None = None,
    style: dict[str, Any] | None = None,
    **kwargs: Any,
) -> W:
    """A widget of `cls` that shares its (never changed) layout and style with others."""
    models: dict[str, w.Widget] = {"layout": shared(w.Layout, **(layout or {}))}
    style_trait = cls.class_traits().get("style")
    if style_trait is not None:
        models["style"] = shared(style_trait.klass, **(style or {}))
    return cls(**kwargs, **models)
