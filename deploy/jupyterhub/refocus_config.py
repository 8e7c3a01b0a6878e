"""The REFOCUS kit on JupyterHub: its services, the facilitators' group and their roles, and
nbgrader in every user's own server.

One fragment for every way of running the hub. A plain hub loads it from its own
jupyterhub_config.py (`load_subconfig("/path/to/refocus_config.py")`); The Littlest JupyterHub
reads it from /opt/tljh/config/jupyterhub_config.d/ (deploy/tljh/); Zero to JupyterHub mounts it
into /usr/local/etc/jupyterhub/jupyterhub_config.d/ (deploy/z2jh/values.yaml). The kit's hub
test (tests/hub/) runs this same file. It adds to what the hub has already set (services, roles,
groups), and replaces nothing but the `user` role's scopes.

- refocus-forms: the participant forms (`python -m refocus_kit.participant.app`), started by
  the hub on the loopback address and reached at /services/refocus-forms/. Every logged-in user
  may open it (the `user` role below); a form records their hub name as its respondent.
- refocus-review: the facilitators' progress review (`refocus review serve`), at
  /services/refocus-review/. Only the `refocus-facilitators` group may open it (the
  `refocus-facilitator` role); the hub refuses anyone else. Each facilitator sees the teams
  whose hub groups they belong to (a team's group has the property `refocus_team`, the team's
  name in the store); a hub admin sees every team. The service lists and reads the groups
  (`list:groups`, `read:groups`).
- refocus-grader: the staff exercises' nbgrader course (`refocus exercises grader`):
  JupyterLab on the course with formgrader, and a terminal for `refocus exercises ...`, at
  /services/refocus-grader/. Only the facilitators' group may open it. It runs as
  REFOCUS_GRADER_USER (never as root), or at REFOCUS_GRADER_URL when it runs elsewhere.
- Or, with REFOCUS_COURSES, a course per team (or group of teams), side by side: for each
  course ID a grader refocus-grader-ID, which only the hub group refocus-graders-ID may open
  (the role refocus-grader-ID; the hub makes the group, the admin puts the course's graders
  in it). A team's hub group names its staff's course with the property `refocus_course`: each
  user's server is given the courses of its user's groups, and nbgrader in it shows and takes
  those courses' exercises only (refocus_kit.exercises.hub_exchange).
- Every user's own server gets nbgrader's assignment list on the shared exchange, staff known
  by their hub names, and formgrader and the instructors' extensions turned off (the Jupyter
  settings folder deploy/jupyterhub/jupyter/, named by JUPYTER_CONFIG_PATH).

Read from the hub's environment as it starts:

  REFOCUS_DATABASE_URL   the kit's PostgreSQL store, shared by the services (required)
  REFOCUS_GRADER_DATABASE_URL   the grader's own database role, limited to nbgrader's schema
                         (default: REFOCUS_DATABASE_URL, which reaches every team's answers);
                         with several courses, REFOCUS_GRADER_DATABASE_URL_<ID> gives course
                         ID (in capitals, - as _) a role limited to its own gradebook
  REFOCUS_FACILITATORS   hub user names put in the facilitators' group, comma-separated
                         (more can be added later on the hub's admin page, or its API)
  REFOCUS_PYTHON         the Python that has the kit installed (default: the hub's own)
  REFOCUS_DATA_DIR       the services' data folder (default: the kit's default folder); the
                         exercises' course is its exercises/ folder, each other course its
                         courses/ID/ folder
  REFOCUS_COURSES        the exercises' courses, comma-separated ids (lower-case letters,
                         digits, hyphens); unset, one course (refocus) for the whole hub
  REFOCUS_EXCHANGE_DIR   nbgrader's exchange, shared by the grader and every user's server,
                         read by the review (default /srv/nbgrader/exchange; the admin makes
                         it, chmod 1777)
  REFOCUS_USERS_JUPYTER_CONFIG  where users' servers find deploy/jupyterhub/jupyter/
                         (default /etc/refocus/jupyter)
  REFOCUS_GRADER_USER    the system account the grader runs as (required when the hub runs
                         as root, as on The Littlest JupyterHub); `{course}` in it stands for
                         the course's id, so that each course's grader has an account of its
                         own (refocus-grader-{course}), and its folder is its own
  REFOCUS_GRADER_URL, REFOCUS_GRADER_API_TOKEN   a grader the hub does not start (Zero to
                         JupyterHub runs it in a pod of its own: deploy/z2jh/grader.yaml)
  REFOCUS_FORMS_PORT, REFOCUS_REVIEW_PORT, REFOCUS_GRADER_PORT   their ports (default 8866,
                         8867 and 8868; with REFOCUS_COURSES, the graders' ports count up
                         from REFOCUS_GRADER_PORT, in the courses' order)
  REFOCUS_SERVICES_IP    the address they bind (default 127.0.0.1, the hub's machine only)
  REFOCUS_SERVICES_HOST  the host the hub's proxy reaches them at (default 127.0.0.1; on
                         Kubernetes the proxy runs in a pod of its own: see deploy/z2jh/)
  REFOCUS_GRADER_ALLOW_ROOT=1   let the grader run as root: only for a throwaway hub such as
                         the kit's own test, never for people
"""

import os
import re
import sys
from pathlib import Path

FORMS, REVIEW, GRADER = "refocus-forms", "refocus-review", "refocus-grader"
FACILITATORS = "refocus-facilitators"
GRADERS = "refocus-graders"  # with several courses, each course's graders: refocus-graders-<id>
_COURSE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")  # as refocus_kit.exercises.course takes it

_python = os.environ.get("REFOCUS_PYTHON") or sys.executable
_database = os.environ.get("REFOCUS_DATABASE_URL")
if not _database:
    raise SystemExit(
        "REFOCUS_DATABASE_URL is not set: the kit's services on a hub share one PostgreSQL "
        "store, for example postgresql+psycopg://refocus:PASSWORD@db.example.invalid/refocus"
    )
_exchange = os.environ.get("REFOCUS_EXCHANGE_DIR") or "/srv/nbgrader/exchange"
# A hub-managed service gets only the environment named here (and PATH, LANG, ...).
_env = {"REFOCUS_DATABASE_URL": _database}
_env |= {k: os.environ[k] for k in ("REFOCUS_DATA_DIR", "HOME") if os.environ.get(k)}
_forms_port = int(os.environ.get("REFOCUS_FORMS_PORT", "8866"))
_review_port = int(os.environ.get("REFOCUS_REVIEW_PORT", "8867"))
_grader_port = int(os.environ.get("REFOCUS_GRADER_PORT", "8868"))
_bind = os.environ.get("REFOCUS_SERVICES_IP", "127.0.0.1")
_host = os.environ.get("REFOCUS_SERVICES_HOST", "127.0.0.1")
_bin = Path(_python).parent

c.JupyterHub.services.extend(
    [
        {
            "name": FORMS,
            "display": True,
            "info": {"description": "REFOCUS forms: reflection sessions and manager groups"},
            "url": f"http://{_host}:{_forms_port}",
            "command": [
                _python,
                "-m",
                "refocus_kit.participant.app",
                f"--Voila.ip={_bind}",
                f"--port={_forms_port}",
                "--Voila.port_retries=0",
            ],
            "environment": _env,
            "oauth_no_confirm": True,
        },
        {
            "name": REVIEW,
            "display": True,
            "info": {"description": "REFOCUS progress review (facilitators)"},
            "url": f"http://{_host}:{_review_port}",
            "command": [
                str(_bin / "refocus"),
                "review",
                "serve",
                f"--ip={_bind}",
                f"--port={_review_port}",
            ],
            # The review reads the exercises' course, and what the exchange holds of it.
            "environment": _env | {"REFOCUS_EXCHANGE_DIR": _exchange},
            "oauth_no_confirm": True,
        },
    ]
)


def _courses() -> list[str]:
    """REFOCUS_COURSES: the exercises' courses, a grader for each (none named: one course,
    `refocus`, with the grader refocus-grader for the facilitators' group)."""
    named = [part.strip() for part in os.environ.get("REFOCUS_COURSES", "").split(",")]
    courses = [course for course in named if course]
    unfit = [course for course in courses if not _COURSE_ID.fullmatch(course)]
    if unfit or len(set(courses)) != len(courses):
        raise SystemExit(
            f"REFOCUS_COURSES={os.environ['REFOCUS_COURSES']!r}: name each course once, in "
            "lower-case letters, digits and hyphens, separated by commas (north,south-east)"
        )
    if courses and os.environ.get("REFOCUS_GRADER_URL"):
        raise SystemExit(
            "REFOCUS_COURSES and REFOCUS_GRADER_URL are both set: a grader elsewhere serves "
            "one course; with several, the hub starts each course's grader itself"
        )
    return courses


def _grader_database(course: str) -> str:
    """The course's grader's database role: its own (REFOCUS_GRADER_DATABASE_URL_<COURSE>, the
    id in capitals, - as _), else the graders' shared one, else the store's."""
    own = "REFOCUS_GRADER_DATABASE_URL_" + course.upper().replace("-", "_")
    for name in (own, "REFOCUS_GRADER_DATABASE_URL"):
        if os.environ.get(name):
            return os.environ[name]
    return _database


def _grader(name: str, course: str, port: int) -> dict:
    """One course's grader as a service: started here as its own account, or elsewhere."""
    service = {
        "name": name,
        "display": True,
        "info": {"description": f"REFOCUS exercises: formgrader and the course {course}"},
        "oauth_no_confirm": True,
    }
    elsewhere = os.environ.get("REFOCUS_GRADER_URL")
    if elsewhere:
        token = os.environ.get("REFOCUS_GRADER_API_TOKEN")
        if not token:
            raise SystemExit("REFOCUS_GRADER_URL is set: set REFOCUS_GRADER_API_TOKEN too")
        return service | {"url": elsewhere, "api_token": token}
    account = os.environ.get("REFOCUS_GRADER_USER", "").replace("{course}", course)
    as_root = os.environ.get("REFOCUS_GRADER_ALLOW_ROOT") == "1"
    if os.geteuid() == 0 and not account and not as_root:
        raise SystemExit(
            "the hub runs as root: set REFOCUS_GRADER_USER, the system account the exercises' "
            "grader runs as (deploy/tljh/install.sh makes one), so that it never runs as root"
        )
    environment = {
        "REFOCUS_DATABASE_URL": _grader_database(course),
        "REFOCUS_EXCHANGE_DIR": _exchange,
        "REFOCUS_COURSE": course,
        "PATH": os.pathsep.join([str(_bin), os.environ.get("PATH", "/usr/bin:/bin")]),
        "JUPYTERHUB_DEFAULT_URL": "/lab",
    }
    environment |= {k: v for k, v in _env.items() if k == "REFOCUS_DATA_DIR"}
    if not account and "HOME" in _env:
        environment["HOME"] = _env["HOME"]
    return service | {
        "url": f"http://{_host}:{port}",
        "command": [
            str(_bin / "refocus"),
            "exercises",
            "grader",
            f"--ip={_bind}",
            f"--port={port}",
            *(["--allow-root"] if as_root and not account else []),
        ],
        "environment": environment,
        **({"user": account} if account else {}),
    }


def _user_courses(spawner) -> str:
    """The courses of a user's server: those their hub groups name (`refocus_course`), read
    by the hub each time the server starts."""
    named = {group.properties.get("refocus_course") for group in spawner.user.groups}
    return ",".join(course for course in COURSES if course in named)


COURSES = _courses()
if COURSES:
    c.JupyterHub.services.extend(
        _grader(f"{GRADER}-{course}", course, _grader_port + n) for n, course in enumerate(COURSES)
    )
    c.Spawner.environment.update({"REFOCUS_COURSES": _user_courses})
    c.JupyterHub.load_roles.extend(
        {
            "name": f"{GRADER}-{course}",
            "description": f"REFOCUS: the grader of the exercises' course {course}",
            "groups": [f"{GRADERS}-{course}"],
            "scopes": [f"access:services!service={GRADER}-{course}"],
        }
        for course in COURSES
    )
else:
    c.JupyterHub.services.append(_grader(GRADER, "refocus", _grader_port))

# Every user's own server: nbgrader on the shared exchange, as their hub selves, without
# formgrader or the instructors' extensions (the settings in deploy/jupyterhub/jupyter/).
c.Spawner.environment.update(
    {
        "JUPYTER_CONFIG_PATH": os.environ.get("REFOCUS_USERS_JUPYTER_CONFIG")
        or "/etc/refocus/jupyter",
        "REFOCUS_EXCHANGE_DIR": _exchange,
    }
)

_facilitators = [n.strip() for n in os.environ.get("REFOCUS_FACILITATORS", "").split(",")]
c.JupyterHub.load_groups.update({FACILITATORS: {"users": [n for n in _facilitators if n]}})

c.JupyterHub.load_roles.extend(
    [
        {
            # JupyterHub's default `user` role (`self`), with the participant forms added.
            "name": "user",
            "scopes": ["self", f"access:services!service={FORMS}"],
        },
        {
            "name": "refocus-facilitator",
            "description": "REFOCUS facilitators: the progress review, the exercises' grader, "
            "the forms",
            "groups": [FACILITATORS],
            "scopes": [
                f"access:services!service={REVIEW}",
                *([] if COURSES else [f"access:services!service={GRADER}"]),
                f"access:services!service={FORMS}",
                f"read:groups!group={FACILITATORS}",
            ],
        },
        {
            # The review reads which teams' groups a facilitator belongs to, and their names.
            "name": "refocus-review-service",
            "description": "The REFOCUS progress review: reads the hub's groups (teams)",
            "services": [REVIEW],
            "scopes": ["list:groups", "read:groups"],
        },
    ]
)
