"""Where a practice tool keeps its work: a response of the tool's form in the store.

Each working-practice tool saves what the person made as a response of a declared form (the
VTP guide, the Strengths Worksheet, or the kit's own practice records: ``life_map``,
``action_plan`` and ``care_plan_check``), so the review can count it and the person can open it
again after the kernel has stopped. Saved work passes the store's validation like any form;
work in progress is kept as a draft, one per tool and person (``slot`` tells apart two tools of
the same form, such as two kinds of life map).

The store is opened only when the person saves, opens or changes something, so a notebook that
is merely run top to bottom writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from refocus_kit.forms.loader import load_form
from refocus_kit.forms.model import Form
from refocus_kit.forms.validate import DRAFT_EDITS, clean_answers, has_answer
from refocus_kit.store.store import Response, Store

__all__ = ["PracticeRecords", "Saved"]

_RESPONSE = DRAFT_EDITS  # in a draft: the saved response being edited, if any


class Saved:
    """One saved record as listed for reopening: its response and a one-line label."""

    def __init__(self, response: Response, title: str) -> None:
        self.response = response
        when = response.updated_at.strftime("%Y-%m-%d %H:%M")
        self.label = f"{when} UTC \u2014 {title or 'untitled'}"


class PracticeRecords:
    """Save, keep a draft of, list and reopen one person's records of one tool."""

    def __init__(
        self,
        form: Form | str,
        *,
        respondent: str | None,
        team: str | None = None,
        store: Store | None = None,
        slot: str = "",
        match: dict[str, Any] | None = None,
        title: Callable[[dict[str, Any]], str] = lambda _answers: "",
    ) -> None:
        self.form = load_form(form) if isinstance(form, str) else form
        self.respondent, self.team = respondent, team
        self._store = store
        self.match = dict(match or {})  # saved records this tool can open (e.g. one map kind)
        self.title = title
        self.response_id: str | None = None  # the saved record being edited
        self.draft_key = f"practice:{self.form.id}{':' + slot if slot else ''}:{respondent}"

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store()
        return self._store

    def cleaned(self, answers: dict[str, Any]) -> dict[str, Any]:
        return clean_answers(self.form, {**self.match, **answers})

    def save(self, answers: dict[str, Any]) -> Response:
        """Store the work: a new record, or the next revision of the one opened or saved before.
        Raises AnswersError (nothing stored) if an answer breaks the form's rules."""
        answers = self.cleaned(answers)
        if self.response_id is None:
            response = self.store.submit(
                self.form, answers, team=self.team, respondent=self.respondent
            )
        else:
            response = self.store.revise(
                self.response_id, answers, editor=self.respondent, form=self.form
            )
        self.response_id = response.id
        self.store.discard_draft(self.draft_key)
        return response

    def keep_draft(self, answers: dict[str, Any]) -> None:
        """Keep unsaved work (unvalidated); work with nothing in it keeps no draft."""
        answers = self.cleaned(answers)
        if not has_answer(self.form, {k: v for k, v in answers.items() if k not in self.match}):
            self.store.discard_draft(self.draft_key)
            return
        if self.response_id:
            answers[_RESPONSE] = self.response_id
        self.store.save_draft(self.draft_key, self.form.id, answers, self.respondent)

    def draft(self) -> dict[str, Any] | None:
        """The unsaved work, if any (without its bookkeeping)."""
        draft = self.store.load_draft(self.draft_key)
        return {k: v for k, v in draft.items() if k != _RESPONSE} if draft else None

    def open_draft(self) -> dict[str, Any] | None:
        """The unsaved work, carrying on the saved record it was an edit of."""
        draft = self.store.load_draft(self.draft_key)
        if not draft:
            return None
        self.response_id = draft.get(_RESPONSE)
        return {k: v for k, v in draft.items() if k != _RESPONSE}

    def saved(self) -> list[Saved]:
        """The person's saved records of this tool, most recently saved first (none without a
        respondent: the store would give everyone's)."""
        if self.respondent is None:
            return []
        found = self.store.responses(self.form.id, respondent=self.respondent)
        mine = [r for r in found if all(r.answers.get(k) == v for k, v in self.match.items())]
        mine.sort(key=lambda r: r.updated_at, reverse=True)
        return [Saved(r, self.title(r.answers)) for r in mine]

    def open(self, response_id: str) -> dict[str, Any]:
        """A saved record's answers; the next save revises it."""
        response = self.store.get(response_id)
        if response.form_id != self.form.id or response.respondent != self.respondent:
            raise KeyError(f"no saved work {response_id!r} of yours in this tool")
        self.response_id = response.id
        return dict(response.answers)

    def start_new(self) -> None:
        """The next save makes a new record."""
        self.response_id = None
