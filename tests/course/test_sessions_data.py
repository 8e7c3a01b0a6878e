"""The session files (`course/sessions/*.yaml`, every one, whoever wrote it): each passes its
schema, joins its programme event, has an agenda whose minutes add up to the event's length,
and its notebook follows the agenda. Faults are refused with the file, the place and the fault."""

from __future__ import annotations

import re

import pytest
import yaml

from refocus_kit.course import sessions
from refocus_kit.course.loader import CourseError, check_session, load_session, session_paths
from refocus_kit.course.notebook import FACILITATOR_ONLY, read_notebook
from refocus_kit.programme import programme
from tests.support.notebooks import ROOT

PATHS = session_paths()
TEAM_INFO = next(p for p in PATHS if p.stem == "team_information_session")
CALL = re.compile(r'^(agenda|before|check|room)\("([a-z0-9_]+)"(?:, "([a-z0-9-]+)")?\)$')


def test_there_are_sessions():
    assert PATHS


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_each_session_passes_its_schema_and_joins_its_event(path):
    """The full check every process skips when it loads the bundled sessions."""
    found = check_session(path)
    assert found == sessions()[path.stem]
    assert found.event is {e.id: e for e in programme().events}[path.stem]
    assert found.event.strategy in (1, 2, 3) and found.event.facilitated


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_each_agenda_adds_up_to_the_sessions_length(path):
    found = sessions()[path.stem]
    assert sum(part.minutes for part in found.agenda) == found.minutes
    if found.event.length:
        assert found.minutes == found.event.length.hours * 60 and not found.length_kit_own


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_each_notebook_opens_with_its_sessions_title(path):
    """The deck's first slide is the notebook's title: the session's, as the run-sheet names it."""
    found = sessions()[path.stem]
    notebook = read_notebook(ROOT / found.notebook)
    titles = [
        line[2:].strip()
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("# ")
    ]
    assert titles[:1] == [found.title]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_each_notebook_follows_its_agenda(path):
    """One section per agenda part, in agenda order, the heading being the part's title; and
    every call the notebook makes names a check the session declares."""
    found = sessions()[path.stem]
    notebook = read_notebook(ROOT / found.notebook)
    headings = [
        line[3:].strip()
        for cell in notebook.cells
        if cell.cell_type == "markdown" and FACILITATOR_ONLY not in cell.metadata.get("tags", [])
        for line in cell.source.splitlines()
        if line.startswith("## ")
    ]
    assert headings == [part.title for part in found.agenda]
    calls = [CALL.match(c.source.strip()) for c in notebook.cells if c.cell_type == "code"]
    for call in filter(None, calls):
        if call.group(1) == "before":  # a session may end with the next one's reading
            assert call.group(2) in sessions(), f"{call.group(0)} names no session"
            continue
        assert call.group(2) == found.id, f"{call.group(0)} names another session"
        if call.group(1) == "check":
            found.check(call.group(3))


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_each_notebook_is_a_myst_notebook_in_its_numbered_folder(path):
    found = sessions()[path.stem]
    assert re.fullmatch(r"course/0[1-8]-[a-z0-9-]+/session\.md", found.notebook)
    notebook = read_notebook(ROOT / found.notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert notebook.metadata["jupytext"]["text_representation"]["format_name"] == "myst"


def test_the_sessions_come_in_programme_order():
    order = [e.id for e in programme().events]
    assert list(sessions()) == sorted(sessions(), key=order.index)


# -- faults ------------------------------------------------------------------------------------
def _variant(tmp_path, change, name="team_information_session.yaml"):
    data = yaml.safe_load(TEAM_INFO.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _first_minutes(by: int):
    def change(data):
        data["agenda"][0]["minutes"] += by

    return change


def test_an_agenda_short_of_the_length_is_refused_naming_the_session_and_the_gap(tmp_path):
    with pytest.raises(CourseError) as short:
        load_session(_variant(tmp_path, _first_minutes(-5)))
    assert str(short.value) == (
        "team_information_session.yaml: the agenda of team_information_session adds up to 85 "
        "minutes, 5 short of the kit's own length (90 minutes)"
    )
    with pytest.raises(CourseError, match="adds up to 97 minutes, 7 over"):
        load_session(_variant(tmp_path, _first_minutes(7)))


def test_an_agenda_over_an_events_length_names_the_events_length(tmp_path):
    def as_training(data):
        data.pop("length")
        data["event"] = "recovery_training_1"

    path = _variant(tmp_path, as_training, "recovery_training_1.yaml")
    with pytest.raises(CourseError, match="90 minutes, 120 short of the event's length \\(210"):
        load_session(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("length"), "the manual gives no length for team_information_session"),
        (lambda d: d.update(event="manager_group_1"), "is not a trainer-led event of strategy 1-3"),
        (
            lambda d: d.update(event="no_such_event"),
            "event 'no_such_event' is not in the programme",
        ),
        (lambda d: d.update(event="coaching_day"), "the file of event coaching_day must be"),
        (lambda d: d["agenda"][1].update(key="welcome"), "agenda key 'welcome' is used twice"),
        (lambda d: d["checks"][0]["items"][0].update(answer="Nope"), "answer 'Nope' is not one"),
        (lambda d: d["agenda"][0].update(covers=["lo-12"]), "unknown coverage element 'lo-12'"),
        (lambda d: d.update(discussion="attendance"), "'attendance' is not a participant form"),
        (lambda d: d["agenda"][0].update(lead="manager"), "at agenda[0].lead: 'manager' is not"),
        (lambda d: d["agenda"][0].pop("room"), "at agenda[0]: 'room' is a required property"),
        (lambda d: d["checks"][0].update(kind="essay"), "at checks[0].kind: 'essay' is not one"),
    ],
)
def test_faults_are_refused_with_the_file_and_the_place(tmp_path, change, message):
    path = _variant(tmp_path, change)
    with pytest.raises(CourseError) as refused:
        check_session(path)
    assert str(refused.value).startswith("team_information_session.yaml: ")
    assert message in str(refused.value)


def test_a_break_has_no_lead_and_covers_nothing(tmp_path):
    def lead_a_break(data):
        data["agenda"].append(
            {"key": "tea", "title": "Break", "minutes": 5, "break": True, "lead": "both"}
        )

    with pytest.raises(CourseError, match="agenda\\[8\\]"):
        check_session(_variant(tmp_path, lead_a_break))


def test_unknown_session_and_check_say_what_there_is():
    with pytest.raises(KeyError, match="team_information_session"):
        from refocus_kit.course import session

        session("no_such_session")
    with pytest.raises(KeyError, match="its checks: which-strategy"):
        sessions()["team_information_session"].check("nope")
