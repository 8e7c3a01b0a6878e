"""Warm pages made in turn.

Voila starts every kernel a pool asks for at once. On a two-core server, a facilitator opening a
session for twelve then makes twelve pages that are all ready together, half a minute later, and
the first person through the door waits for all of them. Made a few at a time, in the order they
were asked for, the first page is ready in seconds and each later one soon after; and a visitor
who is already waiting for a page moves it to the front of the queue.

A page is made once its notebook has run up to Voila's `wait_for_request`, which is when the
kernel opens its socket to `/voila/query/<kernel_id>`; that socket ends the page's turn. A page
whose notebook ends before that has failed (the store could not be read, say): it is reported,
to be shut down rather than handed to a visitor, and the next page of that notebook is made a
little later, later again each time in a row, so that a fault does not keep the CPU busy.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable

from voila.request_info_handler import RequestInfoSocketHandler

from refocus_kit.participant.voila_pools import PageMaker, VoilaPage, VoilaPools

__all__ = ["WarmPageSocket", "WarmTurns"]

TURN_TIMEOUT = 60.0  # a page that takes longer gives up its turn anyway
RETRY_S = 5.0  # after a failed warm page, the next is made this much later; doubled in a row
RETRY_MAX_S = 60.0


class WarmTurns:
    """At most `at_once` pages being made; the rest wait their turn, first come first served
    unless a visitor is waiting."""

    def __init__(
        self,
        at_once: int,
        timeout: float = TURN_TIMEOUT,
        on_failed: Callable[[str, str, float], None] | None = None,
        log: logging.Logger | None = None,
        on_started: Callable[[str], None] | None = None,
    ):
        self.timeout, self.log = timeout, log or logging.getLogger(__name__)
        self.on_failed = on_failed  # (notebook, kernel id, seconds before the next) of a failure
        self.on_started = on_started  # (kernel id) of every page's kernel, once started
        self.failures: Counter[str] = Counter()  # failed warm pages in a row, per notebook
        self._free = at_once
        self._queue: list[tuple[str, asyncio.Future]] = []  # (notebook, its turn)
        self._made: dict[str, asyncio.Event] = {}
        self._ending: set[asyncio.Future] = set()  # kept, so they are not collected mid-turn

    def wrap(self, pools: VoilaPools) -> None:
        """Route Voila's page-making through the turns."""
        pools.route_page_making(self._in_turn)

    def _in_turn(self, make_page: PageMaker) -> PageMaker:
        async def in_turn(notebook_path, kernel_id=None, **kwargs):
            await self._take_turn(notebook_path)
            try:
                content = await make_page(notebook_path, kernel_id, **kwargs)
            except BaseException:
                self._end_turn()
                raise
            page = VoilaPools.page(content)
            if self.on_started is not None:
                self.on_started(page.kernel_id)
            made = self._made[page.kernel_id] = asyncio.Event()
            ending = asyncio.ensure_future(self._when_made(notebook_path, made, page))
            self._ending.add(ending)
            ending.add_done_callback(self._ending.discard)
            return content

        return in_turn

    def hurry(self, notebook: str) -> None:
        """A visitor waits for a page of `notebook`: make the next one first."""
        for i, (waiting_for, _turn) in enumerate(self._queue):
            if waiting_for == notebook:
                self._queue.insert(0, self._queue.pop(i))
                return

    def page_made(self, kernel_id: str) -> None:
        """The page of this kernel is warm (its notebook waits for a visitor)."""
        made = self._made.get(kernel_id)
        if made is not None:
            made.set()

    @property
    def making(self) -> int:
        return len(self._made)

    @property
    def waiting(self) -> list[str]:
        return [notebook for notebook, turn in self._queue if not turn.done()]

    async def _take_turn(self, notebook: str) -> None:
        if self._free > 0 and not self._queue:
            self._free -= 1
            return
        turn = asyncio.get_running_loop().create_future()
        self._queue.append((notebook, turn))
        await turn  # handed over by _end_turn; a cancelled wait is skipped there

    def _end_turn(self) -> None:
        while self._queue:
            _notebook, turn = self._queue.pop(0)
            if not turn.done():
                turn.set_result(None)
                return
        self._free += 1

    def retry_after(self, notebook: str) -> float:
        """Seconds to wait before making another page of a notebook whose pages fail."""
        return min(RETRY_S * 2 ** max(self.failures[notebook] - 1, 0), RETRY_MAX_S)

    async def _when_made(self, notebook: str, made: asyncio.Event, page: VoilaPage) -> None:
        waiting = asyncio.ensure_future(made.wait())
        try:
            await asyncio.wait(
                {waiting, page.render}, timeout=self.timeout, return_when="FIRST_COMPLETED"
            )
        finally:
            waiting.cancel()
            self._made.pop(page.kernel_id, None)
            self._end_turn()
        # A page a visitor took before it was made stops here too, to be made for them; any
        # other that ends without waiting for a visitor has failed.
        if made.is_set():
            self.failures[notebook] = 0
        elif page.render.done() and not page.taken:
            self.failures[notebook] += 1
            delay = self.retry_after(notebook)
            self.log.warning("a warm page of %s failed; the next in %.0f s", notebook, delay)
            if self.on_failed is not None:
                self.on_failed(notebook, page.kernel_id, delay)


class WarmPageSocket(RequestInfoSocketHandler):
    """Voila's socket for pre-heated pages, telling the turns when a page is made."""

    _heard = False

    def open(self, kernel_id: str) -> None:
        super().open(kernel_id)
        self.settings["refocus_app"].turns.page_made(kernel_id)

    def on_message(self, message) -> None:
        """The kernel only listens on this socket: anything sent to it is dropped, with one
        log line for the socket (never what was sent), not a traceback each time."""
        if not self._heard:
            self._heard = True
            self.settings["refocus_app"].log.warning(
                "ignored a message sent to a warm page's request socket"
            )
