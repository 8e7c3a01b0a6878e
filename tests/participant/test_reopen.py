"""A link reopened after a submit: it says the answer was sent and offers to edit it (a new
revision of the same response) or to fill in another; it never stores an empty extra one."""

from refocus_kit.participant import ParticipantPage, Visit
from refocus_kit.sessions import open_session

TEAM = "Demo team (fictional)"


def bound(store, query: str) -> ParticipantPage:
    page = ParticipantPage("team_reflection_session", store=store)
    page.bind(Visit(query, {}))
    return page


def test_reopening_after_a_submit_says_it_was_sent_and_edits_make_a_revision(store):
    session = open_session(store, "team_reflection_session", TEAM, number=2)
    query = f"session={session.code}&pid=p-cccccccccccc"
    first = bound(store, query)
    first.form.inputs["progress"].control.value = "We met twice"
    sent = first.form.submit()

    again = bound(store, query)
    assert "You sent your answers to this form" in again.form.status.value
    assert again.form.submit_button.layout.display == "none"
    assert again.form.edit_button.layout.display == ""
    assert "We met twice" in again.form.body.children[0].value
    again.form.submit_button.click()  # hidden, and stores nothing even if pressed
    assert store.count(session=session.code) == 1

    again.form.edit_button.click()
    assert again.form.value["progress"] == "We met twice"
    again.form.inputs["progress"].control.value = "We met three times"
    edited = again.form.submit()
    assert edited.id == sent.id and edited.revision == 2
    assert store.count(session=session.code) == 1
    assert [r.answers["progress"] for r in store.history(sent.id)] == [
        "We met twice",
        "We met three times",
    ]


def test_reopening_then_fill_in_another_stores_a_second_response(store):
    session = open_session(store, "team_reflection_session", TEAM, number=2)
    query = f"session={session.code}&pid=p-dddddddddddd"
    first = bound(store, query)
    first.form.inputs["progress"].control.value = "First"
    first.form.submit()
    again = bound(store, query)
    again.form.another_button.click()
    assert again.form.value == {"session_number": "s2", "month": 4, "format": "facilitated"}
    again.form.inputs["progress"].control.value = "Second"
    assert again.form.submit() is not None
    assert sorted(r.answers["progress"] for r in store.responses(session=session.code)) == [
        "First",
        "Second",
    ]


def test_another_person_or_session_is_not_told_it_was_sent(store):
    session = open_session(store, "team_reflection_session", TEAM)
    first = bound(store, f"session={session.code}&pid=p-eeeeeeeeeeee")
    first.form.inputs["progress"].control.value = "Mine"
    first.form.submit()
    other = bound(store, f"session={session.code}&pid=p-ffffffffffff")
    assert "You sent" not in other.form.status.value
    assert other.form.submit_button.layout.display in (None, "")
