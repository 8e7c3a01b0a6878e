"""Thirty people pressing Submit at the same moment, each from their own process.

What is tested is that every submit is stored once and none is lost, not how quickly: the
write lock's wait is lengthened well past the store's 30 s so that a stalled disk on a loaded
test machine (one process's commit held up for half a minute was seen once in a full run)
cannot turn into "database is locked". That message, and the store's wait, are tested in
test_faults.py."""

import multiprocessing

import pytest

from refocus_kit.demo import demo_answers
from refocus_kit.store import Store

PEOPLE = 30
FORM_ID = "team_reflection_session"
PATIENT_WAIT = 300  # seconds; the store's own default is 30


def _submit(url: str, person: int, barrier, results) -> None:
    store = Store(url)  # each process opens the (possibly brand-new) database itself
    answers = {**demo_answers()[FORM_ID], "progress": f"Reflection from person {person}"}
    barrier.wait(timeout=PATIENT_WAIT)
    try:
        store.submit(
            FORM_ID,
            answers,
            team="Demo team (fictional)",
            session="room-1",
            respondent=f"p.{person:02d}",
            submission_id=f"sub-{person}",
        )
        results.put((person, "ok"))
    except Exception as exc:  # reported to the parent, which fails the test
        results.put((person, repr(exc)))
    finally:
        store.close()


@pytest.mark.slow
def test_thirty_simultaneous_submissions_are_each_stored_once(store_url, monkeypatch):
    monkeypatch.setenv("REFOCUS_BUSY_TIMEOUT", str(PATIENT_WAIT))  # inherited by each process
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(PEOPLE), context.Queue()
    workers = [
        context.Process(target=_submit, args=(store_url, n, barrier, results))
        for n in range(PEOPLE)
    ]
    for worker in workers:
        worker.start()
    outcomes = dict(results.get(timeout=2 * PATIENT_WAIT) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    assert outcomes == dict.fromkeys(range(PEOPLE), "ok")
    store = Store(store_url)
    stored = store.responses(FORM_ID, session="room-1")
    store.close()
    assert sorted(r.respondent for r in stored) == [f"p.{n:02d}" for n in range(PEOPLE)]
    assert {r.answers["progress"] for r in stored} == {
        f"Reflection from person {n}" for n in range(PEOPLE)
    }
