"""Benchmark: autograding 30 submissions of a kit exercise, nbgrader's way (one after another,
as `nbgrader autograde` does) against the kit's (`refocus exercises autograde`: one worker per
core, each in a scratch course, results merged), in the same run, on copies of one course.

Each run grades in a fresh process; its wall time and the peak memory of its process tree
(kernels included) are measured from outside. Prints medians over the runs, checks the two ways
give the same scores, and ends with one ratio line (target from issue 13).
Run: .venv/bin/python bench/exercises.py [--runs N] [--submissions N]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil

sys.path.append(str(Path(__file__).resolve().parent.parent))  # tests.exercises.staff

from refocus_kit.exercises import grading
from refocus_kit.exercises.course import open_course
from tests.exercises.staff import submit_directly

NAME = "recovery-knowledge"
TARGET = 0.6
CHOICES = {
    "personal_or_clinical": ["Personal recovery", "Clinical recovery"],
    "value_1": ["To support personal recovery", "To provide treatment", "To manage risk"],
    "value_3": ["Value 1", "Value 2", "Value 3"],
    "language": ["Language matters", "Diagnosis should be avoided"],
}


def prepare(root: Path, submissions: int) -> None:
    """A course with one exercise released and `submissions` collected, fictional answers."""
    course = open_course(root)
    grading.release(course, NAME)
    due = course.due(NAME)
    pick = random.Random(13)
    for i in range(submissions):
        answers = {k: pick.choice(v) for k, v in CHOICES.items() if pick.random() < 0.8}
        when = due - timedelta(days=1) if i % 5 else due + timedelta(hours=2)
        submit_directly(course, NAME, f"p-{i:012x}", answers, when.astimezone(UTC))


def grade(root: str, way: str) -> None:
    """The child process: grade every submission in the course at `root`."""
    from refocus_kit.exercises.parallel import autograde

    course = open_course(Path(root))
    if way == "nbgrader":
        grading.autograde_serial(course, NAME)
    else:
        autograde(course, NAME)


def scores(root: Path) -> dict:
    course = open_course(root)
    with course.gradebook() as gb:
        return {(s, g.name): g.score for s in course.staff()
                for nb in gb.find_submission(NAME, s).notebooks for g in nb.grades}  # fmt: skip


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def timed(root: Path, way: str) -> tuple[float, int]:
    argv = [sys.executable, __file__, "--grade", str(root), "--way", way]
    log = root.parent / f"{root.name}.log"
    start = time.perf_counter()
    with log.open("wb") as out:
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=out)
    watched, peak, done = psutil.Process(child.pid), 0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(watched))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = child.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if code:
        said = "\n".join(log.read_text(errors="replace").strip().splitlines()[-15:])
        raise SystemExit(f"{way} autograde failed (exit {code}); it said, last:\n{said}")
    log.unlink()
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--submissions", type=int, default=30)
    parser.add_argument("--grade", help=argparse.SUPPRESS)
    parser.add_argument("--way", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.grade:
        grade(args.grade, args.way)
        return
    with tempfile.TemporaryDirectory() as folder:
        os.environ["REFOCUS_DATA_DIR"] = folder
        os.environ.pop("REFOCUS_DATABASE_URL", None)
        template = Path(folder) / "template"
        prepare(template, args.submissions)
        results: dict[str, list[tuple[float, int]]] = {"nbgrader": [], "kit": []}
        graded = {}
        for run in range(args.runs):
            for way in ("nbgrader", "kit") if run % 2 == 0 else ("kit", "nbgrader"):
                root = Path(folder) / f"{way}-{run}"
                shutil.copytree(template, root)
                results[way].append(timed(root, way))
                graded[way] = scores(root)
                shutil.rmtree(root)
    if graded["kit"] != graded["nbgrader"]:
        raise SystemExit("the kit's scores differ from nbgrader's")
    cores = len(os.sched_getaffinity(0))
    when = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    print(f"autograde {args.submissions} submissions of {NAME}, median of {args.runs} runs, "
          f"{cores} cores, at {when}; same scores: yes")  # fmt: skip
    medians = {}
    for way, label in (("nbgrader", "nbgrader, serial"), ("kit", "refocus exercises (kit)")):
        wall = statistics.median(r[0] for r in results[way])
        memory = statistics.median(r[1] for r in results[way]) / 2**20
        medians[way] = wall
        print(f"  {label:<26} {wall:7.1f} s  {wall / args.submissions:5.2f} s each  "
              f"peak memory {memory:6.0f} MiB")  # fmt: skip
    print(f"ratio: exercises_autograde {medians['kit'] / medians['nbgrader']:.2f} "
          f"(target <= {TARGET:g})")  # fmt: skip


if __name__ == "__main__":
    main()
