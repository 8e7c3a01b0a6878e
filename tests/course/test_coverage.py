"""The coverage map: every element of the manual the issue lists, each with the manual's words
and where it stands; each covered somewhere that still exists; and the rendered index in
facilitator_guides/ made from the data as it is now."""

from __future__ import annotations

from collections import Counter

import pytest

from refocus_kit.course import coverage_map, elements
from refocus_kit.course.coverage_map import Place, coverage, missing_places, uncovered
from refocus_kit.course.guides import GUIDES
from tests.support.notebooks import ROOT

# The issue's list: 11 learning objectives, 6 strategies, 3 values, 5 REACH stages, 4 GROW
# steps, 6 goal-striving principles, 4 care-plan tests, 7 strengths marks, 9 appendices and 4
# partnership criteria.
GROUPS = {
    "lo": 11,
    "strategy": 6,
    "value": 3,
    "reach": 5,
    "grow": 4,
    "principle": 6,
    "care-plan-test": 4,
    "strengths-mark": 7,
    "appendix": 9,
    "partnership-criterion": 4,
}
# A few elements in the manual's exact words (chapter 6, section 6.1; Box 1; section 2.6; 4.3).
WORDS = {
    "lo-2": "To explore the potential tensions between risk management and recovery",
    "lo-11": "To plan the Partnership Project between staff and people using the service",
    "value-3": "Mental health services work as if people are, or (when in crisis) will be, "
    "responsible for their own lives",
    "reach-3": "Agree Outcomes",
    "grow-4": "Wrap-up",
    "principle-3": "Approach goals are more achievable and sustainable than avoidance goals",
    "care-plan-test-d": "Involve independent and joint action rather than passive action",
    "strengths-mark-4": "Partnership-based",
    "partnership-criterion-4": "Has the cost been justified?",
}


def test_every_element_the_issue_lists_is_there_in_the_manuals_order():
    counted = Counter(key.rsplit("-", 1)[0] for key in elements())
    assert dict(counted) == GROUPS
    for group, count in GROUPS.items():
        ids = [k for k in elements() if k.rsplit("-", 1)[0] == group]
        suffixes = "abcd" if group == "care-plan-test" else range(1, count + 1)
        assert ids == [f"{group}-{n}" for n in suffixes]
    assert all(e.words and e.source for e in elements().values())


@pytest.mark.parametrize(("key", "words"), WORDS.items())
def test_elements_hold_the_manuals_words(key, words):
    assert elements()[key].words == words


def test_every_element_has_a_place():
    assert uncovered() == [], "elements the kit covers nowhere"


def test_every_place_still_exists():
    assert missing_places(ROOT) == []


def test_a_place_that_is_gone_is_named(monkeypatch):
    gone = {
        "appendix-9": (Place("form:no_such_form"),),
        "appendix-2": (Place("form:partnership_project_proposal#no_field"),),
        "reach-1": (Place("tool:NoSuchTool"), Place("notebook:course/none.ipynb")),
        "appendix-1": (Place("handout:none"), Place("session:team_information_session#x")),
    }
    monkeypatch.setattr(coverage_map, "outside_places", lambda: gone)
    problems = missing_places(ROOT)
    for expected in (
        "appendix-9: form:no_such_form: no such form",
        "appendix-2: form:partnership_project_proposal#no_field: form partnership_project_proposal "
        "has no 'no_field'",
        "reach-1: tool:NoSuchTool: no such practice tool",
        "reach-1: notebook:course/none.ipynb: no such notebook",
        "appendix-1: handout:none: no such handout",
        "appendix-1: session:team_information_session#x: no such session part",
    ):
        assert expected in problems


def test_the_sessions_parts_are_places():
    assert Place("session:team_information_session#expectations") in coverage()["appendix-1"]


@pytest.mark.parametrize("name", GUIDES)
def test_the_committed_index_matches_the_data(name):
    committed = (ROOT / "facilitator_guides" / name).read_text(encoding="utf-8")
    assert committed == GUIDES[name](), f"facilitator_guides/{name} is stale: run `make course`"
