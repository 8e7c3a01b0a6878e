"""Benchmark: the kit's participant forms server against stock Voila, same machine, same run.

1. One person in headless Chromium: navigation -> usable form, click Submit -> answer stored.
2. A room of --people opening the link within one second, as websocket clients (no browser):
   time until the page's widgets are live in its kernel, click -> "saved" shown, every answer
   stored exactly once, peak memory of the server's process tree. The kit's session is opened
   for the room, and its pool warmed, before anyone arrives. Each person types and clicks as
   soon as their own page is live, so the kit's clicks meet the rest of the room's page loads
   (stock Voila's pages take some 20 s, and its clicks come once every page has loaded). With
   --together the room sends together instead: everyone clicks within one second once all
   have typed (as when a trainer says "press Submit now"), the same click load on both.
3. A crowd of --crowd at once against the kit: "busy" 503 pages retried after Retry-After, no
   blank page and no 500, every answer stored in the end, the server still up.
Stock Voila serves bench/voila/stock/minimal.ipynb with default settings: one Text box and a
Submit button whose click appends the text to a file. The kit serves its team reflection form
and stores the answer in SQLite. Each measurement gets freshly started servers.
The run ends with one headline line per ratio, after everything else:
  ratio: room_click_to_saved X (target <= 1)    kit median / stock median, click -> "saved"
  ratio: room_widgets_live_p95 X (target < 1)   kit p95 until widgets live / the 2 s target
Run: .venv/bin/python bench/voila_forms.py [--runs N] [--people N] [--crowd N] [--quick]
     [--together]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
from playwright.async_api import async_playwright

sys.path.append(str(Path(__file__).resolve().parent.parent))  # bench.voila, not the voila package
from bench.voila.browser import CHROMIUM, one_person
from bench.voila.figures import median, most, p95, secs
from bench.voila.room import Crowd, arrive
from bench.voila.servers import Server, Started, run_stopping_servers
from bench.voila.targets import Kit, Stock, Target, answer, new_pid

ROOM_TARGET_P95 = 2.0
MB = 2**20
HEADLINES: list[str] = []  # the ratio lines, printed last


# -- figures -----------------------------------------------------------------------------------
def ratio(kit: float, stock: float) -> str:
    return f"{kit / stock:5.2f}x" if kit == kit and stock == stock and stock else "    - "


def row(label: str, kit: list[float], stock: list[float], worst: bool = False) -> str:
    def cells(samples: list[float]) -> str:
        return f"{secs(median(samples))} {secs(p95(samples))}" + (
            f" {secs(most(samples))}" if worst else ""
        )

    return f"  {label:<26} {cells(kit)} | {cells(stock)} | {ratio(median(kit), median(stock))}"


def headline(name: str, value: float, target: str) -> str:
    return f"ratio: {name} {value:.2f} (target {target})"


def say(text: str) -> None:
    print(text, flush=True)


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


# -- servers -----------------------------------------------------------------------------------
class Servers(Started):
    """The kit and stock Voila, each started with a folder and a log of its own."""

    def kit(self, name: str) -> Kit:
        kit = Kit(self.new_folder(name), self.logs / f"{name}.log")
        self.track(kit.server)
        kit.server.wait_ready("/")
        kit.settle()  # the four forms' base pools
        return kit

    def stock(self, name: str) -> Stock:
        stock = Stock(self.new_folder(name), self.logs / f"{name}.log")
        self.track(stock.server)
        stock.server.wait_ready("/voila/static/voila.js")
        return stock


def log_summary(server: Server) -> list[str]:
    """Problem lines in a server's log so far, counted by kind (ids blanked)."""
    kinds = Counter(
        re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "<id>", line.split("|", 1)[-1].strip())[:110]
        for line in server.log_lines("ERROR |", "Timeout waiting for IOPub")
    )
    return [f"        server log: {n} x {kind}" for kind, n in kinds.most_common(3)]


async def still_answers(server: Server) -> str:
    """Does the server answer its landing page right afterwards (within 30 s)?"""
    start = time.perf_counter()
    async with httpx.AsyncClient(timeout=30) as client:
        try:
            answered = (await client.get(server.base + "/")).status_code
        except httpx.HTTPError as exc:
            answered = type(exc).__name__
    if not server.alive():
        return f"NO, the server exited ({server.process.returncode})"
    if answered != 200:
        return (
            f"NO, it is running but answered {answered} after {time.perf_counter() - start:.0f} s"
        )
    return f"yes, in {time.perf_counter() - start:.1f} s"


# -- 1. one person in a browser ------------------------------------------------------------------
async def browser_runs(targets: list[Target], runs: int) -> dict[str, list[tuple]]:
    """Each run: every target in turn (the order alternating), each on a settled server.
    Per target: (seconds to a usable form, seconds from click to stored, pid) per run."""
    results: dict[str, list[tuple]] = {t.name: [] for t in targets}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for run in range(1, runs + 1):
                line = [f"   run {run}/{runs}:"]
                for target in targets if run % 2 else targets[::-1]:
                    waited = sum([await asyncio.to_thread(t.settle) for t in targets])
                    pid = new_pid()
                    url = target.server.base + target.path(pid)
                    usable, stored = await one_person(
                        browser, url, target.parts, answer(pid), target.count
                    )
                    results[target.name].append((usable, stored, pid))
                    line.append(
                        f"{target.name} {usable:.2f} s + {stored:.2f} s (settled {waited:.1f} s)"
                    )
                say(" ".join(line))
        finally:
            await browser.close()
    return results


async def measure_one_person(args, servers: Servers) -> list[str]:
    say(f"1. one person: starting the kit and stock Voila (1-min load average {load()})")
    kit = await asyncio.to_thread(servers.kit, "kit-one")
    stock = await asyncio.to_thread(servers.stock, "stock-one")
    await asyncio.to_thread(kit.open_warm, 1)
    targets = [kit.target(), stock.target()]
    runs = await browser_runs(targets, args.runs)
    stored = []
    for target in targets:
        counts = Counter(target.stored_texts())
        stored.append(sum(counts[answer(r[2])] == 1 for r in runs[target.name]))
    servers.stop(kit.server)
    servers.stop(stock.server)
    usable = [[r[0] for r in runs[name]] for name in ("kit", "stock")]
    saved = [[r[1] for r in runs[name]] for name in ("kit", "stock")]
    return [
        "",
        f"1. one person in headless Chromium, {args.runs} runs each (fresh browser context each "
        f"time, servers settled in between; 1-min load average at the end {load()})",
        "                               kit median      p95 | stock median      p95 | ratio",
        row("navigation -> usable form", *usable),
        row("click Submit -> stored", *saved),
        f"  stored exactly once, with the text typed: kit {stored[0]}/{args.runs} (a row of its "
        f"session in SQLite), stock {stored[1]}/{args.runs} (a line appended to a file)",
    ]


# -- 2. and 3. many people at once, by websocket ---------------------------------------------------
def crowd_lines(name: str, crowd: Crowd, people: int, server: Server) -> list[str]:
    troubled = sum(1 for v in crowd.visits if v.problem)
    closed = sum(1 for v in crowd.visits if v.tab_closed)
    return [
        f"  {name:<5} stored exactly once {crowd.stored_once}/{people}, duplicates "
        f"{crowd.duplicates}, participants who did not finish {troubled}; peak RSS of the "
        f"server's process tree {crowd.peak_rss / MB:,.0f} MB; all done in {crowd.wall:.1f} s "
        f"(machine {crowd.busy_before:.0f}% busy before)",
        f"        closing the tab shut the page's kernel down for {closed}/{people}",
        *crowd.problems(),
        *log_summary(server),
    ]


async def measure_room(args, servers: Servers) -> list[str]:
    people = args.people
    say(f"2. room of {people}: the kit (1-min load average {load()})")
    kit = await asyncio.to_thread(servers.kit, "kit-room")
    wrapper = kit.server.root.memory_info().rss
    warm = await asyncio.to_thread(kit.open_warm, people)
    resting = kit.server.rss()
    say(f"   session open for {people}, warm in {warm}; they arrive")
    together = args.together
    kit_room = await arrive(kit.target(), people, args.deadline, together=together)
    kit_lines = crowd_lines("kit", kit_room, people, kit.server)
    kit_up = await still_answers(kit.server)
    servers.stop(kit.server)

    say(f"2. room of {people}: stock Voila (1-min load average {load()})")
    stock = await asyncio.to_thread(servers.stock, "stock-room")
    stock_room = await arrive(stock.target(), people, args.deadline, together=together)
    stock_lines = crowd_lines("stock", stock_room, people, stock.server)
    servers.stop(stock.server)

    live = kit_room.times("live_s")
    clicks = median(kit_room.times("submit_s")) / median(stock_room.times("submit_s"))
    HEADLINES.append(headline("room_click_to_saved", clicks, "<= 1"))
    HEADLINES.append(headline("room_widgets_live_p95", p95(live) / ROOM_TARGET_P95, "< 1"))
    met = len(live) == people and p95(live) < ROOM_TARGET_P95 and kit_room.stored_once == people
    return [
        "",
        f"2. room of {people} opening the link within 1 s (websocket clients; 1-min load "
        f"average at the end {load()})",
        "  each clicks Submit "
        + (
            "once everyone has typed, within 1 s of each other (as told to send)"
            if together
            else "as soon as their own page is live (while others' pages still load)"
        ),
        f"  kit: session opened for {people} before they arrive; warming took {warm}; "
        f"{resting / MB:,.0f} MB then, of which the `refocus` CLI wrapper {wrapper / MB:.0f} MB",
        " " * 31 + "kit median      p95      max | stock median      p95      max | ratio",
        row("page HTML received", kit_room.times("page_s"), stock_room.times("page_s"), True),
        row("time until widgets live", live, stock_room.times("live_s"), True),
        row(
            "click -> 'saved' shown", kit_room.times("submit_s"), stock_room.times("submit_s"), True
        ),
        *kit_lines,
        *stock_lines,
        f"  target (kit p95 until widgets live < {ROOM_TARGET_P95:.0f} s, none lost): "
        + ("MET" if met else "NOT MET")
        + f"; kit server still answering afterwards: {kit_up}",
    ]


async def measure_crowd(args, servers: Servers) -> list[str]:
    n = args.crowd
    say(f"3. crowd of {n}: the kit (1-min load average {load()})")
    kit = await asyncio.to_thread(servers.kit, "kit-crowd")
    warm = await asyncio.to_thread(kit.open_warm, n)
    say(f"   session open for {n}, warm in {warm}; they arrive")
    crowd = await arrive(kit.target(), n, args.deadline)
    lines = crowd_lines("kit", crowd, n, kit.server)
    up = await still_answers(kit.server)
    servers.stop(kit.server)
    statuses = Counter(s for v in crowd.visits for s in v.statuses)
    told_busy = sum(1 for v in crowd.visits if v.busy_pages)
    blank = sum(1 for v in crowd.visits if v.problem and "widget" in v.problem)
    late = sum(1 for v in crowd.visits if v.problem == "deadline passed")
    errors = sum(c for s, c in statuses.items() if s >= 500 and s != 503)
    live = crowd.times("live_s")
    answers = ", ".join(f"{code} x {count}" for code, count in sorted(statuses.items()))
    return [
        "",
        f"3. crowd of {n} at once against the kit, 503 'busy' retried after Retry-After, "
        f"deadline {args.deadline:.0f} s (1-min load average at the end {load()})",
        f"  session opened for {n} before they arrive; warming took {warm}",
        f"  HTTP answers: {answers or 'none'}; told 'busy' at least once: {told_busy}; "
        f"pages without a live form: {blank}; other 5xx: {errors}; not done by the deadline: "
        f"{late}",
        f"  time until widgets live (from first try): median {secs(median(live))}, p95 "
        f"{secs(p95(live))}, max {secs(most(live))}",
        *lines,
        f"  none lost: {'yes' if crowd.stored_once == n and not crowd.duplicates else 'NO'}; "
        f"server still answering afterwards: {up}",
    ]


# -- the run -------------------------------------------------------------------------------------
def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, help="browser runs per server (7; quick 3)")
    parser.add_argument("--people", type=int, help="room joining at once (30; quick 10)")
    parser.add_argument("--crowd", type=int, help="crowd at once against the kit (100; quick 0)")
    parser.add_argument(
        "--deadline", type=float, default=120, help="seconds a room or crowd may take (120)"
    )
    parser.add_argument("--quick", action="store_true", help="3 runs, a room of 10, no crowd")
    parser.add_argument(
        "--together",
        action="store_true",
        help="in the room, all click within 1 s once everyone has typed (not each when live)",
    )
    parser.add_argument("--logs", type=Path, help="keep the servers' logs in this folder")
    args = parser.parse_args()
    for name, full, quick in (("runs", 7, 3), ("people", 30, 10), ("crowd", 100, 0)):
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    return args


async def main() -> None:
    args = parse_args()
    began = time.perf_counter()
    report: list[str] = []
    with tempfile.TemporaryDirectory(prefix="refocus-bench-") as tmp:
        logs = args.logs or Path(tmp) / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        servers = Servers(Path(tmp), logs)
        try:
            if args.runs:
                report += await measure_one_person(args, servers)
            if args.people:
                report += await measure_room(args, servers)
            if args.crowd:
                report += await measure_crowd(args, servers)
        finally:
            servers.stop_all()
    say("")
    say(f"REFOCUS participant forms (kit) against stock Voila 0.5.13, {os.cpu_count()} CPUs")
    say("command: " + " ".join([".venv/bin/python", "bench/voila_forms.py", *sys.argv[1:]]))
    for line in report:
        say(line)
    say(f"total time {time.perf_counter() - began:.0f} s")
    for line in HEADLINES:
        say(line)


if __name__ == "__main__":
    run_stopping_servers(main)
