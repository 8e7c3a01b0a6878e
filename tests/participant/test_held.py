"""One live page per browser and form (held.py), without a server."""

import asyncio

from refocus_kit.participant.held import Claim, HeldPages

FORM = "team_reflection_session.ipynb"


class Room:
    """Kernels that run until stopped, and a clock the test moves."""

    def __init__(self, **options):
        self.running: set[str] = set()
        self.stopped: list[str] = []
        self.now = 1000.0
        self.pages = HeldPages(
            self.stop, lambda k: k in self.running, clock=lambda: self.now, **options
        )
        self._next = 0

    def stop(self, kernel_id: str) -> None:
        self.running.discard(kernel_id)
        self.stopped.append(kernel_id)

    def make(self, held) -> str:
        self._next += 1
        kernel_id = f"k{self._next}"
        self.running.add(kernel_id)
        self.pages.made(held, f"<page of {kernel_id}>", kernel_id)
        return kernel_id


def run(scenario):
    return asyncio.run(scenario())


def test_a_reload_is_served_the_same_page_on_the_same_kernel():
    async def scenario():
        room = Room()
        claim, held = await room.pages.claim("p-1", FORM, "session=A&pid=p-1")
        assert claim is Claim.NEW
        kernel = room.make(held)
        for _ in range(5):
            claim, again = await room.pages.claim("p-1", FORM, "session=A&pid=p-1")
            assert claim is Claim.AGAIN and again.html == f"<page of {kernel}>"
        assert room.running == {kernel} and room.stopped == []

    run(scenario)


def test_reloads_while_the_page_is_made_wait_for_it():
    async def scenario():
        room = Room()
        first = await room.pages.claim("p-1", FORM, "q")
        others = [asyncio.ensure_future(room.pages.claim("p-1", FORM, "q")) for _ in range(9)]
        await asyncio.sleep(0)
        assert not any(o.done() for o in others)
        room.make(first[1])
        claims = await asyncio.gather(*others)
        assert {c for c, _ in claims} == {Claim.AGAIN} and len(room.running) == 1

    run(scenario)


def test_another_link_to_the_form_replaces_the_page_and_its_kernel():
    async def scenario():
        room = Room()
        old = room.make((await room.pages.claim("p-1", FORM, "session=A"))[1])
        claim, held = await room.pages.claim("p-1", FORM, "session=B")
        assert claim is Claim.NEW and room.stopped == [old]
        room.make(held)
        other_form = await room.pages.claim("p-1", "supervision_reflection.ipynb", "q")
        assert other_form[0] is Claim.NEW and room.stopped == [old]  # one page per form
        assert (await room.pages.claim("p-2", FORM, "session=B"))[0] is Claim.NEW

    run(scenario)


def test_a_page_whose_kernel_has_gone_is_made_again():
    async def scenario():
        room = Room()
        kernel = room.make((await room.pages.claim("p-1", FORM, "q"))[1])
        room.running.discard(kernel)  # culled, or its tab closed
        assert (await room.pages.claim("p-1", FORM, "q"))[0] is Claim.NEW

    run(scenario)


def test_a_failed_page_fails_those_waiting_and_is_tried_again_after():
    async def scenario():
        room = Room()
        _claim, held = await room.pages.claim("p-1", FORM, "q")
        waiting = asyncio.ensure_future(room.pages.claim("p-1", FORM, "q"))
        await asyncio.sleep(0)
        room.pages.failed(held)
        assert (await waiting)[0] is Claim.FAILED
        assert (await room.pages.claim("p-1", FORM, "q"))[0] is Claim.NEW

    run(scenario)


def test_a_page_made_for_too_long_asks_those_waiting_to_retry():
    async def scenario():
        room = Room(wait_s=0.05)
        await room.pages.claim("p-1", FORM, "q")
        assert (await room.pages.claim("p-1", FORM, "q"))[0] is Claim.WAIT

    run(scenario)


def test_a_client_without_cookies_holds_a_few_pages_from_its_address():
    async def scenario():
        room = Room(cookieless=3)
        held = []
        for n in range(3):
            claim, page = await room.pages.claim(f"ip q{n}", FORM, f"q{n}", address="10.0.0.9")
            assert claim is Claim.NEW
            room.make(page)
            held.append(page)
        assert (await room.pages.claim("ip q9", FORM, "q9", address="10.0.0.9"))[0] is (
            Claim.TOO_MANY
        )
        assert (await room.pages.claim("ip q0", FORM, "q0", address="10.0.0.9"))[0] is (
            Claim.AGAIN  # the same link again is the same page
        )
        assert (await room.pages.claim("other", FORM, "q9", address="10.0.0.8"))[0] is Claim.NEW
        room.pages.release(held[0])
        assert (await room.pages.claim("ip q9", FORM, "q9", address="10.0.0.9"))[0] is Claim.NEW

    run(scenario)


def test_a_page_never_connected_to_is_let_go_after_a_minute():
    async def scenario():
        room = Room(unconnected_s=60)
        never = room.make((await room.pages.claim("p-1", FORM, "q"))[1])
        used = room.make((await room.pages.claim("p-2", FORM, "q"))[1])
        room.pages.connected(used)
        room.now += 59
        assert room.pages.sweep() == 0
        room.now += 2
        assert room.pages.sweep() == 1 and room.stopped == [never]
        room.pages.disconnected(used)  # a phone that dropped its connection keeps its page
        room.now += 600
        assert room.pages.sweep() == 0 and room.running == {used}

    run(scenario)


def test_a_reload_never_connected_to_is_let_go_too():
    async def scenario():
        room = Room(unconnected_s=60)
        kernel = room.make((await room.pages.claim("p-1", FORM, "q"))[1])
        room.pages.connected(kernel)
        room.pages.disconnected(kernel)
        room.now += 10
        await room.pages.claim("p-1", FORM, "q")  # reloaded by something that runs no script
        room.now += 61
        assert room.pages.sweep() == 1 and room.stopped == [kernel]

    run(scenario)


def test_a_closed_tab_keeps_its_kernel_only_if_reloaded_or_still_open():
    async def scenario():
        room = Room()
        kernel = room.make((await room.pages.claim("p-1", FORM, "q"))[1])
        closed_at = room.now + 30
        room.now = closed_at
        assert not room.pages.in_use(kernel, since=closed_at - 2)
        await room.pages.claim("p-1", FORM, "q")  # the reload that closed it
        assert room.pages.in_use(kernel, since=closed_at - 2)
        room.now += 100
        room.pages.connected(kernel)
        assert room.pages.in_use(kernel, since=room.now - 2)

    run(scenario)
