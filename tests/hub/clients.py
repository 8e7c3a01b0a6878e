"""How the hub test acts as its users without a browser: each user's own API token (asked of
the hub with their password, as its dummy authenticator takes any), their own single-user
server started through the hub's API, and a terminal in the exercises' grader service, the
way a facilitator types `refocus exercises ...` into it."""

from __future__ import annotations

import json
import re
import time

import httpx
from websockets.sync.client import connect

from tests.support.hub import PASSWORD

__all__ = ["as_user", "grader_shell", "hub_token", "start_server"]

_DONE = re.compile(r"__DONE__ (\d+)")


def hub_token(hub_url: str, user: str) -> str:
    """A new API token for `user`, with the user's own permissions."""
    answer = httpx.post(
        f"{hub_url}/hub/api/users/{user}/tokens",
        json={"auth": {"username": user, "password": PASSWORD}, "note": "the hub test"},
        timeout=60,
    )
    answer.raise_for_status()
    return answer.json()["token"]


def as_user(hub_url: str, token: str) -> httpx.Client:
    """Requests through the hub's proxy, as the token's user."""
    return httpx.Client(base_url=hub_url, headers={"Authorization": f"token {token}"}, timeout=180)


def start_server(client: httpx.Client, user: str, timeout: float = 240) -> None:
    """Start `user`'s own server through the hub's API and wait until it is ready."""
    started = client.post(f"/hub/api/users/{user}/server")
    assert started.status_code in (201, 202, 400), started.text  # 400: already running
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        model = client.get(f"/hub/api/users/{user}").json()
        server = (model.get("servers") or {}).get("")
        if server and server.get("ready"):
            return
        time.sleep(1)
    raise RuntimeError(f"{user}'s server was not ready in {timeout:.0f} s")


def grader_shell(
    hub_url: str, token: str, service: str, command: str, timeout: float = 900
) -> tuple[int, str]:
    """Run `command` in a new terminal of a course's grader `service`, as the token's user:
    its exit status and what the terminal showed."""
    base = f"/services/{service}"
    with as_user(hub_url, token) as client:
        made = client.post(f"{base}/api/terminals")
        made.raise_for_status()
        name = made.json()["name"]
    socket = hub_url.replace("http://", "ws://") + f"{base}/terminals/websocket/{name}"
    shown: list[str] = []
    deadline = time.monotonic() + timeout
    with connect(socket, additional_headers={"Authorization": f"token {token}"}) as terminal:
        terminal.send(json.dumps(["stdin", f"{command}; echo __DONE__ $?\r"]))
        while time.monotonic() < deadline:
            kind, *content = json.loads(terminal.recv(timeout=deadline - time.monotonic()))
            if kind == "stdout":
                shown.append(content[0])
                done = _DONE.search("".join(shown))
                if done:
                    return int(done.group(1)), "".join(shown)
    raise RuntimeError(f"the grader's terminal did not finish: {''.join(shown)[-3000:]}")
