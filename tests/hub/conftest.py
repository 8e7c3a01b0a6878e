"""One real JupyterHub for the module, started once: on 127.0.0.1, the dummy authenticator, a
local process spawner, configurable-http-proxy installed from npm (`make chp`), the kit's
deployment fragment (deploy/jupyterhub/refocus_config.py) and the kit's store on the test
PostgreSQL server. Users (fictional): one facilitator and three staff."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.support.hub import CHP, HUB_CONFIG, JUPYTERHUB, hub_environment
from tests.support.servers import free_port, stop_process

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
        data = workdir / "data"
        data.mkdir()
        env = {
            **os.environ,
            **hub_environment(
                self.port,
                [FACILITATOR, *STAFF],
                store_url,
                data,
                facilitators=FACILITATOR,
                forms_port=self.forms_port,
                review_port=self.review_port,
            ),
        }
        argv = [str(JUPYTERHUB), "-f", str(HUB_CONFIG)]
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
    if not CHP.exists():
        pytest.fail("configurable-http-proxy is not installed: run `make chp` (make test does)")
    running = Hub(tmp_path_factory.mktemp("hub"), hub_store_url)
    yield running
    running.stop()
