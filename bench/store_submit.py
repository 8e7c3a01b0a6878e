"""Benchmark: storing one response, the kit's Store against a bare sqlite3 insert.

Prints medians and p95 over repeated runs for both, and their ratio: the cost of validation,
the NHS-number scan, revisions and SQLAlchemy on top of the database write itself. Its last
line is the headline `ratio: store_submit X (no target)`: the kit's median over a bare insert's
(no target is set for it yet; it is there to be compared from run to run).
Run: .venv/bin/python bench/store_submit.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from refocus_kit.demo import demo_answers
from refocus_kit.forms import load_form
from refocus_kit.store import Store

FORM_ID = "team_reflection_session"


def timed(action, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> str:
    p95 = statistics.quantiles(samples, n=20)[-1]
    return f"median {statistics.median(samples):7.3f} ms   p95 {p95:7.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    runs = parser.parse_args().runs
    form, answers = load_form(FORM_ID), demo_answers()[FORM_ID]
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'kit.sqlite3'}")
        kit = timed(lambda: store.submit(form, answers, team="Bench team (fictional)"), runs)
        store.close()
        raw = sqlite3.connect(Path(folder) / "raw.sqlite3", isolation_level=None)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=NORMAL")
        raw.execute("CREATE TABLE r (id TEXT PRIMARY KEY, answers TEXT)")

        def bare_insert() -> None:
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("INSERT INTO r VALUES (?, ?)", (uuid.uuid4().hex, json.dumps(answers)))
            raw.execute("COMMIT")

        baseline = timed(bare_insert, runs)
        raw.close()
    print(f"store submit, {runs} runs, SQLite WAL, form {FORM_ID}")
    print(f"  kit Store.submit     {summary(kit)}")
    print(f"  baseline raw insert  {summary(baseline)}")
    ratio = statistics.median(kit) / statistics.median(baseline)
    print(f"  ratio of medians     {ratio:.1f}x")
    print(f"ratio: store_submit {ratio:.2f} (no target)")


if __name__ == "__main__":
    main()
