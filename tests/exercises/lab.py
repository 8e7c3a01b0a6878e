"""A member of staff's own JupyterLab, as they would run it from their folder (which holds the
nbgrader settings `refocus exercises staff-config` wrote), and the steps they take in it."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx

from tests.support.servers import free_port, stop_process

__all__ = ["StaffLab", "start_lab"]

JUPYTER = str(Path(sys.executable).with_name("jupyter"))


@dataclass
class StaffLab:
    process: subprocess.Popen
    base: str
    token: str
    home: Path
    log: BinaryIO
    runtime: str

    def url(self, path: str = "lab") -> str:
        return f"{self.base}/{path}?token={self.token}"

    def stop(self) -> None:
        stop_process(self.process)
        self.log.close()
        shutil.rmtree(self.runtime, ignore_errors=True)


def start_lab(home: Path, jupyter_home: Path, extra: tuple[str, ...] = ()) -> StaffLab:
    settings = jupyter_home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(jupyter_home / "config"),
        # Kernels talk over local sockets, whose paths must stay short.
        "JUPYTER_RUNTIME_DIR": tempfile.mkdtemp(prefix="lab-"),
        "JUPYTERLAB_SETTINGS_DIR": str(jupyter_home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(jupyter_home / "workspaces"),
        "IPYTHONDIR": str(jupyter_home / "ipython"),
    }
    port, token = free_port(), secrets.token_urlsafe(12)
    argv = [
        JUPYTER,
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={home}",
        f"--IdentityProvider.token={token}",
        "--KernelManager.transport=ipc",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *extra,
    ]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    log = (jupyter_home / "lab.log").open("wb")
    process = subprocess.Popen(argv, cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT)
    lab = StaffLab(
        process, f"http://127.0.0.1:{port}", token, home, log, env["JUPYTER_RUNTIME_DIR"]
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited: {(jupyter_home / 'lab.log').read_text()}")
        try:
            if httpx.get(lab.url("api/status"), timeout=5).status_code == 200:
                return lab
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    lab.stop()
    raise RuntimeError("JupyterLab did not answer in time")


def open_menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).click()
