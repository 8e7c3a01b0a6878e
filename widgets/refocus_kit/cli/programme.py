"""`refocus programme`: the REFOCUS programme as the kit holds it, and a check for a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

__all__ = ["programme"]


@click.group()
def programme() -> None:
    """The programme's strategies and events, month by month (manual, chapter 6)."""


@programme.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def show_programme(as_json: bool) -> None:
    """Every planned event, in month order: strategy, length and who runs it."""
    from refocus_kit.programme import programme as refocus

    plan = refocus()
    rows: list[dict[str, Any]] = [
        {
            "month": e.month,
            "until_month": e.until_month,
            "strategy": e.strategy,
            "event": e.id,
            "title": e.title,
            "length": e.length.label if e.length else None,
            "mode": e.mode,
        }
        for e in plan.events
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(f"{plan.title}, {plan.months} months ({plan.source})")
    for row in rows:
        months = f"{row['month']}-{row['until_month']}" if row["until_month"] else row["month"]
        extra = ", ".join(filter(None, [row["length"], str(row["mode"]).replace("_", "-")]))
        click.echo(f"  month {months!s:<5} S{row['strategy']}  {row['title']} ({extra})")


@programme.command("check")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check_programme_file(path: Path) -> None:
    """Check a programme file (YAML) in full, against the kit's JSON Schema."""
    from refocus_kit.programme import ProgrammeError, check_programme

    try:
        plan = check_programme(path)
    except ProgrammeError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"ok    {path.name}: {len(plan.strategies)} strategies, {len(plan.events)} events")
