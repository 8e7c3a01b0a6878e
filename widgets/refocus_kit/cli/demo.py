"""`refocus demo`: load or remove the fictional demo data."""

from __future__ import annotations

import click

__all__ = ["demo"]


@click.group()
def demo() -> None:
    """Fictional demo data for demonstrations and screenshots."""


@demo.command("load")
def load() -> None:
    """Store one fictional response per form (safe to run twice)."""
    from refocus_kit.demo import DEMO_TEAM, load_demo
    from refocus_kit.store import Store

    with Store() as kit_store:
        count = load_demo(kit_store)
    click.echo(f"demo data for {count} forms is in the store (team {DEMO_TEAM!r})")


@demo.command("clear")
def clear() -> None:
    """Remove the demo responses and close the demo session."""
    from refocus_kit.demo import DEMO_TEAM, demo_respondents
    from refocus_kit.sessions import close_session, open_sessions
    from refocus_kit.store import Store

    with Store() as kit_store:
        count = sum(kit_store.delete_respondent(r) for r in demo_respondents())
        for session in open_sessions(kit_store):
            if session.team == DEMO_TEAM:
                close_session(kit_store, session.code)
    click.echo(f"deleted {count} demo responses")
