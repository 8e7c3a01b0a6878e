"""`refocus timetable`: a team's dated plan (manual, section 6.2), kept in the store, with one
event moved or cancelled on request, written as iCalendar and as a Gantt chart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

__all__ = ["timetable"]


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a date (YYYY-MM-DD)", param_hint=what) from None


def _moves(values: tuple[str, ...]) -> list[tuple[str, dt.date]]:
    moves = []
    for value in values:
        event_id, _, day = value.partition("=")
        if not day:
            raise click.BadParameter(f"{value!r}: write EVENT=YYYY-MM-DD", param_hint="--move")
        moves.append((event_id.strip(), _date(day.strip(), "--move")))
    return moves


def _print(plan) -> None:
    from refocus_kit.timetable import SCALING_RULE

    click.echo(
        f"REFOCUS timetable for {plan.team}: {plan.months} months, "
        f"{plan.start:%d %B %Y} to {plan.end:%d %B %Y} (manual, section 6.2)"
    )
    if plan.months != 18:
        click.echo(f"  {SCALING_RULE}")
    for dated in plan.events:
        day = dated.on
        when = f"{day:%a %d %b %Y}" if day else "cancelled  "
        if dated.until and day:
            when += f" to {dated.until:%d %b %Y}, monthly"
        mode = "provided" if dated.provided else "self-organised"
        extra = f" [{dated.status} from {dated.planned_on:%d %b %Y}]" if dated.change else ""
        note = f" ({dated.change.note})" if dated.change and dated.change.note else ""
        click.echo(
            f"  {when:<17} S{dated.strategy.number}  {dated.event.title} "
            f"({mode}; manual month {dated.event.month}){extra}{note}"
        )


@click.command()
@click.option("--team", required=True, help="The team's name.")
@click.option("--start", help="The programme's first day, YYYY-MM-DD (kept for the team).")
@click.option(
    "--months",
    type=click.IntRange(1, 18),
    help="The programme's length: 18 as in the manual (default), or shorter, events scaled.",
)
@click.option("--move", multiple=True, metavar="EVENT=YYYY-MM-DD", help="Move one event.")
@click.option("--cancel", multiple=True, metavar="EVENT", help="Cancel one event.")
@click.option("--restore", multiple=True, metavar="EVENT", help="Put an event back as planned.")
@click.option("--note", default="", help="Why the event was moved or cancelled (kept).")
@click.option("--ics", type=click.Path(dir_okay=False, path_type=Path), help="Write iCalendar.")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Gantt chart: .png or .pdf."
)
def timetable(team, start, months, move, cancel, restore, note, ics, out) -> None:
    """A team's dated plan from its start date; moved and cancelled events are kept."""
    from refocus_kit.forms.validate import AnswersError
    from refocus_kit.store import Store
    from refocus_kit.timetable import (
        cancel_event,
        move_event,
        restore_event,
        save_start,
        team_timetable,
    )

    if out is not None and out.suffix.lower() not in (".png", ".pdf"):
        raise click.BadParameter(f"{out.name}: write the chart as .png or .pdf", param_hint="--out")
    moves = _moves(move)
    with Store() as kit_store:
        try:
            kept = team_timetable(kit_store, team)
            if start or months:
                first = _date(start, "--start") if start else (kept.start if kept else None)
                if first is None:
                    raise click.UsageError(f"no start date is kept for {team!r}: give --start")
                save_start(kit_store, team, first, months or (kept.months if kept else 18))
            elif kept is None:
                raise click.UsageError(f"no start date is kept for {team!r}: give --start")
            for event_id, day in moves:
                move_event(kit_store, team, event_id, day, note)
            for event_id in cancel:
                cancel_event(kit_store, team, event_id, note)
            for event_id in restore:
                restore_event(kit_store, team, event_id)
        except AnswersError as exc:
            raise click.ClickException(str(exc)) from None
        plan = team_timetable(kit_store, team)
    assert plan is not None
    _print(plan)
    if ics:
        from refocus_kit.timetable.ics import write_ics

        click.echo(f"wrote {write_ics(plan, ics)}")
    if out:
        from refocus_kit.timetable.gantt import save_gantt

        click.echo(f"wrote {save_gantt(plan, out)}")
