"""People filling the participant forms in a real (headless) Chromium, as they would."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from refocus_kit.forms.saving import DRAFT_INTERVAL
from refocus_kit.sessions import open_session

from .browsing import DESKTOP, PHONE, form_ready, submit

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TEAM = "Demo team (fictional)"
FORMS = [
    "team_reflection_session",
    "manager_reflection_group",
    "supervision_reflection",
    "partnership_project_proposal",
]


def fill_textarea(page, label: str, text: str) -> None:
    page.get_by_label(label, exact=True).first.fill(text)


def saved_message(page):
    return page.get_by_text("Thank you: your answers are saved")


FIRST_TEXT = {
    "team_reflection_session": "Progress in implementing the intervention",
    "manager_reflection_group": "Progress",
    "supervision_reflection": None,
    "partnership_project_proposal": "Project Title",
}


@pytest.mark.parametrize("form_id", FORMS)
def test_fill_and_submit_each_form(form_id, server, server_store, open_page):
    session = open_session(server_store, form_id, TEAM, expected=1)
    page = open_page()
    page.goto(f"{server.base}s/{session.code}")
    form_ready(page)
    text = f"Typed in the browser for {form_id} (fictional)"
    first = page.locator(".refocus-form-widget textarea, .refocus-form-widget input[type=text]")
    label = FIRST_TEXT[form_id]
    target = page.get_by_label(label, exact=True).first if label else first.first
    target.fill(text)
    if form_id == "partnership_project_proposal":
        fill_partnership_lists(page)
    submit(page)
    expect(saved_message(page)).to_be_visible(timeout=30_000)
    stored = server_store.responses(form_id, session=session.code)
    assert len(stored) == 1 and text in stored[0].answers.values()
    assert stored[0].team == TEAM and stored[0].respondent.startswith("p-")


def fill_partnership_lists(page) -> None:
    """A project team with both kinds of member, and one cost within the £500 limit."""
    for n, role in enumerate(("Person using the service", "Staff member")):
        page.get_by_role("button", name="Add team member").click()
        names = page.get_by_label("Name or role (no full names needed)", exact=True)
        expect(names).to_have_count(n + 1)
        names.nth(n).fill(f"A {role.lower()}")
        page.get_by_role("radio", name=role).nth(n).check()
    page.get_by_role("button", name="Add cost item").click()
    page.get_by_label("What the money is for", exact=True).fill("Tea and biscuits")
    page.get_by_label("Amount (£)", exact=True).fill("25.50")
    expect(page.get_by_text("Total budget required: £25.50 of £500.00")).to_be_visible()


def test_a_bad_answer_shows_its_message_and_stores_nothing(server, server_store, open_page):
    session = open_session(server_store, "team_reflection_session", TEAM, expected=1)
    page = open_page()
    page.goto(f"{server.base}s/{session.code}")
    form_ready(page)
    fill_textarea(page, "Enablers to progress", "Seen with NHS number 943 476 5919")
    submit(page)
    expect(page.get_by_role("alert").filter(has_text="NHS number").first).to_be_visible()
    expect(page.get_by_text("Nothing was saved")).to_be_visible()
    assert server_store.count(session=session.code) == 0


def test_typed_html_is_shown_as_text(server, server_store, open_page):
    session = open_session(server_store, "supervision_reflection", TEAM, expected=1)
    page = open_page()
    page.goto(f"{server.base}s/{session.code}")
    form_ready(page)
    typed = "<img src=x onerror=\"document.title='pwned'\"><b>bold</b>"
    page.locator(".refocus-form-widget textarea").first.fill(typed)
    submit(page)
    expect(saved_message(page)).to_be_visible(timeout=30_000)
    expect(page.locator(".refocus-response").get_by_text(typed)).to_be_visible()
    assert page.locator(".refocus-response img, .refocus-response b").count() == 0
    assert page.title() != "pwned"


def test_anonymous_mode_stores_no_identity(server, server_store, open_page):
    session = open_session(
        server_store, "team_reflection_session", TEAM, anonymous=True, expected=1
    )
    page = open_page(headers={"X-Forwarded-User": "jo.bloggs"})
    page.goto(f"{server.base}s/{session.code}")
    form_ready(page)
    expect(page.get_by_text("Your answers are anonymous")).to_be_visible()
    fill_textarea(page, "Enablers to progress", "Anonymous enabler")
    submit(page)
    expect(saved_message(page)).to_be_visible(timeout=30_000)
    (stored,) = server_store.responses(session=session.code)
    assert stored.respondent is None


def test_a_login_passed_by_the_proxy_is_recorded(server, server_store, open_page):
    session = open_session(server_store, "supervision_reflection", TEAM, expected=1)
    page = open_page(headers={"X-Forwarded-User": "jo.bloggs"})
    page.goto(f"{server.base}s/{session.code}")
    form_ready(page)
    page.locator(".refocus-form-widget textarea").first.fill("Named reflection")
    submit(page)
    expect(saved_message(page)).to_be_visible(timeout=30_000)
    (stored,) = server_store.responses(session=session.code)
    assert stored.respondent == "jo.bloggs"


def test_a_closed_tab_loses_nothing(server, server_store, open_page):
    session = open_session(server_store, "team_reflection_session", TEAM, expected=1)
    page = open_page()
    page.goto(f"{server.base}s/{session.code}")
    form_ready(page)
    fill_textarea(page, "Enablers to progress", "Typed before the battery died")
    url = page.url
    # The draft's turn (written within DRAFT_INTERVAL of the last keystroke), then the battery dies.
    page.wait_for_timeout(DRAFT_INTERVAL * 1000 + 1500)
    page.context.close()
    again = open_page()
    again.goto(url)
    form_ready(again)
    expect(again.get_by_label("Enablers to progress", exact=True).first).to_have_value(
        "Typed before the battery died"
    )


def test_a_reload_shows_the_same_page_with_what_was_typed(server, server_store, open_page):
    """One live page per browser and form: a reload is the same page on the same kernel,
    not another kernel each time (held.py); its old tab letting go does not end it."""
    session = open_session(server_store, "team_reflection_session", TEAM, expected=1)
    page = open_page(viewport=PHONE)
    page.goto(f"{server.base}s/{session.code}")
    form_ready(page)
    kernel = re.search(r'"kernelId": "([0-9a-f-]+)"', page.content()).group(1)
    fill_textarea(page, "Enablers to progress", "Typed before reloading")
    page.wait_for_timeout(1500)  # the text reaches the page's kernel as the person types
    for _ in range(3):
        page.reload()
        form_ready(page)
        assert re.search(r'"kernelId": "([0-9a-f-]+)"', page.content()).group(1) == kernel
        expect(page.get_by_label("Enablers to progress", exact=True).first).to_have_value(
            "Typed before reloading"
        )
    page.wait_for_timeout(7000)  # past the grace after which a closed tab's kernel goes
    fill_textarea(page, "Enablers to progress", "Still here after the reloads")
    submit(page)
    expect(saved_message(page)).to_be_visible(timeout=30_000)
    (stored,) = server_store.responses(session=session.code)
    assert stored.answers["enablers"] == "Still here after the reloads"


PLAIN_PAGES = ["unavailable.html", "too-many-pages.html", "too-large.html", "opening.html"]


@pytest.mark.parametrize("template", PLAIN_PAGES)
def test_pages_that_say_what_went_wrong_pass_an_accessibility_audit(template, open_page):
    from refocus_kit.templating import templates

    page = open_page(viewport=PHONE)
    target = "/voila/render/team_reflection_session.ipynb?pid=p-000000000001"
    plain = templates("refocus_kit.participant").get_template(template)
    page.set_content(plain.render(base="/", target=target, retry_after=10))
    assert serious(Axe().run(page)) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1


def serious(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("form_id", FORMS)
def test_form_pages_pass_an_accessibility_audit(form_id, viewport, server, open_page):
    page = open_page(viewport=viewport)
    page.goto(f"{server.base}voila/render/{form_id}.ipynb?pid=p-000000000001")
    form_ready(page)
    # open every fold of prompts too, so the audit sees everything a person can open
    folds = page.locator("details.refocus-prompts")
    for summary in page.locator("details.refocus-prompts > summary").all():
        summary.click()
    assert folds.evaluate_all("ds => ds.every(d => d.open)")
    assert serious(Axe().run(page)) == []
    if viewport is PHONE:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1, f"the page scrolls sideways on a phone ({width}px)"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", ["", "s/NOPE99"])
def test_plain_pages_pass_an_accessibility_audit(path, viewport, server, open_page):
    page = open_page(viewport=viewport)
    page.goto(server.base + path)
    assert serious(Axe().run(page)) == []


def test_the_form_works_by_keyboard_alone(server, server_store, open_page):
    session = open_session(server_store, "supervision_reflection", TEAM, expected=1)
    page = open_page()
    page.goto(f"{server.base}s/{session.code}")
    form_ready(page)
    page.locator(".refocus-form-widget textarea").first.focus()
    page.keyboard.type("Written with the keyboard only")
    for _ in range(200):  # tab forward until Submit has the focus
        if page.evaluate("document.activeElement.textContent.trim()") == "Submit":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(saved_message(page)).to_be_visible(timeout=30_000)
    assert server_store.count(session=session.code) == 1
