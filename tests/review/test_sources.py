"""What the review reads of the tidy export: the answers READS names of the forms it reads,
one row per response of those forms, and the other forms' responses counted."""

import datetime as dt

import pandas as pd
import pytest

from refocus_kit.forms.loader import load_form
from refocus_kit.programme import programme
from refocus_kit.review import build_review
from refocus_kit.review.practice import audit_shares, audit_totals, shares_of
from refocus_kit.review.reflection import ACTION_SERIES
from refocus_kit.review.sources import (
    ITEM_FORMS,
    READS,
    entries,
    month_of,
    per_response,
    read_sources,
)
from refocus_kit.store import Store
from tests.review.conftest import TEAM, TODAY, at


def test_every_form_whose_answers_the_review_reads_is_asked_for():
    rooms = {s.form: load_form(s.form).room for s in programme().strategies if s.form}
    numbered = {form for form, room in rooms.items() if room and room.number_field}
    read = {"attendance", "care_record_audit", "partnership_project_proposal",
            "strengths_worksheet"} | set(ACTION_SERIES) | numbered  # fmt: skip
    assert read == set(ITEM_FORMS)
    for form in numbered:
        assert rooms[form].number_field in READS[form].answers


def test_what_reads_names_is_in_its_form():
    for form_id, read in READS.items():
        fields = {f.id: f for f in load_form(form_id).fields}
        assert set(read.answers) <= set(fields), form_id
        for group, names in read.lists.items():
            assert fields[group].kind == "group"
            assert set(names) <= {f.id for f in fields[group].fields}, (form_id, group)


def test_an_answer_reads_does_not_name_is_refused_in_words(recorded):
    sources = read_sources(recorded, TODAY)
    with pytest.raises(ValueError, match="READS names no answer title"):
        per_response(sources, "attendance", ["title"])
    with pytest.raises(ValueError, match="READS names no list 'project_team'"):
        entries(sources, "partnership_project_proposal", "project_team")
    with pytest.raises(ValueError, match="reads no answers of 'supervision_reflection'"):
        per_response(sources, "supervision_reflection", ["q1"])


RECORDED = {"values_recorded": "yes", "strengths_recorded": "yes", "goals_recorded": "no"}


def test_entries_hold_the_entries_answered_with_multiple_choices_joined(store):
    store.submit(
        "care_record_audit",
        {"audited_on": "2027-05-20", "records": [
            dict(RECORDED, strengths_marks=["complete", "updated"]),
            dict(RECORDED, goals="Stop drinking")]},
        team=TEAM,
    )  # fmt: skip
    store.submit("manager_reflection_group", {"group_number": "g1", "blocks": "Rotas"}, team=TEAM)
    sources = read_sources(store, TODAY)
    records = entries(sources, "care_record_audit", "records")
    assert records["n"].tolist() == [1, 2]
    assert records["strengths_marks"].tolist()[0] == "complete; updated"
    assert records["goals"].tolist()[1] == "Stop drinking" and records["team"].eq(TEAM).all()
    only_marks = entries(sources, "care_record_audit", "records", ["strengths_marks"])
    assert only_marks["n"].tolist() == [1]
    assert entries(sources, "manager_reflection_group", "agreed").empty
    groups = per_response(sources, "manager_reflection_group", ["group_number", "progress"])
    assert groups["group_number"].tolist() == ["g1"] and groups["progress"].isna().all()


def test_per_response_and_entries_rebuild_the_answers(recorded):
    sources = read_sources(recorded, TODAY)
    records = per_response(sources, "team_reflection_session", ["session_number", "progress"])
    assert records[["team", "session_number"]].values.tolist() == [[TEAM, "s1"], [TEAM, "s2"]]
    assert pd.isna(records.loc[0, "progress"])
    assert records["created_on"].tolist() == [dt.date(2027, 2, 11), dt.date(2027, 4, 12)]
    actions = entries(sources, "team_reflection_session", "actions")
    assert actions[["n", "what", "who"]].values.tolist() == [
        [1, "Share three strengths-based care plans", "Two volunteers"]
    ]
    assert actions["response_id"].tolist() == records["response_id"].head(1).tolist()
    assert sources.responses["form_id"].isin(ITEM_FORMS).all()  # the others are counted


COUNTED = ["form_id", "team", "month", "demo", "responses", "first_on"]


def test_the_forms_only_counted_and_the_forms_read_are_counted_alike(recorded):
    recorded.submit("action_plan", {"goal": "Cook"}, team="Team B", respondent="w.02",
                    made_at=at("2027-05-31"))  # fmt: skip
    recorded.submit("care_record_audit", {"audited_on": "2027-06-01", "records": []},
                    team=TEAM, made_at=at("2027-06-01"), demo=True)  # fmt: skip
    sources = read_sources(recorded, TODAY)
    assert "supervision_reflection" not in set(sources.responses["form_id"])
    supervision = sources.counted(["supervision_reflection"])[COUNTED].values.tolist()
    assert sorted(supervision) == [
        ["supervision_reflection", TEAM, "2027-03", False, 2, dt.date(2027, 3, 2)],
        ["supervision_reflection", TEAM, "2027-04", False, 1, dt.date(2027, 4, 5)],
    ]
    both = sources.counted(["action_plan", "care_record_audit"])  # counted, read
    assert sorted(both[COUNTED].values.tolist(), key=str) == sorted([
        ["action_plan", TEAM, "2027-05", False, 1, dt.date(2027, 5, 2)],
        ["action_plan", "Team B", "2027-05", False, 1, dt.date(2027, 5, 31)],
        ["care_record_audit", TEAM, "2027-06", True, 1, dt.date(2027, 6, 1)],
        ["care_record_audit", TEAM, _made_month(recorded), False, 1, _made_day(recorded)],
    ], key=str)  # fmt: skip
    assert sources.counted()["responses"].sum() == recorded.count()
    assert sources.demo_teams == {TEAM}


def _made(store) -> dt.datetime:
    """When the recorded audit (made now, not dated) was stored."""
    return next(r.created_at for r in store.responses("care_record_audit") if not r.demo)


def _made_month(store) -> str:
    return f"{_made(store):%Y-%m}"


def _made_day(store) -> dt.date:
    return _made(store).date()


def test_months_are_written_once_each():
    when = pd.Series([dt.date(2027, 1, 31), dt.date(2026, 12, 1), None, dt.date(2027, 1, 2)])
    months = month_of(when)
    assert months.tolist()[:2] == ["2027-01", "2026-12"] and months.iloc[3] == "2027-01"
    assert pd.isna(months.iloc[2])
    assert months.dtype == pd.to_datetime(when).dt.strftime("%Y-%m").dtype


def test_audit_totals_per_team_are_each_teams_own(recorded):
    recorded.submit(
        "care_record_audit",
        {"audited_on": "2027-05-21", "records": [{"values_recorded": "no",
         "strengths_recorded": "yes", "goals_recorded": "no", "joint_actions": 2}]},
        team="Team B",
    )  # fmt: skip
    audit = build_review(recorded, TODAY).audit
    per_team = audit_totals(audit, by="team")
    for team in (TEAM, "Team B"):
        own = audit_totals(audit[audit["team"] == team])
        assert per_team.loc[team].to_dict() == own.to_dict()
        assert shares_of(own) == audit_shares(audit[audit["team"] == team])
    assert per_team.loc["Team B", "records"] == 1 and per_team.loc[TEAM, "records"] == 2


def _tables(sources) -> dict:
    found = {"responses": sources.responses, "counts": sources.counts}
    found.update({f"answers {form}": table for form, table in sources.answers.items()})
    found.update({f"list {key}": table for key, table in sources.lists.items()})
    return found


def test_the_sources_read_ahead_are_those_read_in_turn(recorded, monkeypatch):
    recorded.submit("action_plan", {"goal": "Cook"}, team="Team B", respondent="w.02",
                    made_at=at("2027-05-31"))  # fmt: skip
    ahead = _tables(read_sources(recorded, TODAY, respondents=True))
    monkeypatch.setattr(Store, "shared_by_threads", property(lambda store: False))
    in_turn = _tables(read_sources(recorded, TODAY, respondents=True))
    assert list(ahead) == list(in_turn)
    for name, table in ahead.items():
        pd.testing.assert_frame_equal(table, in_turn[name], obj=name)
    assert len(ahead["responses"]) == 7 and ahead["counts"]["responses"].sum() == 5


def test_an_in_memory_store_is_read_by_its_own_thread():
    """Another thread would be given an in-memory SQLite of its own, empty."""
    with Store("sqlite://") as store:
        store.submit("care_record_audit", {"audited_on": "2027-05-20", "records": []}, team=TEAM)
        store.submit("action_plan", {"goal": "Cook"}, team=TEAM, respondent="w.02")
        sources = read_sources(store, TODAY)
    assert sources.responses["form_id"].tolist() == ["care_record_audit"]
    assert sources.counted()["responses"].sum() == 2
