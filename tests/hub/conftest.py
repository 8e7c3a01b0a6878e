"""One real JupyterHub for the module, started once: on 127.0.0.1, the dummy authenticator, a
local process spawner, configurable-http-proxy installed from npm (`make chp`), the kit's
deployment fragment (deploy/jupyterhub/refocus_config.py) and the kit's store on the test
PostgreSQL server (on a role that owns its database only), the exercises' grader on a
database role of its own that reaches the gradebooks' schemas only, and nbgrader's shared
exchange. The hub runs a course per team, side by side (REFOCUS_COURSES), each with its own
grader. Users (fictional): two facilitators, each in their own team's hub group and their
course's graders' group, and three staff in the first one's team."""

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
SECOND_FACILITATOR = "kim-facilitator"
STAFF = ("sam-staff", "alex-staff", "jo-staff")
TEAM, OTHER_TEAM = "Team A (fictional)", "Team B (fictional)"
COURSE, OTHER_COURSE = "team-a", "team-b"  # each team's exercises' course
# Each team a hub group naming it (review/teams.py) and its course, its staff and facilitator
# in it; each course's graders a group of their own.
GROUPS = {
    "team-a": {
        "users": [FACILITATOR, *STAFF],
        "properties": {"refocus_team": TEAM, "refocus_course": COURSE},
    },
    "team-b": {
        "users": [SECOND_FACILITATOR],
        "properties": {"refocus_team": OTHER_TEAM, "refocus_course": OTHER_COURSE},
    },
    f"refocus-graders-{COURSE}": {"users": [FACILITATOR]},
    f"refocus-graders-{OTHER_COURSE}": {"users": [SECOND_FACILITATOR]},
}
DATABASE = "refocus_hub_test"
STORE_ROLE = "refocus_hub_store"  # owns the store's database, not the server
GRADER_ROLE = "refocus_hub_grader"  # may use the gradebooks' schemas, and nothing else
SCHEMAS = ("nbgrader_team_a", "nbgrader_team_b")  # the courses' gradebooks


class Hub:
    """The running hub: its address, log, and the store its services share."""

    def __init__(self, workdir: Path, store_url: str, grader_store_url: str):
        self.workdir, self.store_url = workdir, store_url
        self.port, self.forms_port, self.review_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / "jupyterhub.log"
        self.data = workdir / "data"
        self.data.mkdir()
        env = {
            **os.environ,
            **hub_environment(
                self.port,
                [FACILITATOR, SECOND_FACILITATOR, *STAFF],
                store_url,
                self.data,
                facilitators=f"{FACILITATOR},{SECOND_FACILITATOR}",
                groups=GROUPS,
                forms_port=self.forms_port,
                review_port=self.review_port,
                grader_store_url=grader_store_url,
                courses=(COURSE, OTHER_COURSE),
            ),
        }
        self.exchange = Path(env["REFOCUS_EXCHANGE_DIR"])
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
        """Until the hub answers and each of the kit's services answers through it (a
        service not yet routed, or not yet up, answers 404 or 503)."""
        deadline = time.monotonic() + timeout
        services = ("forms", "review", f"grader-{COURSE}", f"grader-{OTHER_COURSE}")
        waiting = [f"{self.url}/hub/api", *(self.service(s) for s in services)]
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


def _connect(url: str, **options):
    plain = make_url(url).set(drivername="postgresql")
    return psycopg.connect(plain.render_as_string(hide_password=False), **options)


@pytest.fixture(scope="module")
def hub_store_url(postgres) -> str:
    """A database of its own on the test PostgreSQL server, new for the module, owned by the
    store's role, with each course's gradebook schema made for the grader's role and readable
    by the store's, exactly as the README's JupyterHub section has the admin do."""
    with _connect(postgres.url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        for role in (GRADER_ROLE, STORE_ROLE):
            conn.execute(f"DROP ROLE IF EXISTS {role}")
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"CREATE DATABASE {DATABASE} OWNER {STORE_ROLE}")
    admin = make_url(postgres.url).set(database=DATABASE)
    with _connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        for schema in SCHEMAS:
            conn.execute(f"CREATE SCHEMA {schema} AUTHORIZATION {GRADER_ROLE}")
            conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {STORE_ROLE}")
            conn.execute(
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {GRADER_ROLE} IN SCHEMA {schema} "
                f"GRANT SELECT ON TABLES TO {STORE_ROLE}"
            )
    return admin.set(username=STORE_ROLE).render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def grader_store_url(hub_store_url) -> str:
    return make_url(hub_store_url).set(username=GRADER_ROLE).render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def hub(tmp_path_factory, hub_store_url, grader_store_url):
    if not CHP.exists():
        pytest.fail("configurable-http-proxy is not installed: run `make chp` (make test does)")
    running = Hub(tmp_path_factory.mktemp("hub"), hub_store_url, grader_store_url)
    yield running
    running.stop()
