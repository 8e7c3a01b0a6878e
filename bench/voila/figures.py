"""Figures the benchmarks print: medians, an inclusive p95, the worst, seconds aligned."""

from __future__ import annotations

import statistics

__all__ = ["median", "most", "p95", "secs"]


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


def p95(samples: list[float]) -> float:
    """Inclusive: never beyond the largest sample, even with few of them."""
    if len(samples) < 2:
        return samples[0] if samples else float("nan")
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def most(samples: list[float]) -> float:
    return max(samples, default=float("nan"))


def secs(value: float) -> str:
    return f"{value:7.3f} s" if value == value else "      -  "
