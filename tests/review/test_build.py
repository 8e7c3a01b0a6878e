"""The review built from the tidy export, the sessions and the timetables: delivery, reflection,
the partnership project, the audit and the index, for a team whose record is known."""

import pandas as pd
import pytest

from refocus_kit.practices.strengths_quality import marks
from refocus_kit.review import build_review, kit_review
from refocus_kit.review.practice import audit_shares
from tests.review.conftest import TEAM, TODAY


def _status(review, event_id):
    rows = review.delivery[(review.delivery["team"] == TEAM)]
    return rows.set_index("event_id").loc[event_id]


def test_delivery_against_the_timetable(recorded):
    review = build_review(recorded, TODAY)
    # held: a session opened for it, an attendance record, a record with its number
    assert _status(review, "team_reflection_1")["status"] == "held"
    assert _status(review, "team_reflection_1")["expected"] == 9
    recovery = _status(review, "recovery_training_1")
    assert recovery["status"] == "held" and recovery["present"] == 2
    assert _status(review, "team_reflection_2")["status"] == "held"
    assert _status(review, "manager_group_1")["status"] == "held"
    assert _status(review, "supervision_reflection")["status"] == "held"
    # not held: cancelled, overdue (over 30 days past), due (within 30), planned (to come)
    assert _status(review, "coaching_follow_up_2")["status"] == "cancelled"
    assert _status(review, "manager_group_2")["status"] == "overdue"  # month 3, 11 March
    assert _status(review, "recovery_training_3")["status"] == "due"  # month 5, 11 May
    assert _status(review, "manager_group_3")["status"] == "planned"  # month 6, 11 June
    assert len(review.of("delivery", TEAM)) == 25


def test_actions_with_owner_date_and_follow_up(recorded):
    actions = build_review(recorded, TODAY).of("actions", TEAM).set_index("what")
    shared = actions.loc["Share three strengths-based care plans"]
    assert (shared["who"], shared["by_when"], shared["number"]) == (
        "Two volunteers",
        "2027-03-01",
        1,
    )
    assert shared["follow_up"] == "followed up"  # session 2's progress mentions the care plans
    assert actions.loc["Protect recovery time"]["follow_up"] == "next session not yet recorded"


def test_an_action_the_next_record_does_not_mention(recorded):
    recorded.submit(
        "manager_reflection_group", {"group_number": "g2", "progress": "Talked about rotas"},
        team=TEAM,
    )  # fmt: skip
    actions = build_review(recorded, TODAY).of("actions", TEAM).set_index("what")
    assert actions.loc["Protect recovery time"]["follow_up"] == "not mentioned"


def test_supervision_forms_by_month_and_practice_records(recorded):
    review = build_review(recorded, TODAY)
    used = review.of("supervision", TEAM).set_index("month")["forms"].to_dict()
    assert used == {"2027-03": 2, "2027-04": 1}
    practice = review.of("practice", TEAM)
    assert practice[["form_id", "month", "records"]].values.tolist() == [
        ["action_plan", "2027-05", 1]
    ]


def test_partnership_requested_decision_and_spent_against_500(recorded):
    table = build_review(recorded, TODAY).partnership.set_index("team")
    mine = table.loc[TEAM]
    assert (mine["requested"], mine["decision"], mine["spent"], mine["limit"]) == (
        200.5,
        "Funded",
        150.0,
        500.0,
    )
    assert table.loc["Team B", "decision"] == "Not yet decided"


def test_audit_shares_use_the_goal_check_and_the_seven_marks(recorded):
    shares = build_review(recorded, TODAY).shares(TEAM)
    assert shares["values_recorded"] == 0.5 and shares["goals_recorded"] == 1.0
    assert shares["approach_goals"] == pytest.approx(2 / 3)  # "Stop drinking" is avoidance
    assert shares["independent_actions"] == 0.25 and shares["passive_actions"] == 0.625
    assert shares["strengths_marks"] == pytest.approx(2 / 7)  # one record with strengths


def test_the_audits_marks_are_the_strengths_checks_seven():
    from refocus_kit.forms import load_form

    records = next(f for f in load_form("care_record_audit").fields if f.id == "records")
    field = next(f for f in records.fields if f.id == "strengths_marks")
    assert [o.value for o in field.options] == [m["id"] for m in marks()]
    assert [o.label for o in field.options] == [m["label"] for m in marks()]


def test_the_audit_form_holds_no_identifier():
    from refocus_kit.forms import load_form

    form = load_form("care_record_audit")
    assert form.respondent == "none" and form.kit_own
    every = [f.id for f in form.fields] + [s.id for f in form.fields for s in f.fields]
    assert not [f for f in every if any(w in f for w in ("name", "nhs", "number", "id"))]


def test_the_index_follows_its_formula(recorded):
    review = build_review(recorded, TODAY)
    row = review.index.set_index("team").loc[TEAM]
    come = review.of("delivery", TEAM)
    come = come[come["status"].isin(["held", "due", "overdue"])]
    delivery = (come["status"] == "held").mean()
    shares = audit_shares(review.of("audit", TEAM))
    active = shares["independent_actions"] + shares["joint_actions"]
    practice = (
        shares["values_recorded"]
        + shares["strengths_recorded"]
        + shares["goals_recorded"]
        + shares["approach_goals"]
        + active
    ) / 5
    assert row["delivery"] == delivery and row["practice"] == pytest.approx(practice)
    assert row["index"] == round(100 * (delivery + practice) / 2, 1)
    team_b = review.index.set_index("team").loc["Team B"]
    assert pd.isna(team_b["index"]) and "no audit" in team_b["missing"]


def test_what_a_team_lacks_is_said(recorded):
    review = build_review(recorded, TODAY)
    assert review.missing(TEAM) == []
    lacking = review.missing("Team B")
    assert any("refocus timetable --team 'Team B'" in m for m in lacking)
    assert "no care-record audit (the kit's own form care_record_audit)" in lacking
    assert review.missing("Team C") == ["nothing at all is stored for 'Team C' yet"]


def test_the_measures_are_tidy_by_team_and_month(recorded):
    measures = build_review(recorded, TODAY).measures
    assert list(measures.columns) == ["team", "month", "section", "measure", "value"]
    held = measures[(measures["measure"] == "events held") & (measures["team"] == TEAM)]
    assert held.set_index("month")["value"].to_dict() == {
        "2027-01": 2,  # recovery training 1 and manager group 1
        "2027-02": 1,
        "2027-03": 1,  # supervision reflection in use
        "2027-04": 1,
    }


def test_an_empty_store_and_no_store_give_an_empty_review(store, data_dir):
    assert build_review(store).empty
    assert kit_review().empty and not (data_dir / "refocus.sqlite3").exists()
