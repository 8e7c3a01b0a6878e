"""The committed, rendered index of the trainer-led sessions in `facilitator_guides/`: every
session's run-sheet and the coverage map, as Markdown a trainer reads on the repository or in
JupyterLab. Made from the sessions' data (`refocus course guides`, `make course`); the suite
fails when the committed pages no longer match it. Headless."""

from __future__ import annotations

from pathlib import Path

from refocus_kit.course.coverage_map import coverage, elements
from refocus_kit.course.loader import sessions
from refocus_kit.course.model import Session
from refocus_kit.course.pages import duration, timed_agenda

__all__ = ["GUIDES", "coverage_markdown", "runsheets_markdown", "write_guides"]

GENERATED = (
    "<!-- Made by `refocus course guides` from the sessions' data: edit the data, not this. -->"
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _runsheet(found: Session) -> list[str]:
    from refocus_kit.course.build import runsheet_commands

    own = " (the kit's own length: the manual gives none)" if found.length_kit_own else ""
    lines = [
        f"## {found.title}",
        "",
        f"{found.event.title}, month {found.event.month}, {duration(found.minutes)}{own}. "
        f"Notebook: `{found.notebook}`.",
        "",
        "**Preparation and materials**",
        "",
        *(f"- [ ] Before: {r.what} ({r.why})" for r in found.before),
        *(f"- [ ] {item}" for item in found.materials),
        "",
        "**Commands**",
        "",
        *(f"1. {step['what']}: `{step['command']}`" for step in runsheet_commands(found)),
        "",
        "**Timings**",
        "",
        "| Time | Part | Lead | What the room does |",
        "| --- | --- | --- | --- |",
        *(
            f"| {r['start']}\u2013{r['end']} | {_cell(r['part'].title)} | {r['part'].lead_label} "
            f"| {_cell(r['part'].room)} |"
            for r in timed_agenda(found)
        ),
        "",
        "**What to collect afterwards**",
        "",
        *(f"- [ ] {item}" for item in found.collect),
        "",
    ]
    return lines


def runsheets_markdown() -> str:
    """Every session's run-sheet, in the order the programme runs them."""
    found = list(sessions().values())
    lines = [
        "# Run-sheets: the trainer-led sessions",
        "",
        GENERATED,
        "",
        "One per session of strategies 1-3 (REFOCUS manual, chapter 6). `refocus course build`",
        "writes each as a printable page too, beside the session's slide deck and handout.",
        "",
    ]
    for session in found:
        lines += _runsheet(session)
    return "\n".join(lines)


def coverage_markdown() -> str:
    """The coverage map: every element of the manual and where the kit covers it."""
    known = elements()
    lines = [
        "# Coverage map: the manual's elements and where the kit covers them",
        "",
        GENERATED,
        "",
        "Elements: `widgets/refocus_kit/course/elements.yaml`. Places: each session's `covers:`",
        "and `places.yaml`. The suite fails when an element has no place or a place is gone.",
    ]
    group = None
    for key, places in coverage().items():
        element = known[key]
        if element.group != group:
            group = element.group
            lines += [
                "",
                f"## {group}",
                "",
                f"*{element.source}*",
                "",
                "| Id | The manual's words | Where |",
                "| --- | --- | --- |",
            ]
        where = "<br>".join(f"`{p.ref}`" for p in places) or "**nowhere yet**"
        lines.append(f"| {key} | {_cell(element.words)} | {where} |")
    return "\n".join(lines) + "\n"


GUIDES = {"run-sheets.md": runsheets_markdown, "coverage.md": coverage_markdown}


def write_guides(folder: Path) -> list[Path]:
    """Write the rendered index into `folder` (facilitator_guides/)."""
    written = []
    for name, make in GUIDES.items():
        path = folder / name
        path.write_text(make(), encoding="utf-8")
        written.append(path)
    return written
