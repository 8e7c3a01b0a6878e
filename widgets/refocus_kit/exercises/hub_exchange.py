"""nbgrader in a JupyterHub user's own server: the kit's shared exchange, with each member of
staff known by their hub name.

nbgrader names a submission after the OS user (`nbgrader.utils.get_username`), or after
`CourseDirectory.student_id` when that is set. On a hub neither is the person: The Littlest
JupyterHub runs each user as `jupyter-<name>`, Zero to JupyterHub runs everyone as `jovyan`, and
a local spawner runs everyone as the hub's own account. The exchange classes here take the name
from the server itself, `JUPYTERHUB_USER`, which the hub sets for the server it starts, whatever
the configuration says: submitting, listing one's submissions and fetching feedback all use it.

On a hub that runs a course per team (REFOCUS_COURSES in the hub's settings), the hub also tells
each user's server which courses are theirs: REFOCUS_COURSES in the server's environment, made
from the user's hub groups as the server starts (deploy/jupyterhub/refocus_config.py).
`HubCourses`, nbgrader's own hook for who may reach which course, holds them to those: their
assignment list shows those courses' exercises only, and fetching or submitting any other's is
refused.

The deployment loads them in every user's server (deploy/jupyterhub/jupyter/nbgrader_config.py
calls `configure_hub_user`); the facilitators' own steps (release, collect, autograde, feedback)
run in the course's grader service with nbgrader's own classes (refocus_kit.exercises.course).
"""

from __future__ import annotations

import os
from typing import Any

from nbgrader.auth import BaseAuthPlugin
from nbgrader.exchange import ExchangeError
from nbgrader.exchange.default import ExchangeFetchFeedback, ExchangeList, ExchangeSubmit

from refocus_kit.config import settings
from refocus_kit.exercises.course import COURSE_ID

__all__ = [
    "COURSES_ENV",
    "EXCHANGE_ENV",
    "HubCourses",
    "HubFetchFeedback",
    "HubList",
    "HubSubmit",
    "NotAHubUser",
    "configure_hub_user",
    "hub_courses",
    "hub_name",
]

EXCHANGE_ENV = "REFOCUS_EXCHANGE_DIR"
COURSES_ENV = "REFOCUS_COURSES"
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


def hub_courses() -> list[str] | None:
    """The courses the hub gave this user's server (REFOCUS_COURSES, comma-separated; none at
    all when it is empty), or None when the hub runs one course for everyone."""
    given = os.environ.get(COURSES_ENV)
    if given is None:
        return None
    return [course for course in (part.strip() for part in given.split(",")) if course]


class HubCourses(BaseAuthPlugin):
    """nbgrader's hook for who may reach which course: the courses the hub gave this server,
    whoever nbgrader asks about (a server holds one person's work only)."""

    def get_student_courses(self, student_id: str) -> list[str] | None:
        return hub_courses()

    def add_student_to_course(self, student_id: str, course_id: str) -> None:
        """Courses are given by the hub's groups, not by nbgrader."""

    def remove_student_from_course(self, student_id: str, course_id: str) -> None:
        """Courses are given by the hub's groups, not by nbgrader."""


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
    """nbgrader's settings in a hub user's server: the course (or courses), the shared
    exchange (from REFOCUS_EXCHANGE_DIR, which the deployment sets), and the classes above.
    With several courses an exercise is fetched into a folder of its course's name, since
    every course hands out the same exercises."""
    root = settings().exchange_dir
    if root is None:  # an error nbgrader's pages report, never an exit of the user's server
        raise ValueError(
            f"{EXCHANGE_ENV} is not set: the hub's deployment names the shared exchange "
            "(deploy/jupyterhub/refocus_config.py)"
        )
    courses = hub_courses()
    if courses is None:
        c.CourseDirectory.course_id = COURSE_ID
    else:  # nbgrader lists every course it may when no course is named
        c.CourseDirectory.course_id = courses[0] if len(courses) == 1 else ""
        c.Exchange.path_includes_course = len(courses) > 1
        c.Authenticator.plugin_class = f"{__name__}.HubCourses"
    c.Exchange.root = str(root)
    here = __name__
    c.ExchangeFactory.submit = f"{here}.HubSubmit"
    c.ExchangeFactory.list = f"{here}.HubList"
    c.ExchangeFactory.fetch_feedback = f"{here}.HubFetchFeedback"
