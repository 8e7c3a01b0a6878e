"""The participant server over HTTP: what it serves, and what it never serves."""

import contextlib
import re
import subprocess
import sys
import time

import httpx
import psutil
import pytest

from refocus_kit.sessions import close_session, open_session
from tests.support.servers import ParticipantServer, free_port

pytestmark = pytest.mark.slow
TEAM = "Demo team (fictional)"
BROWSER = {"Cookie": "refocus_pid=p-000000000001"}  # a browser that has been here before
PARTICIPANT_FORMS = [
    "team_reflection_session",
    "manager_reflection_group",
    "supervision_reflection",
    "partnership_project_proposal",
]


def get(server, path: str, **kwargs) -> httpx.Response:
    return httpx.get(server.base + path.lstrip("/"), timeout=60, **kwargs)


def test_landing_lists_the_participant_forms_and_sets_a_pseudonym(server):
    response = get(server, "/")
    assert response.status_code == 200
    for form_id in PARTICIPANT_FORMS:
        assert f"voila/render/{form_id}.ipynb?pid=p-" in response.text
    # a session's discussion form is reached through that session's link only
    assert "team_information_session_discussion" not in response.text
    assert re.match(r"refocus_pid=p-[0-9a-f]{12};", response.headers["set-cookie"])
    assert "httponly" in response.headers["set-cookie"].lower()
    assert "http://" not in response.text and "https://" not in response.text


def test_landing_code_box_goes_to_the_short_link(server):
    response = get(server, "/?code=abc234")
    assert response.status_code == 302 and response.headers["location"].endswith("/s/abc234")


def test_short_link_sends_on_to_the_form_with_session_and_pseudonym(server, server_store):
    """A first visit is sent on by a page that a browser follows at once (a script or a link
    preview that keeps no cookies stops there, and takes no kernel); a browser seen before is
    redirected."""
    session = open_session(server_store, "team_reflection_session", TEAM, expected=1)
    form = (
        rf"/voila/render/team_reflection_session\.ipynb\?session={session.code}"
        r"&amp;pid=(p-[0-9a-f]{12})"
    )
    first = get(server, f"/s/{session.code}")
    assert first.status_code == 200 and "Opening the form" in first.text
    sent_on = re.search(rf'<meta http-equiv="refresh" content="0; url=[^"]*{form}">', first.text)
    pid = sent_on.group(1)
    assert first.cookies["refocus_pid"] == pid
    again = get(server, f"/s/{session.code}", headers={"Cookie": f"refocus_pid={pid}"})
    assert again.status_code == 302
    assert again.headers["location"].endswith(
        f"/voila/render/team_reflection_session.ipynb?session={session.code}&pid={pid}"
    )


def test_unknown_and_closed_sessions_get_a_page_that_says_so(server, server_store):
    assert "No session with that code" in get(server, "/s/NOPE99").text
    session = open_session(server_store, "team_reflection_session", TEAM, expected=1)
    close_session(server_store, session.code)
    response = get(server, f"/s/{session.code}")
    assert response.status_code == 404 and "has closed" in response.text


def test_a_page_without_pseudonym_is_given_one(server):
    response = get(server, "/voila/render/supervision_reflection.ipynb?session=X")
    assert response.status_code == 200
    assert re.search(r'url=[^"]*\?session=X&amp;pid=p-[0-9a-f]{12}&amp;no_cookie=1"', response.text)
    known = {"Cookie": "refocus_pid=p-00000000000a"}
    again = get(server, "/voila/render/supervision_reflection.ipynb?session=X", headers=known)
    assert again.status_code == 302
    assert again.headers["location"].endswith("?session=X&pid=p-00000000000a")


def test_form_page_has_no_code_and_no_outside_assets(server):
    response = get(
        server, "/voila/render/supervision_reflection.ipynb?pid=p-000000000001", headers=BROWSER
    )
    assert response.status_code == 200
    assert "participant_page" not in response.text  # sources stripped
    outside = re.findall(r'(?:src|href)="(https?://[^"]+)"', response.text)
    assert outside == []
    assert "refocus/static/fontawesome/css/all.min.css" in response.text


def test_font_awesome_is_served_locally(server):
    css = get(server, "/refocus/static/fontawesome/css/all.min.css")
    assert css.status_code == 200 and "Font Awesome" in css.text
    font = re.search(r"url\(\.\./webfonts/([^)#?]+\.woff2)", css.text).group(1)
    assert get(server, f"/refocus/static/fontawesome/webfonts/{font}").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/voila/tree",
        "/voila/tree/",
        "/voila/api/contents",
        "/voila/api/contents/",
        "/voila/files/team_reflection_session.ipynb",
        "/voila/render/../pyproject.toml",
        "/voila/render/..%2F..%2Fforms%2Fdefinitions%2Fattendance.yaml",
        "/voila/render/%2E%2E/app.py",
        "/api/contents",
        "/api/kernels",
        "/lab",
        "/tree",
        "/voila/static/../../../etc/passwd",
    ],
)
def test_nothing_but_the_pages_is_served(server, path):
    response = get(server, path + ("&" if "?" in path else "?") + "pid=p-000000000001")
    assert response.status_code in {403, 404, 405}, (path, response.status_code)


def test_the_data_folder_is_unreachable(server, server_store):
    assert (server.data_dir / "refocus.sqlite3").exists()
    for path in [
        f"/voila/files{server.data_dir}/refocus.sqlite3",
        f"/voila/render{server.data_dir}/refocus.sqlite3",
        "/refocus/static/fontawesome/../../../../../../"
        + str(server.data_dir)
        + "/refocus.sqlite3",
    ]:
        response = get(server, path + "?pid=p-000000000001")
        assert response.status_code in {403, 404}, path
        assert b"SQLite format" not in response.content


def kernel_children(server) -> int:
    """Running kernels of the server (one being shut down may already be a zombie)."""
    count = 0
    for child in psutil.Process(server.process.pid).children(recursive=True):
        with contextlib.suppress(psutil.Error):
            count += child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(
                child.cmdline()
            )
    return count


def _wait_for_kernels(server, done, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while not done(kernel_children(server)) and time.monotonic() < deadline:
        time.sleep(0.5)
    return kernel_children(server)


def test_opening_a_session_warms_a_page_per_expected_person_until_it_closes(server, server_store):
    before = _wait_for_kernels(server, lambda n: n >= len(PARTICIPANT_FORMS))
    session = open_session(server_store, "manager_reflection_group", TEAM, expected=3)
    assert _wait_for_kernels(server, lambda n: n >= before + 3) >= before + 3
    close_session(server_store, session.code)
    assert _wait_for_kernels(server, lambda n: n <= before) == before


def test_a_closed_tab_shuts_its_kernel_down(server):
    """What Voila's page script does as its tab closes (voila#1458 without the kit's fix)."""
    with httpx.Client(base_url=server.base, timeout=60) as browser:
        browser.cookies.set("refocus_pid", "p-000000000001")
        page = browser.get("voila/render/supervision_reflection.ipynb?pid=p-000000000001")
        kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', page.text).group(1)
        xsrf = browser.cookies.get("_xsrf")
        assert xsrf, "the page must set the _xsrf cookie its closing request carries"
        refused = browser.post(f"voila/api/shutdown/{kernel_id}", data={"_xsrf": "forged"})
        assert refused.status_code == 403
        closed = browser.post(f"voila/api/shutdown/{kernel_id}", data={"_xsrf": xsrf})
        assert closed.status_code == 204
        deadline, answer = time.monotonic() + 30, 204
        while answer == 204 and time.monotonic() < deadline:  # 404 once the kernel is gone
            time.sleep(1)
            answer = browser.post(f"voila/api/shutdown/{kernel_id}", data={"_xsrf": xsrf})
            answer = answer.status_code
        assert answer == 404


def test_a_full_server_asks_people_to_retry(tmp_path):
    full = ParticipantServer(tmp_path, "--RefocusVoila.max_kernels=0", "--RefocusVoila.base_pool=0")
    try:
        response = httpx.get(
            full.base + "voila/render/supervision_reflection.ipynb?pid=p-1",
            headers=BROWSER,
            timeout=30,
        )
        assert response.status_code == 503
        assert response.headers["retry-after"] == "10"
        assert "try again" in response.text and 'http-equiv="refresh"' in response.text
        assert httpx.get(full.base, timeout=10).status_code == 200  # still up
    finally:
        full.stop()


@pytest.mark.postgres
def test_the_participant_server_refuses_a_store_not_yet_upgraded(postgres, monkeypatch):
    """Started alone (as a hub's service is), on a PostgreSQL store an older kit made."""
    from tests.conftest import _reset
    from tests.support.old_stores import OLD_REVISIONS, make_old_store

    _reset(postgres.url)
    make_old_store(postgres.url, OLD_REVISIONS[-1])
    monkeypatch.setenv("REFOCUS_DATABASE_URL", postgres.url)
    result = subprocess.run(
        [sys.executable, "-m", "refocus_kit.participant.app", f"--port={free_port()}"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "refusing to start: the store is at schema revision" in result.stderr
    assert "run `refocus store upgrade`" in result.stderr
    _reset(postgres.url)
