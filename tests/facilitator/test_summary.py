from refocus_kit.facilitator import group_items, record_html, record_page, summarise
from refocus_kit.sessions import open_session

TEAM = "Demo team (fictional)"


def test_similar_points_are_grouped_and_counted():
    grouped = group_items(
        [
            "Peer support worker joined the team\nManager backing",
            "Peer support worker joined the team.\nTime in team meetings",
            "- Manager backing\n- time in team meetings",
            "Manager's backing",
        ]
    )
    assert grouped == [
        ("Manager backing", 3),
        ("Peer support worker joined the team", 2),
        ("Time in team meetings", 2),
    ]


def test_a_point_is_split_at_line_breaks_only():
    """People write sentences: a semicolon or a dash inside a line is part of the point."""
    assert group_items(["Busy Mondays; shorter check-ins agreed"]) == [
        ("Busy Mondays; shorter check-ins agreed", 1)
    ]
    assert group_items(["Cover 9 - 5 on duty days\n* Rota - shared"]) == [
        ("Cover 9 - 5 on duty days", 1),
        ("Rota - shared", 1),
    ]


def answers(n: int) -> dict:
    return {
        "progress": f"Progress note {n}",
        "enablers": "Peer support worker joined\nManager backing",
        "challenges": "Caseload pressure" if n % 2 else "Not enough time",
        "recovery_stories": f"Story {n} (fictional)",
        "actions": [{"what": f"Action {n}", "who": "Team lead", "by_when": f"2026-0{n}-01"}],
    }


def room(store, anonymous: bool, people: int):
    session = open_session(store, "team_reflection_session", TEAM, anonymous=anonymous)
    for n in range(1, people + 1):
        store.submit("team_reflection_session", answers(n), team=TEAM, session=session.code)
    return session


def test_summary_of_a_named_session(store):
    session = room(store, anonymous=False, people=2)
    summary = summarise(store, session.code)
    assert summary.count == 2 and not summary.hidden
    assert summary.enablers == [("Peer support worker joined", 2), ("Manager backing", 2)]
    assert summary.blocks == [("Caseload pressure", 1), ("Not enough time", 1)]
    assert summary.stories == ["Story 1 (fictional)", "Story 2 (fictional)"]
    assert [a["what"] for a in summary.actions] == ["Action 1", "Action 2"]


def test_record_keeps_an_answer_with_a_semicolon_whole(store):
    session = open_session(store, "team_reflection_session", TEAM)
    answer = {"challenges": "Busy Mondays; shorter check-ins agreed"}
    store.submit("team_reflection_session", answer, team=TEAM, session=session.code)
    summary = summarise(store, session.code)
    assert summary.blocks == [("Busy Mondays; shorter check-ins agreed", 1)]
    assert "<li>Busy Mondays; shorter check-ins agreed</li>" in record_html(summary)


def test_anonymous_summary_hidden_until_three(store):
    session = room(store, anonymous=True, people=2)
    summary = summarise(store, session.code)
    assert summary.hidden and summary.enablers == [] and summary.stories == []
    html = record_html(summary)
    assert "2</strong> responses" in html and "at least 3 people" in html
    assert "Story" not in html
    store.submit("team_reflection_session", answers(3), team=TEAM, session=session.code)
    assert not summarise(store, session.code).hidden


def test_record_escapes_what_people_typed(store):
    session = open_session(store, "team_reflection_session", TEAM)
    store.submit(
        "team_reflection_session",
        {
            "enablers": "<script>alert(1)</script>",
            "actions": [{"what": "<b>x</b>", "who": "<i>me</i>"}],
        },
        team=TEAM,
        session=session.code,
    )
    page = record_page(summarise(store, session.code))
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<i>me</i>" not in page


def test_no_such_session(store):
    assert summarise(store, "NOPE99") is None


def test_a_sessions_discussion_is_grouped_question_by_question(store):
    session = open_session(store, "team_information_session_discussion", "Team A")
    for hope in ("More time to listen", "more time to listen.", "Fewer forms"):
        store.submit(
            "team_information_session_discussion",
            {"hope": hope, "question": "<b>When</b> does it start?"},
            team="Team A",
            session=session.code,
        )
    summary = summarise(store, session.code)
    assert summary.questions == [
        (
            "What do you hope REFOCUS changes for the people you work with?",
            [("More time to listen", 2), ("Fewer forms", 1)],
        ),
        ("What would you like the trainers to answer today?", [("<b>When</b> does it start?", 3)]),
    ]
    shown = record_html(summary)
    assert "<h3>What would you like the trainers to answer today?</h3>" in shown
    assert "&lt;b&gt;When&lt;/b&gt; does it start?" in shown and "\u00d73" in shown
