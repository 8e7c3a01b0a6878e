"""The responses overview a facilitator opens: counts per team and form, or an empty state."""

from refocus_kit.demo import DEMO_TEAM, load_demo
from refocus_kit.facilitator import responses_overview


def test_an_empty_data_folder_shows_how_to_see_the_demo_and_stays_empty(data_dir):
    shown = responses_overview()
    assert "make demo" in shown.data and "refocus demo load" in shown.data
    assert list(data_dir.iterdir()) == []


def test_a_store_without_responses_shows_the_same(store):
    assert "refocus demo load" in responses_overview(store).data
    assert store.count() == 0


def test_counts_per_team_and_form_with_demo_marked(store):
    load_demo(store)
    store.submit("team_reflection_session", {"enablers": "x"}, team="Team A")
    store.submit("team_reflection_session", {"enablers": "y"})
    table = responses_overview(store)
    assert table.loc[("Team A", "team_reflection_session"), "responses"] == 1
    assert table.loc[("(no team)", "team_reflection_session"), "responses"] == 1
    demo = table.loc[(DEMO_TEAM, "team_reflection_session")]
    assert (demo["responses"], demo["demo"]) == (4, 4)
    assert table["demo"].sum() == store.count() - 2
