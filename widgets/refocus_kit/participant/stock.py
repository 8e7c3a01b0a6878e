"""What stock Voila and Jupyter Server give the participant server, narrowed to what its
pages need and to what a facilitator needs to read in its log.

- No login: the participant server has none, so Jupyter Server's /login and /logout pages
  (which fail there with a 500 and a template traceback) are not routed at all.
- Template files: only `<the kit's template>/static/<file>`, the one folder a page loads from.
  Voila 0.5 unpacks any other path unchecked, a 500 and a traceback in the log.
- A page that goes mid-message (a phone off the Wi-Fi, a tab closed while its kernel talks) is
  let go quietly: stock Jupyter Server logs an empty WARNING line for every message it then
  cannot send, and asyncio a traceback for every send that failed on the way.
"""

from __future__ import annotations

import asyncio
import os

import tornado.web
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado.iostream import StreamClosedError
from tornado.websocket import WebSocketClosedError
from voila.static_file_handler import TemplateStaticFileHandler

__all__ = ["PageConnection", "TemplateFiles", "without_login"]


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


class PageConnection(ZMQChannelsWebsocketConnection):
    """The link between a page and its kernel, quiet about a page that has gone."""

    @property
    def write_message(self):
        return self._send

    def _send(self, message, binary: bool = False):
        page = self.websocket_handler
        if page.ws_connection is None or page.ws_connection.is_closing():
            return None  # the page has gone: nobody to tell
        sending = page.write_message(message, binary=binary)
        if sending is not None:
            sending.add_done_callback(self._sent)
        return sending

    def _sent(self, sending: asyncio.Future) -> None:
        failure = None if sending.cancelled() else sending.exception()
        if failure is not None and not isinstance(
            failure, WebSocketClosedError | StreamClosedError
        ):
            self.log.error("could not send a message to a page", exc_info=failure)
