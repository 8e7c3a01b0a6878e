"""The participant server: stock Voila, narrowed to the kit's form pages and hardened for a room
of people joining at once.

- Only the pages folder is served; the file tree, contents API and every other folder are not.
- Kernels are pre-heated, a few at a time (warming.py), and opening a session warms one page
  per expected participant for the next few hours.
- A cap on kernels in use: past it, visitors get a page that tells them to retry, not a blank one.
- A browser holds one live page per form: a reload is served the same page again (held.py).
- Idle kernels (a closed tab never shuts its own, voila#1458) are culled.
- A page that cannot be made, headers too large, a malformed websocket message: a plain page or
  one log line, never a traceback, never an answer (guards.py).
- Every asset comes from this server: Font Awesome is served locally, not from a CDN.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import importlib.metadata
import logging
import os
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import tornado.web
from tornado.ioloop import IOLoop, PeriodicCallback
from traitlets import Bool, Float, Int, default
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from refocus_kit.config import settings as kit_settings
from refocus_kit.forms.loader import load_form
from refocus_kit.forms_address import publish, withdraw
from refocus_kit.participant.collector import QuietCollector
from refocus_kit.participant.guards import (
    HEADERS_READ_LIMIT,
    PAGE_FAILED,
    HeadersTooLarge,
    KernelSocket,
    OneLineCellErrors,
    OversizedHeaders,
    kernel_of,
    made_whole,
)
from refocus_kit.participant.held import Claim, Held, HeldPages
from refocus_kit.participant.identity import is_pseudonym, new_pseudonym
from refocus_kit.participant.plain import plain_page
from refocus_kit.participant.stock import PageConnection, TemplateFiles, without_login
from refocus_kit.participant.warming import WarmPageSocket, WarmTurns
from refocus_kit.sessions import get_session, open_sessions, participant_forms, room_only
from refocus_kit.store.errors import StoreError
from refocus_kit.store.store import Store
from refocus_kit.trust import PagesContents

__all__ = ["PAGES_DIR", "RefocusVoila", "fontawesome_dir", "main", "share"]

HERE = Path(__file__).parent
PAGES_DIR = HERE / "pages"
PID_COOKIE = "refocus_pid"
NO_COOKIE = "no_cookie"  # marks a form page's address for a browser that kept no cookie
PAGES = frozenset(f"{form_id}.ipynb" for form_id in participant_forms())
QUIET_AFTER_S = 10.0  # no arrival for this long, and the room is quiet enough to collect garbage
CLOSED_TAB_GRACE_S = 5.0  # a closed tab's kernel is shut down this long after it closes
RETRY_S = 10  # a visitor asked to try again is told to do so after this many seconds


def fontawesome_dir() -> Path:
    """The Font Awesome 5 files shipped by the `fontawesome-free` package."""
    for file in importlib.metadata.files("fontawesome-free") or ():
        if file.name == "all.min.css" and file.parent.name == "css":
            return Path(file.locate()).parent.parent
    raise RuntimeError("fontawesome-free is not installed")


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


class LandingHandler(KitHandler):
    def get(self) -> None:
        code = self.get_argument("code", "").strip()
        if code:
            self.redirect(f"{self.app.base_url}s/{tornado.escape.url_escape(code)}")
            return
        forms = [load_form(f) for f in participant_forms() if not room_only(f)]
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

    async def prepare(self):
        await super().prepare()
        if self._finished or self.request.method != "GET":
            return
        notebook = self.path_args[0] if self.path_args else ""
        if notebook not in PAGES:  # the kit's pages only: nothing else under any name
            raise tornado.web.HTTPError(404)
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

    async def _claim(self, notebook: str) -> None:
        """Serve the page this browser holds for the form again, or make one if it may."""
        app: RefocusVoila = self.settings["refocus_app"]
        query, cookie = self.request.query, self.get_cookie(PID_COOKIE) or ""
        if is_pseudonym(cookie):
            holder, address = cookie, None
        else:  # it sends no cookie back: the page counts against its address
            address = self.request.remote_ip or "-"
            holder = f"{address} {query}"
        claim, held = await app.pages.claim(holder, notebook, query, address)
        if claim is Claim.AGAIN:
            self.set_header("Content-Type", "text/html")
            self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
            self.finish(held.html)
        elif claim is Claim.TOO_MANY:
            plain_page(self, "too-many-pages.html", status=429, retry_after=60)
        elif claim is Claim.FAILED:
            plain_page(self, "unavailable.html", status=503, retry_after=RETRY_S)
        elif claim is Claim.NEW and app.admit(notebook, self.get_argument("session", "").upper()):
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
            self.finish(page)
            return
        app.pages.failed(self._held)
        if kernel_id is not None:
            app.stop_kernel(kernel_id)
        app.log.warning("a page of %s failed; the visitor was asked to try again", path)
        plain_page(self, "unavailable.html", status=503, retry_after=RETRY_S)

    def on_finish(self) -> None:
        if self._admitted:
            self.settings["refocus_app"].left(self._admitted)
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


class RefocusVoila(Voila):
    """Voila for the kit's participant pages."""

    name = "refocus-participant"
    max_kernels = Int(
        60,
        config=True,
        help="Kernels in use by visitors at most; past this, "
        "new visitors are asked to retry in a few seconds.",
    )
    base_pool = Int(1, config=True, help="Pages kept warm per form when no session is open.")
    max_pool = Int(
        40,
        config=True,
        help="Pages kept warm per form at most, however many people open sessions expect.",
    )
    room_check_seconds = Float(
        2.0, config=True, help="How often open sessions are read to size the pools of warm pages."
    )

    warm_at_once = Int(
        max(os.cpu_count() or 1, 1),
        config=True,
        help="Warm pages made at the same time (one per CPU by default): made in turn, the first "
        "is ready in seconds; made all together, none is ready until they all are.",
    )
    session_warm_hours = Float(
        3.0,
        config=True,
        help="Hours after opening during which a session keeps pages warm for its room; a "
        "session left open longer takes responses but no longer holds kernels.",
    )

    collect_when_quiet = Bool(
        True,
        config=True,
        help="Run Python's garbage collector when nobody is arriving, and freeze what survives, "
        "so that long collections do not fall in a burst of arrivals (collector.py).",
    )

    cull_idle_seconds = Int(
        900,
        config=True,
        help="Shut a visitor's kernel after this many seconds with no activity and no open page.",
    )
    unconnected_seconds = Float(
        60.0,
        config=True,
        help="Shut a page's kernel down this long after the page was sent if the page never "
        "connected to it (a script, a link checker, a tab closed at once).",
    )
    cookieless_pages = Int(
        3,
        config=True,
        help="Live pages a client that sends no cookie back may hold at once from its address "
        "(a browser, known by its cookie, holds one per form).",
    )

    def initialize(self, argv=None):
        self._last_arrival = float("-inf")  # time.monotonic() of the last admission
        self._arriving: Counter[str] = Counter()
        self._visits: Counter[str] = Counter()
        self._stopping: set[asyncio.Future] = set()  # kernels being shut down
        self._stopping_ids: set[str] = set()
        super().initialize(argv)
        # traitlets leaves the logger at DEBUG and filters in the handler, so every debug line
        # of the kernel and websocket machinery is still formatted: costly with a room at once.
        self.log.setLevel(self.log_level)
        self.log.addFilter(OneLineCellErrors())
        self._enforce_safe_settings()
        self.turns = WarmTurns(self.warm_at_once, on_failed=self.warm_page_failed, log=self.log)
        self.pages = HeldPages(
            self.stop_kernel,
            lambda kernel_id: kernel_id in self.kernel_manager,
            cookieless=self.cookieless_pages,
            unconnected_s=self.unconnected_seconds,
        )
        self.collector = QuietCollector()
        self._store: Store | None = None
        self._store_failing = False
        self._open: list = []  # the open sessions, as last read from the store

    def _enforce_safe_settings(self) -> None:
        """Settings that keep participants safe and the room fast; not left to the command
        line."""
        voila = self.voila_configuration
        voila.strip_sources = True
        voila.show_tracebacks = False
        voila.file_allowlist = []  # the pages folder holds notebooks only: serve no files
        voila.http_header_envs = ["X-Forwarded-User"]
        voila.preheat_kernel = True
        voila.default_pool_size = 0  # the pools are sized and warmed in turn by size_pools
        self.config.MappingKernelManager.cull_idle_timeout = self.cull_idle_seconds
        self.config.MappingKernelManager.cull_interval = 60
        self.config.MappingKernelManager.cull_connected = False
        self.config.KernelManager.transport = "ipc"  # TCP ports collide under a burst
        # A page whose output is late under load would be served without its form: wait longer.
        self.config.VoilaExecutor.iopub_timeout = 30
        # Voila's text for a failed page asks to run it with tracebacks; this mark instead
        # keeps such a page from being sent (RenderHandler.get).
        self.config.VoilaExecutor.cell_error_instruction = PAGE_FAILED
        self.config.VoilaExecutor.cell_timeout_instruction = PAGE_FAILED

    @default("kernel_websocket_connection_class")
    def _page_connection(self):
        return PageConnection

    def init_settings(self):
        settings = super().init_settings()
        settings["refocus_app"] = self
        kit = logging.getLogger("refocus_kit")  # the store's one-line failures, as the server's
        if not kit.handlers:
            kit.handlers, kit.propagate = list(self.log.handlers), False
        # Voila's contents manager, but without a "not trusted" warning for every page made.
        self.contents_manager = settings["contents_manager"] = PagesContents(parent=self)
        self.turns.wrap(self.kernel_manager)
        self.size_pools()
        return settings

    def init_handlers(self):
        voila = super().init_handlers()
        render = next(h for h in voila if h[0].endswith("/voila/render/(.*)"))
        query = next(h for h in voila if h[1] is RequestInfoSocketHandler)
        kernel = next(h for h in voila if h[1] is VoilaKernelWebsocketHandler)
        base = self.server_url.rstrip("/")
        # Tornado drops a request with headers over its limit without an answer: read more,
        # and answer those over ours with a page (OversizedHeaders).
        self.app.listen = functools.partial(self.app.listen, max_header_size=HEADERS_READ_LIMIT)
        template = self.voila_configuration.template
        ours = [
            (OversizedHeaders(), HeadersTooLarge),
            (f"{base}/", LandingHandler, {"app": self}),
            (f"{base}/s/([A-Za-z0-9]{{1,16}})", ShortLinkHandler, {"app": self}),
            (f"{base}/voila/render/(.*)", RenderHandler, render[2]),
            (query[0], WarmPageSocket),
            (kernel[0], KernelSocket),
            (f"{base}/voila/api/shutdown/(.*)", ClosedTabHandler),
            (f"{base}/voila/tree(.*)", NotServed),
            (f"{base}/voila/api/contents(.*)", NotServed),
            (f"{base}/voila/templates/(.*)", TemplateFiles, {"template": template}),
            (
                f"{base}/refocus/static/fontawesome/(.*)",
                tornado.web.StaticFileHandler,
                {"path": str(fontawesome_dir())},
            ),
        ]
        PeriodicCallback(self.check_room, self.room_check_seconds * 1000).start()
        stock = without_login(voila, self.identity_provider)
        return ours + [h for h in stock if h[0] != self.server_url]

    def listen(self):
        # Voila's listen() binds the port (perhaps another, if retries are allowed), then runs
        # the loop until the server stops: once the loop runs, the address it serves on is
        # recorded for session links, and withdrawn again in stop().
        IOLoop.current().add_callback(self._publish_address)
        super().listen()

    def _publish_address(self) -> None:
        try:
            publish(kit_settings().data_dir, self.ip, self.port)
        except OSError as exc:
            self.log.warning("could not record this server's address for session links: %s", exc)

    def stop(self):
        withdraw(kit_settings().data_dir)
        super().stop()

    @property
    def store(self) -> Store:
        """The store, opened when first needed (and again after it failed to open), so that
        the server starts, and says "try again" to visitors, while the store is unavailable."""
        if self._store is None:
            self._store = Store()
        return self._store

    # -- kernels --------------------------------------------------------------------------
    def _pool(self, notebook: str) -> list:
        return getattr(self.kernel_manager, "_pools", {}).get(notebook, [])

    def pool_ready(self, notebook: str) -> int:
        return sum(1 for task in self._pool(notebook) if task.done() and not task.exception())

    def kernels_in_use(self) -> int:
        """Kernels not waiting warm in a pool (those still starting count as in use, those
        being shut down do not)."""
        ready = sum(self.pool_ready(notebook) for notebook in PAGES)
        running = len(self.kernel_manager.list_kernel_ids()) - len(self._stopping_ids)
        return max(running - ready, 0)

    def admit(self, notebook: str, session: str = "") -> bool:
        """Let a visitor in if a warm page is free for them, or if a kernel can still start
        under the cap. Visitors whose page is still being made are counted, so a crowd
        arriving in the same instant cannot all slip under the cap at once."""
        warm = self.pool_ready(notebook) - self._arriving[notebook]
        arriving = sum(self._arriving.values())
        if warm <= 0 and self.kernels_in_use() + arriving >= self.max_kernels:
            return False
        if warm <= 0:
            self.turns.hurry(notebook)
        self._arriving[notebook] += 1
        self._last_arrival = time.monotonic()
        if session:
            self._visits[session] += 1
            self.size_pools(fresh=False)  # one fewer still to come: do not replace their page
        return True

    def left(self, notebook: str) -> None:
        """A visitor's page is made (or failed): they no longer count as arriving."""
        self._arriving[notebook] = max(self._arriving[notebook] - 1, 0)

    def check_room(self) -> None:
        """Size the pools for the open sessions, let go of warm pages no longer wanted and of
        pages never connected to, and collect garbage while nobody is arriving."""
        for notebook, size in self.size_pools().items():
            self.trim_pool(notebook, size)
        if self.pages.sweep():
            self.log.info("let go of pages never connected to")
        turns = self.turns
        quiet = (
            time.monotonic() - self._last_arrival >= QUIET_AFTER_S
            and not any(self._arriving.values())
            and not turns.making
            and not turns.waiting
        )
        kernels = frozenset(self.kernel_manager.list_kernel_ids())
        if self.collect_when_quiet and self.collector.maybe_collect(quiet, kernels):
            self.log.debug("collected garbage while the room was quiet")

    def let_go(self, kernel_id: str) -> None:
        """Shut down a closed tab's kernel once CLOSED_TAB_GRACE_S have passed, unless its
        page was reloaded meanwhile (the reload is served the same page, held.py)."""
        asked = time.monotonic()

        def stop() -> None:
            reloaded = self.pages.in_use(kernel_id, since=asked - CLOSED_TAB_GRACE_S / 2)
            if kernel_id in self.kernel_manager and not reloaded:
                self.stop_kernel(kernel_id)

        asyncio.get_running_loop().call_later(CLOSED_TAB_GRACE_S, stop)

    def stop_kernel(self, kernel_id: str) -> None:
        """Shut a kernel down (once, however often asked)."""
        if kernel_id in self._stopping_ids:
            return
        self._stopping_ids.add(kernel_id)
        stopping = asyncio.ensure_future(self._shutdown(kernel_id))
        self._stopping.add(stopping)
        stopping.add_done_callback(self._stopping.discard)

    async def _shutdown(self, kernel_id: str) -> None:
        try:
            await self.kernel_manager.shutdown_kernel(kernel_id)
        except (KeyError, tornado.web.HTTPError):  # gone already
            pass
        finally:
            self._stopping_ids.discard(kernel_id)

    def warm_page_failed(self, notebook: str, kernel_id: str, retry_after: float) -> None:
        """A warm page whose notebook failed before anyone came (the store down, say): take
        it out of its pool, so that no visitor is handed it, shut it down, and make the next
        one `retry_after` seconds later (warming.py)."""
        pool = self._pool(notebook)
        for task in pool:
            if task.done() and not task.exception() and task.result()["kernel_id"] == kernel_id:
                pool.remove(task)
                self.kernel_manager.fill_if_needed(delay=retry_after, notebook_name=notebook)
                break
        self.stop_kernel(kernel_id)

    def trim_pool(self, notebook: str, size: int) -> None:
        """Shut down warm pages beyond `size` (a session closed, or its warm hours passed):
        Voila never culls a pooled kernel, so they would otherwise be kept for ever. Pages
        still being made are left for a later check, and visitors on their way keep theirs."""
        pool = self._pool(notebook)
        extra = len(pool) - size - self._arriving[notebook]
        spare = [t for t in reversed(pool) if t.done() and not t.exception()][: max(extra, 0)]
        for task in spare:
            pool.remove(task)  # out of the pool first, so that no visitor is handed it
            self.stop_kernel(task.result()["kernel_id"])
        if spare:
            self.log.info("let go of %d warm pages of %s", len(spare), notebook)

    def size_pools(self, fresh: bool = True) -> dict[str, int]:
        """Keep warm one page per person an open session still expects (within limits).

        Each arrival shrinks the pool before they take their page, so a room arriving together
        does not start replacements that would compete with its own pages for the CPU. (A
        delayed refill would not do: Voila hands the next visitor the delayed task, who then
        waits out the delay.) An arrival uses the sessions as last read (`fresh=False`), a
        moment ago, rather than asking the store again. New pages are made only within the
        kernel cap; returns the number of pages wanted warm for each form."""
        if fresh:
            try:
                since = dt.datetime.now(dt.UTC) - dt.timedelta(hours=self.session_warm_hours)
                self._open = open_sessions(self.store, opened_since=since)
            except Exception:  # the store is unreachable for a moment: keep the pools as they are
                if not self._store_failing:  # once, not every check while it lasts
                    self.log.warning("could not read open sessions; pool sizes unchanged")
                self._store_failing = True
                return {}
            if self._store_failing:
                self.log.info("open sessions read again")
            self._store_failing = False
        wanted = {f: 0 if room_only(f) else self.base_pool for f in participant_forms()}
        for session in self._open:
            still_coming = session.expected - self._visits[session.code]
            wanted[session.form_id] += max(still_coming, 0)
        wanted = {f"{form_id}.ipynb": min(size, self.max_pool) for form_id, size in wanted.items()}
        budget = max(self.max_kernels - self.kernels_in_use(), 0)
        sizes = share(wanted, budget, first=self.base_pool)
        config = self.kernel_manager.kernel_pools_config
        for notebook, size in sizes.items():
            before = config.get(notebook, config.get("default", {})).get("pool_size", 0)
            if before != size:
                config[notebook] = {**config.get("default", {}), "pool_size": size}
            if size > before:
                self.log.info("warming %d pages of %s", size, notebook)
                self.kernel_manager.fill_if_needed(delay=0, notebook_name=notebook)
        return wanted  # pages already warm are kept while wanted, even past the budget


def share(wanted: dict[str, int], budget: int, first: int) -> dict[str, int]:
    """Share `budget` warm pages among the pools that want them: up to `first` each, then the
    rest in order. Kernels in use and warm pages together then stay within the cap."""
    sizes = dict.fromkeys(wanted, 0)
    for limit in (first, None):
        for notebook, want in wanted.items():
            goal = want if limit is None else min(want, limit)
            take = min(max(goal - sizes[notebook], 0), budget)
            sizes[notebook] += take
            budget -= take
    return sizes


def main(argv: list[str] | None = None) -> None:
    """Start the participant server on the pages folder with the kit's template."""
    template_root = str(HERE / "jupyter")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (template_root, os.environ.get("JUPYTER_PATH", "")) if p
    )
    # Each page has a kernel of its own, so a widget's change need not be echoed back to
    # other views of it: one message fewer for every keystroke in the room.
    os.environ.setdefault("JUPYTER_WIDGETS_ECHO", "0")
    args = list(sys.argv[1:] if argv is None else argv)
    RefocusVoila.launch_instance(argv=[str(PAGES_DIR), "--template=refocus", "--no-browser", *args])


if __name__ == "__main__":
    main()
