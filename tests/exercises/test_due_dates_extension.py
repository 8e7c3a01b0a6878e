"""The kit's refocus-due-dates JupyterLab extension (widgets/refocus_kit/exercises/lab/due-dates),
which adds each exercise's due date to nbgrader's Assignment List: its plugin, run in Chromium
on rows drawn as nbgrader 0.9.6 draws them, against a stand-in for the kit's endpoint (every
request is answered in the page; none leaves it); and its installed copies.
tests/exercises/test_due_in_assignment_list.py sees it work in a real Lab with nbgrader."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.support.notebooks import ROOT

LAB = ROOT / "widgets" / "refocus_kit" / "exercises" / "lab"
SOURCE = LAB / "due-dates"
INSTALLED = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "refocus-due-dates"
SERVER_CONFIG = "refocus-due-dates.json"
INSTALLED_CONFIG = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / SERVER_CONFIG
NAME = "refocus-due-dates"
ORIGIN = "http://127.0.0.1:9"  # never reached: the page's every request is answered here
BASE = "/user/sam/"
PAST, FUTURE = "2020-01-06T00:00:00+00:00", "2099-03-04T00:00:00+00:00"

# The Assignment List's three lists, and a function that draws rows into them as nbgrader's
# AssignmentList.load_list_success does (assignmentlist.ts, nbgrader 0.9.6).
PAGE = """<html><head></head><body><div class="nbgrader-AssignmentList">
<div id="released_assignments_list" class="list_container"></div>
<div id="fetched_assignments_list" class="list_container"></div>
<div id="submitted_assignments_list" class="list_container"></div>
</div><script>
window.draw = (rows) => {
  for (const list of ['released', 'fetched', 'submitted']) {
    const box = document.getElementById(list + '_assignments_list');
    for (const old of [...box.children]) old.remove();
  }
  for (const row of rows) {
    const item = document.createElement('div');
    item.classList.add('list_item', 'row');
    const line = document.createElement('div');
    line.classList.add('col-md-12');
    const name = document.createElement('span');
    name.classList.add('item_name', 'col-sm-6');
    const link = document.createElement(row.list === 'fetched' ? 'a' : 'span');
    if (row.list === 'fetched') link.classList.add('assignment-notebooks-link');
    link.innerText = row.name;
    name.append(link);
    const course = document.createElement('span');
    course.classList.add('item_course', 'col-sm-2');
    course.innerText = row.course;
    const status = document.createElement('span');
    status.classList.add('item_status', 'col-sm-4');
    status.append(document.createElement('button'));
    line.append(name, course, status);
    const children = document.createElement('div');
    const nested = document.createElement('div');
    nested.classList.add('list_item', 'row');
    children.append(nested);
    item.append(line, children);
    document.getElementById(row.list + '_assignments_list').append(item);
  }
};
</script></body></html>"""

ROWS = [
    {"list": "released", "course": "refocus", "name": "coaching"},  # due, not yet
    {"list": "released", "course": "refocus", "name": "my-identity"},  # past: overdue
    {"list": "released", "course": "refocus", "name": "not-the-kits"},  # no date
    {"list": "fetched", "course": "refocus", "name": "goals-and-actions"},  # past: overdue
    {"list": "fetched", "course": "refocus", "name": "recovery-knowledge"},  # past, submitted
    {"list": "submitted", "course": "refocus", "name": "recovery-knowledge"},
    {"list": "released", "course": "other-course", "name": "coaching"},  # another course
]


def entry(name: str, due: str, label: str, course: str = "refocus") -> dict:
    return {"course_id": course, "assignment_id": name, "due": due, "label": label}


DATES = [
    entry("coaching", FUTURE, "Due 4 March 2099"),
    entry("my-identity", PAST, "Due 6 January 2020"),
    entry("goals-and-actions", PAST, "Due 6 January 2020, 09:30 UTC"),
    entry("recovery-knowledge", PAST, "Due 6 January 2020"),
]


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_installed_extensions_are_the_kits():
    """The JupyterLab extension and the setting that enables the server extension are installed
    with the kit (pyproject's shared-data) as they are in the source."""
    assert files(INSTALLED) == files(SOURCE), (
        "the installed copy is stale: reinstall the kit (make .venv/.installed-run)"
    )
    assert INSTALLED_CONFIG.read_bytes() == (LAB / SERVER_CONFIG).read_bytes()
    enabled = json.loads(INSTALLED_CONFIG.read_text())["ServerApp"]["jpserver_extensions"]
    assert enabled == {"refocus_kit.exercises.due_handler": True}
    package = json.loads((SOURCE / "package.json").read_text())
    assert package["name"] == NAME
    assert package["jupyterlab"]["_build"]["extension"] == "./extension"
    assert (SOURCE / package["jupyterlab"]["_build"]["load"]).is_file()


class Endpoint:
    """The kit's endpoint as the page sees it: each answer given in turn, each request kept."""

    def __init__(self) -> None:
        self.answers: list[tuple[int, str]] = []
        self.requests: list[dict] = []

    def answer(self, body, status: int = 200) -> None:
        self.answers.append((status, body if isinstance(body, str) else json.dumps(body)))

    def __call__(self, route) -> None:
        request = route.request
        if request.url == f"{ORIGIN}/lab":
            route.fulfill(status=200, content_type="text/html", body=PAGE)
            return
        self.requests.append({"url": request.url, "headers": request.headers})
        if request.url != f"{ORIGIN}{BASE}refocus-kit/due-dates" or not self.answers:
            route.fulfill(status=404, body="")
            return
        status, body = self.answers.pop(0)
        route.fulfill(status=status, content_type="application/json", body=body)


@pytest.fixture
def endpoint():
    return Endpoint()


@pytest.fixture
def lab(browser, endpoint):
    """A page with the Assignment List's lists, the kit's extension loaded and its plugin
    activated as JupyterLab does it (style module, then activate(app))."""
    page = browser.new_page()
    page.route("**/*", endpoint)
    page.goto(f"{ORIGIN}/lab")
    page.add_script_tag(path=str(SOURCE / "static" / "remoteEntry.js"))
    yield page
    page.close()


def activate(page) -> None:
    page.evaluate(
        """async ([name, base]) => {
            const container = window._JUPYTERLAB[name];
            container.init({});
            (await container.get('./style'))();
            const module = (await container.get('./extension'))();
            const settings = { baseUrl: window.location.origin + base, token: 'secret' };
            for (const plugin of module.default) {
                plugin.activate({ serviceManager: { serverSettings: settings } });
            }
        }""",
        [NAME, BASE],
    )


def shown(page) -> list[dict]:
    """Each row as a person sees it: its list, its name and course, and the kit's label."""
    return page.evaluate(
        """() => ['released', 'fetched', 'submitted'].flatMap(list =>
            [...document.getElementById(list + '_assignments_list').children].map(row => {
                const due = row.querySelector('.refocus-due');
                return {
                    list, seen: row.getAttribute('data-refocus-due'),
                    name: row.querySelector('.item_name > :first-child').textContent,
                    course: row.querySelector('.item_course').textContent,
                    due: due ? due.firstChild.textContent : null,
                    overdue: due ? due.classList.contains('refocus-due-overdue') : null,
                    mark: due && due.children.length ? due.children[0].textContent : null,
                    color: due ? getComputedStyle(due).color : null,
                };
            }))"""
    )


def wait_seen(page) -> None:
    page.wait_for_function(
        """() => [...document.querySelectorAll('.list_container > .list_item')]
            .every(row => row.hasAttribute('data-refocus-due'))"""
    )


@pytest.mark.browser
def test_each_known_row_shows_its_date_and_a_past_one_not_submitted_is_overdue(lab, endpoint):
    endpoint.answer({"assignments": DATES})
    activate(lab)
    lab.evaluate("rows => draw(rows)", ROWS)
    wait_seen(lab)
    rows = {(r["list"], r["course"], r["name"]): r for r in shown(lab)}
    due = {key: (r["due"], r["overdue"], r["mark"]) for key, r in rows.items()}
    assert due == {
        ("released", "refocus", "coaching"): ("Due 4 March 2099", False, None),
        ("released", "refocus", "my-identity"): ("Due 6 January 2020", True, "overdue"),
        ("released", "refocus", "not-the-kits"): (None, None, None),
        ("fetched", "refocus", "goals-and-actions"): (
            "Due 6 January 2020, 09:30 UTC",
            True,
            "overdue",
        ),
        ("fetched", "refocus", "recovery-knowledge"): ("Due 6 January 2020", False, None),
        ("submitted", "refocus", "recovery-knowledge"): ("Due 6 January 2020", False, None),
        ("released", "other-course", "coaching"): (None, None, None),
    }
    # The names nbgrader drew are untouched; an overdue date looks different.
    assert sorted(r["name"] for r in rows.values()) == sorted(row["name"] for row in ROWS)
    overdue = rows[("released", "refocus", "my-identity")]["color"]
    assert overdue != rows[("released", "refocus", "coaching")]["color"]
    # One request, to the server's own base URL, with the server's token.
    assert len(endpoint.requests) == 1
    assert endpoint.requests[0]["url"] == f"{ORIGIN}{BASE}refocus-kit/due-dates"
    assert endpoint.requests[0]["headers"]["authorization"] == "token secret"


@pytest.mark.browser
def test_when_nbgrader_draws_the_list_again_the_dates_are_asked_for_again(lab, endpoint):
    endpoint.answer({"assignments": DATES})
    endpoint.answer({"assignments": [entry("coaching", FUTURE, "Due 1 April 2099")]})
    activate(lab)
    lab.evaluate("rows => draw(rows)", ROWS[:1])
    wait_seen(lab)
    assert [r["due"] for r in shown(lab)] == ["Due 4 March 2099"]
    lab.evaluate("rows => draw(rows)", ROWS[:1])  # the refresh button, a fetch or a submit
    wait_seen(lab)
    assert [r["due"] for r in shown(lab)] == ["Due 1 April 2099"]
    assert len(endpoint.requests) == 2


@pytest.mark.browser
def test_a_label_is_shown_as_text_never_as_markup(lab, endpoint):
    markup = '<img src="x" onerror="window.ran = true">Due <b>soon</b>'
    endpoint.answer({"assignments": [entry("coaching", FUTURE, markup)]})
    activate(lab)
    lab.evaluate("rows => draw(rows)", ROWS[:1])
    wait_seen(lab)
    assert [r["due"] for r in shown(lab)] == [markup]
    assert lab.evaluate("document.querySelectorAll('img, b').length") == 0
    assert lab.evaluate("window.ran === undefined")


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (500, {"message": "broken"}),
        (200, "not json"),
        (200, {"assignments": "none"}),
        (200, {"assignments": [{"course_id": "refocus", "assignment_id": "coaching"}]}),
        (200, {"assignments": [entry("coaching", "soon", "Due soon")]}),
        (200, {"assignments": [{**entry("coaching", FUTURE, "Due"), "label": 3}]}),
    ],
)
@pytest.mark.browser
def test_without_usable_dates_the_list_is_left_as_nbgrader_drew_it(lab, endpoint, status, body):
    endpoint.answer(body, status)
    errors: list[str] = []
    lab.on("pageerror", lambda error: errors.append(str(error)))
    activate(lab)
    lab.evaluate("rows => draw(rows)", ROWS)
    wait_seen(lab)
    assert {r["due"] for r in shown(lab)} == {None}
    assert sorted(r["name"] for r in shown(lab)) == sorted(row["name"] for row in ROWS)
    lab.wait_for_timeout(300)  # and it does not ask again and again
    assert len(endpoint.requests) == 1
    assert errors == []


@pytest.mark.browser
def test_a_page_without_the_assignment_list_asks_for_nothing(lab, endpoint):
    activate(lab)
    lab.evaluate("document.body.append(document.createElement('p'))")
    lab.wait_for_timeout(300)
    assert endpoint.requests == []
