"""What the review reads of the tidy export: the answers READS names of the forms it reads,
one row per response of every form, and nothing the store made between its reads."""

import datetime as dt

import pandas as pd
import pytest

from refocus_kit.forms.loader import load_form
from refocus_kit.programme import programme
from refocus_kit.review import build_review
from refocus_kit.review import sources as review_sources
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
from refocus_kit.store.export import response_table
from tests.review.conftest import TEAM, TODAY


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
    counted = per_response(sources, "supervision_reflection", [])
    assert len(counted) == 3 and set(counted["team"]) == {TEAM}


def test_a_response_made_between_the_reads_is_left_out(recorded, monkeypatch):
    before = build_review(recorded, TODAY)
    older = response_table(recorded)  # read before the audit below is made

    def table_before(store, **asked):
        return older[asked["columns"]].copy()

    monkeypatch.setattr(review_sources, "response_table", table_before)
    recorded.submit(
        "care_record_audit",
        {
            "audited_on": "2027-06-01",
            "records": [
                {"values_recorded": "yes", "strengths_recorded": "yes", "goals_recorded": "no"}
            ],
        },
        team=TEAM,
    )
    after = build_review(recorded, TODAY)
    pd.testing.assert_frame_equal(after.audit, before.audit)
    monkeypatch.undo()  # read together, the audit is in
    assert len(build_review(recorded, TODAY).audit) == len(before.audit) + 1


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
