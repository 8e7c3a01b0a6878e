"""Benchmark: building the progress review from 100,000 responses across 50 teams, against pandas
reading the same rows from the same database and grouping them once, in the same run.

The store is filled with fictional responses of the forms the review reads (reflection records
with actions, attendance, supervision forms, care-record audits, practice records, proposals)
and a timetable per team, written in bulk (seeding is not what is measured). Each side runs in
this process: wall time is the median over the runs, the sides taking turns within each run
(so that a noisy stretch of the machine falls on each of them); peak memory (tracemalloc,
Python allocations) is measured in a separate run of each, since tracing slows the code it
traces. Besides the two sides, `read_floor` times what this review pays before computing
anything, read as the review reads it (the store read ahead in a thread of its own): the
counts of the forms it only counts, and one row per response of the forms whose answers it
reads, with their answers decoded.
Prints the figures and, last, the ratio line. Run: .venv/bin/python bench/review.py [--runs N]
[--responses N] [--teams N] [--database FILE]. With --database, the store is that SQLite file:
seeded there if it does not exist, else read as it is, so that two versions of the kit can be
compared in turn on one database (the random ids of a fresh seeding alone move the baseline by
up to 30%).

Tried and not kept (issue 14, 30,000 responses, back to back): letting SQLite 3.40 read the
review's few answers out of the JSON through SQLAlchemy (json_extract and json_each) took about
twice the CPU time of the export's Python flattening (0.67-0.89 s against 0.41-0.44 s, even with
one json_extract of many paths a row: SQLite parses an answer again for each call, and a
one-path-per-call read of an audit's entries took 174 ms against 45 ms for the entries whole);
picking the named answers in Python from one pass, with no items and no pivots, took as long as
flattening them all (0.43-0.56 s against 0.47-0.50 s), and the whole review no less.
Also not kept (100,000 responses, same run): the review's item rows written to a table of their
own and read back with SQL took 2.98 s against 1.65 s for decoding and flattening the answers
(pandas making 457,000 rows of text costs more than the JSON); orjson decoded the answers only
20-35% faster than the standard library's json (0.46-0.56 s against 0.68-0.70 s).
Kept (100,000 responses, one seeded database, the two versions run in turn, nine times
each): the review picks the answers it reads (sources.READS) from each response as it is
read, into a table per form and per list, instead of an item row of every answer pivoted
back; with the actions' follow-up words gathered once per session, the index's delivery
shares grouped once and pandas columns read as lists, the median ratio went from 2.87 to
2.47 (the reading no quicker, the computing 0.9-1.0 s instead of 1.5-1.8 s). Reading the
store's rows and the answers from two threads at once was no quicker.
Kept (same way, nine pairs): the forms whose answers the review does not read are counted
(per form, team, month and demo or not: `response_counts`, 1,700 rows) instead of read a row
per response, and the forms it reads are read once, rows and answers together: median ratio
2.50 before, 2.12 after; the build 3.38 s before, 3.04 s after, on a slower stretch (pandas
1.1-1.6 s). Then the cyclic garbage collector held off through the whole build, not only
through the reading (each collection looked over every row still held; a build leaves some 25
objects in cycles): twelve pairs, median ratio 2.17 before, 2.01 after (build 2.68 s, 2.55 s);
peak memory 71 MiB either way, against pandas' 101 MiB.
Kept (same database, builds and pandas reads alternating in one process, five rounds of the
versions in turn): each form READS reads is read in a thread of its own while the one before
it is picked from, and the forms only counted are counted by the database after them
(store/ahead.py, Store.counted): median ratio 1.82 before, 1.58 after (bench/review.py as it
then was: 1.91 before, 1.66 after); peak memory 52 MiB. Then a series' numbers read once per
distinct answer, a session's words found once over its records' answers, an audit's goals
split once, and no store id read: 1.46; with the audit's groups found once for its measures,
1.44 (five rounds against fec7d05: 1.83 there). Held to one core (taskset -c 0), where the
thread can overlap nothing, two rounds: 1.59 and 1.69, against 1.85 and 1.91. Tried and
not kept: counting in the caller's thread while the forms are read (slower: the two reads then
contend), a second thread for the counts (slower), and an index on the form and time made (no
quicker: the sort is not the cost).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import statistics
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

TARGET = 1.5  # the review at most this many times pandas' read and group (issue 14)
START = dt.date(2025, 6, 2)


def _answers(form_id: str, rng: random.Random, n: int) -> dict[str, Any]:
    """Fictional answers shaped as the forms engine stores them."""
    if form_id == "team_reflection_session":
        return {
            "session_number": f"s{1 + n % 9}",
            "progress": "We shared care plans and asked about values (fictional)",
            "enablers": "Peer support",
            "actions": [{"what": "Share three care plans", "who": "Two volunteers",
                         "by_when": "2026-01-15"}],
        }  # fmt: skip
    if form_id == "manager_reflection_group":
        return {
            "group_number": f"g{1 + n % 6}",
            "progress": "Managers reviewed rotas",
            "agreed": [{"what": "Protect recovery time", "who": "Managers"}],
        }
    if form_id == "attendance":
        return {
            "strategy": "team_reflection_sessions",
            "session_number": 1 + n % 9,
            "session_date": (START + dt.timedelta(days=n % 500)).isoformat(),
            "attendees": [
                {"attendee": f"P-{k:02d}", "status": rng.choice(["present", "late", "absent"])}
                for k in range(6)
            ],
        }
    if form_id == "care_record_audit":
        return {
            "audited_on": (START + dt.timedelta(days=n % 500)).isoformat(),
            "records": [
                {"values_recorded": rng.choice(["yes", "no"]), "strengths_recorded": "yes",
                 "goals_recorded": "yes", "goals": "Join the walking group\nStop drinking",
                 "independent_actions": 1, "joint_actions": 1, "passive_actions": 1,
                 "strengths_marks": ["complete", "updated"]}
                for _ in range(3)
            ],
        }  # fmt: skip
    if form_id == "action_plan":
        return {"goal": "Join the walking group", "steps": [{"what": "Find the times",
                                                             "kind": "joint"}]}  # fmt: skip
    if form_id == "partnership_project_proposal":
        return {"title": "An allotment", "costs": [{"item": "Rent", "amount": 120}],
                "panel_decision": "funded", "amount_spent": 80}  # fmt: skip
    return {"q1_when_ask": "At reviews (fictional)", "q2_reflection": "More joint actions"}


MIX = [  # form, share of the responses
    ("supervision_reflection", 0.40),
    ("team_reflection_session", 0.20),
    ("action_plan", 0.15),
    ("attendance", 0.10),
    ("manager_reflection_group", 0.07),
    ("care_record_audit", 0.06),
    ("partnership_project_proposal", 0.02),
]


def _rows(total: int, teams: int) -> Iterator[tuple[dict, dict]]:
    rng = random.Random(14)
    forms, weights = zip(*MIX, strict=True)
    for n in range(total):
        form_id = rng.choices(forms, weights)[0]
        made = dt.datetime.combine(START, dt.time(10), dt.UTC) + dt.timedelta(hours=n % 12000)
        rid = uuid.uuid4().hex
        yield (
            {"id": rid, "submission_id": rid, "form_id": form_id, "form_version": 1,
             "team": f"Bench team {n % teams:02d} (fictional)", "session": None,
             "respondent": None, "created_at": made, "updated_at": made, "revision": 1,
             "demo": True},
            {"response_id": rid, "number": 1, "form_version": 1,
             "answers": _answers(form_id, rng, n), "created_at": made, "editor": None},
        )  # fmt: skip


def seed(store, total: int, teams: int) -> None:
    from refocus_kit.store.tables import responses, revisions
    from refocus_kit.timetable import save_start

    batch: list[tuple[dict, dict]] = []
    for pair in _rows(total, teams):
        batch.append(pair)
        if len(batch) == 5000:
            _write(store, batch, responses, revisions)
            batch = []
    if batch:
        _write(store, batch, responses, revisions)
    for n in range(teams):
        save_start(store, f"Bench team {n:02d} (fictional)", START, 18, demo=True)


def _write(store, batch, responses, revisions) -> None:
    with store.engine.begin() as conn:
        conn.execute(responses.insert(), [r for r, _ in batch])
        conn.execute(revisions.insert(), [v for _, v in batch])


def pandas_baseline(store) -> object:
    """The same rows read by pandas from the same database, grouped once."""
    import pandas as pd

    query = (
        "SELECT responses.*, revisions.answers FROM responses JOIN revisions "
        "ON revisions.response_id = responses.id AND revisions.number = responses.revision"
    )
    with store.engine.connect() as conn:
        table = pd.read_sql_query(query, conn)
    return table.groupby(["team", "form_id"]).size()


def read_floor(store) -> object:
    """The least this review pays before computing anything, read as the review reads it: the
    counts of the forms whose responses it only counts, and one row per response of each form
    whose answers it reads, with their answers decoded, nothing made of them; the store read
    ahead of the decoding, in a thread of its own, with the collector held off."""
    from refocus_kit.review.sources import ITEM_FORMS, source_reads
    from refocus_kit.store.ahead import read_ahead
    from refocus_kit.store.export import no_collection

    with no_collection(), read_ahead(source_reads(store)) as results:
        read = [(table, list(answers)) for table, answers in (next(results) for _ in ITEM_FORMS)]
        return read, next(results)


def review_build(store) -> object:
    from refocus_kit.review import build_review

    return build_review(store, dt.date(2026, 11, 30))


def timed_in_turn(sides: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Each side's median wall time over the runs, the sides run in turn within each run (so
    that a noisy stretch of the machine falls on all of them, not on one side's runs)."""
    samples: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(runs):
        for name, work in sides.items():
            gc.collect()
            start = time.perf_counter()
            work()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(found) for name, found in samples.items()}


def peak_mib(work: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--database", type=Path, help="a SQLite file to seed once and reuse")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["REFOCUS_DATA_DIR"] = folder
        os.environ.pop("REFOCUS_DATABASE_URL", None)
        from refocus_kit.store import Store

        database = args.database or Path(folder) / "bench.sqlite3"
        reused = database.exists()
        with Store(f"sqlite:///{database.resolve()}") as store:
            started = time.perf_counter()
            if not reused:
                seed(store, args.responses, args.teams)
            seeded = time.perf_counter() - started
            responses = store.count()
            review = review_build(store)  # warm: imports, caches, the file cache
            pandas_baseline(store)
            sides = {
                "pandas_read_group": pandas_baseline,
                "read_floor": read_floor,
                "review_build": review_build,
            }
            seconds = timed_in_turn(
                {name: (lambda w=work: w(store)) for name, work in sides.items()}, args.runs
            )
            memory = {name: peak_mib(lambda w=work: w(store)) for name, work in sides.items()}
    how = f"reused {database}" if reused else f"seeded in {seeded:.1f} s"
    print(
        f"progress review from {responses:,} responses across {len(review.teams)} teams "
        f"({how}), median of {args.runs}"
    )
    for name in sides:
        print(f"  {name:<18} {seconds[name]:7.2f} s   peak {memory[name]:8.1f} MiB (Python)")
    floor = seconds["read_floor"] / seconds["pandas_read_group"]
    print(f"floor: reading and decoding alone is {floor:.2f} times pandas' read and group")
    print(f"memory: review_build {memory['review_build'] / memory['pandas_read_group']:.2f}")
    ratio = seconds["review_build"] / seconds["pandas_read_group"]
    print(f"ratio: review_build {ratio:.2f} (target <= {TARGET:g})")


if __name__ == "__main__":
    main()
