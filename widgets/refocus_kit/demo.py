"""Fictional demo data, so that every page has something to show in a demonstration.

Every name in it is invented; the teams are called "Demo team (fictional)" (one response per
form and a reflection session) and "Demo team North/River/Hill (fictional)" (a whole programme
each, demo_programme.py). Only `make demo` and `refocus demo load` store it, never a notebook.
Each response, the demo session and the demo timetables are marked as demo in their rows, and
`refocus demo clear` removes exactly what is so marked."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from refocus_kit.demo_programme import load_programme_demo
from refocus_kit.forms.loader import load_forms
from refocus_kit.sessions import open_session, open_sessions
from refocus_kit.store.store import Store
from refocus_kit.timetable import clear_demo_timetables

__all__ = [
    "DEMO_RESPONDENT",
    "DEMO_ROOM",
    "DEMO_TEAM",
    "clear_demo",
    "demo_answers",
    "load_demo",
]

DEMO_TEAM = "Demo team (fictional)"
DEMO_RESPONDENT = "demo.worker"

# A few more voices for the demo reflection session, so the facilitator's view has something
# to group and count. All invented.
DEMO_ROOM: list[dict[str, Any]] = [
    {
        "enablers": "Ten minutes of every team meeting for recovery practice\nPeer support",
        "challenges": "Busy duty weeks push reflection aside",
        "recovery_stories": "A woman (fictional) who restarted her pottery class with a friend.",
    },
    {
        "enablers": "Peer support between workers\nThe coaching follow-up session",
        "challenges": "Not enough time for long conversations\nBusy duty weeks",
        "actions": [
            {
                "what": "Share three strengths-based care plans at the next meeting",
                "who": "Two volunteers",
                "by_when": "2026-12-18",
            }
        ],
    },
    {
        "enablers": "Manager backing for the partnership project",
        "challenges": "Some people find the worksheet long",
    },
]


def demo_answers() -> dict[str, dict]:
    """The bundled fictional answers, by form id."""
    folder = resources.files("refocus_kit.forms") / "demo"
    return {
        path.name.removesuffix(".json"): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.iterdir(), key=lambda p: p.name)
        if path.name.endswith(".json")
    }


def _demo_session(store: Store) -> str:
    """The demo reflection session (opened once)."""
    for session in open_sessions(store):
        if session.demo:
            return session.code
    session = open_session(
        store, "team_reflection_session", DEMO_TEAM, number=3, expected=4, demo=True
    )
    return session.code


def load_demo(store: Store) -> int:
    """Store one demo response per form, a demo reflection session with a few voices, and the
    demo teams' whole programme; loading twice stores nothing new. Returns the number of
    forms."""
    forms = load_forms()
    code = _demo_session(store)
    for form_id, answers in demo_answers().items():
        form = forms[form_id]
        respondent = None if form.respondent == "none" else DEMO_RESPONDENT
        session = code if form_id == "team_reflection_session" else None
        store.submit(
            form,
            answers,
            team=DEMO_TEAM,
            session=session,
            respondent=respondent,
            submission_id=f"demo-{form_id}",
            demo=True,
        )
    for n, voice in enumerate(DEMO_ROOM, start=1):
        store.submit(
            "team_reflection_session",
            voice,
            team=DEMO_TEAM,
            session=code,
            respondent=f"demo.voice{n}",
            submission_id=f"demo-room-{n}",
            demo=True,
        )
    load_programme_demo(store, demo_answers())
    return len(forms)


def clear_demo(store: Store) -> tuple[int, int]:
    """Remove every response and session marked as demo, and nothing else (real data that
    happens to use the demo team's name stays), and the demo timetables. Returns how many
    responses and sessions."""
    clear_demo_timetables(store)
    return store.delete_demo()
