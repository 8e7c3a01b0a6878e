"""The facilitator's progress-review dashboard: pick a team, see its review (the same page as
`refocus review report`, charts included). Opening it only reads the store; an empty store or a
team with no data gets a page saying what is missing."""

from __future__ import annotations

import ipywidgets as widgets

from refocus_kit.review.build import Review, kit_review
from refocus_kit.review.report import review_html

__all__ = ["ReviewDashboard", "review_dashboard"]


class ReviewDashboard(widgets.VBox):
    """A team picker above the chosen team's review."""

    def __init__(self, review: Review, team: str | None = None) -> None:
        self.review = review
        teams = review.teams
        first = (
            team
            if team in teams
            else next((t for t in teams if t not in review.demo_teams), teams[0] if teams else None)
        )
        self.picker = widgets.Dropdown(
            options=teams, value=first, description="Team", layout={"width": "30rem"}
        )
        self.page = widgets.HTML(review_html(review, first or ""))
        self.picker.observe(self._show, "value")
        shown = [self.picker, self.page] if teams else [self.page]
        super().__init__(shown)

    def _show(self, change) -> None:
        self.page.value = review_html(self.review, change["new"])


def review_dashboard(team: str | None = None, review: Review | None = None) -> ReviewDashboard:
    """The dashboard on the kit's own store (or a review given)."""
    return ReviewDashboard(review if review is not None else kit_review(), team)
