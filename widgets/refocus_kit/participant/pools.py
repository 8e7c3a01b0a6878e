"""How many kernels the participant server keeps, and for whom: the room's pool policy.

- A cap on kernels in use: past it, a visitor is asked to retry rather than left with a blank
  page. Visitors whose page is still being made count, so that a crowd arriving in the same
  instant cannot all slip under the cap.
- One warm page per person an open session still expects (within limits), shared within the
  cap, one page per form first (none for a form reached only through a session's link, such
  as a training session's discussion, until a session of it opens); each arrival shrinks its
  session's pool before taking a page.
- Warm pages no session wants any more are let go, newest first: Voila never culls a pooled
  kernel.

It sees Voila only through `VoilaPools` (voila_pools.py).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Iterable
from typing import Protocol

import tornado.web

from refocus_kit.participant.voila_pools import VoilaPools
from refocus_kit.participant.warming import WarmTurns
from refocus_kit.sessions import Session

__all__ = ["Limits", "RoomPools", "share"]

RESTARTED_GRACE_S = 1.0  # a restarted kernel is shut down this long after, once its page knows


class Limits(Protocol):
    """The server's settings the policy reads (RefocusVoila's traits), read at each use."""

    max_kernels: int
    base_pool: int
    max_pool: int


class RoomPools:
    """The pools of warm pages and the kernels in use, sized for the room."""

    def __init__(
        self,
        pools: VoilaPools,
        limits: Limits,
        turns: WarmTurns,
        notebooks: Iterable[str],
        log: logging.Logger | None = None,
        room_only: Iterable[str] = (),
    ):
        self.pools, self.limits, self.turns = pools, limits, turns
        self.notebooks = tuple(notebooks)  # the forms' pages, "<form id>.ipynb"
        # pages reached only through a session's link (a trainer-led session's discussion):
        # none kept warm until a session of them opens
        self.room_only = frozenset(room_only)
        self.log = log or logging.getLogger(__name__)
        self.last_arrival = float("-inf")  # time.monotonic() of the last admission
        self.arriving: Counter[str] = Counter()
        self.visits: Counter[str] = Counter()  # admissions per session code
        self.stopping: set[asyncio.Future] = set()  # kernels being shut down
        self._stopping_ids: set[str] = set()
        self._watched: set[str] = set()  # kernels shut down if Jupyter restarts them
        self._died: set[str] = set()  # watched kernels that died, restarted bare until shut down
        self._open: list[Session] = []  # the open sessions, as last read

    def kernels_in_use(self) -> int:
        """Kernels not waiting warm in a pool (those still starting count as in use, those
        being shut down do not)."""
        ready = sum(self.pools.ready(notebook) for notebook in self.notebooks)
        running = len(self.pools.running()) - len(self._stopping_ids)
        return max(running - ready, 0)

    def admit(self, notebook: str, session: str = "") -> bool:
        """Let a visitor in if a warm page is free for them, or if a kernel can still start
        under the cap."""
        warm = self.pools.ready(notebook) - self.arriving[notebook]
        arriving = sum(self.arriving.values())
        if warm <= 0 and self.kernels_in_use() + arriving >= self.limits.max_kernels:
            return False
        if warm <= 0:
            self.turns.hurry(notebook)
        self.arriving[notebook] += 1
        self.last_arrival = time.monotonic()
        if session:
            self.visits[session] += 1
            self.size()  # one fewer still to come: do not replace their page
        return True

    def left(self, notebook: str) -> None:
        """A visitor's page is made (or failed): they no longer count as arriving."""
        self.arriving[notebook] = max(self.arriving[notebook] - 1, 0)

    def quiet_since(self, seconds: float) -> bool:
        """Nobody has arrived for `seconds`, nobody is arriving, no page is being made."""
        return (
            time.monotonic() - self.last_arrival >= seconds
            and not any(self.arriving.values())
            and not self.turns.making
            and not self.turns.waiting
        )

    def stop_kernel(self, kernel_id: str) -> None:
        """Shut a kernel down (once, however often asked)."""
        if kernel_id in self._stopping_ids:
            return
        self._stopping_ids.add(kernel_id)
        stopping = asyncio.ensure_future(self._shutdown(kernel_id))
        self.stopping.add(stopping)
        stopping.add_done_callback(self.stopping.discard)

    async def _shutdown(self, kernel_id: str) -> None:
        try:
            await self.pools.shutdown(kernel_id)
        except (KeyError, tornado.web.HTTPError):  # gone already
            pass
        finally:
            self._stopping_ids.discard(kernel_id)
            self._watched.discard(kernel_id)
            self._died.discard(kernel_id)

    def holds_page(self, kernel_id: str) -> bool:
        """True while the kernel runs its page's notebook: not died (Jupyter's bare restart
        keeps its id for the moment before it is shut down) nor being shut down. A page on it
        may be served again (held.py); on any other, a reload needs a new page."""
        dead = kernel_id in self._died or kernel_id in self._stopping_ids
        return not dead and self.pools.alive(kernel_id)

    def watch(self, kernel_id: str) -> None:
        """Shut a page's kernel down if it dies: Jupyter would restart it bare, under the same
        id, still attached to a page whose form it no longer holds. The page first hears that
        its kernel is restarting, and says it lost its connection (index.html.j2). Watched
        once, however often asked."""
        if kernel_id in self._watched or not self.pools.alive(kernel_id):
            return
        self._watched.add(kernel_id)

        def restarted() -> None:
            self.log.warning("a page's kernel died; the bare kernel restarted for it is shut down")
            self._died.add(kernel_id)
            asyncio.get_running_loop().call_later(RESTARTED_GRACE_S, self.stop_kernel, kernel_id)

        self.pools.on_restart(kernel_id, restarted)

    def warm_page_failed(self, notebook: str, kernel_id: str, retry_after: float) -> None:
        """A warm page whose notebook failed before anyone came (the store down, say): take
        it out of its pool, so that no visitor is handed it, shut it down, and make the next
        one `retry_after` seconds later (warming.py)."""
        if self.pools.take_out(notebook, kernel_id):
            self.pools.refill(notebook, delay=retry_after)
        self.stop_kernel(kernel_id)

    def trim(self, notebook: str, size: int) -> None:
        """Shut down warm pages beyond `size`, newest first. Pages still being made are left
        for a later check, and visitors on their way keep theirs."""
        extra = self.pools.pooled(notebook) - size - self.arriving[notebook]
        spare = list(reversed(self.pools.warm_kernels(notebook)))[: max(extra, 0)]
        for kernel_id in spare:
            self.pools.take_out(notebook, kernel_id)  # first, so that no visitor is handed it
            self.stop_kernel(kernel_id)
        if spare:
            self.log.info("let go of %d warm pages of %s", len(spare), notebook)

    def size(self, open_sessions: list[Session] | None = None) -> dict[str, int]:
        """Keep warm one page per person an open session still expects (within limits), given
        the open sessions (or those last given: an arrival does not ask the store again).

        Each arrival shrinks the pool before they take their page, so a room arriving together
        does not start replacements that would compete with its own pages for the CPU. (A
        delayed refill would not do: Voila hands the next visitor the delayed task, who then
        waits out the delay.) New pages are made only within the kernel cap; returns the
        number of pages wanted warm for each form's page."""
        if open_sessions is not None:
            self._open = open_sessions
        limits = self.limits
        wanted = {nb: 0 if nb in self.room_only else limits.base_pool for nb in self.notebooks}
        for session in self._open:
            notebook = f"{session.form_id}.ipynb"
            if notebook in wanted:
                still_coming = session.expected - self.visits[session.code]
                wanted[notebook] += max(still_coming, 0)
        wanted = {notebook: min(size, limits.max_pool) for notebook, size in wanted.items()}
        budget = max(limits.max_kernels - self.kernels_in_use(), 0)
        for notebook, size in share(wanted, budget, first=limits.base_pool).items():
            if size > self.pools.size(notebook):
                self.log.info("warming %d pages of %s", size, notebook)
            self.pools.resize(notebook, size)
        return wanted  # pages already warm are kept while wanted, even past the budget

    def check(self, open_sessions: list[Session] | None) -> None:
        """Size the pools for the open sessions (None: unknown, keep them as they are) and let
        go of warm pages no longer wanted."""
        if open_sessions is None:
            return
        for notebook, size in self.size(open_sessions).items():
            self.trim(notebook, size)


def share(wanted: dict[str, int], budget: int, first: int) -> dict[str, int]:
    """Share `budget` warm pages among the pools that want them: up to `first` each, then the
    rest in order. Kernels in use and warm pages together then stay within the cap."""
    sizes = dict.fromkeys(wanted, 0)
    for limit in (first, None):
        for notebook, want in wanted.items():
            goal = want if limit is None else min(want, limit)
            take = min(max(goal - sizes[notebook], 0), budget)
            sizes[notebook] += take
            budget -= take
    return sizes
