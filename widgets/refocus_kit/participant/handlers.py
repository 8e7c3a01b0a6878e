"""The participant server's request handlers: the landing page, the short session links, the
form pages (one live page per browser and form, under the kernel cap, a plain page for one
that could not be made) and a closed tab's shutdown. The kernels behind them are the pool
policy's (pools.py); the server that routes to them is app.py."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

import tornado.escape
import tornado.web
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler

from refocus_kit.forms.loader import load_form
from refocus_kit.hub import behind_hub, hub_user
from refocus_kit.participant.guards import kernel_of, made_whole
from refocus_kit.participant.held import Claim, Held
from refocus_kit.participant.identity import is_pseudonym, new_pseudonym
from refocus_kit.participant.plain import plain_page
from refocus_kit.sessions import get_session, participant_forms, room_only
from refocus_kit.store.errors import StoreError

if TYPE_CHECKING:
    from refocus_kit.participant.app import RefocusVoila

__all__ = [
    "ClosedTabHandler",
    "LandingHandler",
    "NotServed",
    "RenderHandler",
    "ShortLinkHandler",
    "browser_pseudonym",
]

PID_COOKIE = "refocus_pid"
NO_COOKIE = "no_cookie"  # marks a form page's address for a browser that kept no cookie
RETRY_S = 10  # a visitor asked to try again is told to do so after this many seconds
USER_HEADER = "X-Forwarded-User"  # passed to a page's kernel (identity.USER_HEADER_ENV)


def browser_pseudonym(handler: tornado.web.RequestHandler) -> str:
    """The browser's pseudonymous id, from its cookie or new (and then set), so a reopened
    link finds its draft again."""
    pid = handler.get_cookie(PID_COOKIE) or ""
    if not is_pseudonym(pid):
        pid = new_pseudonym()
        handler.set_cookie(
            PID_COOKIE,
            pid,
            httponly=True,
            samesite="Lax",
            expires_days=365,
            secure=handler.request.protocol == "https",
        )
    return pid


def send_on(handler: tornado.web.RequestHandler, target: str) -> None:
    """Send the visitor on to a form page. A browser seen for the first time is sent on by a
    page that a browser follows at once, not by a redirect: a script, a link checker or a link
    preview that keeps no cookies would otherwise follow each redirect to a kernel of its own,
    as a new browser each time."""
    if not is_pseudonym(handler.get_cookie(PID_COOKIE) or ""):  # the request came without one
        plain_page(handler, "opening.html", target=target)
    else:
        handler.redirect(target)


class KitHandler(tornado.web.RequestHandler):
    """Plain pages of the participant server (no kernel behind them)."""

    def initialize(self, app: RefocusVoila):
        self.app = app

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")

    def page(self, template: str, status: int = 200, **context) -> None:
        plain_page(self, template, status, **context)

    async def prepare(self) -> None:
        """Behind a hub, only its logged-in users get a page; others go to its login."""
        if behind_hub():
            await hub_user(self)


class LandingHandler(KitHandler):
    def get(self) -> None:
        code = self.get_argument("code", "").strip()
        if code:
            self.redirect(f"{self.app.base_url}s/{tornado.escape.url_escape(code)}")
            return
        forms = [
            load_form(f) for f in participant_forms() if not room_only(f)
        ]  # sessions' own: by link
        query = urlencode({"pid": browser_pseudonym(self)})
        self.page("landing.html", forms=forms, query=query)


class ShortLinkHandler(KitHandler):
    """/s/CODE: the link on the projector and in the QR code."""

    def get(self, code: str) -> None:
        try:
            session = get_session(self.app.store, code)
        except StoreError:  # logged by the store in one line
            self.page("unavailable.html", status=503, retry_after=RETRY_S)
            return
        if session is None or not session.is_open:
            self.page("no-session.html", status=404, code=code, closed=session is not None)
            return
        query = urlencode({"session": session.code, "pid": browser_pseudonym(self)})
        send_on(self, f"{self.app.base_url}voila/render/{session.form_id}.ipynb?{query}")


class RenderHandler(TornadoVoilaHandler):
    """Voila's page handler, with a pseudonymous id on every visit, one live page per browser
    and form (held.py), a cap on kernels, and a plain page for a page that cannot be made."""

    _held: Held | None = None
    _admitted: str | None = None
    _user = ""  # the hub user, behind a hub

    async def prepare(self):
        await super().prepare()
        if self._finished or self.request.method != "GET":
            return
        notebook = self.path_args[0] if self.path_args else ""
        if notebook not in self.settings["refocus_app"].pages_served:  # nothing else, by any name
            raise tornado.web.HTTPError(404)
        if behind_hub() and not await self._logged_in():
            return
        known = is_pseudonym(self.get_cookie(PID_COOKIE) or "")
        if not self.get_argument("pid", "") or not (known or self.get_argument(NO_COOKIE, "")):
            # A pseudonym for the page, and a cookie for the browser; one that comes back
            # without the cookie is marked as such (NO_COOKIE), not sent round again.
            args = {k: self.get_argument(k) for k in self.request.arguments}
            pid = browser_pseudonym(self)  # sets the cookie if there is none
            args.setdefault("pid", pid)
            args |= {} if known else {NO_COOKIE: "1"}
            send_on(self, f"{self.request.path}?{urlencode(args)}")
            return
        # Voila's page shuts its kernel down as its tab closes, with the `_xsrf` cookie in
        # the request; no Voila page sets that cookie, so the request is refused and the
        # kernel lingers until culled (voila#1458). Setting it lets a closed tab let go.
        self.xsrf_token  # noqa: B018 - reading it sets the cookie
        await self._claim(notebook)

    async def _logged_in(self) -> bool:
        """Behind a hub: the page's kernel is told the hub's name for the visitor, whatever
        header the browser sent; someone not logged in is sent to the hub's login."""
        user = await hub_user(self)
        if user is None:
            return False
        self._user = user
        self.request.headers[USER_HEADER] = user
        return True

    async def _claim(self, notebook: str) -> None:
        """Serve the page this browser holds for the form again, or make one if it may."""
        app: RefocusVoila = self.settings["refocus_app"]
        query, cookie = self.request.query, self.get_cookie(PID_COOKIE) or ""
        if is_pseudonym(cookie):  # behind a hub, a page is held for the browser and the user
            holder, address = f"{cookie} {self._user}".rstrip(), None
        else:  # it sends no cookie back: the page counts against its address
            address = self.request.remote_ip or "-"
            holder = f"{address} {query} {self._user}".rstrip()
        claim, held = await app.pages.claim(holder, notebook, query, address)
        if claim is Claim.AGAIN:
            self.set_header("Content-Type", "text/html")
            self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
            self.finish(held.html)
        elif claim is Claim.TOO_MANY:
            plain_page(self, "too-many-pages.html", status=429, retry_after=60)
        elif claim is Claim.FAILED:
            plain_page(self, "unavailable.html", status=503, retry_after=RETRY_S)
        elif claim is Claim.NEW and app.room.admit(
            notebook, self.get_argument("session", "").upper()
        ):
            self._held, self._admitted = held, notebook
        else:
            if held is not None:
                app.pages.failed(held)
            plain_page(self, "busy.html", status=503, retry_after=RETRY_S)

    @tornado.web.authenticated
    async def get(self, path=None):
        """Make the page whole before sending any of it: a page whose notebook failed is
        replaced by a plain one (Voila's would tell the visitor to run it with tracebacks)."""
        app: RefocusVoila = self.settings["refocus_app"]
        parts = []
        try:
            async for part in self.get_generator(path=path):
                parts.append(part)
        except Exception:
            app.log.warning("a page of %s could not be made", path, exc_info=True)
        page = "".join(parts)
        kernel_id = kernel_of(page)
        if kernel_id is not None and made_whole(page):
            app.pages.made(self._held, page, kernel_id)
            app.room.watch(kernel_id)  # a warm page's kernel is watched already
            self.finish(page)
            return
        app.pages.failed(self._held)
        if kernel_id is not None:
            app.room.stop_kernel(kernel_id)
        app.log.warning("a page of %s failed; the visitor was asked to try again", path)
        plain_page(self, "unavailable.html", status=503, retry_after=RETRY_S)

    def on_finish(self) -> None:
        if self._admitted:
            self.settings["refocus_app"].room.left(self._admitted)
        if self._held is not None and not self._held.made.done():
            self.settings["refocus_app"].pages.failed(self._held)
        super().on_finish()


class ClosedTabHandler(VoilaShutdownKernelHandler):
    """The shutdown a Voila page asks for as its tab closes: answered at once, carried out a
    few seconds later, so that the first people to finish do not slow those still arriving."""

    @tornado.web.authenticated
    async def post(self, kernel_id: str) -> None:
        if kernel_id not in self.kernel_manager:
            raise tornado.web.HTTPError(404)
        self.settings["refocus_app"].let_go(kernel_id)
        self.set_status(204)
        self.finish()


class NotServed(tornado.web.RequestHandler):
    def get(self, *_args) -> None:
        raise tornado.web.HTTPError(404)
