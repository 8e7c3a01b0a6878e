"""What the participant server does with requests it cannot serve as asked: headers too large
for it, malformed websocket messages, a form page whose notebook failed. Each gets a plain
answer and at most one log line, which never holds what a person typed."""

from __future__ import annotations

import json
import logging
import re
import struct

import tornado.web
from tornado.httputil import HTTPServerRequest
from tornado.routing import Matcher
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from refocus_kit.participant.plain import plain_page

__all__ = [
    "HEADERS_LIMIT",
    "HEADERS_READ_LIMIT",
    "PAGE_FAILED",
    "HeadersTooLarge",
    "KernelSocket",
    "OneLineCellErrors",
    "OversizedHeaders",
    "kernel_of",
    "made_whole",
]

HEADERS_LIMIT = 32 * 1024  # bytes of request line and headers a request may carry
# Tornado closes a connection whose headers pass its own limit without a word; it reads this
# much, so that requests between the two limits are answered 431 with a page.
HEADERS_READ_LIMIT = 1024 * 1024
# Voila's text for a failed cell, set (VoilaExecutor.cell_error_instruction) to this mark: a page
# carrying it is never sent to anyone.
PAGE_FAILED = "refocus-page-failed"
_KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_CHANNELS = frozenset({"shell", "control", "stdin", "iopub"})
_MALFORMED: tuple[type[Exception], ...] = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    AssertionError,
    struct.error,
)


def kernel_of(html: str) -> str | None:
    """The kernel a Voila page connects to, if it got as far as naming one."""
    found = _KERNEL_ID.search(html)
    return found.group(1) if found else None


def made_whole(html: str) -> bool:
    """True for a form page that may be sent: its form displayed, and no cell failed."""
    return _WIDGET_VIEW in html and PAGE_FAILED not in html


class OneLineCellErrors(logging.Filter):
    """Voila logs a page whose notebook failed with the whole cell: its outputs, tracebacks
    and the error's text, any of which may quote what someone typed, on a few hundred lines.
    One line instead, naming the kind of error only (the kit logs its own in one line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Error at server while executing cell"):
            error = record.exc_info[1] if record.exc_info else None
            kind = getattr(error, "ename", None) or type(error).__name__
            record.msg, record.args = "a page's notebook failed (%s)", (kind,)
            record.exc_info, record.exc_text = None, None
        return True


def _header_bytes(request: HTTPServerRequest) -> int:
    line = len(request.method or "") + len(request.uri or "") + len(request.version or "") + 4
    return line + sum(len(k) + len(v) + 4 for k, v in request.headers.get_all())


class OversizedHeaders(Matcher):
    """Matches any request whose headers (cookies, mostly) are over the limit."""

    def __init__(self, limit: int = HEADERS_LIMIT):
        self.limit = limit

    def match(self, request: HTTPServerRequest) -> dict | None:
        return {} if _header_bytes(request) > self.limit else None


class HeadersTooLarge(tornado.web.RequestHandler):
    """431, with a page that says how to get in again, whatever the method."""

    def prepare(self) -> None:
        size = _header_bytes(self.request)
        self.settings["refocus_app"].log.warning("refused a request with %d bytes of headers", size)
        self.clear_all_cookies()  # nothing to add to what is already too much
        plain_page(self, "too-large.html", status=431)


def _kernel_message(text: str) -> None:
    """Raise ValueError unless the text is a kernel message as a page sends one."""
    message = json.loads(text)
    if not isinstance(message, dict) or message.get("channel") not in _CHANNELS:
        raise ValueError("not a kernel message")
    if not isinstance(message.get("header"), dict) or "msg_type" not in message["header"]:
        raise ValueError("not a kernel message")


class KernelSocket(VoilaKernelWebsocketHandler):
    """A page's websocket to its kernel. Sends each message at once (no Nagle wait: see open);
    tells the held pages when a page connects and goes (held.py); drops a malformed message
    with one log line for the socket, naming the kernel and the fault but never the message, in
    place of a traceback for each."""

    _malformed = 0
    _counted = False

    async def open(self, kernel_id: str) -> None:
        # A click's reply is a few small frames (busy, the widget's update, idle). With Nagle's
        # algorithm on, tornado's default, the second waits for the browser to acknowledge the
        # first, which it delays by some 40 ms: "saved" came 47 ms after a click on an idle
        # server, about 20 ms with this.
        self.set_nodelay(True)
        self.settings["refocus_app"].pages.connected(kernel_id)
        self._counted = True
        await super().open(kernel_id)

    def on_close(self) -> None:
        if self._counted:
            self.settings["refocus_app"].pages.disconnected(self.kernel_id)
        super().on_close()

    def on_message(self, message) -> None:
        try:
            if isinstance(message, str) and not self.selected_subprotocol:
                _kernel_message(message)  # the JSON protocol: checked before any of it is logged
            super().on_message(message)
        except _MALFORMED as exc:
            self._malformed += 1
            if self._malformed == 1:
                self.log.warning(
                    "ignored a malformed message on the websocket of kernel %s (%s); any more "
                    "on this socket are ignored without a word",
                    self.kernel_id,
                    type(exc).__name__,
                )
