"""The routes stock Voila gives the participant server, narrowed to what its pages need.

- No login: the participant server has none, so Jupyter Server's /login and /logout pages
  (which fail there with a 500 and a template traceback) are not routed at all.
- Template files: only `<the kit's template>/static/<file>`, the one folder a page loads from.
  Voila 0.5 unpacks any other path unchecked, a 500 and a traceback in the log.
"""

from __future__ import annotations

import os

import tornado.web
from voila.static_file_handler import TemplateStaticFileHandler

__all__ = ["TemplateFiles", "without_login"]


class TemplateFiles(TemplateStaticFileHandler):
    """Voila's template files, from the static folder of one template only."""

    def initialize(self, template: str) -> None:
        self.template = template
        super().initialize()

    def parse_url_path(self, url_path: str) -> str:
        parts = os.path.normpath(url_path).split(os.sep)
        if len(parts) < 3 or parts[0] != self.template or parts[1] != "static":
            raise tornado.web.HTTPError(404)
        return super().parse_url_path("/".join(parts))


def without_login(handlers: list[tuple], identity_provider) -> list[tuple]:
    """`handlers` without those of the identity provider (its login and logout pages)."""
    login = {pattern for pattern, *_ in identity_provider.get_handlers()}
    return [handler for handler in handlers if handler[0] not in login]
