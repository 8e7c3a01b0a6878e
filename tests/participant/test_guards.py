"""The participant server's guards (guards.py), without a server."""

import logging

from nbclient.exceptions import CellExecutionError
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

from refocus_kit.participant.guards import (
    HEADERS_LIMIT,
    PAGE_FAILED,
    OneLineCellErrors,
    OversizedHeaders,
    kernel_of,
    made_whole,
)

KERNEL = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
CONFIG = f'<script id="jupyter-config-data">{{"kernelId": "{KERNEL}"}}</script>'
VIEW = (
    '<script type="application/vnd.voila.cell-output+json">'
    '{"data": {"application/vnd.jupyter.widget-view+json": {}}}</script>'
)


def test_a_page_is_sent_only_if_its_form_is_there_and_no_cell_failed():
    assert kernel_of(CONFIG + VIEW) == KERNEL and made_whole(CONFIG + VIEW)
    assert not made_whole(CONFIG)  # the notebook stopped before showing the form
    failed = CONFIG + f"There was an error when executing cell [1]. {PAGE_FAILED}"
    assert kernel_of(failed) == KERNEL and not made_whole(failed)
    assert kernel_of("<html>busy</html>") is None


def request(**headers) -> HTTPServerRequest:
    line = RequestStartLine("GET", "/s/ABC234", "HTTP/1.1")
    return HTTPServerRequest(start_line=line, headers=HTTPHeaders(Host="kit", **headers))


def test_headers_over_the_limit_are_matched_whatever_the_path():
    assert OversizedHeaders().match(request(Cookie="a=" + "x" * 1000)) is None
    assert OversizedHeaders().match(request(Cookie="a=" + "x" * HEADERS_LIMIT)) == {}


def test_a_failed_cell_is_logged_in_one_line_without_its_text():
    typed = "Something a person typed"
    error = CellExecutionError(f"Traceback ... {typed}", "StoreError", typed)
    record = logging.LogRecord(
        "RefocusVoila",
        logging.ERROR,
        __file__,
        1,
        "Error at server while executing cell: %r",
        ({"source": "participant_page()", "outputs": [{"evalue": typed}]},),
        (CellExecutionError, error, None),
    )
    assert OneLineCellErrors().filter(record)
    assert record.getMessage() == "a page's notebook failed (StoreError)"
    assert record.exc_info is None and typed not in logging.Formatter().format(record)


def test_a_kernel_socket_sends_each_message_at_once(monkeypatch):
    """Nagle's algorithm off for the page's websocket: with it on (tornado's default), a
    click's "saved" waited some 40 ms behind the kernel's "busy" for the browser's delayed
    acknowledgement (bench/voila_forms.py)."""
    import asyncio

    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    from refocus_kit.participant.guards import KernelSocket

    done = []

    async def opened(handler, kernel_id):
        done.append(("open", kernel_id))

    class Pages:
        def connected(self, kernel_id):
            done.append(("connected", kernel_id))

    monkeypatch.setattr(VoilaKernelWebsocketHandler, "open", opened)
    socket = KernelSocket.__new__(KernelSocket)
    socket.set_nodelay = lambda value: done.append(("nodelay", value))
    monkeypatch.setattr(
        KernelSocket, "settings", {"refocus_app": type("App", (), {"pages": Pages()})}
    )
    asyncio.run(socket.open(KERNEL))
    assert done == [("nodelay", True), ("connected", KERNEL), ("open", KERNEL)]
