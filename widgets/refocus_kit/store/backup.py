"""Consistent copies of the embedded SQLite store, safe while the kit is running."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

__all__ = ["backup_sqlite"]


def backup_sqlite(url: str, out: Path) -> Path:
    """Copy the SQLite database at `url` to `out` with SQLite's online backup API."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise ValueError(
            "only the embedded SQLite store is backed up by the kit; "
            "back PostgreSQL up with pg_dump"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{parsed.database}?mode=ro", uri=True)
    target = sqlite3.connect(out)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return out
