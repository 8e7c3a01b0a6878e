"""Python's garbage collector, run when the room is quiet rather than when people arrive.

A participant server holds a quarter of a million long-lived objects (a kernel manager, client
and pre-rendered page for every warm page). A full collection, which Python starts on its own
after enough new objects, then stops the server for about 0.3 s, and it tends to fall in a burst
of arrivals, since that is when objects are made. So once the pages are warm and nobody is
arriving, the server collects itself and freezes what is left (`gc.freeze`): later automatic
collections then look only at objects made since, and stay short. Each quiet collection first
unfreezes, so garbage among the frozen objects is still found, a little later.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Hashable

__all__ = ["QuietCollector"]


class QuietCollector:
    """Collect and freeze at most every `every` seconds, only when quiet and something changed
    (the server's kernels are not those it had at the last collection)."""

    def __init__(self, every: float = 30.0, clock: Callable[[], float] = time.monotonic):
        self.every, self.clock = every, clock
        self._last: float | None = None
        self._seen: frozenset[Hashable] | None = None

    def maybe_collect(self, quiet: bool, kernels: frozenset[Hashable]) -> bool:
        """Collect now if it is worth it and safe; True if it did."""
        now = self.clock()
        if not quiet or kernels == self._seen:
            return False
        if self._last is not None and now - self._last < self.every:
            return False
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._last, self._seen = now, kernels
        return True
