"""Small, predictable text helpers shared by the checks (no language model, no surprises).

The checks compare what people wrote in different places, e.g. whether a care plan uses words
from the strengths summary; a crude stem is enough to match "painting" with "paint".
"""

from __future__ import annotations

import re

from refocus_kit.practices.content import load_content

__all__ = ["STOPWORDS", "content_words", "shared_words", "stem", "word_list"]

STOPWORDS = frozenset(load_content("words")["stopwords"])
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def word_list(text: str) -> list[str]:
    """Lower-case words of a text, apostrophes kept inside words."""
    return _WORD.findall(text.lower())


def stem(word: str) -> str:
    """Strip a common English ending so word forms of one idea compare equal."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def content_words(text: str) -> set[str]:
    """Stems of the words that carry meaning (at least four letters, not stopwords)."""
    return {stem(w) for w in word_list(text) if len(w) >= 4 and w not in STOPWORDS}


def shared_words(first: str, second: str) -> list[str]:
    """Content stems the two texts have in common, sorted for stable messages."""
    return sorted(content_words(first) & content_words(second))
