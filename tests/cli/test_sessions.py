import re
import socket

import pytest

from refocus_kit.forms_address import publish
from refocus_kit.sessions import get_session
from refocus_kit.store import Store

TEAM = "Demo team (fictional)"


def opened(cli, *args) -> str:
    result = cli("sessions", "open", "--team", TEAM, *args)
    assert result.exit_code == 0, result.output
    return re.match(r"([A-Z0-9]{6}) ", result.output).group(1)


def test_open_prints_code_link_and_qr(cli, monkeypatch):
    monkeypatch.setenv("REFOCUS_FORMS_URL", "http://kit.invalid:8866/")
    result = cli("sessions", "open", "--team", TEAM, "--number", "4", "--expected", "7")
    code = re.match(r"([A-Z0-9]{6}) ", result.output).group(1)
    assert f"link: http://kit.invalid:8866/s/{code}" in result.output
    assert "█" in result.output  # the QR code, in the terminal
    with Store() as store:
        session = get_session(store, code)
    assert (session.number, session.expected, session.mode) == (4, 7, "self_organised")


def test_open_refuses_bad_values(cli):
    result = cli("sessions", "open", "--team", TEAM, "--number", "12")
    assert result.exit_code == 1 and "must be 1 to 9" in result.output


def test_list_and_close(cli):
    code = opened(cli, "--no-qr")
    assert code in cli("sessions", "list").output
    assert cli("sessions", "close", code.lower()).output.strip() == f"closed {code}"
    assert cli("sessions", "list").output.strip() == "no open sessions"
    assert "closed" in cli("sessions", "list", "--all").output
    assert cli("sessions", "close", code).exit_code == 1


def test_record_as_html_and_pdf(cli, tmp_path):
    code = opened(cli, "--no-qr")
    with Store() as store:
        store.submit(
            "team_reflection_session", {"enablers": "<b>Peer support</b>"}, team=TEAM, session=code
        )
    cli("sessions", "record", code, "--out", tmp_path / "record.html")
    page = (tmp_path / "record.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Peer support&lt;/b&gt;" in page and "1</strong> response" in page
    cli("sessions", "record", code, "--out", tmp_path / "record.pdf")
    assert (tmp_path / "record.pdf").read_bytes().startswith(b"%PDF")
    assert cli("sessions", "record", "NOPE99", "--out", tmp_path / "x.html").exit_code == 1


@pytest.fixture
def forms_server(data_dir, monkeypatch):
    """A forms server's record, as a server listening on a port other than 8866 leaves it."""
    monkeypatch.delenv("REFOCUS_FORMS_URL", raising=False)
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        yield publish(data_dir, "127.0.0.1", listening.getsockname()[1])


def test_open_and_list_link_to_the_running_forms_server(cli, forms_server):
    result = cli("sessions", "open", "--team", TEAM, "--no-qr")
    code = re.match(r"([A-Z0-9]{6}) ", result.output).group(1)
    assert f"link: http://127.0.0.1:{forms_server.port}/s/{code}" in result.stdout
    assert f"link: http://127.0.0.1:{forms_server.port}/s/{code}" in cli("sessions", "list").stdout


def test_a_loopback_link_says_phones_cannot_reach_it(cli, forms_server):
    result = cli("sessions", "open", "--team", TEAM, "--no-qr")
    assert "Phones in the room cannot reach" in result.stderr
    assert "--forms-ip 0.0.0.0" in result.stderr and "REFOCUS_FORMS_URL" in result.stderr
    assert "cannot reach" in cli("sessions", "list").stderr


def test_a_link_on_the_rooms_network_says_nothing_more(cli, data_dir, monkeypatch):
    monkeypatch.setenv("REFOCUS_FORMS_URL", "http://192.168.4.20:8870/")
    result = cli("sessions", "open", "--team", TEAM, "--no-qr")
    assert "link: http://192.168.4.20:8870/s/" in result.stdout and not result.stderr


def test_without_a_running_server_the_link_says_so(cli, monkeypatch):
    monkeypatch.delenv("REFOCUS_FORMS_URL", raising=False)
    result = cli("sessions", "open", "--team", TEAM, "--no-qr")
    assert "link: http://127.0.0.1:8866/s/" in result.stdout
    assert "No forms server is running" in result.stderr and "refocus serve" in result.stderr
