"""The exercises' course on JupyterHub: JupyterLab on the course, with nbgrader's formgrader and a
terminal for the `refocus exercises` commands, run by the hub as its service `refocus-grader`
(`refocus exercises grader`), which only the facilitators' group may open.

This is how nbgrader's own JupyterHub guide shares one course between several graders: one
server, rooted at the course, reached through the hub by the graders' group. Staff's own
servers reach only the shared exchange (refocus_kit.exercises.hub_exchange), and have
formgrader and the instructors' extensions turned off (deploy/jupyterhub/jupyter/).

It never runs as root: autograding runs each submission's notebook (the kit's own code only,
since collecting removes any other; refocus_kit.exercises.grading), and a terminal is a shell.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from refocus_kit.exercises.course import Course

__all__ = ["AS_ROOT", "NOT_BEHIND_HUB", "grader_argv", "serve_grader"]

NOT_BEHIND_HUB = (
    "refusing to start: the grader has no login of its own and runs only as the JupyterHub "
    "service refocus-grader (see deploy/ and the README's JupyterHub section). On one "
    "computer, use `refocus exercises formgrader`."
)
AS_ROOT = (
    "refusing to start as root: the grader runs submissions' notebooks and offers a shell. "
    "Run it as an account of its own (REFOCUS_GRADER_USER in the hub's settings)."
)
ALLOW_ROOT = "--allow-root"


def grader_argv(course: Course, ip: str, port: int, extra: list[str]) -> list[str]:
    """jupyterhub-singleuser (JupyterLab behind the hub's login) rooted at the course. Its
    terminals start a plain shell, not a login shell, which would set PATH afresh from the
    system's profile: the kit's `refocus` is first on the PATH the hub gives the service."""
    singleuser = Path(sys.executable).with_name("jupyterhub-singleuser")
    shell = shutil.which("bash") or "/bin/sh"
    return [
        str(singleuser),
        f"--ServerApp.ip={ip}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={course.root}",
        "--ServerApp.terminado_settings=" + json.dumps({"shell_command": [shell]}),
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *extra,
    ]


def serve_grader(course: Course, ip: str, port: int, extra: list[str]) -> None:
    """Become the grader's server (only behind a hub, never as root unless told to)."""
    from refocus_kit.hub import behind_hub

    if not behind_hub():
        raise SystemExit(NOT_BEHIND_HUB)
    if os.geteuid() == 0 and ALLOW_ROOT not in extra:
        raise SystemExit(AS_ROOT)
    argv = grader_argv(course, ip, port, extra)
    os.environ["REFOCUS_COURSE"] = course.course_id  # its terminals' `refocus exercises`
    os.chdir(course.root)  # formgrader reads the course's nbgrader_config.py from here
    os.execv(argv[0], argv)  # noqa: S606 - our own argv, no shell to read it
