"""The exercises' nbgrader courses, in the kit's data folder, each created on first use.

One course, ``refocus``, serves a team on one computer; on JupyterHub each team (or group of
teams) may have a course of its own, side by side, each with its own grader and gradebook
(REFOCUS_COURSE or ``refocus exercises --course ID`` names the one a command works on).
``<data folder>/exercises/`` is the ``refocus`` course's root, ``<data folder>/courses/<id>/``
each other's (never one inside another: a course's grader serves its root whole). A root holds
``course.json`` (the course id, the team whose staff are its roster, the programme's start date
that due dates count from, and any due date a facilitator moved), nbgrader's working folders
(``source/``, ``release/``, ``submitted/``, ``autograded/``, ``feedback/``), the exchange
(``exchange/``, or the folder ``REFOCUS_EXCHANGE_DIR`` names: on JupyterHub, one every user's
server shares, each course in a folder of its own there, as nbgrader keeps them), the gradebook
(``gradebook.db``, SQLite; or the store's PostgreSQL database, in a schema of the course's own,
``nbgrader`` for ``refocus`` and ``nbgrader_<id>`` for each other, when ``REFOCUS_DATABASE_URL``
names PostgreSQL) and an ``nbgrader_config.py`` written from the same settings, so that
formgrader run from the course root sees what the commands see. Staff are the gradebook's
students: on one machine each known only by a pseudonymous id (``p-`` and 12 hex digits, like
the store's respondents), on a hub by their hub name (``roster --name``;
refocus_kit.exercises.hub_exchange).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from refocus_kit.config import settings
from refocus_kit.exercises.answers import ANSWERS_FILE
from refocus_kit.exercises.catalogue import Exercise, due_date, exercise, exercises
from refocus_kit.forms.safety import contains_nhs_number

__all__ = [
    "COURSE_ID",
    "Course",
    "CourseError",
    "check_course_id",
    "check_staff_name",
    "course_ids",
    "course_root",
    "formgrader_spec",
    "gradebook_schema",
    "new_staff_id",
    "open_course",
    "sources_folder",
]

COURSE_ID = "refocus"  # the course of one computer, and of a hub that runs one course
# A course id names folders, a database schema and a hub service: plain, and never a "+",
# which nbgrader's exchange splits its file names on.
_COURSE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_OTHER_COURSES = "courses"  # the folder, in the data folder, of every course but `refocus`
_SETTINGS = "course.json"  # in a course's root
_STAFF_NAME = re.compile(r"[A-Za-z0-9_@-][A-Za-z0-9._@-]{0,99}")


class CourseError(ValueError):
    """Something about the course or the request is wrong; the message says what to do."""


def check_staff_name(name: str) -> None:
    """A name for a member of staff on the roster: a hub name as the hub writes it (no spaces,
    no markup), which nbgrader can put in the exchange's file names (no "+", "*" or "/")."""
    problem = ""
    if not _STAFF_NAME.fullmatch(name):
        problem = "use the hub name exactly: letters, digits and . _ - @ only"
    elif contains_nhs_number(name):
        problem = "it holds what looks like an NHS number"
    if problem:
        raise CourseError(f"{name!r} cannot be a member of staff's name on the roster: {problem}")


def check_course_id(course_id: str) -> str:
    """A course id as the kit takes it: lower-case letters, digits and hyphens, at most 40."""
    if not _COURSE_ID.fullmatch(course_id):
        raise CourseError(
            f"{course_id!r} cannot be a course id: use lower-case letters, digits and hyphens "
            "(at most 40, starting with a letter or digit), for example north-teams"
        )
    return course_id


def course_root(course_id: str) -> Path:
    """Where a course lives in the kit's data folder."""
    data = settings().data_dir
    return data / "exercises" if course_id == COURSE_ID else data / _OTHER_COURSES / course_id


def course_ids() -> list[str]:
    """The courses set up in the data folder (each with its course.json), `refocus` first."""
    found = [COURSE_ID] if (course_root(COURSE_ID) / _SETTINGS).is_file() else []
    others = (settings().data_dir / _OTHER_COURSES).glob(f"*/{_SETTINGS}")
    return found + sorted(p.parent.name for p in others if _COURSE_ID.fullmatch(p.parent.name))


def gradebook_schema(course_id: str) -> str:
    """The course's gradebook schema in a PostgreSQL store."""
    return "nbgrader" if course_id == COURSE_ID else "nbgrader_" + course_id.replace("-", "_")


def new_staff_id() -> str:
    """A pseudonymous staff id, like the store's respondents' (never an NHS number)."""
    while True:
        sid = "p-" + secrets.token_hex(6)
        if not contains_nhs_number(sid):
            return sid


def sources_folder() -> Path:
    """The committed source assignments: REFOCUS_EXERCISES_SOURCE, or the kit's exercises/source
    beside the package (the kit is installed from its checkout)."""
    override = os.environ.get("REFOCUS_EXERCISES_SOURCE")
    if override:
        return Path(override).expanduser().resolve()
    return Path(__file__).resolve().parents[3] / "exercises" / "source"


def _store_is_postgresql() -> bool:
    return settings().database_url.startswith("postgresql")


def _gradebook_url(root: Path, course_id: str) -> str:
    """The store's PostgreSQL database, in a schema of the course's own; else a SQLite file
    in the course."""
    url = settings().database_url
    if not _store_is_postgresql():
        return f"sqlite:///{root / 'gradebook.db'}"
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{gradebook_schema(course_id)}"


def _create_schema(schema: str) -> None:
    """nbgrader's schema, made when missing. A database role that may use the schema but not
    create one (a grader's role, limited to its gradebook) finds it there and creates nothing:
    PostgreSQL checks the right to create even for CREATE SCHEMA IF NOT EXISTS."""
    from sqlalchemy import create_engine, text

    engine = create_engine(settings().database_url)
    try:
        with engine.begin() as connection:
            there = connection.execute(
                text("SELECT 1 FROM pg_namespace WHERE nspname = :name"), {"name": schema}
            ).first()
            if there is None:
                connection.execute(text(f"CREATE SCHEMA {schema}"))
    finally:
        engine.dispose()


@dataclass
class Course:
    root: Path
    course_id: str = COURSE_ID
    programme_start: date = field(default_factory=date.today)
    due_overrides: dict[str, str] = field(default_factory=dict)
    team: str = ""  # the team whose staff are the roster, as the store names it
    # A scratch course (parallel autograde) names its own SQLite gradebook.
    gradebook_url: str = ""
    # The exchange when it is not the course's own exchange/ (REFOCUS_EXCHANGE_DIR).
    shared_exchange: Path | None = None

    # -- where things are -------------------------------------------------------------------
    @property
    def exchange(self) -> Path:
        return self.shared_exchange or self.root / "exchange"

    @property
    def db_url(self) -> str:
        return self.gradebook_url or _gradebook_url(self.root, self.course_id)

    @property
    def settings_file(self) -> Path:
        return self.root / _SETTINGS

    # -- due dates ---------------------------------------------------------------------------
    def due(self, item: Exercise | str) -> datetime:
        """When an exercise is due (UTC): a date a facilitator set, else the programme's."""
        item = exercise(item) if isinstance(item, str) else item
        moved = self.due_overrides.get(item.name)
        if moved:
            when = datetime.fromisoformat(moved)
            return when if when.tzinfo else when.replace(tzinfo=UTC)
        return datetime.combine(due_date(item, self.programme_start), time(0, 0), UTC)

    def due_text(self, item: Exercise | str) -> str:
        item = exercise(item) if isinstance(item, str) else item
        when = self.due(item)
        day = f"{when:%A} {when.day} {when:%B %Y}"
        if item.name in self.due_overrides:
            return f"{day}, {when:%H:%M} UTC (date set by the facilitator)"
        return f"{day}, before {item.event_title} (programme month {item.due_month})"

    # -- nbgrader ----------------------------------------------------------------------------
    def config(self, **extra: Any):
        """The traitlets Config every nbgrader call of the kit uses."""
        from traitlets.config import Config

        c = Config()
        c.CourseDirectory.root = str(self.root)
        c.CourseDirectory.course_id = self.course_id
        c.CourseDirectory.db_url = self.db_url
        c.Exchange.root = str(self.exchange)
        # Staff share one machine account here, so a submission's owner is not its author.
        c.ExchangeCollect.check_owner = False
        # The answers a staff member gave in widgets are theirs: never replaced by source's.
        c.Autograde.exclude_overwriting = {e.name: [ANSWERS_FILE] for e in exercises()}
        c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
        # Staff's answers are shown to the grader (formgrader) and in feedback: markup typed into
        # an answer is cleaned, never run (nbgrader shows Markdown answers' HTML as written).
        c.HTMLExporter.sanitize_html = True
        for section, values in extra.items():
            for key, value in values.items():
                c[section][key] = value
        return c

    def api(self, **extra: Any):
        from nbgrader.apps.api import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        config = self.config(**extra)
        return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)

    def gradebook(self):
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, self.course_id)

    def has_gradebook(self) -> bool:
        """Whether the gradebook has been made, asked without making it (nbgrader makes one as
        it opens it; a reader, such as the review on a hub, may not)."""
        from sqlalchemy import create_engine, inspect
        from sqlalchemy.engine import make_url

        url = make_url(self.db_url)
        if url.get_backend_name() == "sqlite":
            return Path(url.database or "").is_file()
        engine = create_engine(url)
        try:
            return inspect(engine).has_table("course")
        finally:
            engine.dispose()

    # -- keeping it ----------------------------------------------------------------------------
    def save(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        data = {
            "course_id": self.course_id,
            "programme_start": self.programme_start.isoformat(),
            "due_overrides": self.due_overrides,
            "team": self.team,
        }
        self.settings_file.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        self._write_nbgrader_config()

    def _write_nbgrader_config(self) -> None:
        lines = [
            '"""Written by the REFOCUS kit from course.json; `refocus exercises` rewrites it."""',
            "c = get_config()  # noqa: F821",
            f"c.CourseDirectory.root = {str(self.root)!r}",
            f"c.CourseDirectory.course_id = {self.course_id!r}",
            f"c.CourseDirectory.db_url = {self.db_url!r}",
            f"c.Exchange.root = {str(self.exchange)!r}",
            "c.ExchangeCollect.check_owner = False",
            "c.HTMLExporter.sanitize_html = True",
            "c.Autograde.exclude_overwriting = "
            + repr({e.name: [ANSWERS_FILE] for e in exercises()}),
        ]
        (self.root / "nbgrader_config.py").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def staff_config(self, staff_id: str) -> str:
        """The nbgrader_config.py a staff member's Jupyter runs with (their folder's)."""
        self.check_staff(staff_id)
        return "\n".join(
            [
                '"""nbgrader settings for one member of staff, written by `refocus exercises',
                'staff-config`: where the course\'s exchange is, and who they are."""',
                "import os",
                "",
                "c = get_config()  # noqa: F821",
                f"c.CourseDirectory.course_id = {self.course_id!r}",
                f"c.CourseDirectory.student_id = {staff_id!r}",
                f"c.Exchange.root = {str(self.exchange)!r}",
                "# nbgrader finds a submission's feedback through its cache; one per member of",
                "# staff, beside this file, so nobody fetches another's (even sharing an account).",
                "c.Exchange.cache = os.path.join(os.path.dirname(__file__), '.nbgrader-cache')",
                "",
            ]
        )

    # -- the roster ----------------------------------------------------------------------------
    def staff(self) -> list[str]:
        with self.gradebook() as gb:
            return sorted(s.id for s in gb.students)

    def add_staff(self, count: int) -> list[str]:
        added = [new_staff_id() for _ in range(count)]
        with self.gradebook() as gb:
            for sid in added:
                gb.add_student(sid)
        return added

    def add_named_staff(self, names: list[str]) -> list[str]:
        """Put staff on the roster by the names they log in with (their hub names), each
        checked first; those already on it are left as they are. Returns the names added."""
        for name in names:
            check_staff_name(name)
        known = set(self.staff())
        added = [n for n in dict.fromkeys(names) if n not in known]
        with self.gradebook() as gb:
            for name in added:
                gb.add_student(name)
        return added

    def check_staff(self, staff_id: str) -> None:
        if staff_id not in self.staff():
            raise CourseError(
                f"{staff_id!r} is not on the course's roster; `refocus exercises roster` lists "
                "it and `refocus exercises roster --add N` adds staff"
            )

    # -- sources -------------------------------------------------------------------------------
    def sync_source(self, name: str) -> Path:
        """Copy the committed source assignment into the course (nbgrader works from there)."""
        exercise(name)
        origin = sources_folder() / name
        if not origin.is_dir():
            raise CourseError(f"no source assignment for {name!r} in {origin.parent}")
        target = self.root / "source" / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(origin, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        return target


def _alembic_on_path() -> None:
    """nbgrader runs the `alembic` command when it creates a gradebook; it sits beside this
    Python, which need not be on PATH (a command started as .venv/bin/refocus)."""
    if shutil.which("alembic") is None:
        here = str(Path(sys.executable).parent)
        os.environ["PATH"] = os.pathsep.join([here, os.environ.get("PATH", "")])


def _make_exchange(course: Course) -> None:
    """The course's own exchange is made here, shared by everyone on the machine, as nbgrader
    expects. A shared one (REFOCUS_EXCHANGE_DIR) is the hub admin's to make, with the same
    permissions: it must be there, and is left as it is."""
    if course.shared_exchange is None:
        course.exchange.mkdir(parents=True, exist_ok=True)
        course.exchange.chmod(0o1777)
    elif not course.exchange.is_dir():
        raise CourseError(
            f"the shared exchange {course.exchange} (REFOCUS_EXCHANGE_DIR) does not exist: the "
            "hub's admin makes it, writable by everyone with the sticky bit (chmod 1777)"
        )


def open_course(
    root: Path | None = None, *, course_id: str | None = None, create: bool = True
) -> Course:
    """A course in the kit's data folder (`course_id`, else REFOCUS_COURSE's, else `refocus`),
    created (folders, settings, gradebook) on first use; with create=False only read, writing
    nothing (for a configuration file that is loaded). A `root` given holds a course whose
    id its settings name (a scratch or benchmark course)."""
    _alembic_on_path()
    course_id = check_course_id(course_id or settings().course)
    root = root or course_root(course_id)
    path = root / _SETTINGS
    course = _read(path) if path.exists() else Course(root=root, course_id=course_id)
    if root == course_root(course_id) and course.course_id != course_id:
        raise CourseError(f"{path} is the course {course.course_id!r}, not {course_id!r}")
    course.shared_exchange = settings().exchange_dir
    if not create:
        return course
    if not root.exists() and course.shared_exchange is not None:
        # On a hub the course (submissions, gradebook, feedback) is its grader's alone.
        root.mkdir(parents=True, mode=0o700)
    (root / "source").mkdir(parents=True, exist_ok=True)
    _make_exchange(course)
    if _store_is_postgresql():
        _create_schema(gradebook_schema(course.course_id))
    course.save()
    return course


def _read(path: Path) -> Course:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Course(
            root=path.parent,
            course_id=check_course_id(data["course_id"]),
            programme_start=date.fromisoformat(data["programme_start"]),
            due_overrides=dict(data.get("due_overrides") or {}),
            team=str(data.get("team") or ""),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise CourseError(f"{path} is damaged ({exc}); fix or remove it") from None


def formgrader_spec(course: Course, port: int, token: str):
    """JupyterLab for grading by hand, rooted at the course (nbgrader's formgrader works only on
    a course inside the server's root), on this computer only, behind a token. It serves the
    course's folders (sources, submissions, feedback, gradebook), not the rest of the data
    folder: the store stays unserved."""
    from dataclasses import replace

    from refocus_kit.server import lab_spec

    spec = lab_spec(course.root, "127.0.0.1", port, token)
    base = spec.url.split("/lab?")[0]
    argv = [*spec.argv, "--LabApp.default_url=/formgrader"]
    return replace(spec, name="formgrader", argv=argv, url=f"{base}/formgrader?token={token}",
                   cwd=course.root)  # fmt: skip
