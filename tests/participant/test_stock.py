"""Stock parts of the participant server, narrowed: a page gone mid-message is let go without
a word in the log."""

import logging
from unittest import mock

import tornado.web
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

from refocus_kit.participant.stock import PageConnection

MESSAGE = {"header": {}, "parent_header": {}, "metadata": {}, "content": {}, "buffers": []}


class OpenStream:
    channel = "iopub"

    def closed(self) -> bool:
        return False


def gone_page() -> KernelWebsocketHandler:
    """A page's socket handler whose connection has gone (a phone off the Wi-Fi)."""
    start = RequestStartLine("GET", "/api/kernels/k/channels", "HTTP/1.1")
    headers = HTTPHeaders({"Host": "127.0.0.1"})
    request = HTTPServerRequest(start_line=start, headers=headers, connection=mock.Mock())
    return KernelWebsocketHandler(tornado.web.Application(), request)


def warnings_sending(connection_class, caplog) -> list[str]:
    connection = connection_class(websocket_handler=gone_page(), log=logging.getLogger("page"))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="page"):
        connection._on_zmq_reply(OpenStream(), dict(MESSAGE))
    return [record.getMessage() for record in caplog.records]


def test_a_message_for_a_page_that_has_gone_is_dropped_quietly(caplog):
    assert warnings_sending(PageConnection, caplog) == []


def test_stock_jupyter_logs_an_empty_warning_for_it(caplog):
    assert warnings_sending(ZMQChannelsWebsocketConnection, caplog) == [""]  # what we avoid
