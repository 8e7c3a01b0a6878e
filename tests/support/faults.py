"""Faults a room can meet, made for tests without root-only tricks.

- `read_only(folder)`: a data folder nobody may write, with `as_a_user` for the child processes
  that must feel it even when the tests run as root (root writes through any permission, by its
  CAP_DAC_OVERRIDE capability; a child started with `preexec_fn=as_a_user()` has lost it).
- `StoreFaults`: a switch, flipped while a server runs, that makes SQLite answer every write
  with "database or disk is full" (a full disk), or every statement with "disk I/O error" (a
  store that cannot be read), in every Python process started with its `env`: the server and
  the kernels it starts load the hook through `sitecustomize`. The kit's code is unchanged.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["StoreFaults", "as_a_user", "read_only"]

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE = 1

_HOOK = '''"""Test hook (tests/support/faults.py): SQLite faults switched by a file."""
import os
import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

_SWITCH = os.environ["REFOCUS_TEST_STORE_FAULT"]
_WRITES = ("INSERT", "UPDATE", "DELETE")


@event.listens_for(Engine, "before_cursor_execute")
def _fault(_conn, _cursor, statement, *_args):
    try:
        with open(_SWITCH) as switch:
            fault = switch.read().strip()
    except OSError:
        return
    if fault == "full" and statement.lstrip().upper().startswith(_WRITES):
        raise sqlite3.OperationalError("database or disk is full")
    if fault == "unreadable":
        raise sqlite3.OperationalError("disk I/O error")
'''


def as_a_user() -> Callable[[], None] | None:
    """A `preexec_fn` under which file permissions bind the child even if we are root; None
    when we are not root (they bind already)."""
    if os.geteuid() != 0:
        return None

    def drop_override() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_CAPBSET_DROP, _CAP_DAC_OVERRIDE, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop CAP_DAC_OVERRIDE")

    return drop_override


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """The folder and every file in it read-only for as long as the block runs."""
    paths = [folder, *folder.iterdir()]
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in paths}
    for path in paths:
        path.chmod(modes[path] & ~0o222)
    try:
        yield folder
    finally:
        for path in reversed(paths):
            path.chmod(modes[path])


class StoreFaults:
    """The switch, in `folder`; `env` is what a process needs to obey it."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "sitecustomize.py").write_text(_HOOK)
        self.switch = folder / "fault"
        path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p)
        self.env = {"PYTHONPATH": path, "REFOCUS_TEST_STORE_FAULT": str(self.switch)}

    def set(self, fault: str) -> None:
        """'full' or 'unreadable'."""
        self.switch.write_text(fault)

    def clear(self) -> None:
        self.switch.unlink(missing_ok=True)
