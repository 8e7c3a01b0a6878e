"""Where the kit keeps its data and which database it talks to.

Every option can be set by an environment variable, so the same settings reach the CLI, the
servers it starts and the kernels those servers start.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from refocus_kit.forms_address import FormsAddress, forms_address

__all__ = ["Settings", "settings"]

_APP = "refocus-kit"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else None


@dataclass(frozen=True)
class Settings:
    """The kit's settings; build one with :func:`settings`."""

    data_dir: Path = field(
        metadata={
            "env": "REFOCUS_DATA_DIR",
            "help": "Folder for the embedded SQLite store and exports. Kept outside every folder "
            "a server publishes; defaults to the user's data folder.",
        }
    )
    database_url: str = field(
        metadata={
            "env": "REFOCUS_DATABASE_URL",
            "help": "SQLAlchemy URL of the store. Empty means SQLite in data_dir; set it to "
            "postgresql+psycopg://user:password@host/db to use PostgreSQL.",
        }
    )

    forms_url_override: str = field(
        default="",
        metadata={
            "env": "REFOCUS_FORMS_URL",
            "help": "The participant forms' address as people in the room reach it, when that "
            "is not the address the running forms server records (a DNS name, a proxy), e.g. "
            "http://kit.ward.example:8866/. Empty: links follow the running server.",
        },
    )

    exchange_dir: Path | None = field(
        default=None,
        metadata={
            "env": "REFOCUS_EXCHANGE_DIR",
            "help": "The staff exercises' nbgrader exchange, when it is not the course's own "
            "exchange/ folder: on JupyterHub a folder every user's server shares (for example "
            "/srv/nbgrader/exchange), made by the hub's admin (see deploy/).",
        },
    )

    course: str = field(
        default="refocus",
        metadata={
            "env": "REFOCUS_COURSE",
            "help": "The staff exercises' course the `refocus exercises` commands work on. "
            "One course serves a team on one computer; on JupyterHub each team (or group of "
            "teams) can have a course of its own, with its own grader (see deploy/).",
        },
    )

    busy_timeout: float = field(
        default=30.0,
        metadata={
            "env": "REFOCUS_BUSY_TIMEOUT",
            "help": "Seconds a write to the SQLite store waits for another process's write "
            "before it gives up with 'the database is locked'.",
        },
    )

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "refocus.sqlite3"

    @property
    def store_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"

    @property
    def forms_address(self) -> FormsAddress:
        """Where session links and QR codes point, read afresh: REFOCUS_FORMS_URL, else the
        running forms server's address, else the default (see forms_address.py)."""
        return forms_address(self.forms_url_override, self.data_dir)

    @property
    def forms_url(self) -> str:
        return self.forms_address.url


def _env_seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    try:
        seconds = float(value) if value else default
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {value!r}") from None
    if not seconds >= 0:
        raise ValueError(f"{name} must be a number of seconds, not {value!r}")
    return seconds


def settings() -> Settings:
    """Read the settings from the environment (called afresh so tests can change it)."""
    data_dir = _env_path("REFOCUS_DATA_DIR") or Path(platformdirs.user_data_dir(_APP))
    return Settings(
        data_dir=data_dir,
        database_url=os.environ.get("REFOCUS_DATABASE_URL", ""),
        forms_url_override=os.environ.get("REFOCUS_FORMS_URL", ""),
        exchange_dir=_env_path("REFOCUS_EXCHANGE_DIR"),
        course=os.environ.get("REFOCUS_COURSE", "").strip() or "refocus",
        busy_timeout=_env_seconds("REFOCUS_BUSY_TIMEOUT", 30.0),
    )
