"""`refocus course`: the trainer-led sessions: check their files, build the decks, handouts and
run-sheets for a room with no internet, and refresh the rendered index in facilitator_guides/."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["course"]


@click.group()
def course() -> None:
    """The trainer-led sessions (manual, chapter 6, strategies 1-3)."""


@course.command("list")
def list_sessions() -> None:
    """Every session: month, length, and its notebook."""
    from refocus_kit.course.loader import sessions
    from refocus_kit.course.pages import duration

    for found in sessions().values():
        own = ", the kit's own length" if found.length_kit_own else ""
        click.echo(
            f"  month {found.event.month}  {found.id:<40} {duration(found.minutes)}{own}  "
            f"{found.notebook}"
        )


@course.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def check_files(paths: tuple[Path, ...]) -> None:
    """Check session files in full: schema, programme event, agenda minutes, references."""
    from refocus_kit.course.loader import CourseError, check_session

    failed = 0
    for path in paths:
        try:
            found = check_session(path)
        except CourseError as exc:
            click.echo(str(exc), err=True)
            failed += 1
        else:
            click.echo(f"{path.name}: ok ({len(found.agenda)} parts, {found.minutes} minutes)")
    if failed:
        raise SystemExit(1)


@course.command("build")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/course"),
    show_default=True,
    help="The folder to write into.",
)
@click.option("--no-pdf", is_flag=True, help="HTML handouts only (quicker).")
def build(out: Path, no_pdf: bool) -> None:
    """Every session's slide deck, handouts (HTML and PDF) and run-sheet, offline."""
    from refocus_kit.course.build import BuildError, build_course

    try:
        built = build_course(out, pdf=not no_pdf)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Wrote {len(built.files)} files into {out}; open {out / 'index.html'}")


@course.command("guides")
@click.option(
    "--out",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("facilitator_guides"),
    show_default=True,
)
def guides(out: Path) -> None:
    """Refresh the run-sheets and coverage map in facilitator_guides/ from the data."""
    from refocus_kit.course.guides import write_guides

    for path in write_guides(out):
        click.echo(f"Wrote {path}")
