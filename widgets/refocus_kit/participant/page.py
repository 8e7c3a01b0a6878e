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
from refocus_kit.sessions import get_session, prefill
from refocus_kit.store.store import Store

__all__ = ["ParticipantPage", "participant_page"]

PAGE_CSS = """<style>
.refocus-participant { max-width: 44rem; margin: 0 auto; }
.refocus-notice { padding: 8px 12px; border-left: 4px solid #005eb8; background: #eef4fa; }
.refocus-notice.problem { border-color: #b3261e; background: #fdecea; }
</style>"""
RESTORED = "<p>Your unsent answers were restored.</p>"  # as FormWidget.restore_draft says it


class ParticipantPage(w.VBox):
    def __init__(self, form_id: str, store: Store | None = None):
        self.store = store or Store()
        self.form = FormWidget(load_form(form_id), store=self.store)
        # Work a visitor's arrival would otherwise wait for, done while the page is warmed:
        answers_html(self.form.form)  # the saved-answers view compiled,
        get_session(self.store, "-"), self.store.load_draft("-")  # the store's queries too
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
        form.draft_respondent = None if anonymous else visit.respondent
        self._fill(f"{form.form.id}:{visit.session_code or '-'}:{visit.pseudonym}", session)
        form.layout.display = ""

    def _fill(self, draft_key: str, session) -> None:
        """Put the visitor's draft back, or else the session's details, writing nothing: the
        form saves a draft at each field set, so a draft put back field by field would be
        saved half put back, and a page could not open while the store takes no writes."""
        form = self.form
        draft = self.store.load_draft(draft_key)
        if draft:
            form.set_answers(draft)
            form.status.value = RESTORED
        elif session is not None:
            form.set_answers(prefill(session))
        form.draft_key = draft_key  # from here on, what they type is saved


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
