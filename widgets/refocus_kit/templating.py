"""The kit's Jinja environments: one per package that ships templates, always autoescaping, so
nothing a person typed reaches a page unescaped."""

from __future__ import annotations

from functools import cache

import jinja2

__all__ = ["templates"]


@cache
def templates(package: str) -> jinja2.Environment:
    """The environment for `package`'s `templates` folder."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
