"""The participant page's binding of visitor and session, without a browser."""

import pytest

from refocus_kit.participant import ParticipantPage, Visit
from refocus_kit.sessions import close_session, open_session

TEAM = "Demo team (fictional)"


def visit(query: str = "", **environ) -> Visit:
    return Visit(query, environ)


def test_visit_reads_session_pid_and_login():
    v = visit("session=ABC234&pid=p-0a1b2c3d4e5f", HTTP_X_FORWARDED_USER="jo.bloggs")
    assert (v.session_code, v.pseudonym, v.user, v.respondent) == (
        "ABC234",
        "p-0a1b2c3d4e5f",
        "jo.bloggs",
        "jo.bloggs",
    )
    assert visit(JUPYTERHUB_USER="hub.user").respondent == "hub.user"


def test_visit_distrusts_odd_values():
    v = visit("pid=<script>", HTTP_X_FORWARDED_USER="Robert'); DROP TABLE")
    assert v.user is None and v.pseudonym.startswith("p-") and "<" not in v.pseudonym


@pytest.fixture
def page(store):
    return ParticipantPage("team_reflection_session", store=store)


def test_no_session_uses_the_pseudonym(page, store):
    page.bind(visit("pid=p-aaaaaaaaaaaa"))
    assert page.form.layout.display == ""
    assert page.form.respondent == "p-aaaaaaaaaaaa" and page.form.session is None
    page.form.inputs["progress"].control.value = "We met"
    saved = page.form.submit()
    assert saved.respondent == "p-aaaaaaaaaaaa"


def test_session_binds_team_and_prefills(page, store):
    session = open_session(store, "team_reflection_session", TEAM, number=5)
    page.bind(visit(f"session={session.code}&pid=p-aaaaaaaaaaaa"))
    assert (page.form.team, page.form.session) == (TEAM, session.code)
    assert page.form.value == {"session_number": "s5", "month": 10, "format": "facilitated"}
    assert "Team reflection session record 5" in page.notice.value


def test_fill_in_another_keeps_what_the_session_filled_in(page, store):
    session = open_session(store, "team_reflection_session", TEAM, number=5)
    page.bind(visit(f"session={session.code}&pid=p-aaaaaaaaaaaa"))
    page.form.inputs["progress"].control.value = "First record"
    assert page.form.submit() is not None
    page.form.another_button.click()
    page.form.inputs["progress"].control.value = "Second record"
    assert page.form.submit() is not None
    stored = store.responses(session=session.code)
    assert sorted(r.answers["progress"] for r in stored) == ["First record", "Second record"]
    for response in stored:
        assert response.answers["session_number"] == "s5" and response.answers["month"] == 10
        assert response.answers["format"] == "facilitated" and response.team == TEAM


def test_a_form_with_only_the_session_details_is_refused(page, store):
    session = open_session(store, "team_reflection_session", TEAM, number=5)
    page.bind(visit(f"session={session.code}&pid=p-aaaaaaaaaaaa"))
    assert page.form.submit() is None
    assert "No question is answered yet" in page.form.summary.value
    assert store.count(session=session.code) == 0


def test_nothing_typed_means_nothing_restored(store):
    session = open_session(store, "team_reflection_session", TEAM, number=5)
    query = f"session={session.code}&pid=p-cccccccccccc"
    first = ParticipantPage("team_reflection_session", store=store)
    first.bind(visit(query))
    again = ParticipantPage("team_reflection_session", store=store)
    again.bind(visit(query))
    assert "restored" not in again.form.status.value
    assert again.form.value == {"session_number": "s5", "month": 10, "format": "facilitated"}


def test_anonymous_session_keeps_no_identity(page, store):
    session = open_session(store, "team_reflection_session", TEAM, anonymous=True)
    page.bind(visit(f"session={session.code}&pid=p-aaaaaaaaaaaa", HTTP_X_FORWARDED_USER="jo"))
    assert page.form.respondent is None and page.form.draft_respondent is None
    page.form.inputs["progress"].control.value = "Anonymous words"
    assert page.form.submit().respondent is None
    assert "anonymous" in page.notice.value


def test_wrong_or_closed_session_shows_a_message_and_no_form(page, store):
    other = open_session(store, "manager_reflection_group", TEAM)
    page.bind(visit(f"session={other.code}"))
    assert page.form.layout.display == "none" and "does not match" in page.notice.value
    closed = open_session(store, "team_reflection_session", TEAM)
    close_session(store, closed.code)
    fresh = ParticipantPage("team_reflection_session", store=store)
    fresh.bind(visit(f"session={closed.code}"))
    assert fresh.form.layout.display == "none" and "has closed" in fresh.notice.value


def test_a_reopened_link_restores_the_draft(store):
    session = open_session(store, "team_reflection_session", TEAM)
    query = f"session={session.code}&pid=p-bbbbbbbbbbbb"
    first = ParticipantPage("team_reflection_session", store=store)
    first.bind(visit(query))
    first.form.inputs["enablers"].control.value = "Half-written thought"
    again = ParticipantPage("team_reflection_session", store=store)
    again.bind(visit(query))
    assert again.form.value["enablers"] == "Half-written thought"


def test_pseudonyms_never_look_like_nhs_numbers(monkeypatch):
    from refocus_kit.participant import identity

    # 9434765919ab holds a valid NHS number; the next draw is fine
    draws = iter(["9434765919ab", "0a1b2c3d4e5f", "0a1b2c3d4e5f"])
    monkeypatch.setattr(identity.secrets, "token_hex", lambda _n: next(draws))
    assert identity.new_pseudonym() == "p-0a1b2c3d4e5f"
    assert not identity.is_pseudonym("p-9434765919ab")
    assert visit("pid=p-9434765919ab").pseudonym != "p-9434765919ab"


def test_a_page_opens_while_the_store_takes_no_writes_and_writes_nothing(store):
    """Putting a draft back field by field saved it half put back, and failed when the store
    took no writes (a full disk, a lock held elsewhere)."""
    import sqlite3

    from sqlalchemy import event

    session = open_session(store, "team_reflection_session", TEAM)
    draft = {"enablers": "First thought", "challenges": "Second thought", "session_number": "s1"}
    store.save_draft(
        f"team_reflection_session:{session.code}:p-cccccccccccc", "team_reflection_session", draft
    )
    writes = []

    def no_writes(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(statement)
            raise sqlite3.OperationalError("database or disk is full")

    event.listen(store.engine, "before_cursor_execute", no_writes)
    try:
        page = ParticipantPage("team_reflection_session", store=store)
        page.bind(visit(f"session={session.code}&pid=p-cccccccccccc"))
    finally:
        event.remove(store.engine, "before_cursor_execute", no_writes)
    assert writes == []
    assert page.form.value == draft and "restored" in page.form.status.value
    page.form.inputs["enablers"].control.value = "First thought, then more"  # now it saves
    assert store.load_draft(page.form.draft_key)["enablers"] == "First thought, then more"
