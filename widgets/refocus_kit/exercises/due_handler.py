"""The kit's Jupyter server extension: each exercise's due date for nbgrader's Assignment List.

nbgrader's Assignment List (its JupyterLab extension) shows no due dates. The kit's own
JupyterLab extension, refocus-due-dates (exercises/lab/due-dates/), asks this endpoint for them
and adds each to its assignment's row. The dates are those the facilitator's `refocus exercises`
left in the exchange (due_dates.py); this server finds the exchange as nbgrader's Assignment
List does, from the nbgrader settings of the folder the server runs in, so it works wherever
nbgrader's list does: on one machine, or on a JupyterHub with a shared exchange where staff
cannot read the facilitator's data folder.

GET <base_url>/refocus-kit/due-dates, behind the server's own login, takes no argument and
answers ``{"assignments": [{course_id, assignment_id, due, label}, ...]}``; it answers an empty
list, never an error, when nbgrader's settings or the exchange cannot be read, so the list is
never broken by it. Enabled in every Jupyter server of the environment the kit is installed in
(exercises/lab/refocus-due-dates.json, installed into etc/jupyter/jupyter_server_config.d).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from refocus_kit.exercises.due_dates import DueDate, courses_in, read_due_dates

__all__ = ["ROUTE", "due_dates"]

ROUTE = "refocus-kit/due-dates"


def due_dates(root_dir: str | Path) -> list[DueDate]:
    """The due dates of every course nbgrader's settings in `root_dir` let its user see."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory
    from nbgrader.exchange.default import ExchangeList
    from nbgrader.server_extensions.assignment_list.handlers import AssignmentList

    manager = AssignmentList()
    manager.root_dir = str(root_dir)
    before = os.getcwd()
    try:  # nbgrader's own way to its settings; it changes the working folder as it goes
        with manager.get_assignment_dir_config() as config:
            coursedir = CourseDirectory(config=config)
            authenticator = Authenticator(config=config)
            lister = ExchangeFactory(config=config).List(
                coursedir=coursedir, authenticator=authenticator, config=config
            )
    finally:
        os.chdir(before)
    if not isinstance(lister, ExchangeList):  # an exchange elsewhere than in folders
        return []
    exchange = Path(lister.root)
    courses = [coursedir.course_id] if coursedir.course_id else courses_in(exchange)
    if coursedir.student_id:
        allowed = authenticator.get_student_courses(coursedir.student_id)
        if allowed is not None:
            courses = [c for c in courses if c in allowed]
    return [due for course_id in courses for due in read_due_dates(exchange, course_id)]


def _handler(root_dir: str):
    import tornado.web
    from jupyter_server.base.handlers import APIHandler

    class DueDatesHandler(APIHandler):
        @tornado.web.authenticated
        def get(self) -> None:
            try:
                found = due_dates(root_dir)
            except Exception as exc:  # the list must not break: no dates, and a note in the log
                self.log.warning("refocus-kit: no due dates for the Assignment List: %r", exc)
                found = []
            self.finish(json.dumps({"assignments": [due.as_json() for due in found]}))

    return DueDatesHandler


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "refocus_kit.exercises.due_handler"}]


def _load_jupyter_server_extension(serverapp) -> None:
    from jupyter_server.utils import url_path_join

    web_app = serverapp.web_app
    route = url_path_join(web_app.settings["base_url"], ROUTE)
    web_app.add_handlers(".*$", [(route, _handler(serverapp.root_dir))])
    serverapp.log.info("refocus-kit: exercises' due dates for the Assignment List at %s", route)
