"""Each facilitator's own teams, without a hub: the hub's groups (as its API gives them) say
which teams are whose; the review served to a facilitator is built from their teams' data
alone, refuses another team's, and lists the team's staff with what each has sent; a hub admin
sees every team; answers sent with no team count for their respondent's teams."""

from __future__ import annotations

import pandas as pd
import pytest
from markupsafe import escape

from refocus_kit.hub import HubVisitor
from refocus_kit.review.build import review_from
from refocus_kit.review.exercises import EXERCISE_COLUMNS, ExerciseTable
from refocus_kit.review.report import review_html
from refocus_kit.review.server import NO_TEAMS, NOT_YOURS, served_page
from refocus_kit.review.sources import read_sources
from refocus_kit.review.teams import HubTeams, attributed, people, restricted
from tests.review.conftest import TEAM, TODAY

# Fictional hub users.
GROUPS = [
    {"name": "team-a", "users": ["fran", "sam"], "properties": {"refocus_team": TEAM}},
    {"name": "team-a-bank", "users": ["alex"], "properties": {"refocus_team": TEAM}},
    {"name": "team-b", "users": ["kim", "jo"], "properties": {"refocus_team": "Team B"}},
    {"name": "refocus-facilitators", "users": ["fran", "kim"], "properties": {}},
    {"name": "choir", "users": ["sam", "zed"], "properties": {"colour": "blue"}},
]
# What only Team A's data holds (conftest.recorded), and Team B's proposal.
TEAM_A_ONLY = ["Share three strengths-based care plans", "A shared allotment", "Protect recovery"]
TEAM_B_ONLY = "A choir"


def test_a_team_is_a_hub_group_naming_it_and_facilitators_see_their_own():
    hub = HubTeams.from_groups(GROUPS)
    assert dict(hub.members) == {
        TEAM: frozenset({"fran", "sam", "alex"}),
        "Team B": frozenset({"kim", "jo"}),
    }
    assert hub.staff(TEAM) == ["alex", "sam"] and hub.staff("Team C") == []
    assert hub.visible("fran", False, [TEAM, "Team B", "Team C"]) == [TEAM]
    assert hub.visible("kim", False, [TEAM, "Team B"]) == ["Team B"]
    assert hub.visible("zed", False, [TEAM, "Team B"]) == []
    assert hub.visible("ada", True, [TEAM, "Team C"]) == [TEAM, "Team B", "Team C"]


def test_a_team_restricted_review_holds_nothing_of_another_team(recorded):
    sources = read_sources(recorded, TODAY, respondents=True)
    mine = restricted(sources, ["Team B"])
    assert set(mine.responses["team"]) == {"Team B"} and mine.counts.empty  # Team B: 1 proposal
    ids = set(mine.responses["response_id"])
    tables = [*mine.answers.values(), *mine.lists.values()]
    assert tables and all(set(table["response_id"]) <= ids for table in tables)
    assert {s.team for s in mine.sessions} <= {"Team B"} and set(mine.timetables) == set()
    review = review_from(mine)
    assert review.teams == ["Team B"]
    page = review_html(review, "Team B")
    assert TEAM_B_ONLY in page
    assert TEAM not in page and not any(text in page for text in TEAM_A_ONLY)


def test_answers_sent_with_no_team_count_for_each_of_their_respondents_teams(recorded):
    recorded.submit("supervision_reflection", {"q1_when_ask": "At reviews"}, respondent="sam")
    recorded.submit("supervision_reflection", {"q1_when_ask": "Weekly"}, respondent="zed")
    hub = HubTeams.from_groups(GROUPS)
    sources = attributed(read_sources(recorded, TODAY, respondents=True), hub)
    counted = sources.counted(["supervision_reflection"])  # counted, not read: no row each
    placed = counted[counted["respondent"].isin(["sam", "zed"])]
    assert sorted(placed["team"].fillna("none")) == ["Team A", "none", "none"]
    review = review_from(restricted(sources, [TEAM]))
    assert review.of("supervision", TEAM)["forms"].sum() == 4  # the three in conftest, and sam's
    rows = people(restricted(sources, [TEAM]), TEAM, hub.staff(TEAM))
    assert [(r["member"], r["responses"]) for r in rows] == [("alex", 0), ("sam", 1)]


def exercise_rows(*rows: tuple) -> ExerciseTable:
    """One exercise's per-staff table, as the exercises' export gives it."""
    table = pd.DataFrame(
        [(team, "coaching", "Coaching", "2027-03-01", staff, stage, False, score, 9.0)
         for team, staff, stage, score in rows],
        columns=EXERCISE_COLUMNS,
    )  # fmt: skip
    return ExerciseTable(table)


def test_each_member_of_staffs_exercises_go_to_their_teams(recorded):
    from dataclasses import replace

    sources = read_sources(recorded, TODAY, respondents=True)
    sources = replace(
        sources,
        exercises=exercise_rows(
            (None, "sam", "marked", 7.0),
            (None, "jo", "not submitted", None),
            ("Team C", "zed", "awaiting grading", None),  # in no team's group: the course's team
        ),
    )
    hub = HubTeams.from_groups(GROUPS)
    placed = attributed(sources, hub).exercises.table.set_index("staff")["team"].to_dict()
    assert placed == {"sam": TEAM, "jo": "Team B", "zed": "Team C"}
    rows = people(restricted(attributed(sources, hub), [TEAM]), TEAM, hub.staff(TEAM))
    assert rows[1] == {"member": "sam", "responses": 0, "exercises": {"Coaching": "marked, 7 of 9"}}
    assert rows[0]["exercises"] == {}  # alex: not on the roster


def test_a_course_of_one_teams_own_keeps_its_rows_under_that_team(recorded):
    """A member of staff in two teams' groups (here jo, in Team B's and the bank's), whose
    course is Team B's: their rows stay under Team B, not under every team of theirs."""
    from dataclasses import replace

    groups = [
        *GROUPS[:3],
        {"name": "bank", "users": ["jo"], "properties": {"refocus_team": "Bank"}},
    ]
    sources = replace(
        read_sources(recorded, TODAY, respondents=True),
        exercises=exercise_rows(("Team B", "jo", "marked", 5.0), (None, "sam", "marked", 7.0)),
    )
    table = attributed(sources, HubTeams.from_groups(groups)).exercises.table
    assert sorted(zip(table["staff"], table["team"], strict=True)) == [
        ("jo", "Team B"), ("sam", TEAM)
    ]  # fmt: skip
    # A shared course (no team): each of the member's teams.
    shared = replace(sources, exercises=exercise_rows((None, "jo", "marked", 5.0)))
    table = attributed(shared, HubTeams.from_groups(groups)).exercises.table
    assert sorted(table["team"]) == ["Bank", "Team B"]


@pytest.fixture
def kit_store(recorded, store_url, monkeypatch):
    """The recorded store as the kit's own (the review service reads the kit's store)."""
    monkeypatch.setenv("REFOCUS_DATABASE_URL", store_url)
    recorded.submit("supervision_reflection", {"q1_when_ask": "At reviews"}, respondent="sam")
    return recorded


def test_the_served_review_shows_a_facilitator_their_team_and_its_staff(kit_store):
    status, page = served_page(HubVisitor("fran"), GROUPS, "", TODAY)
    assert status == 200
    assert f"<option selected>{TEAM}</option>" in page and "Team B" not in page
    assert all(text in page for text in TEAM_A_ONLY) and TEAM_B_ONLY not in page
    staff = page[page.index('<h2 id="staff">') : page.index("</table>")]
    assert "<td>alex</td><td>0</td>" in staff and "<td>sam</td><td>1</td>" in staff
    assert "fran" not in staff  # a facilitator is not the team's staff


def test_another_teams_review_is_refused_and_never_shown(kit_store):
    status, page = served_page(HubVisitor("kim"), GROUPS, TEAM, TODAY)
    assert status == 403 and escape(NOT_YOURS) in page
    assert "<option>Team B</option>" in page
    assert not any(text in page for text in [*TEAM_A_ONLY, TEAM_B_ONLY, "sam", "alex"])
    status, page = served_page(HubVisitor("kim"), GROUPS, "Team Nobody", TODAY)
    assert status == 403  # the same answer, whether the team exists or not
    status, page = served_page(HubVisitor("kim"), GROUPS, "", TODAY)
    assert status == 200 and TEAM_B_ONLY in page and TEAM not in page


def test_a_hub_with_no_store_yet_shows_each_team_with_nothing_stored(data_dir):
    status, page = served_page(HubVisitor("fran"), GROUPS, "", TODAY)
    assert status == 200 and f"<option selected>{TEAM}</option>" in page
    assert "No data yet." in page  # not an error: the store is made on first use
    staff = page[page.index('<h2 id="staff">') : page.index("</table>")]
    assert "<td>alex</td><td>0</td>" in staff and "<td>sam</td><td>0</td>" in staff


def test_a_facilitator_in_no_teams_group_sees_no_team(kit_store):
    status, page = served_page(HubVisitor("zed"), GROUPS, "", TODAY)
    assert status == 200 and escape(NO_TEAMS) in page
    assert not any(text in page for text in [*TEAM_A_ONLY, TEAM_B_ONLY])


def test_a_hub_admin_sees_every_team(kit_store):
    status, page = served_page(HubVisitor("ada", admin=True), GROUPS, "Team B", TODAY)
    assert status == 200 and TEAM_B_ONLY in page
    assert f"<option>{TEAM}</option>" in page and "<option selected>Team B</option>" in page
