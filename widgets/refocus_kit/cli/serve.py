"""`refocus serve`: start the kit's servers."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["serve"]


@click.command()
@click.option("--port", default=8888, show_default=True, help="Port for JupyterLab.")
@click.option("--ip", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=".",
    show_default=True,
    help="The kit's folder, opened in JupyterLab.",
)
@click.option("--demo", is_flag=True, help="Load the fictional demo data into the store first.")
def serve(port: int, ip: str, root: Path, demo: bool) -> None:
    """Start JupyterLab on the kit, with the store in the data folder."""
    from refocus_kit.server import run

    raise SystemExit(run(root=root.resolve(), ip=ip, port=port, demo=demo))
