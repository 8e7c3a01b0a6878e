"""The store on SQLite and on a real PostgreSQL server (both via the `store` fixture)."""

import datetime as dt
import json
from dataclasses import replace

import pytest
from sqlalchemy import update

from refocus_kit.forms import AnswersError
from refocus_kit.sessions import get_session, open_session
from refocus_kit.store import Store
from refocus_kit.store.store import stored_answers, stored_iso, stored_time
from refocus_kit.store.tables import responses

ANSWERS = {"title": "First", "notes": "Some notes"}


@pytest.fixture
def every_kind(every_kind):
    """The fixture form without its cross-field checks, so short answers are complete."""
    return replace(every_kind, checks=())


def test_submit_keeps_form_version_team_session_respondent_and_times(store, every_kind):
    saved = store.submit(
        every_kind, ANSWERS, team="Demo team (fictional)", session="s-1", respondent="w.001"
    )
    got = store.get(saved.id)
    assert (got.form_id, got.form_version, got.team, got.session, got.respondent) == (
        "every_kind",
        1,
        "Demo team (fictional)",
        "s-1",
        "w.001",
    )
    assert got.answers == ANSWERS and got.revision == 1
    assert got.created_at.tzinfo is not None
    assert abs(got.created_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_submit_returns_what_a_read_gives_back(store, every_kind):
    """submit builds its Response from what it wrote, not from a second read: the two agree,
    through a demo session and for a past date given in another zone."""
    code = open_session(store, "team_reflection_session", "Demo team (fictional)", demo=True).code
    made = dt.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    answers = {"enablers": "Peer <b>support</b>", "challenges": "=1+1"}
    saved = [
        store.submit(every_kind, ANSWERS, team="t", respondent="w.001"),
        store.submit("team_reflection_session", answers, session=code, made_at=made),
    ]
    assert saved == [store.get(s.id) for s in saved]
    assert saved[1].demo and saved[1].created_at == made
    assert saved[1].created_at.utcoffset() == dt.timedelta(0)


def test_warming_a_submit_writes_nothing(store, every_kind):
    before = store.submit(every_kind, ANSWERS, respondent="w.001")
    store.save_draft("k", every_kind, {"title": "Kept"})
    store.warm_submit(every_kind)
    assert store.responses() == [before] and store.load_draft("k") == {"title": "Kept"}
    after = store.submit(every_kind, ANSWERS, respondent="w.001", discard_draft="k")
    assert store.responses() == [before, after] and store.load_draft("k") is None


def test_warming_a_submit_leaves_it_nothing_to_compile(store_url, every_kind):
    with Store(store_url) as fresh:
        fresh.warm_submit(every_kind)
        compiled = len(fresh.engine._compiled_cache)  # SQLAlchemy's own cache
        fresh.submit(every_kind, ANSWERS, session="s-1", discard_draft="k")
        assert len(fresh.engine._compiled_cache) == compiled


def test_an_edit_adds_a_revision_and_keeps_history(store, every_kind):
    saved = store.submit(every_kind, ANSWERS)
    store.revise(saved.id, {**ANSWERS, "title": "Second"}, editor="w.002", form=every_kind)
    store.revise(saved.id, {**ANSWERS, "title": "Third"}, form=every_kind)
    assert store.get(saved.id).answers["title"] == "Third"
    history = store.history(saved.id)
    assert [(r.number, r.answers["title"], r.editor) for r in history] == [
        (1, "First", None),
        (2, "Second", "w.002"),
        (3, "Third", None),
    ]


def test_a_bad_edit_stores_nothing(store, every_kind):
    saved = store.submit(every_kind, ANSWERS)
    with pytest.raises(AnswersError):
        store.revise(saved.id, {"title": ""}, form=every_kind)
    assert len(store.history(saved.id)) == 1


@pytest.mark.parametrize(
    "blank",
    [{}, {"enablers": "  "}, {"session_number": "s2", "month": 4, "format": "facilitated"}],
)
def test_a_response_with_no_answer_is_refused(store, blank):
    with pytest.raises(AnswersError, match="No question is answered"):
        store.submit("team_reflection_session", blank, team="Demo team (fictional)")
    assert store.count() == 0
    saved = store.submit("team_reflection_session", {"enablers": "Tea together"})
    with pytest.raises(AnswersError, match="No question is answered"):
        store.revise(saved.id, blank)
    assert len(store.history(saved.id)) == 1


def test_bad_answers_store_nothing(store, every_kind):
    with pytest.raises(AnswersError):
        store.submit(every_kind, {"title": "ok", "notes": "x" * 10_000})
    assert store.count() == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"respondent": "Jane Smith"}, "pseudonymous id"),
        ({"respondent": "9434765919"}, "NHS number"),
        ({"team": "Team 943 476 5919"}, "NHS number"),
        ({"session": "x" * 121}, "limit is 120"),
        ({"team": "bad\x00team"}, "control characters"),
    ],
)
def test_identities_and_labels_are_checked(store, every_kind, kwargs, message):
    with pytest.raises(AnswersError, match=message):
        store.submit(every_kind, ANSWERS, **kwargs)
    assert store.count() == 0


def test_anonymous_forms_refuse_a_respondent(store, every_kind):
    anonymous = replace(every_kind, respondent="none")
    with pytest.raises(AnswersError, match="anonymous"):
        store.submit(anonymous, ANSWERS, respondent="w.1")


def test_same_submission_id_is_stored_once(store, every_kind):
    first = store.submit(every_kind, ANSWERS, submission_id="click-1")
    again = store.submit(every_kind, ANSWERS, submission_id="click-1")
    assert first.id == again.id and store.count() == 1


def test_filters(store, every_kind):
    store.submit(every_kind, ANSWERS, team="A", session="s1")
    store.submit(every_kind, ANSWERS, team="B", session="s1")
    store.submit(every_kind, ANSWERS, team="A", session="s2")
    assert len(store.responses(team="A")) == 2
    assert len(store.responses("every_kind", session="s1")) == 2
    assert store.count(session="s2") == 1


def test_drafts_save_update_and_discard(store, every_kind):
    store.save_draft("k", every_kind, {"title": "a"}, respondent="w.1")
    store.save_draft("k", every_kind, {"title": "ab"}, respondent="w.1")
    assert store.load_draft("k") == {"title": "ab"}
    store.discard_draft("k")
    assert store.load_draft("k") is None


def test_delete_a_respondent_removes_responses_history_and_drafts(store, every_kind):
    mine = store.submit(every_kind, ANSWERS, respondent="w.1")
    store.revise(mine.id, {**ANSWERS, "title": "v2"}, form=every_kind)
    store.save_draft("w.1-draft", every_kind, {"title": "x"}, respondent="w.1")
    theirs = store.submit(every_kind, ANSWERS, respondent="w.2")
    assert store.delete_respondent("w.1") == 1
    assert [r.id for r in store.responses()] == [theirs.id]
    with pytest.raises(KeyError):
        store.history(mine.id)
    assert store.load_draft("w.1-draft") is None


def test_purge_removes_only_responses_older_than_the_period(store, every_kind):
    old = store.submit(every_kind, ANSWERS)
    new = store.submit(every_kind, ANSWERS)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=800)
    with store.engine.begin() as conn:
        conn.execute(
            update(responses)
            .where(responses.c.id == old.id)
            .values(updated_at=long_ago, created_at=long_ago)
        )
    assert store.purge(dt.timedelta(days=730)) == 1
    assert [r.id for r in store.responses()] == [new.id]


def test_unicode_survives(store, every_kind):
    text = "Café — naïve 😊 \u2018quotes\u2019 ٱلعربية"
    saved = store.submit(every_kind, {"title": "ü", "notes": text})
    assert store.get(saved.id).answers["notes"] == text


def test_default_store_lives_in_the_data_folder(data_dir, every_kind):
    store = Store()
    store.submit(every_kind, ANSWERS)
    assert (data_dir / "refocus.sqlite3").exists()
    store.close()


def test_sqlite_runs_in_wal_mode(data_dir):
    store = Store()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()


def test_demo_data_is_marked_in_its_row(store, every_kind):
    real = store.submit(every_kind, ANSWERS)
    demo = store.submit(every_kind, ANSWERS, demo=True)
    assert (store.get(real.id).demo, store.get(demo.id).demo) == (False, True)
    assert [r.demo for r in store.responses()] == [False, True]


def test_a_response_made_through_a_demo_session_is_demo(store):
    team = "Demo team (fictional)"
    demo = open_session(store, "team_reflection_session", team, demo=True)
    real = open_session(store, "team_reflection_session", team)
    answers = {"enablers": "Peer support"}
    through = {
        code: store.submit("team_reflection_session", answers, team=team, session=code).demo
        for code in (demo.code, real.code)
    }
    assert through == {demo.code: True, real.code: False}
    assert get_session(store, demo.code).demo and not get_session(store, real.code).demo


def test_delete_demo_removes_exactly_the_demo_data(store, every_kind):
    kept = store.submit(every_kind, ANSWERS, respondent="w.001")
    store.submit(every_kind, ANSWERS, respondent="w.001", demo=True)
    store.submit(every_kind, ANSWERS, demo=True)
    team = "Team A"
    real_session = open_session(store, "team_reflection_session", team)
    demo_session = open_session(store, "team_reflection_session", team, demo=True)
    assert store.delete_demo() == (2, 1)
    assert [r.id for r in store.responses()] == [kept.id]
    assert get_session(store, demo_session.code) is None
    assert get_session(store, real_session.code).is_open
    assert store.delete_demo() == (0, 0)


def test_existing_creates_nothing(data_dir, every_kind):
    assert Store.existing() is None
    assert list(data_dir.iterdir()) == []
    Store().close()
    found = Store.existing()
    assert found is not None and found.count() == 0
    found.close()


def test_a_scan_gives_the_fields_asked_for_oldest_first(store, every_kind):
    first = store.submit(every_kind, ANSWERS, team="Team A")
    second = store.submit(every_kind, {**ANSWERS, "title": "Second"}, demo=True)
    rows = store.scan(fields=["id", "team", "demo"], answers=False)
    assert [tuple(row) for row in rows] == [(first.id, "Team A", False), (second.id, None, True)]
    (row,) = store.scan(["every_kind"], fields=["created_at"], team="Team A")
    assert stored_time(row[0]) == first.created_at
    assert stored_iso(row[0]) == first.created_at.isoformat()
    assert stored_answers(row[1]) == ANSWERS
    assert store.scan(["another_form"]) == []
    with pytest.raises(ValueError, match="no such response fields: answers"):
        store.scan(fields=["answers"])


def test_counted_counts_per_group_and_utc_month_oldest_first(store, every_kind):
    late = dt.timezone(dt.timedelta(hours=-5))  # 23:30 on 31 January there: February in UTC
    for made, team in ((dt.datetime(2027, 2, 20, 9, tzinfo=dt.UTC), "Team A"),
                       (dt.datetime(2027, 1, 31, 23, 30, tzinfo=late), "Team A"),
                       (dt.datetime(2027, 1, 5, 9, tzinfo=dt.UTC), "Team A"),
                       (dt.datetime(2027, 1, 9, 9, tzinfo=dt.UTC), None)):  # fmt: skip
        store.submit(every_kind, ANSWERS, team=team, made_at=made)
    store.submit("supervision_reflection", {"q1_when_ask": "At reviews"}, team="Team A")
    rows = [tuple(row) for row in store.counted(["team"], excluding=["supervision_reflection"])]
    assert rows == [
        ("Team A", "2027-01", 1, "2027-01-05"),
        (None, "2027-01", 1, "2027-01-09"),
        ("Team A", "2027-02", 2, "2027-02-01"),
    ]
    assert sum(row[-2] for row in store.counted(["form_id", "team"])) == 5
    with pytest.raises(ValueError, match="no such response fields: answers"):
        store.counted(["answers"])


def test_only_an_in_memory_sqlite_is_not_shared_by_threads(store):
    assert store.shared_by_threads
    with Store("sqlite://") as in_memory:
        assert not in_memory.shared_by_threads


@pytest.mark.parametrize(
    "stored",
    [
        "2026-03-01 09:30:00.000000",
        "2026-03-01 09:30:00.000250",
        "2026-03-01T09:30:00+01:00",
        dt.datetime(2026, 3, 1, 9, 30, 0, 250, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        dt.datetime(2026, 3, 1, 9, 30),
    ],
)
def test_stored_times_read_as_their_datetimes_isoformat(stored):
    text = stored if isinstance(stored, str) else None
    when = stored_time(stored)
    assert when.tzinfo is not None
    assert stored_iso(stored) == when.isoformat()
    if text and "+" not in text:
        assert when == dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ['{"a": [1, {"b": "c"}]}', ' {"a": 1}\n', "{}"])
def test_stored_answers_read_as_json_loads_reads_them(text):
    assert stored_answers(text) == json.loads(text)
    assert stored_answers({"a": 1}) == {"a": 1}
