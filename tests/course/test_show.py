"""What a session notebook shows, headless: the agenda with running times and its total, the
reading beforehand, a check that marks each item with its feedback and a score (everything
escaped), and the room: a facilitator's desk for the session's discussion form."""

from __future__ import annotations

import dataclasses

import pytest

from refocus_kit.course import agenda, before, check, mark_check, room, session
from refocus_kit.course.model import Check, CheckItem
from refocus_kit.course.show import ChooseCheck
from refocus_kit.facilitator.live import SessionDesk

EVENT = "team_information_session"


def test_the_agenda_runs_from_zero_with_leads_and_a_total():
    shown = agenda(EVENT).data
    first = "<td>0:00\u20130:10</td><td>Welcome and why we are here</td><td>Both trainers</td>"
    assert first in shown
    assert "<td>1:25\u20131:30</td><td>What happens next</td>" in shown
    assert "Total: 1 h 30 min (the kit&#39;s own length, not the manual&#39;s" in shown


def test_before_lists_the_reading():
    shown = before(EVENT).data
    for reading in session(EVENT).before:
        assert reading.why.replace("'", "&#39;") in shown


def _answer(widget: ChooseCheck, answers: list[str | None]) -> None:
    for choice, value in zip(widget.choices, answers, strict=True):
        choice.value = value


def test_a_check_marks_each_item_with_its_feedback_and_a_score():
    widget = check(EVENT, "which-strategy")
    data = session(EVENT).check("which-strategy")
    assert isinstance(widget, ChooseCheck) and len(widget.choices) == len(data.items)
    right = [item.answer for item in data.items]
    _answer(widget, [right[0], "Information sharing", None, *right[3:]])
    marks = widget.mark()
    assert (marks.score, marks.total, marks.unanswered) == (len(right) - 2, len(right), 1)
    assert (
        widget.score.value
        == f"<strong>{len(right) - 2} of {len(right)} right; 1 not answered</strong>"
    )
    assert widget.feedback[0].value.startswith("<span><strong>Right.</strong>")
    assert "Not quite: Team reflection sessions." in widget.feedback[1].value
    assert widget.feedback[2].value == "<span>Not answered yet.</span>"


def test_a_check_says_its_items_are_the_kits_own():
    widget = check(EVENT, "which-strategy")
    assert "The kit&#x27;s own items, not the manual&#x27;s." in widget.children[-1].value


def test_a_check_shows_its_text_escaped():
    nasty = '<img src=x onerror="alert(1)">'
    data = Check(
        id="t",
        kind="choose",
        prompt=f"Prompt {nasty}",
        options=("A", nasty),
        items=(CheckItem(text=nasty, answer="A", why=nasty),),
    )
    widget = ChooseCheck(data)
    widget.choices[0].value = nasty
    widget.mark()
    shown = widget.children[0].value + widget.children[1].children[0].value
    shown += widget.feedback[0].value
    assert "<img" not in shown and "&lt;img src=x" in shown


def test_marking_needs_one_answer_per_item():
    data = session(EVENT).check("which-strategy")
    with pytest.raises(ValueError, match="5 items, 1 answers given"):
        mark_check(data, ["A"])


def test_the_room_is_a_desk_for_the_sessions_discussion_form():
    desk = room(EVENT)
    assert isinstance(desk, SessionDesk)
    assert desk.form_choice.value == "team_information_session_discussion"
    assert "Team information session: questions from the room" in desk.children[0].value


def test_a_session_without_a_discussion_says_so(monkeypatch):
    from refocus_kit.course import show

    quiet = dataclasses.replace(session(EVENT), discussion=None)
    monkeypatch.setattr(show, "session", lambda _id: quiet)
    shown = room(EVENT)
    assert "has no discussion form for phones" in shown.value
