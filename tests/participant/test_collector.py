import gc
import weakref

import pytest

from refocus_kit.participant.collector import QuietCollector


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collector():
    clock = Clock()
    yield QuietCollector(every=30, clock=clock), clock
    gc.unfreeze()  # give the test run its objects back


def test_collects_and_freezes_when_quiet_and_the_kernels_changed(collector):
    quiet_collector, _clock = collector
    assert quiet_collector.maybe_collect(True, frozenset({"k1"}))
    assert gc.get_freeze_count() > 0


def test_waits_while_people_arrive(collector):
    quiet_collector, _clock = collector
    assert not quiet_collector.maybe_collect(False, frozenset({"k1"}))
    assert gc.get_freeze_count() == 0


def test_not_again_without_change_nor_too_soon(collector):
    quiet_collector, clock = collector
    assert quiet_collector.maybe_collect(True, frozenset({"k1"}))
    clock.now += 3600
    assert not quiet_collector.maybe_collect(True, frozenset({"k1"}))  # nothing changed
    clock.now += 0
    assert quiet_collector.maybe_collect(True, frozenset({"k1", "k2"}))
    clock.now += 5
    assert not quiet_collector.maybe_collect(True, frozenset({"k3"}))  # too soon
    clock.now += 30
    assert quiet_collector.maybe_collect(True, frozenset({"k3"}))


def test_garbage_among_frozen_objects_is_still_found(collector):
    quiet_collector, clock = collector

    class Cycle:
        pass

    a, b = Cycle(), Cycle()
    a.other, b.other = b, a
    quiet_collector.maybe_collect(True, frozenset({"k1"}))  # a and b are frozen now
    gone = weakref.ref(a)
    del a, b
    gc.collect()
    assert gone() is not None  # a frozen cycle is out of reach of ordinary collections
    clock.now += 60
    quiet_collector.maybe_collect(True, frozenset({"k2"}))
    assert gone() is None
