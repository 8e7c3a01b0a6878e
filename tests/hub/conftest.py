"""One real JupyterHub for the module, started once: on 127.0.0.1, the dummy authenticator, a
local process spawner, configurable-http-proxy installed from npm (`make chp`), the kit's
deployment fragment (deploy/jupyterhub/refocus_config.py) and the kit's store on the test
PostgreSQL server. Users (fictional): one facilitator and three staff."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.support.servers import free_port, stop_process

HERE = Path(__file__).parent
CHP = Path(sys.prefix) / "share" / "refocus-kit" / "chp" / "node_modules" / ".bin"
FACILITATOR = "fran-facilitator"
STAFF = ("sam-staff", "alex-staff", "jo-staff")
DATABASE = "refocus_hub_test"


class Hub:
    """The running hub: its address, log, and the store its services share."""

    def __init__(self, workdir: Path, store_url: str):
        self.workdir, self.store_url = workdir, store_url
        self.port, self.forms_port, self.review_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / "jupyterhub.log"
        env = {
            **os.environ,
            "HUB_TEST_PORT": str(self.port),
            "HUB_TEST_API_PORT": str(free_port()),
            "HUB_TEST_PROXY_API_PORT": str(free_port()),
            "HUB_TEST_CHP": str(CHP / "configurable-http-proxy"),
            "HUB_TEST_USERS": json.dumps([FACILITATOR, *STAFF]),
            "REFOCUS_DATABASE_URL": store_url,
            "REFOCUS_DATA_DIR": str(workdir / "data"),
            "REFOCUS_FACILITATORS": FACILITATOR,
            "REFOCUS_PYTHON": sys.executable,
            "REFOCUS_FORMS_PORT": str(self.forms_port),
            "REFOCUS_REVIEW_PORT": str(self.review_port),
        }
        (workdir / "data").mkdir()
        argv = [
            str(Path(sys.executable).with_name("jupyterhub")),
            "-f",
            str(HERE / "jupyterhub_config.py"),
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                argv, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            self._wait()
        except BaseException:
            self.stop()
            raise

    def _wait(self, timeout: float = 180) -> None:
        """Until the hub answers and both of the kit's services answer through it (a
        service not yet routed, or not yet up, answers 404 or 503)."""
        deadline = time.monotonic() + timeout
        waiting = [f"{self.url}/hub/api", *(self.service(s) for s in ("forms", "review"))]
        while waiting and time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyterhub exited: {self.log.read_text()[-3000:]}")
            try:
                if httpx.get(waiting[0], timeout=5).status_code < 400:  # routed, and up
                    waiting.pop(0)
                    continue
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        if waiting:
            raise RuntimeError(f"no answer from {waiting[0]}: {self.log.read_text()[-3000:]}")

    def service(self, name: str) -> str:
        return f"{self.url}/services/refocus-{name}/"

    def stop(self) -> None:
        stop_process(self.process, timeout=30)


@pytest.fixture(scope="module")
def hub_store_url(postgres) -> str:
    """A database of its own on the test PostgreSQL server, new for the module."""
    admin = make_url(postgres.url).set(drivername="postgresql")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    return make_url(postgres.url).set(database=DATABASE).render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def hub(tmp_path_factory, hub_store_url):
    if not (CHP / "configurable-http-proxy").exists():
        pytest.fail("configurable-http-proxy is not installed: run `make chp` (make test does)")
    running = Hub(tmp_path_factory.mktemp("hub"), hub_store_url)
    yield running
    running.stop()
