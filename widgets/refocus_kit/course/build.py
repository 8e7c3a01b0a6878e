"""`refocus course build`: for every session, a standalone slide deck (reveal.js, every asset
beside it), an HTML and a PDF handout (the kit's printable path), and a run-sheet; with the
Appendix 1 information sheet, the coverage map and an index page. Nothing in the output loads
anything from another host, and no facilitator-only cell reaches a deck or a handout."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from refocus_kit.course.coverage_map import HANDOUTS, coverage, elements
from refocus_kit.course.loader import sessions
from refocus_kit.course.model import Session
from refocus_kit.course.notebook import participant_notebook, read_notebook
from refocus_kit.course.pages import agenda_html, duration, inline_code
from refocus_kit.forms.printable import CITATION, write_pdf
from refocus_kit.provenance import kit_own
from refocus_kit.templating import templates

__all__ = [
    "REVEAL_ENV",
    "BuildError",
    "Built",
    "build_course",
    "coverage_page",
    "deck_html",
    "handout_html",
    "information_sheet_html",
    "repo_root",
    "reveal_dir",
    "runsheet_commands",
    "runsheet_html",
]

REVEAL_ENV = "REFOCUS_REVEAL_DIR"
REVEAL_PREFIX = "reveal.js"  # the decks' folder of reveal.js, beside them


class BuildError(RuntimeError):
    """Something the build needs is missing; the message says what to do."""


@dataclass(frozen=True)
class Built:
    out: Path
    files: tuple[Path, ...]


def repo_root() -> Path:
    """The repository the kit runs from (its `course/` folder holds the session notebooks)."""
    here = Path(__file__).resolve().parents[3]
    return here if (here / "course").is_dir() else Path.cwd()


def reveal_dir() -> Path:
    """Where reveal.js was unpacked by the install step (tools/fetch-revealjs.sh)."""
    folder = Path(
        os.environ.get(REVEAL_ENV) or Path(sys.prefix) / "share" / "refocus-kit" / "reveal.js"
    )
    if not (folder / "dist" / "reveal.js").is_file():
        raise BuildError(
            f"reveal.js is not installed in {folder}: run `make reveal` (or "
            f"`tools/fetch-revealjs.sh {folder}`), or set {REVEAL_ENV} to its folder"
        )
    return folder


def _render(name: str, **values: object) -> str:
    return templates("refocus_kit.course").get_template(name).render(citation=CITATION, **values)


def _length(found: Session) -> str:
    total = duration(found.minutes)
    if found.length_kit_own:
        return f"{total} ({kit_own('length')})"
    return f"{total} ({found.event.length.label})" if found.event.length else total


def deck_html(found: Session, root: Path) -> str:
    """The session's slides as one HTML page that loads reveal.js from ./reveal.js/."""
    from nbconvert import SlidesExporter

    notebook = participant_notebook(read_notebook(root / found.notebook))
    notebook.metadata["title"] = found.title
    exporter = SlidesExporter(
        template_name="refocus_reveal",
        extra_template_basedirs=[str(resources.files("refocus_kit.course") / "nbconvert")],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        reveal_url_prefix=REVEAL_PREFIX,
        reveal_theme="white",
        reveal_scroll=True,
        anchor_link_text="",  # no pilcrows on the projector
    )
    body, _ = exporter.from_notebook_node(notebook)
    return body


def _cell_html(cell) -> str:
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    if cell.cell_type == "markdown":  # no heading anchors on paper
        # Not anchor_link_text="": nbconvert then writes each anchor as `<a ... />`, which a
        # browser (and WeasyPrint) reads as a link left open, so the rest of the page was one.
        renderer = IPythonRenderer(escape=False, exclude_anchor_links=True)
        return MarkdownWithMath(renderer=renderer).render(cell.source)
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.get("outputs", []))


def handout_html(found: Session, root: Path) -> str:
    """The session for participants, on paper: every cell but the facilitator's, in order."""
    notebook = participant_notebook(read_notebook(root / found.notebook))
    body = "\n".join(_cell_html(cell) for cell in notebook.cells[1:])  # the title is the page's
    return _render("handout.html.j2", title=found.title, session=found, body=Markup(body))  # noqa: S704 - the kit's own notebook and escaped displays


def runsheet_commands(found: Session) -> list[dict[str, str]]:
    """The commands that start the kit for the session, open its room and keep what it made."""
    steps = [
        ("Start the kit, with phones in the room let in", "refocus serve --forms-ip 0.0.0.0"),
        (
            "Open the session notebook in JupyterLab and run it (Run > Run All Cells); slides: "
            "View > Render as Reveal Slideshow (Alt+R), then View > Full screen slideshow; "
            "in the slides, Ctrl+Enter on a check or the room draws it there, live",
            found.notebook,
        ),
    ]
    if found.discussion:
        team = '--team "TEAM" --expected 12'
        steps += [
            (
                "Open the room's session (or from the notebook's room cell)",
                f"refocus sessions open --form {found.discussion} {team}",
            ),
            (
                "Afterwards, the room's record",
                f"refocus sessions record CODE --out {found.folder}-record.pdf",
            ),
            ("Then close the session", "refocus sessions close CODE"),
        ]
    return [{"what": what, "command": command} for what, command in steps]


def runsheet_html(found: Session) -> str:
    return _render(
        "runsheet.html.j2",
        title=f"Run-sheet: {found.title}",
        session=found,
        length=_length(found),
        commands=runsheet_commands(found),
        code=inline_code,
        agenda=Markup(agenda_html(found.id)),  # noqa: S704 - autoescaped template
    )


def information_sheet_html() -> str:
    """Appendix 1, the REFOCUS Information Sheet, word for word, for printing."""
    return _render("information_sheet.html.j2", title=HANDOUTS["information-sheet"])


def coverage_page() -> str:
    """The coverage map: each element with the places that cover it."""
    known = elements()
    groups: dict[str, list[dict]] = {}
    for key, places in coverage().items():
        element = known[key]
        groups.setdefault(element.group, []).append(
            {"element": element, "places": [p.ref for p in places]}
        )
    return _render("coverage.html.j2", title="Coverage map", groups=groups)


def _write(path: Path, text: str, written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    written.append(path)


def _handout(path: Path, page: str, pdf: bool, written: list[Path]) -> None:
    _write(path.with_suffix(".html"), page, written)
    if pdf:
        written.append(write_pdf(page, path.with_suffix(".pdf")))


def build_course(out: Path, *, root: Path | None = None, pdf: bool = True) -> Built:
    """Write every deck, handout and run-sheet, the coverage map and an index into `out`."""
    root = root or repo_root()
    reveal = reveal_dir()
    written: list[Path] = []
    found = list(sessions().values())
    for session in found:
        _write(out / "decks" / f"{session.folder}.html", deck_html(session, root), written)
        _handout(out / "handouts" / session.folder, handout_html(session, root), pdf, written)
        _write(out / "run-sheets" / f"{session.folder}.html", runsheet_html(session), written)
    _handout(out / "handouts" / "information-sheet", information_sheet_html(), pdf, written)
    shutil.copytree(reveal, out / "decks" / REVEAL_PREFIX, dirs_exist_ok=True)
    _write(out / "coverage.html", coverage_page(), written)
    index = _render(
        "index.html.j2", title="The REFOCUS course", sessions=found, handouts=HANDOUTS, pdf=pdf
    )
    _write(out / "index.html", index, written)
    return Built(out, tuple(written))
