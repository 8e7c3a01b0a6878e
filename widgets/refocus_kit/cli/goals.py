"""`refocus goals check`: is a goal an approach goal or an avoidance goal (manual, section 5.3)?"""

from __future__ import annotations

import json

import click

__all__ = ["goals"]


@click.group()
def goals() -> None:
    """Work with personally valued goals (REFOCUS working practice 3)."""


@goals.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as a JSON object.")
def check(text: str, as_json: bool) -> None:
    """Say whether TEXT is an approach or an avoidance goal, why, and how to rephrase it."""
    from refocus_kit.practices.goals import check_goal

    try:
        verdict = check_goal(text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="TEXT") from error
    if as_json:
        data = verdict.to_dict()
        click.echo(json.dumps({k: data[k] for k in ("verdict", "reasons", "suggestion")}))
        return
    click.echo(f"{verdict.verdict.capitalize()} goal.")
    for reason in verdict.reasons:
        click.echo(f"  - {reason}")
    if verdict.suggestion:
        click.echo(f"Suggestion: {verdict.suggestion}")
