"""bench/review.py runs from its one command, and reuses a database it seeded."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[2] / "bench" / "review.py"


def _run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--runs", "1", "--responses", "600", "--teams", "3", *args],
        capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    return done.stdout


@pytest.mark.slow
def test_the_review_benchmark_prints_its_figures_and_reuses_a_database(tmp_path):
    database = tmp_path / "bench.sqlite3"
    seeded = _run("--database", str(database))
    assert "from 600 responses across 3 teams (seeded in" in seeded
    assert seeded.splitlines()[-1].startswith("ratio: review_build ")
    assert "(target <= 1.5)" in seeded and "peak" in seeded
    reused = _run("--database", str(database))
    assert f"from 600 responses across 3 teams (reused {database})" in reused
