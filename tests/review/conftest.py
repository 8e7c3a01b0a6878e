"""A small, known programme for one team, as a facilitator would record it."""

import datetime as dt

import pytest

from refocus_kit.sessions import close_session, open_session
from refocus_kit.timetable import cancel_event, save_start

TODAY = dt.date(2027, 6, 10)
START = dt.date(2027, 1, 11)  # month 6 starts 11 June 2027: "today" is in month 5
TEAM = "Team A"


def at(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10), dt.UTC)


def audit(day: str, *records: dict) -> dict:
    return {"audited_on": day, "records": list(records)}


@pytest.fixture
def recorded(store):
    """Team A five months in: some events held, one cancelled, two records with actions, an
    audit, a proposal, supervision forms and a practice record; Team B with a proposal only."""
    save_start(store, TEAM, START, 18)
    cancel_event(store, TEAM, "coaching_follow_up_2", "trainer ill")
    room = open_session(
        store, "team_reflection_session", TEAM, number=1, held_on=dt.date(2027, 2, 11), expected=9
    )
    close_session(store, room.code)
    store.submit(
        "team_reflection_session",
        {"session_number": "s1", "actions": [
            {"what": "Share three strengths-based care plans", "who": "Two volunteers",
             "by_when": "2027-03-01"}]},
        team=TEAM, session=room.code, made_at=at("2027-02-11"),
    )  # fmt: skip
    store.submit(
        "team_reflection_session",
        {"session_number": "s2", "progress": "We shared the care plans, <b>as agreed</b>"},
        team=TEAM, made_at=at("2027-04-12"),
    )  # fmt: skip
    store.submit(
        "manager_reflection_group",
        {"group_number": "g1", "agreed": [{"what": "Protect recovery time", "who": "Managers"}]},
        team=TEAM, made_at=at("2027-01-12"),
    )  # fmt: skip
    store.submit(
        "attendance",
        {"strategy": "personal_recovery_training", "session_number": 1,
         "session_date": "2027-01-12", "attendees": [
             {"attendee": "A-01", "status": "present"}, {"attendee": "A-02", "status": "late"},
             {"attendee": "A-03", "status": "absent"}]},
        team=TEAM,
    )  # fmt: skip
    store.submit(
        "care_record_audit",
        audit(
            "2027-05-20",
            {"values_recorded": "yes", "strengths_recorded": "yes", "goals_recorded": "yes",
             "goals": "Get a volunteering job at the library\nStop drinking",
             "independent_actions": 2, "joint_actions": 1, "passive_actions": 1,
             "strengths_marks": ["complete", "updated"]},
            {"values_recorded": "no", "strengths_recorded": "no", "goals_recorded": "yes",
             "goals": "Get a volunteering job at the library", "passive_actions": 4},
        ),
        team=TEAM,
    )  # fmt: skip
    proposal = {
        "title": "A shared allotment",
        "project_team": [
            {"member": "Sam (fictional)", "role": "person_using_service"},
            {"member": "Support worker", "role": "staff"},
        ],
        "costs": [{"item": "Rent", "amount": 120}, {"item": "Tools", "amount": 80.5}],
        "panel_decision": "funded",
        "amount_spent": 150,
    }
    store.submit("partnership_project_proposal", proposal, team=TEAM)
    store.submit(
        "partnership_project_proposal", {**proposal, "title": "A choir", "panel_decision": None,
                                         "amount_spent": None, "costs": []}, team="Team B"
    )  # fmt: skip
    for day in ("2027-03-02", "2027-03-20", "2027-04-05"):
        store.submit("supervision_reflection", {"q1_when_ask": "At reviews"}, team=TEAM,
                     made_at=at(day))  # fmt: skip
    store.submit(
        "action_plan",
        {"goal": "Join the walking group", "steps": [{"what": "Find the times", "kind": "joint"}]},
        team=TEAM, respondent="w.01", made_at=at("2027-05-02"),
    )  # fmt: skip
    return store
