"""The headless layers import only what they use: the store, the exports, the goal check, the
programme and the CLI's data commands never load ipywidgets, matplotlib or jsonschema, and
the command-line export (CSV, XLSX, JSON) does not load pandas either."""

from __future__ import annotations

import os

import pytest

from tests.support.imports import imported_by

HEAVY = ["ipywidgets", "matplotlib", "jsonschema"]
CLI = "from refocus_kit.cli import main; main({args!r}, standalone_mode=False)"
HEADLESS = {
    "the store": "from refocus_kit.store import Store; Store().close()",
    "the exports": "from refocus_kit.store.export import tidy",
    "the forms' data": "from refocus_kit.forms import load_forms, validate_answers; load_forms()",
    "the goal check": "from refocus_kit.practices import check_goal; check_goal('to swim again')",
    "the programme": "from refocus_kit.programme import programme; programme()",
    "the sessions": "from refocus_kit.sessions import participant_forms; participant_forms()",
    "the timetable": "from refocus_kit.timetable import make_timetable; "
    "import datetime; make_timetable('T', datetime.date(2027, 1, 4))",
    "the review": "from refocus_kit.review import kit_review; kit_review()",
    "refocus review report": CLI.format(
        args=["review", "report", "--team", "T", "--out", "{out}.xlsx"]
    ),
    "refocus timetable": CLI.format(
        args=["timetable", "--team", "T", "--start", "2027-01-04", "--ics", "{out}"]
    ),
    "the course data": "from refocus_kit.course import coverage, sessions; sessions(); coverage()",
    "refocus course list": CLI.format(args=["course", "list"]),
    "refocus forms list": CLI.format(args=["forms", "list", "--json"]),
    "refocus goals check": CLI.format(args=["goals", "check", "--json", "to swim again"]),
    "refocus store info": CLI.format(args=["store", "info"]),
    "refocus responses export": CLI.format(
        args=["responses", "export", "--format", "csv", "--out", "{out}"]
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("statement", HEADLESS.values(), ids=HEADLESS.keys())
def test_headless_layers_load_no_widgets_plots_or_schema_checker(statement, tmp_path):
    env = {**os.environ}
    statement = statement.replace("{out}", str(tmp_path / "export.csv"))
    assert imported_by(statement, HEAVY, env) == set()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_the_command_line_export_does_without_pandas(fmt, tmp_path):
    args = ["responses", "export", "--format", fmt, "--out", str(tmp_path / f"export.{fmt}")]
    assert imported_by(CLI.format(args=args), ["pandas", *HEAVY], {**os.environ}) == set()


def test_the_widget_factory_is_still_found_where_notebooks_look_for_it():
    from refocus_kit import forms, practices
    from refocus_kit.forms.render import render_form
    from refocus_kit.practices.ui_goals import GoalCheckTool

    assert forms.render_form is render_form and practices.GoalCheckTool is GoalCheckTool
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        forms.nothing  # noqa: B018
