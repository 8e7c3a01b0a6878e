import pytest

from refocus_kit.practices.coaching import CoachingConversation, stages


def test_reach_and_grow_have_the_manuals_stages():
    assert [s.title for s in stages("REACH")] == [
        "Reflect",
        "Explore",
        "Agree outcomes",
        "Commit to action",
        "Hold to account",
    ]
    assert [s.title for s in stages("GROW")] == ["Goal", "Reality", "Options", "Wrap-up"]
    for stage in stages("REACH") + stages("GROW"):
        assert stage.manual and stage.guide and stage.questions and stage.record


def test_unknown_model_is_refused():
    with pytest.raises(ValueError, match="REACH"):
        stages("SMART")


def test_walking_through_a_conversation_records_what_was_agreed():
    conv = CoachingConversation("GROW")
    conv.note("Sing in a choir again")
    assert conv.next().id == "reality"
    conv.note("Used to sing at church; friend Jo sings")
    conv.next()
    conv.next()
    conv.next()  # stays on the last stage
    assert conv.stage.id == "wrap_up"
    assert not conv.finished
    conv.note("Ana phones the choir leader by Friday")
    assert conv.finished
    assert conv.missing() == ["Options"]
    record = conv.record()
    assert record["model"] == "GROW"
    assert record["stages"][0]["notes"] == "Sing in a choir again"
    assert conv.back().id == "options"


def test_back_stops_at_the_first_stage():
    conv = CoachingConversation()
    assert conv.back().id == "reflect"
