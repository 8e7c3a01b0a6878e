"""The one widget factory: any form definition becomes an ipywidgets form with labelled fields,
prompts on demand, inline messages, a draft saved as the person types (at most every few
seconds), and submit; a store that fails is told to the person, and retried (forms.saving)."""

from __future__ import annotations

import html
import uuid
from typing import Any

import ipywidgets as w

from refocus_kit.forms.fixed import fixed
from refocus_kit.forms.inputs import FieldInput, make_input, prompts_html
from refocus_kit.forms.loader import load_form
from refocus_kit.forms.messages import Marked, summary_html
from refocus_kit.forms.model import Form
from refocus_kit.forms.printable import answers_html
from refocus_kit.forms.saving import (
    DRAFT_INTERVAL,
    SAVING_SHOWN_AFTER,
    Later,
    Retrying,
    ShownIfSlow,
    Throttle,
    later,
)
from refocus_kit.forms.validate import (
    AnswersError,
    FieldError,
    clean_answers,
    field_errors,
    has_answer,
)

__all__ = ["FormWidget", "render_form", "render_response"]

STYLE = """<style>
.refocus-form-widget { max-width: 48rem; }
.refocus-actions { flex-wrap: wrap; gap: 4px; }
.refocus-actions .widget-button { width: auto; min-width: var(--jp-widgets-inline-width-short); }
.refocus-form-widget .widget-html-content { line-height: 1.5; }
.refocus-form-widget :is(.widget-text, .widget-textarea, .widget-dropdown, .widget-datepicker) {
  margin-left: 0; margin-right: 0; }  /* 100% wide and a margin: the right border was cut */
.refocus-form-widget :is(input, textarea, select) { font-family: var(--jp-ui-font-family); }
.refocus-form-widget .widget-radio-box label { height: auto; line-height: 1.4;
  min-height: var(--jp-widgets-radio-item-height); display: flex; flex-direction: row-reverse;
  justify-content: flex-end; align-items: center; padding: 2px 0; }  /* long choices wrap */
.refocus-form-widget .widget-radio-box input { flex: none; height: auto; }
.refocus-field { margin: 0 0 12px 0; }
.refocus-label { font-weight: 600; margin-top: 4px; }
:is(.refocus-prompts, .refocus-about) summary { color: #005eb8; text-decoration: underline;
  cursor: pointer; line-height: 28px; }
:is(.refocus-prompts, .refocus-about) summary:focus-visible { outline: 3px solid #ffb81c;
  outline-offset: 2px; }
.refocus-help { color: #333; font-size: 0.92em; }
.refocus-error { color: #b3261e; font-weight: 600; margin: 2px 0; }
.refocus-error p { margin: 2px 0; }
.refocus-invalid.refocus-field { border-left: 4px solid #b3261e; padding-left: 10px; }
.refocus-invalid :is(input:not([type=radio]):not([type=checkbox]), textarea, select) {
  border: 2px solid #b3261e !important; }
.refocus-error-summary { border: 3px solid #b3261e; padding: 4px 12px; margin: 8px 0; }
.refocus-error-summary a { color: #b3261e; font-weight: 600; text-decoration: underline; }
.refocus-status-ok { color: #00703c; font-weight: 600; }
.refocus-status-problem { color: #b3261e; font-weight: 600; border-left: 4px solid #b3261e;
  padding-left: 8px; }
.refocus-entry { border-left: 3px solid #005eb8; padding-left: 8px; margin: 6px 0; }
.refocus-row-label { font-weight: 700; margin-top: 10px; }
.refocus-column-label { font-style: italic; margin-top: 4px; }
.refocus-form .answer { white-space: pre-wrap; }
.refocus-sr-label > .widget-label { position: absolute !important; width: 1px !important;
  height: 1px !important; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>"""


class FormWidget(w.VBox):
    """A form ready to fill in. With a store it saves drafts and submissions there."""

    saving_shown_after = SAVING_SHOWN_AFTER  # "Saving…" only for a store that keeps us waiting

    def __init__(
        self,
        form: Form,
        *,
        store=None,
        team: str | None = None,
        session: str | None = None,
        respondent: str | None = None,
        draft_key: str | None = None,
        prefill: dict[str, Any] | None = None,
        schedule: Later = later,
    ):
        self.form, self.store = form, store
        self.team, self.session, self.respondent = team, session, respondent
        self.draft_key, self.draft_respondent = draft_key, respondent
        self.prefill = dict(prefill or {})  # what a fresh form starts with (a session's details)
        self._setting = False  # answers being put in by the form itself, not typed
        self.response = None
        self._submission_id = uuid.uuid4().hex
        self._later, self._retry_timer = schedule, None
        self._drafts = Throttle(self._write_draft, DRAFT_INTERVAL, schedule)
        self._draft_failures, self._submit_failures = Retrying("draft"), Retrying("submit")
        self.inputs: dict[str, FieldInput] = {f.id: make_input(f) for f in form.fields}
        self.summary = fixed(w.HTML)
        self.status = fixed(w.HTML)
        self.submit_button = w.Button(description="Submit", button_style="primary", icon="check")
        self.submit_button.on_click(lambda _b: self.submit())
        self.another_button = w.Button(
            description="Fill in another", icon="plus", layout=w.Layout(display="none")
        )
        self.another_button.on_click(lambda _b: self.start_again())
        self.edit_button = w.Button(
            description="Edit my answers", icon="pencil", layout=w.Layout(display="none")
        )
        self.edit_button.on_click(lambda _b: self.edit())
        self._editing = None  # the sent response being edited (saved as its next revision)
        self.body = fixed(w.VBox, children=self._sections())
        super().__init__(
            [
                fixed(w.HTML, value=STYLE),
                self._header(),
                self.body,
                self.summary,
                fixed(
                    w.HBox,
                    children=[self.submit_button, self.edit_button, self.another_button],
                    _dom_classes=("refocus-actions",),
                ),
                self.status,
            ]
        )
        self.add_class("refocus-form-widget")
        self._add_totals()
        if not self.restore_draft():
            self.set_answers(self.prefill)
        for field_input in self.inputs.values():
            field_input.on_change(self._draft_changed)

    def _header(self) -> w.Widget:
        """Title, citation and the kit's short introduction; the manual's own instructions
        folded away under them, so that the first question is on the first screen."""
        parts = [
            f"<h2>{html.escape(self.form.title)}</h2>",
            f'<p class="refocus-help">{html.escape(self.form.source)}</p>',
        ]
        if self.form.introduction:
            parts.append(f"<p>{html.escape(self.form.introduction)}</p>")
        if self.form.instructions:
            paragraphs = "".join(
                f"<p>{html.escape(p.strip())}</p>"
                for p in self.form.instructions.split("\n\n")
                if p.strip()
            )
            parts.append(
                '<details class="refocus-about"><summary>The manual\'s instructions</summary>'
                f'<div class="refocus-help">{paragraphs}</div></details>'
            )
        return fixed(w.HTML, value="".join(parts)).add_class("refocus-header")

    def _sections(self) -> list[w.Widget]:
        boxes = []
        for section in self.form.sections:
            head = f"<h3>{html.escape(section.title)}</h3>"
            if section.heading:
                head = f'<h2 class="refocus-part">{html.escape(section.heading)}</h2>' + head
            if section.help:
                head += f'<p class="refocus-help">{html.escape(section.help)}</p>'
            head += prompts_html(section.prompts, "Questions")
            fields = [self.inputs[f.id].box for f in section.fields]
            box = fixed(w.VBox, children=[fixed(w.HTML, value=head), *fields])
            boxes.append(box.add_class("refocus-section"))
        return boxes

    def __repr__(self) -> str:  # not the whole widget tree, every time the page is shown
        return f"<{type(self).__name__} {self.form.id!r}>"

    # -- answers -------------------------------------------------------------------------
    @property
    def value(self) -> dict[str, Any]:
        """The answers as typed, blanks removed."""
        raw = {field_id: i.get() for field_id, i in self.inputs.items()}
        return clean_answers(self.form, raw)

    def set_answers(self, answers: dict[str, Any]) -> None:
        """Put answers in (none typed by the person, so no draft is saved for them)."""
        self._setting = True
        try:
            for field_id, field_input in self.inputs.items():
                field_input.set(answers.get(field_id))
        finally:
            self._setting = False

    def _add_totals(self) -> None:
        """A running total under each group whose sum the form limits (e.g. a budget)."""
        for check in self.form.checks:
            if check.kind != "sum_at_most":
                continue
            group = self.inputs[check.group]
            total = fixed(w.HTML).add_class("refocus-total")
            group.box.children = (*group.box.children, total)

            def update(check=check, group=group, total=total) -> None:
                total.value = f"<p>{html.escape(check.total_line(group.get()))}</p>"

            group.on_change(update)
            update()

    def restore_draft(self) -> bool:
        """Put back unsent answers saved under this form's draft key; True if there were any
        (what a session fills in is not an answer, so a draft of only that is not restored)."""
        if self.store is None or not self.draft_key:
            return False
        draft = self.store.load_draft(self.draft_key)
        if not draft or not has_answer(self.form, draft):
            return False
        self.set_answers(draft)
        self.status.value = "<p>Your unsent answers were restored.</p>"
        return True

    def _draft_changed(self) -> None:
        """Something was typed: keep it as a draft, written at most every few seconds."""
        if self.store is None or not self.draft_key or self.response is not None or self._setting:
            return
        self._drafts.changed()

    def _write_draft(self) -> float | None:
        """Keep the answers as typed, under the draft key (a form with no answer keeps none);
        if the store fails, say so and return the wait before the next try."""
        if self.store is None or not self.draft_key or self.response is not None:
            return None
        value = self.value
        try:
            if has_answer(self.form, value):
                self.store.save_draft(self.draft_key, self.form, value, self.draft_respondent)
            else:
                self.store.discard_draft(self.draft_key)
        except Exception as exc:  # whatever the store's failure, the person must hear of it
            delay = self._draft_failures.failed(self.form.id, exc)
            if self._retry_timer is not None:  # a submit waits to be tried again: it says so
                return delay
            self._problem(
                "Your latest changes are not saved yet: the kit could not reach its store. "
                f"They are still here, and the kit will try again in {delay:g} seconds. "
                "Please keep this page open; if this goes on, tell the facilitator."
            )
            return delay
        if self._draft_failures.failures:
            self.status.value = "<p>Your changes are saved as a draft again.</p>"
        self._draft_failures.succeeded(self.form.id)
        return None

    def _problem(self, text: str) -> None:
        self.status.value = (
            f'<p class="refocus-status-problem" role="alert">{html.escape(text)}</p>'
        )

    def _saving(self, saving: bool) -> None:
        """While a submit waits on the store: "Saving…" and a button that cannot be pressed
        (one message for the button's three changes)."""
        with self.submit_button.hold_sync():
            self.submit_button.disabled = saving
            self.submit_button.description = "Saving…" if saving else "Submit"
            self.submit_button.icon = "spinner" if saving else "check"
        if saving:
            self.status.value = '<p role="status">Saving…</p>'

    # -- checking and submitting ---------------------------------------------------------
    def show_errors(self, errors: list[FieldError]) -> None:
        """Each error at its own field, marked there; all of them summed up by Submit."""
        marked: list[Marked] = []
        for field_id, field_input in self.inputs.items():
            marked += field_input.show_errors(errors, field_id, field_input.field.label)
        self.summary.value = summary_html(errors, marked)
        if errors:
            self.status.value = ""  # not "All answers are valid." beside "Nothing was saved"

    def check(self) -> list[FieldError]:
        errors = field_errors(self.form, self.value)
        self.show_errors(errors)
        return errors

    def submit(self):
        """Validate, store (and let go of the draft, in the same transaction) and show the saved
        response; on a problem with the answers, show it and store nothing; if the store fails,
        say so, keep the answers on the page, and try again after a while."""
        self._cancel_retry()
        if self.response is not None or self.check():
            return None
        if self.store is None:
            self.status.value = '<p class="refocus-status-ok">All answers are valid.</p>'
            return None
        self._drafts.cancel()
        try:
            with ShownIfSlow(
                lambda: self._saving(True), lambda: self._saving(False), self.saving_shown_after
            ):
                response = self._store_answers()
        except AnswersError as exc:
            self.show_errors(exc.errors)
            self._draft_changed()
            return None
        except Exception as exc:  # whatever the store's failure, the person must hear of it
            self._submit_failed(exc)
            return None
        self._submit_failures.succeeded(self.form.id)
        self.response = response
        self._show_saved()
        return self.response

    def _store_answers(self):
        if self._editing is not None:  # an answer sent before, edited: its next revision
            return self.store.revise(
                self._editing.id,
                self.value,
                editor=self.respondent,
                form=self.form,
                discard_draft=self.draft_key,
            )
        return self.store.submit(
            self.form,
            self.value,
            team=self.team,
            session=self.session,
            respondent=self.respondent,
            submission_id=self._submission_id,
            discard_draft=self.draft_key,
        )

    def _submit_failed(self, exc: Exception) -> None:
        delay = self._submit_failures.failed(self.form.id, exc)
        self._retry_timer = self._later(delay, self.submit)
        when = (
            f"the kit will try again in {delay:g} seconds, or press Submit"
            if self._retry_timer is not None
            else "press Submit to try again"
        )
        self._problem(
            "Nothing was saved yet: the kit could not reach its store just now. Your answers "
            f"are still here; {when}. Please keep this page open; if this goes on, tell the "
            "facilitator."
        )

    def _cancel_retry(self) -> None:
        if self._retry_timer is not None:
            self._retry_timer.cancel()
            self._retry_timer = None

    def _show_saved(self) -> None:
        """Say it is saved first (the person's acknowledgement, one message), then turn the
        form into the read-only view of what was sent."""
        assert self.response is not None  # called once a response is stored
        self.status.value = (
            '<p class="refocus-status-ok refocus-saved" role="status">Thank you: your answers '
            "are saved. "
            f"Reference {html.escape(self.response.id[:8])}.</p>"
        )
        self.body.children = [render_response(self.form, self.response.answers)]
        self.submit_button.layout.display = "none"
        self.another_button.layout.display = ""
        self.edit_button.layout.display = "" if self.respondent else "none"
        self._editing = None

    def show_sent(self, response) -> None:
        """The person sent this form before (a reopened link): say so, show what was sent, and
        offer to edit it (a new revision of the same response) or to fill in another."""
        self.response = response
        self._show_saved()
        when = response.updated_at.strftime("%d %B %Y at %H:%M")
        self.status.value = (
            '<p class="refocus-status-ok" role="status">You sent your answers to this form on '
            f"{html.escape(when)} (UTC); here they are. You can edit them, or fill in "
            "another.</p>"
        )

    def edit(self) -> None:
        """The sent answers back in the form; Submit saves them as the response's next
        revision, never as a second response."""
        if self.response is None:
            return
        self._editing = self.response
        self.response = None
        self.body.children = self._sections()
        self.set_answers(self._editing.answers)
        self.submit_button.layout.display = ""
        self.another_button.layout.display = "none"
        self.edit_button.layout.display = "none"
        self.status.value = "<p>Editing the answers you sent; Submit saves your changes.</p>"

    def start_again(self) -> None:
        """A fresh form (for the next person, or the next record), with what the session
        filled in."""
        self.response, self._editing = None, None
        self._submission_id = uuid.uuid4().hex
        self.set_answers(self.prefill)
        self.show_errors([])
        self.body.children = self._sections()
        self.submit_button.layout.display = ""
        self.another_button.layout.display = "none"
        self.edit_button.layout.display = "none"
        self.status.value = ""


def render_form(form: Form | str, **options: Any) -> FormWidget:
    """Build the widget for a form definition (or a form id)."""
    return FormWidget(load_form(form) if isinstance(form, str) else form, **options)


def render_response(form: Form | str, answers: dict[str, Any]) -> w.HTML:
    """A read-only view of saved answers, every piece of text escaped."""
    form = load_form(form) if isinstance(form, str) else form
    return fixed(w.HTML, value=answers_html(form, answers), _dom_classes=("refocus-response",))
