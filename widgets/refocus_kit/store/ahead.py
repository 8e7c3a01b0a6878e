"""Reads run ahead of the reader: several reads of the store, one after another in a
background thread, each result handed back in turn while the next read is already under way.

A read spends most of its time in the database and its driver, which let go of Python's lock
while they work (SQLite's engine, PostgreSQL's server and the wire), so on a machine of two
cores or more it overlaps with what the reader does in Python meanwhile (the progress review
picks from one form's answers while the next form is read, and the forms it only counts are
counted while it picks from the last)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

__all__ = ["read_ahead"]


@contextmanager
def read_ahead(
    reads: Sequence[Callable[[], Any]], *, background: bool = True
) -> Iterator[Iterator[Any]]:
    """Each read's result, in turn. With `background`, the reads start on entering, in order,
    in one thread of their own, each as soon as the one before it is done; a read's error is
    raised when its result is reached; on leaving, the reads not yet begun are dropped and the
    one under way is waited for. Without it (a store only its own thread can read, as an
    in-memory SQLite, of which each thread would be given one of its own, empty), each read
    runs when its result is asked for."""
    if not background:
        yield (read() for read in reads)
        return
    with ThreadPoolExecutor(1, thread_name_prefix="refocus-read-ahead") as pool:
        futures = [pool.submit(read) for read in reads]
        try:
            yield (future.result() for future in futures)
        finally:
            for future in futures:
                future.cancel()
