"""The kernel's side of a visit: waiting for the visitor's request in a pre-heated page."""

import json
import os
import threading

import pytest
from websockets.sync.server import serve

from refocus_kit.participant.identity import wait_for_request
from tests.support.imports import imported_by
from tests.support.servers import free_port

REQUEST = {"QUERY_STRING": "session=ABC123&pid=p-0123456789ab", "HTTP_X_FORWARDED_USER": "w.007"}


@pytest.fixture
def voila_env(monkeypatch):
    port = free_port()
    for name, value in {
        "VOILA_PREHEAT": "True",
        "VOILA_KERNEL_ID": "k-1",
        "VOILA_APP_IP": "127.0.0.1",
        "VOILA_APP_PORT": str(port),
        "VOILA_SERVER_URL": "/base/",
    }.items():
        monkeypatch.setenv(name, value)
    for name in REQUEST:
        monkeypatch.setenv(name, "")  # so that what the test sets is undone afterwards
    return port


def test_the_visitors_request_reaches_the_environment(voila_env):
    paths = []

    def handler(connection):
        paths.append(connection.request.path)
        connection.send(json.dumps(REQUEST))

    with serve(handler, "127.0.0.1", voila_env) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        wait_for_request()
        server.shutdown()
    assert paths == ["/base/voila/query/k-1"]
    assert {name: os.environ[name] for name in REQUEST} == REQUEST


def test_a_page_that_is_not_pre_heated_does_not_wait(voila_env, monkeypatch):
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    wait_for_request()  # nothing listens: it would fail if it tried
    assert os.environ["QUERY_STRING"] == ""


def test_no_server_gives_a_warning_not_an_error(voila_env, caplog):
    wait_for_request()
    assert "no request details" in caplog.text and os.environ["QUERY_STRING"] == ""


def test_a_warm_page_does_not_load_the_jupyter_server():
    heavy = ["voila", "jupyter_server", "jsonschema"]
    assert imported_by("import refocus_kit.participant.page", heavy, dict(os.environ)) == set()
