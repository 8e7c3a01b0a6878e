"""Benchmark: one client reloading a session's page, and what the room is left with.

A refresh-happy phone, a script or a link checker opens the session's short link --reloads
times, --at-once at a time, each starting with no cookie: a browser (keeping its cookies and
following every page that sends it on), a script or link checker (following redirects only,
never sending a cookie back), and a browser that keeps no cookies. Printed for each: kernels
and memory (RSS of the server's process tree) before, at the peak and after, the answers it
got, the kernels the server started, and the time a fresh visitor then takes to get a live
form (the page, then its widgets answering on the kernel's websocket). Baseline: the room's
own need, the warm pages of the open session (one per form plus one per person expected).
Run: .venv/bin/python bench/reload_burst.py [--reloads N] [--at-once N] [--expected N]
"""

from __future__ import annotations

import argparse
import asyncio
import html
import re
import sys
import tempfile
import time
import uuid
from collections import Counter
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

import httpx
from websockets.asyncio.client import connect

sys.path.append(str(Path(__file__).resolve().parent.parent))  # bench.voila, not the voila package
from bench.voila import wsclient
from bench.voila.servers import PeakRSS
from bench.voila.targets import Kit

MB = 2**20
SENT_ON = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
CLIENTS = {
    "browser": "a browser keeping its cookies",
    "script": "a script following redirects, sending no cookie back",
    "no-cookies": "a browser that keeps no cookies",
}


def say(text: str) -> None:
    print(text, flush=True)


async def get_page(client: httpx.AsyncClient, path: str, follow_pages: bool) -> httpx.Response:
    """GET, following redirects, and (as a browser does) a page that sends it on."""
    page = await client.get(path, follow_redirects=True)
    for _ in range(3 if follow_pages else 0):
        onward = SENT_ON.search(page.text) if page.status_code == 200 else None
        if onward is None:
            break
        page = await client.get(html.unescape(onward.group(1)), follow_redirects=True)
    return page


async def burst(base: str, code: str, reloads: int, at_once: int, kind: str) -> Counter:
    """The reloads, `at_once` at a time; the HTTP answers counted (200 "sent on" apart)."""
    answers: Counter = Counter()
    limit = asyncio.Semaphore(at_once)
    keep = httpx.AsyncClient(base_url=base, timeout=120)

    async def one() -> None:
        async with limit:
            jar = (
                CookieJar(DefaultCookiePolicy(allowed_domains=[])) if kind == "no-cookies" else None
            )
            client = (
                keep
                if kind == "browser"
                else httpx.AsyncClient(base_url=base, timeout=120, cookies=jar)
            )
            try:
                page = await get_page(client, f"/s/{code}", follow_pages=kind != "script")
                sent_on = page.status_code == 200 and SENT_ON.search(page.text)
                answers["200 sent on" if sent_on else page.status_code] += 1
            except httpx.HTTPError as exc:
                answers[type(exc).__name__] += 1
            finally:
                if client is not keep:
                    await client.aclose()

    try:
        await asyncio.gather(*(one() for _ in range(reloads)))
    finally:
        await keep.aclose()
    return answers


async def fresh_visitor(base: str, code: str, deadline: float) -> tuple[float | None, int]:
    """Seconds until a new visitor's form is live (None past the deadline) and the busy pages
    they were shown on the way."""
    start, busy = time.perf_counter(), 0
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        while time.perf_counter() - start < deadline:
            page = await get_page(client, f"/s/{code}", follow_pages=True)
            if page.status_code == 200:
                break
            busy += 1
            await asyncio.sleep(float(page.headers.get("Retry-After", "5")))
        else:
            return None, busy
        kernel_id, views = wsclient.parse_page(page.text)
        ws = f"ws{base.removeprefix('http')}/api/kernels/{kernel_id}/channels"
        async with connect(f"{ws}?session_id={uuid.uuid4().hex}", max_size=None) as socket:
            kernel = wsclient.Kernel(socket)
            asked = await kernel.send("comm_info_request", {"target_name": "jupyter.widget"})
            reply = await kernel.wait_for(
                lambda m: (
                    m.get("parent_header", {}).get("msg_id") == asked
                    and m.get("msg_type") == "comm_info_reply"
                )
            )
            if not set(views) <= set(reply["content"].get("comms", {})):
                raise RuntimeError("the fresh visitor's widgets are not live")
        await client.post(
            f"/voila/api/shutdown/{kernel_id}", data={"_xsrf": client.cookies.get("_xsrf", "")}
        )
    return time.perf_counter() - start, busy


def started(kit: Kit) -> int:
    return len(kit.server.log_lines("Kernel started:"))


async def one_burst(kit: Kit, args, kind: str) -> list[str]:
    server = kit.server
    warm = await asyncio.to_thread(kit.open_warm, args.expected)
    before, rss_before, starts = server.kernels(), server.rss(), started(kit)
    clock = time.perf_counter()
    with PeakRSS(server) as peak:
        peak_kernels = before
        task = asyncio.ensure_future(burst(server.base, kit.code, args.reloads, args.at_once, kind))
        while not task.done():
            peak_kernels = max(peak_kernels, server.kernels())
            await asyncio.sleep(0.25)
        answers = task.result()
    took = time.perf_counter() - clock
    after, rss_after = server.kernels(), server.rss()
    live, busy = await fresh_visitor(server.base, kit.code, args.deadline)
    shown = ", ".join(f"{n} x {status}" for status, n in sorted(answers.items(), key=str))
    fresh = f"{live:.1f} s" if live is not None else f"NOT within {args.deadline:.0f} s"
    return [
        f"  {args.reloads} reloads, {args.at_once} at a time, {CLIENTS[kind]}: {took:.1f} s",
        f"    answers:            {shown}",
        f"    kernels:            {before} before (room needs {warm.wanted}), "
        f"{peak_kernels} at the peak, {after} after; {started(kit) - starts} started",
        f"    memory:             {rss_before / MB:.0f} MiB before, {peak.peak / MB:.0f} MiB at "
        f"the peak, {rss_after / MB:.0f} MiB after",
        f"    a fresh visitor:    live form in {fresh} ({busy} busy pages on the way)",
    ]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reloads", type=int, default=200)
    parser.add_argument("--at-once", type=int, default=10)
    parser.add_argument("--expected", type=int, default=4, help="people the session expects")
    parser.add_argument("--deadline", type=float, default=120, help="a fresh visitor's patience")
    parser.add_argument("--logs", type=Path, help="keep the server's log in this folder")
    parser.add_argument(
        "--clients", nargs="+", choices=list(CLIENTS), default=list(CLIENTS), help="which bursts"
    )
    args = parser.parse_args()
    lines = ["", __doc__.splitlines()[0]]
    with tempfile.TemporaryDirectory(prefix="refocus-burst-") as tmp:
        logs = args.logs or Path(tmp)
        for kind in args.clients:
            folder = Path(tmp) / kind
            folder.mkdir()
            kit = Kit(folder, logs / f"{folder.name}.log")
            try:
                kit.server.wait_ready("/")
                kit.settle()
                lines += await one_burst(kit, args, kind)
            finally:
                kit.server.stop()
    say("\n".join(lines))


if __name__ == "__main__":
    asyncio.run(main())
