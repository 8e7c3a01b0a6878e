"""The participant server's own pages (no kernel behind them): the landing page, and the pages
that say plainly what went wrong and what to do, never a traceback."""

from __future__ import annotations

import tornado.web

from refocus_kit.templating import templates

__all__ = ["plain_page"]


def plain_page(
    handler: tornado.web.RequestHandler,
    template: str,
    status: int = 200,
    retry_after: int | None = None,
    **context,
) -> None:
    """Finish the request with one of the templates; `retry_after` seconds, when given, go in
    the Retry-After header and the page."""
    handler.set_status(status)
    handler.set_header("Content-Type", "text/html; charset=UTF-8")
    handler.set_header("Cache-Control", "no-store")
    if retry_after is not None:
        handler.set_header("Retry-After", str(retry_after))
    base = handler.settings.get("base_url", "/")
    page = templates(__package__).get_template(template)
    handler.finish(page.render(base=base, retry_after=retry_after, **context))
