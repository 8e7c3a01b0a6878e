"""Warm pages are made a few at a time, in the order asked for."""

import asyncio

from refocus_kit.participant.voila_pools import VoilaPools
from refocus_kit.participant.warming import WarmTurns


class FakeManager:
    """Starts a 'kernel' at once; its page is made when the test says so."""

    def __init__(self, fail_on: str = ""):
        self.started: list[str] = []
        self.fail_on = fail_on

    async def _initialize(self, notebook_path, kernel_id=None, **kwargs):
        if notebook_path == self.fail_on:
            raise RuntimeError("kernel died")
        self.started.append(notebook_path)
        task = asyncio.get_running_loop().create_future()  # the render, never finishing here
        return {"kernel_id": f"k-{notebook_path}", "task": task, "renderer": Renderer()}


def _start(manager, names):
    return [asyncio.ensure_future(manager._initialize(name)) for name in names]


async def _settle():
    for _ in range(5):
        await asyncio.sleep(0)


def test_pages_are_made_at_most_n_at_once_in_the_order_asked():
    async def scenario():
        manager, turns = FakeManager(), WarmTurns(at_once=2)
        turns.wrap(VoilaPools(manager))
        pending = _start(manager, ["a", "b", "c", "d"])
        await _settle()
        assert manager.started == ["a", "b"]
        turns.page_made("k-b")
        await _settle()
        assert manager.started == ["a", "b", "c"]
        turns.page_made("k-a")
        turns.page_made("k-c")
        await _settle()
        assert manager.started == ["a", "b", "c", "d"]
        await asyncio.gather(*pending)

    asyncio.run(scenario())


def test_a_slow_page_gives_up_its_turn():
    async def scenario():
        manager, turns = FakeManager(), WarmTurns(at_once=1, timeout=0.05)
        turns.wrap(VoilaPools(manager))
        pending = _start(manager, ["slow", "next"])
        await _settle()
        assert manager.started == ["slow"]
        await asyncio.sleep(0.2)
        assert manager.started == ["slow", "next"]
        await asyncio.gather(*pending)

    asyncio.run(scenario())


def test_a_failed_start_frees_its_turn_and_reports_the_error():
    async def scenario():
        manager, turns = FakeManager(fail_on="bad"), WarmTurns(at_once=1)
        turns.wrap(VoilaPools(manager))
        bad, good = _start(manager, ["bad", "good"])
        await _settle()
        assert manager.started == ["good"]
        assert isinstance(bad.exception(), RuntimeError)
        await good

    asyncio.run(scenario())


def test_a_visitor_waiting_for_a_page_moves_it_to_the_front():
    async def scenario():
        manager, turns = FakeManager(), WarmTurns(at_once=1)
        turns.wrap(VoilaPools(manager))
        pending = _start(manager, ["team-1", "team-2", "team-3", "supervision"])
        await _settle()
        assert turns.waiting == ["team-2", "team-3", "supervision"]
        turns.hurry("supervision")
        turns.page_made("k-team-1")
        await _settle()
        assert manager.started == ["team-1", "supervision"]
        for name in ("supervision", "team-2", "team-3"):
            turns.page_made(f"k-{name}")
            await _settle()
        await asyncio.gather(*pending)
        assert manager.started == ["team-1", "supervision", "team-2", "team-3"]

    asyncio.run(scenario())


def test_a_socket_from_an_unknown_kernel_changes_nothing():
    turns = WarmTurns(at_once=1)
    turns.page_made("not-ours")
    assert turns.making == 0


class Renderer:
    stop_generator = False  # Voila sets it when a visitor takes the page


def test_a_page_whose_notebook_ends_before_a_visitor_comes_has_failed():
    """Its page (the store down while it was made, say) must never be handed to anyone."""
    failed = []

    async def scenario():
        manager, turns = FakeManager(), WarmTurns(at_once=1)
        turns.on_failed = lambda *failure: failed.append(failure)
        turns.wrap(VoilaPools(manager))
        delays = []
        for n in range(5):
            content = await manager._initialize(f"nb-{n}" if n == 4 else "nb")
            content["task"].set_result(None)  # the notebook ended: no visitor waited for
            await _settle()
            delays.append(failed[-1][2])
        assert [f[:2] for f in failed] == [("nb", "k-nb")] * 4 + [("nb-4", "k-nb-4")]
        assert delays == [5, 10, 20, 40, 5]  # later each time in a row, per notebook
        content = await manager._initialize("nb")
        turns.page_made("k-nb")  # this one waits for its visitor
        await _settle()
        assert turns.failures["nb"] == 0 and turns.retry_after("nb") == 5
        assert len(failed) == 5

    asyncio.run(scenario())


def test_a_page_a_visitor_took_before_it_was_made_has_not_failed():
    failed = []

    async def scenario():
        manager, turns = FakeManager(), WarmTurns(at_once=1)
        turns.on_failed = lambda *failure: failed.append(failure)
        turns.wrap(VoilaPools(manager))
        content = await manager._initialize("nb")
        content["renderer"].stop_generator = True  # Voila: a visitor took it
        content["task"].set_result(None)  # its render stops, to go on for the visitor
        await _settle()

    asyncio.run(scenario())
    assert failed == []
