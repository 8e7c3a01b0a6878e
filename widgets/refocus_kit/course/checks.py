"""Marking a short check (headless): each item's answer against the key, with the feedback the
session's data gives for it, and the score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from refocus_kit.course.model import Check

__all__ = ["ItemMark", "Marks", "mark_check"]


@dataclass(frozen=True)
class ItemMark:
    text: str
    given: str | None
    answer: str
    why: str

    @property
    def correct(self) -> bool:
        return self.given == self.answer

    @property
    def answered(self) -> bool:
        return self.given is not None


@dataclass(frozen=True)
class Marks:
    items: tuple[ItemMark, ...]

    @property
    def score(self) -> int:
        return sum(item.correct for item in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def unanswered(self) -> int:
        return sum(not item.answered for item in self.items)

    @property
    def summary(self) -> str:
        left = f"; {self.unanswered} not answered" if self.unanswered else ""
        return f"{self.score} of {self.total} right{left}"


def mark_check(check: Check, given: Sequence[str | None]) -> Marks:
    """Mark one answer per item (None for an item left blank)."""
    if len(given) != len(check.items):
        raise ValueError(
            f"check {check.id} has {len(check.items)} items, {len(given)} answers given"
        )
    return Marks(
        tuple(
            ItemMark(item.text, answer, item.answer, item.why)
            for item, answer in zip(check.items, given, strict=True)
        )
    )
