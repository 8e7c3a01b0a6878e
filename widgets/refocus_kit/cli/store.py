"""`refocus store`: where the data is, how much there is, its upgrade, backups and restores."""

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


@store.command("upgrade")
def upgrade() -> None:
    """Upgrade the store in place to this kit's schema (or make it, if there is none yet)."""
    from refocus_kit.config import settings
    from refocus_kit.store.engine import connect
    from refocus_kit.store.schema import upgrade as upgrade_schema

    engine = connect(settings().store_url)
    try:
        done = upgrade_schema(engine)
    finally:
        engine.dispose()
    if done.before is None:
        click.echo(f"made a new store at revision {done.after}")
    elif done.before == done.after:
        click.echo(f"the store is already at revision {done.after}; nothing to do")
    else:
        click.echo(f"upgraded the store from revision {done.before} to {done.after}")


@store.command("backup")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write the backup to (a SQLite file, whatever the store's database).",
)
def backup(out: Path) -> None:
    """Write a consistent backup of the store (safe while the kit runs)."""
    import sqlite3

    from refocus_kit.config import settings
    from refocus_kit.store.backup import backup as backup_store
    from refocus_kit.store.errors import explain

    try:
        click.echo(str(backup_store(settings().store_url, out)))
    except (sqlite3.Error, OSError) as exc:  # where the copy goes: read-only, full...
        raise click.ClickException(explain(exc, out)) from None


@store.command("restore")
@click.argument("backup_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the data the store already holds.")
def restore(backup_file: Path, force: bool) -> None:
    """Restore a backup made by `refocus store backup` into the store (an empty one, unless
    --force)."""
    from refocus_kit.config import settings
    from refocus_kit.store.backup import restore as restore_store

    done = restore_store(settings().store_url, backup_file, force=force)
    rows = ", ".join(f"{n} {name}" for name, n in done.rows.items())
    click.echo(f"{'replaced the store with' if done.replaced else 'restored'} {rows}")
