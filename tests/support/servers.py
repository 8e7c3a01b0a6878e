"""Start the kit's servers for tests, on free loopback ports, and stop them afterwards."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

__all__ = ["REFOCUS", "ParticipantServer", "free_port", "stop_process"]

REFOCUS = str(Path(sys.executable).with_name("refocus"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports(count: int) -> int:
    """The first of `count` ports in a row, each free now (for servers numbered from one)."""
    while True:
        first = free_port()
        with contextlib.ExitStack() as held:
            try:
                for port in range(first, first + count):
                    held.enter_context(socket.socket()).bind(("127.0.0.1", port))
            except OSError:
                continue
        return first


class ParticipantServer:
    """`python -m refocus_kit.participant.app` with its own data folder; `env` adds to its
    environment, `preexec_fn` runs in its process before it starts."""

    def __init__(
        self,
        data_dir: Path,
        *extra: str,
        port: int | None = None,
        env=None,
        preexec_fn=None,
        log=None,
    ):
        self.data_dir, self.port = data_dir, port or free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = log or data_dir / "participant-server.log"
        env = {**os.environ, "REFOCUS_DATA_DIR": str(data_dir), **(env or {})}
        argv = [
            sys.executable,
            "-m",
            "refocus_kit.participant.app",
            "--Voila.ip=127.0.0.1",
            f"--port={self.port}",
            "--Voila.port_retries=0",
            *extra,
        ]
        with self.log.open("ab") as log:  # a server started again keeps the first one's log
            self.process = subprocess.Popen(
                argv, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=preexec_fn
            )
        try:
            self._wait()
        except BaseException:  # never left running behind a failed test
            self.stop()
            raise

    @property
    def store_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'refocus.sqlite3'}"

    def _wait(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"participant server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.base, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        raise RuntimeError("participant server did not answer in time")

    def stop(self) -> None:
        stop_process(self.process, timeout=20)


def stop_process(process: subprocess.Popen, timeout: float = 30) -> None:
    """Ask a server the test started to stop; kill it if it has not within `timeout` s."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
