"""The demo's whole programme: several fictional teams, each with a kept timetable and what it
recorded along the way (attendance, team and manager reflection records with agreed actions,
supervision reflection forms, care-record audits, practice records, a partnership proposal),
so that a newcomer sees a full progress review.

Every team, pseudonym and word here is invented, and every row is marked demo. The data is
made the same way each time from a fixed seed, dated back from the day it is loaded, and its
submission ids are fixed, so loading twice stores nothing new."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from refocus_kit.store.store import Store
from refocus_kit.timetable import add_months, cancel_event, make_timetable, move_event, save_start

__all__ = ["DEMO_PROGRAMME_TEAMS", "DemoTeam", "Planned", "load_programme_demo", "planned"]


@dataclass(frozen=True)
class DemoTeam:
    name: str
    started_months_ago: int
    months: int
    keeps_up: float  # the share of events it holds, and how fast its records improve
    slug: str


DEMO_PROGRAMME_TEAMS = (
    DemoTeam("Demo team North (fictional)", 17, 18, 0.95, "north"),
    DemoTeam("Demo team River (fictional)", 13, 18, 0.75, "river"),
    DemoTeam("Demo team Hill (fictional)", 9, 12, 0.55, "hill"),
)
_ACTIONS = [
    ("Share three strengths-based care plans at the next meeting", "Two volunteers"),
    ("Ask each person on the caseload about their values at review", "Care coordinators"),
    ("Book the allotment visit with the partnership project group", "Team manager"),
    ("Try the action planner with one person each this month", "Each worker"),
    ("Invite the peer support worker to the next team meeting", "Team manager"),
]
_GOALS = [
    "To go back to the pottery class",
    "Get a volunteering job at the library",
    "To stop feeling anxious on the bus",
    "Visit my sister in Leeds by train",
    "Not to end up in hospital again",
    "Cook a meal for friends",
    "Stop drinking so much",
    "Join the walking group",
]


@dataclass(frozen=True)
class Planned:
    """One demo response to store."""

    form_id: str
    answers: dict[str, Any]
    team: str
    made_on: dt.date
    key: str
    respondent: str | None = None


def _attendance(team: DemoTeam, dated, rng: random.Random) -> dict[str, Any]:
    strategy = dated.strategy
    numbers = [e.id for e in strategy.events]
    number = dated.event.number or numbers.index(dated.event.id) + 1
    people = [
        {"attendee": f"{team.slug.upper()}-{n:02d}", "status": "present"}
        if rng.random() < team.keeps_up
        else {"attendee": f"{team.slug.upper()}-{n:02d}", "status": "absent"}
        for n in range(1, 13)
    ]
    return {
        "strategy": strategy.id,
        "session_number": number,
        "session_date": dated.on.isoformat(),
        "attendees": people,
    }


def _reflection(dated, rng: random.Random, follows: str) -> dict[str, Any]:
    what, who = rng.choice(_ACTIONS)
    by_when = dated.on + dt.timedelta(days=45)
    room = "session_number" if dated.strategy.number == 5 else "group_number"
    prefix = "s" if room == "session_number" else "g"
    answers: dict[str, Any] = {room: f"{prefix}{dated.event.number}"}
    if dated.strategy.number == 5:
        answers |= {
            "month": dated.event.month,
            "format": dated.event.mode,
            "progress": f"Looked back at what we agreed: {follows}".strip(),
            "enablers": "Peer support between workers (fictional demo)",
            "actions": [{"what": what, "who": who, "by_when": by_when.isoformat()}],
        }
    else:
        answers |= {
            "progress": f"Managers reviewed: {follows}".strip(),
            "agreed": [{"what": what, "who": who, "by_when": by_when.isoformat()}],
        }
    return answers


def _audit(team: DemoTeam, day: dt.date, progress: float, rng: random.Random) -> dict[str, Any]:
    def yes(chance: float) -> str:
        return "yes" if rng.random() < chance else "no"

    records = []
    for _n in range(10):
        goals = rng.sample(_GOALS, 2)
        passive = rng.randint(0, 3 - round(2 * progress))
        records.append(
            {
                "values_recorded": yes(0.1 + 0.85 * progress),
                "strengths_recorded": yes(0.2 + 0.75 * progress),
                "goals_recorded": yes(0.4 + 0.55 * progress),
                "goals": "\n".join(goals),
                "independent_actions": rng.randint(0, 1 + round(2 * progress)),
                "joint_actions": rng.randint(0, 1 + round(2 * progress)),
                "passive_actions": passive,
                "strengths_marks": rng.sample(
                    [
                        "complete",
                        "individualised",
                        "full_identity",
                        "partnership",
                        "external_resources",
                        "skills",
                        "updated",
                    ],
                    round(1 + 5 * progress * rng.random()),
                ),
            }
        )
    return {
        "audited_on": day.isoformat(),
        "sample": "Every fifth record on the caseload list (fictional demo audit)",
        "records": records,
    }


def _team_plan(team: DemoTeam, today: dt.date, answers: dict[str, dict]) -> Iterator[Planned]:
    rng = random.Random(f"refocus-demo-{team.slug}")  # noqa: S311  (made-up data, not secrets)
    start = add_months(today, -team.started_months_ago)
    plan = make_timetable(team.name, start, team.months)
    follows: dict[int, str] = {}
    for dated in plan.events:
        if dated.on is None or dated.on > today or dated.until or rng.random() > team.keeps_up:
            continue
        key = f"demo-{team.slug}-{dated.event.id}"
        made = Planned("attendance", _attendance(team, dated, rng), team.name, dated.on, key)
        yield made
        number = dated.strategy.number
        if number in (4, 5) and dated.strategy.form:
            remembered = follows.get(number, "") if rng.random() < team.keeps_up else ""
            record = _reflection(dated, rng, remembered)
            yield Planned(dated.strategy.form, record, team.name, dated.on, f"{key}-record")
            follows[number] = (record.get("actions") or record["agreed"])[0]["what"]
    yield from _monthly(team, plan, today, answers, rng)


def _monthly(team: DemoTeam, plan, today: dt.date, answers, rng) -> Iterator[Planned]:
    practice = ["values_treatment_preferences", "strengths_worksheet", "action_plan", "life_map"]
    for month in range(2, team.started_months_ago + 1):
        day = add_months(plan.start, month - 1) + dt.timedelta(days=rng.randint(0, 20))
        if day > today:
            break
        progress = min(1.0, team.keeps_up * month / plan.months)
        for n in range(round(2 + 4 * progress * rng.random())):
            yield Planned(
                "supervision_reflection",
                answers["supervision_reflection"],
                team.name,
                day,
                f"demo-{team.slug}-supervision-{month}-{n}",
                respondent=f"demo.{team.slug}{n}",
            )
        if month % 3 == 0:
            audit = _audit(team, day, progress, rng)
            yield Planned(
                "care_record_audit", audit, team.name, day, f"demo-{team.slug}-audit-{month}"
            )
        form_id = practice[month % len(practice)]
        yield Planned(
            form_id,
            answers[form_id],
            team.name,
            day,
            f"demo-{team.slug}-practice-{month}",
            respondent=f"demo.{team.slug}",
        )
        if month == 4:
            proposal = dict(answers["partnership_project_proposal"])
            proposal["title"] = f"A shared allotment ({team.name})"
            proposal["panel_decision"] = "funded" if team.keeps_up > 0.6 else "resubmit"
            proposal["amount_spent"] = round(400 * team.keeps_up, 2) if team.keeps_up > 0.6 else 0
            yield Planned(
                "partnership_project_proposal", proposal, team.name, day, f"demo-{team.slug}-pp"
            )


def planned(today: dt.date, answers: dict[str, dict]) -> list[Planned]:
    """Every demo response of the programme, for the day it is loaded."""
    return [p for team in DEMO_PROGRAMME_TEAMS for p in _team_plan(team, today, answers)]


def _timetables(store: Store, today: dt.date) -> None:
    for team in DEMO_PROGRAMME_TEAMS:
        save_start(
            store, team.name, add_months(today, -team.started_months_ago), team.months, demo=True
        )
    river = DEMO_PROGRAMME_TEAMS[1]
    plan = make_timetable(river.name, add_months(today, -river.started_months_ago), river.months)
    late = plan.event("team_reflection_5").planned_on + dt.timedelta(days=14)
    move_event(store, river.name, "team_reflection_5", late, "Clashed with a CQC visit", demo=True)
    cancel_event(store, river.name, "manager_group_4", "Merged with group 5 (fictional)", demo=True)


def load_programme_demo(
    store: Store, answers: dict[str, dict], today: dt.date | None = None
) -> int:
    """Store the demo teams' timetables and responses; returns how many responses it made."""
    today = today or dt.date.today()
    _timetables(store, today)
    made = planned(today, answers)
    for item in made:
        store.submit(
            item.form_id,
            item.answers,
            team=item.team,
            respondent=item.respondent,
            submission_id=item.key,
            demo=True,
            made_at=dt.datetime.combine(item.made_on, dt.time(10), dt.UTC),
        )
    return len(made)
