"""The two servers under test and how a participant fills in each one's page: the kit's
participant app with a session open, and stock Voila on a one-text-box notebook."""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.voila import wsclient
from bench.voila.browser import PageParts
from bench.voila.servers import Server
from refocus_kit.forms.safety import contains_nhs_number
from refocus_kit.sessions import close_session, open_session, participant_forms, room_only
from refocus_kit.store import Store

__all__ = [
    "Kit",
    "Stock",
    "Target",
    "Warm",
    "answer",
    "kit_find",
    "kit_saved",
    "new_pid",
    "sqlite_url",
]

FORM_ID = "team_reflection_session"
TEAM = "Bench team (fictional)"
PROGRESS_LABEL = "Progress in implementing the intervention"
MAX_POOL = 40  # RefocusVoila.max_pool: warm pages per form at most
WARM_CEILING = 300  # seconds
BIN = Path(sys.executable).parent
STOCK_NOTEBOOK = Path(__file__).resolve().parent / "stock" / "minimal.ipynb"


@dataclass(frozen=True)
class Warm:
    """How a kit server got ready for a session: seconds, kernels, warm pages of wanted."""

    seconds: float
    kernels: int
    ready: int
    wanted: int

    def __str__(self) -> str:
        short = "" if self.ready >= self.wanted else f", ONLY {self.ready} of {self.wanted} warm"
        return f"{self.seconds:.1f} s ({self.kernels} kernels{short})"


@dataclass
class Target:
    """A server under test and how a participant fills in its page."""

    name: str
    server: Server
    path: Callable[[str], str]  # participant pid -> path and query of the page
    parts: PageParts  # for the browser
    find: wsclient.Finder  # for the websocket client
    saved: wsclient.Ack
    stored_texts: Callable[[], list[str]]  # every answer stored so far
    count: Callable[[], int]  # how many, cheaply (polled)
    settle: Callable[[], float]  # wait until the server is ready for the next person


def new_pid() -> str:
    """A pseudonym shaped like the kit's, never one the store would refuse as an NHS number."""
    while True:
        pid = "p-" + secrets.token_hex(6)
        if not contains_nhs_number(pid):
            return pid


def answer(pid: str) -> str:
    return f"Bench answer from {pid}"


def kit_find(states: dict[str, dict]) -> tuple[str, str]:
    """The Textarea of the "progress" field (in the field box whose label says so)."""
    for model in states.values():
        if "refocus-field" not in model.get("state", {}).get("_dom_classes", []):
            continue
        kids = [(k, states.get(k, {})) for k in wsclient.children(model)]
        labels = " ".join(str(m.get("state", {}).get("value", "")) for _k, m in kids)
        if PROGRESS_LABEL in labels:
            area = next(k for k, m in kids if m.get("model_name") == "TextareaModel")
            return area, wsclient.find_button(states)
    raise LookupError("no progress field in the form")


def kit_saved(state: dict) -> bool:
    """The kit's page says the answer is stored."""
    return "answers are saved" in str(state.get("value", ""))


def stock_find(states: dict[str, dict]) -> tuple[str, str]:
    return wsclient.first_model(states, "TextModel"), wsclient.find_button(states)


def sqlite_url(folder: Path) -> str:
    """The kit's store in a data folder: the one it uses when no database URL is set."""
    return f"sqlite:///{folder / 'refocus.sqlite3'}"


class Kit:
    """`refocus forms serve` on a temporary data folder, one session open at a time; or, given
    a `server` already started on that folder's store (a hub's forms service), that server."""

    def __init__(self, folder: Path, log: Path, server: Server | None = None):
        self.data = folder
        self.url = sqlite_url(folder)
        argv = [str(BIN / "refocus"), "forms", "serve", "--port", "{port}", "--ip", "127.0.0.1"]
        env = {"REFOCUS_DATA_DIR": str(folder), "REFOCUS_DATABASE_URL": ""}  # SQLite in folder
        self.server = server or Server("kit", argv, env, folder, log)
        self.code, self.expected, self.visits = "", 0, 0

    def open_warm(self, expected: int) -> Warm:
        """Open a session for `expected` people, as a facilitator does before the room arrives,
        and wait until the server holds the warm pages it sizes for them."""
        opened = time.monotonic()
        with Store(self.url) as store:
            if self.code:
                close_session(store, self.code)
            self.code = open_session(store, FORM_ID, TEAM, expected=expected).code
        self.expected, self.visits = expected, 0
        self.settle(ceiling=WARM_CEILING)
        ready = self.server.waiting_kernels()
        return Warm(time.monotonic() - opened, self.server.kernels(), ready, self.wanted())

    def wanted(self) -> int:
        """Warm pages the server should hold: one per form people reach without a session's
        link, plus one per person the session still expects (each visit is one fewer)."""
        still_coming = max(self.expected - self.visits, 0)
        always = [f for f in participant_forms() if not room_only(f)]
        return len(always) + min(still_coming, MAX_POOL - 1)

    def path(self, pid: str) -> str:
        """The session's page for one participant (who is then no longer still to come)."""
        self.visits += 1
        return f"/voila/render/{FORM_ID}.ipynb?session={self.code}&pid={pid}"

    def settle(self, ceiling: float = 120) -> float:
        """Seconds until every warm page the server should hold has run its notebook, then the
        server is quiet (or `ceiling`)."""
        start = time.monotonic()
        while self.server.waiting_kernels() < self.wanted():
            if time.monotonic() - start > ceiling or not self.server.alive():
                return time.monotonic() - start
            time.sleep(0.2)
        self.server.wait_quiet(ceiling=max(ceiling - (time.monotonic() - start), 1))
        return time.monotonic() - start

    def count(self) -> int:
        """Rows of the session, read without the store's write lock (polled while people wait)."""
        with contextlib.closing(sqlite3.connect(self.data / "refocus.sqlite3")) as db:
            query = "SELECT count(*) FROM responses WHERE session = ?"
            return db.execute(query, (self.code,)).fetchone()[0]

    def stored(self) -> list[tuple[str, str]]:
        """(respondent, text typed) of every answer the session has stored."""
        with Store(self.url) as store:
            responses = store.responses(session=self.code)
            return [(r.respondent or "", r.answers.get("progress", "")) for r in responses]

    def texts(self) -> list[str]:
        return [text for _respondent, text in self.stored()]

    def target(self) -> Target:
        return Target(
            "kit",
            self.server,
            self.path,
            PageParts(".refocus-form-widget", "textarea"),
            kit_find,
            kit_saved,
            self.texts,
            self.count,
            self.settle,
        )


class Stock:
    """Stock Voila with default settings on the minimal notebook; a click appends to a file."""

    def __init__(self, folder: Path, log: Path):
        self.file = folder / "stock-submits.txt"
        self.file.touch()
        argv = [str(BIN / "voila"), str(STOCK_NOTEBOOK), "--no-browser", "--port", "{port}"]
        env = {"BENCH_SUBMIT_FILE": str(self.file)}
        self.server = Server("stock", [*argv, "--Voila.ip=127.0.0.1"], env, folder, log)

    def texts(self) -> list[str]:
        return self.file.read_text(encoding="utf-8").splitlines()

    def target(self) -> Target:
        return Target(
            "stock",
            self.server,
            lambda _pid: "/",
            PageParts(".widget-vbox", ".widget-text input"),
            stock_find,
            lambda state: state.get("value") == "Saved",
            self.texts,
            lambda: len(self.texts()),
            lambda: self.server.wait_quiet(ceiling=60),
        )
