"""Step-by-step coaching conversation guides for role-play: REACH (manual, section 2.6) and
GROW (manual, section 5.3).

A trainee moves through the stages in order, sees the stage's purpose in the manual's words and
the kit's own guide and questions to try (labelled as the kit's own), and notes what was said.
The record at the end is what was agreed, because coaching is about the person committing to
their own actions, not about the worker's notes of the conversation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from refocus_kit.practices.content import load_content

__all__ = ["COACHING_MODELS", "CoachingConversation", "Stage", "stages"]

COACHING_MODELS = ("REACH", "GROW")


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    manual: str
    guide: str
    questions: tuple[str, ...]
    record: str


def stages(model: str) -> tuple[Stage, ...]:
    """The stages of one model, in order, from data/coaching.yaml."""
    if model not in COACHING_MODELS:
        raise ValueError(f"model must be one of {', '.join(COACHING_MODELS)}")
    data = load_content("coaching")["models"][model]["stages"]
    return tuple(Stage(**{**s, "questions": tuple(s["questions"])}) for s in data)


@dataclass
class CoachingConversation:
    """Where a role-play has got to, and what was noted and agreed at each stage."""

    model: str = "REACH"
    position: int = 0
    notes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.stages = stages(self.model)
        self.source = load_content("coaching")["models"][self.model]["source"]

    @property
    def stage(self) -> Stage:
        return self.stages[self.position]

    @property
    def finished(self) -> bool:
        return self.position == len(self.stages) - 1 and bool(self.notes.get(self.stage.id))

    def note(self, text: str) -> None:
        """Record what was said or agreed at the current stage (replaces earlier notes)."""
        self.notes[self.stage.id] = text.strip()

    def next(self) -> Stage:
        self.position = min(self.position + 1, len(self.stages) - 1)
        return self.stage

    def back(self) -> Stage:
        self.position = max(self.position - 1, 0)
        return self.stage

    def missing(self) -> list[str]:
        """Titles of stages with nothing recorded yet, so the trainee can go back to them."""
        return [s.title for s in self.stages if not self.notes.get(s.id)]

    def record(self) -> dict[str, Any]:
        """What was agreed, stage by stage, in the model's order."""
        info = load_content("coaching")["models"][self.model]
        return {
            "model": self.model,
            "title": info["title"],
            "source": info["source"],
            "stages": [
                {
                    "id": s.id,
                    "title": s.title,
                    "record": s.record,
                    "notes": self.notes.get(s.id, ""),
                }
                for s in self.stages
            ],
        }
