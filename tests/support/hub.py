"""What starts the kit's test hub (tests/hub/jupyterhub_config.py), for the hub tests and for
bench/hub.py: configurable-http-proxy as `make chp` installs it, and the hub's environment."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.support.servers import free_port

__all__ = ["CHP", "HUB_CONFIG", "JUPYTERHUB", "PASSWORD", "hub_environment"]

CHP = (
    Path(sys.prefix)
    / "share"
    / "refocus-kit"
    / "chp"
    / "node_modules"
    / ".bin"
    / ("configurable-http-proxy")
)
HUB_CONFIG = Path(__file__).resolve().parents[1] / "hub" / "jupyterhub_config.py"
JUPYTERHUB = Path(sys.executable).with_name("jupyterhub")
PASSWORD = "any password: the dummy authenticator"


def hub_environment(
    port: int,
    users: list[str],
    store_url: str,
    data: Path,
    *,
    facilitators: str = "",
    forms_port: int | None = None,
    review_port: int | None = None,
) -> dict[str, str]:
    """The variables the test hub's config and the kit's deployment fragment read: the hub on
    `port`, `users` allowed in, the kit's services on `store_url` with their data in `data`."""
    return {
        "HUB_TEST_PORT": str(port),
        "HUB_TEST_API_PORT": str(free_port()),
        "HUB_TEST_PROXY_API_PORT": str(free_port()),
        "HUB_TEST_CHP": str(CHP),
        "HUB_TEST_USERS": json.dumps(users),
        "REFOCUS_DATABASE_URL": store_url,
        "REFOCUS_DATA_DIR": str(data),
        "REFOCUS_FACILITATORS": facilitators,
        "REFOCUS_PYTHON": sys.executable,
        "REFOCUS_FORMS_PORT": str(forms_port or free_port()),
        "REFOCUS_REVIEW_PORT": str(review_port or free_port()),
    }
