"""The kit on a real JupyterHub (conftest.py): staff fill a Voila form through the hub as
themselves, people not logged in are sent to the hub's login, and only the facilitators'
group reaches the progress review."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

from refocus_kit.store import Store
from tests.hub.conftest import FACILITATOR, STAFF
from tests.participant.browsing import DESKTOP, form_ready, submit
from tests.support.hub import PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.postgres]

FORM = "supervision_reflection"


@pytest.fixture(scope="module")
def login(hub, browser):
    """A browser context per hub user, logged in through the hub's own login page."""
    contexts = []

    def logged_in(user: str, **options):
        context = browser.new_context(viewport=DESKTOP, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{hub.url}/hub/login")
        page.fill("#username_input", user)
        page.fill("#password_input", PASSWORD)
        page.click("#login_submit")
        page.wait_for_url(f"{hub.url}/hub/**")
        return page

    yield logged_in
    for context in contexts:
        context.close()


def test_someone_not_logged_in_is_sent_to_the_hubs_login(hub):
    for service in ("forms", "review"):
        answer = httpx.get(
            f"{hub.service(service)}voila/render/{FORM}.ipynb"
            if service == "forms"
            else hub.service(service),
            follow_redirects=True,
            timeout=60,
        )
        assert answer.status_code == 200
        assert answer.url.path == "/hub/login", service
        assert "username_input" in answer.text


def test_staff_fill_a_form_as_their_hub_selves(hub, login):
    # The last one also sends a user header of their own: the hub's name is recorded anyway.
    for user, header in zip(STAFF, ({}, {}, {"X-Forwarded-User": FACILITATOR}), strict=True):
        page = login(user, extra_http_headers=header)
        page.goto(f"{hub.service('forms')}voila/render/{FORM}.ipynb")
        form_ready(page)
        page.locator(".refocus-form-widget textarea").first.fill(f"Reflection by {user}")
        submit(page)
        expect(page.get_by_text("Thank you: your answers are saved")).to_be_visible(timeout=30_000)
    with Store(hub.store_url) as store:
        stored = {r.respondent: r for r in store.responses(FORM)}
    assert set(stored) == set(STAFF)
    for user, response in stored.items():
        assert f"Reflection by {user}" in str(response.answers)


def test_the_facilitator_reaches_the_review(hub, login):
    page = login(FACILITATOR)
    answer = page.goto(hub.service("review"))
    assert answer is not None and answer.status == 200
    expect(page.get_by_role("heading", name="REFOCUS progress review")).to_be_visible()
    expect(page.get_by_text(f"Signed in as {FACILITATOR}")).to_be_visible()


def test_staff_are_refused_the_review(hub, login):
    page = login(STAFF[0])
    answer = page.goto(hub.service("review"))
    assert answer is not None and answer.status == 403
    assert "progress review" not in page.content().lower()
