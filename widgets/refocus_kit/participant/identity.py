"""Who is filling the form in, as far as the kit may know: a JupyterHub user, a user name a
trusted proxy passes in a header, or else a random pseudonymous id kept in a cookie."""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
from urllib.parse import parse_qs

from refocus_kit.forms.safety import contains_nhs_number

__all__ = [
    "USER_HEADER_ENV",
    "Visit",
    "is_pseudonym",
    "new_pseudonym",
    "read_visit",
    "wait_for_request",
]

# Voila passes the configured request headers to the kernel as HTTP_<NAME> variables.
USER_HEADER_ENV = "HTTP_X_FORWARDED_USER"
_ALLOWED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
_PSEUDONYM = re.compile(r"^p-[0-9a-f]{12}$")


def new_pseudonym() -> str:
    """A random id for a browser; never one the store would take for an NHS number."""
    while True:
        pid = "p-" + secrets.token_hex(6)
        if not contains_nhs_number(pid):
            return pid


def is_pseudonym(text: str) -> bool:
    """True for an id that new_pseudonym could have made."""
    return bool(_PSEUDONYM.match(text or "")) and not contains_nhs_number(text)


class Visit:
    """What one page load tells the kernel: the session code, the browser's pseudonym, and a
    logged-in user when a hub or proxy vouches for one."""

    def __init__(self, query: str, environ: dict[str, str]):
        params = parse_qs(query or "", keep_blank_values=False)
        self.session_code = (params.get("session") or [""])[0][:16]
        pid = (params.get("pid") or [""])[0]
        self.pseudonym = pid if is_pseudonym(pid) else new_pseudonym()
        user = environ.get("JUPYTERHUB_USER") or environ.get(USER_HEADER_ENV) or ""
        self.user = user if _ALLOWED.match(user) else None

    @property
    def respondent(self) -> str:
        """The id recorded with a response: the real login if there is one."""
        return self.user or self.pseudonym


def wait_for_request() -> None:
    """In a pre-heated Voila kernel, wait until a visitor takes the page, then put their
    request's details (QUERY_STRING, the allowed headers...) in the environment.

    This is `voila.utils.wait_for_request` (voila 0.5), talking to the same
    `/voila/query/<kernel id>` socket, without its imports: importing voila in the kernel loads
    the whole Jupyter server, over 4 s of CPU for every warm page."""
    env = os.environ
    if env.get("VOILA_PREHEAT", "False") == "False":
        return
    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    base = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    url = (
        f"{env.get('VOILA_WS_PROTOCOL', 'ws')}://{env.get('VOILA_APP_IP', '127.0.0.1')}:"
        f"{env.get('VOILA_APP_PORT', '8866')}{base}voila/query/{env.get('VOILA_KERNEL_ID')}"
    )
    try:
        with connect(url, open_timeout=5, proxy=None, compression=None) as socket:
            info = json.loads(socket.recv())
    except (OSError, TimeoutError, ValueError, WebSocketException) as exc:
        logging.getLogger(__name__).warning("no request details from %s: %s", url, exc)
        return
    env.update({str(key): str(value) for key, value in info.items()})


def read_visit() -> Visit:
    """Wait (in a pre-heated Voila kernel) until a visitor arrives, then read the request."""
    wait_for_request()
    return Visit(os.environ.get("QUERY_STRING", ""), dict(os.environ))
