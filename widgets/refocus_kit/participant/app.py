"""The participant server: stock Voila, narrowed to the kit's form pages and hardened for a room
of people joining at once.

- Only the form pages are served, written at start from the forms' definitions (pages.py); the
  file tree, contents API and every other folder are not.
- Its parts: the handlers (handlers.py), the pool policy (pools.py), and the one adapter that
  touches Voila's private kernel pools and handler table (voila_pools.py).
- Kernels are pre-heated, a few at a time (warming.py), and opening a session warms one page
  per expected participant for the next few hours.
- A cap on kernels in use: past it, visitors get a page that tells them to retry, not a blank one.
- A browser holds one live page per form: a reload is served the same page again (held.py).
- Idle kernels (a closed tab never shuts its own, voila#1458) are culled.
- A page that cannot be made, headers too large, a malformed websocket message: a plain page or
  one log line, never a traceback, never an answer (guards.py).
- Every asset comes from this server: Font Awesome is served locally, not from a CDN.
- Started by JupyterHub as a service, it serves under the service's prefix and each page asks
  the hub who the visitor is (refocus_kit.hub): the respondent is their hub name.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import importlib.metadata
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

import tornado.web
from tornado.ioloop import IOLoop, PeriodicCallback
from traitlets import Bool, Float, Int, default
from voila.app import Voila

from refocus_kit.config import settings as kit_settings
from refocus_kit.forms_address import publish, withdraw
from refocus_kit.hub import behind_hub, callback_route, service_prefix, take_hub_credentials
from refocus_kit.participant.collector import QuietCollector
from refocus_kit.participant.guards import (
    HEADERS_READ_LIMIT,
    PAGE_FAILED,
    HeadersTooLarge,
    KernelSocket,
    OneLineCellErrors,
    OversizedHeaders,
)
from refocus_kit.participant.handlers import (
    ClosedTabHandler,
    LandingHandler,
    NotServed,
    RenderHandler,
    ShortLinkHandler,
)
from refocus_kit.participant.held import HeldPages
from refocus_kit.participant.pages import write_pages
from refocus_kit.participant.pools import RoomPools
from refocus_kit.participant.stock import PageConnection, TemplateFiles, without_login
from refocus_kit.participant.voila_pools import VoilaPools, voila_routes
from refocus_kit.participant.warming import WarmPageSocket, WarmTurns
from refocus_kit.server import check_store
from refocus_kit.sessions import open_sessions, participant_forms, room_only
from refocus_kit.store.store import Store
from refocus_kit.trust import PagesContents

__all__ = ["RefocusVoila", "fontawesome_dir", "main"]

HERE = Path(__file__).parent
QUIET_AFTER_S = 10.0  # no arrival for this long, and the room is quiet enough to collect garbage
CLOSED_TAB_GRACE_S = 5.0  # a closed tab's kernel is shut down this long after it closes


def fontawesome_dir() -> Path:
    """The Font Awesome 5 files shipped by the `fontawesome-free` package."""
    for file in importlib.metadata.files("fontawesome-free") or ():
        if file.name == "all.min.css" and file.parent.name == "css":
            return Path(file.locate()).parent.parent
    raise RuntimeError("fontawesome-free is not installed")


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
        super().initialize(argv)
        # traitlets leaves the logger at DEBUG and filters in the handler, so every debug line
        # of the kernel and websocket machinery is still formatted: costly with a room at once.
        self.log.setLevel(self.log_level)
        self.log.addFilter(OneLineCellErrors())
        self._enforce_safe_settings()
        self.pages_served = frozenset(f"{form_id}.ipynb" for form_id in participant_forms())
        self.turns = WarmTurns(
            self.warm_at_once,
            on_failed=lambda *failed: self.room.warm_page_failed(*failed),
            log=self.log,
            on_started=lambda kernel_id: self.room.watch(kernel_id),
        )
        self.pages = HeldPages(
            lambda kernel_id: self.room.stop_kernel(kernel_id),
            lambda kernel_id: self.room.holds_page(kernel_id),
            cookieless=self.cookieless_pages,
            unconnected_s=self.unconnected_seconds,
        )
        self.collector = QuietCollector()
        self._store: Store | None = None
        self._store_failing = False

    def _enforce_safe_settings(self) -> None:
        """Settings that keep participants safe and the room fast; not left to the command
        line."""
        voila = self.voila_configuration
        voila.strip_sources = True
        voila.show_tracebacks = False
        voila.file_allowlist = []  # the pages folder holds notebooks only: serve no files
        voila.http_header_envs = ["X-Forwarded-User"]
        voila.preheat_kernel = True
        voila.default_pool_size = 0  # the pools are sized and warmed in turn (pools.py)
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
        pools = VoilaPools(self.kernel_manager)
        self.turns.wrap(pools)
        by_link = [f"{form_id}.ipynb" for form_id in participant_forms() if room_only(form_id)]
        self.room = RoomPools(
            pools, self, self.turns, self.pages_served, log=self.log, room_only=by_link
        )
        self.room.check(self.open_sessions())
        return settings

    def init_handlers(self):
        voila = super().init_handlers()
        routes = voila_routes(voila)
        base = self.server_url.rstrip("/")
        # Tornado drops a request with headers over its limit without an answer: read more,
        # and answer those over ours with a page (OversizedHeaders).
        self.app.listen = functools.partial(self.app.listen, max_header_size=HEADERS_READ_LIMIT)
        template = self.voila_configuration.template
        ours = [
            (OversizedHeaders(), HeadersTooLarge),
            (f"{base}/", LandingHandler, {"app": self}),
            (f"{base}/s/([A-Za-z0-9]{{1,16}})", ShortLinkHandler, {"app": self}),
            (f"{base}/voila/render/(.*)", RenderHandler, routes.render[2]),
            (routes.query[0], WarmPageSocket),
            (routes.kernel[0], KernelSocket),
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
        if behind_hub():  # the hub sends people back here once they have logged in
            ours.insert(1, callback_route())
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

    # -- the room ---------------------------------------------------------------------------
    def open_sessions(self) -> list | None:
        """The sessions opened within their warm hours, or None while the store cannot be
        read (said once in the log, not at every check while it lasts)."""
        try:
            since = dt.datetime.now(dt.UTC) - dt.timedelta(hours=self.session_warm_hours)
            sessions = open_sessions(self.store, opened_since=since)
        except Exception:  # the store is unreachable for a moment: keep the pools as they are
            if not self._store_failing:
                self.log.warning("could not read open sessions; pool sizes unchanged")
            self._store_failing = True
            return None
        if self._store_failing:
            self.log.info("open sessions read again")
        self._store_failing = False
        return sessions

    def check_room(self) -> None:
        """Size the pools for the open sessions, let go of pages never connected to, and
        collect garbage while nobody is arriving."""
        self.room.check(self.open_sessions())
        if self.pages.sweep():
            self.log.info("let go of pages never connected to")
        quiet = self.room.quiet_since(QUIET_AFTER_S)
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
                self.room.stop_kernel(kernel_id)

        asyncio.get_running_loop().call_later(CLOSED_TAB_GRACE_S, stop)


def main(argv: list[str] | None = None) -> None:
    """Start the participant server on its pages, written for this run into a private folder
    of their own (pages.py), with the kit's template."""
    template_root = str(HERE / "jupyter")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (template_root, os.environ.get("JUPYTER_PATH", "")) if p
    )
    # Each page has a kernel of its own, so a widget's change need not be echoed back to
    # other views of it: one message fewer for every keystroke in the room.
    os.environ.setdefault("JUPYTER_WIDGETS_ECHO", "0")
    args = list(sys.argv[1:] if argv is None else argv)
    check_store(kit_settings().store_url)  # started alone too (a hub's service), not only by run()
    if behind_hub():  # a hub's service: served under its prefix, people logged in by the hub
        take_hub_credentials()
        args.append(f"--Voila.base_url={service_prefix()}")
    with tempfile.TemporaryDirectory(prefix="refocus-pages-") as folder:
        write_pages(Path(folder))
        RefocusVoila.launch_instance(argv=[folder, "--template=refocus", "--no-browser", *args])


if __name__ == "__main__":
    main()
