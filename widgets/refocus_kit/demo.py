"""Fictional demo data, so that every page has something to show in a demonstration.

Every name in it is invented; the team is called "Demo team (fictional)"."""

from __future__ import annotations

import json
from importlib import resources

from refocus_kit.forms.loader import load_forms
from refocus_kit.store.store import Store

__all__ = ["DEMO_RESPONDENT", "DEMO_TEAM", "demo_answers", "load_demo"]

DEMO_TEAM = "Demo team (fictional)"
DEMO_RESPONDENT = "demo.worker"


def demo_answers() -> dict[str, dict]:
    """The bundled fictional answers, by form id."""
    folder = resources.files("refocus_kit.forms") / "demo"
    return {
        path.name.removesuffix(".json"): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.iterdir(), key=lambda p: p.name)
        if path.name.endswith(".json")
    }


def load_demo(store: Store) -> int:
    """Store one demo response per form; loading twice stores nothing new. Returns the count."""
    forms = load_forms()
    for form_id, answers in demo_answers().items():
        form = forms[form_id]
        respondent = None if form.respondent == "none" else DEMO_RESPONDENT
        store.submit(
            form, answers, team=DEMO_TEAM, respondent=respondent, submission_id=f"demo-{form_id}"
        )
    return len(forms)
