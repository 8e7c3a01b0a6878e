"""Every participant form on a phone 390 px wide, in real headless Chromium against one real
participant server: nothing is clipped or overflows, every touch target is at least 44 by 44 px,
typed answers are in the page's own font, and a marked answer is shown at its own field."""

import re

import pytest
from playwright.sync_api import expect

from refocus_kit.sessions import open_session, participant_forms

from .browsing import form_ready, submit

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 390, "height": 844}
FORMS = sorted(participant_forms())
TEAM = "Demo team (fictional)"
RED = "rgb(179, 38, 30)"

# What a thumb touches: every control, a radio button or checkbox by its label, and the toggle
# of every fold. Each must be 44 by 44 px or more (WCAG 2.5.5), lie wholly inside every box
# around it that clips (and inside the screen), and a label's or button's text (which may wrap
# onto several lines) must fit inside it.
MEASURE = """() => {
  const found = {small: [], clipped: [], monospace: [], overflowing: []};
  const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const name = e => `${e.tagName.toLowerCase()} "${(e.textContent || e.getAttribute('aria-label')
    || e.closest('.widget-inline-hbox, .widget-box')?.textContent || '').trim().slice(0, 40)}"`;
  const controls = document.querySelectorAll('.refocus-form-widget :is(input, select, '
    + 'textarea, button, summary)');
  for (const control of controls) {
    if (!shown(control) || control.closest('.refocus-sr-label > .widget-label')) continue;
    const target = control.matches('[type=radio], [type=checkbox]')
      ? control.closest('label') : control;
    const box = target.getBoundingClientRect();
    if (box.width < 44 || box.height < 44)
      found.small.push(`${name(target)} ${Math.round(box.width)}x${Math.round(box.height)}`);
    if (control.matches('input:not([type=radio], [type=checkbox]), textarea, select')
        && /mono/i.test(getComputedStyle(control).fontFamily))
      found.monospace.push(name(control));
    if (target.matches('label, button, summary') && target.scrollHeight > target.clientHeight + 1)
      found.overflowing.push(`${name(target)} ${target.scrollHeight} in ${target.clientHeight}`);
    for (let outer = target.parentElement; outer; outer = outer.parentElement) {
      const screen = outer === document.documentElement;
      if (!screen && getComputedStyle(outer).overflowX === 'visible') continue;
      const edge = screen ? {left: 0, right: innerWidth} : outer.getBoundingClientRect();
      if (box.left < edge.left - 0.5 || box.right > edge.right + 0.5)
        found.clipped.push(`${name(target)} ${Math.round(box.left)}..${Math.round(box.right)}`
          + ` in ${screen ? 'the screen' : outer.className} ${edge.left}..${edge.right}`);
    }
  }
  return found;
}"""


def test_the_participant_pages_are_found():
    assert set(FORMS) == set(participant_forms()) and "team_reflection_session" in FORMS


@pytest.mark.parametrize("form_id", FORMS)
def test_each_form_fits_a_phone(form_id, server, open_page):
    page = open_page(viewport=PHONE)
    page.goto(f"{server.base}voila/render/{form_id}.ipynb?pid=p-000000000001")
    form = form_ready(page)
    first = form.locator("input, textarea, select").first
    top = first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
    assert top < PHONE["height"], f"the first question starts {top:.0f} px down"
    adds = page.get_by_role("button", name=re.compile(r"^Add "))
    for n in range(adds.count()):  # an entry in every list, so its controls are measured too
        adds.nth(n).click()
    expect(form.locator(".refocus-entry")).to_have_count(adds.count())
    for fold in form.locator("details > summary").all():
        fold.click()
    found = page.evaluate(MEASURE)
    assert found == {"small": [], "clipped": [], "monospace": [], "overflowing": []}


def test_a_marked_answer_is_shown_at_its_own_field(server, server_store, open_page):
    session = open_session(server_store, "team_reflection_session", TEAM, number=2, expected=1)
    page = open_page(viewport=PHONE)
    page.goto(f"{server.base}s/{session.code}")
    form_ready(page)
    progress = page.get_by_label("Progress in implementing the intervention", exact=True)
    progress.fill("Met about NHS 943 476 5919")
    page.get_by_role("button", name="Add action").click()
    page.get_by_label("What", exact=True).fill("Book a room (fictional)")
    submit(page)
    who = page.get_by_label("Who (role or first name)", exact=True)
    expect(who).to_have_attribute("aria-invalid", "true")
    assert who.evaluate("e => getComputedStyle(e).borderRightColor") == RED
    expect(page.get_by_label("What", exact=True)).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(".refocus-entry .refocus-error")).to_have_text("This needs an answer.")
    described = "e => document.getElementById(e.getAttribute('aria-describedby')).textContent"
    assert who.evaluate(described) == "This needs an answer."
    summary = page.locator(".refocus-error-summary")
    expect(summary).to_contain_text("Action 1: Who (role or first name) needs an answer")
    expect(summary).to_contain_text("Progress in implementing the intervention looks like")
    expect(progress).not_to_be_in_viewport()
    summary.get_by_role("link").first.click()
    expect(progress).to_be_in_viewport()
    assert server_store.count(session=session.code) == 0
    progress.fill("Met and talked it through")
    who.fill("Sam")
    submit(page)
    expect(page.get_by_text("Thank you: your answers are saved")).to_be_visible(timeout=30_000)
    assert server_store.count(session=session.code) == 1
