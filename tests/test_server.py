"""`refocus serve`: JupyterLab answers quickly, the data folder is never reachable, Ctrl-C stops
everything."""

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import httpx
import psutil
import pytest

from refocus_kit.server import check_data_dir
from tests.support.servers import REFOCUS, free_port

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("served-data")
    (data_dir / "secret-reflection.txt").write_text("private words", encoding="utf-8")
    port = free_port()
    env = {**os.environ, "REFOCUS_DATA_DIR": str(data_dir)}
    started = time.monotonic()
    command = [REFOCUS, "serve", "--port", str(port), "--forms-port", str(free_port())]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    urls = {}
    for line in process.stdout:
        match = re.search(r"(JupyterLab|Participant forms) \(\w+\): (\S+)", line)
        if match:
            urls[match.group(1)] = match.group(2)
        if len(urls) == 2:
            break
    elapsed = time.monotonic() - started
    url = urls.get("JupyterLab")
    yield {
        "process": process,
        "url": url,
        "forms_url": urls.get("Participant forms"),
        "port": port,
        "data_dir": data_dir,
        "elapsed": elapsed,
        "token": url and url.split("token=")[1],
    }
    if process.poll() is None:
        process.kill()
        process.wait()
    process.stdout.close()


@pytest.mark.slow
def test_lab_answers_within_sixty_seconds(served):
    assert served["url"], "refocus serve printed no Lab URL"
    assert served["elapsed"] < 60
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
