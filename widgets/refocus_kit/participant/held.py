"""One live page per browser and form.

Every visit to a form page used to take a kernel of its own, so two hundred reloads from one
phone, script or link checker took every kernel the server had and left the room with "busy"
pages until the idle cull, a quarter of an hour later. Now:

- A browser (its pseudonym cookie) holds at most one live page per form. Reloading the same
  link is served the same page again, on the same kernel, with whatever was typed in it (a
  page's widgets are read from its kernel). Another link to that form (another session, another
  pseudonym) replaces the page: its kernel is shut down, and the person's draft, saved in the
  store as they type, comes back on the new one.
- Reloads that arrive while the page is still being made wait for it rather than make more.
- A client that sends no cookie back cannot be told from a new browser: it may hold at most a
  few pages at once from its address, and is asked to wait beyond them.
- A page whose websocket never connects (a script, a link checker, a tab closed at once) is
  let go a minute after it was served, not left to the idle cull.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

__all__ = ["Claim", "Held", "HeldPages"]


class Claim(Enum):
    NEW = "new"  # make the page, then call made() or failed()
    AGAIN = "again"  # serve the held page again
    FAILED = "failed"  # the page being made for this browser failed
    WAIT = "wait"  # it is still being made after the wait: ask them to retry
    TOO_MANY = "too many"  # a cookie-less client holds its share of pages


@dataclass(eq=False)
class Held:
    """A page held by a browser (or a cookie-less client's address) for one form."""

    key: tuple[str, str]  # (holder, notebook)
    query: str  # the page was made for this query (session, pseudonym)
    address: str | None  # the client's address, for a client that sends no cookie
    made: asyncio.Future = field(repr=False)  # resolves once made (True) or failed (False)
    kernel_id: str = ""
    html: str = field(default="", repr=False)
    served_at: float = 0.0  # last time the page was sent
    connected_at: float | None = None  # last time a websocket opened to its kernel
    sockets: int = 0  # websockets open to its kernel now


class HeldPages:
    """The pages browsers hold. `stop(kernel_id)` shuts a kernel down; `alive(kernel_id)` says
    whether it still runs."""

    def __init__(
        self,
        stop: Callable[[str], None],
        alive: Callable[[str], bool],
        *,
        cookieless: int = 3,
        unconnected_s: float = 60.0,
        wait_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.stop, self.alive, self.clock = stop, alive, clock
        self.cookieless, self.unconnected_s, self.wait_s = cookieless, unconnected_s, wait_s
        self._held: dict[tuple[str, str], Held] = {}
        self._by_kernel: dict[str, Held] = {}
        self._by_address: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self._held)

    async def claim(
        self, holder: str, notebook: str, query: str, address: str | None = None
    ) -> tuple[Claim, Held | None]:
        """What to do for a visit to `notebook` with `query`: `holder` is the browser's
        pseudonym, or for a client that sends no cookie, `address` (its IP) and the query."""
        key = (holder, notebook)
        while (held := self._held.get(key)) is not None and not held.made.done():
            try:
                await asyncio.wait_for(asyncio.shield(held.made), self.wait_s)
            except TimeoutError:
                return Claim.WAIT, None
            if not held.made.result():
                return Claim.FAILED, None
        if held is not None:
            if held.query == query and self.alive(held.kernel_id):
                held.served_at = self.clock()
                return Claim.AGAIN, held
            self.release(held)  # another link for this form, or its kernel is gone
        if address is not None and self._by_address[address] >= self.cookieless:
            return Claim.TOO_MANY, None
        held = Held(key, query, address, asyncio.get_running_loop().create_future())
        self._held[key] = held
        if address is not None:
            self._by_address[address] += 1
        return Claim.NEW, held

    def made(self, held: Held, html: str, kernel_id: str) -> None:
        """The page is made and being sent."""
        held.html, held.kernel_id, held.served_at = html, kernel_id, self.clock()
        self._by_kernel[kernel_id] = held
        held.made.set_result(True)

    def failed(self, held: Held) -> None:
        """The page could not be made (or was not admitted): forget it."""
        if not held.made.done():
            held.made.set_result(False)
        self._forget(held)

    def release(self, held: Held) -> None:
        """Let the page go and shut its kernel down."""
        self._forget(held)
        if held.kernel_id and self.alive(held.kernel_id):
            self.stop(held.kernel_id)

    def _forget(self, held: Held) -> None:
        if self._held.get(held.key) is held:
            del self._held[held.key]
            if held.address is not None:
                self._by_address[held.address] -= 1
                if self._by_address[held.address] <= 0:
                    del self._by_address[held.address]
        self._by_kernel.pop(held.kernel_id, None)

    # -- websockets ----------------------------------------------------------------------------
    def connected(self, kernel_id: str) -> None:
        held = self._by_kernel.get(kernel_id)
        if held is not None:
            held.sockets += 1
            held.connected_at = self.clock()

    def disconnected(self, kernel_id: str) -> None:
        held = self._by_kernel.get(kernel_id)
        if held is not None:
            held.sockets = max(held.sockets - 1, 0)

    def in_use(self, kernel_id: str, since: float) -> bool:
        """True if the kernel's page has a websocket open, or was served again since `since`
        (a reload: its old tab asked for the kernel to be shut down as it unloaded)."""
        held = self._by_kernel.get(kernel_id)
        return held is not None and (held.sockets > 0 or held.served_at >= since)

    def sweep(self) -> int:
        """Forget pages whose kernel has gone; let go of pages whose websocket has not
        connected since they were served, `unconnected_s` ago. Returns how many were let go."""
        now, let_go = self.clock(), 0
        for held in list(self._by_kernel.values()):
            if not self.alive(held.kernel_id):
                self._forget(held)
                continue
            unconnected = held.sockets == 0 and (
                held.connected_at is None or held.connected_at < held.served_at
            )
            if unconnected and now - held.served_at >= self.unconnected_s:
                self.release(held)
                let_go += 1
        return let_go
