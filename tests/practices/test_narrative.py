import pytest

from refocus_kit.practices.narrative import Narrative, narrative_prompts, sharing_options


def test_the_manuals_nine_prompts_are_there():
    prompts = narrative_prompts()
    assert len(prompts) == 9
    assert prompts[-1]["text"] == "I know people respect me when..."


def test_only_pieces_marked_for_the_worker_are_shared():
    story = Narrative()
    story.write("life_so_far", "Grew up by the sea (fictional).", "worker")
    story.write("meaningful", "My nephew.")  # default: just for me
    story.write("respect", "They listen.", "family_friends")
    story.write("learned", "   ", "worker")  # blank pieces are not shared
    shared = story.shared_with("worker")
    assert shared == [(narrative_prompts()[0]["text"], "Grew up by the sea (fictional).")]
    assert story.kept_private() == 2
    assert [t for _, t in story.shared_with("family_friends")] == ["They listen."]


def test_the_person_can_change_their_mind():
    story = Narrative()
    story.write("life_so_far", "Some story", "worker")
    story.share("life_so_far", "just_me")
    assert story.shared_with("worker") == []


def test_unknown_prompt_or_sharing_is_refused():
    with pytest.raises(KeyError):
        Narrative().write("diary", "x")
    with pytest.raises(ValueError):
        Narrative().share("life_so_far", "everyone")
    assert [s["id"] for s in sharing_options()][-1] == "worker"
