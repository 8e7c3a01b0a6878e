"""A participant without a browser: fetch a Voila page, then talk to its kernel over the
websocket the way the page's JavaScript does, to fill in one text field and click Submit.

The page HTML (which Voila sends once the notebook has run) carries the kernel id in its
`jupyter-config-data` script and the root widget's model id in its cell output. On the kernel
websocket, the protocol a Voila 0.5 page asks for and Jupyter Server grants,
`v1.kernel.websocket.jupyter.org`: one binary frame per message, the kernel's own JSON parts passed
through unparsed (the older JSON protocol, which a client gets by asking for none, has the server
parse every message and write it again, work no page makes it do). Then:
a `comm_info_request` lists the live widget comms ("widgets are live"); the ipywidgets control
comm's `request_states` returns every widget's state, in which the text box and the Submit button
are found; a comm `update` sets the text and a comm `custom` click event submits. Closing the
tab is the page script's `beforeunload` beacon asking the server to shut the kernel down.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import itertools
import json
import re
import ssl
import time
import urllib.request
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx
from websockets.asyncio.client import connect

__all__ = [
    "Ack",
    "Finder",
    "Visit",
    "children",
    "cookie_for",
    "cookie_header",
    "find_button",
    "first_model",
    "parse_page",
    "visit",
]

# (widget states by model id) -> (model id of the text box, model id of the Submit button)
Finder = Callable[[dict[str, dict]], tuple[str, str]]
Ack = Callable[[dict], bool]

_CONFIG = re.compile(
    r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S
)
_OUTPUT = re.compile(r'<script type="application/vnd.voila.cell-output\+json">(.*?)</script>', re.S)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CONTROL_TARGET = "jupyter.widget.control"
CONTROL_VERSION = "1.0.0"  # ipywidgets 8 control protocol
PROTOCOL = "v1.kernel.websocket.jupyter.org"
# The servers speak plain HTTP. Each participant still gets a client of their own, as each
# phone would, but not a TLS context each: loading the CA bundle takes ~50 ms of the bench's
# CPU per participant, time the servers under test would otherwise lose.
_NO_TLS = ssl.create_default_context()


@dataclass
class Visit:
    """What happened to one participant; times in seconds from the participant's start."""

    pid: str
    statuses: list[int] = field(default_factory=list)  # every HTTP answer, in order
    busy_pages: int = 0  # 503 answers that asked to retry (with Retry-After)
    page_s: float | None = None  # the whole page HTML received
    live_s: float | None = None  # comm_info_reply lists the page's widget
    submit_s: float | None = None  # click sent -> the kernel's "saved" widget update
    problem: str | None = None  # why this participant did not get through
    tab_closed: bool | None = None  # closing the tab shut the page's kernel down


def parse_page(html: str) -> tuple[str, list[str]]:
    """The kernel id and the widget view model ids a Voila page embeds; raises ValueError for a
    page without them (a blank or error page)."""
    config = _CONFIG.search(html)
    if not config:
        raise ValueError("no jupyter-config-data in the page")
    kernel_id = json.loads(config.group(1)).get("kernelId")
    if not kernel_id:
        raise ValueError("no kernelId in the page config")
    views = []
    for block in _OUTPUT.findall(html):
        data = json.loads(block).get("data", {})
        if WIDGET_VIEW in data:
            views.append(data[WIDGET_VIEW]["model_id"])
    if not views:
        raise ValueError("no widget in the page")
    return kernel_id, views


class Kernel:
    """One kernel websocket: send shell messages, wait for the replies or iopub updates."""

    def __init__(self, ws):
        self.ws = ws
        self.session = uuid.uuid4().hex

    async def send(self, msg_type: str, content: dict, metadata: dict | None = None) -> str:
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "username": "bench",
            "session": self.session,
            "date": dt.datetime.now(dt.UTC).isoformat(),
            "version": "5.3",
        }
        parts = [header, {}, metadata or {}, content]
        await self.ws.send(to_frame("shell", [json.dumps(p).encode() for p in parts]))
        return msg_id

    async def comm(self, comm_id: str, data: dict) -> str:
        return await self.send("comm_msg", {"comm_id": comm_id, "data": data})

    async def receive(self) -> dict:
        """The next message: its channel, header, parent header and content (any binary
        buffers left unread), with its type at the top, as the JSON protocol has it."""
        channel, parts = from_frame(await self.ws.recv())
        header, parent, _metadata, content = (json.loads(p) for p in parts[:4])
        return {"channel": channel, "header": header, "parent_header": parent,
                "content": content, "msg_type": header.get("msg_type")}  # fmt: skip

    async def wait_for(self, match: Callable[[dict], bool]) -> dict:
        while True:
            message = await self.receive()
            if match(message):
                return message


def to_frame(channel: str, parts: list[bytes]) -> bytes:
    """One message as a v1 frame: the number of offsets, the offsets (each 8 bytes, little
    endian), then the channel's name and the parts, each starting at its offset."""
    starts = [8 * (2 + len(parts) + 1)]
    for piece in (channel.encode(), *parts):
        starts.append(starts[-1] + len(piece))
    head = b"".join(n.to_bytes(8, "little") for n in (len(starts), *starts))
    return head + channel.encode() + b"".join(parts)


def from_frame(frame: bytes | str) -> tuple[str, list[bytes]]:
    """A v1 frame's channel and parts (header, parent header, metadata, content, buffers)."""
    if not isinstance(frame, bytes):
        raise ValueError("a text frame: the server did not speak the v1 protocol")
    count = int.from_bytes(frame[:8], "little")
    starts = [int.from_bytes(frame[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)]
    pieces = [frame[a:b] for a, b in itertools.pairwise(starts)]  # the last offset: the end
    return pieces[0].decode(), pieces[1:]


def _reply_to(msg_id: str, msg_type: str) -> Callable[[dict], bool]:
    def match(message: dict) -> bool:
        return (
            message.get("msg_type") == msg_type
            and message.get("parent_header", {}).get("msg_id") == msg_id
        )

    return match


def _comm_data(message: dict) -> dict:
    if message.get("msg_type") != "comm_msg":
        return {}
    return message.get("content", {}).get("data", {}) or {}


_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


async def _fetch(client: httpx.AsyncClient, url: str, result: Visit) -> str:
    """The page HTML, retrying after a 503 "busy" answer as its Retry-After says."""
    while True:
        response = await client.get(url)
        result.statuses.append(response.status_code)
        if response.status_code == 503:
            retry_after = response.headers.get("Retry-After", "")
            if not retry_after.isdigit() or "try again" not in response.text:
                raise ValueError("503 without Retry-After or a message to retry")
            result.busy_pages += 1
            await asyncio.sleep(int(retry_after))  # past the deadline, visit() gives up
            continue
        if response.status_code != 200:
            raise ValueError(f"HTTP {response.status_code}")
        onward = _REFRESH.search(response.text)
        if onward is not None:  # the kit sends a first visit on by a page, as a browser follows
            url = str(response.url.join(html.unescape(onward.group(1))))  # not under base
            continue
        return response.text


async def visit(
    base: str,
    path_and_query: str,
    pid: str,
    text: str,
    find: Finder,
    saved: Ack,
    deadline: float,
    before_click: Callable[[], Awaitable[None]] | None = None,
    cookies: httpx.Cookies | None = None,
) -> Visit:
    """One participant: load the page, confirm its widgets are live, type `text`, (await
    `before_click`, if given,) click Submit, wait for the page to say it was saved, and close
    the tab; never raises, never runs past `deadline`. `cookies`: what the browser holds
    already (a hub login's), sent with every request and on the kernel's websocket."""
    result = Visit(pid)
    start = time.perf_counter()

    async def run() -> None:
        timeout = httpx.Timeout(max(deadline - time.monotonic(), 1.0))
        jar = httpx.Cookies(cookies)
        # The pseudonym's cookie, as a phone has it once it has opened the session's link.
        jar.set("refocus_pid", pid)
        async with httpx.AsyncClient(
            base_url=base, timeout=timeout, verify=_NO_TLS, cookies=jar
        ) as client:
            page = await _fetch(client, path_and_query, result)
            result.page_s = time.perf_counter() - start
            kernel_id, views = parse_page(page)
            ws_url = f"ws{base.removeprefix('http')}/api/kernels/{kernel_id}/channels"
            headers = {"Cookie": cookie_header(client.cookies, ws_url)}
            await _fill_and_submit(
                ws_url, headers, views, text, find, saved, result, start, before_click
            )
            result.tab_closed = await _close_tab(client, kernel_id)

    try:
        await asyncio.wait_for(run(), timeout=max(deadline - time.monotonic(), 0.1))
    except TimeoutError:
        result.problem = "deadline passed"
    except Exception as exc:  # a participant's failure is a result, not a crash of the bench
        result.problem = f"{type(exc).__name__}: {exc}"[:200]
    return result


def cookie_header(cookies: httpx.Cookies, url: str) -> str:
    """The Cookie header a browser sends to `url` (each cookie's domain and path heeded)."""
    request = urllib.request.Request(url.replace("ws", "http", 1))  # noqa: S310 - never opened
    cookies.jar.add_cookie_header(request)
    return request.get_header("Cookie") or ""


def cookie_for(cookies: httpx.Cookies, name: str, path: str) -> str:
    """The value of the cookie `name` a browser sends to `path`: of several (a hub's and its
    service's `_xsrf`), the one whose path is the longest prefix of it."""
    found = [c for c in cookies.jar if c.name == name and path.startswith(c.path or "/")]
    return max(found, key=lambda c: len(c.path or "/")).value or "" if found else ""


async def _fill_and_submit(
    ws_url, headers, views, text, find, saved, result, start, before_click=None
) -> None:
    """On the kernel's websocket: check the page's widgets are live, type, click Submit and
    wait for the page to say the answer was saved."""
    ws_url += f"?session_id={uuid.uuid4().hex}"
    # Like a browser: no websocket pings, no timeout of its own (visit() has the deadline).
    async with connect(
        ws_url,
        additional_headers=headers,
        subprotocols=[PROTOCOL],  # type: ignore[list-item]
        max_size=None,
        open_timeout=None,
        ping_interval=None,
    ) as ws:
        if ws.subprotocol != PROTOCOL:
            raise ValueError(f"the server chose websocket protocol {ws.subprotocol!r}")
        kernel = Kernel(ws)
        ask = await kernel.send("comm_info_request", {"target_name": "jupyter.widget"})
        reply = await kernel.wait_for(_reply_to(ask, "comm_info_reply"))
        comms = reply["content"].get("comms", {})
        missing = [v for v in views if v not in comms]
        if missing:
            raise ValueError(f"widget {missing[0]} of the page is not live in its kernel")
        result.live_s = time.perf_counter() - start

        control = uuid.uuid4().hex
        await kernel.send(
            "comm_open",
            {"comm_id": control, "target_name": CONTROL_TARGET, "data": {}},
            {"version": CONTROL_VERSION},
        )
        await kernel.comm(control, {"method": "request_states"})
        states = await kernel.wait_for(
            lambda m: (
                _comm_data(m).get("method") == "update_states"
                and m["content"].get("comm_id") == control
            )
        )
        text_id, button_id = find(_comm_data(states)["states"])
        update = {"method": "update", "state": {"value": text}, "buffer_paths": []}
        await kernel.comm(text_id, update)
        if before_click is not None:
            await before_click()
        clicked = time.perf_counter()
        await kernel.comm(button_id, {"method": "custom", "content": {"event": "click"}})
        await kernel.wait_for(
            lambda m: (
                _comm_data(m).get("method") == "update" and saved(_comm_data(m).get("state", {}))
            )
        )
        result.submit_s = time.perf_counter() - clicked


async def _close_tab(client: httpx.AsyncClient, kernel_id: str) -> bool:
    """What Voila's page script does as its tab closes: ask the server, with the `_xsrf` cookie
    copied into the form, to shut the page's kernel down. True if the server did."""
    url = client.base_url.join(f"voila/api/shutdown/{kernel_id}")
    form = {"_xsrf": cookie_for(client.cookies, "_xsrf", url.path)}
    response = await client.post(url, data=form)
    return response.status_code == 204


def children(state: dict) -> list[str]:
    return [c.removeprefix("IPY_MODEL_") for c in state.get("state", {}).get("children", [])]


def find_button(states: dict[str, dict], description: str = "Submit") -> str:
    for model_id, model in states.items():
        state = model.get("state", {})
        if model.get("model_name") == "ButtonModel" and state.get("description") == description:
            return model_id
    raise LookupError(f"no {description!r} button among {len(states)} widgets")


def first_model(states: dict[str, dict], model_name: str) -> str:
    for model_id, model in states.items():
        if model.get("model_name") == model_name:
            return model_id
    raise LookupError(f"no {model_name} among {len(states)} widgets")
