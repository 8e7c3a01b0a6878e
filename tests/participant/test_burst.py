"""One client opening a session's page two hundred times, ten at a time (a refresh-happy
phone, a script, a link checker), on loopback: the room is not locked out. Before, each visit
took a kernel, up to the cap, and everyone else got the busy page until the idle cull."""

import asyncio
import contextlib
import html
import re
import time
from collections import Counter
from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpx
import psutil
import pytest

from refocus_kit.sessions import open_session, participant_forms, room_only
from refocus_kit.store import Store
from tests.support.servers import ParticipantServer
from tests.support.visitor import Visitor

pytestmark = pytest.mark.slow
RELOADS, AT_ONCE = 200, 10
FORM = "team_reflection_session"
EXPECTED = 4  # people the session expects
UNCONNECTED_S = 5  # pages never connected to are let go this soon (a minute by default)
SENT_ON = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def kernels(server) -> int:
    count = 0
    for child in psutil.Process(server.process.pid).children(recursive=True):
        with contextlib.suppress(psutil.Error):
            running = child.status() != psutil.STATUS_ZOMBIE
            count += running and "ipykernel" in " ".join(child.cmdline())
    return count


def started(server) -> int:
    return server.log.read_text().count("Kernel started:")


async def burst(base: str, path: str, reloads: int, client: str) -> Counter:
    """`reloads` visits to `path`, AT_ONCE at a time, by one client: a "browser" (keeping its
    cookies, following what sends it on), a "script" (following redirects only, with no
    cookies), or a browser that keeps "no cookies". Counts what each visit ended on."""
    answers: Counter = Counter()
    limit = asyncio.Semaphore(AT_ONCE)
    browser = httpx.AsyncClient(base_url=base, timeout=120, follow_redirects=True)

    async def one() -> None:
        async with limit:
            jar = CookieJar(DefaultCookiePolicy(allowed_domains=[]))  # keeps nothing
            visitor = browser
            if client != "browser":
                visitor = httpx.AsyncClient(
                    base_url=base, timeout=120, follow_redirects=True, cookies=jar
                )
            try:
                page = await visitor.get(path)
                for _ in range(0 if client == "script" else 3):  # as a browser follows them
                    onward = SENT_ON.search(page.text) if page.status_code == 200 else None
                    if onward is None:
                        break
                    page = await visitor.get(html.unescape(onward.group(1)))
                sent_on = page.status_code == 200 and SENT_ON.search(page.text)
                answers["sent on" if sent_on else page.status_code] += 1
            finally:
                if visitor is not browser:
                    await visitor.aclose()

    try:
        if client == "browser":  # its first visit, then the reloads
            await one()
            reloads -= 1
        await asyncio.gather(*(one() for _ in range(reloads)))
    finally:
        await browser.aclose()
    return answers


def settle(server, most: int, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while kernels(server) > most and time.monotonic() < deadline:
        time.sleep(0.5)
    return kernels(server)


@pytest.mark.timeout(900)
def test_one_client_reloading_does_not_lock_the_room_out(tmp_path):
    server = ParticipantServer(tmp_path, f"--RefocusVoila.unconnected_seconds={UNCONNECTED_S}")
    try:
        with Store(server.store_url) as store:
            code = open_session(store, FORM, "Demo team (fictional)", expected=EXPECTED).code
        landing = [f for f in participant_forms() if not room_only(f)]  # each kept warm
        room = len(landing) + EXPECTED  # warm pages the room needs
        deadline = time.monotonic() + 180
        while kernels(server) < room and time.monotonic() < deadline:
            time.sleep(0.5)
        assert kernels(server) == room
        first = started(server)
        link = f"s/{code}"

        # A refresh-happy phone: its first visit, then reloads, all on one page.
        phone = asyncio.run(burst(server.base, link, RELOADS, "browser"))
        assert phone == {200: RELOADS}
        assert started(server) - first <= 1 and kernels(server) <= room + 1

        # A script or link checker keeping no cookies stops at the page that sends it on.
        script = asyncio.run(burst(server.base, link, RELOADS, "script"))
        assert script == {"sent on": RELOADS} and started(server) - first <= 1

        # A browser that keeps no cookies holds a few pages at once, then is asked to wait.
        nocookies = asyncio.run(burst(server.base, link, 60, "no cookies"))
        assert set(nocookies) == {200, 429} and nocookies[200] <= 3 * 4, nocookies
        assert started(server) - first <= 1 + nocookies[200]

        clock = time.monotonic()
        page = Visitor.once(server.base, link)
        assert page.is_form and time.monotonic() - clock < 20  # a fresh visitor, at once

        # Pages never connected to are let go within UNCONNECTED_S, not held for 15 min.
        assert settle(server, room + 1, timeout=UNCONNECTED_S + 60) <= room + 1
    finally:
        server.stop()
