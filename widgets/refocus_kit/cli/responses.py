"""`refocus responses`: submit transcribed paper forms, export, and remove data on request."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import click

__all__ = ["responses"]

MAX_ANSWERS_BYTES = 1_000_000


def _store():
    from refocus_kit.store import Store

    return Store()


def _read_answers(path: Path) -> dict:
    if path.stat().st_size > MAX_ANSWERS_BYTES:
        raise click.ClickException(f"{path.name} is larger than {MAX_ANSWERS_BYTES:,} bytes")
    try:
        answers = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise click.ClickException(f"{path.name} is not valid UTF-8 JSON: {exc}") from None
    if not isinstance(answers, dict):
        raise click.ClickException(f"{path.name} must hold a JSON object keyed by field id")
    return answers


@click.group()
def responses() -> None:
    """Responses in the store: submit, export, delete, purge."""


@responses.command("submit")
@click.argument("form_id")
@click.option(
    "--answers",
    "answers_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON file of answers keyed by field id.",
)
@click.option("--team", help="Team the response belongs to.")
@click.option("--session", help="Session the response belongs to.")
@click.option("--respondent", help="Pseudonymous id of the person who answered.")
def submit(
    form_id: str, answers_path: Path, team: str | None, session: str | None, respondent: str | None
) -> None:
    """Store a response (e.g. a transcribed paper form) and print its id."""
    from refocus_kit.forms import AnswersError, load_form

    try:
        form = load_form(form_id)
    except KeyError as exc:
        raise click.ClickException(exc.args[0]) from None
    answers = _read_answers(answers_path)
    try:
        with _store() as kit_store:
            response = kit_store.submit(
                form, answers, team=team, session=session, respondent=respondent
            )
    except AnswersError as exc:
        lines = "\n".join(f"  - {e}" for e in exc.errors)
        raise click.ClickException(f"nothing was stored; please fix:\n{lines}") from None
    click.echo(response.id)


@responses.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), required=True)
@click.option("--form", "form_id", help="Only this form's responses.")
@click.option("--team", help="Only this team's responses.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export(fmt: str, form_id: str | None, team: str | None, out: Path) -> None:
    """Export responses as a tidy table: one row per response and item."""
    from refocus_kit.store.export import tidy_rows, write_export

    filters: dict[str, Any] = {"team": team} if team else {}
    with _store() as kit_store:
        rows = tidy_rows(kit_store, form_id, **filters)
    write_export(rows, fmt, out)
    responses = len({row["response_id"] for row in rows})
    click.echo(f"{len(rows)} rows from {responses} responses -> {out}")


@responses.command("delete")
@click.option("--respondent", required=True, help="Pseudonymous id whose data is removed.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def delete(respondent: str, yes: bool) -> None:
    """Delete everything one respondent submitted or drafted, history included."""
    if not yes:
        click.confirm(f"Delete all responses and drafts of {respondent!r}?", abort=True)
    with _store() as kit_store:
        count = kit_store.delete_respondent(respondent)
    click.echo(f"deleted {count} responses of {respondent}")


def _period(text: str) -> timedelta:
    match = re.fullmatch(r"(\d+)\s*([dwmy]?)", text.strip().lower())
    if not match:
        raise click.BadParameter("write a number of days, or e.g. 90d, 12w, 18m, 2y")
    number, unit = int(match.group(1)), match.group(2) or "d"
    return timedelta(days=number * {"d": 1, "w": 7, "m": 30, "y": 365}[unit])


@responses.command("purge")
@click.option(
    "--older-than",
    "older_than",
    required=True,
    help="Retention period: responses untouched for longer go (e.g. 730d, 24m, 2y).",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def purge(older_than: str, yes: bool) -> None:
    """Remove responses older than the retention period."""
    period = _period(older_than)
    if not yes:
        click.confirm(f"Delete every response untouched for {period.days} days?", abort=True)
    with _store() as kit_store:
        count = kit_store.purge(period)
    click.echo(f"purged {count} responses older than {period.days} days")
