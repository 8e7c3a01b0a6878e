"""Read the practice tools' content (prompts, stages, marks, thresholds) from the YAML files in
data/.

Content lives in data files so trainers can read and correct it without touching code, and so
each prompt is declared once and shared by the widgets, the notebooks and the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from refocus_kit.provenance import kit_own_note
from refocus_kit.schemas import load_yaml

__all__ = ["Threshold", "load_content", "threshold"]


@cache
def load_content(name: str) -> Any:
    """Parsed contents of data/<name>.yaml (cached: the files do not change while running)."""
    text = (
        resources.files("refocus_kit.practices")
        .joinpath("data", f"{name}.yaml")
        .read_text(encoding="utf-8")
    )
    return load_yaml(text)


@dataclass(frozen=True)
class Threshold:
    """A mark a check applies. The manual sets no number for these, so each is flagged
    `kit_own` in the data, and it reads with that label wherever it is shown (``str``)."""

    says: str  # how the mark reads in a message, e.g. "7/10"
    kit_own: bool
    value: int | None = None
    why: str = ""

    def __str__(self) -> str:
        return kit_own_note(self.says, "mark") if self.kit_own else self.says

    @property
    def number(self) -> int:
        """The mark as a number, for a threshold that has one."""
        if self.value is None:
            raise ValueError(f"the mark {self.says!r} is not a number")
        return self.value


def threshold(name: str, key: str) -> Threshold:
    """The threshold `key` declared under `thresholds:` in data/<name>.yaml."""
    return Threshold(**load_content(name)["thresholds"][key])
