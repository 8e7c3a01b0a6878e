"""Widgets for working practice 3, supporting goal-striving (REFOCUS manual, chapter 5):
the goal check, the action planner and the care-plan check."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any

import ipywidgets as w

from refocus_kit.practices.actions import (
    ACTION_KINDS,
    ActionPlan,
    ActionStep,
    check_smart,
    draw_balance,
)
from refocus_kit.practices.careplan import CarePlan, check_care_plan
from refocus_kit.practices.goals import check_goal
from refocus_kit.practices.records import PracticeRecords
from refocus_kit.practices.ui_common import (
    FIT_BUTTONS,
    bullet_list,
    button,
    figure_image,
    labelled,
    verdict_row,
)
from refocus_kit.practices.ui_records import RecordsBar

__all__ = ["ActionPlannerTool", "CarePlanTool", "GoalCheckTool"]

_WIDE = w.Layout(width="95%")
# A "by when" that already starts with one of these reads on its own: "in two weeks", not
# "by in two weeks".
_WHEN_WORDS = {"by", "in", "on", "at", "before", "within", "until", "till", "after", "during"}


def _who_and_when(step: ActionStep) -> str:
    """ "Ana, by next Monday", "Ana and Jo, in two weeks", or what is still to agree."""
    due = step.due_date()
    when = due.isoformat() if due else str(step.by_when or "").strip()
    if when and when.split()[0].lower() not in _WHEN_WORDS:
        when = f"by {when}"
    who = step.who.strip()
    if not who and not when:
        return "who and when not yet agreed"
    return f"{who or 'who not yet agreed'}, {when or 'no date yet'}"


class GoalCheckTool(w.VBox):
    """Type a goal, press Check, read the verdict, reasons and any suggested rephrasing."""

    def __init__(self, text: str = "") -> None:
        self.text = w.Text(
            value=text,
            placeholder="A goal in the person's own words (Enter checks it)",
            description="Goal",
            layout=_WIDE,
            continuous_update=False,  # the value arrives on Enter (or on leaving the box)
        )
        self.check_button = button("Check", button_style="primary")
        self.result = w.HTML()
        self.check_button.on_click(lambda _: self.check())
        self.text.observe(lambda _: self.check(), names="value")
        super().__init__([self.text, self.check_button, self.result])
        if text.strip():
            self.check()

    def check(self) -> None:
        if not self.text.value.strip():
            self.result.value = "<i>Type a goal first.</i>"
            return
        verdict = check_goal(self.text.value)
        html = f"<p><b>{verdict.verdict.capitalize()} goal.</b></p>" + bullet_list(verdict.reasons)
        if verdict.suggestion:
            html += f"<p><b>Suggestion:</b> {escape(verdict.suggestion)}</p>"
        self.result.value = html


class ActionPlannerTool(w.VBox):
    """Add steps (what, who, by when, kind, confidence); see each step's SMART check and the
    balance of independent, joint and passive action."""

    def __init__(
        self,
        plan: ActionPlan | None = None,
        *,
        respondent: str | None = None,
        team: str | None = None,
        store=None,
    ) -> None:
        self.plan = plan or ActionPlan("")
        records = PracticeRecords(
            "action_plan",
            respondent=respondent,
            team=team,
            store=store,
            title=lambda a: str(a.get("goal") or "")[:60],
        )
        self.records = RecordsBar(records, self.answers, self.load)
        self.goal = w.Text(
            value=self.plan.goal, description="Goal", layout=_WIDE, continuous_update=False
        )
        self.what = w.Text(description="What", placeholder="One step", layout=_WIDE)
        self.who = w.Text(description="Who")
        example = (date.today() + timedelta(days=14)).isoformat()
        self.by_when = w.Text(description="By when", placeholder=f"{example} or 'next Friday'")
        self.kind = w.ToggleButtons(options=ACTION_KINDS, style=FIT_BUTTONS)
        self.confidence = w.Dropdown(
            options=[("not asked yet", None)] + [(str(i), i) for i in range(11)],
            index=0,  # without it, whether "not asked yet" shows depends on string hashing
            description="Confidence",
        )
        self.add_button = button("Add step", button_style="primary")
        self.steps = w.HTML()
        self.picture = w.Box()
        self.add_button.on_click(lambda _: self.add_step())
        self.goal.observe(lambda _: self.refresh(), names="value")
        self.goal.observe(self.records.changed, names="value")
        super().__init__(
            [
                self.goal,
                self.what,
                w.HBox([self.who, self.by_when]),
                labelled("Action", self.kind),
                self.confidence,
                self.add_button,
                self.steps,
                self.picture,
                self.records,
            ]
        )
        self.refresh()

    def answers(self) -> dict[str, Any]:
        """The plan in the ``action_plan`` record's answer shape."""
        self.plan.goal = self.goal.value
        return self.plan.to_dict()

    def load(self, answers: dict[str, Any]) -> None:
        """Carry on a saved plan."""
        saved = ActionPlan.from_dict({"goal": "", **answers})
        self.plan.goal, self.plan.steps[:] = saved.goal, saved.steps  # in place: a care-plan
        self.goal.value = saved.goal  # check given this plan sees the one opened
        self.refresh()

    def add_step(self) -> None:
        if not self.what.value.strip():
            self.steps.value = "<i>Say what the step is first.</i>" + self._steps_html()
            return
        self.plan.add(
            self.what.value.strip(),
            self.who.value.strip(),
            self.by_when.value.strip(),
            self.kind.value,
            self.confidence.value,
        )
        self.what.value = ""
        self.refresh()
        self.records.changed()

    def refresh(self) -> None:
        self.plan.goal = self.goal.value
        self.steps.value = self._steps_html()
        self.picture.children = (figure_image(draw_balance(self.plan)),)

    def _steps_html(self) -> str:
        parts = []
        for n, step in enumerate(self.plan.steps, 1):
            marks = "".join(verdict_row(m.passed, m.label, [m.reason]) for m in check_smart(step))
            title = f"Step {n} ({step.kind}): {step.what} \u2014 {_who_and_when(step)}"
            parts.append(f"<details><summary>{escape(title)}</summary>{marks}</details>")
        return "".join(parts) or "<i>No steps yet.</i>"


class CarePlanTool(w.VBox):
    """Check one or more action plans, with the values and strengths summaries, against the
    manual's four care-plan tests (section 5.4)."""

    def __init__(
        self,
        plans: list[ActionPlan] | None = None,
        values_summary: str = "",
        strengths_summary: str = "",
        *,
        respondent: str | None = None,
        team: str | None = None,
        store=None,
    ) -> None:
        self.plans = plans if plans is not None else []
        records = PracticeRecords(
            "care_plan_check",
            respondent=respondent,
            team=team,
            store=store,
            title=lambda a: "; ".join(_goals(a))[:60],
        )
        self.records = RecordsBar(records, self.answers, self.load)
        self.plans_view = w.HTML()
        self.values = w.Textarea(value=values_summary, description="Values", layout=_WIDE)
        self.strengths = w.Textarea(value=strengths_summary, description="Strengths", layout=_WIDE)
        self.chose = w.Dropdown(
            options=[("not asked yet", None), ("yes", True), ("no", False)],
            index=0,
            description="Own goals?",
        )
        self.check_button = button("Check care plan", button_style="primary")
        self.result = w.HTML()
        self.check_button.on_click(lambda _: self.check())
        for control in (self.values, self.strengths, self.chose):
            control.observe(self.records.changed, names="value")
        super().__init__(
            [
                self.plans_view,
                self.values,
                self.strengths,
                self.chose,
                self.check_button,
                self.result,
                self.records,
            ]
        )
        self._show_plans()

    def care_plan(self) -> CarePlan:
        return CarePlan(self.plans, self.values.value, self.strengths.value, self.chose.value)

    def check(self) -> None:
        self._show_plans()
        tests = check_care_plan(self.care_plan())
        self.result.value = "".join(verdict_row(t.passed, t.label, t.reasons) for t in tests)

    def _show_plans(self) -> None:
        goals = [f"{p.goal} ({len(p.steps)} step(s))" for p in self.plans]
        self.plans_view.value = "<b>Plans checked</b>" + (
            bullet_list(goals) if goals else "<p><i>No plans yet.</i></p>"
        )

    def answers(self) -> dict[str, Any]:
        """The care plan and the four tests' outcome, in the ``care_plan_check`` record's
        shape: one entry per step, under its goal."""
        entries = []
        for plan in self.plans:
            entries += [{"goal": plan.goal, **s.to_dict()} for s in plan.steps] or [
                {"goal": plan.goal}
            ]
        outcome = {True: "met", False: "not_met", None: "ask"}
        chose = {True: "yes", False: "no", None: None}[self.chose.value]
        return {
            "steps": entries,
            "values_summary": self.values.value,
            "strengths_summary": self.strengths.value,
            "person_chose_goals": chose,
            **{f"test_{t.id}": outcome[t.passed] for t in check_care_plan(self.care_plan())},
        }

    def load(self, answers: dict[str, Any]) -> None:
        """Carry on a saved check: its plans (rebuilt goal by goal), summaries and answer."""
        plans: dict[str, ActionPlan] = {}
        for entry in answers.get("steps") or ():
            plan = plans.setdefault(entry["goal"], ActionPlan(entry["goal"]))
            step = {k: v for k, v in entry.items() if k != "goal"}
            if step.get("what"):
                plan.steps.append(ActionStep(**step))
        self.plans = list(plans.values())
        self.values.value = str(answers.get("values_summary") or "")
        self.strengths.value = str(answers.get("strengths_summary") or "")
        self.chose.value = {"yes": True, "no": False}.get(str(answers.get("person_chose_goals")))
        self.result.value = ""
        self._show_plans()


def _goals(answers: dict[str, Any]) -> list[str]:
    """The goals of a saved care-plan check, each once, in order."""
    return list(dict.fromkeys(e.get("goal", "") for e in answers.get("steps") or ()))
