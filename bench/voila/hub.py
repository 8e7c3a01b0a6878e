"""A real JupyterHub for the benchmark, and people logged in through it.

The hub is the kit's hub test's own (tests/hub/jupyterhub_config.py: 127.0.0.1, the dummy
authenticator, configurable-http-proxy from `make chp`, the deployment fragment
deploy/jupyterhub/refocus_config.py), its services on the kit's SQLite store in a data folder,
so that the room meets the same store as the participant server alone. A person logs in as a
browser does: the hub's login form (with its `_xsrf`), then the forms service, which sends them
through the hub's OAuth and back with the service's cookie.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from bench.voila.servers import HOST, Server, free_port
from bench.voila.targets import sqlite_url
from tests.support.hub import CHP, HUB_CONFIG, JUPYTERHUB, PASSWORD, hub_environment

__all__ = ["FORMS", "Hub", "log_in"]

FORMS = "/services/refocus-forms"
_XSRF = re.compile(r'name="_xsrf"\s+value="([^"]+)"')


class Hub(Server):
    """`jupyterhub` with the kit's services below it (proxy, forms, review, their kernels).
    `url` is the hub's; `base` and `port` are its forms service's: `base` as people reach it,
    through the hub's proxy, and `port` where the service listens (its warm pages' kernels
    connect back to it); `data` is the services' data folder, with their SQLite store."""

    def __init__(self, folder: Path, data: Path, log: Path, users: list[str]):
        if not CHP.exists():
            raise SystemExit(f"{CHP} is missing: run `make chp`")
        hub_port, forms_port = free_port(), free_port()
        env = hub_environment(hub_port, users, sqlite_url(data), data, forms_port=forms_port)
        argv = [str(JUPYTERHUB), "-f", str(HUB_CONFIG)]
        super().__init__("hub", argv, env, folder, log)
        self.url = f"http://{HOST}:{hub_port}"
        self.port, self.base = forms_port, self.url + FORMS
        self.data = data


async def log_in(hub_url: str, user: str) -> httpx.Cookies:
    """Log `user` in through the hub's login form, then open the forms service (through the
    hub's OAuth); the cookies the browser then holds. Raises if the form is not reached."""
    async with httpx.AsyncClient(base_url=hub_url, timeout=60, follow_redirects=True) as client:
        form = await client.get("/hub/login")
        xsrf = _XSRF.search(form.text)
        if form.status_code != 200 or xsrf is None:
            raise RuntimeError(f"the hub's login page ({form.status_code}) has no _xsrf field")
        fields = {"username": user, "password": PASSWORD, "_xsrf": xsrf.group(1)}
        answer = await client.post("/hub/login", data=fields)
        if answer.status_code != 200 or answer.url.path == "/hub/login":
            raise RuntimeError(f"{user} was not logged in ({answer.status_code})")
        landing = await client.get(FORMS + "/")
        if landing.status_code != 200 or not landing.url.path.startswith(FORMS + "/"):
            raise RuntimeError(
                f"{user} did not reach the forms service ({landing.status_code} {landing.url})"
            )
        return httpx.Cookies(client.cookies)
