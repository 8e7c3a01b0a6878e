"""The hub benchmark's pieces (bench/hub.py) on the hub test's hub: a person logged in by the
bench's helper (bench/voila/hub.py) opens a session's form through the hub's proxy as the
bench's websocket participant (bench/voila/wsclient.py), and their answer is stored once,
under their hub name; without the login, the form is not reached."""

from __future__ import annotations

import asyncio
import time

import pytest

from bench.voila import wsclient
from bench.voila.hub import FORMS, log_in
from bench.voila.targets import FORM_ID, TEAM, answer, kit_find, kit_saved, new_pid
from refocus_kit.sessions import close_session, open_session
from refocus_kit.store import Store
from tests.hub.conftest import STAFF

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture
def session(hub):
    with Store(hub.store_url) as store:
        code = open_session(store, FORM_ID, TEAM, expected=2).code
    yield code
    with Store(hub.store_url) as store:
        close_session(store, code)


def visit(hub, code: str, cookies=None) -> tuple[str, wsclient.Visit]:
    pid = new_pid()
    path = f"/voila/render/{FORM_ID}.ipynb?session={code}&pid={pid}"
    deadline = time.monotonic() + 120
    return pid, asyncio.run(
        wsclient.visit(
            hub.url + FORMS, path, pid, answer(pid), kit_find, kit_saved, deadline, cookies=cookies
        )
    )


def test_a_bench_login_fills_the_form_as_the_hub_user(hub, session):
    user = STAFF[1]
    cookies = asyncio.run(log_in(hub.url, user))
    pid, seen = visit(hub, session, cookies)
    assert seen.problem is None
    assert seen.live_s is not None and seen.submit_s is not None
    with Store(hub.store_url) as store:
        stored = [
            (r.respondent, r.answers.get("progress")) for r in store.responses(session=session)
        ]
    assert stored == [(user, answer(pid))]


def test_without_the_login_the_form_is_not_reached(hub, session):
    _pid, seen = visit(hub, session)
    assert seen.statuses == [302]  # to the hub's login
    assert seen.live_s is None
    with Store(hub.store_url) as store:
        assert store.responses(session=session) == []
