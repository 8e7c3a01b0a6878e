"""The participant page that every Voila form notebook shows: build the form before anyone
arrives (while the kernel is pre-heated), then bind it to the visitor and their session."""

from __future__ import annotations

import html
import logging

import ipywidgets as w

from refocus_kit.forms.fixed import fixed
from refocus_kit.forms.loader import load_form
from refocus_kit.forms.printable import answers_html
from refocus_kit.forms.render import FormWidget
from refocus_kit.participant.identity import Visit, read_visit
from refocus_kit.sessions import get_session, prefill, series
from refocus_kit.store.store import Store

__all__ = ["ParticipantPage", "participant_page"]

PAGE_CSS = """<style>
.refocus-participant { max-width: 44rem; margin: 0 auto; }
.refocus-participant .widget-html-content { line-height: 1.5; }
.refocus-notice { padding: 8px 12px; border-left: 4px solid #005eb8; background: #eef4fa; }
.refocus-notice.problem { border-color: #b3261e; background: #fdecea; }
</style>"""


class ParticipantPage(w.VBox):
    def __init__(self, form_id: str, store: Store | None = None):
        self.store = store or Store()
        self.form = FormWidget(load_form(form_id), store=self.store)
        # Work a visitor's arrival would otherwise wait for, done while the page is warmed:
        answers_html(self.form.form)  # the saved-answers view compiled,
        series(form_id)  # the programme a session's prefill reads, parsed,
        get_session(self.store, "-"), self.store.load_draft("-")  # the store's queries,
        self.store.warm_submit(self.form.form)  # and its writes
        self.form.layout.display = "none"  # shown once the visitor is bound
        self.notice = fixed(w.HTML)
        super().__init__([fixed(w.HTML, value=PAGE_CSS), self.notice, self.form])
        self.add_class("refocus-participant")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.form.form.id!r}>"

    def _say(self, text: str, problem: bool = False) -> None:
        css = "refocus-notice problem" if problem else "refocus-notice"
        role = "alert" if problem else "status"
        self.notice.value = f'<p class="{css}" role="{role}">{html.escape(text)}</p>'

    def bind(self, visit: Visit) -> None:
        """Attach the visitor and their session; refuse a link that is wrong or closed."""
        form, session = self.form, None
        if visit.session_code:
            session = get_session(self.store, visit.session_code)
            if session is None or session.form_id != form.form.id:
                self._say(
                    "This link does not match an open session. Please ask the facilitator "
                    "for the right link.",
                    problem=True,
                )
                return
            if not session.is_open:
                self._say(
                    "This session has closed, so it no longer takes answers. Thank you.",
                    problem=True,
                )
                return
            form.team, form.session = session.team, session.code
            self._say(
                f"{session.title}."
                + (
                    " Your answers are anonymous: no name or id is kept with them."
                    if session.anonymous
                    else ""
                )
            )
        anonymous = session is not None and session.anonymous
        form.respondent = (
            None if anonymous or form.form.respondent == "none" else (visit.respondent)
        )
        form.draft_key = f"{form.form.id}:{visit.session_code or '-'}:{visit.pseudonym}"
        form.draft_respondent = None if anonymous else visit.respondent
        form.prefill = prefill(session) if session is not None else {}
        if not form.restore_draft():
            form.set_answers(form.prefill)  # and again for each "Fill in another"
            self._sent_before(visit)
        form.layout.display = ""

    def _sent_before(self, visit: Visit) -> None:
        """A reopened link after a submit: say the answer was sent, and offer to edit it or fill
        in another (a respondent-less form or anonymous session keeps no one to look up)."""
        form = self.form
        if not form.respondent:
            return
        sent = [
            r
            for r in self.store.responses(form.form.id, respondent=form.respondent)
            if r.session == (visit.session_code or None)
        ]
        if sent:
            form.show_sent(max(sent, key=lambda r: r.updated_at))


def _log_where_the_kernel_logs() -> None:
    """In a page's kernel, what is written to stderr goes to the page; the kit's log lines (a
    draft the store could not save, say: one line, never the answers) go where the kernel's
    own do, to the server's log."""
    from ipykernel.kernelapp import IPKernelApp

    kit = logging.getLogger("refocus_kit")
    if not IPKernelApp.initialized() or kit.handlers:
        return
    for handler in IPKernelApp.instance().log.handlers:
        kit.addHandler(handler)
    kit.setLevel(logging.INFO)
    kit.propagate = False


def participant_page(form_id: str) -> ParticipantPage:
    """Build the page (cheap to pre-heat), wait for the visitor, bind, and return it."""
    _log_where_the_kernel_logs()
    page = ParticipantPage(form_id)
    page.bind(read_visit())
    return page
