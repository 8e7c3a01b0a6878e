"""Check a care plan against the four tests of section 5.4 of the REFOCUS manual.

The manual says the resulting care plan will "a) Focus on personally-valued goals; b) Reflect the
person's values and treatment preferences; c) Build on the person's strengths; AND d) Involve
independent and joint action rather than passive action". The check measures what the written
plan can show (shared words, counts of action kinds) and asks where only the person can answer
(did they choose these goals?). Each test reports why it passed or not. The labels are the
manual's words; how test d) is read (more independent or joint than passive steps) is the kit's
own, and its reasons say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refocus_kit.practices.actions import ActionPlan
from refocus_kit.practices.content import threshold
from refocus_kit.practices.goals import AVOIDANCE, check_goal
from refocus_kit.practices.words import shared_words

__all__ = ["MORE_ACTIVE", "CarePlan", "CarePlanTest", "check_care_plan"]

MORE_ACTIVE = threshold("smart", "more_active_than_passive")  # the kit's reading of test d)
_OWN_VOICE = re.compile(r"\b(i|i'd|i'm|my|me|would like|wants?|hopes?|wishes)\b", re.IGNORECASE)


@dataclass
class CarePlan:
    """The parts of a care plan the four tests look at.

    ``person_chose_goals`` records the person's own answer to "are these your goals?"; leave it
    None until it has been asked.
    """

    plans: list[ActionPlan] = field(default_factory=list)
    values_summary: str = ""
    strengths_summary: str = ""
    person_chose_goals: bool | None = None

    @property
    def goals(self) -> list[str]:
        return [p.goal for p in self.plans if p.goal.strip()]

    def plan_text(self) -> str:
        """Goals and steps as one text, for comparing with the values and strengths."""
        return " ".join(self.goals + [s.what for p in self.plans for s in p.steps])


@dataclass(frozen=True)
class CarePlanTest:
    """One of the four tests: passed (True/False, None when it must be asked) and why."""

    id: str
    label: str
    passed: bool | None
    reasons: tuple[str, ...]


def _goals_test(plan: CarePlan) -> CarePlanTest:
    label = "a) Focus on personally-valued goals"
    if not plan.goals:
        return CarePlanTest("goals", label, False, ("No goals are recorded yet.",))
    reasons = []
    not_own = [g for g in plan.goals if not _OWN_VOICE.search(g)]
    reasons += [
        f'"{g}" is not written in the person\'s voice ("I would like...").' for g in not_own
    ]
    avoidance = [g for g in plan.goals if check_goal(g).verdict == AVOIDANCE]
    reasons += [
        f'"{g}" reads as an avoidance goal; an approach wording may help.' for g in avoidance
    ]
    if plan.person_chose_goals is None:
        reasons.append("Ask the person: are these your goals, in your words?")
        return CarePlanTest("goals", label, None if not not_own else False, tuple(reasons))
    if not plan.person_chose_goals:
        reasons.append("The person said these are not (all) their own goals.")
    else:
        reasons.append("The person says these are their own goals.")
    return CarePlanTest("goals", label, plan.person_chose_goals and not not_own, tuple(reasons))


def _overlap_test(test_id: str, label: str, source: str, what: str, plan: CarePlan) -> CarePlanTest:
    if not source.strip():
        return CarePlanTest(test_id, label, False, (f"No {what} summary is recorded to build on.",))
    shared = shared_words(source, plan.plan_text())
    if shared:
        words = ", ".join(f'"{w}"' for w in shared[:6])
        return CarePlanTest(test_id, label, True, (f"The plan picks up the {what}: {words}.",))
    return CarePlanTest(
        test_id,
        label,
        False,
        (
            f"No words from the {what} summary appear in the goals or steps; "
            f"check with the person how the plan uses their {what}.",
        ),
    )


def _action_test(plan: CarePlan) -> CarePlanTest:
    label = "d) Involve independent and joint action rather than passive action"
    counts = {"independent": 0, "joint": 0, "passive": 0}
    for p in plan.plans:
        for kind, n in p.balance().items():
            counts[kind] += n
    active = counts["independent"] + counts["joint"]
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    if not active and not counts["passive"]:
        return CarePlanTest("actions", label, False, ("No steps are planned yet.",))
    if active > counts["passive"]:
        return CarePlanTest("actions", label, True, (f"Steps: {summary}: {MORE_ACTIVE}.",))
    return CarePlanTest(
        "actions",
        label,
        False,
        (
            f"Steps: {summary}: not {MORE_ACTIVE}; look for ways the person could do more "
            "themselves or with others.",
        ),
    )


def check_care_plan(plan: CarePlan) -> tuple[CarePlanTest, ...]:
    """The manual's four tests (section 5.4), in its order."""
    return (
        _goals_test(plan),
        _overlap_test(
            "values",
            "b) Reflect the person's values and treatment preferences",
            plan.values_summary,
            "values and treatment preferences",
            plan,
        ),
        _overlap_test(
            "strengths",
            "c) Build on the person's strengths",
            plan.strengths_summary,
            "strengths",
            plan,
        ),
        _action_test(plan),
    )
