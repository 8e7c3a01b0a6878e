"""Servers the benchmark starts, watches and always stops: a free loopback port, a log file, the
process tree (server and kernels) for memory and CPU, and a stop that leaves nothing behind."""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import psutil

from tests.support.servers import free_port  # the tests' own: one way to pick a port

__all__ = ["PeakRSS", "Server", "Started", "free_port", "machine_calm", "run_stopping_servers"]

HOST = "127.0.0.1"


def run_stopping_servers(main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run a benchmark's `main`; SIGTERM ends it as Ctrl-C does, through the `finally` of `main`
    that stops every server it started."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        print("interrupted: every server this run started has been stopped", flush=True)
        raise SystemExit(130) from None


class Started:
    """Every server a benchmark run starts, each in a folder of its own under `folder` (its
    log under `logs`); `stop_all` stops those still running, even on error."""

    def __init__(self, folder: Path, logs: Path):
        self.folder, self.logs = folder, logs
        self.running: list[Server] = []

    def new_folder(self, name: str) -> Path:
        folder = self.folder / name
        folder.mkdir()
        return folder

    def track(self, server: Server) -> None:
        self.running.append(server)

    def stop(self, server: Server) -> None:
        self.running.remove(server)
        server.stop()

    def stop_all(self) -> None:
        while self.running:
            self.stop(self.running[-1])


def machine_calm(busy_below: float = 50.0, ceiling: float = 30.0) -> float:
    """Wait (at most `ceiling` s) until the whole machine's CPUs are less than `busy_below` %
    busy over a second, whoever uses them; the last reading, to print next to the figures."""
    start = time.monotonic()
    busy = psutil.cpu_percent(interval=1.0)
    while busy >= busy_below and time.monotonic() - start < ceiling:
        busy = psutil.cpu_percent(interval=1.0)
    return busy


class Server:
    """One server process started by the benchmark, with everything it starts below it."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], cwd: Path, log: Path):
        self.name, self.log = name, log
        self.port = free_port()
        argv = [a.replace("{port}", str(self.port)) for a in argv]
        self._log_file = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            argv,
            env={**os.environ, **env},
            cwd=cwd,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.root = psutil.Process(self.process.pid)
        self.base = f"http://{HOST}:{self.port}"

    def tree(self) -> list[psutil.Process]:
        try:
            return [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def kernels(self) -> int:
        count = 0
        for process in self.tree():
            with contextlib.suppress(psutil.Error):
                count += any("ipykernel" in part for part in process.cmdline())
        return count

    def waiting_kernels(self) -> int:
        """Kernels connected back to the server by TCP: with IPC kernel transport, that is a
        pre-heated page whose notebook has run up to Voila's `wait_for_request` (a warm page)."""
        count = 0
        for process in self.tree()[1:]:
            with contextlib.suppress(psutil.Error):
                connections = process.net_connections(kind="tcp")
                count += any(c.raddr and c.raddr.port == self.port for c in connections)
        return count

    def rss(self) -> int:
        total = 0
        for process in self.tree():
            with contextlib.suppress(psutil.Error):
                total += process.memory_info().rss
        return total

    def cpu_by_pid(self) -> dict[int, float]:
        times = {}
        for process in self.tree():
            with contextlib.suppress(psutil.Error):
                cpu = process.cpu_times()
                times[process.pid] = cpu.user + cpu.system
        return times

    def wait_ready(self, path: str, timeout: float = 90.0) -> float:
        """Seconds until `path` answers 200; raises if the server dies or the time runs out."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.base + path, timeout=5) as answer:  # noqa: S310 - loopback
                    if answer.status == 200:
                        return time.monotonic() - start
            except (urllib.error.URLError, http.client.HTTPException, OSError):
                pass  # not listening yet, or another process holds the port (see Hub)
            time.sleep(0.2)
        raise TimeoutError(f"{self.name} did not answer {path} within {timeout:.0f} s")

    def wait_quiet(self, cores: float = 0.15, window: float = 1.0, ceiling: float = 120.0) -> float:
        """Seconds until the whole tree uses under `cores` CPUs over `window` seconds (kernels
        started and their notebooks run), or `ceiling`. Processes that end do not count."""
        start = time.monotonic()
        samples = [(start, self.cpu_by_pid())]
        while time.monotonic() - start < ceiling and self.alive():
            time.sleep(0.25)
            now, current = time.monotonic(), self.cpu_by_pid()
            samples.append((now, current))
            old = [s for s in samples if now - s[0] >= window]
            if old:
                then, before = old[-1]
                used = sum(max(t - before.get(pid, 0.0), 0.0) for pid, t in current.items())
                if used / (now - then) < cores:
                    return now - start
        return time.monotonic() - start

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """SIGTERM the server, then kill (by pid) whatever of its tree is still there."""
        processes = self.tree()
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        _gone, left = psutil.wait_procs(processes, timeout=5)
        for process in left:
            with contextlib.suppress(psutil.Error):
                process.kill()
        psutil.wait_procs(left, timeout=5)
        self._log_file.close()

    def log_lines(self, *needles: str) -> list[str]:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return [line for line in text.splitlines() if any(n in line for n in needles)]


class PeakRSS:
    """Largest sum of RSS over a server's process tree, sampled every `interval` seconds in a
    thread (so the benchmark's own event loop does not delay the samples)."""

    def __init__(self, server: Server, interval: float = 0.2):
        self.server, self.interval = server, interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.server.rss())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.peak = max(self.peak, self.server.rss())
