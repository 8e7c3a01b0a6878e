"""What an exercise notebook calls: widgets whose answers are saved as they change (see
answers.py), and the checks its autograder tests run on those answers.

A check gives its mark as the cell's value, which nbgrader takes as the cell's score (partial
credit), and prints why, so the feedback explains each answer. Marks are formative: they count
answers given and right, and there is no pass mark.

Every exercise's first cell imports this module, in a fresh kernel for each submission when it
is autograded, so it imports only what every exercise needs: the goal check (and the page
helpers behind it, which bring in matplotlib) is imported by the one widget that uses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import ipywidgets as w

from refocus_kit.exercises.answers import load_answers, save_answer

__all__ = ["answered", "choose", "draft_goal", "expect", "rate"]

_WIDE = w.Layout(width="100%")


def _saving(widget: w.ValueWidget, key: str) -> w.ValueWidget:
    widget.observe(lambda change: save_answer(key, change["new"]), names="value")
    return widget


def choose(key: str, options: Sequence[str]) -> w.RadioButtons:
    """One answer from a list; starts from the saved answer, if any."""
    saved = load_answers().get(key)
    box = w.RadioButtons(
        options=list(options),
        value=saved if saved in options else None,
        layout=_WIDE,
        description="",
    )
    return _saving(box, key)


def rate(key: str, low: int = 1, high: int = 5) -> w.ToggleButtons:
    """A rating from low to high; starts from the saved rating, if any."""
    options = list(range(low, high + 1))
    saved = load_answers().get(key)
    buttons = w.ToggleButtons(options=options, value=saved if saved in options else None)
    return _saving(buttons, key)


def draft_goal(key: str) -> w.VBox:
    """A box to draft a goal in, with the goal check's verdict and reasons as one types."""
    from refocus_kit.practices.goals import check_goal
    from refocus_kit.practices.ui_common import bullet_list

    text = w.Textarea(
        value=str(load_answers().get(key) or ""),
        placeholder="Draft the goal here; the goal check answers as you type",
        layout=_WIDE,
        continuous_update=True,
    )
    verdict = w.HTML()

    def show(_=None) -> None:
        if not text.value.strip():
            verdict.value = "<i>Nothing typed yet.</i>"
            return
        result = check_goal(text.value)
        html = f"<p><b>Goal check: {escape(result.verdict)} goal.</b></p>"
        html += bullet_list(result.reasons)
        if result.suggestion:
            html += f"<p><b>Suggestion:</b> {escape(result.suggestion)}</p>"
        verdict.value = html

    _saving(text, key)
    text.observe(show, names="value")
    show()
    return w.VBox([text, verdict])


def expect(key: str, right: str, because: str, points: float = 1.0) -> float:
    """Mark one saved answer: `points` if it is `right`, else 0, printing the explanation."""
    given = load_answers().get(key)
    if given is None:
        print(f"No answer given. The answer is: {right}.")
    elif given == right:
        print(f"Your answer: {given}. Yes.")
    else:
        print(f"Your answer: {given}. The answer is: {right}.")
    print(because)
    return points if given == right else 0.0


def answered(keys: Sequence[str], points: float) -> float:
    """A completion mark: `points` shared equally among the answers given."""
    answers = load_answers()
    given = [k for k in keys if answers.get(k) not in (None, "")]
    print(f"{len(given)} of {len(keys)} answered.")
    return round(points * len(given) / len(keys), 2)
