"""Benchmark: how long the `refocus` data commands take to answer, each against the bare cost of
starting Python with the libraries every one of them needs (SQLAlchemy, PyYAML, click).

Each command runs in a fresh process, as a person at a terminal starts it, on a store holding a
few fictional responses. Prints medians over the runs and, last, one ratio line per command.
Run: .venv/bin/python bench/cli.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
REFOCUS = str(BIN / "refocus")
TARGET = 3.0  # each command at most this many times the baseline (issue 11)
BASELINE = [sys.executable, "-c", "import sqlalchemy, yaml, click"]
COMMANDS = {
    "forms_list": [REFOCUS, "forms", "list", "--json"],
    "goals_check": [REFOCUS, "goals", "check", "--json", "I want to get back to swimming"],
    "responses_export": [REFOCUS, "responses", "export", "--format", "csv", "--out", "{out}"],
    "store_info": [REFOCUS, "store", "info"],
}


def wall_times(argv: list[str], env: dict[str, str], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "REFOCUS_DATA_DIR": folder}
        env.pop("REFOCUS_DATABASE_URL", None)
        subprocess.run([REFOCUS, "demo", "load"], env=env, check=True, stdout=subprocess.DEVNULL)
        out = str(Path(folder) / "export.csv")
        wall_times(BASELINE, env, 1)  # warm the file cache for every run alike
        baseline = statistics.median(wall_times(BASELINE, env, runs))
        medians = {}
        for name, argv in COMMANDS.items():
            argv = [a.replace("{out}", out) for a in argv]
            wall_times(argv, env, 1)
            medians[name] = statistics.median(wall_times(argv, env, runs))
    print(f"refocus CLI wall time, median of {runs} runs, fresh process each")
    print(f"  baseline: python -c 'import sqlalchemy, yaml, click'   {baseline:6.3f} s")
    for name, median in medians.items():
        print(f"  refocus {' '.join(COMMANDS[name][1:3]):<40} {median:6.3f} s")
    for name, median in medians.items():
        print(f"ratio: {name} {median / baseline:.2f} (target <= {TARGET:g})")


if __name__ == "__main__":
    main()
