"""The progress review served to facilitators through JupyterHub (`refocus review serve`).

It runs only as a hub service: it has no login of its own, so the hub's OAuth says who is
visiting (refocus_kit.hub), and the hub's roles say who may: the kit's deployment grants
access to this service to the facilitators' group only (deploy/jupyterhub/refocus_config.py),
so the hub refuses anyone else before they reach it, and this server refuses them again.
Each page only reads the store: a team picker above the chosen team's review, the same page as
`refocus review report` and the dashboard in JupyterLab.
"""

from __future__ import annotations

import secrets

import tornado.web
from markupsafe import Markup
from tornado.ioloop import IOLoop

from refocus_kit.hub import (
    behind_hub,
    callback_route,
    hub_user,
    service_prefix,
    take_hub_credentials,
)
from refocus_kit.templating import templates

__all__ = ["NOT_BEHIND_HUB", "ReviewPage", "review_app", "serve_review"]

NOT_BEHIND_HUB = (
    "refusing to start: the review server has no login of its own and runs only as a "
    "JupyterHub service (see deploy/ and the README's JupyterHub section). On one computer, "
    "use facilitator_guides/progress-review.ipynb or `refocus review report`."
)


class ReviewPage(tornado.web.RequestHandler):
    """GET ?team=NAME: that team's review, for a hub user this service lets in."""

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")

    async def prepare(self) -> None:
        self.user = await hub_user(self)

    async def get(self) -> None:
        from refocus_kit.review.build import kit_review
        from refocus_kit.review.report import review_html

        review = await IOLoop.current().run_in_executor(None, kit_review)
        teams = review.teams
        asked = self.get_argument("team", "")
        team = (
            asked
            if asked in teams
            else next((t for t in teams if t not in review.demo_teams), teams[0] if teams else "")
        )
        body = Markup(review_html(review, team))  # noqa: S704 - its template escapes
        page = templates("refocus_kit.review").get_template("review-served.html.j2")
        self.finish(page.render(teams=teams, team=team, body=body, user=self.user))


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
