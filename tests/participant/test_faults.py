"""The participant server under faults a room can meet. In each, a visitor has typed a marker
into their form; afterwards the marker is in no log line (not as SQL parameters, not in a
traceback, not in a websocket frame), no visitor is shown Voila's developer page, and once the
fault clears a fresh visitor gets the form, not a page made during the fault."""

import json
import sqlite3
import time

import httpx
import pytest
from websockets.sync.client import connect

from refocus_kit.sessions import open_session
from refocus_kit.store import Store
from tests.support.faults import StoreFaults, as_a_user, read_only
from tests.support.servers import ParticipantServer
from tests.support.visitor import Visitor, developer_text

pytestmark = pytest.mark.slow
MARKER = "Marker-of-a-typed-answer-5R1"  # fictional answer text, looked for in every log
TEAM = "Demo team (fictional)"
FORM = "team_reflection_session"


def never_logged(server: ParticipantServer, text: str = MARKER) -> None:
    log = server.log.read_text(errors="replace")
    assert text not in log, [line for line in log.splitlines() if text in line][:3]


def form_or_plain(page) -> None:
    """During a fault a visitor gets the form, or the kit's page asking to try again."""
    assert developer_text(page.html) == [], page.html[-2000:]
    assert page.is_form or page.is_plain_retry, (page.status, page.html[-800:])


def a_fresh_visitor_gets_the_form(server, code: str, within: float = 90) -> None:
    deadline, page = time.monotonic() + within, None
    while time.monotonic() < deadline:
        page = Visitor.once(server.base, f"s/{code}")
        form_or_plain(page)
        if page.is_form:
            return
        time.sleep(2)
    raise AssertionError(f"no form within {within:.0f} s: {page.status}")


def saved_draft(server, key: str, text: str, within: float = 60) -> str | None:
    """The draft's `progress` answer, once it holds `text` or after `within` seconds: drafts
    wait their turn (every 3 s), and after a failure the next try waits its backoff."""
    deadline, draft = time.monotonic() + within, {}
    with Store(server.store_url) as store:
        while time.monotonic() < deadline:
            draft = store.load_draft(key) or {}
            if draft.get("progress") == text:
                break
            time.sleep(0.5)
    return draft.get("progress")


def session_code(server) -> str:
    with Store(server.store_url) as store:
        return open_session(store, FORM, TEAM, expected=2).code


# -- the store locked, full, unreadable --------------------------------------------------------
def test_a_lock_held_past_the_timeout(tmp_path):
    server = ParticipantServer(tmp_path, env={"REFOCUS_BUSY_TIMEOUT": "1"})
    try:
        code = session_code(server)
        with Visitor(server.base, pid="p-1a11a11a11a1") as person:
            page = person.open(f"s/{code}")
            assert page.is_form
            holder = sqlite3.connect(tmp_path / "refocus.sqlite3", isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")  # another process writing, for minutes
            try:
                assert person.type(page, MARKER) == MARKER  # in the page, not in the store
                form_or_plain(Visitor.once(server.base, f"s/{code}"))  # reads do not wait
            finally:
                holder.execute("ROLLBACK")
                holder.close()
            later = "More, once the lock is gone"
            person.type(page, later)  # the draft is saved again, on its next try
            assert saved_draft(server, f"{FORM}:{code}:p-1a11a11a11a1", later) == later
        a_fresh_visitor_gets_the_form(server, code)
        never_logged(server)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    """A server whose store can be made full or unreadable while it runs."""
    folder = tmp_path_factory.mktemp("faulty")
    faults = StoreFaults(folder / "faults")
    server = ParticipantServer(folder, env=faults.env)
    yield server, faults
    faults.clear()
    server.stop()


def test_a_full_disk(faulty):
    server, faults = faulty
    code = session_code(server)
    with Visitor(server.base) as person:
        page = person.open(f"s/{code}")
        assert page.is_form
        faults.set("full")
        try:
            assert person.type(page, MARKER) == MARKER
            form_or_plain(Visitor.once(server.base, f"s/{code}"))
        finally:
            faults.clear()
    a_fresh_visitor_gets_the_form(server, code)
    never_logged(server)


def test_a_warm_page_made_while_the_store_is_unreadable_is_never_served(faulty):
    """Before, the warm page made during the fault served Voila's developer page after it."""
    server, faults = faulty
    code = session_code(server)
    with Store(server.store_url) as store:  # typed last week, put back when they come
        store.save_draft(f"{FORM}:{code}:p-5e55e55e55e5", FORM, {"progress": MARKER})
    warm_failed = f"a warm page of {FORM}.ipynb failed"  # the kit's one line (warming.py)
    failed_before = server.log.read_text().count(warm_failed)
    reload = f"voila/render/{FORM}.ipynb?session={code}&pid=p-5e55e55e55e5"  # the form's own URL
    faults.set("unreadable")
    try:
        for _ in range(3):  # each takes a warm page; those made after them fail to build
            form_or_plain(Visitor.once(server.base, reload, pid="p-5e55e55e55e5"))
        deadline = time.monotonic() + 60
        while server.log.read_text().count(warm_failed) == failed_before:
            assert time.monotonic() < deadline, "no warm page was made, and failed, in the fault"
            time.sleep(0.5)
    finally:
        faults.clear()
    a_fresh_visitor_gets_the_form(server, code)
    with Visitor(server.base, pid="p-5e55e55e55e5") as person:
        page = person.open(f"s/{code}")
        assert page.is_form and person.type(page, "Typed again") == "Typed again"
    never_logged(server)


def test_a_read_only_data_folder(tmp_path):
    """The folder read-only before the server starts: it starts, says "try again", and
    serves the form (and the draft) once the folder is writable."""
    data = tmp_path / "data"
    data.mkdir()
    with Store(f"sqlite:///{data / 'refocus.sqlite3'}") as store:
        code = open_session(store, FORM, TEAM, expected=2).code
        store.save_draft(f"{FORM}:{code}:p-7e77e77e77e7", FORM, {"progress": MARKER})
    with read_only(data):
        server = ParticipantServer(
            data,
            log=tmp_path / "server.log",
            preexec_fn=as_a_user(),
        )
        try:
            page = Visitor.once(server.base, f"s/{code}", pid="p-7e77e77e77e7")
            form_or_plain(page)
        except BaseException:
            server.stop()
            raise
    try:
        a_fresh_visitor_gets_the_form(server, code)
        with Visitor(server.base, pid="p-7e77e77e77e7") as person:
            page = person.open(f"s/{code}")
            assert page.is_form and person.type(page, "Typed again") == "Typed again"
        never_logged(server)
    finally:
        server.stop()


# -- requests the server cannot serve as asked -------------------------------------------------
def test_a_huge_cookie_is_answered_431_with_a_page(server):
    """Before, the server dropped the connection without a word."""
    answer = httpx.get(server.base, headers={"Cookie": "junk=" + "x" * 100_000}, timeout=30)
    assert answer.status_code == 431
    assert "clear this site's cookies" in answer.text
    assert httpx.get(server.base, timeout=30).status_code == 200  # and nothing else changes


def test_malformed_websocket_frames_are_one_log_line_never_their_content(server):
    with Visitor(server.base) as person:
        page = person.open("voila/render/supervision_reflection.ipynb")
        logged_before = len(server.log.read_text())
        url = f"ws{server.base.removeprefix('http')}api/kernels/{page.kernel_id}/channels"
        with connect(f"{url}?session_id=s1") as socket:
            for frame in [f"not JSON {MARKER}", json.dumps({"content": MARKER}), "{]", "[1]"]:
                socket.send(frame)
            assert person.type(page, "Still typing") == "Still typing"  # the page works on
    time.sleep(1)
    logged = server.log.read_text()[logged_before:]
    assert logged.count("malformed message") == 1 and "Traceback" not in logged, logged
    never_logged(server)
