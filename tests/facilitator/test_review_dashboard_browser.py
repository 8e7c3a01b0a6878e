"""The progress-review dashboard in Chromium, as `refocus serve --demo` serves it: shown through
the Lab's Voila with the Lab's token, with its charts and the demo teams; refused without it."""

from __future__ import annotations

import os
import re
import subprocess
import time

import pytest

from tests.support.browser import block_other_hosts
from tests.support.servers import REFOCUS, free_port, stop_process

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = "voila/render/facilitator_guides/progress-review.ipynb"
SCREENSHOTS = os.environ.get("REFOCUS_LAB_SCREENSHOTS")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`refocus serve --demo`, as a facilitator starts it for a demonstration."""
    data_dir = tmp_path_factory.mktemp("review-data")
    log_path = tmp_path_factory.mktemp("review-log") / "serve.log"
    port = free_port()
    env = {**os.environ, "REFOCUS_DATA_DIR": str(data_dir)}
    env.pop("REFOCUS_FORMS_URL", None)
    command = [REFOCUS, "serve", "--demo", "--port", str(port), "--forms-port", str(free_port())]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=log)
    url, started = None, time.monotonic()
    while url is None and process.poll() is None and time.monotonic() - started < 240:
        time.sleep(0.25)
        found = re.search(r"JupyterLab \(\w+\): (\S+)", log_path.read_text(errors="replace"))
        url = found.group(1) if found else None
    assert url, log_path.read_text(errors="replace")[-2000:]
    yield {"base": f"http://127.0.0.1:{port}", "token": url.split("token=")[1]}
    stop_process(process)


@pytest.fixture
def page(browser):
    blocked: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    block_other_hosts(context, blocked)
    yield context.new_page()
    context.close()


def test_the_dashboard_needs_the_lab_token(served, page):
    response = page.goto(f"{served['base']}/{PAGE}")
    assert "/login" in page.url or response.status == 403
    assert page.get_by_role("heading", name="REFOCUS implementation index").count() == 0
    assert "Demo team North" not in page.content()


def test_the_dashboard_shows_a_teams_review_with_the_token(served, page):
    page.goto(f"{served['base']}/{PAGE}?token={served['token']}", timeout=180_000)
    review = page.locator(".refocus-review")
    review.wait_for(timeout=180_000)
    assert review.get_by_role("heading", name="REFOCUS implementation index").is_visible()
    assert review.get_by_text("Fictional demo data").is_visible()
    assert page.locator(".refocus-review svg").count() == 2  # index, trends: no timetable
    assert review.get_by_text("What is missing for Demo team (fictional)").is_visible()
    picker = page.get_by_role("combobox")
    labels = picker.locator("option").all_inner_texts()  # spaces shown as no-break spaces
    options = [label.replace("\xa0", " ") for label in labels]
    assert "Demo team River (fictional)" in options and len(options) == 4
    picker.select_option(label=labels[options.index("Demo team River (fictional)")])
    review.get_by_text("Demo team River (fictional):", exact=False).first.wait_for()
    assert review.get_by_text("REFOCUS timetable: Demo team River (fictional)").is_visible()
    assert review.get_by_text("What is missing").count() == 0
    assert page.locator(".refocus-review svg").count() == 3  # the timetable too
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/progress-review.png", full_page=True)
