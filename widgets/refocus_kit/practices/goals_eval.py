"""Measure the goal check on a labelled set of goals, and print the figure and every miss.

``python -m refocus_kit.practices.goals_eval tests/practices/goal_examples.yaml``

The set is a YAML file with a ``goals`` list of items with ``text`` and ``label`` ("approach" or
"avoidance"). Printing each miss matters as much as the figure: it shows trainers where the
rules and people's wording part company.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from refocus_kit.practices.goals import check_goal
from refocus_kit.schemas import load_yaml

__all__ = ["evaluate", "main"]


def evaluate(path: Path | str) -> tuple[int, int, list[tuple[str, str, str]]]:
    """(right, total, misses) on a labelled set; each miss is (text, label, verdict)."""
    items = load_yaml(Path(path).read_text(encoding="utf-8"))["goals"]
    misses = []
    for item in items:
        verdict = check_goal(item["text"]).verdict
        if verdict != item["label"]:
            misses.append((item["text"], item["label"], verdict))
    return len(items) - len(misses), len(items), misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m refocus_kit.practices.goals_eval")
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE.yaml")
    args = parser.parse_args(argv)
    for path in args.paths:
        right, total, misses = evaluate(path)
        print(f"{path}: {right}/{total} right ({right / total:.1%})")
        for text, label, verdict in misses:
            print(f"  missed: {text!r}: labelled {label}, checked as {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
