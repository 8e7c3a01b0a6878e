"""`refocus exercises`: the staff exercises' nbgrader course, from set-up to the tidy export.

Each course lives in the kit's data folder and is created on first use (see
refocus_kit.exercises.course); `--course ID` (or REFOCUS_COURSE) names the one a command works
on, `refocus` when none is named. Every command that works through the team shows a progress bar
on the terminal's error stream; what it prints on standard output is its result.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import click

__all__ = ["exercises"]


def _course():
    from refocus_kit.exercises.course import CourseError, open_course

    try:
        return open_course()
    except CourseError as exc:
        raise click.ClickException(str(exc)) from None


def _team_name(team: str) -> str:
    """A team name checked as every team name in the kit is (no markup, no identifier)."""
    from refocus_kit.store.store import check_label

    errors = check_label("team", team)
    if errors:
        raise click.BadParameter(f"the team name {errors[0].message}", param_hint="--team")
    return team.strip()


@contextlib.contextmanager
def _failing_plainly() -> Iterator[None]:
    from refocus_kit.exercises.course import CourseError

    try:
        yield
    except (CourseError, KeyError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) else str(exc)
        raise click.ClickException(str(message)) from None


@contextlib.contextmanager
def _bar(label: str, length: int):
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield lambda _sid: bar.update(1)


def _name_choice() -> click.Choice:
    from refocus_kit.exercises.catalogue import exercises as catalogue

    return click.Choice([e.name for e in catalogue()])


class _Names(click.ParamType):
    """An exercise name, checked against the catalogue only when used (keeps --help quick)."""

    name = "NAME"

    def convert(self, value, param, ctx):
        return _name_choice().convert(value, param, ctx)


NAME = _Names()


def _choose_course(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """The course named for this command, and for what it starts (a grader's terminals)."""
    if value is None:
        return
    from refocus_kit.exercises.course import CourseError, check_course_id

    try:
        os.environ["REFOCUS_COURSE"] = check_course_id(value)
    except CourseError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


@click.group()
@click.option(
    "--course",
    metavar="ID",
    expose_value=False,
    callback=_choose_course,
    help="The course to work on (default: REFOCUS_COURSE, else refocus). On JupyterHub each "
    "team may have a course of its own.",
)
def exercises() -> None:
    """The self-directed staff exercises, handed out and collected with nbgrader."""


@exercises.command("courses")
def courses() -> None:
    """List the courses set up in the data folder: id, team, programme start, staff."""
    from refocus_kit.exercises.course import course_ids, open_course

    found = course_ids()
    if not found:
        click.echo("no course yet: `refocus exercises setup` makes one")
    with _failing_plainly():
        for course_id in found:
            course = open_course(course_id=course_id, create=False)
            staff = len(course.staff()) if course.has_gradebook() else 0
            team = course.team or "(no team named)"
            click.echo(f"{course_id}\t{team}\t{course.programme_start:%Y-%m-%d}\t{staff} staff")


@exercises.command("setup")
@click.option("--team", help="The team whose staff the course serves (as the store names it).")
@click.option(
    "--programme-start",
    type=click.DateTime(["%Y-%m-%d"]),
    help="The programme's first day (month 1); due dates count from it.",
)
@click.option(
    "--due",
    "moves",
    multiple=True,
    metavar="NAME=WHEN",
    help="Move one exercise's due date (ISO date or date and time, UTC); repeatable.",
)
def setup(team: str | None, programme_start: datetime | None, moves: tuple[str, ...]) -> None:
    """Create the course (or change its dates) and print where it is and when each is due."""
    from refocus_kit.exercises.catalogue import exercise
    from refocus_kit.exercises.catalogue import exercises as catalogue

    course = _course()
    if team is not None:
        course.team = _team_name(team)
    if programme_start:
        course.programme_start = programme_start.date()
    for move in moves:
        name, _, when = move.partition("=")
        with _failing_plainly():
            exercise(name)
        try:
            datetime.fromisoformat(when)
        except ValueError:
            raise click.BadParameter(
                f"{when!r} is not an ISO date or time", param_hint="--due"
            ) from None
        course.due_overrides[name] = when
    course.save()
    from refocus_kit.exercises.grading import apply_due_dates

    apply_due_dates(course)
    click.echo(f"course {course.course_id} in {course.root}")
    click.echo(f"team {course.team or '(none yet: --team T names it for the progress review)'}")
    click.echo(f"exchange {course.exchange}")
    click.echo(f"programme start {course.programme_start:%Y-%m-%d}")
    for item in catalogue():
        click.echo(f"  {item.name:<24} due {course.due_text(item)}")


@exercises.command("roster")
@click.option("--add", "count", type=click.IntRange(1, 500), help="Add this many staff.")
@click.option(
    "--name",
    "names",
    multiple=True,
    metavar="HUB_NAME",
    help="Add a member of staff by the name they log in to JupyterHub with; repeatable.",
)
def roster(count: int | None, names: tuple[str, ...]) -> None:
    """List the staff, or add new ones: pseudonymous ids (give each person theirs), or on
    JupyterHub their hub names. Prints those added."""
    course = _course()
    if count:
        for sid in course.add_staff(count):
            click.echo(sid)
    if names:
        with _failing_plainly():
            for name in course.add_named_staff(list(names)):
                click.echo(name)
    if count or names:
        return
    for sid in course.staff():
        click.echo(sid)


@exercises.command("staff-config")
@click.argument("staff_id")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The staff member's folder: their nbgrader_config.py is written there.",
)
def staff_config(staff_id: str, out: Path) -> None:
    """Write the nbgrader settings a member of staff's JupyterLab needs to fetch and submit."""
    course = _course()
    with _failing_plainly():
        text = course.staff_config(staff_id)
    out.mkdir(parents=True, exist_ok=True)
    (out / "nbgrader_config.py").write_text(text, encoding="utf-8")
    click.echo(str(out / "nbgrader_config.py"))


@exercises.command("formgrader")
@click.option("--port", type=click.IntRange(1, 65535), default=8890, show_default=True)
def formgrader(port: int) -> None:
    """Start JupyterLab's formgrader on the course, on this computer only (Ctrl-C stops it)."""
    import secrets
    import subprocess

    from refocus_kit.exercises.course import formgrader_spec

    spec = formgrader_spec(_course(), port, secrets.token_urlsafe(16))
    click.echo(f"formgrader: {spec.url}")
    with contextlib.suppress(KeyboardInterrupt):
        subprocess.run(spec.argv, cwd=spec.cwd, check=False)


@exercises.command(
    "grader", context_settings={"ignore_unknown_options": True, "allow_extra_args": True}
)
@click.option("--ip", default="127.0.0.1", show_default=True, help="The address to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=8868, show_default=True)
@click.argument("server_args", nargs=-1, type=click.UNPROCESSED)
def grader(ip: str, port: int, server_args: tuple[str, ...]) -> None:
    """The course's JupyterLab, with formgrader, as the JupyterHub service refocus-grader
    (only behind a hub: see deploy/). Further arguments go to the server."""
    from refocus_kit.exercises.grader import serve_grader

    serve_grader(_course(), ip, port, list(server_args))


@exercises.command("release")
@click.argument("name", type=NAME)
def release(name: str) -> None:
    """Generate the staff version of an exercise and hand it out (through the exchange)."""
    from refocus_kit.exercises.grading import release as do_release

    course = _course()
    with _failing_plainly():
        do_release(course, name)
    click.echo(f"released {name}, due {course.due_text(name)}")


@exercises.command("collect")
@click.argument("name", type=NAME)
def collect(name: str) -> None:
    """Collect each member of staff's latest submission of an exercise."""
    from refocus_kit.exercises.grading import collect as do_collect
    from refocus_kit.exercises.grading import inbound

    course = _course()
    with _failing_plainly(), _bar(f"collecting {name}", len(inbound(course, name))) as step:
        staff = do_collect(course, name, step)
    click.echo(f"collected {len(staff)} submission(s) of {name}")


@exercises.command("autograde")
@click.argument("name", type=NAME)
@click.option("--jobs", type=click.IntRange(1, 64), help="Workers (default: one per core).")
def autograde(name: str, jobs: int | None) -> None:
    """Autograde every collected submission of an exercise, in parallel."""
    from refocus_kit.exercises.grading import collected
    from refocus_kit.exercises.parallel import autograde as do_autograde

    course = _course()
    staff = collected(course, name)
    with _failing_plainly(), _bar(f"autograding {name}", len(staff)) as step:
        do_autograde(course, name, staff, jobs, step)
    click.echo(f"autograded {len(staff)} submission(s) of {name}")


@exercises.command("feedback")
@click.argument("name", type=NAME)
def feedback(name: str) -> None:
    """Write feedback for each graded submission and return it to its author."""
    from refocus_kit.exercises.grading import feedback as do_feedback

    course = _course()
    count = len(list((course.root / "autograded").glob(f"*/{name}")))
    with _failing_plainly(), _bar(f"feedback for {name}", count) as step:
        staff = do_feedback(course, name, step)
    click.echo(f"returned feedback to {len(staff)} member(s) of staff for {name}")


@exercises.command("status")
@click.argument("name", type=NAME, required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def status(name: str | None, as_json: bool) -> None:
    """Who has submitted what, what is late, what awaits grading, what feedback is returned."""
    from refocus_kit.exercises.report import as_dict, statuses

    course = _course()
    rows = statuses(course, [name] if name else None)
    if as_json:
        click.echo(json.dumps([as_dict(r) for r in rows], indent=2))
        return
    if not rows:
        click.echo("nothing released yet: `refocus exercises release NAME` hands one out")
        return
    for row in rows:
        late = "  LATE" if row.late else ""
        score = f"  {row.score:g}/{row.max_score:g}" if row.score is not None else ""
        click.echo(f"{row.exercise:<24} {row.staff}  {row.state}{score}{late}")


@exercises.command("export")
@click.argument("name", type=NAME, required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of standard output.",
)
def export(name: str | None, fmt: str, out: Path | None) -> None:
    """Completion and scores as a tidy table (one row per staff, exercise and graded item)."""
    import tempfile

    from refocus_kit.exercises.report import tidy_rows, write_table

    course = _course()
    rows = tidy_rows(course, [name] if name else None)
    if out:
        write_table(rows, out, fmt)
        click.echo(f"{len(rows)} rows to {out}", err=True)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export.{fmt}"
        write_table(rows, path, fmt)
        sys.stdout.write(path.read_text(encoding="utf-8"))
