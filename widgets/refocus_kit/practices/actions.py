"""Plan steps towards a goal and check them (REFOCUS manual, sections 5.3 and 5.4).

Each step records who does what by when, and whether it is independent, joint or passive action
(section 5.3, principle 6): passive actions by workers "may inadvertently hinder the development
of self-management skills", so the planner draws the balance for the person and worker to see.
Each step also gets a SMART check (Specific, Measurable, Attainable, Realistic, Timetabled) with
the reason for every mark, because a trainee learns more from the reason than from the tick.
The five marks are the manual's; the numbers the check applies to them are the kit's own, and
every reason that uses one says so.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from matplotlib.figure import Figure

from refocus_kit.practices.content import load_content, threshold
from refocus_kit.practices.figures import FIGSIZE, new_figure, text_colour_on, wrap
from refocus_kit.practices.words import word_list

__all__ = [
    "ACTION_KINDS",
    "MAX_STEP_WEEKS",
    "MIN_CONFIDENCE",
    "ActionPlan",
    "ActionStep",
    "SmartMark",
    "action_kinds",
    "check_smart",
    "draw_balance",
]

ACTION_KINDS = ("independent", "joint", "passive")
# The kit's own marks, not the manual's (data/smart.yaml says why); str() gives their label.
MIN_CONFIDENCE = threshold("smart", "min_confidence")  # out of 10
MAX_STEP_WEEKS = threshold("smart", "max_step_weeks")

_NUMBER = re.compile(
    r"\b(\d+|once|twice|one|two|three|four|five|six|seven|eight|nine|ten|every|each|daily|"
    r"weekly|monthly|per|a (?:day|week|month))\b"
)
_WHEN_WORDS = re.compile(
    r"\b(today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"week|weeks|month|months|fortnight|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|christmas|easter|\d{1,2}/\d{1,2})\b"
)


@dataclass
class ActionStep:
    """One step: what, who, by when, the kind of action, and the person's confidence (0-10)."""

    what: str
    who: str = ""
    by_when: date | str | None = None
    kind: str = "independent"
    confidence: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in ACTION_KINDS:
            raise ValueError(f"kind must be one of {', '.join(ACTION_KINDS)}, not {self.kind!r}")
        if self.confidence is not None and not 0 <= self.confidence <= 10:
            raise ValueError("confidence is a rating from 0 to 10")

    def due_date(self) -> date | None:
        """The step's date if it was given as a date or an ISO date string."""
        if isinstance(self.by_when, date):
            return self.by_when
        try:
            return date.fromisoformat(str(self.by_when).strip())
        except ValueError:
            return None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        due = self.due_date()
        data["by_when"] = due.isoformat() if due else self.by_when
        return data


@dataclass(frozen=True)
class SmartMark:
    """One SMART mark of a step: passed (True/False, or None when the person must be asked)."""

    id: str
    label: str
    passed: bool | None
    reason: str


def action_kinds() -> list[dict[str, str]]:
    """The three kinds of action with the manual's wording and the colours used in pictures."""
    return load_content("smart")["action_kinds"]


def _specific(step: ActionStep) -> tuple[bool, str]:
    words = word_list(step.what)
    content = load_content("smart")
    vague = [w for w in content["vague_words"] if re.search(rf"\b{w}\b", step.what.lower())]
    doing = [w for w in words if w in content["observable_verbs"]]
    if not step.who.strip():
        return False, "It does not say who will do it."
    if len(words) < 3:
        return False, "It is too short to say exactly what will happen."
    if vague and not doing:
        return False, f'"{vague[0]}" names an intention; say what will actually be done.'
    return True, f"It says what will be done and that {step.who.strip()} will do it."


def _measurable(step: ActionStep) -> tuple[bool, str]:
    text = step.what.lower()
    number = _NUMBER.search(text)
    if number:
        return True, f'"{number.group(0)}" makes it countable.'
    verbs = load_content("smart")["observable_verbs"]
    done = next((w for w in word_list(text) if w in verbs), None)
    if done:
        return True, f'"{done}" is something that can be seen to be done.'
    return False, "Nothing says how you will both know it is done (a number, or a visible act)."


def _attainable(step: ActionStep) -> tuple[bool | None, str]:
    if step.confidence is None:
        return None, "Ask the person: how confident are you, from 0 to 10, that you can do this?"
    if step.confidence >= MIN_CONFIDENCE.number:
        return True, (
            f"The person rates their confidence {step.confidence}/10, at or above {MIN_CONFIDENCE}."
        )
    return False, (
        f"The person rates their confidence {step.confidence}/10, below {MIN_CONFIDENCE}; "
        "look for a smaller first step or more support."
    )


def _realistic(step: ActionStep, today: date) -> tuple[bool, str]:
    due = step.due_date()
    actions = len(re.findall(r"\b(?:and then|then)\b|,|\band\b", step.what.lower()))
    if actions > 1:
        return False, "It bundles several actions; split it into single steps."
    if due and due < today:
        return False, f"The date {due.isoformat()} has already passed."
    if due and due - today > timedelta(weeks=MAX_STEP_WEEKS.number):
        return False, f"It is due further ahead than {MAX_STEP_WEEKS}; break it into nearer steps."
    if due:
        return True, f"It is a single step, due within {MAX_STEP_WEEKS}."
    return True, "It is a single step within a manageable time."


def _timetabled(step: ActionStep) -> tuple[bool, str]:
    due = step.due_date()
    if due:
        return True, f"It is due by {due.isoformat()}."
    when = str(step.by_when or "").strip()
    if when and _WHEN_WORDS.search(when.lower()):
        return True, f'It is due by "{when}".'
    if when:
        return False, f'"{when}" does not give a day, week or month.'
    return False, "It has no date."


def check_smart(step: ActionStep, today: date | None = None) -> tuple[SmartMark, ...]:
    """The five SMART marks of one step, each with its reason (section 5.4)."""
    today = today or date.today()
    results = {
        "specific": _specific(step),
        "measurable": _measurable(step),
        "attainable": _attainable(step),
        "realistic": _realistic(step, today),
        "timetabled": _timetabled(step),
    }
    marks = load_content("smart")["smart"]
    return tuple(SmartMark(m["id"], m["label"], *results[m["id"]]) for m in marks)


@dataclass
class ActionPlan:
    """A goal and the steps agreed towards it."""

    goal: str
    steps: list[ActionStep] = field(default_factory=list)

    def add(
        self,
        what: str,
        who: str = "",
        by_when: date | str | None = None,
        kind: str = "independent",
        confidence: int | None = None,
    ) -> ActionStep:
        step = ActionStep(what, who, by_when, kind, confidence)
        self.steps.append(step)
        return step

    def balance(self) -> dict[str, int]:
        """How many steps of each kind, in the manual's order."""
        return {kind: sum(s.kind == kind for s in self.steps) for kind in ACTION_KINDS}

    def to_dict(self) -> dict[str, Any]:
        return {"goal": self.goal, "steps": [s.to_dict() for s in self.steps]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActionPlan:
        return cls(data["goal"], [ActionStep(**s) for s in data.get("steps", ())])


def draw_balance(plan: ActionPlan) -> Figure:
    """A bar of independent, joint and passive steps, with each step listed under its kind.

    The picture is as tall as its lists of steps, so no blank band is left under them."""
    columns = {
        kind["id"]: [wrap(s.what, _STEP_WIDTH) for s in plan.steps if s.kind == kind["id"]]
        for kind in action_kinds()
    }
    lists_height = _HEADER + max(_column_height(c) for c in columns.values())
    height = _BAR_AREA + lists_height + _MARGIN
    fig = new_figure((FIGSIZE[0], height))
    bar = fig.add_axes((0.02, 1 - (_TITLE + _BAR) / height, 0.96, _BAR / height))
    lists = fig.add_axes((0, 0, 1, (lists_height + _MARGIN) / height))
    _draw_bar(bar, plan)
    _list_steps(lists, columns, lists_height + _MARGIN)
    return fig


# The balance picture's layout, in inches (the step text is 10 pt, about 0.17 in a line).
_TITLE, _BAR, _BAR_AREA = 0.75, 0.6, 1.55
_HEADER, _LINE, _STEP_GAP, _MARGIN = 0.35, 0.17, 0.12, 0.12
_STEP_WIDTH, _LISTED, _STEP_FONT = 26, 6, 10


def _listed(steps: list[str]) -> list[str]:
    """The steps a column shows: the first few, then how many more there are."""
    more = len(steps) - _LISTED
    return steps[:_LISTED] + ([f"and {more} more"] if more > 0 else [])


def _column_height(steps: list[str]) -> float:
    return sum(_LINE * (step.count("\n") + 1) + _STEP_GAP for step in _listed(steps))


def _draw_bar(bar, plan: ActionPlan) -> None:
    counts = plan.balance()
    total = sum(counts.values())
    left = 0
    for kind in action_kinds():
        n = counts[kind["id"]]
        if n:
            bar.barh(0, n, left=left, color=kind["colour"], edgecolor="white")
            label = f"{kind['label']}: {n}"
            colour = text_colour_on(kind["colour"])
            bar.text(left + n / 2, 0, label, ha="center", va="center", color=colour)
        left += n
    bar.set_xlim(0, max(total, 1))
    bar.set_ylim(-0.5, 0.5)
    bar.axis("off")
    bar.set_title(wrap(f"Balance of actions for: {plan.goal}", 70), parse_math=False)
    if not total:
        bar.text(0.5, 0, "No steps yet", ha="center", va="center")


def _list_steps(ax, columns: dict[str, list[str]], height: float) -> None:
    """Each kind's steps in its column; y counts inches down from the top of the lists."""
    ax.set_xlim(0, 1)
    ax.set_ylim(height, 0)
    ax.axis("off")
    for column, kind in enumerate(action_kinds()):
        x = 0.02 + column / 3
        ax.text(x, 0.05, kind["label"], weight="bold", color=kind["colour"], va="top")
        y = _HEADER
        for step in _listed(columns[kind["id"]]):
            ax.text(x, y, step, va="top", fontsize=_STEP_FONT, parse_math=False)
            y += _LINE * (step.count("\n") + 1) + _STEP_GAP
