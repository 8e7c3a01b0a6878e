"""How a form writes to the store in a room: a draft at most every few seconds (the latest text
always written in the end), a submit retried with backoff when the store fails, and each failure
told to the person in words and logged in one line for the facilitator, never with the answers.

Text still waiting for its turn when the page's kernel stops (the tab closed, the server shut
down) is written as the kernel exits (`flush_pending`, run at exit), so a draft is never more
than the interval behind what was typed, and nothing typed is dropped by a clean stop.

The waiting is done on the kernel's event loop (`call_later`); with no loop running (a plain
script) there is nothing to wait on, so each draft is written at once and nothing is retried
by itself."""

from __future__ import annotations

import asyncio
import atexit
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import StatementError

__all__ = [
    "BACKOFF",
    "DRAFT_INTERVAL",
    "SAVING_SHOWN_AFTER",
    "Later",
    "Retrying",
    "ShownIfSlow",
    "Throttle",
    "failure",
    "flush_pending",
    "later",
]

DRAFT_INTERVAL = 3.0  # seconds between two draft writes: the kit's own choice
BACKOFF = (2.0, 4.0, 8.0, 15.0, 30.0)  # seconds before each retry, then every 30: the kit's own
SAVING_SHOWN_AFTER = 0.25  # seconds a submit waits on the store before "Saving…": the kit's own
log = logging.getLogger(__name__)

Later = Callable[[float, Callable[[], None]], Any]  # schedule; returns a handle with .cancel()


def later(delay: float, callback: Callable[[], None]):
    """Run the callback after `delay` seconds on the running event loop; None if none runs."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    return loop.call_later(delay, callback)


def failure(exc: BaseException) -> str:
    """What went wrong, in one line that holds no answers: an SQL statement's error carries
    its parameters (people's answers), so only the driver's own error is named."""
    if isinstance(exc, StatementError):
        exc = exc.orig if exc.orig is not None else exc
        if isinstance(exc, StatementError):
            return type(exc).__name__
    text = (str(exc).strip().splitlines() or [""])[0][:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class Retrying:
    """Counts the failures of one kind of write and says how long to wait before the next try."""

    def __init__(self, what: str):
        self.what, self.failures = what, 0

    def failed(self, form_id: str, exc: BaseException) -> float:
        """Log the failure in one line and return the wait before the next try."""
        delay = BACKOFF[min(self.failures, len(BACKOFF) - 1)]
        self.failures += 1
        log.warning(
            "%s of form %s failed (attempt %d: %s); retrying in %g s",
            self.what,
            form_id,
            self.failures,
            failure(exc),
            delay,
        )
        return delay

    def succeeded(self, form_id: str) -> None:
        if self.failures:
            log.warning("%s of form %s saved after %d failures", self.what, form_id, self.failures)
        self.failures = 0


class ShownIfSlow:
    """A notice for a wait: `show` runs only if the block takes longer than `after` seconds,
    and `hide` undoes it as the block ends. A store that answers at once costs the page no
    message; one kept waiting on a lock shows the notice while the kernel's own thread waits.

    `show` runs on a timer thread (the kernel's thread is blocked in the store); ipykernel
    sends comm messages from any thread. A lock keeps `show` from running once the block ends."""

    def __init__(self, show: Callable[[], None], hide: Callable[[], None], after: float):
        self.show, self.hide, self.after = show, hide, after
        self._lock = threading.Lock()
        self._over = self._shown = False
        self._timer: threading.Timer | None = None

    def __enter__(self) -> ShownIfSlow:
        self._over = self._shown = False
        self._timer = threading.Timer(self.after, self._show)
        self._timer.daemon = True
        self._timer.start()
        return self

    def _show(self) -> None:
        with self._lock:
            if not self._over:
                self.show()
                self._shown = True

    def __exit__(self, *_exc: object) -> None:
        assert self._timer is not None
        self._timer.cancel()
        with self._lock:
            self._over = True
        if self._shown:
            self.hide()


class Throttle:
    """Calls `write` `interval` seconds after a change, with whatever changed meanwhile: at most
    once every `interval` while changes come in, and always after the last one, so the latest
    text is written. The first change waits its turn too, so a person who types and sends at
    once costs the store one write (the submit), not a draft and then the answer. `flush`
    writes now. `write` returns None, or on a failure the wait before it is tried again."""

    def __init__(
        self,
        write: Callable[[], float | None],
        interval: float,
        schedule: Later = later,
    ):
        self.write, self.interval, self.schedule = write, interval, schedule
        self.pending, self.timer = False, None

    def changed(self) -> None:
        self.pending = True
        _waiting.add(self)
        if self.timer is not None:
            return
        if not self._wait(self.interval):  # nothing to wait on: write at once
            self.flush()

    def _wait(self, wait: float) -> bool:
        self.timer = self.schedule(wait, self._fire)
        return self.timer is not None

    def _fire(self) -> None:
        self.timer = None
        if self.pending:
            self.flush()

    def flush(self) -> None:
        """Write what is pending, now."""
        self.cancel_timer()
        if not self.pending:
            return
        self.pending = False
        _waiting.discard(self)
        retry_in = self.write()
        if retry_in is not None:
            self.pending = True
            _waiting.add(self)
            self._wait(retry_in)

    def cancel_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def cancel(self) -> None:
        """Forget what is pending (the form was submitted)."""
        self.cancel_timer()
        self.pending = False
        _waiting.discard(self)


_waiting: weakref.WeakSet[Throttle] = weakref.WeakSet()  # throttles with a write pending


@atexit.register
def flush_pending() -> None:
    """Write whatever every form still has pending (the kernel is stopping)."""
    for throttle in list(_waiting):
        try:
            throttle.cancel_timer()
            throttle.flush()
        except Exception as exc:  # the store is gone too: one line, never the answers
            log.warning("a pending draft could not be written at exit: %s", type(exc).__name__)
