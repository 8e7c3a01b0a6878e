"""Benchmark: a room through JupyterHub against the same room on the participant server alone,
same machine, same run (issue 15).

Each side gets freshly started servers on a SQLite store of its own, a session opened for the
room and its pool warmed before anyone arrives, then --people websocket participants
(bench/voila/wsclient.py) opening the session's form within 1 s, each typing an answer and
clicking Submit as soon as their own page is live:
- alone: `refocus forms serve`, as bench/voila_forms.py's room;
- hub: the same forms server started by a real JupyterHub on 127.0.0.1 (the hub test's config
  and the deployment fragment: bench/voila/hub.py), with every participant logged in through
  the hub's login form and OAuth before the room arrives (set-up, not measured), and the form
  opened through the hub's proxy with their cookies.
Per person: the time until the form is usable (page received and its widgets live in its
kernel) and click -> "saved" shown; every answer must be stored exactly once, with the hub user
name (hub) or the link's pseudonym (alone) as respondent. With --runs N the two sides take turns
N times (alone first in odd runs), every side on fresh servers; the figures pool all runs.
The run ends with the headline line, last:
  ratio: hub_room_usable_p95 X (target <= 1.5)   hub p95 / alone p95, time until usable
Run: .venv/bin/python bench/hub.py [--people 30] [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # bench.voila, not the voila package
from bench.voila.figures import median, most, p95, secs
from bench.voila.hub import Hub, log_in
from bench.voila.room import Crowd, arrive
from bench.voila.servers import Started, run_stopping_servers
from bench.voila.targets import Kit, answer

TARGET = 1.5
MB = 2**20
SIDES = ("alone", "hub")


def say(text: str) -> None:
    print(text, flush=True)


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


@dataclasses.dataclass
class Side:
    """One room on one side: what the participants saw, and how their answers were stored."""

    name: str
    crowd: Crowd
    load_before: str  # the machine's 1/5/15-min load averages as the servers started
    warm: str
    stored_right: int  # stored exactly once, as the right respondent
    respondents: str  # whom the answers were stored as


def stored_right(kit: Kit, crowd: Crowd, respondents: list[str]) -> int:
    """Participants whose answer is stored exactly once, with `respondents[i]` as respondent."""
    counts = Counter(kit.stored())
    return sum(
        counts[(who, answer(pid))] == 1 for who, pid in zip(respondents, crowd.pids, strict=True)
    )


class Run(Started):
    """The two sides, each on servers of its own, run after run."""

    def __init__(self, folder: Path, logs: Path, people: int, deadline: float):
        super().__init__(folder, logs)
        self.people, self.deadline = people, deadline
        self.count = 0

    def _folder(self, name: str) -> Path:
        self.count += 1
        return self.new_folder(f"{name}-{self.count}")

    async def alone(self) -> Side:
        before = load()
        folder = self._folder("alone")
        kit = Kit(folder, self.logs / f"{folder.name}.log")
        self.track(kit.server)
        await asyncio.to_thread(kit.server.wait_ready, "/")
        warm = await asyncio.to_thread(kit.open_warm, self.people)
        say(f"   alone: session open for {self.people}, warm in {warm}; they arrive")
        crowd = await arrive(kit.target(), self.people, self.deadline)
        right = stored_right(kit, crowd, crowd.pids)
        self.stop(kit.server)
        return Side("alone", crowd, before, str(warm), right, "their link's pseudonym")

    async def start_hub(self, users: list[str], tries: int = 3) -> Hub:
        """A hub whose forms service answers through its proxy. The ports it is given are free
        when chosen, but on a shared machine another process (a kernel's socket) may take one
        before the hub binds it; the hub then exits, and is started again on other ports."""
        for attempt in range(1, tries + 1):
            folder = self._folder("hub")
            data = folder / "data"
            data.mkdir()
            hub = Hub(folder, data, self.logs / f"{folder.name}.log", users)
            self.track(hub)
            try:
                await asyncio.to_thread(hub.wait_ready, "/", 180)
                return hub
            except (RuntimeError, TimeoutError) as exc:
                self.stop(hub)
                if attempt == tries:
                    raise
                say(f"   hub: did not start ({exc}; log {hub.log}); starting it again")
        raise AssertionError("unreachable")

    async def hub(self) -> Side:
        before = load()
        users = [f"bench-{n:02d}" for n in range(1, self.people + 1)]  # fictional
        hub = await self.start_hub(users)
        began = time.perf_counter()
        cookies = await asyncio.gather(*(log_in(hub.url, user) for user in users))
        say(
            f"   hub: {len(users)} logged in through the hub in {time.perf_counter() - began:.1f} s"
        )
        kit = Kit(hub.data, hub.log, server=hub)
        warm = await asyncio.to_thread(kit.open_warm, self.people)
        say(f"   hub: session open for {self.people}, warm in {warm}; they arrive")
        target = dataclasses.replace(kit.target(), name="hub")
        crowd = await arrive(target, self.people, self.deadline, cookies=cookies)
        right = stored_right(kit, crowd, users)
        self.stop(hub)
        return Side("hub", crowd, before, str(warm), right, "their hub user name")


def usable(sides: list[Side], name: str, deadline: float) -> list[float]:
    """Seconds until each person's form was usable, on one side, over every run; someone whose
    form never was counts as the deadline (a lower bound on their wait)."""
    return [
        deadline if v.live_s is None else v.live_s
        for s in sides
        if s.name == name
        for v in s.crowd.visits
    ]


def merge(sides: list[Side]) -> Crowd:
    crowds = [s.crowd for s in sides]
    return Crowd(
        [p for c in crowds for p in c.pids],
        [v for c in crowds for v in c.visits],
        max(c.wall for c in crowds),
        max(c.peak_rss for c in crowds),
        sum(c.stored_once for c in crowds),
        sum(c.duplicates for c in crowds),
        max(c.busy_before for c in crowds),
    )


def row(label: str, alone: list[float], hub: list[float]) -> str:
    def cells(samples: list[float]) -> str:
        return f"{secs(median(samples))} {secs(p95(samples))} {secs(most(samples))}"

    ratio = p95(hub) / p95(alone) if alone and hub else float("nan")
    return f"  {label:<30} {cells(alone)} | {cells(hub)} | {ratio:5.2f}x"


def side_lines(side: Side, people: int) -> list[str]:
    crowd = side.crowd
    unfinished = sum(1 for v in crowd.visits if v.problem)
    return [
        f"  {side.name:<5} load average before {side.load_before} (machine "
        f"{crowd.busy_before:.0f}% busy just before they arrived); warm in {side.warm}",
        f"        stored exactly once as {side.respondents}: {side.stored_right}/{people}; "
        f"duplicates {crowd.duplicates}; did not finish {unfinished}; peak RSS "
        f"{crowd.peak_rss / MB:,.0f} MB; all done in {crowd.wall:.1f} s; closing the tab "
        f"shut the page's kernel down for {sum(1 for v in crowd.visits if v.tab_closed)}",
        *crowd.problems(),
    ]


def report(args, sides: list[Side]) -> list[str]:
    pooled = {name: merge([s for s in sides if s.name == name]) for name in SIDES}
    alone, hub = pooled["alone"], pooled["hub"]
    lines = [
        "",
        f"room of {args.people} opening the session's form within 1 s, {args.runs} run(s) each "
        f"side (websocket clients; {os.cpu_count()} CPUs; load average now {load()})",
        " " * 33 + "alone median    p95      max |   hub median    p95      max | p95 ratio",
        row("page HTML received", alone.times("page_s"), hub.times("page_s")),
        row(
            "until usable (widgets live)",
            usable(sides, "alone", args.deadline),
            usable(sides, "hub", args.deadline),
        ),
        row("click -> 'saved' shown", alone.times("submit_s"), hub.times("submit_s")),
    ]
    for side in sides:
        lines += side_lines(side, args.people)
    return lines


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30, help="the room (30)")
    parser.add_argument("--runs", type=int, default=1, help="turns of both sides (1)")
    parser.add_argument("--deadline", type=float, default=120, help="seconds a room may take (120)")
    parser.add_argument("--logs", type=Path, help="keep the servers' logs in this folder")
    return parser.parse_args()


async def main() -> None:
    args = parse_args()
    began = time.perf_counter()
    sides: list[Side] = []
    with tempfile.TemporaryDirectory(prefix="refocus-bench-hub-") as tmp:
        logs = args.logs or Path(tmp) / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        run = Run(Path(tmp), logs, args.people, args.deadline)
        try:
            for n in range(1, args.runs + 1):
                for name in SIDES if n % 2 else SIDES[::-1]:
                    say(f"run {n}/{args.runs}, {name}: starting (load average {load()})")
                    sides.append(await getattr(run, name)())
        finally:
            run.stop_all()
    say("")
    say("REFOCUS forms: a room through JupyterHub against the participant server alone")
    say("command: " + " ".join([".venv/bin/python", "bench/hub.py", *sys.argv[1:]]))
    for line in report(args, sides):
        say(line)
    say(f"total time {time.perf_counter() - began:.0f} s")
    hub_p95, alone_p95 = (p95(usable(sides, name, args.deadline)) for name in ("hub", "alone"))
    say(f"ratio: hub_room_usable_p95 {hub_p95 / alone_p95:.2f} (target <= {TARGET:g})")


if __name__ == "__main__":
    run_stopping_servers(main)
