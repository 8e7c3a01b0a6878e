"""What starts the kit's test hub (tests/hub/jupyterhub_config.py), for the hub tests and for
bench/hub.py: configurable-http-proxy as `make chp` installs it, and the hub's environment."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from tests.support.servers import free_port, free_ports

__all__ = ["CHP", "HUB_CONFIG", "JUPYTERHUB", "PASSWORD", "USERS_JUPYTER_CONFIG", "hub_environment"]

CHP = (
    Path(sys.prefix)
    / "share"
    / "refocus-kit"
    / "chp"
    / "node_modules"
    / ".bin"
    / ("configurable-http-proxy")
)
ROOT = Path(__file__).resolve().parents[2]
HUB_CONFIG = ROOT / "tests" / "hub" / "jupyterhub_config.py"
# The Jupyter settings every user's server gets, as deployed (deploy/jupyterhub/jupyter/).
USERS_JUPYTER_CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyter"
JUPYTERHUB = Path(sys.executable).with_name("jupyterhub")
PASSWORD = "any password: the dummy authenticator"


def hub_environment(
    port: int,
    users: list[str],
    store_url: str,
    data: Path,
    *,
    facilitators: str = "",
    groups: dict | None = None,
    forms_port: int | None = None,
    review_port: int | None = None,
    grader_port: int | None = None,
    grader_store_url: str = "",
    courses: tuple[str, ...] = (),
) -> dict[str, str]:
    """The variables the test hub's config and the kit's deployment fragment read: the hub on
        `port`, `users` allowed in, hub `groups` as `load_groups` takes them, the kit's services on
        `store_url` (the grader on `grader_store_url`, if given) with their data in `data`, the
    exercises' `courses` (none: one course for the hub), and
        nbgrader's shared exchange beside it, made as the hub's admin would make it."""
    exchange = data.parent / "exchange"
    exchange.mkdir(exist_ok=True)
    exchange.chmod(0o1777)
    env = {
        "HUB_TEST_PORT": str(port),
        "HUB_TEST_API_PORT": str(free_port()),
        "HUB_TEST_PROXY_API_PORT": str(free_port()),
        "HUB_TEST_CHP": str(CHP),
        "HUB_TEST_USERS": json.dumps(users),
        "HUB_TEST_GROUPS": json.dumps(groups or {}),
        "REFOCUS_DATABASE_URL": store_url,
        "REFOCUS_DATA_DIR": str(data),
        "REFOCUS_EXCHANGE_DIR": str(exchange),
        "REFOCUS_USERS_JUPYTER_CONFIG": str(USERS_JUPYTER_CONFIG),
        "REFOCUS_FACILITATORS": facilitators,
        "REFOCUS_PYTHON": sys.executable,
        "REFOCUS_FORMS_PORT": str(forms_port or free_port()),
        "REFOCUS_REVIEW_PORT": str(review_port or free_port()),
        "REFOCUS_GRADER_PORT": str(grader_port or free_ports(max(len(courses), 1))),
        "REFOCUS_COURSES": ",".join(courses),
    }
    if grader_store_url:
        env["REFOCUS_GRADER_DATABASE_URL"] = grader_store_url
    if os.geteuid() == 0:  # a container's root: the grader has no account of its own here
        env["REFOCUS_GRADER_ALLOW_ROOT"] = "1"
    return env
