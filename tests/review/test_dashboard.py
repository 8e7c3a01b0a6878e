"""The dashboard, headless: a team picker above the team's review; an empty store or no store
gets the page that says what is missing, and opening it writes nothing."""

from refocus_kit.demo import load_demo
from refocus_kit.demo_programme import DEMO_PROGRAMME_TEAMS
from refocus_kit.review import build_review
from refocus_kit.review.dashboard import review_dashboard


def test_no_store_gives_the_empty_page_and_makes_none(data_dir):
    dashboard = review_dashboard()
    assert "No data yet." in dashboard.page.value and dashboard.children == (dashboard.page,)
    assert list(data_dir.iterdir()) == []


def test_the_demo_shows_several_teams_and_picking_one_shows_its_review(store):
    load_demo(store)
    dashboard = review_dashboard(review=build_review(store))
    teams = [t.name for t in DEMO_PROGRAMME_TEAMS]
    assert set(teams) <= set(dashboard.picker.options)
    assert "Fictional demo data" in dashboard.page.value
    dashboard.picker.value = teams[1]
    assert f"REFOCUS timetable: {teams[1]}" in dashboard.page.value
    assert "Held, and attendance" in dashboard.page.value
