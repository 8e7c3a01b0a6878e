"""A throwaway PostgreSQL server on 127.0.0.1 for the store's tests."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from tests.support.servers import free_port, stop_process

__all__ = ["PostgresServer", "find_pg_bin"]


def find_pg_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresServer:
    """initdb + postgres in a temporary folder; as root, run as the `postgres` user."""

    def __init__(self, bin_dir: Path, workdir: Path):
        self.bin_dir, self.workdir = bin_dir, workdir
        self.data = workdir / "pgdata"
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> PostgresServer:
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self.as_user:
            shutil.chown(self.workdir, "postgres", "postgres")
            self.workdir.chmod(0o700)
        subprocess.run(
            [
                *self.as_user,
                str(self.bin_dir / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
            ],
            check=True,
            capture_output=True,
        )
        self.process = subprocess.Popen(
            [
                *self.as_user,
                str(self.bin_dir / "postgres"),
                "-D",
                str(self.data),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-k",
                str(self.workdir),
                "-c",
                "fsync=off",
                "-c",
                "max_connections=120",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait()
        return self

    def _wait(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("postgres exited while starting")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    time.sleep(0.3)
                    return
            time.sleep(0.1)
        raise RuntimeError("postgres did not start in time")

    def stop(self) -> None:
        if self.process:
            stop_process(self.process)
