"""The facilitator's desk: open a session for the room (link and QR code), then watch the
responses come in, and export or print the session's record. Runs in JupyterLab, behind the
Lab's token; the participant server never serves it."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import html
import tempfile
from pathlib import Path

import ipywidgets as w

from refocus_kit.config import settings
from refocus_kit.facilitator.record import record_html, record_page
from refocus_kit.facilitator.summary import summarise
from refocus_kit.forms.loader import load_form
from refocus_kit.forms.printable import write_pdf
from refocus_kit.forms.validate import AnswersError
from refocus_kit.sessions import (
    MAX_EXPECTED,
    Session,
    close_session,
    open_session,
    open_sessions,
    participant_forms,
    qr_svg,
    series_length,
    short_link,
)
from refocus_kit.store.store import Store

__all__ = ["SessionDesk", "download_link"]

REFRESH_SECONDS = 5
ROOM_DEFAULT = "team_reflection_session"  # the room form a facilitator opens most often
HEADING = "Reflection session"
TIMETABLE = "timetable"  # the format the manual's timetable gives (a dropdown shows no None)
LABEL_WIDTH = "10em"


def _field() -> dict:
    """Every field the same width, wide enough that its choices are read in full."""
    return {"style": {"description_width": LABEL_WIDTH}, "layout": w.Layout(width="36em")}


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """An HTML link that downloads bytes made in the kernel, with nothing written to a server."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a download="{html.escape(filename)}" href="data:{mime};base64,{encoded}" '
        f'class="refocus-download">{html.escape(label)}</a>'
    )


def _label(session: Session) -> str:
    return f"{session.code}: {session.title}" + (" (demo data)" if session.demo else "")


class SessionDesk(w.VBox):
    """Open or pick a session, then follow it live.

    `form` chooses the room form it opens (a session's discussion form, say); by default the
    team reflection session record, and any participant form can be picked.

    Its own methods never reuse a widget's names (`open`, `close`, ...): Widget's `open()` makes
    the comm the page needs, and `close()`, which `__del__` also calls, ends only the view,
    never the session it follows."""

    def __init__(
        self,
        store: Store | None = None,
        *,
        auto_refresh: bool = True,
        forms_url: str | None = None,
        form: str | None = None,
    ):
        if form is not None and form not in participant_forms():
            raise ValueError(f"{form!r} is not a participant form, so no room can open it")
        self._store = store
        self.forms_url = forms_url or settings().forms_url
        self.code: str | None = None
        self._shown_count: int | None = None
        self._task: asyncio.Task | None = None
        self.message = w.HTML()
        self.opener = self._opener(form or ROOM_DEFAULT)
        self.picker = w.Dropdown(description="Open sessions", **_field())
        self.picker.observe(self._picked, "value")
        self.header, self.record, self.downloads = w.HTML(), w.HTML(), w.HTML()
        self.prepare_button = w.Button(
            description="Prepare record and exports",
            icon="download",
            layout=w.Layout(width="max-content"),
        )
        self.prepare_button.on_click(lambda _b: self.prepare_downloads())
        self.refresh_button = w.Button(description="Refresh", icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.close_button = w.Button(
            description="Close session", icon="lock", button_style="warning"
        )
        self.close_button.on_click(lambda _b: self.end_session())
        self.live = w.VBox(
            [
                self.header,
                w.HBox([self.refresh_button, self.close_button]),
                self.record,
                self.prepare_button,
                self.downloads,
            ],
            layout=w.Layout(display="none"),
        )
        super().__init__(
            [
                w.HTML(f"<h2>{html.escape(load_form(form).title if form else HEADING)}</h2>"),
                self.opener,
                self.picker,
                self.message,
                self.live,
            ]
        )
        self._reload_picker()
        if auto_refresh:
            self._start_auto_refresh()

    @property
    def store(self) -> Store:
        """The store, made on first need: opening the desk on an empty data folder writes
        nothing there."""
        if self._store is None:
            self._store = Store()
        return self._store

    # -- opening ----------------------------------------------------------------------
    def _opener(self, chosen: str) -> w.VBox:
        forms = participant_forms()
        self.form_choice = w.Dropdown(
            options=[(load_form(f).title, f) for f in forms],
            value=chosen if chosen in forms else forms[0],
            description="Form",
            **_field(),
        )
        self.team = w.Text(description="Team", placeholder="e.g. Demo team (fictional)", **_field())
        self.number = w.BoundedIntText(value=1, min=1, description="Session number", **_field())
        self.form_choice.observe(lambda _c: self._fit_number(), "value")
        self._fit_number()
        self.held_on = w.DatePicker(value=dt.date.today(), description="Date", **_field())
        self.mode = w.Dropdown(
            options=[
                ("As the manual's timetable says", TIMETABLE),
                ("Facilitated", "facilitated"),
                ("Self-organised", "self_organised"),
            ],
            description="Format",
            **_field(),
        )
        self.anonymous = w.Checkbox(
            description="Anonymous (keep no identity)",
            value=False,
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", margin=f"2px 0 2px {LABEL_WIDTH}"),
            indent=False,
        )
        self.expected = w.BoundedIntText(
            value=12, min=1, max=MAX_EXPECTED, description="People expected", **_field()
        )
        self.open_button = w.Button(description="Open session", button_style="primary", icon="play")
        self.open_button.on_click(lambda _b: self.start_session())
        return w.VBox(
            [
                self.form_choice,
                self.team,
                self.number,
                self.held_on,
                self.mode,
                self.anonymous,
                self.expected,
                self.open_button,
            ]
        )

    def _fit_number(self) -> None:
        """The session number runs over the chosen form's series in the programme (9 team
        sessions, 6 manager groups), and is hidden for a form whose events are not numbered."""
        length = series_length(self.form_choice.value)
        self.number.layout.display = "" if length else "none"
        if length:
            self.number.value = min(self.number.value, length)
            self.number.max = length

    def start_session(self):
        """Open a session from the fields above and start following it."""
        try:
            session = open_session(
                self.store,
                self.form_choice.value,
                self.team.value.strip(),
                number=self.number.value if self.number.layout.display != "none" else None,
                held_on=self.held_on.value,
                mode=None if self.mode.value == TIMETABLE else self.mode.value,
                anonymous=self.anonymous.value,
                expected=self.expected.value,
            )
        except AnswersError as exc:
            items = "".join(f"<li>{html.escape(str(e))}</li>" for e in exc.errors)
            self.message.value = f'<ul class="refocus-error" role="alert">{items}</ul>'
            return None
        self.message.value = ""
        self._reload_picker()
        self.picker.value = session.code
        return session

    def _reload_picker(self) -> None:
        self._store = self._store or Store.existing()
        sessions = open_sessions(self._store) if self._store else []
        self.picker.options = [("—", "")] + [(_label(s), s.code) for s in sessions]
        if self.picker.index is None:  # new options leave nothing chosen: show the dash
            self.picker.index = 0

    # -- following ----------------------------------------------------------------------
    def _picked(self, change: dict) -> None:
        if change["new"]:
            self.follow(change["new"])

    def follow(self, code: str) -> None:
        self.code = code
        self.live.layout.display = ""
        self.refresh()

    def refresh(self) -> None:
        """Read the store again and redraw the live view."""
        if not self.code:
            return
        summary = summarise(self.store, self.code)
        if summary is None:
            return
        session = summary.session
        link = short_link(self.forms_url, session.code)
        state = ("open" if session.is_open else "closed") + (", demo data" if session.demo else "")
        self.header.value = (
            f"<h3>{html.escape(session.title)}</h3>"
            f"<p>Code <strong>{html.escape(session.code)}</strong> ({state}) · "
            f'<a href="{html.escape(link)}" target="_blank">{html.escape(link)}</a></p>'
            + (qr_svg(link) if session.is_open else "")
        )
        self.record.value = record_html(summary)
        self.prepare_button.disabled = summary.hidden
        if summary.hidden or summary.count != self._shown_count:
            self.downloads.value = ""  # stale: made before the latest responses
        self._shown_count = summary.count

    def prepare_downloads(self) -> None:
        """Make the printable record and the exports, offered as download links."""
        summary = summarise(self.store, self.code) if self.code else None
        if summary is None or summary.hidden:
            self.downloads.value = ""
            return
        self.downloads.value = self._downloads(summary)

    def _downloads(self, summary) -> str:
        from refocus_kit.store.export import tidy, write_export

        page = record_page(summary)
        base = f"refocus-session-{summary.session.code}"
        links = [download_link(page.encode("utf-8"), f"{base}.html", "text/html", "Record (HTML)")]
        with tempfile.TemporaryDirectory() as folder:
            pdf = write_pdf(page, Path(folder) / f"{base}.pdf")
            links.append(
                download_link(pdf.read_bytes(), pdf.name, "application/pdf", "Record (PDF)")
            )
            table = tidy(self.store, summary.session.form_id, session=summary.session.code)
            for fmt, mime in (
                ("csv", "text/csv"),
                ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ):
                out = write_export(table, fmt, Path(folder) / f"{base}.{fmt}")
                links.append(
                    download_link(out.read_bytes(), out.name, mime, f"Responses ({fmt.upper()})")
                )
        return "<p>Download: " + " · ".join(links) + "</p>"

    def end_session(self) -> None:
        """Close the session followed: it takes no more responses."""
        if self.code and close_session(self.store, self.code):
            self._reload_picker()
            self.refresh()

    def _start_auto_refresh(self) -> None:
        async def tick() -> None:
            while True:
                await asyncio.sleep(REFRESH_SECONDS)
                self.refresh()

        try:
            self._task = asyncio.get_running_loop().create_task(tick())
        except RuntimeError:  # no running loop (plain Python): refresh by hand
            self._task = None
            return
        self.observe(self._stop_auto_refresh, "comm")

    def _stop_auto_refresh(self, change) -> None:
        if change["new"] is None and self._task is not None:  # the view was closed
            self._task.cancel()
