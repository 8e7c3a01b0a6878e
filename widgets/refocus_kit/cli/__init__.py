"""The `refocus` command line. Each concern's commands live in their own module here and are
registered below; heavy libraries are imported inside the commands so `--help` stays quick."""

from __future__ import annotations

import click

from refocus_kit import __version__
from refocus_kit.cli.demo import demo
from refocus_kit.cli.forms import forms
from refocus_kit.cli.goals import goals
from refocus_kit.cli.programme import programme
from refocus_kit.cli.responses import responses
from refocus_kit.cli.serve import serve
from refocus_kit.cli.sessions import sessions
from refocus_kit.cli.store import store

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="refocus")
def main() -> None:
    """The REFOCUS course kit: serve the kit, work with its forms and responses."""


main.add_command(demo)
main.add_command(forms)
main.add_command(responses)
main.add_command(serve)
main.add_command(sessions)
main.add_command(store)
main.add_command(goals)
main.add_command(programme)
