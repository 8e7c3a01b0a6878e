"""`refocus forms`: list, show and print the kit's form definitions."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import click

__all__ = ["forms"]


def _form_or_fail(form_id: str):
    from refocus_kit.forms import load_form

    try:
        return load_form(form_id)
    except KeyError as exc:
        raise click.ClickException(exc.args[0]) from None


@click.group()
def forms() -> None:
    """The REFOCUS forms the kit offers (each declared once, as data)."""


@forms.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def list_forms(as_json: bool) -> None:
    """List every form: id, title and where it comes from in the manual."""
    from refocus_kit.forms import load_forms

    rows: list[dict[str, Any]] = [
        {"id": f.id, "title": f.title, "source": f.source, "version": f.version}
        for f in load_forms().values()
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max(len(r["id"]) for r in rows)
    for row in rows:
        click.echo(f"{row['id']:<{width}}  {row['title']}\n{'':<{width}}  {row['source']}")


def _describe(field, indent: str = "  ") -> list[str]:
    flags = " (required)" if field.required else ""
    lines = [f"{indent}- {field.label} [{field.id}: {field.kind}]{flags}"]
    lines += (
        [f"{indent}    options: " + ", ".join(o.label for o in field.options)]
        if (field.options)
        else []
    )
    lines += [f"{indent}    rows: " + ", ".join(r.label for r in field.rows)] if field.rows else []
    lines += (
        [f"{indent}    columns: " + ", ".join(c.label for c in field.columns)]
        if (field.columns)
        else []
    )
    for sub in field.fields:
        lines += _describe(sub, indent + "    ")
    return lines


@forms.command("check")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def check_forms(paths: tuple[Path, ...]) -> None:
    """Check form definition files (YAML) in full, against the kit's JSON Schema."""
    from refocus_kit.forms import DefinitionError, check_definition

    faults = 0
    for path in paths:
        try:
            form = check_definition(path)
        except DefinitionError as exc:
            faults += 1
            click.echo(f"FAULT {exc}", err=True)
        else:
            click.echo(f"ok    {path.name}: {form.title} ({len(form.fields)} fields)")
    if faults:
        raise click.ClickException(f"{faults} of {len(paths)} definitions have faults")


@forms.command("show")
@click.argument("form_id")
@click.option("--json", "as_json", is_flag=True, help="Print the whole definition as JSON.")
def show_form(form_id: str, as_json: bool) -> None:
    """Show one form's definition."""
    form = _form_or_fail(form_id)
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(form), indent=2, ensure_ascii=False))
        return
    click.echo(f"{form.title} (id {form.id}, version {form.version})\n{form.source}\n")
    for section in form.sections:
        if section.heading:
            click.echo(section.heading)
        click.echo(section.title)
        for field in section.fields:
            click.echo("\n".join(_describe(field)))


@forms.command("print")
@click.argument("form_id")
@click.option("--response", "response_id", help="Fill the copy with this saved response.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write: .html or .pdf.",
)
def print_form(form_id: str, response_id: str | None, out: Path) -> None:
    """Write a printable copy of a form, blank or filled in, as HTML or PDF."""
    from refocus_kit.forms.printable import PageFormatError, printable_html, write_page

    form = _form_or_fail(form_id)
    answers, meta = None, None
    if response_id:
        from refocus_kit.store import Store

        try:
            with Store() as kit_store:
                response = kit_store.get(response_id)
        except KeyError as exc:
            raise click.ClickException(exc.args[0]) from None
        answers = response.answers
        meta = {"Team": response.team or "—", "Saved": response.updated_at.strftime("%d %b %Y")}
    page = printable_html(form, answers, meta=meta)
    try:
        click.echo(str(write_page(page, out)))
    except PageFormatError:
        raise click.ClickException("--out must end in .html or .pdf") from None


@forms.command("serve")
@click.option("--port", default=8866, show_default=True, help="Port for the participant forms.")
@click.option("--ip", default="127.0.0.1", show_default=True, help="Address to bind.")
def serve_forms(port: int, ip: str) -> None:
    """Start only the participant forms (Voila), without JupyterLab."""
    from refocus_kit.server import participant_spec, run

    raise SystemExit(run([participant_spec(ip, port)], served=[]))
