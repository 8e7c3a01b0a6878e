"""`refocus serve`: JupyterLab answers quickly, the data folder is never reachable, session links
answer, the log says what matters and nothing else, Ctrl-C stops everything."""

import json
import os
import re
import signal
import socket
import sqlite3
import struct
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import psutil
import pytest
from websockets.sync.client import connect

from refocus_kit.server import check_data_dir
from refocus_kit.store import Store
from refocus_kit.store.schema import VERSION_TABLE
from tests.support.old_stores import OLD_REVISIONS, make_old_store
from tests.support.servers import REFOCUS, free_port
from tests.support.visitor import Visitor

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`refocus serve` as a facilitator starts it, everything it prints kept in one log."""
    data_dir = tmp_path_factory.mktemp("served-data")
    (data_dir / "secret-reflection.txt").write_text("private words", encoding="utf-8")
    log_path = tmp_path_factory.mktemp("served-log") / "serve.log"
    port = free_port()
    env = {**os.environ, "REFOCUS_DATA_DIR": str(data_dir)}
    env.pop("REFOCUS_FORMS_URL", None)
    started = time.monotonic()
    command = [REFOCUS, "serve", "--port", str(port), "--forms-port", str(free_port())]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    urls = {}
    while len(urls) < 2 and process.poll() is None and time.monotonic() - started < 240:
        time.sleep(0.25)
        text = log_path.read_text(encoding="utf-8", errors="replace")
        if "Data folder (never served)" in text:
            urls = dict(re.findall(r"(JupyterLab|Participant forms) \(\w+\): (\S+)", text))
    url = urls.get("JupyterLab")
    yield {
        "process": process,
        "url": url,
        "forms_url": urls.get("Participant forms"),
        "port": port,
        "data_dir": data_dir,
        "env": env,
        "log": log_path,
        "token": url and url.split("token=")[1],
    }
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.mark.slow
def test_lab_answers_once_started(served):
    """How fast it starts is a benchmark's question, not a test's: here, that it answers."""
    assert served["url"], "refocus serve printed no Lab URL"
    response = httpx.get(served["url"], timeout=10)
    assert response.status_code == 200 and "JupyterLab" in response.text


@pytest.mark.slow
def test_lab_binds_loopback_only(served):
    assert served["url"].startswith(f"http://127.0.0.1:{served['port']}/")


@pytest.mark.slow
def test_lab_needs_its_token(served):
    response = httpx.get(f"http://127.0.0.1:{served['port']}/api/contents", timeout=10)
    assert response.status_code == 403


@pytest.mark.slow
def test_nothing_in_the_data_folder_is_reachable(served):
    base, token = f"http://127.0.0.1:{served['port']}", served["token"]
    data_dir = served["data_dir"]
    relative = os.path.relpath(data_dir, ROOT)
    attempts = [
        f"/files/{relative}/secret-reflection.txt",
        f"/files{data_dir}/secret-reflection.txt",
        f"/api/contents/{relative}/secret-reflection.txt",
        f"/api/contents/{relative}",
        "/files/..%2F..%2F..%2F"
        + str(data_dir).lstrip("/").replace("/", "%2F")
        + "%2Fsecret-reflection.txt",
        f"/view/{relative}/secret-reflection.txt",
    ]
    for path in attempts:
        response = httpx.get(base + path, params={"token": token}, timeout=10)
        assert response.status_code in {400, 403, 404}, path
        assert "private words" not in response.text


@pytest.mark.slow
def test_participant_forms_start_beside_the_lab(served):
    assert served["forms_url"] and served["forms_url"].startswith("http://127.0.0.1:")
    landing = httpx.get(served["forms_url"], timeout=30)
    assert landing.status_code == 200 and "REFOCUS reflection forms" in landing.text


@pytest.mark.slow
def test_the_facilitator_view_needs_the_lab_token(served):
    base = f"http://127.0.0.1:{served['port']}"
    page = "/voila/render/facilitator_guides/reflection-session.ipynb"
    refused = httpx.get(base + page, timeout=30)
    assert refused.status_code in {302, 403}
    assert "SessionDesk" not in refused.text
    if refused.status_code == 302:
        assert "/login" in refused.headers["location"]
    # the participant server does not know the page at all
    assert (
        httpx.get(served["forms_url"] + page.lstrip("/") + "?pid=p-1", timeout=30).status_code
        == 404
    )
    allowed = httpx.get(base + page, params={"token": served["token"]}, timeout=120)
    assert allowed.status_code == 200


@pytest.mark.slow
def test_a_session_link_answers_on_the_forms_port(served):
    opened = subprocess.run(
        [REFOCUS, "sessions", "open", "--team", "Demo team (fictional)", "--expected", "1"],
        env=served["env"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    link = re.search(r"link: (\S+)", opened.stdout).group(1)
    assert link.startswith(served["forms_url"]) and "8866" not in link
    answer = httpx.get(link, timeout=30)  # a first visit: sent on by the kit's opening page
    assert answer.status_code == 200 and "Opening the form" in answer.text
    assert "session=" in answer.text
    # on 127.0.0.1, the command and the kit's banner both say phones cannot reach it
    assert "Phones in the room cannot reach" in opened.stderr
    assert "--forms-ip 0.0.0.0" in served["log"].read_text(encoding="utf-8")


NOISE = [
    "is not trusted",  # the kit's pages and course notebooks
    "No nbgrader_config.py file found",
    "is not absolute",  # nbgrader, about a course root it was given
    "ServerApp.token config is deprecated",
    "Kernel is running over TCP without encryption",
    "Task exception was never retrieved",
    "Traceback",
]


def drop_mid_message(forms_url: str, kernel_id: str) -> None:
    """A phone falling off the Wi-Fi while its page's kernel is talking to it: many requests
    sent, then the connection reset without a goodbye."""
    ws_url = forms_url.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels"
    for _ in range(5):
        with connect(f"{ws_url}?session_id={uuid.uuid4()}", max_size=None) as page:
            session = str(uuid.uuid4())
            for _ in range(200):
                header = {
                    "msg_id": str(uuid.uuid4()),
                    "username": "p",
                    "session": session,
                    "msg_type": "comm_info_request",
                    "version": "5.3",
                    "date": "",
                }
                page.send(
                    json.dumps(
                        {
                            "header": header,
                            "parent_header": {},
                            "metadata": {},
                            "content": {},
                            "channel": "shell",
                            "buffers": [],
                        }
                    )
                )
            time.sleep(0.05)
            page.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            page.socket.close()
        time.sleep(0.5)


@pytest.mark.slow
def test_the_log_says_what_matters_and_nothing_else(served):
    lab, token = f"http://127.0.0.1:{served['port']}", served["token"]
    page = Visitor.once(
        served["forms_url"], "voila/render/team_reflection_session.ipynb?pid=p-0123456789ab"
    )
    assert page.is_form, page.status
    kernel_id = page.kernel_id
    drop_mid_message(served["forms_url"], kernel_id)
    notebook = httpx.get(
        f"{lab}/api/contents/course/00-welcome/welcome.ipynb", params={"token": token}, timeout=60
    )
    assert notebook.status_code == 200
    kernel = httpx.post(f"{lab}/api/kernels", params={"token": token}, json={}, timeout=60)
    assert kernel.status_code == 201
    time.sleep(5)  # the kernel's own start-up lines
    httpx.delete(f"{lab}/api/kernels/{kernel.json()['id']}", params={"token": token}, timeout=60)
    log = served["log"].read_text(encoding="utf-8", errors="replace")
    for noise in NOISE:
        assert noise not in log, noise
    assert not re.search(r"WARNING \|\s*$", log, re.MULTILINE), "empty WARNING lines"
    # what a facilitator needs is still there
    assert re.search(r"Jupyter Server .* is running at", log)
    assert "Voilà is running at" in log and "The REFOCUS kit is running" in log
    assert f"JupyterLab (trainers): {lab}/lab?token=" in log
    assert f"Participant forms (teams): {served['forms_url']}" in log


@pytest.mark.slow
def test_ctrl_c_stops_lab_and_its_children(served):
    process = served["process"]
    children = psutil.Process(process.pid).children(recursive=True)
    assert children, "JupyterLab should run as a child process"
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0
    _gone, alive = psutil.wait_procs(children, timeout=15)
    assert not alive


def test_a_data_folder_inside_the_served_root_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="refusing to start"):
        check_data_dir(tmp_path / "course" / "data", [tmp_path])
    check_data_dir(tmp_path.parent / "elsewhere", [tmp_path])


def test_serve_refuses_a_data_folder_inside_the_kit(tmp_path):
    env = {**os.environ, "REFOCUS_DATA_DIR": str(ROOT / "data")}
    result = subprocess.run(
        [REFOCUS, "serve", "--port", str(free_port())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "refusing to start" in result.stderr


@pytest.mark.parametrize(
    ("made_by", "says"),
    [("older", "run `refocus store upgrade`"), ("newer", "a newer kit upgraded it")],
)
def test_serve_refuses_a_store_of_another_revision_and_says_what_to_run(data_dir, made_by, says):
    url = f"sqlite:///{data_dir / 'refocus.sqlite3'}"
    if made_by == "older":
        make_old_store(url, OLD_REVISIONS[-1])
    else:
        Store(url).close()
        with sqlite3.connect(data_dir / "refocus.sqlite3") as db:
            db.execute(f"UPDATE {VERSION_TABLE} SET version_num = '9001'")
    result = subprocess.run(
        [REFOCUS, "serve", "--port", str(free_port()), "--forms-port", str(free_port())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "refusing to start: the store is at" in result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr
    assert "stopped while starting" not in result.stderr  # refused before starting anything
