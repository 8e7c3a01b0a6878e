from datetime import date

import pytest

from refocus_kit.practices.strengths_quality import COLUMNS, ROWS, check_strengths

TODAY = date(2025, 3, 1)
RICH = {
    "daily_living": "Lives in a one-bed flat near the park with her cat",
    "financial": "Manages her budget; her sister helped set up savings",
    "occupational": "Part-time college course in art, enjoys painting",
    "social_supports": "Close to her friend Jo from the choir group",
    "health": "Walks to the park with her neighbour most days",
    "spiritual_cultural": "Goes to church with her mum on Sundays",
}


def full_worksheet() -> dict:
    strengths = {r: {c: f"{RICH[r]} ({c})" for c in COLUMNS} for r in ROWS}
    strengths["health"]["current"] += ' and says "walking clears my head"'
    return {"strengths": strengths, "anything_else": ""}


def by_id(results):
    return {r.id: r for r in results}


def test_a_full_recent_worksheet_passes_every_measured_mark():
    results = check_strengths(full_worksheet(), date(2025, 2, 1), today=TODAY)
    assert len(results) == 7
    measured = [r for r in results if r.how == "measured"]
    assert {r.id for r in measured} == {"complete", "partnership", "external_resources", "updated"}
    assert all(r.passed for r in measured), measured
    assert all(r.reasons for r in results)


def test_self_rated_marks_wait_for_a_rating_then_use_it():
    results = by_id(check_strengths(full_worksheet(), TODAY, today=TODAY))
    assert results["individualised"].passed is None
    assert "Ask yourself" in results["individualised"].reasons[0]
    ratings = {"individualised": "yes", "full_identity": "partly", "skills": "no"}
    rated = by_id(check_strengths(full_worksheet(), TODAY, ratings, today=TODAY))
    assert rated["individualised"].passed is True
    assert rated["full_identity"].passed is False
    assert rated["skills"].passed is False


def test_bad_rating_is_refused():
    with pytest.raises(ValueError, match="yes, partly or no"):
        check_strengths(full_worksheet(), TODAY, {"skills": "maybe"}, today=TODAY)


def test_empty_and_thin_boxes_are_named():
    answers = full_worksheet()
    answers["strengths"]["financial"]["desires"] = ""
    answers["strengths"]["health"]["resources"] = "gym"
    complete = by_id(check_strengths(answers, TODAY, today=TODAY))["complete"]
    assert complete.passed is False
    text = " ".join(complete.reasons)
    assert "Financial / desires" in text
    assert "Health / resources" in text


def test_missing_external_resources_are_named_per_domain():
    answers = full_worksheet()
    answers["strengths"]["financial"] = {c: "Good at budgeting carefully" for c in COLUMNS}
    external = by_id(check_strengths(answers, TODAY, today=TODAY))["external_resources"]
    assert external.passed is False
    assert "Financial" in external.reasons[-1]


def test_own_words_are_needed_for_partnership():
    answers = {"strengths": {r: {c: "She likes the park a lot" for c in COLUMNS} for r in ROWS}}
    partnership = by_id(check_strengths(answers, TODAY, today=TODAY))["partnership"]
    assert partnership.passed is False
    answers["anything_else"] = "I'm proud of my garden"
    assert by_id(check_strengths(answers, TODAY, today=TODAY))["partnership"].passed


def test_apostrophes_are_not_taken_for_quotations():
    answers = {"strengths": {r: {c: "Sam's mum's flat is nearby" for c in COLUMNS} for r in ROWS}}
    assert by_id(check_strengths(answers, TODAY, today=TODAY))["partnership"].passed is False


@pytest.mark.parametrize(
    ("updated", "passed", "words"),
    [
        (None, False, "No date"),
        (date(2024, 1, 1), False, "days ago"),
        (date(2025, 4, 1), False, "future"),
        (date(2025, 2, 20), True, "9 days ago"),
    ],
)
def test_updated(updated, passed, words):
    mark = by_id(check_strengths(full_worksheet(), updated, today=TODAY))["updated"]
    assert mark.passed is passed
    assert words in mark.reasons[0]


def test_blank_answers_do_not_crash():
    results = by_id(check_strengths({}, None, today=TODAY))
    assert results["complete"].passed is False
    assert "18 of 18" in results["complete"].reasons[0]
