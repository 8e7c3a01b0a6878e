"""A room arriving at once: `people` websocket participants (wsclient.py) opening a page within
a second, each typing an answer and clicking Submit; what they saw and what was stored."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import httpx

from bench.voila import wsclient
from bench.voila.servers import PeakRSS, machine_calm
from bench.voila.targets import Target, answer, new_pid

__all__ = ["Crowd", "Together", "arrive"]


@dataclass
class Crowd:
    pids: list[str]  # each participant's pseudonym, in the order they arrived
    visits: list[wsclient.Visit]
    wall: float
    peak_rss: int
    stored_once: int
    duplicates: int
    busy_before: float  # % of the machine's CPUs busy (anyone's) just before they arrived

    def times(self, name: str) -> list[float]:
        return [getattr(v, name) for v in self.visits if getattr(v, name) is not None]

    def problems(self) -> list[str]:
        found = Counter(v.problem for v in self.visits if v.problem)
        return [f"        {n} x {text}" for text, n in found.most_common(3)]


class Together:
    """The room sends together: each person, once their answer is typed, waits for everyone
    (or for those who will never get there), then clicks within `spread` seconds of the rest,
    as when a trainer says "press Submit now"."""

    def __init__(self, people: int, spread: float):
        self.waiting, self.people, self.spread = people, people, spread
        self.everyone = asyncio.Event()
        self.typed: set[int] = set()

    def one_less(self) -> None:
        self.waiting -= 1
        if self.waiting <= 0:
            self.everyone.set()

    def ready(self, index: int) -> Callable[[], Awaitable[None]]:
        async def wait() -> None:
            self.typed.add(index)
            self.one_less()
            await self.everyone.wait()
            await asyncio.sleep(self.spread * index / self.people)

        return wait


async def arrive(
    target: Target,
    people: int,
    deadline_s: float,
    spread: float = 1.0,
    together: bool = False,
    cookies: Sequence[httpx.Cookies] | None = None,
) -> Crowd:
    """`people` participants opening the link within `spread` seconds, each then typing an
    answer and clicking Submit (at once, or `together` once everyone has typed); then count
    what the server stored for each of them. `cookies`, one jar per person, are what each
    browser already holds (a hub login's)."""
    pids = [new_pid() for _ in range(people)]
    busy = await asyncio.to_thread(machine_calm)
    deadline = time.monotonic() + deadline_s
    room = Together(people, spread) if together else None

    async def participant(index: int, pid: str) -> wsclient.Visit:
        await asyncio.sleep(spread * index / people)
        visit = await wsclient.visit(
            target.server.base,
            target.path(pid),
            pid,
            answer(pid),
            target.find,
            target.saved,
            deadline,
            room.ready(index) if room else None,
            cookies=cookies[index] if cookies else None,
        )
        if room and index not in room.typed:  # never got as far as typing: nobody waits for them
            room.one_less()
        return visit

    with PeakRSS(target.server) as memory:
        start = time.perf_counter()
        visits = await asyncio.gather(*(participant(i, p) for i, p in enumerate(pids)))
        wall = time.perf_counter() - start
    await asyncio.sleep(0.5)  # a click acknowledged just now: its row is already committed
    counts = Counter(target.stored_texts())
    once = sum(counts[answer(pid)] == 1 for pid in pids)
    duplicates = sum(max(counts[answer(pid)] - 1, 0) for pid in pids)
    return Crowd(pids, list(visits), wall, memory.peak, once, duplicates, busy)
