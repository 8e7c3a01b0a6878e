"""The coverage map: every element of the manual the kit must teach (elements.yaml), joined to
where the kit covers it: the parts of the sessions that name it under `covers:`, and the forms,
practice tools, notebooks and handouts listed in places.yaml. Headless."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from refocus_kit.schemas import load_yaml

__all__ = [
    "HANDOUTS",
    "Element",
    "Place",
    "coverage",
    "elements",
    "missing_places",
    "outside_places",
    "uncovered",
]

# The printable handouts `refocus course build` writes beside the sessions' own.
HANDOUTS = {"information-sheet": "The REFOCUS Information Sheet (Appendix 1)"}


@dataclass(frozen=True)
class Element:
    id: str
    words: str
    group: str
    source: str


@dataclass(frozen=True)
class Place:
    """Where an element is covered: `kind:target`, e.g. `session:recovery_training_1#welcome`
    or `form:supervision_reflection`."""

    ref: str

    @property
    def kind(self) -> str:
        return self.ref.split(":", 1)[0]

    @property
    def target(self) -> str:
        return self.ref.split(":", 1)[1]


def _data(name: str) -> dict:
    text = (resources.files("refocus_kit.course") / name).read_text(encoding="utf-8")
    return load_yaml(text)


@cache
def elements() -> dict[str, Element]:
    """Every element, in the manual's order, by id."""
    return {
        e["id"]: Element(e["id"], e["words"], group["name"], group["source"])
        for group in _data("elements.yaml")["groups"]
        for e in group["elements"]
    }


@cache
def outside_places() -> dict[str, tuple[Place, ...]]:
    """The places outside the sessions, by element id."""
    listed = _data("places.yaml")["places"]
    return {key: tuple(Place(ref) for ref in refs) for key, refs in listed.items()}


def _session_places() -> dict[str, list[Place]]:
    from refocus_kit.course.loader import sessions

    found: dict[str, list[Place]] = {}
    for session in sessions().values():
        for part in session.agenda:
            for element in part.covers:
                found.setdefault(element, []).append(Place(f"session:{session.id}#{part.key}"))
    return found


def coverage() -> dict[str, tuple[Place, ...]]:
    """Every element with its places: the sessions' parts first, then the rest."""
    in_sessions = _session_places()
    outside = outside_places()
    return {key: (*in_sessions.get(key, ()), *outside.get(key, ())) for key in elements()}


def uncovered() -> list[str]:
    """The elements with no place at all."""
    return [key for key, places in coverage().items() if not places]


def _place_problem(place: Place, root: Path) -> str | None:
    kind, target = place.kind, place.target
    if kind == "session":
        from refocus_kit.course.loader import sessions

        event, _, key = target.partition("#")
        found = sessions().get(event)
        if found is None or key not in {p.key for p in found.agenda}:
            return "no such session part"
        return None if (root / found.notebook).is_file() else f"no notebook {found.notebook}"
    if kind == "form":
        from refocus_kit.forms.loader import load_forms

        form_id, _, inner = target.partition("#")
        form = load_forms().get(form_id)
        if form is None:
            return "no such form"
        names = {s.id for s in form.sections} | {f.id for s in form.sections for f in s.fields}
        return None if not inner or inner in names else f"form {form_id} has no {inner!r}"
    if kind == "tool":
        import refocus_kit.practices as practices

        return None if target in practices.__all__ else "no such practice tool"
    if kind == "notebook":
        return None if (root / target).is_file() else "no such notebook"
    if kind == "handout":
        return None if target in HANDOUTS else "no such handout"
    return f"unknown kind of place {kind!r}"


def missing_places(root: Path) -> list[str]:
    """Every place in the map that no longer exists (`root`: the repository), and every
    element places.yaml names that elements.yaml does not know."""
    problems = [
        f"places.yaml: unknown element {key!r}" for key in outside_places() if key not in elements()
    ]
    for key, places in coverage().items():
        for place in places:
            problem = _place_problem(place, root)
            if problem:
                problems.append(f"{key}: {place.ref}: {problem}")
    return problems
