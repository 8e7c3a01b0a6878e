"""Routes the participant server inherits from stock Jupyter Server and Voila: those the pages
need still answer; every other one is an unknown path (404), never a 500, never a traceback
in the log, never a file or a path of the server's."""

import socket

import httpx
import pytest

UNKNOWN = "no-such-page"
# No login on the participant server, and no Jupyter API, file tree or Lab under any name.
NOT_SERVED = [
    "logout",
    "login",
    "api/status",
    "api/kernels",
    "api/sessions",
    "api/kernelspecs",
    "api/contents",
    "api/contents/team_reflection_session.ipynb",
    "api/config/notebook",
    "tree",
    "lab",
    "notebooks/team_reflection_session.ipynb",
    "files/team_reflection_session.ipynb",
    "static/",
    "static/lab/index.html",
    "voila/",
    "voila/tree",
    "voila/api/contents",
    "favicon.ico",
]
# Voila's template files: only <template>/static/<file> exists; anything else is not found.
BAD_TEMPLATE_PATHS = [
    "voila/templates/x",
    "voila/templates/refocus",
    "voila/templates/refocus/static/",
    "voila/templates/refocus/index.html.j2",
    "voila/templates/refocus/conf.json",
    "voila/templates/lab/conf.json",
    "voila/templates/a/b/c",
    "voila/templates/lab/static/../../../../../../etc/passwd",
    "voila/templates/lab/static/%2e%2e/%2e%2e/conf.json",
    "voila/templates/refocus/static/../../lab/conf.json",
    "voila/templates/nosuch/static/index.css",
    "voila/templates/lab/static/voila.js",  # a stock template's file: not the kit's
]
# Static files a page needs, still served.
PAGE_ASSETS = [
    "voila/static/voila.js",
    "voila/templates/refocus/static/index.css",
    "refocus/static/fontawesome/css/all.min.css",
]
LEAKS = ("Traceback", "site-packages", "/home/", "/root/", "refocus.sqlite3", "jinja2")


def get(server, path: str, method: str = "GET") -> httpx.Response:
    return httpx.request(method, server.base + path, timeout=30, follow_redirects=False)


def raw_get(server, path: str) -> tuple[int, str]:
    """GET with the path byte for byte as given: httpx would tidy dot segments away."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as conn:
        conn.sendall(
            f"GET /{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


@pytest.fixture
def log_after(server):
    """What the server logs from here on."""
    start = server.log.stat().st_size
    return lambda: server.log.read_bytes()[start:].decode("utf-8", "replace")


def test_stock_routes_are_unknown_paths(server, log_after):
    unknown = get(server, UNKNOWN)
    assert unknown.status_code == 404
    for path in NOT_SERVED:
        response = get(server, path)
        assert response.status_code == 404 and response.text == unknown.text, path
        assert get(server, path, "POST").status_code in {404, 405}, path
    log = log_after()
    assert "Traceback" not in log and "Uncaught exception" not in log and " 500 " not in log


def test_template_files_outside_a_static_folder_are_not_found(server, log_after):
    for path in BAD_TEMPLATE_PATHS:
        status, body = raw_get(server, path)
        assert status in {403, 404}, (path, status)
        assert not any(leak in body for leak in LEAKS), path
        assert "root:x:" not in body
    log = log_after()
    assert "Traceback" not in log and "Uncaught exception" not in log


def test_the_files_a_page_needs_are_still_served(server):
    for path in PAGE_ASSETS:
        assert get(server, path).status_code == 200, path
