"""`refocus sessions`: open a reflection session for a room, list, show and close sessions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

__all__ = ["sessions"]


def _print_session(session, base_url: str, qr: bool) -> None:
    from refocus_kit.sessions import short_link

    link = short_link(base_url, session.code)
    state = "open" if session.is_open else f"closed {session.closed_at:%d %b %Y %H:%M}"
    click.echo(
        f"{session.code}  {session.title}  [{session.mode}, "
        f"{'anonymous' if session.anonymous else 'named'}, {state}]"
    )
    click.echo(f"  link: {link}")
    if qr and session.is_open:
        import qrcode

        code = qrcode.QRCode(border=2)
        code.add_data(link)
        code.print_ascii(invert=True)


def _print_sessions(found: list, qr: bool) -> None:
    """Each session with its link, then a word if people in the room cannot open the links."""
    from refocus_kit.config import settings
    from refocus_kit.forms_address import LOCAL_ONLY_NOTE

    config = settings()
    address = config.forms_address
    for session in found:
        _print_session(session, address.url, qr)
    if not found:
        return
    if address.server is None and not address.overridden:
        click.echo(
            f"No forms server is running for the data folder {config.data_dir}, so the link "
            f"assumes {address.url}. Start the kit with `refocus serve`, then `refocus sessions "
            "list` shows the link it serves.",
            err=True,
        )
    elif not address.room_can_reach:
        click.echo(LOCAL_ONLY_NOTE.format(url=address.url), err=True)


@click.group()
def sessions() -> None:
    """Reflection sessions: a short link and QR code per room."""


@sessions.command("open")
@click.option(
    "--form",
    "form_id",
    default="team_reflection_session",
    show_default=True,
    help="The participant form the room fills in.",
)
@click.option("--team", required=True, help="The team (or managers' group) meeting.")
@click.option("--number", type=int, help="Which session of the programme (e.g. 1 to 9).")
@click.option(
    "--date",
    "held_on",
    type=click.DateTime(["%Y-%m-%d"]),
    help="The day of the session (default today).",
)
@click.option(
    "--mode",
    type=click.Choice(["facilitated", "self_organised"]),
    help="Default: as the manual's timetable has it for that session number.",
)
@click.option("--anonymous", is_flag=True, help="Keep no identity with the responses.")
@click.option(
    "--expected",
    type=int,
    default=12,
    show_default=True,
    help="People expected: the forms server warms a page for each.",
)
@click.option("--qr/--no-qr", default=True, help="Print the QR code too.")
def open_command(form_id, team, number, held_on, mode, anonymous, expected, qr) -> None:
    """Open a session and print its short link (and QR code)."""
    from refocus_kit.forms import AnswersError
    from refocus_kit.sessions import open_session
    from refocus_kit.store import Store

    day = held_on.date() if held_on else dt.date.today()
    try:
        with Store() as store:
            session = open_session(
                store,
                form_id,
                team,
                number=number,
                held_on=day,
                mode=mode,
                anonymous=anonymous,
                expected=expected,
            )
    except AnswersError as exc:
        raise click.ClickException("; ".join(str(e) for e in exc.errors)) from None
    _print_sessions([session], qr)


@sessions.command("list")
@click.option("--all", "show_all", is_flag=True, help="Closed sessions too.")
def list_command(show_all: bool) -> None:
    """List open sessions (or all)."""
    from sqlalchemy import select

    from refocus_kit.sessions import Session, open_sessions
    from refocus_kit.store import Store
    from refocus_kit.store.tables import sessions as table

    with Store() as store:
        if show_all:
            with store.engine.connect() as conn:
                rows = conn.execute(select(table).order_by(table.c.opened_at)).all()
            found = [Session(**row._mapping) for row in rows]
        else:
            found = open_sessions(store)
    _print_sessions(found, qr=False)
    if not found:
        click.echo("no sessions" if show_all else "no open sessions")


@sessions.command("close")
@click.argument("code")
def close_command(code: str) -> None:
    """Close a session: its link stops taking answers."""
    from refocus_kit.sessions import close_session
    from refocus_kit.store import Store

    with Store() as store:
        if not close_session(store, code):
            raise click.ClickException(f"no open session {code!r}")
    click.echo(f"closed {code.upper()}")


@sessions.command("record")
@click.argument("code")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write: .html or .pdf.",
)
def record_command(code: str, out: Path) -> None:
    """Write the session's record (what the room said, grouped) as HTML or PDF."""
    from refocus_kit.facilitator import record_page, summarise
    from refocus_kit.forms.printable import PageFormatError, write_page
    from refocus_kit.store import Store

    with Store() as store:
        summary = summarise(store, code)
    if summary is None:
        raise click.ClickException(f"no session {code!r}")
    page = record_page(summary)
    try:
        click.echo(str(write_page(page, out)))
    except PageFormatError:
        raise click.ClickException("--out must end in .html or .pdf") from None
