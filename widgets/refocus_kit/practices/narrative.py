"""The narrative approach to understanding values (REFOCUS manual, chapter 3).

The person writes their story against the manual's prompts and decides, piece by piece, who it
is for. Only pieces marked for the worker ever reach the shared view or an export: the manual is
clear that "not all parts need to be shared with the worker".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from refocus_kit.practices.content import load_content

__all__ = ["Narrative", "NarrativePiece", "narrative_prompts", "sharing_options"]


def narrative_prompts() -> list[dict[str, str]]:
    """The manual's writing prompts, with stable ids (data/narrative.yaml)."""
    return load_content("narrative")["prompts"]


def sharing_options() -> list[dict[str, str]]:
    return load_content("narrative")["sharing"]


@dataclass
class NarrativePiece:
    prompt_id: str
    text: str = ""
    sharing: str = field(default_factory=lambda: load_content("narrative")["default_sharing"])


@dataclass
class Narrative:
    """The person's writing, one piece per prompt, each with who it is for."""

    pieces: dict[str, NarrativePiece] = field(default_factory=dict)

    def write(self, prompt_id: str, text: str, sharing: str | None = None) -> None:
        if prompt_id not in {p["id"] for p in narrative_prompts()}:
            raise KeyError(f"no narrative prompt {prompt_id!r}")
        piece = self.pieces.setdefault(prompt_id, NarrativePiece(prompt_id))
        piece.text = text
        if sharing is not None:
            self.share(prompt_id, sharing)

    def share(self, prompt_id: str, sharing: str) -> None:
        if sharing not in {s["id"] for s in sharing_options()}:
            raise ValueError(
                f"sharing must be one of {', '.join(s['id'] for s in sharing_options())}"
            )
        self.pieces.setdefault(prompt_id, NarrativePiece(prompt_id)).sharing = sharing

    def shared_with(self, audience: str = "worker") -> list[tuple[str, str]]:
        """(prompt, text) of the written pieces the person chose to share with this audience."""
        return [
            (p["text"], self.pieces[p["id"]].text.strip())
            for p in narrative_prompts()
            if p["id"] in self.pieces
            and self.pieces[p["id"]].sharing == audience
            and self.pieces[p["id"]].text.strip()
        ]

    def kept_private(self) -> int:
        """How many written pieces are not for the worker (a count only, never their text)."""
        return sum(1 for p in self.pieces.values() if p.text.strip() and p.sharing != "worker")
