"""The kit's servers as JupyterHub services: who is visiting, as the hub's OAuth says.

A hub starts each of its services with the service's address and credentials in the
environment (JUPYTERHUB_SERVICE_PREFIX, JUPYTERHUB_API_TOKEN, JUPYTERHUB_CLIENT_ID, ...). A
server started so is *behind the hub*, and every page of it asks the hub who the visitor is:
someone not logged in is sent to the hub's login and brought back; someone whose roles do not
grant access to this service is refused (403); and the name a page records is the hub's, never
a header the browser sent. Outside a hub none of this applies and nothing here is imported.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import tornado.web
from tornado.httpclient import AsyncHTTPClient
from tornado.httputil import url_concat

if TYPE_CHECKING:
    from jupyterhub.services.auth import HubOAuth

__all__ = [
    "HubVisitor",
    "behind_hub",
    "callback_route",
    "hub_groups",
    "hub_user",
    "hub_visitor",
    "service_prefix",
    "take_hub_credentials",
]

_PREFIX = "JUPYTERHUB_SERVICE_PREFIX"
_TOKEN = "JUPYTERHUB_API_TOKEN"  # noqa: S105 - the variable's name, not a token
_taken: list[bool] = []  # the credentials were read (and the token taken from the environment)


def behind_hub() -> bool:
    """True in a server the hub started as a service."""
    return bool(os.environ.get(_PREFIX) and (_taken or os.environ.get(_TOKEN)))


def service_prefix() -> str:
    """The path the hub's proxy sends to this service, such as `/services/refocus-forms/`."""
    prefix = os.environ.get(_PREFIX) or "/"
    return prefix if prefix.endswith("/") else prefix + "/"


@functools.cache
def _auth() -> HubOAuth:
    from jupyterhub.services.auth import HubOAuth

    return HubOAuth.instance()


def take_hub_credentials() -> None:
    """Read the hub's credentials once, then take the API token out of the environment, so
    that the kernels a server starts (which inherit it) never hold it."""
    if not _auth().api_token:  # read now: traitlets reads a default when it is first used
        raise SystemExit("the hub gave this service no API token")
    _taken.append(True)
    os.environ.pop(_TOKEN, None)


def callback_route() -> tuple[str, type]:
    """The route where the hub sends a visitor back after logging them in."""
    from jupyterhub.services.auth import HubOAuthCallbackHandler

    return urlparse(_auth().oauth_redirect_uri).path, HubOAuthCallbackHandler


@dataclass(frozen=True)
class HubVisitor:
    """A person the hub let in: their hub name, and whether they are one of its admins."""

    name: str
    admin: bool = False


async def hub_visitor(handler: tornado.web.RequestHandler) -> HubVisitor | None:
    """The hub user for this request; or None once the visitor, not logged in, has been sent
    to the hub's login. A visitor whose roles do not grant access to this service, or a
    service's token rather than a person, is refused with a 403."""
    auth = _auth()
    model: dict[str, Any] | None = await auth.get_user(handler, sync=False)
    if model is None:
        handler.redirect(_login_url(handler, auth))
        return None
    if model.get("kind", "user") != "user":
        raise tornado.web.HTTPError(403, "only people log in here")
    if auth.access_scopes and not auth.check_scopes(auth.access_scopes, model):
        raise tornado.web.HTTPError(403, "%s may not use this service", model.get("name"))
    return HubVisitor(str(model["name"]), model.get("admin") is True)


async def hub_user(handler: tornado.web.RequestHandler) -> str | None:
    """The hub user's name for this request (see hub_visitor)."""
    visitor = await hub_visitor(handler)
    return None if visitor is None else visitor.name


_PAGED = "application/jupyterhub-pagination+json"


async def hub_groups() -> list[dict[str, Any]]:
    """Every group on the hub, as its API gives them (name, users, properties), asked afresh
    with this service's own token (a role granting it `list:groups` and `read:groups`), page
    by page."""
    auth = _auth()
    headers = {"Authorization": f"token {auth.api_token}", "Accept": _PAGED}
    groups: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        url = url_concat(f"{auth.api_url}/groups", {"offset": str(offset)})
        answer = await AsyncHTTPClient().fetch(url, headers=headers)
        page = json.loads(answer.body)
        groups += page["items"]
        following = (page.get("_pagination") or {}).get("next")
        offset = following["offset"] if following else None
    return groups


def _login_url(handler: tornado.web.RequestHandler, auth: HubOAuth) -> str:
    """The hub's OAuth login, with a state cookie that brings the visitor back here."""
    params: dict[str, str] = {}
    verifier = None
    if auth.pkce_enabled:
        verifier, challenge, method = auth.generate_pkce_code_challenge()
        params |= {"code_challenge": challenge, "code_challenge_method": method}
    params["state"] = auth.set_state_cookie(
        handler, next_url=handler.request.uri, code_verifier=verifier
    )
    return url_concat(auth.login_url, params)
