"""`refocus store`: where the data is, how much there is, and a backup."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["store"]


@click.group()
def store() -> None:
    """The response store itself."""


@store.command("info")
def info() -> None:
    """Show where the store is and how many responses it holds."""
    from sqlalchemy.engine import make_url

    from refocus_kit.config import settings
    from refocus_kit.store import Store

    config = settings()
    url = make_url(config.store_url)
    click.echo(f"data folder: {config.data_dir}")
    click.echo(f"database:    {url.render_as_string(hide_password=True)}")
    with Store() as kit_store:
        click.echo(f"responses:   {kit_store.count()}")


@store.command("backup")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write the copy to.",
)
def backup(out: Path) -> None:
    """Write a consistent copy of the SQLite store (safe while the kit runs)."""
    import sqlite3

    from refocus_kit.config import settings
    from refocus_kit.store import Store
    from refocus_kit.store.backup import backup_sqlite
    from refocus_kit.store.errors import explain

    url = settings().store_url
    Store(url).close()  # make sure the database exists, with its tables
    try:
        click.echo(str(backup_sqlite(url, out)))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    except (sqlite3.Error, OSError) as exc:  # where the copy goes: read-only, full...
        raise click.ClickException(explain(exc, out)) from None
