"""Tell approach goals from avoidance goals (REFOCUS manual, section 5.3, principle 3).

An approach goal names something the person wants to have, do or be; an avoidance goal names
only something to reduce, stop, escape or prevent. The manual finds approach goals "more
achievable and sustainable", so the check explains its verdict and, for an avoidance goal,
suggests a way to say what the person wants instead. The rules read the goal clause by clause:
a goal that names anything to move towards counts as approach, like the manual's "use other
strategies besides medication to manage my illness".

``python -m refocus_kit.practices.goals_eval FILE.yaml`` measures the check on a labelled set.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from refocus_kit.practices.content import load_content
from refocus_kit.provenance import kit_own, quoted

__all__ = [
    "APPROACH",
    "AVOIDANCE",
    "GoalVerdict",
    "check_goal",
]

APPROACH = "approach"
AVOIDANCE = "avoidance"

# Contractions and idioms are rewritten before the cues are looked for.
_REWRITES = (
    (r"[\u2018\u2019`]", "'"),
    (r"\bwon't\b", "will not"),
    (r"\bcan't\b", "can not"),
    (r"\bcannot\b", "can not"),
    (r"n't\b", " not"),
    (r"'d\b", " would"),
    (r"'m\b", " am"),
    (r"'re\b", " are"),
    (r"'ve\b", " have"),
    (r"'ll\b", " will"),
    (r"\b(would|do|does) not mind\b", "would like"),
    (r"\bcan not wait to\b", "would love to"),
    (r"\bnot (only|just)\b", r"\1"),
    (r"\bnot sure\b", "unsure"),
    (r"\bno matter\b", "whatever"),
)

# Cues that a clause asks for less of something or to be free of it. Each is (pattern, why).
_STOP_VERB = r"stop(?:s|ped|ping)?\b(?!\s+(?:by|in|off|at|round|over)\b)"
_AVOIDANCE_CUES = (
    (_STOP_VERB, "asks to stop something"),
    (r"\bquit(?:s|ting)?\b", "asks to quit something"),
    (r"\b(?:give|giving|gave) up\b", "asks to give something up"),
    (r"\bcut(?:s|ting)? (?:down|back|out)\b", "asks to cut something down"),
    (r"\breduc(?:e|es|ed|ing|tion)\b", "asks for less of something"),
    (r"\b(?:decreas\w*|lessen\w*|lower(?:ing)?)\b", "asks for less of something"),
    (r"\b(?:lose|loses|losing|lost|loss)\b", "is about losing something"),
    (r"\b(?:get|getting|got) rid of\b", "asks to be rid of something"),
    (
        r"\b(?:get|getting|keep|keeping|stay|staying|move|moving|run|running) away\b",
        "asks to get away",
    ),
    (
        r"\b(?:get|getting) out of\b(?!\s+(?:the house|bed|the flat|my flat|the home)\b)",
        "asks to get out of something",
    ),
    (
        r"\b(?:get|getting|come|coming|be|being|stay|staying|keep|keeping) off\b(?!\s+to\b)",
        "asks to come off or stay off something",
    ),
    (r"\b(?:stay|staying|keep|keeping) out of\b", "asks to stay out of something"),
    (r"\bkeep(?:ing)? (?:\w+ )?from\b", "asks to be kept from something"),
    (
        r"\b(?:left|leave|leaves|leaving) (?:me |us |them |him |her )?(?:alone|in peace)\b",
        "asks to be left alone",
    ),
    (r"\bavoid\w*", "asks to avoid something"),
    (r"\bprevent\w*", "asks to prevent something"),
    (r"\bescap\w*", "asks to escape something"),
    (
        r"\b(?:overcom\w*|beat(?:ing)?|fight(?:ing)? (?:off|against)|get(?:ting)? over)\b",
        "is about beating a difficulty",
    ),
    (
        r"\b(?:stay|staying|keep|keeping|be|being|remain|remaining) (?:clean|sober|dry)\b",
        "is about abstaining",
    ),
    (r"\bbreak(?:ing)? (?:the|my|this|that) habit\b", "asks to break a habit"),
    (r"\b(?:shake|shaking) off\b|\bsteer clear\b|\beliminat\w*", "asks to be rid of something"),
    (r"\b(?:less|fewer)\b", "asks for less of something"),
    (r"\bno (?:more|longer)\b", "says what the person wants no more of"),
    (r"\bnever\b", "says what the person never wants"),
    (r"\b(?:not|nothing|nobody|none|no)\b", "says what the person does not want"),
    (r"\bfree (?:of|from)\b", "asks to be free of something"),
    (
        r"\b(?!(?:feel|be|am|is|are|to|and|of|more|so|get|set|break|for)\b)\w+[- ]free\b",
        "asks to be free of something",
    ),
)
_CUES = tuple((re.compile(p), why) for p, why in _AVOIDANCE_CUES)

# Words that frame a goal or carry no content of their own: a clause made only of these (and of
# problem words) names nothing to move towards.
_FRAME_WORDS = frozenset(load_content("words")["frame_words"])

# A continuation after "and" or a comma starts a clause of its own only if it opens with one of
# these; otherwise it finishes the previous clause ("stop drinking and smoking").
_CLAUSE_OPENERS = frozenset(load_content("words")["clause_openers"])
_CLAUSE_BREAK = re.compile(r"[.;!?]+|\bbut\b|\bso (?:that )?(?=(?:i|we|he|she|they|it|my)\b)")
_CONTINUATION = re.compile(r",|\band\b")
_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True)
class GoalVerdict:
    """The check's answer for one goal, with the reasons a trainee can discuss."""

    text: str
    verdict: str
    reasons: tuple[str, ...]
    suggestion: str | None

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["reasons"] = list(self.reasons)
        return data


@dataclass(frozen=True)
class _Clause:
    text: str
    cues: tuple[tuple[str, str], ...]
    names_something: bool

    @property
    def polarity(self) -> str | None:
        if self.cues:
            return AVOIDANCE
        return APPROACH if self.names_something else None


def _normalise(text: str) -> str:
    text = text.lower().strip()
    for pattern, replacement in _REWRITES:
        text = re.sub(pattern, replacement, text)
    return re.sub(r"\s+", " ", text)


def _problem_words() -> frozenset[str]:
    themes = load_content("goal_themes")["themes"]
    return frozenset(w for t in themes for w in t["words"] if " " not in w)


def _split_clauses(text: str) -> list[str]:
    """Split at clear breaks, then join continuations that do not open a clause of their own."""
    clauses: list[str] = []
    for part in _CLAUSE_BREAK.split(text):
        pieces = [p.strip() for p in _CONTINUATION.split(part) if p.strip()]
        for index, piece in enumerate(pieces):
            first = piece.split()[0]
            if index and first not in _CLAUSE_OPENERS and not first.endswith("ing"):
                clauses[-1] = f"{clauses[-1]} and {piece}"
            else:
                clauses.append(piece)
    return clauses


def _read_clause(text: str, problems: frozenset[str]) -> _Clause:
    cues = tuple((m.group(0).strip(), why) for rx, why in _CUES for m in rx.finditer(text))
    content = [w for w in _WORD.findall(text) if w not in _FRAME_WORDS and w not in problems]
    return _Clause(text, cues[:1], bool(content))


def _theme(text: str) -> dict[str, str]:
    content = load_content("goal_themes")
    words = set(_WORD.findall(text))
    for theme in content["themes"]:
        if any((w in words) if " " not in w else (w in text) for w in theme["words"]):
            return theme
    return content["fallback"]


def _suggest(normalised: str) -> str:
    """The theme's example (the manual's, quoted and cited, or the kit's own, so labelled) and
    the kit's own question to ask."""
    theme = _theme(normalised)
    example = (
        f'"{theme["example"]}" ({kit_own("example")})'
        if theme["kit_own"]
        else quoted(theme["example"], load_content("goal_themes")["source"])
    )
    return (
        "Say what the person wants instead of what they want less of. "
        f"For example: {example}. Ask ({kit_own('question')}): {theme['question']}"
    )


def _quote(text: str) -> str:
    return '"' + re.sub(r"\bi\b", "I", text) + '"'


def _reasons(clauses: list[_Clause], verdict: str) -> tuple[str, ...]:
    reasons = [f"{_quote(cue)} {why}." for c in clauses for cue, why in c.cues]
    towards = [c.text for c in clauses if c.polarity == APPROACH]
    if verdict == APPROACH and towards:
        reasons.append(f"{_quote(towards[0])} names something to have, do or be.")
        if len(reasons) > 1:
            reasons.append("It names something to move towards, so it counts as an approach goal.")
    elif verdict == APPROACH:
        reasons.append("No wording about stopping, reducing or avoiding was found.")
    else:
        reasons.append(
            "It names only what to have less of or be free of, not what to move towards."
        )
    return tuple(reasons)


def check_goal(text: str) -> GoalVerdict:
    """Classify one goal as approach or avoidance, with reasons and (if avoidance) a rephrasing."""
    normalised = _normalise(text)
    if not _WORD.search(normalised):
        raise ValueError("a goal needs some words to check")
    problems = _problem_words()
    clauses = [_read_clause(c, problems) for c in _split_clauses(normalised)]
    polarities = {c.polarity for c in clauses}
    verdict = AVOIDANCE if AVOIDANCE in polarities and APPROACH not in polarities else APPROACH
    suggestion = _suggest(normalised) if verdict == AVOIDANCE else None
    return GoalVerdict(text, verdict, _reasons(clauses, verdict), suggestion)
