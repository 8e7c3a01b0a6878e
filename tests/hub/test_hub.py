"""The kit on a real JupyterHub (conftest.py): staff fill a Voila form through the hub as
themselves, people not logged in are sent to the hub's login, and only the facilitators'
group reaches the progress review and the exercises' grader. Staff fetch and submit an
exercise through nbgrader's shared exchange from their own servers, known by their hub names
though every server here runs as one OS account; the facilitator releases, collects,
autogrades and returns feedback with `refocus exercises` in the grader's terminal, on a
database role that reaches the gradebook only; the facilitator's review then shows each of
them, their exercise and their form; staff are refused formgrader; and the second facilitator
sees their own team only. The hub runs a course per team: each course's grader is its own
graders' alone, and staff see and reach their own team's course only. The tests run in this
order, each building on the last."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import httpx
import pytest
from playwright.sync_api import expect

from refocus_kit.exercises.course import open_course
from refocus_kit.exercises.report import statuses
from refocus_kit.store import Store
from tests.exercises.lab import open_menu
from tests.hub.clients import as_user, grader_shell, hub_token, start_server
from tests.hub.conftest import (
    COURSE,
    FACILITATOR,
    OTHER_COURSE,
    OTHER_TEAM,
    SECOND_FACILITATOR,
    STAFF,
    TEAM,
)
from tests.participant.browsing import DESKTOP, form_ready, submit
from tests.support.hub import PASSWORD

# nbgrader's own gradebook code warns as it reads submissions (SQLAlchemy autoflush).
NBGRADER_NOISE = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.timeout(2400),
    NBGRADER_NOISE,
]

FORM = "supervision_reflection"
EXERCISE = "recovery-knowledge"  # marked automatically, from the widgets' answers file
# Each member of staff answers a different number of questions right: 1, 2 and 3.
RIGHT = [
    ("personal_or_clinical", "Personal recovery"),
    ("value_3", "Value 3"),
    ("language", "Language matters"),
]
ANSWERS = {user: dict(RIGHT[: n + 1]) for n, user in enumerate(STAFF)}


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
    expect(page.get_by_role("heading", name=f"REFOCUS progress review: {TEAM}")).to_be_visible()
    expect(page.get_by_text(f"Signed in as {FACILITATOR}")).to_be_visible()


def test_staff_are_refused_the_review(hub, login):
    page = login(STAFF[0])
    answer = page.goto(hub.service("review"))
    assert answer is not None and answer.status == 403
    assert "progress review" not in page.content().lower()


# -- the exercises, through the shared exchange -------------------------------------------------
@pytest.fixture(scope="module")
def tokens(hub) -> dict[str, str]:
    users = [FACILITATOR, SECOND_FACILITATOR, *STAFF]
    return {user: hub_token(hub.url, user) for user in users}


def in_grader(hub, token: str, command: str, course: str = COURSE) -> str:
    status, shown = grader_shell(hub.url, token, f"refocus-grader-{course}", command)
    assert status == 0, shown[-4000:]
    return shown


def assignments(client: httpx.Client, user: str, action: str, course: str = COURSE) -> dict:
    """nbgrader's assignment list in the user's own server: fetch, submit or fetch_feedback."""
    answer = client.post(
        f"/user/{user}/assignments/{action}",
        data={"assignment_id": EXERCISE, "course_id": course},
    )
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result.get("success") is not False, result
    return result


@pytest.fixture(scope="module")
def submitted(hub, tokens) -> dict[str, list]:
    """The facilitator releases the exercise; each member of staff, in their own server,
    fetches it, answers (the widgets' answers file) and submits. Their submitted listings."""
    in_grader(
        hub,
        tokens[FACILITATOR],
        "refocus exercises setup --programme-start 2027-01-04"
        f" && refocus exercises roster {' '.join(f'--name {u}' for u in STAFF)}"
        f" && refocus exercises release {EXERCISE}",
    )
    listings = {}
    for user in STAFF:
        with as_user(hub.url, tokens[user]) as client:
            start_server(client, user)
            assignments(client, user, "fetch")
            saved = client.put(
                f"/user/{user}/api/contents/{EXERCISE}/answers.json",
                json={"type": "file", "format": "text", "content": json.dumps(ANSWERS[user])},
            )
            assert saved.status_code == 200, saved.text
            listings[user] = assignments(client, user, "submit")["value"]
    return listings


def test_staff_fetch_and_submit_through_the_shared_exchange_as_themselves(hub, submitted):
    inbound = hub.exchange / COURSE / "inbound"
    authors = sorted(p.name.split("+")[0] for p in inbound.iterdir())
    assert authors == sorted(STAFF)
    for user, listing in submitted.items():
        mine = [a for a in listing if a["status"] == "submitted"]
        assert {s["student_id"] for a in mine for s in a["submissions"]} == {user}


@pytest.fixture(scope="module")
def graded(hub, tokens, submitted, grader_store_url):
    """The facilitator collects, autogrades and returns feedback in the grader's terminal; the
    course as the grader sees it (its settings read once, here)."""
    in_grader(
        hub,
        tokens[FACILITATOR],
        f"refocus exercises collect {EXERCISE} && refocus exercises autograde {EXERCISE}"
        f" && refocus exercises feedback {EXERCISE}",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REFOCUS_DATA_DIR", str(hub.data))
        patch.setenv("REFOCUS_EXCHANGE_DIR", str(hub.exchange))
        patch.setenv("REFOCUS_DATABASE_URL", grader_store_url)
        course = open_course(course_id=COURSE, create=False)
        return replace(course, gradebook_url=course.db_url)


def test_the_facilitator_collects_autogrades_and_returns_feedback(hub, tokens, graded):
    rows = {r.staff: r for r in statuses(graded, [EXERCISE])}
    assert {u: rows[u].score for u in STAFF} == {u: float(len(ANSWERS[u])) for u in STAFF}
    assert all(rows[u].state == "graded, feedback returned" for u in STAFF)
    for user in STAFF:
        with as_user(hub.url, tokens[user]) as client:
            assignments(client, user, "fetch_feedback")
            folder = client.get(f"/user/{user}/api/contents/{EXERCISE}/feedback").json()
            (stamp,) = folder["content"]
            files = client.get(f"/user/{user}/api/contents/{stamp['path']}").json()["content"]
            assert [f["name"] for f in files] == [f"{EXERCISE}.html"]


def test_the_facilitators_review_shows_each_of_them(hub, login, graded, tmp_path):
    page = login(FACILITATOR)
    page.goto(hub.service("review"))
    expect(page.get_by_role("heading", name=f"Staff of {TEAM}")).to_be_visible()
    for user in STAFF:
        row = page.locator("table.staff tr", has_text=user)
        expect(row.locator("td").nth(1)).to_have_text("1")  # their supervision form
        expect(row.locator("td").nth(2)).to_have_text(
            re.compile(rf"^feedback returned, {len(ANSWERS[user])} of \d+$")
        )
    expect(page.locator("table.staff tr", has_text=FACILITATOR)).to_have_count(0)
    page.screenshot(path=tmp_path / "review-staff.png", full_page=True)


def lab_page_config(client: httpx.Client, user: str) -> dict:
    html = client.get(f"/user/{user}/lab").text
    found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                      html, re.S)  # fmt: skip
    assert found, html[:2000]
    return json.loads(found.group(1))


def test_staff_are_refused_formgrader_and_the_grader(hub, tokens, graded):
    user = STAFF[0]
    with as_user(hub.url, tokens[user]) as client:
        for path in ("formgrader", "api/terminals", "lab"):
            answer = client.get(f"/services/refocus-grader-{COURSE}/{path}")
            assert answer.status_code == 403, path
        assert client.get(f"/user/{user}/formgrader").status_code == 404
        assert client.get(f"/user/{user}/formgrader/api/assignments").status_code == 404
        disabled = lab_page_config(client, user)["disabledExtensions"]
        assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"} <= set(
            disabled
        )
    with as_user(hub.url, tokens[FACILITATOR]) as client:
        found = client.get(f"/services/refocus-grader-{COURSE}/formgrader/api/assignments")
        assert found.status_code == 200, found.text
        assert [a["name"] for a in found.json()] == [EXERCISE]


def test_a_second_facilitator_sees_only_their_own_team(hub, login, graded):
    page = login(SECOND_FACILITATOR)
    answer = page.goto(hub.service("review"))
    assert answer is not None and answer.status == 200
    heading = page.get_by_role("heading", name=f"REFOCUS progress review: {OTHER_TEAM}")
    expect(heading).to_be_visible()
    expect(page.locator("#team option")).to_have_text([OTHER_TEAM])
    answer = page.goto(f"{hub.service('review')}?team={TEAM}")
    assert answer is not None and answer.status == 403
    content = page.content()
    assert TEAM not in content and not any(user in content for user in STAFF)


def test_each_course_is_its_own_graders_and_its_own_teams_alone(
    hub, tokens, graded, login, tmp_path
):
    """The second facilitator releases the same exercise in their own team's course: neither
    facilitator reaches the other's grader, and staff neither see nor fetch the other course."""
    in_grader(
        hub,
        tokens[SECOND_FACILITATOR],
        f"refocus exercises setup --team '{OTHER_TEAM}' && refocus exercises release {EXERCISE}",
        course=OTHER_COURSE,
    )
    assert (hub.exchange / OTHER_COURSE / "outbound" / EXERCISE).is_dir()
    for user, theirs, other in ((FACILITATOR, COURSE, OTHER_COURSE),
                                (SECOND_FACILITATOR, OTHER_COURSE, COURSE)):  # fmt: skip
        with as_user(hub.url, tokens[user]) as client:
            mine = client.get(f"/services/refocus-grader-{theirs}/formgrader/api/assignments")
            assert mine.status_code == 200 and [a["name"] for a in mine.json()] == [EXERCISE]
            refused = client.get(f"/services/refocus-grader-{other}/formgrader/api/assignments")
            assert refused.status_code == 403, user
            assert client.post(f"/services/refocus-grader-{other}/api/terminals").status_code == 403
    user = STAFF[1]
    with as_user(hub.url, tokens[user]) as client:
        courses = client.get(f"/user/{user}/courses").json()
        assert courses == {"success": True, "value": [COURSE]}
        # Their own course's copy moved aside, they ask for the other course's: nbgrader's
        # page answers with that course's listing, empty, and nothing is fetched.
        moved = client.patch(
            f"/user/{user}/api/contents/{EXERCISE}", json={"path": f"{EXERCISE}-{COURSE}"}
        )
        assert moved.status_code == 200, moved.text
        assert assignments(client, user, "fetch", course=OTHER_COURSE)["value"] == []
        assert client.get(f"/user/{user}/api/contents/{EXERCISE}").status_code == 404
    assert not any(p.name.startswith(user) for p in (hub.exchange / OTHER_COURSE).rglob("*+*"))
    # In their Lab, nbgrader's Assignment List shows their own course only.
    page = login(STAFF[2])
    page.goto(f"{hub.url}/user/{STAFF[2]}/lab")
    open_menu(page, "Nbgrader", "Assignment List")
    courses = page.locator(".item_course")
    expect(courses.first).to_have_text(COURSE, timeout=120_000)
    assert {text for text in courses.all_inner_texts() if text} == {COURSE}  # notebooks: none
    page.screenshot(path=tmp_path / "staff-assignment-list.png")
