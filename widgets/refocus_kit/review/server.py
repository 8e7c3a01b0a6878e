"""The progress review served to facilitators through JupyterHub (`refocus review serve`).

It runs only as a hub service: it has no login of its own, so the hub's OAuth says who is
visiting (refocus_kit.hub), and the hub's roles say who may: the kit's deployment grants
access to this service to the facilitators' group only (deploy/jupyterhub/refocus_config.py),
so the hub refuses anyone else before they reach it, and this server refuses them again.
Each page only reads the store: a picker of the visitor's own teams (their teams' hub groups,
asked of the hub afresh; every team for a hub admin: review/teams.py) above the chosen team's
review, the same page as `refocus review report` and the dashboard in JupyterLab, built from
those teams' data alone, and the team's staff, each by hub name, with how many responses and
which exercises they have sent. Another team's review is refused (403), its data never read
into the page.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

import tornado.web
from markupsafe import Markup
from tornado.ioloop import IOLoop

from refocus_kit.hub import (
    HubVisitor,
    behind_hub,
    callback_route,
    hub_groups,
    hub_visitor,
    service_prefix,
    take_hub_credentials,
)
from refocus_kit.templating import templates

__all__ = [
    "NOT_BEHIND_HUB",
    "NOT_YOURS",
    "NO_TEAMS",
    "ReviewPage",
    "review_app",
    "serve_review",
    "served_page",
]

NOT_BEHIND_HUB = (
    "refusing to start: the review server has no login of its own and runs only as a "
    "JupyterHub service (see deploy/ and the README's JupyterHub section). On one computer, "
    "use facilitator_guides/progress-review.ipynb or `refocus review report`."
)


NOT_YOURS = (
    "This review shows only your own teams: those whose groups on the hub you belong to. "
    "Choose one of them above, or ask the hub's admin to add you to a team's group."
)
NO_TEAMS = (
    "You are not in any team's group on this hub yet, so there is no team to show. The hub's "
    "admin adds each facilitator to their teams' groups (a team's group has the property "
    "refocus_team, the team's name)."
)


def _sources(today: dt.date | None):
    from refocus_kit.review.sources import no_sources, read_sources
    from refocus_kit.store.store import Store

    store = Store.existing()
    if store is None:
        return no_sources(today, respondents=True)
    with store:
        return read_sources(store, today, respondents=True)


def served_page(
    visitor: HubVisitor, groups: list[dict[str, Any]], asked: str, today: dt.date | None = None
) -> tuple[int, str]:
    """The page for `visitor` asking for team `asked` (or their first team), given the hub's
    groups: its HTTP status and HTML. Only the visitor's own teams' data is read into it."""
    from refocus_kit.store.export import no_collection

    with no_collection():  # as in build_review: the collector would look over every row read
        return _served_page(visitor, groups, asked, today)


def _served_page(
    visitor: HubVisitor, groups: list[dict[str, Any]], asked: str, today: dt.date | None
) -> tuple[int, str]:
    from refocus_kit.review.build import review_from
    from refocus_kit.review.report import review_html
    from refocus_kit.review.teams import HubTeams, attributed, people, restricted

    page = templates("refocus_kit.review").get_template("review-served.html.j2")
    hub = HubTeams.from_groups(groups)
    sources = attributed(_sources(today), hub)
    visible = hub.visible(visitor.name, visitor.admin, sources.teams)
    shown: dict[str, Any] = {"teams": visible, "user": visitor.name, "staff": [], "titles": []}
    if asked and asked not in visible:
        return 403, page.render(**shown, team="", body=Markup(""), note=NOT_YOURS)
    if not visible:
        return 200, page.render(**shown, team="", body=Markup(""), note=NO_TEAMS)
    mine = restricted(sources, visible)
    review = review_from(mine)
    team = asked or next((t for t in visible if t not in review.demo_teams), visible[0])
    body = Markup(review_html(review, team))  # noqa: S704 - its template escapes
    staff = people(mine, team, hub.staff(team))
    titles = sorted({title for row in staff for title in row["exercises"]})
    shown |= {"staff": staff, "titles": titles}
    return 200, page.render(**shown, team=team, body=body, note="")


class ReviewPage(tornado.web.RequestHandler):
    """GET ?team=NAME: that team's review, for a hub user this service lets in, if it is one
    of their teams."""

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")

    async def prepare(self) -> None:
        self.visitor = await hub_visitor(self)

    async def get(self) -> None:
        if self.visitor is None:  # sent to the hub's login
            return
        groups = await hub_groups()
        asked = self.get_argument("team", "")
        status, page = await IOLoop.current().run_in_executor(
            None, served_page, self.visitor, groups, asked
        )
        self.set_status(status)
        self.finish(page)


def review_app() -> tornado.web.Application:
    """The review's routes under the hub service's prefix, and the hub's login callback."""
    prefix = service_prefix()
    return tornado.web.Application(
        [(prefix, ReviewPage), callback_route()],
        cookie_secret=secrets.token_bytes(32),  # the hub's login state, for this process only
    )


def serve_review(ip: str, port: int) -> None:
    """Serve the review until stopped; only behind a hub."""
    import asyncio

    from refocus_kit.config import settings
    from refocus_kit.server import check_store

    if not behind_hub():
        raise SystemExit(NOT_BEHIND_HUB)
    check_store(settings().store_url)
    take_hub_credentials()

    async def run() -> None:
        review_app().listen(port, address=ip)
        await asyncio.Event().wait()

    asyncio.run(run())
