"""nbgrader in a JupyterHub user's own server: the kit's shared exchange, with each member of
staff known by their hub name.

nbgrader names a submission after the OS user (`nbgrader.utils.get_username`), or after
`CourseDirectory.student_id` when that is set. On a hub neither is the person: The Littlest
JupyterHub runs each user as `jupyter-<name>`, Zero to JupyterHub runs everyone as `jovyan`, and
a local spawner runs everyone as the hub's own account. The exchange classes here take the name
from the server itself, `JUPYTERHUB_USER`, which the hub sets for the server it starts, whatever
the configuration says: submitting, listing one's submissions and fetching feedback all use it.

The deployment loads them in every user's server (deploy/jupyterhub/jupyter/nbgrader_config.py
calls `configure_hub_user`); the facilitators' own steps (release, collect, autograde, feedback)
run in the course's grader service with nbgrader's own classes (refocus_kit.exercises.course).
"""

from __future__ import annotations

import os
from typing import Any

from nbgrader.exchange import ExchangeError
from nbgrader.exchange.default import ExchangeFetchFeedback, ExchangeList, ExchangeSubmit

from refocus_kit.config import settings
from refocus_kit.exercises.course import COURSE_ID

__all__ = [
    "EXCHANGE_ENV",
    "HubFetchFeedback",
    "HubList",
    "HubSubmit",
    "NotAHubUser",
    "configure_hub_user",
    "hub_name",
]

EXCHANGE_ENV = "REFOCUS_EXCHANGE_DIR"
_USER_ENV = "JUPYTERHUB_USER"
_UNFIT = ("+", "*", "/", "\\")  # nbgrader splits the exchange's file names on "+"


class NotAHubUser(ValueError):
    """This server was not started by a hub for a person, or their name cannot be used."""


def hub_name() -> str:
    """The hub user this server belongs to, as the hub named them."""
    name = os.environ.get(_USER_ENV, "").strip()
    if not name:
        raise NotAHubUser(
            f"{_USER_ENV} is not set: the kit's hub exchange works only in a server a "
            "JupyterHub started for one of its users"
        )
    unfit = [c for c in _UNFIT if c in name]
    if unfit or name.startswith("."):
        raise NotAHubUser(
            f"the hub name {name!r} cannot name an nbgrader submission (it holds "
            f"{' '.join(unfit) or 'a leading dot'}); ask the hub's admin for a plain name"
        )
    return name


class _AsHubUser:
    """Before each step, the course directory's student is the server's hub user, whatever a
    configuration file says (nbgrader's own steps then use it as given)."""

    coursedir: Any
    log: Any

    def start(self):
        try:
            self.coursedir.student_id = hub_name()
        except NotAHubUser as exc:
            self.log.fatal(str(exc))
            raise ExchangeError(str(exc)) from None
        return super().start()


class HubSubmit(_AsHubUser, ExchangeSubmit):
    """nbgrader's submit, the submission named after the hub user."""


class HubList(_AsHubUser, ExchangeList):
    """nbgrader's list: the released exercises, and the hub user's own submissions only."""


class HubFetchFeedback(_AsHubUser, ExchangeFetchFeedback):
    """nbgrader's fetch_feedback, for the hub user's own submissions."""


def configure_hub_user(c: Any) -> None:
    """nbgrader's settings in a hub user's server: the course, the shared exchange (from
    REFOCUS_EXCHANGE_DIR, which the deployment sets), and the classes above."""
    root = settings().exchange_dir
    if root is None:  # an error nbgrader's pages report, never an exit of the user's server
        raise ValueError(
            f"{EXCHANGE_ENV} is not set: the hub's deployment names the shared exchange "
            "(deploy/jupyterhub/refocus_config.py)"
        )
    c.CourseDirectory.course_id = COURSE_ID
    c.Exchange.root = str(root)
    here = __name__
    c.ExchangeFactory.submit = f"{here}.HubSubmit"
    c.ExchangeFactory.list = f"{here}.HubList"
    c.ExchangeFactory.fetch_feedback = f"{here}.HubFetchFeedback"
