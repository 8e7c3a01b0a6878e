"""Start the kit's servers (JupyterLab for trainers, the participant Voila app for teams) and
stop them together on Ctrl-C. The data folder must lie outside every folder a server
publishes."""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from refocus_kit.config import settings
from refocus_kit.forms_address import LOCAL_ONLY_NOTE, local_url, public_url, reaches_room

__all__ = [
    "ServerSpec",
    "check_data_dir",
    "check_store",
    "lab_spec",
    "lab_token",
    "participant_spec",
    "run",
]

READY_TIMEOUT_S = 180  # a busy laptop can take a minute or more to start JupyterLab


@dataclass(frozen=True)
class ServerSpec:
    """One server process: how to start it, the URL people use, the URL that answers (from
    this machine) once it is ready, and a word for whoever started it."""

    name: str
    argv: list[str]
    url: str
    ready_url: str
    env: dict[str, str] = field(default_factory=dict)
    note: str = ""
    cwd: Path | None = None  # default: the first served folder


def lab_spec(root: Path, ip: str, port: int, token: str) -> ServerSpec:
    """JupyterLab on the kit's folder, behind its token.

    It runs in the exercises folder, where nbgrader (the formgrader, the assignment list) reads
    the course's nbgrader_config.py, as `cd exercises && nbgrader ...` does. Its log is kept to
    what matters: notebooks without outputs open without a "not trusted" warning (trust.py);
    kernels talk over local sockets, not unencrypted TCP; and notebook_shim, which only serves
    classic notebook-server extensions (the kit has none), is off: it reads every setting of
    the server, deprecated ServerApp.token included, and so logs its deprecation warning."""
    jupyter = str(Path(sys.executable).with_name("jupyter"))
    argv = [
        jupyter,
        "lab",
        "--no-browser",
        f"--ServerApp.ip={ip}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={token}",
        "--ServerApp.allow_remote_access=False",
        "--ContentsManager.allow_hidden=False",
        "--LabApp.default_url=/lab/tree/course",
        "--ServerApp.contents_manager_class=refocus_kit.trust.LabContents",
        "--KernelManager.transport=ipc",
        "--ServerApp.jpserver_extensions=notebook_shim=False",
    ]
    if os.geteuid() == 0:  # containers and CI run as root; Jupyter refuses that unless told
        argv.append("--allow-root")
    base = f"http://{ip}:{port}"
    course = root / "exercises"
    return ServerSpec(
        "JupyterLab (trainers)",
        argv,
        f"{base}/lab?token={token}",
        f"{base}/api/status?token={token}",
        cwd=course if (course / "nbgrader_config.py").is_file() else None,
    )


def participant_spec(ip: str, port: int) -> ServerSpec:
    """The participant Voila app: only the form pages, no token, nothing else served. Bound to
    the room's network, it is listed under the address people there use."""
    url = public_url(ip, port)
    argv = [
        sys.executable,
        "-m",
        "refocus_kit.participant.app",
        f"--Voila.ip={ip}",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.custom_display_url={url}",  # its log names the address the banner names
    ]
    note = "" if reaches_room(url) else LOCAL_ONLY_NOTE.format(url=url)
    return ServerSpec("Participant forms (teams)", argv, url, local_url(ip, port), note=note)


def check_data_dir(data_dir: Path, served: list[Path]) -> None:
    """Refuse to start if a server would publish the data folder."""
    for root in served:
        if data_dir == root or root in data_dir.parents:
            raise SystemExit(
                f"refusing to start: the data folder {data_dir} is inside {root}, which is "
                "served over HTTP. Set REFOCUS_DATA_DIR to a folder outside it."
            )


def check_store(url: str) -> None:
    """Refuse to start on a store of another schema revision than this kit's, saying which
    command to run (`refocus store upgrade`, or a newer kit)."""
    from refocus_kit.store.schema import StoreVersionError, refuse_to_serve

    try:
        refuse_to_serve(url)
    except StoreVersionError as exc:
        raise SystemExit(f"refusing to start: {exc}") from None


def _wait_ready(spec: ServerSpec, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{spec.name} stopped while starting (exit {process.returncode})")
        try:
            with urllib.request.urlopen(spec.ready_url, timeout=2):  # noqa: S310 - loopback URL we built
                return
        except (urllib.error.URLError, http.client.HTTPException, OSError):
            time.sleep(0.25)  # not listening yet, or something else briefly held the port
    raise SystemExit(f"{spec.name} did not answer within {READY_TIMEOUT_S} s")


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


def lab_token() -> str:
    """The Lab's token: REFOCUS_LAB_TOKEN if set, else a fresh random one."""
    return os.environ.get("REFOCUS_LAB_TOKEN") or secrets.token_urlsafe(24)


def run(specs: list[ServerSpec], served: list[Path], demo: bool = False) -> int:
    """Start every server, print where to find them, and wait until Ctrl-C (or SIGTERM).
    `served` lists every folder the servers publish (the participant server publishes only
    pages it writes at start into a private folder of its own): the data folder must be
    outside them."""
    config = settings()
    check_data_dir(config.data_dir, served)
    check_store(config.store_url)
    config.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    if demo:
        from refocus_kit.demo import load_demo
        from refocus_kit.store import Store

        with Store() as kit_store:
            load_demo(kit_store)
    env = {**os.environ, "REFOCUS_DATA_DIR": str(config.data_dir)}
    processes: list[subprocess.Popen] = []
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        for spec in specs:
            env_for = {**env, **spec.env}
            processes.append(
                subprocess.Popen(spec.argv, env=env_for, cwd=spec.cwd or next(iter(served), None))
            )
        for spec, process in zip(specs, processes, strict=True):
            _wait_ready(spec, process, deadline)
        print("\nThe REFOCUS kit is running (Ctrl-C stops it):", flush=True)
        for spec in specs:
            print(f"  {spec.name}: {spec.url}", flush=True)
            if spec.note:
                print(
                    textwrap.fill(spec.note, 96, initial_indent=" " * 4, subsequent_indent=" " * 4),
                    flush=True,
                )
        print(f"  Data folder (never served): {config.data_dir}\n", flush=True)
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        return max(p.returncode or 0 for p in processes)
    except KeyboardInterrupt:
        print("\nStopping the kit…", flush=True)
        return 0
    finally:
        _stop(processes)
