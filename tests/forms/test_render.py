"""The widget factory, driven headless: set values, click, read what was shown and stored."""

import datetime as dt

import ipywidgets as w
import pytest

from refocus_kit.forms import FormWidget, load_form, printable_html, render_form, render_response
from refocus_kit.forms.inputs import GroupInput, MatrixInput, NumberInput, RatingInput
from refocus_kit.forms.validate import NHS_MESSAGE
from refocus_kit.store import Store

from .test_validate import GOOD


@pytest.fixture
def sqlite_store(data_dir):
    store = Store(f"sqlite:///{data_dir / 'widgets.sqlite3'}")
    yield store
    store.close()


def fill(form_widget: FormWidget, answers: dict) -> None:
    form_widget.set_answers(answers)


def test_every_field_gets_a_labelled_input(every_kind):
    form = render_form(every_kind)
    assert list(form.inputs) == [f.id for f in every_kind.fields]
    for field in every_kind.fields:
        assert field.label in form.inputs[field.id].box.children[0].value


def test_values_round_trip_through_the_widgets(every_kind):
    form = render_form(every_kind)
    fill(form, GOOD)
    assert form.value == GOOD


def test_typing_in_controls_gives_answers(every_kind):
    form = render_form(every_kind)
    form.inputs["title"].control.value = "Walk group"
    form.inputs["colour"].control.value = "blue"
    form.inputs["days"].boxes["tue"].value = True
    rating: RatingInput = form.inputs["closeness"]
    rating.buttons.value = 4
    month: NumberInput = form.inputs["month"]
    month.control.value = " 7 "
    form.inputs["when"].control.value = dt.date(2026, 5, 4)
    costs: GroupInput = form.inputs["costs"]
    costs.add_button.click()
    entry = costs.entries[0][1]
    entry["item"].control.value = "Tea"
    entry["amount"].control.value = "£1,020.50"
    grid: MatrixInput = form.inputs["grid"]
    grid.cells["money", "want"].value = "Savings"
    assert form.value == {
        "title": "Walk group",
        "colour": "blue",
        "days": ["tue"],
        "closeness": 4,
        "month": 7,
        "when": "2026-05-04",
        "costs": [{"item": "Tea", "amount": 1020.5}],
        "grid": {"money": {"want": "Savings"}},
    }


def test_prompts_are_folded_away_until_opened(every_kind):
    form = render_form(every_kind)
    head = form.inputs["notes"].box.children[0].value
    assert '<details class="refocus-prompts"><summary>Prompts</summary>' in head
    assert "Say more" in head and "&lt;b&gt;bold?&lt;/b&gt;" in head
    assert "<details" not in form.inputs["title"].box.children[0].value  # no prompts, no fold


def test_a_message_appears_under_its_field_and_goes_when_put_right(every_kind, sqlite_store):
    form = render_form(every_kind, store=sqlite_store)
    title = form.inputs["title"]
    assert title.message is None and len(title.box.children) == 2
    form.submit()
    assert title.message in title.box.children and "This needs an answer." in title.message.value
    title.control.value = "Walk group"
    form.check()
    assert title.message not in title.box.children and title.message.value == ""


def test_unchanging_layouts_and_styles_are_shared(every_kind):
    form = render_form(every_kind)
    texts = [i.control for i in form.inputs.values() if isinstance(i.control, w.Textarea)]
    assert len(texts) >= 1 and all(t.layout is texts[0].layout for t in texts)
    heads = [i.box.children[0] for i in form.inputs.values()]
    assert all(h.style is heads[0].style and h.layout is heads[0].layout for h in heads)
    # a widget that is shown and hidden keeps a layout of its own
    assert form.another_button.layout is not form.submit_button.layout
    assert form.layout is not form.body.layout


def test_invalid_input_shows_inline_messages_and_stores_nothing(every_kind, sqlite_store):
    form = render_form(every_kind, store=sqlite_store)
    fill(form, {**GOOD, "title": "", "notes": "NHS 943 476 5919"})
    form.inputs["month"].control.value = "soon"
    assert form.submit() is None
    assert "needs an answer" in form.inputs["title"].message.value
    assert "NHS number" in form.inputs["notes"].message.value
    assert "must be a number, not &#x27;soon&#x27;" in form.inputs["month"].message.value
    assert "Nothing was saved" in form.summary.value
    assert sqlite_store.count() == 0
    assert NHS_MESSAGE.split(":")[0] in form.inputs["notes"].message.value


def test_form_level_check_shown_on_the_group(every_kind, sqlite_store):
    form = render_form(every_kind, store=sqlite_store)
    fill(
        form,
        {
            **GOOD,
            "costs": [
                {"item": "Hall", "amount": 499, "who": "staff"},
                {"item": "Tea", "amount": 2, "who": "person_using_service"},
            ],
        },
    )
    form.submit_button.click()
    assert "at most £500" in form.inputs["costs"].message.value
    assert sqlite_store.count() == 0


def test_submit_stores_once_and_shows_a_read_only_view(every_kind, sqlite_store):
    form = render_form(
        every_kind, store=sqlite_store, team="Demo team (fictional)", respondent="w.007"
    )
    fill(form, {**GOOD, "notes": "<img src=x onerror=alert(1)>"})
    form.submit_button.click()
    form.submit()  # a double click
    stored = sqlite_store.responses()
    assert len(stored) == 1 and stored[0].team == "Demo team (fictional)"
    assert stored[0].answers["notes"] == "<img src=x onerror=alert(1)>"
    view = form.body.children[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.value and "<img" not in view.value
    assert "saved" in form.status.value


def test_fill_in_another_gives_a_fresh_submission(every_kind, sqlite_store):
    form = render_form(every_kind, store=sqlite_store)
    fill(form, GOOD)
    form.submit()
    form.another_button.click()
    assert form.value == {}
    fill(form, {**GOOD, "title": "Second"})
    form.submit()
    assert [r.answers["title"] for r in sqlite_store.responses()] == ["Walk group", "Second"]


def test_draft_is_saved_as_the_person_types_and_restored(every_kind, sqlite_store):
    form = render_form(every_kind, store=sqlite_store, draft_key="room-1:w.007")
    form.inputs["notes"].control.value = "Half a thought"
    costs = form.inputs["costs"]
    costs.add_button.click()
    costs.entries[0][1]["item"].control.value = "Tea"
    assert sqlite_store.load_draft("room-1:w.007") == {
        "notes": "Half a thought",
        "costs": [{"item": "Tea"}],
    }
    # The tab closes; a new kernel renders the form again with the same key.
    again = render_form(every_kind, store=sqlite_store, draft_key="room-1:w.007")
    assert again.value == {"notes": "Half a thought", "costs": [{"item": "Tea"}]}
    assert "restored" in again.status.value


def test_draft_is_discarded_after_submit(every_kind, sqlite_store):
    form = render_form(every_kind, store=sqlite_store, draft_key="k")
    fill(form, GOOD)
    form.submit()
    assert sqlite_store.load_draft("k") is None


def test_removing_a_group_entry(every_kind):
    form = render_form(every_kind)
    fill(form, GOOD)
    costs = form.inputs["costs"]
    costs.remove_entry(costs.entries[0][0])
    assert form.value["costs"] == [GOOD["costs"][1]]
    assert "Cost item 1" in costs.list.children[0].children[0].value


def test_render_response_escapes(every_kind):
    view = render_response(every_kind, {"title": "<b>x</b>"})
    assert "&lt;b&gt;x&lt;/b&gt;" in view.value


def test_without_a_store_submit_only_checks(every_kind):
    form = render_form(every_kind)
    fill(form, GOOD)
    assert form.submit() is None
    assert "valid" in form.status.value


def test_a_limited_group_shows_its_running_total(every_kind):
    form = render_form(every_kind)
    costs = form.inputs["costs"]
    total = costs.box.children[-1]
    assert "Total: £0.00 of £500.00" in total.value
    fill(form, {"costs": [{"item": "Hall", "amount": 450}, {"item": "Tea", "amount": 60.5}]})
    assert "Total: £510.50 of £500.00 (over the limit)" in total.value
    costs.remove_entry(costs.entries[1][0])
    assert "Total: £450.00 of £500.00" in total.value


def test_controls_carry_their_labels_for_screen_readers(every_kind):
    form = render_form(every_kind)
    assert form.inputs["title"].control.description == "Title"
    assert form.inputs["closeness"].buttons.description == "Closeness"
    assert form.inputs["grid"].cells["home", "now"].description == "Home: Now"
    assert "refocus-sr-label" in form.inputs["notes"].control._dom_classes


TEAM_FORM = "team_reflection_session"
PREFILLED = {"session_number": "s2", "month": 4, "format": "facilitated"}


def marked(field_input) -> bool:
    return "refocus-invalid" in field_input.box._dom_classes


def test_a_message_in_a_group_is_shown_and_marked_at_the_entry_field(every_kind):
    form = render_form(every_kind)
    fill(form, {**GOOD, "costs": [{}, {"amount": 5, "who": "staff"}]})
    costs: GroupInput = form.inputs["costs"]
    form.submit()
    blank_item, item = (entry["item"] for _key, entry, _box in costs.entries)
    # entry 2 on screen is entry 1 of the answers (the blank one is dropped)
    assert item.message in item.box.children and "This needs an answer." in item.message.value
    assert marked(item) and not marked(blank_item) and blank_item.message is None
    assert costs.message is None and not marked(costs)  # nothing listed under "Add cost item"
    item.control.value = "Hall"
    form.check()
    assert not marked(item) and item.message not in item.box.children


def test_a_message_in_a_table_is_shown_and_marked_at_its_cell(every_kind):
    form = render_form(every_kind)
    fill(form, {**GOOD, "grid": {"home": {"now": "NHS 943 476 5919"}}})
    form.submit()
    grid: MatrixInput = form.inputs["grid"]
    cell = grid.cells["home", "now"]
    assert "refocus-invalid" in cell._dom_classes
    assert "refocus-invalid" not in grid.cells["home", "want"]._dom_classes
    parts = grid.control.children
    message = parts[parts.index(cell) + 1]
    assert "This looks like it contains an NHS number" in message.value
    assert grid.message is None


def test_the_message_at_a_field_does_not_repeat_the_question():
    form = render_form("supervision_reflection")
    question = form.inputs["q1_groups_differ"]
    question.control.value = "About NHS 943 476 5919"
    form.submit()
    assert question.message.value.count("NHS number") == 1
    assert "Think about" not in question.message.value
    assert "How do these" not in question.message.value
    # the summary names it by a short label
    assert "Think about the people for whom you do know these things,…" in form.summary.value
    assert "How do these two groups" not in form.summary.value


def test_the_summary_says_where_the_marked_answers_are_and_links_to_them(every_kind):
    form = render_form(every_kind)
    fill(form, {**GOOD, "title": "", "costs": [{"amount": 5, "who": "staff"}]})
    form.submit()
    summary = form.summary.value
    assert "below" not in summary and "above" not in summary
    assert "2 answers" in summary and "marked in red" in summary
    title, item = form.inputs["title"], form.inputs["costs"].entries[0][1]["item"]
    assert summary.index(f'href="#{title.anchor}"') < summary.index(f'href="#{item.anchor}"')
    assert f'id="{title.anchor}"' in title.box.children[0].value
    assert ">Cost item 1: Item</a> needs an answer" in summary


def test_a_form_wide_rule_is_shown_at_its_group_as_a_sentence(every_kind):
    form = render_form(every_kind)
    fill(form, {**GOOD, "costs": [{"item": "Hall", "amount": 40, "who": "staff"}]})
    form.submit()
    costs = form.inputs["costs"]
    assert "Both kinds of people must appear." in costs.message.value
    assert "This Both" not in costs.message.value
    assert f'<a href="#{costs.anchor}">Costs</a>: Both kinds' in form.summary.value


def test_a_stale_all_valid_goes_when_a_later_submit_finds_a_problem(every_kind):
    form = render_form(every_kind)
    fill(form, GOOD)
    form.submit()
    assert "All answers are valid." in form.status.value
    form.inputs["title"].control.value = ""
    form.submit()
    assert "Nothing was saved" in form.summary.value
    assert "valid" not in form.status.value


def test_a_blank_form_is_refused_and_says_so(sqlite_store):
    form = render_form(TEAM_FORM, store=sqlite_store)
    form.set_answers(PREFILLED)
    assert form.submit() is None
    assert "No question is answered yet" in form.summary.value
    assert sqlite_store.count() == 0


def test_a_blank_entry_is_not_shown_in_the_confirmation(sqlite_store):
    form = render_form(TEAM_FORM, store=sqlite_store)
    form.inputs["enablers"].control.value = "Tea together"
    form.inputs["actions"].add_button.click()
    saved = form.submit()
    assert "actions" not in saved.answers
    view = form.body.children[0].value
    assert "Action 1" not in view and "None given" in view
    assert "Action 1" in printable_html(load_form(TEAM_FORM))  # paper keeps a blank to fill


def test_fill_in_another_starts_from_the_prefilled_answers(sqlite_store):
    form = render_form(TEAM_FORM, store=sqlite_store, prefill=PREFILLED)
    assert form.value == PREFILLED
    form.inputs["enablers"].control.value = "Tea together"
    form.submit()
    form.another_button.click()
    assert form.value == PREFILLED


def test_an_untouched_form_leaves_no_draft_and_restores_nothing(sqlite_store):
    form = render_form(TEAM_FORM, store=sqlite_store, draft_key="k")
    form.set_answers(PREFILLED)
    form.inputs["format"].control.value = "self_organised"
    assert sqlite_store.load_draft("k") is None
    form.inputs["enablers"].control.value = "Half a thought"
    form.inputs["enablers"].control.value = ""
    assert sqlite_store.load_draft("k") is None
    again = render_form(TEAM_FORM, store=sqlite_store, draft_key="k")
    assert "restored" not in again.status.value


def test_the_manuals_paragraph_is_folded_below_its_citation():
    form = render_form(TEAM_FORM)
    head = next(c.value for c in form.children if "<h2>" in getattr(c, "value", ""))
    source, fold = head.index("chapter 6, implementation strategy 5"), head.index("<details")
    assert source < fold < head.index("A one-hour team reflection session")
    assert head.index("A shared note of one team reflection session") < fold  # the kit's intro
