"""`refocus demo`: load or remove the fictional demo data."""

from __future__ import annotations

import click

__all__ = ["demo"]


@click.group()
def demo() -> None:
    """Fictional demo data for demonstrations and screenshots."""


@demo.command("load")
def load() -> None:
    """Store one fictional response per form, a demo session and a whole programme for three
    fictional teams, all marked demo (safe to run twice)."""
    from refocus_kit.demo import DEMO_TEAM, load_demo
    from refocus_kit.demo_programme import DEMO_PROGRAMME_TEAMS
    from refocus_kit.store import Store

    with Store() as kit_store:
        count = load_demo(kit_store)
    click.echo(
        f"demo data for {count} forms is in the store (team {DEMO_TEAM!r}), and a whole "
        f"programme for {len(DEMO_PROGRAMME_TEAMS)} more fictional teams"
    )


@demo.command("clear")
def clear() -> None:
    """Remove the demo data (every response and session marked demo), and nothing else."""
    from refocus_kit.demo import clear_demo
    from refocus_kit.store import Store

    with Store() as kit_store:
        responses, sessions = clear_demo(kit_store)
    click.echo(f"deleted {responses} demo responses and {sessions} demo session(s)")
