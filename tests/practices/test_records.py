"""A practice tool's records in the store: save, revise, drafts, and finding the work again."""

import pytest

from refocus_kit.demo import demo_answers
from refocus_kit.forms.validate import AnswersError
from refocus_kit.practices.records import PracticeRecords

PLAN = demo_answers()["action_plan"]


def records(store, respondent="trainer.t1", **options):
    return PracticeRecords("action_plan", respondent=respondent, store=store, **options)


def test_save_stores_a_record_and_saving_again_revises_it(store):
    mine = records(store)
    first = mine.save(PLAN)
    again = mine.save({**PLAN, "goal": "Ana (fictional) would like to join the choir"})
    assert again.id == first.id and again.revision == 2
    assert [r.answers["goal"] for r in map(lambda s: s.response, mine.saved())] == [
        "Ana (fictional) would like to join the choir"
    ]
    assert store.history(first.id)[0].answers == PLAN  # the first version is kept


def test_saved_work_is_listed_most_recent_first_and_only_the_persons_own(store):
    records(store, "someone.else").save(PLAN)
    mine = records(store, title=lambda a: a["goal"])
    mine.save({**PLAN, "goal": "First goal"})
    mine.start_new()
    mine.save({**PLAN, "goal": "Second goal"})
    listed = mine.saved()
    assert [s.response.answers["goal"] for s in listed] == ["Second goal", "First goal"]
    assert listed[0].label.endswith("UTC \u2014 Second goal")


def test_a_fresh_tool_opens_the_saved_work_and_saving_revises_it(store):
    saved = records(store).save(PLAN)
    later = records(store)  # as after a kernel restart
    assert later.open(later.saved()[0].response.id) == PLAN
    assert later.save({**PLAN, "goal": "Changed"}).id == saved.id


def test_someone_elses_record_cannot_be_opened(store):
    theirs = records(store, "someone.else").save(PLAN)
    with pytest.raises(KeyError):
        records(store).open(theirs.id)


def test_draft_is_kept_and_carries_on_the_record_it_edits(store):
    mine = records(store)
    saved = mine.save(PLAN)
    mine.keep_draft({**PLAN, "goal": "Unsaved change"})
    later = records(store)
    assert later.draft()["goal"] == "Unsaved change"
    assert later.open_draft()["goal"] == "Unsaved change"
    assert later.save(later.open_draft()).id == saved.id
    assert later.draft() is None  # saving discards the draft


def test_empty_work_keeps_no_draft(store):
    mine = records(store)
    mine.keep_draft({"goal": "Something"})
    mine.keep_draft({"goal": "  ", "steps": []})
    assert mine.draft() is None


def test_a_refused_record_names_the_field_and_stores_nothing(store):
    mine = records(store)
    with pytest.raises(AnswersError) as refused:
        mine.save({**PLAN, "goal": "Call about 943 476 5919"})
    assert [e.path for e in refused.value.errors] == ["goal"]
    assert "NHS number" in str(refused.value)
    assert store.responses("action_plan") == []


def test_without_a_respondent_nothing_is_listed_or_saved(store):
    records(store, "someone.else").save(PLAN)
    nobody = records(store, respondent=None)
    assert nobody.saved() == []
    with pytest.raises(AnswersError, match="respondent"):
        nobody.save(PLAN)


def test_match_keeps_one_kind_of_record_apart(store):
    life_map = demo_answers()["life_map"]
    for kind in ("relationship", "respect"):
        maps = PracticeRecords("life_map", respondent="t1", store=store, match={"kind": kind})
        maps.save({**life_map, "kind": kind} if kind == "relationship" else {"kind": kind})
    respect = PracticeRecords("life_map", respondent="t1", store=store, match={"kind": "respect"})
    assert [s.response.answers["kind"] for s in respect.saved()] == ["respect"]


def test_the_store_is_opened_only_when_needed(data_dir):
    mine = PracticeRecords("action_plan", respondent="t1")
    assert mine.draft_key == "practice:action_plan:t1"
    assert list(data_dir.iterdir()) == []


def test_saved_practice_records_export_as_a_tidy_table(store):
    from refocus_kit.store.export import tidy

    records(store).save(PLAN)
    table = tidy(store, "action_plan")
    assert set(table["respondent"]) == {"trainer.t1"}
    rows = dict(zip(table["item"], table["answer"], strict=True))
    assert rows["goal"] == PLAN["goal"]
    assert rows["steps[1].what"] == "Phone the community choir leader"
    assert rows["steps[3].kind"] == "Passive"
