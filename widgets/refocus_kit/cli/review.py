"""`refocus review`: the facilitator's progress review for one team, as a report."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["review"]


@click.group()
def review() -> None:
    """The progress review: delivery, exercises, reflection, partnership project, practice."""


@review.command("report")
@click.option("--team", required=True, help="The team's name.")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The report: .html, .pdf or .xlsx.",
)
def report(team: str, out: Path) -> None:
    """Write one team's progress review; a team with no data gets a page saying what is
    missing."""
    from refocus_kit.review.report import REPORT_FORMATS

    if out.suffix.lower() not in REPORT_FORMATS:
        raise click.BadParameter(
            f"{out.name}: write the report as .html, .pdf or .xlsx", param_hint="--out"
        )
    from refocus_kit.review import kit_review
    from refocus_kit.review.report import write_report

    built = kit_review()
    for line in built.missing(team) if not built.empty else ["the store holds no data yet"]:
        click.echo(f"missing: {line}", err=True)
    click.echo(f"wrote {write_report(built, team, out)}")


@review.command("serve")
@click.option("--port", default=8867, show_default=True, help="Port for the review.")
@click.option("--ip", default="127.0.0.1", show_default=True, help="Address to bind.")
def serve_review(port: int, ip: str) -> None:
    """Serve the progress review to facilitators, as a JupyterHub service only (the hub logs
    them in, and its roles let only the facilitators' group in)."""
    from refocus_kit.review.server import serve_review as serve

    serve(ip, port)
