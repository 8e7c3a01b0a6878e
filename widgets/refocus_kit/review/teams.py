"""Each facilitator's own teams, as JupyterHub knows them, for the review served on a hub.

A team is a hub group with the property `refocus_team`, whose value is the team's name as the
store writes it (for example the group `team-a` with `{"refocus_team": "Team A"}`); its members
are the team's staff and its facilitators (the hub's admin page, or its API, keeps them). In the
review a facilitator sees the teams whose groups they belong to, and nothing of any other team;
a hub admin sees every team, grouped or not.

The hub also says whose a team-less answer is: a response stored with no team (a form opened
without a session's link) counts for each team whose group holds its respondent, and a member
of staff's exercises for their course's team when they are in its group, else for each of
their teams (one course may serve the whole hub).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from refocus_kit.review.exercises import ExerciseTable
from refocus_kit.review.sources import Sources

__all__ = ["FACILITATORS_GROUP", "TEAM_PROPERTY", "HubTeams", "attributed", "people", "restricted"]

TEAM_PROPERTY = "refocus_team"
FACILITATORS_GROUP = "refocus-facilitators"  # as deploy/jupyterhub/refocus_config.py names it


@dataclass(frozen=True)
class HubTeams:
    """Each team's hub users (every group naming it, together), and the facilitators."""

    members: Mapping[str, frozenset[str]]
    facilitators: frozenset[str] = frozenset()

    @classmethod
    def from_groups(cls, groups: Iterable[Mapping[str, Any]]) -> HubTeams:
        """From the hub's group models (its API's /groups): a group whose properties name a
        team is that team's; the facilitators' group says who facilitates; any other group is
        none of the review's business."""
        found: dict[str, set[str]] = {}
        facilitators: set[str] = set()
        for group in groups:
            users = group.get("users") or ()
            if group.get("name") == FACILITATORS_GROUP:
                facilitators.update(users)
            team = (group.get("properties") or {}).get(TEAM_PROPERTY)
            if isinstance(team, str) and team.strip():
                found.setdefault(team.strip(), set()).update(users)
        teams = {team: frozenset(users) for team, users in found.items()}
        return cls(teams, frozenset(facilitators))

    def teams_of(self, user: str) -> list[str]:
        return sorted(team for team, users in self.members.items() if user in users)

    def staff(self, team: str) -> list[str]:
        """The team's members who are not facilitators."""
        return sorted(self.members.get(team, frozenset()) - self.facilitators)

    def visible(self, user: str, admin: bool, known: Iterable[str]) -> list[str]:
        """The teams this hub user may see: their own, or every team for an admin."""
        if admin:
            return sorted(set(known) | set(self.members))
        return self.teams_of(user)


def _respondents_teams(responses: pd.DataFrame, teams: HubTeams) -> pd.DataFrame:
    """Each team-less response (or count of them) once for each team whose group holds its
    respondent (the others as they are: still team-less)."""
    loose = responses["team"].isna() & responses["respondent"].notna()
    placed = [
        rows.assign(team=team)
        for team, users in sorted(teams.members.items())
        for rows in [responses[loose & responses["respondent"].isin(users)]]
        if not rows.empty
    ]
    if not placed:
        return responses
    return pd.concat([responses, *placed], ignore_index=True)


def _staff_teams(exercises: ExerciseTable, teams: HubTeams) -> ExerciseTable:
    """Each member of staff's exercise rows under their course's team when they are in its
    group, else under each of their teams (a member in no team's group keeps the course's
    team, or none)."""
    table = exercises.table
    if table.empty or not teams.members:
        return exercises
    theirs = {staff: teams.teams_of(staff) for staff in set(table["staff"])}
    placed = [
        [team] if not theirs[staff] or team in theirs[staff] else theirs[staff]
        for staff, team in zip(table["staff"], table["team"], strict=True)
    ]
    moved = table.assign(team=placed).explode("team", ignore_index=True)
    return replace(exercises, table=moved)


def attributed(sources: Sources, teams: HubTeams) -> Sources:
    """The sources with team-less responses and every member of staff's exercises placed in
    their hub teams. Needs the responses' respondents (read_sources(respondents=True))."""
    return replace(
        sources,
        responses=_respondents_teams(sources.responses, teams),
        counts=_respondents_teams(sources.counts, teams),
        exercises=_staff_teams(sources.exercises, teams),
    )


def restricted(sources: Sources, teams: Collection[str]) -> Sources:
    """Only what belongs to the named teams: responses and their answers, counts, sessions,
    timetables and exercises. Nothing else reaches the review built from it."""
    wanted = set(teams)
    exercises = sources.exercises
    return replace(
        sources.of_teams(wanted),
        sessions=tuple(s for s in sources.sessions if s.team in wanted),
        timetables={t: plan for t, plan in sources.timetables.items() if t in wanted},
        exercises=replace(exercises, table=exercises.table[exercises.table["team"].isin(wanted)]),
    )


def people(sources: Sources, team: str, members: Iterable[str]) -> list[dict[str, Any]]:
    """One row per member named (the team's staff, by hub name): how many of their responses
    count for the team (demo data aside) and where they are with each released exercise."""
    counted = sources.counted()
    mine = counted[(counted["team"] == team) & ~counted["demo"].astype(bool)]
    counts = mine.groupby("respondent")["responses"].sum() if "respondent" in mine else {}
    exercises = sources.exercises.table
    exercises = exercises[exercises["team"] == team]
    rows = []
    for member in sorted(set(members)):
        own = exercises[exercises["staff"] == member]
        rows.append(
            {
                "member": member,
                "responses": int(counts.get(member, 0)),
                "exercises": {row.title: _stage(row) for row in own.itertuples()},
            }
        )
    return rows


def _stage(row: Any) -> str:
    if row.score is None or pd.isna(row.score):
        return str(row.stage)
    return f"{row.stage}, {row.score:g} of {row.max_score:g}"
