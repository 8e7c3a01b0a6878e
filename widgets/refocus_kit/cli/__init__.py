"""The `refocus` command line. Each concern's commands live in their own module here and are
registered below; heavy libraries are imported inside the commands so `--help` stays quick."""

from __future__ import annotations

import logging

import click

from refocus_kit import __version__
from refocus_kit.cli.course import course
from refocus_kit.cli.demo import demo
from refocus_kit.cli.exercises import exercises
from refocus_kit.cli.forms import forms
from refocus_kit.cli.goals import goals
from refocus_kit.cli.programme import programme
from refocus_kit.cli.responses import responses
from refocus_kit.cli.review import review
from refocus_kit.cli.serve import serve
from refocus_kit.cli.sessions import sessions
from refocus_kit.cli.store import store
from refocus_kit.cli.timetable import timetable

__all__ = ["KitCommands", "main"]

_QUIET = logging.NullHandler()


class KitCommands(click.Group):
    """The `refocus` group: a store that fails (locked, read-only, full, unreachable) ends any
    command with one line saying what to do and a non-zero exit, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            from refocus_kit.store.errors import StoreError

            if isinstance(exc, StoreError):
                raise click.ClickException(str(exc)) from None
            raise


@click.group(cls=KitCommands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="refocus")
def main() -> None:
    """The REFOCUS course kit: serve the kit, work with its forms and responses."""
    # The store logs each failure in one line for the servers' logs; here the command's own
    # message says it.
    logging.getLogger("refocus_kit.store").addHandler(_QUIET)


main.add_command(course)
main.add_command(demo)
main.add_command(exercises)
main.add_command(forms)
main.add_command(responses)
main.add_command(serve)
main.add_command(sessions)
main.add_command(store)
main.add_command(goals)
main.add_command(programme)
main.add_command(timetable)
main.add_command(review)
