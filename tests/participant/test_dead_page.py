"""A page whose server or kernel died says so at once, in words, with the way back; what the
person typed after the fault survives a reload (kept in the browser's local storage), and no
answer reaches any log."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from refocus_kit.sessions import open_session
from refocus_kit.store import Store
from tests.support.servers import ParticipantServer

from .browsing import LOAD_TIMEOUT, form_ready, submit

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TEAM = "Demo team (fictional)"
PHONE_390 = {"width": 390, "height": 844}
BEFORE = "Before the fault zq-before-5521"
AFTER = "Typed after the fault zq-after-9034"
KEY = "refocus-unsent:"


@pytest.fixture
def own_server(tmp_path):
    """A server of the test's own, which the test may kill and start again on the same port."""
    (tmp_path / "data").mkdir()
    servers = [ParticipantServer(tmp_path / "data")]
    yield servers
    for running in servers:
        running.stop()


def open_form(own_server, open_page):
    server = own_server[-1]
    with Store(server.store_url) as store:
        session = open_session(store, "team_reflection_session", TEAM, expected=1)
    page = open_page(viewport=PHONE_390)
    page.goto(f"{server.base}s/{session.code}")
    form_ready(page)
    return page, session


def enablers(page):
    return page.get_by_label("Enablers to progress", exact=True).first


def type_and_wait_for_the_draft(page, server, session) -> None:
    enablers(page).fill(BEFORE)
    enablers(page).blur()
    with Store(server.store_url) as store:
        for _ in range(100):
            drafts = [store.load_draft(k) for k in draft_keys(store, session.code)]
            if any(d and d.get("enablers") == BEFORE for d in drafts):
                return
            page.wait_for_timeout(100)
    raise AssertionError("the draft was not saved")


def draft_keys(store, code: str) -> list[str]:
    from sqlalchemy import select

    from refocus_kit.store.tables import drafts

    with store.engine.connect() as conn:
        return list(conn.execute(select(drafts.c.key).where(drafts.c.key.contains(code))).scalars())


def lost_banner(page):
    return page.get_by_role("alert").filter(has_text="lost its connection")


def assert_no_answers_in_logs(folder: Path) -> None:
    for log in folder.rglob("*.log"):
        text = log.read_text(errors="replace")
        assert "zq-before" not in text and "zq-after" not in text, log


def reload_and_put_back(page, shot: Path) -> None:
    page.reload()
    form_ready(page)
    expect(enablers(page)).to_have_value(BEFORE, timeout=LOAD_TIMEOUT)  # the saved draft
    offer = page.get_by_role("alert").filter(has_text="This browser kept text")
    expect(offer).to_be_visible(timeout=10_000)
    page.screenshot(path=str(shot))
    offer.get_by_role("button", name="Put it back").click()
    expect(enablers(page)).to_have_value(AFTER)


def test_server_killed_and_restarted(own_server, open_page, tmp_path):
    server = own_server[-1]
    page, session = open_form(own_server, open_page)
    type_and_wait_for_the_draft(page, server, session)
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()
    expect(lost_banner(page)).to_be_visible(timeout=15_000)
    expect(lost_banner(page)).to_contain_text("Reload the page")
    enablers(page).fill(AFTER)  # typed after the fault: kept in the browser only
    page.screenshot(path=str(tmp_path / "server-lost-390.png"))
    own_server.append(ParticipantServer(server.data_dir, port=server.port))
    reload_and_put_back(page, tmp_path / "server-kept-390.png")
    submit(page)
    expect(page.get_by_text("Thank you: your answers are saved")).to_be_visible(timeout=30_000)
    with Store(server.store_url) as store:
        stored = store.responses(session=session.code)
    assert [r.answers["enablers"] for r in stored] == [AFTER]
    kept = page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{KEY}'))")
    assert kept == []  # forgotten once the submit is acknowledged
    assert_no_answers_in_logs(server.data_dir)


def page_kernel(page) -> str:
    return page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )


def kernel_pids(kernel_id: str) -> list[int]:
    """The processes running the kernel `kernel_id` (a restart keeps its id and file)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if f"kernel-{kernel_id}.json" in cmdline:
            pids.append(int(proc.name))
    return pids


def test_kernel_killed(own_server, open_page, tmp_path):
    server = own_server[-1]
    page, session = open_form(own_server, open_page)
    type_and_wait_for_the_draft(page, server, session)
    kernel_id = page_kernel(page)
    (pid,) = kernel_pids(kernel_id)
    os.kill(pid, signal.SIGKILL)
    expect(lost_banner(page)).to_be_visible(timeout=30_000)
    page.screenshot(path=str(tmp_path / "kernel-lost-390.png"))
    # Jupyter restarts a dead kernel bare, under the same id: the server shuts it down rather
    # than leave it behind a page that cannot use it.
    for _ in range(200):
        if not kernel_pids(kernel_id):
            break
        page.wait_for_timeout(100)
    assert kernel_pids(kernel_id) == [], "the restarted bare kernel was left running"
    enablers(page).fill(AFTER)
    reload_and_put_back(page, tmp_path / "kernel-kept-390.png")
    assert_no_answers_in_logs(server.data_dir)


def test_a_reload_the_moment_the_kernel_dies_makes_a_new_page(own_server, open_page):
    """For a moment after a kernel dies, Jupyter's bare restart keeps its id: a reload then is
    not served the old page again (its form is gone from that kernel) but a new one."""
    server = own_server[-1]
    page, session = open_form(own_server, open_page)
    type_and_wait_for_the_draft(page, server, session)
    (pid,) = kernel_pids(page_kernel(page))
    os.kill(pid, signal.SIGKILL)
    expect(lost_banner(page)).to_be_visible(timeout=30_000)
    page.reload()  # within the second before the bare kernel is shut down
    form_ready(page)
    expect(enablers(page)).to_have_value(BEFORE, timeout=LOAD_TIMEOUT)  # the saved draft
    assert_no_answers_in_logs(server.data_dir)
