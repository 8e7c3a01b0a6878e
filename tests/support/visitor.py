"""A participant without a browser, for server tests: a client that keeps its cookies as a
browser does, opens form pages, and types into a page's first text box over the kernel's
websocket, as the page's JavaScript would (see bench/voila/wsclient.py for the protocol)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import struct
import uuid
from dataclasses import dataclass

import httpx
from websockets.sync.client import connect

__all__ = ["Page", "Visitor", "developer_text"]

_KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# What Voila shows for a failed page (the kit must never let it through), in any of its forms.
_DEVELOPER = ("show_tracebacks", "Please run Voil", "Traceback", "refocus-page-failed")


def developer_text(html: str) -> list[str]:
    return [text for text in _DEVELOPER if text in html]


@dataclass
class Page:
    status: int
    html: str
    retry_after: str | None = None

    @property
    def kernel_id(self) -> str | None:
        found = _KERNEL_ID.search(self.html)
        return found.group(1) if found else None

    @property
    def is_form(self) -> bool:
        return self.status == 200 and WIDGET_VIEW in self.html and self.kernel_id is not None

    @property
    def is_plain_retry(self) -> bool:
        """The kit's own page asking to try again in a moment (busy, or the form not loaded)."""
        return self.status == 503 and bool(self.retry_after) and "try again" in self.html


class Visitor:
    def __init__(self, base: str, pid: str | None = None):
        self.base = base
        self.client = httpx.Client(base_url=base, timeout=120, follow_redirects=True)
        if pid:
            self.client.cookies.set("refocus_pid", pid)

    def open(self, path: str) -> Page:
        """The page at `path`, following redirects and, as a browser does, a page that sends
        a first-time visitor on to their form."""
        answer = self.client.get(path.lstrip("/"))
        for _ in range(3):
            onward = _REFRESH.search(answer.text) if answer.status_code == 200 else None
            if onward is None:
                break
            answer = self.client.get(html.unescape(onward.group(1)))
        return Page(answer.status_code, answer.text, answer.headers.get("Retry-After"))

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Visitor:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    @classmethod
    def once(cls, base: str, path: str, pid: str | None = None) -> Page:
        """A visitor who opens one page and leaves."""
        with cls(base, pid) as visitor:
            return visitor.open(path)

    # -- the kernel's websocket ---------------------------------------------------------------
    def type(self, page: Page, text: str, timeout: float = 60) -> str:
        """Type `text` into the page's first text box; returns the box's value as its kernel
        holds it afterwards."""
        ws = f"ws{self.base.removeprefix('http')}api/kernels/{page.kernel_id}/channels"
        with connect(f"{ws}?session_id={uuid.uuid4().hex}", max_size=None) as socket:
            kernel = _Kernel(socket, timeout)
            box = _first_text_box(kernel.states())
            kernel.send("comm_msg", {"comm_id": box, "data": _update(text)})
            kernel.send("comm_info_request", {})  # answered once the update is handled
            kernel.wait(lambda m: m.get("msg_type") == "comm_info_reply")
            return kernel.states()[box]["state"]["value"]


def _update(value: str) -> dict:
    return {"method": "update", "state": {"value": value}, "buffer_paths": []}


def _first_text_box(states: dict[str, dict]) -> str:
    for model_id, model in states.items():
        if model.get("model_name") == "TextareaModel":
            return model_id
    raise LookupError("no text box on the page")


class _Kernel:
    def __init__(self, socket, timeout: float):
        self.socket, self.timeout = socket, timeout
        self.session = uuid.uuid4().hex
        self.control = uuid.uuid4().hex
        self.send(
            "comm_open",
            {"comm_id": self.control, "target_name": "jupyter.widget.control", "data": {}},
            {"version": "1.0.0"},
        )

    def send(self, msg_type: str, content: dict, metadata: dict | None = None) -> None:
        header = {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "username": "test",
            "session": self.session,
            "date": dt.datetime.now(dt.UTC).isoformat(),
            "version": "5.3",
        }
        message = {"header": header, "parent_header": {}, "metadata": metadata or {}}
        message |= {"content": content, "buffers": [], "channel": "shell"}
        self.socket.send(json.dumps(message))

    def receive(self) -> dict:
        frame = self.socket.recv(timeout=self.timeout)
        if isinstance(frame, bytes):  # a message with binary buffers: only its JSON part
            count = struct.unpack("!i", frame[:4])[0]
            offsets = struct.unpack("!" + "I" * count, frame[4 : 4 * (count + 1)])
            end = offsets[1] if count > 1 else len(frame)
            return json.loads(frame[offsets[0] : end].decode("utf-8"))
        return json.loads(frame)

    def wait(self, match) -> dict:
        while True:
            message = self.receive()
            if match(message):
                return message

    def states(self) -> dict[str, dict]:
        self.send("comm_msg", {"comm_id": self.control, "data": {"method": "request_states"}})
        reply = self.wait(
            lambda m: (
                m.get("msg_type") == "comm_msg"
                and m["content"].get("data", {}).get("method") == "update_states"
            )
        )
        return reply["content"]["data"]["states"]
