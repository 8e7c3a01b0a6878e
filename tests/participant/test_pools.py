"""The room's pool policy (pools.py), against a stand-in for Voila's pools: the cap, the pools
sized for open sessions, and warm pages let go when no session wants them."""

import asyncio
from dataclasses import dataclass

from refocus_kit.participant.pools import RoomPools, share
from refocus_kit.participant.warming import WarmTurns

TEAM = "team_reflection_session.ipynb"
SUPERVISION = "supervision_reflection.ipynb"
NOTEBOOKS = [TEAM, SUPERVISION, "manager_reflection_group.ipynb", "other.ipynb"]


class FakePools:
    """VoilaPools' interface over plain lists: `warm[notebook]` holds the kernels of warm
    pages, oldest first; `making[notebook]` counts pages still being made."""

    def __init__(self, running: int = 0, warm: dict[str, int] | None = None):
        self.warm = {nb: [f"{nb}-{n}" for n in range(k)] for nb, k in (warm or {}).items()}
        self.making: dict[str, int] = {}
        self.others = [str(n) for n in range(running)]  # kernels in use by visitors
        self.sizes: dict[str, int] = {}
        self.refilled: list[tuple[str, float]] = []
        self.stopped: list[str] = []

    def ready(self, notebook):
        return len(self.warm.get(notebook, []))

    def warm_kernels(self, notebook):
        return list(self.warm.get(notebook, []))

    def pooled(self, notebook):
        return self.ready(notebook) + self.making.get(notebook, 0)

    def take_out(self, notebook, kernel_id):
        if kernel_id in self.warm.get(notebook, []):
            self.warm[notebook].remove(kernel_id)
            return True
        return False

    def size(self, notebook):
        return self.sizes.get(notebook, 0)

    def resize(self, notebook, size):
        self.sizes[notebook] = size

    def refill(self, notebook, delay=0):
        self.refilled.append((notebook, delay))

    def running(self):
        return self.others + [k for kernels in self.warm.values() for k in kernels]

    def alive(self, kernel_id):
        return kernel_id in self.running()

    async def shutdown(self, kernel_id):
        self.stopped.append(kernel_id)


@dataclass
class Limits:
    max_kernels: int = 60
    base_pool: int = 1
    max_pool: int = 40


@dataclass
class Session:
    code: str
    form_id: str
    expected: int


def room(pools, **limits):
    return RoomPools(pools, Limits(**limits), WarmTurns(at_once=2), NOTEBOOKS)


def test_a_crowd_cannot_slip_under_the_cap():
    pools = room(FakePools(), max_kernels=3)
    admitted = [pools.admit(SUPERVISION) for _ in range(5)]
    assert admitted == [True, True, True, False, False]
    pools.left(SUPERVISION)
    assert pools.admit(SUPERVISION)


def test_warm_pages_are_given_out_once_each_even_at_the_cap():
    pools = room(FakePools(running=4, warm={TEAM: 2}), max_kernels=2)
    assert [pools.admit(TEAM) for _ in range(3)] == [True, True, False]


def test_people_arriving_shrink_the_pool_their_session_still_needs():
    fake = FakePools()
    pools = room(fake)
    pools.size([Session("ABC", "team_reflection_session", expected=3)])
    assert fake.sizes[TEAM] == 1 + 3
    for _ in range(2):
        pools.admit(TEAM, "ABC")
    assert fake.sizes[TEAM] == 1 + 1


def test_no_open_session_leaves_one_page_per_form():
    fake = FakePools()
    pools = room(fake)
    pools.size([Session("ABC", "team_reflection_session", expected=5)])
    assert fake.sizes[TEAM] == 1 + 5
    pools.check([])  # the session closed, or its warm hours passed
    assert fake.sizes == dict.fromkeys(NOTEBOOKS, 1)


def test_an_unreadable_store_keeps_the_pools_as_they_are():
    fake = FakePools(warm={TEAM: 4})
    pools = room(fake)
    pools.size([Session("ABC", "team_reflection_session", expected=3)])

    async def check():
        pools.check(None)
        await asyncio.gather(*pools.stopping)

    asyncio.run(check())
    assert fake.sizes[TEAM] == 4 and fake.stopped == []


def test_warm_pages_no_session_wants_are_let_go_newest_first():
    fake = FakePools(warm={TEAM: 6})
    pools = room(fake)
    pools.arriving[TEAM] = 1  # someone on their way keeps a page

    async def check():
        pools.check([])
        await asyncio.gather(*pools.stopping)

    asyncio.run(check())
    assert fake.stopped == [f"{TEAM}-{n}" for n in (5, 4, 3, 2)]
    assert fake.warm[TEAM] == [f"{TEAM}-0", f"{TEAM}-1"]


def test_a_failed_warm_page_is_taken_out_stopped_and_made_again_later():
    fake = FakePools(warm={TEAM: 2})
    pools = room(fake)

    async def fail():
        pools.warm_page_failed(TEAM, f"{TEAM}-1", retry_after=20)
        await asyncio.gather(*pools.stopping)

    asyncio.run(fail())
    assert fake.warm[TEAM] == [f"{TEAM}-0"]
    assert fake.stopped == [f"{TEAM}-1"] and fake.refilled == [(TEAM, 20)]


def test_a_kernel_is_stopped_once_however_often_asked():
    fake = FakePools(running=2)
    pools = room(fake)

    async def stop_twice():
        pools.stop_kernel("1")
        pools.stop_kernel("1")
        await asyncio.gather(*pools.stopping)

    asyncio.run(stop_twice())
    assert fake.stopped == ["1"]


def test_warm_pages_are_shared_within_the_budget_base_pools_first():
    wanted = {"a": 31, "b": 1, "c": 1}
    assert share(wanted, 100, first=1) == wanted
    assert share(wanted, 5, first=1) == {"a": 3, "b": 1, "c": 1}
    assert share(wanted, 2, first=1) == {"a": 1, "b": 1, "c": 0}
    assert share(wanted, 0, first=1) == {"a": 0, "b": 0, "c": 0}


def test_kernels_in_use_and_warm_pages_stay_within_the_cap():
    fake = FakePools(running=6)
    pools = room(fake, max_kernels=12)
    wanted = pools.size([Session("ABC", "team_reflection_session", expected=30)])
    assert wanted[TEAM] == 1 + 30
    assert sum(fake.sizes.values()) == 12 - 6 and fake.sizes[TEAM] == 6 - 3  # 3 others: 1 each


def test_quiet_only_when_nobody_arrived_for_a_while():
    pools = room(FakePools())
    assert pools.quiet_since(10)
    pools.admit(TEAM)
    assert not pools.quiet_since(10)  # arriving
    pools.left(TEAM)
    assert not pools.quiet_since(10) and pools.quiet_since(0)


def test_sessions_are_read_as_given():
    # a session for a form with no page (not a participant form) wants nothing
    pools = room(FakePools())
    wanted = pools.size([Session("ABC", "values_treatment_preferences", expected=9)])
    assert wanted == dict.fromkeys(NOTEBOOKS, 1)


def test_a_page_kernel_restarted_bare_is_shut_down_once():
    fake = FakePools(running=2)
    restarts = {}
    fake.on_restart = lambda kernel_id, callback: restarts.setdefault(kernel_id, []).append(
        callback
    )
    pools = room(fake)

    async def die_and_restart():
        pools.watch("1")
        pools.watch("1")  # a warm page's kernel, then the visitor's page on it
        assert len(restarts["1"]) == 1 and pools.holds_page("1")
        restarts["1"][0]()  # Jupyter restarted it after it died
        assert fake.stopped == []  # not before its page hears of it
        assert not pools.holds_page("1")  # but a reload is not served the page again
        await asyncio.sleep(0.01)
        await asyncio.sleep(1.1)
        await asyncio.gather(*pools.stopping)

    asyncio.run(die_and_restart())
    assert fake.stopped == ["1"]


def test_a_sessions_discussion_form_is_warmed_only_once_a_session_of_it_opens():
    fake = FakePools()
    pools = RoomPools(
        fake, Limits(), WarmTurns(at_once=2), [*NOTEBOOKS, "talk.ipynb"], room_only=["talk.ipynb"]
    )
    assert pools.size([])["talk.ipynb"] == 0 and fake.sizes["talk.ipynb"] == 0
    assert pools.size([Session("ABC", "talk", expected=12)])["talk.ipynb"] == 12
