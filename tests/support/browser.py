"""Debian's Chromium driven by Playwright (never `playwright install`), for tests and benches."""

from __future__ import annotations

import shutil
from urllib.parse import urlparse

__all__ = ["CHROMIUM", "block_other_hosts", "chromium_path"]

CHROMIUM = "/usr/bin/chromium"


def chromium_path() -> str | None:
    return CHROMIUM if shutil.which(CHROMIUM) else None


def block_other_hosts(context, blocked: list[str]) -> None:
    """Let the page reach this machine only, as on a hospital network with no internet; every
    request elsewhere is refused and remembered."""

    def route(route) -> None:
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:")) or host in {"127.0.0.1", "localhost"}:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", route)
