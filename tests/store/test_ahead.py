"""Reads run ahead of their reader, in a thread of their own (store/ahead.py)."""

import threading

import pytest

from refocus_kit.store.ahead import read_ahead


def _read(value, ran: list, *, wait: threading.Event | None = None, began=None):
    def read():
        if began is not None:
            began.set()
        if wait is not None:
            assert wait.wait(10), "the reader never let this read go on"
        ran.append((value, threading.current_thread().name))
        return value

    return read


def test_the_results_come_in_turn_from_a_thread_of_their_own():
    ran: list = []
    with read_ahead([_read(n, ran) for n in range(5)]) as results:
        assert list(results) == [0, 1, 2, 3, 4]
    assert [n for n, _ in ran] == [0, 1, 2, 3, 4]
    assert {name for _, name in ran} != {threading.current_thread().name}


def test_the_reads_begin_on_entering_before_any_result_is_asked_for():
    first_done = threading.Event()

    def first():
        first_done.set()
        return "first"

    with read_ahead([first]) as results:
        assert first_done.wait(10)  # while the reader does something else
        assert next(results) == "first"


def test_a_reads_error_is_raised_at_its_result_and_the_reads_not_begun_are_dropped():
    ran: list = []
    go_on = threading.Event()

    def failing():
        raise RuntimeError("the database is gone")

    began = threading.Event()
    # c holds the thread up until the reader has left: d is not begun by then
    reads = [_read("a", ran), failing, _read("c", ran, wait=go_on, began=began), _read("d", ran)]
    with pytest.raises(RuntimeError, match="the database is gone"), read_ahead(reads) as results:
        assert next(results) == "a"
        assert began.wait(10)
        threading.Timer(0.2, go_on.set).start()
        next(results)
    assert [n for n, _ in ran] == ["a", "c"]


def test_a_reader_that_stops_early_waits_for_the_read_under_way_and_drops_the_rest():
    ran: list = []
    go_on, began = threading.Event(), threading.Event()
    reads = [_read("a", ran), _read("b", ran, wait=go_on, began=began), _read("c", ran)]
    with read_ahead(reads) as results:
        assert next(results) == "a"
        assert began.wait(10)
        threading.Timer(0.2, go_on.set).start()  # b is under way when the reader leaves
    assert [n for n, _ in ran] == ["a", "b"]


def test_without_background_each_read_runs_in_the_readers_thread_when_asked_for():
    ran: list = []
    with read_ahead([_read(n, ran) for n in range(3)], background=False) as results:
        assert ran == []
        assert next(results) == 0 and [n for n, _ in ran] == [0]
        assert list(results) == [1, 2]
    assert {name for _, name in ran} == {threading.current_thread().name}
