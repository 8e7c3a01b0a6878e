"""`refocus serve`: start the kit's servers."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["serve"]


@click.command()
@click.option("--port", default=8888, show_default=True, help="Port for JupyterLab.")
@click.option(
    "--ip",
    default="127.0.0.1",
    show_default=True,
    help="Address JupyterLab binds. Keep it on this computer: trainers and facilitators use it "
    "with its token.",
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=".",
    show_default=True,
    help="The kit's folder, opened in JupyterLab.",
)
@click.option(
    "--forms-port",
    default=8866,
    show_default=True,
    help="Port for the participant forms (Voila).",
)
@click.option(
    "--forms-ip",
    default="127.0.0.1",
    show_default=True,
    help="Address the participant forms bind. 0.0.0.0 lets phones in the room in, over the "
    "room's network: the four form pages and their static files, no login.",
)
@click.option("--demo", is_flag=True, help="Load the fictional demo data into the store first.")
def serve(port: int, ip: str, root: Path, forms_port: int, forms_ip: str, demo: bool) -> None:
    """Start JupyterLab for trainers and the participant forms for teams."""
    from refocus_kit.server import lab_spec, lab_token, participant_spec, run

    root = root.resolve()
    specs = [lab_spec(root, ip, port, lab_token()), participant_spec(forms_ip, forms_port)]
    raise SystemExit(run(specs, served=[root], demo=demo))
